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
#include "rd-fields.h"
#include "rd-rules.h"

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
  return rd_vocabulary_label (&rd_vocabulary_product_type, product_type);
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

  if (!rd_vocabulary_contains (&rd_vocabulary_renewal_mechanism, mechanism))
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

/* ACE's stages of an opportunity that is over: lost, or won and launched. */
static gboolean
is_closed_ace_stage (const char *ace_stage)
{
  return g_strcmp0 (ace_stage, "Closed Lost") == 0 || g_strcmp0 (ace_stage, "Launched") == 0;
}

gboolean
rd_rules_ace_validated (const RdMoney *renewal_value,
                        const RdMoney *preceding_value,
                        const char    *ace_stage)
{
  g_return_val_if_fail (renewal_value != NULL && preceding_value != NULL, FALSE);

  if (rd_money_compare (renewal_value, preceding_value) <= 0)
    return FALSE;
  return rd_vocabulary_contains (&rd_vocabulary_ace_stage, ace_stage)
         && !is_closed_ace_stage (ace_stage);
}

RdAceState
rd_rules_ace_opportunity_state (const char *opportunity_id,
                                const char *ace_stage)
{
  g_autofree char *id_problem = NULL;

  if (opportunity_id == NULL || *opportunity_id == '\0'
      || (id_problem = rd_rules_check_aws_id (RD_AWS_ID_ACE_OPPORTUNITY, opportunity_id)))
    return RD_ACE_STATE_NO_OPPORTUNITY;
  if (!rd_vocabulary_contains (&rd_vocabulary_ace_stage, ace_stage))
    return RD_ACE_STATE_NO_STAGE;
  if (is_closed_ace_stage (ace_stage))
    return RD_ACE_STATE_CLOSED;
  return RD_ACE_STATE_VALIDATED;
}

RdAceState
rd_rules_ace_state (const char    *opportunity_id,
                    const char    *ace_stage,
                    const RdMoney *renewal_value,
                    const RdMoney *preceding_value)
{
  RdAceState state = rd_rules_ace_opportunity_state (opportunity_id, ace_stage);

  g_return_val_if_fail (renewal_value != NULL && preceding_value != NULL,
                        RD_ACE_STATE_NO_GROWTH);

  if (state != RD_ACE_STATE_VALIDATED)
    return state;
  if (rd_money_compare (renewal_value, preceding_value) <= 0)
    return RD_ACE_STATE_NO_GROWTH;
  return RD_ACE_STATE_VALIDATED;
}
