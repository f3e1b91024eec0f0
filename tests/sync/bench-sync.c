/* bench-sync.c
 *
 * Push and pull of 10,000 records against a local PouchDB Server, compared with a plain HTTP
 * client making the same requests (no store, no merge: the floor for any client) and with
 * PouchDB's own replicator. Run with `meson test --benchmark`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-bench"

#include "config.h"

#include <libsoup/soup.h>

#include "rd-store-sync.h"
#include "rd-sync.h"
#include "rd-test-server.h"

#define N_RECORDS 10000

static double
timed_sync (RdSyncEngine *engine)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_true (rd_test_sync (engine, &error));
  g_assert_no_error (error);
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static JsonNode *
plain_request (SoupSession *session,
               const char  *method,
               const char  *url,
               const char  *body)
{
  g_autoptr (SoupMessage) message = soup_message_new (method, url);
  g_autofree char *pair = g_strdup_printf ("%s:%s", RD_TEST_USER, RD_TEST_USER_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *auth = g_strdup_printf ("Basic %s", encoded);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                auth);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), <, 300);
  json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                              (gssize) g_bytes_get_size (answer), &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* The same documents as the engine pushes, in batches of 500, and the same pull pages. */
static void
run_plain_client (RdTestServer *server,
                  double       *push_s,
                  double       *pull_s)
{
  g_autoptr (SoupSession) session = soup_session_new ();
  g_autofree char *bulk = g_strdup_printf ("%s/bench-plain/_bulk_docs",
                                           rd_test_server_get_url (server));
  g_autofree char *since = g_strdup ("0");
  guint pulled = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint batch = 0; batch < N_RECORDS / 500; batch++)
    {
      g_autoptr (JsonArray) docs = json_array_new ();
      g_autoptr (JsonObject) request = json_object_new ();
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (JsonNode) answer = NULL;
      g_autofree char *text = NULL;

      for (guint i = 0; i < 500; i++)
        {
          JsonObject *doc = json_object_new ();
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *customer = g_strdup_printf ("Customer %05u", batch * 500 + i);

          json_object_set_string_member (doc, "_id", id);
          json_object_set_string_member (doc, "type", "offer");
          json_object_set_string_member (doc, "customer", customer);
          json_object_set_string_member (doc, "stage", "identified");
          json_object_set_string_member (doc, "product_title", "Observability Suite");
          json_object_set_string_member (doc, "agreement_end_date", "2026-06-30");
          json_array_add_object_element (docs, doc);
        }
      json_object_set_array_member (request, "docs", json_array_ref (docs));
      node = json_node_init_object (json_node_alloc (), request);
      text = json_to_string (node, FALSE);
      answer = plain_request (session, "POST", bulk, text);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (answer)), ==, 500);
    }
  *push_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  start = g_get_monotonic_time ();
  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("%s/bench/_changes?style=all_docs&include_docs="
                                              "true&conflicts=true&since=%s&limit=500",
                                              rd_test_server_get_url (server), since);
      g_autoptr (JsonNode) answer = plain_request (session, "GET", url, NULL);
      JsonObject *object = json_node_get_object (answer);
      guint n = json_array_get_length (json_object_get_array_member (object, "results"));

      g_free (since);
      since = json_to_string (json_object_get_member (object, "last_seq"), FALSE);
      pulled += n;
      if (n < 500)
        break;
    }
  *pull_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_cmpuint (pulled, ==, N_RECORDS);
}

static JsonObject *
run_pouchdb_replicator (RdTestServer *server)
{
  const char *script = g_getenv ("RD_BENCH_REPLICATE_JS");
  const char *node = g_getenv ("RD_NODE");
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  JsonObject *result;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, node ? node : "node",
                              script, rd_test_server_get_url (server), "bench", "bench-pouchdb",
                              RD_TEST_ADMIN, RD_TEST_ADMIN_PASSWORD, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  result = json_node_dup_object (json_from_string (out, &error));
  g_assert_no_error (error);
  return result;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (RdTestServer) server = NULL;
  g_autoptr (RdStore) writer = NULL;
  g_autoptr (RdStore) reader = NULL;
  g_autoptr (RdSyncEngine) push_engine = NULL;
  g_autoptr (RdSyncEngine) pull_engine = NULL;
  g_autoptr (JsonObject) pouch = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  double push_s, pull_s, pouch_push_s, pouch_pull_s, plain_push_s, plain_pull_s;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("rd-sync-bench-XXXXXX", &error);
  g_assert_no_error (error);
  server = rd_test_server_start ();
  rd_test_server_create_db (server, "bench");
  rd_test_server_create_db (server, "bench-pouchdb");
  rd_test_server_create_db (server, "bench-plain");

  writer = rd_test_store_new (dir, "writer.db");
  reader = rd_test_store_new (dir, "reader.db");
  rd_test_add_records (writer, "Customer", N_RECORDS);

  push_engine = rd_test_engine_new (writer, rd_test_server_get_url (server), "bench");
  pull_engine = rd_test_engine_new (reader, rd_test_server_get_url (server), "bench");
  g_object_set (push_engine, "batch-size", 500, NULL);
  g_object_set (pull_engine, "batch-size", 500, NULL);

  push_s = timed_sync (push_engine);
  g_assert_cmpuint (rd_sync_engine_get_pushed (push_engine), ==, N_RECORDS);
  pull_s = timed_sync (pull_engine);
  g_assert_cmpuint (rd_sync_engine_get_pulled (pull_engine), ==, N_RECORDS);
  g_assert_cmpuint (rd_store_count (reader, NULL), ==, N_RECORDS);

  run_plain_client (server, &plain_push_s, &plain_pull_s);
  pouch = run_pouchdb_replicator (server);
  g_assert_cmpint (json_object_get_int_member (pouch, "docs"), ==, N_RECORDS);
  pouch_pull_s = json_object_get_double_member (pouch, "pull");
  pouch_push_s = json_object_get_double_member (pouch, "push");

  g_print ("# sync of %d records with PouchDB Server %s\n", N_RECORDS,
           rd_test_server_get_url (server));
  g_print ("# renewal-desk push: %.2f s, pull: %.2f s\n", push_s, pull_s);
  g_print ("# plain HTTP client push: %.2f s, pull: %.2f s\n", plain_push_s, plain_pull_s);
  g_print ("# PouchDB replicator push: %.2f s, pull: %.2f s\n", pouch_push_s, pouch_pull_s);
  g_print ("# ratio renewal-desk / plain HTTP client: push %.2f, pull %.2f (at most 1.3 wanted)\n",
           push_s / plain_push_s, pull_s / plain_pull_s);
  g_print ("# ratio renewal-desk / PouchDB: push %.2f, pull %.2f\n",
           push_s / pouch_push_s, pull_s / pouch_pull_s);
  g_clear_object (&push_engine);
  g_clear_object (&pull_engine);
  g_clear_object (&writer);
  g_clear_object (&reader);
  rd_test_remove_tree (dir);
  return 0;
}
