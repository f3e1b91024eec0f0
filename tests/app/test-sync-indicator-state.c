/* test-sync-indicator-state.c
 *
 * The header bar's sync indicator, as plain values: no display or server needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-sync-indicator-state.h"

static GDateTime *
local_time (int day,
            int hour,
            int minute)
{
  return g_date_time_new_local (2026, 3, day, hour, minute, 0);
}

static void
test_sync_indicator_hidden (void)
{
  RdSyncIndicatorState state;

  rd_sync_indicator_state_compute (&state, FALSE, RD_SYNC_STATE_IDLE, 0.0, 0, NULL, NULL,
                                   NULL);
  g_assert_cmpint (state.mode, ==, RD_SYNC_INDICATOR_HIDDEN);
  g_assert_null (state.conflicts_label);
  rd_sync_indicator_state_clear (&state);

  /* Conflicts left over from before sync was turned off are still offered. */
  rd_sync_indicator_state_compute (&state, FALSE, RD_SYNC_STATE_CONFLICTS, 0.0, 2, NULL, NULL,
                                   NULL);
  g_assert_cmpint (state.mode, ==, RD_SYNC_INDICATOR_HIDDEN);
  g_assert_cmpstr (state.conflicts_label, ==, "2 conflicts");
  rd_sync_indicator_state_clear (&state);
}

static void
test_sync_indicator_synced (void)
{
  g_autoptr (GDateTime) synced = local_time (17, 10, 42);
  g_autoptr (GDateTime) same_day = local_time (17, 15, 0);
  g_autoptr (GDateTime) next_day = local_time (18, 9, 0);
  RdSyncIndicatorState state;

  rd_sync_indicator_state_compute (&state, TRUE, RD_SYNC_STATE_IDLE, 1.0, 0, NULL, NULL,
                                   same_day);
  g_assert_cmpint (state.mode, ==, RD_SYNC_INDICATOR_SYNCED);
  g_assert_cmpstr (state.title, ==, "Not Synced Yet");
  rd_sync_indicator_state_clear (&state);

  rd_sync_indicator_state_compute (&state, TRUE, RD_SYNC_STATE_IDLE, 1.0, 0, NULL, synced,
                                   same_day);
  g_assert_cmpstr (state.title, ==, "Synced at 10:42");
  g_assert_cmpstr (state.accessible_label, ==, "Team sync: synced at 10:42");
  g_assert_cmpstr (state.icon_name, ==, "emblem-synchronizing-symbolic");
  g_assert_cmpstr (state.action_label, ==, "Sync Now");
  g_assert_null (state.css_class);
  rd_sync_indicator_state_clear (&state);

  rd_sync_indicator_state_compute (&state, TRUE, RD_SYNC_STATE_IDLE, 1.0, 0, NULL, synced,
                                   next_day);
  g_assert_cmpstr (state.title, ==, "Synced at 17 Mar, 10:42");
  rd_sync_indicator_state_clear (&state);
}

static void
test_sync_indicator_syncing (void)
{
  RdSyncIndicatorState state;

  rd_sync_indicator_state_compute (&state, TRUE, RD_SYNC_STATE_SYNCING, 0.4, 0, NULL, NULL,
                                   NULL);
  g_assert_cmpint (state.mode, ==, RD_SYNC_INDICATOR_SYNCING);
  g_assert_null (state.icon_name);
  g_assert_true (state.show_progress);
  g_assert_cmpfloat_with_epsilon (state.progress, 0.4, 1e-9);
  g_assert_cmpstr (state.accessible_label, ==, "Team sync: syncing, 40 % done");
  rd_sync_indicator_state_clear (&state);
}

static void
test_sync_indicator_offline_and_error (void)
{
  g_autoptr (GDateTime) synced = local_time (17, 10, 42);
  RdSyncIndicatorState state;

  rd_sync_indicator_state_compute (&state, TRUE, RD_SYNC_STATE_OFFLINE, 0.0, 0,
                                   "Could not connect", synced, synced);
  g_assert_cmpint (state.mode, ==, RD_SYNC_INDICATOR_OFFLINE);
  g_assert_cmpstr (state.icon_name, ==, "network-offline-symbolic");
  g_assert_cmpstr (state.title, ==, "Offline");
  g_assert_nonnull (strstr (state.detail, "10:42"));
  rd_sync_indicator_state_clear (&state);

  rd_sync_indicator_state_compute (&state, TRUE, RD_SYNC_STATE_ERROR, 0.0, 0,
                                   "Wrong user name or password", NULL, synced);
  g_assert_cmpint (state.mode, ==, RD_SYNC_INDICATOR_ERROR);
  g_assert_cmpstr (state.css_class, ==, "error");
  g_assert_cmpstr (state.detail, ==, "Wrong user name or password");
  g_assert_cmpstr (state.action_label, ==, "Retry");
  g_assert_cmpstr (state.accessible_label, ==, "Team sync failed: Wrong user name or password");
  rd_sync_indicator_state_clear (&state);
}

static void
test_sync_indicator_conflicts (void)
{
  g_autoptr (GDateTime) synced = local_time (17, 10, 42);
  RdSyncIndicatorState state;

  rd_sync_indicator_state_compute (&state, TRUE, RD_SYNC_STATE_CONFLICTS, 1.0, 1, NULL, synced,
                                   synced);
  g_assert_cmpint (state.mode, ==, RD_SYNC_INDICATOR_SYNCED);
  g_assert_cmpstr (state.conflicts_label, ==, "1 conflict");
  g_assert_cmpstr (state.conflicts_accessible_label, ==, "Resolve 1 sync conflict");
  rd_sync_indicator_state_clear (&state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/sync-indicator/hidden", test_sync_indicator_hidden);
  g_test_add_func ("/app/sync-indicator/synced", test_sync_indicator_synced);
  g_test_add_func ("/app/sync-indicator/syncing", test_sync_indicator_syncing);
  g_test_add_func ("/app/sync-indicator/offline-and-error", test_sync_indicator_offline_and_error);
  g_test_add_func ("/app/sync-indicator/conflicts", test_sync_indicator_conflicts);

  return g_test_run ();
}
