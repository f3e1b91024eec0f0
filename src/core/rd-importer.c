/* rd-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-importer.h"
#include "rd-record-check.h"
#include "rd-rules.h"
#include "rd-store-import.h"
#include "rd-store-private.h"

G_DEFINE_QUARK (rd-import-error-quark, rd_import_error)

/* The last imported values live in the record, so that the next import can tell a field
 * the user changed (keep it) from one AWS changed (take it): a three-way merge. */
#define IMPORT_BASE "import_base"

const char * const rd_import_aws_fields[] = {
  "agreement_id", "offer_id", "product_id", "product_title", "product_type",
  "customer", "buyer_account_id", "isv", "isv_account_id", "channel_partner",
  "channel_partner_account_id", "kind", "resale_authorization_id", "start_date", "end_date",
  "status", "value", "currency", "auto_renew", "preceding_agreement_id", "payment_schedule",
  "pricing_dimensions", "acceptance_date", "validity_end_date", "replaced_by_agreement_id",
  NULL
};

const char * const rd_import_offer_fields[] = {
  "offer_id", "offer_name", "product_id", "product_title", "product_type", "customer",
  "buyer_account_ids", "kind", "resale_authorization_id", "isv_account_id",
  "channel_partner_account_id", "renewal_mechanism", "offer_expiration_date",
  "agreement_start_date", "agreement_end_date", "duration_months", "pricing_dimensions",
  "payment_schedule", "currency", "is_renewal", "auto_renew", "aws_state",
  "accepted_agreement_id", "target_agreement_id", "stage",
  NULL
};

RdImportResult *
rd_import_result_new (void)
{
  RdImportResult *result = g_new0 (RdImportResult, 1);

  result->failures = g_ptr_array_new_with_free_func (g_free);
  result->notices = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
rd_import_result_free (RdImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->failures);
  g_ptr_array_unref (result->notices);
  g_free (result);
}

char *
rd_import_result_dup_summary (RdImportResult *result)
{
  /* Translators: the summary of an import, e.g. "3 new, 1 updated, 10 unchanged, 0 failed" */
  return g_strdup_printf (_("%u new, %u updated, %u unchanged, %u failed"),
                          result->added, result->updated, result->unchanged, result->failed);
}

struct _RdImporter
{
  RdStore            *store;
  /* "agreement" keyed by agreement_id, or "offer" keyed by offer_id. */
  const char         *type;
  const char         *key;
  const char * const *fields;          /* the fields AWS owns on this type */
  GHashTable         *by_agreement_id; /* key → record id (deleted records included) */
  GHashTable         *deleted;         /* record ids of deleted records */
  char               *run_id;          /* journaled run, or NULL */
};

static RdImporter *
importer_new (RdStore             *store,
              const char          *type,
              const char          *key,
              const char * const  *fields,
              GError             **error)
{
  g_autoptr (RdImporter) importer = g_new0 (RdImporter, 1);

  importer->store = g_object_ref (store);
  importer->type = type;
  importer->key = key;
  importer->fields = fields;
  importer->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  importer->by_agreement_id = rd_store_import_map_records (store, type, key, importer->deleted,
                                                           error);
  if (importer->by_agreement_id == NULL)
    return NULL;
  return g_steal_pointer (&importer);
}

RdImporter *
rd_importer_new (RdStore  *store,
                 GError  **error)
{
  return importer_new (store, "agreement", "agreement_id", rd_import_aws_fields, error);
}

void
rd_importer_set_run (RdImporter *importer,
                     const char *run_id)
{
  g_free (importer->run_id);
  importer->run_id = g_strdup (run_id);
}

RdImporter *
rd_importer_new_for_offers (RdStore  *store,
                            GError  **error)
{
  return importer_new (store, "offer", "offer_id", rd_import_offer_fields, error);
}

void
rd_importer_free (RdImporter *importer)
{
  if (importer == NULL)
    return;
  g_clear_object (&importer->store);
  g_clear_pointer (&importer->by_agreement_id, g_hash_table_unref);
  g_clear_pointer (&importer->deleted, g_hash_table_unref);
  g_free (importer->run_id);
  g_free (importer);
}

const char *
rd_importer_lookup (RdImporter *importer,
                    const char *key)
{
  g_return_val_if_fail (importer != NULL, NULL);

  return key != NULL ? g_hash_table_lookup (importer->by_agreement_id, key) : NULL;
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonObject *
aws_fields_of (RdImporter *importer,
               JsonObject *body)
{
  JsonObject *fields = json_object_new ();

  for (guint i = 0; importer->fields[i]; i++)
    {
      JsonNode *node = json_object_get_member (body, importer->fields[i]);

      if (node != NULL)
        json_object_set_member (fields, importer->fields[i], rd_json_node_deep_copy (node));
    }
  return fields;
}

/* Local record + last import (base) + this import (theirs) → merged body. */
static JsonObject *
merge_import (RdImporter *importer,
              JsonObject *local,
              JsonObject *incoming)
{
  JsonObject *merged = rd_json_object_deep_copy (local);
  JsonNode *base_node = json_object_get_member (local, IMPORT_BASE);
  JsonObject *base = base_node && JSON_NODE_HOLDS_OBJECT (base_node)
                       ? json_node_get_object (base_node) : NULL;

  for (guint i = 0; importer->fields[i]; i++)
    {
      const char *field = importer->fields[i];
      JsonNode *mine = json_object_get_member (local, field);
      JsonNode *theirs = json_object_get_member (incoming, field);
      JsonNode *was = base ? json_object_get_member (base, field) : NULL;

      /* Without a base (a record typed in by hand), a value the user set wins. */
      if (base == NULL ? mine != NULL && !JSON_NODE_HOLDS_NULL (mine) : !nodes_equal (mine, was))
        continue;
      if (theirs == NULL)
        json_object_remove_member (merged, field);
      else
        json_object_set_member (merged, field, rd_json_node_deep_copy (theirs));
    }
  json_object_set_object_member (merged, IMPORT_BASE, aws_fields_of (importer, incoming));
  return merged;
}

static void
link_chain (RdImporter *importer,
            JsonObject *body)
{
  const char *preceding = json_object_get_string_member_with_default (body,
                                                                      "preceding_agreement_id",
                                                                      NULL);
  const char *record;

  if (preceding == NULL || !g_str_equal (importer->type, "agreement"))
    return;
  record = g_hash_table_lookup (importer->by_agreement_id, preceding);
  if (record != NULL && !json_object_has_member (body, "preceding_record_id"))
    json_object_set_string_member (body, "preceding_record_id", record);
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *oa = *(JsonObject **) a;
  JsonObject *ob = *(JsonObject **) b;

  return g_strcmp0 (json_object_get_string_member_with_default (oa, "start_date", ""),
                    json_object_get_string_member_with_default (ob, "start_date", ""));
}

static char *
check_incoming (RdImporter *importer,
                JsonObject *body)
{
  g_autoptr (GError) error = NULL;

  /* What the store would refuse fails this record alone, not the page. */
  if (!json_object_has_member (body, "type"))
    json_object_set_string_member (body, "type", importer->type);
  if (!rd_record_check_new_body (body, &error))
    return g_strdup (error->message);
  if (g_str_equal (importer->type, "offer"))
    return json_object_get_string_member_with_default (body, "offer_id", NULL) == NULL
             ? g_strdup (_("the offer has no offer_id")) : NULL;
  return rd_importer_check_agreement (body);
}

char *
rd_importer_check_agreement (JsonObject *body)
{
  RdRulesContext ctx;
  g_autoptr (GPtrArray) errors = NULL;

  if (json_object_get_string_member_with_default (body, "agreement_id", NULL) == NULL)
    return g_strdup (_("the agreement has no agreement_id"));
  rd_rules_context_init (&ctx, RD_ROLE_ISV);
  errors = rd_rules_check_agreement (body, &ctx);
  if (errors->len > 0)
    {
      RdFieldError *e = g_ptr_array_index (errors, 0);

      return g_strdup_printf ("%s: %s", e->field, e->message);
    }
  return NULL;
}

gboolean
rd_importer_add_page (RdImporter      *importer,
                      GPtrArray       *agreements,
                      RdImportResult  *result,
                      GError         **error)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_copy (agreements, NULL, NULL);
  gboolean own;

  /* The copy shares the elements; only the caller's array owns them. */
  g_ptr_array_set_free_func (sorted, NULL);

  /* Predecessors first, so that a chain within one page links on the first import. */
  g_ptr_array_sort (sorted, compare_by_start);

  if (!rd_store_import_page_begin (importer->store, &own, error))
    return FALSE;
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *incoming = g_ptr_array_index (sorted, i);
      const char *agreement_id = json_object_get_string_member_with_default (incoming,
                                                                             importer->key,
                                                                             NULL);
      g_autofree char *problem = NULL;
      const char *record_id;

      /* AWS knows the buyer by account only; the user can name the company later. */
      if (json_object_get_string_member_with_default (incoming, "customer", NULL) == NULL)
        json_object_set_string_member (incoming, "customer",
                                       json_object_get_string_member_with_default (
                                         incoming, "buyer_account_id", _("Unknown customer")));
      problem = check_incoming (importer, incoming);

      if (problem != NULL)
        {
          result->failed++;
          g_ptr_array_add (result->failures,
                           g_strdup_printf ("%s: %s", agreement_id ? agreement_id : "?", problem));
          continue;
        }

      record_id = g_hash_table_lookup (importer->by_agreement_id, agreement_id);
      if (record_id != NULL && g_hash_table_contains (importer->deleted, record_id))
        {
          /* The user deleted it here; an import does not bring it back. */
          result->unchanged++;
          continue;
        }
      if (record_id == NULL)
        {
          g_autoptr (JsonObject) body = rd_json_object_deep_copy (incoming);
          g_autofree char *new_id = NULL;

          json_object_set_string_member (body, "type", importer->type);
          if (!json_object_has_member (body, "stage"))
            json_object_set_string_member (body, "stage", "identified");
          json_object_set_object_member (body, IMPORT_BASE, aws_fields_of (importer, incoming));
          link_chain (importer, body);
          new_id = rd_store_insert (importer->store, body, error);
          if (new_id == NULL)
            goto fail;
          if (importer->run_id != NULL
              && !rd_store_import_journal (importer->store, importer->run_id, new_id, NULL,
                                           error))
            goto fail;
          g_hash_table_replace (importer->by_agreement_id, g_strdup (agreement_id),
                                g_steal_pointer (&new_id));
          result->added++;
        }
      else
        {
          g_autoptr (RdRecord) record = rd_store_get (importer->store, record_id, error);
          g_autoptr (JsonObject) merged = NULL;
          g_autoptr (JsonNode) before = json_node_new (JSON_NODE_OBJECT);
          g_autoptr (JsonNode) after = json_node_new (JSON_NODE_OBJECT);

          if (record == NULL)
            goto fail;
          merged = merge_import (importer, rd_record_get_body (record), incoming);
          link_chain (importer, merged);
          json_node_set_object (before, rd_record_get_body (record));
          json_node_set_object (after, merged);
          if (json_node_equal (before, after))
            {
              result->unchanged++;
              continue;
            }
          if (!rd_store_update (importer->store, record_id, merged, error))
            goto fail;
          if (importer->run_id != NULL
              && !rd_store_import_journal (importer->store, importer->run_id, record_id,
                                           rd_record_get_body (record), error))
            goto fail;
          result->updated++;
        }
    }
  return rd_store_import_page_commit (importer->store, own, error);

fail:
  rd_store_import_page_rollback (importer->store, own);
  return FALSE;
}

gboolean
rd_import_sink_add_page (GPtrArray  *records,
                         gpointer    user_data,
                         GError    **error)
{
  RdImportSink *sink = user_data;

  return rd_importer_add_page (sink->importer, records, sink->result, error);
}

