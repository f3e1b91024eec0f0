/* rd-store-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store-dashboard"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-rules.h"
#include "rd-store-dashboard.h"
#include "rd-store-private.h"

/* An offer's value counts its value-add line items (see rd_renewal_total_value()). */
#define OFFER_TOTAL_VALUE \
  "(coalesce (value, 0) + coalesce ((SELECT total (json_extract (j.value, '$.amount'))" \
  " FROM json_each (docs.body, '$.value_adds') AS j" \
  " WHERE json_type (docs.body, '$.value_adds') = 'array' AND j.type = 'object'), 0))"

/* The agreement was renewed outside this app, as AWS reports it. */
#define RENEWED_STATUS \
  "coalesce (json_extract (docs.body, '$.status'), '') IN ('RENEWED', 'REPLACED')"

static gboolean
fail (RdStore       *store,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  sqlite3_reset (stmt);
  rd_store_set_sqlite_error (store, error, _("computing the dashboard"));
  return FALSE;
}

/* Steps the one row of an aggregate query and hands its first two columns out. */
static gboolean
step_count_value (RdStore       *store,
                  sqlite3_stmt  *stmt,
                  guint         *count,
                  double        *value,
                  GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fail (store, stmt, error);
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  if (value != NULL)
    *value = sqlite3_column_double (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
rd_store_dashboard_count_due (RdStore     *store,
                              const char  *from,
                              const char  *to,
                              guint       *count,
                              double      *value,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT count (*), total (value) FROM docs INDEXED BY docs_by_end "
                           "WHERE deleted = 0 AND type = 'agreement' "
                           "AND end_date BETWEEN ? AND ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  return step_count_value (store, stmt, count, value, error);
}

static gboolean
add_stage_rows (RdStore      *store,
                sqlite3_stmt *stmt,
                guint        *counts,
                double       *values,
                guint         n_stages,
                GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *stage = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; i < n_stages && rd_stages[i] != NULL; i++)
        if (g_strcmp0 (stage, rd_stages[i]) == 0)
          {
            counts[i] += (guint) sqlite3_column_int64 (stmt, 1);
            values[i] += sqlite3_column_double (stmt, 2);
            break;
          }
    }
  if (rc != SQLITE_DONE)
    return fail (store, stmt, error);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
rd_store_dashboard_count_stages (RdStore     *store,
                                 const char  *today,
                                 guint       *counts,
                                 double      *values,
                                 guint        n_stages,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT stage, count (*), total (" OFFER_TOTAL_VALUE ") "
                           "FROM docs WHERE deleted = 0 AND type = 'offer' GROUP BY stage",
                           error);
  if (stmt == NULL || !add_stage_rows (store, stmt, counts, values, n_stages, error))
    return FALSE;

  stmt = rd_store_prepare (store,
                           "SELECT coalesce (stage, 'identified'), count (*), total (value) "
                           "FROM docs INDEXED BY docs_by_end "
                           "WHERE deleted = 0 AND type = 'agreement' AND end_date >= ? "
                           "AND NOT " RENEWED_STATUS " "
                           "AND NOT EXISTS (SELECT 1 FROM docs AS o "
                           "  WHERE o.renews = docs.id AND o.deleted = 0 AND o.type = 'offer') "
                           "GROUP BY 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  return add_stage_rows (store, stmt, counts, values, n_stages, error);
}

gboolean
rd_store_dashboard_count_at_risk (RdStore     *store,
                                  const char  *from,
                                  const char  *to,
                                  guint       *count,
                                  double      *value,
                                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT count (*), total (value) FROM docs INDEXED BY docs_by_end "
                           "WHERE deleted = 0 AND type = 'agreement' "
                           "AND end_date BETWEEN ? AND ? AND NOT " RENEWED_STATUS " "
                           "AND NOT EXISTS (SELECT 1 FROM docs AS o "
                           "  WHERE o.renews = docs.id AND o.deleted = 0 AND o.type = 'offer' "
                           "  AND o.stage IN ('published', 'accepted'))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  return step_count_value (store, stmt, count, value, error);
}

gboolean
rd_store_dashboard_count_renewed (RdStore     *store,
                                  const char  *from,
                                  const char  *to,
                                  guint       *ended,
                                  guint       *renewed,
                                  GError     **error)
{
  sqlite3_stmt *stmt;
  double renewed_count;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT count (*), total (" RENEWED_STATUS " OR EXISTS (SELECT 1 "
                           "  FROM docs AS o WHERE o.renews = docs.id AND o.deleted = 0 "
                           "  AND o.type = 'offer' AND o.stage = 'accepted')) "
                           "FROM docs INDEXED BY docs_by_end "
                           "WHERE deleted = 0 AND type = 'agreement' AND end_date BETWEEN ? AND ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (!step_count_value (store, stmt, ended, &renewed_count, error))
    return FALSE;
  *renewed = (guint) renewed_count;
  return TRUE;
}

/* Same rule as rd_renewal_ace_review_due(). */
gboolean
rd_store_dashboard_count_ace_review (RdStore     *store,
                                     const char  *reviewed_before,
                                     guint       *count,
                                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT count (*) FROM docs WHERE deleted = 0 AND type = 'offer' "
                           "AND coalesce (stage, '') NOT IN ('accepted', 'lost') "
                           "AND coalesce (json_extract (body, '$.ace_reviewed_on'), '') <= ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reviewed_before, -1, SQLITE_TRANSIENT);
  return step_count_value (store, stmt, count, NULL, error);
}

GPtrArray *
rd_store_dashboard_list_ace_review (RdStore     *store,
                                    const char  *reviewed_before,
                                    guint        limit,
                                    GError     **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  stmt = rd_store_prepare (store,
                           "SELECT id, body, rev, edit_seq > pushed_seq FROM docs "
                           "WHERE deleted = 0 AND type = 'offer' "
                           "AND coalesce (stage, '') NOT IN ('accepted', 'lost') "
                           "AND coalesce (json_extract (body, '$.ace_reviewed_on'), '') <= ? "
                           "ORDER BY coalesce (json_extract (body, '$.ace_reviewed_on'), ''), "
                           "end_date, id LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, reviewed_before, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit == G_MAXUINT ? -1 : (gint64) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (JsonObject) body = NULL;
      RdRecord *record;

      body = rd_json_object_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);
      if (body == NULL)
        continue;
      record = rd_record_new ((const char *) sqlite3_column_text (stmt, 0), body);
      rd_record_set_rev (record, (const char *) sqlite3_column_text (stmt, 2));
      rd_record_set_dirty (record, sqlite3_column_int (stmt, 3));
      g_ptr_array_add (records, record);
    }
  if (rc != SQLITE_DONE)
    {
      fail (store, stmt, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&records);
}
