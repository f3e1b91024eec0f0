/* rd-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-demo"

#include "config.h"

#include "rd-date.h"
#include "rd-demo.h"
#include "rd-rules.h"

typedef struct
{
  const char *title;
  const char *type;
  const char *id;
  double      base_value;
} DemoProduct;

static const char *const customers[] = {
  "Alder Logistics", "Brightwater Health", "Cobalt Retail Group", "Dunmore Insurance",
  "Evergreen Energy", "Fairfield Analytics", "Granite Savings Bank", "Helix Biotech",
  "Ironwood Manufacturing", "Juniper Media", "Kestrel Airways", "Larkspur Foods",
  "Marlow Pharmaceuticals", "Northgate University", "Orion Telecom", "Pinecrest Hotels",
  "Quarry Point Mining", "Redwood Credit Union", "Silverline Shipping", "Tidewater Utilities",
  "Umber Games", "Vantage Realty", "Willow Clinics", "Yellowpine Outfitters",
  "Zephyr Mobility", "Ashford County Schools", "Beacon Legal", "Cedar & Stone Architects",
};

static const DemoProduct products[] = {
  { "Sentinel Threat Detection", "saas_contract", "prod-sentinel4x7q2k", 48000 },
  { "Ledgerline Billing", "saas_contract_consumption", "prod-ledgerline8m3p", 36000 },
  { "Pulse Observability", "saas_subscription", "prod-pulseobs5t9w1", 12000 },
  { "VaultGuard Backup (AMI)", "ami_annual", "prod-vaultguard2h6d", 9000 },
  { "Hyperscale Analytics (AMI)", "ami_hourly", "prod-hyperscale7c1r", 0 },
  { "Shipyard Container Platform", "container", "prod-shipyard3n8v4", 24000 },
  { "Migration Readiness Assessment", "professional_services", "prod-migready6k2s", 15000 },
};

static const char *const partners[] = {
  "Bluepeak Consulting", "Meridian Cloud Partners", "Northstar Solutions",
};

static const char *const early_stages[] = { "identified", "outreach", "needs_analysis" };
static const char *const offer_stages[] = { "drafted", "drafted", "published", "needs_analysis" };

static char *
random_token (GRand *rand,
              guint  length)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  GString *s = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    g_string_append_c (s, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
  return g_string_free (s, FALSE);
}

static char *
random_digits (GRand *rand,
               guint  length)
{
  GString *s = g_string_sized_new (length);

  g_string_append_c (s, (char) ('1' + g_rand_int_range (rand, 0, 9)));
  for (guint i = 1; i < length; i++)
    g_string_append_c (s, (char) ('0' + g_rand_int_range (rand, 0, 10)));
  return g_string_free (s, FALSE);
}

/* A UUID from the seeded generator, so that the same seed gives the same ids. */
static char *
random_uuid (GRand *rand)
{
  guint32 w[4];

  for (guint i = 0; i < G_N_ELEMENTS (w); i++)
    w[i] = g_rand_int (rand);
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xfff,
                          0x8000 | (w[2] & 0x3fff), w[2] >> 16, w[3]);
}

static void
set_date (JsonObject  *object,
          const char  *field,
          const GDate *date)
{
  g_autofree char *text = rd_date_format (date);

  json_object_set_string_member (object, field, text);
}

/* An amount in cents, stored as the exact decimal string a user would type. */
static void
set_amount (JsonObject *object,
            const char *member,
            double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  json_object_set_string_member (object, member,
                                 g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

/* What a renewal specialist logs at each touch, by the step it belongs to. */
static const char *const outreach_outcomes[] = {
  "Renewal outreach: asked about plans for the next term",
  "Introduced the renewal timeline to procurement",
  "Confirmed the renewal owner on the buyer's side",
};
static const char *const analysis_outcomes[] = {
  "Needs analysis: usage and growth reviewed",
  "Reviewed seat count and expansion plans",
  "Budget for the next term confirmed",
};
static const char *const drafting_outcomes[] = {
  "Renewal terms discussed",
  "Pricing and duration agreed in principle",
};

/* The touches are drawn from the record's own id, not from the data set's generator, so
 * that a seed still makes the same records, as many, and with the same touches. */
static GRand *
touch_rand_new (JsonObject *record)
{
  return g_rand_new_with_seed (g_str_hash (json_object_get_string_member (record, "_id")));
}

/* Logs a touch on a day from..from + spread_days, never after today. */
static void
add_touch (JsonObject  *record,
           GRand       *rand,
           const GDate *from,
           int          spread_days,
           const GDate *today,
           const char  *type,
           const char  *outcome)
{
  JsonObject *activity = json_object_new ();
  JsonArray *activities;
  GDate day;

  if (!json_object_has_member (record, "activities"))
    json_object_set_array_member (record, "activities", json_array_new ());
  activities = json_object_get_array_member (record, "activities");
  rd_date_add_days_to (from, spread_days > 0 ? g_rand_int_range (rand, 0, spread_days + 1) : 0,
                       &day);
  if (rd_date_compare (&day, today) > 0)
    day = *today;
  set_date (activity, "date", &day);
  json_object_set_string_member (activity, "type", type);
  json_object_set_string_member (activity, "outcome", outcome);
  json_array_add_object_element (activities, activity);
}

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

JsonObject *
rd_demo_make_agreement (GRand       *rand,
                        const GDate *today,
                        int          spread_days)
{
  JsonObject *agreement = json_object_new ();
  const DemoProduct *product = &products[g_rand_int_range (rand, 0, G_N_ELEMENTS (products))];
  const char *customer = customers[g_rand_int_range (rand, 0, G_N_ELEMENTS (customers))];
  gboolean cppo = g_rand_int_range (rand, 0, 100) < 35;
  int months = (int[]) { 12, 12, 12, 24, 36 }[g_rand_int_range (rand, 0, 5)];
  g_autofree char *id = random_uuid (rand);
  g_autofree char *agreement_id = NULL;
  g_autofree char *offer_id = NULL;
  g_autofree char *account = NULL;
  g_autofree char *token = NULL;
  const char *stage;
  GDate end, start;

  /* End dates from today to the end of the spread; every eighth ended in the last year. */
  if (g_rand_int_range (rand, 0, 8) == 0)
    rd_date_add_days_to (today, -g_rand_int_range (rand, 1, 366), &end);
  else
    rd_date_add_days_to (today, g_rand_int_range (rand, 0, spread_days), &end);
  rd_date_add_months_to (&end, -months, &start);
  g_date_add_days (&start, 1);

  token = random_token (rand, 20);
  agreement_id = g_strconcat ("agmt-", token, NULL);
  g_free (token);
  token = random_token (rand, 20);
  offer_id = g_strconcat ("offer-", token, NULL);
  account = random_digits (rand, 12);

  json_object_set_string_member (agreement, "_id", id);
  json_object_set_string_member (agreement, "type", "agreement");
  json_object_set_string_member (agreement, "agreement_id", agreement_id);
  json_object_set_string_member (agreement, "offer_id", offer_id);
  json_object_set_string_member (agreement, "product_id", product->id);
  json_object_set_string_member (agreement, "product_title", product->title);
  json_object_set_string_member (agreement, "product_type", product->type);
  json_object_set_string_member (agreement, "customer", customer);
  json_object_set_string_member (agreement, "buyer_account_id", account);
  json_object_set_string_member (agreement, "isv", "Northwind Software");
  json_object_set_string_member (agreement, "isv_account_id", "284759301122");
  json_object_set_string_member (agreement, "kind", cppo ? "CPPO" : "PO");
  if (cppo)
    {
      g_autofree char *authz = random_token (rand, 20);
      g_autofree char *authz_id = g_strconcat ("resaleauthz-", authz, NULL);
      g_autofree char *partner_account = random_digits (rand, 12);

      json_object_set_string_member (agreement, "channel_partner",
                                     partners[g_rand_int_range (rand, 0,
                                                                G_N_ELEMENTS (partners))]);
      json_object_set_string_member (agreement, "channel_partner_account_id", partner_account);
      json_object_set_string_member (agreement, "resale_authorization_id", authz_id);
    }
  set_date (agreement, "start_date", &start);
  if (g_str_equal (product->type, "ami_hourly"))
    json_object_set_null_member (agreement, "end_date");
  else
    set_date (agreement, "end_date", &end);
  json_object_set_string_member (agreement, "status",
                                 rd_date_compare (&end, today) < 0 ? "EXPIRED" : "ACTIVE");
  set_amount (agreement, "value",
              product->base_value * months / 12.0
              * (0.5 + g_rand_int_range (rand, 0, 300) / 100.0));
  json_object_set_string_member (agreement, "currency", "USD");
  json_object_set_boolean_member (agreement, "auto_renew", g_rand_int_range (rand, 0, 5) == 0);
  stage = early_stages[g_rand_int_range (rand, 0, G_N_ELEMENTS (early_stages))];
  json_object_set_string_member (agreement, "stage", stage);
  /* Outreach means the 120-day touchpoint happened, needs analysis the 90-day one too. */
  if (!g_str_equal (stage, "identified") && !g_str_equal (product->type, "ami_hourly"))
    {
      JsonObject *done = json_object_new ();
      static const int offsets[] = { 120, 90 };
      g_autoptr (GRand) touch = touch_rand_new (agreement);

      for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
        {
          GDate milestone;
          char key[8];

          if (i == 1 && !g_str_equal (stage, "needs_analysis"))
            break;
          rd_date_add_days_to (&end, -offsets[i], &milestone);
          if (rd_date_compare (&milestone, today) > 0)
            break;
          g_snprintf (key, sizeof key, "%d", offsets[i]);
          json_object_set_string_member (done, key, "done");
          /* The specialist's touch that settled the milestone, within days of it. */
          if (i == 0)
            add_touch (agreement, touch, &milestone, 3, today,
                       g_rand_boolean (touch) ? "email" : "call", PICK (touch, outreach_outcomes));
          else
            add_touch (agreement, touch, &milestone, 5, today,
                       g_rand_boolean (touch) ? "call" : "meeting",
                       PICK (touch, analysis_outcomes));
        }
      if (json_object_get_size (done) > 0)
        json_object_set_object_member (agreement, "milestones", done);
      else
        json_object_unref (done);
    }
  return agreement;
}

static JsonObject *
make_offer (GRand       *rand,
            JsonObject  *agreement,
            const GDate *today)
{
  JsonObject *offer = json_object_new ();
  const char *type = json_object_get_string_member (agreement, "product_type");
  gboolean fda = rd_rules_mechanism_allowed (type, "fda");
  int months = (int[]) { 12, 24, 36 }[g_rand_int_range (rand, 0, 3)];
  g_autofree char *id = random_uuid (rand);
  g_autofree char *ace = random_digits (rand, 7);
  g_autofree char *ace_id = g_strconcat ("O", ace, NULL);
  g_autoptr (JsonArray) emails = json_array_new ();
  g_autofree char *contact = NULL;
  GDate end, start, new_end, expiration, drafted;
  const char *customer = json_object_get_string_member (agreement, "customer");
  const char *kind = json_object_get_string_member (agreement, "kind");
  g_autofree char *slug = g_ascii_strdown (customer, -1);
  double agreement_value = g_ascii_strtod (json_object_get_string_member (agreement, "value"),
                                           NULL);

  rd_date_parse (json_object_get_string_member (agreement, "end_date"), &end);
  rd_date_add_days_to (&end, 1, &start);
  rd_date_add_months_to (&start, months, &new_end);
  g_date_subtract_days (&new_end, 1);
  rd_date_add_days_to (&end, -g_rand_int_range (rand, 10, 30), &expiration);
  if (rd_date_compare (&expiration, today) < 0)
    expiration = *today;
  rd_date_add_days_to (today, -g_rand_int_range (rand, 0, 20), &drafted);

  g_strdelimit (slug, " &.", '-');
  contact = g_strdup_printf ("procurement@%s.example", slug);
  json_array_add_string_element (emails, contact);
  json_array_add_string_element (emails, "renewals@northwind.example");

  json_object_set_string_member (offer, "_id", id);
  json_object_set_string_member (offer, "type", "offer");
  json_object_set_string_member (offer, "renews",
                                 json_object_get_string_member (agreement, "_id"));
  set_date (offer, "drafted_on", &drafted);
  json_object_set_string_member (offer, "customer", customer);
  json_object_set_string_member (offer, "buyer_account_id",
                                 json_object_get_string_member (agreement, "buyer_account_id"));
  json_object_set_string_member (offer, "product_title",
                                 json_object_get_string_member (agreement, "product_title"));
  json_object_set_string_member (offer, "product_id",
                                 json_object_get_string_member (agreement, "product_id"));
  json_object_set_string_member (offer, "product_type", type);
  json_object_set_string_member (offer, "kind", kind);
  if (json_object_has_member (agreement, "resale_authorization_id"))
    json_object_set_string_member (offer, "resale_authorization_id",
                                   json_object_get_string_member (agreement,
                                                                  "resale_authorization_id"));
  json_object_set_string_member (offer, "renewal_mechanism", fda ? "fda" : "new_offer");
  set_date (offer, "offer_expiration_date", &expiration);
  set_date (offer, "agreement_start_date", &start);
  set_date (offer, "agreement_end_date", &new_end);
  json_object_set_int_member (offer, "duration_months", months);
  json_object_set_boolean_member (offer, "is_renewal", g_str_equal (kind, "PO"));
  json_object_set_array_member (offer, "notification_emails", json_array_ref (emails));
  json_object_set_string_member (offer, "ace_opportunity_id", ace_id);
  json_object_set_string_member (offer, "ace_stage", "Committed");
  json_object_set_string_member (offer, "stage",
                                 offer_stages[g_rand_int_range (rand, 0,
                                                                G_N_ELEMENTS (offer_stages))]);
  json_object_set_string_member (offer, "scenario",
                                 g_rand_boolean (rand) ? "same_terms" : "price_change");
  set_amount (offer, "value",
              agreement_value * months / 12.0 * (1.0 + g_rand_int_range (rand, 0, 15) / 100.0));
  json_object_set_string_member (offer, "currency", "USD");
  return offer;
}

/* The agreement that renewed predecessor (which ended in the last year): same customer and
 * product, starting the day after it ended, for a year, naming it as its preceding one. */
static JsonObject *
make_successor (GRand       *rand,
                JsonObject  *predecessor,
                const GDate *today)
{
  static const char *const copied[] = {
    "product_id", "product_title", "product_type", "customer", "buyer_account_id", "kind",
    "channel_partner", "channel_partner_account_id", "resale_authorization_id", "currency",
  };
  JsonObject *agreement = rd_demo_make_agreement (rand, today, 30);
  GDate start, end;

  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    if (json_object_has_member (predecessor, copied[i]))
      json_object_set_string_member (agreement, copied[i],
                                     json_object_get_string_member (predecessor, copied[i]));
    else
      json_object_remove_member (agreement, copied[i]);
  json_object_set_string_member (agreement, "preceding_agreement_id",
                                 json_object_get_string_member (predecessor, "agreement_id"));
  rd_date_parse (json_object_get_string_member (predecessor, "end_date"), &start);
  g_date_add_days (&start, 1);
  rd_date_add_months_to (&start, 12, &end);
  g_date_subtract_days (&end, 1);
  set_date (agreement, "start_date", &start);
  set_date (agreement, "end_date", &end);
  json_object_set_string_member (agreement, "status", "ACTIVE");
  json_object_set_double_member (agreement, "value",
                                 json_object_get_double_member (predecessor, "value")
                                 * (1.0 + g_rand_int_range (rand, 0, 10) / 100.0));
  json_object_set_string_member (agreement, "stage", "identified");
  json_object_remove_member (agreement, "milestones");
  json_object_remove_member (agreement, "activities");
  return agreement;
}

/* An offer was touched when it was drafted, and again when it went to the buyer. */
static void
add_offer_touches (JsonObject  *offer,
                   const GDate *today)
{
  g_autoptr (GRand) touch = touch_rand_new (offer);
  const char *stage = json_object_get_string_member (offer, "stage");
  GDate drafted;

  rd_date_parse (json_object_get_string_member (offer, "drafted_on"), &drafted);
  add_touch (offer, touch, &drafted, 0, today, g_rand_boolean (touch) ? "meeting" : "call",
             PICK (touch, drafting_outcomes));
  if (g_str_equal (stage, "published"))
    add_touch (offer, touch, &drafted, rd_date_days_between (&drafted, today), today, "email",
               "Offer sent to the buyer for review");
  else if (g_str_equal (stage, "accepted"))
    add_touch (offer, touch, &drafted, rd_date_days_between (&drafted, today), today, "email",
               "Buyer accepted the renewal offer");
}

gboolean
rd_demo_populate (RdStore     *store,
                  guint        count,
                  guint64      seed,
                  const char  *today,
                  GError     **error)
{
  guint32 seed_words[2] = { (guint32) seed, (guint32) (seed >> 32) };
  g_autoptr (GRand) rand = g_rand_new_with_seed_array (seed_words, 2);
  GDate day;

  if (today == NULL || !rd_date_parse (today, &day))
    rd_date_today (NULL, &day);

  if (!rd_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < count; i++)
    {
      g_autoptr (JsonObject) agreement = rd_demo_make_agreement (rand, &day, 15 * 30);
      g_autofree char *agreement_id = NULL;
      GDate end;
      int renewal;

      /* Of the agreements that ended, about seven in ten were renewed at AWS (a successor
       * agreement, taking the next of the count), one in ten by an offer accepted here, and
       * the rest lapsed: a renewal rate a team would recognise. */
      if (!json_object_get_null_member (agreement, "end_date")
          && g_str_equal (json_object_get_string_member (agreement, "status"), "EXPIRED"))
        {
          renewal = g_rand_int_range (rand, 0, 10);
          if (renewal < 7)
            json_object_set_string_member (agreement, "status", "RENEWED");
        }
      else
        renewal = -1;

      agreement_id = rd_store_insert (store, agreement, error);
      if (agreement_id == NULL)
        goto fail;
      if (renewal >= 0 && renewal < 7 && i + 1 < count)
        {
          g_autoptr (JsonObject) successor = make_successor (rand, agreement, &day);
          g_autofree char *successor_id = rd_store_insert (store, successor, error);

          if (successor_id == NULL)
            goto fail;
          i++;
          continue;
        }
      if (renewal == 7)
        {
          g_autoptr (JsonObject) offer = make_offer (rand, agreement, &day);
          g_autofree char *offer_id = NULL;

          json_object_set_string_member (offer, "stage", "accepted");
          add_offer_touches (offer, &day);
          offer_id = rd_store_insert (store, offer, error);
          if (offer_id == NULL)
            goto fail;
          continue;
        }
      /* A renewal offer for about one agreement in three that ends at least ten days ahead. */
      if (json_object_get_null_member (agreement, "end_date")
          || !rd_date_parse (json_object_get_string_member (agreement, "end_date"), &end)
          || rd_date_days_between (&day, &end) < 10 || g_rand_int_range (rand, 0, 3) != 0)
        continue;
      {
        g_autoptr (JsonObject) offer = make_offer (rand, agreement, &day);
        g_autofree char *offer_id = NULL;

        add_offer_touches (offer, &day);
        offer_id = rd_store_insert (store, offer, error);

        if (offer_id == NULL)
          goto fail;
      }
    }
  return rd_store_commit (store, error);

fail:
  rd_store_rollback (store);
  return FALSE;
}
