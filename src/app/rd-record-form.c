/* rd-record-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-labels.h"
#include "rd-record-form.h"

RdFormRowKind
rd_record_form_row_kind (const RdField *field)
{
  g_return_val_if_fail (field != NULL, RD_FORM_ROW_TEXT);

  if (field->flags & RD_FIELD_READ_ONLY)
    return RD_FORM_ROW_READ_ONLY;

  switch (field->type)
    {
    case RD_FIELD_TYPE_DATE:
      return RD_FORM_ROW_DATE;
    case RD_FIELD_TYPE_CHOICE:
      return RD_FORM_ROW_CHOICE;
    case RD_FIELD_TYPE_AMOUNT:
    case RD_FIELD_TYPE_NUMBER:
    case RD_FIELD_TYPE_INTEGER:
      return RD_FORM_ROW_NUMBER;
    case RD_FIELD_TYPE_TEXT_LIST:
      return RD_FORM_ROW_EMAILS;
    case RD_FIELD_TYPE_BOOLEAN:
      return RD_FORM_ROW_SWITCH;
    case RD_FIELD_TYPE_TEXT:
    case RD_FIELD_TYPE_OBJECT_LIST:
    case RD_FIELD_TYPE_OBJECT:
    default:
      return RD_FORM_ROW_TEXT;
    }
}

GPtrArray *
rd_record_form_dup_fields (const char *doc_type,
                           RdRole      role)
{
  RdDocTypes type = rd_fields_doc_type_from_string (doc_type);
  GPtrArray *shown = g_ptr_array_new ();
  const RdField *fields;
  guint n_fields;

  fields = rd_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if ((fields[i].form & type) == 0)
        continue;
      if ((fields[i].flags & RD_FIELD_ISV_ONLY) && role != RD_ROLE_ISV)
        continue;
      g_ptr_array_add (shown, (gpointer) &fields[i]);
    }
  return shown;
}

gboolean
rd_record_form_is_shown_for_kind (const RdField *field,
                                  const char    *kind)
{
  gboolean is_cppo = g_strcmp0 (kind, "CPPO") == 0;

  g_return_val_if_fail (field != NULL, FALSE);

  if (field->flags & RD_FIELD_CPPO_ONLY)
    return is_cppo;
  if (field->flags & RD_FIELD_PO_ONLY)
    return !is_cppo;
  return TRUE;
}

static const char *
date_format (void)
{
  /* Translators: how a date is written in the record editor's fields, see strftime(3).
   * Use day, month and a four-digit year (%d, %m, %Y) in your order, e.g. "%d.%m.%Y";
   * YYYY-MM-DD is always understood as well. */
  /* xgettext:no-c-format */
  return C_("form date", "%Y-%m-%d");
}

char *
rd_record_form_format_date (const GDate *date)
{
  g_autoptr (GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 12, 0, 0);
  return g_date_time_format (dt, date_format ());
}

/* The order of day, month and year in the locale's format: 'd', 'm' and 'Y' in some order. */
static void
date_order (char order[3])
{
  const char *format = date_format ();
  guint n = 0;

  for (const char *p = format; *p != '\0' && n < 3; p++)
    {
      if (*p != '%')
        continue;
      p++;
      while (*p == '-' || *p == '_' || *p == '0')
        p++;
      if (*p == 'd' || *p == 'e')
        order[n++] = 'd';
      else if (*p == 'm')
        order[n++] = 'm';
      else if (*p == 'Y')
        order[n++] = 'Y';
      if (*p == '\0')
        break;
    }
  if (n < 3)
    memcpy (order, "Ymd", 3);
}

gboolean
rd_record_form_parse_date (const char *text,
                           GDate      *date)
{
  g_auto (GStrv) parts = NULL;
  guint values[3] = { 0, };
  guint n = 0;
  char order[3];
  guint day = 0, month = 0, year = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;

  if (rd_date_parse (text, date))
    return TRUE;

  /* Three groups of digits; the year with four digits, "3.1.26" is not guessed at. */
  parts = g_strsplit_set (text, "./-", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      const char *part = g_strstrip (parts[i]);
      guint64 value;

      if (*part == '\0' || strlen (part) > 4)
        return FALSE;
      for (const char *p = part; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      value = g_ascii_strtoull (part, NULL, 10);
      values[n++] = (guint) value;
    }

  date_order (order);
  for (guint i = 0; i < 3; i++)
    {
      if (order[i] == 'd')
        day = values[i];
      else if (order[i] == 'm')
        month = values[i];
      else
        {
          if (strlen (g_strstrip (parts[i])) != 4)
            return FALSE;
          year = values[i];
        }
    }

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static const char *
get_string (JsonObject *body,
            const char *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

char *
rd_record_form_dup_text (const RdField *field,
                         JsonObject    *body)
{
  JsonNode *node;
  RdMoney amount;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  node = json_object_get_member (body, field->name);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");

  switch (rd_record_form_row_kind (field))
    {
    case RD_FORM_ROW_DATE:
    case RD_FORM_ROW_READ_ONLY:
      {
        const char *text = get_string (body, field->name);
        GDate date;

        if (text == NULL)
          return g_strdup ("");
        /* A date the user has not typed right yet stays as typed. */
        if (field->type == RD_FIELD_TYPE_DATE && rd_date_parse (text, &date))
          return rd_record_form_format_date (&date);
        return g_strdup (text);
      }

    case RD_FORM_ROW_NUMBER:
      /* An amount shows as entered, with the locale's decimal point. */
      if (field->type == RD_FIELD_TYPE_AMOUNT && rd_money_from_json (node, &amount, NULL))
        return rd_labels_format_money (&amount);
      if (JSON_NODE_HOLDS_VALUE (node)
          && (json_node_get_value_type (node) == G_TYPE_INT64
              || json_node_get_value_type (node) == G_TYPE_DOUBLE))
        return rd_labels_format_amount (json_node_get_double (node));
      if (get_string (body, field->name) != NULL)
        return g_strdup (get_string (body, field->name));
      return g_strdup ("");

    case RD_FORM_ROW_EMAILS:
      {
        g_autoptr (GString) text = g_string_new (NULL);
        JsonArray *emails;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return g_strdup ("");
        emails = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (emails); i++)
          {
            JsonNode *element = json_array_get_element (emails, i);

            if (!JSON_NODE_HOLDS_VALUE (element)
                || json_node_get_value_type (element) != G_TYPE_STRING)
              continue;
            if (text->len > 0)
              g_string_append (text, ", ");
            g_string_append (text, json_node_get_string (element));
          }
        return g_string_free (g_steal_pointer (&text), FALSE);
      }

    case RD_FORM_ROW_TEXT:
    case RD_FORM_ROW_CHOICE:
    case RD_FORM_ROW_SWITCH:
    default:
      {
        const char *text = get_string (body, field->name);

        return g_strdup (text != NULL ? text : "");
      }
    }
}

gboolean
rd_record_form_set_text (const RdField  *field,
                         JsonObject     *body,
                         const char     *text,
                         char          **error_message)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);

  if (error_message != NULL)
    *error_message = NULL;

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    {
      json_object_remove_member (body, field->name);
      return TRUE;
    }

  switch (rd_record_form_row_kind (field))
    {
    case RD_FORM_ROW_DATE:
      {
        GDate date;

        if (rd_record_form_parse_date (trimmed, &date))
          {
            g_autofree char *iso = rd_date_format (&date);

            json_object_set_string_member (body, field->name, iso);
            return TRUE;
          }
        json_object_set_string_member (body, field->name, trimmed);
        if (error_message != NULL)
          {
            GDate example;
            g_autofree char *shown = NULL;

            g_date_set_dmy (&example, 31, G_DATE_MARCH, 2026);
            shown = rd_record_form_format_date (&example);
            /* Translators: %s is a date written the way the form writes dates */
            *error_message = g_strdup_printf (_("Write the date as %s or as 2026-03-31, or "
                                                "pick it from the calendar."),
                                              shown);
          }
        return FALSE;
      }

    case RD_FORM_ROW_NUMBER:
      {
        double value;
        RdMoney amount;

        if (field->type == RD_FIELD_TYPE_AMOUNT)
          {
            g_autofree char *exact = NULL;

            if (!rd_labels_parse_money (trimmed, &amount) || rd_money_sign (&amount) < 0)
              {
                json_object_remove_member (body, field->name);
                if (error_message != NULL)
                  *error_message = g_strdup (_("Enter an amount such as 120000 or 99.50."));
                return FALSE;
              }
            /* Stored as the exact decimal string, never as a float. */
            exact = rd_money_to_string (&amount);
            json_object_set_string_member (body, field->name, exact);
            return TRUE;
          }
        if (!rd_labels_parse_amount (trimmed, &value) || value < 0)
          {
            json_object_remove_member (body, field->name);
            if (error_message != NULL)
              /* Translators: write the example amounts as your locale does */
              *error_message = g_strdup (_("Enter an amount such as 120000 or 99.50."));
            return FALSE;
          }
        if (field->type == RD_FIELD_TYPE_INTEGER && value == (gint64) value)
          json_object_set_int_member (body, field->name, (gint64) value);
        else
          json_object_set_double_member (body, field->name, value);
        return TRUE;
      }

    case RD_FORM_ROW_EMAILS:
      {
        g_auto (GStrv) parts = g_strsplit_set (trimmed, ",; ", -1);
        JsonArray *emails = json_array_new ();

        for (guint i = 0; parts[i] != NULL; i++)
          if (*g_strstrip (parts[i]) != '\0')
            json_array_add_string_element (emails, parts[i]);
        json_object_set_array_member (body, field->name, emails);
        return TRUE;
      }

    case RD_FORM_ROW_TEXT:
    case RD_FORM_ROW_CHOICE:
    case RD_FORM_ROW_SWITCH:
    case RD_FORM_ROW_READ_ONLY:
    default:
      json_object_set_string_member (body, field->name, trimmed);
      return TRUE;
    }
}
