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


char *
rd_aws_timestamp_to_date (JsonNode *timestamp)
{
  g_autoptr (GDateTime) time = NULL;

  if (timestamp == NULL || !JSON_NODE_HOLDS_VALUE (timestamp))
    return NULL;

  switch (json_node_get_value_type (timestamp))
    {
    case G_TYPE_INT64:
      time = g_date_time_new_from_unix_utc (json_node_get_int (timestamp));
      break;
    case G_TYPE_DOUBLE:
      {
        double seconds = json_node_get_double (timestamp);

        /* 23:59:59.999 stays on its day: whole seconds, rounded down. */
        if (isfinite (seconds))
          time = g_date_time_new_from_unix_utc ((gint64) floor (seconds));
      }
      break;
    case G_TYPE_STRING:
      {
        g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

        const char *text = json_node_get_string (timestamp);

        /* The Catalog API also writes plain days ("2026-03-31"). */
        if (strlen (text) == 10 && text[4] == '-' && text[7] == '-')
          {
            guint year = 0, month = 0, day = 0;

            for (guint i = 0; i < 10; i++)
              if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
                return NULL;
            year = (guint) g_ascii_strtoull (text, NULL, 10);
            month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
            day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
            if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
              return NULL;
            return g_strdup (text);
          }
        time = g_date_time_new_from_iso8601 (text, utc);
        if (time != NULL)
          {
            GDateTime *in_utc = g_date_time_to_utc (time);

            g_date_time_unref (time);
            time = in_utc;
          }
      }
      break;
    default:
      break;
    }

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : NULL;
}

static void
set_date_member (JsonObject *record,
                 const char *name,
                 JsonNode   *timestamp)
{
  g_autofree char *date = rd_aws_timestamp_to_date (timestamp);

  if (date != NULL)
    json_object_set_string_member (record, name, date);
  else
    json_object_set_null_member (record, name);
}

/* "P12M" → 12, "P3Y" → 36; 0 for anything else (days, mixed forms). */
static int
duration_months (const char *iso)
{
  char *end = NULL;
  gint64 n;

  if (iso == NULL || iso[0] != 'P')
    return 0;
  n = g_ascii_strtoll (iso + 1, &end, 10);
  if (end == iso + 1 || n <= 0 || n > 1200 || end[1] != '\0')
    return 0;
  if (end[0] == 'M')
    return (int) n;
  if (end[0] == 'Y')
    return (int) n * 12;
  return 0;
}

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
      JsonObject *installment;
      double amount;

      if (item == NULL)
        continue;
      date = rd_aws_timestamp_to_date (json_object_get_member (item, "chargeDate"));
      if (date == NULL
          || !rd_aws_json_parse_amount (rd_aws_json_string (item, "chargeAmount"), &amount))
        continue;
      installment = json_object_new ();
      json_object_set_string_member (installment, "date", date);
      json_object_set_double_member (installment, "amount", amount);
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
      JsonObject *entry;
      double price;

      if (key == NULL)
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "dimension_key", key);
      json_object_set_string_member (entry, "pricing", "contract");
      if (quantity != NULL && JSON_NODE_HOLDS_VALUE (quantity))
        json_object_set_int_member (entry, "quantity", json_node_get_int (quantity));
      if (rd_aws_json_parse_amount (g_hash_table_lookup (prices, key), &price))
        json_object_set_double_member (entry, "price", price);
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
          JsonObject *entry;
          double price;

          if (key == NULL)
            continue;
          entry = json_object_new ();
          json_object_set_string_member (entry, "dimension_key", key);
          json_object_set_string_member (entry, "pricing", "usage");
          if (rd_aws_json_parse_amount (rd_aws_json_string (item, "price"), &price))
            json_object_set_double_member (entry, "price", price);
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
  double value;

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
  set_date_member (record, "start_date", start);
  set_date_member (record, "end_date", end);
  set_date_member (record, "validity_end_date", planned_end);
  if (validity != NULL && duration_months (rd_aws_json_string (validity, "agreementDuration")) > 0)
    json_object_set_int_member (record, "duration_months",
                                duration_months (rd_aws_json_string (validity,
                                                                     "agreementDuration")));

  if (rd_aws_json_string (agreement, "status") != NULL)
    json_object_set_string_member (record, "status", rd_aws_json_string (agreement, "status"));
  if (rd_aws_json_parse_amount (rd_aws_json_string (charges, "agreementValue"), &value))
    json_object_set_double_member (record, "value", value);
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
