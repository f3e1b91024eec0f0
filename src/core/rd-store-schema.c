/* rd-store-schema.c
 *
 * The schema of the document store and its forward-only migrations, one per version of
 * PRAGMA user_version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-store-private.h"

/* Version 1: the document table alone. Kept so that migrations are tested from it. */
static const char schema_v1[] =
  "CREATE TABLE docs ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  type TEXT NOT NULL,"
  "  body TEXT NOT NULL CHECK (json_valid (body)),"
  "  rev TEXT,"
  "  base_body TEXT,"
  "  edit_seq INTEGER NOT NULL DEFAULT 0,"
  "  pushed_seq INTEGER NOT NULL DEFAULT 0,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  conflict TEXT"
  ");";

/* Version 2: generated columns and the covering indexes the calendar and pipeline read. */
static const char migration_v2[] =
  "ALTER TABLE docs ADD COLUMN customer TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.customer')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN product_title TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.product_title')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN product_id TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.product_id')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN kind TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.kind')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN stage TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.stage')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN start_date TEXT"
  "  GENERATED ALWAYS AS (CASE type WHEN 'offer'"
  "    THEN json_extract (body, '$.agreement_start_date')"
  "    ELSE json_extract (body, '$.start_date') END) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN end_date TEXT"
  "  GENERATED ALWAYS AS (CASE type WHEN 'offer'"
  "    THEN json_extract (body, '$.agreement_end_date')"
  "    ELSE json_extract (body, '$.end_date') END) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN expiration_date TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.offer_expiration_date')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN mechanism TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.renewal_mechanism')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN value REAL"
  "  GENERATED ALWAYS AS (json_extract (body, '$.value')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN renews TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.renews')) VIRTUAL;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID;"
  "CREATE INDEX docs_by_end ON docs (type, end_date, customer, product_title, kind, stage, id)"
  "  WHERE deleted = 0;"
  "CREATE INDEX docs_by_expiration"
  "  ON docs (expiration_date, customer, product_title, kind, stage, id)"
  "  WHERE deleted = 0 AND type = 'offer';"
  "CREATE INDEX docs_by_fda_start ON docs (start_date, customer, product_title, kind, stage, id)"
  "  WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda';"
  "CREATE INDEX docs_by_start ON docs (start_date) WHERE deleted = 0;"
  "CREATE INDEX docs_by_customer ON docs (customer COLLATE NOCASE) WHERE deleted = 0;"
  "CREATE INDEX docs_by_title ON docs (product_title COLLATE NOCASE) WHERE deleted = 0;"
  "CREATE INDEX docs_by_renews ON docs (renews) WHERE renews IS NOT NULL;"
  "CREATE INDEX docs_dirty ON docs (edit_seq) WHERE edit_seq > pushed_seq;";

/* Version 3: what this device did with each reminder (fired, snoozed until, dismissed).
 * Per device, never synced; rows are checked when read, so no CHECK constraints here. */
static const char migration_v3[] =
  "CREATE TABLE reminder_state ("
  "  reminder_id TEXT PRIMARY KEY NOT NULL,"
  "  record_id TEXT NOT NULL,"
  "  state TEXT NOT NULL,"
  "  until TEXT,"
  "  changed_at TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE INDEX reminder_state_snoozed ON reminder_state (until) WHERE state = 'snoozed';";

/* Version 4: the calendar shows which milestones are done, read from the index too. */
static const char migration_v4[] =
  "ALTER TABLE docs ADD COLUMN milestones TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.milestones')) VIRTUAL;"
  "DROP INDEX docs_by_end;"
  "CREATE INDEX docs_by_end"
  "  ON docs (type, end_date, customer, product_title, kind, stage, milestones, id)"
  "  WHERE deleted = 0;";

/* Version 5: an agreement's AWS status; due_date, an end date that counts (offers, and
 * agreements that are ACTIVE or have no status); free-text search over field values through
 * a trigram FTS5 index that triggers keep in step with the docs table; indexes the
 * pipeline's sorts read in order. */
static const char migration_v5[] =
  "ALTER TABLE docs ADD COLUMN status TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.status')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN due_date TEXT"
  "  GENERATED ALWAYS AS (CASE WHEN type <> 'agreement'"
  "    OR coalesce (upper (status), 'ACTIVE') = 'ACTIVE' THEN end_date END) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN search_text TEXT"
  "  GENERATED ALWAYS AS (coalesce (json_extract (body, '$.customer'), '') || char (10)"
  "    || coalesce (json_extract (body, '$.product_title'), '') || char (10)"
  "    || coalesce (json_extract (body, '$.product_id'), '') || char (10)"
  "    || coalesce (json_extract (body, '$.agreement_id'), '') || char (10)"
  "    || coalesce (json_extract (body, '$.offer_id'), '')) VIRTUAL;"
  "CREATE INDEX docs_by_due"
  "  ON docs (type, due_date, customer, product_title, kind, stage, milestones, id)"
  "  WHERE deleted = 0 AND due_date IS NOT NULL;"
  "CREATE INDEX docs_sort_customer ON docs (customer IS NULL, customer COLLATE NOCASE)"
  "  WHERE deleted = 0 AND type IN ('agreement', 'offer');"
  "CREATE INDEX docs_sort_title ON docs (product_title IS NULL, product_title COLLATE NOCASE)"
  "  WHERE deleted = 0 AND type IN ('agreement', 'offer');"
  "CREATE INDEX docs_sort_product_id ON docs (product_id IS NULL, product_id)"
  "  WHERE deleted = 0 AND type IN ('agreement', 'offer');"
  "CREATE INDEX docs_sort_end ON docs (end_date IS NULL, end_date)"
  "  WHERE deleted = 0 AND type IN ('agreement', 'offer');"
  "CREATE VIRTUAL TABLE docs_search USING fts5 (search_text, content = 'docs',"
  "  content_rowid = 'rowid', tokenize = 'trigram');"
  "INSERT INTO docs_search (docs_search) VALUES ('rebuild');"
  "CREATE TRIGGER docs_search_insert AFTER INSERT ON docs BEGIN"
  "  INSERT INTO docs_search (rowid, search_text) VALUES (new.rowid, new.search_text);"
  "END;"
  "CREATE TRIGGER docs_search_delete AFTER DELETE ON docs BEGIN"
  "  INSERT INTO docs_search (docs_search, rowid, search_text)"
  "    VALUES ('delete', old.rowid, old.search_text);"
  "END;"
  "CREATE TRIGGER docs_search_update AFTER UPDATE OF body ON docs"
  "  WHEN old.search_text IS NOT new.search_text BEGIN"
  "  INSERT INTO docs_search (docs_search, rowid, search_text)"
  "    VALUES ('delete', old.rowid, old.search_text);"
  "  INSERT INTO docs_search (rowid, search_text) VALUES (new.rowid, new.search_text);"
  "END;";

/* Version 6: what the Dashboard's figures read, carried by indexes so that no figure parses
 * a body: an agreement's currency, AWS id and the one it renews (preceding_agreement_id),
 * an offer's value-adds and last ACE review. */
static const char migration_v6[] =
  "ALTER TABLE docs ADD COLUMN currency TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.currency')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN agreement_id TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.agreement_id')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN preceding_agreement_id TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.preceding_agreement_id')) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN value_adds TEXT"
  "  GENERATED ALWAYS AS (CASE json_type (body, '$.value_adds') WHEN 'array'"
  "    THEN json_extract (body, '$.value_adds') END) VIRTUAL;"
  "ALTER TABLE docs ADD COLUMN ace_reviewed_on TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.ace_reviewed_on')) VIRTUAL;"
  "CREATE INDEX docs_dashboard_agreements"
  "  ON docs (end_date, status, stage, currency, value, agreement_id, id)"
  "  WHERE deleted = 0 AND type = 'agreement';"
  "CREATE INDEX docs_dashboard_offers ON docs (stage, currency, value, value_adds)"
  "  WHERE deleted = 0 AND type = 'offer';"
  "CREATE INDEX docs_dashboard_renewals ON docs (renews, stage)"
  "  WHERE deleted = 0 AND type = 'offer';"
  "CREATE INDEX docs_dashboard_successors ON docs (preceding_agreement_id)"
  "  WHERE deleted = 0 AND type = 'agreement' AND preceding_agreement_id IS NOT NULL;"
  "CREATE INDEX docs_dashboard_ace ON docs (coalesce (ace_reviewed_on, ''), end_date, id)"
  "  WHERE deleted = 0 AND type = 'offer' AND coalesce (stage, '') NOT IN ('accepted', 'lost');";

/* Version 7: the journal of CSV imports (rd-store-import.h), so that an import can commit in
 * bounded transactions and a run that was killed is rolled back whole. Earlier versions made
 * these tables on first use, hence IF NOT EXISTS. */
static const char migration_v7[] =
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

/* Version 8: amounts are exact decimal strings (DESIGN §2). Numbers written before are
 * rewritten as their shortest round-trip text, so no value changes (rd-store-money.h); the
 * acknowledged base is rewritten alike, so the change is no local edit to push. */
static const char migration_v8[] =
  "CREATE TEMP TABLE amounts_v8 AS"
  "  SELECT id, rd_amounts_stored (body) AS body,"
  "    CASE WHEN base_body IS NOT NULL THEN rd_amounts_stored (base_body) END AS base_body"
  "  FROM docs"
  "  WHERE json_type (body, '$.value') IN ('integer', 'real')"
  "     OR instr (body, '\"amount\":') > 0 OR instr (body, '\"price\":') > 0"
  "     OR json_type (base_body, '$.value') IN ('integer', 'real');"
  "UPDATE docs SET body = coalesce (n.body, docs.body),"
  "    base_body = coalesce (n.base_body, docs.base_body)"
  "  FROM amounts_v8 AS n"
  "  WHERE docs.id = n.id AND (n.body IS NOT NULL OR n.base_body IS NOT NULL);"
  "DROP TABLE amounts_v8;";

/* Version 9: the record's owner, so that "Mine" filters through an index. */
static const char migration_v9[] =
  "ALTER TABLE docs ADD COLUMN owner TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.owner')) VIRTUAL;"
  "CREATE INDEX docs_by_owner ON docs (owner, type, end_date) WHERE deleted = 0;";

/* Version 10: an amount's decimal text as the body stores it (value_text), carried by the
 * Dashboard's covering indexes in place of the REAL value, so that its sums are exact past the
 * 15 digits a double holds. */
static const char migration_v10[] =
  "ALTER TABLE docs ADD COLUMN value_text TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.value')) VIRTUAL;"
  "DROP INDEX docs_dashboard_agreements;"
  "CREATE INDEX docs_dashboard_agreements"
  "  ON docs (end_date, status, stage, currency, value_text, agreement_id, id)"
  "  WHERE deleted = 0 AND type = 'agreement';"
  "DROP INDEX docs_dashboard_offers;"
  "CREATE INDEX docs_dashboard_offers ON docs (stage, currency, value_text, value_adds)"
  "  WHERE deleted = 0 AND type = 'offer';";

/* Version 11: the few records in conflict are counted from an index of their own, not by
 * reading every row (the sync engine counts them as it starts, before the first frame). */
static const char migration_v11[] =
  "CREATE INDEX docs_conflicts ON docs (id) WHERE conflict IS NOT NULL;";

/* Version 12: the calendar reads what it shows and what it filters on from its indexes, no
 * body: the owner ("Mine") on each kind of date, and on milestones the renewal's stage (an
 * accepted renewal settles every milestone, rd_milestones_agreement_status()). */
static const char migration_v12[] =
  "ALTER TABLE docs ADD COLUMN renewal_stage TEXT"
  "  GENERATED ALWAYS AS (json_extract (body, '$.renewal_stage')) VIRTUAL;"
  "DROP INDEX docs_by_end;"
  "CREATE INDEX docs_by_end"
  "  ON docs (type, end_date, customer, product_title, kind, stage, milestones, owner, id)"
  "  WHERE deleted = 0;"
  "DROP INDEX docs_by_due;"
  "CREATE INDEX docs_by_due"
  "  ON docs (type, due_date, customer, product_title, kind, stage, milestones, renewal_stage,"
  "    owner, id)"
  "  WHERE deleted = 0 AND due_date IS NOT NULL;"
  "DROP INDEX docs_by_expiration;"
  "CREATE INDEX docs_by_expiration"
  "  ON docs (expiration_date, customer, product_title, kind, stage, owner, id)"
  "  WHERE deleted = 0 AND type = 'offer';"
  "DROP INDEX docs_by_fda_start;"
  "CREATE INDEX docs_by_fda_start"
  "  ON docs (start_date, customer, product_title, kind, stage, owner, id)"
  "  WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda';";

/* Version 13: the pipeline's rows due within N days, read in end-date order from an index
 * (a due row's due_date is its end_date), so that neither a sort nor a body is needed to
 * order them. */
static const char migration_v13[] =
  "CREATE INDEX docs_sort_due ON docs (due_date)"
  "  WHERE deleted = 0 AND due_date IS NOT NULL AND type IN ('agreement', 'offer');";

/* Version 14: no query names docs_by_customer or docs_by_start, and the query planner picks
 * neither (EXPLAIN QUERY PLAN of every query the store runs): each only slowed every write.
 * docs_by_title stays, the planner scans it for what reads every record in turn. */
static const char migration_v14[] =
  "DROP INDEX IF EXISTS docs_by_customer;"
  "DROP INDEX IF EXISTS docs_by_start;";

/* Version 15: an expiring offer's reminder shows the agreement end date and is settled by
 * its milestones; the expiration index carries both, so that no reminder query parses a
 * body (the milestone reminders read docs_by_due since version 12). */
static const char migration_v15[] =
  "DROP INDEX docs_by_expiration;"
  "CREATE INDEX docs_by_expiration"
  "  ON docs (expiration_date, customer, product_title, kind, stage, owner, end_date,"
  "    milestones, id)"
  "  WHERE deleted = 0 AND type = 'offer';";

/* Version 16: the search index merges its segments eight at a time instead of four, so that
 * each trigram is rewritten fewer times as records arrive: merging was a tenth of what a sync
 * pull of 10,000 records spent in the store, and takes a sixth less with this. Searches at
 * 100,000 records take as long either way. */
static const char migration_v16[] =
  "INSERT INTO docs_search (docs_search, rank) VALUES ('automerge', 8);";

static const char *const migrations[] = {
  schema_v1,
  migration_v2,
  migration_v3,
  migration_v4,
  migration_v5,
  migration_v6,
  migration_v7,
  migration_v8,
  migration_v9,
  migration_v10,
  migration_v11,
  migration_v12,
  migration_v13,
  migration_v14,
  migration_v15,
  migration_v16,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RD_STORE_SCHEMA_VERSION);

int
rd_store_query_int (RdStore     *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt = rd_store_prepare (self, sql, error);
  int value;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      rd_store_set_sqlite_error (self, error, _("opening the database"));
      sqlite3_reset (stmt);
      return -1;
    }
  value = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
check_not_too_new (RdStore  *self,
                   int       version,
                   GError  **error)
{
  if (version <= RD_STORE_SCHEMA_VERSION)
    return TRUE;
  g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_TOO_NEW,
               _("The database %s was written by a newer version of Renewal Desk "
                 "(schema %d, this version knows %d). Update Renewal Desk to open it."),
               rd_store_get_path (self), version, RD_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
migrate_locked (RdStore  *self,
                GError  **error)
{
  int version;

  /* Another process may be migrating the same file: the version read before is only a
   * hint, the one read under the write lock decides. */
  if (!rd_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  version = rd_store_query_int (self, "PRAGMA user_version", error);
  if (version < 0 || !check_not_too_new (self, version, error))
    goto fail;
  for (int v = version; v < RD_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = NULL;

      if (!rd_store_exec (self, migrations[v], error))
        goto fail;
      bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      if (!rd_store_exec (self, bump, error))
        goto fail;
      g_debug ("Migrated %s to schema %d", rd_store_get_path (self), v + 1);
    }
  return rd_store_exec (self, "COMMIT", error);

fail:
  rd_store_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

gboolean
rd_store_schema_migrate (RdStore  *self,
                         GError  **error)
{
  int version = rd_store_query_int (self, "PRAGMA user_version", error);
  int cache_size;
  g_autoptr (GError) cache_error = NULL;
  g_autofree char *restore = NULL;
  gboolean migrated;

  if (version < 0 || !check_not_too_new (self, version, error))
    return FALSE;
  if (version == RD_STORE_SCHEMA_VERSION)
    return TRUE;

  /* A migration that rewrites bodies or builds indexes rewrites every body-derived index:
   * with SQLite's default 2 MB page cache it reads and writes each page many times (migration
   * 8 spent 40 % more CPU time so). A larger cache while migrating, then the usual one. */
  cache_size = rd_store_query_int (self, "PRAGMA cache_size", &cache_error);
  if (cache_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&cache_error));
      return FALSE;
    }
  if (!rd_store_exec (self, "PRAGMA cache_size = -65536", error))
    return FALSE;
  migrated = migrate_locked (self, error);
  restore = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);
  rd_store_exec (self, restore, NULL);
  return migrated;
}
