/* rd-sync-pull.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-json-guard.h"
#include "rd-merge.h"
#include "rd-store-private.h"
#include "rd-sync-apply.h"
#include "rd-sync-engine-private.h"

static void step_repair_next (GTask *task);
static void start_batch      (GTask *task,
                              JsonNode *root);

/* Pulled batches handed to the store's worker at most: one applied, one waiting behind it,
 * while the main thread reads the next page. */
#define MAX_BATCHES_APPLYING 2

typedef struct
{
  GTask  *task;
  gint64  pending; /* the changes the server said were left after the batch, or -1 */
} Applying;

/* A batch was applied (error NULL) or not: the pull goes on, or the push starts after the
 * last one, or the round ends. */
static void
go_on_after_batch (GTask  *task,
                   GError *error)
{
  RdSyncRound *op = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      rd_sync_round_cancelled (task);
    }
  else if (error != NULL)
    rd_sync_round_fail_store (task, error);
  else if (op->pull_fetched)
    {
      if (op->applying == 0)
        rd_sync_push_start (task);
    }
  else if (op->pull_waits)
    {
      op->pull_waits = FALSE;
      rd_sync_pull_start (task);
    }
}

static void
on_batch_applied_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Applying *applying = user_data;
  g_autoptr (GTask) task = applying->task;
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  guint pulled = 0;
  gint64 pending = applying->pending;

  g_free (applying);
  op->applying--;
  if (rd_sync_apply_batch_finish (self->store, result, &pulled, &error))
    {
      rd_sync_engine_add_pulled (self, pulled);
      if (pending >= 0)
        {
          double done = self->pulled, left = (double) pending;

          rd_sync_engine_report_progress (self, done + left > 0 ? 0.5 * done / (done + left)
                                                                : 0.5);
        }
    }
  if (!rd_sync_round_ended (task))
    go_on_after_batch (task, g_steal_pointer (&error));
  rd_sync_round_job_finished (task);
}

/* Hands the batch in op->changes to the store's worker, which applies it and its last_seq in
 * one transaction, and goes on with the next page meanwhile. */
static void
apply_changes (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  JsonObject *object = json_node_get_object (op->changes);
  guint n = json_array_get_length (json_object_get_array_member (object, "results"));
  JsonNode *pending = json_object_get_member (object, "pending");
  Applying *applying;

  if (!rd_sync_apply_batch_is_complete (op->changes, op->repaired))
    {
      rd_sync_round_fail_protocol (task, _("a change without its document"));
      return;
    }
  g_free (op->since);
  op->since = json_to_string (json_object_get_member (object, "last_seq"), FALSE);

  applying = g_new0 (Applying, 1);
  applying->task = g_object_ref (task);
  applying->pending = pending != NULL && json_node_get_value_type (pending) == G_TYPE_INT64
                      ? MAX (json_node_get_int (pending), 0) : -1;
  /* The worker's alone from now on (JsonObject references are not thread-safe): the repairs
   * sent share the merged documents. */
  g_clear_pointer (&op->conflicted, g_ptr_array_unref);
  g_clear_pointer (&op->repairs, json_array_unref);
  op->applying++;
  rd_sync_round_job_started (task);
  rd_sync_apply_batch_async (self->store, op->changes, op->repaired,
                             g_task_get_cancellable (task), on_batch_applied_cb, applying);
  g_clear_pointer (&op->repaired, g_hash_table_unref);
  g_clear_pointer (&op->changes, json_node_unref);
  if (n < self->batch_size)
    op->pull_fetched = TRUE;
  else if (op->applying >= MAX_BATCHES_APPLYING)
    op->pull_waits = TRUE;
  else
    rd_sync_pull_start (task);
}

static void
on_repairs_saved_cb (GTask    *task,
                     guint     status,
                     JsonNode *root,
                     GError   *error)
{
  RdSyncRound *op = g_task_get_task_data (task);
  JsonArray *array;

  if (error != NULL)
    {
      rd_sync_round_fail (task, error);
      return;
    }
  /* A repair the server refused (someone was quicker) is retried when the doc changes again. */
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *result = rd_sync_object_or_null (json_array_get_element (array, i));
          const char *id = rd_sync_string_member (result, "id");
          const char *rev = rd_sync_string_member (result, "rev");
          JsonObject *merged = id ? g_hash_table_lookup (op->repaired, id) : NULL;

          if (merged != NULL && rev != NULL && rd_sync_string_member (result, "error") == NULL
              && !rd_sync_bool_member (merged, "_deleted"))
            json_object_set_string_member (merged, "_rev", rev);
        }
    }
  /* Merged winners not saved keep their old _rev and are applied as the plain winner. */
  apply_changes (task);
}

static void
on_open_revs_cb (GTask    *task,
                 guint     status,
                 JsonNode *root,
                 GError   *error)
{
  RdSyncRound *op = g_task_get_task_data (task);
  JsonObject *winner = g_ptr_array_index (op->conflicted, op->conflicted_next);
  g_autoptr (JsonObject) winner_body = rd_merge_strip_reserved (winner);
  g_autoptr (JsonObject) merged = json_object_ref (winner_body);
  const char *id = rd_sync_string_member (winner, "_id");
  JsonArray *leaves;

  if (error != NULL)
    {
      rd_sync_round_fail (task, error);
      return;
    }
  if (status != SOUP_STATUS_OK || !JSON_NODE_HOLDS_ARRAY (root))
    {
      rd_sync_round_fail_status (task, status, root);
      return;
    }
  leaves = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (leaves); i++)
    {
      JsonObject *leaf = rd_sync_object_or_null (json_array_get_element (leaves, i));
      JsonNode *ok = leaf ? json_object_get_member (leaf, "ok") : NULL;
      JsonObject *loser = rd_sync_object_or_null (ok);
      g_autoptr (JsonObject) loser_body = NULL;
      g_autoptr (JsonObject) next = NULL;
      JsonObject *deletion;

      if (loser == NULL || rd_sync_string_member (loser, "_rev") == NULL)
        continue;
      /* No common ancestor is known: fields only the loser has are kept, the winner's value
       * stays where both have one. */
      loser_body = rd_merge_strip_reserved (loser);
      next = rd_merge_three_way (NULL, merged, loser_body, NULL);
      g_clear_pointer (&merged, json_object_unref);
      merged = g_steal_pointer (&next);
      deletion = json_object_new ();
      json_object_set_string_member (deletion, "_id", id);
      json_object_set_string_member (deletion, "_rev", rd_sync_string_member (loser, "_rev"));
      json_object_set_boolean_member (deletion, "_deleted", TRUE);
      json_array_add_object_element (op->repairs, deletion);
    }
  {
    g_autoptr (JsonNode) a = rd_sync_node_from_object (merged);
    g_autoptr (JsonNode) b = rd_sync_node_from_object (winner_body);

    if (!json_node_equal (a, b))
      {
        JsonObject *update = json_object_ref (merged);

        json_object_set_string_member (update, "_id", id);
        json_object_set_string_member (update, "_rev", rd_sync_string_member (winner, "_rev"));
        json_array_add_object_element (op->repairs, json_object_ref (update));
        g_hash_table_insert (op->repaired, g_strdup (id), update);
      }
  }
  op->conflicted_next++;
  step_repair_next (task);
}

/* Server-side conflicts of the batch: merge each winner with its losers, then save the merged
 * winners and delete the losing revisions in one _bulk_docs. */
static void
step_repair_next (GTask *task)
{
  RdSyncRound *op = g_task_get_task_data (task);
  g_autoptr (JsonObject) bulk = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (op->conflicted_next < op->conflicted->len)
    {
      JsonObject *doc = g_ptr_array_index (op->conflicted, op->conflicted_next);
      JsonArray *revs = json_object_get_array_member (doc, "_conflicts");
      g_autoptr (JsonNode) revs_node = json_node_init_array (json_node_alloc (), revs);
      g_autofree char *revs_text = json_to_string (revs_node, FALSE);
      g_autofree char *id = g_uri_escape_string (rd_sync_string_member (doc, "_id"), NULL, FALSE);
      g_autofree char *escaped = g_uri_escape_string (revs_text, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/%s?open_revs=%s", id, escaped);

      rd_sync_round_request (task, "GET", path, NULL, on_open_revs_cb);
      return;
    }
  if (json_array_get_length (op->repairs) == 0)
    {
      apply_changes (task);
      return;
    }
  bulk = json_object_new ();
  json_object_set_array_member (bulk, "docs", json_array_ref (op->repairs));
  node = rd_sync_node_from_object (bulk);
  rd_sync_round_request (task, "POST", "/_bulk_docs", node, on_repairs_saved_cb);
}

static void fetch_next_doc (GTask *task);

static void
on_doc_fetched_cb (GTask    *task,
                   guint     status,
                   JsonNode *root,
                   GError   *error)
{
  RdSyncRound *op = g_task_get_task_data (task);
  JsonArray *results = json_object_get_array_member (json_node_get_object (op->changes),
                                                     "results");
  JsonObject *change = json_array_get_object_element (results, op->fetch_next);
  g_autoptr (GError) owned = error;

  if (owned != NULL && owned->domain == RD_JSON_GUARD_ERROR)
    json_object_set_string_member (change, RD_SYNC_QUARANTINE_MEMBER, owned->message);
  else if (owned == NULL && status == SOUP_STATUS_OK && JSON_NODE_HOLDS_OBJECT (root))
    json_object_set_member (change, "doc", json_node_ref (root));
  else if (owned == NULL && status == SOUP_STATUS_NOT_FOUND)
    json_object_set_boolean_member (change, "deleted", TRUE);
  else if (rd_sync_round_request_failed (task, status, root, g_steal_pointer (&owned)))
    return;
  op->fetch_next++;
  fetch_next_doc (task);
}

/* A deletion needs no body: its document is its id and revision. */
static void
add_deletion_doc (JsonObject *change)
{
  JsonObject *doc = json_object_new ();

  json_object_set_string_member (doc, "_id", rd_sync_string_member (change, "id"));
  if (rd_sync_change_leaf_rev (change) != NULL)
    json_object_set_string_member (doc, "_rev", rd_sync_change_leaf_rev (change));
  json_object_set_boolean_member (doc, "_deleted", TRUE);
  json_object_set_object_member (change, "doc", doc);
}

/* Careful mode: one request per document, so that one that cannot be read is set aside. */
static void
fetch_next_doc (GTask *task)
{
  RdSyncRound *op = g_task_get_task_data (task);
  JsonArray *results = json_object_get_array_member (json_node_get_object (op->changes),
                                                     "results");

  for (; op->fetch_next < json_array_get_length (results); op->fetch_next++)
    {
      JsonObject *change = rd_sync_object_or_null (json_array_get_element (results,
                                                                           op->fetch_next));
      const char *id = rd_sync_string_member (change, "id");
      g_autofree char *escaped = NULL;
      g_autofree char *path = NULL;

      if (change == NULL || id == NULL || json_object_has_member (change, "doc"))
        continue;
      if (rd_sync_bool_member (change, "deleted"))
        {
          add_deletion_doc (change);
          continue;
        }
      escaped = g_uri_escape_string (id, NULL, FALSE);
      path = g_strdup_printf ("/%s?conflicts=true", escaped);
      rd_sync_round_get_document (task, path, on_doc_fetched_cb);
      return;
    }
  /* Documents that vanished meanwhile are deletions. */
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *change = rd_sync_object_or_null (json_array_get_element (results, i));

      if (change != NULL && !json_object_has_member (change, "doc")
          && rd_sync_bool_member (change, "deleted"))
        add_deletion_doc (change);
    }
  {
    g_autoptr (JsonNode) changes = json_node_ref (op->changes);

    g_clear_pointer (&op->changes, json_node_unref);
    start_batch (task, changes);
  }
}

static gboolean
valid_changes (JsonNode *root)
{
  JsonObject *object = rd_sync_object_or_null (root);
  JsonNode *results = object ? json_object_get_member (object, "results") : NULL;

  return results != NULL && JSON_NODE_HOLDS_ARRAY (results)
         && json_object_has_member (object, "last_seq");
}

static void
on_change_ids_cb (GTask    *task,
                  guint     status,
                  JsonNode *root,
                  GError   *error)
{
  RdSyncRound *op = g_task_get_task_data (task);

  if (rd_sync_round_request_failed (task, status, root, error))
    return;
  if (!valid_changes (root))
    {
      rd_sync_round_fail_protocol (task, _("no “results” or “last_seq” in _changes"));
      return;
    }
  op->changes = json_node_copy (root);
  op->fetch_next = 0;
  fetch_next_doc (task);
}

/* The _changes page after since_text (JSON text of a seq, NULL: from the start). */
static char *
changes_path_since (GTask      *task,
                    gboolean    with_docs,
                    const char *since_text)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  g_autofree char *since = NULL;

  /* Seqs are opaque: a string is sent as its text, a number as written. */
  if (since_text != NULL)
    {
      g_autoptr (JsonNode) seq = json_from_string (since_text, NULL);

      if (seq != NULL && json_node_get_value_type (seq) == G_TYPE_STRING)
        since = g_uri_escape_string (json_node_get_string (seq), NULL, FALSE);
      else
        since = g_uri_escape_string (since_text, NULL, FALSE);
    }
  return g_strdup_printf ("/_changes?style=all_docs%s&since=%s&limit=%u",
                          with_docs ? "&include_docs=true&conflicts=true" : "",
                          since ? since : "0", self->batch_size);
}

static char *
changes_path (GTask    *task,
              gboolean  with_docs)
{
  RdSyncRound *op = g_task_get_task_data (task);

  return changes_path_since (task, with_docs, op->since);
}

static void
start_batch (GTask    *task,
             JsonNode *root)
{
  RdSyncRound *op = g_task_get_task_data (task);
  JsonArray *array;

  op->changes = json_node_ref (root);
  op->conflicted = g_ptr_array_new ();
  op->conflicted_next = 0;
  g_clear_pointer (&op->repairs, json_array_unref);
  op->repairs = json_array_new ();
  op->repaired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
  array = json_object_get_array_member (json_node_get_object (root), "results");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = rd_sync_object_or_null (json_array_get_element (array, i));
      JsonNode *doc_node = change ? json_object_get_member (change, "doc") : NULL;
      JsonObject *doc = rd_sync_object_or_null (doc_node);
      JsonNode *conflicts = doc ? json_object_get_member (doc, "_conflicts") : NULL;

      if (change == NULL)
        {
          rd_sync_round_fail_protocol (task, _("a change that is not an object"));
          return;
        }
      if (conflicts != NULL && JSON_NODE_HOLDS_ARRAY (conflicts)
          && json_array_get_length (json_node_get_array (conflicts)) > 0
          && rd_sync_string_member (doc, "_id") != NULL
          && rd_sync_string_member (doc, "_rev") != NULL)
        g_ptr_array_add (op->conflicted, doc);
    }
  step_repair_next (task);
}

static void on_changes_cb (GTask    *task,
                           guint     status,
                           JsonNode *root,
                           GError   *error);

/* A _changes page asked for; held by the round's queue and by its request. */
typedef struct
{
  char     *since;    /* JSON text of the seq it follows, NULL: from the start */
  gboolean  dropped;  /* no longer in the queue: its answer is of no use */
  gboolean  answered;
  JsonNode *root;
  guint     status;
  GError   *error;
} Page;

static void
page_clear (Page *page)
{
  g_free (page->since);
  g_clear_pointer (&page->root, json_node_unref);
  g_clear_error (&page->error);
}

static void
page_unref (gpointer page)
{
  g_rc_box_release_full (page, (GDestroyNotify) page_clear);
}

static void
drop_page (Page *page)
{
  page->dropped = TRUE;
  page_unref (page);
}

void
rd_sync_pull_clear (RdSyncRound *op)
{
  Page *page;

  if (op->pages == NULL)
    return;
  while ((page = g_queue_pop_head (op->pages)) != NULL)
    drop_page (page);
  g_clear_pointer (&op->pages, g_queue_free);
}

/* The seq a full page ends with, read from its text (JSON text, as json_to_string writes it),
 * or NULL when the page is not full or the text is not as CouchDB writes it. A guess: the
 * parsed page decides (rd_sync_pull_start drops a page asked for after a wrong guess). */
static char *
guess_next_since (GBytes *answer,
                  guint   batch_size)
{
  static const char changes[] = "\"changes\":[";
  static const char last_seq[] = "\"last_seq\":";
  gsize size;
  const char *data = g_bytes_get_data (answer, &size);
  const char *end = data + size;
  const char *at = NULL;
  const char *value;
  guint n = 0;
  g_autofree char *token = NULL;
  g_autoptr (JsonNode) seq = NULL;

  for (const char *p = data; n < batch_size && p != NULL && p < end; n++)
    {
      p = g_strstr_len (p, end - p, changes);
      if (p == NULL)
        break;
      p += strlen (changes);
    }
  if (n < batch_size)
    return NULL;
  /* last_seq follows the results: its last mention is the page's own. */
  for (const char *p = end - strlen (last_seq); p >= data; p--)
    if (*p == '"' && memcmp (p, last_seq, strlen (last_seq)) == 0)
      {
        at = p + strlen (last_seq);
        break;
      }
  if (at == NULL)
    return NULL;
  while (at < end && g_ascii_isspace (*at))
    at++;
  value = at;
  if (at < end && *at == '"')
    {
      for (at++; at < end && *at != '"'; at++)
        if (*at == '\\')
          at++;
      at++;
    }
  else
    while (at < end && *at != ',' && *at != '}' && !g_ascii_isspace (*at))
      at++;
  if (at > end || at == value)
    return NULL;
  token = g_strndup (value, at - value);
  seq = json_from_string (token, NULL);
  return seq ? json_to_string (seq, FALSE) : NULL;
}

static void request_page (GTask      *task,
                          const char *since);

/* The next page is asked for as soon as this one's text is in, before it is parsed and
 * applied: the server reads it meanwhile. */
static void
request_next_page (GTask  *task,
                   Page   *page,
                   GBytes *answer)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  g_autofree char *next = NULL;

  if (g_queue_get_length (op->pages) != 1)
    return;
  next = guess_next_since (answer, self->batch_size);
  if (next != NULL && g_strcmp0 (next, page->since) != 0)
    request_page (task, next);
}

static void
deliver_first_page (GTask *task)
{
  RdSyncRound *op = g_task_get_task_data (task);
  Page *page = g_queue_pop_head (op->pages);
  g_autoptr (JsonNode) root = g_steal_pointer (&page->root);
  GError *error = g_steal_pointer (&page->error);
  guint status = page->status;

  op->page_wanted = FALSE;
  drop_page (page);
  on_changes_cb (task, status, root, error);
}

static void
on_page_cb (GTask    *task,
            gpointer  data,
            guint     status,
            JsonNode *root,
            GError   *error)
{
  RdSyncRound *op = g_task_get_task_data (task);
  Page *page = data;
  g_autoptr (GError) owned = error;

  if (page->dropped || rd_sync_round_ended (task))
    return;
  page->answered = TRUE;
  page->root = root ? json_node_ref (root) : NULL;
  page->status = status;
  page->error = g_steal_pointer (&owned);
  if (op->page_wanted && g_queue_peek_head (op->pages) == page)
    deliver_first_page (task);
}

typedef struct
{
  GTask *task;
  Page  *page;
} Parsing;

static void
on_page_parsed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Parsing *parsing = user_data;
  g_autoptr (GTask) task = parsing->task;
  RdSyncEngine *self = g_task_get_source_object (task);
  Page *page = parsing->page;
  GError *error = NULL;
  g_autoptr (JsonNode) root = rd_sync_apply_parse_finish (self->store, result, &error);

  g_free (parsing);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    error = rd_couch_client_unreadable_answer (rd_sync_round_client (task), error);
  on_page_cb (task, page, SOUP_STATUS_OK, root, error);
  page_unref (page);
}

/* A page's text goes to the store's sync worker to be parsed, in turn with the batches it
 * applies; any other answer was parsed already. */
static void
on_page_text_cb (GTask    *task,
                 gpointer  data,
                 guint     status,
                 GBytes   *text,
                 JsonNode *root,
                 GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  Page *page = data;
  Parsing *parsing;

  if (text == NULL || page->dropped || rd_sync_round_ended (task))
    {
      on_page_cb (task, page, status, root, error);
      return;
    }
  request_next_page (task, page, text);
  parsing = g_new0 (Parsing, 1);
  parsing->task = g_object_ref (task);
  parsing->page = g_rc_box_acquire (page);
  rd_sync_apply_parse_async (self->store, text, g_task_get_cancellable (task),
                             on_page_parsed_cb, parsing);
}

static void
request_page (GTask      *task,
              const char *since)
{
  RdSyncRound *op = g_task_get_task_data (task);
  g_autofree char *path = changes_path_since (task, TRUE, since);
  Page *page = g_rc_box_new0 (Page);

  page->since = g_strdup (since);
  g_queue_push_tail (op->pages, page);
  rd_sync_round_get_text (task, path, on_page_text_cb, g_rc_box_acquire (page), page_unref);
}

/* A full page whose next one was not asked for yet (its text was not as expected). */
static void
prefetch_after (GTask    *task,
                JsonNode *root)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  JsonObject *object = json_node_get_object (root);
  JsonArray *results = json_object_get_array_member (object, "results");
  Page *last = g_queue_peek_tail (op->pages);
  g_autofree char *last_seq = NULL;

  if (json_array_get_length (results) < self->batch_size)
    return;
  last_seq = json_to_string (json_object_get_member (object, "last_seq"), FALSE);
  if (last == NULL || g_strcmp0 (last->since, last_seq) != 0)
    request_page (task, last_seq);
}

static void
on_changes_cb (GTask    *task,
               guint     status,
               JsonNode *root,
               GError   *error)
{
  if (error != NULL && error->domain == RD_JSON_GUARD_ERROR)
    {
      g_autofree char *path = changes_path (task, FALSE);

      /* A document in this batch cannot be read: fetch them one by one. */
      g_debug ("Reading the batch document by document: %s", error->message);
      g_error_free (error);
      rd_sync_round_request (task, "GET", path, NULL, on_change_ids_cb);
      return;
    }
  if (rd_sync_round_request_failed (task, status, root, error))
    return;
  if (!valid_changes (root))
    {
      rd_sync_round_fail_protocol (task, _("no “results” or “last_seq” in _changes"));
      return;
    }
  prefetch_after (task, root);
  start_batch (task, root);
}

void
rd_sync_pull_start (GTask *task)
{
  RdSyncRound *op = g_task_get_task_data (task);
  Page *first;

  if (rd_sync_round_cancelled (task))
    return;
  /* Pages asked for after a wrong guess of where this one would start. */
  while ((first = g_queue_peek_head (op->pages)) != NULL
         && g_strcmp0 (first->since, op->since) != 0)
    drop_page (g_queue_pop_head (op->pages));
  if (first == NULL)
    request_page (task, op->since);
  if (((Page *) g_queue_peek_head (op->pages))->answered)
    deliver_first_page (task);
  else
    op->page_wanted = TRUE;
}
