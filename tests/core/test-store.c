/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "rd-record-check.h"
#include "rd-store-private.h"
#include "rd-test-temp.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("rd-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "renewals.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonObject *object = rd_json_object_from_string (json, &error);

  g_assert_no_error (error);
  return object;
}

static char *
query_text (RdStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt = rd_store_prepare (store, sql, NULL);
  char *text = NULL;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
test_open_tightens_mode (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  GStatBuf st;

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  store = rd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  if (g_stat (wal, &st) == 0)
    g_assert_cmpint (st.st_mode & 077, ==, 0);
}

static void
test_open_creates_private_wal_database (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autofree char *mode = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  mode = query_text (store, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (rd_store_get_schema_version (store), ==, RD_STORE_SCHEMA_VERSION);
}

static void
test_insert_get_update_delete (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (JsonObject) body = parse_object (
    "{\"type\":\"agreement\",\"customer\":\"Alder Logistics\",\"end_date\":\"2027-03-31\","
    "\"x_future_field\":{\"nested\":[1,2,3]},\"kind\":\"PO\"}");
  g_autoptr (JsonObject) patch = parse_object ("{\"customer\":\"Alder Freight\",\"kind\":null}");
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (RdRecord) updated = NULL;
  g_autoptr (RdRecord) gone = NULL;
  g_autoptr (RdRecord) back = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  id = rd_store_insert (store, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (g_uuid_string_is_valid (id));

  record = rd_store_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_customer (record), ==, "Alder Logistics");
  g_assert_cmpstr (rd_record_get_end_date (record), ==, "2027-03-31");
  g_assert_true (rd_record_get_dirty (record));
  /* Fields this version does not know survive untouched. */
  json = rd_record_to_json (record, FALSE);
  g_assert_nonnull (strstr (json, "\"x_future_field\":{\"nested\":[1,2,3]}"));

  g_assert_true (rd_store_merge_patch (store, id, patch, &error));
  g_assert_no_error (error);
  updated = rd_store_get (store, id, &error);
  g_assert_cmpstr (rd_record_get_customer (updated), ==, "Alder Freight");
  g_assert_null (rd_record_get_kind (updated));
  g_assert_cmpstr (rd_record_get_end_date (updated), ==, "2027-03-31");

  g_assert_true (rd_store_delete (store, id, &error));
  g_assert_no_error (error);
  gone = rd_store_get (store, id, &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count (store, "agreement"), ==, 0);

  /* Deleting twice is an error, not a silent success. */
  g_assert_false (rd_store_delete (store, id, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (rd_store_undelete (store, id, &error));
  g_assert_no_error (error);
  back = rd_store_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_customer (back), ==, "Alder Freight");
}

/* The member names of object in their order, joined by ",". */
static char *
dup_member_names (JsonObject *object)
{
  g_autoptr (GString) names = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    g_string_append_printf (names, "%s%s", names->len > 0 ? "," : "", name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_member_names (RdStore    *store,
                     const char *id,
                     const char *expected,
                     const char *expected_nested)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = rd_store_get (store, id, &error);
  g_autofree char *names = NULL;
  g_autofree char *nested = NULL;

  g_assert_no_error (error);
  names = dup_member_names (rd_record_get_body (record));
  g_assert_cmpstr (names, ==, expected);
  nested = dup_member_names (json_object_get_object_member (rd_record_get_body (record),
                                                            "x_custom"));
  g_assert_cmpstr (nested, ==, expected_nested);
}

/* A body keeps the order of its members, as written, through insert, merge patch and update:
 * members keep their place, new ones come last in the order given. */
static void
test_member_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (JsonObject) body = parse_object (
    "{\"zulu_note\":\"z\",\"type\":\"agreement\",\"x_custom\":{\"zz\":1,\"aa\":2,\"mm\":3},"
    "\"value\":120000.5,\"customer\":\"Alder Logistics\",\"end_date\":\"2027-03-31\","
    "\"kind\":\"PO\",\"currency\":\"USD\",\"alpha_note\":\"a\",\"status\":\"ACTIVE\","
    "\"mike_note\":\"m\",\"buyer_account_id\":\"123456789012\"}");
  g_autoptr (JsonObject) patch = parse_object (
    "{\"yankee_note\":\"y\",\"customer\":\"Alder Freight\",\"x_custom\":{\"aa\":null,\"bb\":4},"
    "\"bravo_note\":\"b\"}");
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (JsonObject) edited = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *copied = NULL;

  g_assert_no_error (error);
  id = rd_store_insert (store, body, &error);
  g_assert_no_error (error);
  assert_member_names (store, id,
                       "zulu_note,type,x_custom,value,customer,end_date,kind,currency,"
                       "alpha_note,status,mike_note,buyer_account_id",
                       "zz,aa,mm");
  /* The text stored, too: the amount rewritten as a string in its place. */
  stored = query_text (store, "SELECT body FROM docs");
  g_assert_cmpstr (stored, ==,
                   "{\"zulu_note\":\"z\",\"type\":\"agreement\","
                   "\"x_custom\":{\"zz\":1,\"aa\":2,\"mm\":3},\"value\":\"120000.5\","
                   "\"customer\":\"Alder Logistics\",\"end_date\":\"2027-03-31\","
                   "\"kind\":\"PO\",\"currency\":\"USD\",\"alpha_note\":\"a\","
                   "\"status\":\"ACTIVE\",\"mike_note\":\"m\","
                   "\"buyer_account_id\":\"123456789012\"}");

  g_assert_true (rd_store_merge_patch (store, id, patch, &error));
  g_assert_no_error (error);
  assert_member_names (store, id,
                       "zulu_note,type,x_custom,value,customer,end_date,kind,currency,"
                       "alpha_note,status,mike_note,buyer_account_id,yankee_note,bravo_note",
                       "zz,mm,bb");

  /* An update of a copy, as the editor saves: one member changed, one removed, one added. */
  record = rd_store_get (store, id, &error);
  g_assert_no_error (error);
  edited = rd_json_object_deep_copy (rd_record_get_body (record));
  copied = dup_member_names (edited);
  g_assert_cmpstr (copied, ==,
                   "zulu_note,type,x_custom,value,customer,end_date,kind,currency,"
                   "alpha_note,status,mike_note,buyer_account_id,yankee_note,bravo_note");
  json_object_set_string_member (edited, "end_date", "2027-06-30");
  json_object_remove_member (edited, "alpha_note");
  json_object_set_string_member (edited, "charlie_note", "c");
  g_assert_true (rd_store_update (store, id, edited, &error));
  g_assert_no_error (error);
  assert_member_names (store, id,
                       "zulu_note,type,x_custom,value,customer,end_date,kind,currency,"
                       "status,mike_note,buyer_account_id,yankee_note,bravo_note,charlie_note",
                       "zz,mm,bb");
}

static void
test_invalid_documents_change_nothing (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (JsonObject) no_type = parse_object ("{\"customer\":\"Nobody\"}");
  g_autoptr (JsonObject) good = parse_object ("{\"_id\":\"fixed-id\",\"type\":\"offer\"}");
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  g_autofree char *missing = NULL;

  missing = rd_store_insert (store, no_type, &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_assert_null (missing);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 0);

  id = rd_store_insert (store, good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "fixed-id");
  again = rd_store_insert (store, good, &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 1);

  g_assert_false (rd_store_update (store, "no-such-id", good, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
}

static void
count_changed_cb (RdStore *store,
                  guint   *count)
{
  (*count)++;
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (JsonObject) body = parse_object ("{\"type\":\"agreement\",\"customer\":\"A\"}");
  guint changed = 0;

  g_signal_connect (store, "changed", G_CALLBACK (count_changed_cb), &changed);

  /* A rolled-back batch leaves nothing behind and tells no view. */
  g_assert_true (rd_store_begin (store, &error));
  for (int i = 0; i < 5; i++)
    g_free (rd_store_insert (store, body, &error));
  g_assert_no_error (error);
  rd_store_rollback (store);
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 0);
  g_assert_cmpuint (changed, ==, 0);

  /* A nested batch commits once, at the outermost level, with one signal. */
  g_assert_true (rd_store_begin (store, &error));
  g_free (rd_store_insert (store, body, &error));
  g_assert_true (rd_store_begin (store, &error));
  g_free (rd_store_insert (store, body, &error));
  g_assert_true (rd_store_commit (store, &error));
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (rd_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 2);

  /* Outside a batch, each write is its own transaction and signal. */
  g_free (rd_store_insert (store, body, &error));
  g_assert_cmpuint (changed, ==, 2);
}

static void
test_migrates_version_1 (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (RdRecord) record = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  RdStoreRow *row;
  sqlite3 *db = NULL;

  /* A database as version 1 of the schema wrote it, with a record in it. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE docs ("
                                 "  id TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL,"
                                 "  body TEXT NOT NULL CHECK (json_valid (body)), rev TEXT,"
                                 "  base_body TEXT, edit_seq INTEGER NOT NULL DEFAULT 0,"
                                 "  pushed_seq INTEGER NOT NULL DEFAULT 0,"
                                 "  deleted INTEGER NOT NULL DEFAULT 0, conflict TEXT);"
                                 "INSERT INTO docs (id, type, body, rev, edit_seq, pushed_seq)"
                                 "  VALUES ('old-1', 'agreement', '{\"type\":\"agreement\","
                                 "\"customer\":\"Old Co\",\"end_date\":\"2027-01-15\","
                                 "\"legacy\":true}', '3-abc', 2, 2);"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = rd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, RD_STORE_SCHEMA_VERSION);

  record = rd_store_get (store, "old-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_rev (record), ==, "3-abc");
  g_assert_false (rd_record_get_dirty (record));
  g_assert_true (rd_record_get_boolean (record, "legacy", FALSE));

  /* The new indexes answer for the old row. */
  rows = rd_store_query_end_dates (store, "2027-01-01", "2027-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->id, ==, "old-1");
  g_assert_cmpstr (row->customer, ==, "Old Co");
  g_assert_cmpstr (row->date, ==, "2027-01-15");
}

static void
test_refuses_newer_schema (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          RD_STORE_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rd_store_open (f->path, &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_refuses_garbage_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *after = NULL;
  const char garbage[] = "this is a spreadsheet, not a database\n";
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->path, garbage, -1, NULL));
  store = rd_store_open (f->path, &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  /* The user's file is left as it was. */
  g_assert_true (g_file_get_contents (f->path, &after, &length, NULL));
  g_assert_cmpstr (after, ==, garbage);
}

static void
test_calendar_queries (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (GPtrArray) ends = NULL;
  g_autoptr (GPtrArray) expirations = NULL;
  g_autoptr (GPtrArray) starts = NULL;
  const char *docs[] = {
    "{\"type\":\"agreement\",\"customer\":\"In\",\"end_date\":\"2027-02-01\"}",
    "{\"type\":\"agreement\",\"customer\":\"Last day\",\"end_date\":\"2027-02-28\"}",
    "{\"type\":\"agreement\",\"customer\":\"Out\",\"end_date\":\"2027-03-01\"}",
    "{\"type\":\"agreement\",\"customer\":\"PAYG\",\"end_date\":null}",
    ("{\"type\":\"offer\",\"customer\":\"Offer\",\"renewal_mechanism\":\"fda\","
     "\"offer_expiration_date\":\"2027-02-10\",\"agreement_start_date\":\"2027-02-20\","
     "\"agreement_end_date\":\"2028-02-19\"}"),
    ("{\"type\":\"offer\",\"customer\":\"New offer\",\"renewal_mechanism\":\"new_offer\","
     "\"offer_expiration_date\":\"2027-03-10\",\"agreement_start_date\":\"2027-02-21\"}"),
  };
  g_autofree char *deleted_id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      g_autoptr (JsonObject) body = parse_object (docs[i]);
      g_autofree char *id = rd_store_insert (store, body, &error);

      g_assert_no_error (error);
      if (i == 0)
        deleted_id = g_strdup (id);
    }

  ends = rd_store_query_end_dates (store, "2027-02-01", "2027-02-28", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ends->len, ==, 2);
  g_assert_cmpstr (((RdStoreRow *) g_ptr_array_index (ends, 0))->customer, ==, "In");
  g_assert_cmpstr (((RdStoreRow *) g_ptr_array_index (ends, 1))->customer, ==, "Last day");

  expirations = rd_store_query_expirations (store, "2027-02-01", "2027-02-28", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expirations->len, ==, 1);
  g_assert_cmpstr (((RdStoreRow *) g_ptr_array_index (expirations, 0))->date, ==, "2027-02-10");

  /* Only future-dated agreements start on the calendar. */
  starts = rd_store_query_fda_starts (store, "2027-02-01", "2027-02-28", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (starts->len, ==, 1);
  g_assert_cmpstr (((RdStoreRow *) g_ptr_array_index (starts, 0))->customer, ==, "Offer");

  /* A deleted record leaves the calendar. */
  g_assert_true (rd_store_delete (store, deleted_id, &error));
  g_clear_pointer (&ends, g_ptr_array_unref);
  ends = rd_store_query_end_dates (store, "2027-02-01", "2027-02-28", &error);
  g_assert_cmpuint (ends->len, ==, 1);
}

static void
test_meta (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autofree char *value = NULL;
  g_autofree char *gone = NULL;

  g_assert_true (rd_store_meta_set (store, "sync.last_seq", "\"12-abc\"", &error));
  g_assert_true (rd_store_meta_set (store, "sync.last_seq", "\"13-def\"", &error));
  g_assert_no_error (error);
  value = rd_store_meta_get (store, "sync.last_seq");
  g_assert_cmpstr (value, ==, "\"13-def\"");
  g_assert_true (rd_store_meta_set (store, "sync.last_seq", NULL, &error));
  gone = rd_store_meta_get (store, "sync.last_seq");
  g_assert_null (gone);
}

/* Every write path of the store refuses what the command line refuses: bad ids, "_" members,
 * type changes, fields of the wrong type, dates an iCalendar file cannot carry. */
static void
test_writes_validated (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const bad_new[] = {
    "{\"_id\":\"\",\"type\":\"agreement\",\"customer\":\"X\"}",
    "{\"_id\":\"_design/evil\",\"type\":\"agreement\",\"customer\":\"X\"}",
    "{\"_id\":\"ctl\\u0001id\",\"type\":\"agreement\",\"customer\":\"X\"}",
    "{\"_id\":7,\"type\":\"agreement\",\"customer\":\"X\"}",
    "{\"type\":\"agreement\",\"customer\":\"X\",\"_attachments\":{}}",
    "{\"type\":\"agreement\",\"customer\":\"X\",\"_rev\":\"1-abc\"}",
    "{\"type\":\"agreement\",\"customer\":\"X\",\"value\":\"lots\"}",
    "{\"type\":\"agreement\",\"customer\":\"X\",\"end_date\":\"9999-12-31\"}",
    "{\"type\":\"agreement\",\"customer\":\"X\",\"kind\":\"XYZ\"}",
    "{\"type\":\"\",\"customer\":\"X\"}",
    "{\"type\":true,\"customer\":\"X\"}",
    "{\"type\":0.99,\"customer\":\"X\"}",
  };
  static const char *const bad_patches[] = {
    "{\"type\":\"template\"}",
    "{\"type\":null}",
    "{\"_foo\":1}",
    "{\"_id\":\"other\"}",
    "{\"end_date\":\"2027-02-30\"}",
    "{\"value\":\"lots\"}",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (JsonObject) good = parse_object ("{\"type\":\"agreement\",\"customer\":\"Ok\","
                                              "\"end_date\":\"2027-01-31\"}");
  g_autoptr (RdRecord) before = NULL;
  g_autoptr (RdRecord) after = NULL;
  g_autoptr (GString) long_id = g_string_new ("{\"type\":\"agreement\",\"_id\":\"_");
  g_autoptr (JsonObject) long_body = NULL;
  g_autofree char *id = NULL;
  g_autofree char *none = NULL;

  g_assert_no_error (error);
  id = rd_store_insert (store, good, &error);
  g_assert_no_error (error);
  before = rd_store_get (store, id, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_new); i++)
    {
      g_autoptr (JsonObject) body = parse_object (bad_new[i]);
      g_autofree char *bad_id = rd_store_insert (store, body, &error);

      g_test_message ("insert %s: %s", bad_new[i], error ? error->message : "stored");
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
      g_assert_null (bad_id);
      g_clear_error (&error);
    }
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (bad_patches); i++)
    {
      g_autoptr (JsonObject) patch = parse_object (bad_patches[i]);
      g_autoptr (JsonObject) body = rd_record_dup_body (before);

      g_test_message ("patch %s", bad_patches[i]);
      g_assert_false (rd_store_merge_patch (store, id, patch, &error));
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
      g_clear_error (&error);

      /* The same as a whole body, as the editor saves it. */
      rd_json_merge_patch (body, patch);
      g_assert_false (rd_store_update (store, id, body, &error));
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  after = rd_store_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_equal (rd_record_get_body (before), rd_record_get_body (after)));

  /* A huge id is not echoed whole into the message. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (long_id, 'x');
  g_string_append (long_id, "\"}");
  long_body = parse_object (long_id->str);
  none = rd_store_insert (store, long_body, &error);
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_assert_null (none);
  g_clear_error (&error);

  /* The record's own _id may come along with its body. */
  json_object_set_string_member (good, "_id", id);
  json_object_set_string_member (good, "stage", "outreach");
  g_assert_true (rd_store_update (store, id, good, &error));
  g_assert_no_error (error);
}

/* What sync checks a pulled document with: CouchDB's own members pass, others do not. */
static void
test_pulled_doc_check (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (JsonObject) pulled = parse_object (
    "{\"_id\":\"a1\",\"_rev\":\"2-x\",\"_conflicts\":[\"2-y\"],\"type\":\"agreement\","
    "\"customer\":\"X\",\"end_date\":\"2027-01-31\"}");
  g_autoptr (JsonObject) tombstone = parse_object (
    "{\"_id\":\"a1\",\"_rev\":\"3-x\",\"_deleted\":true}");
  g_autoptr (JsonObject) attachments = parse_object (
    "{\"_id\":\"a1\",\"_rev\":\"2-x\",\"type\":\"agreement\",\"_attachments\":{}}");
  g_autoptr (JsonObject) design = parse_object (
    "{\"_id\":\"_design/x\",\"_rev\":\"1-x\",\"type\":\"agreement\"}");
  g_autoptr (JsonObject) far = parse_object (
    "{\"_id\":\"a1\",\"type\":\"agreement\",\"end_date\":\"9999-01-01\"}");
  g_autoptr (JsonObject) typed_true = parse_object (
    "{\"_id\":\"r-1\",\"_rev\":\"2-b\",\"type\":true}");
  g_autoptr (GError) error = NULL;

  /* A type that is no string is refused, not read as one (the sync reply fuzz target). */
  g_assert_false (rd_record_check_pulled_doc (typed_true, NULL, &error));
  g_assert_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_SCHEMA);
  g_clear_error (&error);
  g_assert_true (rd_record_check_pulled_doc (pulled, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rd_record_check_pulled_doc (pulled, "agreement", &error));
  g_assert_no_error (error);
  g_assert_true (rd_record_check_pulled_doc (tombstone, "offer", &error));
  g_assert_no_error (error);
  g_assert_false (rd_record_check_pulled_doc (pulled, "template", &error));
  g_assert_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_TYPE_CHANGE);
  g_clear_error (&error);
  g_assert_false (rd_record_check_pulled_doc (attachments, NULL, &error));
  g_assert_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_RESERVED_FIELD);
  g_clear_error (&error);
  g_assert_false (rd_record_check_pulled_doc (design, NULL, &error));
  g_assert_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_INVALID_ID);
  g_clear_error (&error);
  g_assert_false (rd_record_check_pulled_doc (far, NULL, &error));
  g_assert_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_DATE_RANGE);
}

static char *
insert_json (RdStore    *store,
             const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = parse_object (json);
  char *id = rd_store_insert (store, body, &error);

  g_assert_no_error (error);
  return id;
}

/* The id of the record find_by_field finds, or NULL when there is none. */
static char *
found_id (RdStore    *store,
          const char *type,
          const char *field,
          const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = rd_store_find_by_field (store, type, field, value, &error);

  if (record == NULL)
    {
      g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND);
      return NULL;
    }
  g_assert_no_error (error);
  return g_strdup (rd_record_get_id (record));
}

/* Lookups through the indexes find exactly the value: not a longer id that contains it, not
 * another case of a name, not a deleted record. */
static void
test_find_by_field (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autofree char *a = insert_json (store,
    "{\"type\":\"agreement\",\"customer\":\"Acme Corp\",\"agreement_id\":\"agmt-abc12\","
    "\"offer_id\":\"offer-xyz1\",\"product_id\":\"prod-aaa1\",\"product_title\":\"Sentinel\"}");
  g_autofree char *b = insert_json (store,
    "{\"type\":\"agreement\",\"customer\":\"ACME CORP\",\"agreement_id\":\"agmt-abc123\","
    "\"product_title\":\"SENTINEL\"}");
  g_autofree char *gone = insert_json (store,
    "{\"type\":\"agreement\",\"customer\":\"Gone\",\"agreement_id\":\"agmt-gone1\"}");
  g_autofree char *short_name = insert_json (store,
    "{\"type\":\"agreement\",\"customer\":\"Bo\",\"product_id\":\"p1\"}");
  g_autofree char *renews = g_strdup_printf (
    "{\"type\":\"offer\",\"customer\":\"Acme Corp\",\"renews\":\"%s\"}", a);
  g_autofree char *c = insert_json (store, renews);
  struct
  {
    const char *type, *field, *value, *expected;
  } cases[] = {
    { "agreement", "agreement_id", "agmt-abc12", a },
    { "agreement", "agreement_id", "agmt-abc123", b },
    { "agreement", "agreement_id", "agmt-abc1", NULL },
    { "agreement", "agreement_id", "agmt-gone1", NULL },
    { "agreement", "agreement_id", "agmt-\"q", NULL },
    { "offer", "agreement_id", "agmt-abc12", NULL },
    { "agreement", "offer_id", "offer-xyz1", a },
    { "agreement", "product_id", "prod-aaa1", a },
    { "agreement", "product_id", "p1", short_name },
    { "agreement", "customer", "Acme Corp", a },
    { "agreement", "customer", "ACME CORP", b },
    { "agreement", "customer", "acme corp", NULL },
    { "offer", "customer", "Acme Corp", c },
    { "agreement", "customer", "Bo", short_name },
    { "agreement", "product_title", "SENTINEL", b },
    { "offer", "renews", a, c },
  };

  g_assert_no_error (error);
  g_assert_true (rd_store_delete (store, gone, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = found_id (store, cases[i].type, cases[i].field, cases[i].value);

      g_test_message ("%s %s %s", cases[i].type, cases[i].field, cases[i].value);
      g_assert_cmpstr (id, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/store/open-private-wal", test_open_creates_private_wal_database);
  ADD ("/store/open-tightens-mode", test_open_tightens_mode);
  ADD ("/store/insert-get-update-delete", test_insert_get_update_delete);
  ADD ("/store/member-order", test_member_order);
  ADD ("/store/invalid-changes-nothing", test_invalid_documents_change_nothing);
  ADD ("/store/transactions", test_transactions);
  ADD ("/store/migrate-v1", test_migrates_version_1);
  ADD ("/store/refuse-newer-schema", test_refuses_newer_schema);
  ADD ("/store/refuse-garbage-file", test_refuses_garbage_file);
  ADD ("/store/calendar-queries", test_calendar_queries);
  ADD ("/store/meta", test_meta);
  ADD ("/store/writes-validated", test_writes_validated);
  ADD ("/store/pulled-doc-check", test_pulled_doc_check);
  ADD ("/store/find-by-field", test_find_by_field);
#undef ADD

  return g_test_run ();
}
