/* test-aws-mapping.c
 *
 * The pure mapping of AWS answers to records, no I/O: an agreement in every status AWS
 * defines (end_date when it actually ended, validity_end_date as planned), every product type
 * from the Agreement API's resources and from the Catalog's entity types, and Catalog offers
 * whose details come as Details (a JSON string) or DetailsDocument (an object).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-aws-agreement.h"
#include "rd-aws-entity.h"

static JsonObject *
parse (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonArray *
parse_array (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static const char *
str (JsonObject *record,
     const char *name)
{
  return json_object_get_string_member_with_default (record, name, NULL);
}

/* A twelve-month agreement planned for 2025; ended ones ended on 2025-06-15. */
static void
test_statuses (void)
{
  static const struct
  {
    const char *status;
    gboolean    ended_early;
  } cases[] = {
    { "ACTIVE", FALSE },
    { "EXPIRED", FALSE },
    { "RENEWED", FALSE },
    { "ARCHIVED", TRUE },
    { "CANCELLED", TRUE },
    { "REPLACED", TRUE },
    { "ROLLED_BACK", TRUE },
    { "SUPERSEDED", TRUE },
    { "TERMINATED", TRUE },
  };
  g_autoptr (JsonArray) terms =
    parse_array ("[{\"validityTerm\":{\"type\":\"ValidityTerm\",\"agreementDuration\":\"P12M\","
                 "\"agreementStartDate\":1735689600,\"agreementEndDate\":1767225599.999}}]");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* endTime 2025-06-15T10:00:00Z for an agreement that ended early, else the planned
       * end, 2025-12-31T23:59:59.999Z. */
      g_autofree char *text = g_strdup_printf (
        "{\"agreementId\":\"agmt-%u\",\"status\":\"%s\",\"startTime\":1735689600,"
        "\"endTime\":%s,\"acceptor\":{\"accountId\":\"111122223333\"},"
        "\"proposalSummary\":{\"offerId\":\"offer-1\",\"resources\":"
        "[{\"id\":\"prod-1\",\"type\":\"SaaSProduct\"}]}}",
        i, cases[i].status, cases[i].ended_early ? "1749981600" : "1767225599.999");
      g_autoptr (JsonObject) agreement = parse (text);
      g_autoptr (JsonObject) record = rd_aws_agreement_to_record (agreement, terms);

      g_test_message ("%s", cases[i].status);
      g_assert_cmpstr (str (record, "status"), ==, cases[i].status);
      g_assert_cmpstr (str (record, "start_date"), ==, "2025-01-01");
      g_assert_cmpstr (str (record, "end_date"), ==,
                       cases[i].ended_early ? "2025-06-15" : "2025-12-31");
      g_assert_cmpstr (str (record, "validity_end_date"), ==, "2025-12-31");
    }
}

/* Pay-as-you-go agreements have no end at all; without terms, endTime is both. */
static void
test_open_ended (void)
{
  g_autoptr (JsonObject) payg = parse ("{\"agreementId\":\"agmt-p\",\"status\":\"ACTIVE\","
                                       "\"startTime\":1735689600}");
  g_autoptr (JsonObject) record = rd_aws_agreement_to_record (payg, NULL);
  g_autoptr (JsonObject) summary = parse ("{\"agreementId\":\"agmt-s\",\"status\":\"EXPIRED\","
                                          "\"endTime\":1767225599.999}");
  g_autoptr (JsonObject) from_summary = rd_aws_agreement_to_record (summary, NULL);

  g_assert_true (json_object_get_null_member (record, "end_date"));
  g_assert_true (json_object_get_null_member (record, "validity_end_date"));
  g_assert_cmpstr (str (from_summary, "end_date"), ==, "2025-12-31");
  g_assert_cmpstr (str (from_summary, "validity_end_date"), ==, "2025-12-31");
  g_assert_cmpstr (str (from_summary, "status"), ==, "EXPIRED");
}

static void
test_agreement_product_types (void)
{
  static const struct
  {
    const char *resource_type;
    const char *terms;
    const char *expected;
  } cases[] = {
    { "SaaSProduct", "[{\"configurableUpfrontPricingTerm\":{}}]", "saas_contract" },
    { "SaaSProduct", "[{\"configurableUpfrontPricingTerm\":{}},{\"usageBasedPricingTerm\":{}}]",
      "saas_contract_consumption" },
    { "SaaSProduct", "[{\"usageBasedPricingTerm\":{}}]", "saas_subscription" },
    { "AmiProduct", "[{\"fixedUpfrontPricingTerm\":{}}]", "ami_annual" },
    { "AmiProduct", "[{\"usageBasedPricingTerm\":{}}]", "ami_hourly" },
    { "ContainerProduct", "[]", "container" },
    { "ProfessionalServicesProduct", "[{\"fixedUpfrontPricingTerm\":{}}]",
      "professional_services" },
    { "DataProduct", "[]", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"agreementId\":\"agmt-t\",\"proposalSummary\":{\"resources\":"
        "[{\"id\":\"prod-t\",\"type\":\"%s\"}]}}", cases[i].resource_type);
      g_autoptr (JsonObject) agreement = parse (text);
      g_autoptr (JsonArray) terms = parse_array (cases[i].terms);
      g_autoptr (JsonObject) record = rd_aws_agreement_to_record (agreement, terms);

      g_assert_cmpstr (str (record, "product_id"), ==, "prod-t");
      g_assert_cmpstr (str (record, "product_type"), ==, cases[i].expected);
    }
}

static void
test_catalog_product_types (void)
{
  static const struct
  {
    const char *entity_type;
    gboolean    contract;
    gboolean    usage;
    const char *expected;
  } cases[] = {
    { "SaaSProduct@1.0", TRUE, FALSE, "saas_contract" },
    { "SaaSProduct", TRUE, TRUE, "saas_contract_consumption" },
    { "SaaSProduct", FALSE, TRUE, "saas_subscription" },
    { "AmiProduct@1.0", TRUE, FALSE, "ami_annual" },
    { "AmiProduct", FALSE, TRUE, "ami_hourly" },
    { "ContainerProduct@1.0", FALSE, FALSE, "container" },
    { "ProfessionalServicesProduct@1.0", TRUE, FALSE, "professional_services" },
    { "Offer@1.0", TRUE, FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (rd_aws_product_type (cases[i].entity_type, cases[i].contract,
                                          cases[i].usage), ==, cases[i].expected);
}

/* Titles from a ListEntities summary, a DescribeEntity's Description, or the Name. */
static void
test_products (void)
{
  g_autoptr (JsonObject) saas = parse (
    "{\"EntityId\":\"prod-s\",\"EntityType\":\"SaaSProduct\",\"Name\":\"internal name\","
    "\"SaaSProductSummary\":{\"ProductTitle\":\"Desk Suite\",\"Visibility\":\"Public\"}}");
  g_autoptr (JsonObject) services = parse (
    "{\"EntityId\":\"prod-ps\",\"EntityType\":\"ProfessionalServicesProduct\","
    "\"Name\":\"Onboarding\"}");
  g_autoptr (JsonObject) described = parse (
    "{\"EntityType\":\"AmiProduct@1.0\",\"EntityIdentifier\":\"prod-a@3\","
    "\"DetailsDocument\":{\"Description\":{\"ProductTitle\":\"Desk Appliance\"}}}");
  g_autoptr (JsonObject) described_text = parse (
    "{\"EntityType\":\"ContainerProduct@1.0\",\"EntityIdentifier\":\"prod-c@1\","
    "\"Details\":\"{\\\"Description\\\":{\\\"ProductTitle\\\":\\\"Desk Pods\\\"}}\"}");
  g_autoptr (JsonObject) p1 = rd_aws_product_from_entity (saas, NULL);
  g_autoptr (JsonObject) p2 = rd_aws_product_from_entity (services, NULL);
  g_autoptr (JsonObject) p3 = rd_aws_product_from_entity (NULL, described);
  g_autoptr (JsonObject) p4 = rd_aws_product_from_entity (NULL, described_text);
  g_autoptr (JsonObject) record = parse ("{\"type\":\"agreement\",\"pricing_dimensions\":"
                                         "[{\"dimension_key\":\"u\",\"pricing\":\"usage\"}]}");

  g_assert_cmpstr (str (p1, "product_id"), ==, "prod-s");
  g_assert_cmpstr (str (p1, "product_title"), ==, "Desk Suite");
  g_assert_cmpstr (str (p1, "entity_type"), ==, "SaaSProduct");
  g_assert_cmpstr (str (p2, "product_title"), ==, "Onboarding");
  g_assert_cmpstr (str (p3, "product_id"), ==, "prod-a");
  g_assert_cmpstr (str (p3, "product_title"), ==, "Desk Appliance");
  g_assert_cmpstr (str (p3, "entity_type"), ==, "AmiProduct");
  g_assert_cmpstr (str (p4, "product_id"), ==, "prod-c");
  g_assert_cmpstr (str (p4, "product_title"), ==, "Desk Pods");

  /* A record's own pricing decides between the SaaS types. */
  rd_aws_record_add_product (record, p1);
  g_assert_cmpstr (str (record, "product_title"), ==, "Desk Suite");
  g_assert_cmpstr (str (record, "product_type"), ==, "saas_subscription");
  g_assert_null (rd_aws_product_from_entity (NULL, NULL));
}

static const char offer_details[] =
  "{\"Id\":\"offer-x\",\"Name\":\"Desk Suite, 2026 renewal\",\"ProductId\":\"prod-s\","
  "\"State\":\"Released\","
  "\"Rules\":[{\"Type\":\"AvailabilityRule\",\"AvailabilityEndDate\":\"2026-03-31T23:59:59Z\"},"
  "{\"Type\":\"TargetingRule\",\"PositiveTargeting\":{\"BuyerAccounts\":"
  "[\"111122223333\",\"444455556666\"]}}],"
  "\"Terms\":[{\"Type\":\"LegalTerm\",\"Documents\":[]},"
  "{\"Type\":\"ConfigurableUpfrontPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":"
  "[{\"Selector\":{\"Type\":\"Duration\",\"Value\":\"P12M\"},\"RateCard\":"
  "[{\"DimensionKey\":\"users\",\"Price\":\"1200.00\"}]}]},"
  "{\"Type\":\"UsageBasedPricingTerm\",\"CurrencyCode\":\"USD\",\"RateCards\":"
  "[{\"RateCard\":[{\"DimensionKey\":\"api_calls\",\"Price\":\"0.01\"}]}]},"
  "{\"Type\":\"ValidityTerm\",\"AgreementStartDate\":\"2026-06-01\","
  "\"AgreementEndDate\":\"2027-05-31\"},"
  "{\"Type\":\"PaymentScheduleTerm\",\"CurrencyCode\":\"USD\",\"Schedule\":"
  "[{\"ChargeDate\":\"2026-06-01T00:00:00.000Z\",\"ChargeAmount\":\"7200\"}]},"
  "{\"Type\":\"RenewalTerm\"}]}";

static void
check_offer (JsonObject *record)
{
  JsonArray *accounts = json_object_get_array_member (record, "buyer_account_ids");
  JsonArray *dimensions = json_object_get_array_member (record, "pricing_dimensions");
  JsonArray *schedule = json_object_get_array_member (record, "payment_schedule");

  g_assert_cmpstr (str (record, "type"), ==, "offer");
  g_assert_cmpstr (str (record, "offer_id"), ==, "offer-x");
  g_assert_cmpstr (str (record, "offer_name"), ==, "Desk Suite, 2026 renewal");
  g_assert_cmpstr (str (record, "product_id"), ==, "prod-s");
  g_assert_cmpstr (str (record, "product_title"), ==, "Desk Suite");
  g_assert_cmpstr (str (record, "product_type"), ==, "saas_contract_consumption");
  g_assert_cmpstr (str (record, "kind"), ==, "PO");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (accounts, 1), ==, "444455556666");
  g_assert_cmpstr (str (record, "customer"), ==, "111122223333");
  g_assert_cmpstr (str (record, "offer_expiration_date"), ==, "2026-03-31");
  /* A future start: a future-dated agreement. */
  g_assert_cmpstr (str (record, "agreement_start_date"), ==, "2026-06-01");
  g_assert_cmpstr (str (record, "agreement_end_date"), ==, "2027-05-31");
  g_assert_cmpstr (str (record, "renewal_mechanism"), ==, "fda");
  g_assert_cmpstr (str (record, "currency"), ==, "USD");
  g_assert_cmpuint (json_array_get_length (dimensions), ==, 2);
  g_assert_cmpstr (str (json_array_get_object_element (dimensions, 0), "pricing"), ==,
                   "contract");
  /* AWS's amounts are kept as the exact strings it sent. */
  g_assert_cmpstr (str (json_array_get_object_element (dimensions, 0), "price"), ==, "1200.00");
  g_assert_cmpstr (str (json_array_get_object_element (dimensions, 1), "dimension_key"), ==,
                   "api_calls");
  g_assert_cmpuint (json_array_get_length (schedule), ==, 1);
  g_assert_cmpstr (str (json_array_get_object_element (schedule, 0), "date"), ==, "2026-06-01");
  g_assert_true (json_object_get_boolean_member (record, "auto_renew"));
  g_assert_cmpstr (str (record, "aws_state"), ==, "Released");
  g_assert_cmpstr (str (record, "stage"), ==, "published");
}

static void
test_offer_details_forms (void)
{
  g_autoptr (JsonObject) summary = parse ("{\"EntityId\":\"offer-x\",\"EntityType\":\"Offer\","
                                          "\"OfferSummary\":{\"Name\":\"x\"}}");
  g_autoptr (JsonObject) product = parse ("{\"product_id\":\"prod-s\",\"product_title\":"
                                          "\"Desk Suite\",\"entity_type\":\"SaaSProduct\"}");
  g_autoptr (JsonObject) as_document = NULL;
  g_autoptr (JsonObject) as_text = NULL;
  g_autoptr (JsonObject) details_document = NULL;
  g_autoptr (JsonObject) details_text = NULL;
  g_autoptr (JsonObject) record_document = NULL;
  g_autoptr (JsonObject) record_text = NULL;
  g_autoptr (JsonNode) string_node = json_node_new (JSON_NODE_VALUE);

  as_document = parse ("{\"EntityType\":\"Offer@1.0\"}");
  json_object_set_object_member (as_document, "DetailsDocument", parse (offer_details));
  as_text = parse ("{\"EntityType\":\"Offer@1.0\"}");
  json_node_set_string (string_node, offer_details);
  json_object_set_member (as_text, "Details", json_node_copy (string_node));

  details_document = rd_aws_entity_details (as_document);
  details_text = rd_aws_entity_details (as_text);
  g_assert_nonnull (details_document);
  g_assert_nonnull (details_text);
  g_assert_true (rd_aws_offer_is_private (summary, details_document));

  record_document = rd_aws_offer_to_record (summary, details_document, product);
  record_text = rd_aws_offer_to_record (summary, details_text, product);
  check_offer (record_document);
  check_offer (record_text);

  /* Details that are no object are no details. */
  json_node_set_string (string_node, "not json");
  json_object_set_member (as_text, "Details", json_node_copy (string_node));
  g_assert_null (rd_aws_entity_details (as_text));
}

static void
test_offer_kinds (void)
{
  g_autoptr (JsonObject) public_offer = parse (
    "{\"EntityId\":\"offer-pub\",\"OfferSummary\":{\"Name\":\"Public\",\"ProductId\":\"prod-s\","
    "\"State\":\"Released\",\"Targeting\":[]}}");
  g_autoptr (JsonObject) targeted = parse (
    "{\"EntityId\":\"offer-t\",\"OfferSummary\":{\"Name\":\"For one\",\"Targeting\":"
    "[\"BuyerAccounts\"]}}");
  g_autoptr (JsonObject) cppo = parse (
    "{\"EntityId\":\"offer-cp\",\"OfferSummary\":{\"Name\":\"Via partner\",\"ProductId\":"
    "\"prod-a\",\"ResaleAuthorizationId\":\"resaleauthz-1\",\"State\":\"Draft\","
    "\"AvailabilityEndDate\":\"2026-09-30T23:59:59Z\",\"BuyerAccounts\":[\"777788889999\"],"
    "\"TargetAgreementId\":\"agmt-old\"}}");
  g_autoptr (JsonObject) cppo_details = parse ("{\"Terms\":[{\"Type\":\"ValidityTerm\","
                                               "\"AgreementDuration\":\"P2Y\"}]}");
  g_autoptr (JsonObject) record = NULL;

  g_assert_false (rd_aws_offer_is_private (public_offer, NULL));
  g_assert_true (rd_aws_offer_is_private (targeted, NULL));
  g_assert_true (rd_aws_offer_is_private (cppo, cppo_details));

  record = rd_aws_offer_to_record (cppo, cppo_details, NULL);
  g_assert_cmpstr (str (record, "kind"), ==, "CPPO");
  g_assert_cmpstr (str (record, "resale_authorization_id"), ==, "resaleauthz-1");
  g_assert_cmpstr (str (record, "offer_expiration_date"), ==, "2026-09-30");
  g_assert_cmpint (json_object_get_int_member (record, "duration_months"), ==, 24);
  g_assert_cmpstr (str (record, "target_agreement_id"), ==, "agmt-old");
  g_assert_true (json_object_get_boolean_member (record, "is_renewal"));
  g_assert_cmpstr (str (record, "renewal_mechanism"), ==, "replacement");
  g_assert_cmpstr (str (record, "stage"), ==, "drafted");
  /* No product known: no title, no type; the editor says what is missing. */
  g_assert_false (json_object_has_member (record, "product_title"));
  g_assert_false (json_object_has_member (record, "product_type"));

  g_assert_null (rd_aws_offer_to_record (NULL, NULL, NULL));
}

static void
test_dates (void)
{
  static const struct
  {
    const char *text;
    const char *date;
  } cases[] = {
    { "\"2026-03-31\"", "2026-03-31" },
    { "\"2026-02-30\"", NULL },
    { "\"2026-0a-01\"", NULL },
    { "\"2026-03-31T23:59:59.999Z\"", "2026-03-31" },
    { "1767225599.999", "2025-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autofree char *date = NULL;

      g_assert_true (json_parser_load_from_data (parser, cases[i].text, -1, NULL));
      date = rd_aws_timestamp_to_date (json_parser_get_root (parser));
      g_assert_cmpstr (date, ==, cases[i].date);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/aws/mapping/agreement-statuses", test_statuses);
  g_test_add_func ("/aws/mapping/open-ended", test_open_ended);
  g_test_add_func ("/aws/mapping/agreement-product-types", test_agreement_product_types);
  g_test_add_func ("/aws/mapping/catalog-product-types", test_catalog_product_types);
  g_test_add_func ("/aws/mapping/products", test_products);
  g_test_add_func ("/aws/mapping/offer-details-forms", test_offer_details_forms);
  g_test_add_func ("/aws/mapping/offer-kinds", test_offer_kinds);
  g_test_add_func ("/aws/mapping/dates", test_dates);
  return g_test_run ();
}
