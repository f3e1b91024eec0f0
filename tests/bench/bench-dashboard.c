/* bench-dashboard.c
 *
 * The Dashboard's figures and its ACE review page on a demo database of N agreements
 * (default 100,000; made once in a temporary folder, or read from --db FILE): the median
 * of 5 runs of each, as the view's worker computes them, in wall-clock time and in CPU time
 * (which a loaded machine inflates less). Prints numbers; judges nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <time.h>

#include "rd-dashboard.h"
#include "rd-demo.h"

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The CPU time this process has used, in microseconds. */
static gint64
cpu_time_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static double
median_ms (double *runs)
{
  qsort (runs, RUNS, sizeof *runs, compare_doubles);
  return runs[RUNS / 2];
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  int count = 100000;
  double figures[RUNS], figures_cpu[RUNS], page[RUNS];
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Demo agreements to make", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "An existing database to read instead", "FILE" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (db == NULL)
    {
      dir = g_dir_make_tmp ("rd-bench-dashboard-XXXXXX", &error);
      g_assert_no_error (error);
      db = g_build_filename (dir, "renewals.db", NULL);
    }
  store = rd_store_open (db, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (dir != NULL && !rd_demo_populate (store, (guint) count, 42, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr (GPtrArray) due = NULL;
      RdDashboard d;
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = cpu_time_us ();

      if (!rd_dashboard_compute (store, NULL, &d, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      figures[i] = (g_get_monotonic_time () - start) / 1000.0;
      figures_cpu[i] = (cpu_time_us () - cpu_start) / 1000.0;
      start = g_get_monotonic_time ();
      due = rd_dashboard_list_ace_review_due (store, NULL, 12, &error);
      if (due == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      page[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  g_print ("dashboard figures: %.1f ms\n", median_ms (figures));
  g_print ("dashboard figures, CPU time: %.1f ms\n", median_ms (figures_cpu));
  g_print ("ACE review page (12 rows): %.1f ms\n", median_ms (page));

  g_clear_object (&store);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  return 0;
}
