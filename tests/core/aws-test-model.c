/* aws-test-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aws-test-model.h"

struct _AwsTestModel
{
  JsonObject *model;
};

AwsTestModel *
aws_test_model_new_catalog (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("RD_SHARED_TESTDATA"), "aws-models",
                                            "marketplace-catalog-2018-09-17", "service-2.json",
                                            NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  AwsTestModel *self = g_new0 (AwsTestModel, 1);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  self->model = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  return self;
}

void
aws_test_model_free (AwsTestModel *self)
{
  json_object_unref (self->model);
  g_free (self);
}

JsonObject *
aws_test_model_get_operation (AwsTestModel *self,
                              const char   *name)
{
  JsonObject *operations = json_object_get_object_member (self->model, "operations");

  return json_object_has_member (operations, name)
         ? json_object_get_object_member (operations, name) : NULL;
}

JsonObject *
aws_test_model_get_shape (AwsTestModel *self,
                          const char   *name)
{
  return json_object_get_object_member (json_object_get_object_member (self->model, "shapes"),
                                        name);
}

static gboolean
out_of_range (JsonObject *shape,
              gint64      n)
{
  return (json_object_has_member (shape, "min") && n < json_object_get_int_member (shape, "min"))
         || (json_object_has_member (shape, "max")
             && n > json_object_get_int_member (shape, "max"));
}

char *
aws_test_model_check (AwsTestModel *self,
                      const char   *shape_name,
                      JsonNode     *value,
                      const char   *where)
{
  JsonObject *shape = aws_test_model_get_shape (self, shape_name);
  const char *type = json_object_get_string_member (shape, "type");

  if (g_str_equal (type, "structure"))
    {
      JsonObject *members = json_object_get_object_member (shape, "members");
      JsonArray *required = json_object_has_member (shape, "required")
                            ? json_object_get_array_member (shape, "required") : NULL;
      g_autoptr (GList) names = NULL;
      JsonObject *object;

      if (json_object_has_member (shape, "document"))
        return NULL;
      if (!JSON_NODE_HOLDS_OBJECT (value))
        return g_strdup_printf ("%s must be an object", where);
      object = json_node_get_object (value);
      for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
        if (!json_object_has_member (object, json_array_get_string_element (required, i)))
          return g_strdup_printf ("%s.%s is required", where,
                                  json_array_get_string_element (required, i));
      names = json_object_get_members (object);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *inner = g_strdup_printf ("%s.%s", where, (char *) l->data);
          JsonObject *member;
          char *problem;

          if (!json_object_has_member (members, l->data))
            return g_strdup_printf ("%s is not a member of %s", inner, shape_name);
          member = json_object_get_object_member (members, l->data);
          if (json_object_has_member (member, "location"))
            return g_strdup_printf ("%s belongs in the %s, not the body", inner,
                                    json_object_get_string_member (member, "location"));
          problem = aws_test_model_check (self, json_object_get_string_member (member, "shape"),
                                          json_object_get_member (object, l->data), inner);
          if (problem != NULL)
            return problem;
        }
      return NULL;
    }
  if (g_str_equal (type, "list"))
    {
      const char *member = json_object_get_string_member (
        json_object_get_object_member (shape, "member"), "shape");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        return g_strdup_printf ("%s must be a list", where);
      array = json_node_get_array (value);
      if (out_of_range (shape, json_array_get_length (array)))
        return g_strdup_printf ("%s has %u items, outside the allowed range", where,
                                json_array_get_length (array));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);
          char *problem = aws_test_model_check (self, member, json_array_get_element (array, i),
                                                inner);

          if (problem != NULL)
            return problem;
        }
      return NULL;
    }
  if (g_str_equal (type, "string"))
    {
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return g_strdup_printf ("%s must be a string", where);
      text = json_node_get_string (value);
      if (out_of_range (shape, g_utf8_strlen (text, -1)))
        return g_strdup_printf ("%s has a length outside the allowed range", where);
      if (json_object_has_member (shape, "enum"))
        {
          JsonArray *values = json_object_get_array_member (shape, "enum");

          for (guint i = 0; i < json_array_get_length (values); i++)
            if (g_str_equal (json_array_get_string_element (values, i), text))
              return NULL;
          return g_strdup_printf ("%s: “%s” is not one of the allowed values", where, text);
        }
      return NULL;
    }
  if (g_str_equal (type, "integer"))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        return g_strdup_printf ("%s must be an integer", where);
      if (out_of_range (shape, json_node_get_int (value)))
        return g_strdup_printf ("%s is outside the allowed range", where);
    }
  return NULL;
}

void
aws_test_answer_json (SoupServerMessage *msg,
                      guint              status,
                      JsonObject        *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text,
                                    strlen (text));
}

void
aws_test_answer_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *type,
                       const char        *message)
{
  g_autoptr (JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "Message", message);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "X-Amzn-ErrorType", type);
  aws_test_answer_json (msg, status, body);
}
