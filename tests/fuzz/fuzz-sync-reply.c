/* fuzz-sync-reply.c
 *
 * A _changes reply as the sync engine's pull takes it: guarded parsing (depth, non-finite
 * numbers), the shape check, each change's document stripped of CouchDB's members and applied
 * to a store (in a transaction rolled back after each input), and the 3-way merge of the
 * documents against each other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rd-json-guard.h"
#include "rd-merge.h"
#include "rd-store-sync.h"
#include "rd-sync-engine-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static RdStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *dir = g_dir_make_tmp ("fuzz-sync-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "renewals.db", NULL);

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  store = rd_store_open (path, NULL);
  g_assert_nonnull (store);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (JsonNode) root = rd_json_guard_parse ((const char *) data, (gssize) size, NULL);
  JsonObject *object = rd_sync_object_or_null (root);
  JsonNode *results = object ? json_object_get_member (object, "results") : NULL;
  JsonObject *previous = NULL;
  JsonArray *array;

  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results)
      || !json_object_has_member (object, "last_seq"))
    return 0;
  array = json_node_get_array (results);
  g_assert_true (rd_store_begin (store, NULL));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = rd_sync_object_or_null (json_array_get_element (array, i));
      /* A change that is no object (the server's garbage) has no document. */
      JsonObject *doc = rd_sync_object_or_null (change ? json_object_get_member (change, "doc")
                                                       : NULL);
      const char *id = rd_sync_string_member (change, "id");
      const char *rev = rd_sync_string_member (doc, "_rev");
      gboolean deleted = rd_sync_bool_member (change, "deleted")
                         || rd_sync_bool_member (doc, "_deleted");
      g_autoptr (JsonObject) body = NULL;
      RdSyncApplied applied;

      if (id == NULL || doc == NULL || rev == NULL)
        continue;
      body = rd_merge_strip_reserved (doc);
      rd_store_sync_apply (store, id, rev, deleted ? NULL : body, deleted, &applied, NULL);
      if (previous != NULL)
        {
          g_autoptr (GPtrArray) conflicts = g_ptr_array_new_with_free_func (g_free);
          g_autoptr (JsonObject) merged = rd_merge_three_way (previous, body, doc, conflicts);

          g_assert_nonnull (merged);
        }
      previous = doc;
    }
  rd_store_rollback (store);
  return 0;
}
