/* rd-aws-entity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-entity"

#include "config.h"

#include <string.h>

#include "rd-aws-agreement.h"
#include "rd-aws-entity.h"
#include "rd-aws-json.h"

const char * const rd_aws_product_entity_types[] = {
  "SaaSProduct", "AmiProduct", "ContainerProduct", "ProfessionalServicesProduct", NULL,
};

JsonObject *
rd_aws_entity_details (JsonObject *describe)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonObject *document = rd_aws_json_object (describe, "DetailsDocument");
  const char *text;
  JsonNode *root;

  if (document != NULL)
    return json_object_ref (document);
  text = rd_aws_json_string (describe, "Details");
  if (text == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  return root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         ? json_object_ref (json_node_get_object (root)) : NULL;
}

char *
rd_aws_entity_type_name (const char *entity_type)
{
  const char *at;

  if (entity_type == NULL)
    return NULL;
  at = strchr (entity_type, '@');
  return at != NULL ? g_strndup (entity_type, (gsize) (at - entity_type))
                    : g_strdup (entity_type);
}

const char *
rd_aws_product_type (const char *entity_type,
                     gboolean    contract,
                     gboolean    usage)
{
  g_autofree char *name = rd_aws_entity_type_name (entity_type);

  if (name == NULL)
    return NULL;
  if (g_str_equal (name, "SaaSProduct"))
    {
      if (contract && usage)
        return "saas_contract_consumption";
      return contract ? "saas_contract" : "saas_subscription";
    }
  if (g_str_equal (name, "AmiProduct"))
    return contract ? "ami_annual" : "ami_hourly";
  if (g_str_equal (name, "ContainerProduct"))
    return "container";
  if (g_str_equal (name, "ProfessionalServicesProduct"))
    return "professional_services";
  return NULL;
}

/* The summary member that holds a product's title, per entity type. */
static const char *
summary_title (JsonObject *summary)
{
  static const char * const members[] = {
    "SaaSProductSummary", "AmiProductSummary", "ContainerProductSummary",
    "DataProductSummary", "MachineLearningProductSummary",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *title = rd_aws_json_string (rd_aws_json_object (summary, members[i]),
                                              "ProductTitle");

      if (title != NULL && *title != '\0')
        return title;
    }
  return NULL;
}

JsonObject *
rd_aws_product_from_entity (JsonObject *summary,
                            JsonObject *describe)
{
  g_autoptr (JsonObject) details = rd_aws_entity_details (describe);
  g_autofree char *id = NULL;
  g_autofree char *entity_type = NULL;
  JsonObject *product;
  const char *title;

  /* EntityIdentifier is "prod-…@1": the id, then the revision. */
  id = g_strdup (rd_aws_json_string (summary, "EntityId"));
  if (id == NULL)
    id = g_strdup (rd_aws_json_string (details, "Id"));
  if (id == NULL)
    id = rd_aws_entity_type_name (rd_aws_json_string (describe, "EntityIdentifier"));
  if (id == NULL || *id == '\0')
    return NULL;

  product = json_object_new ();
  json_object_set_string_member (product, "product_id", id);
  entity_type = rd_aws_entity_type_name (rd_aws_json_string (summary, "EntityType"));
  if (entity_type == NULL)
    entity_type = rd_aws_entity_type_name (rd_aws_json_string (describe, "EntityType"));
  if (entity_type != NULL)
    json_object_set_string_member (product, "entity_type", entity_type);

  /* DescribeEntity's Description.ProductTitle is the title as the listing shows it; the
   * summary's is the same, and the entity's Name the last resort. */
  title = rd_aws_json_string (rd_aws_json_object (details, "Description"), "ProductTitle");
  if (title == NULL || *title == '\0')
    title = summary_title (summary);
  if (title == NULL || *title == '\0')
    title = rd_aws_json_string (summary, "Name");
  if (title != NULL && *title != '\0')
    json_object_set_string_member (product, "product_title", title);
  return product;
}

static JsonObject *
find_by_type (JsonArray  *items,
              const char *type)
{
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *item = rd_aws_json_element (items, i);

      if (g_strcmp0 (rd_aws_json_string (item, "Type"), type) == 0)
        return item;
    }
  return NULL;
}

static JsonArray *
buyer_accounts (JsonObject *summary,
                JsonObject *details)
{
  JsonObject *rule = find_by_type (rd_aws_json_array (details, "Rules"), "TargetingRule");
  JsonArray *accounts = rd_aws_json_array (rd_aws_json_object (rule, "PositiveTargeting"),
                                           "BuyerAccounts");

  if (accounts == NULL)
    accounts = rd_aws_json_array (rd_aws_json_object (summary, "OfferSummary"),
                                  "BuyerAccounts");
  return accounts;
}

gboolean
rd_aws_offer_is_private (JsonObject *summary,
                         JsonObject *details)
{
  JsonArray *accounts = buyer_accounts (summary, details);
  JsonArray *targeting = rd_aws_json_array (rd_aws_json_object (summary, "OfferSummary"),
                                            "Targeting");

  if (accounts != NULL && json_array_get_length (accounts) > 0)
    return TRUE;
  for (guint i = 0; targeting != NULL && i < json_array_get_length (targeting); i++)
    {
      JsonNode *node = json_array_get_element (targeting, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (node), "BuyerAccounts"))
        return TRUE;
    }
  return FALSE;
}

static void
add_dimension (JsonArray  *out,
               const char *key,
               const char *pricing,
               const char *price_text,
               JsonNode   *quantity)
{
  g_autofree char *price = rd_aws_json_dup_amount (price_text);
  JsonObject *entry;

  if (key == NULL)
    return;
  entry = json_object_new ();
  json_object_set_string_member (entry, "dimension_key", key);
  json_object_set_string_member (entry, "pricing", pricing);
  if (quantity != NULL && JSON_NODE_HOLDS_VALUE (quantity)
      && json_node_get_value_type (quantity) == G_TYPE_INT64)
    json_object_set_int_member (entry, "quantity", json_node_get_int (quantity));
  if (price != NULL)
    json_object_set_string_member (entry, "price", price);
  json_array_add_object_element (out, entry);
}

static void
add_rate_cards (JsonArray  *out,
                JsonObject *term,
                const char *pricing)
{
  JsonArray *cards = rd_aws_json_array (term, "RateCards");

  for (guint i = 0; cards != NULL && i < json_array_get_length (cards); i++)
    {
      JsonArray *rate_card = rd_aws_json_array (rd_aws_json_element (cards, i), "RateCard");

      for (guint j = 0; rate_card != NULL && j < json_array_get_length (rate_card); j++)
        {
          JsonObject *item = rd_aws_json_element (rate_card, j);

          add_dimension (out, rd_aws_json_string (item, "DimensionKey"), pricing,
                         rd_aws_json_string (item, "Price"), NULL);
        }
    }
}

/* Offer terms (DescribeEntity Details "Terms", each with a "Type"): pricing, validity,
 * payment schedule and renewal. */
static void
add_terms (JsonObject *record,
           JsonArray  *terms)
{
  JsonObject *configurable = find_by_type (terms, "ConfigurableUpfrontPricingTerm");
  JsonObject *fixed = find_by_type (terms, "FixedUpfrontPricingTerm");
  JsonObject *usage = find_by_type (terms, "UsageBasedPricingTerm");
  JsonObject *validity = find_by_type (terms, "ValidityTerm");
  JsonObject *schedule_term = find_by_type (terms, "PaymentScheduleTerm");
  JsonArray *schedule = rd_aws_json_array (schedule_term, "Schedule");
  JsonArray *grants = rd_aws_json_array (fixed, "Grants");
  JsonArray *dimensions = json_array_new ();
  const char *currency = NULL;
  int months;

  add_rate_cards (dimensions, configurable, "contract");
  for (guint i = 0; grants != NULL && i < json_array_get_length (grants); i++)
    {
      JsonObject *grant = rd_aws_json_element (grants, i);

      add_dimension (dimensions, rd_aws_json_string (grant, "DimensionKey"), "contract", NULL,
                     grant != NULL ? json_object_get_member (grant, "MaxQuantity") : NULL);
    }
  add_rate_cards (dimensions, usage, "usage");
  if (json_array_get_length (dimensions) > 0)
    json_object_set_array_member (record, "pricing_dimensions", dimensions);
  else
    json_array_unref (dimensions);

  {
    JsonObject *priced[] = { configurable, fixed, usage, schedule_term };

    for (guint i = 0; currency == NULL && i < G_N_ELEMENTS (priced); i++)
      currency = rd_aws_json_string (priced[i], "CurrencyCode");
  }
  if (currency != NULL)
    json_object_set_string_member (record, "currency", currency);

  months = rd_aws_json_duration_months (rd_aws_json_string (validity, "AgreementDuration"));
  if (months > 0)
    json_object_set_int_member (record, "duration_months", months);
  if (validity != NULL)
    {
      rd_aws_json_set_date (record, "agreement_start_date",
                            json_object_get_member (validity, "AgreementStartDate"), FALSE);
      rd_aws_json_set_date (record, "agreement_end_date",
                            json_object_get_member (validity, "AgreementEndDate"), FALSE);
    }

  if (schedule != NULL)
    {
      JsonArray *installments = json_array_new ();

      for (guint i = 0; i < json_array_get_length (schedule); i++)
        {
          JsonObject *item = rd_aws_json_element (schedule, i);
          g_autofree char *date = NULL;
          g_autofree char *amount = NULL;
          JsonObject *installment;

          if (item == NULL)
            continue;
          date = rd_aws_timestamp_to_date (json_object_get_member (item, "ChargeDate"));
          amount = rd_aws_json_dup_amount (rd_aws_json_string (item, "ChargeAmount"));
          if (date == NULL || amount == NULL)
            continue;
          installment = json_object_new ();
          json_object_set_string_member (installment, "date", date);
          json_object_set_string_member (installment, "amount", amount);
          json_array_add_object_element (installments, installment);
        }
      json_object_set_array_member (record, "payment_schedule", installments);
    }

  json_object_set_boolean_member (record, "auto_renew",
                                  find_by_type (terms, "RenewalTerm") != NULL);
}

static gboolean
has_pricing (JsonObject *record,
             const char *pricing)
{
  JsonArray *dimensions = rd_aws_json_array (record, "pricing_dimensions");

  for (guint i = 0; dimensions != NULL && i < json_array_get_length (dimensions); i++)
    if (g_strcmp0 (rd_aws_json_string (rd_aws_json_element (dimensions, i), "pricing"),
                   pricing) == 0)
      return TRUE;
  return FALSE;
}

void
rd_aws_record_add_product (JsonObject *record,
                           JsonObject *product)
{
  const char *title = rd_aws_json_string (product, "product_title");
  const char *type;

  g_return_if_fail (record != NULL);

  if (product == NULL)
    return;
  if (title != NULL)
    json_object_set_string_member (record, "product_title", title);
  if (rd_aws_json_string (record, "product_type") != NULL)
    return;
  type = rd_aws_product_type (rd_aws_json_string (product, "entity_type"),
                              has_pricing (record, "contract"), has_pricing (record, "usage"));
  if (type != NULL)
    json_object_set_string_member (record, "product_type", type);
}

JsonObject *
rd_aws_offer_to_record (JsonObject *summary,
                        JsonObject *details,
                        JsonObject *product)
{
  JsonObject *offer_summary = rd_aws_json_object (summary, "OfferSummary");
  JsonObject *availability = find_by_type (rd_aws_json_array (details, "Rules"),
                                           "AvailabilityRule");
  JsonArray *accounts = buyer_accounts (summary, details);
  JsonNode *end = NULL;
  JsonObject *record;
  const char *id;
  const char *name;
  const char *product_id;
  const char *resale;
  const char *state;
  const char *target;
  JsonArray *ids;

  id = rd_aws_json_string (summary, "EntityId");
  if (id == NULL)
    id = rd_aws_json_string (details, "Id");
  if (id == NULL)
    return NULL;

  record = json_object_new ();
  json_object_set_string_member (record, "type", "offer");
  json_object_set_string_member (record, "offer_id", id);

  name = rd_aws_json_string (details, "Name");
  if (name == NULL)
    name = rd_aws_json_string (offer_summary, "Name");
  if (name == NULL)
    name = rd_aws_json_string (summary, "Name");
  if (name != NULL)
    json_object_set_string_member (record, "offer_name", name);

  product_id = rd_aws_json_string (details, "ProductId");
  if (product_id == NULL)
    product_id = rd_aws_json_string (offer_summary, "ProductId");
  if (product_id != NULL)
    json_object_set_string_member (record, "product_id", product_id);

  resale = rd_aws_json_string (details, "ResaleAuthorizationId");
  if (resale == NULL)
    resale = rd_aws_json_string (offer_summary, "ResaleAuthorizationId");
  json_object_set_string_member (record, "kind", resale != NULL ? "CPPO" : "PO");
  if (resale != NULL)
    json_object_set_string_member (record, "resale_authorization_id", resale);

  ids = json_array_new ();
  for (guint i = 0; accounts != NULL && i < json_array_get_length (accounts); i++)
    {
      JsonNode *node = json_array_get_element (accounts, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        json_array_add_string_element (ids, json_node_get_string (node));
    }
  /* AWS knows the buyer by account only, as on agreements. */
  if (json_array_get_length (ids) > 0)
    json_object_set_string_member (record, "customer", json_array_get_string_element (ids, 0));
  json_object_set_array_member (record, "buyer_account_ids", ids);

  /* The offer's expiration is its availability end (AvailabilityRule, or the summary's). */
  if (availability != NULL)
    end = json_object_get_member (availability, "AvailabilityEndDate");
  if (end == NULL && offer_summary != NULL)
    end = json_object_get_member (offer_summary, "AvailabilityEndDate");
  rd_aws_json_set_date (record, "offer_expiration_date", end, FALSE);

  add_terms (record, rd_aws_json_array (details, "Terms"));

  /* An offer aimed at an existing agreement replaces or renews it. */
  target = rd_aws_json_string (offer_summary, "TargetAgreementId");
  if (target != NULL)
    json_object_set_string_member (record, "target_agreement_id", target);
  json_object_set_boolean_member (record, "is_renewal", target != NULL);
  if (target != NULL)
    json_object_set_string_member (record, "renewal_mechanism", "replacement");
  else if (json_object_has_member (record, "agreement_start_date"))
    json_object_set_string_member (record, "renewal_mechanism", "fda");
  else
    json_object_set_string_member (record, "renewal_mechanism", "new_offer");

  state = rd_aws_json_string (details, "State");
  if (state == NULL)
    state = rd_aws_json_string (offer_summary, "State");
  if (state != NULL)
    {
      json_object_set_string_member (record, "aws_state", state);
      json_object_set_string_member (record, "stage",
                                     g_ascii_strcasecmp (state, "Released") == 0
                                     ? "published" : "drafted");
    }

  rd_aws_record_add_product (record, product);
  return record;
}
