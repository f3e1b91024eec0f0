/* rd-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-labels"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-fields.h"
#include "rd-labels.h"
#include "rd-record.h"
#include "rd-renewal.h"

/* A value a newer client wrote is shown as it is rather than hidden. */
static const char *
lookup (const RdVocabulary *vocabulary,
        const char         *value)
{
  const char *label;

  if (value == NULL || *value == '\0')
    return "";

  label = rd_vocabulary_label (vocabulary, value);
  return label != NULL ? label : value;
}

const char *
rd_labels_stage (const char *stage)
{
  return lookup (&rd_vocabulary_stage, stage);
}

const char *
rd_labels_kind (const char *kind)
{
  return lookup (&rd_vocabulary_kind, kind);
}

const char *
rd_labels_product_type (const char *product_type)
{
  return lookup (&rd_vocabulary_product_type, product_type);
}

const char *
rd_labels_mechanism (const char *mechanism)
{
  return lookup (&rd_vocabulary_renewal_mechanism, mechanism);
}

const char *
rd_labels_status (const char *status)
{
  return lookup (&rd_vocabulary_status, status);
}

const char *
rd_labels_doc_type (const char *type)
{
  return lookup (&rd_vocabulary_doc_type, type);
}

const char *
rd_labels_for_field_value (const char *field,
                           const char *value)
{
  return rd_fields_value_label (field, value);
}

const char *
rd_labels_event_kind (RdCalendarEventKind kind)
{
  switch (kind)
    {
    case RD_CALENDAR_EVENT_END_DATE:
      return _("Agreement ends");

    case RD_CALENDAR_EVENT_MILESTONE:
      return _("Renewal milestone");

    case RD_CALENDAR_EVENT_OFFER_EXPIRATION:
      return _("Offer expires");

    case RD_CALENDAR_EVENT_FDA_START:
      return _("Future-dated agreement starts");

    default:
      return "";
    }
}

const char *
rd_labels_event_icon_name (RdCalendarEventKind kind)
{
  switch (kind)
    {
    case RD_CALENDAR_EVENT_END_DATE:
      return "emoji-flags-symbolic";

    case RD_CALENDAR_EVENT_MILESTONE:
      return "alarm-symbolic";

    case RD_CALENDAR_EVENT_OFFER_EXPIRATION:
      return "appointment-missed-symbolic";

    case RD_CALENDAR_EVENT_FDA_START:
      return "media-playback-start-symbolic";

    default:
      return "image-missing-symbolic";
    }
}

const char *
rd_labels_event_css_class (RdCalendarEventKind kind)
{
  switch (kind)
    {
    case RD_CALENDAR_EVENT_END_DATE:
      return "end-date";

    case RD_CALENDAR_EVENT_MILESTONE:
      return "milestone";

    case RD_CALENDAR_EVENT_OFFER_EXPIRATION:
      return "offer-expiration";

    case RD_CALENDAR_EVENT_FDA_START:
      return "fda-start";

    default:
      return "other";
    }
}

/* money with the locale's decimal point and digit grouping. The C locale groups nothing;
 * its texts are the untranslated English ones, so are its amounts: "27,000", not "27000". */
static char *
format_grouped (const RdMoney *money)
{
  const struct lconv *conventions = localeconv ();
  const char *separator = conventions->thousands_sep;
  const char *grouping = conventions->grouping;

  if ((separator == NULL || *separator == '\0') && (grouping == NULL || *grouping == '\0'))
    {
      separator = ",";
      grouping = "\3";
    }
  return rd_money_format_grouped (money, conventions->decimal_point, separator, grouping);
}

char *
rd_labels_format_money_value (const RdMoney *money,
                              const char    *currency)
{
  g_autofree char *number = NULL;
  g_autofree char *exact = NULL;
  RdMoney whole;
  char *point;

  g_return_val_if_fail (money != NULL, NULL);

  /* "55440.00" reads "55,440": the same amount, without decimals that say nothing. */
  exact = rd_money_to_string (money);
  point = strchr (exact, '.');
  if (point != NULL && strspn (point + 1, "0") == strlen (point + 1))
    {
      *point = '\0';
      if (rd_money_parse (exact, &whole, NULL))
        money = &whole;
    }

  number = format_grouped (money);
  if (currency == NULL || *currency == '\0')
    return g_steal_pointer (&number);

  /* Translators: an amount and its currency code, e.g. "120,000 USD" */
  return g_strdup_printf (_("%s %s"), number, currency);
}

char *
rd_labels_format_compact (const RdMoney *money)
{
  g_autofree char *number = NULL;
  RdMoney rounded;
  guint exponent;

  g_return_val_if_fail (money != NULL, NULL);

  rd_money_round_compact (money, &rounded, &exponent);
  number = format_grouped (&rounded);
  switch (exponent)
    {
    case 9:
      /* Translators: an amount in billions (thousand millions), e.g. "1.06 B" */
      return g_strdup_printf (_("%s B"), number);

    case 6:
      /* Translators: an amount in millions, e.g. "1.06 M" */
      return g_strdup_printf (_("%s M"), number);

    case 3:
      /* Translators: an amount in thousands, e.g. "523 k" */
      return g_strdup_printf (_("%s k"), number);

    default:
      return g_steal_pointer (&number);
    }
}

/* A currency code as a message names it: "" and NULL are none. */
static const char *
currency_name (JsonObject *body)
{
  const char *currency = rd_json_get_string (body, "currency");

  return currency != NULL && *currency != '\0' ? currency : _("no currency");
}

char *
rd_labels_dup_ace_reason (JsonObject *offer,
                          JsonObject *renewed_agreement,
                          RdAceState *state)
{
  RdMoney growth;
  RdAceState computed = rd_renewal_ace_state (offer, renewed_agreement, &growth);

  if (state != NULL)
    *state = computed;

  switch (computed)
    {
    case RD_ACE_STATE_VALIDATED:
      {
        g_autofree char *amount =
          rd_labels_format_money_value (&growth, rd_json_get_string (offer, "currency"));

        /* Translators: %s is an amount with its currency, e.g. "12,000 USD" */
        return g_strdup_printf (_("Validated: +%s over the current agreement"), amount);
      }

    case RD_ACE_STATE_NO_RENEWED_AGREEMENT:
      return g_strdup (_("Not validated: this offer renews no agreement in Renewal Desk to "
                         "compare with"));

    case RD_ACE_STATE_NO_OPPORTUNITY:
      return g_strdup (_("Not validated: enter the ACE opportunity ID (O followed by "
                         "digits)"));

    case RD_ACE_STATE_NO_STAGE:
      return g_strdup (_("Not validated: choose the opportunity’s ACE stage"));

    case RD_ACE_STATE_CLOSED:
      return g_strdup (_("Not validated: the ACE opportunity is launched or closed"));

    case RD_ACE_STATE_NO_RENEWAL_VALUE:
      return g_strdup (_("Not validated: enter the offer’s value, and each value-add’s, as "
                         "an amount such as 120000.50"));

    case RD_ACE_STATE_NO_PRECEDING_VALUE:
      return g_strdup (_("Not validated: the agreement it renews has no value to compare "
                         "with; enter it there as an amount such as 120000.50"));

    case RD_ACE_STATE_CURRENCY_MISMATCH:
      /* Translators: the offer's currency code, then the renewed agreement's; "no currency"
       * one has none */
      return g_strdup_printf (_("Not validated: the offer is in %s but the agreement it "
                                "renews in %s; growth is only compared in one currency"),
                              currency_name (offer), currency_name (renewed_agreement));

    case RD_ACE_STATE_NO_GROWTH:
    default:
      {
        g_autofree char *preceding = NULL;
        RdMoney preceding_value;

        rd_renewal_total_money (renewed_agreement, &preceding_value, NULL);
        preceding = rd_labels_format_money_value (&preceding_value,
                                                  rd_json_get_string (renewed_agreement,
                                                                      "currency"));
        return g_strdup_printf (_("Not validated: the renewal must be worth more than the "
                                  "agreement it renews (%s)"),
                                preceding);
      }
    }
}

char *
rd_labels_format_days_left (int days_left)
{
  if (days_left == 0)
    return g_strdup (_("Today"));

  if (days_left < 0)
    return g_strdup_printf (g_dngettext (NULL, "%d day overdue", "%d days overdue",
                                         (gulong) -days_left),
                            -days_left);

  return g_strdup_printf (g_dngettext (NULL, "%d day", "%d days", (gulong) days_left),
                          days_left);
}

char *
rd_labels_format_date (const char *iso_date)
{
  g_autoptr (GDateTime) dt = NULL;
  GDate date;

  if (iso_date == NULL || !rd_date_parse (iso_date, &date))
    return g_strdup (iso_date ? iso_date : "");

  /* A calendar date has no time zone; UTC spares a local zone lookup per row. */
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 12, 0, 0);

  /* Translators: a date in the pipeline's columns, see strftime(3); keep it short,
   * e.g. "%d.%m.%Y" */
  /* xgettext:no-c-format */
  return g_date_time_format (dt, C_("short date", "%-d %b %Y"));
}

char *
rd_labels_format_amount (double value)
{
  /* No grouping: the text goes back through rd_labels_parse_amount(). */
  if (value == (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  return g_strdup_printf ("%.2f", value);
}

char *
rd_labels_dup_amount_text (const char *text)
{
  const struct lconv *conv = localeconv ();
  const char *point = conv->decimal_point;
  const char *separator = conv->thousands_sep;
  gsize point_len = point ? strlen (point) : 0;
  gsize separator_len = separator ? strlen (separator) : 0;
  g_autoptr (GString) digits = g_string_new (NULL);
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

  /* The locale's decimal point becomes '.', its grouping (and a ',' where the point is
   * '.') is dropped: "120,000.50" in English and "120.000,50" in German are the same. */
  while (*p != '\0')
    {
      if (point_len > 0 && strncmp (p, point, point_len) == 0)
        {
          g_string_append_c (digits, '.');
          p += point_len;
        }
      else if (separator_len > 0 && strncmp (p, separator, separator_len) == 0)
        p += separator_len;
      else if (*p == ' ' || *p == '_' || (*p == ',' && g_strcmp0 (point, ",") != 0))
        p++;
      else
        g_string_append_c (digits, *p++);
    }

  if (digits->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

gboolean
rd_labels_parse_amount (const char *text,
                        double     *value)
{
  g_autofree char *digits = rd_labels_dup_amount_text (text);
  char *end = NULL;

  if (digits == NULL)
    return FALSE;
  *value = g_ascii_strtod (digits, &end);
  return end != NULL && *end == '\0';
}

gboolean
rd_labels_parse_money (const char *text,
                       RdMoney    *money)
{
  g_autofree char *digits = rd_labels_dup_amount_text (text);

  return digits != NULL && rd_money_parse (digits, money, NULL);
}

char *
rd_labels_format_money (const RdMoney *money)
{
  const char *point = localeconv ()->decimal_point;
  g_autofree char *text = rd_money_to_string (money);
  char *dot = strchr (text, '.');

  /* No grouping: the text goes back through rd_labels_parse_money(). */
  if (dot == NULL || point == NULL || *point == '\0' || g_str_equal (point, "."))
    return g_steal_pointer (&text);
  *dot = '\0';
  return g_strconcat (text, point, dot + 1, NULL);
}
