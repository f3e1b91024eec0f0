/* rd-sync.h
 *
 * Team sync (DESIGN §5): its error domain, its states, and the rules for a server address and
 * a database name. The work is done by RdCouchClient (HTTP, rd-couch-client.h), RdSyncEngine
 * (the pull/repair/push rounds, rd-sync-engine.h), the pure merge (rd-merge.h) and the store's
 * side (rd-store-sync.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

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
  RD_SYNC_ERROR_INVALID_RECORD, /* a local record the record check refuses was not sent */
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

GQuark        rd_sync_error_quark            (void);

/* https:// anywhere; http:// only to this computer (127.0.0.0/8, ::1, localhost); never a
 * user name or password in the address (they belong to the keyring). */
gboolean      rd_sync_check_server_url       (const char    *url,
                                              GError       **error);
/* CouchDB's rule: a lower-case letter, then lower-case letters, digits and _$()+-/ */
gboolean      rd_sync_check_database_name    (const char    *name,
                                              GError       **error);

G_END_DECLS

#include "rd-sync-engine.h"
