/* rd-amounts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-amounts"

#include "config.h"

#include <math.h>

#include "rd-amounts.h"
#include "rd-fields.h"
#include "rd-record.h"

/* The amounts inside line items: list field, member of each item. */
static const struct
{
  const char *list;
  const char *member;
} item_amounts[] = {
  { "payment_schedule", "amount" },
  { "value_adds", "amount" },
  { "pricing_dimensions", "price" },
};

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* The string member should hold instead of its number, or NULL to leave it. */
static char *
dup_amount_text (JsonNode       *node,
                 RdAmountsMode   mode,
                 const char     *path,
                 GError        **error)
{
  g_autoptr (GError) local_error = NULL;
  RdMoney money;

  if (mode == RD_AMOUNTS_KEEP_VALUE)
    {
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return rd_money_dup_number_text (json_node_get_double (node));
    }
  if (!rd_money_from_json (node, &money, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path,
                   local_error->message);
      return NULL;
    }
  return rd_money_to_string (&money);
}

/* Collects (object, member, text) first so that a refused amount leaves body unchanged. */
static gboolean
collect (JsonObject     *object,
         const char     *member,
         const char     *path,
         RdAmountsMode   mode,
         GPtrArray      *targets,
         GPtrArray      *texts,
         GError        **error)
{
  JsonNode *node = json_object_get_member (object, member);
  char *text;

  if (!node_is_number (node))
    return TRUE;
  text = dup_amount_text (node, mode, path, error);
  if (text == NULL)
    return mode == RD_AMOUNTS_KEEP_VALUE;
  g_ptr_array_add (targets, object);
  g_ptr_array_add (targets, (gpointer) member);
  g_ptr_array_add (texts, text);
  return TRUE;
}

/* Every numeric amount of body: (object, member) pairs in targets, their texts in texts. */
static gboolean
collect_all (JsonObject     *body,
             RdAmountsMode   mode,
             GPtrArray      *targets,
             GPtrArray      *texts,
             GError        **error)
{
  guint n_fields;
  const RdField *fields = rd_fields_get_all (&n_fields);

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == RD_FIELD_TYPE_AMOUNT
        && !collect (body, fields[i].name, fields[i].name, mode, targets, texts, error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (item_amounts); i++)
    {
      JsonNode *list = json_object_get_member (body, item_amounts[i].list);
      JsonArray *array;

      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        continue;
      array = json_node_get_array (list);
      for (guint j = 0; j < json_array_get_length (array); j++)
        {
          JsonNode *item = json_array_get_element (array, j);
          g_autofree char *path = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          path = g_strdup_printf ("%s[%u].%s", item_amounts[i].list, j + 1,
                                  item_amounts[i].member);
          if (!collect (json_node_get_object (item), item_amounts[i].member, path, mode, targets,
                        texts, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
rd_amounts_normalize (JsonObject     *body,
                      RdAmountsMode   mode,
                      gboolean       *changed,
                      GError        **error)
{
  g_autoptr (GPtrArray) targets = g_ptr_array_new ();
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (body != NULL, FALSE);

  if (changed != NULL)
    *changed = FALSE;
  if (!collect_all (body, mode, targets, texts, error))
    return FALSE;

  for (guint i = 0; i < texts->len; i++)
    json_object_set_string_member (g_ptr_array_index (targets, 2 * i),
                                   g_ptr_array_index (targets, 2 * i + 1),
                                   g_ptr_array_index (texts, i));
  if (changed != NULL)
    *changed = texts->len > 0;
  return TRUE;
}

gboolean
rd_amounts_get (JsonObject *object,
                const char *member,
                RdMoney    *out)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  return rd_money_from_json (node, out, NULL);
}

JsonObject *
rd_amounts_dup_stored (JsonObject *body)
{
  g_autoptr (GPtrArray) targets = g_ptr_array_new ();
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  JsonObject *copy;

  g_return_val_if_fail (body != NULL, NULL);

  collect_all (body, RD_AMOUNTS_KEEP_VALUE, targets, texts, NULL);
  if (texts->len == 0)
    return json_object_ref (body);
  /* The caller's body may be shared or sealed: the rewrite goes into a copy. */
  copy = rd_json_object_deep_copy (body);
  rd_amounts_normalize (copy, RD_AMOUNTS_KEEP_VALUE, NULL, NULL);
  return copy;
}
