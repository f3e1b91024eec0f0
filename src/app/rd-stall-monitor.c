/* rd-stall-monitor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-stall-monitor"

#include "config.h"

#include <time.h>

#include "rd-stall-monitor.h"

/* Short enough to resolve a 16 ms frame, long enough not to load the loop. */
#define INTERVAL_MS 4
/* With RD_STALL_MONITOR=log, every gap longer than this is printed. */
#define LOG_THRESHOLD_MS 50

static guint       monitor_id;
static gint64      last_dispatch;
static gint64      longest;
static gint64      longest_ended_at;
static gboolean    logging;
static const char *phase = "start";
static gint64      last_cpu;     /* the main thread's CPU time, µs */
static gint64      last_waited;  /* its time runnable but not running, µs */

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The time this thread waited for a CPU while it could run (Linux schedstat), µs. */
static gint64
thread_run_delay (void)
{
  g_autofree char *stat = NULL;
  char **fields;
  gint64 delay = 0;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &stat, NULL, NULL))
    return 0;
  fields = g_strsplit (stat, " ", 3);
  if (g_strv_length (fields) >= 2)
    delay = g_ascii_strtoll (fields[1], NULL, 10) / 1000;
  g_strfreev (fields);
  return delay;
}

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
  if (logging)
    {
      gint64 cpu = thread_cpu_time ();
      gint64 waited = thread_run_delay ();

      /* Busy on the main thread, waiting for a CPU, or blocked: a stall is one of those. */
      if (gap > LOG_THRESHOLD_MS * G_TIME_SPAN_MILLISECOND)
        g_printerr ("RD_STALL %s: %.1f ms, %.1f ms on CPU, %.1f ms waiting for one, "
                    "ended at %.6f\n", phase, gap / 1000.0, (cpu - last_cpu) / 1000.0,
                    (waited - last_waited) / 1000.0, now / 1e6);
      last_cpu = cpu;
      last_waited = waited;
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

  logging = g_str_equal (enabled, "log");
  last_dispatch = g_get_monotonic_time ();
  if (logging)
    {
      last_cpu = thread_cpu_time ();
      last_waited = thread_run_delay ();
    }
  monitor_id = g_timeout_add_full (G_PRIORITY_HIGH, INTERVAL_MS, on_monitor_tick_cb, NULL, NULL);
  g_source_set_name_by_id (monitor_id, "[renewal-desk] stall monitor");
}

gboolean
rd_stall_monitor_is_running (void)
{
  return monitor_id != 0;
}

void
rd_stall_monitor_set_phase (const char *name)
{
  phase = name;
  /* Monotonic seconds, as `perf record -k CLOCK_MONOTONIC` stamps its samples. */
  if (logging)
    g_printerr ("RD_STALL phase %s at %.6f\n", name, g_get_monotonic_time () / 1e6);
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
