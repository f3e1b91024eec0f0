/* rd-store-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store-dashboard"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-money.h"
#include "rd-rules.h"
#include "rd-store-dashboard.h"
#include "rd-store-private.h"

/* An offer's value counts its value-add line items (see rd_renewal_total_value()); the
 * value-adds are read from docs_dashboard_offers, not from the body. Amounts are summed
 * exactly by rd_money_sum() (rd-store-money.h) from their decimal text (value_text, never
 * the REAL value), per currency by the GROUP BY. */
#define OFFER_TOTAL_VALUE \
  "(SELECT rd_money_sum (a) FROM (SELECT docs.value_text AS a UNION ALL" \
  " SELECT json_extract (j.value, '$.amount') FROM json_each (docs.value_adds) AS j" \
  " WHERE j.type = 'object'))"

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

/* Steps the one row of an aggregate query and hands its first column out. */
static gboolean
step_count (RdStore       *store,
            sqlite3_stmt  *stmt,
            guint         *count,
            GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fail (store, stmt, error);
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Adds the count in column `column` and the exact sum (rd_money_sum()'s text, or NULL) in the
 * next one to amounts. */
static gboolean
add_amount (sqlite3_stmt       *stmt,
            int                 column,
            const char         *currency,
            RdDashboardAmounts *amounts,
            GError            **error)
{
  const char *sum = (const char *) sqlite3_column_text (stmt, column + 1);
  RdMoney money;

  if (sum != NULL && !rd_money_parse (sum, &money, error))
    return FALSE;
  return rd_dashboard_amounts_add (amounts, currency, (guint) sqlite3_column_int64 (stmt, column),
                                   sum != NULL ? &money : NULL, error);
}

/* Rows of (currency, count, value[, renewed count, renewed value]) into amounts. */
static gboolean
step_amounts (RdStore            *store,
              sqlite3_stmt       *stmt,
              RdDashboardAmounts *amounts,
              RdDashboardAmounts *renewed,
              GError            **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *currency = (const char *) sqlite3_column_text (stmt, 0);

      if (!add_amount (stmt, 1, currency, amounts, error)
          || (renewed != NULL && sqlite3_column_int64 (stmt, 3) > 0
              && !add_amount (stmt, 3, currency, renewed, error)))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return fail (store, stmt, error);
  sqlite3_reset (stmt);
  return TRUE;
}

static sqlite3_stmt *
prepare_range (RdStore     *store,
               const char  *sql,
               const char  *from,
               const char  *to,
               GError     **error)
{
  sqlite3_stmt *stmt = rd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  return stmt;
}

gboolean
rd_store_dashboard_count_due (RdStore            *store,
                              const char         *from,
                              const char         *to,
                              RdDashboardAmounts *due,
                              GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = prepare_range (store,
                        "SELECT currency, count (*), rd_money_sum (value_text) " AGREEMENTS
                        "AND end_date BETWEEN ? AND ? GROUP BY currency",
                        from, to, error);
  return stmt != NULL && step_amounts (store, stmt, due, NULL, error);
}

static gboolean
add_stage_rows (RdStore            *store,
                sqlite3_stmt       *stmt,
                RdDashboardAmounts *per_stage,
                guint               n_stages,
                GError            **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *stage = (const char *) sqlite3_column_text (stmt, 0);

      for (guint i = 0; i < n_stages && rd_stages[i] != NULL; i++)
        if (g_strcmp0 (stage, rd_stages[i]) == 0)
          {
            if (!add_amount (stmt, 2, (const char *) sqlite3_column_text (stmt, 1),
                             &per_stage[i], error))
              {
                sqlite3_reset (stmt);
                return FALSE;
              }
            break;
          }
    }
  if (rc != SQLITE_DONE)
    return fail (store, stmt, error);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
rd_store_dashboard_count_stages (RdStore            *store,
                                 const char         *today,
                                 RdDashboardAmounts *per_stage,
                                 guint               n_stages,
                                 GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = rd_store_prepare (store,
                           "SELECT stage, currency, count (*), "
                           "rd_money_sum (" OFFER_TOTAL_VALUE ") "
                           "FROM docs INDEXED BY docs_dashboard_offers "
                           "WHERE deleted = 0 AND type = 'offer' GROUP BY stage, currency",
                           error);
  if (stmt == NULL || !add_stage_rows (store, stmt, per_stage, n_stages, error))
    return FALSE;

  stmt = prepare_range (store,
                        "SELECT coalesce (stage, 'identified'), currency, count (*), "
                        "rd_money_sum (value_text) " AGREEMENTS "AND end_date >= ? "
                        "AND NOT " RENEWED_BY_AWS " "
                        "AND NOT EXISTS (SELECT 1 FROM docs AS o "
                        "  INDEXED BY docs_dashboard_renewals "
                        "  WHERE o.renews = docs.id AND o.deleted = 0 AND o.type = 'offer') "
                        "AND NOT " HAS_SUCCESSOR " GROUP BY 1, 2",
                        today, NULL, error);
  return stmt != NULL && add_stage_rows (store, stmt, per_stage, n_stages, error);
}

gboolean
rd_store_dashboard_count_at_risk (RdStore            *store,
                                  const char         *from,
                                  const char         *to,
                                  RdDashboardAmounts *at_risk,
                                  GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = prepare_range (store,
                        "SELECT currency, count (*), rd_money_sum (value_text) " AGREEMENTS
                        "AND end_date BETWEEN ? AND ? AND NOT " RENEWED_BY_AWS " "
                        "AND NOT " HAS_OFFER_AT ("('published', 'accepted')") " "
                        "AND NOT " HAS_SUCCESSOR " GROUP BY currency",
                        from, to, error);
  return stmt != NULL && step_amounts (store, stmt, at_risk, NULL, error);
}

gboolean
rd_store_dashboard_count_renewed (RdStore            *store,
                                  const char         *from,
                                  const char         *to,
                                  RdDashboardAmounts *ended,
                                  RdDashboardAmounts *renewed,
                                  GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  stmt = prepare_range (store,
                        "SELECT currency, count (*), rd_money_sum (value_text), total (renewed), "
                        "rd_money_sum (CASE WHEN renewed THEN value_text END) "
                        "FROM (SELECT currency, value_text, " RENEWED " AS renewed " AGREEMENTS
                        "AND end_date BETWEEN ? AND ? " NOT_ENDED_BY_AWS ") GROUP BY currency",
                        from, to, error);
  return stmt != NULL && step_amounts (store, stmt, ended, renewed, error);
}

gboolean
rd_store_dashboard_list_targets (RdStore            *store,
                                 const char         *quarter,
                                 RdDashboardAmounts *targets,
                                 GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  /* A handful of records: reading their bodies costs nothing. */
  stmt = prepare_range (store,
                        "SELECT currency, 1, json_extract (body, '$.amount') FROM docs "
                        "WHERE deleted = 0 AND type = 'target' "
                        "AND json_extract (body, '$.quarter') = ? AND currency IS NOT NULL "
                        "AND json_extract (body, '$.amount') IS NOT NULL "
                        "ORDER BY currency, rowid DESC",
                        quarter, NULL, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *currency = (const char *) sqlite3_column_text (stmt, 0);

      /* The first row of a currency is its latest target; what is no amount is skipped. */
      if (rd_dashboard_amounts_lookup (targets, currency) == NULL)
        {
          const char *amount = (const char *) sqlite3_column_text (stmt, 2);
          RdMoney money;

          if (rd_money_parse (amount, &money, NULL))
            rd_dashboard_amounts_add (targets, currency, 1, &money, NULL);
        }
    }
  if (rc != SQLITE_DONE)
    return fail (store, stmt, error);
  sqlite3_reset (stmt);
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
  return step_count (store, stmt, count, error);
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
