/* test-calendar.c
 *
 * The calendar as a renewal specialist uses it, by mouse on the real window: a click on a
 * day shows its dates in the agenda beside the month, and a click on "Mine" keeps only the
 * user's own renewals there too, as in the day's cell; a milestone's Mark Done button in the
 * agenda marks it done. Writes screenshots/calendar-day-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-agenda-row.h"
#include "rd-calendar-model.h"
#include "rd-calendar-view.h"
#include "rd-day-cell.h"
#include "rd-month-grid.h"
#include "rd-test-app.h"
#include "rd-test-keys.h"
#include "rd-window.h"

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open_demo_window (fixture, "calendar", 1280, 800);
}

typedef struct
{
  RdMonthGrid *grid;
  GDate        date;
  guint        n_events;
} CellWait;

static gboolean
cell_has_n_events (gpointer user_data)
{
  CellWait *wait = user_data;

  return rd_day_cell_get_state (rd_month_grid_get_cell (wait->grid, &wait->date))->n_events
         == wait->n_events;
}

static gboolean
grid_has_events (gpointer user_data)
{
  RdMonthGrid *grid = user_data;
  GDate first;

  rd_month_grid_get_range (grid, &first, NULL);
  for (guint i = 0; i < RD_MONTH_GRID_DAYS; i++)
    {
      GDate day = first;

      g_date_add_days (&day, i);
      if (rd_day_cell_get_state (rd_month_grid_get_cell (grid, &day))->n_events > 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
day_is_selected (gpointer user_data)
{
  CellWait *wait = user_data;
  GDate selected;

  rd_month_grid_get_selected (wait->grid, &selected);
  return g_date_compare (&selected, &wait->date) == 0;
}

/* A day of the shown month with at least three dates, clicked: the agenda lists them all.
 * One of its records becomes the user's, one a colleague's; "Mine", clicked, leaves the
 * user's alone in the agenda and in the cell, and clicked again brings every one back. */
static void
test_agenda_mine (RdTestFixture *fixture,
                  gconstpointer  user_data)
{
  RdCalendarView *calendar = rd_window_get_calendar_view (fixture->window);
  GListModel *agenda = rd_calendar_view_get_agenda (calendar);
  RdMonthGrid *grid = rd_calendar_view_get_grid (calendar);
  g_autoptr (RdCalendarEvent) mine = NULL;
  g_autoptr (RdCalendarEvent) theirs = NULL;
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;
  CellWait cell_wait = { grid, { 0 }, 0 };
  GtkWidget *toggle;
  GDate first;
  guint n_day = 0;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-calendar", NULL);
  rd_test_wait_for_view (fixture->window, "calendar");
  rd_test_wait_for_frame (GTK_WIDGET (calendar));

  /* The page is read off the main thread: wait until the month shows dates. */
  rd_test_wait_until (grid_has_events, grid, "the month to show its dates");
  rd_month_grid_get_range (grid, &first, NULL);
  for (guint i = 7; i < RD_MONTH_GRID_DAYS - 7 && n_day < 3; i++)
    {
      const RdDayCellState *state;

      cell_wait.date = first;
      g_date_add_days (&cell_wait.date, i);
      state = rd_day_cell_get_state (rd_month_grid_get_cell (grid, &cell_wait.date));
      if (!state->is_other_month)
        n_day = state->n_events;
    }
  g_assert_cmpuint (n_day, >=, 3);

  rd_test_click_widget (GTK_WIDGET (rd_month_grid_get_cell (grid, &cell_wait.date)));
  rd_test_wait_until (day_is_selected, &cell_wait, "the clicked day to be selected");
  rd_test_wait_for_agenda (calendar);
  rd_test_wait_for_n_items (agenda, n_day);

  /* The first date's record is Sam's, the second's Dana's, the others nobody's. */
  mine = g_list_model_get_item (agenda, 0);
  theirs = g_list_model_get_item (agenda, 1);
  g_assert_cmpstr (rd_calendar_event_get_record_id (mine), !=,
                   rd_calendar_event_get_record_id (theirs));
  g_settings_set_string (fixture->settings, "owner-name", "Sam");
  g_assert_true (rd_store_begin (fixture->store, &error));
  json_object_set_string_member (patch, "owner", "Sam");
  g_assert_true (rd_store_merge_patch (fixture->store, rd_calendar_event_get_record_id (mine),
                                       patch, &error));
  json_object_set_string_member (patch, "owner", "Dana");
  g_assert_true (rd_store_merge_patch (fixture->store,
                                       rd_calendar_event_get_record_id (theirs), patch,
                                       &error));
  g_assert_true (rd_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  toggle = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (calendar),
                                                        RD_TYPE_CALENDAR_VIEW,
                                                        "mine_toggle");
  rd_test_wait_for_frame (toggle);
  g_assert_true (gtk_widget_get_sensitive (toggle));
  rd_test_click_widget (toggle);
  rd_test_wait_for_n_items (agenda, 1);
  cell_wait.n_events = 1;
  rd_test_wait_until (cell_has_n_events, &cell_wait, "the day's cell to count Sam's date");
  {
    g_autoptr (RdCalendarEvent) left = g_list_model_get_item (agenda, 0);

    g_assert_cmpstr (rd_calendar_event_get_record_id (left), ==,
                     rd_calendar_event_get_record_id (mine));
  }
  rd_test_wait_for_frame (GTK_WIDGET (calendar));
  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "calendar-day-mine");

  rd_test_click_widget (toggle);
  rd_test_wait_for_n_items (agenda, n_day);
  cell_wait.n_events = n_day;
  rd_test_wait_until (cell_has_n_events, &cell_wait, "the day's cell to count every date");
}

static gboolean
grid_shows_range (gpointer user_data)
{
  return !rd_month_grid_get_range_pending (RD_MONTH_GRID (user_data));
}

/* The first milestone of the agenda not yet done, or NULL. */
static RdCalendarEvent *
agenda_open_milestone (GListModel *agenda)
{
  for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
    {
      g_autoptr (RdCalendarEvent) event = g_list_model_get_item (agenda, i);

      if (rd_calendar_event_get_kind (event) == RD_CALENDAR_EVENT_MILESTONE
          && !rd_calendar_event_get_done (event))
        return g_steal_pointer (&event);
    }
  return NULL;
}

/* The shown Mark Done button of the agenda row of event. */
static gboolean
is_done_button_of (GtkWidget     *widget,
                   gconstpointer  data)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, RD_TYPE_AGENDA_ROW);
  RdCalendarEvent *event;

  if (row == NULL || !gtk_widget_has_css_class (widget, "mark-done")
      || !gtk_widget_get_mapped (widget))
    return FALSE;
  event = rd_agenda_row_get_event (RD_AGENDA_ROW (row));
  return event != NULL
         && g_strcmp0 (rd_calendar_event_get_record_id (event),
                       rd_calendar_event_get_record_id ((RdCalendarEvent *) data)) == 0
         && g_strcmp0 (rd_calendar_event_get_date (event),
                       rd_calendar_event_get_date ((RdCalendarEvent *) data)) == 0;
}

typedef struct
{
  GListModel      *agenda;
  RdCalendarEvent *milestone;
} DoneWait;

static gboolean
milestone_is_done (gpointer user_data)
{
  DoneWait *wait = user_data;

  for (guint i = 0; i < g_list_model_get_n_items (wait->agenda); i++)
    {
      g_autoptr (RdCalendarEvent) event = g_list_model_get_item (wait->agenda, i);

      if (g_strcmp0 (rd_calendar_event_get_record_id (event),
                     rd_calendar_event_get_record_id (wait->milestone)) == 0
          && rd_calendar_event_get_kind (event) == RD_CALENDAR_EVENT_MILESTONE
          && rd_calendar_event_get_offset_days (event)
             == rd_calendar_event_get_offset_days (wait->milestone))
        return rd_calendar_event_get_done (event);
    }
  return FALSE;
}

/* Day after day until the agenda lists a milestone not done; its row's Mark Done button,
 * clicked, marks it done in the agenda. */
static void
test_agenda_mark_done (RdTestFixture *fixture,
                       gconstpointer  user_data)
{
  RdCalendarView *calendar = rd_window_get_calendar_view (fixture->window);
  GListModel *agenda = rd_calendar_view_get_agenda (calendar);
  RdMonthGrid *grid = rd_calendar_view_get_grid (calendar);
  g_autoptr (RdCalendarEvent) milestone = NULL;
  DoneWait wait = { agenda, NULL };
  GtkWidget *button;
  GDate day;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-calendar", NULL);
  rd_test_wait_for_view (fixture->window, "calendar");
  rd_test_wait_until (grid_has_events, grid, "the month to show its dates");
  rd_month_grid_get_selected (grid, &day);
  for (guint i = 0; i < 120 && milestone == NULL; i++)
    {
      g_date_add_days (&day, 1);
      rd_month_grid_select (grid, &day);
      rd_test_wait_until (grid_shows_range, grid, "the calendar to show the day's month");
      rd_test_wait_for_agenda (calendar);
      milestone = agenda_open_milestone (agenda);
    }
  g_assert_nonnull (milestone);

  rd_test_wait_for_frame (GTK_WIDGET (calendar));
  button = rd_test_find_widget (GTK_WIDGET (calendar), is_done_button_of, milestone);
  g_assert_nonnull (button);
  rd_test_click_widget (button);
  wait.milestone = milestone;
  rd_test_wait_until (milestone_is_done, &wait, "the milestone to be marked done");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_init (&argc, &argv);
  rd_test_require_real_input ();

  g_test_add ("/calendar/agenda-mine", RdTestFixture, NULL, fixture_setup, test_agenda_mine,
              rd_test_fixture_teardown);
  g_test_add ("/calendar/agenda-mark-done", RdTestFixture, NULL, fixture_setup,
              test_agenda_mark_done, rd_test_fixture_teardown);

  return g_test_run ();
}
