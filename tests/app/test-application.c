/* test-application.c
 *
 * The real RdApplication under Xvfb, on a private session bus: `--background` runs without
 * a window with the reminder scheduler started; app.open-record presents a window and the
 * record's editor; app.run-in-background follows the setting, writes and removes the
 * per-user autostart entry and keeps the application running when its last window closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-application.h"
#include "rd-background.h"
#include "rd-record-editor.h"
#include "rd-test-app.h"
#include "rd-window.h"

typedef struct
{
  RdApplication *app;
  char          *dir;
  char          *db_path;
  char          *record_id;
  gboolean       checked;
  gboolean       survived_last_window;
} Fixture;

static guint
count_windows_of_type (RdApplication *app,
                       GType          type)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      n++;
  return n;
}

/* Editors are transient for the main window, not windows of the application. */
static RdRecordEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (RD_IS_RECORD_EDITOR (window))
        return RD_RECORD_EDITOR (window);
    }
  return NULL;
}

static char *
insert_agreement (RdApplication *app)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) end = g_date_time_add_days (now, 700);
  g_autofree char *end_text = g_date_time_format (end, "%Y-%m-%d");
  RdStore *store = rd_context_get_store (rd_application_get_context (app));
  char *id;

  /* Ends far ahead: no milestone is due, so no notification is sent. */
  json_object_set_string_member (body, "type", "agreement");
  json_object_set_string_member (body, "agreement_id", "agmt-1234567890abcdef");
  json_object_set_string_member (body, "customer", "Open Record Corp");
  json_object_set_string_member (body, "product_title", "Analytics");
  json_object_set_string_member (body, "kind", "PO");
  json_object_set_string_member (body, "status", "ACTIVE");
  json_object_set_string_member (body, "end_date", end_text);
  id = rd_store_insert (store, body, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
background_checks_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  RdApplication *app = fixture->app;
  RdRecordEditor *editor;

  /* --background: the store and the reminders run, no window. */
  g_assert_nonnull (rd_application_get_context (app));
  g_assert_nonnull (rd_context_get_reminder_notifier (rd_application_get_context (app)));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "snooze-reminder"));

  fixture->record_id = insert_agreement (app);
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-record",
                                  g_variant_new_string (fixture->record_id));
  editor = RD_RECORD_EDITOR (rd_test_wait_for_toplevel (RD_TYPE_RECORD_EDITOR));

  g_assert_cmpuint (count_windows_of_type (app, RD_TYPE_WINDOW), ==, 1);
  g_assert_true (editor == find_editor ());
  g_assert_cmpstr (rd_record_editor_get_record_id (editor), ==, fixture->record_id);

  /* Again: the same main window, a second editor is not a second main window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-record",
                                  g_variant_new_string (fixture->record_id));
  rd_test_flush ();
  g_assert_cmpuint (count_windows_of_type (app, RD_TYPE_WINDOW), ==, 1);

  fixture->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_startup_cb (GApplication *application,
               Fixture      *fixture)
{
  /* Runs once the command line is handled and the main loop turns. */
  g_idle_add (g_object_get_data (G_OBJECT (application), "checks"), fixture);
}

static int
run_app (Fixture     *fixture,
         GSourceFunc  checks,
         gboolean     background)
{
  const char *argv[] = { "renewal-desk", "--db", fixture->db_path, "--background", NULL };

  fixture->app = rd_application_new ();
  g_object_set_data (G_OBJECT (fixture->app), "checks", checks);
  g_signal_connect_after (fixture->app, "startup", G_CALLBACK (on_startup_cb), fixture);
  return g_application_run (G_APPLICATION (fixture->app), background ? 4 : 3, (char **) argv);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("rd-test-application-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "renewals.db", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_object (&fixture->app);
  rd_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
  g_clear_pointer (&fixture->record_id, g_free);
}

static void
test_background_open_record (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_assert_cmpint (run_app (fixture, background_checks_cb, TRUE), ==, 0);
  g_assert_true (fixture->checked);
}

static gboolean
on_still_running_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  /* Still here without a window: now turn it off, and the application ends by itself. */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (fixture->app)));
  fixture->survived_last_window = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "run-in-background", NULL);
  g_assert_false (g_settings_get_boolean (settings, "run-in-background"));
  return G_SOURCE_REMOVE;
}

static gboolean
run_in_background_checks_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  RdApplication *app = fixture->app;
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GVariant) state = NULL;
  g_autoptr (GKeyFile) keyfile = g_key_file_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = rd_background_dup_autostart_path ();
  g_autofree char *exec = NULL;
  GList *windows;

  /* Started without --background: a window. */
  g_assert_cmpuint (count_windows_of_type (app, RD_TYPE_WINDOW), ==, 1);
  g_assert_true (g_str_has_prefix (path, g_getenv ("XDG_CONFIG_HOME")));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "run-in-background");
  g_assert_false (g_variant_get_boolean (state));
  g_clear_pointer (&state, g_variant_unref);

  /* On: the setting, the action's state and the autostart entry follow. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "run-in-background", NULL);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "run-in-background");
  g_assert_true (g_variant_get_boolean (state));
  g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (keyfile, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "renewal-desk --background");
  g_assert_true (g_key_file_get_boolean (keyfile, "Desktop Entry",
                                         "X-GNOME-Autostart-enabled", NULL));

  /* Off removes it; on again for the last-window check. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "run-in-background", NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_settings_set_boolean (settings, "run-in-background", TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The last window closes: the application keeps running. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  g_timeout_add (300, on_still_running_cb, fixture);

  fixture->checked = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_run_in_background (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = rd_background_dup_autostart_path ();

  g_assert_cmpint (run_app (fixture, run_in_background_checks_cb, FALSE), ==, 0);
  g_assert_true (fixture->checked);
  g_assert_true (fixture->survived_last_window);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = NULL;
  int status;

  /* Before anything reads it: the autostart entry goes to a temporary config folder. */
  config = g_dir_make_tmp ("rd-test-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/app/application/background-open-record", Fixture, NULL,
              fixture_setup, test_background_open_record, fixture_teardown);
  g_test_add ("/app/application/run-in-background", Fixture, NULL,
              fixture_setup, test_run_in_background, fixture_teardown);

  status = g_test_run ();
  rd_test_remove_dir (config);

  return status;
}
