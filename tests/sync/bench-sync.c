/* bench-sync.c
 *
 * Push and pull of 10,000 records against a local PouchDB Server, and PouchDB's own
 * replicator moving the same documents, for comparison. Run with `meson test --benchmark`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-bench"

#include "config.h"

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
  double push_s, pull_s, pouch_push_s, pouch_pull_s;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("rd-sync-bench-XXXXXX", &error);
  g_assert_no_error (error);
  server = rd_test_server_start ();
  rd_test_server_create_db (server, "bench");
  rd_test_server_create_db (server, "bench-pouchdb");

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

  pouch = run_pouchdb_replicator (server);
  g_assert_cmpint (json_object_get_int_member (pouch, "docs"), ==, N_RECORDS);
  pouch_pull_s = json_object_get_double_member (pouch, "pull");
  pouch_push_s = json_object_get_double_member (pouch, "push");

  g_print ("# sync of %d records with PouchDB Server %s\n", N_RECORDS,
           rd_test_server_get_url (server));
  g_print ("# renewal-desk push: %.2f s, pull: %.2f s\n", push_s, pull_s);
  g_print ("# PouchDB replicator push: %.2f s, pull: %.2f s\n", pouch_push_s, pouch_pull_s);
  g_print ("# ratio renewal-desk / PouchDB: push %.2f, pull %.2f\n",
           push_s / pouch_push_s, pull_s / pouch_pull_s);
  g_clear_object (&push_engine);
  g_clear_object (&pull_engine);
  g_clear_object (&writer);
  g_clear_object (&reader);
  rd_test_remove_tree (dir);
  return 0;
}
