/* test-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rd-date.h"
#include "rd-rules.h"

static const char valid_offer_json[] =
  "{"
  "  \"type\": \"offer\","
  "  \"renews\": \"7b0c1d2e-0000-4000-8000-000000000001\","
  "  \"drafted_on\": \"2026-11-28\","
  "  \"customer\": \"Example Corp\","
  "  \"product_title\": \"Example Analytics\","
  "  \"product_id\": \"prod-abc123XYZ\","
  "  \"product_type\": \"saas_contract\","
  "  \"kind\": \"PO\","
  "  \"renewal_mechanism\": \"fda\","
  "  \"offer_id\": \"offer-0a1b2c3d\","
  "  \"offer_expiration_date\": \"2026-12-31\","
  "  \"agreement_start_date\": \"2027-01-01\","
  "  \"agreement_end_date\": \"2027-12-31\","
  "  \"duration_months\": 12,"
  "  \"payment_schedule\": ["
  "    { \"date\": \"2027-01-01\", \"amount\": 6000 },"
  "    { \"date\": \"2027-07-01\", \"amount\": 6000.5 }"
  "  ],"
  "  \"is_renewal\": true,"
  "  \"notification_emails\": [\"renewals@example.com\", \"Jane.Doe+aws@sub.example.co.uk\"],"
  "  \"ace_opportunity_id\": \"O1234567\","
  "  \"ace_stage\": \"Qualified\","
  "  \"stage\": \"drafted\","
  "  \"buyer_account_id\": \"123456789012\","
  "  \"isv_account_id\": \"210987654321\","
  "  \"value\": 12000.5,"
  "  \"currency\": \"USD\","
  "  \"some_future_field\": { \"kept\": true }"
  "}";

static const char valid_agreement_json[] =
  "{"
  "  \"type\": \"agreement\","
  "  \"agreement_id\": \"agmt-1a2b3c4d5e\","
  "  \"offer_id\": \"offer-0a1b2c3d\","
  "  \"product_id\": \"prod-abc123XYZ\","
  "  \"product_title\": \"Example Analytics\","
  "  \"product_type\": \"saas_contract_consumption\","
  "  \"customer\": \"Example Corp\","
  "  \"buyer_account_id\": \"123456789012\","
  "  \"channel_partner_account_id\": \"000011112222\","
  "  \"kind\": \"CPPO\","
  "  \"resale_authorization_id\": \"resaleauthz-9z8y7x\","
  "  \"start_date\": \"2024-01-01\","
  "  \"end_date\": \"2026-12-31\","
  "  \"status\": \"ACTIVE\","
  "  \"value\": 36000,"
  "  \"currency\": \"USD\","
  "  \"auto_renew\": false,"
  "  \"preceding_agreement_id\": \"agmt-0000prev\""
  "}";

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_dup_object (node);
}

static JsonObject *
valid_offer (void)
{
  return parse_object (valid_offer_json);
}

static JsonObject *
valid_agreement (void)
{
  return parse_object (valid_agreement_json);
}

/* Today is 2026-11-28, the day the sample offer was drafted. */
static void
context_init (RdRulesContext *ctx,
              RdRole          role)
{
  rd_rules_context_init (ctx, role);
  g_date_clear (&ctx->today, 1);
  g_date_set_dmy (&ctx->today, 28, G_DATE_NOVEMBER, 2026);
}

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (rd_date_parse (text, &d));
  return d;
}

static void
dump_errors (GPtrArray *errors)
{
  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *e = g_ptr_array_index (errors, i);

      g_test_message ("%s: %s", e->field, e->message);
    }
}

static GPtrArray *
check_offer (JsonObject *offer,
             RdRole      role)
{
  RdRulesContext ctx;
  GPtrArray *errors;

  context_init (&ctx, role);
  errors = rd_rules_check_document (offer, &ctx);
  g_assert_nonnull (errors);
  dump_errors (errors);
  return errors;
}

static void
assert_no_errors (JsonObject *doc,
                  RdRole      role)
{
  g_autoptr (GPtrArray) errors = check_offer (doc, role);

  g_assert_cmpuint (errors->len, ==, 0);
}

/* Exactly one error, on field, whose message contains each of the given fragments. */
static void
assert_one_error (JsonObject *doc,
                  RdRole      role,
                  const char *field,
                  const char *fragment,
                  ...)
{
  g_autoptr (GPtrArray) errors = check_offer (doc, role);
  RdFieldError *error;
  va_list args;

  g_assert_cmpuint (errors->len, ==, 1);
  error = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (error->field, ==, field);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 20);

  va_start (args, fragment);
  for (const char *f = fragment; f != NULL; f = va_arg (args, const char *))
    {
      if (strstr (error->message, f) == NULL)
        g_error ("“%s” not in message “%s”", f, error->message);
    }
  va_end (args);
}

static void
test_valid_offer (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  assert_no_errors (offer, RD_ROLE_ISV);
}

static void
test_valid_agreement (void)
{
  g_autoptr (JsonObject) agreement = valid_agreement ();

  assert_no_errors (agreement, RD_ROLE_CHANNEL_PARTNER);
  assert_no_errors (agreement, RD_ROLE_ISV);

  /* Pay-as-you-go: no end date. */
  json_object_set_null_member (agreement, "end_date");
  assert_no_errors (agreement, RD_ROLE_ISV);
}

static void
test_fda_start_36_months (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  /* Drafted 2026-11-28: the latest start is 2029-11-28. Expiration stays before the start. */
  json_object_set_string_member (offer, "agreement_start_date", "2029-11-28");
  json_object_set_string_member (offer, "agreement_end_date", "2030-11-27");
  json_object_remove_member (offer, "payment_schedule");
  assert_no_errors (offer, RD_ROLE_ISV);

  json_object_set_string_member (offer, "agreement_start_date", "2029-11-29");
  assert_one_error (offer, RD_ROLE_ISV, "agreement_start_date",
                    "2029-11-28", "36 months", "2026-11-28", NULL);
}

static void
test_fda_start_from_today (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  /* Without drafted_on the three years count from today (2026-11-28). */
  json_object_remove_member (offer, "drafted_on");
  json_object_remove_member (offer, "payment_schedule");
  json_object_set_string_member (offer, "agreement_start_date", "2029-11-28");
  json_object_set_string_member (offer, "agreement_end_date", "2030-11-27");
  assert_no_errors (offer, RD_ROLE_ISV);

  json_object_set_string_member (offer, "agreement_start_date", "2029-11-29");
  assert_one_error (offer, RD_ROLE_ISV, "agreement_start_date", "2029-11-28", NULL);
}

static void
test_fda_start_leap_day (void)
{
  GDate drafted = date ("2028-02-29");
  GDate today = date ("2028-02-29");
  GDate start, latest;
  g_autofree char *latest_text = NULL;
  g_autofree char *ok = NULL;
  g_autofree char *late = NULL;

  rd_rules_fda_latest_start (&drafted, &latest);
  latest_text = rd_date_format (&latest);
  g_assert_cmpstr (latest_text, ==, "2031-02-28");

  start = date ("2031-02-28");
  ok = rd_rules_check_fda_start (&drafted, &today, &start);
  g_assert_null (ok);

  start = date ("2031-03-01");
  late = rd_rules_check_fda_start (&drafted, &today, &start);
  g_assert_nonnull (late);
  g_assert_nonnull (strstr (late, "2031-02-28"));
  g_assert_nonnull (strstr (late, "2028-02-29"));
}

static void
test_fda_start_in_past (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  GDate today = date ("2026-11-28");
  GDate start = date ("2026-11-28");
  g_autofree char *same_day = NULL;

  same_day = rd_rules_check_fda_start (NULL, &today, &start);
  g_assert_null (same_day);

  json_object_set_string_member (offer, "offer_expiration_date", "2026-11-26");
  json_object_set_string_member (offer, "agreement_start_date", "2026-11-27");
  json_object_remove_member (offer, "payment_schedule");
  assert_one_error (offer, RD_ROLE_ISV, "agreement_start_date",
                    "past", "2026-11-27", "2026-11-28", NULL);
}

static void
test_fda_rules_only_for_fda (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  /* A new offer may start whenever and expire whenever. */
  json_object_set_string_member (offer, "renewal_mechanism", "new_offer");
  json_object_set_string_member (offer, "offer_expiration_date", "2030-01-01");
  json_object_set_string_member (offer, "agreement_start_date", "2029-12-01");
  json_object_set_string_member (offer, "agreement_end_date", "2030-11-30");
  json_object_remove_member (offer, "payment_schedule");
  assert_no_errors (offer, RD_ROLE_ISV);
}

static void
test_duration_60_months (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  json_object_remove_member (offer, "duration_months");
  json_object_set_string_member (offer, "agreement_start_date", "2027-01-01");
  json_object_set_string_member (offer, "agreement_end_date", "2031-12-31");
  assert_no_errors (offer, RD_ROLE_ISV);

  json_object_set_string_member (offer, "agreement_end_date", "2032-01-01");
  assert_one_error (offer, RD_ROLE_ISV, "agreement_end_date",
                    "60 months", "2031-12-31", NULL);

  /* 61 months. */
  json_object_set_string_member (offer, "agreement_end_date", "2032-01-31");
  assert_one_error (offer, RD_ROLE_ISV, "agreement_end_date", "60 months", NULL);
}

static void
test_duration_end_not_after_start (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  g_autoptr (JsonObject) agreement = valid_agreement ();

  json_object_remove_member (offer, "payment_schedule");
  json_object_set_string_member (offer, "agreement_end_date", "2027-01-01");
  assert_one_error (offer, RD_ROLE_ISV, "agreement_end_date", "2027-01-01", NULL);

  json_object_set_string_member (offer, "agreement_end_date", "2026-12-31");
  assert_one_error (offer, RD_ROLE_ISV, "agreement_end_date", "2026-12-31", NULL);

  json_object_set_string_member (agreement, "end_date", "2024-01-01");
  assert_one_error (agreement, RD_ROLE_ISV, "end_date", "not after", NULL);

  json_object_set_string_member (agreement, "end_date", "2029-01-01");
  assert_one_error (agreement, RD_ROLE_ISV, "end_date", "60 months", "2028-12-31", NULL);
}

static void
test_duration_months_field (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  g_autofree char *ok = rd_rules_check_duration_months (60);
  g_autofree char *zero = rd_rules_check_duration_months (0);
  g_autofree char *too_long = rd_rules_check_duration_months (61);

  g_assert_null (ok);
  g_assert_nonnull (zero);
  g_assert_nonnull (too_long);
  g_assert_nonnull (strstr (too_long, "61"));

  json_object_remove_member (offer, "agreement_end_date");
  json_object_remove_member (offer, "payment_schedule");
  json_object_set_int_member (offer, "duration_months", 60);
  assert_no_errors (offer, RD_ROLE_ISV);

  json_object_set_int_member (offer, "duration_months", 61);
  assert_one_error (offer, RD_ROLE_ISV, "duration_months", "61", NULL);

  json_object_set_int_member (offer, "duration_months", 0);
  assert_one_error (offer, RD_ROLE_ISV, "duration_months", "0", NULL);

  json_object_set_double_member (offer, "duration_months", 12.5);
  assert_one_error (offer, RD_ROLE_ISV, "duration_months", "whole number", NULL);

  json_object_set_string_member (offer, "duration_months", "12");
  assert_one_error (offer, RD_ROLE_ISV, "duration_months", "whole number", NULL);
}

static void
test_mechanism_per_product_type (void)
{
  static const struct
  {
    const char *product_type;
    gboolean    fda_allowed;
  } cases[] = {
    { "saas_contract", TRUE },
    { "saas_contract_consumption", TRUE },
    { "saas_subscription", FALSE },
    { "ami_annual", FALSE },
    { "ami_hourly", FALSE },
    { "container", FALSE },
    { "professional_services", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *type = cases[i].product_type;
      g_autofree char *fda = rd_rules_check_mechanism (type, "fda");
      g_autofree char *replacement = rd_rules_check_mechanism (type, "replacement");
      g_autofree char *new_offer = rd_rules_check_mechanism (type, "new_offer");

      g_test_message ("%s", type);
      g_assert_cmpint (rd_rules_mechanism_allowed (type, "fda"), ==, cases[i].fda_allowed);
      g_assert_cmpint (rd_rules_mechanism_allowed (type, "replacement"), ==,
                       cases[i].fda_allowed);
      g_assert_true (rd_rules_mechanism_allowed (type, "new_offer"));
      g_assert_null (new_offer);
      g_assert_nonnull (rd_rules_product_type_label (type));
      if (cases[i].fda_allowed)
        {
          g_assert_null (fda);
          g_assert_null (replacement);
        }
      else
        {
          const char *label = rd_rules_product_type_label (type);

          g_assert_nonnull (fda);
          g_assert_nonnull (replacement);
          g_assert_nonnull (strstr (fda, label));
          g_assert_nonnull (strstr (fda, "new offer"));
          g_assert_nonnull (strstr (replacement, label));
        }
    }

  g_assert_false (rd_rules_mechanism_allowed ("saas_contract", "bogus"));
  g_assert_null (rd_rules_product_type_label ("bogus"));
}

static void
test_mechanism_in_document (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  json_object_set_string_member (offer, "product_type", "ami_annual");
  assert_one_error (offer, RD_ROLE_ISV, "renewal_mechanism", "AMI with annual pricing", NULL);

  json_object_set_string_member (offer, "renewal_mechanism", "replacement");
  assert_one_error (offer, RD_ROLE_ISV, "renewal_mechanism", "new offer", NULL);

  json_object_set_string_member (offer, "renewal_mechanism", "new_offer");
  assert_no_errors (offer, RD_ROLE_ISV);

  json_object_set_string_member (offer, "product_type", "saas_contract_consumption");
  json_object_set_string_member (offer, "renewal_mechanism", "replacement");
  assert_no_errors (offer, RD_ROLE_ISV);
}

static void
test_expiration_before_start (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  json_object_set_string_member (offer, "offer_expiration_date", "2027-01-01");
  assert_one_error (offer, RD_ROLE_ISV, "offer_expiration_date",
                    "2027-01-01", "2026-12-31", NULL);

  json_object_set_string_member (offer, "offer_expiration_date", "2027-03-01");
  assert_one_error (offer, RD_ROLE_ISV, "offer_expiration_date", "2027-03-01", NULL);

  json_object_set_string_member (offer, "offer_expiration_date", "2026-12-31");
  assert_no_errors (offer, RD_ROLE_ISV);
}

static void
test_payment_schedule (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  JsonArray *schedule = json_object_get_array_member (offer, "payment_schedule");
  JsonObject *second = json_array_get_object_element (schedule, 1);
  JsonObject *first = json_array_get_object_element (schedule, 0);

  json_object_set_int_member (second, "amount", 0);
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", "zero", NULL);

  json_object_set_double_member (second, "amount", -10.0);
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", NULL);

  /* Amounts are exact decimal strings; an older client's number is read as one. */
  json_object_set_string_member (second, "amount", "100.50");
  assert_no_errors (offer, RD_ROLE_ISV);
  json_object_set_string_member (second, "amount", "0.00");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", "zero", NULL);
  json_object_set_string_member (second, "amount", "lots");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", "“lots”", NULL);
  json_object_set_string_member (second, "amount", "1e300");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", "exponent", NULL);
  json_object_set_double_member (second, "amount", 1e300);
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", "too large",
                    NULL);
  json_object_set_boolean_member (second, "amount", TRUE);
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", NULL);

  json_object_set_int_member (second, "amount", 1);
  json_object_set_string_member (second, "date", "2027-12-31");
  assert_no_errors (offer, RD_ROLE_ISV);

  /* After the agreement's end. */
  json_object_set_string_member (second, "date", "2028-01-01");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule",
                    "Installment 2", "2028-01-01", "2027-12-31", NULL);

  /* Signing is the draft day at the earliest. */
  json_object_set_string_member (second, "date", "2026-11-28");
  assert_no_errors (offer, RD_ROLE_ISV);
  json_object_set_string_member (second, "date", "2026-11-27");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule",
                    "Installment 2", "2026-11-27", "2026-11-28", NULL);

  json_object_set_string_member (second, "date", "2027-02-30");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "installment 2", "2027-02-30", NULL);

  /* Without an end date, the term ends duration_months after the start. */
  json_object_set_string_member (second, "date", "2027-12-31");
  json_object_remove_member (offer, "agreement_end_date");
  assert_no_errors (offer, RD_ROLE_ISV);
  json_object_set_string_member (second, "date", "2028-01-01");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "2027-12-31", NULL);

  /* Two bad installments, two errors, each naming its own. */
  json_object_remove_member (first, "date");
  {
    g_autoptr (GPtrArray) errors = check_offer (offer, RD_ROLE_ISV);
    RdFieldError *e0, *e1;

    g_assert_cmpuint (errors->len, ==, 2);
    e0 = g_ptr_array_index (errors, 0);
    e1 = g_ptr_array_index (errors, 1);
    g_assert_cmpstr (e0->field, ==, "payment_schedule");
    g_assert_cmpstr (e1->field, ==, "payment_schedule");
    g_assert_nonnull (strstr (e0->message, "Installment 1"));
    g_assert_nonnull (strstr (e1->message, "Installment 2"));
  }

  json_object_set_string_member (offer, "payment_schedule", "monthly");
  assert_one_error (offer, RD_ROLE_ISV, "payment_schedule", "list", NULL);
}

static JsonArray *
email_list (guint n_unique)
{
  JsonArray *emails = json_array_new ();

  for (guint i = 0; i < n_unique; i++)
    {
      g_autofree char *address = g_strdup_printf ("person%u@example.com", i + 1);

      json_array_add_string_element (emails, address);
    }
  return emails;
}

static void
test_notification_emails_count (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  JsonArray *emails = email_list (10);

  json_object_set_array_member (offer, "notification_emails", emails);
  assert_no_errors (offer, RD_ROLE_ISV);

  /* Duplicates count once, case-insensitively. */
  json_array_add_string_element (emails, "PERSON3@Example.COM");
  json_array_add_string_element (emails, "person10@example.com");
  assert_no_errors (offer, RD_ROLE_ISV);

  json_array_add_string_element (emails, "person11@example.com");
  assert_one_error (offer, RD_ROLE_ISV, "notification_emails", "10", "11", NULL);
}

static void
test_notification_emails_malformed (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  JsonArray *emails = email_list (2);
  g_autofree char *both = NULL;
  g_autoptr (JsonArray) many = email_list (11);

  json_object_set_array_member (offer, "notification_emails", emails);
  json_array_add_string_element (emails, "not-an-address");
  assert_one_error (offer, RD_ROLE_ISV, "notification_emails", "“not-an-address”", NULL);

  json_array_add_string_element (emails, "a@b@example.com");
  json_array_add_int_element (emails, 42);
  assert_one_error (offer, RD_ROLE_ISV, "notification_emails",
                    "“not-an-address”", "“a@b@example.com”", "“42”", NULL);

  json_array_add_string_element (many, "bad@");
  both = rd_rules_check_notification_emails (many);
  g_assert_nonnull (both);
  g_assert_nonnull (strstr (both, "“bad@”"));
  g_assert_nonnull (strstr (both, "11"));

  json_object_set_string_member (offer, "notification_emails", "a@example.com");
  assert_one_error (offer, RD_ROLE_ISV, "notification_emails", "list", NULL);
}

static void
test_email_syntax (void)
{
  static const char * const good[] = {
    "a@example.com", "first.last@example.co.uk", "x+tag@sub-domain.example.org",
    "o'neil@example.ie", "user@xn--80ak6aa92e.com", "1@example.io",
  };
  static const char * const bad[] = {
    "", "plain", "@example.com", "user@", "user@example", "user@@example.com",
    "user@exa mple.com", " user@example.com", "user.@example.com", ".user@example.com",
    "us..er@example.com", "user@-example.com", "user@example-.com", "user@example..com",
    "user@example.c", "user@example.123", "üser@example.com", "user@exam_ple.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_test_message ("good: %s", good[i]);
      g_assert_true (rd_rules_is_valid_email (good[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad: %s", bad[i]);
      g_assert_false (rd_rules_is_valid_email (bad[i]));
    }
  g_assert_false (rd_rules_is_valid_email (NULL));
}

static void
test_aws_ids (void)
{
  static const struct
  {
    RdAwsIdKind  kind;
    const char  *value;
    gboolean     valid;
  } cases[] = {
    { RD_AWS_ID_ACCOUNT, "123456789012", TRUE },
    { RD_AWS_ID_ACCOUNT, "12345678901", FALSE },
    { RD_AWS_ID_ACCOUNT, "1234567890123", FALSE },
    { RD_AWS_ID_ACCOUNT, "1234-5678-9012", FALSE },
    { RD_AWS_ID_ACCOUNT, "12345678901a", FALSE },
    { RD_AWS_ID_AGREEMENT, "agmt-abc123", TRUE },
    { RD_AWS_ID_AGREEMENT, "agmt-", FALSE },
    { RD_AWS_ID_AGREEMENT, "offer-abc123", FALSE },
    { RD_AWS_ID_AGREEMENT, "AGMT-abc123", FALSE },
    { RD_AWS_ID_AGREEMENT, "agmt-abc_123", FALSE },
    { RD_AWS_ID_OFFER, "offer-Z9", TRUE },
    { RD_AWS_ID_OFFER, "offer-", FALSE },
    { RD_AWS_ID_OFFER, "prod-Z9", FALSE },
    { RD_AWS_ID_PRODUCT, "prod-abcdef", TRUE },
    { RD_AWS_ID_PRODUCT, "product-abcdef", FALSE },
    { RD_AWS_ID_RESALE_AUTHORIZATION, "resaleauthz-1a2b", TRUE },
    { RD_AWS_ID_RESALE_AUTHORIZATION, "resaleauth-1a2b", FALSE },
    { RD_AWS_ID_RESALE_AUTHORIZATION, "resaleauthz-", FALSE },
    { RD_AWS_ID_ACE_OPPORTUNITY, "O1234567", TRUE },
    { RD_AWS_ID_ACE_OPPORTUNITY, "O12a", FALSE },
    { RD_AWS_ID_ACE_OPPORTUNITY, "O", FALSE },
    { RD_AWS_ID_ACE_OPPORTUNITY, "o1234567", FALSE },
    { RD_AWS_ID_ACE_OPPORTUNITY, "01234567", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = rd_rules_check_aws_id (cases[i].kind, cases[i].value);

      g_test_message ("%s", cases[i].value);
      if (cases[i].valid)
        g_assert_null (message);
      else
        {
          g_assert_nonnull (message);
          g_assert_nonnull (strstr (message, cases[i].value));
        }
    }

  /* Optional fields: nothing to check. */
  g_assert_null (rd_rules_check_aws_id (RD_AWS_ID_ACCOUNT, NULL));
  g_assert_null (rd_rules_check_aws_id (RD_AWS_ID_ACCOUNT, ""));
}

static void
test_aws_ids_in_documents (void)
{
  static const struct
  {
    const char *field;
    const char *bad_value;
  } offer_cases[] = {
    { "buyer_account_id", "12345678901" },
    { "isv_account_id", "1234567890123" },
    { "offer_id", "offer-" },
    { "product_id", "prod_abc" },
    { "ace_opportunity_id", "O12a" },
    { "resale_authorization_id", "resaleauthz-" },
  }, agreement_cases[] = {
    { "agreement_id", "agmt-" },
    { "preceding_agreement_id", "offer-abc" },
    { "channel_partner_account_id", "12345678901" },
    { "buyer_account_id", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (offer_cases); i++)
    {
      g_autoptr (JsonObject) offer = valid_offer ();

      json_object_set_string_member (offer, offer_cases[i].field, offer_cases[i].bad_value);
      assert_one_error (offer, RD_ROLE_ISV, offer_cases[i].field, offer_cases[i].bad_value,
                        NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (agreement_cases); i++)
    {
      g_autoptr (JsonObject) agreement = valid_agreement ();

      json_object_set_string_member (agreement, agreement_cases[i].field,
                                     agreement_cases[i].bad_value);
      if (*agreement_cases[i].bad_value == '\0')
        assert_no_errors (agreement, RD_ROLE_ISV);
      else
        assert_one_error (agreement, RD_ROLE_ISV, agreement_cases[i].field,
                          agreement_cases[i].bad_value, NULL);
    }

  /* An account ID stored as a JSON number loses its leading zeros: it must be text. */
  {
    g_autoptr (JsonObject) agreement = valid_agreement ();

    json_object_set_int_member (agreement, "buyer_account_id", 123456789012);
    assert_one_error (agreement, RD_ROLE_ISV, "buyer_account_id", "text", NULL);
  }
}

static void
test_is_renewal (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();

  assert_no_errors (offer, RD_ROLE_ISV);
  assert_one_error (offer, RD_ROLE_CHANNEL_PARTNER, "is_renewal", "ISV", NULL);

  json_object_set_string_member (offer, "kind", "CPPO");
  json_object_set_string_member (offer, "resale_authorization_id", "resaleauthz-abc");
  assert_one_error (offer, RD_ROLE_ISV, "is_renewal", "resale authorization", NULL);
  assert_one_error (offer, RD_ROLE_CHANNEL_PARTNER, "is_renewal", "resale authorization", NULL);

  json_object_set_boolean_member (offer, "is_renewal", FALSE);
  assert_no_errors (offer, RD_ROLE_CHANNEL_PARTNER);
  json_object_remove_member (offer, "is_renewal");
  assert_no_errors (offer, RD_ROLE_CHANNEL_PARTNER);

  /* On a CPPO the flag is the resale authorization's, and the ISV's to set. */
  json_object_set_boolean_member (offer, "resale_authorization_is_renewal", TRUE);
  assert_no_errors (offer, RD_ROLE_ISV);
  assert_one_error (offer, RD_ROLE_CHANNEL_PARTNER, "resale_authorization_is_renewal", "ISV",
                    NULL);
  json_object_set_boolean_member (offer, "resale_authorization_is_renewal", FALSE);
  assert_no_errors (offer, RD_ROLE_CHANNEL_PARTNER);
  json_object_set_string_member (offer, "resale_authorization_is_renewal", "yes");
  assert_one_error (offer, RD_ROLE_ISV, "resale_authorization_is_renewal", "true or false",
                    NULL);
  json_object_remove_member (offer, "resale_authorization_is_renewal");

  json_object_set_string_member (offer, "is_renewal", "yes");
  assert_one_error (offer, RD_ROLE_ISV, "is_renewal", "true or false", NULL);
}

static RdMoney
parse_amount (const char *text)
{
  g_autoptr (GError) error = NULL;
  RdMoney amount;

  g_assert_true (rd_money_parse (text, &amount, &error));
  g_assert_no_error (error);
  return amount;
}

static gboolean
ace_validated (const char *renewal_value,
               const char *preceding_value,
               const char *ace_stage)
{
  RdMoney renewal = parse_amount (renewal_value);
  RdMoney preceding = parse_amount (preceding_value);

  return rd_rules_ace_validated (&renewal, &preceding, ace_stage);
}

static RdAceState
ace_state (const char *opportunity_id,
           const char *ace_stage,
           const char *renewal_value,
           const char *preceding_value)
{
  RdMoney renewal = parse_amount (renewal_value);
  RdMoney preceding = parse_amount (preceding_value);

  return rd_rules_ace_state (opportunity_id, ace_stage, &renewal, &preceding);
}

static void
test_ace_validated (void)
{
  g_assert_true (ace_validated ("120000", "100000", "Qualified"));
  g_assert_true (ace_validated ("100000.01", "100000", "Prospect"));
  g_assert_true (ace_validated ("120000", "100000", "Technical Validation"));
  /* A stage is needed, one of ACE's own, and not one of a finished project. */
  g_assert_false (ace_validated ("120000", "100000", NULL));
  g_assert_false (ace_validated ("120000", "100000", "Launched"));
  g_assert_false (ace_validated ("120000", "100000", "qualified"));
  g_assert_false (ace_validated ("100000", "100000", "Qualified"));
  g_assert_false (ace_validated ("90000", "100000", "Qualified"));
  g_assert_false (ace_validated ("120000", "100000", "Closed Won"));
  g_assert_false (ace_validated ("120000", "100000", "Closed Lost"));
  g_assert_false (ace_validated ("120000", "100000", "closed_won"));
  g_assert_false (ace_validated ("120000", "100000", "closed_lost"));
  g_assert_false (ace_validated ("120000", "100000", "CLOSED WON"));
  g_assert_false (ace_validated ("120000", "100000", "Closed"));

  /* The whole state: an opportunity ID first, then the stage, then growth. */
  g_assert_cmpint (ace_state ("O1234567", "Committed", "120000", "100000"), ==,
                   RD_ACE_STATE_VALIDATED);
  g_assert_cmpint (ace_state (NULL, "Committed", "120000", "100000"), ==,
                   RD_ACE_STATE_NO_OPPORTUNITY);
  g_assert_cmpint (ace_state ("", NULL, "120000", "100000"), ==,
                   RD_ACE_STATE_NO_OPPORTUNITY);
  g_assert_cmpint (ace_state ("opp-12", "Committed", "120000", "100000"), ==,
                   RD_ACE_STATE_NO_OPPORTUNITY);
  g_assert_cmpint (ace_state ("O1234567", NULL, "120000", "100000"), ==,
                   RD_ACE_STATE_NO_STAGE);
  g_assert_cmpint (ace_state ("O1234567", "Negotiating", "120000", "100000"), ==,
                   RD_ACE_STATE_NO_STAGE);
  g_assert_cmpint (ace_state ("O1234567", "Closed Lost", "120000", "100000"), ==,
                   RD_ACE_STATE_CLOSED);
  g_assert_cmpint (ace_state ("O1234567", "Qualified", "100000", "100000"), ==,
                   RD_ACE_STATE_NO_GROWTH);
  /* Exactly: amounts a double cannot tell apart, or adds up wrong. */
  g_assert_cmpint (ace_state ("O1234567", "Qualified", "9007199254740993.01",
                              "9007199254740993.00"), ==, RD_ACE_STATE_VALIDATED);
  g_assert_cmpint (ace_state ("O1234567", "Qualified", "9007199254740992",
                              "9007199254740993"), ==, RD_ACE_STATE_NO_GROWTH);
  g_assert_cmpint (ace_state ("O1234567", "Qualified", "100000.00", "100000"), ==,
                   RD_ACE_STATE_NO_GROWTH);
  g_assert_cmpint (ace_state ("O1234567", "Qualified", "-5", "-5.00000001"), ==,
                   RD_ACE_STATE_VALIDATED);
  g_assert_true (ace_validated ("999999999999999999.99999999", "999999999999999999.99999998",
                                "Qualified"));
  g_assert_false (ace_validated ("0.1", "0.10", "Qualified"));

  /* The opportunity's part alone. */
  g_assert_cmpint (rd_rules_ace_opportunity_state ("O1234567", "Committed"), ==,
                   RD_ACE_STATE_VALIDATED);
  g_assert_cmpint (rd_rules_ace_opportunity_state ("O12a", "Committed"), ==,
                   RD_ACE_STATE_NO_OPPORTUNITY);
  g_assert_cmpint (rd_rules_ace_opportunity_state ("O1234567", "Launched"), ==,
                   RD_ACE_STATE_CLOSED);
}

static void
test_enumerations (void)
{
  static const struct
  {
    const char *field;
    const char *bad_value;
  } cases[] = {
    { "kind", "po" },
    { "product_type", "saas" },
    { "renewal_mechanism", "auto" },
    { "stage", "won" },
  };
  g_autoptr (JsonObject) agreement = valid_agreement ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) offer = valid_offer ();

      json_object_set_string_member (offer, cases[i].field, cases[i].bad_value);
      assert_one_error (offer, RD_ROLE_ISV, cases[i].field, cases[i].bad_value, NULL);
    }

  json_object_set_string_member (agreement, "status", "Active");
  assert_one_error (agreement, RD_ROLE_ISV, "status", "Active", "ACTIVE", NULL);

  g_assert_true (rd_rules_is_one_of ("ROLLED_BACK", rd_agreement_statuses));
  g_assert_true (rd_rules_is_one_of ("needs_analysis", rd_stages));
  g_assert_false (rd_rules_is_one_of (NULL, rd_stages));
  g_assert_cmpuint (g_strv_length ((char **) rd_product_types), ==, 7);
  g_assert_cmpuint (g_strv_length ((char **) rd_agreement_statuses), ==, 9);
}

static void
test_required_fields (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  g_autoptr (JsonObject) agreement = valid_agreement ();
  g_autoptr (GPtrArray) errors = NULL;

  json_object_remove_member (offer, "customer");
  assert_one_error (offer, RD_ROLE_ISV, "customer", "required", NULL);

  json_object_set_string_member (offer, "customer", "  ");
  assert_one_error (offer, RD_ROLE_ISV, "customer", "required", NULL);

  json_object_set_string_member (offer, "customer", "Example Corp");
  json_object_set_null_member (offer, "kind");
  assert_one_error (offer, RD_ROLE_ISV, "kind", "required", NULL);

  json_object_set_string_member (offer, "kind", "PO");
  json_object_remove_member (offer, "product_type");
  assert_one_error (offer, RD_ROLE_ISV, "product_type", "required", NULL);

  json_object_remove_member (agreement, "kind");
  json_object_remove_member (agreement, "customer");
  errors = check_offer (agreement, RD_ROLE_ISV);
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_cmpstr (((RdFieldError *) g_ptr_array_index (errors, 0))->field, ==, "customer");
  g_assert_cmpstr (((RdFieldError *) g_ptr_array_index (errors, 1))->field, ==, "kind");
}

static void
test_unparsable_dates (void)
{
  static const char * const offer_fields[] = {
    "drafted_on", "offer_expiration_date", "agreement_start_date", "agreement_end_date",
  };

  for (guint i = 0; i < G_N_ELEMENTS (offer_fields); i++)
    {
      g_autoptr (JsonObject) offer = valid_offer ();

      json_object_set_string_member (offer, offer_fields[i], "2027-13-01");
      if (g_str_equal (offer_fields[i], "agreement_start_date"))
        json_object_remove_member (offer, "payment_schedule");
      assert_one_error (offer, RD_ROLE_ISV, offer_fields[i], "2027-13-01", "YYYY-MM-DD", NULL);
    }

  {
    g_autoptr (JsonObject) agreement = valid_agreement ();

    json_object_set_string_member (agreement, "start_date", "01/01/2024");
    assert_one_error (agreement, RD_ROLE_ISV, "start_date", "01/01/2024", NULL);
  }
  {
    g_autoptr (JsonObject) agreement = valid_agreement ();

    json_object_set_int_member (agreement, "end_date", 20261231);
    assert_one_error (agreement, RD_ROLE_ISV, "end_date", "20261231", NULL);
  }
}

static void
test_document_types (void)
{
  g_autoptr (JsonObject) template = parse_object ("{ \"type\": \"template\", "
                                                  "\"body\": \"Hi {customer}\" }");
  g_autoptr (JsonObject) untyped = parse_object ("{ \"customer\": \"Example Corp\" }");
  g_autoptr (JsonObject) unknown = parse_object ("{ \"type\": \"invoice\" }");
  g_autoptr (JsonObject) agreement = valid_agreement ();

  assert_no_errors (template, RD_ROLE_ISV);
  assert_one_error (untyped, RD_ROLE_ISV, "type", "type", NULL);
  assert_one_error (unknown, RD_ROLE_ISV, "type", "invoice", NULL);

  /* The document's type decides the rules: an agreement has no FDA rules. */
  json_object_set_string_member (agreement, "start_date", "2010-01-01");
  json_object_set_string_member (agreement, "end_date", "2014-12-31");
  assert_no_errors (agreement, RD_ROLE_ISV);
}

static void
test_many_errors (void)
{
  g_autoptr (JsonObject) offer = valid_offer ();
  g_autoptr (GPtrArray) errors = NULL;
  static const char * const expected[] = {
    "customer", "kind", "buyer_account_id", "renewal_mechanism", "agreement_start_date",
    "offer_expiration_date", "notification_emails", "is_renewal",
  };

  json_object_remove_member (offer, "customer");
  json_object_set_string_member (offer, "kind", "CPPO");
  json_object_set_string_member (offer, "kind", "Resale");
  json_object_set_string_member (offer, "buyer_account_id", "42");
  json_object_set_string_member (offer, "product_type", "container");
  json_object_set_string_member (offer, "offer_expiration_date", "2031-01-01");
  json_object_set_string_member (offer, "agreement_start_date", "2030-01-01");
  json_object_set_string_member (offer, "agreement_end_date", "2030-12-31");
  json_object_remove_member (offer, "payment_schedule");
  json_object_set_array_member (offer, "notification_emails", email_list (12));

  errors = check_offer (offer, RD_ROLE_CHANNEL_PARTNER);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      RdFieldError *e = g_ptr_array_index (errors, i);

      g_assert_cmpstr (e->field, ==, expected[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/offer/valid", test_valid_offer);
  g_test_add_func ("/rules/agreement/valid", test_valid_agreement);
  g_test_add_func ("/rules/fda-start/36-months", test_fda_start_36_months);
  g_test_add_func ("/rules/fda-start/from-today", test_fda_start_from_today);
  g_test_add_func ("/rules/fda-start/leap-day", test_fda_start_leap_day);
  g_test_add_func ("/rules/fda-start/in-past", test_fda_start_in_past);
  g_test_add_func ("/rules/fda-start/only-for-fda", test_fda_rules_only_for_fda);
  g_test_add_func ("/rules/duration/60-months", test_duration_60_months);
  g_test_add_func ("/rules/duration/end-not-after-start", test_duration_end_not_after_start);
  g_test_add_func ("/rules/duration/months-field", test_duration_months_field);
  g_test_add_func ("/rules/mechanism/per-product-type", test_mechanism_per_product_type);
  g_test_add_func ("/rules/mechanism/in-document", test_mechanism_in_document);
  g_test_add_func ("/rules/expiration/before-start", test_expiration_before_start);
  g_test_add_func ("/rules/payment-schedule", test_payment_schedule);
  g_test_add_func ("/rules/emails/count", test_notification_emails_count);
  g_test_add_func ("/rules/emails/malformed", test_notification_emails_malformed);
  g_test_add_func ("/rules/emails/syntax", test_email_syntax);
  g_test_add_func ("/rules/aws-ids/single", test_aws_ids);
  g_test_add_func ("/rules/aws-ids/documents", test_aws_ids_in_documents);
  g_test_add_func ("/rules/is-renewal", test_is_renewal);
  g_test_add_func ("/rules/ace-validated", test_ace_validated);
  g_test_add_func ("/rules/enumerations", test_enumerations);
  g_test_add_func ("/rules/required", test_required_fields);
  g_test_add_func ("/rules/unparsable-dates", test_unparsable_dates);
  g_test_add_func ("/rules/document-types", test_document_types);
  g_test_add_func ("/rules/many-errors", test_many_errors);

  return g_test_run ();
}
