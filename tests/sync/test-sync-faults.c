/* test-sync-faults.c
 *
 * Sync when things go wrong: the server killed in the middle of a push and of a pull and
 * restarted on its data, and answers that are garbage or cut short.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-test"

#include "config.h"

#include <libsoup/soup.h>

#include "rd-store-private.h"
#include "rd-store-sync.h"
#include "rd-sync.h"
#include "rd-test-server.h"

static char *workdir;

typedef struct
{
  RdTestServer *server;
  guint         after;
  guint         delay_ms; /* 0: at once, between two requests; else most likely during one */
  gboolean      killed;
} KillAt;

static gboolean
on_kill_timeout_cb (gpointer user_data)
{
  KillAt *kill = user_data;

  rd_test_server_kill (kill->server);
  return G_SOURCE_REMOVE;
}

static void
on_count_notify_cb (RdSyncEngine *engine,
                    GParamSpec   *pspec,
                    KillAt       *kill)
{
  guint count;

  g_object_get (engine, pspec->name, &count, NULL);
  if (!kill->killed && count >= kill->after)
    {
      if (kill->delay_ms > 0)
        g_timeout_add (kill->delay_ms, on_kill_timeout_cb, kill);
      else
        rd_test_server_kill (kill->server);
      kill->killed = TRUE;
    }
}

static void
assert_all_first_revisions (RdTestServer *server,
                            const char   *db,
                            guint         expected)
{
  g_autofree char *path = g_strdup_printf ("/%s/_all_docs", db);
  g_autoptr (JsonNode) root = NULL;
  JsonArray *rows;
  guint status = 0;

  root = rd_test_server_request (server, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (root), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonObject *value = json_object_get_object_member (row, "value");

      /* Each record written once: a retried write never made a second revision. */
      g_assert_true (g_str_has_prefix (json_object_get_string_member (value, "rev"), "1-"));
    }
}

static void
test_kill_during_push_and_pull (void)
{
  g_autoptr (RdTestServer) server = rd_test_server_start ();
  g_autoptr (RdStore) a = rd_test_store_new (workdir, "a.db");
  g_autoptr (RdStore) b = rd_test_store_new (workdir, "b.db");
  g_autoptr (RdSyncEngine) ea = rd_test_engine_new (a, rd_test_server_get_url (server), "team");
  g_autoptr (RdSyncEngine) eb = rd_test_engine_new (b, rd_test_server_get_url (server), "team");
  g_autoptr (GError) error = NULL;
  KillAt kill = { server, 200, 0, FALSE };
  gulong handler;
  guint dirty_after_kill;
  guint pulled_after_kill;

  rd_test_server_create_db (server, "team");
  rd_test_add_records (a, "Customer", 1000);
  g_object_set (ea, "batch-size", 50, NULL);
  g_object_set (eb, "batch-size", 50, NULL);

  handler = g_signal_connect (ea, "notify::pushed", G_CALLBACK (on_count_notify_cb), &kill);
  g_assert_false (rd_test_sync (ea, &error));
  g_signal_handler_disconnect (ea, handler);
  g_assert_true (kill.killed);
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (rd_sync_engine_get_state (ea), ==, RD_SYNC_STATE_OFFLINE);
  g_assert_nonnull (rd_sync_engine_get_last_error (ea));
  g_clear_error (&error);
  dirty_after_kill = rd_store_sync_count_dirty (a);
  g_assert_cmpuint (dirty_after_kill, >, 0);
  g_assert_cmpuint (dirty_after_kill, <=, 800);
  g_assert_cmpuint (rd_store_count (a, NULL), ==, 1000);

  rd_test_server_restart (server);
  g_assert_true (rd_test_sync (ea, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_sync_engine_get_pushed (ea), <=, dirty_after_kill);
  g_assert_cmpuint (rd_store_sync_count_dirty (a), ==, 0);
  g_assert_cmpint (rd_test_server_doc_count (server, "team"), ==, 1000);
  assert_all_first_revisions (server, "team", 1000);

  /* Now a pull, killed after its fourth batch. */
  kill.killed = FALSE;
  kill.after = 200;
  handler = g_signal_connect (eb, "notify::pulled", G_CALLBACK (on_count_notify_cb), &kill);
  g_assert_false (rd_test_sync (eb, &error));
  g_signal_handler_disconnect (eb, handler);
  g_assert_true (kill.killed);
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE);
  g_clear_error (&error);
  pulled_after_kill = rd_store_count (b, NULL);
  g_assert_cmpuint (pulled_after_kill, >=, 200);
  g_assert_cmpuint (pulled_after_kill, <, 1000);

  rd_test_server_restart (server);
  g_assert_true (rd_test_sync (eb, &error));
  g_assert_no_error (error);
  /* It resumed from its checkpoint rather than starting over. */
  g_assert_cmpuint (rd_sync_engine_get_pulled (eb), ==, 1000 - pulled_after_kill);
  g_assert_cmpuint (rd_store_count (b, NULL), ==, 1000);
  g_assert_cmpuint (rd_store_sync_count_dirty (b), ==, 0);
  g_assert_cmpuint (rd_sync_engine_get_pushed (eb), ==, 0);
  g_assert_cmpint (rd_test_server_doc_count (server, "team"), ==, 1000);
  assert_all_first_revisions (server, "team", 1000);

  /* Killed a few milliseconds into a _bulk_docs: whether that write landed or not, the next
   * sync neither loses nor duplicates anything. */
  rd_test_add_records (a, "Customer", 1000);
  kill.killed = FALSE;
  kill.after = 100;
  kill.delay_ms = 15;
  handler = g_signal_connect (ea, "notify::pushed", G_CALLBACK (on_count_notify_cb), &kill);
  g_assert_false (rd_test_sync (ea, &error));
  g_signal_handler_disconnect (ea, handler);
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE);
  g_clear_error (&error);
  rd_test_server_restart (server);
  g_assert_true (rd_test_sync (ea, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_sync_count_dirty (a), ==, 0);
  g_assert_cmpuint (rd_store_sync_count_conflicts (a), ==, 0);
  g_assert_cmpint (rd_test_server_doc_count (server, "team"), ==, 2000);
  assert_all_first_revisions (server, "team", 2000);
  g_assert_true (rd_test_sync (eb, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_count (b, NULL), ==, 2000);
}

typedef enum
{
  FAKE_CHANGES_GARBAGE,
  FAKE_CHANGES_TRUNCATED,
  FAKE_BULK_GARBAGE,
} FakeMode;

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* Just enough of CouchDB to reach _changes and _bulk_docs. */
static void
fake_couchdb_cb (SoupServer        *soup_server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  FakeMode mode = GPOINTER_TO_INT (user_data);
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/fake"))
    respond (msg, 200, "{\"db_name\":\"fake\",\"doc_count\":0,\"update_seq\":0}");
  else if (g_str_has_prefix (path, "/fake/_local/") && g_str_equal (method, "GET"))
    respond (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
  else if (g_str_has_prefix (path, "/fake/_local/"))
    respond (msg, 201, "{\"ok\":true,\"id\":\"_local/x\",\"rev\":\"0-1\"}");
  else if (g_str_equal (path, "/fake/_changes") && mode == FAKE_CHANGES_GARBAGE)
    respond (msg, 200, "{\"results\":[{\"id\":\"x\",\"doc\":{\"type\":\"off");
  else if (g_str_equal (path, "/fake/_changes") && mode == FAKE_CHANGES_TRUNCATED)
    {
      static const char answer[] =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n"
        "Connection: close\r\n\r\n{\"results\":[{\"id\":\"x\",\"seq\":1,\"doc\":{\"_id\":\"x\"";
      g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

      g_output_stream_write_all (g_io_stream_get_output_stream (stream), answer,
                                 strlen (answer), NULL, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
    }
  else if (g_str_equal (path, "/fake/_changes"))
    respond (msg, 200, "{\"results\":[],\"last_seq\":0}");
  else if (g_str_equal (path, "/fake/_bulk_docs"))
    respond (msg, 200, "<html><body>Bad gateway</body></html>");
  else
    respond (msg, 404, "{\"error\":\"not_found\",\"reason\":\"missing\"}");
}

static void
run_against_fake (FakeMode  mode,
                  GQuark    domain,
                  int       code)
{
  g_autoptr (SoupServer) soup_server = soup_server_new (NULL, NULL);
  g_autofree char *name = g_strdup_printf ("fake%d.db", mode);
  g_autoptr (RdStore) store = rd_test_store_new (workdir, name);
  g_autoptr (RdSyncEngine) engine = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *last_seq = NULL;
  GSList *uris;

  soup_server_add_handler (soup_server, NULL, fake_couchdb_cb, GINT_TO_POINTER (mode), NULL);
  soup_server_listen_local (soup_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (soup_server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  rd_test_add_records (store, "Customer", 5);
  engine = rd_test_engine_new (store, url, "fake");
  g_assert_false (rd_test_sync (engine, &error));
  g_test_message ("%s", error->message);
  if (domain != 0)
    g_assert_error (error, domain, code);
  g_assert_nonnull (error);
  g_assert_cmpint (rd_sync_engine_get_state (engine), !=, RD_SYNC_STATE_IDLE);
  g_assert_cmpint (rd_sync_engine_get_state (engine), !=, RD_SYNC_STATE_SYNCING);
  /* Nothing lost, nothing marked as sent. */
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 5);
  g_assert_cmpuint (rd_store_sync_count_dirty (store), ==, 5);
  last_seq = rd_store_sync_get (store, RD_STORE_SYNC_LAST_SEQ);
  if (mode != FAKE_BULK_GARBAGE)
    g_assert_null (last_seq);
  soup_server_disconnect (soup_server);
}

static void
test_garbage_changes (void)
{
  run_against_fake (FAKE_CHANGES_GARBAGE, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL);
}

static void
test_truncated_changes (void)
{
  run_against_fake (FAKE_CHANGES_TRUNCATED, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE);
}

static void
test_garbage_bulk_docs (void)
{
  run_against_fake (FAKE_BULK_GARBAGE, RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("rd-sync-faults-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_add_func ("/sync/faults/kill-during-push-and-pull", test_kill_during_push_and_pull);
  g_test_add_func ("/sync/faults/garbage-changes", test_garbage_changes);
  g_test_add_func ("/sync/faults/truncated-changes", test_truncated_changes);
  g_test_add_func ("/sync/faults/garbage-bulk-docs", test_garbage_bulk_docs);
  status = g_test_run ();
  rd_test_remove_dir (workdir);
  return status;
}
