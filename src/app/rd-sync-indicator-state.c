/* rd-sync-indicator-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-sync-indicator-state.h"

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b)
         && g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* "10:42" today, "3 Mar, 10:42" on another day. */
static char *
format_sync_time (GDateTime *time,
                  GDateTime *now)
{
  if (now != NULL && same_day (time, now))
    /* Translators: the time of the last sync today, see g_date_time_format() */
    return g_date_time_format (time, _("%H:%M"));

  /* Translators: the day and time of the last sync, see g_date_time_format() */
  return g_date_time_format (time, _("%-d %b, %H:%M"));
}

void
rd_sync_indicator_state_compute (RdSyncIndicatorState *state,
                                 gboolean              enabled,
                                 RdSyncState           sync_state,
                                 double                progress,
                                 guint                 conflicts,
                                 const char           *last_error,
                                 GDateTime            *last_synced,
                                 GDateTime            *now)
{
  g_autofree char *when = NULL;

  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
  state->conflicts = conflicts;
  state->action_label = _("Sync Now");

  if (last_synced != NULL)
    when = format_sync_time (last_synced, now);

  if (conflicts > 0)
    {
      state->conflicts_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u conflict", "%u conflicts",
                                                             conflicts),
                                                conflicts);
      state->conflicts_accessible_label =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Resolve %u sync conflict", "Resolve %u sync conflicts",
                                      conflicts),
                         conflicts);
    }

  if (!enabled)
    {
      state->mode = RD_SYNC_INDICATOR_HIDDEN;
      state->title = g_strdup (_("Team sync is off"));
      state->detail = g_strdup (_("Turn it on in Preferences to share renewals with your "
                                  "team."));
      state->accessible_label = g_strdup (_("Team sync is off"));
      return;
    }

  switch (sync_state)
    {
    case RD_SYNC_STATE_SYNCING:
      state->mode = RD_SYNC_INDICATOR_SYNCING;
      state->show_progress = TRUE;
      state->progress = CLAMP (progress, 0.0, 1.0);
      state->title = g_strdup (_("Syncing…"));
      state->detail = g_strdup (_("Receiving your team’s changes and sending yours."));
      state->accessible_label =
        /* Translators: %d is a percentage */
        g_strdup_printf (_("Team sync: syncing, %d %% done"),
                         (int) (state->progress * 100.0 + 0.5));
      break;

    case RD_SYNC_STATE_OFFLINE:
      state->mode = RD_SYNC_INDICATOR_OFFLINE;
      state->icon_name = "network-offline-symbolic";
      state->title = g_strdup (_("Offline"));
      if (when != NULL)
        /* Translators: %s is a time, e.g. "10:42" */
        state->detail = g_strdup_printf (_("The sync server cannot be reached. Your changes "
                                           "are kept and sent when it is back. Last synced "
                                           "at %s."), when);
      else
        state->detail = g_strdup (_("The sync server cannot be reached. Your changes are "
                                    "kept and sent when it is back."));
      state->accessible_label = g_strdup (_("Team sync: offline"));
      break;

    case RD_SYNC_STATE_ERROR:
      state->mode = RD_SYNC_INDICATOR_ERROR;
      state->icon_name = "dialog-warning-symbolic";
      state->css_class = "error";
      state->title = g_strdup (_("Sync Failed"));
      state->detail = g_strdup (last_error != NULL && *last_error != '\0'
                                ? last_error : _("The last sync did not finish."));
      state->accessible_label = g_strdup_printf (_("Team sync failed: %s"), state->detail);
      state->action_label = _("Retry");
      break;

    case RD_SYNC_STATE_IDLE:
    case RD_SYNC_STATE_CONFLICTS:
    default:
      state->mode = RD_SYNC_INDICATOR_SYNCED;
      state->icon_name = "emblem-synchronizing-symbolic";
      if (when != NULL)
        {
          /* Translators: %s is a time, e.g. "10:42" */
          state->title = g_strdup_printf (_("Synced at %s"), when);
          state->accessible_label = g_strdup_printf (_("Team sync: synced at %s"), when);
        }
      else
        {
          state->title = g_strdup (_("Not Synced Yet"));
          state->accessible_label = g_strdup (_("Team sync: not synced yet"));
        }
      if (conflicts > 0)
        state->detail = g_strdup (_("Some records were changed here and on the server. "
                                    "Choose which version to keep."));
      else
        state->detail = g_strdup (_("Your renewals are shared with your team. Changes are "
                                    "sent a few seconds after you make them."));
      break;
    }
}

void
rd_sync_indicator_state_clear (RdSyncIndicatorState *state)
{
  g_clear_pointer (&state->title, g_free);
  g_clear_pointer (&state->detail, g_free);
  g_clear_pointer (&state->accessible_label, g_free);
  g_clear_pointer (&state->conflicts_label, g_free);
  g_clear_pointer (&state->conflicts_accessible_label, g_free);
}
