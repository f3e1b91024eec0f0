/* bench-import.c
 *
 * Import speed: a 100,000-row CSV data feed, and 5,000 agreements from AWS Marketplace's
 * Agreement API as served by a local stand-in. Prints numbers; judges nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "rd-aws-client.h"
#include "rd-csv-importer.h"
#include "rd-importer.h"

#define PAGE 50

static guint n_agreements = 5000;

static void
respond (SoupServerMessage *msg,
         const char        *body)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/x-amz-json-1.0", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *target = soup_message_headers_get_one (headers, "X-Amz-Target");
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GString) out = g_string_new (NULL);
  JsonObject *input;

  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                              (gssize) g_bytes_get_size (body), NULL);
  input = json_node_get_object (json_parser_get_root (parser));

  if (g_str_has_suffix (target, ".SearchAgreements"))
    {
      guint start = json_object_has_member (input, "nextToken")
                      ? (guint) atoi (json_object_get_string_member (input, "nextToken")) : 0;
      guint end = MIN (start + PAGE, n_agreements);

      g_string_append (out, "{\"agreementViewSummaries\":[");
      for (guint i = start; i < end; i++)
        g_string_append_printf (out, "%s{\"agreementId\":\"agmt-bench%06u\"}",
                                i > start ? "," : "", i);
      g_string_append (out, "]");
      if (end < n_agreements)
        g_string_append_printf (out, ",\"nextToken\":\"%u\"", end);
      g_string_append (out, "}");
    }
  else if (g_str_has_suffix (target, ".DescribeAgreement"))
    {
      const char *id = json_object_get_string_member (input, "agreementId");

      g_string_append_printf (out,
                              "{\"agreementId\":\"%s\",\"agreementType\":\"PurchaseAgreement\","
                              "\"status\":\"ACTIVE\",\"acceptanceTime\":1735689600,"
                              "\"startTime\":1735689600,\"endTime\":1767225599.999,"
                              "\"acceptor\":{\"accountId\":\"111122223333\"},"
                              "\"proposer\":{\"accountId\":\"444455556666\"},"
                              "\"proposalSummary\":{\"offerId\":\"offer-bench1\","
                              "\"resources\":[{\"id\":\"prod-bench1\",\"type\":\"SaaSProduct\"}]},"
                              "\"estimatedCharges\":{\"currencyCode\":\"USD\","
                              "\"agreementValue\":\"12000\"}}", id);
    }
  else
    g_string_append (out, "{\"acceptedTerms\":[{\"validityTerm\":{\"type\":\"ValidityTerm\","
                          "\"agreementDuration\":\"P12M\","
                          "\"agreementStartDate\":1735689600,"
                          "\"agreementEndDate\":1767225599.999}}]}");
  respond (msg, out->str);
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static RdStore *
fresh_store (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  RdStore *store = rd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

int
main (int    argc,
      char **argv)
{
  guint rows = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-bench-import-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "feed.csv", NULL);
  g_autoptr (GString) csv = g_string_new ("agreement_id,offer_id,proposer_account_id,"
                                          "acceptor_account_id,start_time,end_time,status,"
                                          "estimated_agreement_value,currency_code\r\n");
  g_autoptr (RdStore) csv_store = NULL;
  g_autoptr (RdStore) aws_store = NULL;
  g_autoptr (RdImportResult) csv_result = rd_import_result_new ();
  g_autoptr (RdImportResult) aws_result = rd_import_result_new ();
  g_autoptr (GFile) file = NULL;
  double start, elapsed;

  if (argc > 2)
    n_agreements = (guint) atoi (argv[2]);

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "agmt-feed%07u,offer-feed%07u,444455556666,%012u,"
                                 "2026-%02u-01T00:00:00Z,2027-%02u-28T23:59:59.999Z,ACTIVE,"
                                 "%u.50,USD\r\n",
                            i, i, 100000000u + i, 1 + i % 12, 1 + i % 12, 1000 + i % 90000);
  g_assert_true (g_file_set_contents (csv_path, csv->str, (gssize) csv->len, NULL));
  file = g_file_new_for_path (csv_path);

  csv_store = fresh_store (dir, "csv.db");
  start = now_s ();
  if (!rd_import_csv_file (csv_store, file, csv_result, NULL, &error))
    g_error ("CSV import failed: %s", error->message);
  elapsed = now_s () - start;
  g_print ("CSV import:  %u rows in %.2f s = %.0f rows/s (%u new)\n", rows, elapsed,
           rows / elapsed, csv_result->added);

  {
    g_autoptr (SoupServer) server = soup_server_new (NULL, NULL);
    g_autoptr (RdAwsCredentials) credentials = rd_aws_credentials_new ("AKIDEXAMPLE",
                                                                       "bench-secret", NULL);
    g_autoptr (RdAwsClient) client = NULL;
    g_autoptr (RdImporter) importer = NULL;
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GPtrArray) records = NULL;
    g_autofree char *endpoint = NULL;
    GSList *uris;
    RdImportSink sink;

    soup_server_add_handler (server, NULL, on_request_cb, NULL, NULL);
    soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
    g_assert_no_error (error);
    uris = soup_server_get_uris (server);
    endpoint = g_uri_to_string (uris->data);
    g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

    aws_store = fresh_store (dir, "aws.db");
    importer = rd_importer_new (aws_store, &error);
    client = rd_aws_client_new (credentials, NULL, endpoint);
    sink.importer = importer;
    sink.result = aws_result;
    start = now_s ();
    rd_aws_client_read_agreements_async (client, NULL, rd_import_sink_add_page, &sink, NULL,
                                           on_done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    records = rd_aws_client_read_agreements_finish (client, result, &error);
    if (records == NULL)
      g_error ("AWS import failed: %s", error->message);
    elapsed = now_s () - start;
    g_print ("AWS import:  %u agreements in %.2f s = %.0f agreements/s (%u new, %u failed; "
             "%u requests of search, describe and terms each signed)\n",
             n_agreements, elapsed, n_agreements / elapsed, aws_result->added,
             aws_result->failed, n_agreements * 2 + (n_agreements + PAGE - 1) / PAGE);
  }

  g_clear_object (&csv_store);
  g_clear_object (&aws_store);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (dir);
  }
  return 0;
}
