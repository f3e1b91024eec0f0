/* rd-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-date"

#include "config.h"

#include <string.h>

#include "rd-date.h"

static gboolean
parse_digits (const char *p,
              guint       n,
              guint      *out)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (guint) (p[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* Strict: exactly ten characters, a real day of a real month, years 1900-9999. */
gboolean
rd_date_parse (const char *text,
               GDate      *out)
{
  guint y, m, d;

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m)
      || !parse_digits (text + 8, 2, &d))
    return FALSE;
  if (y < 1900 || m < 1 || m > 12 || d < 1)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
rd_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

void
rd_date_today (GTimeZone *tz,
               GDate     *out)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GTimeZone) local = NULL;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  now = g_date_time_new_now (tz);
  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

int
rd_date_days_between (const GDate *from,
                      const GDate *to)
{
  return (int) g_date_get_julian (to) - (int) g_date_get_julian (from);
}

void
rd_date_add_days_to (const GDate *date,
                     int          days,
                     GDate       *out)
{
  *out = *date;
  if (days >= 0)
    g_date_add_days (out, (guint) days);
  else
    g_date_subtract_days (out, 0u - (guint) days);
}

/* Clamps to the month's last day: 2028-02-29 plus 36 months is 2031-02-28. */
void
rd_date_add_months_to (const GDate *date,
                       int          months,
                       GDate       *out)
{
  *out = *date;
  if (months >= 0)
    g_date_add_months (out, (guint) months);
  else
    g_date_subtract_months (out, 0u - (guint) months);
}

int
rd_date_compare (const GDate *a,
                 const GDate *b)
{
  return g_date_compare (a, b);
}

char *
rd_date_shift_string (const char *date,
                      int         days)
{
  GDate d, shifted;

  if (!rd_date_parse (date, &d))
    return NULL;
  rd_date_add_days_to (&d, days, &shifted);
  return rd_date_format (&shifted);
}

/* Days from today (in tz, NULL = local) until date; negative when past, G_MININT if unparsable. */
int
rd_date_days_left (const char *date,
                   GTimeZone  *tz)
{
  GDate d, today;

  if (!rd_date_parse (date, &d))
    return G_MININT;
  rd_date_today (tz, &today);
  return rd_date_days_between (&today, &d);
}
