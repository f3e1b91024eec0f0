/* test-aws-catalog.c
 *
 * The whole AWS import (rd-aws-import) against a local stand-in for both APIs behind the
 * strict front, reached through an endpoint without a path: the Agreement API as in
 * test-aws-client, and the Catalog API in REST-JSON. Every Catalog request is checked against
 * botocore's model in $RD_SHARED_TESTDATA (method, URI, query names, body members, required
 * ones, ranges and enums) and SigV4, and every answer the stand-in gives is checked against
 * the model's output shapes before it is sent. Covered: paging, throttling and 5xx retried,
 * a failed page that keeps what came before, offers linked to agreements, replaced
 * agreements, a re-import that keeps the user's edits (titles included), --no-catalog,
 * Cancel during the Catalog phase, and `renewal-desk-cli import aws` itself with its options
 * and the endpoint environment variables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "aws-test-front.h"
#include "aws-test-model.h"
#include "rd-aws-import.h"
#include "rd-rules.h"
#include "rd-store.h"
#include "rd-test-wait.h"

#define ACCESS_KEY "AKIDTESTEXAMPLE"
#define SECRET_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY"

typedef struct
{
  SoupServer   *server;
  AwsTestFront *front;
  AwsTestModel *model;          /* botocore's Catalog API */
  guint         catalog_requests;
  guint         bad_requests;
  guint         throttle_offer_page;  /* 1-based; that page answers 429 once */
  guint         fail_offer_page;      /* that page answers 400 ValidationException */
  gboolean      fail_describe_once;   /* the first DescribeEntity of an offer answers 500 */
  gboolean      hold_catalog;         /* the first Catalog request waits */
  SoupServerMessage *held;
  char         *product_title;        /* prod-s's title */
} Server;

typedef struct
{
  Server    server;
  char     *dir;
  char     *path;
  RdStore  *store;
} Fixture;

/* Answers @body for @operation after checking it against the model's output shape. */
static void
answer (Server            *s,
        SoupServerMessage *msg,
        const char        *operation,
        const char        *body)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *problem = NULL;
  JsonObject *output =
    json_object_get_object_member (aws_test_model_get_operation (s->model, operation), "output");

  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));
  problem = aws_test_model_check (s->model, json_object_get_string_member (output, "shape"),
                         json_parser_get_root (parser), operation);
  if (problem != NULL)
    g_error ("the stand-in's own answer does not fit the model: %s", problem);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* The Agreement API: three agreements; agmt-new replaced agmt-old through offer-new. */

static void
on_agreement_request (Server            *s,
                      SoupServerMessage *msg,
                      const char        *target,
                      JsonObject        *input)
{
  const char *id = json_object_get_string_member_with_default (input, "agreementId", "");
  g_autofree char *body = NULL;

  if (g_str_has_suffix (target, ".SearchAgreements"))
    body = g_strdup ("{\"agreementViewSummaries\":[{\"agreementId\":\"agmt-a1\"},"
                     "{\"agreementId\":\"agmt-old\"},{\"agreementId\":\"agmt-new\"}]}");
  else if (g_str_has_suffix (target, ".DescribeAgreement"))
    {
      /* agmt-old was planned to the end of 2026 and replaced on 2025-06-15. */
      gboolean old = g_str_equal (id, "agmt-old");

      body = g_strdup_printf (
        "{\"agreementId\":\"%s\",\"status\":\"%s\",\"startTime\":1735689600,"
        "\"endTime\":%s,\"acceptor\":{\"accountId\":\"111122223333\"},"
        "\"proposer\":{\"accountId\":\"444455556666\"},"
        "\"proposalSummary\":{\"offerId\":\"%s\",\"resources\":[{\"id\":\"%s\"}]}}",
        id, old ? "REPLACED" : "ACTIVE", old ? "1749981600" : "1798761599.999",
        g_str_equal (id, "agmt-a1") ? "offer-a1" : old ? "offer-old" : "offer-new",
        g_str_equal (id, "agmt-a1") ? "prod-unknown" : "prod-s");
    }
  else
    body = g_strdup ("{\"acceptedTerms\":[{\"validityTerm\":{\"agreementStartDate\":1735689600,"
                     "\"agreementEndDate\":1798761599.999}},"
                     "{\"configurableUpfrontPricingTerm\":{\"currencyCode\":\"USD\","
                     "\"configuration\":"
                     "{\"dimensions\":[{\"dimensionKey\":\"seats\",\"dimensionValue\":5}]}}}]}");
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* The Catalog API. */

static const char *offer_pages[] = {
  "{\"EntitySummaryList\":["
  "{\"EntityId\":\"offer-a1\",\"EntityType\":\"Offer\",\"OfferSummary\":{\"Name\":\"A1\","
  "\"ProductId\":\"prod-unknown\",\"State\":\"Released\",\"BuyerAccounts\":[\"111122223333\"]}},"
  "{\"EntityId\":\"offer-public\",\"EntityType\":\"Offer\",\"OfferSummary\":{\"Name\":\"Public\","
  "\"ProductId\":\"prod-s\",\"State\":\"Released\"}}],\"NextToken\":\"o2\"}",
  "{\"EntitySummaryList\":["
  "{\"EntityId\":\"offer-new\",\"EntityType\":\"Offer\",\"OfferSummary\":{\"Name\":\"Renewal\","
  "\"ProductId\":\"prod-s\",\"State\":\"Released\",\"BuyerAccounts\":[\"111122223333\"],"
  "\"TargetAgreementId\":\"agmt-old\"}},"
  "{\"EntityId\":\"offer-open\",\"EntityType\":\"Offer\",\"OfferSummary\":{\"Name\":\"Open\","
  "\"ProductId\":\"prod-s\",\"State\":\"Released\",\"BuyerAccounts\":[\"999988887777\"],"
  "\"AvailabilityEndDate\":\"2026-09-30T23:59:59Z\"}}],\"NextToken\":\"o3\"}",
  "{\"EntitySummaryList\":["
  "{\"EntityId\":\"offer-late\",\"EntityType\":\"Offer\",\"OfferSummary\":{\"Name\":\"Late\","
  "\"ProductId\":\"prod-x\",\"State\":\"Draft\",\"BuyerAccounts\":[\"555566667777\"]}}]}",
};

static char *
offer_details (const char *id)
{
  /* Private offers target their buyers; offer-open expires on 2026-09-30. */
  if (g_str_equal (id, "offer-public"))
    return g_strdup ("{\"Id\":\"offer-public\",\"Name\":\"Public\",\"ProductId\":\"prod-s\","
                     "\"State\":\"Released\",\"Rules\":[]}");
  return g_strdup_printf ("{\"Id\":\"%s\",\"Name\":\"%s offer\",\"State\":\"Released\","
                          "\"Rules\":[{\"Type\":\"TargetingRule\",\"PositiveTargeting\":"
                          "{\"BuyerAccounts\":[\"111122223333\"]}}%s],"
                          "\"Terms\":[{\"Type\":\"ValidityTerm\",\"AgreementDuration\":\"P12M\"},"
                          "{\"Type\":\"FixedUpfrontPricingTerm\",\"CurrencyCode\":\"USD\","
                          "\"Price\":\"100\",\"Grants\":[{\"DimensionKey\":\"seats\","
                          "\"MaxQuantity\":5}]}]}",
                          id, id,
                          g_str_equal (id, "offer-open")
                          ? ",{\"Type\":\"AvailabilityRule\","
                            "\"AvailabilityEndDate\":\"2026-09-30T23:59:59Z\"}" : "");
}

static void
on_list_entities (Server            *s,
                  SoupServerMessage *msg,
                  JsonObject        *input)
{
  const char *type = json_object_get_string_member (input, "EntityType");
  const char *ownership = json_object_get_string_member_with_default (input, "OwnershipType",
                                                                      "SELF");
  const char *token = json_object_get_string_member_with_default (input, "NextToken", NULL);
  g_autofree char *body = NULL;

  if (g_str_equal (type, "Offer"))
    {
      guint page = token == NULL ? 1 : g_str_equal (token, "o2") ? 2 : 3;

      if (page == s->throttle_offer_page)
        {
          s->throttle_offer_page = 0;
          aws_test_answer_error (msg, 429, "ThrottlingException", "Rate exceeded");
          return;
        }
      if (page == s->fail_offer_page)
        {
          aws_test_answer_error (msg, 400, "ValidationException", "Invalid NextToken");
          return;
        }
      answer (s, msg, "ListEntities", offer_pages[page - 1]);
      return;
    }
  if (g_str_equal (type, "SaaSProduct") && token == NULL)
    body = g_strdup_printf ("{\"EntitySummaryList\":[{\"EntityId\":\"prod-s\","
                            "\"EntityType\":\"SaaSProduct\",\"Name\":\"s\","
                            "\"SaaSProductSummary\":{\"ProductTitle\":\"%s\"}}],"
                            "\"NextToken\":\"p2\"}", s->product_title);
  else if (g_str_equal (type, "SaaSProduct"))
    body = g_strdup ("{\"EntitySummaryList\":[{\"EntityId\":\"prod-x\","
                     "\"EntityType\":\"SaaSProduct\",\"SaaSProductSummary\":"
                     "{\"ProductTitle\":\"Desk X\"}}]}");
  else if (g_str_equal (type, "ProfessionalServicesProduct"))
    {
      /* An entity type this account cannot list is left out, not fatal. */
      aws_test_answer_error (msg, 400, "ValidationException", "Unsupported EntityType");
      return;
    }
  else if (g_str_equal (type, "ResaleAuthorization") && g_str_equal (ownership, "SELF"))
    body = g_strdup ("{\"EntitySummaryList\":[{\"EntityId\":\"resaleauthz-1\","
                     "\"EntityType\":\"ResaleAuthorization\",\"ResaleAuthorizationSummary\":"
                     "{\"ProductId\":\"prod-s\",\"ResellerAccountID\":\"123412341234\","
                     "\"ResellerLegalName\":\"Partner Ltd\"}}]}");
  else
    body = g_strdup ("{\"EntitySummaryList\":[]}");
  answer (s, msg, "ListEntities", body);
}

static void
on_describe_entity (Server            *s,
                    SoupServerMessage *msg,
                    const char        *id)
{
  g_autofree char *details = NULL;
  g_autofree char *body = NULL;

  if (g_str_has_prefix (id, "prod-"))
    {
      aws_test_answer_error (msg, 404, "ResourceNotFoundException", "No such entity");
      return;
    }
  if (s->fail_describe_once)
    {
      s->fail_describe_once = FALSE;
      aws_test_answer_error (msg, 500, "InternalServiceException", "oops");
      return;
    }
  details = offer_details (id);
  if (g_str_equal (id, "offer-new") || g_str_equal (id, "offer-late"))
    {
      /* Details as a JSON string. */
      g_autoptr (JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *quoted = NULL;

      json_node_set_string (node, details);
      quoted = json_to_string (node, FALSE);
      body = g_strdup_printf ("{\"EntityType\":\"Offer@1.0\",\"EntityIdentifier\":\"%s@1\","
                              "\"Details\":%s}", id, quoted);
    }
  else
    body = g_strdup_printf ("{\"EntityType\":\"Offer@1.0\",\"EntityIdentifier\":\"%s@1\","
                            "\"DetailsDocument\":%s}", id, details);
  answer (s, msg, "DescribeEntity", body);
}

static void
on_catalog_request (Server            *s,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    GBytes            *body)
{
  const char *name = path + 1;
  JsonObject *operation = aws_test_model_get_operation (s->model, name);
  JsonObject *http;
  JsonObject *input_shape;
  JsonObject *members;
  g_autoptr (GList) names = NULL;
  g_autofree char *problem = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;

  s->catalog_requests++;
  g_assert_nonnull (operation);
  http = json_object_get_object_member (operation, "http");
  g_assert_cmpstr (soup_server_message_get_method (msg), ==,
                   json_object_get_string_member (http, "method"));
  g_assert_cmpstr (path, ==, json_object_get_string_member (http, "requestUri"));

  /* Members bound to the query string by the model arrive there, the rest in the body. */
  input_shape = aws_test_model_get_shape (s->model, json_object_get_string_member (
                                json_object_get_object_member (operation, "input"), "shape"));
  members = json_object_get_object_member (input_shape, "members");
  names = json_object_get_members (members);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *member = json_object_get_object_member (members, l->data);
      const char *location = json_object_get_string_member_with_default (member, "location",
                                                                         NULL);

      if (g_strcmp0 (location, "querystring") == 0)
        g_assert_nonnull (query != NULL
                          ? g_hash_table_lookup (query,
                                                 json_object_get_string_member (member,
                                                                                "locationName"))
                          : NULL);
    }
  if (g_bytes_get_size (body) > 0)
    {
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), NULL));
      root = json_parser_get_root (parser);
      problem = aws_test_model_check (s->model, json_object_get_string_member (
                                  json_object_get_object_member (operation, "input"), "shape"),
                             root, name);
    }
  if (problem != NULL)
    {
      g_test_message ("refused: %s", problem);
      s->bad_requests++;
      aws_test_answer_error (msg, 400, "ValidationException", problem);
      return;
    }
  if (s->hold_catalog)
    {
      s->hold_catalog = FALSE;
      soup_server_message_pause (msg);
      s->held = msg;
    }

  if (g_str_equal (name, "ListEntities"))
    on_list_entities (s, msg, json_node_get_object (root));
  else if (g_str_equal (name, "DescribeEntity"))
    {
      g_assert_cmpstr (g_hash_table_lookup (query, "catalog"), ==, "AWSMarketplace");
      on_describe_entity (s, msg, g_hash_table_lookup (query, "entityId"));
    }
  else
    g_assert_not_reached ();
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *s = user_data;
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *target = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "X-Amz-Target");

  if (!aws_test_signature_is_valid (msg, body, ACCESS_KEY, SECRET_KEY, NULL))
    {
      s->bad_requests++;
      aws_test_answer_error (msg, 403, "InvalidSignatureException", "bad signature");
      return;
    }
  if (target != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      g_assert_cmpstr (path, ==, "/");
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 (gssize) g_bytes_get_size (body), NULL));
      on_agreement_request (s, msg, target, json_node_get_object (json_parser_get_root (parser)));
      return;
    }
  on_catalog_request (s, msg, path, query, body);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->server.model = aws_test_model_new_catalog ();
  f->server.product_title = g_strdup ("Desk Suite");
  f->server.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server.server, NULL, on_request_cb, &f->server, NULL);
  f->server.front = aws_test_front_new (f->server.server);

  f->dir = g_dir_make_tmp ("rd-aws-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "renewals.db", NULL);
  f->store = rd_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_cmpuint (f->server.bad_requests, ==, 0);
  g_assert_cmpuint (aws_test_front_get_refused (f->server.front), ==, 0);
  aws_test_front_free (f->server.front);
  soup_server_disconnect (f->server.server);
  g_clear_object (&f->server.server);
  g_clear_pointer (&f->server.model, aws_test_model_free);
  g_free (f->server.product_title);
  g_clear_object (&f->store);
  for (const char *suffix = ""; suffix; suffix = *suffix ? (suffix[1] == 'w' ? "-shm" : NULL)
                                                         : "-wal")
    {
      g_autofree char *file = g_strconcat (f->path, suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Running an import. */

typedef struct
{
  GAsyncResult *result;
  int           last_phase;
  guint         catalog_progress;
  gboolean      phases_in_order;
} Run;

static void
on_progress_cb (RdAwsImport *import,
                int          phase,
                guint        done,
                guint        total,
                Run         *run)
{
  if (phase < run->last_phase)
    run->phases_in_order = FALSE;
  run->last_phase = phase;
  if (phase == RD_AWS_IMPORT_PHASE_CATALOG)
    run->catalog_progress++;
}

static RdAwsImport *
new_import (Fixture *f)
{
  g_autoptr (RdAwsCredentials) credentials = rd_aws_credentials_new (ACCESS_KEY, SECRET_KEY,
                                                                      NULL);
  RdAwsImport *import = rd_aws_import_new (f->store, credentials, NULL,
                                           aws_test_front_get_url (f->server.front),
                                           aws_test_front_get_url (f->server.front));

  rd_aws_import_set_retry_policy (import, 3, 1);
  return import;
}

static gboolean
run_import (RdAwsImport   *import,
            GCancellable  *cancellable,
            Run           *run,
            GError       **error)
{
  gboolean ok;

  run->phases_in_order = TRUE;
  run->last_phase = RD_AWS_IMPORT_PHASE_AGREEMENTS;
  g_signal_connect (import, "progress", G_CALLBACK (on_progress_cb), run);
  rd_aws_import_run_async (import, cancellable, rd_test_keep_result_cb, &run->result);
  rd_test_wait_for_result (&run->result, "the import to end");
  ok = rd_aws_import_run_finish (import, run->result, error);
  g_clear_object (&run->result);
  g_signal_handlers_disconnect_by_data (import, run);
  return ok;
}

static JsonObject *
body_of (Fixture    *f,
         const char *type,
         const char *key,
         const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = rd_store_find_by_field (f->store, type, key, value, &error);

  if (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND))
    return NULL;
  g_assert_no_error (error);
  return json_object_ref (rd_record_get_body (record));
}

static const char *
str (JsonObject *body,
     const char *name)
{
  return json_object_get_string_member_with_default (body, name, NULL);
}

static gboolean
has_field_error (GPtrArray  *errors,
                 const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    if (g_strcmp0 (((RdFieldError *) g_ptr_array_index (errors, i))->field, field) == 0)
      return TRUE;
  return FALSE;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (RdAwsImport) import = new_import (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) a1 = NULL;
  g_autoptr (JsonObject) old = NULL;
  g_autoptr (JsonObject) new_agreement = NULL;
  g_autoptr (JsonObject) offer_new = NULL;
  g_autoptr (JsonObject) offer_a1 = NULL;
  g_autoptr (JsonObject) offer_open = NULL;
  g_autoptr (JsonObject) offer_late = NULL;
  g_autoptr (RdRecord) old_record = NULL;
  g_autoptr (GPtrArray) expirations = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_auto (GStrv) summary = NULL;
  RdRulesContext ctx;
  Run run = { 0 };

  f->server.throttle_offer_page = 2;
  f->server.fail_describe_once = TRUE;
  g_assert_true (run_import (import, NULL, &run, &error));
  g_assert_no_error (error);
  g_assert_true (run.phases_in_order);
  g_assert_cmpuint (run.catalog_progress, >, 0);

  /* Agreements, with the Catalog's product title; the Agreement API's own resources gave
   * no type, the product's entity type and the terms' pricing do. */
  g_assert_cmpuint (rd_aws_import_get_agreements (import)->added, ==, 3);
  new_agreement = body_of (f, "agreement", "agreement_id", "agmt-new");
  g_assert_cmpstr (str (new_agreement, "product_title"), ==, "Desk Suite");
  g_assert_cmpstr (str (new_agreement, "product_type"), ==, "saas_contract");
  /* prod-unknown is neither listed nor describable: no title, and the record is kept. */
  a1 = body_of (f, "agreement", "agreement_id", "agmt-a1");
  g_assert_nonnull (a1);
  g_assert_false (json_object_has_member (a1, "product_title"));

  /* The replaced agreement ended when it was replaced, and links to its successor. */
  old = body_of (f, "agreement", "agreement_id", "agmt-old");
  g_assert_cmpstr (str (old, "status"), ==, "REPLACED");
  g_assert_cmpstr (str (old, "end_date"), ==, "2025-06-15");
  g_assert_cmpstr (str (old, "validity_end_date"), ==, "2026-12-31");
  g_assert_cmpstr (str (old, "replaced_by_agreement_id"), ==, "agmt-new");
  g_assert_cmpstr (str (new_agreement, "preceding_agreement_id"), ==, "agmt-old");
  old_record = rd_store_find_by_field (f->store, "agreement", "agreement_id", "agmt-old", NULL);

  /* Private offers only, across three pages (one throttled, one 5xx retried). */
  g_assert_cmpuint (rd_aws_import_get_offers (import)->added, ==, 4);
  g_assert_cmpuint (rd_store_count (f->store, "offer"), ==, 4);
  g_assert_null (body_of (f, "offer", "offer_id", "offer-public"));
  offer_new = body_of (f, "offer", "offer_id", "offer-new");
  g_assert_cmpstr (str (offer_new, "accepted_agreement_id"), ==, "agmt-new");
  g_assert_cmpstr (str (offer_new, "stage"), ==, "accepted");
  g_assert_cmpstr (str (offer_new, "target_agreement_id"), ==, "agmt-old");
  g_assert_cmpstr (str (offer_new, "renews"), ==, rd_record_get_id (old_record));
  g_assert_cmpstr (str (offer_new, "product_title"), ==, "Desk Suite");
  g_assert_cmpstr (str (offer_new, "offer_name"), ==, "offer-new offer");
  offer_a1 = body_of (f, "offer", "offer_id", "offer-a1");
  g_assert_cmpstr (str (offer_a1, "accepted_agreement_id"), ==, "agmt-a1");
  /* Its product is unknown: it is imported all the same, and the rules name what is
   * missing, as the editor and `check` show them. */
  rd_rules_context_init (&ctx, RD_ROLE_ISV);
  problems = rd_rules_check_document (offer_a1, &ctx);
  g_assert_true (has_field_error (problems, "product_type"));
  offer_open = body_of (f, "offer", "offer_id", "offer-open");
  g_assert_cmpstr (str (offer_open, "offer_expiration_date"), ==, "2026-09-30");
  g_assert_cmpstr (str (offer_open, "stage"), ==, "published");
  g_assert_false (json_object_has_member (offer_open, "accepted_agreement_id"));
  /* On the calendar on the day it expires (published offers also remind then). */
  expirations = rd_store_query_expirations (f->store, "2026-09-30", "2026-09-30", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expirations->len, ==, 1);
  g_assert_cmpstr (((RdStoreRow *) g_ptr_array_index (expirations, 0))->product_title, ==,
                   "Desk Suite");
  g_assert_cmpstr (((RdStoreRow *) g_ptr_array_index (expirations, 0))->stage, ==,
                   "published");
  /* From the second page of SaaS products. */
  offer_late = body_of (f, "offer", "offer_id", "offer-late");
  g_assert_cmpstr (str (offer_late, "product_title"), ==, "Desk X");
  g_assert_cmpint (json_object_get_int_member (offer_late, "duration_months"), ==, 12);

  g_assert_cmpuint (rd_aws_import_get_n_products (import), ==, 2);
  summary = rd_aws_import_dup_summary (import);
  g_assert_cmpuint (g_strv_length (summary), ==, 3);
  g_assert_cmpstr (summary[0], ==, "Agreements: 3 new, 0 updated, 0 unchanged, 0 failed");
  g_assert_cmpstr (summary[1], ==, "Offers: 4 new, 0 updated, 0 unchanged, 0 failed");
  g_assert_cmpstr (summary[2], ==, "Products: 2 read from the Catalog");
  /* The entity type AWS would not list is named, not fatal. */
  g_assert_cmpuint (rd_aws_import_get_offers (import)->notices->len, ==, 1);
}

/* One failed page: the offers of the pages before it stay. */
static void
test_failed_page (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (RdAwsImport) import = new_import (f);
  g_autoptr (GError) error = NULL;
  Run run = { 0 };

  f->server.fail_offer_page = 3;
  g_assert_false (run_import (import, NULL, &run, &error));
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_VALIDATION);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 3);
  g_assert_cmpuint (rd_store_count (f->store, "offer"), ==, 3);
  g_assert_cmpuint (rd_aws_import_get_offers (import)->added, ==, 3);
}

/* A second run keeps what the user changed, titles included, and takes what AWS changed
 * where the user did not. */
static void
test_reimport_keeps_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdAwsImport) first = new_import (f);
  g_autoptr (RdAwsImport) second = NULL;
  g_autoptr (RdAwsImport) third = NULL;
  g_autoptr (RdRecord) agreement = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (JsonObject) edited = NULL;
  g_autoptr (JsonObject) untouched = NULL;
  g_autoptr (JsonObject) edited_offer = NULL;
  g_autoptr (JsonObject) body = NULL;
  Run run = { 0 };

  g_assert_true (run_import (first, NULL, &run, &error));

  agreement = rd_store_find_by_field (f->store, "agreement", "agreement_id", "agmt-new", NULL);
  body = json_object_ref (rd_record_get_body (agreement));
  json_object_set_string_member (body, "product_title", "Desk Suite (EMEA)");
  json_object_set_string_member (body, "customer", "Example GmbH");
  g_assert_true (rd_store_update (f->store, rd_record_get_id (agreement), body, &error));
  g_clear_pointer (&body, json_object_unref);
  offer = rd_store_find_by_field (f->store, "offer", "offer_id", "offer-open", NULL);
  body = json_object_ref (rd_record_get_body (offer));
  json_object_set_string_member (body, "offer_name", "Example renewal, v2");
  json_object_set_string_member (body, "stage", "outreach");
  g_assert_true (rd_store_update (f->store, rd_record_get_id (offer), body, &error));

  /* Nothing changed at AWS: nothing changes here. */
  second = new_import (f);
  g_assert_true (run_import (second, NULL, &run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_aws_import_get_agreements (second)->added, ==, 0);
  g_assert_cmpuint (rd_aws_import_get_agreements (second)->updated, ==, 0);
  g_assert_cmpuint (rd_aws_import_get_agreements (second)->unchanged, ==, 3);
  g_assert_cmpuint (rd_aws_import_get_offers (second)->unchanged, ==, 4);

  /* AWS renames the product: the edited title stays, the other agreement takes it. */
  g_free (f->server.product_title);
  f->server.product_title = g_strdup ("Desk Suite 2");
  third = new_import (f);
  g_assert_true (run_import (third, NULL, &run, &error));
  g_assert_no_error (error);
  edited = body_of (f, "agreement", "agreement_id", "agmt-new");
  untouched = body_of (f, "agreement", "agreement_id", "agmt-old");
  edited_offer = body_of (f, "offer", "offer_id", "offer-open");
  g_assert_cmpstr (str (edited, "product_title"), ==, "Desk Suite (EMEA)");
  g_assert_cmpstr (str (edited, "customer"), ==, "Example GmbH");
  g_assert_cmpstr (str (untouched, "product_title"), ==, "Desk Suite 2");
  g_assert_cmpstr (str (edited_offer, "offer_name"), ==, "Example renewal, v2");
  g_assert_cmpstr (str (edited_offer, "stage"), ==, "outreach");
  g_assert_cmpstr (str (edited_offer, "product_title"), ==, "Desk Suite 2");
}

/* --no-catalog: no Catalog request, and what the last import learnt from it stays. */
static void
test_no_catalog (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdAwsImport) first = new_import (f);
  g_autoptr (RdAwsImport) second = new_import (f);
  g_autoptr (JsonObject) body = NULL;
  g_auto (GStrv) summary = NULL;
  Run run = { 0 };
  guint requests;

  g_assert_true (run_import (first, NULL, &run, &error));
  requests = f->server.catalog_requests;
  rd_aws_import_set_catalog (second, FALSE);
  g_assert_true (run_import (second, NULL, &run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->server.catalog_requests, ==, requests);
  g_assert_cmpuint (rd_aws_import_get_agreements (second)->unchanged, ==, 3);
  body = body_of (f, "agreement", "agreement_id", "agmt-old");
  g_assert_cmpstr (str (body, "product_title"), ==, "Desk Suite");
  g_assert_cmpstr (str (body, "replaced_by_agreement_id"), ==, "agmt-new");
  summary = rd_aws_import_dup_summary (second);
  g_assert_cmpuint (g_strv_length (summary), ==, 1);
}

static gboolean
catalog_held (gpointer data)
{
  Fixture *f = data;

  return f->server.held != NULL;
}

/* Cancelled while the Catalog is read: the agreements stay. */
static void
test_cancel_in_catalog (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdAwsImport) import = new_import (f);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  f->server.hold_catalog = TRUE;
  g_signal_connect (import, "progress", G_CALLBACK (on_progress_cb), &run);
  rd_aws_import_run_async (import, cancellable, rd_test_keep_result_cb, &run.result);
  rd_test_wait_until (catalog_held, f, "the Catalog request to be held");
  g_assert_nonnull (f->server.held);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 3);
  g_cancellable_cancel (cancellable);
  rd_test_wait_for_result (&run.result, "the cancelled import to end");
  g_assert_false (rd_aws_import_run_finish (import, run.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&run.result);
  soup_server_message_unpause (f->server.held);
  f->server.held = NULL;
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 3);
  g_assert_cmpuint (rd_store_count (f->store, "offer"), ==, 0);
}

typedef struct
{
  GSubprocess *process;
  char        *out;
  gboolean     done;
  int          status;
} Cli;

static void
on_cli_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8_finish (cli->process, result, &cli->out, NULL, &error);
  g_assert_no_error (error);
  cli->status = g_subprocess_get_exit_status (cli->process);
  cli->done = TRUE;
}

/* Runs the command line while this process's main loop serves its requests. */
static int
run_cli (Fixture             *f,
         const char * const  *env_extra,
         char               **out,
         ...)
{
  g_autoptr (GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-aws-file", NULL);
  Cli cli = { 0 };
  const char *arg;
  va_list ap;

  g_subprocess_launcher_setenv (launcher, "AWS_ACCESS_KEY_ID", ACCESS_KEY, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "AWS_SESSION_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "AWS_PROFILE");
  g_subprocess_launcher_setenv (launcher, "AWS_CONFIG_FILE", missing, TRUE);
  g_subprocess_launcher_setenv (launcher, "AWS_SHARED_CREDENTIALS_FILE", missing, TRUE);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env_extra[i], env_extra[i + 1], TRUE);

  g_ptr_array_add (args, (gpointer) g_getenv ("RD_CLI"));
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, f->path);
  g_ptr_array_add (args, (gpointer) "import");
  g_ptr_array_add (args, (gpointer) "aws");
  va_start (ap, out);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  cli.process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata,
                                              &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (cli.process, NULL, NULL, on_cli_done_cb, &cli);
  rd_test_wait_for_flag (&cli.done, "renewal-desk-cli to end");
  g_clear_object (&cli.process);
  *out = cli.out;
  return cli.status;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  const char *url = aws_test_front_get_url (f->server.front);
  const char * const through_env[] = { "AWS_ENDPOINT_URL", url, NULL };
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *agreements_only = NULL;
  guint requests;

  if (g_getenv ("RD_CLI") == NULL)
    {
      g_test_skip ("RD_CLI is not set");
      return;
    }

  g_assert_cmpint (run_cli (f, NULL, &first, "--endpoint-url", url,
                            "--catalog-endpoint-url", url, NULL), ==, 0);
  g_assert_cmpstr (first, ==,
                   "The Catalog API did not list ProfessionalServicesProduct: AWS Marketplace "
                   "rejected the request as invalid: Unsupported EntityType\n"
                   "Agreements: 3 new, 0 updated, 0 unchanged, 0 failed\n"
                   "Offers: 4 new, 0 updated, 0 unchanged, 0 failed\n"
                   "Products: 2 read from the Catalog\n");
  g_assert_cmpuint (rd_store_count (f->store, "offer"), ==, 4);

  /* The endpoint from AWS_ENDPOINT_URL, as the AWS SDKs take it. */
  g_assert_cmpint (run_cli (f, through_env, &again, NULL), ==, 0);
  g_assert_nonnull (strstr (again, "Agreements: 0 new, 0 updated, 3 unchanged, 0 failed\n"));
  g_assert_nonnull (strstr (again, "Offers: 0 new, 0 updated, 4 unchanged, 0 failed\n"));

  requests = f->server.catalog_requests;
  g_assert_cmpint (run_cli (f, through_env, &agreements_only, "--no-catalog", NULL), ==, 0);
  g_assert_cmpstr (agreements_only, ==, "Agreements: 0 new, 0 updated, 3 unchanged, 0 failed\n");
  g_assert_cmpuint (f->server.catalog_requests, ==, requests);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT");
  g_unsetenv ("AWS_ENDPOINT_URL_MARKETPLACE_CATALOG");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/aws/catalog/import", test_import);
  ADD ("/aws/catalog/failed-page", test_failed_page);
  ADD ("/aws/catalog/reimport-keeps-edits", test_reimport_keeps_edits);
  ADD ("/aws/catalog/no-catalog", test_no_catalog);
  ADD ("/aws/catalog/cancel", test_cancel_in_catalog);
  ADD ("/aws/catalog/cli", test_cli);
#undef ADD
  return g_test_run ();
}
