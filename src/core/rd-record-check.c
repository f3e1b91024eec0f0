/* rd-record-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-fields.h"
#include "rd-record-check.h"

G_DEFINE_QUARK (rd-record-check-error-quark, rd_record_check_error)

char *
rd_record_dup_quoted_id (const char *id)
{
  g_autofree char *valid = g_utf8_make_valid (id ? id : "", -1);
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n++ == RD_RECORD_QUOTE_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
rd_record_check_id (const char  *id,
                    GError     **error)
{
  gsize length = id ? strlen (id) : 0;

  if (length == 0)
    {
      g_set_error_literal (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_INVALID_ID,
                           _("A record id cannot be empty"));
      return FALSE;
    }
  /* The quoted id of a message is made only for an id refused: every pulled id passes here. */
  if (length > RD_RECORD_ID_MAX_BYTES)
    {
      g_autofree char *shown = rd_record_dup_quoted_id (id);

      g_set_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_INVALID_ID,
                   _("The record id “%s” is longer than %u bytes"), shown,
                   RD_RECORD_ID_MAX_BYTES);
      return FALSE;
    }
  if (!g_utf8_validate (id, (gssize) length, NULL))
    {
      g_autofree char *shown = rd_record_dup_quoted_id (id);

      g_set_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_INVALID_ID,
                   _("The record id “%s” is not UTF-8 text"), shown);
      return FALSE;
    }
  for (const char *p = id; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_autofree char *shown = rd_record_dup_quoted_id (id);

        g_set_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_INVALID_ID,
                     _("The record id “%s” has a control character"), shown);
        return FALSE;
      }
  if (id[0] == '_')
    {
      g_autofree char *shown = rd_record_dup_quoted_id (id);

      g_set_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_INVALID_ID,
                   _("The record id “%s” starts with “_”, which the server reserves"), shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_reserved_members (JsonObject  *body,
                        gboolean     id_allowed,
                        GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *shown = NULL;

      if (name[0] != '_')
        continue;
      if (id_allowed && g_str_equal (name, "_id"))
        {
          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
            {
              g_set_error_literal (error, RD_RECORD_CHECK_ERROR,
                                   RD_RECORD_CHECK_ERROR_INVALID_ID,
                                   _("The record id (_id) must be a string"));
              return FALSE;
            }
          if (!rd_record_check_id (json_node_get_string (node), error))
            return FALSE;
          continue;
        }
      shown = rd_record_dup_quoted_id (name);
      g_set_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_RESERVED_FIELD,
                   _("The field “%s” starts with “_”, which the server reserves; rename it"),
                   shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_dates (JsonObject  *body,
             GError     **error)
{
  const char *type = json_object_get_string_member_with_default (body, "type", NULL);
  guint n_fields;
  const RdField *fields = rd_fields_get_all (&n_fields);
  RdDocTypes doc_type = type ? rd_fields_doc_type_from_string (type) : 0;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *text;

      if (fields[i].type != RD_FIELD_TYPE_DATE || (fields[i].types & doc_type) == 0)
        continue;
      text = json_object_get_string_member_with_default (body, fields[i].name, NULL);
      /* The schema check has made sure a date is YYYY-MM-DD. */
      if (text != NULL && strlen (text) >= 4 && g_ascii_strtoull (text, NULL, 10)
                                                  > RD_RECORD_LAST_YEAR)
        {
          g_set_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_DATE_RANGE,
                       /* Translators: a field name, its date, the last year allowed */
                       _("%s: %s is too far ahead; dates must be in the year %u or before"),
                       fields[i].name, text, RD_RECORD_LAST_YEAR);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_body (JsonObject  *body,
            gboolean     id_allowed,
            GError     **error)
{
  g_autoptr (GError) schema_error = NULL;
  JsonNode *type_node = json_object_get_member (body, "type");
  const char *type = NULL;

  /* "type": true or 7 is no type name: the schema check below refuses it. */
  if (type_node != NULL && JSON_NODE_HOLDS_VALUE (type_node)
      && json_node_get_value_type (type_node) == G_TYPE_STRING)
    type = json_node_get_string (type_node);
  if (!check_reserved_members (body, id_allowed, error))
    return FALSE;
  /* A type the field schema does not describe (a newer version's) keeps its fields as they
   * are. */
  if (type != NULL && *type != '\0' && rd_fields_doc_type_from_string (type) == 0)
    return TRUE;
  if (!rd_fields_validate_body (body, 0, &schema_error))
    {
      g_set_error_literal (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_SCHEMA,
                           schema_error->message);
      return FALSE;
    }
  return check_dates (body, error);
}

gboolean
rd_record_check_new_body (JsonObject  *body,
                          GError     **error)
{
  return check_body (body, TRUE, error);
}

static gboolean
check_same_type (const char  *old_type,
                 JsonObject  *new_body,
                 GError     **error)
{
  JsonNode *new_type = json_object_get_member (new_body, "type");

  if (old_type != NULL
      && (new_type == NULL || !JSON_NODE_HOLDS_VALUE (new_type)
          || json_node_get_value_type (new_type) != G_TYPE_STRING
          || !g_str_equal (json_node_get_string (new_type), old_type)))
    {
      g_autofree char *shown = rd_record_dup_quoted_id (old_type);

      g_set_error (error, RD_RECORD_CHECK_ERROR, RD_RECORD_CHECK_ERROR_TYPE_CHANGE,
                   _("A record's type cannot change (it is “%s”); add a new record "
                     "instead"), shown);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_record_check_replacement (const char  *old_type,
                             JsonObject  *new_body,
                             GError     **error)
{
  return check_same_type (old_type, new_body, error) && check_body (new_body, FALSE, error);
}

gboolean
rd_record_check_changed_body (JsonObject  *old_body,
                              JsonObject  *new_body,
                              GError     **error)
{
  return rd_record_check_replacement (
    json_object_get_string_member_with_default (old_body, "type", NULL), new_body, error);
}

gboolean
rd_record_check_pulled_doc (JsonObject  *doc,
                            const char  *local_type,
                            GError     **error)
{
  static const char *const couch_members[] = {
    "_rev", "_deleted", "_conflicts", "_revisions", "_revs_info", "_deleted_conflicts",
    "_local_seq",
  };
  g_autoptr (JsonObject) body = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (json_object_get_boolean_member_with_default (doc, "_deleted", FALSE))
    return TRUE;
  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean couch = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (couch_members); i++)
        couch = couch || g_str_equal (name, couch_members[i]);
      if (!couch)
        json_object_set_member (body, name, json_node_ref (node));
    }
  if (!check_same_type (local_type, body, error))
    return FALSE;
  return check_body (body, TRUE, error);
}
