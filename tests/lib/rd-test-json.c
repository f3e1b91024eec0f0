/* rd-test-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-test-json.h"

static void
assert_same_value (JsonNode *a,
                   JsonNode *b)
{
  g_assert_cmpint (json_node_get_value_type (a), ==, json_node_get_value_type (b));
  switch (json_node_get_value_type (a))
    {
    case G_TYPE_INT64:
      g_assert_cmpint (json_node_get_int (a), ==, json_node_get_int (b));
      break;
    case G_TYPE_DOUBLE:
      {
        double da = json_node_get_double (a), db = json_node_get_double (b);

        g_assert_true (memcmp (&da, &db, sizeof da) == 0);
      }
      break;
    case G_TYPE_BOOLEAN:
      g_assert_cmpint (json_node_get_boolean (a), ==, json_node_get_boolean (b));
      break;
    default:
      g_assert_cmpstr (json_node_get_string (a), ==, json_node_get_string (b));
      break;
    }
}

void
rd_test_assert_same_json (JsonNode *a,
                          JsonNode *b)
{
  g_assert_cmpint (json_node_get_node_type (a), ==, json_node_get_node_type (b));
  if (JSON_NODE_HOLDS_OBJECT (a))
    {
      JsonObject *oa = json_node_get_object (a), *ob = json_node_get_object (b);
      g_autoptr (GList) ma = json_object_get_members (oa);
      g_autoptr (GList) mb = json_object_get_members (ob);

      g_assert_cmpuint (g_list_length (ma), ==, g_list_length (mb));
      for (GList *la = ma, *lb = mb; la != NULL; la = la->next, lb = lb->next)
        {
          g_assert_cmpstr (la->data, ==, lb->data);
          rd_test_assert_same_json (json_object_get_member (oa, la->data),
                                    json_object_get_member (ob, lb->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *aa = json_node_get_array (a), *ab = json_node_get_array (b);

      g_assert_cmpuint (json_array_get_length (aa), ==, json_array_get_length (ab));
      for (guint i = 0; i < json_array_get_length (aa); i++)
        rd_test_assert_same_json (json_array_get_element (aa, i),
                                  json_array_get_element (ab, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (a))
    assert_same_value (a, b);
}
