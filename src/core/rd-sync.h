/* rd-sync.h
 *
 * The sync engine (DESIGN §5): pulls the team database's changes, merges them into the store,
 * pushes this device's edits, over the Apache CouchDB HTTP API. Fully asynchronous; its state,
 * progress and counts are properties a header bar can bind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"
#include "rd-store-sync.h"

G_BEGIN_DECLS

#define RD_SYNC_ERROR (rd_sync_error_quark ())

typedef enum
{
  RD_SYNC_ERROR_FAILED,
  RD_SYNC_ERROR_INVALID_URL,   /* not a URL, or http:// to a host that is not this computer */
  RD_SYNC_ERROR_UNAUTHORIZED,  /* wrong user name or password */
  RD_SYNC_ERROR_FORBIDDEN,     /* the user may not read or write (the database or a record) */
  RD_SYNC_ERROR_NOT_FOUND,     /* no such database */
  RD_SYNC_ERROR_OFFLINE,       /* the server cannot be reached */
  RD_SYNC_ERROR_SERVER,        /* the server kept failing (5xx) */
  RD_SYNC_ERROR_PROTOCOL,      /* the response is not what a CouchDB server sends */
  RD_SYNC_ERROR_BUSY,          /* a sync is running already */
} RdSyncError;

typedef enum
{
  RD_SYNC_STATE_IDLE,
  RD_SYNC_STATE_SYNCING,
  RD_SYNC_STATE_OFFLINE,
  RD_SYNC_STATE_ERROR,
  RD_SYNC_STATE_CONFLICTS,
} RdSyncState;

#define RD_TYPE_SYNC_STATE (rd_sync_state_get_type ())
GType rd_sync_state_get_type (void);

#define RD_TYPE_SYNC_ENGINE (rd_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncEngine, rd_sync_engine, RD, SYNC_ENGINE, GObject)

GQuark        rd_sync_error_quark            (void);

/* https:// anywhere; http:// only to this computer (127.0.0.0/8, ::1, localhost). */
gboolean      rd_sync_check_server_url       (const char    *url,
                                              GError       **error);
/* CouchDB's rule: a lower-case letter, then lower-case letters, digits and _$()+-/ */
gboolean      rd_sync_check_database_name    (const char    *name,
                                              GError       **error);

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
