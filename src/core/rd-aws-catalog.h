/* rd-aws-catalog.h
 *
 * The AWS Marketplace Catalog API's read operations (REST-JSON over an RdAwsTransport, which
 * signs, retries and maps errors): ListEntities, one page at a time, and DescribeEntity.
 * rd-aws-entity turns what they return into records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-aws-pager.h"
#include "rd-aws-transport.h"

G_BEGIN_DECLS

#define RD_AWS_CATALOG                 "AWSMarketplace"
/* ListEntities' MaxResults is at most 50. */
#define RD_AWS_CATALOG_MAX_PAGE_SIZE   50

#define RD_TYPE_AWS_CATALOG_CLIENT (rd_aws_catalog_client_get_type ())
G_DECLARE_FINAL_TYPE (RdAwsCatalogClient, rd_aws_catalog_client, RD, AWS_CATALOG_CLIENT, GObject)

RdAwsCatalogClient *rd_aws_catalog_client_new            (RdAwsTransport      *transport);
RdAwsTransport     *rd_aws_catalog_client_get_transport  (RdAwsCatalogClient  *self);

/* A pager (rd-aws-pager.h) for ListEntities, at its first page. */
void         rd_aws_catalog_client_init_pager            (RdAwsPager          *pager);
/* The next page of @pager's ListEntities for @entity_type ("Offer", "SaaSProduct", …) of
 * @ownership ("SELF": the seller's own; "SHARED": shared with it, e.g. a channel partner's
 * resale authorizations). The result is the answer: EntitySummaryList and NextToken; the pager
 * then holds the token of the page after it. */
void         rd_aws_catalog_client_list_entities_async   (RdAwsCatalogClient  *self,
                                                          const char          *entity_type,
                                                          const char          *ownership,
                                                          RdAwsPager          *pager,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
JsonObject  *rd_aws_catalog_client_list_entities_finish  (RdAwsCatalogClient  *self,
                                                          RdAwsPager          *pager,
                                                          GAsyncResult        *result,
                                                          GError             **error);
/* DescribeEntity: EntityType, EntityIdentifier, Details (JSON text) and/or
 * DetailsDocument (an object); see rd_aws_entity_details(). */
void         rd_aws_catalog_client_describe_entity_async (RdAwsCatalogClient  *self,
                                                          const char          *entity_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
JsonObject  *rd_aws_catalog_client_describe_entity_finish (RdAwsCatalogClient *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);

G_END_DECLS
