/* rd-sync-apply.h
 *
 * A pulled _changes page parsed and applied to the store off the main thread: on the store's
 * sync worker (rd-store-worker.h), every change of the page and its last_seq in one
 * transaction, pages in the order they were handed over. The main thread meanwhile reads the
 * next page. Parsing and applying take turns on that one thread, so a pull never keeps two
 * processors busy beside the server it reads from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Set on a change whose document cannot be stored (careful mode): the reason. */
#define RD_SYNC_QUARANTINE_MEMBER "renewal-desk-quarantine"

/* Parses text, a _changes answer, on the sync worker after the jobs handed to it before
 * (rd_couch_parse_answer; its errors as that gives them). */
void      rd_sync_apply_parse_async      (RdStore             *store,
                                          GBytes              *text,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
JsonNode *rd_sync_apply_parse_finish     (RdStore             *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Whether every change of changes (a _changes answer) that is to be applied has its document
 * and revision: repaired (id → merged document, or NULL) stands in for a change's own. */
gboolean rd_sync_apply_batch_is_complete (JsonNode            *changes,
                                          GHashTable          *repaired);
/* Applies changes, a complete batch, and stores its last_seq. changes and repaired are
 * referenced and not touched by the caller again until callback. A batch cancelled before it
 * begins writes nothing; a begun one commits whole. The store says "changed" before callback. */
void     rd_sync_apply_batch_async       (RdStore             *store,
                                          JsonNode            *changes,
                                          GHashTable          *repaired,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* pulled: how many documents changed the store. */
gboolean rd_sync_apply_batch_finish      (RdStore             *store,
                                          GAsyncResult        *result,
                                          guint               *pulled,
                                          GError             **error);

G_END_DECLS
