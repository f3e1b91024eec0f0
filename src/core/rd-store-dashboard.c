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

/* An offer's value counts its value-add line items (see rd_renewal_total_money()); the
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

/* The row's bucket: its stage's index in rd_stages when there are n_buckets of them, else 0;
 * -1 for a stage the Dashboard does not show. */
static int
bucket_of (sqlite3_stmt *stmt,
           guint         n_buckets)
{
  const char *stage = (const char *) sqlite3_column_text (stmt, 0);

  if (n_buckets <= 1)
    return 0;
  for (guint i = 0; i < n_buckets && rd_stages[i] != NULL; i++)
    if (g_strcmp0 (stage, rd_stages[i]) == 0)
      return (int) i;
  return -1;
}

/* The one reader of the Dashboard's figures. sql has up to two text parameters (NULL: none)
 * and returns rows of (stage, currency, count, exact sum[, renewed count, renewed sum]):
 * each adds to amounts[stage] (one bucket when n_buckets is 1, the stage column then unread)
 * and, when renewed is given, to renewed. */
static gboolean
read_amounts (RdStore            *store,
              const char         *sql,
              const char         *first,
              const char         *second,
              RdDashboardAmounts *amounts,
              guint               n_buckets,
              RdDashboardAmounts *renewed,
              GError            **error)
{
  sqlite3_stmt *stmt = rd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (first != NULL)
    sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *currency = (const char *) sqlite3_column_text (stmt, 1);
      int bucket = bucket_of (stmt, n_buckets);

      if (bucket < 0)
        continue;
      if (!add_amount (stmt, 2, currency, &amounts[bucket], error)
          || (renewed != NULL && sqlite3_column_int64 (stmt, 4) > 0
              && !add_amount (stmt, 4, currency, renewed, error)))
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

/* The columns of read_amounts() for one bucket: per currency, how many and their value. */
#define PER_CURRENCY "SELECT NULL, currency, count (*), rd_money_sum (value_text) "

gboolean
rd_store_dashboard_count_due (RdStore            *store,
                              const char         *from,
                              const char         *to,
                              RdDashboardAmounts *due,
                              GError            **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return read_amounts (store,
                       PER_CURRENCY AGREEMENTS "AND end_date BETWEEN ? AND ? GROUP BY currency",
                       from, to, due, 1, NULL, error);
}

gboolean
rd_store_dashboard_count_stages (RdStore            *store,
                                 const char         *today,
                                 RdDashboardAmounts *per_stage,
                                 guint               n_stages,
                                 GError            **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  /* The offers by their own stage, then the agreements that have none yet. */
  return read_amounts (store,
                       "SELECT stage, currency, count (*), rd_money_sum (" OFFER_TOTAL_VALUE ") "
                       "FROM docs INDEXED BY docs_dashboard_offers "
                       "WHERE deleted = 0 AND type = 'offer' GROUP BY stage, currency",
                       NULL, NULL, per_stage, n_stages, NULL, error)
         && read_amounts (store,
                          "SELECT coalesce (stage, 'identified'), currency, count (*), "
                          "rd_money_sum (value_text) " AGREEMENTS "AND end_date >= ? "
                          "AND NOT " RENEWED_BY_AWS " "
                          "AND NOT EXISTS (SELECT 1 FROM docs AS o "
                          "  INDEXED BY docs_dashboard_renewals "
                          "  WHERE o.renews = docs.id AND o.deleted = 0 AND o.type = 'offer') "
                          "AND NOT " HAS_SUCCESSOR " GROUP BY 1, 2",
                          today, NULL, per_stage, n_stages, NULL, error);
}

gboolean
rd_store_dashboard_count_at_risk (RdStore            *store,
                                  const char         *from,
                                  const char         *to,
                                  RdDashboardAmounts *at_risk,
                                  GError            **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return read_amounts (store,
                       PER_CURRENCY AGREEMENTS "AND end_date BETWEEN ? AND ? "
                       "AND NOT " RENEWED_BY_AWS " "
                       "AND NOT " HAS_OFFER_AT ("('published', 'accepted')") " "
                       "AND NOT " HAS_SUCCESSOR " GROUP BY currency",
                       from, to, at_risk, 1, NULL, error);
}

gboolean
rd_store_dashboard_count_renewed (RdStore            *store,
                                  const char         *from,
                                  const char         *to,
                                  RdDashboardAmounts *ended,
                                  RdDashboardAmounts *renewed,
                                  GError            **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  return read_amounts (store,
                       PER_CURRENCY ", total (renewed), "
                       "rd_money_sum (CASE WHEN renewed THEN value_text END) "
                       "FROM (SELECT currency, value_text, " RENEWED " AS renewed " AGREEMENTS
                       "AND end_date BETWEEN ? AND ? " NOT_ENDED_BY_AWS ") GROUP BY currency",
                       from, to, ended, 1, renewed, error);
}

gboolean
rd_store_dashboard_list_targets (RdStore            *store,
                                 const char         *quarter,
                                 RdDashboardAmounts *targets,
                                 GError            **error)
{
  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  /* A handful of records: reading their bodies costs nothing. The last stored target of a
   * currency wins (max (rowid) picks its amount); what is no amount is skipped. */
  return read_amounts (store,
                       "SELECT NULL, currency, 1, rd_money_sum (amount) FROM "
                       "(SELECT currency, json_extract (body, '$.amount') AS amount, max (rowid) "
                       " FROM docs WHERE deleted = 0 AND type = 'target' "
                       " AND json_extract (body, '$.quarter') = ? AND currency IS NOT NULL "
                       " AND json_extract (body, '$.amount') IS NOT NULL GROUP BY currency) "
                       "GROUP BY currency HAVING rd_money_sum (amount) IS NOT NULL",
                       quarter, NULL, targets, 1, NULL, error);
}

gboolean
rd_store_dashboard_count_ace_review (RdStore     *store,
                                     const char  *reviewed_before,
                                     guint       *count,
                                     GError     **error)
{
  RdDashboardAmounts offers = { 0 };

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!read_amounts (store, "SELECT NULL, NULL, count (*), NULL " ACE_REVIEW,
                     reviewed_before, NULL, &offers, 1, NULL, error))
    return FALSE;
  *count = offers.n > 0 ? offers.items[0].count : 0;
  return TRUE;
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
