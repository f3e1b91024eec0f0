/* rd-aws-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-aws-json.h"
#include "rd-money.h"

JsonObject *
rd_aws_json_object (JsonObject *object,
                    const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
rd_aws_json_array (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
rd_aws_json_string (JsonObject *object,
                    const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
rd_aws_json_element (JsonArray *array,
                     guint      index)
{
  JsonNode *node;

  if (array == NULL || index >= json_array_get_length (array))
    return NULL;
  node = json_array_get_element (array, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

char *
rd_aws_json_dup_amount (const char *text)
{
  RdMoney amount;

  if (text == NULL || !rd_money_parse (text, &amount, NULL))
    return NULL;
  return rd_money_to_string (&amount);
}

char *
rd_aws_timestamp_to_date (JsonNode *timestamp)
{
  g_autoptr (GDateTime) time = NULL;

  if (timestamp == NULL || !JSON_NODE_HOLDS_VALUE (timestamp))
    return NULL;

  switch (json_node_get_value_type (timestamp))
    {
    case G_TYPE_INT64:
      time = g_date_time_new_from_unix_utc (json_node_get_int (timestamp));
      break;
    case G_TYPE_DOUBLE:
      {
        double seconds = json_node_get_double (timestamp);

        /* 23:59:59.999 stays on its day: whole seconds, rounded down. */
        if (isfinite (seconds))
          time = g_date_time_new_from_unix_utc ((gint64) floor (seconds));
      }
      break;
    case G_TYPE_STRING:
      {
        g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

        const char *text = json_node_get_string (timestamp);

        /* The Catalog API also writes plain days ("2026-03-31"). */
        if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
          {
            guint year = 0, month = 0, day = 0;

            for (guint i = 0; i < 10; i++)
              if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
                return NULL;
            year = (guint) g_ascii_strtoull (text, NULL, 10);
            month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
            day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
            if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
              return NULL;
            return g_strdup (text);
          }
        time = g_date_time_new_from_iso8601 (text, utc);
        if (time != NULL)
          {
            GDateTime *in_utc = g_date_time_to_utc (time);

            g_date_time_unref (time);
            time = in_utc;
          }
      }
      break;
    default:
      break;
    }

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : NULL;
}

void
rd_aws_json_set_date (JsonObject *record,
                      const char *name,
                      JsonNode   *timestamp,
                      gboolean    null_if_none)
{
  g_autofree char *date = rd_aws_timestamp_to_date (timestamp);

  if (date != NULL)
    json_object_set_string_member (record, name, date);
  else if (null_if_none)
    json_object_set_null_member (record, name);
}

/* "P12M" → 12, "P3Y" → 36; 0 for anything else (days, mixed forms). */
int
rd_aws_json_duration_months (const char *iso)
{
  char *end = NULL;
  gint64 n;

  if (iso == NULL || iso[0] != 'P')
    return 0;
  n = g_ascii_strtoll (iso + 1, &end, 10);
  if (end == iso + 1 || n <= 0 || n > 1200 || end[1] != '\0')
    return 0;
  if (end[0] == 'M')
    return (int) n;
  if (end[0] == 'Y')
    return (int) n * 12;
  return 0;
}
