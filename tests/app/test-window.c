/* test-window.c
 *
 * Drives the real main window under Xvfb: views, month navigation, pipeline filters, the
 * editor's inline rule errors, saving, deleting with undo; writes screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-calendar-view.h"
#include "rd-context.h"
#include "rd-date.h"
#include "rd-day-cell.h"
#include "rd-demo.h"
#include "rd-month-grid.h"
#include "rd-pipeline-model.h"
#include "rd-pipeline-view.h"
#include "rd-preferences-window.h"
#include "rd-record-editor.h"
#include "rd-test-app.h"
#include "rd-test-keys.h"
#include "rd-text-cell.h"
#include "rd-window.h"

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open (fixture, "window", GPOINTER_TO_INT (user_data));
  g_settings_reset (fixture->settings, "last-view");
  g_settings_reset (fixture->settings, "role");
  rd_test_fixture_open_window (fixture);
  rd_test_fixture_present (fixture);
}

typedef gboolean (*RecordCheck) (RdRecord *record,
                                 gconstpointer data);

typedef struct
{
  GListModel    *model;
  guint          n_all;
  RecordCheck    check;
  gconstpointer  data;
} FilterWait;

/* Some but not all items, and every one passes the filter's own check. */
static gboolean
model_filtered (gpointer user_data)
{
  FilterWait *wait = user_data;
  guint n_items = g_list_model_get_n_items (wait->model);

  if (n_items == 0 || n_items >= wait->n_all)
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (wait->model, i);

      if (!wait->check (record, wait->data))
        return FALSE;
    }
  return TRUE;
}

static void
wait_for_filtered (GListModel    *model,
                   guint          n_all,
                   RecordCheck    check,
                   gconstpointer  data)
{
  FilterWait wait = { model, n_all, check, data };

  rd_test_wait_until (model_filtered, &wait, "the pipeline to be filtered");
}

static gboolean
field_is (RdRecord      *record,
          gconstpointer  data)
{
  const char * const *field_value = data;

  return g_strcmp0 (rd_record_get_string (record, field_value[0]), field_value[1]) == 0;
}

static gboolean
is_overdue (RdRecord      *record,
            gconstpointer  data)
{
  return rd_date_days_left (rd_record_get_end_date (record), NULL) < 0;
}

static gboolean
is_due_within_30_days (RdRecord      *record,
                       gconstpointer  data)
{
  int days_left = rd_date_days_left (rd_record_get_end_date (record), NULL);

  return days_left >= 0 && days_left <= 30;
}

static gboolean
customer_contains (RdRecord      *record,
                   gconstpointer  data)
{
  return strstr (rd_record_get_customer (record), data) != NULL;
}

typedef struct
{
  RdRecordEditor *editor;
  const char     *field;
} FieldWait;

static gboolean
field_has_error (gpointer user_data)
{
  FieldWait *wait = user_data;

  return rd_record_editor_get_field_error (wait->editor, wait->field) != NULL;
}

static gboolean
field_is_valid (gpointer user_data)
{
  FieldWait *wait = user_data;

  return rd_record_editor_get_field_error (wait->editor, wait->field) == NULL;
}

static gboolean
widget_sensitive (gpointer user_data)
{
  return gtk_widget_get_sensitive (user_data);
}

static gboolean
editor_valid (gpointer user_data)
{
  return rd_record_editor_get_n_errors (user_data) == 0;
}

static gboolean
send_key (GtkWidget *widget,
          guint      keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0,
                               &handled);
    }

  rd_test_flush ();

  return handled;
}

static void
test_window_empty_state (RdTestFixture *fixture,
                         gconstpointer  user_data)
{
  g_assert_cmpstr (rd_window_get_visible_view (fixture->window), ==, "empty");
  rd_test_save_screenshot (GTK_WIDGET (fixture->window), "empty-light");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load-demo", NULL);
  rd_test_wait_for_view (fixture->window, "calendar");

  g_assert_cmpuint (rd_store_count (fixture->store, "agreement"), >, 0);
}

static void
test_window_switch_views (RdTestFixture *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *last_view = NULL;

  g_assert_cmpstr (rd_window_get_visible_view (fixture->window), ==, "calendar");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-pipeline", NULL);
  rd_test_wait_for_view (fixture->window, "pipeline");
  last_view = g_settings_get_string (fixture->settings, "last-view");
  g_assert_cmpstr (last_view, ==, "pipeline");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-calendar", NULL);
  rd_test_wait_for_view (fixture->window, "calendar");

  /* Searching takes the user to the pipeline. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  rd_test_wait_for_view (fixture->window, "pipeline");
  g_assert_true (rd_pipeline_view_get_search_mode (rd_window_get_pipeline_view (fixture->window)));
}

static guint
count_visible_chips (RdMonthGrid *grid)
{
  GDate first;
  guint n_events = 0;

  rd_month_grid_get_range (grid, &first, NULL);
  for (guint i = 0; i < RD_MONTH_GRID_DAYS; i++)
    {
      GDate date = first;

      g_date_add_days (&date, i);
      n_events += rd_day_cell_get_state (rd_month_grid_get_cell (grid, &date))->n_events;
    }

  return n_events;
}

typedef struct
{
  RdMonthGrid *grid;
  GDate        month;
} MonthWait;

static gboolean
grid_shows_month (gpointer user_data)
{
  MonthWait *wait = user_data;

  return rd_month_grid_get_month (wait->grid) == g_date_get_month (&wait->month)
         && rd_month_grid_get_year (wait->grid) == (int) g_date_get_year (&wait->month)
         && !rd_month_grid_get_range_pending (wait->grid);
}

static gboolean
grid_shows_range (gpointer user_data)
{
  return !rd_month_grid_get_range_pending (RD_MONTH_GRID (user_data));
}

/* A new month's cells, title and day come together, once its dates are read. */
static void
wait_for_range (RdMonthGrid *grid)
{
  rd_test_wait_until (grid_shows_range, grid, "the calendar to show its new range");
}

/* Until the grid shows the month of @date. */
static void
wait_for_month (RdMonthGrid *grid,
                const GDate *date)
{
  MonthWait wait = { grid, *date };

  rd_test_wait_until (grid_shows_month, &wait, "the calendar to show the month");
}

static void
test_calendar_navigation (RdTestFixture *fixture,
                          gconstpointer  user_data)
{
  RdCalendarView *view = rd_window_get_calendar_view (fixture->window);
  RdMonthGrid *grid = rd_calendar_view_get_grid (view);
  g_autofree char *title = NULL;
  GDate today;
  GDate selected;
  GDate expected;
  guint n_events = 0;
  gboolean found_agenda = FALSE;

  rd_date_today (NULL, &today);
  rd_month_grid_get_selected (grid, &selected);
  g_assert_cmpint (g_date_compare (&selected, &today), ==, 0);
  g_assert_true (rd_day_cell_get_state (rd_month_grid_get_cell (grid, &today))->is_today);

  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "calendar");

  /* Next and previous month */
  title = g_strdup (rd_calendar_view_get_title (view));
  gtk_widget_activate_action (GTK_WIDGET (view), "calendar.next-month", NULL);
  rd_date_add_months_to (&today, 1, &expected);
  wait_for_month (grid, &expected);
  g_assert_cmpstr (rd_calendar_view_get_title (view), !=, title);
  gtk_widget_activate_action (GTK_WIDGET (view), "calendar.previous-month", NULL);
  wait_for_month (grid, &today);
  g_assert_cmpstr (rd_calendar_view_get_title (view), ==, title);

  /* Keyboard: arrows move by a day or a week, Page Down by a month, Home back to today */
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Right));
  rd_month_grid_get_selected (grid, &selected);
  g_assert_cmpint (g_date_days_between (&today, &selected), ==, 1);
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Down));
  rd_month_grid_get_selected (grid, &selected);
  g_assert_cmpint (g_date_days_between (&today, &selected), ==, 8);
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Left));
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Up));
  rd_month_grid_get_selected (grid, &selected);
  g_assert_cmpint (g_date_compare (&selected, &today), ==, 0);
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Page_Down));
  g_assert_cmpint (rd_month_grid_get_month (grid), ==, g_date_get_month (&expected));
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Page_Up));
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Page_Up));
  g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Home));
  rd_month_grid_get_selected (grid, &selected);
  g_assert_cmpint (g_date_compare (&selected, &today), ==, 0);

  /* The demo data spreads end dates and milestones over the coming months. */
  for (guint i = 0; i < 6; i++)
    {
      GDate next;

      n_events += count_visible_chips (grid);
      gtk_widget_activate_action (GTK_WIDGET (view), "calendar.next-month", NULL);
      rd_date_add_months_to (&today, i + 1, &next);
      wait_for_month (grid, &next);
    }
  g_assert_cmpuint (n_events, >, 0);

  /* Selecting a day with dates fills the agenda with exactly that day's dates. */
  gtk_widget_activate_action (GTK_WIDGET (view), "calendar.today", NULL);
  for (guint i = 0; i < 120 && !found_agenda; i++)
    {
      GListModel *agenda = rd_calendar_view_get_agenda (view);

      wait_for_range (grid);
      rd_test_wait_for_agenda (view);

      if (g_list_model_get_n_items (agenda) > 0)
        {
          g_autofree char *day = NULL;

          rd_month_grid_get_selected (grid, &selected);
          day = rd_date_format (&selected);
          for (guint j = 0; j < g_list_model_get_n_items (agenda); j++)
            {
              g_autoptr (RdCalendarEvent) event = g_list_model_get_item (agenda, j);

              g_assert_cmpstr (rd_calendar_event_get_date (event), ==, day);
            }
          found_agenda = TRUE;
          break;
        }
      send_key (GTK_WIDGET (grid), GDK_KEY_Right);
    }
  g_assert_true (found_agenda);
  rd_test_save_screenshot (GTK_WIDGET (fixture->window), "calendar-agenda-light");
}

static void
assert_all_items (GListModel *model,
                  const char *field,
                  const char *value)
{
  for (guint i = 0; i < MIN (g_list_model_get_n_items (model), 200); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (model, i);

      g_assert_cmpstr (rd_record_get_string (record, field), ==, value);
    }
}

typedef struct
{
  RdMonthGrid *grid;
  GDate        date;
} DayWait;

static gboolean
day_counts_done (gpointer user_data)
{
  DayWait *wait = user_data;

  return rd_day_cell_get_state (rd_month_grid_get_cell (wait->grid, &wait->date))->n_done >= 1;
}

/* Milestones before today: every other one marked done, the rest overdue; chips, the day's
 * state and the agenda row show it. */
static void
test_calendar_milestone_status (RdTestFixture *fixture,
                                gconstpointer  user_data)
{
  RdCalendarView *view = rd_window_get_calendar_view (fixture->window);
  RdMonthGrid *grid = rd_calendar_view_get_grid (view);
  g_autoptr (GPtrArray) past = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GListModel) events = NULL;
  g_autoptr (GError) error = NULL;
  const RdDayCellState *state;
  GDate today, first, last, date;
  DayWait wait;
  guint n_done = 0;

  rd_date_today (NULL, &today);
  rd_month_grid_get_range (grid, &first, &last);

  /* The calendar's own model: walk the days before today and collect their milestones. */
  for (date = first; g_date_compare (&date, &today) < 0; g_date_add_days (&date, 1))
    {
      GListModel *agenda;

      rd_month_grid_select (grid, &date);
      rd_test_flush ();
      rd_test_wait_for_agenda (view);
      agenda = rd_calendar_view_get_agenda (view);
      for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
        {
          g_autoptr (RdCalendarEvent) event = g_list_model_get_item (agenda, i);

          if (rd_calendar_event_get_kind (event) == RD_CALENDAR_EVENT_MILESTONE)
            g_ptr_array_add (past, g_object_ref (event));
        }
    }
  if (past->len < 2)
    {
      g_test_skip ("no milestones before today in this month");
      return;
    }

  for (guint i = 0; i < past->len; i += 2)
    {
      RdCalendarEvent *event = g_ptr_array_index (past, i);
      g_autoptr (JsonObject) patch = json_object_new ();
      g_autoptr (JsonObject) milestones = json_object_new ();
      g_autofree char *key = g_strdup_printf ("%d", rd_calendar_event_get_offset_days (event));

      json_object_set_string_member (milestones, key, "done");
      json_object_set_object_member (patch, "milestones", g_steal_pointer (&milestones));
      g_assert_true (rd_store_merge_patch (fixture->store, rd_calendar_event_get_record_id (event),
                                          patch, &error));
      g_assert_no_error (error);
    }

  /* The model re-read the done state; the day of the first one counts it. */
  rd_date_parse (rd_calendar_event_get_date (g_ptr_array_index (past, 0)), &date);
  rd_month_grid_select (grid, &date);
  wait.grid = grid;
  wait.date = date;
  rd_test_wait_until (day_counts_done, &wait, "the day to count a done milestone");
  rd_test_wait_for_agenda (view);
  events = g_object_ref (rd_calendar_view_get_agenda (view));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr (RdCalendarEvent) event = g_list_model_get_item (events, i);

      if (rd_calendar_event_get_done (event))
        n_done++;
    }
  g_assert_cmpuint (n_done, >=, 1);
  state = rd_day_cell_get_state (rd_month_grid_get_cell (grid, &date));
  g_assert_cmpuint (state->n_done, >=, 1);
  g_assert_cmpuint (state->n_done + state->n_overdue, ==, state->n_milestones);

  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "calendar-milestones");
}

typedef struct
{
  GListModel *model;
  int         sign;  /* 1: A to Z, -1: Z to A */
} SortWait;

/* Every record in order, the first and the last apart. */
static gboolean
sorted_by_customer (gpointer user_data)
{
  SortWait *wait = user_data;
  guint n_items = g_list_model_get_n_items (wait->model);
  g_autoptr (RdRecord) first = NULL;
  g_autoptr (RdRecord) last = NULL;

  if (n_items < 2)
    return FALSE;
  first = g_list_model_get_item (wait->model, 0);
  last = g_list_model_get_item (wait->model, n_items - 1);
  if (wait->sign * g_utf8_collate (rd_record_get_customer (first),
                                   rd_record_get_customer (last)) >= 0)
    return FALSE;
  for (guint i = 1; i < MIN (n_items, 2000); i++)
    {
      g_autoptr (RdRecord) a = g_list_model_get_item (wait->model, i - 1);
      g_autoptr (RdRecord) b = g_list_model_get_item (wait->model, i);

      if (wait->sign * g_utf8_collate (rd_record_get_customer (a),
                                       rd_record_get_customer (b)) > 0)
        return FALSE;
    }
  return TRUE;
}

/* The title widget of the pipeline's column titled title, as the header shows it. */
static GtkWidget *
column_title_widget (GtkColumnView *column_view,
                     const char    *title)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (column_view));
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (header);
       child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        {
          g_assert_true (gtk_widget_get_mapped (child));
          return child;
        }
    }
  g_error ("No column title %s in the header", title);
}

static int
compare_row_y (gconstpointer a,
               gconstpointer b)
{
  GtkWidget *row_a = *(GtkWidget * const *) a;
  GtkWidget *row_b = *(GtkWidget * const *) b;
  graphene_point_t point_a;
  graphene_point_t point_b;
  GtkWidget *list = gtk_widget_get_parent (row_a);

  g_assert_true (gtk_widget_compute_point (row_a, list, &GRAPHENE_POINT_INIT (0, 0), &point_a));
  g_assert_true (gtk_widget_compute_point (row_b, list, &GRAPHENE_POINT_INIT (0, 0), &point_b));
  return (point_a.y > point_b.y) - (point_a.y < point_b.y);
}

/* The texts of the column at position, top to bottom, of the rows drawn on screen. */
static GPtrArray *
dup_shown_column (GtkColumnView *column_view,
                  guint          position)
{
  GtkWidget *list = gtk_widget_get_next_sibling (gtk_widget_get_first_child (
                                                   GTK_WIDGET (column_view)));
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (column_view),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_point_t top;

      /* Rows kept beyond the viewport are not shown. */
      if (!gtk_widget_get_mapped (row)
          || !gtk_widget_compute_point (row, viewport, &GRAPHENE_POINT_INIT (0, 0), &top)
          || top.y < 0 || top.y + gtk_widget_get_height (row) > gtk_widget_get_height (viewport))
        continue;
      g_ptr_array_add (rows, row);
    }
  g_ptr_array_sort (rows, compare_row_y);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *cell = gtk_widget_get_first_child (rows->pdata[i]);
      GtkWidget *text;

      for (guint c = 0; c < position && cell != NULL; c++)
        cell = gtk_widget_get_next_sibling (cell);
      g_assert_nonnull (cell);
      text = rd_test_find_descendant (cell, RD_TYPE_TEXT_CELL);
      g_assert_nonnull (text);
      g_ptr_array_add (texts, g_strdup (rd_text_cell_get_text (RD_TEXT_CELL (text))));
    }
  return texts;
}

/* The customers on screen, top to bottom, are in the order sign says (1: A to Z); with
 * ends_differ, the first and the last shown are not the same customer. */
static void
assert_customers_shown_in_order (GtkColumnView *column_view,
                                 int            sign,
                                 gboolean       ends_differ)
{
  g_autoptr (GPtrArray) customers = NULL;

  rd_test_wait_for_frame (GTK_WIDGET (column_view));
  /* Customer is the second column. */
  customers = dup_shown_column (column_view, 1);
  g_test_message ("%u customers shown, from %s to %s", customers->len,
                  (char *) customers->pdata[0], (char *) customers->pdata[customers->len - 1]);
  g_assert_cmpuint (customers->len, >=, 10);
  for (guint i = 1; i < customers->len; i++)
    g_assert_cmpint (sign * g_utf8_collate (customers->pdata[i - 1], customers->pdata[i]), <=,
                     0);
  if (ends_differ)
    g_assert_cmpint (sign * g_utf8_collate (customers->pdata[0],
                                            customers->pdata[customers->len - 1]), <, 0);
}

static gboolean
is_customer_cell (GtkWidget     *widget,
                  gconstpointer  customer)
{
  return RD_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (rd_text_cell_get_text (RD_TEXT_CELL (widget)), customer) == 0;
}

typedef struct
{
  GtkWidget  *column_view;
  const char *customer;
} CustomerWait;

static gboolean
customer_cell_shown (gpointer user_data)
{
  CustomerWait *wait = user_data;

  return rd_test_find_widget (wait->column_view, is_customer_cell, wait->customer) != NULL;
}

static gboolean
is_record_type_icon (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_has_css_class (widget, "record-type")
         && gtk_widget_get_mapped (widget);
}

static gboolean
is_text_cell_matching (GtkWidget     *widget,
                       gconstpointer  regex)
{
  return RD_IS_TEXT_CELL (widget) && gtk_widget_get_mapped (widget)
         && g_regex_match ((GRegex *) regex, rd_text_cell_get_text (RD_TEXT_CELL (widget)), 0,
                           NULL);
}

/* A shown cell whose text matches pattern; fails the test without one. */
static const char *
assert_cell_shows (GtkWidget  *root,
                   const char *pattern)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  GtkWidget *cell = rd_test_find_widget (root, is_text_cell_matching, regex);

  if (cell == NULL)
    g_error ("No cell shows %s", pattern);
  return rd_text_cell_get_text (RD_TEXT_CELL (cell));
}

/* The rows drawn are the model's first ones (row widgets are kept across sorts and must show
 * the new rows), the type icon is named, and the sorted column's title says how it sorts
 * while the others say they do not. */
static void
assert_pipeline_shows (GtkColumnView     *column_view,
                       GListModel        *model,
                       const char        *sorted_title,
                       GtkAccessibleSort  sort)
{
  g_autoptr (RdRecord) first = g_list_model_get_item (model, 0);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (column_view));
  GtkWidget *icon;
  GtkWidget *title;
  GListModel *columns = gtk_column_view_get_columns (column_view);
  char *failure;
  guint i = 0;

  /* Row widgets are made a few rows per idle dispatch: the first row's comes within the
   * wait's bound, or the test fails. */
  rd_test_wait_until (customer_cell_shown,
                      &(CustomerWait) { GTK_WIDGET (column_view), rd_record_get_customer (first) },
                      "the first row's customer to show");

  icon = rd_test_find_widget (GTK_WIDGET (column_view), is_record_type_icon, NULL);
  g_assert_nonnull (icon);
  /* Depth first, the first row's. */
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (icon),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                rd_record_is_agreement (first) ? "Agreement"
                                                                               : "Offer");
  if (failure != NULL)
    g_error ("The record type icon is not named: %s", failure);

  g_assert_cmpstr (gtk_widget_get_css_name (header), ==, "header");
  for (title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title), i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *name = gtk_column_view_column_get_title (column);
      gboolean sorted = g_strcmp0 (name, sorted_title) == 0;

      failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (title),
                                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      if (failure != NULL)
        g_error ("Title %u: %s", i, failure);
      failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (title),
                                                    GTK_ACCESSIBLE_PROPERTY_SORT,
                                                    sorted ? sort : GTK_ACCESSIBLE_SORT_NONE);
      if (failure != NULL)
        g_error ("Sort state of %s: %s", name, failure);
    }
  g_assert_cmpuint (i, ==, g_list_model_get_n_items (columns));
}

static void
test_pipeline_filters (RdTestFixture *fixture,
                       gconstpointer  user_data)
{
  RdPipelineView *view = rd_window_get_pipeline_view (fixture->window);
  GListModel *model = rd_pipeline_view_get_model (view);
  GtkDropDown *kind_dropdown;
  GtkDropDown *due_dropdown;
  GtkDropDown *type_dropdown;
  GtkEditable *search_entry;
  GtkColumnView *column_view;
  g_autoptr (RdRecord) first = NULL;
  g_autoptr (RdRecord) second = NULL;
  GtkWidget *customer_title;
  SortWait sort_wait = { model, 1 };
  g_autofree char *customer = NULL;
  g_autoptr (GRegex) ungrouped = NULL;
  guint n_all;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-pipeline", NULL);
  rd_test_wait_for_view (fixture->window, "pipeline");

  kind_dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                RD_TYPE_PIPELINE_VIEW,
                                                                "kind_dropdown"));
  due_dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                               RD_TYPE_PIPELINE_VIEW,
                                                               "due_dropdown"));
  type_dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                RD_TYPE_PIPELINE_VIEW,
                                                                "type_dropdown"));
  search_entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                              RD_TYPE_PIPELINE_VIEW,
                                                              "search_entry"));
  column_view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                RD_TYPE_PIPELINE_VIEW,
                                                                "column_view"));

  n_all = g_list_model_get_n_items (model);
  /* It opens on what ends soonest. */
  assert_pipeline_shows (column_view, model, "End", GTK_ACCESSIBLE_SORT_ASCENDING);
  g_assert_cmpuint (n_all, >=, RD_DEMO_DEFAULT_COUNT);
  /* Amounts with their digits grouped (the C locale's as English's), never "27000 USD". */
  g_test_message ("value: %s", assert_cell_shows (GTK_WIDGET (column_view),
                                                  "^[1-9][0-9]{0,2}(,[0-9]{3})+ "
                                                  "[A-Z]{3}$"));
  ungrouped = g_regex_new ("^[0-9]{4,}(\\.[0-9]+)? [A-Z]{3}$", 0, 0, NULL);
  g_assert_null (rd_test_find_widget (GTK_WIDGET (column_view), is_text_cell_matching,
                                      ungrouped));

  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "pipeline");

  /* Kind */
  gtk_drop_down_set_selected (kind_dropdown, 2);
  wait_for_filtered (model, n_all, field_is, (const char *[]) { "kind", "CPPO" });
  assert_all_items (model, "kind", "CPPO");
  gtk_drop_down_set_selected (kind_dropdown, 0);
  rd_test_wait_for_n_items (model, n_all);

  /* Type */
  gtk_drop_down_set_selected (type_dropdown, 2);
  wait_for_filtered (model, n_all, field_is, (const char *[]) { "type", "offer" });
  assert_all_items (model, "type", "offer");
  gtk_drop_down_set_selected (type_dropdown, 0);
  rd_test_wait_for_n_items (model, n_all);

  /* Overdue: the demo data has some, and every end date shown is in the past */
  gtk_drop_down_set_selected (due_dropdown, 1);
  wait_for_filtered (model, n_all, is_overdue, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (model, i);

      g_assert_nonnull (rd_record_get_end_date (record));
      g_assert_cmpint (rd_date_days_left (rd_record_get_end_date (record), NULL), <, 0);
    }
  /* Within 30 days: some, each ending between today and 30 days ahead */
  gtk_drop_down_set_selected (due_dropdown, 2);
  wait_for_filtered (model, n_all, is_due_within_30_days, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (model, i);
      int days_left;

      g_assert_nonnull (rd_record_get_end_date (record));
      days_left = rd_date_days_left (rd_record_get_end_date (record), NULL);
      g_assert_cmpint (days_left, >=, 0);
      g_assert_cmpint (days_left, <=, 30);
    }
  gtk_drop_down_set_selected (due_dropdown, 0);
  rd_test_wait_for_n_items (model, n_all);

  /* Sorting by clicking a header drives the SQL sort: a click on Customer sorts A to Z, a
   * second one (a little apart: no double click) Z to A. */
  customer_title = column_title_widget (column_view, "Customer");
  rd_test_click_widget_at (customer_title, 20, gtk_widget_get_height (customer_title) / 2.0);
  sort_wait.sign = 1;
  rd_test_wait_until (sorted_by_customer, &sort_wait, "the pipeline to sort A to Z");
  assert_pipeline_shows (column_view, model, "Customer", GTK_ACCESSIBLE_SORT_ASCENDING);
  assert_customers_shown_in_order (column_view, 1, TRUE);
  rd_test_click_widget_at (customer_title, 40, gtk_widget_get_height (customer_title) / 2.0);
  sort_wait.sign = -1;
  rd_test_wait_until (sorted_by_customer, &sort_wait, "the pipeline to sort Z to A");
  assert_customers_shown_in_order (column_view, -1, TRUE);
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, n_all - 1);
  g_assert_cmpint (g_utf8_collate (rd_record_get_customer (first),
                                   rd_record_get_customer (second)), >=, 0);
  assert_pipeline_shows (column_view, model, "Customer", GTK_ACCESSIBLE_SORT_DESCENDING);

  /* Free text */
  customer = g_strdup (rd_record_get_customer (first));
  rd_pipeline_view_focus_search (view);
  gtk_editable_set_text (search_entry, customer);
  /* GtkSearchEntry waits a moment before "search-changed" */
  wait_for_filtered (model, n_all, customer_contains, customer);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_all);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (model, i);

      g_assert_nonnull (strstr (rd_record_get_customer (record), customer));
    }

  gtk_editable_set_text (search_entry, "no such customer anywhere");
  rd_test_wait_for_n_items (model, 0);
  rd_test_save_screenshot (GTK_WIDGET (fixture->window), "pipeline-no-results-light");
  gtk_editable_set_text (search_entry, "");
  rd_test_wait_for_n_items (model, n_all);
}

static RdRecord *
find_fda_offer (RdStore *store)
{
  g_autoptr (GPtrArray) offers = NULL;
  g_autoptr (GError) error = NULL;

  offers = rd_store_list (store, "offer", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < offers->len; i++)
    {
      RdRecord *offer = g_ptr_array_index (offers, i);

      if (g_strcmp0 (rd_record_get_string (offer, "renewal_mechanism"), "fda") == 0
          && rd_record_get_string (offer, "agreement_start_date") != NULL)
        return g_object_ref (offer);
    }

  return NULL;
}

static void
test_editor_fda_rule (RdTestFixture *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (RdRecord) saved = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *original_start = NULL;
  g_autofree char *too_late = NULL;
  RdRecordEditor *editor;
  GtkWidget *save_button;
  GtkWidget *start_row;
  GtkWidget *customer_row;
  FieldWait field_wait = { NULL, "agreement_start_date" };
  GDate today;
  GDate date;

  offer = find_fda_offer (fixture->store);
  g_assert_nonnull (offer);
  id = g_strdup (rd_record_get_id (offer));
  original_start = g_strdup (rd_record_get_string (offer, "agreement_start_date"));

  editor = rd_window_open_record (fixture->window, id);
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  field_wait.editor = editor;

  save_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                          RD_TYPE_RECORD_EDITOR,
                                                          "save_button"));
  start_row = rd_record_editor_get_field_row (editor, "agreement_start_date");
  customer_row = rd_record_editor_get_field_row (editor, "customer");
  g_assert_nonnull (start_row);
  g_assert_nonnull (customer_row);

  /* The demo offer is valid; nothing changed yet, so nothing to save. */
  g_assert_cmpuint (rd_record_editor_get_n_errors (editor), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (save_button));

  /* An FDA may start at most 36 months after the offer is drafted. */
  rd_date_today (NULL, &today);
  rd_date_add_months_to (&today, 40, &date);
  too_late = rd_date_format (&date);
  gtk_widget_grab_focus (start_row);
  gtk_editable_set_text (GTK_EDITABLE (start_row), too_late);
  rd_test_wait_until (field_has_error, &field_wait, "the start date's error");

  g_assert_nonnull (rd_record_editor_get_field_error (editor, "agreement_start_date"));
  g_assert_true (gtk_widget_has_css_class (start_row, "error"));
  g_assert_false (gtk_widget_get_sensitive (save_button));
  g_test_message ("Inline error: %s",
                  rd_record_editor_get_field_error (editor, "agreement_start_date"));

  rd_test_save_screenshots (GTK_WIDGET (editor), "editor-error");

  /* Half-typed dates are errors too, as the user types them. */
  gtk_editable_set_text (GTK_EDITABLE (start_row), "2026-1");
  rd_test_flush ();
  g_assert_nonnull (rd_record_editor_get_field_error (editor, "agreement_start_date"));
  g_assert_false (gtk_widget_get_sensitive (save_button));

  /* Fixed */
  gtk_editable_set_text (GTK_EDITABLE (start_row), original_start);
  rd_test_wait_until (field_is_valid, &field_wait, "the start date to be valid again");
  g_assert_null (rd_record_editor_get_field_error (editor, "agreement_start_date"));
  g_assert_false (gtk_widget_has_css_class (start_row, "error"));
  g_assert_cmpuint (rd_record_editor_get_n_errors (editor), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (customer_row), "Renewed Customer Ltd");
  rd_test_wait_until (widget_sensitive, save_button, "Save to become sensitive");
  g_assert_true (gtk_widget_get_sensitive (save_button));
  rd_test_save_screenshot (GTK_WIDGET (editor), "editor-light");

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rd_test_wait_for_finalized ((gpointer *) &editor); /* closed after saving */

  saved = rd_store_get (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_customer (saved), ==, "Renewed Customer Ltd");
  g_assert_cmpstr (rd_record_get_string (saved, "agreement_start_date"), ==, original_start);
}

static void
test_editor_delete_undo (RdTestFixture *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (GPtrArray) agreements = NULL;
  g_autoptr (RdRecord) restored = NULL;
  g_autoptr (RdRecord) gone = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  RdRecordEditor *editor;
  guint n_before;

  agreements = rd_store_list (fixture->store, "agreement", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agreements->len, >, 0);
  id = g_strdup (rd_record_get_id (g_ptr_array_index (agreements, 0)));
  n_before = rd_store_count (fixture->store, "agreement");

  editor = rd_window_open_record (fixture->window, id);
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_null (rd_record_editor_get_field_row (editor, "renewal_mechanism"));
  g_assert_nonnull (rd_record_editor_get_field_row (editor, "end_date"));
  rd_test_set_dark (TRUE);
  rd_test_save_screenshot (GTK_WIDGET (editor), "editor-agreement-dark");
  rd_test_set_dark (FALSE);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL);
  rd_test_wait_for_finalized ((gpointer *) &editor);

  gone = rd_store_get (fixture->store, id, NULL);
  g_assert_null (gone);
  g_assert_cmpuint (rd_store_count (fixture->store, "agreement"), ==, n_before - 1);
  rd_test_wait_for_toast (GTK_WIDGET (fixture->window), "deleted");
  rd_test_save_screenshot (GTK_WIDGET (fixture->window), "deleted-toast-light");

  /* The toast's Undo */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undelete", "s", id);
  rd_test_flush ();
  restored = rd_store_get (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpuint (rd_store_count (fixture->store, "agreement"), ==, n_before);
}

static void
test_editor_new_offer (RdTestFixture *fixture,
                       gconstpointer  user_data)
{
  RdRecordEditor *editor;
  GtkWidget *save_button;
  guint n_before = rd_store_count (fixture->store, "offer");

  editor = rd_window_new_offer (fixture->window);
  g_assert_nonnull (editor);
  save_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                          RD_TYPE_RECORD_EDITOR,
                                                          "save_button"));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_null (rd_record_editor_get_record_id (editor));
  rd_test_save_screenshot (GTK_WIDGET (editor), "editor-new-offer-light");

  gtk_editable_set_text (GTK_EDITABLE (rd_record_editor_get_field_row (editor, "customer")),
                         "Example Corp");
  gtk_editable_set_text (GTK_EDITABLE (rd_record_editor_get_field_row (editor,
                                                                       "product_title")),
                         "Example Analytics");
  rd_test_flush ();
  /* Untouched fields show no error yet, but Save waits for them. */
  g_assert_null (rd_record_editor_get_field_error (editor, "product_type"));
  g_assert_cmpuint (rd_record_editor_get_n_errors (editor), >, 0);
  g_assert_false (gtk_widget_get_sensitive (save_button));

  /* Item 0 is "Not set"; the product types follow. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_record_editor_get_field_row (editor,
                                                                            "product_type")),
                              1);
  rd_test_wait_until (editor_valid, editor, "the new offer to be valid");
  g_assert_true (gtk_widget_get_sensitive (save_button));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  rd_test_wait_for_finalized ((gpointer *) &editor);
  g_assert_cmpuint (rd_store_count (fixture->store, "offer"), ==, n_before + 1);
}

static void
test_preferences_window (RdTestFixture *fixture,
                         gconstpointer  user_data)
{
  g_autoptr (GVariant) offsets = NULL;
  g_autofree char *text = NULL;
  GVariant *parsed;

  parsed = rd_preferences_parse_offsets ("150, 90,30");
  g_assert_nonnull (parsed);
  offsets = g_variant_ref_sink (parsed);
  text = rd_preferences_format_offsets (offsets);
  g_assert_cmpstr (text, ==, "150, 90, 30");
  g_assert_null (rd_preferences_parse_offsets ("120, soon"));
  g_assert_null (rd_preferences_parse_offsets (""));
  g_assert_null (rd_preferences_parse_offsets ("0"));
}

static void
test_preferences_bindings (RdTestFixture *fixture,
                           gconstpointer  user_data)
{
  RdPreferencesWindow *preferences;
  g_autoptr (GArray) offsets = NULL;
  AdwComboRow *role_row;
  GtkEditable *offsets_row;

  preferences = rd_preferences_window_new (fixture->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_wait_for_mapped (GTK_WIDGET (preferences));

  role_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                           RD_TYPE_PREFERENCES_WINDOW,
                                                           "role_row"));
  offsets_row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                             RD_TYPE_PREFERENCES_WINDOW,
                                                             "offsets_row"));

  g_assert_cmpuint (adw_combo_row_get_selected (role_row), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (offsets_row), ==, "120, 90, 60");
  rd_test_save_screenshot (GTK_WIDGET (preferences), "preferences-light");

  adw_combo_row_set_selected (role_row, 1);
  g_assert_cmpint (rd_context_get_role (fixture->context), ==, RD_ROLE_CHANNEL_PARTNER);

  gtk_editable_set_text (offsets_row, "150, 90, 30");
  offsets = rd_context_dup_milestone_offsets (fixture->context);
  g_assert_cmpuint (offsets->len, ==, 3);
  g_assert_cmpint (g_array_index (offsets, int, 0), ==, 150);
  g_assert_cmpint (g_array_index (offsets, int, 2), ==, 30);

  /* A typo is not written */
  gtk_editable_set_text (offsets_row, "150, soon");
  g_clear_pointer (&offsets, g_array_unref);
  offsets = rd_context_dup_milestone_offsets (fixture->context);
  g_assert_cmpint (g_array_index (offsets, int, 0), ==, 150);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (offsets_row), "error"));

  rd_test_set_dark (TRUE);
  rd_test_save_screenshot (GTK_WIDGET (preferences), "preferences-dark");
  rd_test_set_dark (FALSE);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (fixture->settings, "milestone-offsets");
}

static guint
count_grid_events (RdMonthGrid *grid)
{
  GDate first;
  guint n = 0;

  rd_month_grid_get_range (grid, &first, NULL);
  for (guint i = 0; i < RD_MONTH_GRID_DAYS; i++)
    {
      GDate day = first;

      g_date_add_days (&day, i);
      n += rd_day_cell_get_state (rd_month_grid_get_cell (grid, &day))->n_events;
    }
  return n;
}

typedef struct
{
  RdMonthGrid *grid;
  guint        n_events;
} GridWait;

static gboolean
grid_has_fewer_events (gpointer user_data)
{
  GridWait *wait = user_data;

  return count_grid_events (wait->grid) < wait->n_events;
}

static gboolean
toggle_active (gpointer user_data)
{
  return gtk_toggle_button_get_active (user_data);
}

/* "Mine", clicked in the pipeline and in the calendar, keeps the records whose owner is the
 * user's name (owner-name, else sync-user); unowned ones are nobody's. */
static void
test_mine_filter (RdTestFixture *fixture,
                  gconstpointer  user_data)
{
  RdPipelineView *view = rd_window_get_pipeline_view (fixture->window);
  RdCalendarView *calendar = rd_window_get_calendar_view (fixture->window);
  GListModel *model = rd_pipeline_view_get_model (view);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  GtkWidget *toggle;
  GridWait grid_wait;
  guint n_all;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-pipeline", NULL);
  rd_test_wait_for_view (fixture->window, "pipeline");
  n_all = g_list_model_get_n_items (model);
  g_assert_cmpuint (n_all, >, 10);

  /* Without a name, "Mine" cannot be chosen. */
  toggle = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (view),
                                                        RD_TYPE_PIPELINE_VIEW,
                                                        "mine_toggle");
  g_assert_false (gtk_widget_get_sensitive (toggle));

  for (guint i = 0; i < n_all; i += 4)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (model, i);

      g_ptr_array_add (ids, g_strdup (rd_record_get_id (record)));
    }
  g_assert_true (rd_store_begin (fixture->store, &error));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (JsonObject) patch = json_object_new ();

      /* Every other one is a colleague's. */
      json_object_set_string_member (patch, "owner", i % 2 ? "Dana" : "Sam");
      g_assert_true (rd_store_merge_patch (fixture->store, g_ptr_array_index (ids, i), patch,
                                           &error));
    }
  g_assert_true (rd_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  /* The sync user stands in for an empty owner-name. */
  g_settings_set_string (fixture->settings, "sync-user", "Sam");
  g_assert_true (gtk_widget_get_sensitive (toggle));
  rd_test_wait_for_frame (toggle);
  rd_test_click_widget (toggle);
  rd_test_wait_until (toggle_active, toggle, "Mine to be pressed");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)));
  rd_test_wait_for_n_items (model, (ids->len + 1) / 2);
  for (guint i = 0; i < (ids->len + 1) / 2; i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (model, i);

      g_assert_cmpstr (rd_record_get_string (record, "owner"), ==, "Sam");
    }
  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "pipeline-mine");

  /* owner-name wins over the sync user. */
  g_settings_set_string (fixture->settings, "owner-name", "Dana");
  rd_test_wait_for_n_items (model, ids->len / 2);

  /* Away from the first click: no double click. */
  rd_test_click_widget_at (toggle, 4, 4);
  rd_test_wait_for_n_items (model, n_all);

  /* The calendar's month counts only Dana's dates once its own toggle is on. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-calendar", NULL);
  rd_test_wait_for_view (fixture->window, "calendar");
  grid_wait.grid = RD_MONTH_GRID (gtk_widget_get_template_child (GTK_WIDGET (calendar),
                                                                  RD_TYPE_CALENDAR_VIEW,
                                                                  "month_grid"));
  rd_test_wait_for_frame (GTK_WIDGET (calendar));
  grid_wait.n_events = count_grid_events (grid_wait.grid);
  g_assert_cmpuint (grid_wait.n_events, >, 0);
  toggle = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (calendar),
                                                        RD_TYPE_CALENDAR_VIEW,
                                                        "mine_toggle");
  rd_test_click_widget (toggle);
  rd_test_wait_until (grid_has_fewer_events, &grid_wait, "the month to count Dana's dates");
  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "calendar-mine");
}

static gboolean
has_100k_items (gpointer user_data)
{
  return g_list_model_get_n_items (user_data) >= 100000;
}

/* How long a step over 100,000 records may take on a loaded machine before the test fails:
 * a bound, the waits end as soon as their condition holds. */
#define LARGE_TIMEOUT_MS 60000

/* Read and sorted: every row in order (sorted_by_customer()), once the model is loaded. */
static gboolean
loaded_and_sorted_by_customer (gpointer user_data)
{
  SortWait *wait = user_data;

  return !rd_pipeline_model_get_loading (RD_PIPELINE_MODEL (wait->model))
         && sorted_by_customer (wait);
}

/* Clicks title at x (apart from an earlier click: no double click) and waits, bounded, until
 * the records are sorted the way wait says. */
static void
click_until_sorted (GtkWidget  *title,
                    double      x,
                    SortWait   *wait,
                    const char *what)
{
  gint64 start = g_get_monotonic_time ();

  rd_test_click_widget_at (title, x, gtk_widget_get_height (title) / 2.0);
  rd_test_wait_until_ms (loaded_and_sorted_by_customer, wait, LARGE_TIMEOUT_MS, what);
  g_test_message ("%s: %.0f ms", what, (g_get_monotonic_time () - start) / 1000.0);
}

typedef struct
{
  GtkAdjustment *vadjustment;
  CustomerWait   customer;
} EndWait;

/* Scrolls to the end again (a list of estimated row heights finds its true end as it is
 * scrolled), until the end shows the customer. */
static gboolean
end_shows_customer (gpointer user_data)
{
  EndWait *wait = user_data;
  double end = gtk_adjustment_get_upper (wait->vadjustment)
               - gtk_adjustment_get_page_size (wait->vadjustment);

  if (gtk_adjustment_get_value (wait->vadjustment) < end)
    {
      gtk_adjustment_set_value (wait->vadjustment, end);
      return FALSE;
    }
  return customer_cell_shown (&wait->customer);
}

/* 100,000 records: the pipeline stays a list model; sorting by a click on a column's title,
 * both ways, and scrolling to the end stay quick. Run with -m slow. */
static void
test_pipeline_large (RdTestFixture *fixture,
                     gconstpointer  user_data)
{
  RdPipelineView *view = rd_window_get_pipeline_view (fixture->window);
  GListModel *model = rd_pipeline_view_get_model (view);
  g_autoptr (RdRecord) last = NULL;
  g_autoptr (GError) error = NULL;
  SortWait sort_wait = { model, 1 };
  GtkColumnView *column_view;
  GtkAdjustment *vadjustment;
  GtkWidget *customer_title;
  GtkWidget *scrolled;
  gint64 start;

  if (!g_test_slow ())
    {
      g_test_skip ("Needs -m slow");
      return;
    }

  start = g_get_monotonic_time ();
  rd_demo_populate (fixture->store, 100000, 7, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("populate 100000: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-pipeline", NULL);
  rd_test_wait_for_view (fixture->window, "pipeline");
  rd_test_wait_until_ms (has_100k_items, model, LARGE_TIMEOUT_MS,
                         "the pipeline to list 100,000 records");

  column_view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                RD_TYPE_PIPELINE_VIEW,
                                                                "column_view"));
  scrolled = gtk_widget_get_parent (GTK_WIDGET (column_view));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  assert_pipeline_shows (column_view, model, "End", GTK_ACCESSIBLE_SORT_ASCENDING);

  /* A click on Customer sorts A to Z, a second one (a little apart: no double click) Z to A,
   * as in the small pipeline's test. */
  customer_title = column_title_widget (column_view, "Customer");
  click_until_sorted (customer_title, 20, &sort_wait, "100,000 records sorted A to Z");
  assert_pipeline_shows (column_view, model, "Customer", GTK_ACCESSIBLE_SORT_ASCENDING);
  /* Hundreds of records per customer: a screen may show one customer only. */
  assert_customers_shown_in_order (column_view, 1, FALSE);

  sort_wait.sign = -1;
  click_until_sorted (customer_title, 40, &sort_wait, "100,000 records sorted Z to A");
  assert_pipeline_shows (column_view, model, "Customer", GTK_ACCESSIBLE_SORT_DESCENDING);
  assert_customers_shown_in_order (column_view, -1, FALSE);

  /* The end of the list shows the last record. */
  last = g_list_model_get_item (model, g_list_model_get_n_items (model) - 1);
  start = g_get_monotonic_time ();
  rd_test_wait_until_ms (end_shows_customer,
                         &(EndWait) { vadjustment, { GTK_WIDGET (column_view),
                                                     rd_record_get_customer (last) } },
                         LARGE_TIMEOUT_MS, "the end to show the last record's customer");
  g_test_message ("scroll to the end: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  rd_test_save_screenshot (GTK_WIDGET (fixture->window), "pipeline-100k-light");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_init (&argc, &argv);

  g_test_add ("/app/window/empty-state", RdTestFixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_window_empty_state, rd_test_fixture_teardown);
  g_test_add ("/app/window/switch-views", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_window_switch_views, rd_test_fixture_teardown);
  g_test_add ("/app/calendar/navigation", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_calendar_navigation, rd_test_fixture_teardown);
  g_test_add ("/app/calendar/milestone-status", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_calendar_milestone_status, rd_test_fixture_teardown);
  g_test_add ("/app/pipeline/filters", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_pipeline_filters, rd_test_fixture_teardown);
  g_test_add ("/app/pipeline/mine", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_mine_filter, rd_test_fixture_teardown);
  g_test_add ("/app/editor/fda-rule", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_editor_fda_rule, rd_test_fixture_teardown);
  g_test_add ("/app/editor/delete-undo", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_editor_delete_undo, rd_test_fixture_teardown);
  g_test_add ("/app/editor/new-offer", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_editor_new_offer, rd_test_fixture_teardown);
  g_test_add ("/app/preferences/offsets", RdTestFixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_preferences_window, rd_test_fixture_teardown);

  g_test_add ("/app/preferences/bindings", RdTestFixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_preferences_bindings, rd_test_fixture_teardown);
  g_test_add ("/app/pipeline/100k", RdTestFixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_pipeline_large, rd_test_fixture_teardown);

  return g_test_run ();
}
