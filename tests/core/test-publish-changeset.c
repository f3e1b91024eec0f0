/* test-publish-changeset.c
 *
 * A drafted offer as the Catalog API change set that publishes it, against golden files for
 * PO, CPPO, FDA, replacement and every product type; the local check before sending: the
 * rules, the mapping and each change's details against its schema; AWS errors to fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "rd-date.h"
#include "rd-offer-changeset.h"
#include "rd-offer-changeset-schema.h"
#include "rd-rules.h"

static const char * const golden_cases[] = {
  "po-fda-saas-contract",
  "po-fda-saas-contract-consumption",
  "po-replacement-saas-contract",
  "po-new-offer-saas-subscription",
  "po-new-offer-ami-annual",
  "po-new-offer-ami-hourly",
  "po-new-offer-container",
  "po-new-offer-professional-services",
  "cppo-fda-saas-contract",
  "cppo-replacement-saas-contract-consumption",
};

static JsonNode *
load_json (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "changesets",
                                                 name, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  JsonNode *node;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  node = json_from_string (text, &error);
  g_assert_no_error (error);
  return node;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
init_ctx (RdRulesContext *ctx,
          JsonObject     *input)
{
  const char *role = json_object_get_string_member (input, "role");

  rd_rules_context_init (ctx, g_strcmp0 (role, "channel_partner") == 0
                              ? RD_ROLE_CHANNEL_PARTNER : RD_ROLE_ISV);
  g_assert_true (rd_date_parse (json_object_get_string_member (input, "today"), &ctx->today));
}

static gboolean
has_error_on (GPtrArray  *errors,
              const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);

      if (g_strcmp0 (error->field, field) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
dump_errors (GPtrArray *errors)
{
  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);

      g_test_message ("%s: %s", error->field, error->message);
    }
}

static void
test_golden (gconstpointer data)
{
  const char *name = data;
  g_autofree char *input_name = g_strconcat (name, ".input.json", NULL);
  g_autofree char *golden_name = g_strconcat (name, ".json", NULL);
  g_autoptr (JsonNode) input_node = load_json (input_name);
  JsonObject *input = json_node_get_object (input_node);
  JsonObject *offer = json_object_get_object_member (input, "offer");
  JsonObject *agreement = json_object_get_object_member (input, "agreement");
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (JsonNode) actual = NULL;
  g_autoptr (JsonNode) expected = NULL;
  RdRulesContext ctx;

  init_ctx (&ctx, input);
  errors = rd_offer_changeset_check (offer, agreement, &ctx, &request);
  dump_errors (errors);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (request);

  actual = json_node_init_object (json_node_alloc (), request);
  if (g_getenv ("RD_UPDATE_GOLDEN") != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "changesets",
                                                     golden_name, NULL);
      g_autofree char *text = json_to_string (actual, TRUE);
      g_autofree char *with_newline = g_strconcat (text, "\n", NULL);

      g_assert_true (g_file_set_contents (path, with_newline, -1, NULL));
    }
  expected = load_json (golden_name);
  if (!json_node_equal (expected, actual))
    {
      g_autofree char *text = json_to_string (actual, TRUE);

      g_test_message ("%s: the change set differs from the golden file:\n%s", name, text);
      g_test_fail ();
    }
}

/* The shape every change set shares: CreateOffer (or its CPPO/replacement kin) named, every
 * other change referring to it, ReleaseOffer last. */
static void
test_structure (void)
{
  for (guint c = 0; c < G_N_ELEMENTS (golden_cases); c++)
    {
      g_autofree char *golden_name = g_strconcat (golden_cases[c], ".json", NULL);
      g_autoptr (JsonNode) node = load_json (golden_name);
      JsonObject *request = json_node_get_object (node);
      JsonArray *changes = json_object_get_array_member (request, "ChangeSet");
      guint n = json_array_get_length (changes);
      JsonObject *first = json_array_get_object_element (changes, 0);
      JsonObject *last = json_array_get_object_element (changes, n - 1);

      g_assert_cmpstr (json_object_get_string_member (request, "Catalog"), ==, "AWSMarketplace");
      g_assert_cmpuint (n, >=, 6);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (first, "ChangeType"),
                                       "Create"));
      g_assert_cmpstr (json_object_get_string_member (first, "ChangeName"), ==, "O");
      g_assert_cmpstr (json_object_get_string_member (last, "ChangeType"), ==, "ReleaseOffer");
      for (guint i = 1; i < n; i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          JsonObject *entity = json_object_get_object_member (change, "Entity");

          g_assert_cmpstr (json_object_get_string_member (entity, "Identifier"), ==,
                           "$O.Entity.Identifier");
          g_assert_cmpstr (json_object_get_string_member (entity, "Type"), ==, "Offer@1.0");
          g_assert_true (rd_offer_changeset_is_known_type (
            json_object_get_string_member (change, "ChangeType")));
        }
    }
}

static JsonObject *
load_case (const char  *name,
           JsonObject **agreement,
           RdRulesContext *ctx)
{
  g_autofree char *input_name = g_strconcat (name, ".input.json", NULL);
  g_autoptr (JsonNode) node = load_json (input_name);
  JsonObject *input = json_node_get_object (node);

  init_ctx (ctx, input);
  *agreement = json_object_ref (json_object_get_object_member (input, "agreement"));
  return json_object_ref (json_object_get_object_member (input, "offer"));
}

static GPtrArray *
check_modified (const char *name,
                const char *member,
                const char *json_value)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) request = NULL;
  RdRulesContext ctx;
  GPtrArray *errors;

  offer = load_case (name, &agreement, &ctx);
  if (json_value == NULL)
    json_object_remove_member (offer, member);
  else
    {
      g_autoptr (GError) error = NULL;
      JsonNode *value = json_from_string (json_value, &error);

      g_assert_no_error (error);
      json_object_set_member (offer, member, value);
    }
  errors = rd_offer_changeset_check (offer, agreement, &ctx, &request);
  dump_errors (errors);
  g_assert_cmpuint (errors->len, >, 0);
  g_assert_null (request);
  return errors;
}

static void
test_check_refuses (void)
{
  g_autoptr (GPtrArray) errors = NULL;

  /* The local rules: an FDA start more than 36 months after drafting. */
  errors = check_modified ("po-fda-saas-contract", "agreement_start_date", "\"2030-01-01\"");
  g_assert_true (has_error_on (errors, "agreement_start_date"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* A malformed buyer account (the rules and the targeting schema agree). */
  errors = check_modified ("po-new-offer-container", "buyer_account_id", "\"12345\"");
  g_assert_true (has_error_on (errors, "buyer_account_id"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-new-offer-saas-subscription", "buyer_account_ids",
                           "[\"123456789012\", \"2109-8765-4321\"]");
  g_assert_true (has_error_on (errors, "buyer_account_id"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* Schema only: no currency, a price with too many decimals, no prices at all. */
  errors = check_modified ("po-fda-saas-contract", "currency", NULL);
  g_assert_true (has_error_on (errors, "currency"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-fda-saas-contract", "currency", "\"CHF\"");
  g_assert_true (has_error_on (errors, "currency"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-new-offer-container", "pricing_dimensions",
                           "[{\"dimension_key\": \"nodes\", \"pricing\": \"contract\","
                           "  \"quantity\": 10, \"price\": \"-950.00\"}]");
  g_assert_true (has_error_on (errors, "pricing_dimensions"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-new-offer-container", "pricing_dimensions", NULL);
  g_assert_true (has_error_on (errors, "pricing_dimensions"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-new-offer-container", "eula_url", "\"ftp://example.com/eula\"");
  g_assert_true (has_error_on (errors, "eula_url"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-new-offer-professional-services", "payment_schedule",
                           "[{\"date\": \"2027-01-15\", \"amount\": 25000.005}]");
  g_assert_true (has_error_on (errors, "payment_schedule"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-new-offer-container", "offer_expiration_date", NULL);
  g_assert_true (has_error_on (errors, "offer_expiration_date"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("cppo-fda-saas-contract", "resale_authorization_id", NULL);
  g_assert_true (has_error_on (errors, "resale_authorization_id"));
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = check_modified ("po-new-offer-container", "product_id", NULL);
  g_assert_true (has_error_on (errors, "product_id"));
  g_clear_pointer (&errors, g_ptr_array_unref);
}

static void
test_check_roles (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  RdRulesContext ctx;

  /* An ISV does not publish the channel partner's CPPO. */
  offer = load_case ("cppo-fda-saas-contract", &agreement, &ctx);
  ctx.role = RD_ROLE_ISV;
  errors = rd_offer_changeset_check (offer, agreement, &ctx, &request);
  g_assert_true (has_error_on (errors, "kind"));
  g_assert_null (request);
  g_clear_pointer (&errors, g_ptr_array_unref);
  g_clear_pointer (&offer, json_object_unref);
  g_clear_pointer (&agreement, json_object_unref);

  /* A replacement needs the AWS agreement it replaces. */
  offer = load_case ("po-replacement-saas-contract", &agreement, &ctx);
  json_object_remove_member (agreement, "agreement_id");
  errors = rd_offer_changeset_check (offer, agreement, &ctx, &request);
  g_assert_true (has_error_on (errors, "renewal_mechanism"));
  g_assert_null (request);
  g_clear_pointer (&errors, g_ptr_array_unref);

  errors = rd_offer_changeset_check (offer, NULL, &ctx, &request);
  g_assert_true (has_error_on (errors, "renewal_mechanism"));
  g_clear_pointer (&errors, g_ptr_array_unref);
  g_clear_pointer (&offer, json_object_unref);
  g_clear_pointer (&agreement, json_object_unref);

  /* Replacement offers exist only for SaaS contracts: the local rule refuses the rest. */
  offer = load_case ("po-new-offer-container", &agreement, &ctx);
  json_object_set_string_member (offer, "renewal_mechanism", "replacement");
  errors = rd_offer_changeset_check (offer, agreement, &ctx, &request);
  g_assert_true (has_error_on (errors, "renewal_mechanism"));
  g_assert_null (request);
}

static void
test_renewal_flag (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  RdRulesContext ctx;
  JsonObject *information;

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
  offer = load_case ("po-fda-saas-contract", &agreement, &ctx);
  request = rd_offer_changeset_build (offer, agreement, RD_ROLE_ISV, errors);
  information = json_array_get_object_element (json_object_get_array_member (request,
                                                                             "ChangeSet"), 1);
  information = json_object_get_object_member (information, "DetailsDocument");
  g_assert_true (json_object_has_member (information, "PreExistingAgreement"));
  g_clear_pointer (&request, json_object_unref);

  json_object_set_boolean_member (offer, "is_renewal", FALSE);
  request = rd_offer_changeset_build (offer, agreement, RD_ROLE_ISV, errors);
  information = json_array_get_object_element (json_object_get_array_member (request,
                                                                             "ChangeSet"), 1);
  information = json_object_get_object_member (information, "DetailsDocument");
  g_assert_false (json_object_has_member (information, "PreExistingAgreement"));
  g_assert_cmpuint (errors->len, ==, 0);
}

static void
test_unknown_change_type (void)
{
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (GPtrArray) errors = NULL;

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
  request = parse_object ("{ \"Catalog\": \"AWSMarketplace\", \"ChangeSet\": ["
                          "  { \"ChangeType\": \"DeleteEverything\","
                          "    \"Entity\": { \"Type\": \"Offer@1.0\" },"
                          "    \"DetailsDocument\": {} } ] }");
  rd_offer_changeset_check_details (request, errors);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_null (((RdFieldError *) g_ptr_array_index (errors, 0))->field);
  g_assert_false (rd_offer_changeset_is_known_type ("DeleteEverything"));
  g_ptr_array_set_size (errors, 0);

  request = (json_object_unref (request),
             parse_object ("{ \"Catalog\": \"AWSMarketplace\", \"ChangeSet\": [] }"));
  rd_offer_changeset_check_details (request, errors);
  g_assert_cmpuint (errors->len, ==, 1);
  g_ptr_array_set_size (errors, 0);

  /* A validity term with a start date only. */
  request = (json_object_unref (request),
             parse_object ("{ \"Catalog\": \"AWSMarketplace\", \"ChangeSet\": ["
                           "  { \"ChangeType\": \"UpdateValidityTerms\","
                           "    \"Entity\": { \"Type\": \"Offer@1.0\" },"
                           "    \"DetailsDocument\": { \"Terms\": [ { \"Type\": \"ValidityTerm\","
                           "      \"AgreementStartDate\": \"2027-01-01\" } ] } } ] }"));
  rd_offer_changeset_check_details (request, errors);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (((RdFieldError *) g_ptr_array_index (errors, 0))->field, ==,
                   "agreement_start_date");
}

static void
test_field_for (void)
{
  g_assert_cmpstr (rd_offer_changeset_field_for ("UpdateTargeting", "INVALID_BUYER_ACCOUNTS"),
                   ==, "buyer_account_id");
  g_assert_cmpstr (rd_offer_changeset_field_for ("UpdateValidityTerms",
                                                 "INVALID_AGREEMENT_START_DATE"),
                   ==, "agreement_start_date");
  g_assert_cmpstr (rd_offer_changeset_field_for ("UpdateValidityTerms",
                                                 "INVALID_AGREEMENT_END_DATE"),
                   ==, "agreement_end_date");
  g_assert_cmpstr (rd_offer_changeset_field_for ("UpdatePricingTerms", "INVALID_CURRENCY_CODE"),
                   ==, "currency");
  g_assert_cmpstr (rd_offer_changeset_field_for ("UpdatePricingTerms", "INVALID_RATE_CARD"),
                   ==, "pricing_dimensions");
  g_assert_cmpstr (rd_offer_changeset_field_for ("UpdateAvailability", NULL),
                   ==, "offer_expiration_date");
  g_assert_cmpstr (rd_offer_changeset_field_for ("CreateOfferUsingResaleAuthorization", "X"),
                   ==, "resale_authorization_id");
  g_assert_null (rd_offer_changeset_field_for ("ReleaseOffer", "INCOMPATIBLE_TERMS"));
  g_assert_null (rd_offer_changeset_field_for ("DeleteEverything", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (golden_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/publish-changeset/golden/", golden_cases[i], NULL);

      g_test_add_data_func (path, golden_cases[i], test_golden);
    }
  g_test_add_func ("/publish-changeset/structure", test_structure);
  g_test_add_func ("/publish-changeset/check-refuses", test_check_refuses);
  g_test_add_func ("/publish-changeset/check-roles", test_check_roles);
  g_test_add_func ("/publish-changeset/renewal-flag", test_renewal_flag);
  g_test_add_func ("/publish-changeset/unknown-change-type", test_unknown_change_type);
  g_test_add_func ("/publish-changeset/field-for", test_field_for);

  return g_test_run ();
}
