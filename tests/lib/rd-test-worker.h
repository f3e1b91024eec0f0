/* rd-test-worker.h
 *
 * A job for the store's worker that runs until it is cancelled, for the tests of
 * cancellation and of queues that must not wait for each other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/* Counts to a billion in SQL on @reader: only an interruption ends it in time. @started
 * (@data) is called once the query is ready to run. Returns the count (a gint64 to free
 * with g_free()), or NULL and sets @error. */
gpointer rd_test_count_to_a_billion (RdStore  *reader,
                                     void    (*started) (gpointer data),
                                     gpointer  data,
                                     GError  **error);

/* A job for rd_store_worker_run_async(): sets the int flag data (atomically) once it runs,
 * then counts until cancelled. */
gpointer rd_test_endless_job        (RdStore       *reader,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);
/* Whether the int flag rd_test_endless_job() sets is set: for rd_test_wait_until(). */
gboolean rd_test_flag_is_set        (gpointer       flag);

G_END_DECLS
