/* test-editor-dates.c
 *
 * Dates in the record editor follow the user's locale (German here: 31.03.2027) and ISO
 * dates are accepted too; what is stored is always YYYY-MM-DD. Writes screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "rd-record-editor.h"
#include "rd-renewal.h"
#include "rd-test-app.h"
#include "rd-window.h"

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open (fixture, "editor-dates", TRUE);
  g_settings_reset (fixture->settings, "last-view");
  g_settings_reset (fixture->settings, "role");
  rd_test_fixture_open_window (fixture);
  rd_test_fixture_present (fixture);
}

static gboolean
no_errors (gpointer user_data)
{
  return rd_record_editor_get_n_errors (user_data) == 0;
}

static gboolean
has_errors (gpointer user_data)
{
  return rd_record_editor_get_n_errors (user_data) > 0;
}

static void
test_dates_in_locale (RdTestFixture *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (GPtrArray) offers = rd_store_list (fixture->store, "offer", NULL);
  g_autoptr (RdRecord) saved = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autofree char *german = NULL;
  RdRecord *offer = NULL;
  RdRecordEditor *editor;
  GtkWidget *row;
  const char *shown;
  const char *start;

  /* A drafted FDA offer with a start date. */
  for (guint i = 0; i < offers->len && offer == NULL; i++)
    if (g_strcmp0 (rd_record_get_string (g_ptr_array_index (offers, i), "renewal_mechanism"),
                   "fda") == 0
        && rd_record_get_string (g_ptr_array_index (offers, i), "agreement_start_date") != NULL)
      offer = g_ptr_array_index (offers, i);
  g_assert_nonnull (offer);
  start = rd_record_get_string (offer, "agreement_start_date");

  editor = rd_window_open_record (fixture->window, rd_record_get_id (offer));
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  row = rd_record_editor_get_field_row (editor, "agreement_start_date");

  /* 2027-01-20 shows as 20.01.2027. */
  shown = gtk_editable_get_text (GTK_EDITABLE (row));
  g_assert_cmpuint (strlen (shown), ==, 10);
  g_assert_true (shown[2] == '.' && shown[5] == '.');
  g_assert_true (strncmp (shown, start + 8, 2) == 0);
  g_assert_true (strncmp (shown + 3, start + 5, 2) == 0);
  g_assert_true (strncmp (shown + 6, start, 4) == 0);
  g_assert_cmpuint (rd_record_editor_get_n_errors (editor), ==, 0);
  rd_test_wait_for_label (GTK_WIDGET (editor), "Schreiben Sie Daten als 31.03.2026");
  rd_test_save_screenshots (GTK_WIDGET (editor), "editor-dates-de");

  /* Nonsense is refused with the locale's example. */
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "31.02.2027");
  rd_test_wait_until (has_errors, editor, "the bad date's error");
  g_assert_nonnull (strstr (rd_record_editor_get_field_error (editor, "agreement_start_date"),
                            "31.03.2026"));

  /* German and ISO are both read, and stored as YYYY-MM-DD. */
  gtk_editable_set_text (GTK_EDITABLE (row), start);
  rd_test_wait_until (no_errors, editor, "the ISO date to be accepted");
  body = rd_record_editor_dup_current_body (editor);
  g_assert_cmpstr (json_object_get_string_member (body, "agreement_start_date"), ==, start);
  g_clear_pointer (&body, json_object_unref);

  /* Without leading zeros, as people type: "20.1.2027". */
  german = g_strdup_printf ("%d.%d.%.4s", atoi (start + 8), atoi (start + 5), start);
  gtk_editable_set_text (GTK_EDITABLE (row), german);
  rd_test_wait_until (no_errors, editor, "the German date to be accepted");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  saved = rd_store_get (fixture->store, rd_record_get_id (offer), NULL);
  g_assert_cmpstr (rd_record_get_string (saved, "agreement_start_date"), ==, start);
}

static void
test_dates_missing_locale (void)
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
      g_test_add_func ("/editor-dates/missing-locale", test_dates_missing_locale);
      return g_test_run ();
    }

  bindtextdomain (GETTEXT_PACKAGE, RD_BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  rd_test_init (&argc, &argv);

  g_test_add ("/editor-dates/german", RdTestFixture, NULL,
              fixture_setup, test_dates_in_locale, rd_test_fixture_teardown);

  return g_test_run ();
}
