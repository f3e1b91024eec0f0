/* test-sync-ui.c
 *
 * Team sync in the real window under Xvfb, against a real PouchDB Server: the header bar's
 * states, a conflict with a second client resolved field by field in the resolver, and the
 * preferences refusing http:// to another computer. Writes screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-conflict-dialog.h"
#include "rd-context.h"
#include "rd-preferences-window.h"
#include "rd-keyring.h"
#include "rd-sync-indicator.h"
#include "rd-sync-preferences.h"
#include "rd-test-app.h"
#include "rd-test-server.h"
#include "rd-window.h"

static RdTestServer *server;
static guint db_counter;

typedef struct
{
  char            *dir;
  char            *db;
  RdStore         *store;      /* the application's */
  RdStore         *other;      /* a teammate's */
  RdSyncEngine    *other_engine;
  GSettings       *settings;
  RdContext       *context;
  RdSyncScheduler *scheduler;
  RdWindow        *window;
  RdSyncIndicator *indicator;
  guint            rounds;
} Fixture;

static void
on_round_finished_cb (RdSyncScheduler *scheduler,
                      Fixture         *fixture)
{
  fixture->rounds++;
}

typedef struct
{
  Fixture *fixture;
  guint    since;
} RoundWait;

static gboolean
round_finished (gpointer user_data)
{
  RoundWait *wait = user_data;

  return wait->fixture->rounds > wait->since;
}

/* Until the scheduler finished a round after the first `since` ones. */
static void
wait_for_round (Fixture *fixture,
                guint    since,
                guint    timeout_s)
{
  RoundWait wait = { fixture, since };

  if (!rd_test_pump_until (round_finished, &wait, timeout_s * 1000))
    g_error ("No sync round finished within %u s", timeout_s);
  rd_test_flush ();
}

static gboolean
no_conflict_dialog (gpointer user_data)
{
  return rd_test_find_toplevel (RD_TYPE_CONFLICT_DIALOG) == NULL;
}

static gboolean
engine_syncing (gpointer user_data)
{
  return rd_sync_engine_get_state (user_data) == RD_SYNC_STATE_SYNCING;
}

static gboolean
widget_hidden (gpointer user_data)
{
  return !gtk_widget_get_visible (user_data);
}

static void
sync_other (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_test_sync (fixture->other_engine, &error));
  g_assert_no_error (error);
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_secret_store_sync_password_finish (result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
store_password (const char *url,
                const char *password)
{
  gboolean done = FALSE;

  rd_secret_store_sync_password_async (url, RD_TEST_USER, password, NULL,
                                       on_password_stored_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  const char *url = rd_test_server_get_url (server);

  fixture->dir = g_dir_make_tmp ("rd-test-sync-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_strdup_printf ("syncui%u", ++db_counter);
  rd_test_server_create_db (server, fixture->db);

  fixture->store = rd_test_store_new (fixture->dir, "app.db");
  fixture->other = rd_test_store_new (fixture->dir, "other.db");
  fixture->other_engine = rd_test_engine_new (fixture->other, url, fixture->db);

  /* Configured before the context exists: the application syncs when it starts. */
  store_password (url, RD_TEST_USER_PASSWORD);
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_set_string (fixture->settings, "sync-server-url", url);
  g_settings_set_string (fixture->settings, "sync-database", fixture->db);
  g_settings_set_string (fixture->settings, "sync-user", RD_TEST_USER);
  g_settings_set_boolean (fixture->settings, "sync-enabled", TRUE);

  fixture->context = rd_context_new (fixture->store, fixture->settings);
  fixture->scheduler = rd_context_get_sync_scheduler (fixture->context);
  g_object_set (rd_sync_scheduler_get_engine (fixture->scheduler),
                "retry-delay", 10, "max-retries", 1, "timeout", 10, NULL);
  g_signal_connect (fixture->scheduler, "finished", G_CALLBACK (on_round_finished_cb), fixture);

  fixture->window = g_object_ref_sink (rd_window_new (NULL, fixture->context));
  fixture->indicator = RD_SYNC_INDICATOR (rd_test_find_descendant (GTK_WIDGET (fixture->window),
                                                                   RD_TYPE_SYNC_INDICATOR));
  g_assert_nonnull (fixture->indicator);

  rd_test_set_dark (FALSE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 600);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for_round (fixture, 0, 30);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_signal_handlers_disconnect_by_data (fixture->scheduler, fixture);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  rd_test_flush ();
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->context);
  g_settings_reset (fixture->settings, "sync-enabled");
  g_settings_reset (fixture->settings, "sync-server-url");
  g_settings_reset (fixture->settings, "sync-database");
  g_settings_reset (fixture->settings, "sync-user");
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->other_engine);
  g_clear_object (&fixture->other);
  g_clear_object (&fixture->store);
  rd_test_server_delete_db (server, fixture->db);
  rd_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db, g_free);
}

static GtkWidget *
header_bar_of (Fixture *fixture)
{
  return gtk_widget_get_ancestor (GTK_WIDGET (fixture->indicator), ADW_TYPE_HEADER_BAR);
}

static void
test_sync_ui_conflict (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RdSyncEngine *engine = rd_sync_scheduler_get_engine (fixture->scheduler);
  GtkWidget *conflicts_button = rd_sync_indicator_get_conflicts_button (fixture->indicator);
  GtkWidget *status_button = rd_sync_indicator_get_status_button (fixture->indicator);
  g_autofree char *expected_title = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr (JsonNode) doc = NULL;
  g_autoptr (GDateTime) now = NULL;
  guint status = 0;
  RdConflictDialog *dialog;
  guint rounds;
  GtkCheckButton *theirs;
  GtkCheckButton *mine;

  /* The first round ran when the application started. */
  g_assert_cmpint (rd_sync_engine_get_state (engine), ==, RD_SYNC_STATE_IDLE);
  now = g_date_time_new_now_local ();
  expected_title = g_date_time_format (now, "Synced at %H:%M");
  g_assert_cmpstr (rd_sync_indicator_get_title (fixture->indicator), ==, expected_title);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (status_button), ==, expected_title);
  g_assert_true (gtk_widget_get_visible (status_button));
  g_assert_false (gtk_widget_get_visible (conflicts_button));

  /* An edit is pushed by itself a few seconds later. */
  rounds = fixture->rounds;
  id = rd_test_add_record (fixture->store, "Acme Corp", "outreach");
  wait_for_round (fixture, rounds, 20);
  path = g_strdup_printf ("/%s/%s", fixture->db, id);
  doc = rd_test_server_request (server, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  sync_other (fixture);
  g_assert_cmpstr (rd_test_get_field (fixture->other, id, "customer"), ==, "Acme Corp");
  rd_test_save_screenshots (header_bar_of (fixture), "sync-header-synced");

  /* Both change the stage and the product; the teammate syncs first. */
  rd_test_set_field (fixture->other, id, "stage", "accepted");
  rd_test_set_field (fixture->other, id, "product_title", "Observability Platform");
  sync_other (fixture);
  rd_test_set_field (fixture->store, id, "stage", "needs_analysis");
  rd_test_set_field (fixture->store, id, "product_title", "Observability Suite Pro");
  rounds = fixture->rounds;
  rd_sync_scheduler_sync_now (fixture->scheduler);
  wait_for_round (fixture, rounds, 20);

  g_assert_cmpuint (rd_sync_engine_get_conflicts (engine), ==, 1);
  g_assert_true (gtk_widget_get_visible (conflicts_button));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (
                     GTK_WIDGET (fixture->indicator), RD_TYPE_SYNC_INDICATOR,
                     "conflicts_label"))), ==, "1 conflict");
  rd_test_save_screenshots (header_bar_of (fixture), "sync-header-conflicts");

  gtk_widget_activate_action (GTK_WIDGET (fixture->indicator), "sync.resolve", NULL);
  dialog = RD_CONFLICT_DIALOG (rd_test_wait_for_toplevel (RD_TYPE_CONFLICT_DIALOG));
  g_assert_cmpuint (rd_conflict_dialog_get_n_conflicts (dialog), ==, 1);
  g_assert_null (rd_conflict_dialog_get_deletion_button (dialog, id, TRUE));
  rd_test_save_screenshots (GTK_WIDGET (dialog), "sync-resolver");

  /* Nothing chosen, nothing to save. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
                    GTK_WIDGET (dialog), RD_TYPE_CONFLICT_DIALOG, "save_button"))));
  theirs = rd_conflict_dialog_get_choice_button (dialog, id, "stage", RD_SYNC_CHOICE_THEIRS);
  mine = rd_conflict_dialog_get_choice_button (dialog, id, "product_title",
                                               RD_SYNC_CHOICE_MINE);
  g_assert_nonnull (theirs);
  g_assert_nonnull (mine);
  gtk_check_button_set_active (theirs, TRUE);
  gtk_check_button_set_active (mine, TRUE);
  rd_test_flush ();
  rd_test_save_screenshots (GTK_WIDGET (dialog), "sync-resolver-chosen");

  rounds = fixture->rounds;
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflicts.save", NULL);
  /* Save resolves, updates the count and syncs at once. */
  g_assert_cmpuint (rd_sync_engine_get_conflicts (engine), ==, 0);
  g_assert_false (gtk_widget_get_visible (conflicts_button));
  wait_for_round (fixture, rounds, 20);
  rd_test_wait_until (no_conflict_dialog, NULL, "the conflict dialog to close");
  g_assert_cmpint (rd_sync_engine_get_state (engine), ==, RD_SYNC_STATE_IDLE);

  sync_other (fixture);
  g_assert_cmpstr (rd_test_get_field (fixture->store, id, "stage"), ==, "accepted");
  g_assert_cmpstr (rd_test_get_field (fixture->other, id, "stage"), ==, "accepted");
  g_assert_cmpstr (rd_test_get_field (fixture->store, id, "product_title"), ==,
                   "Observability Suite Pro");
  g_assert_cmpstr (rd_test_get_field (fixture->other, id, "product_title"), ==,
                   "Observability Suite Pro");
  g_assert_cmpuint (rd_store_sync_count_conflicts (fixture->other), ==, 0);
}

/* Edited here, deleted by the teammate: the resolver asks Keep or Delete. */
static void
test_sync_ui_edit_delete (Fixture       *fixture,
                          gconstpointer  user_data)
{
  RdSyncEngine *engine = rd_sync_scheduler_get_engine (fixture->scheduler);
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;
  RdConflictDialog *dialog;
  GtkCheckButton *keep;
  guint rounds;

  id = rd_test_add_record (fixture->store, "Globex", "outreach");
  rounds = fixture->rounds;
  rd_sync_scheduler_sync_now (fixture->scheduler);
  wait_for_round (fixture, rounds, 20);
  sync_other (fixture);
  rd_store_delete (fixture->other, id, &error);
  g_assert_no_error (error);
  sync_other (fixture);
  rd_test_set_field (fixture->store, id, "stage", "accepted");
  rounds = fixture->rounds;
  rd_sync_scheduler_sync_now (fixture->scheduler);
  wait_for_round (fixture, rounds, 20);
  g_assert_cmpuint (rd_sync_engine_get_conflicts (engine), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (fixture->indicator), "sync.resolve", NULL);
  dialog = RD_CONFLICT_DIALOG (rd_test_wait_for_toplevel (RD_TYPE_CONFLICT_DIALOG));
  g_assert_null (rd_conflict_dialog_get_choice_button (dialog, id, "stage",
                                                       RD_SYNC_CHOICE_MINE));
  keep = rd_conflict_dialog_get_deletion_button (dialog, id, TRUE);
  g_assert_nonnull (keep);
  g_assert_nonnull (rd_conflict_dialog_get_deletion_button (dialog, id, FALSE));
  gtk_check_button_set_active (keep, TRUE);
  rd_test_save_screenshots (GTK_WIDGET (dialog), "sync-resolver-deleted");

  rounds = fixture->rounds;
  gtk_widget_activate_action (GTK_WIDGET (dialog), "conflicts.save", NULL);
  wait_for_round (fixture, rounds, 20);
  sync_other (fixture);
  g_assert_cmpuint (rd_sync_engine_get_conflicts (engine), ==, 0);
  g_assert_cmpstr (rd_test_get_field (fixture->store, id, "stage"), ==, "accepted");
  g_assert_cmpstr (rd_test_get_field (fixture->other, id, "stage"), ==, "accepted");
  g_assert_cmpuint (rd_store_count (fixture->other, "offer"), ==, 1);
}

static void
test_sync_ui_states (Fixture       *fixture,
                     gconstpointer  user_data)
{
  RdSyncEngine *engine = rd_sync_scheduler_get_engine (fixture->scheduler);
  GtkWidget *status_button = rd_sync_indicator_get_status_button (fixture->indicator);
  g_autoptr (GSocketListener) listener = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *silent_url = NULL;
  GtkPopover *popover;
  gint64 start;
  guint16 port;
  guint rounds;

  popover = GTK_POPOVER (gtk_widget_get_template_child (GTK_WIDGET (fixture->indicator),
                                                        RD_TYPE_SYNC_INDICATOR,
                                                        "status_popover"));

  /* A server document this device cannot store: set aside, and the popover says so. */
  {
    g_autofree char *doc_path = g_strdup_printf ("/%s/untyped-doc", fixture->db);
    g_autoptr (JsonNode) put = NULL;
    GtkLabel *detail = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->indicator),
                                                                 RD_TYPE_SYNC_INDICATOR,
                                                                 "detail_label"));
    guint status = 0;

    put = rd_test_server_request (server, "PUT", doc_path, "{\"customer\":\"Nobody\"}",
                                  &status);
    g_assert_cmpuint (status, ==, 201);
    rounds = fixture->rounds;
    rd_sync_scheduler_sync_now (fixture->scheduler);
    wait_for_round (fixture, rounds, 20);
    g_assert_cmpuint (rd_sync_engine_get_quarantined (engine), ==, 1);
    g_assert_nonnull (strstr (gtk_label_get_label (detail), "set aside"));
  }

  /* Wrong password: an error with Retry. */
  store_password (rd_test_server_get_url (server), "not-the-password");
  rd_sync_scheduler_reload_password (fixture->scheduler);
  rounds = fixture->rounds;
  rd_sync_scheduler_sync_now (fixture->scheduler);
  wait_for_round (fixture, rounds, 20);
  g_assert_cmpint (rd_sync_engine_get_state (engine), ==, RD_SYNC_STATE_ERROR);
  g_assert_true (gtk_widget_has_css_class (status_button, "error"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_template_child (
                     GTK_WIDGET (fixture->indicator), RD_TYPE_SYNC_INDICATOR,
                     "action_button"))), ==, "Retry");
  rd_test_save_screenshots (header_bar_of (fixture), "sync-header-error");
  gtk_popover_popup (popover);
  rd_test_save_screenshots (GTK_WIDGET (popover), "sync-popover-error");
  gtk_popover_popdown (popover);

  /* Retry with the right password. */
  store_password (rd_test_server_get_url (server), RD_TEST_USER_PASSWORD);
  rd_sync_scheduler_reload_password (fixture->scheduler);
  rounds = fixture->rounds;
  gtk_widget_activate_action (GTK_WIDGET (fixture->indicator), "sync.sync-now", NULL);
  wait_for_round (fixture, rounds, 20);
  g_assert_cmpint (rd_sync_engine_get_state (engine), ==, RD_SYNC_STATE_IDLE);
  g_assert_false (gtk_widget_has_css_class (status_button, "error"));

  /* A server that accepts connections and never answers: syncing, with a spinner. */
  listener = g_socket_listener_new ();
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  silent_url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_object_set (engine, "timeout", 8, "max-retries", 0, NULL);
  g_settings_set_string (fixture->settings, "sync-server-url", silent_url);
  rounds = fixture->rounds;
  rd_sync_scheduler_sync_now (fixture->scheduler);
  rd_test_wait_until (engine_syncing, engine, "the sync to start");
  rd_test_save_screenshots (header_bar_of (fixture), "sync-header-syncing");
  gtk_popover_popup (popover);
  rd_test_save_screenshots (GTK_WIDGET (popover), "sync-popover-syncing");
  gtk_popover_popdown (popover);
  wait_for_round (fixture, rounds, 20);

  /* Nobody listening: offline within 2 s with the default retries, then tried again later
   * without being asked. */
  g_socket_listener_close (listener);
  g_object_set (engine, "timeout", 60, "max-retries", 5, "retry-delay", 1000, NULL);
  g_settings_set_string (fixture->settings, "sync-server-url", "http://127.0.0.1:9");
  rounds = fixture->rounds;
  start = g_get_monotonic_time ();
  rd_sync_scheduler_sync_now (fixture->scheduler);
  wait_for_round (fixture, rounds, 20);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (rd_sync_engine_get_state (engine), ==, RD_SYNC_STATE_OFFLINE);
  g_assert_cmpstr (rd_sync_indicator_get_title (fixture->indicator), ==, "Offline");
  rd_test_save_screenshots (header_bar_of (fixture), "sync-header-offline");
  rounds = fixture->rounds;
  wait_for_round (fixture, rounds, 10);
  g_assert_cmpint (rd_sync_engine_get_state (engine), ==, RD_SYNC_STATE_OFFLINE);

  /* Turned off: nothing in the header bar. */
  g_settings_set_boolean (fixture->settings, "sync-enabled", FALSE);
  rd_test_wait_until (widget_hidden, status_button, "the sync status to hide");
}

static void
test_sync_ui_preferences (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *url = g_settings_get_string (fixture->settings, "sync-server-url");
  g_autofree char *stored = NULL;
  RdPreferencesWindow *preferences;
  RdSyncPreferences *page;
  GtkWidget *url_row;
  GtkWidget *error_label;

  preferences = rd_preferences_window_new (fixture->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (preferences));
  rd_test_wait_for_mapped (GTK_WIDGET (preferences));

  page = RD_SYNC_PREFERENCES (rd_test_find_descendant (GTK_WIDGET (preferences),
                                                       RD_TYPE_SYNC_PREFERENCES));
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (page));
  url_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                       RD_TYPE_SYNC_PREFERENCES, "url_row"));
  error_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                           RD_TYPE_SYNC_PREFERENCES,
                                                           "error_label"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, url);
  g_assert_null (rd_sync_preferences_get_error (page));
  g_assert_false (gtk_widget_get_visible (error_label));
  rd_test_save_screenshots (GTK_WIDGET (preferences), "sync-preferences");

  /* http:// to another computer: an inline error, and the setting keeps its value. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "http://couchdb.example.com:5984");
  g_assert_nonnull (rd_sync_preferences_get_error (page));
  g_assert_nonnull (strstr (rd_sync_preferences_get_error (page), "https://"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (url_row, "error"));
  stored = g_settings_get_string (fixture->settings, "sync-server-url");
  g_assert_cmpstr (stored, ==, url);
  rd_test_save_screenshots (GTK_WIDGET (preferences), "sync-preferences-http-error");

  /* https:// anywhere, and http:// to this computer, are fine. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "https://couchdb.example.com");
  g_assert_null (rd_sync_preferences_get_error (page));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (url_row, "error"));
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (fixture->settings, "sync-server-url");
  g_assert_cmpstr (stored, ==, "https://couchdb.example.com");

  gtk_editable_set_text (GTK_EDITABLE (url_row), url);
  g_assert_null (rd_sync_preferences_get_error (page));

  gtk_window_destroy (GTK_WINDOW (preferences));
  rd_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  rd_test_init (&argc, &argv);
  /* A spinning spinner keeps the main context busy: every wait is bounded. */
  rd_test_use_bounded_pump ();

  /* No Secret Service here: passwords stay in this process's memory. */
  rd_secret_use_memory_backend ();
  server = rd_test_server_start ();

  g_test_add ("/app/sync/conflict", Fixture, NULL,
              fixture_setup, test_sync_ui_conflict, fixture_teardown);
  g_test_add ("/app/sync/edit-delete", Fixture, NULL,
              fixture_setup, test_sync_ui_edit_delete, fixture_teardown);
  g_test_add ("/app/sync/states", Fixture, NULL,
              fixture_setup, test_sync_ui_states, fixture_teardown);
  g_test_add ("/app/sync/preferences", Fixture, NULL,
              fixture_setup, test_sync_ui_preferences, fixture_teardown);

  status = g_test_run ();
  rd_test_server_free (server);

  return status;
}
