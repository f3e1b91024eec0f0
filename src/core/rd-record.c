/* rd-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-record.h"

struct _RdRecord
{
  GObject     parent_instance;

  char       *id;
  char       *rev;
  JsonObject *body;
  guint       deleted : 1;
  guint       dirty : 1;
};

G_DEFINE_FINAL_TYPE (RdRecord, rd_record, G_TYPE_OBJECT)

static void
rd_record_finalize (GObject *object)
{
  RdRecord *self = (RdRecord *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->rev, g_free);
  g_clear_pointer (&self->body, json_object_unref);

  G_OBJECT_CLASS (rd_record_parent_class)->finalize (object);
}

static void
rd_record_class_init (RdRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_record_finalize;
}

static void
rd_record_init (RdRecord *self)
{
}

RdRecord *
rd_record_new (const char *id,
               JsonObject *body)
{
  RdRecord *self = g_object_new (RD_TYPE_RECORD, NULL);

  self->id = g_strdup (id);
  self->body = body ? json_object_ref (body) : json_object_new ();
  return self;
}

RdRecord *
rd_record_new_from_json (const char  *id,
                         const char  *json,
                         GError     **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("A record must be a JSON object"));
      return NULL;
    }
  return rd_record_new (id, json_node_get_object (root));
}

const char *
rd_record_get_id (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return self->id;
}

const char *
rd_record_get_rev (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return self->rev;
}

void
rd_record_set_rev (RdRecord   *self,
                   const char *rev)
{
  g_return_if_fail (RD_IS_RECORD (self));
  g_free (self->rev);
  self->rev = g_strdup (rev);
}

gboolean
rd_record_get_deleted (RdRecord *self)
{
  return self->deleted;
}

void
rd_record_set_deleted (RdRecord *self,
                       gboolean  deleted)
{
  self->deleted = !!deleted;
}

gboolean
rd_record_get_dirty (RdRecord *self)
{
  return self->dirty;
}

void
rd_record_set_dirty (RdRecord *self,
                     gboolean  dirty)
{
  self->dirty = !!dirty;
}

JsonObject *
rd_record_get_body (RdRecord *self)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);
  return self->body;
}

/* json_node_copy() shares objects and arrays; edits of a copy must not reach the original. */
JsonNode *
rd_json_node_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (node == NULL)
    return NULL;
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = rd_json_object_deep_copy (json_node_get_object (node));

        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint n = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, rd_json_node_deep_copy (json_array_get_element (source,
                                                                                        i)));
        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

JsonObject *
rd_json_object_deep_copy (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (copy, name, rd_json_node_deep_copy (node));
  return copy;
}

JsonObject *
rd_record_dup_body (RdRecord *self)
{
  return rd_json_object_deep_copy (self->body);
}

char *
rd_record_to_json (RdRecord *self,
                   gboolean  pretty)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, self->body);
  return json_to_string (node, pretty);
}

const char *
rd_json_get_string (JsonObject *object,
                    const char *field)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, field) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
rd_record_get_string (RdRecord   *self,
                      const char *field)
{
  g_return_val_if_fail (RD_IS_RECORD (self), NULL);

  return rd_json_get_string (self->body, field);
}

double
rd_record_get_double (RdRecord   *self,
                      const char *field,
                      double      fallback)
{
  JsonNode *node = json_object_get_member (self->body, field);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return fallback;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);
        char *end = NULL;
        double v = g_ascii_strtod (s, &end);

        return (end != s && *end == '\0') ? v : fallback;
      }
    default:
      return fallback;
    }
}

gboolean
rd_record_get_boolean (RdRecord   *self,
                       const char *field,
                       gboolean    fallback)
{
  JsonNode *node = json_object_get_member (self->body, field);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

void
rd_record_set_string (RdRecord   *self,
                      const char *field,
                      const char *value)
{
  if (value == NULL)
    json_object_set_null_member (self->body, field);
  else
    json_object_set_string_member (self->body, field, value);
}

const char *
rd_doc_start_field (const char *type)
{
  return g_strcmp0 (type, "offer") == 0 ? "agreement_start_date" : "start_date";
}

const char *
rd_doc_end_field (const char *type)
{
  return g_strcmp0 (type, "offer") == 0 ? "agreement_end_date" : "end_date";
}

const char *
rd_record_get_doc_type (RdRecord *self)
{
  return rd_record_get_string (self, "type");
}

gboolean
rd_record_is_agreement (RdRecord *self)
{
  return g_strcmp0 (rd_record_get_doc_type (self), "agreement") == 0;
}

gboolean
rd_record_is_offer (RdRecord *self)
{
  return g_strcmp0 (rd_record_get_doc_type (self), "offer") == 0;
}

const char *
rd_record_get_customer (RdRecord *self)
{
  return rd_record_get_string (self, "customer");
}

const char *
rd_record_get_product_title (RdRecord *self)
{
  return rd_record_get_string (self, "product_title");
}

const char *
rd_record_get_product_id (RdRecord *self)
{
  return rd_record_get_string (self, "product_id");
}

const char *
rd_record_get_kind (RdRecord *self)
{
  return rd_record_get_string (self, "kind");
}

const char *
rd_record_get_stage (RdRecord *self)
{
  return rd_record_get_string (self, "stage");
}

const char *
rd_record_get_start_date (RdRecord *self)
{
  return rd_record_get_string (self, rd_doc_start_field (rd_record_get_doc_type (self)));
}

const char *
rd_record_get_end_date (RdRecord *self)
{
  return rd_record_get_string (self, rd_doc_end_field (rd_record_get_doc_type (self)));
}

const char *
rd_record_get_currency (RdRecord *self)
{
  return rd_record_get_string (self, "currency");
}

double
rd_record_get_value (RdRecord *self)
{
  return rd_record_get_double (self, "value", 0.0);
}

char *
rd_record_dup_title (RdRecord *self)
{
  const char *customer = rd_record_get_customer (self);
  const char *product = rd_record_get_product_title (self);

  if (customer && product)
    /* Translators: a record's title: customer — product */
    return g_strdup_printf (_("%s — %s"), customer, product);
  if (customer)
    return g_strdup (customer);
  if (product)
    return g_strdup (product);
  return g_strdup (_("Untitled record"));
}
