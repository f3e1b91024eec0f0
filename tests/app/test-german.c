/* test-german.c
 *
 * The main views in German (LANGUAGE=de, de_DE.UTF-8, the build's catalogue): no English
 * text the catalogue translates is left on screen, dates and amounts follow the locale, and
 * screenshots of the calendar, the pipeline, the editor and the preferences are written to
 * <builddir>/tests/app/screenshots/de-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "rd-context.h"
#include "rd-demo.h"
#include "rd-fields.h"
#include "rd-labels.h"
#include "rd-preferences-window.h"
#include "rd-record-editor.h"
#include "rd-test-app.h"
#include "rd-text-cell.h"
#include "rd-window.h"

/* The contexts of the catalogue's msgctxt entries, so that labels shown through
 * g_dpgettext2() are recognised too. */
static const char *contexts[] = {
  "stage", "offer kind", "product type", "renewal mechanism", "agreement status",
  "document type", "shortcut window", "short date",
};

/* TRUE if @text is an English message the catalogue has a different German text for. */
static gboolean
is_untranslated_english (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (contexts); i++)
    if (g_strcmp0 (g_dpgettext2 (GETTEXT_PACKAGE, contexts[i], text), text) != 0)
      return TRUE;

  return FALSE;
}

static void
collect_shown_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
      g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
    }
  /* The pipeline's cells. */
  if (RD_IS_TEXT_CELL (widget))
    g_ptr_array_add (texts, g_strdup (rd_text_cell_get_text (RD_TEXT_CELL (widget))));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_widget_get_tooltip_text (widget)));
  if (GTK_IS_ENTRY (widget) || GTK_IS_TEXT (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      g_ptr_array_add (texts, g_steal_pointer (&placeholder));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_texts (child, texts);
}

/* Returns how many labels were looked at. */
static guint
assert_no_english (GtkWidget *root)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) english = g_string_new (NULL);

  collect_shown_texts (root, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (is_untranslated_english (text))
        g_string_append_printf (english, " “%s”", text);
    }

  if (english->len > 0)
    g_error ("English left in %s:%s", G_OBJECT_TYPE_NAME (root), english->str);

  return texts->len;
}

static gboolean
find_label_matching (GtkWidget  *widget,
                     GRegex     *regex,
                     char      **found)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;

  if (GTK_IS_LABEL (widget)
      && g_regex_match (regex, gtk_label_get_text (GTK_LABEL (widget)), 0, NULL))
    {
      *found = g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
      return TRUE;
    }
  if (RD_IS_TEXT_CELL (widget)
      && g_regex_match (regex, rd_text_cell_get_text (RD_TEXT_CELL (widget)), 0, NULL))
    {
      *found = g_strdup (rd_text_cell_get_text (RD_TEXT_CELL (widget)));
      return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label_matching (child, regex, found))
      return TRUE;

  return FALSE;
}

typedef struct
{
  GtkWidget *root;
  GRegex    *regex;
  char      *found;
} Search;

static gboolean
search_finds (gpointer user_data)
{
  Search *search = user_data;

  g_clear_pointer (&search->found, g_free);
  return find_label_matching (search->root, search->regex, &search->found);
}

/* Waits, bounded, until a text matching pattern shows: rows are made a few per idle step
 * after a view's first frame. */
static void
assert_shows (GtkWidget  *root,
              const char *pattern,
              const char *what)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autofree char *description = g_strdup_printf ("%s (%s) in %s", what, pattern,
                                                  G_OBJECT_TYPE_NAME (root));
  Search search = { root, regex, NULL };

  rd_test_wait_until (search_finds, &search, description);
  g_test_message ("%s: %s", what, search.found);
  g_free (search.found);
}

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open (fixture, "german", TRUE);
  g_settings_reset (fixture->settings, "last-view");
  /* The size a window before was closed at (the narrow calendar's) is not this test's. */
  g_settings_reset (fixture->settings, "window-width");
  g_settings_reset (fixture->settings, "window-height");
  rd_test_fixture_open_window (fixture);
  rd_test_fixture_present (fixture);
}

/* The view switcher bar at the bottom has slid fully in. */
static gboolean
switcher_bar_shown (gpointer user_data)
{
  GtkWidget *bar = rd_test_find_descendant (user_data, ADW_TYPE_VIEW_SWITCHER_BAR);
  GtkWidget *revealer = bar != NULL ? rd_test_find_descendant (bar, GTK_TYPE_REVEALER) : NULL;

  return revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static void
narrow_fixture_setup (RdTestFixture *fixture,
                      gconstpointer  user_data)
{
  rd_test_fixture_open_demo_window (fixture, "german-narrow", 360, 640);
}

static void
test_german_calendar (RdTestFixture *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%B");

  g_assert_cmpstr (rd_window_get_visible_view (fixture->window), ==, "calendar");
  g_assert_cmpuint (assert_no_english (window), >, 0);
  /* The month's German name, e.g. "November 2026" or "März 2027" */
  assert_shows (window, month, "German month name");
  rd_test_save_screenshot (window, "de-calendar");
}

/* A phone-wide window: two German legend entries share a line, each whole. */
static void
test_german_calendar_narrow (RdTestFixture *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  RdTestSizeWait wait = { window, 360, 640 };
  int min_width;
  int min_height;

  /* German's longer words fit a phone-wide window as English's do. */
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, 360, &min_height, NULL, NULL, NULL);
  g_test_message ("the window needs at least %d×%d", min_width, min_height);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (min_height, <=, 640);
  gtk_widget_activate_action (window, "win.show-calendar", NULL);
  rd_test_wait_for_view (fixture->window, "calendar");
  rd_test_wait_until (rd_test_has_size, &wait, "the window to be 360 px wide");
  rd_test_wait_until (switcher_bar_shown, window, "the view switcher bar to slide in");
  rd_test_wait_for_frame (window);
  g_assert_cmpuint (assert_no_english (window), >, 0);
  g_assert_cmpuint (rd_test_count_legend_whole (window), ==, 6);
  rd_test_save_screenshot (window, "de-calendar-360x640");
}

/* The German texts of the pipeline's columns that are sized to their longest text: the
 * stage, the days left ("355 Tage überfällig"), the milestone ("60 Tage: überfällig") and
 * the last touch ("16.09.2026 · Besprechung"). */
static GRegex *
new_sized_column_pattern (void)
{
  g_autoptr (GString) pattern = g_string_new ("^([0-9]{2}\\.[0-9]{2}\\.[0-9]{4} · .+"
                                              "|[0-9]+ Tage?( überfällig)?"
                                              "|[0-9]+ Tage: .+");

  for (guint i = 0; rd_stages[i] != NULL; i++)
    {
      g_autofree char *stage = g_regex_escape_string (rd_labels_stage (rd_stages[i]), -1);

      g_string_append_printf (pattern, "|%s", stage);
    }
  g_string_append (pattern, ")$");
  return g_regex_new (pattern->str, 0, 0, NULL);
}

static void
test_german_pipeline (RdTestFixture *fixture,
                      gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  gtk_widget_activate_action (window, "win.show-pipeline", NULL);
  rd_test_wait_for_view (fixture->window, "pipeline");
  rd_test_wait_for_frame (window);

  assert_shows (window, "^[0-3][0-9]\\.[01][0-9]\\.20[0-9][0-9]$", "German date");
  assert_shows (window, "^[0-9]{1,3}(\\.[0-9]{3})+ [A-Z]{3}$", "amount grouped the German way");
  /* With the rows shown, their texts are checked too. */
  g_assert_cmpuint (assert_no_english (window), >, 0);
  {
    g_autoptr (GRegex) sized = new_sized_column_pattern ();
    guint n_whole = rd_test_count_text_cells_whole (window, sized);

    g_test_message ("%u stages, days left, milestones and last touches whole", n_whole);
    g_assert_cmpuint (n_whole, >, 0);
  }
  rd_test_save_screenshot (window, "de-pipeline");
}

static void
test_german_editor (RdTestFixture *fixture,
                    gconstpointer  user_data)
{
  g_autoptr (GPtrArray) offers = NULL;
  g_autoptr (GError) error = NULL;
  RdRecordEditor *editor;

  offers = rd_store_list (fixture->store, "offer", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offers->len, >, 0);

  editor = rd_window_open_record (fixture->window,
                                  rd_record_get_id (g_ptr_array_index (offers, 0)));
  g_assert_nonnull (editor);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));

  g_assert_cmpuint (assert_no_english (GTK_WIDGET (editor)), >, 0);
  rd_test_save_screenshot (GTK_WIDGET (editor), "de-editor");

  /* An amount typed the German way is read the German way. */
  {
    GtkWidget *value_row = rd_record_editor_get_field_row (editor, "value");

    if (value_row != NULL)
      {
        g_autoptr (JsonObject) body = NULL;

        gtk_editable_set_text (GTK_EDITABLE (value_row), "120.000,50");
        rd_test_flush ();
        g_assert_null (rd_record_editor_get_field_error (editor, "value"));
        body = rd_record_editor_dup_current_body (editor);
        g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "120000.50");
      }
  }

  gtk_window_destroy (GTK_WINDOW (editor));
  rd_test_flush ();
}

static void
test_german_preferences (RdTestFixture *fixture,
                         gconstpointer  user_data)
{
  RdPreferencesWindow *preferences = rd_preferences_window_new (fixture->context);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_wait_for_mapped (GTK_WIDGET (preferences));

  g_assert_cmpuint (assert_no_english (GTK_WIDGET (preferences)), >, 0);
  rd_test_save_screenshot (GTK_WIDGET (preferences), "de-preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_german_missing_locale (void)
{
  g_test_skip ("The de_DE.UTF-8 locale is not installed (build-aux/setup generates it)");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_add_func ("/app/german/missing-locale", test_german_missing_locale);
      return g_test_run ();
    }

  bindtextdomain (GETTEXT_PACKAGE, RD_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  rd_test_init (&argc, &argv);

  g_test_add ("/app/german/calendar", RdTestFixture, NULL,
              fixture_setup, test_german_calendar, rd_test_fixture_teardown);
  g_test_add ("/app/german/calendar-narrow", RdTestFixture, NULL,
              narrow_fixture_setup, test_german_calendar_narrow, rd_test_fixture_teardown);
  g_test_add ("/app/german/pipeline", RdTestFixture, NULL,
              fixture_setup, test_german_pipeline, rd_test_fixture_teardown);
  g_test_add ("/app/german/editor", RdTestFixture, NULL,
              fixture_setup, test_german_editor, rd_test_fixture_teardown);
  g_test_add ("/app/german/preferences", RdTestFixture, NULL,
              fixture_setup, test_german_preferences, rd_test_fixture_teardown);

  return g_test_run ();
}
