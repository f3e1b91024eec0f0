/* rd-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-json"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-json.h"
#include "rd-record.h"
#include "rd-store.h"

JsonObject *
rd_json_object_from_string (const char  *json,
                            GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("A record must be a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

char *
rd_json_object_to_string (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* RFC 7386 JSON merge patch: null removes a member, objects merge, anything else replaces. */
void
rd_json_merge_patch (JsonObject *target,
                  JsonObject *patch)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, patch);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      JsonNode *existing = json_object_get_member (target, name);

      if (JSON_NODE_HOLDS_NULL (node))
        json_object_remove_member (target, name);
      else if (JSON_NODE_HOLDS_OBJECT (node) && existing && JSON_NODE_HOLDS_OBJECT (existing))
        rd_json_merge_patch (json_node_get_object (existing), json_node_get_object (node));
      else
        json_object_set_member (target, name, rd_json_node_deep_copy (node));
    }
}
