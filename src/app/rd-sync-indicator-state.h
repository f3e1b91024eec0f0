/* rd-sync-indicator-state.h
 *
 * What the header bar's sync indicator shows, computed from plain values so it can be tested
 * without a display: the icon or spinner, the texts of the tooltip and the popover, the
 * accessible name, and the "N conflicts" button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-sync.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SYNC_INDICATOR_HIDDEN,   /* sync is not set up */
  RD_SYNC_INDICATOR_SYNCED,
  RD_SYNC_INDICATOR_SYNCING,
  RD_SYNC_INDICATOR_OFFLINE,
  RD_SYNC_INDICATOR_ERROR,
} RdSyncIndicatorMode;

typedef struct
{
  RdSyncIndicatorMode  mode;
  const char          *icon_name;        /* NULL while syncing: a spinner */
  const char          *css_class;        /* of the status button, or NULL */
  char                *title;            /* tooltip and popover heading: "Synced at 10:42" */
  char                *detail;           /* the popover's explanation */
  char                *accessible_label; /* "Team sync: synced at 10:42" */
  const char          *action_label;     /* "Sync Now", or "Retry" after an error */
  gboolean             show_progress;
  double               progress;
  guint                conflicts;
  char                *conflicts_label;  /* "1 conflict", NULL without conflicts */
  char                *conflicts_accessible_label;
} RdSyncIndicatorState;

void  rd_sync_indicator_state_compute (RdSyncIndicatorState *state,
                                       gboolean              enabled,
                                       RdSyncState           sync_state,
                                       double                progress,
                                       guint                 conflicts,
                                       const char           *last_error,
                                       GDateTime            *last_synced,
                                       GDateTime            *now);
void  rd_sync_indicator_state_clear   (RdSyncIndicatorState *state);

G_END_DECLS
