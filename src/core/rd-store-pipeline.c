/* rd-store-pipeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-date.h"
#include "rd-store-pipeline.h"
#include "rd-store-private.h"

/* The trigram index answers searches of three characters or more; shorter ones compare
 * the case-folded field values of each row. */
#define TRIGRAM 3

typedef struct
{
  const char *is_null;  /* NULL: never null */
  const char *order;
  const char *index;    /* the index that yields this order ascending, or NULL */
} SortSpec;

static SortSpec
sort_spec (RdPipelineSort sort)
{
  switch (sort)
    {
    case RD_PIPELINE_SORT_START_DATE:
      return (SortSpec) { "start_date IS NULL", "start_date", NULL };
    case RD_PIPELINE_SORT_CUSTOMER:
      return (SortSpec) { "customer IS NULL", "customer COLLATE NOCASE", "docs_sort_customer" };
    case RD_PIPELINE_SORT_PRODUCT_TITLE:
      return (SortSpec) { "product_title IS NULL", "product_title COLLATE NOCASE",
                          "docs_sort_title" };
    case RD_PIPELINE_SORT_PRODUCT_ID:
      return (SortSpec) { "product_id IS NULL", "product_id", "docs_sort_product_id" };
    case RD_PIPELINE_SORT_STAGE:
      return (SortSpec) { NULL,
                          "CASE stage WHEN 'identified' THEN 1 WHEN 'outreach' THEN 2 "
                          "WHEN 'needs_analysis' THEN 3 WHEN 'drafted' THEN 4 "
                          "WHEN 'published' THEN 5 WHEN 'accepted' THEN 6 WHEN 'lost' THEN 7 "
                          "ELSE 8 END", NULL };
    case RD_PIPELINE_SORT_KIND:
      return (SortSpec) { "kind IS NULL", "kind", NULL };
    case RD_PIPELINE_SORT_VALUE:
      return (SortSpec) { "value IS NULL", "value", NULL };
    case RD_PIPELINE_SORT_END_DATE:
    case RD_PIPELINE_SORT_DAYS_LEFT:
    default:
      return (SortSpec) { "end_date IS NULL", "end_date", "docs_sort_end" };
    }
}

char *
rd_store_fts_phrase (const char *text)
{
  g_autofree char *escaped = NULL;
  g_auto (GStrv) parts = g_strsplit (text, "\"", -1);

  escaped = g_strjoinv ("\"\"", parts);
  return g_strdup_printf ("\"%s\"", escaped);
}

static void
casefold_func (sqlite3_context *context,
               int              argc,
               sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, g_utf8_casefold (text, -1), -1, g_free);
}

static gboolean
ensure_casefold (RdStore  *store,
                 GError  **error)
{
  if (sqlite3_create_function_v2 (rd_store_get_db (store), "rd_casefold", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                  casefold_func, NULL, NULL, NULL) != SQLITE_OK)
    {
      rd_store_set_sqlite_error (store, error, _("filtering the pipeline"));
      return FALSE;
    }
  return TRUE;
}

typedef enum
{
  LIST_ROWS,
  COUNT_ROWS,
} StatementKind;

/* The pipeline's statement for query: its rows in display order (with :limit and :offset),
 * or how many there are. Binds what it uses; NULL on error. */
static sqlite3_stmt *
prepare_statement (RdStore                *store,
                   const RdPipelineQuery  *query,
                   RdStorePipelineColumns  columns,
                   StatementKind           kind,
                   GError                **error)
{
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autofree char *today = NULL;
  g_autofree char *horizon = NULL;
  g_autofree char *search = NULL;
  SortSpec spec = sort_spec (query->sort);
  /* A due row's due_date is its end_date: the due index reads them in end-date order. */
  gboolean due_order = query->due_within >= 0 && g_str_equal (spec.order, "end_date");
  gboolean short_search = FALSE;
  sqlite3_stmt *stmt = NULL;

  if (query->today != NULL)
    today = g_strdup (query->today);
  else
    {
      GDate d;

      rd_date_today (NULL, &d);
      today = rd_date_format (&d);
    }
  if (query->search != NULL && *query->search != '\0')
    {
      short_search = g_utf8_strlen (query->search, -1) < TRIGRAM;
      if (short_search && !ensure_casefold (store, error))
        return NULL;
      search = short_search ? g_utf8_casefold (query->search, -1)
                            : rd_store_fts_phrase (query->search);
    }

  /* Rowids alone are read from the indexes without touching the documents. */
  if (kind == COUNT_ROWS)
    g_string_append (sql, "SELECT count (*), 0, 0, 0, 0, 0, 0, 0, 0, 0");
  else
    {
      g_string_append (sql, columns != RD_STORE_PIPELINE_ROWID ? "SELECT rowid, id, type"
                                                               : "SELECT rowid, 0, 0");
      g_string_append (sql, (columns & RD_STORE_PIPELINE_SUMMARY)
                            ? ", kind, end_date, stage, customer, product_title"
                            : ", 0, 0, 0, 0, 0");
      g_string_append (sql, (columns & RD_STORE_PIPELINE_BODY) ? ", rev, body" : ", 0, 0");
    }
  g_string_append (sql, " FROM docs");
  /* With no filter but the kinds of record, a search and (in end-date order) a due horizon,
   * the order is read from an index (a search's matches are then picked by rowid as the
   * index is walked: no JSON is parsed to sort them). A search's matches are counted from
   * the search index alone. */
  if (due_order)
    spec = (SortSpec) { NULL, "due_date", "docs_sort_due" };
  if (spec.index != NULL && !query->descending && query->doc_type == NULL
      && query->owner == NULL && (query->due_within == RD_PIPELINE_DUE_ANY || due_order)
      && (search == NULL || (!short_search && kind == LIST_ROWS)))
    g_string_append_printf (sql, " INDEXED BY %s", spec.index);
  g_string_append (sql, " WHERE deleted = 0");
  /* A search's matches are few: looked up by rowid, not found by walking an index of all
   * agreements (which "type" would otherwise make the planner pick). */
  if (query->doc_type != NULL)
    g_string_append (sql, search != NULL ? " AND +type = :type" : " AND type = :type");
  else
    g_string_append (sql, search != NULL && strstr (sql->str, "INDEXED BY") == NULL
                          ? " AND +type IN ('agreement', 'offer')"
                          : " AND type IN ('agreement', 'offer')");
  /* Unowned records are nobody's: "Mine" leaves them out. */
  if (query->owner != NULL)
    g_string_append (sql, " AND owner = :owner");
  if (query->kind != NULL)
    g_string_append (sql, " AND kind = :kind");
  if (query->stage != NULL)
    g_string_append (sql, " AND stage = :stage");
  if (query->due_within == RD_PIPELINE_DUE_OVERDUE)
    g_string_append (sql, " AND end_date < :today"
                          " AND coalesce (stage, '') NOT IN ('accepted', 'lost')"
                          " AND coalesce (upper (status), 'ACTIVE') IN ('ACTIVE', 'EXPIRED')");
  else if (query->due_within >= 0)
    {
      /* Only offers and ACTIVE agreements (or those without a status) are due. */
      horizon = rd_date_shift_string (today, query->due_within);
      g_string_append (sql, " AND due_date BETWEEN :today AND :horizon");
    }
  if (search != NULL && short_search)
    g_string_append (sql, " AND instr (rd_casefold (search_text), :search) > 0");
  else if (search != NULL)
    g_string_append (sql, " AND rowid IN (SELECT rowid FROM docs_search"
                          " WHERE docs_search MATCH :search)");
  if (kind == LIST_ROWS)
    {
      g_string_append (sql, " ORDER BY ");
      if (spec.is_null != NULL)
        g_string_append_printf (sql, "%s, ", spec.is_null);
      g_string_append_printf (sql, "%s %s, rowid LIMIT :limit OFFSET :offset", spec.order,
                              query->descending ? "DESC" : "ASC");
    }

  if (sqlite3_prepare_v2 (rd_store_get_db (store), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      rd_store_set_sqlite_error (store, error, _("filtering the pipeline"));
      sqlite3_finalize (stmt);
      return NULL;
    }
#define BIND(name, value) \
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), value, -1, \
                     SQLITE_TRANSIENT)
  BIND (":type", query->doc_type);
  BIND (":kind", query->kind);
  BIND (":owner", query->owner);
  BIND (":stage", query->stage);
  BIND (":today", today);
  BIND (":horizon", horizon);
  BIND (":search", search);
#undef BIND
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), -1);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), 0);
  return stmt;
}

gboolean
rd_store_pipeline_foreach_range (RdStore                *store,
                                 const RdPipelineQuery  *query,
                                 RdStorePipelineColumns  columns,
                                 guint                   offset,
                                 int                     limit,
                                 RdStorePipelineRowFunc  func,
                                 gpointer                user_data,
                                 GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = prepare_statement (store, query, columns, LIST_ROWS, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), limit);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":offset"), offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdStorePipelineRow row = { .rowid = sqlite3_column_int64 (stmt, 0) };

      if (columns != RD_STORE_PIPELINE_ROWID)
        {
          row.id = (const char *) sqlite3_column_text (stmt, 1);
          row.type = (const char *) sqlite3_column_text (stmt, 2);
        }
      if (columns & RD_STORE_PIPELINE_SUMMARY)
        {
          row.kind = (const char *) sqlite3_column_text (stmt, 3);
          row.end_date = (const char *) sqlite3_column_text (stmt, 4);
          row.stage = (const char *) sqlite3_column_text (stmt, 5);
          row.customer = (const char *) sqlite3_column_text (stmt, 6);
          row.product_title = (const char *) sqlite3_column_text (stmt, 7);
        }
      if (columns & RD_STORE_PIPELINE_BODY)
        {
          row.rev = (const char *) sqlite3_column_text (stmt, 8);
          row.body = (const char *) sqlite3_column_text (stmt, 9);
        }
      if (!func (&row, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    rd_store_set_sqlite_error (store, error, _("filtering the pipeline"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

gboolean
rd_store_pipeline_foreach (RdStore                *store,
                           const RdPipelineQuery  *query,
                           RdStorePipelineColumns  columns,
                           RdStorePipelineRowFunc  func,
                           gpointer                user_data,
                           GError                **error)
{
  return rd_store_pipeline_foreach_range (store, query, columns, 0, -1, func, user_data, error);
}

gboolean
rd_store_pipeline_count (RdStore                *store,
                         const RdPipelineQuery  *query,
                         guint                  *n_rows,
                         GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_rows != NULL, FALSE);

  stmt = prepare_statement (store, query, RD_STORE_PIPELINE_ROWID, COUNT_ROWS, error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *n_rows = (guint) sqlite3_column_int64 (stmt, 0);
  else
    rd_store_set_sqlite_error (store, error, _("filtering the pipeline"));
  sqlite3_finalize (stmt);
  return rc == SQLITE_ROW;
}

static gboolean
append_rowid (const RdStorePipelineRow *row,
              gpointer                  user_data)
{
  g_array_append_val ((GArray *) user_data, row->rowid);
  return TRUE;
}

gboolean
rd_store_pipeline_concerns (RdStore             *store,
                            const char * const  *ids)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), TRUE);

  if (ids == NULL)
    return TRUE;
  stmt = rd_store_prepare (store, "SELECT type IN ('agreement', 'offer') FROM docs WHERE id = ?",
                           NULL);
  if (stmt == NULL)
    return TRUE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gboolean concerns = TRUE;

      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_STATIC);
      /* A record that is gone may have been a row. */
      if (sqlite3_step (stmt) == SQLITE_ROW)
        concerns = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
      if (concerns)
        return TRUE;
    }
  return FALSE;
}

void
rd_store_pipeline_page_free (RdStorePipelinePage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->rowids, g_array_unref);
  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_free (page);
}

RdStorePipelinePage *
rd_store_pipeline_read_first_page (RdStore                *store,
                                   const RdPipelineQuery  *query,
                                   guint                   max_rows,
                                   GError                **error)
{
  g_autoptr (RdStorePipelinePage) page = g_new0 (RdStorePipelinePage, 1);
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  page->rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), max_rows);
  /* The rows, their records and their number from one snapshot of the database. */
  if (!rd_store_exec (store, "BEGIN", error))
    return NULL;
  ok = rd_store_pipeline_foreach_range (store, query, RD_STORE_PIPELINE_ROWID, 0, max_rows,
                                        append_rowid, page->rowids, error);
  if (ok && page->rowids->len < max_rows)
    page->n_rows = page->rowids->len;
  else if (ok)
    ok = rd_store_pipeline_count (store, query, &page->n_rows, error);
  if (ok)
    page->records = rd_store_pipeline_read_records (store,
                                                    (const gint64 *) (void *) page->rowids->data,
                                                    page->rowids->len, error);
  rd_store_exec (store, "COMMIT", NULL);
  if (!ok || page->records == NULL)
    return NULL;
  page->n_rows = MAX (page->n_rows, page->rowids->len);
  return g_steal_pointer (&page);
}

GPtrArray *
rd_store_pipeline_read_records (RdStore       *store,
                                const gint64  *rowids,
                                guint          n_rowids,
                                GError       **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_full (n_rowids, g_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT id, body, rev, edit_seq > pushed_seq FROM docs WHERE rowid = ?",
                           error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_rowids; i++)
    {
      g_autoptr (JsonObject) body = NULL;
      const char *id = NULL;
      RdRecord *record;
      int rc;

      sqlite3_bind_int64 (stmt, 1, rowids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          id = (const char *) sqlite3_column_text (stmt, 0);
          body = rd_json_object_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);
        }
      else if (rc != SQLITE_DONE)
        {
          rd_store_set_sqlite_error (store, error, _("reading the pipeline"));
          sqlite3_reset (stmt);
          return NULL;
        }
      if (body == NULL)
        body = json_object_new ();
      record = rd_record_new (id, body);
      if (rc == SQLITE_ROW)
        {
          rd_record_set_rev (record, (const char *) sqlite3_column_text (stmt, 2));
          rd_record_set_dirty (record, sqlite3_column_int (stmt, 3));
        }
      sqlite3_reset (stmt);
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

GArray *
rd_store_pipeline_rowids_of_ids (RdStore             *store,
                                 const char * const  *ids,
                                 GError             **error)
{
  g_autoptr (GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store, "SELECT rowid FROM docs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (rowids, rowid);
        }
      else if (rc != SQLITE_DONE)
        {
          rd_store_set_sqlite_error (store, error, _("reading the pipeline"));
          sqlite3_reset (stmt);
          return NULL;
        }
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&rowids);
}
