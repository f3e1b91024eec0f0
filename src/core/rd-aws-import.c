/* rd-aws-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-aws-agreement.h"
#include "rd-aws-catalog.h"
#include "rd-aws-client.h"
#include "rd-aws-entity.h"
#include "rd-aws-import-private.h"
#include "rd-aws-json.h"

/* Fields of an agreement that the Catalog API fills in, not the Agreement API. A run that
 * does not read the Catalog (or reads it later) keeps what the last one found. */
static const char * const catalog_fields[] = {
  "product_title", "product_type", "preceding_agreement_id", "replaced_by_agreement_id",
  "isv", "channel_partner", NULL,
};

G_DEFINE_FINAL_TYPE (RdAwsImport, rd_aws_import, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

void
rd_aws_import_emit_progress (RdAwsImport      *self,
                             RdAwsImportPhase  phase,
                             guint             done,
                             guint             total)
{
  g_signal_emit (self, signals [PROGRESS], 0, phase, done, total);
}

static void
rd_aws_import_finalize (GObject *object)
{
  RdAwsImport *self = (RdAwsImport *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->agreement_transport);
  g_clear_object (&self->catalog_transport);
  g_clear_object (&self->agreements);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->agreement_result, rd_import_result_free);
  g_clear_pointer (&self->offer_result, rd_import_result_free);

  G_OBJECT_CLASS (rd_aws_import_parent_class)->finalize (object);
}

static void
rd_aws_import_class_init (RdAwsImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_aws_import_finalize;

  /**
   * RdAwsImport::progress:
   * @phase: an RdAwsImportPhase
   * @done: agreements found (while searching) or read; Catalog entities read
   * @total: agreements to read, 0 while unknown
   */
  signals [PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
rd_aws_import_init (RdAwsImport *self)
{
  self->with_catalog = TRUE;
  self->agreement_result = rd_import_result_new ();
  self->offer_result = rd_import_result_new ();
}

static void
on_page_loaded_cb (RdAwsClient *client,
                   guint        pages,
                   guint        agreements,
                   RdAwsImport *self)
{
  g_signal_emit (self, signals [PROGRESS], 0, RD_AWS_IMPORT_PHASE_AGREEMENTS, agreements, 0u);
}

static void
on_agreement_loaded_cb (RdAwsClient *client,
                        guint        done,
                        guint        total,
                        RdAwsImport *self)
{
  g_signal_emit (self, signals [PROGRESS], 0, RD_AWS_IMPORT_PHASE_AGREEMENTS, done, total);
}

RdAwsImport *
rd_aws_import_new (RdStore                *store,
                   const RdAwsCredentials *credentials,
                   const char             *region,
                   const char             *agreement_endpoint,
                   const char             *catalog_endpoint)
{
  RdAwsImport *self;
  g_autofree char *agreement_url = NULL;
  g_autofree char *catalog_url = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (credentials != NULL, NULL);

  if (region == NULL || *region == '\0')
    region = RD_AWS_DEFAULT_REGION;
  agreement_url = rd_aws_transport_resolve_endpoint (&rd_aws_service_agreement,
                                                     agreement_endpoint, credentials);
  catalog_url = rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, catalog_endpoint,
                                                   credentials);

  self = g_object_new (RD_TYPE_AWS_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->agreement_transport = rd_aws_transport_new (&rd_aws_service_agreement, credentials,
                                                    region, agreement_url);
  self->catalog_transport = rd_aws_transport_new (&rd_aws_service_catalog, credentials, region,
                                                  catalog_url);
  self->agreements = rd_aws_client_new_for_transport (self->agreement_transport);
  self->catalog = rd_aws_catalog_client_new (self->catalog_transport);
  g_signal_connect_object (self->agreements, "page-loaded", G_CALLBACK (on_page_loaded_cb),
                           self, 0);
  g_signal_connect_object (self->agreements, "agreement-loaded",
                           G_CALLBACK (on_agreement_loaded_cb), self, 0);
  return self;
}

void
rd_aws_import_set_catalog (RdAwsImport *self,
                           gboolean     catalog)
{
  g_return_if_fail (RD_IS_AWS_IMPORT (self));

  self->with_catalog = catalog;
}

void
rd_aws_import_set_retry_policy (RdAwsImport *self,
                                guint        max_attempts,
                                guint        base_delay_ms)
{
  g_return_if_fail (RD_IS_AWS_IMPORT (self));

  rd_aws_transport_set_retry_policy (self->agreement_transport, max_attempts, base_delay_ms);
  rd_aws_transport_set_retry_policy (self->catalog_transport, max_attempts, base_delay_ms);
}

const char *
rd_aws_import_get_agreement_endpoint (RdAwsImport *self)
{
  g_return_val_if_fail (RD_IS_AWS_IMPORT (self), NULL);

  return rd_aws_transport_get_endpoint (self->agreement_transport);
}

const char *
rd_aws_import_get_catalog_endpoint (RdAwsImport *self)
{
  g_return_val_if_fail (RD_IS_AWS_IMPORT (self), NULL);

  return rd_aws_transport_get_endpoint (self->catalog_transport);
}

RdImportResult *
rd_aws_import_get_agreements (RdAwsImport *self)
{
  g_return_val_if_fail (RD_IS_AWS_IMPORT (self), NULL);

  return self->agreement_result;
}

RdImportResult *
rd_aws_import_get_offers (RdAwsImport *self)
{
  g_return_val_if_fail (RD_IS_AWS_IMPORT (self), NULL);

  return self->offer_result;
}

guint
rd_aws_import_get_n_products (RdAwsImport *self)
{
  g_return_val_if_fail (RD_IS_AWS_IMPORT (self), 0);

  return self->n_products;
}

GStrv
rd_aws_import_dup_summary (RdAwsImport *self)
{
  GPtrArray *lines = g_ptr_array_new ();
  g_autofree char *agreements = NULL;
  g_autofree char *offers = NULL;

  g_return_val_if_fail (RD_IS_AWS_IMPORT (self), NULL);

  agreements = rd_import_result_dup_summary (self->agreement_result);
  /* Translators: %s is e.g. "3 new, 1 updated, 10 unchanged, 0 failed" */
  g_ptr_array_add (lines, g_strdup_printf (_("Agreements: %s"), agreements));
  if (self->with_catalog)
    {
      offers = rd_import_result_dup_summary (self->offer_result);
      /* Translators: %s is e.g. "3 new, 1 updated, 10 unchanged, 0 failed" */
      g_ptr_array_add (lines, g_strdup_printf (_("Offers: %s"), offers));
      g_ptr_array_add (lines,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Products: %u read from the Catalog",
                                                     "Products: %u read from the Catalog",
                                                     self->n_products),
                                        self->n_products));
    }
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}

static void
run_data_free (RunData *data)
{
  g_clear_pointer (&data->importer, rd_importer_free);
  g_clear_pointer (&data->offer_importer, rd_importer_free);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->products, g_hash_table_unref);
  g_clear_pointer (&data->resale, g_hash_table_unref);
  g_clear_pointer (&data->offers, g_hash_table_unref);
  rd_aws_pager_clear (&data->pager);
  g_clear_pointer (&data->page, g_ptr_array_unref);
  g_clear_pointer (&data->offer_page, g_ptr_array_unref);
  g_clear_pointer (&data->missing, g_ptr_array_unref);
  g_free (data);
}

void
rd_aws_import_return (GTask  *task,
                      GError *error)
{
  RdAwsImport *self = g_task_get_source_object (task);

  self->running = FALSE;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* What the last import learnt from the Catalog about this agreement: its import_base. One
 * read by primary key per agreement, so a large database costs nothing up front. */
static void
carry_over (RdAwsImport *self,
            RunData     *data,
            JsonObject  *record)
{
  const char *id = rd_importer_lookup (data->importer,
                                       rd_aws_json_string (record, "agreement_id"));
  g_autoptr (RdRecord) stored = NULL;
  JsonObject *base;

  if (id == NULL)
    return;
  stored = rd_store_get_including_deleted (self->store, id, NULL);
  base = stored != NULL ? rd_aws_json_object (rd_record_get_body (stored), "import_base")
                        : NULL;
  for (guint i = 0; base != NULL && catalog_fields[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (base, catalog_fields[i]);

      if (!json_object_has_member (record, catalog_fields[i])
          && node != NULL && !JSON_NODE_HOLDS_NULL (node))
        json_object_set_member (record, catalog_fields[i], json_node_copy (node));
    }
}

/* The client's sink: each page of agreements, completed with what the last import learnt
 * from the Catalog, stored in one transaction. */
static gboolean
store_agreements (GPtrArray  *records,
                  gpointer    user_data,
                  GError    **error)
{
  GTask *task = user_data;
  RdAwsImport *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);

  for (guint i = 0; i < records->len; i++)
    {
      carry_over (self, data, g_ptr_array_index (records, i));
      g_ptr_array_add (data->records, json_object_ref (g_ptr_array_index (records, i)));
    }
  return rd_importer_add_page (data->importer, records, self->agreement_result, error);
}

static void
on_agreements_read_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  RdAwsImport *self = g_task_get_source_object (task);
  g_autoptr (GPtrArray) records = NULL;
  GError *error = NULL;

  records = rd_aws_client_read_agreements_finish (RD_AWS_CLIENT (source), result, &error);
  if (records == NULL)
    {
      rd_aws_import_return (task, error);
      return;
    }
  if (!self->with_catalog)
    {
      rd_aws_import_return (task, NULL);
      return;
    }
  g_signal_emit (self, signals [PROGRESS], 0, RD_AWS_IMPORT_PHASE_CATALOG, 0u, 0u);
  rd_aws_import_catalog_start (task);
}

void
rd_aws_import_run_async (RdAwsImport         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;
  RunData *data;
  GError *error = NULL;

  g_return_if_fail (RD_IS_AWS_IMPORT (self));
  g_return_if_fail (!self->running);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_import_run_async);
  data = g_new0 (RunData, 1);
  data->records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  data->products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) json_object_unref);
  data->resale = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
  data->offers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  self->running = TRUE;

  if (!rd_aws_transport_check_endpoint (self->agreement_transport, &error)
      || (self->with_catalog && !rd_aws_transport_check_endpoint (self->catalog_transport,
                                                                   &error))
      || (data->importer = rd_importer_new (self->store, &error)) == NULL
      || (data->offer_importer = rd_importer_new_for_offers (self->store, &error)) == NULL)
    {
      rd_aws_import_return (task, error);
      return;
    }

  g_signal_emit (self, signals [PROGRESS], 0, RD_AWS_IMPORT_PHASE_AGREEMENTS, 0u, 0u);
  rd_aws_client_read_agreements_async (self->agreements, NULL, store_agreements, task,
                                       cancellable, on_agreements_read_cb, task);
}

gboolean
rd_aws_import_run_finish (RdAwsImport   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (RD_IS_AWS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
