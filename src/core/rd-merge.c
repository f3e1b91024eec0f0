/* rd-merge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-merge"

#include "config.h"

#include "rd-merge.h"

gboolean
rd_merge_nodes_equal (JsonNode *a,
                      JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

gboolean
rd_merge_objects_equal (JsonObject *a,
                        JsonObject *b)
{
  g_autoptr (JsonNode) na = NULL;
  g_autoptr (JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  na = json_node_init_object (json_node_alloc (), a);
  nb = json_node_init_object (json_node_alloc (), b);
  return json_node_equal (na, nb);
}

static void
collect_names (JsonObject *object,
               GPtrArray  *names,
               GHashTable *seen)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return;
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (g_hash_table_add (seen, (gpointer) name))
      g_ptr_array_add (names, (gpointer) name);
}

JsonObject *
rd_merge_three_way (JsonObject *base,
                    JsonObject *mine,
                    JsonObject *theirs,
                    GPtrArray  *conflicts)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  JsonObject *merged = json_object_new ();

  /* Mine first, so that the merged body keeps this device's field order. */
  collect_names (mine, names, seen);
  collect_names (theirs, names, seen);
  collect_names (base, names, seen);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *b = base ? json_object_get_member (base, name) : NULL;
      JsonNode *m = mine ? json_object_get_member (mine, name) : NULL;
      JsonNode *t = theirs ? json_object_get_member (theirs, name) : NULL;
      JsonNode *result;

      if (rd_merge_nodes_equal (m, t) || rd_merge_nodes_equal (t, b))
        result = m;
      else if (rd_merge_nodes_equal (m, b))
        result = t;
      else
        {
          result = m;
          if (conflicts != NULL)
            g_ptr_array_add (conflicts, g_strdup (name));
        }
      if (result != NULL)
        json_object_set_member (merged, name, json_node_copy (result));
    }
  return merged;
}

RdMergeChoice
rd_merge_choice_of (JsonObject *choices,
                    const char *field)
{
  JsonNode *node = choices ? json_object_get_member (choices, field) : NULL;
  const char *choice;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return RD_MERGE_CHOICE_NONE;
  choice = json_node_get_string (node);
  if (g_str_equal (choice, "mine"))
    return RD_MERGE_CHOICE_MINE;
  if (g_str_equal (choice, "theirs"))
    return RD_MERGE_CHOICE_THEIRS;
  return RD_MERGE_CHOICE_NONE;
}

JsonObject *
rd_merge_with_choices (JsonObject *base,
                       JsonObject *mine,
                       JsonObject *theirs,
                       JsonObject *choices,
                       GPtrArray  *open)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  JsonObject *merged = rd_merge_three_way (base, mine, theirs, names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      RdMergeChoice choice = rd_merge_choice_of (choices, name);
      JsonNode *value;

      if (choice == RD_MERGE_CHOICE_NONE && open != NULL)
        g_ptr_array_add (open, g_strdup (name));
      if (choice != RD_MERGE_CHOICE_THEIRS)
        continue;
      value = theirs ? json_object_get_member (theirs, name) : NULL;
      if (value != NULL)
        json_object_set_member (merged, name, json_node_copy (value));
      else
        json_object_remove_member (merged, name);
    }
  return merged;
}

/* The special members CouchDB itself puts in or reads from a document. */
static gboolean
is_couchdb_member (const char *name)
{
  static const char *const members[] = {
    "_id", "_rev", "_deleted", "_conflicts", "_deleted_conflicts", "_attachments",
    "_revisions", "_revs_info", "_local_seq",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (g_str_equal (name, members[i]))
      return TRUE;
  return FALSE;
}

JsonObject *
rd_merge_strip_reserved (JsonObject *doc)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, doc);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!is_couchdb_member (name))
      json_object_set_member (copy, name, json_node_copy (node));
  return copy;
}

void
rd_merge_remove_reserved (JsonObject *doc)
{
  const char *reserved[16];
  guint n = 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, doc);
  while (json_object_iter_next (&iter, &name, &node))
    if (name[0] == '_' && is_couchdb_member (name) && n < G_N_ELEMENTS (reserved))
      reserved[n++] = name;
  /* Not while iterating: the object's table must not change under its iterator. */
  for (guint i = 0; i < n; i++)
    json_object_remove_member (doc, reserved[i]);
}
