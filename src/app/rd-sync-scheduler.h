/* rd-sync-scheduler.h
 *
 * When the application syncs (DESIGN §5): at start when configured, a few seconds after an
 * edit, every sync-interval minutes, when the network comes back, and when the user asks.
 * Owns the RdSyncEngine, configures it from GSettings and the password from the Secret
 * Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"
#include "rd-sync.h"

G_BEGIN_DECLS

#define RD_TYPE_SYNC_SCHEDULER (rd_sync_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncScheduler, rd_sync_scheduler, RD, SYNC_SCHEDULER, GObject)

RdSyncScheduler *rd_sync_scheduler_new              (RdStore         *store,
                                                     GSettings       *settings);
RdSyncEngine    *rd_sync_scheduler_get_engine       (RdSyncScheduler *self);
/* Turned on with a server address and a database. */
gboolean         rd_sync_scheduler_get_enabled      (RdSyncScheduler *self);
/* When the last round succeeded, NULL before. */
GDateTime       *rd_sync_scheduler_get_last_synced  (RdSyncScheduler *self);
/* Starts the timers and the first round (from the main loop, not from this call). */
void             rd_sync_scheduler_start            (RdSyncScheduler *self);
/* A round now, or right after the running one. */
void             rd_sync_scheduler_sync_now         (RdSyncScheduler *self);
/* The password in the Secret Service changed: read it again before the next round. */
void             rd_sync_scheduler_reload_password  (RdSyncScheduler *self);

G_END_DECLS
