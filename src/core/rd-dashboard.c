/* rd-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-dashboard"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-dashboard.h"
#include "rd-date.h"
#include "rd-rules.h"
#include "rd-renewal.h"
#include "rd-store-private.h"

/* An offer's value counts its value-add line items (see rd_renewal_total_value()). */
#define OFFER_TOTAL_VALUE \
  "(coalesce (value, 0) + coalesce ((SELECT total (json_extract (j.value, '$.amount'))" \
  " FROM json_each (docs.body, '$.value_adds') AS j" \
  " WHERE json_type (docs.body, '$.value_adds') = 'array' AND j.type = 'object'), 0))"

/* The agreement was renewed outside this app, as AWS reports it. */
#define RENEWED_STATUS \
  "coalesce (json_extract (docs.body, '$.status'), '') IN ('RENEWED', 'REPLACED')"

void
rd_dashboard_quarter_of (const GDate *date,
                         int         *quarter,
                         GDate       *first,
                         GDate       *last)
{
  int q = ((int) g_date_get_month (date) - 1) / 3 + 1;
  GDateYear year = g_date_get_year (date);

  if (quarter != NULL)
    *quarter = q;
  if (first != NULL)
    {
      g_date_clear (first, 1);
      g_date_set_dmy (first, 1, (GDateMonth) ((q - 1) * 3 + 1), year);
    }
  if (last != NULL)
    {
      GDateMonth month = (GDateMonth) (q * 3);

      g_date_clear (last, 1);
      g_date_set_dmy (last, g_date_get_days_in_month (month, year), month, year);
    }
}

static void
copy_date (char        *out,
           const GDate *date)
{
  g_autofree char *text = rd_date_format (date);

  g_strlcpy (out, text, 11);
}

static gboolean
step_row (RdStore       *store,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    rd_store_set_sqlite_error (store, error, _("computing the dashboard"));
  return FALSE;
}

static gboolean
count_due (RdStore            *store,
           RdDashboardQuarter *quarter,
           const char         *from,
           GError            **error)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (store,
                           "SELECT count (*), total (value) FROM docs INDEXED BY docs_by_end "
                           "WHERE deleted = 0 AND type = 'agreement' "
                           "AND end_date BETWEEN ? AND ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, quarter->last, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, error))
    return FALSE;
  quarter->count = (guint) sqlite3_column_int64 (stmt, 0);
  quarter->value = sqlite3_column_double (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

static int
stage_index (const char *stage)
{
  for (int i = 0; rd_stages[i] != NULL; i++)
    if (g_strcmp0 (stage, rd_stages[i]) == 0)
      return i;
  return -1;
}

static gboolean
add_stage_rows (RdStore      *store,
                sqlite3_stmt *stmt,
                RdDashboard  *out,
                GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = stage_index ((const char *) sqlite3_column_text (stmt, 0));

      if (i < 0 || i >= RD_DASHBOARD_N_STAGES)
        continue;
      out->stage_count[i] += (guint) sqlite3_column_int64 (stmt, 1);
      out->stage_value[i] += sqlite3_column_double (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("computing the dashboard"));
      return FALSE;
    }
  return TRUE;
}

/* The pipeline counts each renewal once: an offer by its own stage, and an agreement still
 * to be renewed (ending today or later, not renewed, no offer drafted for it yet) by its
 * stage, "identified" when it has none. */
static gboolean
count_stages (RdStore     *store,
              RdDashboard *out,
              GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (store,
                           "SELECT stage, count (*), total (" OFFER_TOTAL_VALUE ") "
                           "FROM docs WHERE deleted = 0 AND type = 'offer' GROUP BY stage",
                           error);
  if (stmt == NULL || !add_stage_rows (store, stmt, out, error))
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
  sqlite3_bind_text (stmt, 1, out->today, -1, SQLITE_TRANSIENT);
  return add_stage_rows (store, stmt, out, error);
}

static gboolean
count_at_risk (RdStore     *store,
               RdDashboard *out,
               const char  *horizon,
               GError     **error)
{
  sqlite3_stmt *stmt;

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
  sqlite3_bind_text (stmt, 1, out->today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, horizon, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, error))
    return FALSE;
  out->at_risk_count = (guint) sqlite3_column_int64 (stmt, 0);
  out->at_risk_value = sqlite3_column_double (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The renewal rate of a quarter: of the agreements that ended in it (end date within the
 * quarter and before today, whatever their status), the share that was renewed, i.e. whose
 * AWS status is RENEWED or REPLACED, or that an accepted offer renews. */
static gboolean
count_rate (RdStore         *store,
            RdDashboardRate *rate,
            const char      *until,
            GError         **error)
{
  sqlite3_stmt *stmt;

  rate->ended = rate->renewed = 0;
  rate->rate = -1;
  if (strcmp (until, rate->first) < 0)
    return TRUE;

  stmt = rd_store_prepare (store,
                           "SELECT count (*), total (" RENEWED_STATUS " OR EXISTS (SELECT 1 "
                           "  FROM docs AS o WHERE o.renews = docs.id AND o.deleted = 0 "
                           "  AND o.type = 'offer' AND o.stage = 'accepted')) "
                           "FROM docs INDEXED BY docs_by_end "
                           "WHERE deleted = 0 AND type = 'agreement' AND end_date BETWEEN ? AND ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, rate->first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, error))
    return FALSE;
  rate->ended = (guint) sqlite3_column_int64 (stmt, 0);
  rate->renewed = (guint) sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  if (rate->ended > 0)
    rate->rate = (double) rate->renewed / rate->ended;
  return TRUE;
}

/* Same rule as rd_renewal_ace_review_due(). */
static gboolean
count_ace_review_due (RdStore     *store,
                      RdDashboard *out,
                      const char  *reviewed_before,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (store,
                           "SELECT count (*) FROM docs WHERE deleted = 0 AND type = 'offer' "
                           "AND coalesce (stage, '') NOT IN ('accepted', 'lost') "
                           "AND coalesce (json_extract (body, '$.ace_reviewed_on'), '') <= ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reviewed_before, -1, SQLITE_TRANSIENT);
  if (!step_row (store, stmt, error))
    return FALSE;
  out->ace_review_due = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
rd_dashboard_list_ace_review_due (RdStore     *store,
                                  const char  *today,
                                  GError     **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reviewed_before = NULL;
  sqlite3_stmt *stmt;
  GDate day;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (today == NULL || !rd_date_parse (today, &day))
    rd_date_today (NULL, &day);
  {
    g_autofree char *text = rd_date_format (&day);

    reviewed_before = rd_date_shift_string (text, -RD_RENEWAL_ACE_REVIEW_DAYS);
  }

  stmt = rd_store_prepare (store,
                           "SELECT id FROM docs WHERE deleted = 0 AND type = 'offer' "
                           "AND coalesce (stage, '') NOT IN ('accepted', 'lost') "
                           "AND coalesce (json_extract (body, '$.ace_reviewed_on'), '') <= ? "
                           "ORDER BY coalesce (json_extract (body, '$.ace_reviewed_on'), ''), "
                           "end_date, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, reviewed_before, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("computing the dashboard"));
      return NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      RdRecord *record = rd_store_get (store, g_ptr_array_index (ids, i), error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  return g_steal_pointer (&records);
}

gboolean
rd_dashboard_compute (RdStore     *store,
                      const char  *today,
                      RdDashboard *out,
                      GError     **error)
{
  g_autofree char *horizon = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *reviewed_before = NULL;
  GDate day, first, last, cursor;
  int quarter;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (today == NULL || !rd_date_parse (today, &day))
    rd_date_today (NULL, &day);
  copy_date (out->today, &day);

  cursor = day;
  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    {
      RdDashboardQuarter *due = &out->due[i];

      rd_dashboard_quarter_of (&cursor, &quarter, &first, &last);
      due->year = g_date_get_year (&first);
      due->quarter = quarter;
      copy_date (due->first, &first);
      copy_date (due->last, &last);
      if (!count_due (store, due, i == 0 ? out->today : due->first, error))
        return FALSE;
      rd_date_add_days_to (&last, 1, &cursor);
    }

  if (!count_stages (store, out, error))
    return FALSE;

  horizon = rd_date_shift_string (out->today, RD_DASHBOARD_RISK_DAYS);
  if (!count_at_risk (store, out, horizon, error))
    return FALSE;

  yesterday = rd_date_shift_string (out->today, -1);
  rd_dashboard_quarter_of (&day, NULL, &first, NULL);
  rd_date_add_months_to (&first, -3 * (RD_DASHBOARD_N_QUARTERS - 1), &cursor);
  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    {
      RdDashboardRate *rate = &out->rate[i];

      rd_dashboard_quarter_of (&cursor, &quarter, &first, &last);
      rate->year = g_date_get_year (&first);
      rate->quarter = quarter;
      copy_date (rate->first, &first);
      copy_date (rate->last, &last);
      if (!count_rate (store, rate, strcmp (yesterday, rate->last) < 0 ? yesterday : rate->last,
                       error))
        return FALSE;
      rd_date_add_days_to (&last, 1, &cursor);
    }

  reviewed_before = rd_date_shift_string (out->today, -RD_RENEWAL_ACE_REVIEW_DAYS);
  return count_ace_review_due (store, out, reviewed_before, error);
}
