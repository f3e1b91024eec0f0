/* rd-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rd-store-import.h"
#include "rd-store-money.h"
#include "rd-store-private.h"

struct _RdStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt */
  guint       depth;      /* open savepoints */
  guint       own_transaction : 1; /* the outermost savepoint began with BEGIN IMMEDIATE */
  guint       changed : 1;
  guint       changed_unknown : 1; /* a change whose records were not named */
  GHashTable *changed_ids;         /* ids written in the current transaction */
  char      **emitted_ids;         /* what "changed" handlers may ask for */
  gint64      busy_since;          /* monotonic µs of the first wait for the current lock */
  guint       imports_rolled_back; /* interrupted imports undone when this store opened */
};

G_DEFINE_FINAL_TYPE (RdStore, rd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (rd-store-error-quark, rd_store_error)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rd_store_finalize (GObject *object)
{
  RdStore *self = (RdStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->changed_ids, g_hash_table_unref);
  g_clear_pointer (&self->emitted_ids, g_strfreev);
  if (self->db != NULL)
    {
      if (sqlite3_close (self->db) != SQLITE_OK)
        g_warning ("Failed to close %s: %s", self->path, sqlite3_errmsg (self->db));
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (rd_store_parent_class)->finalize (object);
}

static void
rd_store_class_init (RdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_store_finalize;

  /* Emitted after a committed change to records the views show. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_store_init (RdStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->changed_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
rd_store_set_sqlite_error (RdStore     *self,
                           GError     **error,
                           const char  *what)
{
  int code = sqlite3_extended_errcode (self->db) & 0xff;
  int domain_code = RD_STORE_ERROR_FAILED;

  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    domain_code = RD_STORE_ERROR_CORRUPT;
  else if (code == SQLITE_READONLY || code == SQLITE_PERM)
    domain_code = RD_STORE_ERROR_READ_ONLY;

  if (domain_code == RD_STORE_ERROR_CORRUPT)
    g_set_error (error, RD_STORE_ERROR, domain_code,
                 _("The database %s is damaged or is not a Renewal Desk database (%s). "
                   "Restore it from a backup or move it aside."),
                 self->path, sqlite3_errmsg (self->db));
  else if (domain_code == RD_STORE_ERROR_READ_ONLY)
    g_set_error (error, RD_STORE_ERROR, domain_code,
                 _("The database %s cannot be written (%s). Check its permissions."),
                 self->path, sqlite3_errmsg (self->db));
  else
    g_set_error (error, RD_STORE_ERROR, domain_code,
                 /* Translators: the first %s is what was being done, e.g. "saving a record" */
                 _("Database error while %s: %s"), what, sqlite3_errmsg (self->db));
}

sqlite3_stmt *
rd_store_prepare (RdStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
      != SQLITE_OK)
    {
      rd_store_set_sqlite_error (self, error, _("preparing a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
rd_store_exec (RdStore     *self,
               const char  *sql,
               GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      rd_store_set_sqlite_error (self, error, _("updating the database"));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Creates the file with mode 0600 before SQLite does, so that it is never readable by others. */
static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  static const char *const journal_suffixes[] = { "-wal", "-shm" };
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_OPEN,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  /* A database made 0644 by an older version or by hand is tightened, with its journals
   * (SQLite gives those the database's mode). */
  if (fstat (fd, &st) == 0 && (st.st_mode & 077) != 0 && fchmod (fd, st.st_mode & 0700) != 0)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_OPEN,
                   _("Cannot make the database %s private: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (journal_suffixes); i++)
    {
      g_autofree char *journal = g_strconcat (path, journal_suffixes[i], NULL);
      GStatBuf journal_st;

      if (g_stat (journal, &journal_st) == 0 && (journal_st.st_mode & 077) != 0)
        g_chmod (journal, journal_st.st_mode & 0700);
    }
  return TRUE;
}

/* Another connection holds the write lock (an import commits a slice, a sync applies a
 * batch): wait for it, polling often enough to get in between two slices of an import. */
static int
on_busy_cb (void *user_data,
            int   n_calls)
{
  RdStore *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (n_calls == 0)
    self->busy_since = now;
  if (now - self->busy_since > (gint64) RD_STORE_BUSY_TIMEOUT_MS * 1000)
    return 0;
  g_usleep (n_calls < 20 ? 1000 : 3000);
  return 1;
}

/* Turning a new file to WAL needs it alone: a second process opening it at the same moment
 * gets SQLITE_BUSY without the busy handler being asked. Wait for the other as the busy
 * handler would. */
static gboolean
set_journal_mode_wal (RdStore  *self,
                      GError  **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) RD_STORE_BUSY_TIMEOUT_MS * 1000;
  int rc;

  while ((rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL))
         != SQLITE_OK)
    {
      if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > deadline)
        {
          rd_store_set_sqlite_error (self, error, _("opening the database"));
          return FALSE;
        }
      g_usleep (2000);
    }
  return TRUE;
}

char *
rd_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "renewal-desk", "renewals.db", NULL);
}

static RdStore *
open_store (const char  *path,
            gboolean     for_writing,
            GError     **error)
{
  g_autoptr (RdStore) self = NULL;
  g_autofree char *default_path = NULL;

  if (path == NULL)
    path = default_path = rd_store_default_path ();

  if (!ensure_private_file (path, error))
    return NULL;

  self = g_object_new (RD_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_OPEN,
                   _("Cannot open the database %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, on_busy_cb, self);
  /* Exact sums of amounts, and the migration of older numeric amounts, need these. */
  if (rd_store_money_register (self->db) != SQLITE_OK)
    {
      rd_store_set_sqlite_error (self, error, _("opening the database"));
      return NULL;
    }

  if (!set_journal_mode_wal (self, error)
      || !rd_store_exec (self, "PRAGMA synchronous = NORMAL;"
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA temp_store = MEMORY;", error))
    return NULL;
  if (!rd_store_schema_migrate (self, error))
    return NULL;
  if (for_writing)
    {
      g_autoptr (GError) recover_error = NULL;

      /* An import killed half-way is undone before anyone sees its rows as data. */
      self->imports_rolled_back = rd_store_import_recover (self, &recover_error);
      if (recover_error != NULL)
        g_warning ("Failed to roll back an interrupted import in %s: %s", path,
                   recover_error->message);
    }

  return g_steal_pointer (&self);
}

RdStore *
rd_store_open (const char  *path,
               GError     **error)
{
  return open_store (path, TRUE, error);
}

RdStore *
rd_store_open_reader (const char  *path,
                      GError     **error)
{
  return open_store (path, FALSE, error);
}

guint
rd_store_get_imports_rolled_back (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), 0);
  return self->imports_rolled_back;
}

const char *
rd_store_get_path (RdStore *self)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  return self->path;
}

int
rd_store_get_schema_version (RdStore *self)
{
  return rd_store_query_int (self, "PRAGMA user_version", NULL);
}

char *
rd_store_new_id (void)
{
  return g_uuid_string_random ();
}

sqlite3 *
rd_store_get_db (RdStore *self)
{
  return self->db;
}

void
rd_store_emit_changed (RdStore *self)
{
  if (self->changed_unknown)
    g_clear_pointer (&self->emitted_ids, g_strfreev);
  else
    {
      GPtrArray *ids = g_ptr_array_new ();
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, self->changed_ids);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        g_ptr_array_add (ids, g_strdup (id));
      g_ptr_array_add (ids, NULL);
      g_strfreev (self->emitted_ids);
      self->emitted_ids = (char **) g_ptr_array_free (ids, FALSE);
    }
  g_hash_table_remove_all (self->changed_ids);
  self->changed_unknown = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  g_clear_pointer (&self->emitted_ids, g_strfreev);
}

const char * const *
rd_store_peek_changed_ids (RdStore *self)
{
  return (const char * const *) self->emitted_ids;
}

void
rd_store_note_change (RdStore *self)
{
  self->changed = TRUE;
  self->changed_unknown = TRUE;
}

void
rd_store_note_changed_id (RdStore    *self,
                          const char *id)
{
  self->changed = TRUE;
  g_hash_table_add (self->changed_ids, g_strdup (id));
}

void
rd_store_note_written (RdStore    *self,
                       const char *id)
{
  rd_store_note_changed_id (self, id);
  if (self->depth == 0)
    {
      self->changed = FALSE;
      rd_store_emit_changed (self);
    }
}

void
rd_store_take_change (RdStore            *self,
                      const char * const *ids)
{
  if (ids == NULL)
    rd_store_note_change (self);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    rd_store_note_changed_id (self, ids[i]);
  if (self->depth == 0 && self->changed)
    {
      self->changed = FALSE;
      rd_store_emit_changed (self);
    }
}

gboolean
rd_store_begin (RdStore  *self,
                GError  **error)
{
  g_autofree char *sql = NULL;

  /* The outermost level takes the write lock at once: a deferred transaction that reads
   * first cannot wait for it later (SQLITE_BUSY without the busy handler). It is a plain
   * transaction, not a savepoint, so that SQLite keeps no sub-journal of every page. */
  if (self->depth == 0 && sqlite3_get_autocommit (self->db))
    {
      if (!rd_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->own_transaction = TRUE;
      self->depth++;
      return TRUE;
    }
  sql = g_strdup_printf ("SAVEPOINT rd%u", self->depth);
  if (!rd_store_exec (self, sql, error))
    return FALSE;
  if (self->depth == 0)
    self->own_transaction = FALSE;
  self->depth++;
  return TRUE;
}

static gboolean
is_own_outermost (RdStore *self)
{
  return self->depth == 1 && self->own_transaction;
}

gboolean
rd_store_commit (RdStore  *self,
                 GError  **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->depth > 0, FALSE);

  if (is_own_outermost (self))
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE rd%u", self->depth - 1);
  if (!rd_store_exec (self, sql, error))
    {
      rd_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0 && self->changed)
    {
      self->changed = FALSE;
      rd_store_emit_changed (self);
    }
  return TRUE;
}

void
rd_store_rollback (RdStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->depth > 0);

  if (is_own_outermost (self))
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO rd%u; RELEASE rd%u", self->depth - 1, self->depth - 1);
  self->depth--;
  /* After a failed COMMIT, SQLite may have rolled back already. */
  if (!rd_store_exec (self, sql, NULL) && !sqlite3_get_autocommit (self->db))
    g_warning ("Failed to roll back: %s", sqlite3_errmsg (self->db));
  if (self->depth == 0)
    {
      self->own_transaction = FALSE;
      self->changed = FALSE;
      self->changed_unknown = FALSE;
      g_hash_table_remove_all (self->changed_ids);
    }
}

static RdRecord *
record_from_stmt (sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr (JsonObject) body = NULL;
  RdRecord *record;

  body = rd_json_object_from_string ((const char *) sqlite3_column_text (stmt, 1), error);
  if (body == NULL)
    return NULL;
  record = rd_record_new ((const char *) sqlite3_column_text (stmt, 0), body);
  rd_record_set_rev (record, (const char *) sqlite3_column_text (stmt, 2));
  rd_record_set_deleted (record, sqlite3_column_int (stmt, 3));
  rd_record_set_dirty (record, sqlite3_column_int (stmt, 4));
  return record;
}

#define RECORD_COLUMNS "id, body, rev, deleted, edit_seq > pushed_seq"

static RdRecord *
get_record (RdStore     *self,
            const char  *id,
            gboolean     include_deleted,
            GError     **error)
{
  sqlite3_stmt *stmt;
  RdRecord *record = NULL;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = rd_store_prepare (self, "SELECT " RECORD_COLUMNS " FROM docs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && (include_deleted || !sqlite3_column_int (stmt, 3)))
    record = record_from_stmt (stmt, error);
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                 _("There is no record with the id %s"), id);
  else
    rd_store_set_sqlite_error (self, error, _("reading a record"));
  sqlite3_reset (stmt);
  return record;
}

RdRecord *
rd_store_get (RdStore     *self,
              const char  *id,
              GError     **error)
{
  return get_record (self, id, FALSE, error);
}

RdRecord *
rd_store_get_including_deleted (RdStore     *self,
                                const char  *id,
                                GError     **error)
{
  return get_record (self, id, TRUE, error);
}

guint
rd_store_count (RdStore    *self,
                const char *type)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  if (type == NULL)
    stmt = rd_store_prepare (self, "SELECT count(*) FROM docs WHERE deleted = 0", NULL);
  else
    stmt = rd_store_prepare (self, "SELECT count(*) FROM docs WHERE deleted = 0 AND type = ?",
                             NULL);
  if (stmt == NULL)
    return 0;
  if (type != NULL)
    sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static GPtrArray *
collect_records (RdStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdRecord *record = record_from_stmt (stmt, error);

      if (record == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("reading records"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

GPtrArray *
rd_store_list (RdStore     *self,
               const char  *type,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (type == NULL)
    stmt = rd_store_prepare (self, "SELECT " RECORD_COLUMNS " FROM docs WHERE deleted = 0 "
                                   "ORDER BY end_date IS NULL, end_date, id", error);
  else
    stmt = rd_store_prepare (self, "SELECT " RECORD_COLUMNS " FROM docs "
                                   "WHERE deleted = 0 AND type = ? "
                                   "ORDER BY end_date IS NULL, end_date, id", error);
  if (stmt == NULL)
    return NULL;
  if (type != NULL)
    sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  return collect_records (self, stmt, error);
}

/* How a field is looked up: from an index, but for fields no caller asks for. */
static const char *
find_by_field_sql (const char *field,
                   const char *value)
{
  /* Opening an agreement looks for its renewal offer. */
  if (g_str_equal (field, "renews"))
    return "SELECT " RECORD_COLUMNS " FROM docs "
           "WHERE deleted = 0 AND type = ?1 AND renews = ?3 LIMIT 1";
  /* The fields of the trigram search index: its few matches are tested exactly. */
  if ((g_str_equal (field, "customer") || g_str_equal (field, "product_title")
       || g_str_equal (field, "product_id") || g_str_equal (field, "agreement_id")
       || g_str_equal (field, "offer_id"))
      && g_utf8_strlen (value, -1) >= 3)
    return "SELECT " RECORD_COLUMNS " FROM docs "
           "WHERE rowid IN (SELECT rowid FROM docs_search WHERE docs_search MATCH ?4) "
           "AND deleted = 0 AND +type = ?1 AND json_extract (body, ?2) = ?3 LIMIT 1";
  return "SELECT " RECORD_COLUMNS " FROM docs "
         "WHERE deleted = 0 AND type = ?1 AND json_extract (body, ?2) = ?3 LIMIT 1";
}

RdRecord *
rd_store_find_by_field (RdStore     *self,
                        const char  *type,
                        const char  *field,
                        const char  *value,
                        GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *phrase = NULL;
  g_autoptr (GPtrArray) records = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);
  g_return_val_if_fail (type != NULL && field != NULL && value != NULL, NULL);

  stmt = rd_store_prepare (self, find_by_field_sql (field, value), error);
  if (stmt == NULL)
    return NULL;
  path = g_strdup_printf ("$.%s", field);
  phrase = rd_store_fts_phrase (value);
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, "?2"), path, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, "?4"), phrase, -1,
                     SQLITE_TRANSIENT);
  records = collect_records (self, stmt, error);
  if (records == NULL)
    return NULL;
  if (records->len == 0)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND,
                   _("There is no %s with %s %s"), type, field, value);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (records, 0));
}

gboolean
rd_store_step_done (RdStore      *self,
                    sqlite3_stmt *stmt,
                    const char   *what,
                    GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_integrity_check (RdStore    *self,
                          GPtrArray **problems,
                          GError    **error)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (found, g_strdup (line));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("checking the database"));
      return FALSE;
    }
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;
}

char *
rd_store_meta_get (RdStore    *self,
                   const char *key)
{
  sqlite3_stmt *stmt = rd_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
rd_store_meta_set (RdStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    stmt = rd_store_prepare (self, "DELETE FROM meta WHERE key = ?", error);
  else
    stmt = rd_store_prepare (self, "INSERT INTO meta (key, value) VALUES (?, ?) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return rd_store_step_done (self, stmt, _("saving settings"), error);
}

void
rd_store_row_free (RdStoreRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->date);
  g_free (row->customer);
  g_free (row->product_title);
  g_free (row->kind);
  g_free (row->stage);
  g_free (row->milestones);
  g_free (row);
}

/* Columns: id, type, date, customer, product_title, kind, stage[, milestones]. */
RdStoreRow *
rd_store_row_from_stmt (sqlite3_stmt *stmt)
{
  RdStoreRow *row = g_new0 (RdStoreRow, 1);

  row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row->type = g_intern_string ((const char *) sqlite3_column_text (stmt, 1));
  row->date = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->customer = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->product_title = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  row->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  row->stage = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  if (sqlite3_column_count (stmt) > 7)
    row->milestones = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  return row;
}

static GPtrArray *
query_rows (RdStore     *self,
            const char  *sql,
            const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_store_row_free);
  sqlite3_stmt *stmt = rd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, rd_store_row_from_stmt (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("reading the calendar"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
rd_store_query_end_dates (RdStore     *self,
                          const char  *from,
                          const char  *to,
                          GError     **error)
{
  return query_rows (self,
                     "SELECT id, type, end_date, customer, product_title, kind, stage, milestones "
                     "FROM docs INDEXED BY docs_by_end "
                     "WHERE deleted = 0 AND type = 'agreement' AND end_date BETWEEN ? AND ? "
                     "ORDER BY end_date",
                     from, to, error);
}

GPtrArray *
rd_store_query_expirations (RdStore     *self,
                            const char  *from,
                            const char  *to,
                            GError     **error)
{
  return query_rows (self,
                     "SELECT id, type, expiration_date, customer, product_title, kind, stage "
                     "FROM docs INDEXED BY docs_by_expiration "
                     "WHERE deleted = 0 AND type = 'offer' AND expiration_date BETWEEN ? AND ? "
                     "ORDER BY expiration_date",
                     from, to, error);
}

GPtrArray *
rd_store_query_fda_starts (RdStore     *self,
                           const char  *from,
                           const char  *to,
                           GError     **error)
{
  return query_rows (self,
                     "SELECT id, type, start_date, customer, product_title, kind, stage "
                     "FROM docs INDEXED BY docs_by_fda_start "
                     "WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda' "
                     "AND start_date BETWEEN ? AND ? ORDER BY start_date",
                     from, to, error);
}

GPtrArray *
rd_store_query_due_dates (RdStore     *self,
                          const char  *from,
                          const char  *to,
                          GError     **error)
{
  return query_rows (self,
                     "SELECT id, type, due_date, customer, product_title, kind, stage, milestones "
                     "FROM docs INDEXED BY docs_by_due "
                     "WHERE deleted = 0 AND type = 'agreement' AND due_date BETWEEN ? AND ? "
                     "ORDER BY due_date",
                     from, to, error);
}
