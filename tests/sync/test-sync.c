/* test-sync.c
 *
 * The sync engine against a real PouchDB Server: convergence, merges, conflicts, deletions,
 * volume, a wiped server database, credentials, server-side conflicts, a pull cancelled while
 * its batches are applied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-test"

#include "config.h"

#include <glib/gstdio.h>

#include "rd-store-private.h"
#include "rd-store-sync.h"
#include "rd-sync.h"
#include "rd-test-server.h"
#include "rd-test-wait.h"

static RdTestServer *server;
static char *workdir;
static guint db_counter;

typedef struct
{
  char         *db;
  RdStore      *store[3];
  RdSyncEngine *engine[3];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *dir = NULL;

  f->db = g_strdup_printf ("team%u", ++db_counter);
  rd_test_server_create_db (server, f->db);
  dir = g_build_filename (workdir, f->db, NULL);
  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("client%u.db", i);

      f->store[i] = rd_test_store_new (dir, name);
      f->engine[i] = rd_test_engine_new (f->store[i], rd_test_server_get_url (server), f->db);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&f->engine[i]);
      g_clear_object (&f->store[i]);
    }
  g_free (f->db);
}

static char *
body_of (RdStore    *store,
         const char *id)
{
  g_autoptr (RdRecord) record = rd_store_get_including_deleted (store, id, NULL);

  if (record == NULL)
    return NULL;
  if (rd_record_get_deleted (record))
    return g_strdup ("(deleted)");
  return rd_json_object_to_string (rd_record_get_body (record));
}

static gboolean
record_exists (RdStore    *store,
               const char *id)
{
  g_autoptr (RdRecord) record = rd_store_get (store, id, NULL);

  return record != NULL;
}

static void
assert_same_records (RdStore *a,
                     RdStore *b)
{
  g_autoptr (GPtrArray) records = rd_store_list (a, NULL, NULL);

  g_assert_nonnull (records);
  g_assert_cmpuint (rd_store_count (a, NULL), ==, rd_store_count (b, NULL));
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      g_autofree char *mine = body_of (a, rd_record_get_id (record));
      g_autofree char *theirs = body_of (b, rd_record_get_id (record));

      g_assert_cmpstr (mine, ==, theirs);
    }
}

static void
test_converge (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a1 = rd_test_add_record (f->store[0], "Acme", "identified");
  g_autofree char *a2 = rd_test_add_record (f->store[0], "Globex", "outreach");
  g_autofree char *b1 = rd_test_add_record (f->store[1], "Initech", "drafted");
  g_autofree char *c1 = NULL;
  g_autoptr (GError) error = NULL;

  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_sync_engine_get_pushed (f->engine[0]), ==, 2);
  rd_test_sync_ok (f->engine[2]);
  g_assert_cmpuint (rd_sync_engine_get_pulled (f->engine[2]), ==, 2);

  /* Offline on every device. */
  c1 = rd_test_add_record (f->store[2], "Umbrella", "identified");
  rd_test_set_field (f->store[2], a1, "stage", "needs_analysis");
  rd_test_set_field (f->store[1], b1, "customer", "Initech Ltd");
  rd_store_delete (f->store[0], a2, &error);
  g_assert_no_error (error);

  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  rd_test_sync_ok (f->engine[2]);
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (rd_test_count_records (f->store[i]), ==, 3);
      g_assert_cmpuint (rd_store_sync_count_dirty (f->store[i]), ==, 0);
      g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[i]), ==, 0);
      g_assert_cmpstr (rd_test_get_field (f->store[i], a1, "stage"), ==, "needs_analysis");
      g_assert_cmpstr (rd_test_get_field (f->store[i], b1, "customer"), ==, "Initech Ltd");
      g_assert_cmpstr (rd_test_get_field (f->store[i], c1, "customer"), ==, "Umbrella");
      g_assert_false (record_exists (f->store[i], a2));
    }
  assert_same_records (f->store[0], f->store[1]);
  assert_same_records (f->store[0], f->store[2]);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 3);
  g_assert_cmpint (rd_sync_engine_get_state (f->engine[1]), ==, RD_SYNC_STATE_IDLE);
  g_assert_cmpfloat (rd_sync_engine_get_progress (f->engine[1]), ==, 1.0);
}

/* A record known to both A and B, synced. */
static char *
shared_record (Fixture *f)
{
  char *id = rd_test_add_record (f->store[0], "Acme", "identified");

  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "customer"), ==, "Acme");
  return id;
}

static void
test_merge_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = shared_record (f);

  rd_test_set_field (f->store[0], id, "customer", "Acme Corp");
  rd_test_set_field (f->store[1], id, "stage", "outreach");
  rd_test_set_field (f->store[1], id, "notes", "Call the CFO");
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_sync_engine_get_conflicts (f->engine[1]), ==, 0);
  rd_test_sync_ok (f->engine[0]);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (rd_test_get_field (f->store[i], id, "customer"), ==, "Acme Corp");
      g_assert_cmpstr (rd_test_get_field (f->store[i], id, "stage"), ==, "outreach");
      g_assert_cmpstr (rd_test_get_field (f->store[i], id, "notes"), ==, "Call the CFO");
      g_assert_cmpuint (rd_store_sync_count_dirty (f->store[i]), ==, 0);
    }
  assert_same_records (f->store[0], f->store[1]);
}

static void
conflict_on_stage (Fixture    *f,
                   const char *id)
{
  g_autoptr (RdSyncConflict) conflict = NULL;
  g_autoptr (GError) error = NULL;
  RdSyncConflictField *field;

  rd_test_set_field (f->store[0], id, "stage", "drafted");
  rd_test_set_field (f->store[0], id, "customer", "Acme Corp");
  rd_test_set_field (f->store[1], id, "stage", "lost");
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_sync_engine_get_conflicts (f->engine[1]), ==, 1);
  g_assert_cmpint (rd_sync_engine_get_state (f->engine[1]), ==, RD_SYNC_STATE_CONFLICTS);

  conflict = rd_store_sync_get_conflict (f->store[1], id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (conflict->kind, ==, RD_SYNC_CONFLICT_FIELDS);
  g_assert_cmpuint (conflict->fields->len, ==, 1);
  field = g_ptr_array_index (conflict->fields, 0);
  g_assert_cmpstr (field->name, ==, "stage");
  g_assert_cmpstr (json_node_get_string (field->base), ==, "identified");
  g_assert_cmpstr (json_node_get_string (field->mine), ==, "lost");
  g_assert_cmpstr (json_node_get_string (field->theirs), ==, "drafted");
  /* Until resolved, the local record is this device's version. */
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "stage"), ==, "lost");
}

static void
test_conflict_mine (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = shared_record (f);
  g_autoptr (GError) error = NULL;

  conflict_on_stage (f, id);
  rd_store_sync_resolve_field (f->store[1], id, "stage", RD_SYNC_CHOICE_MINE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[1]), ==, 0);
  /* The merge keeps the other side's change of another field. */
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "customer"), ==, "Acme Corp");
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 1);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_sync_engine_get_pushed (f->engine[1]), ==, 1);
  rd_test_sync_ok (f->engine[0]);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (rd_test_get_field (f->store[i], id, "stage"), ==, "lost");
      g_assert_cmpstr (rd_test_get_field (f->store[i], id, "customer"), ==, "Acme Corp");
      g_assert_cmpuint (rd_store_sync_count_dirty (f->store[i]), ==, 0);
    }
}

static void
test_conflict_theirs (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = shared_record (f);
  g_autoptr (GError) error = NULL;

  conflict_on_stage (f, id);
  /* Choosing a field that is not in conflict is refused. */
  g_assert_false (rd_store_sync_resolve_field (f->store[1], id, "customer",
                                               RD_SYNC_CHOICE_THEIRS, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  rd_store_sync_resolve_field (f->store[1], id, "stage", RD_SYNC_CHOICE_THEIRS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_test_get_field (f->store[1], id, "stage"), ==, "drafted");
  /* The server's version as chosen: nothing left to push. */
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 0);
  rd_test_sync_ok (f->engine[1]);
  rd_test_sync_ok (f->engine[0]);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (rd_test_get_field (f->store[i], id, "stage"), ==, "drafted");
      g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[i]), ==, 0);
    }
  assert_same_records (f->store[0], f->store[1]);
}

static void
test_edit_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *kept = shared_record (f);
  g_autofree char *gone = shared_record (f);
  g_autoptr (RdSyncConflict) conflict = NULL;
  g_autoptr (GError) error = NULL;

  /* A deletes both; B edits both. */
  rd_store_delete (f->store[0], kept, &error);
  g_assert_no_error (error);
  rd_store_delete (f->store[0], gone, &error);
  g_assert_no_error (error);
  rd_test_set_field (f->store[1], kept, "stage", "outreach");
  rd_test_set_field (f->store[1], gone, "stage", "lost");
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_sync_engine_get_conflicts (f->engine[1]), ==, 2);
  conflict = rd_store_sync_get_conflict (f->store[1], kept, &error);
  g_assert_no_error (error);
  g_assert_cmpint (conflict->kind, ==, RD_SYNC_CONFLICT_EDIT_DELETE);
  g_assert_null (conflict->theirs);
  /* A field choice is not how a deletion is resolved. */
  g_assert_false (rd_store_sync_resolve_all (f->store[1], kept, RD_SYNC_CHOICE_MINE, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  rd_store_sync_resolve_deletion (f->store[1], kept, TRUE, &error);
  g_assert_no_error (error);
  rd_store_sync_resolve_deletion (f->store[1], gone, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (record_exists (f->store[1], gone));
  rd_test_sync_ok (f->engine[1]);
  rd_test_sync_ok (f->engine[0]);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpstr (rd_test_get_field (f->store[i], kept, "stage"), ==, "outreach");
      g_assert_true (record_exists (f->store[i], kept));
      g_assert_false (record_exists (f->store[i], gone));
      g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[i]), ==, 0);
    }
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 1);

  /* The other way round: B deletes what A edited; B keeps its deletion. */
  rd_store_delete (f->store[1], kept, &error);
  g_assert_no_error (error);
  rd_test_set_field (f->store[0], kept, "stage", "accepted");
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_clear_pointer (&conflict, rd_sync_conflict_free);
  conflict = rd_store_sync_get_conflict (f->store[1], kept, &error);
  g_assert_no_error (error);
  g_assert_cmpint (conflict->kind, ==, RD_SYNC_CONFLICT_DELETE_EDIT);
  g_assert_cmpstr (json_object_get_string_member (conflict->theirs, "stage"), ==, "accepted");
  rd_store_sync_resolve_deletion (f->store[1], kept, FALSE, &error);
  g_assert_no_error (error);
  rd_test_sync_ok (f->engine[1]);
  rd_test_sync_ok (f->engine[0]);
  g_assert_false (record_exists (f->store[0], kept));
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 0);
}

static void
test_thousand_each (Fixture       *f,
                    gconstpointer  data)
{
  rd_test_add_records (f->store[0], "A customer", 1000);
  rd_test_add_records (f->store[1], "B customer", 1000);
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_sync_engine_get_pushed (f->engine[0]), ==, 1000);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_sync_engine_get_pulled (f->engine[1]), ==, 1000);
  g_assert_cmpuint (rd_sync_engine_get_pushed (f->engine[1]), ==, 1000);
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_sync_engine_get_pulled (f->engine[0]), ==, 1000);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (rd_test_count_records (f->store[i]), ==, 2000);
      g_assert_cmpuint (rd_store_sync_count_dirty (f->store[i]), ==, 0);
    }
  assert_same_records (f->store[0], f->store[1]);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 2000);
}

static void
test_wiped_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *edited = NULL;

  rd_test_add_records (f->store[0], "A customer", 20);
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 20);
  edited = rd_test_add_record (f->store[1], "Made before the wipe", "identified");
  rd_test_sync_ok (f->engine[1]);

  rd_test_server_delete_db (server, f->db);
  rd_test_server_create_db (server, f->db);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 0);

  /* A never saw B's last record; A's sync finds an empty database and refills it. */
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_sync_engine_get_pushed (f->engine[0]), ==, 20);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 20);
  rd_test_set_field (f->store[1], edited, "stage", "outreach");
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 21);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 21);
  rd_test_sync_ok (f->engine[0]);
  rd_test_sync_ok (f->engine[2]);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (rd_test_count_records (f->store[i]), ==, 21);
      g_assert_cmpstr (rd_test_get_field (f->store[i], edited, "stage"), ==, "outreach");
      g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[i]), ==, 0);
    }
  assert_same_records (f->store[0], f->store[2]);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *id = rd_test_add_record (f->store[0], "Acme", "identified");
  g_autoptr (GError) error = NULL;

  rd_sync_engine_set_credentials (f->engine[0], RD_TEST_USER, "not-the-password");
  g_assert_false (rd_test_sync (f->engine[0], &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpint (rd_sync_engine_get_state (f->engine[0]), ==, RD_SYNC_STATE_ERROR);
  g_assert_nonnull (strstr (rd_sync_engine_get_last_error (f->engine[0]), "password"));
  g_assert_cmpuint (rd_test_count_records (f->store[0]), ==, 1);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 1);
  g_assert_cmpstr (rd_test_get_field (f->store[0], id, "customer"), ==, "Acme");
  g_clear_error (&error);

  /* No user at all: the database is members-only. */
  rd_sync_engine_set_credentials (f->engine[0], NULL, NULL);
  g_assert_false (rd_test_sync (f->engine[0], &error));
  g_assert_true (g_error_matches (error, RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED)
                 || g_error_matches (error, RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN));
  g_clear_error (&error);

  rd_sync_engine_set_credentials (f->engine[0], RD_TEST_USER, RD_TEST_USER_PASSWORD);
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 0);
  g_assert_null (rd_sync_engine_get_last_error (f->engine[0]));
}

static void
test_missing_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  rd_sync_engine_set_server (f->engine[0], rd_test_server_get_url (server), "no-such-db");
  g_assert_false (rd_test_sync (f->engine[0], &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_NOT_FOUND);
}

static void
test_server_conflicts (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/%s/_bulk_docs", f->db);
  g_autofree char *doc_path = g_strdup_printf ("/%s/srv?conflicts=true", f->db);
  g_autoptr (JsonNode) r1 = NULL;
  g_autoptr (JsonNode) r2 = NULL;
  JsonObject *doc;
  guint status = 0;

  /* Two leaves of one document, as two replicating servers would make them. */
  r1 = rd_test_server_request (server, "POST", path,
                               "{\"new_edits\":false,\"docs\":["
                               "{\"_id\":\"srv\",\"_rev\":\"1-aaaa\",\"type\":\"offer\","
                               "\"customer\":\"Acme\",\"notes\":\"from leaf a\"},"
                               "{\"_id\":\"srv\",\"_rev\":\"1-bbbb\",\"type\":\"offer\","
                               "\"customer\":\"Acme\",\"stage\":\"outreach\"}]}", &status);
  g_assert_cmpuint (status, ==, 201);
  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpstr (rd_test_get_field (f->store[0], "srv", "notes"), ==, "from leaf a");
  g_assert_cmpstr (rd_test_get_field (f->store[0], "srv", "stage"), ==, "outreach");
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 0);

  r2 = rd_test_server_request (server, "GET", doc_path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  doc = json_node_get_object (r2);
  g_assert_false (json_object_has_member (doc, "_conflicts"));
  g_assert_cmpstr (json_object_get_string_member (doc, "notes"), ==, "from leaf a");
  g_assert_cmpstr (json_object_get_string_member (doc, "stage"), ==, "outreach");
  rd_test_sync_ok (f->engine[1]);
  assert_same_records (f->store[0], f->store[1]);
}

static void
test_lost_response (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *id = rd_test_add_record (f->store[0], "Acme", "identified");
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) doc = NULL;
  sqlite3_stmt *stmt;

  rd_test_sync_ok (f->engine[0]);
  rd_test_set_field (f->store[0], id, "stage", "outreach");
  rd_test_sync_ok (f->engine[0]);
  /* Past its own change in _changes, so that only the push can find out. */
  rd_test_sync_ok (f->engine[0]);
  /* As if the last push reached the server but its answer was lost: the row still has the
   * old base and is dirty. The retry gets a conflict and must read the document back. */
  stmt = rd_store_prepare (f->store[0], "UPDATE docs SET rev = NULL, base_body = NULL, "
                                        "pushed_seq = 0 WHERE id = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 1);

  rd_test_sync_ok (f->engine[0]);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 0);
  g_assert_cmpuint (rd_store_sync_count_conflicts (f->store[0]), ==, 0);
  g_assert_cmpint (rd_test_server_doc_count (server, f->db), ==, 1);
  doc = rd_test_server_get_doc (server, f->db, id);
  g_assert_nonnull (doc);
  /* No third revision was written. */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (doc, "_rev"), "2-"));
}

static void
test_forbidden_record (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *ddoc = g_strdup_printf ("/%s/_design/guard", f->db);
  g_autofree char *ok = rd_test_add_record (f->store[0], "Acme", "identified");
  g_autofree char *refused = rd_test_add_record (f->store[0], "Embargoed", "identified");
  g_autoptr (JsonNode) r = NULL;
  g_autoptr (GError) error = NULL;
  guint status = 0;

  r = rd_test_server_request (server, "PUT", ddoc,
                              "{\"validate_doc_update\":\"function (doc) { if (doc.customer "
                              "=== 'Embargoed') throw ({forbidden: 'embargoed customer'}); }\"}",
                              &status);
  g_assert_cmpuint (status, ==, 201);
  g_assert_false (rd_test_sync (f->engine[0], &error));
  g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, refused));
  g_assert_nonnull (strstr (error->message, "embargoed customer"));
  g_assert_cmpuint (rd_sync_engine_get_pushed (f->engine[0]), ==, 1);
  /* The refused record stays on the device, waiting; the design document is not a record. */
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[0]), ==, 1);
  g_assert_cmpuint (rd_test_count_records (f->store[0]), ==, 2);
  g_assert_cmpint (rd_sync_engine_get_state (f->engine[0]), ==, RD_SYNC_STATE_ERROR);
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 1);
  g_assert_cmpstr (rd_test_get_field (f->store[1], ok, "customer"), ==, "Acme");
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (workdir, f->db, NULL);
  g_autofree char *db_path = g_build_filename (dir, "cli.db", NULL);
  const char *url = rd_test_server_get_url (server);
  g_autofree char *id = rd_test_add_record (f->store[1], "Acme", "identified");
  g_autofree char *out = NULL;

  g_assert_cmpint (rd_test_run_cli (db_path, NULL, &out, "sync", "--server", url, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (db_path, NULL, &out, "sync", "--server",
                                    "http://couch.example.com", "--database", f->db, NULL), ==, 2);
  g_assert_nonnull (strstr (out, "https://"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (rd_test_run_cli (db_path, "wrong", &out, "sync", "--server", url,
                                    "--database", f->db, "--user", RD_TEST_USER, NULL), ==, 1);
  g_assert_nonnull (strstr (out, "password"));
  g_clear_pointer (&out, g_free);

  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpint (rd_test_run_cli (db_path, RD_TEST_USER_PASSWORD, &out, "sync", "--server",
                                    url, "--database", f->db, "--user", RD_TEST_USER, NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Pushed 0, pulled 1, conflicts 0"));
  g_clear_pointer (&out, g_free);

  {
    g_autoptr (RdStore) cli_store = rd_test_store_new (dir, "cli.db");

    rd_test_set_field (cli_store, id, "stage", "drafted");
  }
  rd_test_set_field (f->store[1], id, "stage", "lost");
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpint (rd_test_run_cli (db_path, RD_TEST_USER_PASSWORD, &out, "sync", "--server",
                                    url, "--database", f->db, "--user", RD_TEST_USER, NULL),
                   ==, 3);
  g_assert_nonnull (strstr (out, "conflicts 1"));
  g_assert_nonnull (strstr (out, "stage"));
}

typedef struct
{
  RdSyncEngine *engine;
  GCancellable *cancellable;
  guint         changed;
} PullWatch;

static void
on_pulled_cancel_cb (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  PullWatch *watch = user_data;

  if (rd_sync_engine_get_pulled (watch->engine) > 0)
    g_cancellable_cancel (watch->cancellable);
}

static void
on_store_changed_cb (RdStore  *store,
                     gpointer  user_data)
{
  PullWatch *watch = user_data;

  watch->changed++;
}

/* Cancelled once its first batch is applied: whole batches are kept with their checkpoint,
 * the views heard of them before the round ended, and the next round pulls the rest. */
static void
test_pull_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *last_seq = NULL;
  PullWatch watch = { f->engine[1], cancellable, 0 };
  gulong notify, changed;
  guint kept;

  rd_test_add_records (f->store[0], "Customer", 60);
  rd_test_sync_ok (f->engine[0]);
  g_object_set (f->engine[1], "batch-size", 10, NULL);
  notify = g_signal_connect (f->engine[1], "notify::pulled", G_CALLBACK (on_pulled_cancel_cb),
                             &watch);
  changed = g_signal_connect (f->store[1], "changed", G_CALLBACK (on_store_changed_cb), &watch);

  rd_sync_engine_sync_async (f->engine[1], cancellable, rd_test_keep_result_cb, &result);
  rd_test_wait_for_result_ms (&result, RD_TEST_SYNC_TIMEOUT_MS, "a cancelled sync to end");
  g_assert_false (rd_sync_engine_sync_finish (f->engine[1], result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (rd_sync_engine_get_state (f->engine[1]), ==, RD_SYNC_STATE_IDLE);
  kept = rd_test_count_records (f->store[1]);
  g_assert_cmpuint (kept, >=, 10);
  g_assert_cmpuint (kept % 10, ==, 0);
  g_assert_cmpuint (rd_sync_engine_get_pulled (f->engine[1]), ==, kept);
  g_assert_cmpuint (watch.changed, >=, 1);
  last_seq = rd_store_sync_get (f->store[1], RD_STORE_SYNC_LAST_SEQ);
  g_assert_nonnull (last_seq);

  g_signal_handler_disconnect (f->engine[1], notify);
  watch.changed = 0;
  rd_test_sync_ok (f->engine[1]);
  g_assert_cmpuint (rd_sync_engine_get_pulled (f->engine[1]), ==, 60 - kept);
  g_assert_cmpuint (rd_test_count_records (f->store[1]), ==, 60);
  g_assert_cmpuint (watch.changed, >=, 1);
  g_assert_cmpuint (rd_store_sync_count_dirty (f->store[1]), ==, 0);
  assert_same_records (f->store[0], f->store[1]);
  g_signal_handler_disconnect (f->store[1], changed);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/sync/converge-three-clients", test_converge);
  ADD ("/sync/merge-different-fields", test_merge_fields);
  ADD ("/sync/conflict-resolved-mine", test_conflict_mine);
  ADD ("/sync/conflict-resolved-theirs", test_conflict_theirs);
  ADD ("/sync/edit-versus-delete", test_edit_delete);
  ADD ("/sync/thousand-records-each", test_thousand_each);
  ADD ("/sync/wiped-database", test_wiped_database);
  ADD ("/sync/wrong-password", test_wrong_password);
  ADD ("/sync/missing-database", test_missing_database);
  ADD ("/sync/server-side-conflicts", test_server_conflicts);
  ADD ("/sync/lost-response", test_lost_response);
  ADD ("/sync/forbidden-record", test_forbidden_record);
  ADD ("/sync/cli", test_cli);
  ADD ("/sync/pull-cancelled", test_pull_cancelled);
#undef ADD

  return rd_test_run_with_server ("sync-test", &server, &workdir);
}
