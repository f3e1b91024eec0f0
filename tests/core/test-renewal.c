/* test-renewal.c
 *
 * The draft renewal offer per product type, role and kind; the 36-month edge, the leap day;
 * the store call that links agreement and offer; value-adds, ACE hygiene, the last touch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rd-date.h"
#include "rd-milestones.h"
#include "rd-renewal.h"
#include "rd-rules.h"
#include "rd-store.h"

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

static JsonObject *
make_agreement (const char *product_type,
                const char *kind,
                const char *start,
                const char *end)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{ \"type\": \"agreement\", \"agreement_id\": \"agmt-111aaa\","
                          "  \"offer_id\": \"offer-222bbb\", \"product_id\": \"prod-333ccc\","
                          "  \"product_title\": \"Insight Suite\", \"product_type\": \"%s\","
                          "  \"customer\": \"Zürich Ångström AG\","
                          "  \"buyer_account_id\": \"123456789012\", \"kind\": \"%s\","
                          "  \"resale_authorization_id\": \"resaleauthz-777ddd\","
                          "  \"markup_percent\": 4.5,"
                          "  \"start_date\": \"%s\", \"end_date\": \"%s\","
                          "  \"status\": \"ACTIVE\", \"value\": 120000, \"currency\": \"EUR\","
                          "  \"stakeholders\": [ { \"name\": \"Ana\", \"role\": \"aws_cam\","
                          "    \"organisation\": \"aws\", \"email\": \"ana@example.com\" } ] }",
                          product_type, kind, start, end);
  return parse_object (json);
}

static void
init_ctx (RdRulesContext *ctx,
          RdRole          role,
          const char     *today)
{
  rd_rules_context_init (ctx, role);
  g_assert_true (rd_date_parse (today, &ctx->today));
}

static const char *
get_str (JsonObject *object,
         const char *field)
{
  if (!json_object_has_member (object, field)
      || JSON_NODE_HOLDS_NULL (json_object_get_member (object, field)))
    return NULL;
  return json_object_get_string_member (object, field);
}

static void
assert_valid (JsonObject           *offer,
              const RdRulesContext *ctx)
{
  g_autoptr (GPtrArray) errors = rd_rules_check_document (offer, ctx);

  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);

      g_test_message ("%s: %s", error->field, error->message);
    }
  g_assert_cmpuint (errors->len, ==, 0);
}

static void
test_renewal_saas_fda (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  RdRulesContext ctx;
  JsonObject *milestones;

  init_ctx (&ctx, RD_ROLE_ISV, "2026-03-01");
  agreement = make_agreement ("saas_contract", "PO", "2025-07-01", "2026-06-30");
  offer = rd_renewal_build_offer (agreement, "agreement-record-1", &ctx);

  g_assert_cmpstr (get_str (offer, "type"), ==, "offer");
  g_assert_cmpstr (get_str (offer, "renews"), ==, "agreement-record-1");
  g_assert_cmpstr (get_str (offer, "renewal_mechanism"), ==, "fda");
  g_assert_cmpstr (get_str (offer, "agreement_start_date"), ==, "2026-07-01");
  g_assert_cmpstr (get_str (offer, "agreement_end_date"), ==, "2027-06-30");
  g_assert_cmpint (json_object_get_int_member (offer, "duration_months"), ==, 12);
  g_assert_cmpstr (get_str (offer, "offer_expiration_date"), ==, "2026-06-17");
  g_assert_cmpstr (get_str (offer, "stage"), ==, "drafted");
  g_assert_cmpstr (get_str (offer, "drafted_on"), ==, "2026-03-01");
  g_assert_cmpstr (get_str (offer, "customer"), ==, "Zürich Ångström AG");
  g_assert_cmpstr (get_str (offer, "buyer_account_id"), ==, "123456789012");
  g_assert_cmpstr (get_str (offer, "product_id"), ==, "prod-333ccc");
  g_assert_cmpstr (get_str (offer, "currency"), ==, "EUR");
  g_assert_cmpfloat (json_object_get_double_member (offer, "value"), ==, 120000);
  g_assert_true (json_object_get_boolean_member (offer, "is_renewal"));
  /* Resale fields stay with CPPOs; the agreement's own IDs are not the new offer's. */
  g_assert_false (json_object_has_member (offer, "resale_authorization_id"));
  g_assert_false (json_object_has_member (offer, "markup_percent"));
  g_assert_false (json_object_has_member (offer, "agreement_id"));
  g_assert_false (json_object_has_member (offer, "offer_id"));
  g_assert_true (json_object_has_member (offer, "stakeholders"));

  milestones = json_object_get_object_member (offer, "milestones");
  g_assert_nonnull (milestones);
  g_assert_false (json_object_get_boolean_member (milestones, "120"));
  g_assert_false (json_object_get_boolean_member (milestones, "90"));
  g_assert_false (json_object_get_boolean_member (milestones, "60"));

  assert_valid (offer, &ctx);
}

static void
test_renewal_consumption_fda (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  RdRulesContext ctx;

  init_ctx (&ctx, RD_ROLE_ISV, "2026-03-01");
  agreement = make_agreement ("saas_contract_consumption", "PO", "2024-04-01", "2027-03-31");
  offer = rd_renewal_build_offer (agreement, "a", &ctx);

  g_assert_cmpstr (get_str (offer, "renewal_mechanism"), ==, "fda");
  g_assert_cmpstr (get_str (offer, "agreement_start_date"), ==, "2027-04-01");
  g_assert_cmpint (json_object_get_int_member (offer, "duration_months"), ==, 36);
  g_assert_cmpstr (get_str (offer, "agreement_end_date"), ==, "2030-03-31");
  assert_valid (offer, &ctx);
}

static void
test_renewal_new_offer_types (void)
{
  const char *types[] = { "ami_annual", "ami_hourly", "container", "professional_services",
                          "saas_subscription" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr (JsonObject) agreement = NULL;
      g_autoptr (JsonObject) offer = NULL;
      RdRulesContext ctx;

      init_ctx (&ctx, RD_ROLE_ISV, "2026-03-01");
      agreement = make_agreement (types[i], "PO", "2025-07-01", "2026-06-30");
      offer = rd_renewal_build_offer (agreement, "a", &ctx);

      g_assert_cmpstr (get_str (offer, "renewal_mechanism"), ==, "new_offer");
      g_assert_false (json_object_has_member (offer, "agreement_start_date"));
      g_assert_cmpint (json_object_get_int_member (offer, "duration_months"), ==, 12);
      /* Accept before the current agreement ends. */
      g_assert_cmpstr (get_str (offer, "offer_expiration_date"), ==, "2026-06-16");
      assert_valid (offer, &ctx);
    }
}

static void
test_renewal_roles_and_kinds (void)
{
  const struct
  {
    RdRole      role;
    const char *kind;
    gboolean    is_renewal;
  } cases[] = {
    { RD_ROLE_ISV, "PO", TRUE },
    { RD_ROLE_ISV, "CPPO", FALSE },
    { RD_ROLE_CHANNEL_PARTNER, "PO", FALSE },
    { RD_ROLE_CHANNEL_PARTNER, "CPPO", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) agreement = NULL;
      g_autoptr (JsonObject) offer = NULL;
      gboolean is_cppo = g_str_equal (cases[i].kind, "CPPO");
      RdRulesContext ctx;

      init_ctx (&ctx, cases[i].role, "2026-03-01");
      agreement = make_agreement ("saas_contract", cases[i].kind, "2025-07-01", "2026-06-30");
      offer = rd_renewal_build_offer (agreement, "a", &ctx);

      g_assert_cmpstr (get_str (offer, "kind"), ==, cases[i].kind);
      g_assert_cmpint (json_object_has_member (offer, "is_renewal"), ==, cases[i].is_renewal);
      g_assert_cmpint (json_object_has_member (offer, "resale_authorization_id"), ==, is_cppo);
      g_assert_cmpint (json_object_has_member (offer, "markup_percent"), ==, is_cppo);
      assert_valid (offer, &ctx);
    }
}

static void
test_renewal_36_month_edge (void)
{
  const struct
  {
    const char *today;
    const char *end;
    const char *mechanism;
  } cases[] = {
    /* FDA start 2029-03-01 = today + 36 months: allowed. */
    { "2026-03-01", "2029-02-28", "fda" },
    /* One day later is beyond the limit: a replacement offer. */
    { "2026-03-01", "2029-03-01", "replacement" },
    /* Ended yesterday: the FDA would start today, and no offer could expire before. */
    { "2026-03-01", "2026-02-28", "replacement" },
    /* Ended long ago. */
    { "2026-03-01", "2025-12-31", "replacement" },
    /* Ends today: the FDA starts tomorrow; the offer expires today. */
    { "2026-03-01", "2026-03-01", "fda" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) agreement = NULL;
      g_autoptr (JsonObject) offer = NULL;
      RdRulesContext ctx;
      GDate expiration, today;

      init_ctx (&ctx, RD_ROLE_ISV, cases[i].today);
      agreement = make_agreement ("saas_contract", "PO", "2023-01-01", cases[i].end);
      offer = rd_renewal_build_offer (agreement, "a", &ctx);

      g_test_message ("end %s", cases[i].end);
      g_assert_cmpstr (get_str (offer, "renewal_mechanism"), ==, cases[i].mechanism);
      g_assert_true (rd_date_parse (get_str (offer, "offer_expiration_date"), &expiration));
      g_assert_true (rd_date_parse (cases[i].today, &today));
      g_assert_cmpint (g_date_compare (&expiration, &today), >=, 0);
      if (g_str_equal (cases[i].mechanism, "replacement"))
        g_assert_false (json_object_has_member (offer, "agreement_start_date"));
      assert_valid (offer, &ctx);
    }
}

static void
test_renewal_leap_day (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) agreement2 = NULL;
  g_autoptr (JsonObject) offer2 = NULL;
  RdRulesContext ctx;

  /* Ends the day before a leap day: the renewal starts on 2028-02-29. */
  init_ctx (&ctx, RD_ROLE_ISV, "2027-06-01");
  agreement = make_agreement ("saas_contract", "PO", "2027-02-28", "2028-02-28");
  offer = rd_renewal_build_offer (agreement, "a", &ctx);
  g_assert_cmpstr (get_str (offer, "renewal_mechanism"), ==, "fda");
  g_assert_cmpstr (get_str (offer, "agreement_start_date"), ==, "2028-02-29");
  g_assert_cmpint (json_object_get_int_member (offer, "duration_months"), ==, 12);
  g_assert_cmpstr (get_str (offer, "offer_expiration_date"), ==, "2028-02-15");
  assert_valid (offer, &ctx);

  /* Starts on a leap day and runs 36 months: 2024-02-29 to 2027-02-28. */
  init_ctx (&ctx, RD_ROLE_ISV, "2026-03-01");
  agreement2 = make_agreement ("saas_contract", "PO", "2024-02-29", "2027-02-28");
  offer2 = rd_renewal_build_offer (agreement2, "a", &ctx);
  g_assert_cmpint (json_object_get_int_member (offer2, "duration_months"), ==, 36);
  g_assert_cmpstr (get_str (offer2, "agreement_start_date"), ==, "2027-03-01");
  g_assert_cmpstr (get_str (offer2, "agreement_end_date"), ==, "2030-02-28");
  assert_valid (offer2, &ctx);
}

static void
test_renewal_term_months (void)
{
  g_assert_cmpint (rd_renewal_term_months ("2025-01-01", "2025-12-31"), ==, 12);
  g_assert_cmpint (rd_renewal_term_months ("2025-01-15", "2026-01-14"), ==, 12);
  g_assert_cmpint (rd_renewal_term_months ("2025-01-01", "2025-01-31"), ==, 1);
  g_assert_cmpint (rd_renewal_term_months ("2025-01-01", "2025-01-10"), ==, 1);
  g_assert_cmpint (rd_renewal_term_months ("2025-01-01", "2025-07-20"), ==, 7);
  g_assert_cmpint (rd_renewal_term_months ("2020-01-01", "2029-12-31"), ==, 60);
  g_assert_cmpint (rd_renewal_term_months ("2025-01-01", NULL), ==, 12);
  g_assert_cmpint (rd_renewal_term_months ("2025-06-01", "2025-01-01"), ==, 12);
  g_assert_cmpint (rd_renewal_term_months ("2024-02-29", "2025-02-28"), ==, 12);
}

static void
test_renewal_no_end_date (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  RdRulesContext ctx;

  init_ctx (&ctx, RD_ROLE_CHANNEL_PARTNER, "2026-03-01");
  agreement = parse_object ("{ \"type\": \"agreement\", \"customer\": \"PayGo Ltd\","
                            "  \"kind\": \"PO\", \"product_type\": \"saas_contract\","
                            "  \"start_date\": \"2025-01-01\", \"end_date\": null }");
  offer = rd_renewal_build_offer (agreement, "a", &ctx);
  g_assert_cmpstr (get_str (offer, "renewal_mechanism"), ==, "replacement");
  g_assert_cmpstr (get_str (offer, "offer_expiration_date"), ==, "2026-03-31");
  g_assert_cmpint (json_object_get_int_member (offer, "duration_months"), ==, 12);
  assert_valid (offer, &ctx);
}

static void
test_renewal_create_in_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *agreement_id = NULL;
  g_autofree char *offer_id = NULL;
  g_autofree char *again = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (RdRecord) linked = NULL;
  RdRulesContext ctx;

  dir = g_dir_make_tmp ("rd-test-renewal-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "renewals.db", NULL);
  store = rd_store_open (path, &error);
  g_assert_no_error (error);

  init_ctx (&ctx, RD_ROLE_ISV, "2026-03-01");
  agreement = make_agreement ("saas_contract", "PO", "2025-07-01", "2026-06-30");
  agreement_id = rd_store_insert (store, agreement, &error);
  g_assert_no_error (error);

  /* Drafting stores nothing: the user may still drop the draft. */
  {
    g_autoptr (JsonObject) draft = rd_renewal_draft (store, agreement_id, &ctx, &error);
    g_autoptr (RdRecord) unlinked = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (draft);
    g_assert_cmpstr (json_object_get_string_member (draft, "renews"), ==, agreement_id);
    g_assert_cmpstr (json_object_get_string_member (draft, "drafted_on"), ==, "2026-03-01");
    g_assert_cmpuint (rd_store_count (store, "offer"), ==, 0);
    unlinked = rd_store_get (store, agreement_id, &error);
    g_assert_no_error (error);
    g_assert_null (rd_record_get_string (unlinked, "renewal_offer_id"));
  }

  offer_id = rd_renewal_create (store, agreement_id, &ctx, &error);
  g_assert_no_error (error);
  g_assert_nonnull (offer_id);

  offer = rd_store_get (store, offer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_string (offer, "renews"), ==, agreement_id);
  linked = rd_store_get (store, agreement_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_string (linked, "renewal_offer_id"), ==, offer_id);

  /* A second Renew does not draft a second offer. */
  again = rd_renewal_create (store, agreement_id, &ctx, &error);
  g_assert_error (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_ALREADY_RENEWED);
  g_assert_null (again);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count (store, "offer"), ==, 1);

  /* A draft saved after someone else renewed the agreement is refused, and nothing is
   * written. */
  {
    g_autoptr (JsonObject) late = json_object_new ();

    json_object_set_string_member (late, "type", "offer");
    json_object_set_string_member (late, "renews", agreement_id);
    g_assert_null (rd_renewal_insert_offer (store, late, &error));
    g_assert_error (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_ALREADY_RENEWED);
    g_clear_error (&error);
    g_assert_cmpuint (rd_store_count (store, "offer"), ==, 1);
  }

  /* An offer cannot be renewed. */
  g_assert_null (rd_renewal_create (store, offer_id, &ctx, &error));
  g_assert_error (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_NOT_AN_AGREEMENT);
  g_clear_error (&error);

  /* Drafted: the agreement's milestones stay as they are. Accepted: they are all done. */
  {
    g_autoptr (RdRecord) before = rd_store_get (store, agreement_id, NULL);
    g_autoptr (RdRecord) after = NULL;
    g_autoptr (JsonObject) accepted = rd_record_dup_body (offer);
    JsonObject *milestones;

    g_assert_false (json_object_has_member (rd_record_get_body (before), "milestones"));
    g_assert_cmpstr (rd_record_get_string (before, "renewal_stage"), ==, "drafted");
    g_assert_true (rd_renewal_update_agreement (store, rd_record_get_body (offer), &error));
    g_assert_no_error (error);
    g_clear_object (&before);
    before = rd_store_get (store, agreement_id, NULL);
    g_assert_false (json_object_has_member (rd_record_get_body (before), "milestones"));
    g_assert_false (rd_milestones_agreement_settled (rd_record_get_body (before)));

    json_object_set_string_member (accepted, "stage", "accepted");
    g_assert_true (rd_renewal_update_agreement (store, accepted, &error));
    g_assert_no_error (error);
    after = rd_store_get (store, agreement_id, NULL);
    milestones = json_object_get_object_member (rd_record_get_body (after), "milestones");
    g_assert_cmpstr (json_object_get_string_member (milestones, "120"), ==, "done");
    g_assert_cmpstr (json_object_get_string_member (milestones, "90"), ==, "done");
    g_assert_cmpstr (json_object_get_string_member (milestones, "60"), ==, "done");
    g_assert_cmpstr (rd_record_get_string (after, "renewal_offer_id"), ==, offer_id);
    g_assert_cmpstr (rd_record_get_string (after, "renewal_stage"), ==, "accepted");
    g_assert_true (rd_milestones_agreement_settled (rd_record_get_body (after)));
  }

  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

static void
test_renewal_stamp_drafted_on (void)
{
  g_autoptr (JsonObject) offer = json_object_new ();
  g_autoptr (JsonObject) agreement = json_object_new ();
  GDate today;

  g_date_set_dmy (&today, 2, G_DATE_MARCH, 2026);
  json_object_set_string_member (offer, "type", "offer");
  json_object_set_string_member (agreement, "type", "agreement");

  rd_renewal_stamp_drafted_on (offer, &today);
  rd_renewal_stamp_drafted_on (agreement, &today);
  g_assert_cmpstr (json_object_get_string_member (offer, "drafted_on"), ==, "2026-03-02");
  g_assert_false (json_object_has_member (agreement, "drafted_on"));

  /* Once only: the 36-month rule counts from the first draft. */
  g_date_set_dmy (&today, 1, G_DATE_APRIL, 2027);
  rd_renewal_stamp_drafted_on (offer, &today);
  g_assert_cmpstr (json_object_get_string_member (offer, "drafted_on"), ==, "2026-03-02");
}

static char *
dup_total (JsonObject *body,
           RdMoney    *value_adds)
{
  RdMoney total;

  if (!rd_renewal_total_money (body, &total, value_adds))
    return NULL;
  return rd_money_to_string (&total);
}

static void
test_renewal_value_adds (void)
{
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) agreement = NULL;
  g_autofree char *total = NULL;
  g_autofree char *adds_text = NULL;
  RdMoney adds;

  offer = parse_object ("{ \"type\": \"offer\", \"value\": 1000,"
                        "  \"value_adds\": [ { \"description\": \"Training\", \"amount\": 250 },"
                        "                    { \"description\": \"Support\", \"amount\": 99.5 },"
                        "                    { \"description\": \"No amount\" }, 17 ] }");
  total = dup_total (offer, &adds);
  g_assert_cmpstr (total, ==, "1349.5");
  adds_text = rd_money_to_string (&adds);
  g_assert_cmpstr (adds_text, ==, "349.5");

  /* An agreement's value is what AWS reports: value-adds are an offer's. */
  agreement = parse_object ("{ \"type\": \"agreement\", \"value\": 1000,"
                            "  \"value_adds\": [ { \"amount\": 5 } ] }");
  g_clear_pointer (&total, g_free);
  total = dup_total (agreement, NULL);
  g_assert_cmpstr (total, ==, "1000");

  /* For display, what is no amount is left out; nothing at all is FALSE. */
  g_clear_pointer (&offer, json_object_unref);
  offer = parse_object ("{ \"type\": \"offer\", \"value\": \"lots\","
                        "  \"value_adds\": [ { \"amount\": \"0.1\" }, { \"amount\": \"x\" } ] }");
  g_clear_pointer (&total, g_free);
  total = dup_total (offer, NULL);
  g_assert_cmpstr (total, ==, "0.1");
  g_clear_pointer (&offer, json_object_unref);
  offer = parse_object ("{ \"type\": \"offer\" }");
  g_assert_null (dup_total (offer, NULL));
}

/* growth as rd_renewal_ace_state() sets it, as text. */
static char *
dup_ace_growth (JsonObject *offer,
                JsonObject *agreement,
                RdAceState *state)
{
  RdMoney growth;

  *state = rd_renewal_ace_state (offer, agreement, &growth);
  return rd_money_to_string (&growth);
}

static void
test_renewal_ace (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) growth = NULL;
  g_autoptr (JsonObject) growth_by_value_add = NULL;
  g_autoptr (JsonObject) flat = NULL;
  g_autoptr (JsonObject) closed = NULL;
  g_autoptr (JsonObject) no_ace = NULL;
  g_autofree char *growth_text = NULL;
  RdAceState state;
  GDate today;

  agreement = parse_object ("{ \"type\": \"agreement\", \"value\": 1000, \"currency\": \"USD\" }");
  growth = parse_object ("{ \"type\": \"offer\", \"value\": 1100, \"ace_stage\": \"Committed\","
                         "  \"ace_opportunity_id\": \"O7654321\", \"currency\": \"USD\","
                         "  \"stage\": \"drafted\", \"ace_reviewed_on\": \"2026-02-23\" }");
  growth_by_value_add = parse_object ("{ \"type\": \"offer\", \"value\": 1000,"
                                      "  \"currency\": \"USD\","
                                      "  \"ace_opportunity_id\": \"O7654321\","
                                      "  \"ace_stage\": \"Qualified\","
                                      "  \"value_adds\": [ { \"amount\": 1 } ] }");
  flat = parse_object ("{ \"type\": \"offer\", \"value\": 1000, \"stage\": \"accepted\","
                       "  \"currency\": \"USD\","
                       "  \"ace_opportunity_id\": \"O7654321\", \"ace_stage\": \"Qualified\" }");
  closed = parse_object ("{ \"type\": \"offer\", \"value\": 5000, \"currency\": \"USD\","
                         "  \"ace_opportunity_id\": \"O7654321\","
                         "  \"ace_stage\": \"Closed Lost\","
                         "  \"ace_reviewed_on\": \"2026-02-24\" }");
  /* Growth with a value-add but no ACE opportunity is not a validated ACE opportunity. */
  no_ace = parse_object ("{ \"type\": \"offer\", \"value\": 1000, \"currency\": \"USD\","
                         "  \"value_adds\": [ { \"amount\": 500 } ] }");

  g_assert_true (rd_renewal_ace_validated (growth, agreement));
  g_assert_true (rd_renewal_ace_validated (growth_by_value_add, agreement));
  g_assert_false (rd_renewal_ace_validated (flat, agreement));
  g_assert_false (rd_renewal_ace_validated (closed, agreement));
  g_assert_false (rd_renewal_ace_validated (growth, NULL));
  g_assert_false (rd_renewal_ace_validated (no_ace, agreement));

  growth_text = dup_ace_growth (growth, agreement, &state);
  g_assert_cmpint (state, ==, RD_ACE_STATE_VALIDATED);
  g_assert_cmpstr (growth_text, ==, "100");
  g_clear_pointer (&growth_text, g_free);
  growth_text = dup_ace_growth (no_ace, agreement, &state);
  g_assert_cmpint (state, ==, RD_ACE_STATE_NO_OPPORTUNITY);
  g_assert_cmpstr (growth_text, ==, "500");
  g_assert_cmpint (rd_renewal_ace_state (closed, agreement, NULL), ==, RD_ACE_STATE_CLOSED);
  g_assert_cmpint (rd_renewal_ace_state (flat, agreement, NULL), ==, RD_ACE_STATE_NO_GROWTH);
  g_assert_cmpint (rd_renewal_ace_state (growth, NULL, NULL), ==,
                   RD_ACE_STATE_NO_RENEWED_AGREEMENT);

  g_assert_true (rd_date_parse ("2026-03-02", &today));
  /* Reviewed 7 days ago: due again. Six days ago: not yet. */
  g_assert_true (rd_renewal_ace_review_due (growth, &today));
  g_assert_false (rd_renewal_ace_review_due (closed, &today));
  g_assert_true (rd_renewal_ace_review_due (growth_by_value_add, &today));
  /* Closed renewals leave the review list. */
  g_assert_false (rd_renewal_ace_review_due (flat, &today));
}

/* An offer O7654321 at stage Committed with the given value members, against an agreement. */
static RdAceState
ace_state_of (const char  *offer_members,
              const char  *agreement_members,
              char       **growth_text)
{
  g_autofree char *offer_json = NULL;
  g_autofree char *agreement_json = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) agreement = NULL;
  RdAceState state;

  offer_json = g_strdup_printf ("{ \"type\": \"offer\", \"ace_opportunity_id\": \"O7654321\","
                                "  \"ace_stage\": \"Committed\"%s%s }",
                                *offer_members != '\0' ? ", " : "", offer_members);
  agreement_json = g_strdup_printf ("{ \"type\": \"agreement\"%s%s }",
                                    *agreement_members != '\0' ? ", " : "",
                                    agreement_members);
  offer = parse_object (offer_json);
  agreement = parse_object (agreement_json);
  *growth_text = dup_ace_growth (offer, agreement, &state);
  return state;
}

static void
assert_ace (const char *offer_members,
            const char *agreement_members,
            RdAceState  expected_state,
            const char *expected_growth)
{
  g_autofree char *growth = NULL;

  g_assert_cmpint (ace_state_of (offer_members, agreement_members, &growth), ==,
                   expected_state);
  g_assert_cmpstr (growth, ==, expected_growth);
}

/* Growth is compared on the decimal strings: each case marked "double" comes out otherwise
 * when the amounts go through doubles. */
static void
test_renewal_ace_exact (void)
{
  /* 2^53 + 1 is no double: both read as 9007199254740992. double: no growth. */
  assert_ace ("\"value\": \"9007199254740993.01\", \"currency\": \"USD\"",
              "\"value\": \"9007199254740993.00\", \"currency\": \"USD\"",
              RD_ACE_STATE_VALIDATED, "0.01");
  /* double: growth of 2 (…994 against …992). */
  assert_ace ("\"value\": \"9007199254740993\", \"currency\": \"USD\"",
              "\"value\": \"9007199254740993\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_GROWTH, "0");
  /* 0.1 + 0.2 is 0.30000000000000004 as doubles: more than 0.3, validated. */
  assert_ace ("\"value\": \"0.1\", \"currency\": \"EUR\","
              "\"value_adds\": [ { \"amount\": \"0.2\" } ]",
              "\"value\": \"0.3\", \"currency\": \"EUR\"",
              RD_ACE_STATE_NO_GROWTH, "0.0");
  /* Ten value-adds of 0.1 are 0.9999999999999999 as doubles: less than 1, no growth. */
  assert_ace ("\"value\": \"1000\", \"currency\": \"EUR\", \"value_adds\": ["
              "{ \"amount\": \"0.1\" }, { \"amount\": \"0.1\" }, { \"amount\": \"0.1\" },"
              "{ \"amount\": \"0.1\" }, { \"amount\": \"0.1\" }, { \"amount\": \"0.1\" },"
              "{ \"amount\": \"0.1\" }, { \"amount\": \"0.1\" }, { \"amount\": \"0.1\" },"
              "{ \"amount\": \"0.1\" } ]",
              "\"value\": \"1000.99999999\", \"currency\": \"EUR\"",
              RD_ACE_STATE_VALIDATED, "0.00000001");
  /* Equal in value, not in writing: no growth. */
  assert_ace ("\"value\": \"120000.50\", \"currency\": \"USD\"",
              "\"value\": \"120000.5\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_GROWTH, "0.00");
  /* Less: negative growth, not validated. */
  assert_ace ("\"value\": \"99999.99\", \"currency\": \"USD\"",
              "\"value\": \"100000\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_GROWTH, "-0.01");
  /* The largest amounts, and an older client's JSON number against a string. */
  assert_ace ("\"value\": \"999999999999999999.99999999\", \"currency\": \"USD\"",
              "\"value\": \"-999999999999999999.99999999\", \"currency\": \"USD\"",
              RD_ACE_STATE_VALIDATED, "1999999999999999999.99999998");
  assert_ace ("\"value\": 93225, \"currency\": \"USD\"",
              "\"value\": \"93224.99\", \"currency\": \"USD\"",
              RD_ACE_STATE_VALIDATED, "0.01");
  /* Neither has a currency: one unknown currency, compared. */
  assert_ace ("\"value\": \"12000\"", "\"value\": \"0\"", RD_ACE_STATE_VALIDATED, "12000");
}

/* Amounts that cannot be compared are their own states, never a growth. */
static void
test_renewal_ace_not_comparable (void)
{
  /* Like with like only: a currency against another, or against none. */
  assert_ace ("\"value\": \"120000\", \"currency\": \"EUR\"",
              "\"value\": \"100000\", \"currency\": \"USD\"",
              RD_ACE_STATE_CURRENCY_MISMATCH, "0");
  assert_ace ("\"value\": \"120000\", \"currency\": \"USD\"",
              "\"value\": \"100000\", \"currency\": \"\"",
              RD_ACE_STATE_CURRENCY_MISMATCH, "0");
  assert_ace ("\"value\": \"120000\"",
              "\"value\": \"100000\", \"currency\": \"USD\"",
              RD_ACE_STATE_CURRENCY_MISMATCH, "0");
  assert_ace ("\"value\": \"120000\", \"currency\": \"usd\"",
              "\"value\": \"100000\", \"currency\": \"USD\"",
              RD_ACE_STATE_CURRENCY_MISMATCH, "0");

  /* The offer's value missing, not an amount, or a value-add's amount not one. */
  assert_ace ("\"currency\": \"USD\", \"value_adds\": [ { \"amount\": \"500\" } ]",
              "\"value\": \"100\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_RENEWAL_VALUE, "0");
  assert_ace ("\"value\": \"1,200\", \"currency\": \"USD\"",
              "\"value\": \"100\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_RENEWAL_VALUE, "0");
  assert_ace ("\"value\": null, \"currency\": \"USD\"",
              "\"value\": \"100\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_RENEWAL_VALUE, "0");
  assert_ace ("\"value\": \"1200\", \"currency\": \"USD\","
              "\"value_adds\": [ { \"amount\": \"1e3\" } ]",
              "\"value\": \"100\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_RENEWAL_VALUE, "0");
  /* A value-add without an amount is no amount given, not a wrong one. */
  assert_ace ("\"value\": \"1200\", \"currency\": \"USD\","
              "\"value_adds\": [ { \"description\": \"Training\" },"
              "                  { \"amount\": null }, { \"amount\": \"0.5\" } ]",
              "\"value\": \"100\", \"currency\": \"USD\"",
              RD_ACE_STATE_VALIDATED, "1100.5");

  /* The renewed agreement's value missing or not an amount. */
  assert_ace ("\"value\": \"1200\", \"currency\": \"USD\"", "\"currency\": \"USD\"",
              RD_ACE_STATE_NO_PRECEDING_VALUE, "0");
  assert_ace ("\"value\": \"1200\", \"currency\": \"USD\"",
              "\"value\": \"NaN\", \"currency\": \"USD\"",
              RD_ACE_STATE_NO_PRECEDING_VALUE, "0");
  assert_ace ("\"value\": \"1200\", \"currency\": \"USD\"",
              "\"value\": true, \"currency\": \"USD\"",
              RD_ACE_STATE_NO_PRECEDING_VALUE, "0");

  /* The opportunity comes first: its missing ID is said before any amount. */
  {
    g_autoptr (JsonObject) offer = parse_object ("{ \"type\": \"offer\" }");
    g_autoptr (JsonObject) agreement = parse_object ("{ \"type\": \"agreement\" }");

    g_assert_cmpint (rd_renewal_ace_state (offer, agreement, NULL), ==,
                     RD_ACE_STATE_NO_OPPORTUNITY);
  }
}

static void
test_renewal_last_touch (void)
{
  g_autoptr (JsonObject) record = NULL;
  g_autoptr (JsonObject) empty = NULL;
  g_autofree char *touch = NULL;

  record = parse_object ("{ \"type\": \"offer\", \"activities\": ["
                         "  { \"date\": \"2026-02-10\", \"type\": \"call\" },"
                         "  { \"date\": \"2026-02-20\", \"type\": \"meeting\","
                         "    \"note\": \"QBR\" },"
                         "  { \"date\": \"2026-02-15\", \"type\": \"email\" } ] }");
  touch = rd_renewal_dup_last_touch (record);
  g_assert_cmpstr (touch, ==, "2026-02-20 · Meeting");

  empty = parse_object ("{ \"type\": \"offer\", \"activities\": [] }");
  g_assert_null (rd_renewal_dup_last_touch (empty));
}

static void
test_renewal_stakeholders_mailto (void)
{
  g_autoptr (JsonObject) record = NULL;
  g_autofree char *uri = NULL;

  record = parse_object ("{ \"type\": \"offer\", \"stakeholders\": ["
                         "  { \"name\": \"A\", \"email\": \"a@example.com\" },"
                         "  { \"name\": \"B\", \"email\": \"not an address\" },"
                         "  { \"name\": \"C\", \"email\": \"A@Example.com\" },"
                         "  { \"name\": \"D\", \"email\": \"d+renewals@example.org\" },"
                         "  { \"name\": \"E\" } ] }");
  uri = rd_renewal_dup_stakeholders_mailto (record);
  g_assert_cmpstr (uri, ==, "mailto:a@example.com,d%2Brenewals@example.org");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renewal/saas-fda", test_renewal_saas_fda);
  g_test_add_func ("/renewal/consumption-fda", test_renewal_consumption_fda);
  g_test_add_func ("/renewal/new-offer-types", test_renewal_new_offer_types);
  g_test_add_func ("/renewal/roles-and-kinds", test_renewal_roles_and_kinds);
  g_test_add_func ("/renewal/36-month-edge", test_renewal_36_month_edge);
  g_test_add_func ("/renewal/leap-day", test_renewal_leap_day);
  g_test_add_func ("/renewal/term-months", test_renewal_term_months);
  g_test_add_func ("/renewal/no-end-date", test_renewal_no_end_date);
  g_test_add_func ("/renewal/create-in-store", test_renewal_create_in_store);
  g_test_add_func ("/renewal/stamp-drafted-on", test_renewal_stamp_drafted_on);
  g_test_add_func ("/renewal/value-adds", test_renewal_value_adds);
  g_test_add_func ("/renewal/ace", test_renewal_ace);
  g_test_add_func ("/renewal/ace-exact", test_renewal_ace_exact);
  g_test_add_func ("/renewal/ace-not-comparable", test_renewal_ace_not_comparable);
  g_test_add_func ("/renewal/last-touch", test_renewal_last_touch);
  g_test_add_func ("/renewal/stakeholders-mailto", test_renewal_stakeholders_mailto);

  return g_test_run ();
}
