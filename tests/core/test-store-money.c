/* test-store-money.c
 *
 * Amounts in the store: an older database's numeric amounts become exact strings without
 * changing their value or making the record dirty; a number synced from an older client is
 * stored as a string; rd_money_sum() sums exactly per currency on every connection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "rd-json.h"
#include "rd-record.h"
#include "rd-store.h"
#include "rd-store-private.h"
#include "rd-store-sync.h"

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

  f->dir = g_dir_make_tmp ("rd-store-money-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "renewals.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The JSON text of member of the stored body of id. */
static char *
dup_member_json (RdStore    *store,
                 const char *id,
                 const char *member)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = rd_store_get (store, id, &error);
  JsonNode *node;

  g_assert_no_error (error);
  node = json_object_get_member (rd_record_get_body (record), member);
  g_assert_nonnull (node);
  return json_to_string (node, FALSE);
}

static void
test_migrates_numeric_amounts (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdRecord) record = NULL;
  g_autofree char *value = NULL;
  g_autofree char *schedule = NULL;
  g_autofree char *untouched = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A database as version 1 of the schema wrote it, amounts as JSON numbers. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE docs ("
                                 "  id TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL,"
                                 "  body TEXT NOT NULL CHECK (json_valid (body)), rev TEXT,"
                                 "  base_body TEXT, edit_seq INTEGER NOT NULL DEFAULT 0,"
                                 "  pushed_seq INTEGER NOT NULL DEFAULT 0,"
                                 "  deleted INTEGER NOT NULL DEFAULT 0, conflict TEXT);"
                                 "INSERT INTO docs (id, type, body, rev, base_body, edit_seq,"
                                 "  pushed_seq) VALUES ('a', 'agreement', "
                                 "'{\"type\":\"agreement\","
                                 "\"value\":93225,\"currency\":\"USD\"}', '1-a',"
                                 "  '{\"type\":\"agreement\",\"value\":93225}', 2, 2),"
                                 " ('b', 'offer', '{\"type\":\"offer\",\"value\":93224.99,"
                                 "\"payment_schedule\":[{\"date\":\"2027-01-01\","
                                 "\"amount\":6000.5}]}', NULL, NULL, 1, 0),"
                                 " ('c', 'agreement', '{\"type\":\"agreement\","
                                 "\"value\":\"120000.50\",\"customer\":\"Kept\"}', NULL, NULL,"
                                 "  1, 0);"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  store = rd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (store), ==, RD_STORE_SCHEMA_VERSION);

  value = dup_member_json (store, "a", "value");
  g_assert_cmpstr (value, ==, "\"93225\"");
  g_clear_pointer (&value, g_free);
  value = dup_member_json (store, "b", "value");
  g_assert_cmpstr (value, ==, "\"93224.99\"");
  schedule = dup_member_json (store, "b", "payment_schedule");
  g_assert_cmpstr (schedule, ==, "[{\"date\":\"2027-01-01\",\"amount\":\"6000.5\"}]");
  untouched = dup_member_json (store, "c", "value");
  g_assert_cmpstr (untouched, ==, "\"120000.50\"");

  /* Not a local edit: the base is rewritten alike and nothing is to be pushed. */
  record = rd_store_get (store, "a", &error);
  g_assert_no_error (error);
  g_assert_false (rd_record_get_dirty (record));
  g_assert_cmpint (sqlite3_prepare_v2 (rd_store_get_db (store),
                                       "SELECT base_body FROM docs WHERE id = 'a'", -1, &stmt,
                                       NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==,
                   "{\"type\":\"agreement\",\"value\":\"93225\"}");
  sqlite3_finalize (stmt);
}

static void
test_sync_number_stored_as_string (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (JsonObject) body = rd_json_object_from_string (
    "{\"type\":\"agreement\",\"customer\":\"Older Client\",\"value\":93224.99,"
    "\"currency\":\"EUR\"}", &error);
  g_autofree char *value = NULL;
  RdSyncApplied applied;

  g_assert_no_error (error);
  g_assert_true (rd_store_sync_apply (store, "from-old", "1-x", body, FALSE, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpint (applied, !=, RD_SYNC_APPLIED_QUARANTINED);
  value = dup_member_json (store, "from-old", "value");
  g_assert_cmpstr (value, ==, "\"93224.99\"");
}

static char *
dup_sum (RdStore    *store,
         const char *sql,
         const char *currency)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (rd_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_text (stmt, 1, currency, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return result;
}

static void
test_sum_per_currency (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const records[] = {
    "{\"type\":\"agreement\",\"value\":\"0.1\",\"currency\":\"USD\"}",
    "{\"type\":\"agreement\",\"value\":\"0.2\",\"currency\":\"USD\"}",
    "{\"type\":\"agreement\",\"value\":\"93224.99\",\"currency\":\"EUR\"}",
    "{\"type\":\"agreement\",\"value\":\"0.01\",\"currency\":\"EUR\"}",
    "{\"type\":\"agreement\",\"currency\":\"EUR\"}",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) store = rd_store_open (f->path, &error);
  g_autoptr (RdStore) worker = NULL;
  g_autofree char *usd = NULL;
  g_autofree char *eur = NULL;
  g_autofree char *eur_text = NULL;
  g_autofree char *usd_worker = NULL;
  g_autofree char *none = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr (JsonObject) body = rd_json_object_from_string (records[i], &error);

      g_free (rd_store_insert (store, body, &error));
      g_assert_no_error (error);
    }

  /* From the REAL column the indexes carry, and from the exact text of the body. */
  usd = dup_sum (store, "SELECT rd_money_sum (value) FROM docs WHERE currency = ?", "USD");
  g_assert_cmpstr (usd, ==, "0.3");
  eur = dup_sum (store, "SELECT rd_money_sum (value) FROM docs WHERE currency = ?", "EUR");
  g_assert_cmpstr (eur, ==, "93225.00");
  eur_text = dup_sum (store, "SELECT rd_money_sum (json_extract (body, '$.value')) FROM docs"
                             " WHERE currency = ?", "EUR");
  g_assert_cmpstr (eur_text, ==, "93225.00");
  none = dup_sum (store, "SELECT rd_money_sum (value) FROM docs WHERE currency = ?", "GBP");
  g_assert_null (none);

  /* Every connection has it, the worker's too. */
  worker = rd_store_open_reader (f->path, &error);
  g_assert_no_error (error);
  usd_worker = dup_sum (worker, "SELECT rd_money_sum (value) FROM docs WHERE currency = ?",
                        "USD");
  g_assert_cmpstr (usd_worker, ==, "0.3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/store-money/migrates-numeric-amounts", test_migrates_numeric_amounts);
  ADD ("/store-money/sync-number-stored-as-string", test_sync_number_stored_as_string);
  ADD ("/store-money/sum-per-currency", test_sum_per_currency);
#undef ADD

  return g_test_run ();
}
