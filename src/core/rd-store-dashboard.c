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

/* An offer's value counts its value-add line items (see rd_renewal_total_value()); the
 * value-adds are read from docs_dashboard_offers, not from the body. */
#define OFFER_TOTAL_VALUE \
  "(coalesce (value, 0) + coalesce ((SELECT total (json_extract (j.value, '$.amount'))" \
  " FROM json_each (docs.value_adds) AS j WHERE j.type = 'object'), 0))"

/* An agreement is renewed when AWS says so (RENEWED, or REPLACED by a replacement offer),
 * when a later agreement names it as its preceding one, or when an offer renewing it was
 * accepted. Every part is an index lookup. */
#define RENEWED_BY_AWS "coalesce (upper (docs.status), '') IN ('RENEWED', 'REPLACED')"
#define HAS_SUCCESSOR \
  "(docs.agreement_id IS NOT NULL AND EXISTS (SELECT 1 FROM docs AS n" \
  "   INDEXED BY docs_dashboard_successors WHERE n.preceding_agreement_id = docs.agreement_id" \
  "   AND n.deleted = 0 AND n.type = 'agreement'))"
#define HAS_OFFER_AT(stages) \
  "EXISTS (SELECT 1 FROM docs AS o INDEXED BY docs_dashboard_renewals" \
  "   WHERE o.renews = docs.id AND o.deleted = 0 AND o.type = 'offer'" \
  "   AND o.stage IN " stages ")"
#define RENEWED \
  "(" RENEWED_BY_AWS " OR " HAS_SUCCESSOR " OR " HAS_OFFER_AT ("('accepted')") ")"

/* Superseded and rolled-back agreements did not come up for renewal: an amendment
 * replaced their terms, or they never took effect. */
#define NOT_ENDED_BY_AWS \
  "AND coalesce (upper (status), '') NOT IN ('SUPERSEDED', 'ROLLED_BACK')"

/* The open renewal offers last reviewed on the bound date or never (rd_renewal_ace_review_due()),
 * from docs_dashboard_ace in its order. */
#define ACE_REVIEW \
  "FROM docs INDEXED BY docs_dashboard_ace WHERE deleted = 0 AND type = 'offer' " \
  "AND coalesce (stage, '') NOT IN ('accepted', 'lost') AND coalesce (ace_reviewed_on, '') <= ? "

/* The agreements of the figures, read from one covering index by end date. */
#define AGREEMENTS \
  "FROM docs INDEXED BY docs_dashboard_agreements WHERE deleted = 0 AND type = 'agreement' "

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
                           "SELECT count (*), total (value) " AGREEMENTS
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
                           "FROM docs INDEXED BY docs_dashboard_offers "
                           "WHERE deleted = 0 AND type = 'offer' GROUP BY stage",
                           error);
  if (stmt == NULL || !add_stage_rows (store, stmt, counts, values, n_stages, error))
    return FALSE;

  stmt = rd_store_prepare (store,
                           "SELECT coalesce (stage, 'identified'), count (*), total (value) "
                           AGREEMENTS "AND end_date >= ? AND NOT " RENEWED_BY_AWS " "
                           "AND NOT EXISTS (SELECT 1 FROM docs AS o "
                           "  INDEXED BY docs_dashboard_renewals "
                           "  WHERE o.renews = docs.id AND o.deleted = 0 AND o.type = 'offer') "
                           "AND NOT " HAS_SUCCESSOR " GROUP BY 1",
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
                           "SELECT count (*), total (value) " AGREEMENTS
                           "AND end_date BETWEEN ? AND ? AND NOT " RENEWED_BY_AWS " "
                           "AND NOT " HAS_OFFER_AT ("('published', 'accepted')") " "
                           "AND NOT " HAS_SUCCESSOR,
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
                           "SELECT count (*), total (" RENEWED ") " AGREEMENTS
                           "AND end_date BETWEEN ? AND ? " NOT_ENDED_BY_AWS,
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

gboolean
rd_store_dashboard_count_ace_review (RdStore     *store,
                                     const char  *reviewed_before,
                                     guint       *count,
                                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT count (*) " ACE_REVIEW,
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
                           "SELECT id, body, rev, edit_seq > pushed_seq " ACE_REVIEW
                           "ORDER BY coalesce (ace_reviewed_on, ''), end_date, id LIMIT ?",
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
