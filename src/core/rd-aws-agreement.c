/* rd-aws-agreement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-agreement"

#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-aws-agreement.h"
#include "rd-aws-entity.h"
#include "rd-aws-json.h"


static JsonObject *
find_term (JsonArray  *terms,
           const char *kind)
{
  if (terms == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *node = json_array_get_element (terms, i);
      JsonObject *term;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      term = rd_aws_json_object (json_node_get_object (node), kind);
      if (term != NULL)
        return term;
    }
  return NULL;
}

static const char *
product_type_of (const char *resource_type,
                 JsonArray  *terms)
{
  gboolean contract = find_term (terms, "configurableUpfrontPricingTerm") != NULL
                      || find_term (terms, "fixedUpfrontPricingTerm") != NULL;
  gboolean usage = find_term (terms, "usageBasedPricingTerm") != NULL;

  return rd_aws_product_type (resource_type, contract, usage);
}

static void
add_payment_schedule (JsonObject *record,
                      JsonArray  *terms)
{
  JsonObject *term = find_term (terms, "paymentScheduleTerm");
  JsonArray *schedule = rd_aws_json_array (term, "schedule");
  JsonArray *installments;

  if (schedule == NULL)
    return;
  installments = json_array_new ();
  for (guint i = 0; i < json_array_get_length (schedule); i++)
    {
      JsonNode *node = json_array_get_element (schedule, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *date = NULL;
      g_autofree char *amount = NULL;
      JsonObject *installment;

      if (item == NULL)
        continue;
      date = rd_aws_timestamp_to_date (json_object_get_member (item, "chargeDate"));
      amount = rd_aws_json_dup_amount (rd_aws_json_string (item, "chargeAmount"));
      if (date == NULL || amount == NULL)
        continue;
      installment = json_object_new ();
      json_object_set_string_member (installment, "date", date);
      json_object_set_string_member (installment, "amount", amount);
      json_array_add_object_element (installments, installment);
    }
  json_object_set_array_member (record, "payment_schedule", installments);
}

static void
add_rate_card (GHashTable *prices,
               JsonArray  *rate_card)
{
  for (guint i = 0; rate_card != NULL && i < json_array_get_length (rate_card); i++)
    {
      JsonNode *node = json_array_get_element (rate_card, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = rd_aws_json_string (item, "dimensionKey");
      const char *price = rd_aws_json_string (item, "price");

      if (key != NULL && price != NULL)
        g_hash_table_replace (prices, g_strdup (key), g_strdup (price));
    }
}

/* Contract dimensions with the quantities bought and their prices, then usage dimensions. */
static void
add_pricing_dimensions (JsonObject *record,
                        JsonArray  *terms)
{
  g_autoptr (GHashTable) prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *upfront = find_term (terms, "configurableUpfrontPricingTerm");
  JsonObject *usage = find_term (terms, "usageBasedPricingTerm");
  JsonObject *configuration = rd_aws_json_object (upfront, "configuration");
  JsonArray *dimensions = rd_aws_json_array (configuration, "dimensions");
  JsonArray *rate_cards = rd_aws_json_array (upfront, "rateCards");
  const char *selector = rd_aws_json_string (configuration, "selectorValue");
  JsonArray *out = json_array_new ();

  for (guint i = 0; rate_cards != NULL && i < json_array_get_length (rate_cards); i++)
    {
      JsonNode *node = json_array_get_element (rate_cards, i);
      JsonObject *card = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *card_selector = rd_aws_json_object (card, "selector");

      if (selector == NULL || card_selector == NULL
          || g_strcmp0 (rd_aws_json_string (card_selector, "value"), selector) == 0)
        add_rate_card (prices, rd_aws_json_array (card, "rateCard"));
    }
  for (guint i = 0; dimensions != NULL && i < json_array_get_length (dimensions); i++)
    {
      JsonNode *node = json_array_get_element (dimensions, i);
      JsonObject *dimension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = rd_aws_json_string (dimension, "dimensionKey");
      JsonNode *quantity = dimension != NULL
                           ? json_object_get_member (dimension, "dimensionValue") : NULL;
      g_autofree char *price = NULL;
      JsonObject *entry;

      if (key == NULL)
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "dimension_key", key);
      json_object_set_string_member (entry, "pricing", "contract");
      if (quantity != NULL && JSON_NODE_HOLDS_VALUE (quantity))
        json_object_set_int_member (entry, "quantity", json_node_get_int (quantity));
      if ((price = rd_aws_json_dup_amount (g_hash_table_lookup (prices, key))) != NULL)
        json_object_set_string_member (entry, "price", price);
      json_array_add_object_element (out, entry);
    }

  rate_cards = rd_aws_json_array (usage, "rateCards");
  for (guint i = 0; rate_cards != NULL && i < json_array_get_length (rate_cards); i++)
    {
      JsonNode *node = json_array_get_element (rate_cards, i);
      JsonObject *card = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *rate_card = rd_aws_json_array (card, "rateCard");

      for (guint j = 0; rate_card != NULL && j < json_array_get_length (rate_card); j++)
        {
          JsonNode *item_node = json_array_get_element (rate_card, j);
          JsonObject *item = JSON_NODE_HOLDS_OBJECT (item_node)
                             ? json_node_get_object (item_node) : NULL;
          const char *key = rd_aws_json_string (item, "dimensionKey");
          g_autofree char *price = NULL;
          JsonObject *entry;

          if (key == NULL)
            continue;
          entry = json_object_new ();
          json_object_set_string_member (entry, "dimension_key", key);
          json_object_set_string_member (entry, "pricing", "usage");
          if ((price = rd_aws_json_dup_amount (rd_aws_json_string (item, "price"))) != NULL)
            json_object_set_string_member (entry, "price", price);
          json_array_add_object_element (out, entry);
        }
    }

  if (json_array_get_length (out) > 0)
    json_object_set_array_member (record, "pricing_dimensions", out);
  else
    json_array_unref (out);
}

JsonObject *
rd_aws_agreement_to_record (JsonObject *agreement,
                            JsonArray  *terms)
{
  JsonObject *record;
  JsonObject *proposal = rd_aws_json_object (agreement, "proposalSummary");
  JsonArray *resources = rd_aws_json_array (proposal, "resources");
  JsonObject *validity = find_term (terms, "validityTerm");
  JsonObject *renewal = find_term (terms, "renewalTerm");
  JsonObject *charges = rd_aws_json_object (agreement, "estimatedCharges");
  const char *buyer = rd_aws_json_string (rd_aws_json_object (agreement, "acceptor"), "accountId");
  const char *proposer = rd_aws_json_string (rd_aws_json_object (agreement, "proposer"),
                                             "accountId");
  const char *product_id = NULL;
  const char *product_type = NULL;
  const char *resale_authorization_id = NULL;
  JsonNode *start;
  JsonNode *end;
  JsonNode *planned_end;
  g_autofree char *value = NULL;
  int months;

  g_return_val_if_fail (agreement != NULL, NULL);

  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      JsonNode *node = json_array_get_element (resources, i);
      JsonObject *resource = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = rd_aws_json_string (resource, "id");
      const char *type = rd_aws_json_string (resource, "type");

      if (id == NULL)
        continue;
      /* The model names no field for it: a CPPO shows its resale authorization among the
       * proposal's resources. */
      if (g_strcmp0 (type, "ResaleAuthorization") == 0 || g_str_has_prefix (id, "resaleauthz-"))
        resale_authorization_id = id;
      else if (product_id == NULL)
        {
          product_id = id;
          product_type = product_type_of (type, terms);
        }
    }

  record = json_object_new ();
  json_object_set_string_member (record, "type", "agreement");
  json_object_set_string_member (record, "agreement_id",
                                 rd_aws_json_string (agreement, "agreementId"));
  if (rd_aws_json_string (proposal, "offerId") != NULL)
    json_object_set_string_member (record, "offer_id", rd_aws_json_string (proposal, "offerId"));
  if (product_id != NULL)
    json_object_set_string_member (record, "product_id", product_id);
  if (product_type != NULL)
    json_object_set_string_member (record, "product_type", product_type);
  /* The Agreement API gives no company name; the buyer's account stands in for it. */
  if (buyer != NULL)
    {
      json_object_set_string_member (record, "customer", buyer);
      json_object_set_string_member (record, "buyer_account_id", buyer);
    }
  json_object_set_string_member (record, "kind", resale_authorization_id != NULL ? "CPPO" : "PO");
  if (resale_authorization_id != NULL)
    {
      json_object_set_string_member (record, "resale_authorization_id",
                                     resale_authorization_id);
      /* In a CPPO the channel partner proposes. */
      if (proposer != NULL)
        json_object_set_string_member (record, "channel_partner_account_id", proposer);
    }
  else if (proposer != NULL)
    json_object_set_string_member (record, "isv_account_id", proposer);

  start = validity != NULL ? json_object_get_member (validity, "agreementStartDate") : NULL;
  if (start == NULL)
    start = json_object_get_member (agreement, "startTime");
  /* end_date is when the agreement actually ended or ends: AWS's endTime, which for a
   * REPLACED (or cancelled, terminated…) agreement is the moment it ended, earlier than the
   * validity term's planned end. That planned end is validity_end_date. */
  planned_end = validity != NULL ? json_object_get_member (validity, "agreementEndDate") : NULL;
  end = json_object_get_member (agreement, "endTime");
  if (end == NULL || JSON_NODE_HOLDS_NULL (end))
    end = planned_end;
  if (planned_end == NULL)
    planned_end = end;
  rd_aws_json_set_date (record, "start_date", start, TRUE);
  rd_aws_json_set_date (record, "end_date", end, TRUE);
  rd_aws_json_set_date (record, "validity_end_date", planned_end, TRUE);
  months = rd_aws_json_duration_months (rd_aws_json_string (validity, "agreementDuration"));
  if (months > 0)
    json_object_set_int_member (record, "duration_months", months);

  if (rd_aws_json_string (agreement, "status") != NULL)
    json_object_set_string_member (record, "status", rd_aws_json_string (agreement, "status"));
  if ((value = rd_aws_json_dup_amount (rd_aws_json_string (charges, "agreementValue"))) != NULL)
    json_object_set_string_member (record, "value", value);
  if (rd_aws_json_string (charges, "currencyCode") != NULL)
    json_object_set_string_member (record, "currency",
                                   rd_aws_json_string (charges, "currencyCode"));

  if (terms != NULL)
    {
      JsonObject *configuration = rd_aws_json_object (renewal, "configuration");
      JsonNode *flag = configuration != NULL
                       ? json_object_get_member (configuration, "enableAutoRenew") : NULL;

      json_object_set_boolean_member (record, "auto_renew",
                                      flag != NULL && JSON_NODE_HOLDS_VALUE (flag)
                                      && json_node_get_boolean (flag));
      add_payment_schedule (record, terms);
      add_pricing_dimensions (record, terms);
    }

  /* Neither the product title nor the preceding agreement is in the Agreement API: the
   * import takes them from the Catalog API (rd-aws-entity, rd-aws-import). */
  return record;
}
