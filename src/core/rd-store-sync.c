/* rd-store-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-amounts.h"
#include "rd-record-check.h"
#include "rd-store-sync-private.h"

void
rd_sync_outgoing_free (RdSyncOutgoing *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  g_free (doc->rev);
  g_free (doc->body_text);
  g_free (doc);
}

static JsonObject *
object_from_column (sqlite3_stmt *stmt,
                    int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr (GError) error = NULL;
  JsonObject *object;

  if (text == NULL)
    return NULL;
  object = rd_json_object_from_string (text, &error);
  if (object == NULL)
    g_warning ("Ignoring a damaged JSON column: %s", error->message);
  return object;
}

gboolean
rd_store_sync_load_row (RdStore     *self,
                        const char  *id,
                        LocalRow    *row,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (self, "SELECT rev, body, base_body, deleted, edit_seq, pushed_seq, "
                                 "conflict FROM docs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->exists = TRUE;
      row->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->body = object_from_column (stmt, 1);
      row->base = object_from_column (stmt, 2);
      row->deleted = sqlite3_column_int (stmt, 3) != 0;
      row->edit_seq = sqlite3_column_int64 (stmt, 4);
      row->pushed_seq = sqlite3_column_int64 (stmt, 5);
      row->dirty = row->edit_seq > row->pushed_seq;
      row->conflict = object_from_column (stmt, 6);
      if (row->body == NULL)
        row->body = json_object_new ();
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("reading a record"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_sync_step_done (RdStore      *self,
                         sqlite3_stmt *stmt,
                         GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("saving a synchronized record"));
      return FALSE;
    }
  return TRUE;
}

void
rd_store_sync_bind_object (sqlite3_stmt *stmt,
                           int           column,
                           JsonObject   *object)
{
  if (object == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, rd_json_object_to_string (object), -1, g_free);
}

/* A body taken from the server is also its base: written as text once for both columns. */
static void
bind_body_and_base (sqlite3_stmt *stmt,
                    int           body_column,
                    JsonObject   *body,
                    int           base_column,
                    JsonObject   *base)
{
  char *text;

  if (body == NULL || body != base)
    {
      rd_store_sync_bind_object (stmt, body_column, body);
      rd_store_sync_bind_object (stmt, base_column, base);
      return;
    }
  text = rd_json_object_to_string (body);
  sqlite3_bind_text (stmt, body_column, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, base_column, text, -1, g_free);
}

const char *
rd_store_sync_body_type (JsonObject *body)
{
  JsonNode *type = body ? json_object_get_member (body, "type") : NULL;

  if (type == NULL || json_node_get_value_type (type) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (type);
}

#define INFLIGHT_PREFIX   "sync.inflight."
#define QUARANTINE_PREFIX "sync.quarantine."

static gboolean
forget_meta (RdStore     *self,
             const char  *prefix,
             const char  *id,
             GError     **error)
{
  g_autofree char *key = g_strconcat (prefix, id, NULL);
  sqlite3_stmt *stmt = rd_store_prepare (self, "DELETE FROM meta WHERE key = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  return rd_store_sync_step_done (self, stmt, error);
}

static JsonObject *
meta_object (RdStore    *self,
             const char *prefix,
             const char *id)
{
  g_autofree char *key = g_strconcat (prefix, id, NULL);
  g_autofree char *text = rd_store_meta_get (self, key);

  return text ? rd_json_object_from_string (text, NULL) : NULL;
}

gboolean
rd_store_sync_remember_push (RdStore    *self,
                             GPtrArray  *outgoing,
                             GError    **error)
{
  sqlite3_stmt *stmt;

  if (!rd_store_begin (self, error))
    return FALSE;
  stmt = rd_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  for (guint i = 0; stmt != NULL && i < outgoing->len; i++)
    {
      RdSyncOutgoing *doc = g_ptr_array_index (outgoing, i);
      g_autofree char *rev_text = NULL;

      /* A deletion needs no memory: a deletion on the server is taken as it is. */
      if (doc->deleted)
        continue;
      if (doc->rev != NULL)
        {
          g_autoptr (JsonNode) rev = json_node_new (JSON_NODE_VALUE);

          json_node_set_string (rev, doc->rev);
          rev_text = json_to_string (rev, FALSE);
        }
      /* The stored text as it is: no second serialization of every body. */
      sqlite3_bind_text (stmt, 1, g_strconcat (INFLIGHT_PREFIX, doc->id, NULL), -1, g_free);
      sqlite3_bind_text (stmt, 2, g_strdup_printf ("{\"rev\":%s,\"body\":%s}",
                                                   rev_text ? rev_text : "null",
                                                   doc->body_text),
                         -1, g_free);
      if (!rd_store_sync_step_done (self, stmt, error))
        stmt = NULL;
    }
  if (stmt == NULL)
    {
      rd_store_rollback (self);
      return FALSE;
    }
  return rd_store_commit (self, error);
}

static guint64
rev_generation (const char *rev)
{
  return rev ? g_ascii_strtoull (rev, NULL, 10) : 0;
}

/* The server's revision is the write this device sent before its answer was lost: one
 * generation after the base it was sent on, with the very body that was sent. */
static gboolean
is_own_write (RdStore    *self,
              const char *id,
              const char *rev,
              JsonObject *body)
{
  g_autoptr (JsonObject) flight = meta_object (self, INFLIGHT_PREFIX, id);
  JsonNode *base_rev;
  JsonNode *sent;

  if (flight == NULL || body == NULL)
    return FALSE;
  base_rev = json_object_get_member (flight, "rev");
  sent = json_object_get_member (flight, "body");
  if (base_rev == NULL || sent == NULL || !JSON_NODE_HOLDS_OBJECT (sent))
    return FALSE;
  if (rev_generation (rev) != rev_generation (JSON_NODE_HOLDS_NULL (base_rev)
                                              ? NULL : json_node_get_string (base_rev)) + 1)
    return FALSE;
  return rd_merge_objects_equal (json_node_get_object (sent), body);
}

void
rd_sync_quarantined_free (RdSyncQuarantined *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  g_free (doc->rev);
  g_free (doc->reason);
  g_free (doc);
}

gboolean
rd_store_sync_quarantine (RdStore     *self,
                          const char  *id,
                          const char  *rev,
                          const char  *reason,
                          GError     **error)
{
  g_autoptr (JsonObject) entry = json_object_new ();
  g_autofree char *key = g_strconcat (QUARANTINE_PREFIX, id, NULL);
  g_autofree char *text = NULL;
  g_autofree char *shown = rd_record_dup_quoted_id (id);

  g_message ("The server document %s (%s) cannot be stored here: %s", shown, rev ? rev : "",
             reason);
  json_object_set_string_member (entry, "rev", rev ? rev : "");
  json_object_set_string_member (entry, "reason", reason);
  text = rd_json_object_to_string (entry);
  return rd_store_meta_set (self, key, text, error);
}

GPtrArray *
rd_store_sync_list_quarantined (RdStore  *self,
                                GError  **error)
{
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func (
    (GDestroyNotify) rd_sync_quarantined_free);
  sqlite3_stmt *stmt;
  int rc;

  /* "/" follows "." in ASCII: the range is every key with the prefix. */
  stmt = rd_store_prepare (self, "SELECT key, value FROM meta WHERE key >= 'sync.quarantine.' "
                                 "AND key < 'sync.quarantine/' ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr (JsonObject) entry = value ? rd_json_object_from_string (value, NULL) : NULL;
      RdSyncQuarantined *doc;

      if (!g_str_has_prefix (key, QUARANTINE_PREFIX))
        continue;
      doc = g_new0 (RdSyncQuarantined, 1);
      doc->id = g_strdup (key + strlen (QUARANTINE_PREFIX));
      doc->rev = g_strdup (entry ? json_object_get_string_member_with_default (entry, "rev", "")
                                 : "");
      doc->reason = g_strdup (entry ? json_object_get_string_member_with_default (entry,
                                                                                  "reason", "")
                                    : "");
      g_ptr_array_add (docs, doc);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("reading the documents set aside"));
      return NULL;
    }
  return g_steal_pointer (&docs);
}

guint
rd_store_sync_count_quarantined (RdStore *self)
{
  g_autoptr (GPtrArray) docs = rd_store_sync_list_quarantined (self, NULL);

  return docs ? docs->len : 0;
}

GPtrArray *
rd_store_sync_list_dirty (RdStore     *self,
                          GHashTable  *exclude,
                          guint        limit,
                          GError     **error)
{
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func (
    (GDestroyNotify) rd_sync_outgoing_free);
  guint skip = exclude ? g_hash_table_size (exclude) : 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (self, "SELECT id, rev, body, deleted, edit_seq FROM docs "
                                 "WHERE edit_seq > pushed_seq AND conflict IS NULL "
                                 "ORDER BY edit_seq, rowid LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (gint64) limit + skip);
  while (docs->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      RdSyncOutgoing *doc;

      if (exclude != NULL && g_hash_table_contains (exclude, id))
        continue;
      doc = g_new0 (RdSyncOutgoing, 1);
      doc->id = g_strdup (id);
      doc->rev = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      doc->body_text = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      doc->deleted = sqlite3_column_int (stmt, 3) != 0;
      doc->edit_seq = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (docs, doc);
    }
  if (docs->len < limit && rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("reading the records to synchronize"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&docs);
}

guint
rd_store_sync_count_dirty (RdStore *self)
{
  sqlite3_stmt *stmt = rd_store_prepare (self, "SELECT count(*) FROM docs "
                                               "WHERE edit_seq > pushed_seq "
                                               "AND conflict IS NULL", NULL);
  guint count = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

gboolean
rd_store_sync_has_dirty (RdStore *self)
{
  sqlite3_stmt *stmt = rd_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM docs "
                                               "WHERE edit_seq > pushed_seq "
                                               "AND conflict IS NULL)", NULL);
  gboolean dirty = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    dirty = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return dirty;
}

gboolean
rd_store_sync_mark_pushed (RdStore         *self,
                           RdSyncOutgoing  *doc,
                           const char      *rev,
                           GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (self, "UPDATE docs SET rev = ?, base_body = ?, "
                                 "pushed_seq = max (pushed_seq, ?) WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, doc->body_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, doc->edit_seq);
  sqlite3_bind_text (stmt, 4, doc->id, -1, SQLITE_TRANSIENT);
  if (!rd_store_sync_step_done (self, stmt, error))
    return FALSE;
  return forget_meta (self, INFLIGHT_PREFIX, doc->id, error);
}

gboolean
rd_store_sync_forget_rev (RdStore     *self,
                          const char  *id,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (self, "UPDATE docs SET rev = NULL, base_body = NULL, "
                                 "edit_seq = max (edit_seq, pushed_seq + 1) WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return rd_store_sync_step_done (self, stmt, error);
}

/* Writes a row back. clean: the row matches the server (pushed_seq catches up). */
gboolean
rd_store_sync_write_row (RdStore     *self,
                         const char  *id,
                         const char  *rev,
                         JsonObject  *body,
                         JsonObject  *base,
                         gboolean     deleted,
                         gboolean     clean,
                         JsonObject  *conflict,
                         GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (self, "UPDATE docs SET rev = ?, body = ?, base_body = ?, "
                                 "deleted = ?, conflict = ?, "
                                 "pushed_seq = CASE WHEN ? THEN edit_seq ELSE pushed_seq END, "
                                 "type = coalesce (?, type) WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rev, -1, SQLITE_TRANSIENT);
  bind_body_and_base (stmt, 2, body, 3, base);
  sqlite3_bind_int (stmt, 4, deleted);
  rd_store_sync_bind_object (stmt, 5, conflict);
  sqlite3_bind_int (stmt, 6, clean);
  sqlite3_bind_text (stmt, 7, rd_store_sync_body_type (body), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, id, -1, SQLITE_TRANSIENT);
  if (!rd_store_sync_step_done (self, stmt, error))
    return FALSE;
  rd_store_note_change (self);
  return TRUE;
}

static JsonObject *
make_conflict (RdSyncConflictKind  kind,
               const char         *rev,
               JsonObject         *theirs,
               JsonObject         *old_conflict)
{
  static const char *const kinds[] = { "fields", "edit_delete", "delete_edit" };
  JsonObject *conflict = json_object_new ();
  JsonObject *choices = NULL;

  json_object_set_string_member (conflict, "kind", kinds[kind]);
  json_object_set_string_member (conflict, "rev", rev);
  if (theirs != NULL)
    json_object_set_object_member (conflict, "theirs", json_object_ref (theirs));
  else
    json_object_set_null_member (conflict, "theirs");
  if (old_conflict != NULL && json_object_has_member (old_conflict, "choices"))
    choices = json_object_get_object_member (old_conflict, "choices");
  json_object_set_object_member (conflict, "choices",
                                 choices ? json_object_ref (choices) : json_object_new ());
  return conflict;
}

RdSyncConflictKind
rd_store_sync_conflict_kind (JsonObject *conflict)
{
  const char *kind = json_object_get_string_member_with_default (conflict, "kind", "fields");

  if (g_str_equal (kind, "edit_delete"))
    return RD_SYNC_CONFLICT_EDIT_DELETE;
  if (g_str_equal (kind, "delete_edit"))
    return RD_SYNC_CONFLICT_DELETE_EDIT;
  return RD_SYNC_CONFLICT_FIELDS;
}

JsonObject *
rd_store_sync_conflict_theirs (JsonObject *conflict)
{
  JsonNode *node = json_object_get_member (conflict, "theirs");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static GQuark
batch_quark (void)
{
  return g_quark_from_static_string ("rd-store-sync-batch");
}

/* The ids of the new records a batch holds back (see rd_store_sync_begin_batch), or NULL. */
static GHashTable *
batch_ids (RdStore *self)
{
  return g_object_get_qdata (G_OBJECT (self), batch_quark ());
}

gboolean
rd_store_sync_begin_batch (RdStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (batch_ids (self) == NULL, FALSE);

  if (!rd_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS sync_incoming "
                            "(id TEXT PRIMARY KEY, type TEXT, body TEXT, rev TEXT);"
                            "DELETE FROM temp.sync_incoming", error))
    return FALSE;
  g_object_set_qdata_full (G_OBJECT (self), batch_quark (),
                           g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                           (GDestroyNotify) g_hash_table_unref);
  return TRUE;
}

/* Writes the new records held back so far, in one statement. */
static gboolean
flush_batch (RdStore     *self,
             GError     **error)
{
  GHashTable *ids = batch_ids (self);

  if (ids == NULL || g_hash_table_size (ids) == 0)
    return TRUE;
  if (!rd_store_exec (self, "INSERT INTO docs (id, type, body, rev, base_body) "
                            "SELECT id, type, body, rev, body FROM temp.sync_incoming;"
                            "DELETE FROM temp.sync_incoming", error))
    return FALSE;
  g_hash_table_remove_all (ids);
  rd_store_note_change (self);
  return TRUE;
}

gboolean
rd_store_sync_end_batch (RdStore  *self,
                         GError  **error)
{
  gboolean ok = flush_batch (self, error);

  g_object_set_qdata (G_OBJECT (self), batch_quark (), NULL);
  return ok;
}

void
rd_store_sync_cancel_batch (RdStore *self)
{
  g_object_set_qdata (G_OBJECT (self), batch_quark (), NULL);
}

static gboolean
insert_clean (RdStore        *self,
              const char     *id,
              const char     *rev,
              JsonObject     *body,
              RdSyncApplied  *applied,
              GError        **error)
{
  const char *type = rd_store_sync_body_type (body);
  GHashTable *batch = batch_ids (self);
  sqlite3_stmt *stmt;

  if (type == NULL)
    {
      *applied = RD_SYNC_APPLIED_QUARANTINED;
      return rd_store_sync_quarantine (self, id, rev, _("the document has no “type”"), error);
    }
  if (batch != NULL)
    stmt = rd_store_prepare (self, "INSERT OR REPLACE INTO temp.sync_incoming "
                                   "(id, type, body, rev) VALUES (?, ?, ?, ?)", error);
  else
    stmt = rd_store_prepare (self, "INSERT INTO docs (id, type, body, rev, base_body) "
                                   "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  if (batch != NULL)
    rd_store_sync_bind_object (stmt, 3, body);
  else
    bind_body_and_base (stmt, 3, body, 5, body);
  sqlite3_bind_text (stmt, 4, rev, -1, SQLITE_TRANSIENT);
  if (!rd_store_sync_step_done (self, stmt, error))
    return FALSE;
  if (batch != NULL)
    g_hash_table_add (batch, g_strdup (id));
  else
    rd_store_note_change (self);
  *applied = RD_SYNC_APPLIED_TAKEN;
  return TRUE;
}

/* What the window, add, update and import refuse is not taken from the server either: an id
 * CouchDB reserves or cannot hold, "_" members, a changed type, fields of the wrong type,
 * dates an iCalendar file cannot carry. */
static gboolean
incoming_is_valid (const char  *id,
                   LocalRow    *row,
                   JsonObject  *body,
                   GError     **error)
{
  if (body == NULL)
    return TRUE;
  if (!rd_record_check_id (id, error))
    return FALSE;
  if (row->exists)
    return rd_record_check_changed_body (row->body, body, error);
  return rd_record_check_new_body (body, error);
}

gboolean
rd_store_sync_apply (RdStore        *self,
                     const char     *id,
                     const char     *rev,
                     JsonObject     *body,
                     gboolean        deleted,
                     RdSyncApplied  *applied,
                     GError        **error)
{
  g_auto (LocalRow) row = { 0 };
  g_autoptr (JsonObject) merged = NULL;
  g_autoptr (JsonObject) conflict = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (JsonObject) stored = NULL;
  g_autoptr (GError) invalid = NULL;

  *applied = RD_SYNC_APPLIED_NOTHING;
  /* A second version of a record the batch holds back: the first one is written before. */
  if (batch_ids (self) != NULL && g_hash_table_contains (batch_ids (self), id)
      && !flush_batch (self, error))
    return FALSE;
  /* An older client's numeric amounts are stored, compared and merged as exact strings. */
  if (body != NULL)
    body = stored = rd_amounts_dup_stored (body);
  if (!rd_store_sync_load_row (self, id, &row, error))
    return FALSE;
  /* Whatever was set aside for this id is superseded by this version. */
  if (!forget_meta (self, QUARANTINE_PREFIX, id, error))
    return FALSE;
  if (!deleted && !incoming_is_valid (id, &row, body, &invalid))
    {
      *applied = RD_SYNC_APPLIED_QUARANTINED;
      return rd_store_sync_quarantine (self, id, rev, invalid->message, error);
    }

  if (row.exists && row.dirty && row.conflict == NULL && !deleted
      && is_own_write (self, id, rev, body))
    {
      /* Our own write, committed before its answer was lost: it becomes the base. */
      if (!forget_meta (self, INFLIGHT_PREFIX, id, error))
        return FALSE;
      *applied = RD_SYNC_APPLIED_MERGED;
      return rd_store_sync_write_row (self, id, rev, row.body, body, row.deleted,
                                      !row.deleted && rd_merge_objects_equal (row.body, body),
                                      NULL, error);
    }

  if (!row.exists)
    {
      if (deleted)
        return TRUE;
      return insert_clean (self, id, rev, body, applied, error);
    }
  if (row.conflict != NULL
      && g_strcmp0 (json_object_get_string_member_with_default (row.conflict, "rev", NULL),
                    rev) == 0)
    return TRUE;
  if (row.conflict == NULL && g_strcmp0 (row.rev, rev) == 0)
    {
      /* The same revision: after a full resync an unchanged record need not be pushed. */
      if (row.dirty && row.deleted == deleted
          && (deleted || rd_merge_objects_equal (row.body, body)))
        return rd_store_sync_write_row (self, id, rev, row.body, row.base, row.deleted, TRUE,
                                        NULL, error);
      return TRUE;
    }

  if (!row.dirty && row.conflict == NULL)
    {
      *applied = RD_SYNC_APPLIED_TAKEN;
      if (deleted)
        return rd_store_sync_write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
      return rd_store_sync_write_row (self, id, rev, body, body, FALSE, TRUE, NULL, error);
    }

  if (deleted && row.deleted)
    {
      *applied = RD_SYNC_APPLIED_TAKEN;
      return rd_store_sync_write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
    }
  if (deleted)
    {
      /* The server deleted what this device edited, unless the edit changed nothing. */
      if (row.base != NULL && rd_merge_objects_equal (row.body, row.base))
        {
          *applied = RD_SYNC_APPLIED_TAKEN;
          return rd_store_sync_write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
        }
      *applied = RD_SYNC_APPLIED_CONFLICT;
      conflict = make_conflict (RD_SYNC_CONFLICT_EDIT_DELETE, rev, NULL, row.conflict);
      return rd_store_sync_write_row (self, id, row.rev, row.body, row.base, FALSE, FALSE,
                                      conflict, error);
    }
  if (row.deleted)
    {
      if (row.base != NULL && rd_merge_objects_equal (body, row.base))
        {
          *applied = RD_SYNC_APPLIED_MERGED;
          return rd_store_sync_write_row (self, id, rev, row.body, body, TRUE, FALSE, NULL, error);
        }
      *applied = RD_SYNC_APPLIED_CONFLICT;
      conflict = make_conflict (RD_SYNC_CONFLICT_DELETE_EDIT, rev, body, row.conflict);
      return rd_store_sync_write_row (self, id, row.rev, row.body, row.base, TRUE, FALSE,
                                      conflict, error);
    }

  fields = g_ptr_array_new_with_free_func (g_free);
  merged = rd_merge_three_way (row.base, row.body, body, fields);
  if (fields->len > 0)
    {
      *applied = RD_SYNC_APPLIED_CONFLICT;
      conflict = make_conflict (RD_SYNC_CONFLICT_FIELDS, rev, body, row.conflict);
      return rd_store_sync_write_row (self, id, row.rev, row.body, row.base, FALSE, FALSE,
                                      conflict, error);
    }
  *applied = RD_SYNC_APPLIED_MERGED;
  return rd_store_sync_write_row (self, id, rev, merged, body, FALSE,
                                  rd_merge_objects_equal (merged, body),
                    NULL, error);
}

gboolean
rd_store_sync_prepare_full_resync (RdStore  *self,
                                   GError  **error)
{
  if (!rd_store_begin (self, error))
    return FALSE;
  if (!rd_store_exec (self, "UPDATE docs SET edit_seq = pushed_seq + 1 "
                            "WHERE edit_seq <= pushed_seq", error)
      || !rd_store_meta_set (self, RD_STORE_SYNC_LAST_SEQ, NULL, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  return rd_store_commit (self, error);
}

char *
rd_store_sync_get (RdStore    *self,
                   const char *key)
{
  return rd_store_meta_get (self, key);
}

gboolean
rd_store_sync_set (RdStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  return rd_store_meta_set (self, key, value, error);
}

