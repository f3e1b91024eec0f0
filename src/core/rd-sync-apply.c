/* rd-sync-apply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include "rd-store-private.h"
#include "rd-store-worker.h"
#include "rd-sync-apply.h"
#include "rd-sync-engine-private.h"

typedef struct
{
  JsonNode   *changes;
  GHashTable *repaired;
} Batch;

static void
batch_free (Batch *batch)
{
  json_node_unref (batch->changes);
  g_clear_pointer (&batch->repaired, g_hash_table_unref);
  g_free (batch);
}

/* What is to be done with one change: nothing (NULL), set aside (quarantine), or apply doc. */
static const char *
change_document (JsonObject  *change,
                 GHashTable  *repaired,
                 JsonObject **doc,
                 const char **quarantine)
{
  const char *id = rd_sync_string_member (change, "id");

  *doc = NULL;
  *quarantine = NULL;
  if (id == NULL || g_str_has_prefix (id, "_design/"))
    return NULL;
  *quarantine = rd_sync_string_member (change, RD_SYNC_QUARANTINE_MEMBER);
  if (*quarantine != NULL)
    return id;
  if (repaired != NULL && g_hash_table_contains (repaired, id))
    *doc = g_hash_table_lookup (repaired, id);
  else
    /* A change that is no object (the server's garbage) has no document. */
    *doc = rd_sync_object_or_null (change ? json_object_get_member (change, "doc") : NULL);
  return id;
}

/* On the worker thread; the store is not read. */
static gpointer
parse_page_job (RdStore       *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return rd_couch_parse_answer (data, error);
}

void
rd_sync_apply_parse_async (RdStore             *store,
                           GBytes              *text,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  rd_store_worker_run_async (rd_store_worker_get_for_queue (store, RD_STORE_WORKER_SYNC),
                             parse_page_job, g_bytes_ref (text), (GDestroyNotify) g_bytes_unref,
                             (GDestroyNotify) json_node_unref, cancellable, callback,
                             user_data);
}

JsonNode *
rd_sync_apply_parse_finish (RdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return rd_store_worker_run_finish (rd_store_worker_get_for_queue (store,
                                                                    RD_STORE_WORKER_SYNC),
                                     result, error);
}

gboolean
rd_sync_apply_batch_is_complete (JsonNode   *changes,
                                 GHashTable *repaired)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (changes), "results");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *change = rd_sync_object_or_null (json_array_get_element (results, i));
      JsonObject *doc;
      const char *quarantine;

      if (change_document (change, repaired, &doc, &quarantine) != NULL && quarantine == NULL
          && rd_sync_string_member (doc, "_rev") == NULL)
        return FALSE;
    }
  return TRUE;
}

/* On the worker thread, inside the write job's transaction. */
static gpointer
apply_batch_job (RdStore  *writer,
                 gpointer  data,
                 GError  **error)
{
  Batch *batch = data;
  JsonObject *object = json_node_get_object (batch->changes);
  JsonArray *results = json_object_get_array_member (object, "results");
  g_autofree char *seq_text = json_to_string (json_object_get_member (object, "last_seq"),
                                              FALSE);
  guint n = json_array_get_length (results);
  guint pulled = 0;

  if (!rd_store_sync_begin_batch (writer, error))
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = rd_sync_object_or_null (json_array_get_element (results, i));
      JsonObject *doc;
      const char *quarantine;
      const char *id = change_document (change, batch->repaired, &doc, &quarantine);
      gboolean deleted;
      g_autoptr (JsonObject) body = NULL;
      g_autofree char *rev = NULL;
      RdSyncApplied applied;

      if (id == NULL)
        continue;
      if (quarantine != NULL)
        {
          if (!rd_store_sync_quarantine (writer, id, rd_sync_change_leaf_rev (change),
                                         quarantine, error))
            {
              rd_store_sync_cancel_batch (writer);
              return NULL;
            }
          continue;
        }
      deleted = rd_sync_bool_member (change, "deleted") || rd_sync_bool_member (doc, "_deleted");
      rev = g_strdup (rd_sync_string_member (doc, "_rev"));
      /* The batch is the worker's alone, and read once: its documents are not copied. */
      if (!deleted)
        {
          rd_merge_remove_reserved (doc);
          body = json_object_ref (doc);
        }
      if (!rd_store_sync_apply (writer, id, rev, body, deleted, &applied, error))
        {
          rd_store_sync_cancel_batch (writer);
          return NULL;
        }
      if (applied != RD_SYNC_APPLIED_NOTHING)
        pulled++;
    }
  if (!rd_store_sync_end_batch (writer, error)
      || !rd_store_sync_set (writer, RD_STORE_SYNC_LAST_SEQ, seq_text, error))
    return NULL;
  return g_memdup2 (&pulled, sizeof pulled);
}

void
rd_sync_apply_batch_async (RdStore             *store,
                           JsonNode            *changes,
                           GHashTable          *repaired,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->changes = json_node_ref (changes);
  batch->repaired = repaired ? g_hash_table_ref (repaired) : NULL;
  rd_store_worker_write_async (rd_store_worker_get_for_queue (store, RD_STORE_WORKER_SYNC),
                               apply_batch_job, batch, (GDestroyNotify) batch_free, g_free,
                               cancellable, callback, user_data);
}

gboolean
rd_sync_apply_batch_finish (RdStore       *store,
                            GAsyncResult  *result,
                            guint         *pulled,
                            GError       **error)
{
  RdStoreWorker *worker = rd_store_worker_get_for_queue (store, RD_STORE_WORKER_SYNC);
  g_autofree guint *count = rd_store_worker_write_finish (worker, result, error);

  if (count == NULL)
    return FALSE;
  *pulled = *count;
  return TRUE;
}
