/* rd-sync-push.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-merge.h"
#include "rd-record-check.h"
#include "rd-store-private.h"
#include "rd-sync-engine-private.h"

#define MAX_STALLED_PUSHES 3
/* The next batch is read, remembered and sent while the server stores the one before: the
 * server does not wait for this device between two batches. */
#define MAX_PUSHES_IN_FLIGHT 2

static void step_push (GTask *task);

static void
on_readback_cb (GTask    *task,
                guint     status,
                JsonNode *root,
                GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  g_autoptr (GError) store_error = NULL;
  g_autoptr (GError) owned = error;
  JsonObject *object = rd_sync_object_or_null (root);
  JsonNode *rows_node = object ? json_object_get_member (object, "rows") : NULL;
  JsonArray *rows;

  op->readbacks--;
  if (rd_sync_round_ended (task))
    return;
  if (rd_sync_round_request_failed (task, status, root, g_steal_pointer (&owned)))
    return;
  if (rows_node == NULL || !JSON_NODE_HOLDS_ARRAY (rows_node))
    {
      rd_sync_round_fail_protocol (task, _("no “rows” in _all_docs"));
      return;
    }
  rows = json_node_get_array (rows_node);

  if (!rd_store_begin (self->store, &store_error))
    {
      rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = rd_sync_object_or_null (json_array_get_element (rows, i));
      JsonNode *value_node = row ? json_object_get_member (row, "value") : NULL;
      JsonObject *value = rd_sync_object_or_null (value_node);
      JsonObject *doc = row ? rd_sync_object_or_null (json_object_get_member (row, "doc")) : NULL;
      const char *id = rd_sync_string_member (row, "key");
      RdSyncApplied applied = RD_SYNC_APPLIED_NOTHING;
      gboolean ok;

      if (id == NULL)
        continue;
      if (g_strcmp0 (rd_sync_string_member (row, "error"), "not_found") == 0)
        ok = rd_store_sync_forget_rev (self->store, id, &store_error);
      else if (value != NULL && rd_sync_bool_member (value, "deleted"))
        ok = rd_store_sync_apply (self->store, id, rd_sync_string_member (value, "rev"), NULL,
                                  TRUE, &applied, &store_error);
      else if (doc != NULL)
        {
          g_autoptr (JsonObject) body = rd_merge_strip_reserved (doc);

          ok = rd_store_sync_apply (self->store, id, rd_sync_string_member (doc, "_rev"), body,
                                    FALSE, &applied, &store_error);
        }
      else
        continue;
      if (!ok)
        {
          rd_store_rollback (self->store);
          rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
          return;
        }
      if (applied != RD_SYNC_APPLIED_NOTHING)
        rd_sync_engine_add_pulled (self, 1);
    }
  if (!rd_store_commit (self->store, &store_error))
    {
      rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  step_push (task);
}

static void
on_bulk_docs_cb (GTask    *task,
                 gpointer  data,
                 guint     status,
                 JsonNode *root,
                 GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  GPtrArray *outgoing = data;
  g_autoptr (GHashTable) results = NULL;
  g_autoptr (GError) store_error = NULL;
  g_autoptr (GError) owned = error;
  g_autoptr (JsonArray) readback = NULL;
  guint marked = 0;
  JsonArray *array;

  op->pushes--;
  for (guint i = 0; i < outgoing->len; i++)
    g_hash_table_remove (op->in_flight, ((RdSyncOutgoing *) g_ptr_array_index (outgoing, i))->id);
  /* The round failed on another answer: what this one says is learnt from the server next
   * time (rd_store_sync_remember_push). */
  if (rd_sync_round_ended (task))
    return;
  if (owned != NULL)
    {
      rd_sync_round_fail (task, g_steal_pointer (&owned));
      return;
    }
  /* Per-document results come whatever the HTTP status; anything else is the whole request. */
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      if (status >= 200 && status < 300)
        {
          rd_sync_round_fail_protocol (task, _("_bulk_docs did not answer a list"));
          return;
        }
      rd_sync_round_fail_status (task, status, root);
      return;
    }
  array = json_node_get_array (root);
  results = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *result = rd_sync_object_or_null (json_array_get_element (array, i));
      const char *id = rd_sync_string_member (result, "id");

      if (id != NULL)
        g_hash_table_insert (results, (gpointer) id, result);
    }

  readback = json_array_new ();
  if (!rd_store_begin (self->store, &store_error))
    {
      rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  for (guint i = 0; i < outgoing->len; i++)
    {
      RdSyncOutgoing *doc = g_ptr_array_index (outgoing, i);
      JsonObject *result = g_hash_table_lookup (results, doc->id);
      const char *rev = rd_sync_string_member (result, "rev");
      const char *failure = rd_sync_string_member (result, "error");

      if (result != NULL && failure == NULL && rev != NULL)
        {
          if (!rd_store_sync_mark_pushed (self->store, doc, rev, &store_error))
            {
              rd_store_rollback (self->store);
              rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
              return;
            }
          marked++;
        }
      else if (result == NULL || g_strcmp0 (failure, "conflict") == 0)
        /* Someone else wrote it, or our own earlier attempt did: read it back to know. */
        json_array_add_string_element (readback, doc->id);
      else
        {
          const char *reason = rd_sync_string_member (result, "reason");

          g_hash_table_insert (op->refused, g_strdup (doc->id),
                               g_strdup (reason ? reason : failure));
        }
    }
  if (!rd_store_commit (self->store, &store_error))
    {
      rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
      return;
    }

  rd_sync_engine_add_pushed (self, marked);
  if (op->total_dirty > 0)
    rd_sync_engine_report_progress (self, 0.5 + 0.5 * MIN (1.0, (double) self->pushed
                                                                   / op->total_dirty));
  op->stalled = marked > 0 ? 0 : op->stalled + 1;
  if (op->stalled >= MAX_STALLED_PUSHES)
    {
      rd_sync_round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FAILED,
                                    _("The server %s keeps rejecting the changes as "
                                      "conflicting; try again later."),
                                    self->server_url));
      return;
    }

  if (json_array_get_length (readback) > 0)
    {
      g_autoptr (JsonObject) keys = json_object_new ();
      g_autoptr (JsonNode) body = NULL;

      json_object_set_array_member (keys, "keys", g_steal_pointer (&readback));
      body = rd_sync_node_from_object (keys);
      /* No batch is sent until the answer is applied: it would send these records again. */
      op->readbacks++;
      rd_sync_round_request (task, "POST", "/_all_docs?include_docs=true&conflicts=true", body,
                             on_readback_cb);
      return;
    }
  step_push (task);
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The stored body is the document: its text goes out as it is, after "_id" and "_rev". */
static void
append_outgoing (GString        *out,
                 RdSyncOutgoing *doc)
{
  const char *body = doc->body_text;

  g_string_append (out, "{\"_id\":");
  append_json_string (out, doc->id);
  if (doc->rev != NULL)
    {
      g_string_append (out, ",\"_rev\":");
      append_json_string (out, doc->rev);
    }
  if (doc->deleted)
    {
      g_string_append (out, ",\"_deleted\":true}");
      return;
    }
  /* body is a JSON object's text: "{" members "}". */
  while (g_ascii_isspace (*body))
    body++;
  g_assert (*body == '{');
  body++;
  while (g_ascii_isspace (*body))
    body++;
  if (*body != '}')
    g_string_append_c (out, ',');
  g_string_append (out, body);
}

/* What the server would refuse, or what would break other clients, is never sent: such
 * records stay here, dirty, and the round reports them. */
static gboolean
outgoing_is_valid (RdSyncOutgoing  *doc,
                   GError         **error)
{
  g_autoptr (JsonObject) body = NULL;

  if (!rd_record_check_id (doc->id, error))
    return FALSE;
  if (doc->deleted)
    return TRUE;
  body = rd_json_object_from_string (doc->body_text, error);
  return body != NULL && rd_record_check_new_body (body, error);
}

/* Sets aside the invalid records of outgoing; FALSE when none is left to send. */
static gboolean
hold_back_invalid (RdSyncRound *op,
                   GPtrArray   *outgoing)
{
  for (guint i = outgoing->len; i > 0; i--)
    {
      RdSyncOutgoing *doc = g_ptr_array_index (outgoing, i - 1);
      g_autoptr (GError) error = NULL;
      g_autofree char *shown = NULL;

      if (outgoing_is_valid (doc, &error))
        continue;
      shown = rd_record_dup_quoted_id (doc->id);
      g_message ("Not sending the record %s: %s", shown, error->message);
      g_hash_table_insert (op->refused, g_strdup (doc->id), g_strdup (error->message));
      g_hash_table_add (op->invalid, g_strdup (doc->id));
      g_ptr_array_remove_index (outgoing, i - 1);
    }
  return outgoing->len > 0;
}

/* The next dirty records to send, neither refused nor in a push in flight: empty when none
 * is left, NULL on a store error. */
static GPtrArray *
next_batch (RdSyncEngine  *self,
            RdSyncRound   *op,
            GError       **error)
{
  g_autoptr (GHashTable) skip = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, op->in_flight);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_hash_table_add (skip, id);
  for (;;)
    {
      g_autoptr (GPtrArray) outgoing = NULL;

      /* Records held back go into op->refused, so the next listing passes them. */
      g_hash_table_iter_init (&iter, op->refused);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_hash_table_add (skip, id);
      outgoing = rd_store_sync_list_dirty (self->store, skip, self->batch_size, error);
      if (outgoing == NULL)
        return NULL;
      if (outgoing->len == 0 || hold_back_invalid (op, outgoing))
        return g_steal_pointer (&outgoing);
    }
}

/* Remembers and sends one batch; its answer comes to on_bulk_docs_cb. */
static gboolean
send_batch (GTask      *task,
            GPtrArray  *outgoing,
            GError    **error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  GString *request;

  if (!rd_store_sync_remember_push (self->store, outgoing, error))
    return FALSE;
  request = g_string_sized_new (256 * outgoing->len);
  g_string_append (request, "{\"docs\":[");
  for (guint i = 0; i < outgoing->len; i++)
    {
      RdSyncOutgoing *doc = g_ptr_array_index (outgoing, i);

      if (i > 0)
        g_string_append_c (request, ',');
      append_outgoing (request, doc);
      g_hash_table_add (op->in_flight, g_strdup (doc->id));
    }
  g_string_append (request, "]}");
  body = g_string_free_to_bytes (request);
  op->pushes++;
  rd_sync_round_request_data (task, "POST", "/_bulk_docs", body, on_bulk_docs_cb,
                              g_ptr_array_ref (outgoing), (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

/* Keeps up to MAX_PUSHES_IN_FLIGHT batches at the server; ends the round when every dirty
 * record sent has its answer. */
static void
step_push (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  g_autoptr (GError) store_error = NULL;

  if (rd_sync_round_ended (task) || rd_sync_round_cancelled (task))
    return;
  if (op->readbacks > 0)
    return;
  while (op->pushes < MAX_PUSHES_IN_FLIGHT)
    {
      g_autoptr (GPtrArray) outgoing = next_batch (self, op, &store_error);

      if (outgoing == NULL || (outgoing->len > 0 && !send_batch (task, outgoing, &store_error)))
        {
          /* Batches still in flight find the round ended. */
          rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
          return;
        }
      if (outgoing->len == 0)
        break;
    }
  if (op->pushes == 0)
    rd_sync_round_succeed (task);
}

void
rd_sync_push_start (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);

  op->total_dirty = rd_store_sync_count_dirty (self->store);
  rd_sync_engine_report_progress (self, 0.5);
  step_push (task);
}

/* Applies the pull batch in op->changes and its last_seq in one transaction. */
