/* test-layout.c
 *
 * The main window at the sizes people use it, from a wide screen to a phone: it fits each
 * size, the view switcher moves to the bottom and the day pane folds over the month when
 * narrow; the day pane shows names whole and offers Renew; chips say which milestone they
 * are and the legend shows the overdue mark. Writes screenshots of each view at 1280×800,
 * 640×480 and 360×640, light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-calendar-view.h"
#include "rd-day-cell.h"
#include "rd-dashboard-view.h"
#include "rd-month-grid.h"
#include "rd-pipeline-view.h"
#include "rd-record-editor.h"
#include "rd-test-app.h"
#include "rd-text-cell.h"
#include "rd-window.h"

typedef struct
{
  int width;
  int height;
} Size;

static const Size sizes[] = { { 1280, 800 }, { 640, 480 }, { 360, 640 } };
static const Size wide = { 1280, 800 };
static const Size small = { 640, 480 };
/* The window's default size (the window-width and window-height settings). */
static const Size default_size = { 1180, 800 };

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  const Size *size = user_data;

  rd_test_fixture_open_demo_window (fixture, "layout", size->width, size->height);
}

typedef struct
{
  GtkWidget *window;
  gboolean   bar_revealed;
  gboolean   flap_folded;
} LayoutWait;

static gboolean
layout_settled (gpointer user_data)
{
  LayoutWait *wait = user_data;
  GtkWidget *bar = rd_test_find_descendant (wait->window, ADW_TYPE_VIEW_SWITCHER_BAR);
  GtkWidget *flap = rd_test_find_descendant (wait->window, ADW_TYPE_FLAP);

  return adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)) == wait->bar_revealed
         && adw_flap_get_folded (ADW_FLAP (flap)) == wait->flap_folded;
}

static gboolean
squeezer_settled (gpointer user_data)
{
  GtkWidget *squeezer = rd_test_find_descendant (user_data, ADW_TYPE_SQUEEZER);

  return squeezer == NULL || !adw_squeezer_get_transition_running (ADW_SQUEEZER (squeezer));
}

/* The pipeline's visible columns fit its width (beyond the first four, which always show)
 * and hidden ones are only those of lower priority than every visible one. Returns the
 * visible titles, separated by spaces. */
static char *
assert_pipeline_columns_fit (RdPipelineView *view)
{
  GtkColumnView *column_view;
  GListModel *columns;
  GtkWidget *scrolled;
  GString *shown = g_string_new (NULL);
  gboolean hidden_before = FALSE;
  int x = 0;

  column_view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                RD_TYPE_PIPELINE_VIEW,
                                                                "column_view"));
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view), GTK_TYPE_SCROLLED_WINDOW);
  rd_test_wait_for_mapped (scrolled);
  /* The columns are chosen after the frame that gave the list its width. */
  rd_test_wait_for_frame (scrolled);
  rd_test_wait_for_frame (scrolled);
  columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *title = gtk_column_view_column_get_title (column);

      if (!gtk_column_view_column_get_visible (column))
        {
          hidden_before = TRUE;
          continue;
        }
      g_assert_false (hidden_before);
      x += gtk_column_view_column_get_fixed_width (column);
      g_test_message ("%s ends at %d of %d", title, x, gtk_widget_get_width (scrolled));
      if (i >= 4)
        g_assert_cmpint (x, <=, gtk_widget_get_width (scrolled));
      if (g_str_equal (title, "Product ID"))
        g_assert_cmpint (gtk_column_view_column_get_fixed_width (column), >=, 200);
      g_string_append_printf (shown, "%s%s", shown->len ? " " : "", title);
    }
  return g_string_free (shown, FALSE);
}

static void
collect_labels (GtkWidget *root,
                GPtrArray *found)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && *gtk_label_get_text (GTK_LABEL (root)) != '\0')
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, found);
}

/* Every text the header bar shows is whole; returns the title it shows, or NULL. */
static const char *
assert_header_bar_not_cut (GtkWidget *window)
{
  GtkWidget *header_bar = rd_test_find_descendant (window, ADW_TYPE_HEADER_BAR);
  GtkWidget *title = rd_test_find_descendant (header_bar, ADW_TYPE_WINDOW_TITLE);
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  const char *shown = NULL;

  collect_labels (header_bar, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      g_test_message ("header bar: “%s”, %d px wide", gtk_label_get_text (label),
                      gtk_widget_get_width (GTK_WIDGET (label)));
      g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
      if (title != NULL && gtk_widget_is_ancestor (GTK_WIDGET (label), title)
          && gtk_widget_get_mapped (title))
        shown = gtk_label_get_text (label);
    }
  return shown;
}

/* The calendar names its month whole, the long or the short way, never "Dece…". */
static void
assert_month_title_not_cut (GtkWidget *window)
{
  GtkWidget *calendar = rd_test_find_descendant (window, RD_TYPE_CALENDAR_VIEW);
  GtkWidget *squeezer = rd_test_find_descendant (calendar, ADW_TYPE_SQUEEZER);
  GtkWidget *shown;

  g_assert_nonnull (squeezer);
  shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
  g_assert_true (GTK_IS_LABEL (shown));
  g_test_message ("month title: “%s”", gtk_label_get_text (GTK_LABEL (shown)));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (shown))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (shown)), "20"));
}

static gboolean
label_cut (GtkWidget *label)
{
  return pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

static void
collect_with_css_class (GtkWidget  *root,
                        const char *css_class,
                        GPtrArray  *found)
{
  if (gtk_widget_has_css_class (root, css_class) && gtk_widget_get_mapped (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_with_css_class (child, css_class, found);
}

static void
test_layout_fits (RdTestFixture *fixture,
                  gconstpointer  user_data)
{
  const Size *size = user_data;
  GtkWidget *window = GTK_WIDGET (fixture->window);
  RdTestSizeWait wait = { window, size->width, size->height };
  g_autoptr (GRegex) overflow = g_regex_new ("^\\+[0-9]+( |$)", 0, 0, NULL);
  LayoutWait layout;
  int min_width;
  int min_height;

  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, size->width, &min_height, NULL, NULL,
                      NULL);
  g_test_message ("%d×%d: the window needs at least %d×%d", size->width, size->height,
                  min_width, min_height);
  g_assert_cmpint (min_width, <=, size->width);
  g_assert_cmpint (min_height, <=, size->height);

  if (!rd_test_pump_until (rd_test_has_size, &wait, 2000))
    g_error ("The window is %d×%d, not %d×%d",
             gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))),
             gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window))),
             size->width, size->height);

  /* Narrow, the views switch at the bottom; the day pane lies over the month on demand. */
  layout.window = window;
  layout.bar_revealed = size->width < 500;
  layout.flap_folded = size->width < 1000;
  rd_test_wait_until (layout_settled, &layout, "the switcher bar and the day pane to settle");

  for (guint i = 0; i < 3; i++)
    {
      static const char *views[] = { "calendar", "pipeline", "dashboard" };
      g_autofree char *name = NULL;
      g_autofree char *action = g_strdup_printf ("win.show-%s", views[i]);

      gtk_widget_activate_action (window, action, NULL);
      rd_test_wait_for_view (fixture->window, views[i]);
      if (i == 0)
        {
          assert_month_title_not_cut (window);
          /* The legend's six entries too, on as many lines as the width needs. */
          g_assert_cmpuint (rd_test_count_legend_whole (window), ==, 6);
          /* A day's "+N more" is whole, or "+N" where it does not fit; never "+…". */
          g_test_message ("%u day counts whole",
                          rd_test_count_text_cells_whole (window, overflow));
        }
      if (i == 1)
        g_free (assert_pipeline_columns_fit (rd_window_get_pipeline_view (fixture->window)));
      name = g_strdup_printf ("layout-%s-%dx%d", views[i], size->width, size->height);
      /* A screenshot of where the header bar ends, not of its cross-fade towards it. */
      rd_test_wait_until (squeezer_settled, window, "the header bar's title to settle");
      assert_header_bar_not_cut (window);
      rd_test_save_screenshots (window, name);
      if (!rd_test_has_size (&wait))
        g_error ("The %s view makes the window %d×%d", views[i],
                 gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))),
                 gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window))));
    }
}

/* At 360 px, with the window buttons GNOME shows by default (close only), the header bar
 * shows the app's title whole; with more window buttons it shows it whole or not at all. */
static void
test_layout_narrow_title (RdTestFixture *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkSettings *settings = gtk_widget_get_settings (window);
  g_autofree char *layout = NULL;
  RdTestSizeWait wait = { window, 360, 640 };
  LayoutWait bar = { window, TRUE, TRUE };

  g_object_get (settings, "gtk-decoration-layout", &layout, NULL);
  rd_test_wait_until (rd_test_has_size, &wait, "the window to be 360 px wide");
  rd_test_wait_until (layout_settled, &bar, "the switcher bar to show");
  rd_test_wait_until (squeezer_settled, window, "the header bar's title to settle");
  g_test_message ("decoration layout %s: title %s", layout,
                  assert_header_bar_not_cut (window));

  g_object_set (settings, "gtk-decoration-layout", "appmenu:close", NULL);
  rd_test_wait_for_frame (window);
  rd_test_wait_until (squeezer_settled, window, "the header bar's title to settle");
  g_assert_cmpstr (assert_header_bar_not_cut (window), ==, "Renewal Desk");
  g_assert_true (adw_view_switcher_bar_get_reveal (
                   ADW_VIEW_SWITCHER_BAR (rd_test_find_descendant (window,
                                                                   ADW_TYPE_VIEW_SWITCHER_BAR))));
  rd_test_save_screenshots (window, "layout-title-360x640");
  g_object_set (settings, "gtk-decoration-layout", layout, NULL);
}

static gboolean
match_css_class (GtkWidget     *widget,
                 gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class) && gtk_widget_get_mapped (widget);
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

/* Moves the calendar's selection with the arrow key until the agenda lists an agreement's
 * date (an end date or a milestone); returns that agreement's id. */
static char *
select_agreement_day (RdCalendarView *view)
{
  RdMonthGrid *grid = rd_calendar_view_get_grid (view);

  for (guint day = 0; day < 120; day++)
    {
      GListModel *agenda = rd_calendar_view_get_agenda (view);

      rd_test_wait_for_agenda (view);
      for (guint i = 0; i < g_list_model_get_n_items (agenda); i++)
        {
          g_autoptr (RdCalendarEvent) event = g_list_model_get_item (agenda, i);
          RdCalendarEventKind kind = rd_calendar_event_get_kind (event);

          if (kind == RD_CALENDAR_EVENT_END_DATE || kind == RD_CALENDAR_EVENT_MILESTONE)
            return g_strdup (rd_calendar_event_get_record_id (event));
        }
      g_assert_true (send_key (GTK_WIDGET (grid), GDK_KEY_Right));
    }
  return NULL;
}

/* Every row of the day pane shows its names whole. */
static void
assert_agenda_not_cut (GtkWidget *root)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_with_css_class (root, "agenda-row", rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (GPtrArray) titles = g_ptr_array_new ();
      g_autoptr (GPtrArray) subtitles = g_ptr_array_new ();
      GtkWidget *title;
      GtkWidget *subtitle;

      /* The customer's name is the row's heading, what happens its caption. */
      collect_with_css_class (rows->pdata[i], "heading", titles);
      collect_with_css_class (rows->pdata[i], "caption", subtitles);
      g_assert_cmpuint (titles->len, ==, 1);
      g_assert_cmpuint (subtitles->len, ==, 1);
      title = titles->pdata[0];
      subtitle = subtitles->pdata[0];
      g_assert_true (GTK_IS_LABEL (title) && GTK_IS_LABEL (subtitle));
      g_assert_false (label_cut (title));
      g_assert_false (label_cut (subtitle));
      g_assert_cmpint (gtk_widget_get_width (title), >, 40);
    }
}

static gboolean
flap_revealed (gpointer user_data)
{
  return adw_flap_get_reveal_progress (user_data) >= 1.0;
}

static void
test_layout_day_pane (RdTestFixture *fixture,
                      gconstpointer  user_data)
{
  RdCalendarView *view = rd_window_get_calendar_view (fixture->window);
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwFlap *flap = ADW_FLAP (rd_test_find_descendant (window, ADW_TYPE_FLAP));
  GtkWidget *agenda_button;
  g_autofree char *agreement_id = NULL;

  agreement_id = select_agreement_day (view);
  g_assert_nonnull (agreement_id);

  /* Folded, the day pane is out of the way until the button asks for it. */
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  agenda_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                             RD_TYPE_CALENDAR_VIEW,
                                                             "agenda_button"));
  g_assert_true (gtk_widget_get_mapped (agenda_button));
  g_signal_emit_by_name (agenda_button, "clicked");
  g_assert_true (adw_flap_get_reveal_flap (flap));
  rd_test_wait_until (flap_revealed, flap, "the day pane to slide in");
  rd_test_wait_for_frame (window);
  assert_agenda_not_cut (GTK_WIDGET (view));
  rd_test_save_screenshots (window, "layout-day-pane-640x480");

  g_signal_emit_by_name (agenda_button, "clicked");
  g_assert_false (adw_flap_get_reveal_flap (flap));
}

/* A day's milestone chip, shown. */
static gboolean
match_day_milestone_chip (GtkWidget     *widget,
                          gconstpointer  data)
{
  return match_css_class (widget, "milestone")
         && gtk_widget_get_ancestor (widget, RD_TYPE_DAY_CELL) != NULL;
}

static gboolean
month_shows_milestone (gpointer user_data)
{
  return rd_test_find_widget (user_data, match_day_milestone_chip, NULL) != NULL;
}

static void
test_layout_chips_and_legend (RdTestFixture *fixture,
                              gconstpointer  user_data)
{
  RdCalendarView *view = rd_window_get_calendar_view (fixture->window);
  GtkWidget *chip;
  GtkWidget *days;
  const char *text;
  GtkWidget *legend;
  GtkWidget *overdue;

  /* A milestone chip names its milestone; the month's dates are read off the main thread. */
  rd_test_wait_until (month_shows_milestone, view, "the month to show a milestone");
  chip = rd_test_find_widget (GTK_WIDGET (view), match_day_milestone_chip, NULL);
  g_assert_nonnull (chip);
  days = gtk_widget_get_next_sibling (gtk_widget_get_first_child (chip));
  /* A day's chip draws its own text; the legend's is a label. */
  g_assert_true (RD_IS_TEXT_CELL (days) || GTK_IS_LABEL (days));
  text = RD_IS_TEXT_CELL (days) ? rd_text_cell_get_text (RD_TEXT_CELL (days))
                                : gtk_label_get_text (GTK_LABEL (days));
  g_test_message ("milestone chip: %s", text);
  g_assert_true (g_str_has_prefix (text, "120 ") || g_str_has_prefix (text, "90 ")
                 || g_str_has_prefix (text, "60 "));

  /* The legend explains the overdue mark. */
  legend = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), RD_TYPE_CALENDAR_VIEW,
                                                      "legend_box"));
  overdue = rd_test_wait_for_label (legend, "Milestone overdue");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (overdue), "overdue"));

  assert_agenda_not_cut (GTK_WIDGET (view));
  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "layout-calendar-chips");
}

static void
test_layout_renew_from_agenda (RdTestFixture *fixture,
                               gconstpointer  user_data)
{
  RdCalendarView *view = rd_window_get_calendar_view (fixture->window);
  g_autofree char *agreement_id = select_agreement_day (view);
  g_autoptr (JsonObject) body = NULL;
  RdRecordEditor *editor;
  GtkWidget *renew = NULL;

  g_assert_nonnull (agreement_id);
  rd_test_wait_for_frame (GTK_WIDGET (fixture->window));
  renew = rd_test_find_widget (GTK_WIDGET (view), match_css_class, "renew");
  g_assert_nonnull (renew);
  g_assert_true (gtk_widget_is_sensitive (renew));

  g_signal_emit_by_name (renew, "clicked");
  editor = RD_RECORD_EDITOR (rd_test_wait_for_toplevel (RD_TYPE_RECORD_EDITOR));
  body = rd_record_editor_dup_current_body (editor);
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "offer");
  g_assert_nonnull (json_object_get_string_member (body, "renews"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The Last Touch cells ("15 Aug 2025 · Call"), dated as the End column. */
typedef struct
{
  GtkWidget *root;
  GRegex    *touch;
} TouchSearch;

/* Whether a laid-out cell matches: rows the list has just made are mapped before the next
 * frame gives them a width, and are measured only after it. */
static gboolean
shows_laid_out_cell (GtkWidget *root,
                     GRegex    *pattern)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = RD_IS_TEXT_CELL (child) && gtk_widget_get_mapped (child)
                         && gtk_widget_get_width (child) > 0
                         ? rd_text_cell_get_text (RD_TEXT_CELL (child)) : NULL;

      if (text != NULL && g_regex_match (pattern, text, 0, NULL))
        return TRUE;
      if (shows_laid_out_cell (child, pattern))
        return TRUE;
    }
  return FALSE;
}

static gboolean
shows_last_touches (gpointer user_data)
{
  TouchSearch *search = user_data;

  return shows_laid_out_cell (search->root, search->touch);
}

/* At the default width the pipeline shows Stage, Value and Last Touch without scrolling;
 * the Product ID column, when it shows, fits a whole ID. */
static void
test_layout_pipeline_columns (RdTestFixture *fixture,
                              gconstpointer  user_data)
{
  RdPipelineView *view = rd_window_get_pipeline_view (fixture->window);
  g_autoptr (GRegex) touch = g_regex_new ("^[0-9]{1,2} [A-Z][a-z]{2} 20[0-9]{2} · ", 0, 0, NULL);
  TouchSearch search = { GTK_WIDGET (view), touch };
  g_autofree char *shown = NULL;
  guint n_whole;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-pipeline", NULL);
  rd_test_wait_for_view (fixture->window, "pipeline");
  shown = assert_pipeline_columns_fit (view);
  g_test_message ("shown: %s", shown);
  g_assert_nonnull (strstr (shown, "Stage"));
  g_assert_nonnull (strstr (shown, "Value"));
  g_assert_nonnull (strstr (shown, "Last Touch"));
  rd_test_wait_until (shows_last_touches, &search, "the rows' last touches");
  rd_test_wait_for_frame (GTK_WIDGET (fixture->window));
  n_whole = rd_test_count_text_cells_whole (GTK_WIDGET (view), touch);
  g_test_message ("%u last touches whole", n_whole);
  g_assert_cmpuint (n_whole, >, 0);
  rd_test_save_screenshots (GTK_WIDGET (fixture->window), "layout-pipeline-default");
}

static void
empty_setup (RdTestFixture *fixture,
             gconstpointer  user_data)
{
  rd_test_fixture_open (fixture, "layout-empty", FALSE);
  rd_test_fixture_open_window (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 480);
  rd_test_fixture_present (fixture);
}

/* A button's accessible name is its words, not its label with the mnemonic's underscore
 * followed by the same words again; Alt+L loads the demo data by keyboard. */
static void
test_layout_accessible_names (RdTestFixture *fixture,
                              gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *load_demo;
  GtkWidget *import;
  GtkWidget *today;

  load_demo = GTK_WIDGET (gtk_widget_get_template_child (window, RD_TYPE_WINDOW,
                                                         "load_demo_button"));
  import = GTK_WIDGET (gtk_widget_get_template_child (window, RD_TYPE_WINDOW, "import_button"));
  today = GTK_WIDGET (gtk_widget_get_template_child (
                        GTK_WIDGET (rd_window_get_calendar_view (fixture->window)),
                        RD_TYPE_CALENDAR_VIEW, "today_button"));
  g_assert_nonnull (load_demo);
  g_assert_nonnull (import);
  g_assert_nonnull (today);
  gtk_test_accessible_assert_property (load_demo, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Load demo data");
  gtk_test_accessible_assert_property (import, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Import from AWS Marketplace");
  gtk_test_accessible_assert_property (today, GTK_ACCESSIBLE_PROPERTY_LABEL, "Go to today");

  g_assert_true (gtk_widget_mnemonic_activate (load_demo, FALSE));
  rd_test_wait_for_view (fixture->window, "calendar");
  g_assert_cmpuint (rd_store_count (fixture->store, "agreement"), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  rd_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/layout/fits/%dx%d", sizes[i].width,
                                               sizes[i].height);

      g_test_add (path, RdTestFixture, &sizes[i], fixture_setup, test_layout_fits,
                  rd_test_fixture_teardown);
    }

  g_test_add ("/layout/narrow-title", RdTestFixture, &sizes[2], fixture_setup,
              test_layout_narrow_title, rd_test_fixture_teardown);
  g_test_add ("/layout/calendar/day-pane", RdTestFixture, &small, fixture_setup,
              test_layout_day_pane, rd_test_fixture_teardown);
  g_test_add ("/layout/calendar/chips-and-legend", RdTestFixture, &wide, fixture_setup,
              test_layout_chips_and_legend, rd_test_fixture_teardown);
  g_test_add ("/layout/calendar/renew-from-agenda", RdTestFixture, &wide, fixture_setup,
              test_layout_renew_from_agenda, rd_test_fixture_teardown);

  g_test_add ("/layout/pipeline/columns", RdTestFixture, &default_size, fixture_setup,
              test_layout_pipeline_columns, rd_test_fixture_teardown);
  g_test_add ("/layout/accessible-names", RdTestFixture, NULL, empty_setup,
              test_layout_accessible_names, rd_test_fixture_teardown);

  return g_test_run ();
}
