/* rd-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-dashboard"

#include "config.h"

#include <string.h>

#include "rd-dashboard.h"
#include "rd-date.h"
#include "rd-rules.h"
#include "rd-renewal.h"
#include "rd-store-dashboard.h"

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
count_rate (RdStore         *store,
            RdDashboardRate *rate,
            const char      *until,
            GError         **error)
{
  rate->ended = rate->renewed = 0;
  rate->rate = -1;
  if (strcmp (until, rate->first) < 0)
    return TRUE;

  if (!rd_store_dashboard_count_renewed (store, rate->first, until, &rate->ended,
                                         &rate->renewed, error))
    return FALSE;
  if (rate->ended > 0)
    rate->rate = (double) rate->renewed / rate->ended;
  return TRUE;
}

static char *
ace_reviewed_before (const char *today)
{
  g_autofree char *text = NULL;
  GDate day;

  if (today == NULL || !rd_date_parse (today, &day))
    rd_date_today (NULL, &day);
  text = rd_date_format (&day);
  return rd_date_shift_string (text, -RD_RENEWAL_ACE_REVIEW_DAYS);
}

GPtrArray *
rd_dashboard_list_ace_review_due (RdStore     *store,
                                  const char  *today,
                                  guint        limit,
                                  GError     **error)
{
  g_autofree char *reviewed_before = ace_reviewed_before (today);

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  return rd_store_dashboard_list_ace_review (store, reviewed_before, limit, error);
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
      if (!rd_store_dashboard_count_due (store, i == 0 ? out->today : due->first, due->last,
                                         &due->count, &due->value, error))
        return FALSE;
      rd_date_add_days_to (&last, 1, &cursor);
    }

  if (!rd_store_dashboard_count_stages (store, out->today, out->stage_count, out->stage_value,
                                        RD_DASHBOARD_N_STAGES, error))
    return FALSE;

  horizon = rd_date_shift_string (out->today, RD_DASHBOARD_RISK_DAYS);
  if (!rd_store_dashboard_count_at_risk (store, out->today, horizon, &out->at_risk_count,
                                         &out->at_risk_value, error))
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

  reviewed_before = ace_reviewed_before (out->today);
  return rd_store_dashboard_count_ace_review (store, reviewed_before, &out->ace_review_due,
                                              error);
}
