/* test-merge.c
 *
 * What sync decides without a server: the 3-way merge, the address rule, applying server
 * documents to the store and resolving conflicts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-merge-test"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-merge.h"
#include "rd-store-private.h"
#include "rd-store-sync.h"
#include "rd-sync.h"

static JsonObject *
obj (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonObject *object = rd_json_object_from_string (json, &error);

  g_assert_no_error (error);
  return object;
}

static char *
merged_text (const char *base,
             const char *mine,
             const char *theirs,
             GPtrArray  *conflicts)
{
  g_autoptr (JsonObject) b = base ? obj (base) : NULL;
  g_autoptr (JsonObject) m = obj (mine);
  g_autoptr (JsonObject) t = obj (theirs);
  g_autoptr (JsonObject) merged = rd_merge_three_way (b, m, t, conflicts);

  return rd_json_object_to_string (merged);
}

static void
test_merge3 (void)
{
  g_autoptr (GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  /* Different fields: both kept; a removal on one side is kept too. */
  a = merged_text ("{\"x\":1,\"y\":1,\"z\":1}", "{\"x\":2,\"y\":1,\"z\":1}",
                   "{\"x\":1,\"y\":3}", conflicts);
  g_assert_cmpstr (a, ==, "{\"x\":2,\"y\":3}");
  g_assert_cmpuint (conflicts->len, ==, 0);

  /* The same change on both sides is no conflict. */
  b = merged_text ("{\"x\":1}", "{\"x\":[1,2]}", "{\"x\":[1,2]}", conflicts);
  g_assert_cmpstr (b, ==, "{\"x\":[1,2]}");
  g_assert_cmpuint (conflicts->len, ==, 0);

  /* Different changes of one field: a conflict, mine kept meanwhile. */
  c = merged_text ("{\"x\":1,\"y\":1}", "{\"x\":2,\"y\":1}", "{\"x\":3,\"y\":5}", conflicts);
  g_assert_cmpstr (c, ==, "{\"x\":2,\"y\":5}");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, "x");
  g_ptr_array_set_size (conflicts, 0);

  /* Removed on one side, changed on the other: a conflict. No base: every difference is. */
  d = merged_text (NULL, "{\"x\":1,\"y\":2}", "{\"x\":1,\"y\":3,\"z\":4}", conflicts);
  g_assert_cmpstr (d, ==, "{\"x\":1,\"y\":2,\"z\":4}");
  g_assert_cmpuint (conflicts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (conflicts, 0), ==, "y");
}

static void
test_merge_with_choices (void)
{
  g_autoptr (JsonObject) base = obj ("{\"type\":\"offer\",\"a\":1,\"b\":1,\"c\":1}");
  g_autoptr (JsonObject) mine = obj ("{\"type\":\"offer\",\"a\":2,\"b\":2,\"c\":2}");
  g_autoptr (JsonObject) theirs = obj ("{\"type\":\"offer\",\"a\":3,\"b\":3}");
  g_autoptr (JsonObject) choices = obj ("{\"a\":\"theirs\",\"c\":\"theirs\"}");
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) merged = NULL;
  g_autofree char *text = NULL;

  /* a: theirs chosen; b: still open (mine kept meanwhile); c: removed on their side, chosen. */
  merged = rd_merge_with_choices (base, mine, theirs, choices, open);
  text = rd_json_object_to_string (merged);
  g_assert_cmpstr (text, ==, "{\"type\":\"offer\",\"a\":3,\"b\":2}");
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (open, 0), ==, "b");
  g_assert_cmpint (rd_merge_choice_of (choices, "a"), ==, RD_MERGE_CHOICE_THEIRS);
  g_assert_cmpint (rd_merge_choice_of (choices, "b"), ==, RD_MERGE_CHOICE_NONE);
}

static void
test_strip_reserved (void)
{
  g_autoptr (JsonObject) doc = obj ("{\"_id\":\"x\",\"_rev\":\"1-a\",\"type\":\"offer\","
                                    "\"_conflicts\":[],\"n\":{\"_keep\":1}}");
  g_autoptr (JsonObject) body = rd_merge_strip_reserved (doc);
  g_autofree char *text = rd_json_object_to_string (body);

  /* Only top-level members are CouchDB's. */
  g_assert_cmpstr (text, ==, "{\"type\":\"offer\",\"n\":{\"_keep\":1}}");
}

static void
test_remove_reserved (void)
{
  g_autoptr (JsonObject) doc = obj ("{\"_id\":\"x\",\"_rev\":\"1-a\",\"type\":\"offer\","
                                    "\"_conflicts\":[],\"_revisions\":{},\"_deleted\":false,"
                                    "\"_attachments\":{},\"_other\":1,\"n\":{\"_keep\":1}}");
  g_autofree char *text = NULL;

  rd_merge_remove_reserved (doc);
  text = rd_json_object_to_string (doc);
  /* A "_" member CouchDB does not define stays, for the record check to refuse. */
  g_assert_cmpstr (text, ==, "{\"type\":\"offer\",\"_other\":1,\"n\":{\"_keep\":1}}");
}

static void
test_server_url (void)
{
  static const struct { const char *url; gboolean ok; } cases[] = {
    { "https://couch.example.com", TRUE },
    { "https://couch.example.com:6984/prefix/", TRUE },
    { "http://127.0.0.1:5984", TRUE },
    { "http://127.1.2.3:5984", TRUE },
    { "http://localhost:5984", TRUE },
    { "http://[::1]:5984", TRUE },
    { "http://couch.example.com", FALSE },
    { "http://10.0.0.1:5984", FALSE },
    { "ftp://couch.example.com", FALSE },
    { "couch.example.com", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok = rd_sync_check_server_url (cases[i].url, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL);
    }
  {
    g_autoptr (GError) error = NULL;

    /* A password in the address is refused, and not repeated in the message. */
    g_assert_false (rd_sync_check_server_url ("https://bob:Pa55word@couch.example.com",
                                              &error));
    g_assert_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL);
    g_assert_null (strstr (error->message, "Pa55word"));
    g_assert_nonnull (strstr (error->message, "https://couch.example.com"));
  }
  g_assert_true (rd_sync_check_database_name ("team-renewals", NULL));
  g_assert_false (rd_sync_check_database_name ("Team", NULL));
  g_assert_false (rd_sync_check_database_name ("_users", NULL));
}

static RdStore *
temp_store (char **dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  RdStore *store;

  *dir = g_dir_make_tmp ("rd-merge-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "renewals.db", NULL);
  store = rd_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
remove_store_dir (const char *dir)
{
  const char *names[] = { "renewals.db", "renewals.db-wal", "renewals.db-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
set_field (RdStore    *store,
           const char *id,
           const char *field,
           const char *value)
{
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (patch, field, value);
  rd_store_merge_patch (store, id, patch, &error);
  g_assert_no_error (error);
}

static char *
get_field (RdStore    *store,
           const char *id,
           const char *field)
{
  g_autoptr (RdRecord) record = rd_store_get_including_deleted (store, id, NULL);

  g_assert_nonnull (record);
  return g_strdup (rd_record_get_string (record, field));
}

static void
assert_field (RdStore    *store,
              const char *id,
              const char *field,
              const char *expected)
{
  g_autofree char *value = get_field (store, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static void
apply (RdStore       *store,
       const char    *id,
       const char    *rev,
       const char    *json,
       RdSyncApplied  expected)
{
  g_autoptr (JsonObject) body = json ? obj (json) : NULL;
  g_autoptr (GError) error = NULL;
  RdSyncApplied applied;

  rd_store_sync_apply (store, id, rev, body, json == NULL, &applied, &error);
  g_assert_no_error (error);
  g_assert_cmpint (applied, ==, expected);
}

static void
test_apply_and_resolve (void)
{
  g_autofree char *dir = NULL;
  g_autoptr (RdStore) store = temp_store (&dir);
  g_autoptr (GPtrArray) dirty = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GError) error = NULL;
  RdSyncConflict *conflict;

  apply (store, "r1", "1-a", "{\"type\":\"offer\",\"customer\":\"Acme\",\"stage\":\"drafted\"}",
         RD_SYNC_APPLIED_TAKEN);
  apply (store, "r1", "1-a", "{\"type\":\"offer\",\"customer\":\"Acme\",\"stage\":\"drafted\"}",
         RD_SYNC_APPLIED_NOTHING);
  apply (store, "gone", "2-x", NULL, RD_SYNC_APPLIED_NOTHING);
  g_assert_cmpuint (rd_store_sync_count_dirty (store), ==, 0);
  g_assert_false (rd_store_sync_has_dirty (store));
  g_assert_cmpuint (rd_store_count (store, "offer"), ==, 1);

  /* Clean: the server's version replaces it. */
  apply (store, "r1", "2-b", "{\"type\":\"offer\",\"customer\":\"Acme\",\"stage\":\"outreach\"}",
         RD_SYNC_APPLIED_TAKEN);
  assert_field (store, "r1", "stage", "outreach");

  /* Dirty: merged field by field, then a conflict on the same field. */
  set_field (store, "r1", "customer", "Acme Corp");
  apply (store, "r1", "3-c", "{\"type\":\"offer\",\"customer\":\"Acme\",\"stage\":\"lost\"}",
         RD_SYNC_APPLIED_MERGED);
  assert_field (store, "r1", "customer", "Acme Corp");
  assert_field (store, "r1", "stage", "lost");
  g_assert_cmpuint (rd_store_sync_count_dirty (store), ==, 1);
  g_assert_true (rd_store_sync_has_dirty (store));
  apply (store, "r1", "4-d", "{\"type\":\"offer\",\"customer\":\"Acme Inc\",\"stage\":\"lost\"}",
         RD_SYNC_APPLIED_CONFLICT);
  /* A record in conflict is not pushed until resolved. */
  g_assert_false (rd_store_sync_has_dirty (store));
  dirty = rd_store_sync_list_dirty (store, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dirty->len, ==, 0);

  conflicts = rd_store_sync_list_conflicts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->id, ==, "r1");
  g_assert_cmpstr (conflict->theirs_rev, ==, "4-d");
  g_assert_cmpuint (conflict->fields->len, ==, 1);

  rd_store_sync_resolve_field (store, "r1", "customer", RD_SYNC_CHOICE_MINE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_sync_count_conflicts (store), ==, 0);
  g_clear_pointer (&dirty, g_ptr_array_unref);
  dirty = rd_store_sync_list_dirty (store, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dirty->len, ==, 1);
  /* Pushed on top of the server's revision. */
  g_assert_cmpstr (((RdSyncOutgoing *) g_ptr_array_index (dirty, 0))->rev, ==, "4-d");
  assert_field (store, "r1", "customer", "Acme Corp");

  rd_store_sync_mark_pushed (store, g_ptr_array_index (dirty, 0), "5-e", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_sync_count_dirty (store), ==, 0);
  g_assert_false (rd_store_sync_has_dirty (store));

  /* A wiped server: everything dirty again, nothing deleted. */
  rd_store_sync_prepare_full_resync (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_sync_count_dirty (store), ==, 1);
  g_assert_true (rd_store_sync_has_dirty (store));
  g_assert_cmpuint (rd_store_count (store, NULL), ==, 1);
  g_clear_object (&store);
  remove_store_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/merge/three-way", test_merge3);
  g_test_add_func ("/merge/with-choices", test_merge_with_choices);
  g_test_add_func ("/merge/strip-reserved", test_strip_reserved);
  g_test_add_func ("/merge/remove-reserved", test_remove_reserved);
  g_test_add_func ("/merge/server-url", test_server_url);
  g_test_add_func ("/merge/apply-and-resolve", test_apply_and_resolve);
  return g_test_run ();
}
