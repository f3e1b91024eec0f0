/* bench-bare-window.c
 *
 * The GUI benchmark's yardstick: a bare AdwApplicationWindow of the main window's default
 * size. Prints the time from RD_BENCH_T0 (monotonic microseconds, taken by the launcher) to
 * its first painted frame and its peak RSS, in the lines the application's bench driver
 * prints, then quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include <adwaita.h>

static gint64 t0;

static gint64
read_peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   GtkApplication *application)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, application);
  g_print ("RD_BENCH first-frame %.2f\n", (g_get_monotonic_time () - t0) / 1000.0);
  g_print ("RD_BENCH peak-rss-mib %.2f\n", read_peak_rss_kib () / 1024.0);
  fflush (stdout);
  g_application_quit (G_APPLICATION (application));
}

static void
on_realize_cb (GtkWidget      *window,
               GtkApplication *application)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), application);
}

static void
on_activate_cb (GtkApplication *application)
{
  GtkWidget *window = adw_application_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  gtk_window_set_title (GTK_WINDOW (window), "Renewal Desk");
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) application = NULL;
  const char *start = g_getenv ("RD_BENCH_T0");

  t0 = start ? g_ascii_strtoll (start, NULL, 10) : g_get_monotonic_time ();

  application = adw_application_new ("io.github.renewaldesk.RenewalDesk.BenchBareWindow",
                                     G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
