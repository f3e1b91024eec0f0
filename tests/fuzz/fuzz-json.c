/* fuzz-json.c
 *
 * The quick JSON reader against json-glib's parser: whatever the reader takes, json-glib
 * reads too, with the same node types, values and member order (rd-json-strict.h); the
 * guarded parse that goes through it answers a root or an error, never both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-json-guard.h"
#include "rd-json-strict.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_same_node (JsonNode *a,
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
          assert_same_node (json_object_get_member (oa, la->data),
                            json_object_get_member (ob, lb->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (a))
    {
      JsonArray *aa = json_node_get_array (a), *ab = json_node_get_array (b);

      g_assert_cmpuint (json_array_get_length (aa), ==, json_array_get_length (ab));
      for (guint i = 0; i < json_array_get_length (aa); i++)
        assert_same_node (json_array_get_element (aa, i), json_array_get_element (ab, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (a))
    {
      g_assert_cmpint (json_node_get_value_type (a), ==, json_node_get_value_type (b));
      switch (json_node_get_value_type (a))
        {
        case G_TYPE_INT64:
          g_assert_cmpint (json_node_get_int (a), ==, json_node_get_int (b));
          break;
        case G_TYPE_DOUBLE:
          g_assert_true (json_node_get_double (a) == json_node_get_double (b));
          break;
        case G_TYPE_BOOLEAN:
          g_assert_cmpint (json_node_get_boolean (a), ==, json_node_get_boolean (b));
          break;
        default:
          g_assert_cmpstr (json_node_get_string (a), ==, json_node_get_string (b));
          break;
        }
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data;
  g_autoptr (JsonNode) mine = rd_json_strict_read (text, size, RD_JSON_GUARD_MAX_DEPTH);
  g_autoptr (JsonNode) guarded = NULL;
  g_autoptr (GError) error = NULL;

  if (mine != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (JsonNode) theirs = NULL;

      g_assert_true (json_parser_load_from_data (parser, text, (gssize) size, NULL));
      theirs = json_parser_steal_root (parser);
      g_assert_nonnull (theirs);
      assert_same_node (mine, theirs);
    }
  guarded = rd_json_guard_parse (text, (gssize) size, &error);
  g_assert_true ((guarded == NULL) != (error == NULL));
  return 0;
}
