/* rd-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-calendar-model.h"
#include "rd-csv.h"
#include "rd-date.h"
#include "rd-exporter.h"
#include "rd-money.h"
#include "rd-ics.h"

static char *
field_text (RdRecord   *record,
            const char *column,
            const GDate *today)
{
  JsonNode *node;

  if (g_str_equal (column, "id"))
    return g_strdup (rd_record_get_id (record));
  if (g_str_equal (column, "start_date"))
    return g_strdup (rd_record_get_start_date (record));
  if (g_str_equal (column, "end_date"))
    return g_strdup (rd_record_get_end_date (record));
  if (g_str_equal (column, "days_left"))
    {
      GDate end;

      if (!rd_date_parse (rd_record_get_end_date (record), &end))
        return NULL;
      return g_strdup_printf ("%d", rd_date_days_between (today, &end));
    }

  node = json_object_get_member (rd_record_get_body (record), column);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      /* An older client's number: its shortest exact text, never rounded to cents. */
      return rd_money_dup_number_text (json_node_get_double (node));
    default:
      return NULL;
    }
}

char *
rd_export_pipeline_csv (GListModel *records,
                        const char *today)
{
  GString *out = g_string_new (RD_CSV_BOM);
  guint n_columns = g_strv_length ((char **) rd_export_csv_columns);
  GDate day;

  if (today == NULL || !rd_date_parse (today, &day))
    rd_date_today (NULL, &day);

  rd_csv_append_row (out, rd_export_csv_columns, n_columns, RD_CSV_WRITE_DEFAULT);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (records, i);
      g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

      for (guint c = 0; c < n_columns; c++)
        {
          char *text = field_text (record, rd_export_csv_columns[c], &day);

          g_ptr_array_add (fields, text ? text : g_strdup (""));
        }
      rd_csv_append_row (out, (const char * const *) fields->pdata, n_columns,
                         RD_CSV_WRITE_ESCAPE_FORMULAS);
    }
  return g_string_free (out, FALSE);
}

void
rd_export_calendar_default_range (const GDate  *today,
                                  char        **from,
                                  char        **to)
{
  GDate day;

  if (today != NULL)
    day = *today;
  else
    rd_date_today (NULL, &day);
  *from = rd_date_format (&day);
  rd_date_add_months_to (&day, RD_EXPORT_CALENDAR_MONTHS_AHEAD, &day);
  *to = rd_date_format (&day);
}

static const char *
event_uid_part (RdCalendarEvent *event,
                char            *buffer,
                gsize            size)
{
  switch (rd_calendar_event_get_kind (event))
    {
    case RD_CALENDAR_EVENT_MILESTONE:
      g_snprintf (buffer, size, "m%d", rd_calendar_event_get_offset_days (event));
      return buffer;
    case RD_CALENDAR_EVENT_OFFER_EXPIRATION:
      return "expires";
    case RD_CALENDAR_EVENT_FDA_START:
      return "fda-start";
    case RD_CALENDAR_EVENT_END_DATE:
    default:
      return "end";
    }
}

char *
rd_export_calendar_ics (RdStore     *store,
                        const char  *from,
                        const char  *to,
                        const int   *offsets,
                        guint        n_offsets,
                        int          alarm_minutes,
                        GDateTime   *dtstamp,
                        GError     **error)
{
  g_autoptr (RdCalendarModel) model = rd_calendar_model_new (store);
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) events = g_array_new (FALSE, TRUE, sizeof (RdIcsEvent));
  static const char * const categories[] = { "Renewal Desk", NULL };
  guint n;

  if (offsets != NULL)
    rd_calendar_model_set_offsets (model, offsets, n_offsets);
  rd_calendar_model_set_range (model, from, to);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (RdCalendarEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *label = rd_calendar_event_dup_label (event);
      const char *customer = rd_calendar_event_get_customer (event);
      const char *product = rd_calendar_event_get_product_title (event);
      const char *kind = rd_calendar_event_get_record_kind (event);
      char part[32];
      RdIcsEvent ics = { 0 };
      char *uid, *summary, *description;

      uid = rd_ics_make_uid (rd_calendar_event_get_record_id (event),
                             event_uid_part (event, part, sizeof part));
      /* Translators: an exported calendar event: "<what happens>: <customer>" */
      summary = g_strdup_printf (_("%s: %s"), label, customer ? customer : _("Unknown customer"));
      /* Translators: an exported event's description: product, PO/CPPO */
      description = g_strdup_printf (_("Product: %s\nOffer type: %s"),
                                     product ? product : "—", kind ? kind : "—");
      g_ptr_array_add (keep, uid);
      g_ptr_array_add (keep, summary);
      g_ptr_array_add (keep, description);
      g_ptr_array_add (keep, g_strdup (rd_calendar_event_get_date (event)));

      ics.uid = uid;
      ics.date = g_ptr_array_index (keep, keep->len - 1);
      ics.summary = summary;
      ics.description = description;
      ics.categories = categories;
      ics.with_alarm = rd_calendar_event_get_kind (event) == RD_CALENDAR_EVENT_MILESTONE
                       || rd_calendar_event_get_kind (event) == RD_CALENDAR_EVENT_OFFER_EXPIRATION;
      g_array_append_val (events, ics);
    }
  return rd_ics_write_calendar ((RdIcsEvent *) (void *) events->data, events->len, dtstamp,
                                alarm_minutes, error);
}
