/* rd-store-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-store-private.h"
#include "rd-store-sync.h"

/* One row of the docs table as sync sees it. */
typedef struct
{
  gboolean    exists;
  char       *rev;
  JsonObject *body;
  JsonObject *base;     /* NULL: no common ancestor known */
  gboolean    deleted;
  gboolean    dirty;
  gint64      edit_seq;
  gint64      pushed_seq;
  JsonObject *conflict; /* {"kind", "rev", "theirs", "choices"} or NULL */
} LocalRow;

static void
local_row_clear (LocalRow *row)
{
  g_clear_pointer (&row->rev, g_free);
  g_clear_pointer (&row->body, json_object_unref);
  g_clear_pointer (&row->base, json_object_unref);
  g_clear_pointer (&row->conflict, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LocalRow, local_row_clear)

void
rd_sync_conflict_free (RdSyncConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->id);
  g_free (conflict->theirs_rev);
  g_clear_pointer (&conflict->mine, json_object_unref);
  g_clear_pointer (&conflict->theirs, json_object_unref);
  g_clear_pointer (&conflict->fields, g_ptr_array_unref);
  g_free (conflict);
}

static void
conflict_field_free (RdSyncConflictField *field)
{
  g_free (field->name);
  g_clear_pointer (&field->base, json_node_unref);
  g_clear_pointer (&field->mine, json_node_unref);
  g_clear_pointer (&field->theirs, json_node_unref);
  g_free (field);
}

void
rd_sync_outgoing_free (RdSyncOutgoing *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  g_free (doc->rev);
  g_clear_pointer (&doc->body, json_object_unref);
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

static gboolean
load_row (RdStore     *self,
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

static gboolean
step_done (RdStore      *self,
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

static void
bind_object (sqlite3_stmt *stmt,
             int           column,
             JsonObject   *object)
{
  if (object == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, rd_json_object_to_string (object), -1, g_free);
}

static const char *
body_type (JsonObject *body)
{
  JsonNode *type = body ? json_object_get_member (body, "type") : NULL;

  if (type == NULL || json_node_get_value_type (type) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (type);
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
                                 "ORDER BY edit_seq, id LIMIT ?", error);
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
      doc->body = object_from_column (stmt, 2);
      doc->deleted = sqlite3_column_int (stmt, 3) != 0;
      doc->edit_seq = sqlite3_column_int64 (stmt, 4);
      if (doc->body == NULL)
        doc->body = json_object_new ();
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
  bind_object (stmt, 2, doc->body);
  sqlite3_bind_int64 (stmt, 3, doc->edit_seq);
  sqlite3_bind_text (stmt, 4, doc->id, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
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
  return step_done (self, stmt, error);
}

/* Writes a row back. clean: the row matches the server (pushed_seq catches up). */
static gboolean
write_row (RdStore     *self,
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
  bind_object (stmt, 2, body);
  bind_object (stmt, 3, base);
  sqlite3_bind_int (stmt, 4, deleted);
  bind_object (stmt, 5, conflict);
  sqlite3_bind_int (stmt, 6, clean);
  sqlite3_bind_text (stmt, 7, body_type (body), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, id, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
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

static RdSyncConflictKind
conflict_kind (JsonObject *conflict)
{
  const char *kind = json_object_get_string_member_with_default (conflict, "kind", "fields");

  if (g_str_equal (kind, "edit_delete"))
    return RD_SYNC_CONFLICT_EDIT_DELETE;
  if (g_str_equal (kind, "delete_edit"))
    return RD_SYNC_CONFLICT_DELETE_EDIT;
  return RD_SYNC_CONFLICT_FIELDS;
}

static JsonObject *
conflict_theirs (JsonObject *conflict)
{
  JsonNode *node = json_object_get_member (conflict, "theirs");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static gboolean
insert_clean (RdStore        *self,
              const char     *id,
              const char     *rev,
              JsonObject     *body,
              RdSyncApplied  *applied,
              GError        **error)
{
  const char *type = body_type (body);
  sqlite3_stmt *stmt;

  if (type == NULL)
    {
      g_warning ("Ignoring the server document %s: it has no “type”", id);
      return TRUE;
    }
  stmt = rd_store_prepare (self, "INSERT INTO docs (id, type, body, rev, base_body) "
                                 "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  bind_object (stmt, 3, body);
  sqlite3_bind_text (stmt, 4, rev, -1, SQLITE_TRANSIENT);
  bind_object (stmt, 5, body);
  if (!step_done (self, stmt, error))
    return FALSE;
  rd_store_note_change (self);
  *applied = RD_SYNC_APPLIED_TAKEN;
  return TRUE;
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

  *applied = RD_SYNC_APPLIED_NOTHING;
  if (!load_row (self, id, &row, error))
    return FALSE;

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
        return write_row (self, id, rev, row.body, row.base, row.deleted, TRUE, NULL, error);
      return TRUE;
    }

  if (!row.dirty && row.conflict == NULL)
    {
      *applied = RD_SYNC_APPLIED_TAKEN;
      if (deleted)
        return write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
      return write_row (self, id, rev, body, body, FALSE, TRUE, NULL, error);
    }

  if (deleted && row.deleted)
    {
      *applied = RD_SYNC_APPLIED_TAKEN;
      return write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
    }
  if (deleted)
    {
      /* The server deleted what this device edited, unless the edit changed nothing. */
      if (row.base != NULL && rd_merge_objects_equal (row.body, row.base))
        {
          *applied = RD_SYNC_APPLIED_TAKEN;
          return write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
        }
      *applied = RD_SYNC_APPLIED_CONFLICT;
      conflict = make_conflict (RD_SYNC_CONFLICT_EDIT_DELETE, rev, NULL, row.conflict);
      return write_row (self, id, row.rev, row.body, row.base, FALSE, FALSE, conflict, error);
    }
  if (row.deleted)
    {
      if (row.base != NULL && rd_merge_objects_equal (body, row.base))
        {
          *applied = RD_SYNC_APPLIED_MERGED;
          return write_row (self, id, rev, row.body, body, TRUE, FALSE, NULL, error);
        }
      *applied = RD_SYNC_APPLIED_CONFLICT;
      conflict = make_conflict (RD_SYNC_CONFLICT_DELETE_EDIT, rev, body, row.conflict);
      return write_row (self, id, row.rev, row.body, row.base, TRUE, FALSE, conflict, error);
    }

  fields = g_ptr_array_new_with_free_func (g_free);
  merged = rd_merge_three_way (row.base, row.body, body, fields);
  if (fields->len > 0)
    {
      *applied = RD_SYNC_APPLIED_CONFLICT;
      conflict = make_conflict (RD_SYNC_CONFLICT_FIELDS, rev, body, row.conflict);
      return write_row (self, id, row.rev, row.body, row.base, FALSE, FALSE, conflict, error);
    }
  *applied = RD_SYNC_APPLIED_MERGED;
  return write_row (self, id, rev, merged, body, FALSE, rd_merge_objects_equal (merged, body),
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

guint
rd_store_sync_count_conflicts (RdStore *self)
{
  sqlite3_stmt *stmt = rd_store_prepare (self, "SELECT count(*) FROM docs "
                                               "WHERE conflict IS NOT NULL", NULL);
  guint count = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static JsonNode *
member_copy (JsonObject *object,
             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node ? json_node_copy (node) : NULL;
}

static RdSyncChoice
choice_of (JsonObject *conflict,
           const char *field)
{
  JsonNode *choices = json_object_get_member (conflict, "choices");

  if (choices == NULL || !JSON_NODE_HOLDS_OBJECT (choices))
    return RD_SYNC_CHOICE_NONE;
  return (RdSyncChoice) rd_merge_choice_of (json_node_get_object (choices), field);
}

static JsonObject *
conflict_choices (JsonObject *conflict)
{
  JsonNode *choices = json_object_get_member (conflict, "choices");

  return choices != NULL && JSON_NODE_HOLDS_OBJECT (choices) ? json_node_get_object (choices)
                                                             : NULL;
}

static gboolean
load_conflicted_row (RdStore     *self,
                     const char  *id,
                     LocalRow    *row,
                     GError     **error)
{
  if (!load_row (self, id, row, error))
    return FALSE;
  if (row->conflict == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("The record %s has no synchronization conflict to resolve"), id);
      return FALSE;
    }
  return TRUE;
}

RdSyncConflict *
rd_store_sync_get_conflict (RdStore     *self,
                            const char  *id,
                            GError     **error)
{
  g_auto (LocalRow) row = { 0 };
  g_autoptr (RdSyncConflict) conflict = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (JsonObject) merged = NULL;

  if (!load_conflicted_row (self, id, &row, error))
    return NULL;

  conflict = g_new0 (RdSyncConflict, 1);
  conflict->id = g_strdup (id);
  conflict->kind = conflict_kind (row.conflict);
  conflict->theirs_rev = g_strdup (json_object_get_string_member_with_default (row.conflict,
                                                                               "rev", NULL));
  conflict->mine = json_object_ref (row.body);
  if (conflict_theirs (row.conflict) != NULL)
    conflict->theirs = json_object_ref (conflict_theirs (row.conflict));
  conflict->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) conflict_field_free);
  if (conflict->kind != RD_SYNC_CONFLICT_FIELDS)
    return g_steal_pointer (&conflict);

  names = g_ptr_array_new_with_free_func (g_free);
  merged = rd_merge_three_way (row.base, row.body, conflict->theirs, names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      RdSyncConflictField *field = g_new0 (RdSyncConflictField, 1);

      field->name = g_strdup (name);
      field->base = member_copy (row.base, name);
      field->mine = member_copy (row.body, name);
      field->theirs = member_copy (conflict->theirs, name);
      field->choice = choice_of (row.conflict, name);
      g_ptr_array_add (conflict->fields, field);
    }
  return g_steal_pointer (&conflict);
}

GPtrArray *
rd_store_sync_list_conflicts (RdStore     *self,
                              GError     **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) conflicts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) rd_sync_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (self, "SELECT id FROM docs WHERE conflict IS NOT NULL ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("reading the conflicts"));
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      RdSyncConflict *conflict = rd_store_sync_get_conflict (self, g_ptr_array_index (ids, i),
                                                             error);

      if (conflict == NULL)
        return NULL;
      g_ptr_array_add (conflicts, conflict);
    }
  return g_steal_pointer (&conflicts);
}

/* Every field chosen: the merged body, based on the server's revision, goes out next push. */
static gboolean
finish_field_conflict (RdStore     *self,
                       const char  *id,
                       LocalRow    *row,
                       GError     **error)
{
  g_autoptr (JsonObject) merged = NULL;
  JsonObject *theirs = conflict_theirs (row->conflict);
  const char *rev = json_object_get_string_member_with_default (row->conflict, "rev", NULL);

  merged = rd_merge_with_choices (row->base, row->body, theirs,
                                  conflict_choices (row->conflict), NULL);
  if (body_type (merged) == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The merged record would have no “type”; choose another version of it"));
      return FALSE;
    }
  return write_row (self, id, rev, merged, theirs, FALSE,
                    rd_merge_objects_equal (merged, theirs), NULL, error);
}

static gboolean
open_fields_remain (RdStore  *self,
                    LocalRow *row)
{
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) merged = NULL;

  merged = rd_merge_with_choices (row->base, row->body, conflict_theirs (row->conflict),
                                  conflict_choices (row->conflict), open);
  return open->len > 0;
}

static gboolean
resolve_fields (RdStore      *self,
                const char   *id,
                const char   *field,
                RdSyncChoice  choice,
                GError      **error)
{
  g_auto (LocalRow) row = { 0 };
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) merged = NULL;
  JsonObject *choices;
  gboolean found = FALSE;

  if (choice != RD_SYNC_CHOICE_MINE && choice != RD_SYNC_CHOICE_THEIRS)
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("Choose either this device’s value or the server’s"));
      return FALSE;
    }
  if (!load_conflicted_row (self, id, &row, error))
    return FALSE;
  if (conflict_kind (row.conflict) != RD_SYNC_CONFLICT_FIELDS)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The record %s was deleted on one side: keep it or delete it"), id);
      return FALSE;
    }
  merged = rd_merge_three_way (row.base, row.body, conflict_theirs (row.conflict), names);
  choices = json_object_get_object_member (row.conflict, "choices");
  if (choices == NULL)
    {
      choices = json_object_new ();
      json_object_set_object_member (row.conflict, "choices", choices);
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (field != NULL && !g_str_equal (field, name))
        continue;
      if (field == NULL && choice_of (row.conflict, name) != RD_SYNC_CHOICE_NONE)
        continue;
      json_object_set_string_member (choices, name,
                                     choice == RD_SYNC_CHOICE_MINE ? "mine" : "theirs");
      found = TRUE;
    }
  if (field != NULL && !found)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The field “%s” of the record %s is not in conflict"), field, id);
      return FALSE;
    }
  if (open_fields_remain (self, &row))
    return write_row (self, id, row.rev, row.body, row.base, FALSE, FALSE, row.conflict,
                      error);
  return finish_field_conflict (self, id, &row, error);
}

static gboolean
in_transaction (RdStore      *self,
                const char   *id,
                const char   *field,
                RdSyncChoice  choice,
                GError      **error)
{
  if (!rd_store_begin (self, error))
    return FALSE;
  if (!resolve_fields (self, id, field, choice, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  return rd_store_commit (self, error);
}

gboolean
rd_store_sync_resolve_field (RdStore      *self,
                             const char   *id,
                             const char   *field,
                             RdSyncChoice  choice,
                             GError      **error)
{
  g_return_val_if_fail (field != NULL, FALSE);
  return in_transaction (self, id, field, choice, error);
}

gboolean
rd_store_sync_resolve_all (RdStore      *self,
                           const char   *id,
                           RdSyncChoice  choice,
                           GError      **error)
{
  return in_transaction (self, id, NULL, choice, error);
}

static gboolean
resolve_deletion (RdStore     *self,
                  const char  *id,
                  gboolean     keep,
                  GError     **error)
{
  g_auto (LocalRow) row = { 0 };
  RdSyncConflictKind kind;
  JsonObject *theirs;
  const char *rev;

  if (!load_conflicted_row (self, id, &row, error))
    return FALSE;
  kind = conflict_kind (row.conflict);
  theirs = conflict_theirs (row.conflict);
  rev = json_object_get_string_member_with_default (row.conflict, "rev", NULL);
  if (kind == RD_SYNC_CONFLICT_FIELDS)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The record %s was changed on both sides: choose a value per field"), id);
      return FALSE;
    }
  if (kind == RD_SYNC_CONFLICT_EDIT_DELETE)
    {
      /* Keeping revives the record on top of the server's deletion. */
      if (keep)
        return write_row (self, id, rev, row.body, NULL, FALSE, FALSE, NULL, error);
      return write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
    }
  if (keep)
    return write_row (self, id, rev, theirs, theirs, FALSE, TRUE, NULL, error);
  return write_row (self, id, rev, row.body, theirs, TRUE, FALSE, NULL, error);
}

gboolean
rd_store_sync_resolve_deletion (RdStore     *self,
                                const char  *id,
                                gboolean     keep,
                                GError     **error)
{
  if (!rd_store_begin (self, error))
    return FALSE;
  if (!resolve_deletion (self, id, keep, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  return rd_store_commit (self, error);
}
