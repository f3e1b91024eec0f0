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
#include "rd-money.h"
#include "rd-store-dashboard.h"

G_DEFINE_QUARK (rd-dashboard-error-quark, rd_dashboard_error)

gboolean
rd_dashboard_amounts_add (RdDashboardAmounts *amounts,
                          const char         *currency,
                          guint               count,
                          const RdMoney      *value,
                          GError            **error)
{
  RdDashboardAmount *amount = (RdDashboardAmount *) rd_dashboard_amounts_lookup (amounts,
                                                                                 currency);

  if (amount == NULL)
    {
      if (amounts->n == RD_DASHBOARD_N_CURRENCIES)
        {
          amounts->n_dropped++;
          return TRUE;
        }
      amount = &amounts->items[amounts->n++];
      g_strlcpy (amount->currency, currency != NULL ? currency : "", sizeof amount->currency);
      rd_money_init_zero (&amount->exact);
    }
  if (value != NULL && !rd_money_add (&amount->exact, value, &amount->exact, error))
    return FALSE;
  amount->count += count;
  amount->value = rd_money_to_double (&amount->exact);
  return TRUE;
}

const RdDashboardAmount *
rd_dashboard_amounts_lookup (const RdDashboardAmounts *amounts,
                             const char               *currency)
{
  RdDashboardAmount key = { "" };

  g_strlcpy (key.currency, currency != NULL ? currency : "", sizeof key.currency);
  for (guint i = 0; i < amounts->n; i++)
    if (strcmp (amounts->items[i].currency, key.currency) == 0)
      return &amounts->items[i];
  return NULL;
}

char *
rd_dashboard_format_quarter (int year,
                             int quarter)
{
  /* Translators: a calendar quarter, e.g. "Q2 2026" */
  return g_strdup_printf (_("Q%d %d"), quarter, year);
}

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

static guint
total_count (const RdDashboardAmounts *amounts)
{
  guint count = 0;

  for (guint i = 0; i < amounts->n; i++)
    count += amounts->items[i].count;
  return count;
}

static gboolean
count_rate (RdStore         *store,
            RdDashboardRate *rate,
            const char      *until,
            GError         **error)
{
  RdDashboardAmounts ended = { 0 }, renewed = { 0 };

  rate->ended = rate->renewed = 0;
  rate->rate = -1;
  if (strcmp (until, rate->first) < 0)
    return TRUE;

  if (!rd_store_dashboard_count_renewed (store, rate->first, until, &ended, &renewed, error))
    return FALSE;
  rate->ended = total_count (&ended) + ended.n_dropped;
  rate->renewed = total_count (&renewed) + renewed.n_dropped;
  if (rate->ended > 0)
    rate->rate = (double) rate->renewed / rate->ended;
  return TRUE;
}

static RdDashboardTarget *
target_of (RdDashboard *out,
           const char  *currency)
{
  RdDashboardTarget *target;

  for (guint i = 0; i < out->n_targets; i++)
    if (strcmp (out->targets[i].currency, currency) == 0)
      return &out->targets[i];
  if (out->n_targets == RD_DASHBOARD_N_CURRENCIES)
    return NULL;
  target = &out->targets[out->n_targets++];
  g_strlcpy (target->currency, currency, sizeof target->currency);
  target->target = -1;
  rd_money_init_zero (&target->target_exact);
  rd_money_init_zero (&target->due_exact);
  rd_money_init_zero (&target->renewed_exact);
  return target;
}

/* The whole current quarter: the targets set for it, and what is due and renewed in it. */
static gboolean
count_targets (RdStore     *store,
               RdDashboard *out,
               const GDate *day,
               GError     **error)
{
  RdDashboardAmounts targets = { 0 }, ended = { 0 }, renewed = { 0 };
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  GDate first, last;
  int quarter;

  rd_dashboard_quarter_of (day, &quarter, &first, &last);
  g_snprintf (out->target_quarter, sizeof out->target_quarter, "%04d-Q%d",
              g_date_get_year (&first) % 10000, quarter);
  first_text = rd_date_format (&first);
  last_text = rd_date_format (&last);
  if (!rd_store_dashboard_list_targets (store, out->target_quarter, &targets, error)
      || !rd_store_dashboard_count_renewed (store, first_text, last_text, &ended, &renewed,
                                            error))
    return FALSE;

  for (guint i = 0; i < targets.n; i++)
    {
      RdDashboardTarget *target = target_of (out, targets.items[i].currency);

      if (target != NULL)
        {
          target->target = targets.items[i].value;
          target->target_exact = targets.items[i].exact;
        }
    }
  for (guint i = 0; i < ended.n; i++)
    {
      const RdDashboardAmount *done = rd_dashboard_amounts_lookup (&renewed,
                                                                   ended.items[i].currency);
      RdDashboardTarget *target = target_of (out, ended.items[i].currency);

      if (target == NULL)
        continue;
      target->due = ended.items[i].value;
      target->due_exact = ended.items[i].exact;
      target->renewed = done != NULL ? done->value : 0;
      if (done != NULL)
        target->renewed_exact = done->exact;
    }
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
                                         &due->value, error))
        return FALSE;
      due->count = total_count (&due->value);
      rd_date_add_days_to (&last, 1, &cursor);
    }

  if (!rd_store_dashboard_count_stages (store, out->today, out->stage_value,
                                        RD_DASHBOARD_N_STAGES, error))
    return FALSE;
  for (guint i = 0; i < RD_DASHBOARD_N_STAGES; i++)
    out->stage_count[i] = total_count (&out->stage_value[i]);

  horizon = rd_date_shift_string (out->today, RD_DASHBOARD_RISK_DAYS);
  if (!rd_store_dashboard_count_at_risk (store, out->today, horizon, &out->at_risk, error))
    return FALSE;
  out->at_risk_count = total_count (&out->at_risk);

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

  if (!count_targets (store, out, &day, error))
    return FALSE;

  reviewed_before = ace_reviewed_before (out->today);
  return rd_store_dashboard_count_ace_review (store, reviewed_before, &out->ace_review_due,
                                              error);
}

static gboolean
is_quarter_key (const char *quarter)
{
  return quarter != NULL && strlen (quarter) == 7 && g_ascii_isdigit (quarter[0])
         && g_ascii_isdigit (quarter[1]) && g_ascii_isdigit (quarter[2])
         && g_ascii_isdigit (quarter[3]) && quarter[4] == '-' && quarter[5] == 'Q'
         && quarter[6] >= '1' && quarter[6] <= '4';
}

static gboolean
is_currency_code (const char *currency)
{
  return currency != NULL && strlen (currency) == 3 && g_ascii_isupper (currency[0])
         && g_ascii_isupper (currency[1]) && g_ascii_isupper (currency[2]);
}

gboolean
rd_dashboard_set_target (RdStore     *store,
                         const char  *quarter,
                         const char  *currency,
                         const char  *amount,
                         GError     **error)
{
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (RdRecord) existing = NULL;
  g_autoptr (GError) money_error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *exact = NULL;
  RdMoney money;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  if (!is_quarter_key (quarter))
    {
      g_set_error (error, RD_DASHBOARD_ERROR, RD_DASHBOARD_ERROR_INVALID_TARGET,
                   _("“%s” is not a quarter; write it as 2026-Q2"), quarter ? quarter : "");
      return FALSE;
    }
  if (!is_currency_code (currency))
    {
      g_set_error (error, RD_DASHBOARD_ERROR, RD_DASHBOARD_ERROR_INVALID_TARGET,
                   _("“%s” is not a currency code; write three capital letters, e.g. USD"),
                   currency ? currency : "");
      return FALSE;
    }
  if (amount == NULL || !rd_money_parse (amount, &money, &money_error)
      || rd_money_sign (&money) <= 0)
    {
      g_set_error (error, RD_DASHBOARD_ERROR, RD_DASHBOARD_ERROR_INVALID_TARGET,
                   _("The target “%s” is not an amount above 0; write it as 1500000 or "
                     "1500000.50"), amount ? amount : "");
      return FALSE;
    }

  exact = rd_money_to_string (&money);
  id = g_strdup_printf ("target-%s-%s", quarter, currency);
  body = json_object_new ();
  json_object_set_string_member (body, "type", "target");
  json_object_set_string_member (body, "quarter", quarter);
  json_object_set_string_member (body, "currency", currency);
  json_object_set_string_member (body, "amount", exact);

  existing = rd_store_get_including_deleted (store, id, NULL);
  if (existing == NULL)
    {
      g_autofree char *inserted = NULL;

      json_object_set_string_member (body, "_id", id);
      inserted = rd_store_insert (store, body, error);
      return inserted != NULL;
    }
  /* A target removed on some desk and set again here: one change, not two. */
  if (!rd_store_begin (store, error))
    return FALSE;
  if ((rd_record_get_deleted (existing) && !rd_store_undelete (store, id, error))
      || !rd_store_update (store, id, body, error))
    {
      rd_store_rollback (store);
      return FALSE;
    }
  return rd_store_commit (store, error);
}
