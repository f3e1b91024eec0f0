/* test-import-ui.c
 *
 * Drives import and export under Xvfb: the AWS Marketplace import dialog against a local
 * stand-in for the Agreement and Catalog APIs (progress in two steps, summary, a second run,
 * 403, cancel), CSV import of
 * a good and a malformed file, and the export of the filtered pipeline and of the calendar;
 * writes screenshots of the dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "rd-csv-import.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-export.h"
#include "rd-ics.h"
#include "rd-import-dialog.h"
#include "rd-pipeline-model.h"
#include "rd-test-app.h"
#include "rd-window.h"


typedef struct
{
  SoupServer *server;
  char       *endpoint;
  guint       n_agreements;
  /* -1 for none: that agreement's buyer account is malformed, so it fails. */
  int         bad_index;
  gboolean    forbidden;
  /* -1 for none: DescribeAgreement requests from this index on wait for release. */
  int         hold_from;
  GPtrArray  *held;
  /* The Catalog's first ListEntities waits for release. */
  gboolean    hold_catalog;
  guint       requests;
} TestServer;

typedef struct
{
  RdTestFixture app;
  TestServer    server;
} Fixture;


/* The local stand-in for the Agreement API. */

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static char *
describe_body (TestServer *ts,
               const char *id)
{
  guint index = (guint) g_ascii_strtoull (id + strlen ("agmt-ui"), NULL, 10);

  return g_strdup_printf ("{\"agreementId\":\"%s\",\"agreementType\":\"PurchaseAgreement\","
                          "\"status\":\"ACTIVE\",\"acceptanceTime\":1735689600,"
                          "\"startTime\":1735689600,\"endTime\":1767225599.999,"
                          "\"acceptor\":{\"accountId\":\"%s\"},"
                          "\"proposer\":{\"accountId\":\"444455556666\"},"
                          "\"proposalSummary\":{\"offerId\":\"offer-ui%u\","
                          "\"resources\":[{\"id\":\"prod-ui1\",\"type\":\"SaaSProduct\"}]},"
                          "\"estimatedCharges\":{\"currencyCode\":\"USD\","
                          "\"agreementValue\":\"12000\"}}",
                          id, (int) index == ts->bad_index ? "12345" : "111122223333", index);
}

static void
on_held_disconnected_cb (SoupServerMessage *msg,
                         TestServer        *ts)
{
  g_ptr_array_remove (ts->held, msg);
}

static void
hold (TestServer        *ts,
      SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (ts->held, msg);
  g_signal_connect (msg, "disconnected", G_CALLBACK (on_held_disconnected_cb), ts);
}

/* The Catalog API (REST-JSON): the shapes of ListEntities' EntitySummary and DescribeEntity,
 * with one product and two private offers, offer-ui0 accepted by agmt-ui0000 and one open.
 * One offer's details come as Details (a JSON string), the other's as DetailsDocument. */
static void
on_catalog_request (TestServer        *ts,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    GBytes            *body)
{
  static const char open_details[] =
    "{\"Id\":\"offer-uiopen\",\"Name\":\"Desk UI Suite renewal\",\"ProductId\":\"prod-ui1\","
    "\"State\":\"Released\",\"Rules\":[{\"Type\":\"AvailabilityRule\","
    "\"AvailabilityEndDate\":\"2099-06-30T23:59:59Z\"},{\"Type\":\"TargetingRule\","
    "\"PositiveTargeting\":{\"BuyerAccounts\":[\"111122223333\"]}}],"
    "\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"}]}";

  if (g_str_equal (path, "/ListEntities"))
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      const char *type;

      g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), NULL));
      type = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                            "EntityType");
      if (g_str_equal (type, "SaaSProduct"))
        respond (msg, 200, "{\"EntitySummaryList\":[{\"EntityId\":\"prod-ui1\","
                           "\"EntityType\":\"SaaSProduct\",\"Name\":\"Desk UI Suite\","
                           "\"SaaSProductSummary\":{\"ProductTitle\":\"Desk UI Suite\","
                           "\"Visibility\":\"Public\"}}]}");
      else if (g_str_equal (type, "Offer"))
        respond (msg, 200, "{\"EntitySummaryList\":["
                           "{\"EntityId\":\"offer-ui0\",\"EntityType\":\"Offer\","
                           "\"OfferSummary\":{\"Name\":\"Desk UI Suite for 1111\","
                           "\"ProductId\":\"prod-ui1\",\"State\":\"Released\","
                           "\"BuyerAccounts\":[\"111122223333\"]}},"
                           "{\"EntityId\":\"offer-uiopen\",\"EntityType\":\"Offer\","
                           "\"OfferSummary\":{\"Name\":\"Desk UI Suite renewal\","
                           "\"ProductId\":\"prod-ui1\",\"State\":\"Released\"}}]}");
      else
        respond (msg, 200, "{\"EntitySummaryList\":[]}");
      if (ts->hold_catalog)
        {
          ts->hold_catalog = FALSE;
          hold (ts, msg);
        }
      return;
    }

  g_assert_cmpstr (path, ==, "/DescribeEntity");
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "GET");
  g_assert_nonnull (query);
  g_assert_cmpstr (g_hash_table_lookup (query, "catalog"), ==, "AWSMarketplace");
  if (g_strcmp0 (g_hash_table_lookup (query, "entityId"), "offer-uiopen") == 0)
    {
      g_autofree char *text = g_strdup_printf ("{\"EntityType\":\"Offer@1.0\","
                                               "\"EntityIdentifier\":\"offer-uiopen@1\","
                                               "\"DetailsDocument\":%s}", open_details);

      respond (msg, 200, text);
    }
  else
    respond (msg, 200, "{\"EntityType\":\"Offer@1.0\",\"EntityIdentifier\":\"offer-ui0@1\","
                       "\"Details\":\"{\\\"Id\\\":\\\"offer-ui0\\\",\\\"ProductId\\\":"
                       "\\\"prod-ui1\\\",\\\"State\\\":\\\"Released\\\",\\\"Rules\\\":[{"
                       "\\\"Type\\\":\\\"TargetingRule\\\",\\\"PositiveTargeting\\\":{"
                       "\\\"BuyerAccounts\\\":[\\\"111122223333\\\"]}}]}\"}");
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TestServer *ts = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *target = soup_message_headers_get_one (headers, "X-Amz-Target");
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) out = g_string_new (NULL);
  JsonObject *input;

  ts->requests++;

  if (ts->forbidden)
    {
      respond (msg, 403, "{\"__type\":\"AccessDeniedException\",\"message\":\"User is not "
                         "authorized to perform aws-marketplace:SearchAgreements\"}");
      return;
    }

  if (target == NULL)
    {
      on_catalog_request (ts, msg, path, query, body);
      return;
    }
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             (gssize) g_bytes_get_size (body), NULL));
  input = json_node_get_object (json_parser_get_root (parser));

  if (g_str_has_suffix (target, ".SearchAgreements"))
    {
      g_string_append (out, "{\"agreementViewSummaries\":[");
      for (guint i = 0; i < ts->n_agreements; i++)
        g_string_append_printf (out, "%s{\"agreementId\":\"agmt-ui%04u\"}", i > 0 ? "," : "", i);
      g_string_append (out, "]}");
      respond (msg, 200, out->str);
    }
  else if (g_str_has_suffix (target, ".DescribeAgreement"))
    {
      const char *id = json_object_get_string_member (input, "agreementId");
      g_autofree char *text = describe_body (ts, id);
      int index = (int) g_ascii_strtoull (id + strlen ("agmt-ui"), NULL, 10);

      respond (msg, 200, text);
      if (ts->hold_from >= 0 && index >= ts->hold_from)
        hold (ts, msg);
    }
  else
    respond (msg, 200, "{\"acceptedTerms\":[{\"validityTerm\":{\"type\":\"ValidityTerm\","
                       "\"agreementDuration\":\"P12M\",\"agreementStartDate\":1735689600,"
                       "\"agreementEndDate\":1767225599.999}}]}");
}

static void
test_server_release (TestServer *ts)
{
  g_autoptr (GPtrArray) held = g_steal_pointer (&ts->held);

  ts->held = g_ptr_array_new ();
  ts->hold_from = -1;
  for (guint i = 0; i < held->len; i++)
    {
      g_signal_handlers_disconnect_by_data (held->pdata[i], ts);
      soup_server_message_unpause (held->pdata[i]);
    }
}

static void
test_server_start (TestServer *ts)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  ts->server = soup_server_new (NULL, NULL);
  ts->n_agreements = 3;
  ts->bad_index = -1;
  ts->hold_from = -1;
  ts->held = g_ptr_array_new ();
  soup_server_add_handler (ts->server, NULL, on_request_cb, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  ts->endpoint = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
test_server_stop (TestServer *ts)
{
  test_server_release (ts);
  soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);
  g_clear_pointer (&ts->held, g_ptr_array_unref);
  g_clear_pointer (&ts->endpoint, g_free);
}

/* Widgets, found the way a user finds them: by what they say. */

static gboolean
match_button_label (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
match_preferences_row_title (GtkWidget     *widget,
                             gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
match_numeric_label (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

static gboolean
match_label_containing (GtkWidget     *widget,
                        gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = rd_test_find_widget (root, match_button_label, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  rd_test_flush ();
}

static const char *
row_value (GtkWidget  *root,
           const char *title)
{
  GtkWidget *row = rd_test_find_widget (root, match_row_title, title);
  GtkWidget *label;

  g_assert_nonnull (row);
  label = rd_test_find_widget (row, match_numeric_label, NULL);
  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open (&fixture->app, "import-ui", GPOINTER_TO_INT (user_data));
  test_server_start (&fixture->server);
  g_settings_reset (fixture->app.settings, "aws-profile");
  g_settings_set_string (fixture->app.settings, "aws-endpoint-url", fixture->server.endpoint);
  g_settings_reset (fixture->app.settings, "reminder-time");
  rd_test_fixture_open_window (&fixture->app);
  rd_test_fixture_present (&fixture->app);
}

static void
close_other_windows (Fixture *fixture)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (fixture->app.window))
        gtk_window_destroy (window);
    }
  rd_test_flush ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  close_other_windows (fixture);
  rd_test_fixture_teardown (&fixture->app, user_data);
  test_server_stop (&fixture->server);
}

/* The AWS import dialog. */

static RdImportDialog *
open_import_dialog (Fixture *fixture)
{
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->app.window), "win.import-aws", NULL);
  dialog = rd_test_wait_for_toplevel (RD_TYPE_IMPORT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (fixture->app.window));
  g_assert_true (gtk_window_get_modal (dialog));

  return RD_IMPORT_DIALOG (dialog);
}

static gboolean
import_finished (gpointer data)
{
  return rd_import_dialog_get_state (data) != RD_IMPORT_DIALOG_RUNNING;
}

static double
progress_fraction (RdImportDialog *dialog)
{
  GtkWidget *bar = rd_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_PROGRESS_BAR);

  g_assert_nonnull (bar);
  return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar));
}

static void
run_import (RdImportDialog      *dialog,
            RdImportDialogState  expected)
{
  click (GTK_WIDGET (dialog), "_Import");
  rd_test_wait_until (import_finished, dialog, "the import to finish");
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, expected);
  rd_test_flush ();
}

static void
assert_field (Fixture    *fixture,
              const char *type,
              const char *key,
              const char *value,
              const char *field,
              const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = rd_store_find_by_field (fixture->app.store, type, key, value,
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_cmpstr (json_object_get_string_member_with_default (rd_record_get_body (record),
                                                               field, NULL), ==, expected);
}

static void
test_aws_import (Fixture       *fixture,
                 gconstpointer  user_data)
{
  RdImportDialog *dialog;
  GtkWidget *root;
  GtkWidget *endpoint_row;
  GtkWidget *profile_row;

  g_assert_cmpstr (rd_window_get_visible_view (fixture->app.window), ==, "empty");

  dialog = open_import_dialog (fixture);
  root = GTK_WIDGET (dialog);
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, RD_IMPORT_DIALOG_SETUP);

  /* The endpoint override comes from the setting; the profile shows the CLI's default. */
  endpoint_row = rd_test_find_widget (root, match_preferences_row_title, "_Endpoint URL");
  g_assert_nonnull (endpoint_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (endpoint_row)), ==,
                   fixture->server.endpoint);
  profile_row = rd_test_find_widget (root, match_preferences_row_title, "_Profile in ~/.aws");
  g_assert_nonnull (profile_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (profile_row)), ==, "default");

  run_import (dialog, RD_IMPORT_DIALOG_DONE);
  g_assert_cmpfloat (progress_fraction (dialog), ==, 1.0);
  g_assert_cmpstr (row_value (root, "New"), ==, "3");
  g_assert_cmpstr (row_value (root, "Updated"), ==, "0");
  g_assert_cmpstr (row_value (root, "Unchanged"), ==, "0");
  g_assert_cmpstr (row_value (root, "Failed"), ==, "0");
  g_assert_nonnull (rd_test_find_widget (root, match_label_containing, "Import Complete"));
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 3);
  g_assert_cmpstr (rd_window_get_visible_view (fixture->app.window), !=, "empty");
  /* Then the Catalog: the product's title on the agreements, and both private offers. */
  g_assert_nonnull (rd_test_find_widget (root, match_label_containing, "Offers: 2 new"));
  g_assert_cmpuint (rd_import_dialog_get_offers_result (dialog)->added, ==, 2);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "offer"), ==, 2);
  assert_field (fixture, "agreement", "agreement_id", "agmt-ui0000", "product_title",
                "Desk UI Suite");
  assert_field (fixture, "offer", "offer_id", "offer-ui0", "accepted_agreement_id",
                "agmt-ui0000");
  assert_field (fixture, "offer", "offer_id", "offer-uiopen", "offer_expiration_date",
                "2099-06-30");

  /* Again: nothing changed at AWS, so nothing changes here. */
  click (root, "_Back");
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, RD_IMPORT_DIALOG_SETUP);
  run_import (dialog, RD_IMPORT_DIALOG_DONE);
  g_assert_cmpstr (row_value (root, "New"), ==, "0");
  g_assert_cmpstr (row_value (root, "Unchanged"), ==, "3");
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 3);
  g_assert_cmpuint (rd_import_dialog_get_offers_result (dialog)->unchanged, ==, 2);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "offer"), ==, 2);

  click (root, "_Done");
  g_assert_null (rd_test_find_toplevel (RD_TYPE_IMPORT_DIALOG));
}

static void
test_aws_import_forbidden (Fixture       *fixture,
                           gconstpointer  user_data)
{
  RdImportDialog *dialog;
  GtkWidget *root;

  fixture->server.forbidden = TRUE;
  dialog = open_import_dialog (fixture);
  root = GTK_WIDGET (dialog);

  run_import (dialog, RD_IMPORT_DIALOG_FAILED);
  g_assert_cmpuint (fixture->server.requests, >=, 1);
  g_assert_nonnull (rd_test_find_widget (root, match_label_containing, "Import Failed"));
  g_assert_nonnull (rd_test_find_widget (root, match_label_containing, "AWS denied access"));
  g_assert_cmpstr (row_value (root, "New"), ==, "0");
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 0);
  g_assert_cmpstr (rd_window_get_visible_view (fixture->app.window), ==, "empty");
}

static void
test_aws_import_no_credentials (Fixture       *fixture,
                                gconstpointer  user_data)
{
  RdImportDialog *dialog;
  GtkWidget *root;
  GtkWidget *source_row;

  dialog = open_import_dialog (fixture);
  root = GTK_WIDGET (dialog);

  /* A named profile reads ~/.aws only, and this test's ~/.aws is empty. */
  g_settings_set_string (fixture->app.settings, "aws-profile", "missing-profile");
  rd_test_flush ();
  g_assert_nonnull (rd_test_find_descendant (root, ADW_TYPE_COMBO_ROW));
  run_import (dialog, RD_IMPORT_DIALOG_FAILED);
  g_assert_cmpuint (fixture->server.requests, ==, 0);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 0);

  /* Keys typed by hand: the import needs both before it can start. */
  click (root, "_Back");
  source_row = rd_test_find_descendant (root, ADW_TYPE_COMBO_ROW);
  adw_combo_row_set_selected (ADW_COMBO_ROW (source_row), 1);
  rd_test_flush ();
  g_assert_false (gtk_widget_is_sensitive (rd_test_find_widget (root, match_button_label,
                                                                "_Import")));
}

static gboolean
progress_reached (gpointer data)
{
  return progress_fraction (data) >= 0.4;
}

static void
test_aws_import_progress_and_cancel (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  RdImportDialog *dialog;
  GtkWidget *root;

  fixture->server.n_agreements = 5;
  fixture->server.hold_from = 2;
  dialog = open_import_dialog (fixture);
  root = GTK_WIDGET (dialog);
  rd_test_save_screenshot (root, "import-dialog-setup-light");

  click (root, "_Import");
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, RD_IMPORT_DIALOG_RUNNING);
  rd_test_wait_until (progress_reached, dialog, "the import's progress");
  g_assert_cmpfloat (progress_fraction (dialog), ==, 2.0 / 5.0);
  g_assert_nonnull (rd_test_find_widget (root, match_label_containing, "Read 2 of 5 agreements"));
  /* The window is not frozen: its main loop ran the whole time. */
  rd_test_save_screenshots (root, "import-dialog-progress");

  click (root, "_Cancel");
  rd_test_wait_until (import_finished, dialog, "the import to finish");
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, RD_IMPORT_DIALOG_CANCELLED);
  g_assert_nonnull (rd_test_find_widget (root, match_label_containing, "Import Stopped"));
  /* No page of 50 was complete, so nothing was stored; the dialog stays open. */
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 0);
  g_assert_nonnull (rd_test_find_toplevel (RD_TYPE_IMPORT_DIALOG));

  /* Again, without the hold: one agreement fails the local rules and is listed. */
  test_server_release (&fixture->server);
  fixture->server.bad_index = 3;
  click (root, "_Back");
  run_import (dialog, RD_IMPORT_DIALOG_DONE);
  g_assert_cmpstr (row_value (root, "New"), ==, "4");
  g_assert_cmpstr (row_value (root, "Failed"), ==, "1");
  g_assert_nonnull (rd_test_find_widget (root, match_row_title, "agmt-ui0003"));
  g_assert_nonnull (rd_test_find_widget (root, match_label_containing, "Imported with Problems"));
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 4);
  rd_test_save_screenshots (root, "import-dialog-summary");
}

static gboolean
request_held (gpointer data)
{
  return ((TestServer *) data)->held->len > 0;
}

static gboolean
no_import_dialog (gpointer data)
{
  return rd_test_find_toplevel (RD_TYPE_IMPORT_DIALOG) == NULL;
}

/* The second step shows while the Catalog is read; Cancel then keeps the agreements. */
static gboolean
catalog_step_shown (gpointer data)
{
  return rd_test_find_widget (data, match_label_containing, "Step 2 of 2") != NULL;
}

static void
test_aws_import_catalog_phase (Fixture       *fixture,
                               gconstpointer  user_data)
{
  RdImportDialog *dialog;
  GtkWidget *root;

  fixture->server.hold_catalog = TRUE;
  dialog = open_import_dialog (fixture);
  root = GTK_WIDGET (dialog);

  click (root, "_Import");
  rd_test_wait_until (catalog_step_shown, root, "the Catalog step");
  /* The step shows before its first request reaches the server: release only a held one. */
  rd_test_wait_until (request_held, &fixture->server, "the Catalog request to be held");
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, RD_IMPORT_DIALOG_RUNNING);
  /* The agreements are stored before the Catalog is read. */
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 3);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "offer"), ==, 0);
  rd_test_save_screenshot (root, "import-dialog-catalog-light");

  test_server_release (&fixture->server);
  rd_test_wait_until (import_finished, dialog, "the import to finish");
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, RD_IMPORT_DIALOG_DONE);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "offer"), ==, 2);

  /* Cancelled while the Catalog is read: the agreements stay, the dialog says so. */
  fixture->server.hold_catalog = TRUE;
  click (root, "_Back");
  click (root, "_Import");
  rd_test_wait_until (catalog_step_shown, root, "the Catalog step");
  rd_test_wait_until (request_held, &fixture->server, "the Catalog request to be held");
  click (root, "_Cancel");
  rd_test_wait_until (import_finished, dialog, "the import to finish");
  g_assert_cmpint (rd_import_dialog_get_state (dialog), ==, RD_IMPORT_DIALOG_CANCELLED);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 3);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "offer"), ==, 2);
}

static void
test_aws_import_close_while_running (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  RdImportDialog *dialog;

  fixture->server.n_agreements = 5;
  fixture->server.hold_from = 1;
  dialog = open_import_dialog (fixture);
  click (GTK_WIDGET (dialog), "_Import");
  rd_test_wait_until (request_held, &fixture->server, "the server to hold a request");

  gtk_window_close (GTK_WINDOW (dialog));
  rd_test_wait_until (no_import_dialog, NULL, "the import dialog to close");
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 0);
}

/* CSV import. */

typedef struct
{
  gboolean        done;
  RdImportResult *result;
  GError         *error;
} CsvWait;

static void
on_csv_imported_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CsvWait *wait = user_data;

  wait->result = rd_csv_import_file_finish (RD_WINDOW (source), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
csv_done (gpointer data)
{
  return ((CsvWait *) data)->done;
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->app.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
import_csv (Fixture *fixture,
            GFile   *file,
            CsvWait *wait)
{
  rd_csv_import_file_async (fixture->app.window, file, NULL, on_csv_imported_cb, wait);
  rd_test_wait_until (csv_done, wait, "the CSV import");
  rd_test_flush ();
}

#define FEED_HEADER "agreement_id,offer_id,proposer_account_id,acceptor_account_id,start_time," \
                    "end_time,status,estimated_agreement_value,currency_code\r\n"

static void
test_csv_import (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr (GString) big = g_string_new (FEED_HEADER);
  g_autoptr (GFile) good = NULL;
  g_autoptr (GFile) large = NULL;
  CsvWait wait = { 0 };

  good = write_file (fixture, "good.csv",
                     FEED_HEADER
                     "agmt-csv1,offer-csv1,444455556666,111122223333,2025-01-01T00:00:00Z,"
                     "2026-12-31T23:59:59.999Z,ACTIVE,1200.50,USD\r\n"
                     "agmt-csv2,offer-csv2,444455556666,111122223334,2025-02-01T00:00:00Z,"
                     "2027-01-31T23:59:59.999Z,ACTIVE,2400,USD\r\n");
  import_csv (fixture, good, &wait);
  g_assert_no_error (wait.error);
  g_assert_nonnull (wait.result);
  g_assert_cmpuint (wait.result->added, ==, 2);
  g_assert_cmpuint (wait.result->failed, ==, 0);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 2);
  rd_test_wait_for_toast (GTK_WIDGET (fixture->app.window), "Imported “good.csv”: 2 new");
  g_assert_false (rd_csv_import_is_running (fixture->app.window));
  g_clear_pointer (&wait.result, rd_import_result_free);

  /* More rows than one slice stores at a time, one of them already here. */
  for (guint i = 1; i <= 1200; i++)
    g_string_append_printf (big, "agmt-csv%u,offer-csv%u,444455556666,%012u,"
                                 "2025-01-01T00:00:00Z,2026-12-31T23:59:59.999Z,"
                                 "ACTIVE,100,USD\r\n",
                            i, i, 200000000u + i);
  large = write_file (fixture, "large.csv", big->str);
  memset (&wait, 0, sizeof wait);
  import_csv (fixture, large, &wait);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.result->added, ==, 1198);
  g_assert_cmpuint (wait.result->updated, ==, 2);
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 1200);
  g_clear_pointer (&wait.result, rd_import_result_free);
}

static void
test_csv_import_malformed (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr (GFile) bad = NULL;
  GtkWindow *message;
  CsvWait wait = { 0 };

  bad = write_file (fixture, "bad.csv",
                    FEED_HEADER
                    "agmt-ok1,offer-ok1,444455556666,111122223333,2025-01-01T00:00:00Z,"
                    "2026-12-31T23:59:59.999Z,ACTIVE,1200,USD\r\n"
                    "agmt-bad2,offer-bad2,444455556666,111122223333,2025-01-01T00:00:00Z,"
                    "not a date,ACTIVE,1200,USD\r\n");
  import_csv (fixture, bad, &wait);
  g_assert_null (wait.result);
  g_assert_nonnull (wait.error);
  g_assert_true (wait.error->domain == RD_IMPORT_ERROR);
  g_clear_error (&wait.error);

  message = rd_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                   "Could Not Import “bad.csv”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)),
                            "Line 3, column 6"));
  rd_test_save_screenshot (GTK_WIDGET (message), "import-csv-malformed-light");
  gtk_window_destroy (message);

  /* The whole file is checked first: not even its good line came in. */
  g_assert_cmpuint (rd_store_count (fixture->app.store, "agreement"), ==, 0);
  g_assert_cmpstr (rd_window_get_visible_view (fixture->app.window), ==, "empty");
}

/* Export. */

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     n_items;
  GError   *error;
} ExportWait;

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportWait *wait = user_data;

  wait->ok = rd_export_write_finish (RD_WINDOW (source), result, &wait->n_items, &wait->error);
  wait->done = TRUE;
}

static gboolean
export_done (gpointer data)
{
  return ((ExportWait *) data)->done;
}

static guint
column_index (char       **header,
              const char  *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_assert_not_reached ();
  return 0;
}

static gboolean
model_filtered (gpointer data)
{
  guint n_items = g_list_model_get_n_items (data);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (data, i);

      if (g_strcmp0 (rd_record_get_kind (record), "CPPO") != 0)
        return FALSE;
    }
  return n_items > 0;
}

static void
test_export_pipeline (Fixture       *fixture,
                      gconstpointer  user_data)
{
  RdPipelineView *view = rd_window_get_pipeline_view (fixture->app.window);
  RdPipelineModel *model = RD_PIPELINE_MODEL (rd_pipeline_view_get_model (view));
  g_autofree char *path = g_build_filename (fixture->app.dir, "pipeline.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected_toast = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) header = NULL;
  ExportWait wait = { 0 };
  guint n_total;
  guint n_shown;
  guint kind_column;
  guint id_column;
  guint n_rows = 0;
  GDate day;

  g_date_set_dmy (&day, 1, G_DATE_MARCH, 2025);
  name = rd_export_default_name (RD_EXPORT_PIPELINE_CSV, &day);
  g_assert_cmpstr (name, ==, "renewal-pipeline-2025-03-01.csv");

  n_total = g_list_model_get_n_items (G_LIST_MODEL (model));
  rd_pipeline_model_set_kind (model, "CPPO");
  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_CUSTOMER, FALSE);
  rd_test_wait_until (model_filtered, model, "the pipeline to show CPPO only");
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_shown, >, 0);
  g_assert_cmpuint (n_shown, <, n_total);

  rd_export_write_async (fixture->app.window, RD_EXPORT_PIPELINE_CSV, file, NULL, on_exported_cb,
                         &wait);
  rd_test_wait_until (export_done, &wait, "the export");
  g_assert_no_error (wait.error);
  g_assert_true (wait.ok);
  g_assert_cmpuint (wait.n_items, ==, n_shown);
  expected_toast = g_strdup_printf ("Exported %u records", n_shown);
  rd_test_wait_for_toast (GTK_WIDGET (fixture->app.window), expected_toast);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
  lines = g_strsplit (contents + 3, "\r\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  kind_column = column_index (header, "kind");
  id_column = column_index (header, "id");

  /* Every row is the filter's, in the order the view shows them. */
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], ",", -1);
      g_autoptr (RdRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i - 1);

      g_assert_cmpstr (fields[kind_column], ==, "CPPO");
      g_assert_cmpstr (fields[id_column], ==, rd_record_get_id (record));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, n_shown);
}

static void
test_export_calendar (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->app.dir, "calendar.ics", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *trigger = NULL;
  g_autofree char *expected_toast = NULL;
  ExportWait wait = { 0 };
  guint n_events = 0;

  g_settings_set_string (fixture->app.settings, "reminder-time", "08:30");
  rd_export_write_async (fixture->app.window, RD_EXPORT_CALENDAR_ICS, file, NULL, on_exported_cb,
                         &wait);
  rd_test_wait_until (export_done, &wait, "the export");
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.n_items, >, 0);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  for (const char *p = contents; (p = strstr (p, "BEGIN:VEVENT")) != NULL; p++)
    n_events++;
  g_assert_cmpuint (n_events, ==, wait.n_items);
  /* Alarms at the reminder time of day. */
  trigger = rd_ics_format_duration (8 * 60 + 30);
  g_assert_nonnull (strstr (contents, trigger));

  expected_toast = g_strdup_printf ("Exported %u calendar events", n_events);
  rd_test_wait_for_toast (GTK_WIDGET (fixture->app.window), expected_toast);
}

static void
test_export_failure (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent-dir/pipeline.csv");
  ExportWait wait = { 0 };
  GtkWindow *message;

  rd_export_write_async (fixture->app.window, RD_EXPORT_PIPELINE_CSV, file, NULL, on_exported_cb,
                         &wait);
  rd_test_wait_until (export_done, &wait, "the export");
  g_assert_false (wait.ok);
  g_assert_nonnull (wait.error);
  g_clear_error (&wait.error);
  message = rd_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                   "Export Failed");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("rd-test-import-ui-home-XXXXXX", NULL);
  g_autofree char *credentials = g_build_filename (home, "credentials", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  int status;

  /* The user's own AWS setup stays out: keys from the environment, empty ~/.aws files. */
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDTESTIMPORTUI", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "test-import-ui-secret", TRUE);
  g_unsetenv ("AWS_SESSION_TOKEN");
  g_unsetenv ("AWS_PROFILE");
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);

  rd_test_init (&argc, &argv);

#define ADD(path, func, demo) \
  g_test_add (path, Fixture, GINT_TO_POINTER (demo), fixture_setup, func, fixture_teardown)

  ADD ("/import-ui/aws/import", test_aws_import, FALSE);
  ADD ("/import-ui/aws/forbidden", test_aws_import_forbidden, FALSE);
  ADD ("/import-ui/aws/no-credentials", test_aws_import_no_credentials, FALSE);
  ADD ("/import-ui/aws/progress-and-cancel", test_aws_import_progress_and_cancel, FALSE);
  ADD ("/import-ui/aws/catalog-phase", test_aws_import_catalog_phase, FALSE);
  ADD ("/import-ui/aws/close-while-running", test_aws_import_close_while_running, FALSE);
  ADD ("/import-ui/csv/good", test_csv_import, FALSE);
  ADD ("/import-ui/csv/malformed", test_csv_import_malformed, FALSE);
  ADD ("/import-ui/export/pipeline", test_export_pipeline, TRUE);
  ADD ("/import-ui/export/calendar", test_export_calendar, TRUE);
  ADD ("/import-ui/export/failure", test_export_failure, TRUE);

#undef ADD

  status = g_test_run ();
  g_rmdir (home);
  return status;
}
