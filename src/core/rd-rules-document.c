/* rd-rules-document.c
 *
 * Whole documents against AWS's rules: the schema's types first (rd-fields.h), then each rule
 * on the values that have the right type, so that one wrong field is reported once.
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
#include "rd-money.h"
#include "rd-rules.h"

static void
add_error (GPtrArray  *errors,
           const char *field,
           char       *message)
{
  RdFieldError *error = rd_field_error_new (field, NULL);

  error->message = message;
  g_ptr_array_add (errors, error);
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

static const GDate *
valid_or_null (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? date : NULL;
}

/* The field's text when it holds a non-blank string; the schema check reports anything else. */
static const char *
get_text (JsonObject *object,
          const char *field)
{
  JsonNode *node = get_node (object, field);

  if (node == NULL || !node_is_string (node) || is_blank (json_node_get_string (node)))
    return NULL;
  return json_node_get_string (node);
}

static const char *
get_choice (JsonObject         *object,
            const char         *field,
            const RdVocabulary *vocabulary)
{
  const char *value = get_text (object, field);

  return rd_vocabulary_contains (vocabulary, value) ? value : NULL;
}

/* TRUE with out set when the field holds a real date. */
static gboolean
get_date (JsonObject *object,
          const char *field,
          GDate      *out)
{
  const char *text = get_text (object, field);

  g_date_clear (out, 1);
  return text != NULL && rd_date_parse (text, out);
}

static const struct
{
  RdFieldFormat format;
  RdAwsIdKind   kind;
} aws_id_formats[] = {
  { RD_FIELD_FORMAT_ACCOUNT_ID, RD_AWS_ID_ACCOUNT },
  { RD_FIELD_FORMAT_AGREEMENT_ID, RD_AWS_ID_AGREEMENT },
  { RD_FIELD_FORMAT_OFFER_ID, RD_AWS_ID_OFFER },
  { RD_FIELD_FORMAT_PRODUCT_ID, RD_AWS_ID_PRODUCT },
  { RD_FIELD_FORMAT_RESALE_AUTHORIZATION_ID, RD_AWS_ID_RESALE_AUTHORIZATION },
  { RD_FIELD_FORMAT_ACE_OPPORTUNITY_ID, RD_AWS_ID_ACE_OPPORTUNITY },
};

/* Every ID field of the schema for documents of doc_type against its AWS format. */
static void
check_aws_ids (GPtrArray  *errors,
               JsonObject *object,
               RdDocTypes  doc_type)
{
  const RdField *fields;
  guint n_fields;

  fields = rd_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if ((fields[i].types & doc_type) == 0)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (aws_id_formats); j++)
        {
          char *message;

          if (fields[i].format != aws_id_formats[j].format)
            continue;
          message = rd_rules_check_aws_id (aws_id_formats[j].kind,
                                           get_text (object, fields[i].name));
          if (message != NULL)
            add_error (errors, fields[i].name, message);
        }
    }
}

/* TRUE with months set when duration_months holds a whole number in range. */
static gboolean
get_duration_months (GPtrArray  *errors,
                     JsonObject *object,
                     gint64     *months)
{
  JsonNode *node = get_node (object, "duration_months");
  char *message;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *months = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE
           && fabs (json_node_get_double (node)) < 1e15
           && json_node_get_double (node) == floor (json_node_get_double (node)))
    *months = (gint64) json_node_get_double (node);
  else
    return FALSE;

  message = rd_rules_check_duration_months (*months);
  if (message == NULL)
    return TRUE;
  add_error (errors, "duration_months", message);
  return FALSE;
}

static gboolean
has_error (GPtrArray  *errors,
           const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    if (g_str_equal (((RdFieldError *) g_ptr_array_index (errors, i))->field, field))
      return TRUE;
  return FALSE;
}

static char *
dup_node_text (JsonNode *node)
{
  if (node_is_string (node))
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
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
  g_autoptr (GError) amount_error = NULL;
  RdMoney amount;
  GDate date;

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
  if (amount_node == NULL
      || (node_is_string (amount_node) && is_blank (json_node_get_string (amount_node))))
    add_error (errors, "payment_schedule",
               g_strdup_printf (_("Installment %u has no amount. Enter the amount charged, "
                                  "such as 12000.50."),
                                number));
  else if (!rd_money_from_json (amount_node, &amount, &amount_error))
    add_error (errors, "payment_schedule",
               /* Translators: an installment's number, then why its amount is refused */
               g_strdup_printf (_("The amount of installment %u is not an amount: %s"),
                                number, amount_error->message));
  else if (rd_money_sign (&amount) <= 0)
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

  /* Not a list of objects: the schema check said so already. */
  if (node == NULL || has_error (errors, "payment_schedule"))
    return;

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

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

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

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN || !json_node_get_boolean (node))
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

/* Only the ISV sets the renewal flag of its resale authorization. */
static void
check_resale_authorization_is_renewal (GPtrArray            *errors,
                                       JsonObject           *offer,
                                       const RdRulesContext *ctx)
{
  JsonNode *node = get_node (offer, "resale_authorization_is_renewal");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN || !json_node_get_boolean (node))
    return;
  if (ctx->role != RD_ROLE_ISV)
    add_error (errors, "resale_authorization_is_renewal",
               g_strdup (_("Only the ISV can mark its resale authorization as a renewal. "
                           "Clear the flag and ask the ISV to set it.")));
}

GPtrArray *
rd_rules_check_offer (JsonObject           *offer,
                      const RdRulesContext *ctx)
{
  g_autoptr (GPtrArray) errors = NULL;
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

  g_return_val_if_fail (offer != NULL, rd_field_errors_new ());
  g_return_val_if_fail (ctx != NULL, rd_field_errors_new ());

  errors = rd_fields_check_body (offer, RD_FIELDS_CHECK_REQUIRED);
  today = valid_or_null (&ctx->today);

  kind = get_choice (offer, "kind", &rd_vocabulary_kind);
  product_type = get_choice (offer, "product_type", &rd_vocabulary_product_type);
  mechanism = get_choice (offer, "renewal_mechanism", &rd_vocabulary_renewal_mechanism);

  has_drafted_on = get_date (offer, "drafted_on", &drafted_on);
  has_expiration = get_date (offer, "offer_expiration_date", &expiration);
  has_start = get_date (offer, "agreement_start_date", &start);
  has_end_date = get_date (offer, "agreement_end_date", &end_date);
  has_months = get_duration_months (errors, offer, &months);

  check_aws_ids (errors, offer, RD_DOC_OFFER);

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
  check_resale_authorization_is_renewal (errors, offer, ctx);

  return g_steal_pointer (&errors);
}

GPtrArray *
rd_rules_check_agreement (JsonObject           *agreement,
                          const RdRulesContext *ctx)
{
  g_autoptr (GPtrArray) errors = NULL;
  GDate start, end;
  gboolean has_start, has_end;
  char *message;

  g_return_val_if_fail (agreement != NULL, rd_field_errors_new ());

  errors = rd_fields_check_body (agreement, RD_FIELDS_CHECK_REQUIRED);

  has_start = get_date (agreement, "start_date", &start);
  has_end = get_date (agreement, "end_date", &end);

  check_aws_ids (errors, agreement, RD_DOC_AGREEMENT);

  if (has_start && has_end
      && (message = rd_rules_check_agreement_dates (&start, &end)) != NULL)
    add_error (errors, "end_date", message);

  return g_steal_pointer (&errors);
}

GPtrArray *
rd_rules_check_document (JsonObject           *body,
                         const RdRulesContext *ctx)
{
  const char *type;

  g_return_val_if_fail (body != NULL, rd_field_errors_new ());

  type = get_text (body, "type");
  if (g_strcmp0 (type, "offer") == 0)
    return rd_rules_check_offer (body, ctx);
  if (g_strcmp0 (type, "agreement") == 0)
    return rd_rules_check_agreement (body, ctx);

  /* Templates and documents without a known type: the schema is all there is to check. */
  return rd_fields_check_body (body, RD_FIELDS_CHECK_REQUIRED);
}
