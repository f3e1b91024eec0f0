/* rd-aws-import-catalog.c
 *
 * The Catalog phase of an AWS import: the seller's products (titles, types), resale
 * authorizations and offers, page by page; every private offer is stored as an "offer"
 * record as soon as its page is read. Then the agreements of the run get their product
 * title and type and their links (the offer an agreement accepted replaced the agreement it
 * targeted), stored through the same upsert, so the user's edits are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-aws-entity.h"
#include "rd-aws-import-private.h"
#include "rd-aws-json.h"

#define PAGE_SIZE 50

typedef enum
{
  LIST_PRODUCTS,
  LIST_RESALE_AUTHORIZATIONS,
  LIST_OFFERS,
} ListKind;

/* In the order they are read: products first (offers need their titles), then resale
 * authorizations (an ISV's own, and those shared with a channel partner), then offers. */
static const struct
{
  const char *entity_type;
  const char *ownership;
  ListKind    kind;
} lists[] = {
  { "SaaSProduct", "SELF", LIST_PRODUCTS },
  { "AmiProduct", "SELF", LIST_PRODUCTS },
  { "ContainerProduct", "SELF", LIST_PRODUCTS },
  { "ProfessionalServicesProduct", "SELF", LIST_PRODUCTS },
  { "ResaleAuthorization", "SELF", LIST_RESALE_AUTHORIZATIONS },
  { "ResaleAuthorization", "SHARED", LIST_RESALE_AUTHORIZATIONS },
  { "Offer", "SELF", LIST_OFFERS },
};

static void next_list (GTask *task);
static void describe_next_offer (GTask *task);
static void describe_next_product (GTask *task);

/* Errors that concern one entity (or one entity type AWS does not list for this account),
 * not the whole Catalog: the import goes on without it. */
static gboolean
is_entity_error (const GError *error)
{
  return g_error_matches (error, RD_AWS_ERROR, RD_AWS_ERROR_NOT_FOUND)
         || g_error_matches (error, RD_AWS_ERROR, RD_AWS_ERROR_VALIDATION)
         || g_error_matches (error, RD_AWS_ERROR, RD_AWS_ERROR_CONFLICT);
}

static void
add_product (RdAwsImport *self,
             RunData     *data,
             JsonObject  *product)
{
  const char *id = rd_aws_json_string (product, "product_id");

  if (id == NULL)
    return;
  if (!g_hash_table_contains (data->products, id))
    self->n_products++;
  g_hash_table_replace (data->products, g_strdup (id), json_object_ref (product));
}

/* On to the next page of the current list, or to the next list after its last page (or
 * when skip). */
static void
advance_list (GTask    *task,
              gboolean  skip)
{
  RunData *data = g_task_get_task_data (task);

  if (skip || !rd_aws_pager_has_more (&data->pager))
    {
      rd_aws_pager_clear (&data->pager);
      data->list++;
    }
  next_list (task);
}

static void
on_list_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  RdAwsImport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) output = NULL;
  GError *error = NULL;
  JsonArray *summaries;

  output = rd_aws_catalog_client_list_entities_finish (self->catalog, &data->pager, result,
                                                       &error);
  if (output == NULL)
    {
      if (lists[data->list].kind != LIST_OFFERS && is_entity_error (error))
        {
          /* Translators: the first %s is an entity type, e.g. "ContainerProduct" */
          g_ptr_array_add (self->offer_result->notices,
                           g_strdup_printf (_("The Catalog API did not list %s: %s"),
                                            lists[data->list].entity_type, error->message));
          g_error_free (error);
          advance_list (task, TRUE);
          return;
        }
      rd_aws_import_return (task, error);
      return;
    }

  summaries = rd_aws_json_array (output, "EntitySummaryList");
  data->entities += summaries != NULL ? json_array_get_length (summaries) : 0;
  rd_aws_import_emit_progress (self, RD_AWS_IMPORT_PHASE_CATALOG, data->entities, 0);

  for (guint i = 0; summaries != NULL && i < json_array_get_length (summaries); i++)
    {
      JsonObject *summary = rd_aws_json_element (summaries, i);
      const char *id = rd_aws_json_string (summary, "EntityId");

      if (id == NULL)
        continue;
      switch (lists[data->list].kind)
        {
        case LIST_PRODUCTS:
          {
            g_autoptr (JsonObject) product = rd_aws_product_from_entity (summary, NULL);

            if (product != NULL)
              add_product (self, data, product);
          }
          break;
        case LIST_RESALE_AUTHORIZATIONS:
          g_hash_table_replace (data->resale, g_strdup (id), json_object_ref (summary));
          break;
        case LIST_OFFERS:
        default:
          if (data->page == NULL)
            data->page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
          g_ptr_array_add (data->page, json_object_ref (summary));
          break;
        }
    }

  if (lists[data->list].kind == LIST_OFFERS)
    {
      /* The pager keeps the next page's token while this page's offers are described. */
      data->page_index = 0;
      data->offer_page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      describe_next_offer (task);
      return;
    }
  advance_list (task, FALSE);
}

/* Links an offer to the agreement that accepted it and to the agreement it renews. */
static void
link_offer (RdAwsImport *self,
            RunData     *data,
            JsonObject  *offer)
{
  const char *offer_id = rd_aws_json_string (offer, "offer_id");
  const char *target = rd_aws_json_string (offer, "target_agreement_id");
  JsonObject *resale = g_hash_table_lookup (data->resale,
                                            rd_aws_json_string (offer,
                                                                "resale_authorization_id")
                                            ? rd_aws_json_string (offer,
                                                                  "resale_authorization_id")
                                            : "");
  JsonObject *resale_summary = rd_aws_json_object (resale, "ResaleAuthorizationSummary");

  for (guint i = 0; i < data->records->len; i++)
    {
      JsonObject *agreement = g_ptr_array_index (data->records, i);

      if (g_strcmp0 (rd_aws_json_string (agreement, "offer_id"), offer_id) == 0)
        {
          json_object_set_string_member (offer, "accepted_agreement_id",
                                         rd_aws_json_string (agreement, "agreement_id"));
          json_object_set_string_member (offer, "stage", "accepted");
          break;
        }
    }
  if (target != NULL && rd_importer_lookup (data->importer, target) != NULL)
    json_object_set_string_member (offer, "renews", rd_importer_lookup (data->importer, target));
  if (resale_summary != NULL)
    {
      const char *isv = rd_aws_json_string (resale_summary, "ManufacturerAccountId");
      const char *partner = rd_aws_json_string (resale_summary, "ResellerAccountID");

      if (isv != NULL)
        json_object_set_string_member (offer, "isv_account_id", isv);
      if (partner != NULL)
        json_object_set_string_member (offer, "channel_partner_account_id", partner);
    }
}

static void
on_offer_described_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  RdAwsImport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) describe = NULL;
  g_autoptr (JsonObject) details = NULL;
  JsonObject *summary = g_ptr_array_index (data->page, data->page_index);
  GError *error = NULL;

  describe = rd_aws_catalog_client_describe_entity_finish (RD_AWS_CATALOG_CLIENT (source),
                                                           result, &error);
  if (describe == NULL && !is_entity_error (error))
    {
      rd_aws_import_return (task, error);
      return;
    }
  if (describe == NULL)
    {
      g_ptr_array_add (self->offer_result->failures,
                       g_strdup_printf ("%s: %s", rd_aws_json_string (summary, "EntityId"),
                                        error->message));
      self->offer_result->failed++;
      g_error_free (error);
    }
  else
    {
      details = rd_aws_entity_details (describe);
      if (rd_aws_offer_is_private (summary, details))
        {
          const char *product_id = rd_aws_json_string (details, "ProductId");
          JsonObject *offer;

          if (product_id == NULL)
            product_id = rd_aws_json_string (rd_aws_json_object (summary, "OfferSummary"),
                                             "ProductId");
          offer = rd_aws_offer_to_record (summary, details,
                                          product_id != NULL
                                          ? g_hash_table_lookup (data->products, product_id)
                                          : NULL);
          if (offer != NULL)
            {
              link_offer (self, data, offer);
              g_ptr_array_add (data->offer_page, offer);
              g_hash_table_replace (data->offers,
                                    g_strdup (rd_aws_json_string (offer, "offer_id")),
                                    json_object_ref (offer));
            }
        }
    }
  data->page_index++;
  describe_next_offer (task);
}

static void
describe_next_offer (GTask *task)
{
  RdAwsImport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GError *error = NULL;

  while (data->page != NULL && data->page_index < data->page->len
         && rd_aws_json_string (g_ptr_array_index (data->page, data->page_index),
                                "EntityId") == NULL)
    data->page_index++;
  if (data->page != NULL && data->page_index < data->page->len)
    {
      rd_aws_catalog_client_describe_entity_async (
        self->catalog,
        rd_aws_json_string (g_ptr_array_index (data->page, data->page_index), "EntityId"),
        g_task_get_cancellable (task), on_offer_described_cb, task);
      return;
    }

  /* The page is read: store its offers, so that a later failure keeps them. */
  if (data->offer_page->len > 0
      && !rd_importer_add_page (data->offer_importer, data->offer_page, self->offer_result,
                                &error))
    {
      rd_aws_import_return (task, error);
      return;
    }
  g_clear_pointer (&data->offer_page, g_ptr_array_unref);
  g_clear_pointer (&data->page, g_ptr_array_unref);
  advance_list (task, FALSE);
}

static void
need_product (RunData    *data,
              JsonObject *record)
{
  const char *id = rd_aws_json_string (record, "product_id");

  if (id != NULL && !g_hash_table_contains (data->products, id)
      && !g_ptr_array_find_with_equal_func (data->missing, id, g_str_equal, NULL))
    g_ptr_array_add (data->missing, g_strdup (id));
}

static void
on_product_described_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *task = user_data;
  RdAwsImport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) describe = NULL;
  GError *error = NULL;

  describe = rd_aws_catalog_client_describe_entity_finish (RD_AWS_CATALOG_CLIENT (source),
                                                           result, &error);
  if (describe == NULL)
    {
      /* A product the account may not describe (another seller's, in a CPPO) keeps what
       * the resale authorization says of it. */
      if (!is_entity_error (error)
          && !g_error_matches (error, RD_AWS_ERROR, RD_AWS_ERROR_ACCESS_DENIED))
        {
          rd_aws_import_return (task, error);
          return;
        }
      g_debug ("Product %s not described: %s",
               (const char *) g_ptr_array_index (data->missing, 0), error->message);
      g_error_free (error);
    }
  else
    {
      g_autoptr (JsonObject) product = rd_aws_product_from_entity (NULL, describe);

      if (product != NULL)
        add_product (self, data, product);
    }
  data->entities++;
  rd_aws_import_emit_progress (self, RD_AWS_IMPORT_PHASE_CATALOG, data->entities, 0);
  g_ptr_array_remove_index (data->missing, 0);
  describe_next_product (task);
}

/* Fills an agreement or offer body in from the Catalog: product, resale authorization. */
static void
complete_record (RunData    *data,
                 JsonObject *record)
{
  JsonObject *product = g_hash_table_lookup (data->products,
                                             rd_aws_json_string (record, "product_id") != NULL
                                             ? rd_aws_json_string (record, "product_id") : "");
  const char *resale_id = rd_aws_json_string (record, "resale_authorization_id");
  JsonObject *resale = resale_id != NULL ? g_hash_table_lookup (data->resale, resale_id) : NULL;
  JsonObject *summary = rd_aws_json_object (resale, "ResaleAuthorizationSummary");
  const char *value;

  rd_aws_record_add_product (record, product);
  if (summary == NULL || !g_str_equal (rd_aws_json_string (record, "type"), "agreement"))
    return;
  if (product == NULL && (value = rd_aws_json_string (summary, "ProductName")) != NULL)
    json_object_set_string_member (record, "product_title", value);
  if ((value = rd_aws_json_string (summary, "ManufacturerLegalName")) != NULL)
    json_object_set_string_member (record, "isv", value);
  if ((value = rd_aws_json_string (summary, "ResellerLegalName")) != NULL)
    json_object_set_string_member (record, "channel_partner", value);
}

static gboolean
store_changed (RdImporter  *importer,
               GPtrArray   *before,
               GPtrArray   *after,
               GError     **error)
{
  g_autoptr (RdImportResult) scratch = rd_import_result_new ();
  g_autoptr (GPtrArray) page = g_ptr_array_new ();

  for (guint i = 0; i < after->len; i++)
    {
      g_autoptr (JsonNode) a = json_node_init_object (json_node_alloc (),
                                                      g_ptr_array_index (before, i));
      g_autoptr (JsonNode) b = json_node_init_object (json_node_alloc (),
                                                      g_ptr_array_index (after, i));

      if (!json_node_equal (a, b))
        g_ptr_array_add (page, g_ptr_array_index (after, i));
      if (page->len == PAGE_SIZE || (i + 1 == after->len && page->len > 0))
        {
          /* Records refused on the way in were counted once, when first stored. */
          if (!rd_importer_add_page (importer, page, scratch, error))
            return FALSE;
          g_ptr_array_set_size (page, 0);
        }
    }
  return TRUE;
}

/* Everything is read: complete this run's agreements and offers, link the agreements an
 * accepted offer replaced, and store what changed. */
static void
complete_records (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) agreements = g_ptr_array_new_with_free_func (
    (GDestroyNotify) json_object_unref);
  g_autoptr (GPtrArray) offers_before = g_ptr_array_new ();
  g_autoptr (GPtrArray) offers_after = g_ptr_array_new_with_free_func (
    (GDestroyNotify) json_object_unref);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer value;
  GError *error = NULL;

  for (guint i = 0; i < data->records->len; i++)
    {
      JsonObject *copy = rd_json_object_deep_copy (g_ptr_array_index (data->records, i));
      const char *id = rd_aws_json_string (copy, "agreement_id");

      complete_record (data, copy);
      g_ptr_array_add (agreements, copy);
      if (id != NULL)
        g_hash_table_insert (by_id, (gpointer) id, copy);
    }

  /* An agreement that accepted an offer aimed at another agreement replaced (or renewed)
   * that one: the Catalog is where AWS says so. */
  for (guint i = 0; i < agreements->len; i++)
    {
      JsonObject *agreement = g_ptr_array_index (agreements, i);
      const char *id = rd_aws_json_string (agreement, "agreement_id");
      const char *offer_id = rd_aws_json_string (agreement, "offer_id");
      JsonObject *offer = offer_id != NULL ? g_hash_table_lookup (data->offers, offer_id) : NULL;
      const char *target = rd_aws_json_string (offer, "target_agreement_id");
      JsonObject *replaced;

      if (target == NULL || id == NULL || g_str_equal (target, id))
        continue;
      json_object_set_string_member (agreement, "preceding_agreement_id", target);
      replaced = g_hash_table_lookup (by_id, target);
      if (replaced != NULL)
        json_object_set_string_member (replaced, "replaced_by_agreement_id", id);
    }
  if (!store_changed (data->importer, data->records, agreements, &error))
    {
      rd_aws_import_return (task, error);
      return;
    }

  g_hash_table_iter_init (&iter, data->offers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      JsonObject *copy = rd_json_object_deep_copy (value);

      complete_record (data, copy);
      g_ptr_array_add (offers_before, value);
      g_ptr_array_add (offers_after, copy);
    }
  if (!store_changed (data->offer_importer, offers_before, offers_after, &error))
    {
      rd_aws_import_return (task, error);
      return;
    }
  rd_aws_import_return (task, NULL);
}

static void
describe_next_product (GTask *task)
{
  RdAwsImport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  if (data->missing->len == 0)
    {
      complete_records (task);
      return;
    }
  rd_aws_catalog_client_describe_entity_async (self->catalog,
                                               g_ptr_array_index (data->missing, 0),
                                               g_task_get_cancellable (task),
                                               on_product_described_cb, task);
}

static void
next_list (GTask *task)
{
  RdAwsImport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GHashTableIter iter;
  gpointer offer;

  if (data->list < G_N_ELEMENTS (lists))
    {
      rd_aws_catalog_client_list_entities_async (self->catalog, lists[data->list].entity_type,
                                                 lists[data->list].ownership, &data->pager,
                                                 g_task_get_cancellable (task), on_list_cb,
                                                 task);
      return;
    }

  /* Products that agreements or offers name but the lists did not hold. */
  data->missing = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < data->records->len; i++)
    need_product (data, g_ptr_array_index (data->records, i));
  g_hash_table_iter_init (&iter, data->offers);
  while (g_hash_table_iter_next (&iter, NULL, &offer))
    need_product (data, offer);
  describe_next_product (task);
}

void
rd_aws_import_catalog_start (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  data->list = 0;
  rd_aws_pager_clear (&data->pager);
  rd_aws_catalog_client_init_pager (&data->pager);
  next_list (task);
}
