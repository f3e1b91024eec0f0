/* test-publish-client.c
 *
 * Publishing against a Catalog API stand-in that checks the model and SigV4: a change set
 * through PREPARING, APPLYING and SUCCEEDED into the record; what AWS refuses, mapped to
 * fields; a lost answer and a retry that create one offer only; VALIDATE refused for offers
 * without breaking publishing; Cancel while PREPARING; resuming after a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rd-aws-publish.h"
#include "rd-aws-publish-private.h"
#include "rd-date.h"
#include "rd-offer-changeset.h"
#include "rd-record.h"
#include "rd-store-sync.h"
#include "rd-test-wait.h"
#include "test-publish-server.h"

#define OFFER_ID     "rec-offer-1"
#define AGREEMENT_ID "rec-agreement-1"

typedef struct
{
  PublishTestServer *server;
  char              *dir;
  RdStore           *store;
  RdAwsTransport    *transport;
  RdAwsPublisher    *publisher;
  RdRulesContext     ctx;
  GPtrArray         *statuses;
  GPtrArray         *steps;
} Fixture;

static JsonObject *
load_input (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".input.json", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "changesets",
                                                 file, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
on_status_cb (RdAwsPublisher *publisher,
              const char     *status,
              Fixture        *f)
{
  g_ptr_array_add (f->statuses, g_strdup (status));
}

static void
on_step_cb (RdAwsPublisher *publisher,
            int             step,
            Fixture        *f)
{
  g_ptr_array_add (f->steps, GINT_TO_POINTER (step));
}

static void
new_publisher (Fixture    *f,
               const char *secret)
{
  g_autoptr (RdAwsCredentials) credentials = NULL;

  g_clear_object (&f->publisher);
  g_clear_object (&f->transport);
  credentials = rd_aws_credentials_new (PUBLISH_TEST_ACCESS_KEY, secret, NULL);
  f->transport = rd_aws_transport_new (&rd_aws_service_catalog, credentials, NULL,
                                       publish_test_server_get_url (f->server));
  rd_aws_transport_set_retry_policy (f->transport, 3, 1);
  f->publisher = rd_aws_publisher_new (f->store, f->transport, &f->ctx);
  rd_aws_publisher_set_poll_interval (f->publisher, 1, 8);
  g_signal_connect (f->publisher, "status-changed", G_CALLBACK (on_status_cb), f);
  g_signal_connect (f->publisher, "step-changed", G_CALLBACK (on_step_cb), f);
}

/* A store with the agreement and the drafted offer of a golden case. */
static void
fixture_init (Fixture    *f,
              const char *name)
{
  g_autoptr (JsonObject) input = load_input (name);
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *id = NULL;

  f->server = publish_test_server_new ("2026-12-03");
  f->dir = g_dir_make_tmp ("rd-test-publish-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "renewals.db", NULL);
  f->store = rd_store_open (path, &error);
  g_assert_no_error (error);

  agreement = rd_json_object_deep_copy (json_object_get_object_member (input, "agreement"));
  json_object_set_string_member (agreement, "_id", AGREEMENT_ID);
  json_object_set_string_member (agreement, "renewal_offer_id", OFFER_ID);
  id = rd_store_insert (f->store, agreement, &error);
  g_assert_no_error (error);
  g_clear_pointer (&id, g_free);
  offer = rd_json_object_deep_copy (json_object_get_object_member (input, "offer"));
  json_object_set_string_member (offer, "_id", OFFER_ID);
  json_object_set_string_member (offer, "renews", AGREEMENT_ID);
  id = rd_store_insert (f->store, offer, &error);
  g_assert_no_error (error);

  rd_rules_context_init (&f->ctx, g_strcmp0 (json_object_get_string_member (input, "role"),
                                             "channel_partner") == 0
                                  ? RD_ROLE_CHANNEL_PARTNER : RD_ROLE_ISV);
  g_assert_true (rd_date_parse ("2026-12-03", &f->ctx.today));
  f->statuses = g_ptr_array_new_with_free_func (g_free);
  f->steps = g_ptr_array_new ();
  new_publisher (f, PUBLISH_TEST_SECRET_KEY);
}

static void
fixture_clear (Fixture *f)
{
  g_autofree char *db = g_build_filename (f->dir, "renewals.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_clear_object (&f->publisher);
  g_clear_object (&f->transport);
  g_clear_object (&f->store);
  publish_test_server_free (f->server);
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_ptr_array_unref (f->statuses);
  g_ptr_array_unref (f->steps);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  rd_test_wait_for_result (slot, "the publisher's answer");
  return g_steal_pointer (slot);
}

static gboolean
publish (Fixture  *f,
         GError  **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  rd_aws_publisher_publish_async (f->publisher, OFFER_ID, NULL, rd_test_keep_result_cb, &slot);
  result = wait_result (&slot);
  return rd_aws_publisher_publish_finish (f->publisher, result, error);
}

static gboolean
publish_request (Fixture    *f,
                 JsonObject *request,
                 GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  rd_aws_publisher_publish_request_async (f->publisher, OFFER_ID, request, NULL,
                                          rd_test_keep_result_cb, &slot);
  result = wait_result (&slot);
  return rd_aws_publisher_publish_finish (f->publisher, result, error);
}

static RdRecord *
get_record (Fixture    *f,
            const char *id)
{
  g_autoptr (GError) error = NULL;
  RdRecord *record = rd_store_get (f->store, id, &error);

  g_assert_no_error (error);
  return record;
}

static void
assert_unpublished (Fixture *f)
{
  g_autoptr (RdRecord) offer = get_record (f, OFFER_ID);
  g_autoptr (RdRecord) agreement = get_record (f, AGREEMENT_ID);

  g_assert_cmpstr (rd_record_get_stage (offer), ==, "drafted");
  g_assert_null (rd_record_get_string (offer, "offer_id"));
  g_assert_null (rd_record_get_string (agreement, "renewal_stage"));
}

static gboolean
has_error_on (RdAwsPublisher *publisher,
              const char     *field)
{
  GPtrArray *errors = rd_aws_publisher_get_errors (publisher);

  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);

      g_test_message ("%s: %s", error->field, error->message);
      if (g_strcmp0 (error->field, field) == 0)
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
build_request (Fixture *f)
{
  g_autoptr (RdRecord) offer = get_record (f, OFFER_ID);
  g_autoptr (RdRecord) agreement = get_record (f, AGREEMENT_ID);
  g_autoptr (GPtrArray) errors = NULL;
  JsonObject *request;

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
  request = rd_offer_changeset_build (rd_record_get_body (offer), rd_record_get_body (agreement),
                                      f->ctx.role, errors);
  g_assert_cmpuint (errors->len, ==, 0);
  return request;
}

static JsonObject *
find_details (JsonObject *request,
              const char *change_type)
{
  JsonArray *changes = json_object_get_array_member (request, "ChangeSet");

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "ChangeType"), change_type))
        return json_object_get_object_member (change, "DetailsDocument");
    }
  g_assert_not_reached ();
}

static void
test_publish_succeeds (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (RdRecord) agreement = NULL;
  g_autoptr (JsonNode) sent = NULL;
  JsonObject *request;
  JsonArray *activities;

  fixture_init (&f, "po-fda-saas-contract");
  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 1);
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 1);
  g_assert_cmpuint (publish_test_server_get_bad_requests (f.server), ==, 0);
  g_assert_cmpuint (f.statuses->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (f.statuses, 0), ==, "PREPARING");
  g_assert_cmpstr (g_ptr_array_index (f.statuses, 1), ==, "APPLYING");
  g_assert_cmpstr (g_ptr_array_index (f.statuses, 2), ==, "SUCCEEDED");
  g_assert_cmpint (GPOINTER_TO_INT (g_ptr_array_index (f.steps, f.steps->len - 1)), ==,
                   RD_PUBLISH_STEP_DONE);

  sent = json_from_string (publish_test_server_get_last_request (f.server), &error);
  g_assert_no_error (error);
  request = json_node_get_object (sent);
  g_assert_cmpstr (json_object_get_string_member (request, "Intent"), ==, "APPLY");
  g_assert_cmpuint (strlen (json_object_get_string_member (request, "ClientRequestToken")), ==,
                    64);

  offer = get_record (&f, OFFER_ID);
  g_assert_cmpstr (rd_record_get_string (offer, "offer_id"), ==, "offer-test000000001");
  g_assert_cmpstr (rd_record_get_stage (offer), ==, "published");
  g_assert_cmpstr (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_STATUS), ==,
                   "SUCCEEDED");
  g_assert_cmpstr (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_ID), ==,
                   rd_aws_publisher_get_change_set_id (f.publisher));
  activities = json_object_get_array_member (rd_record_get_body (offer), "activities");
  g_assert_cmpuint (json_array_get_length (activities), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (activities, 0),
                                                  "date"), ==, "2026-12-03");
  agreement = get_record (&f, AGREEMENT_ID);
  g_assert_cmpstr (rd_record_get_string (agreement, "renewal_stage"), ==, "published");
  g_assert_cmpstr (rd_record_get_string (agreement, "renewal_aws_offer_id"), ==,
                   "offer-test000000001");

  /* Publishing a published offer sends nothing. */
  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 1);
  g_assert_cmpstr (rd_aws_publisher_get_offer_id (f.publisher), ==, "offer-test000000001");
  fixture_clear (&f);
}

static void
test_publish_cppo (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) offer = NULL;

  fixture_init (&f, "cppo-fda-saas-contract");
  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 1);
  offer = get_record (&f, OFFER_ID);
  g_assert_cmpstr (rd_record_get_stage (offer), ==, "published");
  fixture_clear (&f);
}

/* The transport retries after the connection drops; the token makes it the same request. */
static void
test_lost_answer_retried (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;

  fixture_init (&f, "po-replacement-saas-contract");
  publish_test_server_lose_next_answer (f.server);
  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 1);
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 1);
  fixture_clear (&f);
}

/* No retry left: the publish fails, the record is untouched, and publishing again later
 * finds the change set the lost answer started instead of creating a second offer. */
static void
test_lost_answer_publish_again (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (GPtrArray) outgoing = NULL;

  fixture_init (&f, "po-new-offer-container");
  rd_aws_transport_set_retry_policy (f.transport, 1, 1);
  publish_test_server_lose_next_answer (f.server);
  g_assert_false (publish (&f, &error));
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_NETWORK);
  g_clear_error (&error);
  assert_unpublished (&f);
  offer = get_record (&f, OFFER_ID);
  g_assert_null (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_ID));
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 1);

  /* The team server stores the draft meanwhile: the record gets a sync revision. */
  outgoing = rd_store_sync_list_dirty (f.store, NULL, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outgoing->len; i++)
    {
      g_assert_true (rd_store_sync_mark_pushed (f.store, g_ptr_array_index (outgoing, i),
                                                "1-4b1d", &error));
      g_assert_no_error (error);
    }
  g_clear_object (&offer);
  offer = get_record (&f, OFFER_ID);
  g_assert_cmpstr (rd_record_get_rev (offer), ==, "1-4b1d");

  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 1);
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 1);
  fixture_clear (&f);
}

static void
test_refused_fda_start (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (RdRecord) offer = NULL;
  JsonObject *term;

  fixture_init (&f, "po-fda-saas-contract");
  request = build_request (&f);
  term = json_array_get_object_element (
    json_object_get_array_member (find_details (request, "UpdateValidityTerms"), "Terms"), 0);
  json_object_set_string_member (term, "AgreementStartDate", "2030-03-01");
  json_object_set_string_member (term, "AgreementEndDate", "2031-02-28");

  g_assert_false (publish_request (&f, request, &error));
  g_assert_error (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_REFUSED);
  g_assert_true (has_error_on (f.publisher, "agreement_start_date"));
  g_assert_cmpstr (rd_aws_publisher_get_status (f.publisher), ==, "FAILED");
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 0);

  /* Only the change set's state is stored, with the errors for the editor. */
  assert_unpublished (&f);
  offer = get_record (&f, OFFER_ID);
  g_assert_cmpstr (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_STATUS), ==,
                   "FAILED");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    rd_record_get_body (offer), RD_PUBLISH_FIELD_CHANGESET_ERRORS)), ==, 1);
  fixture_clear (&f);
}

static void
test_refused_account (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (RdRecord) offer = NULL;
  JsonArray *accounts = json_array_new ();

  fixture_init (&f, "po-new-offer-ami-hourly");
  request = build_request (&f);
  json_array_add_string_element (accounts, "1234-5678-9012");
  json_object_set_array_member (json_object_get_object_member (
    find_details (request, "UpdateTargeting"), "PositiveTargeting"), "BuyerAccounts", accounts);

  g_assert_false (publish_request (&f, request, &error));
  g_assert_error (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_REFUSED);
  g_assert_true (has_error_on (f.publisher, "buyer_account_id"));
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 0);
  g_assert_cmpuint (publish_test_server_get_bad_requests (f.server), ==, 1);
  assert_unpublished (&f);
  offer = get_record (&f, OFFER_ID);
  g_assert_null (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_STATUS));
  fixture_clear (&f);
}

static void
test_refused_unknown_change_type (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) request = NULL;
  JsonObject *change = json_object_new ();
  JsonObject *entity = json_object_new ();

  fixture_init (&f, "po-new-offer-saas-subscription");
  request = build_request (&f);
  json_object_set_string_member (change, "ChangeType", "UpdateEverything");
  json_object_set_string_member (entity, "Type", "Offer@1.0");
  json_object_set_string_member (entity, "Identifier", RD_OFFER_CHANGESET_IDENTIFIER);
  json_object_set_object_member (change, "Entity", entity);
  json_object_set_object_member (change, "DetailsDocument", json_object_new ());
  json_array_add_object_element (json_object_get_array_member (request, "ChangeSet"), change);

  g_assert_false (publish_request (&f, request, &error));
  g_assert_error (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_REFUSED);
  g_assert_true (strstr (error->message, "UpdateEverything") != NULL);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 0);
  assert_unpublished (&f);
  fixture_clear (&f);
}

/* The local rules refuse before anything is sent. */
static void
test_rules_refuse_locally (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) patch = json_object_new ();

  fixture_init (&f, "po-fda-saas-contract");
  json_object_set_string_member (patch, "agreement_start_date", "2030-01-01");
  json_object_set_string_member (patch, "agreement_end_date", "2030-12-31");
  g_assert_true (rd_store_merge_patch (f.store, OFFER_ID, patch, &error));
  g_assert_no_error (error);

  g_assert_false (publish (&f, &error));
  g_assert_error (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_RULES);
  g_assert_true (has_error_on (f.publisher, "agreement_start_date"));
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 0);
  g_assert_cmpuint (publish_test_server_get_bad_requests (f.server), ==, 0);
  assert_unpublished (&f);
  fixture_clear (&f);
}

/* AWS refuses VALIDATE for offers: validating still succeeds on the local check, and
 * publishing afterwards is not disturbed. */
static void
test_validate_refused_for_offers (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  gboolean supported = TRUE;

  fixture_init (&f, "po-fda-saas-contract-consumption");
  rd_aws_publisher_validate_async (f.publisher, OFFER_ID, NULL, rd_test_keep_result_cb, &slot);
  result = wait_result (&slot);
  g_assert_true (rd_aws_publisher_validate_finish (f.publisher, result, &supported, &error));
  g_assert_no_error (error);
  g_assert_false (supported);
  g_assert_cmpuint (publish_test_server_get_bad_requests (f.server), ==, 1);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 0);
  assert_unpublished (&f);

  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 1);
  fixture_clear (&f);
}

typedef struct
{
  Fixture      *f;
  GAsyncResult *cancel_result;
  gboolean      asked;
} CancelData;

static void
on_status_cancel_cb (RdAwsPublisher *publisher,
                     const char     *status,
                     CancelData     *data)
{
  if (!data->asked && g_strcmp0 (status, "PREPARING") == 0)
    {
      data->asked = TRUE;
      rd_aws_publisher_cancel_async (publisher, NULL, rd_test_keep_result_cb,
                                     &data->cancel_result);
    }
}

static void
test_cancel_while_preparing (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) cancelled = NULL;
  g_autoptr (RdRecord) offer = NULL;
  CancelData data = { &f, NULL, FALSE };
  gulong handler;

  fixture_init (&f, "po-fda-saas-contract");
  publish_test_server_set_preparing_polls (f.server, 1000);
  handler = g_signal_connect (f.publisher, "status-changed", G_CALLBACK (on_status_cancel_cb),
                              &data);
  g_assert_false (publish (&f, &error));
  g_assert_error (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_CANCELLED);
  g_clear_error (&error);
  g_signal_handler_disconnect (f.publisher, handler);
  cancelled = wait_result (&data.cancel_result);
  g_assert_true (rd_aws_publisher_cancel_finish (f.publisher, cancelled, &error));
  g_assert_no_error (error);

  assert_unpublished (&f);
  offer = get_record (&f, OFFER_ID);
  g_assert_cmpstr (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_STATUS), ==,
                   "CANCELLED");

  /* A publish after a cancelled change set is a new request. */
  publish_test_server_set_preparing_polls (f.server, 1);
  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 2);
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 1);
  fixture_clear (&f);
}

static void
on_status_stop_cb (RdAwsPublisher *publisher,
                   const char     *status,
                   GCancellable   *cancellable)
{
  if (g_strcmp0 (status, "PREPARING") == 0)
    g_cancellable_cancel (cancellable);
}

/* The app quits while AWS prepares the change set; the next start resumes polling it. */
static void
test_resume_after_restart (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (RdRecord) offer = NULL;
  GAsyncResult *slot = NULL;

  fixture_init (&f, "po-new-offer-professional-services");
  publish_test_server_set_preparing_polls (f.server, 3);
  g_signal_connect (f.publisher, "status-changed", G_CALLBACK (on_status_stop_cb), cancellable);
  rd_aws_publisher_publish_async (f.publisher, OFFER_ID, cancellable, rd_test_keep_result_cb,
                                  &slot);
  result = wait_result (&slot);
  g_assert_false (rd_aws_publisher_publish_finish (f.publisher, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  offer = get_record (&f, OFFER_ID);
  g_assert_cmpstr (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_STATUS), ==,
                   "PREPARING");
  g_assert_nonnull (rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_ID));

  new_publisher (&f, PUBLISH_TEST_SECRET_KEY);
  g_assert_true (publish (&f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 1);
  g_assert_cmpuint (publish_test_server_get_offers (f.server), ==, 1);
  fixture_clear (&f);
}

static void
test_bad_signature (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;

  fixture_init (&f, "po-new-offer-ami-annual");
  new_publisher (&f, "not-the-secret");
  g_assert_false (publish (&f, &error));
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_AUTHENTICATION);
  g_assert_cmpuint (publish_test_server_get_started (f.server), ==, 0);
  assert_unpublished (&f);
  fixture_clear (&f);
}

static void
test_request_token (void)
{
  g_autoptr (JsonObject) request = json_object_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  json_object_set_string_member (request, "Catalog", "AWSMarketplace");
  a = rd_aws_publish_request_token ("rec-1", "0/APPLY", request);
  b = rd_aws_publish_request_token ("rec-1", "0/APPLY", request);
  c = rd_aws_publish_request_token ("rec-1", "1/APPLY", request);
  d = rd_aws_publish_request_token ("rec-2", "0/APPLY", request);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (a, !=, d);
  g_assert_cmpuint (strlen (a), ==, 64);
}

/* Every action the permissions hint names is an operation of the Catalog API's model, and
 * every operation a publish calls is named. */
static void
test_permissions_in_model (void)
{
  static const char * const called[] = {
    "StartChangeSet", "DescribeChangeSet", "CancelChangeSet", "DescribeEntity", "ListEntities"
  };
  g_autofree char *path = g_build_filename (g_getenv ("RD_SHARED_TESTDATA"), "aws-models",
                                            "marketplace-catalog-2018-09-17", "service-2.json",
                                            NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) actions = NULL;
  JsonObject *operations;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  operations = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "operations");
  g_assert_true (g_str_has_prefix (RD_AWS_PUBLISH_PERMISSIONS, "aws-marketplace:"));
  actions = g_strsplit (&RD_AWS_PUBLISH_PERMISSIONS[strlen ("aws-marketplace:")], ", ", -1);
  g_assert_cmpuint (g_strv_length (actions), ==, G_N_ELEMENTS (called));
  for (guint i = 0; actions[i] != NULL; i++)
    g_assert_true (json_object_has_member (operations, actions[i]));
  for (guint i = 0; i < G_N_ELEMENTS (called); i++)
    g_assert_true (g_strv_contains ((const char * const *) actions, called[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/publish-client/succeeds", test_publish_succeeds);
  g_test_add_func ("/publish-client/cppo", test_publish_cppo);
  g_test_add_func ("/publish-client/lost-answer-retried", test_lost_answer_retried);
  g_test_add_func ("/publish-client/lost-answer-publish-again", test_lost_answer_publish_again);
  g_test_add_func ("/publish-client/refused-fda-start", test_refused_fda_start);
  g_test_add_func ("/publish-client/refused-account", test_refused_account);
  g_test_add_func ("/publish-client/refused-unknown-change-type",
                   test_refused_unknown_change_type);
  g_test_add_func ("/publish-client/rules-refuse-locally", test_rules_refuse_locally);
  g_test_add_func ("/publish-client/validate-refused-for-offers",
                   test_validate_refused_for_offers);
  g_test_add_func ("/publish-client/cancel-while-preparing", test_cancel_while_preparing);
  g_test_add_func ("/publish-client/resume-after-restart", test_resume_after_restart);
  g_test_add_func ("/publish-client/bad-signature", test_bad_signature);
  g_test_add_func ("/publish-client/request-token", test_request_token);
  g_test_add_func ("/publish-client/permissions-in-model", test_permissions_in_model);

  return g_test_run ();
}
