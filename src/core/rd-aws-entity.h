/* rd-aws-entity.h
 *
 * Pure mapping, no I/O: what the AWS Marketplace Catalog API says about products, offers and
 * resale authorizations (ListEntities summaries, DescribeEntity details) as record fields.
 * Offers become "offer" records (DESIGN §2); products give agreements and offers their
 * product_title and product_type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The product entity types the import reads, as ListEntities names them. */
extern const char * const rd_aws_product_entity_types[];

/* A DescribeEntity answer's details: DetailsDocument when it is an object, else Details (a
 * JSON string) parsed; NULL when neither holds an object. */
JsonObject  *rd_aws_entity_details          (JsonObject *describe);

/* "SaaSProduct@1.0" → "SaaSProduct". */
char        *rd_aws_entity_type_name        (const char *entity_type);

/* DESIGN §2's product_type for a product entity type and what its pricing has: upfront
 * (contract) and/or usage dimensions. NULL for an entity type that is no product. */
const char  *rd_aws_product_type            (const char *entity_type,
                                             gboolean    contract,
                                             gboolean    usage);

/* A product as {"product_id", "product_title", "entity_type"} from its ListEntities summary
 * and/or its DescribeEntity answer (either may be NULL). NULL without an id. */
JsonObject  *rd_aws_product_from_entity     (JsonObject *summary,
                                             JsonObject *describe);

/* TRUE for an offer that targets buyer accounts: a private offer. */
gboolean     rd_aws_offer_is_private        (JsonObject *summary,
                                             JsonObject *details);

/* An Offer's ListEntities summary and DescribeEntity details (may be NULL) as an "offer"
 * record body; @product (from rd_aws_product_from_entity(), may be NULL) gives the title
 * and the type. */
JsonObject  *rd_aws_offer_to_record         (JsonObject *summary,
                                             JsonObject *details,
                                             JsonObject *product);

/* Sets product_title and, where the record has none, product_type on an agreement or offer
 * body from @product; the pricing already on the record tells contract from usage. */
void         rd_aws_record_add_product      (JsonObject *record,
                                             JsonObject *product);

G_END_DECLS
