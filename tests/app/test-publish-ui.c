/* test-publish-ui.c
 *
 * "Publish to AWS Marketplace…" driven by its buttons and its Escape action, against the
 * Catalog API stand-in: Publish insensitive while a rule fails, with the field named; check →
 * apply → done, the toast and the published record; Cancel while AWS prepares; the field AWS
 * refuses shown; Escape closes. Writes screenshots/publish-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rd-aws-publish.h"
#include "rd-publish-dialog.h"
#include "rd-record.h"
#include "rd-record-editor.h"
#include "rd-test-app.h"
#include "test-publish-server.h"

#define OFFER_ID     "rec-offer-1"
#define AGREEMENT_ID "rec-agreement-1"

typedef struct
{
  RdTestFixture      app;
  PublishTestServer *server;
  RdPublishDialog   *dialog;
} Fixture;

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* The case's dates are as of its own "today"; the rules run as of the real one, so the offer
 * is drafted today and its dates lie as far ahead as the case has them. */
static void
move_to_today (JsonObject  *offer,
               const GDate *case_today,
               const GDate *today)
{
  static const char * const fields[] = {
    "agreement_start_date", "agreement_end_date", "offer_expiration_date"
  };
  g_autofree char *drafted_on = format_date (today);

  json_object_set_string_member (offer, "drafted_on", drafted_on);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = NULL;
      GDate value, shifted = *today;

      if (!json_object_has_member (offer, fields[i]))
        continue;
      g_date_clear (&value, 1);
      g_date_set_parse (&value, json_object_get_string_member (offer, fields[i]));
      g_date_add_days (&shifted, g_date_days_between (case_today, &value));
      text = format_date (&shifted);
      json_object_set_string_member (offer, fields[i], text);
    }
  /* The end date keeps the term whole: the start plus the duration, less a day. */
  if (json_object_has_member (offer, "agreement_start_date"))
    {
      g_autofree char *text = NULL;
      GDate end;

      g_date_clear (&end, 1);
      g_date_set_parse (&end, json_object_get_string_member (offer, "agreement_start_date"));
      g_date_add_months (&end, (guint) json_object_get_int_member (offer, "duration_months"));
      g_date_subtract_days (&end, 1);
      text = format_date (&end);
      json_object_set_string_member (offer, "agreement_end_date", text);
    }
}

static void
insert_case (Fixture    *fixture,
             const char *name,
             const char *server_today)
{
  g_autofree char *file = g_strconcat (name, ".input.json", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("RD_PUBLISH_TESTDATA"), file, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *today_text = NULL;
  JsonObject *input;
  GDate today, case_today;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  input = json_node_get_object (json_parser_get_root (parser));
  agreement = rd_json_object_deep_copy (json_object_get_object_member (input, "agreement"));
  json_object_set_string_member (agreement, "_id", AGREEMENT_ID);
  id = rd_store_insert (fixture->app.store, agreement, &error);
  g_assert_no_error (error);
  g_clear_pointer (&id, g_free);

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  g_date_clear (&case_today, 1);
  g_date_set_parse (&case_today, json_object_get_string_member (input, "today"));
  offer = rd_json_object_deep_copy (json_object_get_object_member (input, "offer"));
  json_object_set_string_member (offer, "_id", OFFER_ID);
  json_object_set_string_member (offer, "renews", AGREEMENT_ID);
  move_to_today (offer, &case_today, &today);
  id = rd_store_insert (fixture->app.store, offer, &error);
  g_assert_no_error (error);

  today_text = format_date (&today);
  fixture->server = publish_test_server_new (server_today != NULL ? server_today : today_text);
  g_settings_set_string (fixture->app.settings, "aws-endpoint-url",
                         publish_test_server_get_url (fixture->server));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open (&fixture->app, "publish-ui", FALSE);
  rd_test_fixture_open_window (&fixture->app);
  rd_test_fixture_present (&fixture->app);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  if (fixture->dialog != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->dialog));
      g_clear_object (&fixture->dialog);
    }
  rd_test_fixture_teardown (&fixture->app, user_data);
  g_clear_pointer (&fixture->server, publish_test_server_free);
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = g_object_ref_sink (rd_publish_dialog_new (fixture->app.context, OFFER_ID));
  rd_publish_dialog_set_poll_interval (fixture->dialog, 5, 20);
  gtk_window_set_transient_for (GTK_WINDOW (fixture->dialog), GTK_WINDOW (fixture->app.window));
  gtk_window_present (GTK_WINDOW (fixture->dialog));
  rd_test_wait_for_mapped (GTK_WIDGET (fixture->dialog));
}

static gboolean
match_button_label (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button (Fixture    *fixture,
             const char *label)
{
  GtkWidget *button = rd_test_find_widget (GTK_WIDGET (fixture->dialog), match_button_label,
                                           label);

  g_assert_nonnull (button);
  return button;
}

static void
click (Fixture    *fixture,
       const char *label)
{
  GtkWidget *button = find_button (fixture, label);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  rd_test_flush ();
}

typedef struct
{
  RdPublishDialog      *dialog;
  RdPublishDialogState  state;
} StateWait;

static gboolean
state_is (gpointer user_data)
{
  StateWait *wait = user_data;

  return rd_publish_dialog_get_state (wait->dialog) == wait->state;
}

static void
wait_for_state (Fixture              *fixture,
                RdPublishDialogState  state,
                const char           *what)
{
  StateWait wait = { fixture->dialog, state };

  rd_test_wait_until (state_is, &wait, what);
}

static gboolean
has_error_on (RdPublishDialog *dialog,
              const char      *field)
{
  GPtrArray *errors = rd_publish_dialog_get_errors (dialog);

  for (guint i = 0; i < errors->len; i++)
    if (g_strcmp0 (((RdFieldError *) g_ptr_array_index (errors, i))->field, field) == 0)
      return TRUE;
  return FALSE;
}

static RdRecord *
get_offer (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  RdRecord *record = rd_store_get (fixture->app.store, OFFER_ID, &error);

  g_assert_no_error (error);
  return record;
}

static void
test_blocked_by_rule (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;

  insert_case (fixture, "po-new-offer-container", NULL);
  json_object_set_string_member (patch, "buyer_account_id", "1234");
  /* Stored as a colleague's sync would store it: the rules are the dialog's to apply. */
  g_assert_true (rd_store_merge_patch (fixture->app.store, OFFER_ID, patch, &error));
  g_assert_no_error (error);

  open_dialog (fixture);
  g_assert_cmpint (rd_publish_dialog_get_state (fixture->dialog), ==, RD_PUBLISH_DIALOG_BLOCKED);
  g_assert_false (gtk_widget_is_sensitive (find_button (fixture, "_Publish")));
  g_assert_true (has_error_on (fixture->dialog, "buyer_account_id"));
  rd_test_wait_for_label (GTK_WIDGET (fixture->dialog), "buyer_account_id");
  rd_test_save_screenshots (GTK_WIDGET (fixture->dialog), "publish-blocked");
  g_assert_cmpuint (publish_test_server_get_started (fixture->server), ==, 0);

  /* Escape is the dialog's Cancel: it closes the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->dialog), "dialog.cancel",
                                             NULL));
  rd_test_flush ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
}

static void
test_publish (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr (RdRecord) offer = NULL;

  insert_case (fixture, "po-fda-saas-contract", NULL);
  open_dialog (fixture);
  g_assert_cmpint (rd_publish_dialog_get_state (fixture->dialog), ==, RD_PUBLISH_DIALOG_READY);
  rd_test_wait_for_label (GTK_WIDGET (fixture->dialog), "Passed");

  click (fixture, "_Publish");
  wait_for_state (fixture, RD_PUBLISH_DIALOG_DONE, "the offer is published");
  rd_test_wait_for_toast (GTK_WIDGET (fixture->dialog), "Published as offer-test");
  g_assert_true (gtk_widget_get_visible (find_button (fixture, "_Done")));
  rd_test_wait_for_label (GTK_WIDGET (fixture->dialog), "Succeeded");
  rd_test_save_screenshots (GTK_WIDGET (fixture->dialog), "publish-done");

  offer = get_offer (fixture);
  g_assert_cmpstr (rd_record_get_stage (offer), ==, "published");
  g_assert_cmpstr (rd_record_get_string (offer, "offer_id"), ==, "offer-test000000001");
  g_assert_cmpuint (publish_test_server_get_offers (fixture->server), ==, 1);

  click (fixture, "_Done");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->dialog)));
}

typedef struct
{
  RdPublishDialog *dialog;
  const char      *status;
} StatusWait;

static gboolean
status_is (gpointer user_data)
{
  StatusWait *wait = user_data;

  return g_strcmp0 (rd_publish_dialog_get_status (wait->dialog), wait->status) == 0;
}

static void
test_cancel_while_preparing (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr (RdRecord) offer = NULL;
  StatusWait wait;

  insert_case (fixture, "po-new-offer-saas-subscription", NULL);
  publish_test_server_set_preparing_polls (fixture->server, 100000);
  open_dialog (fixture);
  click (fixture, "_Publish");
  wait = (StatusWait) { fixture->dialog, "PREPARING" };
  rd_test_wait_until (status_is, &wait, "AWS prepares the change set");
  rd_test_wait_for_label (GTK_WIDGET (fixture->dialog), "preparing");
  g_assert_false (gtk_widget_is_sensitive (find_button (fixture, "_Publish")));

  click (fixture, "_Cancel");
  wait_for_state (fixture, RD_PUBLISH_DIALOG_CANCELLED, "the change set is cancelled");
  rd_test_wait_for_toast (GTK_WIDGET (fixture->dialog), "cancelled");
  offer = get_offer (fixture);
  g_assert_cmpstr (rd_record_get_stage (offer), ==, "drafted");
  g_assert_cmpstr (rd_record_get_string (offer, "changeset_status"), ==, "CANCELLED");
  g_assert_cmpuint (publish_test_server_get_offers (fixture->server), ==, 0);
  /* Publish is offered again. */
  g_assert_true (gtk_widget_is_sensitive (find_button (fixture, "_Publish")));
}

static void
test_refused_by_aws (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (RdRecord) offer = NULL;

  /* AWS's calendar is years behind: the FDA start is more than three years out for it. */
  insert_case (fixture, "po-fda-saas-contract-consumption", "2020-01-01");
  open_dialog (fixture);
  click (fixture, "_Publish");
  wait_for_state (fixture, RD_PUBLISH_DIALOG_FAILED, "AWS refuses the change set");
  g_assert_true (has_error_on (fixture->dialog, "agreement_start_date"));
  rd_test_wait_for_label (GTK_WIDGET (fixture->dialog), "INVALID_AGREEMENT_START_DATE");
  rd_test_wait_for_toast (GTK_WIDGET (fixture->dialog), "refused");
  rd_test_save_screenshots (GTK_WIDGET (fixture->dialog), "publish-refused");
  offer = get_offer (fixture);
  g_assert_cmpstr (rd_record_get_stage (offer), ==, "drafted");
}

/* The editor offers "Publish to AWS Marketplace…" on a drafted offer, and opens the dialog. */
static void
test_from_editor (Fixture       *fixture,
                  gconstpointer  user_data)
{
  RdRecordEditor *editor;
  GtkWindow *dialog;
  GtkWidget *button;

  insert_case (fixture, "po-new-offer-ami-hourly", NULL);
  editor = rd_window_open_record (fixture->app.window, OFFER_ID);
  g_assert_nonnull (editor);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  button = rd_test_find_widget (GTK_WIDGET (editor), match_button_label,
                                "_Publish to AWS Marketplace…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  dialog = rd_test_wait_for_toplevel (RD_TYPE_PUBLISH_DIALOG);
  g_assert_cmpint (rd_publish_dialog_get_state (RD_PUBLISH_DIALOG (dialog)), ==,
                   RD_PUBLISH_DIALOG_READY);
  rd_publish_dialog_set_poll_interval (RD_PUBLISH_DIALOG (dialog), 5, 20);
  fixture->dialog = g_object_ref (RD_PUBLISH_DIALOG (dialog));
  click (fixture, "_Publish");
  wait_for_state (fixture, RD_PUBLISH_DIALOG_DONE, "the offer is published");

  /* Done closes the dialog and the editor, whose copy of the offer is out of date. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  click (fixture, "_Done");
  g_clear_object (&fixture->dialog);
  rd_test_wait_for_finalized ((gpointer *) &editor);

  /* An agreement has nothing to publish. */
  editor = rd_window_open_record (fixture->app.window, AGREEMENT_ID);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_null (rd_test_find_widget (GTK_WIDGET (editor), match_button_label,
                                      "_Publish to AWS Marketplace…"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
field_error_contains (RdRecordEditor *editor,
                      const char     *field,
                      const char     *text)
{
  const char *error = rd_record_editor_get_field_error (editor, field);

  return error != NULL && strstr (error, text) != NULL;
}

static gboolean
start_date_refused (gpointer user_data)
{
  return field_error_contains (user_data, "agreement_start_date",
                               "INVALID_AGREEMENT_START_DATE");
}

static gboolean
match_visible_label (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

/* The dialog at a large and a phone-sized window, light and dark: nothing wider than given. */
static void
save_sized_screenshots (GtkWidget  *window,
                        const char *name)
{
  static const int sizes[][2] = { { 1280, 800 }, { 360, 640 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%dx%d", name, sizes[i][0], sizes[i][1]);

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i][0], sizes[i][1]);
      rd_test_wait_for_frame (window);
      g_assert_cmpint (gtk_widget_get_width (window), <=, sizes[i][0]);
      rd_test_save_screenshots (window, file);
    }
}

/* What AWS refuses shows in the editor at the field, as the rules' messages do; editing the
 * field takes it away, and the saved offer no longer carries it. The dialog names the IAM
 * actions publishing needs. */
static void
test_refused_at_field (Fixture       *fixture,
                       gconstpointer  user_data)
{
  static const char * const actions[] = {
    "aws-marketplace:StartChangeSet", "DescribeChangeSet", "CancelChangeSet",
    "DescribeEntity", "ListEntities"
  };
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (GPtrArray) stored_errors = NULL;
  g_autoptr (GError) error = NULL;
  RdRecordEditor *editor;
  GtkWindow *dialog;
  GtkWidget *row;
  GtkWidget *label;
  g_autofree char *start = NULL;

  insert_case (fixture, "po-fda-saas-contract-consumption", "2020-01-01");
  editor = rd_window_open_record (fixture->app.window, OFFER_ID);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_null (rd_record_editor_get_field_error (editor, "agreement_start_date"));
  g_signal_emit_by_name (rd_test_find_widget (GTK_WIDGET (editor), match_button_label,
                                              "_Publish to AWS Marketplace…"),
                         "clicked");
  dialog = rd_test_wait_for_toplevel (RD_TYPE_PUBLISH_DIALOG);
  rd_publish_dialog_set_poll_interval (RD_PUBLISH_DIALOG (dialog), 5, 20);
  fixture->dialog = g_object_ref (RD_PUBLISH_DIALOG (dialog));
  rd_test_wait_for_mapped (GTK_WIDGET (dialog));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_nonnull (rd_test_find_widget (GTK_WIDGET (dialog), match_visible_label,
                                           actions[i]));
  click (fixture, "_Publish");
  wait_for_state (fixture, RD_PUBLISH_DIALOG_FAILED, "AWS refuses the change set");
  save_sized_screenshots (GTK_WIDGET (dialog), "publish-refused");

  /* Closing the dialog brings AWS's word to the field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.cancel", NULL));
  g_clear_object (&fixture->dialog);
  rd_test_wait_until (start_date_refused, editor, "AWS's error at the start date");
  row = rd_record_editor_get_field_row (editor, "agreement_start_date");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  label = rd_test_find_widget (GTK_WIDGET (editor), match_visible_label,
                               "INVALID_AGREEMENT_START_DATE");
  g_assert_nonnull (label);
  save_sized_screenshots (GTK_WIDGET (editor), "publish-refused-editor");

  /* The user corrects the field: AWS's message goes, and stays gone once saved. */
  start = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  gtk_editable_set_text (GTK_EDITABLE (row), start);
  g_assert_false (field_error_contains (editor, "agreement_start_date",
                                        "INVALID_AGREEMENT_START_DATE"));
  g_assert_true (rd_record_editor_save (editor, &error));
  g_assert_no_error (error);
  offer = get_offer (fixture);
  g_assert_cmpstr (rd_record_get_string (offer, "changeset_status"), ==, "FAILED");
  stored_errors = rd_aws_publish_dup_record_errors (rd_record_get_body (offer));
  for (guint i = 0; i < stored_errors->len; i++)
    g_assert_cmpstr (((RdFieldError *) g_ptr_array_index (stored_errors, i))->field, !=,
                     "agreement_start_date");
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("rd-test-publish-ui-home-XXXXXX", NULL);
  g_autofree char *credentials = g_build_filename (home, "credentials", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  /* The user's own AWS setup stays out: keys from the environment, no ~/.aws files. */
  g_setenv ("AWS_ACCESS_KEY_ID", PUBLISH_TEST_ACCESS_KEY, TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", PUBLISH_TEST_SECRET_KEY, TRUE);
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_MARKETPLACE_CATALOG");
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);

  rd_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/publish-ui/blocked-by-rule", test_blocked_by_rule);
  ADD ("/publish-ui/publish", test_publish);
  ADD ("/publish-ui/cancel-while-preparing", test_cancel_while_preparing);
  ADD ("/publish-ui/refused-by-aws", test_refused_by_aws);
  ADD ("/publish-ui/from-editor", test_from_editor);
  ADD ("/publish-ui/refused-at-field", test_refused_at_field);

#undef ADD

  status = g_test_run ();
  g_rmdir (home);
  return status;
}
