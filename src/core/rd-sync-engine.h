/* rd-sync-engine.h
 *
 * The sync engine (DESIGN §5): pulls the team database's changes, merges them into the store,
 * pushes this device's edits, over the Apache CouchDB HTTP API (through RdCouchClient). Fully
 * asynchronous; its state, progress and counts are properties a header bar can bind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"
#include "rd-store-sync.h"
#include "rd-sync.h"

G_BEGIN_DECLS

#define RD_TYPE_SYNC_ENGINE (rd_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncEngine, rd_sync_engine, RD, SYNC_ENGINE, GObject)

RdSyncEngine *rd_sync_engine_new             (RdStore       *store);
RdStore      *rd_sync_engine_get_store       (RdSyncEngine  *self);

void          rd_sync_engine_set_server      (RdSyncEngine  *self,
                                              const char    *url,
                                              const char    *database);
void          rd_sync_engine_set_credentials (RdSyncEngine  *self,
                                              const char    *username,
                                              const char    *password);
const char   *rd_sync_engine_get_server_url  (RdSyncEngine  *self);
const char   *rd_sync_engine_get_database    (RdSyncEngine  *self);

RdSyncState   rd_sync_engine_get_state       (RdSyncEngine  *self);
double        rd_sync_engine_get_progress    (RdSyncEngine  *self);
guint         rd_sync_engine_get_pushed      (RdSyncEngine  *self);
guint         rd_sync_engine_get_pulled      (RdSyncEngine  *self);
guint         rd_sync_engine_get_conflicts   (RdSyncEngine  *self);
const char   *rd_sync_engine_get_last_error  (RdSyncEngine  *self);
/* Server documents set aside because this device cannot store them (rd-store-sync.h). */
guint         rd_sync_engine_get_quarantined (RdSyncEngine  *self);
/* Re-reads the number of conflicts (and the state) after the user resolved some. */
void          rd_sync_engine_update_conflicts (RdSyncEngine *self);

/* One round: pull everything new, merge, push every dirty record. Counts start at 0. */
void          rd_sync_engine_sync_async      (RdSyncEngine        *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      rd_sync_engine_sync_finish     (RdSyncEngine        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
