/* rd-aws-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-catalog"

#include "config.h"

#include "rd-aws-catalog.h"

struct _RdAwsCatalogClient
{
  GObject         parent_instance;

  RdAwsTransport *transport;
};

G_DEFINE_FINAL_TYPE (RdAwsCatalogClient, rd_aws_catalog_client, G_TYPE_OBJECT)

static void
rd_aws_catalog_client_finalize (GObject *object)
{
  RdAwsCatalogClient *self = (RdAwsCatalogClient *) object;

  g_clear_object (&self->transport);

  G_OBJECT_CLASS (rd_aws_catalog_client_parent_class)->finalize (object);
}

static void
rd_aws_catalog_client_class_init (RdAwsCatalogClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_aws_catalog_client_finalize;
}

static void
rd_aws_catalog_client_init (RdAwsCatalogClient *self)
{
}

RdAwsCatalogClient *
rd_aws_catalog_client_new (RdAwsTransport *transport)
{
  RdAwsCatalogClient *self;

  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (rd_aws_transport_get_service (transport) == &rd_aws_service_catalog,
                        NULL);

  self = g_object_new (RD_TYPE_AWS_CATALOG_CLIENT, NULL);
  self->transport = g_object_ref (transport);
  return self;
}

RdAwsTransport *
rd_aws_catalog_client_get_transport (RdAwsCatalogClient *self)
{
  g_return_val_if_fail (RD_IS_AWS_CATALOG_CLIENT (self), NULL);

  return self->transport;
}

void
rd_aws_catalog_client_list_entities_async (RdAwsCatalogClient  *self,
                                           const char          *entity_type,
                                           const char          *ownership,
                                           RdAwsPager          *pager,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr (JsonObject) input = json_object_new ();

  g_return_if_fail (RD_IS_AWS_CATALOG_CLIENT (self));
  g_return_if_fail (entity_type != NULL);
  g_return_if_fail (pager != NULL);

  /* ListEntitiesRequest: Catalog and EntityType are required. */
  json_object_set_string_member (input, "Catalog", RD_AWS_CATALOG);
  json_object_set_string_member (input, "EntityType", entity_type);
  json_object_set_string_member (input, "OwnershipType",
                                 ownership != NULL ? ownership : "SELF");
  json_object_set_int_member (input, "MaxResults", RD_AWS_CATALOG_MAX_PAGE_SIZE);
  rd_aws_pager_read_async (pager, self->transport, input, cancellable, callback, user_data);
}

JsonObject *
rd_aws_catalog_client_list_entities_finish (RdAwsCatalogClient  *self,
                                            RdAwsPager          *pager,
                                            GAsyncResult        *result,
                                            GError             **error)
{
  g_return_val_if_fail (RD_IS_AWS_CATALOG_CLIENT (self), NULL);

  return rd_aws_pager_read_finish (pager, result, error);
}

void
rd_aws_catalog_client_init_pager (RdAwsPager *pager)
{
  rd_aws_pager_init (pager, "ListEntities", "/ListEntities", "NextToken");
}

void
rd_aws_catalog_client_describe_entity_async (RdAwsCatalogClient  *self,
                                             const char          *entity_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  /* DescribeEntityRequest: both members are in the query string. */
  const char * const query[] = { "catalog", RD_AWS_CATALOG, "entityId", entity_id, NULL };
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CATALOG_CLIENT (self));
  g_return_if_fail (entity_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_catalog_client_describe_entity_async);
  rd_aws_transport_request_async (self->transport, "DescribeEntity", "GET", "/DescribeEntity",
                                  query, NULL, cancellable, rd_aws_transport_return_cb, task);
}

JsonObject *
rd_aws_catalog_client_describe_entity_finish (RdAwsCatalogClient  *self,
                                              GAsyncResult        *result,
                                              GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
