/* rd-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-rules"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-rules.h"

const char * const rd_document_types[] = {
  "agreement", "offer", "template", NULL
};

const char * const rd_product_types[] = {
  "saas_contract", "saas_contract_consumption", "saas_subscription", "ami_annual",
  "ami_hourly", "container", "professional_services", NULL
};

const char * const rd_renewal_mechanisms[] = {
  "fda", "replacement", "new_offer", NULL
};

const char * const rd_stages[] = {
  "identified", "outreach", "needs_analysis", "drafted", "published", "accepted", "lost", NULL
};

const char * const rd_kinds[] = {
  "PO", "CPPO", NULL
};

const char * const rd_agreement_statuses[] = {
  "ACTIVE", "ARCHIVED", "CANCELLED", "EXPIRED", "RENEWED", "REPLACED", "ROLLED_BACK",
  "SUPERSEDED", "TERMINATED", NULL
};

/* Same order as rd_product_types. */
static const char * const product_type_labels[] = {
  N_("SaaS contract"),
  N_("SaaS contract with consumption pricing"),
  N_("SaaS subscription"),
  N_("AMI with annual pricing"),
  N_("AMI with hourly pricing"),
  N_("container product"),
  N_("professional services"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (product_type_labels) + 1 == G_N_ELEMENTS (rd_product_types));

RdFieldError *
rd_field_error_new (const char *field,
                    const char *message)
{
  RdFieldError *error = g_new0 (RdFieldError, 1);

  error->field = g_strdup (field);
  error->message = g_strdup (message);
  return error;
}

void
rd_field_error_free (RdFieldError *error)
{
  if (error == NULL)
    return;
  g_free (error->field);
  g_free (error->message);
  g_free (error);
}

void
rd_rules_context_init (RdRulesContext *ctx,
                       RdRole          role)
{
  g_return_if_fail (ctx != NULL);

  rd_date_today (NULL, &ctx->today);
  ctx->role = role;
}

gboolean
rd_rules_is_one_of (const char         *value,
                    const char * const *values)
{
  if (value == NULL || values == NULL)
    return FALSE;
  for (guint i = 0; values[i] != NULL; i++)
    if (strcmp (value, values[i]) == 0)
      return TRUE;
  return FALSE;
}

const char *
rd_rules_product_type_label (const char *product_type)
{
  if (product_type == NULL)
    return NULL;
  for (guint i = 0; rd_product_types[i] != NULL; i++)
    if (strcmp (product_type, rd_product_types[i]) == 0)
      return _(product_type_labels[i]);
  return NULL;
}

static const GDate *
valid_or_null (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? date : NULL;
}

void
rd_rules_fda_latest_start (const GDate *drafted_on,
                           GDate       *out)
{
  g_return_if_fail (drafted_on != NULL && g_date_valid (drafted_on));
  g_return_if_fail (out != NULL);

  rd_date_add_months_to (drafted_on, RD_RULES_FDA_MAX_MONTHS_AHEAD, out);
}

char *
rd_rules_check_fda_start (const GDate *drafted_on,
                          const GDate *today,
                          const GDate *start)
{
  g_autofree char *start_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *latest_text = NULL;
  const GDate *from;
  GDate latest;

  g_return_val_if_fail (start != NULL && g_date_valid (start), NULL);

  drafted_on = valid_or_null (drafted_on);
  today = valid_or_null (today);
  start_text = rd_date_format (start);

  if (today != NULL && g_date_compare (start, today) < 0)
    {
      g_autofree char *today_text = rd_date_format (today);

      return g_strdup_printf (_("The future-dated agreement cannot start in the past (%s). "
                                "Choose a start date on or after today, %s."),
                              start_text, today_text);
    }

  from = drafted_on != NULL ? drafted_on : today;
  if (from == NULL)
    return NULL;

  rd_rules_fda_latest_start (from, &latest);
  if (g_date_compare (start, &latest) <= 0)
    return NULL;

  from_text = rd_date_format (from);
  latest_text = rd_date_format (&latest);
  if (drafted_on != NULL)
    return g_strdup_printf (_("The future-dated agreement must start by %s, at most 36 months "
                              "after the offer was drafted (%s)."),
                            latest_text, from_text);
  return g_strdup_printf (_("The future-dated agreement must start by %s, at most 36 months "
                            "from today (%s)."),
                          latest_text, from_text);
}

/* A 60-month term starting 2027-01-01 ends on 2031-12-31: the day before the 60th anniversary
 * month. */
char *
rd_rules_check_agreement_dates (const GDate *start,
                                const GDate *end)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *latest_text = NULL;
  GDate anniversary, latest;

  start = valid_or_null (start);
  end = valid_or_null (end);
  if (start == NULL || end == NULL)
    return NULL;

  start_text = rd_date_format (start);
  end_text = rd_date_format (end);

  if (g_date_compare (end, start) <= 0)
    return g_strdup_printf (_("The agreement ends on %s, which is not after its start date (%s). "
                              "Choose an end date after the start date."),
                            end_text, start_text);

  rd_date_add_months_to (start, RD_RULES_MAX_DURATION_MONTHS, &anniversary);
  rd_date_add_days_to (&anniversary, -1, &latest);
  if (g_date_compare (end, &latest) <= 0)
    return NULL;

  latest_text = rd_date_format (&latest);
  return g_strdup_printf (_("The agreement can last at most 60 months: starting on %s, it must "
                            "end by %s. Choose an earlier end date."),
                          start_text, latest_text);
}

char *
rd_rules_check_duration_months (gint64 months)
{
  g_autofree char *months_text = NULL;

  if (months >= 1 && months <= RD_RULES_MAX_DURATION_MONTHS)
    return NULL;

  months_text = g_strdup_printf ("%" G_GINT64_FORMAT, months);
  return g_strdup_printf (_("The duration must be from 1 to 60 months; %s is not. "
                            "Enter a number of months in that range."),
                          months_text);
}

static gboolean
is_saas_contract (const char *product_type)
{
  return g_strcmp0 (product_type, "saas_contract") == 0
         || g_strcmp0 (product_type, "saas_contract_consumption") == 0;
}

gboolean
rd_rules_mechanism_allowed (const char *product_type,
                            const char *mechanism)
{
  if (g_strcmp0 (mechanism, "new_offer") == 0)
    return TRUE;
  if (g_strcmp0 (mechanism, "fda") == 0 || g_strcmp0 (mechanism, "replacement") == 0)
    return is_saas_contract (product_type);
  return FALSE;
}

char *
rd_rules_check_mechanism (const char *product_type,
                          const char *mechanism)
{
  const char *label;

  if (!rd_rules_is_one_of (mechanism, rd_renewal_mechanisms))
    return g_strdup_printf (_("“%s” is not a renewal mechanism. "
                              "Use fda, replacement or new_offer."),
                            mechanism != NULL ? mechanism : "");

  label = rd_rules_product_type_label (product_type);
  if (label == NULL || rd_rules_mechanism_allowed (product_type, mechanism))
    return NULL;

  if (strcmp (mechanism, "fda") == 0)
    return g_strdup_printf (_("Future-dated agreements are only for SaaS contracts, with or "
                              "without consumption pricing. Renew this product (%s) with a new "
                              "offer."),
                            label);
  return g_strdup_printf (_("Replacement offers are only for SaaS contracts, with or without "
                            "consumption pricing. Renew this product (%s) with a new offer."),
                          label);
}

char *
rd_rules_check_expiration_before_start (const GDate *expiration,
                                        const GDate *start)
{
  g_autofree char *expiration_text = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *latest_text = NULL;
  GDate latest;

  expiration = valid_or_null (expiration);
  start = valid_or_null (start);
  if (expiration == NULL || start == NULL || g_date_compare (expiration, start) < 0)
    return NULL;

  rd_date_add_days_to (start, -1, &latest);
  expiration_text = rd_date_format (expiration);
  start_text = rd_date_format (start);
  latest_text = rd_date_format (&latest);
  return g_strdup_printf (_("The offer expires on %s, which is not before the future-dated "
                            "agreement starts (%s). Set the offer expiration date to %s or "
                            "earlier."),
                          expiration_text, start_text, latest_text);
}

static gboolean
is_email_local_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

static gboolean
is_valid_email_local_part (const char *local,
                           gsize       len)
{
  if (len == 0 || len > 64 || local[0] == '.' || local[len - 1] == '.')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (local[i] == '.')
        {
          if (local[i + 1] == '.')
            return FALSE;
        }
      else if (!is_email_local_char (local[i]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_valid_domain (const char *domain)
{
  g_auto (GStrv) labels = NULL;
  guint n_labels;
  const char *tld;
  gboolean tld_has_letter = FALSE;

  if (*domain == '\0' || strlen (domain) > 253)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  n_labels = g_strv_length (labels);
  if (n_labels < 2)
    return FALSE;

  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (label[j]) && label[j] != '-')
          return FALSE;
    }

  tld = labels[n_labels - 1];
  for (const char *p = tld; *p != '\0'; p++)
    tld_has_letter |= g_ascii_isalpha (*p);
  return strlen (tld) >= 2 && tld_has_letter;
}

/* Pragmatic RFC 5321 shape: ASCII dot-atom local part, '@', a dotted DNS name (IDNs in
 * punycode). No quoted local parts, no IP literals. */
gboolean
rd_rules_is_valid_email (const char *address)
{
  const char *at;
  gsize len;

  if (address == NULL)
    return FALSE;
  len = strlen (address);
  if (len == 0 || len > 254)
    return FALSE;

  at = strchr (address, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    return FALSE;

  return is_valid_email_local_part (address, (gsize) (at - address))
         && is_valid_domain (at + 1);
}

static char *
dup_node_text (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (node == NULL)
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

char *
rd_rules_check_notification_emails (JsonArray *emails)
{
  g_autoptr (GHashTable) unique = NULL;
  g_autoptr (GPtrArray) malformed = NULL;
  g_autofree char *malformed_message = NULL;
  g_autofree char *count_message = NULL;
  guint n_unique;

  if (emails == NULL)
    return NULL;

  unique = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  malformed = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (emails); i++)
    {
      JsonNode *node = json_array_get_element (emails, i);
      g_autofree char *address = dup_node_text (node);
      gboolean is_string = JSON_NODE_HOLDS_VALUE (node)
                           && json_node_get_value_type (node) == G_TYPE_STRING;

      if (is_string && rd_rules_is_valid_email (address))
        g_hash_table_add (unique, g_ascii_strdown (address, -1));
      else
        g_ptr_array_add (malformed, g_strdup_printf ("“%s”", address));
    }

  if (malformed->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (malformed, NULL);
      list = g_strjoinv (", ", (char **) malformed->pdata);
      malformed_message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "This notification e-mail address is not valid: %s. "
                                      "Correct it or remove it.",
                                      "These notification e-mail addresses are not valid: %s. "
                                      "Correct them or remove them.",
                                      malformed->len - 1),
                         list);
    }

  n_unique = g_hash_table_size (unique);
  if (n_unique > RD_RULES_MAX_NOTIFICATION_EMAILS)
    count_message =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "At most %d different notification e-mail addresses are "
                                    "allowed and %u is listed. Remove the ones that can do "
                                    "without AWS's notifications.",
                                    "At most %d different notification e-mail addresses are "
                                    "allowed and %u are listed. Remove the ones that can do "
                                    "without AWS's notifications.",
                                    n_unique),
                       RD_RULES_MAX_NOTIFICATION_EMAILS, n_unique);

  if (malformed_message != NULL && count_message != NULL)
    return g_strconcat (malformed_message, " ", count_message, NULL);
  if (malformed_message != NULL)
    return g_steal_pointer (&malformed_message);
  return g_steal_pointer (&count_message);
}

static gboolean
is_prefixed_alnum (const char *value,
                   const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  if (strncmp (value, prefix, prefix_len) != 0 || value[prefix_len] == '\0')
    return FALSE;
  for (const char *p = value + prefix_len; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_digits (const char *p)
{
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

char *
rd_rules_check_aws_id (RdAwsIdKind  kind,
                       const char  *value)
{
  if (value == NULL || *value == '\0')
    return NULL;

  switch (kind)
    {
    case RD_AWS_ID_ACCOUNT:
      if (strlen (value) == 12 && is_digits (value))
        return NULL;
      return g_strdup_printf (_("“%s” is not an AWS account ID. Enter its 12 digits, without "
                                "spaces or dashes."),
                              value);

    case RD_AWS_ID_AGREEMENT:
      if (is_prefixed_alnum (value, "agmt-"))
        return NULL;
      return g_strdup_printf (_("“%s” is not an agreement ID. Agreement IDs are “agmt-” "
                                "followed by letters and digits."),
                              value);

    case RD_AWS_ID_OFFER:
      if (is_prefixed_alnum (value, "offer-"))
        return NULL;
      return g_strdup_printf (_("“%s” is not an offer ID. Offer IDs are “offer-” followed by "
                                "letters and digits."),
                              value);

    case RD_AWS_ID_PRODUCT:
      if (is_prefixed_alnum (value, "prod-"))
        return NULL;
      return g_strdup_printf (_("“%s” is not a product ID. Product IDs are “prod-” followed by "
                                "letters and digits."),
                              value);

    case RD_AWS_ID_RESALE_AUTHORIZATION:
      if (is_prefixed_alnum (value, "resaleauthz-"))
        return NULL;
      return g_strdup_printf (_("“%s” is not a resale authorization ID. Resale authorization "
                                "IDs are “resaleauthz-” followed by letters and digits."),
                              value);

    case RD_AWS_ID_ACE_OPPORTUNITY:
      if (value[0] == 'O' && is_digits (value + 1))
        return NULL;
      return g_strdup_printf (_("“%s” is not an ACE opportunity ID. Opportunity IDs are “O” "
                                "followed by digits, such as O1234567."),
                              value);

    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
rd_rules_ace_validated (double      renewal_value,
                        double      preceding_value,
                        const char *ace_stage)
{
  if (!(renewal_value > preceding_value))
    return FALSE;
  if (ace_stage == NULL)
    return TRUE;
  while (g_ascii_isspace (*ace_stage))
    ace_stage++;
  return g_ascii_strncasecmp (ace_stage, "closed", strlen ("closed")) != 0;
}

/* Whole documents */

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

static GPtrArray *
field_errors_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
}

/* NULL for an absent member and for JSON null alike. */
static JsonNode *
get_node (JsonObject *object,
          const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The field's text when it holds a non-blank string; an error when it holds something else. */
static const char *
read_text (GPtrArray  *errors,
           JsonObject *object,
           const char *field)
{
  JsonNode *node = get_node (object, field);
  g_autofree char *shown = NULL;

  if (node == NULL)
    return NULL;
  if (node_is_string (node))
    return is_blank (json_node_get_string (node)) ? NULL : json_node_get_string (node);

  shown = dup_node_text (node);
  add_error (errors, field,
             g_strdup_printf (_("Expected text but found %s. Store this value as a JSON string."),
                              shown));
  return NULL;
}

static char *
dup_required_message (const char *field)
{
  if (strcmp (field, "customer") == 0)
    return g_strdup (_("The customer is required. Enter the buying company's name."));
  if (strcmp (field, "product_type") == 0)
    return g_strdup (_("The product type is required. Choose the type of the product being "
                       "renewed."));
  if (strcmp (field, "kind") == 0)
    return g_strdup (_("The kind is required. Choose PO for a private offer or CPPO for a "
                       "channel partner private offer."));
  return g_strdup_printf (_("%s is required. Enter a value."), field);
}

static void
check_required (GPtrArray  *errors,
                JsonObject *object,
                const char *field)
{
  JsonNode *node = get_node (object, field);

  if (node == NULL || (node_is_string (node) && is_blank (json_node_get_string (node))))
    add_error (errors, field, dup_required_message (field));
}

static char *
dup_enum_message (const char         *field,
                  const char         *value,
                  const char * const *values)
{
  g_autofree char *list = g_strjoinv (", ", (char **) values);

  if (strcmp (field, "kind") == 0)
    return g_strdup_printf (_("“%s” is not an offer kind. Use one of: %s."), value, list);
  if (strcmp (field, "product_type") == 0)
    return g_strdup_printf (_("“%s” is not a product type. Use one of: %s."), value, list);
  if (strcmp (field, "renewal_mechanism") == 0)
    return g_strdup_printf (_("“%s” is not a renewal mechanism. Use one of: %s."), value, list);
  if (strcmp (field, "stage") == 0)
    return g_strdup_printf (_("“%s” is not a pipeline stage. Use one of: %s."), value, list);
  if (strcmp (field, "status") == 0)
    return g_strdup_printf (_("“%s” is not an agreement status. Use one of: %s."), value, list);
  return g_strdup_printf (_("“%s” is not a valid value. Use one of: %s."), value, list);
}

/* The field's value when it is one of values; an error when it is something else. */
static const char *
read_enum (GPtrArray          *errors,
           JsonObject         *object,
           const char         *field,
           const char * const *values)
{
  const char *value = read_text (errors, object, field);

  if (value == NULL)
    return NULL;
  if (rd_rules_is_one_of (value, values))
    return value;
  add_error (errors, field, dup_enum_message (field, value, values));
  return NULL;
}

/* TRUE with out set when the field holds a real date; an error when it holds anything else.
 * A blank string counts as no date, as the editor stores an emptied date field that way. */
static gboolean
read_date (GPtrArray  *errors,
           JsonObject *object,
           const char *field,
           GDate      *out)
{
  JsonNode *node = get_node (object, field);
  g_autofree char *shown = NULL;

  g_date_clear (out, 1);
  if (node == NULL)
    return FALSE;
  if (node_is_string (node))
    {
      if (is_blank (json_node_get_string (node)))
        return FALSE;
      if (rd_date_parse (json_node_get_string (node), out))
        return TRUE;
    }

  shown = dup_node_text (node);
  add_error (errors, field,
             g_strdup_printf (_("“%s” is not a valid date. Write dates as YYYY-MM-DD, for "
                                "example 2027-01-31."),
                              shown));
  return FALSE;
}

static const struct
{
  const char  *field;
  RdAwsIdKind  kind;
} aws_id_fields[] = {
  { "buyer_account_id", RD_AWS_ID_ACCOUNT },
  { "isv_account_id", RD_AWS_ID_ACCOUNT },
  { "channel_partner_account_id", RD_AWS_ID_ACCOUNT },
  { "agreement_id", RD_AWS_ID_AGREEMENT },
  { "preceding_agreement_id", RD_AWS_ID_AGREEMENT },
  { "offer_id", RD_AWS_ID_OFFER },
  { "product_id", RD_AWS_ID_PRODUCT },
  { "resale_authorization_id", RD_AWS_ID_RESALE_AUTHORIZATION },
  { "ace_opportunity_id", RD_AWS_ID_ACE_OPPORTUNITY },
};

static void
check_aws_ids (GPtrArray  *errors,
               JsonObject *object)
{
  for (guint i = 0; i < G_N_ELEMENTS (aws_id_fields); i++)
    {
      const char *value = read_text (errors, object, aws_id_fields[i].field);
      char *message = rd_rules_check_aws_id (aws_id_fields[i].kind, value);

      if (message != NULL)
        add_error (errors, aws_id_fields[i].field, message);
    }
}

/* TRUE with months set when duration_months holds a whole number, whatever its range. */
static gboolean
read_duration_months (GPtrArray  *errors,
                      JsonObject *object,
                      gint64     *months)
{
  JsonNode *node = get_node (object, "duration_months");
  g_autofree char *shown = NULL;
  char *message;

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    *months = json_node_get_int (node);
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE
           && fabs (json_node_get_double (node)) < 1e15
           && json_node_get_double (node) == floor (json_node_get_double (node)))
    *months = (gint64) json_node_get_double (node);
  else
    {
      shown = dup_node_text (node);
      add_error (errors, "duration_months",
                 g_strdup_printf (_("The duration must be a whole number of months from 1 to "
                                    "60; “%s” is not."),
                                  shown));
      return FALSE;
    }

  message = rd_rules_check_duration_months (*months);
  if (message == NULL)
    return TRUE;
  add_error (errors, "duration_months", message);
  return FALSE;
}

static void
check_installment (GPtrArray   *errors,
                   guint        number,
                   JsonNode    *node,
                   const GDate *signing,
                   const GDate *end)
{
  JsonObject *installment;
  JsonNode *date_node;
  JsonNode *amount_node;
  GDate date;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      add_error (errors, "payment_schedule",
                 g_strdup_printf (_("Installment %u is not an installment. Give it a date and "
                                    "an amount."),
                                  number));
      return;
    }
  installment = json_node_get_object (node);

  date_node = get_node (installment, "date");
  if (date_node == NULL || (node_is_string (date_node)
                            && is_blank (json_node_get_string (date_node))))
    add_error (errors, "payment_schedule",
               g_strdup_printf (_("Installment %u has no date. Enter the day it is charged."),
                                number));
  else if (!node_is_string (date_node)
           || !rd_date_parse (json_node_get_string (date_node), &date))
    {
      g_autofree char *shown = dup_node_text (date_node);

      add_error (errors, "payment_schedule",
                 g_strdup_printf (_("The date of installment %u, “%s”, is not a valid date. "
                                    "Write it as YYYY-MM-DD, for example 2027-01-31."),
                                  number, shown));
    }
  else if (signing != NULL && g_date_compare (&date, signing) < 0)
    {
      g_autofree char *date_text = rd_date_format (&date);
      g_autofree char *signing_text = rd_date_format (signing);

      add_error (errors, "payment_schedule",
                 g_strdup_printf (_("Installment %u is charged on %s, before the offer can be "
                                    "signed. Move it to %s or later."),
                                  number, date_text, signing_text));
    }
  else if (end != NULL && g_date_compare (&date, end) > 0)
    {
      g_autofree char *date_text = rd_date_format (&date);
      g_autofree char *end_text = rd_date_format (end);

      add_error (errors, "payment_schedule",
                 g_strdup_printf (_("Installment %u is charged on %s, after the agreement ends. "
                                    "Move it to %s or earlier."),
                                  number, date_text, end_text));
    }

  amount_node = get_node (installment, "amount");
  if (amount_node == NULL || !JSON_NODE_HOLDS_VALUE (amount_node)
      || (json_node_get_value_type (amount_node) != G_TYPE_INT64
          && json_node_get_value_type (amount_node) != G_TYPE_DOUBLE))
    add_error (errors, "payment_schedule",
               g_strdup_printf (_("Installment %u has no amount. Enter the amount charged, as "
                                  "a number."),
                                number));
  else if (!(json_node_get_double (amount_node) > 0))
    add_error (errors, "payment_schedule",
               g_strdup_printf (_("The amount of installment %u must be greater than zero. "
                                  "Enter the amount charged or remove the installment."),
                                number));
}

static void
check_payment_schedule (GPtrArray   *errors,
                        JsonObject  *offer,
                        const GDate *signing,
                        const GDate *end)
{
  JsonNode *node = get_node (offer, "payment_schedule");
  JsonArray *schedule;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_error (errors, "payment_schedule",
                 g_strdup (_("The payment schedule must be a list of installments, each with "
                             "a date and an amount.")));
      return;
    }

  schedule = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (schedule); i++)
    check_installment (errors, i + 1, json_array_get_element (schedule, i), signing, end);
}

static void
check_notification_emails (GPtrArray  *errors,
                           JsonObject *offer)
{
  JsonNode *node = get_node (offer, "notification_emails");
  char *message;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      add_error (errors, "notification_emails",
                 g_strdup (_("The notification e-mail addresses must be a list of "
                             "addresses.")));
      return;
    }

  message = rd_rules_check_notification_emails (json_node_get_array (node));
  if (message != NULL)
    add_error (errors, "notification_emails", message);
}

static void
check_is_renewal (GPtrArray            *errors,
                  JsonObject           *offer,
                  const char           *kind,
                  const RdRulesContext *ctx)
{
  JsonNode *node = get_node (offer, "is_renewal");

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      add_error (errors, "is_renewal",
                 g_strdup (_("The renewal flag must be true or false.")));
      return;
    }
  if (!json_node_get_boolean (node))
    return;

  if (g_strcmp0 (kind, "CPPO") == 0)
    add_error (errors, "is_renewal",
               g_strdup (_("On a channel partner private offer the renewal flag belongs to the "
                           "resale authorization: the ISV sets it there. Clear it on this "
                           "offer.")));
  else if (ctx->role != RD_ROLE_ISV)
    add_error (errors, "is_renewal",
               g_strdup (_("Only the ISV can mark an offer as a renewal. Clear the renewal "
                           "flag and ask the ISV to set it.")));
}

GPtrArray *
rd_rules_check_offer (JsonObject           *offer,
                      const RdRulesContext *ctx)
{
  g_autoptr (GPtrArray) errors = field_errors_new ();
  const GDate *today;
  const GDate *signing;
  const GDate *end;
  const char *kind;
  const char *product_type;
  const char *mechanism;
  GDate drafted_on, expiration, start, end_date, term_end;
  gboolean has_drafted_on, has_expiration, has_start, has_end_date;
  gint64 months = 0;
  gboolean has_months;
  char *message;

  g_return_val_if_fail (offer != NULL, g_steal_pointer (&errors));
  g_return_val_if_fail (ctx != NULL, g_steal_pointer (&errors));

  today = valid_or_null (&ctx->today);

  check_required (errors, offer, "customer");
  check_required (errors, offer, "product_type");
  check_required (errors, offer, "kind");

  read_text (errors, offer, "customer");
  kind = read_enum (errors, offer, "kind", rd_kinds);
  product_type = read_enum (errors, offer, "product_type", rd_product_types);
  mechanism = read_enum (errors, offer, "renewal_mechanism", rd_renewal_mechanisms);
  read_enum (errors, offer, "stage", rd_stages);

  has_drafted_on = read_date (errors, offer, "drafted_on", &drafted_on);
  has_expiration = read_date (errors, offer, "offer_expiration_date", &expiration);
  has_start = read_date (errors, offer, "agreement_start_date", &start);
  has_end_date = read_date (errors, offer, "agreement_end_date", &end_date);
  has_months = read_duration_months (errors, offer, &months);

  check_aws_ids (errors, offer);

  if (product_type != NULL && mechanism != NULL
      && (message = rd_rules_check_mechanism (product_type, mechanism)) != NULL)
    add_error (errors, "renewal_mechanism", message);

  if (g_strcmp0 (mechanism, "fda") == 0)
    {
      if (has_start
          && (message = rd_rules_check_fda_start (has_drafted_on ? &drafted_on : NULL,
                                                  today, &start)) != NULL)
        add_error (errors, "agreement_start_date", message);

      if (has_expiration && has_start
          && (message = rd_rules_check_expiration_before_start (&expiration, &start)) != NULL)
        add_error (errors, "offer_expiration_date", message);
    }

  if (has_start && has_end_date
      && (message = rd_rules_check_agreement_dates (&start, &end_date)) != NULL)
    add_error (errors, "agreement_end_date", message);

  /* Installments are due within the term: its end date, else start plus duration. */
  end = NULL;
  if (has_end_date)
    end = &end_date;
  else if (has_start && has_months)
    {
      GDate anniversary;

      rd_date_add_months_to (&start, (int) months, &anniversary);
      rd_date_add_days_to (&anniversary, -1, &term_end);
      end = &term_end;
    }
  signing = has_drafted_on ? &drafted_on : today;
  check_payment_schedule (errors, offer, signing, end);

  check_notification_emails (errors, offer);
  check_is_renewal (errors, offer, kind, ctx);

  return g_steal_pointer (&errors);
}

GPtrArray *
rd_rules_check_agreement (JsonObject           *agreement,
                          const RdRulesContext *ctx)
{
  g_autoptr (GPtrArray) errors = field_errors_new ();
  GDate start, end;
  gboolean has_start, has_end;
  char *message;

  g_return_val_if_fail (agreement != NULL, g_steal_pointer (&errors));

  check_required (errors, agreement, "customer");
  check_required (errors, agreement, "kind");

  read_text (errors, agreement, "customer");
  read_enum (errors, agreement, "kind", rd_kinds);
  read_enum (errors, agreement, "product_type", rd_product_types);
  read_enum (errors, agreement, "status", rd_agreement_statuses);

  has_start = read_date (errors, agreement, "start_date", &start);
  has_end = read_date (errors, agreement, "end_date", &end);

  check_aws_ids (errors, agreement);

  if (has_start && has_end
      && (message = rd_rules_check_agreement_dates (&start, &end)) != NULL)
    add_error (errors, "end_date", message);

  return g_steal_pointer (&errors);
}

GPtrArray *
rd_rules_check_document (JsonObject           *body,
                         const RdRulesContext *ctx)
{
  g_autoptr (GPtrArray) errors = field_errors_new ();
  JsonNode *node;
  const char *type;

  g_return_val_if_fail (body != NULL, g_steal_pointer (&errors));

  node = get_node (body, "type");
  type = node != NULL && node_is_string (node) ? json_node_get_string (node) : NULL;

  if (g_strcmp0 (type, "offer") == 0)
    return rd_rules_check_offer (body, ctx);
  if (g_strcmp0 (type, "agreement") == 0)
    return rd_rules_check_agreement (body, ctx);
  if (rd_rules_is_one_of (type, rd_document_types))
    return g_steal_pointer (&errors);

  if (is_blank (type))
    add_error (errors, "type",
               g_strdup (_("The document has no type. Set its type to agreement, offer or "
                           "template.")));
  else
    add_error (errors, "type",
               g_strdup_printf (_("“%s” is not a document type. Use agreement, offer or "
                                  "template."),
                                type));
  return g_steal_pointer (&errors);
}

const char *
rd_rules_label_of (const char         *value,
                   const char * const *values,
                   const char * const *labels)
{
  if (value == NULL)
    return NULL;
  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (value, values[i]))
      return _(labels[i]);
  return NULL;
}
