/* rd-offer-changeset.c
 *
 * The change types and their DetailsDocument members follow AWS's Catalog API reference,
 * "Work with private offers" and "Work with channel partner private offers"; each mapping
 * quotes the sentence of the reference it relies on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-offer-changeset"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-offer-changeset.h"
#include "rd-offer-changeset-schema.h"
#include "rd-record.h"
#include "rd-renewal.h"

/* "Name ... Length must be between 1 and 150 characters" */
#define NAME_MAX_CHARS 150

static void
add_error (GPtrArray  *errors,
           const char *field,
           char       *message)
{
  RdFieldError *error = g_new0 (RdFieldError, 1);

  error->field = g_strdup (field);
  error->message = message;
  g_ptr_array_add (errors, error);
}

static gboolean
is_cppo (JsonObject *offer)
{
  return g_strcmp0 (rd_json_get_string (offer, "kind"), "CPPO") == 0;
}

static JsonNode *
get_node (JsonObject *object,
          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = get_node (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* An amount as the decimal string AWS wants: strings stay as typed (amounts are exact
 * decimal strings), numbers written by older clients get at most max_decimals digits. */
static char *
format_amount (JsonNode *node,
               int       max_decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];
  double value;
  char *text;
  gsize len;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strstrip (g_strdup (json_node_get_string (node)));
  if (json_node_get_value_type (node) != G_TYPE_DOUBLE
      && json_node_get_value_type (node) != G_TYPE_INT64)
    return NULL;

  value = json_node_get_double (node);
  g_snprintf (format, sizeof format, "%%.%df", max_decimals);
  text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
  /* Money is never rounded silently: an amount finer than AWS takes goes out as it is, and
   * the schema check refuses it. */
  if (fabs (g_ascii_strtod (text, NULL) - value) > 1e-9 * MAX (1.0, fabs (value)))
    {
      g_free (text);
      return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
    }
  /* Trailing zeros beyond the cents say nothing: "0.10000000" is "0.10". */
  len = strlen (text);
  while (len > 0 && text[len - 1] == '0' && strchr (text, '.') != NULL
         && (gsize) (strchr (text, '.') - text) + 3 < len)
    text[--len] = '\0';
  return text;
}

static JsonObject *
new_change (JsonObject *changes_owner,
            const char *change_type,
            JsonObject *details)
{
  JsonObject *change = json_object_new ();
  JsonObject *entity = json_object_new ();

  json_object_set_string_member (change, "ChangeType", change_type);
  json_object_set_string_member (entity, "Type", RD_OFFER_CHANGESET_ENTITY_TYPE);
  if (changes_owner == NULL)
    json_object_set_string_member (change, "ChangeName", RD_OFFER_CHANGESET_CHANGE_NAME);
  else
    json_object_set_string_member (entity, "Identifier", RD_OFFER_CHANGESET_IDENTIFIER);
  json_object_set_object_member (change, "Entity", entity);
  json_object_set_object_member (change, "DetailsDocument", details);
  return change;
}

static void
append (JsonArray  *changes,
        const char *change_type,
        JsonObject *details)
{
  JsonObject *first = json_array_get_length (changes) > 0
                      ? json_array_get_object_element (changes, 0) : NULL;

  json_array_add_object_element (changes, new_change (first, change_type, details));
}

static JsonObject *
single_term (const char *type,
             JsonObject *term)
{
  JsonObject *details = json_object_new ();
  JsonArray *terms = json_array_new ();

  json_object_set_string_member (term, "Type", type);
  json_array_add_object_element (terms, term);
  json_object_set_array_member (details, "Terms", terms);
  return details;
}

static void
set_optional_string (JsonObject *object,
                     const char *member,
                     const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

/* "Name ... Length must be between 1 and 150 characters, Must not contain illegal
 * characters (\, <, >)" */
static char *
dup_offer_name (JsonObject *offer)
{
  const char *name = rd_json_get_string (offer, "offer_name");
  const char *title = rd_json_get_string (offer, "product_title");
  const char *customer = rd_json_get_string (offer, "customer");
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *valid = NULL;
  glong chars;

  if (name != NULL && *name != '\0')
    g_string_append (text, name);
  else if (title != NULL && customer != NULL)
    g_string_append_printf (text, "%s renewal for %s", title, customer);
  else if (title != NULL || customer != NULL)
    g_string_append_printf (text, "%s renewal", title != NULL ? title : customer);
  else
    return NULL;

  for (gsize i = 0; i < text->len; i++)
    if (text->str[i] == '\\' || text->str[i] == '<' || text->str[i] == '>')
      text->str[i] = ' ';
  valid = g_utf8_make_valid (text->str, text->len);
  g_strstrip (valid);
  chars = g_utf8_strlen (valid, -1);
  if (chars > NAME_MAX_CHARS)
    *g_utf8_offset_to_pointer (valid, NAME_MAX_CHARS) = '\0';
  return g_steal_pointer (&valid);
}

/* The offer's contract length in months: its duration, else the term it spans. */
static int
offer_months (JsonObject *offer)
{
  JsonNode *node = get_node (offer, "duration_months");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_INT64
          || json_node_get_value_type (node) == G_TYPE_DOUBLE))
    return (int) json_node_get_double (node);
  return rd_renewal_term_months (rd_json_get_string (offer, "agreement_start_date"),
                                 rd_json_get_string (offer, "agreement_end_date"));
}

typedef struct
{
  GPtrArray *contract; /* JsonObject, borrowed */
  GPtrArray *usage;
} Dimensions;

static void
collect_dimensions (JsonObject *offer,
                    Dimensions *dims)
{
  JsonArray *items = get_array (offer, "pricing_dimensions");

  dims->contract = g_ptr_array_new ();
  dims->usage = g_ptr_array_new ();
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *pricing = rd_json_get_string (item, "pricing");

      if (item == NULL)
        continue;
      if (g_strcmp0 (pricing, "usage") == 0)
        g_ptr_array_add (dims->usage, item);
      else
        g_ptr_array_add (dims->contract, item);
    }
}

static void
clear_dimensions (Dimensions *dims)
{
  g_clear_pointer (&dims->contract, g_ptr_array_unref);
  g_clear_pointer (&dims->usage, g_ptr_array_unref);
}

static JsonArray *
rate_card (GPtrArray *dimensions,
           int        max_decimals)
{
  JsonArray *card = json_array_new ();

  for (guint i = 0; i < dimensions->len; i++)
    {
      JsonObject *item = g_ptr_array_index (dimensions, i);
      JsonObject *rate = json_object_new ();
      g_autofree char *price = format_amount (get_node (item, "price"), max_decimals);

      set_optional_string (rate, "DimensionKey", rd_json_get_string (item, "dimension_key"));
      set_optional_string (rate, "Price", price);
      json_array_add_object_element (card, rate);
    }
  return card;
}

static const char *
pricing_model (JsonObject *offer,
               Dimensions *dims)
{
  /* "Usage – Usage-based pricing model where buyers will be billed for their usage";
   * an AMI's annual rate is an upfront option beside its hourly usage rates. */
  if (g_strcmp0 (rd_json_get_string (offer, "product_type"), "ami_annual") == 0)
    return "Usage";
  /* "Contract – Contract-based pricing model where buyers are either billed in advance ...
   * or offered a flexible payment schedule." */
  return dims->contract->len > 0 || dims->usage->len == 0 ? "Contract" : "Usage";
}

/* UpdatePricingTerms: "PricingModel (string) (required)", "Terms (array of structures)
 * (required) – List of pricing terms". */
static JsonObject *
pricing_details (JsonObject *offer,
                 Dimensions *dims,
                 int         months)
{
  JsonObject *details = json_object_new ();
  JsonArray *terms = json_array_new ();
  const char *currency = rd_json_get_string (offer, "currency");
  gboolean annual = g_strcmp0 (rd_json_get_string (offer, "product_type"), "ami_annual") == 0;
  g_autofree char *duration = annual ? g_strdup ("P365D") : g_strdup_printf ("P%dM", months);
  const char *model = pricing_model (offer, dims);

  json_object_set_string_member (details, "PricingModel", model);

  if (dims->contract->len > 0 && get_array (offer, "payment_schedule") != NULL)
    {
      /* "Provide zero (0) price for FixedUpfrontPricingTerm when the offer contains a
       * PaymentScheduleTerm"; "Provide Duration in FixedUpfrontPricingTerm"; "Grants ...
       * MaxQuantity (integer) (required)". */
      JsonObject *term = json_object_new ();
      JsonArray *grants = json_array_new ();

      json_object_set_string_member (term, "Type", "FixedUpfrontPricingTerm");
      set_optional_string (term, "CurrencyCode", currency);
      json_object_set_string_member (term, "Price", "0.00");
      json_object_set_string_member (term, "Duration", duration);
      for (guint i = 0; i < dims->contract->len; i++)
        {
          JsonObject *item = g_ptr_array_index (dims->contract, i);
          JsonObject *grant = json_object_new ();
          JsonNode *quantity = get_node (item, "quantity");

          set_optional_string (grant, "DimensionKey", rd_json_get_string (item, "dimension_key"));
          json_object_set_int_member (grant, "MaxQuantity",
                                      quantity != NULL && JSON_NODE_HOLDS_VALUE (quantity)
                                      ? (gint64) json_node_get_double (quantity) : 1);
          json_array_add_object_element (grants, grant);
        }
      json_object_set_array_member (term, "Grants", grants);
      json_array_add_object_element (terms, term);
    }
  else if (dims->contract->len > 0)
    {
      /* "ConfigurableUpfrontPricingTerm ... Selector ... Type: At this time, only Duration
       * is supported", "Currently, MultipleDimensionSelection and QuantityConfiguration
       * values need to be same." */
      JsonObject *term = json_object_new ();
      JsonArray *cards = json_array_new ();
      JsonObject *card = json_object_new ();
      JsonObject *selector = json_object_new ();
      JsonObject *constraints = json_object_new ();

      json_object_set_string_member (term, "Type", "ConfigurableUpfrontPricingTerm");
      set_optional_string (term, "CurrencyCode", currency);
      json_object_set_string_member (selector, "Type", "Duration");
      json_object_set_string_member (selector, "Value", duration);
      json_object_set_object_member (card, "Selector", selector);
      json_object_set_array_member (card, "RateCard", rate_card (dims->contract, 2));
      json_object_set_string_member (constraints, "MultipleDimensionSelection", "Allowed");
      json_object_set_string_member (constraints, "QuantityConfiguration", "Allowed");
      json_object_set_object_member (card, "Constraints", constraints);
      json_array_add_object_element (cards, card);
      json_object_set_array_member (term, "RateCards", cards);
      json_array_add_object_element (terms, term);
    }

  if (dims->usage->len > 0)
    {
      /* "UsageBasedPricingTerm ... RateCards ... DimensionKey ... Price (string) – Per-unit
       * price"; "Provide prices with up to 8 decimal places in UsageBasedPricingTerm". */
      JsonObject *term = json_object_new ();
      JsonArray *cards = json_array_new ();
      JsonObject *card = json_object_new ();

      json_object_set_string_member (term, "Type", "UsageBasedPricingTerm");
      set_optional_string (term, "CurrencyCode", currency);
      json_object_set_array_member (card, "RateCard", rate_card (dims->usage, 8));
      json_array_add_object_element (cards, card);
      json_object_set_array_member (term, "RateCards", cards);
      json_array_add_object_element (terms, term);
    }

  json_object_set_array_member (details, "Terms", terms);
  return details;
}

static JsonObject *
payment_schedule_details (JsonObject *offer,
                          JsonArray  *schedule)
{
  JsonObject *term = json_object_new ();
  JsonArray *items = json_array_new ();

  /* "PaymentScheduleTerm ... Schedule ... ChargeDate (string) ... YYYY-MM-DD format",
   * "ChargeAmount ... Non-negative decimals with up to 2 decimal places". */
  set_optional_string (term, "CurrencyCode", rd_json_get_string (offer, "currency"));
  for (guint i = 0; i < json_array_get_length (schedule); i++)
    {
      JsonNode *node = json_array_get_element (schedule, i);
      JsonObject *installment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *item = json_object_new ();
      g_autofree char *amount = format_amount (get_node (installment, "amount"), 2);

      set_optional_string (item, "ChargeDate", rd_json_get_string (installment, "date"));
      set_optional_string (item, "ChargeAmount", amount);
      json_array_add_object_element (items, item);
    }
  json_object_set_array_member (term, "Schedule", items);
  return single_term ("PaymentScheduleTerm", term);
}

/* For AMI and container products the reference says: "if your private offer pricing terms
 * include a term type that has a Duration ..., your AgreementDuration ... must be greater
 * than ... the number of days from today to the expiration of the private offer plus the
 * number of days set in the Duration of those term types." Counted from the day the offer
 * was drafted (publishing later only shortens the wait), in days; 0 when the rule does not
 * apply or the dates are unknown. */
static int
upfront_agreement_days (JsonObject *offer,
                        Dimensions *dims,
                        int         months)
{
  const char *product_type = rd_json_get_string (offer, "product_type");
  GDate drafted, expiration, term_end;

  if (dims->contract->len == 0
      || (!g_str_has_prefix (product_type != NULL ? product_type : "", "ami_")
          && g_strcmp0 (product_type, "container") != 0))
    return 0;
  if (!rd_date_parse (rd_json_get_string (offer, "drafted_on"), &drafted)
      || !rd_date_parse (rd_json_get_string (offer, "offer_expiration_date"), &expiration))
    return 0;
  if (g_strcmp0 (product_type, "ami_annual") == 0)
    rd_date_add_days_to (&expiration, 365, &term_end);
  else
    rd_date_add_months_to (&expiration, months, &term_end);
  return rd_date_days_between (&drafted, &term_end) + 1;
}

static JsonObject *
validity_details (JsonObject *offer,
                  const char *mechanism,
                  int         months,
                  int         upfront_days)
{
  JsonObject *term = json_object_new ();
  const char *start = rd_json_get_string (offer, "agreement_start_date");
  const char *end = rd_json_get_string (offer, "agreement_end_date");

  if (g_strcmp0 (mechanism, "fda") == 0)
    {
      /* "AgreementStartDate ... Can only be paired with AgreementEndDate and
       * AgreementDuration"; "ValidityTerm with both AgreementDuration and AgreementEndDate
       * isn't supported": a future-dated agreement is its start and end date. */
      set_optional_string (term, "AgreementStartDate", start);
      set_optional_string (term, "AgreementEndDate", end);
    }
  else if (g_strcmp0 (mechanism, "replacement") == 0 && end != NULL && *end != '\0')
    {
      /* "AgreementEndDate isn't supported unless it's used in combination with a future
       * AgreementStartDate or for replacement offers." */
      json_object_set_string_member (term, "AgreementEndDate", end);
    }
  else
    {
      /* "AgreementDuration ... If AgreementStartDate isn't provided, agreement duration is
       * relative to the agreement signature time ... ISO_8601 format." */
      g_autofree char *duration = upfront_days > 0 ? g_strdup_printf ("P%dD", upfront_days)
                                                   : g_strdup_printf ("P%dM", months);

      json_object_set_string_member (term, "AgreementDuration", duration);
    }
  return single_term ("ValidityTerm", term);
}

static JsonObject *
legal_details (JsonObject *offer)
{
  JsonObject *term = json_object_new ();
  JsonArray *documents = json_array_new ();
  JsonObject *document = json_object_new ();
  const char *url = rd_json_get_string (offer, "eula_url");

  /* "CustomEula – A custom EULA provided by you as seller ... Url (conditionally required)";
   * "StandardEula – Standard Contract For AWS Marketplace (SCMP) ... Version ... Required
   * when Type is [StandardEula]". */
  if (url != NULL && *url != '\0')
    {
      json_object_set_string_member (document, "Type", "CustomEula");
      json_object_set_string_member (document, "Url", url);
    }
  else
    {
      json_object_set_string_member (document, "Type", "StandardEula");
      json_object_set_string_member (document, "Version", RD_OFFER_CHANGESET_SCMP_VERSION);
    }
  json_array_add_object_element (documents, document);
  json_object_set_array_member (term, "Documents", documents);
  return single_term ("LegalTerm", term);
}

static JsonObject *
targeting_details (JsonObject *offer)
{
  JsonObject *details = json_object_new ();
  JsonObject *positive = json_object_new ();
  JsonArray *accounts = json_array_new ();
  JsonArray *listed = get_array (offer, "buyer_account_ids");
  const char *single = rd_json_get_string (offer, "buyer_account_id");

  /* "BuyerAccounts (array of strings) (optional) – List as an option to allow targeting
   * based on AWS accounts (also known as Private Offer)." */
  for (guint i = 0; listed != NULL && i < json_array_get_length (listed); i++)
    {
      JsonNode *node = json_array_get_element (listed, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        json_array_add_string_element (accounts, json_node_get_string (node));
    }
  if (json_array_get_length (accounts) == 0 && single != NULL && *single != '\0')
    json_array_add_string_element (accounts, single);
  json_object_set_array_member (positive, "BuyerAccounts", accounts);
  json_object_set_object_member (details, "PositiveTargeting", positive);
  return details;
}

static JsonObject *
information_details (JsonObject *offer,
                     RdRole      role,
                     const char *model,
                     const char *mechanism)
{
  JsonObject *details = json_object_new ();
  g_autofree char *name = dup_offer_name (offer);

  set_optional_string (details, "Name", name);

  /* "PreExistingAgreement (object) (optional) – Determines if this offer is a renewal for
   * an existing agreement with an existing customer for the same underlying product." The
   * ISV sets it; on a CPPO the flag lives on the resale authorization, and a replacement
   * offer is tied to the agreement it replaces already. */
  if (role == RD_ROLE_ISV && !is_cppo (offer) && g_strcmp0 (mechanism, "replacement") != 0
      && rd_json_get_string (offer, "renews") != NULL
      && json_object_has_member (offer, "is_renewal")
      && json_object_get_boolean_member_with_default (offer, "is_renewal", FALSE))
    {
      JsonObject *existing = json_object_new ();

      /* "AcquisitionChannel ... Possible values: External, AwsMarketplace": the agreement
       * it renews came from AWS Marketplace. */
      json_object_set_string_member (existing, "AcquisitionChannel", "AwsMarketplace");
      json_object_set_string_member (existing, "PricingModel", model);
      json_object_set_object_member (details, "PreExistingAgreement", existing);
    }
  return details;
}

/* The change that creates the draft offer, or NULL after adding an error. */
static JsonObject *
create_details (JsonObject  *offer,
                JsonObject  *agreement,
                RdRole       role,
                const char  *mechanism,
                const char **change_type,
                GPtrArray   *errors)
{
  JsonObject *details = json_object_new ();
  gboolean cppo = is_cppo (offer);
  const char *agreement_id = rd_json_get_string (agreement, "agreement_id");

  if (cppo && role != RD_ROLE_CHANNEL_PARTNER)
    {
      add_error (errors, "kind",
                 g_strdup (_("A channel partner private offer is published by the channel "
                             "partner. Switch your role to channel partner, or make this a "
                             "private offer (PO).")));
      json_object_unref (details);
      return NULL;
    }
  if (!cppo && role != RD_ROLE_ISV)
    {
      add_error (errors, "kind",
                 g_strdup (_("A channel partner sells through the ISV’s resale "
                             "authorization. Make this a channel partner private offer "
                             "(CPPO) and enter the resale authorization ID.")));
      json_object_unref (details);
      return NULL;
    }
  if (g_strcmp0 (mechanism, "replacement") == 0 && (agreement_id == NULL || *agreement_id == '\0'))
    {
      add_error (errors, "renewal_mechanism",
                 g_strdup (_("A replacement offer replaces an agreement on AWS Marketplace, "
                             "and the agreement this offer renews has no AWS agreement ID. "
                             "Import the agreement from AWS, or renew with a new offer.")));
      json_object_unref (details);
      return NULL;
    }

  if (g_strcmp0 (mechanism, "replacement") == 0)
    {
      /* "CreateReplacementOffer ... AgreementId (string) (required) – The unique identifier
       * for the current agreement to be replaced." For a CPPO: "CreateReplacementOffer
       * change type can't be invoked to create a replacement offer for the agreement. Use
       * CreateReplacementOfferUsingResaleAuthorization change type." */
      *change_type = cppo ? "CreateReplacementOfferUsingResaleAuthorization"
                          : "CreateReplacementOffer";
      json_object_set_string_member (details, "AgreementId", agreement_id);
    }
  else
    {
      /* "CreateOffer ... ProductId (string) (required)"; a channel partner: "CreateOffer
       * change type can't be invoked to create an offer for the product. Use
       * CreateOfferUsingResaleAuthorization change type." */
      *change_type = cppo ? "CreateOfferUsingResaleAuthorization" : "CreateOffer";
      if (!cppo)
        set_optional_string (details, "ProductId", rd_json_get_string (offer, "product_id"));
    }
  if (cppo)
    set_optional_string (details, "ResaleAuthorizationId",
                         rd_json_get_string (offer, "resale_authorization_id"));
  return details;
}

JsonObject *
rd_offer_changeset_build (JsonObject *offer,
                          JsonObject *agreement,
                          RdRole      role,
                          GPtrArray  *errors)
{
  g_autoptr (JsonObject) request = NULL;
  JsonObject *details;
  JsonArray *changes;
  JsonArray *schedule;
  Dimensions dims;
  const char *mechanism;
  const char *create_type = NULL;
  const char *expiration;
  const char *model;
  gboolean cppo;
  JsonNode *markup;
  int months;

  g_return_val_if_fail (offer != NULL, NULL);
  g_return_val_if_fail (errors != NULL, NULL);

  mechanism = rd_json_get_string (offer, "renewal_mechanism");
  if (mechanism == NULL)
    mechanism = "new_offer";
  details = create_details (offer, agreement, role, mechanism, &create_type, errors);
  if (details == NULL)
    return NULL;

  cppo = is_cppo (offer);
  months = offer_months (offer);
  collect_dimensions (offer, &dims);
  model = pricing_model (offer, &dims);

  request = json_object_new ();
  json_object_set_string_member (request, "Catalog", RD_OFFER_CHANGESET_CATALOG);
  changes = json_array_new ();
  json_object_set_array_member (request, "ChangeSet", changes);

  append (changes, create_type, details);
  append (changes, "UpdateInformation", information_details (offer, role, model, mechanism));

  /* "Targeting can't be updated on a replacement offer." */
  if (g_strcmp0 (mechanism, "replacement") != 0)
    append (changes, "UpdateTargeting", targeting_details (offer));

  append (changes, "UpdateLegalTerms", legal_details (offer));

  if (cppo)
    {
      /* A CPPO's prices are the resale authorization's: "UpdateMarkup ... Percentage". */
      markup = get_node (offer, "markup_percent");
      if (markup != NULL)
        {
          g_autofree char *percentage = format_amount (markup, 2);
          JsonObject *markup_details = json_object_new ();

          set_optional_string (markup_details, "Percentage", percentage);
          append (changes, "UpdateMarkup", markup_details);
        }
    }
  else
    append (changes, "UpdatePricingTerms", pricing_details (offer, &dims, months));

  append (changes, "UpdateValidityTerms",
          validity_details (offer, mechanism, months,
                            cppo ? 0 : upfront_agreement_days (offer, &dims, months)));

  schedule = get_array (offer, "payment_schedule");
  if (schedule != NULL && json_array_get_length (schedule) > 0)
    append (changes, "UpdatePaymentScheduleTerms", payment_schedule_details (offer, schedule));

  /* "AvailabilityEndDate (string) (required) – This is the date until when the offer is
   * discoverable and purchasable": the offer's expiration. */
  details = json_object_new ();
  expiration = rd_json_get_string (offer, "offer_expiration_date");
  set_optional_string (details, "AvailabilityEndDate", expiration);
  append (changes, "UpdateAvailability", details);

  /* "Offers remain in a Draft state, until ReleaseOffer is called." */
  append (changes, "ReleaseOffer", json_object_new ());

  clear_dimensions (&dims);
  return g_steal_pointer (&request);
}

typedef struct
{
  const char *change_type;
  const char *error_code; /* NULL: any */
  const char *field;
} FieldOfError;

/* AWS's asynchronous error codes per change type, and the record field each concerns. */
static const FieldOfError fields_of_errors[] = {
  { "CreateOffer", NULL, "product_id" },
  { "CreateOfferUsingResaleAuthorization", NULL, "resale_authorization_id" },
  { "CreateReplacementOffer", "INCOMPATIBLE_PRODUCT", "renewal_mechanism" },
  { "CreateReplacementOffer", NULL, "renews" },
  { "CreateReplacementOfferUsingResaleAuthorization", "INCOMPATIBLE_PRODUCT",
    "renewal_mechanism" },
  { "CreateReplacementOfferUsingResaleAuthorization", "INCOMPATIBLE_RESALE_AUTHORIZATION",
    "resale_authorization_id" },
  { "CreateReplacementOfferUsingResaleAuthorization", NULL, "renews" },
  { "UpdateInformation", "INCOMPATIBLE_PRE_EXISTING_AGREEMENT", "is_renewal" },
  { "UpdateInformation", NULL, "offer_name" },
  { "UpdateTargeting", NULL, "buyer_account_id" },
  { "UpdateLegalTerms", NULL, "eula_url" },
  { "UpdateMarkup", NULL, "markup_percent" },
  { "UpdatePricingTerms", "INVALID_CURRENCY_CODE", "currency" },
  { "UpdatePricingTerms", "INVALID_AGREEMENT_DURATION", "duration_months" },
  { "UpdatePricingTerms", "INVALID_DURATION", "duration_months" },
  { "UpdatePricingTerms", NULL, "pricing_dimensions" },
  { "UpdateValidityTerms", "INVALID_AGREEMENT_END_DATE", "agreement_end_date" },
  { "UpdateValidityTerms", "INCOMPATIBLE_AGREEMENT_END_DATE", "agreement_end_date" },
  { "UpdateValidityTerms", "INVALID_AGREEMENT_DURATION", "duration_months" },
  { "UpdateValidityTerms", NULL, "agreement_start_date" },
  { "UpdatePaymentScheduleTerms", "INVALID_CURRENCY_CODE", "currency" },
  { "UpdatePaymentScheduleTerms", NULL, "payment_schedule" },
  { "UpdateAvailability", NULL, "offer_expiration_date" },
};

const char *
rd_offer_changeset_field_for (const char *change_type,
                              const char *error_code)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields_of_errors); i++)
    {
      const FieldOfError *entry = &fields_of_errors[i];

      if (g_strcmp0 (entry->change_type, change_type) != 0)
        continue;
      if (entry->error_code == NULL || g_strcmp0 (entry->error_code, error_code) == 0)
        return entry->field;
    }
  return NULL;
}

GPtrArray *
rd_offer_changeset_check (JsonObject           *offer,
                          JsonObject           *agreement,
                          const RdRulesContext *ctx,
                          JsonObject          **request)
{
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (JsonObject) built = NULL;

  g_return_val_if_fail (offer != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  if (request != NULL)
    *request = NULL;

  errors = rd_rules_check_document (offer, ctx);
  if (g_strcmp0 (rd_json_get_string (offer, "type"), "offer") != 0)
    {
      add_error (errors, "type",
                 g_strdup (_("Only a renewal offer can be published. Open the offer and "
                             "publish it from there.")));
      return g_steal_pointer (&errors);
    }

  built = rd_offer_changeset_build (offer, agreement, ctx->role, errors);
  if (built != NULL)
    rd_offer_changeset_check_details (built, errors);

  if (errors->len == 0 && request != NULL)
    *request = g_steal_pointer (&built);
  return g_steal_pointer (&errors);
}
