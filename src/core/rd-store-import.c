/* rd-store-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <sys/types.h>
#include <unistd.h>

#include "rd-store-import.h"
#include "rd-store-private.h"

/* Rows undone per transaction when a run is rolled back. */
#define ROLL_BACK_BATCH 500

/* Created on first use: an auxiliary table of the importer, not part of the documents. */
static const char journal_schema[] =
  "CREATE TABLE IF NOT EXISTS import_runs ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  pid INTEGER NOT NULL,"
  "  host TEXT NOT NULL,"
  "  started TEXT NOT NULL"
  ");"
  "CREATE TABLE IF NOT EXISTS import_journal ("
  "  run TEXT NOT NULL,"
  "  doc_id TEXT NOT NULL,"
  "  prior TEXT,"
  "  written_seq INTEGER NOT NULL,"
  "  PRIMARY KEY (run, doc_id)"
  ") WITHOUT ROWID;";

GHashTable *
rd_store_import_map_records (RdStore     *store,
                             const char  *type,
                             const char  *key,
                             GHashTable  *deleted,
                             GError     **error)
{
  g_autoptr (GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *path = g_strconcat ("$.", key, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (store, "SELECT id, json_extract (body, ?), deleted "
                                  "FROM docs WHERE type = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *agreement_id = (const char *) sqlite3_column_text (stmt, 1);

      if (agreement_id == NULL)
        continue;
      g_hash_table_replace (map, g_strdup (agreement_id), g_strdup (id));
      if (sqlite3_column_int (stmt, 2))
        g_hash_table_add (deleted, g_strdup (id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("reading agreements"));
      return NULL;
    }
  return g_steal_pointer (&map);
}

gboolean
rd_store_import_page_begin (RdStore   *store,
                            gboolean  *own_transaction,
                            GError   **error)
{
  *own_transaction = sqlite3_get_autocommit (rd_store_get_db (store)) != 0;
  if (*own_transaction && !rd_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!rd_store_begin (store, error))
    {
      if (*own_transaction)
        rd_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_import_page_commit (RdStore   *store,
                             gboolean   own_transaction,
                             GError   **error)
{
  if (!rd_store_commit (store, error))
    {
      if (own_transaction)
        rd_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }
  if (own_transaction && !rd_store_exec (store, "COMMIT", error))
    {
      rd_store_exec (store, "ROLLBACK", NULL);
      return FALSE;
    }
  return TRUE;
}

void
rd_store_import_page_rollback (RdStore  *store,
                               gboolean  own_transaction)
{
  rd_store_rollback (store);
  if (own_transaction)
    rd_store_exec (store, "ROLLBACK", NULL);
}

static gboolean
ensure_journal (RdStore  *store,
                GError  **error)
{
  return rd_store_exec (store, journal_schema, error);
}

char *
rd_store_import_run_begin (RdStore  *store,
                           GError  **error)
{
  g_autofree char *id = rd_store_new_id ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;
  gboolean own;
  int rc;

  if (!rd_store_import_page_begin (store, &own, error))
    return NULL;
  if (!ensure_journal (store, error))
    goto fail;
  stmt = rd_store_prepare (store, "INSERT INTO import_runs (id, pid, host, started) "
                                  "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) getpid ());
  sqlite3_bind_text (stmt, 3, g_get_host_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, started, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("starting an import"));
      goto fail;
    }
  if (!rd_store_import_page_commit (store, own, error))
    return NULL;
  return g_steal_pointer (&id);

fail:
  rd_store_import_page_rollback (store, own);
  return NULL;
}

gboolean
rd_store_import_journal (RdStore     *store,
                         const char  *run_id,
                         const char  *doc_id,
                         JsonObject  *prior,
                         GError     **error)
{
  g_autofree char *prior_text = prior ? rd_json_object_to_string (prior) : NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* A record written twice in a run keeps the state from before the run. */
  stmt = rd_store_prepare (store,
                           "INSERT INTO import_journal (run, doc_id, prior, written_seq) "
                           "SELECT ?1, ?2, ?3, edit_seq FROM docs WHERE id = ?2 "
                           "ON CONFLICT (run, doc_id) DO UPDATE SET "
                           "written_seq = excluded.written_seq", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, doc_id, -1, SQLITE_STATIC);
  if (prior_text != NULL)
    sqlite3_bind_text (stmt, 3, prior_text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 3);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("recording an import"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_run (RdStore     *store,
            const char  *run_id,
            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (store, "DELETE FROM import_journal WHERE run = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  stmt = rd_store_prepare (store, "DELETE FROM import_runs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  return TRUE;

fail:
  rd_store_set_sqlite_error (store, error, _("finishing an import"));
  return FALSE;
}

gboolean
rd_store_import_run_end (RdStore     *store,
                         const char  *run_id,
                         GError     **error)
{
  gboolean own;

  if (!rd_store_import_page_begin (store, &own, error))
    return FALSE;
  if (!delete_run (store, run_id, error))
    {
      rd_store_import_page_rollback (store, own);
      return FALSE;
    }
  return rd_store_import_page_commit (store, own, error);
}

typedef struct
{
  char   *doc_id;
  char   *prior;
  gint64  written_seq;
} JournalRow;

static void
journal_row_free (JournalRow *row)
{
  g_free (row->doc_id);
  g_free (row->prior);
  g_free (row);
}

/* Undoes one journaled write; the row is consumed. */
static gboolean
undo_one (RdStore     *store,
          const char  *run_id,
          JournalRow  *row,
          guint       *n_undone,
          guint       *n_kept,
          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 edit_seq = -1;
  gboolean pushed = FALSE;
  int rc;

  stmt = rd_store_prepare (store, "SELECT edit_seq, rev IS NOT NULL FROM docs WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->doc_id, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      edit_seq = sqlite3_column_int64 (stmt, 0);
      pushed = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("rolling back an import"));
      return FALSE;
    }

  if (edit_seq != row->written_seq)
    {
      /* Edited (or synced) since the import wrote it: that edit is not ours to undo. */
      if (edit_seq >= 0)
        (*n_kept)++;
    }
  else if (row->prior == NULL && !pushed)
    {
      stmt = rd_store_prepare (store, "DELETE FROM docs WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, row->doc_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          rd_store_set_sqlite_error (store, error, _("rolling back an import"));
          return FALSE;
        }
      rd_store_note_changed_id (store, row->doc_id);
      (*n_undone)++;
    }
  else if (row->prior == NULL)
    {
      if (!rd_store_delete (store, row->doc_id, error))
        return FALSE;
      (*n_undone)++;
    }
  else
    {
      g_autoptr (JsonObject) prior = rd_json_object_from_string (row->prior, error);

      if (prior == NULL || !rd_store_update (store, row->doc_id, prior, error))
        return FALSE;
      (*n_undone)++;
    }

  stmt = rd_store_prepare (store, "DELETE FROM import_journal WHERE run = ? AND doc_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, row->doc_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("rolling back an import"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_import_run_roll_back (RdStore     *store,
                               const char  *run_id,
                               guint       *n_undone,
                               guint       *n_kept,
                               GError     **error)
{
  guint undone = 0, kept = 0;

  for (;;)
    {
      g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) journal_row_free);
      sqlite3_stmt *stmt;
      gboolean own;
      int rc;

      if (!rd_store_import_page_begin (store, &own, error))
        return FALSE;
      stmt = rd_store_prepare (store, "SELECT doc_id, prior, written_seq FROM import_journal "
                                      "WHERE run = ? LIMIT " G_STRINGIFY (ROLL_BACK_BATCH),
                               error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, run_id, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JournalRow *row = g_new0 (JournalRow, 1);

          row->doc_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          row->prior = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          row->written_seq = sqlite3_column_int64 (stmt, 2);
          g_ptr_array_add (rows, row);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          rd_store_set_sqlite_error (store, error, _("rolling back an import"));
          goto fail;
        }
      for (guint i = 0; i < rows->len; i++)
        if (!undo_one (store, run_id, g_ptr_array_index (rows, i), &undone, &kept, error))
          goto fail;
      if (rows->len == 0 && !delete_run (store, run_id, error))
        goto fail;
      if (!rd_store_import_page_commit (store, own, error))
        return FALSE;
      if (rows->len == 0)
        break;
      continue;

fail:
      rd_store_import_page_rollback (store, own);
      return FALSE;
    }
  if (n_undone != NULL)
    *n_undone = undone;
  if (n_kept != NULL)
    *n_kept = kept;
  return TRUE;
}

static gboolean
process_is_gone (gint64      pid,
                 const char *host)
{
  /* A run of another machine (a shared home) cannot be checked; it is left alone. */
  if (g_strcmp0 (host, g_get_host_name ()) != 0)
    return FALSE;
  if (pid == (gint64) getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

guint
rd_store_import_recover (RdStore  *store,
                         GError  **error)
{
  g_autoptr (GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = rd_store_prepare (store, "SELECT id, pid, host FROM import_runs", NULL);
  if (stmt == NULL)
    return 0; /* No import ever ran here: no table. */
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (process_is_gone (sqlite3_column_int64 (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2)))
      g_ptr_array_add (stale, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("reading interrupted imports"));
      return 0;
    }
  for (guint i = 0; i < stale->len; i++)
    {
      guint undone = 0, kept = 0;

      if (!rd_store_import_run_roll_back (store, g_ptr_array_index (stale, i), &undone, &kept,
                                          error))
        return n;
      g_message ("Rolled back an interrupted import: %u records undone, %u kept", undone, kept);
      n++;
    }
  return n;
}
