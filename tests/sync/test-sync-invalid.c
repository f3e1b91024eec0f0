/* test-sync-invalid.c
 *
 * Sync against the real PouchDB Server with documents the record check refuses (issue 14,
 * items 6 and 8): pulled ones with an id CouchDB should not hold here, a "_" member that is
 * not CouchDB's own, a changed type, a field of the wrong type or a date an iCalendar file
 * cannot carry are set aside and reported, never stored, and the batch goes on; a push never
 * sends such a record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-test"

#include "config.h"

#include <string.h>

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
  rd_test_pair_setup (f, server, workdir, "invalid");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_pair_teardown (f);
}

/* As the admin, straight into the server's database; returns the new revision. */
static char *
put_raw (Fixture    *f,
         const char *id,
         const char *body)
{
  return rd_test_server_put_doc (server, f->db, id, body);
}

static const char *
quarantine_reason (RdStore    *store,
                   const char *id)
{
  g_autoptr (GPtrArray) docs = NULL;
  g_autoptr (GError) error = NULL;

  docs = rd_store_sync_list_quarantined (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      RdSyncQuarantined *doc = g_ptr_array_index (docs, i);

      if (g_str_equal (doc->id, id))
        return g_intern_string (doc->reason);
    }
  return NULL;
}

static gboolean
stored (RdStore    *store,
        const char *id)
{
  g_autoptr (RdRecord) record = rd_store_get_including_deleted (store, id, NULL);

  return record != NULL;
}

static void
assert_set_aside (RdStore    *store,
                  const char *id,
                  const char *reason_part)
{
  const char *reason = quarantine_reason (store, id);

  if (reason == NULL || strstr (reason, reason_part) == NULL)
    g_error ("%s: expected a quarantine reason with “%s”, got “%s”", id, reason_part,
             reason ? reason : "(not set aside)");
  g_assert_false (stored (store, id));
}

static void
test_pull_sets_aside (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (RdTestProxy) proxy = rd_test_proxy_new (rd_test_server_get_url (server));
  g_autoptr (RdSyncEngine) through = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *long_id = g_strnfill (250, 'x');
  g_autofree char *last_seq = NULL;
  g_autofree char *out = NULL;
  g_autofree char *rev = NULL;

  g_free (put_raw (f, "good-before", "{\"type\":\"offer\",\"customer\":\"Before\"}"));
  g_free (put_raw (f, long_id, "{\"type\":\"offer\",\"customer\":\"Long id\"}"));
  g_free (put_raw (f, "bell\aid", "{\"type\":\"offer\",\"customer\":\"Bell\"}"));
  /* PouchDB Server refuses "_" members as CouchDB does; a server that did not would send
   * one: the proxy puts it in the answers. */
  g_free (put_raw (f, "underscore-doc",
                   "{\"type\":\"offer\",\"customer\":\"Underscore\",\"zzfoo\":1}"));
  g_free (put_raw (f, "stage-number", "{\"type\":\"offer\",\"customer\":\"S\",\"stage\":7}"));
  g_free (put_raw (f, "auto-renew-text",
                   "{\"type\":\"agreement\",\"customer\":\"A\",\"auto_renew\":\"yes\"}"));
  g_free (put_raw (f, "year-9999",
                   "{\"type\":\"offer\",\"customer\":\"Far\",\"agreement_end_date\":"
                   "\"9999-06-30\"}"));
  g_free (put_raw (f, "year-10000",
                   "{\"type\":\"agreement\",\"customer\":\"Farther\",\"end_date\":"
                   "\"10000-01-01\"}"));
  g_free (put_raw (f, "year-0",
                   "{\"type\":\"agreement\",\"customer\":\"Early\",\"start_date\":"
                   "\"0000-01-01\"}"));
  g_free (put_raw (f, "unknown-type", "{\"type\":\"note\",\"customer\":\"N\"}"));
  rev = put_raw (f, "good-after", "{\"type\":\"offer\",\"customer\":\"After\"}");
  rd_test_proxy_set_rewrite (proxy, "\"zzfoo\"", "\"_foo\"");

  through = rd_test_engine_new (f->store[1], rd_test_proxy_get_url (proxy), f->db);
  g_object_set (through, "batch-size", 3, NULL);
  rd_test_sync_ok (through);

  /* The batches went on: the good documents are here, last_seq moved past everything. A type
   * this version does not know (a newer version's) is kept as it is, like unknown fields. */
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 3);
  g_assert_cmpstr (rd_test_get_field (f->store[1], "unknown-type", "customer"), ==, "N");
  g_assert_cmpstr (rd_test_get_field (f->store[1], "good-before", "customer"), ==, "Before");
  g_assert_cmpstr (rd_test_get_field (f->store[1], "good-after", "customer"), ==, "After");
  last_seq = rd_store_sync_get (f->store[1], RD_STORE_SYNC_LAST_SEQ);
  g_assert_cmpstr (last_seq, ==, "11");
  g_assert_cmpuint (rd_sync_engine_get_quarantined (through), ==, 8);
  assert_set_aside (f->store[1], long_id, "longer than");
  assert_set_aside (f->store[1], "bell\aid", "control character");
  assert_set_aside (f->store[1], "underscore-doc", "_foo");
  assert_set_aside (f->store[1], "stage-number", "stage");
  assert_set_aside (f->store[1], "auto-renew-text", "auto_renew");
  assert_set_aside (f->store[1], "year-9999", "9998");
  assert_set_aside (f->store[1], "year-10000", "end_date");
  assert_set_aside (f->store[1], "year-0", "start_date");
  /* Nothing to push back either: what is set aside is not a local record. */
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 0);

  /* check reports them. */
  g_clear_object (&through);
  g_clear_object (&f->engine[1]);
  g_clear_object (&f->store[1]);
  g_assert_cmpint (rd_test_run_cli (f->path[1], NULL, &out, "check", NULL), ==, 2);
  g_assert_nonnull (strstr (out, "underscore-doc"));
  g_assert_nonnull (strstr (out, "year-9999"));
}

static void
test_pull_type_change (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) doc = NULL;
  g_autofree char *body = NULL;
  g_autofree char *rev = NULL;

  id = rd_test_add_record (f->store[0], "Initech", "outreach");
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "stage"), ==, "outreach");

  /* Someone's client turns the offer into a template on the server. */
  doc = rd_test_server_get_doc (server, f->db, id);
  g_assert_nonnull (doc);
  body = g_strdup_printf ("{\"_rev\":\"%s\",\"type\":\"template\",\"customer\":\"Initech\","
                          "\"stage\":\"drafted\"}",
                          json_object_get_string_member (doc, "_rev"));
  rev = put_raw (f, id, body);
  rd_test_sync_ok (f->engine[1]);
  g_assert_nonnull (strstr (quarantine_reason (f->store[1], id), "type cannot change"));
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "type"), ==, "offer");
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "stage"), ==, "outreach");
  g_assert_cmpuint (rd_sync_engine_get_quarantined (f->engine[1]), ==, 1);

  /* Then a wrongly typed stage on the offer: set aside too, the local record untouched. */
  g_free (body);
  body = g_strdup_printf ("{\"_rev\":\"%s\",\"type\":\"offer\",\"customer\":\"Initech\","
                          "\"stage\":42}", rev);
  g_free (put_raw (f, id, body));
  rd_test_sync_ok (f->engine[1]);
  g_assert_nonnull (strstr (quarantine_reason (f->store[1], id), "stage"));
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "stage"), ==, "outreach");
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 0);
}

/* Records written before the store checked them: straight into the table. */
static void
insert_unchecked (RdStore    *store,
                  const char *id,
                  const char *type,
                  const char *body)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (rd_store_get_db (store),
                                       "INSERT INTO docs (id, type, body, edit_seq) "
                                       "VALUES (?, ?, ?, 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_push_never_sends (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const bad_ids[] = {
    "attachments-doc", "foo-doc", "value-text", "end-9999", "_design/evil", "tab\tid",
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *good = NULL;

  insert_unchecked (f->store[0], "attachments-doc", "offer",
                    "{\"type\":\"offer\",\"customer\":\"A\",\"_attachments\":{}}");
  insert_unchecked (f->store[0], "foo-doc", "offer",
                    "{\"type\":\"offer\",\"customer\":\"F\",\"_foo\":1}");
  insert_unchecked (f->store[0], "value-text", "agreement",
                    "{\"type\":\"agreement\",\"customer\":\"V\",\"auto_renew\":\"lots\"}");
  insert_unchecked (f->store[0], "end-9999", "offer",
                    "{\"type\":\"offer\",\"customer\":\"E\",\"agreement_end_date\":"
                    "\"9999-12-31\"}");
  insert_unchecked (f->store[0], "_design/evil", "offer",
                    "{\"type\":\"offer\",\"customer\":\"D\"}");
  insert_unchecked (f->store[0], "tab\tid", "offer", "{\"type\":\"offer\",\"customer\":\"T\"}");
  good = rd_test_add_record (f->store[0], "Good Corp", "identified");
  g_object_set (f->engine[0], "batch-size", 2, NULL);

  g_assert_false (rd_test_sync (f->engine[0], &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_RECORD);
  g_assert_nonnull (strstr (error->message, "6 records"));
  /* The valid record went; none of the others reached the server. */
  g_assert_cmpuint (rd_test_server_doc_status (server, f->db, good), ==, 200);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    if (!g_str_has_prefix (bad_ids[i], "_"))
      g_assert_cmpuint (rd_test_server_doc_status (server, f->db, bad_ids[i]), ==, 404);
  /* They stay here, waiting to be corrected. */
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, G_N_ELEMENTS (bad_ids));

  /* Corrected, it goes with the next sync. */
  g_clear_error (&error);
  rd_test_set_field (f->store[0], "end-9999", "agreement_end_date", "2031-12-31");
  g_assert_false (rd_test_sync (f->engine[0], &error));
  g_assert_nonnull (strstr (error->message, "5 records"));
  g_assert_cmpuint (rd_test_server_doc_status (server, f->db, "end-9999"), ==, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/invalid/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("pull-sets-aside", test_pull_sets_aside);
  ADD ("pull-type-change", test_pull_type_change);
  ADD ("push-never-sends", test_push_never_sends);
#undef ADD

  return rd_test_run_with_server ("sync-invalid", &server, &workdir);
}
