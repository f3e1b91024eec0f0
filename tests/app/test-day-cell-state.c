/* test-day-cell-state.c
 *
 * The month grid's day cells, as plain values: no display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-day-cell-state.h"

static GDate
make_date (GDateDay   day,
           GDateMonth month,
           GDateYear  year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return date;
}

static void
test_day_cell_state_today_and_selection (void)
{
  GDate today = make_date (17, G_DATE_MARCH, 2026);
  GDate selected = make_date (20, G_DATE_MARCH, 2026);
  GDate date = today;
  RdDayCellState state;

  rd_day_cell_state_compute (&state, &date, &today, &selected, G_DATE_MARCH, 2026, 0, 3);
  g_assert_cmpuint (state.day_of_month, ==, 17);
  g_assert_true (state.is_today);
  g_assert_false (state.is_selected);
  g_assert_false (state.is_other_month);
  g_assert_false (state.is_past);
  g_assert_false (state.is_weekend); /* a Tuesday */

  date = selected;
  rd_day_cell_state_compute (&state, &date, &today, &selected, G_DATE_MARCH, 2026, 0, 3);
  g_assert_false (state.is_today);
  g_assert_true (state.is_selected);

  date = make_date (1, G_DATE_MARCH, 2026);
  rd_day_cell_state_compute (&state, &date, &today, &selected, G_DATE_MARCH, 2026, 0, 3);
  g_assert_true (state.is_past);
  g_assert_true (state.is_weekend); /* a Sunday */
}

static void
test_day_cell_state_other_month (void)
{
  GDate today = make_date (17, G_DATE_MARCH, 2026);
  GDate date = make_date (28, G_DATE_FEBRUARY, 2026);
  RdDayCellState state;

  rd_day_cell_state_compute (&state, &date, &today, NULL, G_DATE_MARCH, 2026, 1, 3);
  g_assert_true (state.is_other_month);
  g_assert_false (state.is_selected);

  /* Same month, another year */
  date = make_date (28, G_DATE_MARCH, 2025);
  rd_day_cell_state_compute (&state, &date, &today, NULL, G_DATE_MARCH, 2026, 1, 3);
  g_assert_true (state.is_other_month);
}

static void
test_day_cell_state_overflow (void)
{
  GDate date = make_date (5, G_DATE_JUNE, 2026);
  RdDayCellState state;

  rd_day_cell_state_compute (&state, &date, NULL, NULL, G_DATE_JUNE, 2026, 0, 3);
  g_assert_cmpuint (state.n_chips, ==, 0);
  g_assert_cmpuint (state.n_overflow, ==, 0);

  rd_day_cell_state_compute (&state, &date, NULL, NULL, G_DATE_JUNE, 2026, 3, 3);
  g_assert_cmpuint (state.n_chips, ==, 3);
  g_assert_cmpuint (state.n_overflow, ==, 0);

  /* Four do not fit: two chips and "+2 more" take the three lines. */
  rd_day_cell_state_compute (&state, &date, NULL, NULL, G_DATE_JUNE, 2026, 4, 3);
  g_assert_cmpuint (state.n_chips, ==, 2);
  g_assert_cmpuint (state.n_overflow, ==, 2);
  g_assert_cmpuint (state.n_chips + state.n_overflow, ==, state.n_events);

  rd_day_cell_state_compute (&state, &date, NULL, NULL, G_DATE_JUNE, 2026, 250, 3);
  g_assert_cmpuint (state.n_chips, ==, 2);
  g_assert_cmpuint (state.n_overflow, ==, 248);

  rd_day_cell_state_compute (&state, &date, NULL, NULL, G_DATE_JUNE, 2026, 2, 1);
  g_assert_cmpuint (state.n_chips, ==, 0);
  g_assert_cmpuint (state.n_overflow, ==, 2);
}

static void
test_day_cell_state_css_classes (void)
{
  GDate today = make_date (17, G_DATE_MARCH, 2026);
  GDate date = make_date (1, G_DATE_MARCH, 2026);
  const char *classes[8];
  RdDayCellState state;
  g_autofree char *joined = NULL;

  rd_day_cell_state_compute (&state, &today, &today, &today, G_DATE_MARCH, 2026, 0, 3);
  rd_day_cell_state_css_classes (&state, classes, G_N_ELEMENTS (classes));
  joined = g_strjoinv (" ", (char **) classes);
  g_assert_cmpstr (joined, ==, "today selected");
  g_clear_pointer (&joined, g_free);

  rd_day_cell_state_compute (&state, &date, &today, &today, G_DATE_APRIL, 2026, 0, 3);
  rd_day_cell_state_css_classes (&state, classes, G_N_ELEMENTS (classes));
  joined = g_strjoinv (" ", (char **) classes);
  g_assert_cmpstr (joined, ==, "other-month weekend past");
}

static void
test_day_cell_state_accessible_label (void)
{
  GDate today = make_date (17, G_DATE_MARCH, 2026);
  GDate date = make_date (18, G_DATE_MARCH, 2026);
  RdDayCellState state;
  g_autofree char *label = NULL;

  rd_day_cell_state_compute (&state, &today, &today, NULL, G_DATE_MARCH, 2026, 2, 3);
  label = rd_day_cell_state_dup_accessible_label (&state);
  g_assert_cmpstr (label, ==, "Tuesday, 17 March 2026, today, 2 dates");
  g_clear_pointer (&label, g_free);

  rd_day_cell_state_compute (&state, &date, &today, NULL, G_DATE_MARCH, 2026, 0, 3);
  label = rd_day_cell_state_dup_accessible_label (&state);
  g_assert_cmpstr (label, ==, "Wednesday, 18 March 2026, nothing due");
}

static void
test_day_cell_state_milestones (void)
{
  GDate today = make_date (17, G_DATE_MARCH, 2026);
  GDate yesterday = make_date (16, G_DATE_MARCH, 2026);
  GDate tomorrow = make_date (18, G_DATE_MARCH, 2026);
  const char *classes[8];
  RdDayCellState state;
  g_autofree char *joined = NULL;
  g_autofree char *label = NULL;

  /* A past day: of three milestones one is done, two are overdue. */
  rd_day_cell_state_compute (&state, &yesterday, &today, NULL, G_DATE_MARCH, 2026, 4, 3);
  rd_day_cell_state_set_milestones (&state, 3, 1);
  g_assert_cmpuint (state.n_milestones, ==, 3);
  g_assert_cmpuint (state.n_done, ==, 1);
  g_assert_cmpuint (state.n_overdue, ==, 2);
  g_assert_cmpuint (state.n_due, ==, 0);
  g_assert_cmpint (rd_day_cell_state_event_status (&state, TRUE, FALSE), ==,
                   RD_EVENT_STATUS_OVERDUE);
  g_assert_cmpint (rd_day_cell_state_event_status (&state, TRUE, TRUE), ==,
                   RD_EVENT_STATUS_DONE);
  g_assert_cmpint (rd_day_cell_state_event_status (&state, FALSE, FALSE), ==,
                   RD_EVENT_STATUS_NONE);
  rd_day_cell_state_css_classes (&state, classes, G_N_ELEMENTS (classes));
  joined = g_strjoinv (" ", (char **) classes);
  g_assert_cmpstr (joined, ==, "past has-overdue");
  g_clear_pointer (&joined, g_free);
  label = rd_day_cell_state_dup_accessible_label (&state);
  g_assert_cmpstr (label, ==, "Monday, 16 March 2026, 4 dates, 2 overdue");
  g_clear_pointer (&label, g_free);

  /* Everything done: nothing overdue, the day says so. */
  rd_day_cell_state_set_milestones (&state, 3, 3);
  g_assert_cmpuint (state.n_overdue, ==, 0);
  rd_day_cell_state_css_classes (&state, classes, G_N_ELEMENTS (classes));
  joined = g_strjoinv (" ", (char **) classes);
  g_assert_cmpstr (joined, ==, "past all-done");
  g_clear_pointer (&joined, g_free);
  label = rd_day_cell_state_dup_accessible_label (&state);
  g_assert_cmpstr (label, ==, "Monday, 16 March 2026, 4 dates, 3 done");
  g_clear_pointer (&label, g_free);

  /* Today: due, not overdue. */
  rd_day_cell_state_compute (&state, &today, &today, NULL, G_DATE_MARCH, 2026, 1, 3);
  rd_day_cell_state_set_milestones (&state, 1, 0);
  g_assert_cmpuint (state.n_due, ==, 1);
  g_assert_cmpuint (state.n_overdue, ==, 0);
  g_assert_cmpint (rd_day_cell_state_event_status (&state, TRUE, FALSE), ==,
                   RD_EVENT_STATUS_DUE);

  /* Ahead: upcoming, no status class. */
  rd_day_cell_state_compute (&state, &tomorrow, &today, NULL, G_DATE_MARCH, 2026, 1, 3);
  rd_day_cell_state_set_milestones (&state, 1, 0);
  g_assert_cmpuint (state.n_due + state.n_overdue, ==, 0);
  g_assert_cmpint (rd_day_cell_state_event_status (&state, TRUE, FALSE), ==,
                   RD_EVENT_STATUS_UPCOMING);
  g_assert_null (rd_event_status_css_class (RD_EVENT_STATUS_UPCOMING));

  /* The agenda's variant, from dates. */
  g_assert_cmpint (rd_event_status_compute (&yesterday, &today, TRUE, FALSE), ==,
                   RD_EVENT_STATUS_OVERDUE);
  g_assert_cmpint (rd_event_status_compute (&today, &today, TRUE, FALSE), ==,
                   RD_EVENT_STATUS_DUE);
  g_assert_cmpint (rd_event_status_compute (&yesterday, &today, TRUE, TRUE), ==,
                   RD_EVENT_STATUS_DONE);
  g_assert_cmpint (rd_event_status_compute (&yesterday, &today, FALSE, FALSE), ==,
                   RD_EVENT_STATUS_NONE);
  g_assert_cmpstr (rd_event_status_css_class (RD_EVENT_STATUS_OVERDUE), ==, "overdue");
  g_assert_cmpstr (rd_event_status_css_class (RD_EVENT_STATUS_DONE), ==, "done");
}

static void
test_month_grid_range (void)
{
  GDate first;
  GDate last;
  GDate expected;

  /* March 2026 starts on a Sunday. */
  rd_month_grid_range (G_DATE_MARCH, 2026, G_DATE_MONDAY, &first, &last);
  expected = make_date (23, G_DATE_FEBRUARY, 2026);
  g_assert_cmpint (g_date_compare (&first, &expected), ==, 0);
  g_assert_cmpint (g_date_get_weekday (&first), ==, G_DATE_MONDAY);
  expected = make_date (5, G_DATE_APRIL, 2026);
  g_assert_cmpint (g_date_compare (&last, &expected), ==, 0);
  g_assert_cmpint (g_date_days_between (&first, &last), ==, RD_MONTH_GRID_DAYS - 1);

  rd_month_grid_range (G_DATE_MARCH, 2026, G_DATE_SUNDAY, &first, &last);
  expected = make_date (1, G_DATE_MARCH, 2026);
  g_assert_cmpint (g_date_compare (&first, &expected), ==, 0);

  /* February 2026 fills exactly four Sunday-first weeks; the grid still shows six. */
  rd_month_grid_range (G_DATE_FEBRUARY, 2026, G_DATE_MONDAY, &first, &last);
  expected = make_date (26, G_DATE_JANUARY, 2026);
  g_assert_cmpint (g_date_compare (&first, &expected), ==, 0);
  expected = make_date (8, G_DATE_MARCH, 2026);
  g_assert_cmpint (g_date_compare (&last, &expected), ==, 0);

  /* Across a year */
  rd_month_grid_range (G_DATE_JANUARY, 2027, G_DATE_MONDAY, &first, NULL);
  expected = make_date (28, G_DATE_DECEMBER, 2026);
  g_assert_cmpint (g_date_compare (&first, &expected), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/day-cell-state/today-and-selection",
                   test_day_cell_state_today_and_selection);
  g_test_add_func ("/app/day-cell-state/other-month", test_day_cell_state_other_month);
  g_test_add_func ("/app/day-cell-state/overflow", test_day_cell_state_overflow);
  g_test_add_func ("/app/day-cell-state/css-classes", test_day_cell_state_css_classes);
  g_test_add_func ("/app/day-cell-state/accessible-label",
                   test_day_cell_state_accessible_label);
  g_test_add_func ("/app/day-cell-state/milestones", test_day_cell_state_milestones);
  g_test_add_func ("/app/month-grid/range", test_month_grid_range);

  return g_test_run ();
}
