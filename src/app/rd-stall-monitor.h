/* rd-stall-monitor.h
 *
 * Measures how long the main loop goes without dispatching: a high-priority timer that notes
 * the gap between its dispatches. Enabled by RD_STALL_MONITOR=1 (the GUI benchmark sets it);
 * RD_STALL_MONITOR=log also prints every gap over 50 ms to stderr, with the phase it fell in
 * and how much of it the main thread spent on a CPU and waiting for one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts the monitor on the default main context if RD_STALL_MONITOR is set; idempotent. */
void     rd_stall_monitor_start_if_enabled (void);
gboolean rd_stall_monitor_is_running       (void);
/* Names what the application is doing, for the log; name is a static string. */
void     rd_stall_monitor_set_phase        (const char *name);
/* Forgets the stalls seen so far (e.g. those of start-up, measured on their own). */
void     rd_stall_monitor_reset            (void);
/* The longest gap beyond the timer's own interval, in microseconds, and when it ended
 * (monotonic time). */
gint64   rd_stall_monitor_get_longest      (gint64 *ended_at);

G_END_DECLS
