/* rd-store-sync-conflicts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-store-sync-private.h"

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
  if (!rd_store_sync_load_row (self, id, row, error))
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
  conflict->kind = rd_store_sync_conflict_kind (row.conflict);
  conflict->theirs_rev = g_strdup (json_object_get_string_member_with_default (row.conflict,
                                                                               "rev", NULL));
  conflict->mine = json_object_ref (row.body);
  if (rd_store_sync_conflict_theirs (row.conflict) != NULL)
    conflict->theirs = json_object_ref (rd_store_sync_conflict_theirs (row.conflict));
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
  JsonObject *theirs = rd_store_sync_conflict_theirs (row->conflict);
  const char *rev = json_object_get_string_member_with_default (row->conflict, "rev", NULL);

  merged = rd_merge_with_choices (row->base, row->body, theirs,
                                  conflict_choices (row->conflict), NULL);
  if (rd_store_sync_body_type (merged) == NULL)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The merged record would have no “type”; choose another version of it"));
      return FALSE;
    }
  return rd_store_sync_write_row (self, id, rev, merged, theirs, FALSE,
                    rd_merge_objects_equal (merged, theirs), NULL, error);
}

static gboolean
open_fields_remain (RdStore  *self,
                    LocalRow *row)
{
  g_autoptr (GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) merged = NULL;

  merged = rd_merge_with_choices (row->base, row->body,
                                  rd_store_sync_conflict_theirs (row->conflict),
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
  if (rd_store_sync_conflict_kind (row.conflict) != RD_SYNC_CONFLICT_FIELDS)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("The record %s was deleted on one side: keep it or delete it"), id);
      return FALSE;
    }
  merged = rd_merge_three_way (row.base, row.body, rd_store_sync_conflict_theirs (row.conflict),
                               names);
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
    return rd_store_sync_write_row (self, id, row.rev, row.body, row.base, FALSE, FALSE,
                                    row.conflict,
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
  kind = rd_store_sync_conflict_kind (row.conflict);
  theirs = rd_store_sync_conflict_theirs (row.conflict);
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
        return rd_store_sync_write_row (self, id, rev, row.body, NULL, FALSE, FALSE, NULL, error);
      return rd_store_sync_write_row (self, id, rev, row.body, NULL, TRUE, TRUE, NULL, error);
    }
  if (keep)
    return rd_store_sync_write_row (self, id, rev, theirs, theirs, FALSE, TRUE, NULL, error);
  return rd_store_sync_write_row (self, id, rev, row.body, theirs, TRUE, FALSE, NULL, error);
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

/* The fields of a field conflict that patch sets are decided for this device's new value. */
static gboolean
decide_fields_by_patch (RdStore     *self,
                        const char  *id,
                        LocalRow    *row,
                        JsonObject  *patch,
                        GError     **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (JsonObject) merged = NULL;
  JsonObject *choices = conflict_choices (row->conflict);
  gboolean decided = FALSE;

  merged = rd_merge_three_way (row->base, row->body,
                               rd_store_sync_conflict_theirs (row->conflict), names);
  if (choices == NULL)
    {
      choices = json_object_new ();
      json_object_set_object_member (row->conflict, "choices", choices);
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (!json_object_has_member (patch, name))
        continue;
      json_object_set_string_member (choices, name, "mine");
      decided = TRUE;
    }
  if (!decided)
    return TRUE;
  if (open_fields_remain (self, row))
    return rd_store_sync_write_row (self, id, row->rev, row->body, row->base, FALSE, FALSE,
                                    row->conflict, error);
  return finish_field_conflict (self, id, row, error);
}

static gboolean
update_in_conflict (RdStore     *self,
                    const char  *id,
                    JsonObject  *patch,
                    GError     **error)
{
  g_auto (LocalRow) row = { 0 };

  if (!rd_store_sync_load_row (self, id, &row, error))
    return FALSE;
  if (row.conflict != NULL)
    {
      RdSyncConflictKind kind = rd_store_sync_conflict_kind (row.conflict);

      if (kind == RD_SYNC_CONFLICT_FIELDS
          && !decide_fields_by_patch (self, id, &row, patch, error))
        return FALSE;
      /* Editing what the server deleted keeps it. */
      if (kind == RD_SYNC_CONFLICT_EDIT_DELETE && !resolve_deletion (self, id, TRUE, error))
        return FALSE;
    }
  return rd_store_merge_patch (self, id, patch, error);
}

gboolean
rd_store_sync_update (RdStore     *self,
                      const char  *id,
                      JsonObject  *patch,
                      GError     **error)
{
  if (!rd_store_begin (self, error))
    return FALSE;
  if (!update_in_conflict (self, id, patch, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  return rd_store_commit (self, error);
}

static gboolean
delete_in_conflict (RdStore     *self,
                    const char  *id,
                    GError     **error)
{
  g_auto (LocalRow) row = { 0 };
  const char *rev;

  if (!rd_store_sync_load_row (self, id, &row, error))
    return FALSE;
  if (row.conflict == NULL)
    return rd_store_delete (self, id, error);
  if (rd_store_sync_conflict_kind (row.conflict) != RD_SYNC_CONFLICT_FIELDS)
    return resolve_deletion (self, id, FALSE, error);
  /* On top of the server's version, so that the deletion is pushed. */
  rev = json_object_get_string_member_with_default (row.conflict, "rev", NULL);
  if (!rd_store_sync_write_row (self, id, rev, row.body,
                                rd_store_sync_conflict_theirs (row.conflict), FALSE, FALSE, NULL,
                                error))
    return FALSE;
  return rd_store_delete (self, id, error);
}

gboolean
rd_store_sync_delete (RdStore     *self,
                      const char  *id,
                      GError     **error)
{
  if (!rd_store_begin (self, error))
    return FALSE;
  if (!delete_in_conflict (self, id, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  return rd_store_commit (self, error);
}

gboolean
rd_store_sync_settle_deletions (RdStore  *self,
                                GError  **error)
{
  if (!rd_store_begin (self, error))
    return FALSE;
  /* A field conflict deleted here: pushed as a deletion of the server's version. */
  if (!rd_store_exec (self, "UPDATE docs SET rev = json_extract (conflict, '$.rev'), "
                            "base_body = json_extract (conflict, '$.theirs'), conflict = NULL, "
                            "edit_seq = max (edit_seq, pushed_seq + 1) "
                            "WHERE conflict IS NOT NULL AND deleted = 1 "
                            "AND json_extract (conflict, '$.kind') = 'fields'", error)
      /* Deleted on both sides: agreed, nothing to push. */
      || !rd_store_exec (self, "UPDATE docs SET rev = json_extract (conflict, '$.rev'), "
                               "base_body = NULL, conflict = NULL, pushed_seq = edit_seq "
                               "WHERE conflict IS NOT NULL AND deleted = 1 "
                               "AND json_extract (conflict, '$.kind') = 'edit_delete'", error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  return rd_store_commit (self, error);
}
