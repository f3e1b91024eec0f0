/* rd-stall-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-stall-monitor"

#include "config.h"

#include "rd-stall-monitor.h"

/* Short enough to resolve a 16 ms frame, long enough not to load the loop. */
#define INTERVAL_MS 4

static guint  monitor_id;
static gint64 last_dispatch;
static gint64 longest;
static gint64 longest_ended_at;

static gboolean
on_monitor_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - last_dispatch - INTERVAL_MS * G_TIME_SPAN_MILLISECOND;

  if (gap > longest)
    {
      longest = gap;
      longest_ended_at = now;
    }
  last_dispatch = now;

  return G_SOURCE_CONTINUE;
}

void
rd_stall_monitor_start_if_enabled (void)
{
  const char *enabled = g_getenv ("RD_STALL_MONITOR");

  if (monitor_id != 0 || enabled == NULL || *enabled == '\0' || g_str_equal (enabled, "0"))
    return;

  last_dispatch = g_get_monotonic_time ();
  monitor_id = g_timeout_add_full (G_PRIORITY_HIGH, INTERVAL_MS, on_monitor_tick_cb, NULL, NULL);
  g_source_set_name_by_id (monitor_id, "[renewal-desk] stall monitor");
}

gboolean
rd_stall_monitor_is_running (void)
{
  return monitor_id != 0;
}

void
rd_stall_monitor_reset (void)
{
  longest = 0;
  longest_ended_at = 0;
  last_dispatch = g_get_monotonic_time ();
}

gint64
rd_stall_monitor_get_longest (gint64 *ended_at)
{
  if (ended_at != NULL)
    *ended_at = longest_ended_at;

  return MAX (longest, 0);
}
