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
#include "rd-labels.h"

typedef struct
{
  const char *value;
  const char *label;
} Label;

static const Label stage_labels[] = {
  { "identified", NC_("stage", "Identified") },
  { "outreach", NC_("stage", "Outreach") },
  { "needs_analysis", NC_("stage", "Needs analysis") },
  { "drafted", NC_("stage", "Drafted") },
  { "published", NC_("stage", "Published") },
  { "accepted", NC_("stage", "Accepted") },
  { "lost", NC_("stage", "Lost") },
  { NULL, NULL }
};

static const Label kind_labels[] = {
  /* Translators: AWS Marketplace Private Offer */
  { "PO", NC_("offer kind", "PO") },
  /* Translators: AWS Marketplace Channel Partner Private Offer */
  { "CPPO", NC_("offer kind", "CPPO") },
  { NULL, NULL }
};

static const Label product_type_labels[] = {
  { "saas_contract", NC_("product type", "SaaS contract") },
  { "saas_contract_consumption", NC_("product type", "SaaS contract with consumption") },
  { "saas_subscription", NC_("product type", "SaaS subscription") },
  { "ami_annual", NC_("product type", "AMI, annual") },
  { "ami_hourly", NC_("product type", "AMI, hourly") },
  { "container", NC_("product type", "Container") },
  { "professional_services", NC_("product type", "Professional services") },
  { NULL, NULL }
};

static const Label mechanism_labels[] = {
  { "fda", NC_("renewal mechanism", "Future-dated agreement") },
  { "replacement", NC_("renewal mechanism", "Replacement offer") },
  { "new_offer", NC_("renewal mechanism", "New offer") },
  { NULL, NULL }
};

static const Label status_labels[] = {
  { "ACTIVE", NC_("agreement status", "Active") },
  { "ARCHIVED", NC_("agreement status", "Archived") },
  { "CANCELLED", NC_("agreement status", "Cancelled") },
  { "EXPIRED", NC_("agreement status", "Expired") },
  { "RENEWED", NC_("agreement status", "Renewed") },
  { "REPLACED", NC_("agreement status", "Replaced") },
  { "ROLLED_BACK", NC_("agreement status", "Rolled back") },
  { "SUPERSEDED", NC_("agreement status", "Superseded") },
  { "TERMINATED", NC_("agreement status", "Terminated") },
  { NULL, NULL }
};

static const Label doc_type_labels[] = {
  { "agreement", NC_("document type", "Agreement") },
  { "offer", NC_("document type", "Offer") },
  { "template", NC_("document type", "Template") },
  { NULL, NULL }
};

static const char *
lookup (const Label *labels,
        const char  *context,
        const char  *value)
{
  if (value == NULL || *value == '\0')
    return "";

  for (guint i = 0; labels[i].value != NULL; i++)
    {
      if (g_str_equal (labels[i].value, value))
        return g_dpgettext2 (NULL, context, labels[i].label);
    }

  /* A value a newer client wrote: show it as it is rather than hide it. */
  return value;
}

const char *
rd_labels_stage (const char *stage)
{
  return lookup (stage_labels, "stage", stage);
}

const char *
rd_labels_kind (const char *kind)
{
  return lookup (kind_labels, "offer kind", kind);
}

const char *
rd_labels_product_type (const char *product_type)
{
  return lookup (product_type_labels, "product type", product_type);
}

const char *
rd_labels_mechanism (const char *mechanism)
{
  return lookup (mechanism_labels, "renewal mechanism", mechanism);
}

const char *
rd_labels_status (const char *status)
{
  return lookup (status_labels, "agreement status", status);
}

const char *
rd_labels_doc_type (const char *type)
{
  return lookup (doc_type_labels, "document type", type);
}

const char *
rd_labels_for_field_value (const char *field,
                           const char *value)
{
  if (g_strcmp0 (field, "stage") == 0)
    return rd_labels_stage (value);
  if (g_strcmp0 (field, "kind") == 0)
    return rd_labels_kind (value);
  if (g_strcmp0 (field, "product_type") == 0)
    return rd_labels_product_type (value);
  if (g_strcmp0 (field, "renewal_mechanism") == 0)
    return rd_labels_mechanism (value);
  if (g_strcmp0 (field, "status") == 0)
    return rd_labels_status (value);
  if (g_strcmp0 (field, "type") == 0)
    return rd_labels_doc_type (value);

  return value ? value : "";
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

char *
rd_labels_format_value (double      value,
                        const char *currency)
{
  if (currency == NULL || *currency == '\0')
    return g_strdup_printf ("%'.0f", value);

  /* Translators: an amount and its currency code, e.g. "120,000 USD" */
  return g_strdup_printf (_("%'.0f %s"), value, currency);
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

  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
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

gboolean
rd_labels_parse_amount (const char *text,
                        double     *value)
{
  const struct lconv *conv = localeconv ();
  const char *point = conv->decimal_point;
  const char *separator = conv->thousands_sep;
  gsize point_len = point ? strlen (point) : 0;
  gsize separator_len = separator ? strlen (separator) : 0;
  g_autoptr (GString) digits = g_string_new (NULL);
  char *end = NULL;
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);

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
    return FALSE;

  *value = g_ascii_strtod (digits->str, &end);

  return end != NULL && *end == '\0';
}
