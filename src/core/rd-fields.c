/* rd-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-fields"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-fields.h"
#include "rd-money.h"

G_DEFINE_QUARK (rd-fields-error-quark, rd_fields_error)

#define AGREEMENT RD_DOC_AGREEMENT
#define OFFER     RD_DOC_OFFER
#define TEMPLATE  RD_DOC_TEMPLATE
#define TARGET    RD_DOC_TARGET
#define RECORD    RD_DOC_RECORD

/* In the order of the editor's rows. */
static const RdField fields[] = {
  { .name = "id", .type = RD_FIELD_TYPE_TEXT, .label = N_("ID"),
    .group = RD_FIELD_GROUP_NONE, .types = RECORD, .flags = RD_FIELD_DERIVED,
    .csv_column = 1 },
  { .name = "type", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Type"),
    .group = RD_FIELD_GROUP_NONE, .types = RD_DOC_ANY, .required = RD_DOC_ANY,
    .vocabulary = &rd_vocabulary_doc_type, .csv_column = 2 },
  { .name = "customer", .type = RD_FIELD_TYPE_TEXT, .label = N_("Customer"),
    .group = RD_FIELD_GROUP_CUSTOMER, .types = RECORD, .form = RECORD, .required = RECORD,
    .csv_column = 3,
    .required_message = N_("The customer is required. Enter the buying company's name.") },
  { .name = "product_title", .type = RD_FIELD_TYPE_TEXT, .label = N_("Product title"),
    .group = RD_FIELD_GROUP_CUSTOMER, .types = RECORD, .form = RECORD, .csv_column = 4 },
  { .name = "product_type", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Product type"),
    .group = RD_FIELD_GROUP_CUSTOMER, .types = RECORD, .form = RECORD, .required = OFFER,
    .vocabulary = &rd_vocabulary_product_type, .csv_column = 6,
    .required_message = N_("The product type is required. Choose the type of the product "
                           "being renewed.") },
  { .name = "kind", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Offer kind"),
    .group = RD_FIELD_GROUP_CUSTOMER, .types = RECORD, .form = RECORD, .required = RECORD,
    .vocabulary = &rd_vocabulary_kind, .csv_column = 7,
    .required_message = N_("The kind is required. Choose PO for a private offer or CPPO for "
                           "a channel partner private offer.") },
  /* A CPPO has two sellers: the ISV whose product it is and the channel partner who sells. */
  { .name = "isv", .type = RD_FIELD_TYPE_TEXT, .label = N_("ISV"),
    .group = RD_FIELD_GROUP_PARTIES, .types = RECORD, .form = RECORD,
    .flags = RD_FIELD_CPPO_ONLY },
  { .name = "channel_partner", .type = RD_FIELD_TYPE_TEXT, .label = N_("Channel partner"),
    .group = RD_FIELD_GROUP_PARTIES, .types = RECORD, .form = RECORD,
    .flags = RD_FIELD_CPPO_ONLY },
  { .name = "isv_account_id", .type = RD_FIELD_TYPE_TEXT, .label = N_("ISV AWS account ID"),
    .group = RD_FIELD_GROUP_IDS, .types = RECORD, .form = RECORD,
    .flags = RD_FIELD_CPPO_ONLY, .format = RD_FIELD_FORMAT_ACCOUNT_ID },
  { .name = "channel_partner_account_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Channel partner AWS account ID"), .group = RD_FIELD_GROUP_IDS,
    .types = RECORD, .form = RECORD, .flags = RD_FIELD_CPPO_ONLY,
    .format = RD_FIELD_FORMAT_ACCOUNT_ID },
  { .name = "stage", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Stage"),
    .group = RD_FIELD_GROUP_RENEWAL, .types = RECORD, .form = RECORD,
    .vocabulary = &rd_vocabulary_stage, .csv_column = 14 },
  { .name = "renewal_mechanism", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Renewal mechanism"),
    .group = RD_FIELD_GROUP_RENEWAL, .types = OFFER, .form = OFFER,
    .vocabulary = &rd_vocabulary_renewal_mechanism },
  { .name = "scenario", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Scenario"),
    .group = RD_FIELD_GROUP_RENEWAL, .types = OFFER, .vocabulary = &rd_vocabulary_scenario },
  { .name = "is_renewal", .type = RD_FIELD_TYPE_BOOLEAN, .label = N_("Renewal offer"),
    .group = RD_FIELD_GROUP_RENEWAL, .types = OFFER, .form = OFFER,
    .flags = RD_FIELD_ISV_ONLY | RD_FIELD_PO_ONLY,
    .description = N_("Marks the offer as a renewal in AWS Marketplace"),
    .type_message = N_("The renewal flag must be true or false.") },
  /* On a CPPO the renewal flag lives on the ISV's resale authorization (playbook FAQ). */
  { .name = "resale_authorization_is_renewal", .type = RD_FIELD_TYPE_BOOLEAN,
    .label = N_("Resale authorization is a renewal"), .group = RD_FIELD_GROUP_RENEWAL,
    .types = OFFER, .form = OFFER, .flags = RD_FIELD_ISV_ONLY | RD_FIELD_CPPO_ONLY,
    .description = N_("The ISV marks the resale authorization of this channel partner offer "
                      "as a renewal") },
  { .name = "status", .type = RD_FIELD_TYPE_CHOICE, .label = N_("AWS status"),
    .group = RD_FIELD_GROUP_RENEWAL, .types = AGREEMENT, .form = AGREEMENT,
    .vocabulary = &rd_vocabulary_status, .csv_column = 17 },
  { .name = "auto_renew", .type = RD_FIELD_TYPE_BOOLEAN, .label = N_("Auto-renew"),
    .group = RD_FIELD_GROUP_RENEWAL, .types = AGREEMENT, .csv_column = 20 },
  { .name = "drafted_on", .type = RD_FIELD_TYPE_DATE, .label = N_("Drafted on"),
    .group = RD_FIELD_GROUP_DATES, .types = OFFER, .form = OFFER, .flags = RD_FIELD_READ_ONLY },
  { .name = "offer_expiration_date", .type = RD_FIELD_TYPE_DATE, .label = N_("Offer expires"),
    .group = RD_FIELD_GROUP_DATES, .types = OFFER, .form = OFFER },
  { .name = "agreement_start_date", .type = RD_FIELD_TYPE_DATE,
    .label = N_("Agreement starts"), .group = RD_FIELD_GROUP_DATES, .types = OFFER,
    .form = OFFER },
  { .name = "agreement_end_date", .type = RD_FIELD_TYPE_DATE, .label = N_("Agreement ends"),
    .group = RD_FIELD_GROUP_DATES, .types = OFFER, .form = OFFER },
  { .name = "duration_months", .type = RD_FIELD_TYPE_INTEGER,
    .label = N_("Duration in months"), .group = RD_FIELD_GROUP_DATES, .types = OFFER },
  { .name = "start_date", .type = RD_FIELD_TYPE_DATE, .label = N_("Start date"),
    .group = RD_FIELD_GROUP_DATES, .types = AGREEMENT, .form = AGREEMENT, .csv_column = 11 },
  { .name = "end_date", .type = RD_FIELD_TYPE_DATE, .label = N_("End date"),
    .group = RD_FIELD_GROUP_DATES, .types = AGREEMENT, .form = AGREEMENT, .csv_column = 12 },
  { .name = "validity_end_date", .type = RD_FIELD_TYPE_DATE, .label = N_("Planned end date"),
    .group = RD_FIELD_GROUP_DATES, .types = AGREEMENT },
  { .name = "days_left", .type = RD_FIELD_TYPE_INTEGER, .label = N_("Days left"),
    .group = RD_FIELD_GROUP_NONE, .types = RECORD, .flags = RD_FIELD_DERIVED,
    .csv_column = 13 },
  { .name = "value", .type = RD_FIELD_TYPE_AMOUNT, .label = N_("Value"),
    .group = RD_FIELD_GROUP_COMMERCIAL, .types = RECORD, .form = RECORD, .csv_column = 15 },
  { .name = "currency", .type = RD_FIELD_TYPE_TEXT, .label = N_("Currency"),
    .group = RD_FIELD_GROUP_COMMERCIAL, .types = RECORD | TARGET, .required = TARGET,
    .form = RECORD, .csv_column = 16 },
  { .name = "markup_percent", .type = RD_FIELD_TYPE_NUMBER, .label = N_("Markup (%)"),
    .group = RD_FIELD_GROUP_COMMERCIAL, .types = RECORD, .form = RECORD,
    .flags = RD_FIELD_CPPO_ONLY },
  { .name = "notification_emails", .type = RD_FIELD_TYPE_TEXT_LIST,
    .label = N_("Notification e-mails"), .group = RD_FIELD_GROUP_COMMERCIAL, .types = OFFER,
    .form = OFFER, .format = RD_FIELD_FORMAT_EMAIL,
    .type_message = N_("The notification e-mail addresses must be a list of addresses.") },
  { .name = "payment_schedule", .type = RD_FIELD_TYPE_OBJECT_LIST,
    .label = N_("Payment schedule"), .group = RD_FIELD_GROUP_COMMERCIAL, .types = OFFER,
    .type_message = N_("The payment schedule must be a list of installments, each with a "
                       "date and an amount.") },
  { .name = "product_id", .type = RD_FIELD_TYPE_TEXT, .label = N_("Product ID"),
    .group = RD_FIELD_GROUP_IDS, .types = RECORD, .form = RECORD,
    .format = RD_FIELD_FORMAT_PRODUCT_ID, .csv_column = 5 },
  { .name = "agreement_id", .type = RD_FIELD_TYPE_TEXT, .label = N_("Agreement ID"),
    .group = RD_FIELD_GROUP_IDS, .types = RECORD, .form = AGREEMENT,
    .format = RD_FIELD_FORMAT_AGREEMENT_ID, .csv_column = 8 },
  { .name = "offer_id", .type = RD_FIELD_TYPE_TEXT, .label = N_("Offer ID"),
    .group = RD_FIELD_GROUP_IDS, .types = RECORD, .form = AGREEMENT,
    .format = RD_FIELD_FORMAT_OFFER_ID, .csv_column = 9 },
  { .name = "buyer_account_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Buyer AWS account ID"), .group = RD_FIELD_GROUP_IDS, .types = RECORD,
    .form = RECORD, .format = RD_FIELD_FORMAT_ACCOUNT_ID, .csv_column = 10 },
  { .name = "resale_authorization_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Resale authorization ID"), .group = RD_FIELD_GROUP_IDS, .types = RECORD,
    .form = RECORD, .flags = RD_FIELD_CPPO_ONLY,
    .format = RD_FIELD_FORMAT_RESALE_AUTHORIZATION_ID, .csv_column = 19 },
  { .name = "preceding_agreement_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Preceding agreement ID"), .group = RD_FIELD_GROUP_IDS, .types = RECORD,
    .format = RD_FIELD_FORMAT_AGREEMENT_ID, .csv_column = 18 },
  { .name = "ace_opportunity_id", .type = RD_FIELD_TYPE_TEXT, .label = N_("ACE opportunity ID"),
    .group = RD_FIELD_GROUP_ACE, .types = RECORD, .form = OFFER,
    .format = RD_FIELD_FORMAT_ACE_OPPORTUNITY_ID },
  { .name = "ace_stage", .type = RD_FIELD_TYPE_CHOICE, .label = N_("ACE stage"),
    .group = RD_FIELD_GROUP_ACE, .types = OFFER, .form = OFFER,
    .vocabulary = &rd_vocabulary_ace_stage },
  { .name = "ace_reviewed_on", .type = RD_FIELD_TYPE_DATE, .label = N_("ACE reviewed on"),
    .group = RD_FIELD_GROUP_WORKFLOW, .types = OFFER },
  { .name = "renews", .type = RD_FIELD_TYPE_TEXT, .label = N_("Renews agreement"),
    .group = RD_FIELD_GROUP_WORKFLOW, .types = OFFER },
  { .name = "renewal_offer_id", .type = RD_FIELD_TYPE_TEXT, .label = N_("Renewal offer"),
    .group = RD_FIELD_GROUP_WORKFLOW, .types = AGREEMENT },
  { .name = "value_adds", .type = RD_FIELD_TYPE_OBJECT_LIST, .label = N_("Value-adds"),
    .group = RD_FIELD_GROUP_WORKFLOW, .types = OFFER },
  { .name = "stakeholders", .type = RD_FIELD_TYPE_OBJECT_LIST, .label = N_("Stakeholders"),
    .group = RD_FIELD_GROUP_WORKFLOW, .types = RECORD },
  { .name = "activities", .type = RD_FIELD_TYPE_OBJECT_LIST, .label = N_("Activities"),
    .group = RD_FIELD_GROUP_WORKFLOW, .types = RECORD },
  { .name = "milestones", .type = RD_FIELD_TYPE_OBJECT, .label = N_("Milestones"),
    .group = RD_FIELD_GROUP_WORKFLOW, .types = RECORD },
  /* Publishing to AWS Marketplace (rd-aws-publish.h): the EULA the offer proposes, the
   * change set that publishes it, and on the agreement the news that its renewal is out. */
  { .name = "eula_url", .type = RD_FIELD_TYPE_TEXT, .label = N_("Custom EULA URL"),
    .group = RD_FIELD_GROUP_COMMERCIAL, .types = OFFER, .form = OFFER },
  { .name = "published_on", .type = RD_FIELD_TYPE_DATE, .label = N_("Published on"),
    .group = RD_FIELD_GROUP_NONE, .types = OFFER },
  { .name = "changeset_id", .type = RD_FIELD_TYPE_TEXT, .label = N_("Change set ID"),
    .group = RD_FIELD_GROUP_IDS, .types = OFFER, .form = OFFER, .flags = RD_FIELD_READ_ONLY },
  { .name = "changeset_status", .type = RD_FIELD_TYPE_TEXT, .label = N_("Change set status"),
    .group = RD_FIELD_GROUP_IDS, .types = OFFER, .form = OFFER, .flags = RD_FIELD_READ_ONLY },
  { .name = "changeset_errors", .type = RD_FIELD_TYPE_OBJECT_LIST,
    .label = N_("Change set errors"), .group = RD_FIELD_GROUP_NONE, .types = OFFER },
  { .name = "changeset_attempt", .type = RD_FIELD_TYPE_INTEGER,
    .label = N_("Change set attempt"), .group = RD_FIELD_GROUP_NONE, .types = OFFER },
  { .name = "renewal_stage", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Renewal stage"),
    .group = RD_FIELD_GROUP_NONE, .types = AGREEMENT, .vocabulary = &rd_vocabulary_stage },
  { .name = "renewal_aws_offer_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Renewal offer ID on AWS"), .group = RD_FIELD_GROUP_NONE, .types = AGREEMENT,
    .format = RD_FIELD_FORMAT_OFFER_ID },
  /* Imported from AWS Marketplace (rd-aws-import): an offer's name, buyers and state on
   * AWS, the agreement that accepted it and the one it replaces; on an agreement, the one
   * that replaced it. */
  { .name = "offer_name", .type = RD_FIELD_TYPE_TEXT, .label = N_("Offer name"),
    .group = RD_FIELD_GROUP_CUSTOMER, .types = OFFER, .form = OFFER },
  { .name = "buyer_account_ids", .type = RD_FIELD_TYPE_TEXT_LIST,
    .label = N_("Buyer AWS account IDs"), .group = RD_FIELD_GROUP_NONE, .types = OFFER,
    .type_message = N_("The buyer AWS account IDs must be a list of account IDs.") },
  { .name = "aws_state", .type = RD_FIELD_TYPE_TEXT, .label = N_("State on AWS"),
    .group = RD_FIELD_GROUP_IDS, .types = OFFER, .form = OFFER, .flags = RD_FIELD_READ_ONLY },
  { .name = "accepted_agreement_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Accepted as agreement"), .group = RD_FIELD_GROUP_IDS, .types = OFFER,
    .form = OFFER, .flags = RD_FIELD_READ_ONLY, .format = RD_FIELD_FORMAT_AGREEMENT_ID },
  { .name = "target_agreement_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Replaces agreement"), .group = RD_FIELD_GROUP_IDS, .types = OFFER,
    .form = OFFER, .flags = RD_FIELD_READ_ONLY, .format = RD_FIELD_FORMAT_AGREEMENT_ID },
  { .name = "replaced_by_agreement_id", .type = RD_FIELD_TYPE_TEXT,
    .label = N_("Replaced by agreement"), .group = RD_FIELD_GROUP_IDS, .types = AGREEMENT,
    .form = AGREEMENT, .flags = RD_FIELD_READ_ONLY, .format = RD_FIELD_FORMAT_AGREEMENT_ID },
  { .name = "notes", .type = RD_FIELD_TYPE_TEXT, .label = N_("Notes"),
    .group = RD_FIELD_GROUP_NONE, .types = RECORD, .csv_column = 22 },
  { .name = "owner", .type = RD_FIELD_TYPE_TEXT, .label = N_("Owner"),
    .group = RD_FIELD_GROUP_NONE, .types = RD_DOC_ANY, .csv_column = 21 },
  /* Quarterly targets (rd_dashboard_set_target): one record per quarter and currency. */
  { .name = "quarter", .type = RD_FIELD_TYPE_TEXT, .label = N_("Quarter"),
    .group = RD_FIELD_GROUP_NONE, .types = TARGET, .required = TARGET },
  { .name = "amount", .type = RD_FIELD_TYPE_AMOUNT, .label = N_("Target amount"),
    .group = RD_FIELD_GROUP_NONE, .types = TARGET, .required = TARGET },
  { .name = "name", .type = RD_FIELD_TYPE_TEXT, .label = N_("Name"),
    .group = RD_FIELD_GROUP_NONE, .types = TEMPLATE },
  { .name = "kind", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Kind"),
    .group = RD_FIELD_GROUP_NONE, .types = TEMPLATE,
    .vocabulary = &rd_vocabulary_template_kind },
  { .name = "touchpoint", .type = RD_FIELD_TYPE_CHOICE, .label = N_("Touchpoint"),
    .group = RD_FIELD_GROUP_NONE, .types = TEMPLATE,
    .vocabulary = &rd_vocabulary_template_touchpoint },
  { .name = "subject", .type = RD_FIELD_TYPE_TEXT, .label = N_("Subject"),
    .group = RD_FIELD_GROUP_NONE, .types = TEMPLATE },
  { .name = "body", .type = RD_FIELD_TYPE_TEXT, .label = N_("Text"),
    .group = RD_FIELD_GROUP_NONE, .types = TEMPLATE },
};

#undef AGREEMENT
#undef OFFER
#undef TEMPLATE
#undef TARGET
#undef RECORD

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

GPtrArray *
rd_field_errors_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
}

const RdField *
rd_fields_get_all (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

RdDocTypes
rd_fields_doc_type_from_string (const char *doc_type)
{
  if (g_strcmp0 (doc_type, "agreement") == 0)
    return RD_DOC_AGREEMENT;
  if (g_strcmp0 (doc_type, "offer") == 0)
    return RD_DOC_OFFER;
  if (g_strcmp0 (doc_type, "template") == 0)
    return RD_DOC_TEMPLATE;
  if (g_strcmp0 (doc_type, "target") == 0)
    return RD_DOC_TARGET;
  return 0;
}

const RdField *
rd_fields_lookup (const char *doc_type,
                  const char *name)
{
  RdDocTypes types = doc_type != NULL ? rd_fields_doc_type_from_string (doc_type) : RD_DOC_ANY;

  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if ((fields[i].types & types) != 0 && strcmp (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

const char *
rd_field_get_label (const RdField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

const char *
rd_fields_label_for (const char *name)
{
  const RdField *field = rd_fields_lookup (NULL, name);

  return field != NULL ? rd_field_get_label (field) : name;
}

const char *
rd_fields_value_label (const char *name,
                       const char *value)
{
  const RdField *field;
  const char *label;

  if (value == NULL || *value == '\0')
    return "";

  field = rd_fields_lookup ("agreement", name);
  if (field == NULL || field->vocabulary == NULL)
    field = rd_fields_lookup ("offer", name);
  if (field == NULL || field->vocabulary == NULL)
    return value;

  label = rd_vocabulary_label (field->vocabulary, value);
  return label != NULL ? label : value;
}

const char * const *
rd_fields_csv_columns (void)
{
  static const char **columns;

  if (g_once_init_enter (&columns))
    {
      guint n = 0;
      const char **list;

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        n = MAX (n, fields[i].csv_column);
      list = g_new0 (const char *, n + 1);
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (fields[i].csv_column > 0)
          {
            g_assert (list[fields[i].csv_column - 1] == NULL);
            list[fields[i].csv_column - 1] = fields[i].name;
          }
      for (guint i = 0; i < n; i++)
        g_assert (list[i] != NULL);
      g_once_init_leave (&columns, list);
    }
  return (const char * const *) columns;
}

/* Body checking */

static char *
dup_node_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || (type == G_TYPE_DOUBLE && isfinite (json_node_get_double (node)));
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

static char *
dup_type_message (const RdField *field,
                  JsonNode      *node)
{
  g_autofree char *shown = dup_node_text (node);
  const char *label = rd_field_get_label (field);

  if (field->type_message != NULL)
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, field->type_message));

  switch (field->type)
    {
    case RD_FIELD_TYPE_TEXT:
      return g_strdup_printf (_("Expected text but found %s. Store this value as a JSON "
                                "string."),
                              shown);
    case RD_FIELD_TYPE_DATE:
      return g_strdup_printf (_("“%s” is not a valid date. Write dates as YYYY-MM-DD, for "
                                "example 2027-01-31."),
                              shown);
    case RD_FIELD_TYPE_CHOICE:
      {
        g_autofree char *list =
          g_strjoinv (", ", (char **) rd_vocabulary_values (field->vocabulary));
        const char *format = field->vocabulary->invalid_message;

        char *message;

        if (format == NULL)
          format = N_("“%s” is not a valid value. Use one of: %s.");
        /* Every invalid_message takes the value and the list, in that order. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
        message = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, format), shown, list);
#pragma GCC diagnostic pop
        return message;
      }
    case RD_FIELD_TYPE_AMOUNT:
      {
        g_autoptr (GError) error = NULL;
        RdMoney money;

        if (!rd_money_from_json (node, &money, &error))
          /* Translators: a field's label, then why its value is not an amount */
          return g_strdup_printf (_("%s must be an amount: %s"), label, error->message);
        return g_strdup_printf (_("%s must be an amount such as 120000.50; “%s” is not."),
                                label, shown);
      }
    case RD_FIELD_TYPE_NUMBER:
      return g_strdup_printf (_("%s must be a number; “%s” is not."), label, shown);
    case RD_FIELD_TYPE_INTEGER:
      return g_strdup_printf (_("%s must be a whole number; “%s” is not."), label, shown);
    case RD_FIELD_TYPE_BOOLEAN:
      return g_strdup_printf (_("%s must be true or false; “%s” is not."), label, shown);
    case RD_FIELD_TYPE_TEXT_LIST:
      return g_strdup_printf (_("%s must be a list of texts; “%s” is not."), label, shown);
    case RD_FIELD_TYPE_OBJECT_LIST:
      return g_strdup_printf (_("%s must be a list of entries; “%s” is not."), label, shown);
    case RD_FIELD_TYPE_OBJECT:
    default:
      return g_strdup_printf (_("%s must be a JSON object; “%s” is not."), label, shown);
    }
}

static gboolean
node_has_type (const RdField *field,
               JsonNode      *node)
{
  switch (field->type)
    {
    case RD_FIELD_TYPE_TEXT:
      return node_is_string (node);

    case RD_FIELD_TYPE_DATE:
      {
        GDate date;

        /* A blank date is no date: the editor stores an emptied date field that way. */
        return node_is_string (node)
               && (is_blank (json_node_get_string (node))
                   || rd_date_parse (json_node_get_string (node), &date));
      }

    case RD_FIELD_TYPE_CHOICE:
      return node_is_string (node)
             && (is_blank (json_node_get_string (node))
                 || rd_vocabulary_contains (field->vocabulary, json_node_get_string (node)));

    case RD_FIELD_TYPE_AMOUNT:
      {
        RdMoney money;

        return rd_money_from_json (node, &money, NULL);
      }

    case RD_FIELD_TYPE_NUMBER:
      return node_is_number (node);

    case RD_FIELD_TYPE_INTEGER:
      {
        double value;

        if (!node_is_number (node))
          return FALSE;
        if (json_node_get_value_type (node) == G_TYPE_INT64)
          return TRUE;
        value = json_node_get_double (node);
        return fabs (value) < 1e15 && value == floor (value);
      }

    case RD_FIELD_TYPE_BOOLEAN:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;

    case RD_FIELD_TYPE_TEXT_LIST:
    case RD_FIELD_TYPE_OBJECT_LIST:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return FALSE;
        /* The items of an e-mail list are the rules' to judge, one by one. */
        if (field->type == RD_FIELD_TYPE_TEXT_LIST && field->format == RD_FIELD_FORMAT_EMAIL)
          return TRUE;
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);

            if (field->type == RD_FIELD_TYPE_TEXT_LIST ? !node_is_string (item)
                                                       : !JSON_NODE_HOLDS_OBJECT (item))
              return FALSE;
          }
        return TRUE;
      }

    case RD_FIELD_TYPE_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);

    default:
      g_return_val_if_reached (FALSE);
    }
}

static char *
dup_required_message (const RdField *field)
{
  if (field->required_message != NULL)
    return g_strdup (g_dgettext (GETTEXT_PACKAGE, field->required_message));
  return g_strdup_printf (_("%s is required. Enter a value."), rd_field_get_label (field));
}

/* The fields a document of one type holds, by name (their index in fields[] plus one): a check
 * looks up the body's few dozen members instead of every field of the schema. */
static GHashTable *
checked_fields_by_name (RdDocTypes doc_type)
{
  static GHashTable *tables[4];
  guint bit = g_bit_nth_lsf (doc_type, -1);

  g_return_val_if_fail (bit < G_N_ELEMENTS (tables), NULL);

  if (g_once_init_enter (&tables[bit]))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if ((fields[i].types & doc_type) != 0 && (fields[i].flags & RD_FIELD_DERIVED) == 0)
          g_hash_table_insert (table, (gpointer) fields[i].name, GUINT_TO_POINTER (i + 1));
      g_once_init_leave (&tables[bit], table);
    }
  return tables[bit];
}

GPtrArray *
rd_fields_check_body (JsonObject         *body,
                      RdFieldsCheckFlags  flags)
{
  g_autoptr (GPtrArray) errors = rd_field_errors_new ();
  JsonNode *type_node;
  const char *type = NULL;
  RdDocTypes doc_type;
  JsonNode *members[G_N_ELEMENTS (fields)] = { NULL };
  GHashTable *by_name;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (body != NULL, g_steal_pointer (&errors));

  type_node = json_object_get_member (body, "type");
  if (type_node != NULL && node_is_string (type_node))
    type = json_node_get_string (type_node);
  doc_type = rd_fields_doc_type_from_string (type);

  if (doc_type == 0)
    {
      char *message;

      if (is_blank (type))
        message = g_strdup (_("The document has no type. Set its type to agreement, offer or "
                              "template."));
      else
        message = g_strdup_printf (_("“%s” is not a document type. Use agreement, offer or "
                                     "template."),
                                   type);
      g_ptr_array_add (errors, rd_field_error_new ("type", NULL));
      ((RdFieldError *) g_ptr_array_index (errors, 0))->message = message;
      return g_steal_pointer (&errors);
    }

  by_name = checked_fields_by_name (doc_type);
  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &member))
    {
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (by_name, name));

      if (index > 0)
        members[index - 1] = member;
    }

  /* In the schema's order, whatever order the members came in. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const RdField *field = &fields[i];
      JsonNode *node;
      RdFieldError *error;

      if ((field->types & doc_type) == 0 || (field->flags & RD_FIELD_DERIVED) != 0)
        continue;

      node = members[i];
      if (node != NULL && JSON_NODE_HOLDS_NULL (node))
        node = NULL;

      if (node == NULL || (node_is_string (node) && is_blank (json_node_get_string (node))))
        {
          if ((flags & RD_FIELDS_CHECK_REQUIRED) != 0 && (field->required & doc_type) != 0)
            {
              error = rd_field_error_new (field->name, NULL);
              error->message = dup_required_message (field);
              g_ptr_array_add (errors, error);
            }
          continue;
        }

      if (node_has_type (field, node))
        continue;

      error = rd_field_error_new (field->name, NULL);
      error->message = dup_type_message (field, node);
      g_ptr_array_add (errors, error);
    }

  return g_steal_pointer (&errors);
}

gboolean
rd_fields_validate_body (JsonObject          *body,
                         RdFieldsCheckFlags   flags,
                         GError             **error)
{
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GString) text = NULL;

  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  errors = rd_fields_check_body (body, flags);
  if (errors->len == 0)
    return TRUE;

  text = g_string_new (NULL);
  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *e = g_ptr_array_index (errors, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", e->field, e->message);
    }
  g_set_error_literal (error, RD_FIELDS_ERROR, RD_FIELDS_ERROR_INVALID, text->str);
  return FALSE;
}
