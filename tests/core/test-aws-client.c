/* test-aws-client.c
 *
 * The Agreement API client against a SoupServer on 127.0.0.1, behind a front that refuses
 * malformed request lines as AWS's does, reached through an endpoint without a path (as the
 * AWS CLI's --endpoint-url is written). It checks every request's shape and recomputes its
 * SigV4 signature, then answers from a script: pages, throttling, 5xx, malformed JSON,
 * dropped connections, validation errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "aws-test-front.h"
#include "rd-aws-client.h"
#include "rd-aws-credentials.h"
#include "rd-importer.h"
#include "rd-sigv4.h"
#include "rd-test-wait.h"

#define ACCESS_KEY    "AKIDTESTEXAMPLE"
#define SECRET_KEY    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY"
#define SESSION_TOKEN "FQoGZXIvYXdzEXAMPLE//token+with/slashes="
#define TARGET_PREFIX "AWSMPCommerceService_v20200301."

typedef enum
{
  REPLY_OK,
  REPLY_THROTTLE,
  REPLY_500,
  REPLY_503,
  REPLY_MALFORMED,
  REPLY_DROP,
  REPLY_VALIDATION,
} Reply;

typedef struct
{
  SoupServer   *server;
  AwsTestFront *front;
  char         *endpoint;
  GQueue      script;
  guint       requests;
  guint       search_pages;
  guint       bad_signatures;
  gboolean    expect_token;
} TestServer;

static const char *search_pages[] = {
  "{\"agreementViewSummaries\":["
  "{\"agreementId\":\"agmt-po1\",\"status\":\"ACTIVE\",\"endTime\":1767225599.999},"
  "{\"agreementId\":\"agmt-cppo2\",\"status\":\"ACTIVE\"}],"
  "\"nextToken\":\"page-2\"}",
  "{\"agreementViewSummaries\":[{\"agreementId\":\"agmt-3\"},{\"agreementId\":\"agmt-4\"}],"
  "\"nextToken\":\"page-3\"}",
  "{\"agreementViewSummaries\":[{\"agreementId\":\"agmt-5\"},{\"agreementId\":\"agmt-6\"}],"
  "\"nextToken\":\"\"}",
};

static const char describe_po[] =
  "{\"agreementId\":\"agmt-po1\",\"agreementType\":\"PurchaseAgreement\","
  "\"acceptor\":{\"accountId\":\"111122223333\"},\"proposer\":{\"accountId\":\"444455556666\"},"
  "\"startTime\":1735689600,\"endTime\":1767225599.999,\"acceptanceTime\":1708423872,"
  "\"estimatedCharges\":{\"currencyCode\":\"USD\",\"agreementValue\":\"120000.00\"},"
  "\"proposalSummary\":{\"offerId\":\"offer-abc123\",\"resources\":"
  "[{\"id\":\"prod-saas1\",\"type\":\"SaaSProduct\"}]},\"status\":\"ACTIVE\"}";

static const char describe_cppo[] =
  "{\"agreementId\":\"agmt-cppo2\",\"agreementType\":\"PurchaseAgreement\","
  "\"acceptor\":{\"accountId\":\"777788889999\"},\"proposer\":{\"accountId\":\"123412341234\"},"
  "\"startTime\":1709251200,\"endTime\":1803859199.999,"
  "\"proposalSummary\":{\"offerId\":\"offer-cp1\",\"resources\":"
  "[{\"id\":\"prod-ami1\",\"type\":\"AmiProduct\"},"
  "{\"id\":\"resaleauthz-xyz\",\"type\":\"ResaleAuthorization\"}]},\"status\":\"RENEWED\"}";

static const char terms_po_page1[] =
  "{\"acceptedTerms\":["
  "{\"validityTerm\":{\"type\":\"ValidityTerm\",\"agreementDuration\":\"P12M\","
  "\"agreementStartDate\":1735689600,\"agreementEndDate\":1767225599.999}},"
  "{\"renewalTerm\":{\"type\":\"RenewalTerm\",\"configuration\":{\"enableAutoRenew\":true}}}],"
  "\"nextToken\":\"terms-2\"}";

static const char terms_po_page2[] =
  "{\"acceptedTerms\":["
  "{\"paymentScheduleTerm\":{\"type\":\"PaymentScheduleTerm\",\"currencyCode\":\"USD\","
  "\"schedule\":[{\"chargeDate\":1736899200,\"chargeAmount\":\"60000.00\"},"
  "{\"chargeDate\":1751328000,\"chargeAmount\":\"60000.00\"}]}},"
  "{\"configurableUpfrontPricingTerm\":{\"currencyCode\":\"USD\",\"rateCards\":["
  "{\"selector\":{\"type\":\"Duration\",\"value\":\"P12M\"},\"rateCard\":"
  "[{\"dimensionKey\":\"users\",\"price\":\"1200.00\"}]},"
  "{\"selector\":{\"type\":\"Duration\",\"value\":\"P24M\"},\"rateCard\":"
  "[{\"dimensionKey\":\"users\",\"price\":\"2000.00\"}]}],"
  "\"configuration\":{\"selectorValue\":\"P12M\",\"dimensions\":"
  "[{\"dimensionKey\":\"users\",\"dimensionValue\":100}]}}},"
  "{\"usageBasedPricingTerm\":{\"currencyCode\":\"USD\",\"rateCards\":[{\"rateCard\":"
  "[{\"dimensionKey\":\"api_calls\",\"price\":\"0.01\"}]}]}}]}";

static const char terms_cppo[] =
  "{\"acceptedTerms\":["
  "{\"validityTerm\":{\"agreementDuration\":\"P3Y\"}},"
  "{\"renewalTerm\":{\"configuration\":{\"enableAutoRenew\":false}}},"
  "{\"configurableUpfrontPricingTerm\":{\"configuration\":{\"selectorValue\":\"P36M\","
  "\"dimensions\":[{\"dimensionKey\":\"m5.large\",\"dimensionValue\":3}]}}}]}";

static JsonObject *
parse_json_object (const char *text,
                   gssize      length)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, length, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Recomputes the signature from what arrived; FALSE when it does not match. */
static gboolean
signature_is_valid (TestServer        *ts,
                    SoupServerMessage *msg,
                    GBytes            *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");

  g_assert_nonnull (auth);
  g_assert_nonnull (strstr (auth, "SignedHeaders=content-type;host;x-amz-date;"));
  g_assert_nonnull (strstr (auth, "x-amz-target"));
  return aws_test_signature_is_valid (msg, body, ACCESS_KEY, SECRET_KEY,
                                      ts->expect_token ? SESSION_TOKEN : NULL);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
check_search_request (TestServer        *ts,
                      JsonObject        *input,
                      SoupServerMessage *msg)
{
  JsonArray *filters = json_object_get_array_member (input, "filters");
  gint64 max_results = json_object_get_int_member (input, "maxResults");
  gboolean agreement_type = FALSE;
  gboolean party_type = FALSE;
  const char *token = json_object_has_member (input, "nextToken")
                      ? json_object_get_string_member (input, "nextToken") : NULL;
  guint page;

  g_assert_cmpstr (json_object_get_string_member (input, "catalog"), ==, "AWSMarketplace");
  g_assert_cmpint (max_results, >=, 1);
  g_assert_cmpint (max_results, <=, 50);
  g_assert_nonnull (filters);
  for (guint i = 0; i < json_array_get_length (filters); i++)
    {
      JsonObject *filter = json_array_get_object_element (filters, i);
      const char *name = json_object_get_string_member (filter, "name");
      JsonArray *values = json_object_get_array_member (filter, "values");
      const char *value;

      g_assert_cmpuint (json_array_get_length (values), ==, 1);
      value = json_array_get_string_element (values, 0);
      if (g_str_equal (name, "AgreementType"))
        {
          g_assert_cmpstr (value, ==, "PurchaseAgreement");
          agreement_type = TRUE;
        }
      else if (g_str_equal (name, "PartyType"))
        {
          g_assert_cmpstr (value, ==, "Proposer");
          party_type = TRUE;
        }
      else if (g_str_equal (name, "Status"))
        g_assert_cmpstr (value, ==, "ACTIVE");
      else if (g_str_equal (name, "AfterEndTime"))
        g_assert_cmpstr (value, ==, "2025-01-01T00:00:00Z");
      else if (g_str_equal (name, "BeforeEndTime"))
        g_assert_cmpstr (value, ==, "2027-01-01T00:00:00Z");
      else
        g_assert_not_reached ();
    }
  g_assert_true (agreement_type);
  g_assert_true (party_type);

  if (token == NULL)
    page = 0;
  else if (g_str_equal (token, "page-2"))
    page = 1;
  else
    {
      g_assert_cmpstr (token, ==, "page-3");
      page = 2;
    }
  ts->search_pages++;
  respond (msg, 200, search_pages[page]);
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
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *target = soup_message_headers_get_one (headers, "X-Amz-Target");
  g_autoptr (JsonObject) input = NULL;
  Reply reply = GPOINTER_TO_UINT (g_queue_pop_head (&ts->script));
  const char *operation;
  const char *id;

  ts->requests++;
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_cmpstr (path, ==, "/");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Type"), ==,
                   "application/x-amz-json-1.0");
  g_assert_nonnull (target);
  g_assert_true (g_str_has_prefix (target, TARGET_PREFIX));
  operation = target + strlen (TARGET_PREFIX);
  input = parse_json_object (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body));

  if (!signature_is_valid (ts, msg, body))
    {
      ts->bad_signatures++;
      respond (msg, 403, "{\"__type\":\"InvalidSignatureException\",\"message\":\"The request "
                         "signature we calculated does not match the signature you provided.\"}");
      return;
    }

  switch (reply)
    {
    case REPLY_THROTTLE:
      respond (msg, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
      return;
    case REPLY_500:
      respond (msg, 500, "{\"__type\":\"InternalServerException\",\"message\":\"oops\"}");
      return;
    case REPLY_503:
      respond (msg, 503, "");
      return;
    case REPLY_MALFORMED:
      respond (msg, 200, "{\"agreementViewSummaries\": [ {\"agreementId\": ");
      return;
    case REPLY_DROP:
      {
        g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

        g_io_stream_close (stream, NULL, NULL);
      }
      return;
    case REPLY_VALIDATION:
      respond (msg, 400, "{\"__type\":\"aws.marketplace#ValidationException\","
                         "\"message\":\"Invalid filter combination\","
                         "\"reason\":\"INVALID_FILTERS\"}");
      return;
    case REPLY_OK:
    default:
      break;
    }

  if (g_str_equal (operation, "SearchAgreements"))
    {
      check_search_request (ts, input, msg);
      return;
    }

  id = json_object_get_string_member (input, "agreementId");
  g_assert_nonnull (id);
  if (g_str_equal (operation, "DescribeAgreement"))
    {
      if (g_str_equal (id, "agmt-po1"))
        respond (msg, 200, describe_po);
      else if (g_str_equal (id, "agmt-cppo2"))
        respond (msg, 200, describe_cppo);
      else
        {
          g_autofree char *minimal = g_strdup_printf ("{\"agreementId\":\"%s\"}", id);

          respond (msg, 200, minimal);
        }
    }
  else if (g_str_equal (operation, "GetAgreementTerms"))
    {
      const char *token = json_object_has_member (input, "nextToken")
                          ? json_object_get_string_member (input, "nextToken") : NULL;

      g_assert_cmpint (json_object_get_int_member (input, "maxResults"), <=, 50);
      if (g_str_equal (id, "agmt-po1"))
        respond (msg, 200, token == NULL ? terms_po_page1 : terms_po_page2);
      else if (g_str_equal (id, "agmt-cppo2"))
        respond (msg, 200, terms_cppo);
      else if (g_str_equal (id, "agmt-loop"))
        respond (msg, 200, "{\"acceptedTerms\":[],\"nextToken\":\"again\"}");
      else
        respond (msg, 200, "{\"acceptedTerms\":[]}");
    }
  else
    g_assert_not_reached ();
}

static TestServer *
test_server_new (void)
{
  TestServer *ts = g_new0 (TestServer, 1);

  ts->server = soup_server_new (NULL, NULL);
  g_queue_init (&ts->script);
  soup_server_add_handler (ts->server, NULL, on_request_cb, ts, NULL);
  ts->front = aws_test_front_new (ts->server);
  ts->endpoint = g_strdup (aws_test_front_get_url (ts->front));
  return ts;
}

static void
test_server_free (TestServer *ts)
{
  g_assert_cmpuint (ts->bad_signatures, ==, 0);
  g_assert_cmpuint (aws_test_front_get_refused (ts->front), ==, 0);
  aws_test_front_free (ts->front);
  soup_server_disconnect (ts->server);
  g_object_unref (ts->server);
  g_queue_clear (&ts->script);
  g_free (ts->endpoint);
  g_free (ts);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

static void
script (TestServer *ts,
        Reply       reply,
        guint       times)
{
  for (guint i = 0; i < times; i++)
    g_queue_push_tail (&ts->script, GUINT_TO_POINTER (reply));
}

static RdAwsClient *
make_client (TestServer *ts,
             gboolean    with_token)
{
  g_autoptr (RdAwsCredentials) credentials =
    rd_aws_credentials_new (ACCESS_KEY, SECRET_KEY, with_token ? SESSION_TOKEN : NULL);
  RdAwsClient *client = rd_aws_client_new (credentials, NULL, ts->endpoint);

  ts->expect_token = with_token;
  rd_aws_client_set_retry_policy (client, 5, 1);
  return client;
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  return rd_test_wait_for_result (slot, "the client's answer");
}

static JsonObject *
describe (RdAwsClient *client,
          const char  *id,
          GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  rd_aws_client_describe_agreement_async (client, id, NULL, rd_test_keep_result_cb, &result);
  return rd_aws_client_describe_agreement_finish (client, wait_for (&result), error);
}

static void
on_page_loaded_cb (RdAwsClient *client,
                   guint        pages,
                   guint        agreements,
                   gpointer     user_data)
{
  guint *calls = user_data;

  (*calls)++;
  g_assert_cmpuint (pages, ==, *calls);
  g_assert_cmpuint (agreements, ==, 2 * pages);
}

static void
test_search_pages (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, TRUE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) summaries = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) after = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("+01:00");
  g_autoptr (GDateTime) before = g_date_time_new (tz, 2027, 1, 1, 1, 0, 0);
  RdAwsSearchOptions options = { "ACTIVE", before, after, 500 };
  guint pages = 0;

  g_signal_connect (client, "page-loaded", G_CALLBACK (on_page_loaded_cb), &pages);
  rd_aws_client_search_agreements_async (client, &options, NULL, rd_test_keep_result_cb, &result);
  summaries = rd_aws_client_search_agreements_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 6);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (ts->search_pages, ==, 3);
  g_assert_cmpuint (ts->requests, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (summaries, 5),
                                                  "agreementId"), ==, "agmt-6");
}

/* A server that answers a page with the token it was asked with would page forever: the
 * second time is an error. */
static void
test_repeated_page_token (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (JsonArray) terms = NULL;
  g_autoptr (GError) error = NULL;

  rd_aws_client_get_agreement_terms_async (client, "agmt-loop", NULL, rd_test_keep_result_cb,
                                           &result);
  terms = rd_aws_client_get_agreement_terms_finish (client, wait_for (&result), &error);
  g_assert_null (terms);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ts->requests, ==, 2);
}

static void
test_throttling (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) output = NULL;

  script (ts, REPLY_THROTTLE, 2);
  output = describe (client, "agmt-po1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (output, "agreementId"), ==, "agmt-po1");
  g_assert_cmpuint (ts->requests, ==, 3);
}

static void
test_server_errors (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) output = NULL;
  JsonObject *failed;

  script (ts, REPLY_500, 1);
  script (ts, REPLY_503, 1);
  output = describe (client, "agmt-po1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (output);
  g_assert_cmpuint (ts->requests, ==, 3);

  /* Bounded: five attempts, then the error. */
  ts->requests = 0;
  script (ts, REPLY_500, 10);
  failed = describe (client, "agmt-po1", &error);
  g_assert_null (failed);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_SERVER);
  g_assert_cmpuint (ts->requests, ==, 5);
  g_test_message ("%s", error->message);

  g_clear_error (&error);
  g_queue_clear (&ts->script);
  ts->requests = 0;
  script (ts, REPLY_THROTTLE, 10);
  failed = describe (client, "agmt-po1", &error);
  g_assert_null (failed);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_THROTTLED);
  g_assert_cmpuint (ts->requests, ==, 5);
  g_queue_clear (&ts->script);
}

static void
test_malformed_json (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GError) error = NULL;
  JsonObject *output;

  script (ts, REPLY_MALFORMED, 1);
  output = describe (client, "agmt-po1", &error);
  g_assert_null (output);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (ts->requests, ==, 1);
}

static void
test_dropped_connection (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) output = NULL;
  JsonObject *failed;

  script (ts, REPLY_DROP, 1);
  output = describe (client, "agmt-po1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (output);
  g_assert_cmpuint (ts->requests, ==, 2);

  ts->requests = 0;
  script (ts, REPLY_DROP, 100);
  failed = describe (client, "agmt-po1", &error);
  g_assert_null (failed);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_NETWORK);
  g_assert_cmpuint (ts->requests, >=, 5);
  g_queue_clear (&ts->script);
}

static void
test_validation_not_retried (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *summaries;

  script (ts, REPLY_VALIDATION, 1);
  rd_aws_client_search_agreements_async (client, NULL, NULL, rd_test_keep_result_cb, &result);
  summaries = rd_aws_client_search_agreements_finish (client, wait_for (&result), &error);
  g_assert_null (summaries);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "Invalid filter combination"));
  g_assert_cmpuint (ts->requests, ==, 1);
}

static void
test_bad_signature_not_retried (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsCredentials) wrong = rd_aws_credentials_new (ACCESS_KEY, "not-the-secret",
                                                                NULL);
  g_autoptr (RdAwsClient) client = rd_aws_client_new (wrong, NULL, ts->endpoint);
  g_autoptr (GError) error = NULL;
  JsonObject *output;

  rd_aws_client_set_retry_policy (client, 5, 1);
  output = describe (client, "agmt-po1", &error);
  g_assert_null (output);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_AUTHENTICATION);
  g_assert_cmpuint (ts->requests, ==, 1);
  g_assert_cmpuint (ts->bad_signatures, ==, 1);
  ts->bad_signatures = 0;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_during_backoff (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  JsonObject *output;

  /* A 10 s first delay: the cancellation must not wait for it. */
  rd_aws_client_set_retry_policy (client, 5, 10000);
  script (ts, REPLY_500, 5);
  rd_aws_client_describe_agreement_async (client, "agmt-po1", cancellable, rd_test_keep_result_cb,
                                          &result);
  g_timeout_add (100, cancel_cb, cancellable);
  output = rd_aws_client_describe_agreement_finish (client, wait_for (&result), &error);
  g_assert_null (output);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ts->requests, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_queue_clear (&ts->script);
}

static void
on_agreement_loaded_cb (RdAwsClient *client,
                        guint        done,
                        guint        total,
                        gpointer     user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, ==, *last + 1);
  g_assert_cmpuint (total, ==, 6);
  *last = done;
}

static JsonObject *
find_record (GPtrArray  *records,
             const char *id)
{
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (json_object_get_string_member (g_ptr_array_index (records, i),
                                                  "agreement_id"), id) == 0)
      return g_ptr_array_index (records, i);
  return NULL;
}

static void
test_import (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (RdAwsClient) client = make_client (ts, TRUE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *po, *cppo, *other;
  JsonArray *schedule, *dimensions;
  guint loaded = 0;

  script (ts, REPLY_OK, 1);
  script (ts, REPLY_THROTTLE, 1);
  g_signal_connect (client, "agreement-loaded", G_CALLBACK (on_agreement_loaded_cb), &loaded);
  rd_aws_client_read_agreements_async (client, NULL, NULL, NULL, NULL, rd_test_keep_result_cb,
                                       &result);
  records = rd_aws_client_read_agreements_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 6);
  g_assert_cmpuint (loaded, ==, 6);
  /* 3 search pages, 6 describes, 7 term pages, 1 throttled retry. */
  g_assert_cmpuint (ts->requests, ==, 3 + 6 + 7 + 1);

  po = find_record (records, "agmt-po1");
  g_assert_nonnull (po);
  g_assert_cmpstr (json_object_get_string_member (po, "type"), ==, "agreement");
  g_assert_cmpstr (json_object_get_string_member (po, "offer_id"), ==, "offer-abc123");
  g_assert_cmpstr (json_object_get_string_member (po, "product_id"), ==, "prod-saas1");
  g_assert_cmpstr (json_object_get_string_member (po, "product_type"), ==,
                   "saas_contract_consumption");
  g_assert_cmpstr (json_object_get_string_member (po, "customer"), ==, "111122223333");
  g_assert_cmpstr (json_object_get_string_member (po, "buyer_account_id"), ==, "111122223333");
  g_assert_cmpstr (json_object_get_string_member (po, "isv_account_id"), ==, "444455556666");
  g_assert_cmpstr (json_object_get_string_member (po, "kind"), ==, "PO");
  g_assert_cmpstr (json_object_get_string_member (po, "start_date"), ==, "2025-01-01");
  /* agreementEndDate 2025-12-31T23:59:59.999Z stays on the 31st. */
  g_assert_cmpstr (json_object_get_string_member (po, "end_date"), ==, "2025-12-31");
  g_assert_cmpint (json_object_get_int_member (po, "duration_months"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (po, "status"), ==, "ACTIVE");
  /* AWS's amounts are kept as the exact strings it sent. */
  g_assert_cmpstr (json_object_get_string_member (po, "value"), ==, "120000.00");
  g_assert_cmpstr (json_object_get_string_member (po, "currency"), ==, "USD");
  g_assert_true (json_object_get_boolean_member (po, "auto_renew"));
  schedule = json_object_get_array_member (po, "payment_schedule");
  g_assert_cmpuint (json_array_get_length (schedule), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (schedule, 0),
                                                  "date"), ==, "2025-01-15");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (schedule, 1),
                                                  "date"), ==, "2025-07-01");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (schedule, 1),
                                                  "amount"), ==, "60000.00");
  dimensions = json_object_get_array_member (po, "pricing_dimensions");
  g_assert_cmpuint (json_array_get_length (dimensions), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dimensions, 0),
                                                  "dimension_key"), ==, "users");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (dimensions, 0),
                                               "quantity"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dimensions, 0),
                                                  "price"), ==, "1200.00");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (dimensions, 1),
                                                  "pricing"), ==, "usage");

  cppo = find_record (records, "agmt-cppo2");
  g_assert_nonnull (cppo);
  g_assert_cmpstr (json_object_get_string_member (cppo, "kind"), ==, "CPPO");
  g_assert_cmpstr (json_object_get_string_member (cppo, "resale_authorization_id"), ==,
                   "resaleauthz-xyz");
  g_assert_cmpstr (json_object_get_string_member (cppo, "channel_partner_account_id"), ==,
                   "123412341234");
  g_assert_false (json_object_has_member (cppo, "isv_account_id"));
  g_assert_cmpstr (json_object_get_string_member (cppo, "product_id"), ==, "prod-ami1");
  g_assert_cmpstr (json_object_get_string_member (cppo, "product_type"), ==, "ami_annual");
  g_assert_cmpstr (json_object_get_string_member (cppo, "start_date"), ==, "2024-03-01");
  g_assert_cmpstr (json_object_get_string_member (cppo, "end_date"), ==, "2027-02-28");
  g_assert_cmpint (json_object_get_int_member (cppo, "duration_months"), ==, 36);
  g_assert_false (json_object_get_boolean_member (cppo, "auto_renew"));
  g_assert_false (json_object_has_member (cppo, "value"));

  /* Pay-as-you-go: no end date. */
  other = find_record (records, "agmt-6");
  g_assert_nonnull (other);
  g_assert_true (json_object_has_member (other, "end_date"));
  g_assert_true (json_object_get_null_member (other, "end_date"));
  g_assert_cmpstr (json_object_get_string_member (other, "kind"), ==, "PO");
}

static void
test_timestamps (void)
{
  struct
  {
    const char *json;
    const char *date;
  } cases[] = {
    { "1767225599.999", "2025-12-31" },
    { "1767225600", "2026-01-01" },
    { "1735689600", "2025-01-01" },
    { "1735689599.5", "2024-12-31" },
    { "\"2025-12-31T23:59:59.999Z\"", "2025-12-31" },
    { "\"2026-01-01T01:00:00+02:00\"", "2025-12-31" },
    { "null", NULL },
    { "\"garbage\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = json_from_string (cases[i].json, NULL);
      g_autofree char *date = rd_aws_timestamp_to_date (node);

      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

static void
test_endpoint (void)
{
  g_autoptr (RdAwsCredentials) credentials = rd_aws_credentials_new (ACCESS_KEY, SECRET_KEY,
                                                                      NULL);
  g_autoptr (RdAwsClient) plain = rd_aws_client_new (credentials, NULL, NULL);
  g_autoptr (RdAwsClient) insecure = rd_aws_client_new (credentials, NULL,
                                                        "http://example.com");
  g_autoptr (GError) error = NULL;
  JsonObject *output;

  g_assert_cmpstr (rd_aws_client_get_region (plain), ==, "us-east-1");
  g_assert_cmpstr (rd_aws_client_get_endpoint (plain), ==,
                   "https://agreement-marketplace.us-east-1.amazonaws.com");

  output = describe (insecure, "agmt-1", &error);
  g_assert_null (output);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_FAILED);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
clear_aws_env (void)
{
  const char *names[] = {
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
    "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_unsetenv (names[i]);
}

static void
test_credentials (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-aws-XXXXXX", &error);
  g_autofree char *shared = NULL;
  g_autofree char *config = NULL;
  g_autofree char *missing = NULL;
  RdAwsCredentials *credentials;

  g_assert_no_error (error);
  shared = write_file (dir, "credentials",
                       "# comment\n"
                       "[default]\n"
                       "aws_access_key_id = AKIDDEFAULT\n"
                       "aws_secret_access_key = secret/default+key=\n"
                       "\n"
                       "[seller]\r\n"
                       "aws_access_key_id=AKIDSELLER\r\n"
                       "aws_secret_access_key=sellersecret\r\n"
                       "aws_session_token = tok/en==\r\n"
                       "; another comment\n"
                       "[half]\n"
                       "aws_access_key_id = AKIDHALF\n");
  config = write_file (dir, "config",
                       "[default]\n"
                       "region = eu-west-1\n"
                       "[profile seller]\n"
                       "region = us-east-1\n"
                       "s3 =\n"
                       "  max_concurrent_requests = 20\n"
                       "[profile inline]\n"
                       "aws_access_key_id = AKIDINLINE\n"
                       "aws_secret_access_key = inlinesecret\n");
  clear_aws_env ();
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", shared, TRUE);
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);

  credentials = rd_aws_credentials_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "AKIDDEFAULT");
  g_assert_cmpstr (credentials->secret_access_key, ==, "secret/default+key=");
  g_assert_null (credentials->session_token);
  g_assert_cmpstr (credentials->region, ==, "eu-west-1");
  g_assert_cmpstr (credentials->source, ==, "profile default");
  rd_aws_credentials_free (credentials);

  g_setenv ("AWS_PROFILE", "seller", TRUE);
  credentials = rd_aws_credentials_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "AKIDSELLER");
  g_assert_cmpstr (credentials->session_token, ==, "tok/en==");
  g_assert_cmpstr (credentials->region, ==, "us-east-1");
  rd_aws_credentials_free (credentials);

  g_setenv ("AWS_REGION", "ap-southeast-2", TRUE);
  credentials = rd_aws_credentials_load ("inline", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "AKIDINLINE");
  g_assert_cmpstr (credentials->region, ==, "ap-southeast-2");
  rd_aws_credentials_free (credentials);

  /* The environment wins over any profile unless one is named explicitly. */
  g_setenv ("AWS_ACCESS_KEY_ID", "AKIDENV", TRUE);
  g_setenv ("AWS_SECRET_ACCESS_KEY", "envsecret", TRUE);
  g_setenv ("AWS_SESSION_TOKEN", "envtoken", TRUE);
  credentials = rd_aws_credentials_load (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "AKIDENV");
  g_assert_cmpstr (credentials->session_token, ==, "envtoken");
  g_assert_cmpstr (credentials->source, ==, "environment");
  rd_aws_credentials_free (credentials);
  credentials = rd_aws_credentials_load ("seller", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->access_key_id, ==, "AKIDSELLER");
  rd_aws_credentials_free (credentials);

  g_unsetenv ("AWS_SECRET_ACCESS_KEY");
  credentials = rd_aws_credentials_load (NULL, &error);
  g_assert_null (credentials);
  g_assert_error (error, RD_AWS_CREDENTIALS_ERROR, RD_AWS_CREDENTIALS_ERROR_INCOMPLETE);
  g_clear_error (&error);

  credentials = rd_aws_credentials_load ("half", &error);
  g_assert_null (credentials);
  g_assert_error (error, RD_AWS_CREDENTIALS_ERROR, RD_AWS_CREDENTIALS_ERROR_INCOMPLETE);
  g_clear_error (&error);

  credentials = rd_aws_credentials_load ("nobody", &error);
  g_assert_null (credentials);
  g_assert_error (error, RD_AWS_CREDENTIALS_ERROR, RD_AWS_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  missing = g_build_filename (dir, "absent", NULL);
  clear_aws_env ();
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", missing, TRUE);
  g_setenv ("AWS_CONFIG_FILE", missing, TRUE);
  credentials = rd_aws_credentials_load (NULL, &error);
  g_assert_null (credentials);
  g_assert_error (error, RD_AWS_CREDENTIALS_ERROR, RD_AWS_CREDENTIALS_ERROR_NOT_FOUND);
  clear_aws_env ();

  g_unlink (shared);
  g_unlink (config);
  g_rmdir (dir);
}

static RdImportResult *
import_into (TestServer  *ts,
             RdStore     *store,
             GError     **error)
{
  g_autoptr (RdAwsClient) client = make_client (ts, FALSE);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (RdImporter) importer = rd_importer_new (store, error);
  RdImportResult *outcome = rd_import_result_new ();
  RdImportSink sink = { importer, outcome };

  g_assert_nonnull (importer);
  rd_aws_client_read_agreements_async (client, NULL, rd_import_sink_add_page, &sink, NULL,
                                         rd_test_keep_result_cb, &result);
  records = rd_aws_client_read_agreements_finish (client, wait_for (&result), error);
  return outcome;
}

static void
test_import_into_store (void)
{
  g_autoptr (TestServer) ts = test_server_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-aws-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "renewals.db", NULL);
  g_autoptr (RdStore) store = rd_store_open (path, &error);
  g_autoptr (RdImportResult) interrupted = NULL;
  g_autoptr (RdImportResult) first = NULL;
  g_autoptr (RdImportResult) again = NULL;
  g_autoptr (RdRecord) po = NULL;

  g_assert_no_error (error);

  /* A validation error half-way: the database stays as it was. */
  script (ts, REPLY_OK, 6);
  script (ts, REPLY_VALIDATION, 1);
  interrupted = import_into (ts, store, &error);
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 0);

  /* Running it again completes it. */
  first = import_into (ts, store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < first->failures->len; i++)
    g_test_message ("failed: %s", (char *) g_ptr_array_index (first->failures, i));
  g_assert_cmpuint (first->added + first->failed, ==, 6);
  g_assert_cmpuint (first->added, >=, 2);
  g_assert_cmpuint (rd_store_count (store, "agreement"), ==, first->added);
  po = rd_store_find_by_field (store, "agreement", "agreement_id", "agmt-po1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_end_date (po), ==, "2025-12-31");

  /* And a third time changes nothing. */
  again = import_into (ts, store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->added, ==, 0);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->unchanged, ==, first->added);

  g_clear_object (&store);
  for (const char *suffix = ""; suffix; suffix = *suffix ? (suffix[1] == 'w' ? "-shm" : NULL)
                                                         : "-wal")
    {
      g_autofree char *file = g_strconcat (path, suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/credentials", test_credentials);
  g_test_add_func ("/aws/timestamps", test_timestamps);
  g_test_add_func ("/aws/endpoint", test_endpoint);
  g_test_add_func ("/aws/client/search-pages", test_search_pages);
  g_test_add_func ("/aws/client/repeated-page-token", test_repeated_page_token);
  g_test_add_func ("/aws/client/throttling", test_throttling);
  g_test_add_func ("/aws/client/server-errors", test_server_errors);
  g_test_add_func ("/aws/client/malformed-json", test_malformed_json);
  g_test_add_func ("/aws/client/dropped-connection", test_dropped_connection);
  g_test_add_func ("/aws/client/validation-not-retried", test_validation_not_retried);
  g_test_add_func ("/aws/client/bad-signature-not-retried", test_bad_signature_not_retried);
  g_test_add_func ("/aws/client/cancel-during-backoff", test_cancel_during_backoff);
  g_test_add_func ("/aws/client/import", test_import);
  g_test_add_func ("/aws/client/import-into-store", test_import_into_store);

  return g_test_run ();
}
