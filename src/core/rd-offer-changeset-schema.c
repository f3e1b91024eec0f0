/* rd-offer-changeset-schema.c
 *
 * The rows of the table are the "Synchronous Validations" of AWS's Catalog API reference for
 * offers: what StartChangeSet refuses with HTTP 422, checked here first so that a record
 * that AWS would refuse is never sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-offer-changeset"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-offer-changeset.h"
#include "rd-offer-changeset-schema.h"

/* "RequestedChangeList ... max 20, min 1" (service model) */
#define MAX_CHANGES 20
/* "PositiveTargeting.BuyerAccounts: List size must be between 1 and 26" */
#define MAX_BUYER_ACCOUNTS 26

typedef enum
{
  CHECK_REQUIRED,    /* present, not null, not an empty string or list */
  CHECK_ENUM,        /* arg: "A|B|C" */
  CHECK_DATE,        /* YYYY-MM-DD */
  CHECK_DECIMAL,     /* non-negative decimal string; arg: maximum decimals "2" */
  CHECK_DURATION,    /* ISO 8601 duration in days, months or years: P12M */
  CHECK_PREFIX,      /* arg: the AWS ID prefix */
  CHECK_NAME,        /* 1 to 150 characters, none of \ < > */
  CHECK_ACCOUNTS,    /* 1 to 26 twelve-digit account IDs */
  CHECK_URL,         /* https:// or http:// */
  CHECK_POSITIVE,    /* integer >= 1 */
  CHECK_VALIDITY,    /* a ValidityTerm's combination of members */
} Check;

typedef struct
{
  const char *change_type;
  const char *path;    /* members separated by '.', "[]" walks each element of a list */
  Check       check;
  const char *arg;
  const char *field;   /* the record field */
  const char *message; /* N_(): says what to do */
} SchemaRule;

static const SchemaRule schema[] = {
  /* CreateOffer: "ProductId: Required, Length must be between 1 and 50 characters" */
  { "CreateOffer", "ProductId", CHECK_REQUIRED, NULL, "product_id",
    N_("AWS needs the product ID to create the offer. Enter the product’s ID (prod-…).") },
  { "CreateOffer", "ProductId", CHECK_PREFIX, "prod-", "product_id",
    N_("The product ID must start with “prod-”. Copy it from the product in AWS "
       "Marketplace.") },
  /* CreateReplacementOffer: "AgreementId: Required, Length must be between 1 and 64" */
  { "CreateReplacementOffer", "AgreementId", CHECK_PREFIX, "agmt-", "renews",
    N_("A replacement offer needs the AWS agreement ID (agmt-…) of the agreement it replaces. "
       "Import the agreement from AWS Marketplace.") },
  { "CreateOfferUsingResaleAuthorization", "ResaleAuthorizationId", CHECK_REQUIRED, NULL,
    "resale_authorization_id",
    N_("A channel partner private offer is created from the ISV’s resale authorization. "
       "Enter its ID (resaleauthz-…).") },
  { "CreateOfferUsingResaleAuthorization", "ResaleAuthorizationId", CHECK_PREFIX,
    "resaleauthz-", "resale_authorization_id",
    N_("The resale authorization ID must start with “resaleauthz-”. Copy it from the "
       "authorization the ISV shared with you.") },
  { "CreateReplacementOfferUsingResaleAuthorization", "AgreementId", CHECK_PREFIX, "agmt-",
    "renews",
    N_("A replacement offer needs the AWS agreement ID (agmt-…) of the agreement it replaces. "
       "Import the agreement from AWS Marketplace.") },
  { "CreateReplacementOfferUsingResaleAuthorization", "ResaleAuthorizationId", CHECK_REQUIRED,
    NULL, "resale_authorization_id",
    N_("A channel partner private offer is created from the ISV’s resale authorization. "
       "Enter its ID (resaleauthz-…).") },
  { "CreateReplacementOfferUsingResaleAuthorization", "ResaleAuthorizationId", CHECK_PREFIX,
    "resaleauthz-", "resale_authorization_id",
    N_("The resale authorization ID must start with “resaleauthz-”. Copy it from the "
       "authorization the ISV shared with you.") },
  /* UpdateInformation: "At least one of the following properties must be provided",
   * "Name: Length must be between 1 and 150 characters, Must not contain illegal
   * characters (\, <, >)" */
  { "UpdateInformation", "Name", CHECK_REQUIRED, NULL, "offer_name",
    N_("The offer needs a name that the buyer sees. Enter an offer name, or the customer and "
       "product title.") },
  { "UpdateInformation", "Name", CHECK_NAME, NULL, "offer_name",
    N_("The offer name must be 1 to 150 characters long, without \\, < or >. Shorten or "
       "correct the offer name.") },
  { "UpdateInformation", "PreExistingAgreement.AcquisitionChannel", CHECK_ENUM,
    "AwsMarketplace|External", "is_renewal",
    N_("The renewal flag says where the renewed agreement was signed. Clear and set the "
       "renewal flag again.") },
  { "UpdateInformation", "PreExistingAgreement.PricingModel", CHECK_ENUM,
    "Byol|Free|Usage|Contract", "is_renewal",
    N_("The renewal flag says how the renewed agreement is priced. Add its pricing "
       "dimensions.") },
  /* UpdateTargeting: "PositiveTargeting.BuyerAccounts: List size must be between 1 and 26,
   * AWS account IDs must be in valid format (12-digit number)" */
  { "UpdateTargeting", "PositiveTargeting.BuyerAccounts", CHECK_REQUIRED, NULL,
    "buyer_account_id",
    N_("A private offer is made to the buyer’s AWS account. Enter the buyer’s 12-digit "
       "account ID.") },
  { "UpdateTargeting", "PositiveTargeting.BuyerAccounts", CHECK_ACCOUNTS, NULL,
    "buyer_account_id",
    N_("Buyer account IDs are 12 digits each, at most 26 of them. Correct the buyer account "
       "ID.") },
  /* UpdateLegalTerms: "Documents[].Type: Allowed values: CustomEula, StandardEula",
   * "Url: Required and must be a valid URL when Type is CustomEula" */
  { "UpdateLegalTerms", "Terms[].Documents[].Type", CHECK_ENUM, "CustomEula|StandardEula",
    "eula_url",
    N_("The offer’s legal terms must be a custom EULA or the Standard Contract for AWS "
       "Marketplace.") },
  { "UpdateLegalTerms", "Terms[].Documents[].Url", CHECK_URL, NULL, "eula_url",
    N_("The EULA address must be a web address (https://…). Correct the EULA URL or remove "
       "it to use the Standard Contract for AWS Marketplace.") },
  { "UpdateLegalTerms", "Terms[].Documents[].Version", CHECK_ENUM, "2019-04-24|2022-07-14",
    "eula_url",
    N_("AWS does not know this version of the Standard Contract for AWS Marketplace.") },
  /* UpdateMarkup: "Percentage" */
  { "UpdateMarkup", "Percentage", CHECK_DECIMAL, "2", "markup_percent",
    N_("The markup must be a percentage of at least 0 with at most two decimals. Correct the "
       "markup.") },
  /* UpdatePricingTerms: "PricingModel: Required, Allowed pricing models: [Byol, Free,
   * Usage, Contract]", "Terms: Required", "CurrencyCode ... For private offers, USD, AUD,
   * EUR, GBP, and JPY are supported." */
  { "UpdatePricingTerms", "PricingModel", CHECK_ENUM, "Byol|Free|Usage|Contract",
    "pricing_dimensions",
    N_("AWS does not know the offer’s pricing model. Check its pricing dimensions.") },
  { "UpdatePricingTerms", "Terms", CHECK_REQUIRED, NULL, "pricing_dimensions",
    N_("The offer has no prices. Add its pricing dimensions (contract or usage) with a "
       "price each.") },
  { "UpdatePricingTerms", "Terms[].CurrencyCode", CHECK_REQUIRED, NULL, "currency",
    N_("The offer’s prices need a currency. Choose the currency.") },
  { "UpdatePricingTerms", "Terms[].CurrencyCode", CHECK_ENUM, "USD|AUD|EUR|GBP|JPY",
    "currency",
    N_("Private offers are priced in USD, AUD, EUR, GBP or JPY. Choose one of these "
       "currencies.") },
  { "UpdatePricingTerms", "Terms[].RateCards[].RateCard[].DimensionKey", CHECK_REQUIRED, NULL,
    "pricing_dimensions",
    N_("Every pricing dimension needs the dimension key defined in the product. Enter the "
       "missing dimension key.") },
  { "UpdatePricingTerms", "Terms[].RateCards[].RateCard[].Price", CHECK_REQUIRED, NULL,
    "pricing_dimensions",
    N_("Every pricing dimension needs a price. Enter the missing price.") },
  { "UpdatePricingTerms", "Terms[].RateCards[].RateCard[].Price", CHECK_DECIMAL, "8",
    "pricing_dimensions",
    N_("Prices must be amounts of at least 0 with at most eight decimals. Correct the "
       "price.") },
  { "UpdatePricingTerms", "Terms[].RateCards[].Selector.Value", CHECK_DURATION, NULL,
    "duration_months",
    N_("The contract duration must be a number of months. Correct the duration.") },
  { "UpdatePricingTerms", "Terms[].Grants[].DimensionKey", CHECK_REQUIRED, NULL,
    "pricing_dimensions",
    N_("Every pricing dimension needs the dimension key defined in the product. Enter the "
       "missing dimension key.") },
  { "UpdatePricingTerms", "Terms[].Grants[].MaxQuantity", CHECK_POSITIVE, NULL,
    "pricing_dimensions",
    N_("The quantity bought of each contract dimension must be at least 1. Correct the "
       "quantity.") },
  /* UpdateValidityTerms: "AgreementDuration: ISO 8601 duration", "AgreementEndDate /
   * AgreementStartDate: Date must be formatted like YYYY-MM-DD" */
  { "UpdateValidityTerms", "Terms[]", CHECK_VALIDITY, NULL, "agreement_start_date",
    N_("The agreement needs a duration, or a start and an end date. Enter the duration, or "
       "both dates.") },
  { "UpdateValidityTerms", "Terms[].AgreementStartDate", CHECK_DATE, NULL,
    "agreement_start_date",
    N_("The agreement start date must be a date (YYYY-MM-DD). Correct the start date.") },
  { "UpdateValidityTerms", "Terms[].AgreementEndDate", CHECK_DATE, NULL, "agreement_end_date",
    N_("The agreement end date must be a date (YYYY-MM-DD). Correct the end date.") },
  { "UpdateValidityTerms", "Terms[].AgreementDuration", CHECK_DURATION, NULL,
    "duration_months",
    N_("The agreement duration must be a number of months. Correct the duration.") },
  /* UpdatePaymentScheduleTerms: "CurrencyCode: Required", "ChargeAmount: Non-negative
   * decimals with up to 2 decimal places", "ChargeDate: Date must be formatted like
   * YYYY-MM-DD" */
  { "UpdatePaymentScheduleTerms", "Terms[].CurrencyCode", CHECK_REQUIRED, NULL, "currency",
    N_("The payment schedule needs a currency. Choose the currency.") },
  { "UpdatePaymentScheduleTerms", "Terms[].CurrencyCode", CHECK_ENUM, "USD|AUD|EUR|GBP|JPY",
    "currency",
    N_("Private offers are priced in USD, AUD, EUR, GBP or JPY. Choose one of these "
       "currencies.") },
  { "UpdatePaymentScheduleTerms", "Terms[].Schedule[].ChargeDate", CHECK_REQUIRED, NULL,
    "payment_schedule",
    N_("Every installment needs a charge date. Enter the missing date.") },
  { "UpdatePaymentScheduleTerms", "Terms[].Schedule[].ChargeDate", CHECK_DATE, NULL,
    "payment_schedule",
    N_("Installment dates must be dates (YYYY-MM-DD). Correct the installment’s date.") },
  { "UpdatePaymentScheduleTerms", "Terms[].Schedule[].ChargeAmount", CHECK_REQUIRED, NULL,
    "payment_schedule",
    N_("Every installment needs an amount. Enter the missing amount.") },
  { "UpdatePaymentScheduleTerms", "Terms[].Schedule[].ChargeAmount", CHECK_DECIMAL, "2",
    "payment_schedule",
    N_("Installment amounts must be at least 0 with at most two decimals. Correct the "
       "amount.") },
  /* UpdateAvailability: "AvailabilityEndDate: Required, Format: YYYY-MM-DD" */
  { "UpdateAvailability", "AvailabilityEndDate", CHECK_REQUIRED, NULL, "offer_expiration_date",
    N_("The offer needs an expiration date, the last day the buyer can accept it. Enter the "
       "offer expiration date.") },
  { "UpdateAvailability", "AvailabilityEndDate", CHECK_DATE, NULL, "offer_expiration_date",
    N_("The offer expiration date must be a date (YYYY-MM-DD). Correct it.") },
};

/* The change types a renewal offer's change set uses; ReleaseOffer has empty details. */
static const char * const known_types[] = {
  "CreateOffer", "CreateReplacementOffer", "CreateOfferUsingResaleAuthorization",
  "CreateReplacementOfferUsingResaleAuthorization", "UpdateInformation", "UpdateTargeting",
  "UpdateLegalTerms", "UpdateMarkup", "UpdatePricingTerms", "UpdateValidityTerms",
  "UpdatePaymentScheduleTerms", "UpdateAvailability", "ReleaseOffer", NULL
};

gboolean
rd_offer_changeset_is_known_type (const char *change_type)
{
  return change_type != NULL && g_strv_contains (known_types, change_type);
}

static void
add_error (GPtrArray  *errors,
           const char *field,
           const char *message)
{
  RdFieldError *error = g_new0 (RdFieldError, 1);

  error->field = g_strdup (field);
  error->message = g_strdup (message);
  g_ptr_array_add (errors, error);
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_empty (JsonNode *node)
{
  const char *text = node_string (node);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (text != NULL)
    return *text == '\0';
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) == 0;
  return FALSE;
}

static gboolean
is_decimal (const char *text,
            guint       max_decimals)
{
  const char *dot;

  if (text == NULL || *text == '\0' || !g_ascii_isdigit (*text))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return FALSE;
  dot = strchr (text, '.');
  if (dot == NULL)
    return TRUE;
  return strchr (dot + 1, '.') == NULL && dot[1] != '\0' && strlen (dot + 1) <= max_decimals;
}

static gboolean
is_duration (const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  if (len < 3 || text[0] != 'P' || strchr ("DMY", text[len - 1]) == NULL)
    return FALSE;
  for (gsize i = 1; i + 1 < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return g_ascii_strtoull (text + 1, NULL, 10) > 0;
}

static gboolean
is_account (JsonNode *node)
{
  const char *text = node_string (node);

  if (text == NULL || strlen (text) != 12)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
passes (const SchemaRule *rule,
        JsonNode         *node)
{
  const char *text = node_string (node);
  GDate date;

  switch (rule->check)
    {
    case CHECK_REQUIRED:
      return !is_empty (node);
    case CHECK_ENUM:
      {
        g_auto (GStrv) values = g_strsplit (rule->arg, "|", -1);

        return text != NULL && g_strv_contains ((const char * const *) values, text);
      }
    case CHECK_DATE:
      return text != NULL && strlen (text) == 10 && rd_date_parse (text, &date);
    case CHECK_DECIMAL:
      return is_decimal (text, (guint) g_ascii_strtoull (rule->arg, NULL, 10));
    case CHECK_DURATION:
      return is_duration (text);
    case CHECK_PREFIX:
      return text != NULL && g_str_has_prefix (text, rule->arg)
             && strlen (text) > strlen (rule->arg);
    case CHECK_NAME:
      return text != NULL && g_utf8_strlen (text, -1) >= 1 && g_utf8_strlen (text, -1) <= 150
             && strpbrk (text, "\\<>") == NULL;
    case CHECK_URL:
      return text != NULL && (g_str_has_prefix (text, "https://")
                              || g_str_has_prefix (text, "http://"));
    case CHECK_POSITIVE:
      return node != NULL && JSON_NODE_HOLDS_VALUE (node)
             && json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) >= 1;
    case CHECK_ACCOUNTS:
      {
        JsonArray *accounts;

        if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
          return FALSE;
        accounts = json_node_get_array (node);
        if (json_array_get_length (accounts) > MAX_BUYER_ACCOUNTS)
          return FALSE;
        for (guint i = 0; i < json_array_get_length (accounts); i++)
          if (!is_account (json_array_get_element (accounts, i)))
            return FALSE;
        return TRUE;
      }
    case CHECK_VALIDITY:
      {
        JsonObject *term = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        gboolean start, end, duration;

        if (term == NULL)
          return FALSE;
        start = json_object_has_member (term, "AgreementStartDate");
        end = json_object_has_member (term, "AgreementEndDate");
        duration = json_object_has_member (term, "AgreementDuration");
        /* "ValidityTerm with only AgreementStartDate isn't supported", "ValidityTerm with
         * both AgreementDuration and AgreementEndDate isn't supported." */
        return (duration || end) && !(duration && end) && !(start && !end);
      }
    default:
      g_assert_not_reached ();
    }
}

static void
walk (const SchemaRule *rule,
      JsonNode         *node,
      char            **segments,
      GPtrArray        *errors,
      gboolean         *reported)
{
  g_autofree char *member = NULL;
  JsonObject *object;
  JsonNode *child;
  gboolean each;

  if (*reported)
    return;
  if (*segments == NULL)
    {
      if ((rule->check == CHECK_REQUIRED || !is_empty (node) || rule->check == CHECK_VALIDITY)
          && !passes (rule, node))
        {
          add_error (errors, rule->field, _(rule->message));
          *reported = TRUE;
        }
      return;
    }

  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  each = g_str_has_suffix (*segments, "[]");
  member = each ? g_strndup (*segments, strlen (*segments) - 2) : g_strdup (*segments);
  child = object != NULL ? json_object_get_member (object, member) : NULL;

  if (each && child != NULL && JSON_NODE_HOLDS_ARRAY (child))
    {
      JsonArray *items = json_node_get_array (child);

      for (guint i = 0; i < json_array_get_length (items); i++)
        walk (rule, json_array_get_element (items, i), segments + 1, errors, reported);
      return;
    }
  if (each)
    child = NULL;
  if (child == NULL && segments[1] != NULL)
    {
      /* A missing container: only a required leaf is missing with it. */
      if (rule->check == CHECK_REQUIRED && !each)
        walk (rule, NULL, segments + 1, errors, reported);
      return;
    }
  walk (rule, child, segments + 1, errors, reported);
}

static void
check_change (JsonObject *change,
              GPtrArray  *errors)
{
  const char *type = node_string (json_object_get_member (change, "ChangeType"));
  JsonNode *entity = json_object_get_member (change, "Entity");
  JsonNode *details = json_object_get_member (change, "DetailsDocument");

  if (!rd_offer_changeset_is_known_type (type))
    {
      g_autofree char *message =
        g_strdup_printf (_("The change “%s” is not one AWS Marketplace knows for offers. "
                           "Nothing was sent."), type != NULL ? type : "");

      add_error (errors, NULL, message);
      return;
    }
  if (entity == NULL || !JSON_NODE_HOLDS_OBJECT (entity)
      || g_strcmp0 (node_string (json_object_get_member (json_node_get_object (entity), "Type")),
                    RD_OFFER_CHANGESET_ENTITY_TYPE) != 0
      || details == NULL || !JSON_NODE_HOLDS_OBJECT (details))
    {
      add_error (errors, NULL, _("The change set is malformed. Nothing was sent."));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (schema); i++)
    {
      g_auto (GStrv) segments = NULL;
      gboolean reported = FALSE;

      if (!g_str_equal (schema[i].change_type, type))
        continue;
      segments = g_strsplit (schema[i].path, ".", -1);
      walk (&schema[i], details, segments, errors, &reported);
    }
}

void
rd_offer_changeset_check_details (JsonObject *request,
                                  GPtrArray  *errors)
{
  JsonNode *node;
  JsonArray *changes;
  guint n;

  g_return_if_fail (request != NULL);
  g_return_if_fail (errors != NULL);

  node = json_object_get_member (request, "ChangeSet");
  changes = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  n = changes != NULL ? json_array_get_length (changes) : 0;
  if (n == 0 || n > MAX_CHANGES)
    {
      add_error (errors, NULL, _("The change set is malformed. Nothing was sent."));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (changes, i);

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          add_error (errors, NULL, _("The change set is malformed. Nothing was sent."));
          continue;
        }
      check_change (json_node_get_object (item), errors);
    }
}
