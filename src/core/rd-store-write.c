/* rd-store-write.c
 *
 * The store's write path: every body is checked (rd-record-check.h) before it is stored,
 * whoever writes it, so that no writer stores what the command line refuses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-amounts.h"
#include "rd-record-check.h"
#include "rd-store-private.h"

/* The check's error as the store's: callers (the editor, the command line) tell a refused
 * record from a failed database by RD_STORE_ERROR_INVALID. */
static gboolean
invalid (GError  *check_error,
         GError **error)
{
  g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID, check_error->message);
  g_error_free (check_error);
  return FALSE;
}

/* The body as stored: amounts as exact decimal strings (a caller's number is kept as its
 * shortest text); the id lives in its column, not in the body. with_id_out gets the body
 * with amounts converted and its "_id" kept, stored_out the same without it: what the
 * checks read. */
static char *
body_for_storage (JsonObject  *body,
                  const char **type_out,
                  JsonObject **with_id_out,
                  JsonObject **stored_out,
                  GError     **error)
{
  g_autoptr (JsonObject) copy = json_object_new ();
  g_autoptr (JsonObject) stored = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonNode *type;

  if (body == NULL)
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("A record must be a JSON object"));
      return NULL;
    }
  type = json_object_get_member (body, "type");
  if (type == NULL || json_node_get_value_type (type) != G_TYPE_STRING
      || *json_node_get_string (type) == '\0')
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("The record has no “type”; use “agreement”, “offer” or "
                             "“template”"));
      return NULL;
    }
  *type_out = json_node_get_string (type);

  stored = rd_amounts_dup_stored (body);
  json_object_iter_init_ordered (&iter, stored);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_str_equal (name, "_id"))
        continue;
      json_object_set_member (copy, name, json_node_ref (node));
    }
  if (with_id_out != NULL)
    *with_id_out = g_steal_pointer (&stored);
  *stored_out = json_object_ref (copy);
  return rd_json_object_to_string (copy);
}

char *
rd_store_insert (RdStore     *self,
                 JsonObject  *body,
                 GError     **error)
{
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autoptr (JsonObject) with_id = NULL;
  g_autoptr (JsonObject) stored = NULL;
  GError *check_error = NULL;
  const char *type = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  text = body_for_storage (body, &type, &with_id, &stored, error);
  if (text == NULL)
    return NULL;
  if (!rd_record_check_new_body (with_id, &check_error))
    {
      invalid (check_error, error);
      return NULL;
    }
  if (json_object_has_member (body, "_id"))
    id = g_strdup (json_object_get_string_member (body, "_id"));
  else
    id = rd_store_new_id ();

  stmt = rd_store_prepare (self, "INSERT INTO docs (id, type, body, edit_seq) VALUES (?, ?, ?, 1)",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (rd_store_get_db (self)) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                     _("A record with the id %s exists already"), id);
      else
        rd_store_set_sqlite_error (self, error, _("saving a record"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  rd_store_note_written (self, id);
  return g_steal_pointer (&id);
}

static gboolean
finish_single_write (RdStore     *self,
                     const char  *id,
                     GError     **error)
{
  if (sqlite3_changes (rd_store_get_db (self)) == 0)
    {
      g_autofree char *shown = rd_record_dup_quoted_id (id);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("There is no record with the id %s"), shown);
      return FALSE;
    }
  rd_store_note_written (self, id);
  return TRUE;
}

/* The type of the live record id, or NULL with RD_STORE_ERROR_NOT_FOUND. */
static char *
dup_stored_type (RdStore     *self,
                 const char  *id,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  char *type = NULL;
  int rc;

  stmt = rd_store_prepare (self, "SELECT type FROM docs WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *shown = rd_record_dup_quoted_id (id);

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("There is no record with the id %s"), shown);
    }
  else if (rc != SQLITE_ROW)
    rd_store_set_sqlite_error (self, error, _("reading a record"));
  return type;
}

static gboolean
write_body (RdStore     *self,
            const char  *id,
            JsonObject  *body,
            gboolean     check,
            GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr (JsonObject) stored = NULL;
  const char *type = NULL;
  sqlite3_stmt *stmt;

  text = body_for_storage (body, &type, NULL, &stored, error);
  if (text == NULL)
    return FALSE;
  if (check)
    {
      g_autofree char *stored_type = NULL;
      GError *check_error = NULL;

      stored_type = dup_stored_type (self, id, error);
      if (stored_type == NULL)
        return FALSE;
      /* The record's own id may come along; any other is a different record. */
      if (json_object_has_member (body, "_id"))
        {
          if (g_strcmp0 (json_object_get_string_member_with_default (body, "_id", NULL), id)
              != 0)
            {
              g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                                   _("A record's id (_id) cannot change"));
              return FALSE;
            }
        }
      if (!rd_record_check_replacement (stored_type, stored, &check_error))
        return invalid (check_error, error);
    }
  stmt = rd_store_prepare (self, "UPDATE docs SET type = ?, body = ?, edit_seq = edit_seq + 1 "
                                 "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
  if (!rd_store_step_done (self, stmt, _("saving a record"), error))
    return FALSE;
  return finish_single_write (self, id, error);
}

gboolean
rd_store_update (RdStore     *self,
                 const char  *id,
                 JsonObject  *body,
                 GError     **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return write_body (self, id, body, TRUE, error);
}

gboolean
rd_store_restore_body (RdStore     *self,
                       const char  *id,
                       JsonObject  *body,
                       GError     **error)
{
  return write_body (self, id, body, FALSE, error);
}

gboolean
rd_store_merge_patch (RdStore     *self,
                      const char  *id,
                      JsonObject  *patch,
                      GError     **error)
{
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (JsonObject) body = NULL;

  /* Read and written under one lock: an edit between the two would be lost. */
  if (!rd_store_begin (self, error))
    return FALSE;
  record = rd_store_get (self, id, error);
  if (record == NULL)
    goto fail;
  body = rd_record_dup_body (record);
  rd_json_merge_patch (body, patch);
  if (!rd_store_update (self, id, body, error))
    goto fail;
  return rd_store_commit (self, error);

fail:
  rd_store_rollback (self);
  return FALSE;
}

static gboolean
set_deleted (RdStore     *self,
             const char  *id,
             gboolean     deleted,
             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (self, "UPDATE docs SET deleted = ?, edit_seq = edit_seq + 1 "
                                 "WHERE id = ? AND deleted = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, deleted);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, !deleted);
  if (!rd_store_step_done (self, stmt, _("deleting a record"), error))
    return FALSE;
  return finish_single_write (self, id, error);
}

gboolean
rd_store_delete (RdStore     *self,
                 const char  *id,
                 GError     **error)
{
  return set_deleted (self, id, TRUE, error);
}

gboolean
rd_store_undelete (RdStore     *self,
                   const char  *id,
                   GError     **error)
{
  return set_deleted (self, id, FALSE, error);
}
