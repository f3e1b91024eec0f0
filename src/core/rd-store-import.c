/* rd-store-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/types.h>
#include <unistd.h>

#include "rd-store-import.h"
#include "rd-store-private.h"

/* Rows undone per transaction when a run is rolled back. */
#define ROLL_BACK_BATCH 500

/* A run holds an exclusive flock on a file beside the database while its process lives: the
 * kernel drops it when the process dies, however it dies, and whatever its pid namespace. */
typedef struct
{
  int   fd;
  char *path;
} RunLock;

static void
run_lock_free (RunLock *lock)
{
  if (lock == NULL)
    return;
  if (lock->fd >= 0)
    g_close (lock->fd, NULL);
  g_free (lock->path);
  g_free (lock);
}

static char *
run_lock_path (RdStore    *store,
               const char *run_id)
{
  return g_strdup_printf ("%s-import-%s.lock", rd_store_get_path (store), run_id);
}

static char *
run_lock_key (const char *run_id)
{
  return g_strconcat ("rd-import-run-", run_id, NULL);
}

/* The lock of the run at path, or NULL: with held set when another process has it. */
static RunLock *
run_lock_take (const char  *path,
               gboolean     create,
               gboolean    *held,
               GError     **error)
{
  RunLock *lock;
  int fd;

  *held = FALSE;
  fd = g_open (path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the import lock %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      *held = saved_errno == EWOULDBLOCK;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot lock the import lock %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }
  lock = g_new0 (RunLock, 1);
  lock->fd = fd;
  lock->path = g_strdup (path);
  return lock;
}

/* The run is over (ended or rolled back): its lock file goes, then the lock. */
static void
run_lock_release (RunLock *lock)
{
  g_unlink (lock->path);
  run_lock_free (lock);
}

static void
release_own_run (RdStore    *store,
                 const char *run_id)
{
  g_autofree char *key = run_lock_key (run_id);
  RunLock *lock = g_object_steal_data (G_OBJECT (store), key);

  if (lock != NULL)
    run_lock_release (lock);
}

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
  /* rd_store_begin() takes the write lock at once when it starts the transaction. */
  *own_transaction = FALSE;
  return rd_store_begin (store, error);
}

gboolean
rd_store_import_page_commit (RdStore   *store,
                             gboolean   own_transaction,
                             GError   **error)
{
  return rd_store_commit (store, error);
}

void
rd_store_import_page_rollback (RdStore  *store,
                               gboolean  own_transaction)
{
  rd_store_rollback (store);
}

char *
rd_store_import_run_begin (RdStore  *store,
                           GError  **error)
{
  g_autofree char *id = rd_store_new_id ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started = g_date_time_format_iso8601 (now);
  g_autofree char *lock_path = run_lock_path (store, id);
  g_autofree char *key = NULL;
  RunLock *lock;
  sqlite3_stmt *stmt;
  gboolean held;
  gboolean own;
  int rc;

  /* Locked before the run is visible, so that nobody takes it for a dead one. */
  lock = run_lock_take (lock_path, TRUE, &held, error);
  if (lock == NULL)
    return NULL;
  if (!rd_store_import_page_begin (store, &own, error))
    {
      run_lock_release (lock);
      return NULL;
    }
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
    {
      run_lock_release (lock);
      return NULL;
    }
  key = run_lock_key (id);
  g_object_set_data_full (G_OBJECT (store), key, lock, (GDestroyNotify) run_lock_free);
  return g_steal_pointer (&id);

fail:
  rd_store_import_page_rollback (store, own);
  run_lock_release (lock);
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
  if (!rd_store_import_page_commit (store, own, error))
    return FALSE;
  release_own_run (store, run_id);
  return TRUE;
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

      if (prior == NULL || !rd_store_restore_body (store, row->doc_id, prior, error))
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
      g_autoptr (GPtrArray) rows =
        g_ptr_array_new_with_free_func ((GDestroyNotify) journal_row_free);
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
  release_own_run (store, run_id);
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

/* The run's lock when its process is gone (now held by us), else NULL. A run without a lock
 * file was started by an older version: its pid tells. */
static RunLock *
take_stale_run (RdStore      *store,
                sqlite3_stmt *stmt,
                gboolean     *stale)
{
  const char *run_id = (const char *) sqlite3_column_text (stmt, 0);
  g_autofree char *path = run_lock_path (store, run_id);
  g_autoptr (GError) error = NULL;
  RunLock *lock;
  gboolean held;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *stale = process_is_gone (sqlite3_column_int64 (stmt, 1),
                                (const char *) sqlite3_column_text (stmt, 2));
      return NULL;
    }
  lock = run_lock_take (path, FALSE, &held, &error);
  *stale = lock != NULL;
  if (lock == NULL && !held)
    g_warning ("Cannot tell whether import %s still runs: %s", run_id, error->message);
  return lock;
}

guint
rd_store_import_recover (RdStore  *store,
                         GError  **error)
{
  g_autoptr (GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) locks = g_ptr_array_new_with_free_func ((GDestroyNotify) run_lock_free);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = rd_store_prepare (store, "SELECT id, pid, host FROM import_runs", error);
  if (stmt == NULL)
    return 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean is_stale = FALSE;
      RunLock *lock = take_stale_run (store, stmt, &is_stale);

      if (!is_stale)
        continue;
      g_ptr_array_add (stale, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (locks, lock);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("reading interrupted imports"));
      return 0;
    }
  for (guint i = 0; i < stale->len; i++)
    {
      RunLock *lock = g_ptr_array_index (locks, i);
      guint undone = 0, kept = 0;

      if (!rd_store_import_run_roll_back (store, g_ptr_array_index (stale, i), &undone, &kept,
                                          error))
        return n;
      g_message ("Rolled back an interrupted import: %u records undone, %u kept", undone, kept);
      if (lock != NULL)
        {
          g_ptr_array_index (locks, i) = NULL;
          run_lock_release (lock);
        }
      n++;
    }
  return n;
}

guint
rd_store_import_count_runs (RdStore *store)
{
  return (guint) MAX (0, rd_store_query_int (store, "SELECT count (*) FROM import_runs", NULL));
}
