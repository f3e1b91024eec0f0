/* rd-sync-indicator.h
 *
 * The header bar's sync state (DESIGN §5): synced with the time, syncing, offline, an error
 * with Retry, and a button for the conflicts that opens the resolver.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_SYNC_INDICATOR (rd_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncIndicator, rd_sync_indicator, RD, SYNC_INDICATOR, AdwBin)

void         rd_sync_indicator_set_context (RdSyncIndicator *self,
                                            RdContext       *context);
/* What it shows now, for tests and screen readers. */
const char  *rd_sync_indicator_get_title   (RdSyncIndicator *self);
GtkWidget   *rd_sync_indicator_get_conflicts_button (RdSyncIndicator *self);
GtkWidget   *rd_sync_indicator_get_status_button    (RdSyncIndicator *self);

G_END_DECLS
