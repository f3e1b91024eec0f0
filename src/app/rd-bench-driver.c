/* rd-bench-driver.c
 *
 * Every measure is "action → next painted frame showing its result": the action is
 * activated, the driver waits until the view it acts on is no longer loading (views that load
 * off the main thread have a "loading" property), then queues a redraw and takes the time at
 * the frame clock's after-paint. Times of the first frame count from RD_BENCH_T0 (monotonic
 * microseconds, taken by the launcher before it started the process).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-bench-driver"

#include "config.h"

#include <stdio.h>

#include "rd-bench-driver.h"
#include "rd-calendar-view.h"
#include "rd-dashboard-view.h"
#include "rd-pipeline-sorter.h"
#include "rd-pipeline-view.h"
#include "rd-stall-monitor.h"
#include "rd-window.h"

#define MONTH_SWITCHES 12

typedef enum
{
  STEP_SHOW_CALENDAR,
  STEP_NEXT_MONTH,
  STEP_PREVIOUS_MONTH,
  STEP_SHOW_PIPELINE,
  STEP_SORT_CUSTOMER,
  STEP_SORT_PRODUCT_ID,
  STEP_SEARCH,
  STEP_CLEAR_SEARCH,
  STEP_SHOW_DASHBOARD,
  STEP_DONE,
} Step;

typedef struct
{
  GtkApplication *application;
  RdWindow       *window;
  GdkFrameClock  *frame_clock;
  gint64          t0;
  gboolean        first_frame_seen;

  Step            step;
  guint           repeat;
  GObject        *waiting_on;    /* the view whose "loading" must be FALSE */
  gint64          action_time;
  gboolean        armed;         /* the result is in: the next after-paint ends the measure */
  guint           poll_id;
  GArray         *month_times;   /* gdouble ms */
  gulong          search_hook;
  gint64          search_changed_time;
} RdBenchDriver;

/* By Step, for the stall monitor's log. */
static const char *const step_names[] = {
  "show-calendar", "next-month", "previous-month", "show-pipeline", "sort-customer",
  "sort-product-id", "search", "clear-search", "dashboard", "done",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == STEP_DONE + 1);

static void rd_bench_driver_run_step (RdBenchDriver *self);

static double
ms_since (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
report (const char *name,
        double      value)
{
  g_print ("RD_BENCH %s %.2f\n", name, value);
  fflush (stdout);
}

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

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_loading (GObject *view)
{
  gboolean loading = FALSE;

  if (view != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (view), "loading"))
    g_object_get (view, "loading", &loading, NULL);

  return loading;
}

static gboolean
on_poll_loading_cb (gpointer user_data)
{
  RdBenchDriver *self = user_data;

  if (is_loading (self->waiting_on))
    return G_SOURCE_CONTINUE;

  self->poll_id = 0;
  self->armed = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self->window));
  return G_SOURCE_REMOVE;
}

/* Ends the measure at the first frame painted once view has its result. */
static void
rd_bench_driver_wait_painted (RdBenchDriver *self,
                              gpointer       view)
{
  self->waiting_on = view;
  self->armed = FALSE;
  g_clear_handle_id (&self->poll_id, g_source_remove);
  self->poll_id = g_timeout_add (1, on_poll_loading_cb, self);
}

static double
median_of (GArray *values)
{
  g_autoptr (GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return 0;

  sorted = g_array_copy (values);
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && g_array_index (sorted, double, j - 1)
                              > g_array_index (sorted, double, j); j--)
      {
        double tmp = g_array_index (sorted, double, j);

        g_array_index (sorted, double, j) = g_array_index (sorted, double, j - 1);
        g_array_index (sorted, double, j - 1) = tmp;
      }

  return n % 2 ? g_array_index (sorted, double, n / 2)
               : (g_array_index (sorted, double, n / 2 - 1)
                  + g_array_index (sorted, double, n / 2)) / 2;
}

static gboolean
run_step_cb (gpointer user_data)
{
  rd_bench_driver_run_step (user_data);
  return G_SOURCE_REMOVE;
}

static void
rd_bench_driver_finish_measure (RdBenchDriver *self)
{
  double elapsed = ms_since (self->action_time);

  switch (self->step)
    {
    case STEP_SHOW_CALENDAR:
      report ("show-calendar", elapsed);
      break;
    case STEP_NEXT_MONTH:
    case STEP_PREVIOUS_MONTH:
      g_array_append_val (self->month_times, elapsed);
      break;
    case STEP_SHOW_PIPELINE:
      report ("show-pipeline", elapsed);
      break;
    case STEP_SORT_CUSTOMER:
      report ("sort-customer", elapsed);
      break;
    case STEP_SORT_PRODUCT_ID:
      report ("sort-product-id", elapsed);
      break;
    case STEP_SEARCH:
      /* From the debounced "search-changed", as a user sees it after the last keystroke. */
      report ("search", ms_since (self->search_changed_time));
      break;
    case STEP_CLEAR_SEARCH:
      report ("clear-search", elapsed);
      break;
    case STEP_SHOW_DASHBOARD:
      report ("dashboard", elapsed);
      break;
    case STEP_DONE:
    default:
      break;
    }

  if ((self->step == STEP_NEXT_MONTH || self->step == STEP_PREVIOUS_MONTH)
      && ++self->repeat < MONTH_SWITCHES)
    ;
  else
    {
      self->repeat = 0;
      self->step++;
    }

  /* The next action comes as a user's would, in a dispatch of its own at the priority of
   * input events, not inside the frame that ended this measure: the stall monitor then
   * counts each on its own, under its own step. */
  g_idle_add_full (G_PRIORITY_DEFAULT, run_step_cb, self, NULL);
}

static gboolean
on_search_changed_hook (GSignalInvocationHint *hint,
                        guint                  n_param_values,
                        const GValue          *param_values,
                        gpointer               user_data)
{
  RdBenchDriver *self = user_data;

  self->search_changed_time = g_get_monotonic_time ();
  return TRUE;
}

/* Sorts by the column whose sorter has sort_key, wherever the column stands. */
static void
sort_pipeline_by (RdBenchDriver  *self,
                  RdPipelineSort  sort_key)
{
  RdPipelineView *view = rd_window_get_pipeline_view (self->window);
  GtkColumnView *column_view;
  GListModel *columns;

  column_view = GTK_COLUMN_VIEW (find_descendant (GTK_WIDGET (view), GTK_TYPE_COLUMN_VIEW));
  columns = gtk_column_view_get_columns (column_view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (RD_IS_PIPELINE_SORTER (sorter)
          && rd_pipeline_sorter_get_sort_key (RD_PIPELINE_SORTER (sorter)) == sort_key)
        {
          gtk_column_view_sort_by_column (column_view, column, GTK_SORT_ASCENDING);
          return;
        }
    }
  g_warning ("No pipeline column sorts by %d", sort_key);
}

static void
set_search_text (RdBenchDriver *self,
                 const char    *text)
{
  RdPipelineView *view = rd_window_get_pipeline_view (self->window);
  GtkWidget *entry;

  rd_pipeline_view_set_search_mode (view, TRUE);
  entry = find_descendant (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
rd_bench_driver_quit (RdBenchDriver *self)
{
  gint64 ended_at = 0;
  gint64 stall;

  stall = rd_stall_monitor_get_longest (&ended_at);
  if (rd_stall_monitor_is_running ())
    report ("longest-stall", stall / 1000.0);
  report ("peak-rss-mib", read_peak_rss_kib () / 1024.0);

  g_application_quit (G_APPLICATION (self->application));
}

static gboolean
on_search_changed_wait_cb (gpointer user_data)
{
  RdBenchDriver *self = user_data;

  /* The entry's debounce has not fired yet: the measure starts when it does. */
  if (self->search_changed_time == 0)
    return G_SOURCE_CONTINUE;

  rd_bench_driver_wait_painted (self, rd_window_get_pipeline_view (self->window));
  return G_SOURCE_REMOVE;
}

static void
rd_bench_driver_run_step (RdBenchDriver *self)
{
  GtkWidget *window = GTK_WIDGET (self->window);
  gpointer view = NULL;

  self->action_time = g_get_monotonic_time ();
  rd_stall_monitor_set_phase (step_names[self->step]);

  switch (self->step)
    {
    case STEP_SHOW_CALENDAR:
      gtk_widget_activate_action (window, "win.show-calendar", NULL);
      view = rd_window_get_calendar_view (self->window);
      break;
    case STEP_NEXT_MONTH:
    case STEP_PREVIOUS_MONTH:
      view = rd_window_get_calendar_view (self->window);
      gtk_widget_activate_action (view, self->step == STEP_NEXT_MONTH
                                        ? "calendar.next-month" : "calendar.previous-month",
                                  NULL);
      break;
    case STEP_SHOW_PIPELINE:
      gtk_widget_activate_action (window, "win.show-pipeline", NULL);
      view = rd_window_get_pipeline_view (self->window);
      break;
    case STEP_SORT_CUSTOMER:
      sort_pipeline_by (self, RD_PIPELINE_SORT_CUSTOMER);
      view = rd_window_get_pipeline_view (self->window);
      break;
    case STEP_SORT_PRODUCT_ID:
      sort_pipeline_by (self, RD_PIPELINE_SORT_PRODUCT_ID);
      view = rd_window_get_pipeline_view (self->window);
      break;
    case STEP_SEARCH:
      self->search_changed_time = 0;
      set_search_text (self, "juniper");
      g_timeout_add (1, on_search_changed_wait_cb, self);
      return;
    case STEP_CLEAR_SEARCH:
      set_search_text (self, "");
      rd_pipeline_view_set_search_mode (rd_window_get_pipeline_view (self->window), FALSE);
      view = rd_window_get_pipeline_view (self->window);
      break;
    case STEP_SHOW_DASHBOARD:
      gtk_widget_activate_action (window, "win.show-dashboard", NULL);
      view = rd_window_get_dashboard_view (self->window);
      break;
    case STEP_DONE:
    default:
      report ("month-switch", median_of (self->month_times));
      rd_bench_driver_quit (self);
      return;
    }

  rd_bench_driver_wait_painted (self, view);
}

static gboolean
start_script_cb (gpointer user_data)
{
  RdBenchDriver *self = user_data;
  GtkWidget *main_stack;

  /* With an empty database the window shows its welcome page: the views are measured
   * anyway, with nothing in them, as the baseline. */
  main_stack = find_descendant (GTK_WIDGET (self->window), GTK_TYPE_STACK);
  if (main_stack != NULL && gtk_stack_get_child_by_name (GTK_STACK (main_stack), "content"))
    gtk_stack_set_visible_child_name (GTK_STACK (main_stack), "content");

  self->step = STEP_SHOW_CALENDAR;
  rd_bench_driver_run_step (self);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   RdBenchDriver *self)
{
  if (!self->first_frame_seen)
    {
      self->first_frame_seen = TRUE;
      report ("first-frame", ms_since (self->t0));
      /* Start-up is measured by the first frame; stalls count from here on. */
      rd_stall_monitor_reset ();
      rd_stall_monitor_set_phase ("after-first-frame");
      g_idle_add (start_script_cb, self);
      return;
    }

  if (self->armed)
    {
      self->armed = FALSE;
      rd_bench_driver_finish_measure (self);
    }
}

static void
on_window_realize_cb (GtkWidget     *widget,
                      RdBenchDriver *self)
{
  self->frame_clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (self->frame_clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    RdBenchDriver  *self)
{
  if (self->window != NULL || !RD_IS_WINDOW (window))
    return;

  self->window = RD_WINDOW (window);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), self);
}

void
rd_bench_driver_attach_if_enabled (GtkApplication *application)
{
  RdBenchDriver *self;
  const char *enabled = g_getenv ("RD_BENCH");
  const char *t0 = g_getenv ("RD_BENCH_T0");

  if (enabled == NULL || *enabled == '\0' || g_str_equal (enabled, "0"))
    return;

  /* Lives as long as the process: the session ends with it. */
  self = g_new0 (RdBenchDriver, 1);
  self->application = application;
  self->t0 = t0 ? g_ascii_strtoll (t0, NULL, 10) : g_get_monotonic_time ();
  self->month_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_type_class_unref (g_type_class_ref (GTK_TYPE_SEARCH_ENTRY));
  self->search_hook = g_signal_add_emission_hook (g_signal_lookup ("search-changed",
                                                                   GTK_TYPE_SEARCH_ENTRY),
                                                  0, on_search_changed_hook, self, NULL);

  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), self);
}
