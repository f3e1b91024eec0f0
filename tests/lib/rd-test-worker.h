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

G_END_DECLS
