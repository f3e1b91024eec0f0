/* test-sync-robust.c
 *
 * Sync against the real PouchDB Server behind what real networks put in between (compressing
 * and re-framing proxies, cut answers, redirects, lost answers to committed writes, answers
 * out of order), with documents this device cannot store, conflicts settled from the command
 * line, passwords in addresses and unreachable servers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-test"

#include "config.h"

#include <glib/gstdio.h>

#include "rd-store-private.h"
#include "rd-store-sync.h"
#include "rd-sync.h"
#include "rd-test-proxy.h"
#include "rd-test-server.h"

static RdTestServer *server;
static char *workdir;

typedef RdTestPair Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  rd_test_pair_setup (f, server, workdir, "robust");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_pair_teardown (f);
}

/* The command line works on the same files: the test lets go of its own handles first. */
static void
close_client (Fixture *f,
              guint    i)
{
  g_clear_object (&f->engine[i]);
  g_clear_object (&f->store[i]);
}

static void
reopen_client (Fixture *f,
               guint    i)
{
  g_autofree char *name = g_path_get_basename (f->path[i]);

  f->store[i] = rd_test_store_new (f->dir, name);
  f->engine[i] = rd_test_engine_new (f->store[i], rd_test_server_get_url (server), f->db);
}

static JsonObject *
server_doc (Fixture    *f,
            const char *id)
{
  return rd_test_server_get_doc (server, f->db, id);
}

static char *
server_field (Fixture    *f,
              const char *id,
              const char *field)
{
  g_autoptr (JsonObject) doc = server_doc (f, id);

  if (doc == NULL)
    return g_strdup ("(deleted)");
  return g_strdup (json_object_get_string_member_with_default (doc, field, "(none)"));
}

static void
pull_through (Fixture         *f,
              RdTestProxyMode  mode)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autoptr (GError) error = NULL;

  rd_test_add_records (f->store[0], "Customer", 300);
  rd_test_proxy_set_mode (proxy, mode);
  through = rd_test_engine_new (f->store[0], rd_test_proxy_get_url (proxy), f->db);
  g_object_set (through, "batch-size", 120, NULL);
  /* Push and pull, both through the proxy, several batches each. */
  g_assert_true (rd_test_sync (through, &error));
  g_assert_no_error (error);
  g_clear_object (&through);
  through = rd_test_engine_new (f->store[1], rd_test_proxy_get_url (proxy), f->db);
  g_object_set (through, "batch-size", 120, NULL);
  g_assert_true (rd_test_sync (through, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_sync_engine_get_pulled (through), ==, 300);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 300);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 300);
  g_assert_cmpuint (rd_test_proxy_get_altered (proxy), >, 4);
}

static void
test_gzip_proxy (Fixture       *f,
                 gconstpointer  data)
{
  pull_through (f, RD_TEST_PROXY_GZIP);
}

static void
test_chunked_proxy (Fixture       *f,
                    gconstpointer  data)
{
  pull_through (f, RD_TEST_PROXY_CHUNKED);
}

static void
test_gzip_chunked_proxy (Fixture       *f,
                         gconstpointer  data)
{
  pull_through (f, RD_TEST_PROXY_GZIP | RD_TEST_PROXY_CHUNKED);
}

static void
test_truncated_gzip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *last_seq = NULL;

  rd_test_add_records (f->store[0], "Customer", 100);
  rd_test_sync_ok (f->engine[0]);
  rd_test_proxy_set_mode (proxy, RD_TEST_PROXY_GZIP | RD_TEST_PROXY_TRUNCATE);
  through = rd_test_engine_new (f->store[1], rd_test_proxy_get_url (proxy), f->db);
  g_assert_false (rd_test_sync (through, &error));
  g_test_message ("%s", error->message);
  /* Cut short is a broken connection, not a server speaking nonsense; nothing was applied. */
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 0);
  last_seq = rd_store_sync_get (f->store[1], RD_STORE_SYNC_LAST_SEQ);
  g_assert_null (last_seq);
}

/* Record id in conflict on client 1: stage "outreach" on the server, "drafted" here. */
static char *
make_field_conflict (Fixture *f)
{
  char *id = rd_test_add_record (f->store[0], "Acme", "identified");

  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  rd_test_set_field (f->store[0], id, "stage", "outreach");
  rd_test_sync_ok (f->engine[0]);
  rd_test_set_field (f->store[1], id, "stage", "drafted");
  rd_test_set_field (f->store[1], id, "customer", "Acme Corp");
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[1]), ==, 1);
  return id;
}

static int
cli_sync (Fixture  *f,
          guint     client,
          char    **out)
{
  return rd_test_run_cli (f->path[client], RD_TEST_USER_PASSWORD, out, "sync",
                          "--server", rd_test_server_get_url (server), "--database", f->db,
                          "--user", RD_TEST_USER, NULL);
}

static void
test_cli_conflicts_and_resolve (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *id = make_field_conflict (f);
  g_autofree char *out = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *customer = NULL;
  JsonObject *conflict;
  JsonObject *field;

  close_client (f, 1);
  g_assert_cmpint (cli_sync (f, 1, &out), ==, 3);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "conflicts", "--json", NULL), ==, 0);
  listed = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (listed)), ==, 1);
  conflict = json_array_get_object_element (json_node_get_array (listed), 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (conflict, "kind"), ==, "fields");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (conflict, "fields")),
                    ==, 1);
  field = json_array_get_object_element (json_object_get_array_member (conflict, "fields"), 0);
  g_assert_cmpstr (json_object_get_string_member (field, "name"), ==, "stage");
  g_assert_cmpstr (json_object_get_string_member (field, "local"), ==, "drafted");
  g_assert_cmpstr (json_object_get_string_member (field, "server"), ==, "outreach");

  /* A wrong choice changes nothing. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "resolve", id, "--field",
                                    "stage=mine", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "resolve", id, "--field",
                                    "customer=server", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "resolve", id, "--field",
                                    "stage=server", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "conflicts", NULL), ==, 0);
  g_assert_null (strstr (out, id));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_sync (f, 1, &out), ==, 0);
  stage = server_field (f, id, "stage");
  customer = server_field (f, id, "customer");
  g_assert_cmpstr (stage, ==, "outreach");
  g_assert_cmpstr (customer, ==, "Acme Corp");
}

static void
test_cli_take (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *id = make_field_conflict (f);
  g_autofree char *out = NULL;
  g_autofree char *stage = NULL;

  close_client (f, 1);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "resolve", id, "--take", "local",
                                    NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_sync (f, 1, &out), ==, 0);
  stage = server_field (f, id, "stage");
  g_assert_cmpstr (stage, ==, "drafted");
}

static void
test_cli_update_settles (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = make_field_conflict (f);
  g_autofree char *out = NULL;
  g_autofree char *patch = g_build_filename (f->dir, "patch.json", NULL);
  g_autofree char *stage = NULL;
  g_autoptr (GError) error = NULL;

  close_client (f, 1);
  g_file_set_contents (patch, "{\"stage\":\"needs_analysis\"}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "update", id, "--json", patch,
                                    NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_sync (f, 1, &out), ==, 0);
  stage = server_field (f, id, "stage");
  g_assert_cmpstr (stage, ==, "needs_analysis");
  reopen_client (f, 1);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[1]), ==, 0);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 0);
}

static void
test_cli_delete_settles (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = make_field_conflict (f);
  g_autofree char *other = rd_test_add_record (f->store[1], "Globex", "identified");
  g_autofree char *out = NULL;
  g_autoptr (JsonObject) doc = NULL;

  rd_test_sync_ok (f->engine[1]);
  /* Edit against delete: deleted on the server, edited here. */
  rd_test_set_field (f->store[1], other, "stage", "outreach");
  rd_test_sync_ok (f->engine[0]);
  {
    g_autoptr (GError) error = NULL;

    rd_store_delete (f->store[0], other, &error);
    g_assert_no_error (error);
  }
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[1]), ==, 2);

  close_client (f, 1);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "delete", id, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "delete", other, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli_sync (f, 1, &out), ==, 0);
  doc = server_doc (f, id);
  g_assert_null (doc);
  reopen_client (f, 1);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[1]), ==, 0);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 0);
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "customer"), ==, "Acme Corp");
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_test_count_records (f->store[0]), ==, 0);
}

static void
test_delete_in_field_conflict (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = make_field_conflict (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) doc = NULL;

  /* The window deletes through the store, as any view would. */
  rd_store_delete (f->store[1], id, &error);
  g_assert_no_error (error);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[1]), ==, 0);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 0);
  doc = server_doc (f, id);
  g_assert_null (doc);
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_test_count_records (f->store[0]), ==, 0);
}

static void
test_commit_point (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autofree char *id = rd_test_add_record (f->store[0], "Initech", "identified");
  g_autofree char *fresh = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *fresh_customer = NULL;
  g_autoptr (GError) error = NULL;

  rd_test_sync_ok (f->engine[0]);
  rd_test_set_field (f->store[0], id, "stage", "outreach");
  fresh = rd_test_add_record (f->store[0], "Hooli", "identified");
  rd_test_proxy_set_mode (proxy, RD_TEST_PROXY_DROP_BULK_ANSWER);
  through = rd_test_engine_new (f->store[0], rd_test_proxy_get_url (proxy), f->db);
  g_object_set (through, "max-retries", 0, NULL);
  g_assert_false (rd_test_sync (through, &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE);
  g_assert_cmpuint (rd_test_proxy_get_altered (proxy), ==, 1);
  /* The server has both writes; this device does not know. */
  stage = server_field (f, id, "stage");
  g_assert_cmpstr (stage, ==, "outreach");
  g_clear_pointer (&stage, g_free);

  /* Edited again before the next sync: no conflict with its own earlier write. */
  rd_test_set_field (f->store[0], id, "stage", "drafted");
  rd_test_set_field (f->store[0], fresh, "customer", "Hooli XYZ");
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[0]), ==, 0);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 0);
  stage = server_field (f, id, "stage");
  fresh_customer = server_field (f, fresh, "customer");
  g_assert_cmpstr (stage, ==, "drafted");
  g_assert_cmpstr (fresh_customer, ==, "Hooli XYZ");
}

/* A push keeps two batches at the server: answers that come back out of order are each
 * applied to their own batch, nothing is written twice, and every record keeps the server's
 * revision. */
static void
test_pipelined_push (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autoptr (GError) error = NULL;

  rd_test_add_records (f->store[0], "Customer", 95);
  rd_test_proxy_set_mode (proxy, RD_TEST_PROXY_SWAP_FIRST_BULK);
  through = rd_test_engine_new (f->store[0], rd_test_proxy_get_url (proxy), f->db);
  g_object_set (through, "batch-size", 20, NULL);
  g_assert_true (rd_test_sync (through, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_test_proxy_get_altered (proxy), ==, 1);
  g_assert_cmpuint (rd_test_proxy_get_most_bulk_in_flight (proxy), ==, 2);
  g_assert_cmpuint (rd_sync_engine_get_pushed (through), ==, 95);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 0);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 95);

  /* Straight to the server, a new target: everything is compared again. A revision taken
   * from another batch's answer would be a change to pull or a record to push. */
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_sync_engine_get_pulled (f->engine[0]), ==, 0);
  g_assert_cmpuint (rd_sync_engine_get_pushed (f->engine[0]), ==, 0);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[0]), ==, 0);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_sync_engine_get_pulled (f->engine[1]), ==, 95);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 95);
}

/* A pull asks for the next page as soon as a full page's text is in, before reading it: no
 * page is asked for twice, none after a page that is not full, and the seq stored is the
 * last page's. */
static void
pull_pages (Fixture *f,
            guint    n_records,
            guint    expected_requests)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *last_seq = NULL;
  g_autofree char *expected_seq = g_strdup_printf ("%u", n_records);

  rd_test_add_records (f->store[0], "Customer", n_records);
  rd_test_sync_ok (f->engine[0]);
  through = rd_test_engine_new (f->store[1], rd_test_proxy_get_url (proxy), f->db);
  g_object_set (through, "batch-size", 20, NULL);
  g_assert_true (rd_test_sync (through, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_sync_engine_get_pulled (through), ==, n_records);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, n_records);
  g_assert_cmpuint (rd_test_proxy_get_changes_requests (proxy), ==, expected_requests);
  last_seq = rd_store_sync_get (f->store[1], RD_STORE_SYNC_LAST_SEQ);
  g_assert_cmpstr (last_seq, ==, expected_seq);
}

static void
test_pipelined_pull (Fixture       *f,
                     gconstpointer  data)
{
  /* Four full pages and one of 15. */
  pull_pages (f, 95, 5);
}

static void
test_pipelined_pull_whole_pages (Fixture       *f,
                                 gconstpointer  data)
{
  /* Five full pages, then an empty one that says there is no more. */
  pull_pages (f, 100, 6);
}

static void
put_raw (Fixture    *f,
         const char *id,
         const char *body)
{
  g_free (rd_test_server_put_doc (server, f->db, id, body));
}

static void
test_quarantine (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autoptr (GString) deep = g_string_new ("{\"type\":\"offer\",\"deep\":");
  g_autoptr (GPtrArray) set_aside = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *last_seq = NULL;
  g_autofree char *out = NULL;

  for (guint i = 0; i < 3000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 3000; i++)
    g_string_append_c (deep, ']');
  g_string_append_c (deep, '}');
  rd_test_add_records (f->store[0], "Customer", 30);
  rd_test_sync_ok (f->engine[0]);
  put_raw (f, "deep-doc", deep->str);
  /* A server this one is not could hold 1e999: the proxy puts it in the answers. */
  put_raw (f, "infinite-doc", "{\"type\":\"offer\",\"customer\":\"Big\",\"value\":\"INFINITE\"}");
  put_raw (f, "untyped-doc", "{\"customer\":\"Nobody\"}");
  put_raw (f, "after-doc", "{\"type\":\"offer\",\"customer\":\"After\"}");
  rd_test_proxy_set_rewrite (proxy, "\"INFINITE\"", "1e999");

  through = rd_test_engine_new (f->store[1], rd_test_proxy_get_url (proxy), f->db);
  g_object_set (through, "batch-size", 20, NULL);
  g_assert_true (rd_test_sync (through, &error));
  g_assert_no_error (error);
  /* The batch went on: every good document is here and last_seq moved. */
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 31);
  g_assert_cmpstr (rd_test_get_field (f->store[1], "after-doc", "customer"), ==, "After");
  last_seq = rd_store_sync_get (f->store[1], RD_STORE_SYNC_LAST_SEQ);
  g_assert_nonnull (last_seq);
  g_assert_cmpuint (rd_sync_engine_get_quarantined (through), ==, 3);
  set_aside = rd_store_sync_list_quarantined (f->store[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (set_aside->len, ==, 3);
  g_assert_cmpstr (((RdSyncQuarantined *) g_ptr_array_index (set_aside, 0))->id, ==, "deep-doc");
  g_assert_nonnull (strstr (((RdSyncQuarantined *) g_ptr_array_index (set_aside, 0))->reason,
                            "64 levels"));
  g_assert_cmpstr (((RdSyncQuarantined *) g_ptr_array_index (set_aside, 1))->id, ==,
                   "infinite-doc");
  g_assert_nonnull (strstr (((RdSyncQuarantined *) g_ptr_array_index (set_aside, 1))->reason,
                            "not finite"));
  g_assert_cmpstr (((RdSyncQuarantined *) g_ptr_array_index (set_aside, 2))->id, ==,
                   "untyped-doc");

  /* check reports them. */
  g_clear_object (&through);
  close_client (f, 1);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "check", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "deep-doc"));
  g_assert_nonnull (strstr (out, "infinite-doc"));
  reopen_client (f, 1);

  /* Corrected on the server: applied, and no longer set aside. */
  {
    g_autoptr (JsonObject) doc = server_doc (f, "deep-doc");
    g_autofree char *fixed = g_strdup_printf ("{\"_rev\":\"%s\",\"type\":\"offer\","
                                              "\"customer\":\"Shallow\"}",
                                              json_object_get_string_member (doc, "_rev"));

    put_raw (f, "deep-doc", fixed);
  }
  through = rd_test_engine_new (f->store[1], rd_test_proxy_get_url (proxy), f->db);
  g_assert_true (rd_test_sync (through, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_test_get_field (f->store[1], "deep-doc", "customer"), ==, "Shallow");
  g_assert_cmpuint (rd_store_sync_count_quarantined (f->store[1]), ==, 2);
}

/* What "at once" means for a failure that must not wait for a connection or a retry: far
 * below the 20 s request timeout of rd_test_engine_new() and the 31 s of the default
 * retries (1 + 2 + 4 + 8 + 16), far above a start of the command line on a loaded machine. */
#define FAILS_AT_ONCE_US (8 * G_USEC_PER_SEC)

static void
on_sync_debug_cb (const char     *log_domain,
                  GLogLevelFlags  log_level,
                  const char     *message,
                  gpointer        user_data)
{
  guint *retries = user_data;

  if (g_str_has_prefix (message, "Retrying "))
    (*retries)++;
}

/* How often the sync engine said it would retry a request, while it syncs once. */
static guint
count_retries (RdSyncEngine  *engine,
               GError       **error)
{
  guint retries = 0;
  guint handler = g_log_set_handler ("rd-sync", G_LOG_LEVEL_DEBUG, on_sync_debug_cb, &retries);

  g_assert_false (rd_test_sync (engine, error));
  g_log_remove_handler ("rd-sync", handler);
  return retries;
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  rd_test_proxy_set_mode (proxy, RD_TEST_PROXY_REDIRECT);
  rd_test_proxy_set_redirect (proxy, "http://10.255.255.1:5984");
  through = rd_test_engine_new (f->store[1], rd_test_proxy_get_url (proxy), f->db);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (count_retries (through, &error), ==, 0);
  g_test_message ("%s", error->message);
  /* Refused before any connection there (which would not be answered at all). */
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, "10.255.255.1"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, FAILS_AT_ONCE_US);
  g_clear_error (&error);

  /* To this computer, another port: followed, but the password stays with its server. */
  rd_test_proxy_set_redirect (proxy, rd_test_server_get_url (server));
  g_assert_false (rd_test_sync (through, &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED);
}

static void
test_password_in_url (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GUri) base = g_uri_parse (rd_test_server_get_url (server), G_URI_FLAGS_NONE, NULL);
  g_autofree char *url = g_strdup_printf ("http://%s:S3cretPW@127.0.0.1:%d", RD_TEST_USER,
                                          g_uri_get_port (base));
  g_autofree char *out = NULL;
  g_autofree char *target = NULL;
  g_autoptr (GError) error = NULL;

  close_client (f, 1);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "sync", "--server", url,
                                    "--database", f->db, NULL), ==, 2);
  g_assert_nonnull (strstr (out, "--user"));
  g_assert_nonnull (strstr (out, "keyring"));
  g_assert_null (strstr (out, "S3cretPW"));
  reopen_client (f, 1);
  target = rd_store_sync_get (f->store[1], RD_STORE_SYNC_TARGET);
  g_assert_null (target);

  rd_sync_engine_set_server (f->engine[1], url, f->db);
  g_assert_false (rd_test_sync (f->engine[1], &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL);
  g_assert_null (strstr (error->message, "S3cretPW"));
  g_assert_null (strstr (rd_sync_engine_get_last_error (f->engine[1]), "S3cretPW"));
  g_clear_pointer (&target, g_free);
  target = rd_store_sync_get (f->store[1], RD_STORE_SYNC_TARGET);
  g_assert_null (target);
}

static void
test_offline_fast (Fixture       *f,
                   gconstpointer  data)
{
  guint16 port = rd_test_free_loopback_port ();
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autoptr (RdSyncEngine) engine = rd_sync_engine_new (f->store[1]);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 start;

  /* The defaults, as the window and the command line use them. Nobody listens: not worth a
   * retry. */
  rd_sync_engine_set_server (engine, url, f->db);
  start = g_get_monotonic_time ();
  g_assert_cmpuint (count_retries (engine, &error), ==, 0);
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (rd_sync_engine_get_state (engine), ==, RD_SYNC_STATE_OFFLINE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, FAILS_AT_ONCE_US);

  close_client (f, 1);
  /* The command line's own debug output says whether it retried. */
  g_setenv ("G_MESSAGES_DEBUG", "rd-sync", TRUE);
  start = g_get_monotonic_time ();
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "sync", "--server", url,
                                    "--database", f->db, NULL), ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, FAILS_AT_ONCE_US);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_assert_nonnull (strstr (out, "Cannot reach"));
  g_assert_null (strstr (out, "Retrying"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/robust/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("gzip-proxy", test_gzip_proxy);
  ADD ("chunked-proxy", test_chunked_proxy);
  ADD ("gzip-chunked-proxy", test_gzip_chunked_proxy);
  ADD ("truncated-gzip", test_truncated_gzip);
  ADD ("cli-conflicts-and-resolve", test_cli_conflicts_and_resolve);
  ADD ("cli-take", test_cli_take);
  ADD ("cli-update-settles", test_cli_update_settles);
  ADD ("cli-delete-settles", test_cli_delete_settles);
  ADD ("delete-in-field-conflict", test_delete_in_field_conflict);
  ADD ("commit-point", test_commit_point);
  ADD ("pipelined-push", test_pipelined_push);
  ADD ("pipelined-pull", test_pipelined_pull);
  ADD ("pipelined-pull-whole-pages", test_pipelined_pull_whole_pages);
  ADD ("quarantine", test_quarantine);
  ADD ("redirects", test_redirects);
  ADD ("password-in-url", test_password_in_url);
  ADD ("offline-fast", test_offline_fast);
#undef ADD

  return rd_test_run_with_server ("sync-robust", &server, &workdir);
}
