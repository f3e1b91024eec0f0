/* rd-vocabularies.c
 *
 * The spelled values of the field schema (rd-fields.h) and their translatable labels: document
 * types, offer kinds, product types, stages, AWS statuses, ACE stages, stakeholder roles….
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-fields"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-fields.h"

enum
{
  VOCABULARY_DOC_TYPE,
  VOCABULARY_KIND,
  VOCABULARY_PRODUCT_TYPE,
  VOCABULARY_RENEWAL_MECHANISM,
  VOCABULARY_STAGE,
  VOCABULARY_STATUS,
  VOCABULARY_SCENARIO,
  VOCABULARY_ACE_STAGE,
  VOCABULARY_STAKEHOLDER_ORGANISATION,
  VOCABULARY_STAKEHOLDER_ROLE,
  VOCABULARY_ACTIVITY_TYPE,
  VOCABULARY_TEMPLATE_KIND,
  VOCABULARY_TEMPLATE_TOUCHPOINT,
  N_VOCABULARIES
};

static const RdChoice doc_type_choices[] = {
  { "agreement", NC_("document type", "Agreement"), NULL },
  { "offer", NC_("document type", "Offer"), NULL },
  { "template", NC_("document type", "Template"), NULL },
  { "target", NC_("document type", "Quarterly target"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_doc_type = {
  VOCABULARY_DOC_TYPE, "type", "document type", doc_type_choices, NULL
};

static const RdChoice kind_choices[] = {
  /* Translators: AWS Marketplace Private Offer */
  { "PO", NC_("offer kind", "PO"), NULL },
  /* Translators: AWS Marketplace Channel Partner Private Offer */
  { "CPPO", NC_("offer kind", "CPPO"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_kind = {
  VOCABULARY_KIND, "kind", "offer kind", kind_choices,
  N_("“%s” is not an offer kind. Use one of: %s.")
};

static const RdChoice product_type_choices[] = {
  { "saas_contract", NC_("product type", "SaaS contract"), NULL },
  { "saas_contract_consumption", NC_("product type", "SaaS contract with consumption pricing"),
    NULL },
  { "saas_subscription", NC_("product type", "SaaS subscription"), NULL },
  { "ami_annual", NC_("product type", "AMI with annual pricing"), NULL },
  { "ami_hourly", NC_("product type", "AMI with hourly pricing"), NULL },
  { "container", NC_("product type", "Container"), NULL },
  { "professional_services", NC_("product type", "Professional services"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_product_type = {
  VOCABULARY_PRODUCT_TYPE, "product_type", "product type", product_type_choices,
  N_("“%s” is not a product type. Use one of: %s.")
};

static const RdChoice renewal_mechanism_choices[] = {
  { "fda", NC_("renewal mechanism", "Future-dated agreement"), NULL },
  { "replacement", NC_("renewal mechanism", "Replacement offer"), NULL },
  { "new_offer", NC_("renewal mechanism", "New offer"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_renewal_mechanism = {
  VOCABULARY_RENEWAL_MECHANISM, "renewal_mechanism", "renewal mechanism",
  renewal_mechanism_choices, N_("“%s” is not a renewal mechanism. Use one of: %s.")
};

static const RdChoice stage_choices[] = {
  { "identified", NC_("stage", "Identified"), NULL },
  { "outreach", NC_("stage", "Outreach"), NULL },
  { "needs_analysis", NC_("stage", "Needs analysis"), NULL },
  { "drafted", NC_("stage", "Drafted"), NULL },
  { "published", NC_("stage", "Published"), NULL },
  { "accepted", NC_("stage", "Accepted"), NULL },
  { "lost", NC_("stage", "Lost"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_stage = {
  VOCABULARY_STAGE, "stage", "stage", stage_choices,
  N_("“%s” is not a pipeline stage. Use one of: %s.")
};

static const RdChoice status_choices[] = {
  { "ACTIVE", NC_("agreement status", "Active"), NULL },
  { "ARCHIVED", NC_("agreement status", "Archived"), NULL },
  { "CANCELLED", NC_("agreement status", "Cancelled"), NULL },
  { "EXPIRED", NC_("agreement status", "Expired"), NULL },
  { "RENEWED", NC_("agreement status", "Renewed"), NULL },
  { "REPLACED", NC_("agreement status", "Replaced"), NULL },
  { "ROLLED_BACK", NC_("agreement status", "Rolled back"), NULL },
  { "SUPERSEDED", NC_("agreement status", "Superseded"), NULL },
  { "TERMINATED", NC_("agreement status", "Terminated"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_status = {
  VOCABULARY_STATUS, "status", "agreement status", status_choices,
  N_("“%s” is not an agreement status. Use one of: %s.")
};

static const RdChoice scenario_choices[] = {
  { "same_terms", NC_("renewal scenario", "Same terms"), NULL },
  { "new_terms", NC_("renewal scenario", "New terms"), NULL },
  { "price_change", NC_("renewal scenario", "Price change"), NULL },
  { "duration_change", NC_("renewal scenario", "Duration change"), NULL },
  { "early_renewal", NC_("renewal scenario", "Early renewal"), NULL },
  { "upsell", NC_("renewal scenario", "Upsell"), NULL },
  { "true_up", NC_("renewal scenario", "True-up"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_scenario = {
  VOCABULARY_SCENARIO, "scenario", "renewal scenario", scenario_choices,
  N_("“%s” is not a renewal scenario. Use one of: %s.")
};

/* The opportunity stages of AWS Partner Central (ACE), spelled as ACE spells them. */
static const RdChoice ace_stage_choices[] = {
  { "Prospect", NC_("ACE stage", "Prospect"), NULL },
  { "Qualified", NC_("ACE stage", "Qualified"), NULL },
  { "Technical Validation", NC_("ACE stage", "Technical validation"), NULL },
  { "Business Validation", NC_("ACE stage", "Business validation"), NULL },
  { "Committed", NC_("ACE stage", "Committed"), NULL },
  { "Launched", NC_("ACE stage", "Launched"), NULL },
  { "Closed Lost", NC_("ACE stage", "Closed lost"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_ace_stage = {
  VOCABULARY_ACE_STAGE, "ace_stage", "ACE stage", ace_stage_choices,
  N_("“%s” is not an ACE opportunity stage. Use one of: %s.")
};

static const RdChoice stakeholder_organisation_choices[] = {
  { "isv", N_("ISV"), NULL },
  { "channel_partner", N_("Channel Partner"), NULL },
  { "aws", N_("AWS"), NULL },
  { "customer", N_("Customer"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_stakeholder_organisation = {
  VOCABULARY_STAKEHOLDER_ORGANISATION, "stakeholder_organisation", NULL,
  stakeholder_organisation_choices, NULL
};

/* The playbook's people of a renewal, grouped by organisation: partner roles exist at the ISV
 * and at the channel partner alike. */
static const RdChoice stakeholder_role_choices[] = {
  { "partner_manager", N_("Partner Manager"), NULL },
  { "alliance_lead", N_("Alliance Lead"), NULL },
  { "operations_specialist", N_("Operations Specialist"), NULL },
  { "account_executive", N_("Account Executive"), NULL },
  { "aws_cam", N_("AWS CAM"), "aws" },
  { "partner_development_manager", N_("Partner Development Manager"), "aws" },
  { "aws_channel_adoption", N_("Channel Adoption"), "aws" },
  { "aws_category_lead", N_("Category Lead"), "aws" },
  { "aws_sales", N_("Account team Sales"), "aws" },
  { "aws_solutions_architect", N_("Solutions Architect (SA)"), "aws" },
  { "aws_psm_ism", N_("Partner or ISV Success Manager (PSM/ISM)"), "aws" },
  { "aws_pdsa", N_("Partner Development Solutions Architect (PDSA)"), "aws" },
  { "aws_business_development", N_("Business Development (BD)"), "aws" },
  { "customer_contact", N_("Customer contact"), "customer" },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_stakeholder_role = {
  VOCABULARY_STAKEHOLDER_ROLE, "stakeholder_role", NULL, stakeholder_role_choices, NULL,
  &rd_vocabulary_stakeholder_organisation, N_("ISV or channel partner")
};

static const RdChoice activity_type_choices[] = {
  { "call", N_("Call"), NULL },
  { "email", N_("E-mail"), NULL },
  { "meeting", N_("Meeting"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_activity_type = {
  VOCABULARY_ACTIVITY_TYPE, "activity_type", NULL, activity_type_choices, NULL
};

static const RdChoice template_kind_choices[] = {
  { "call_script", N_("Call script"), NULL },
  { "questionnaire", N_("Questionnaire"), NULL },
  { "email", N_("E-mail"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_template_kind = {
  VOCABULARY_TEMPLATE_KIND, "template_kind", NULL, template_kind_choices, NULL
};

static const RdChoice template_touchpoint_choices[] = {
  { "120", N_("120 days before the end"), NULL },
  { "90", N_("90 days before the end"), NULL },
  { "60", N_("60 days before the end"), NULL },
  { "any", N_("Any time"), NULL },
  { NULL, NULL, NULL }
};

const RdVocabulary rd_vocabulary_template_touchpoint = {
  VOCABULARY_TEMPLATE_TOUCHPOINT, "template_touchpoint", NULL, template_touchpoint_choices,
  NULL
};

static const RdVocabulary * const vocabularies[] = {
  &rd_vocabulary_doc_type,
  &rd_vocabulary_kind,
  &rd_vocabulary_product_type,
  &rd_vocabulary_renewal_mechanism,
  &rd_vocabulary_stage,
  &rd_vocabulary_status,
  &rd_vocabulary_scenario,
  &rd_vocabulary_ace_stage,
  &rd_vocabulary_stakeholder_organisation,
  &rd_vocabulary_stakeholder_role,
  &rd_vocabulary_activity_type,
  &rd_vocabulary_template_kind,
  &rd_vocabulary_template_touchpoint,
};

G_STATIC_ASSERT (G_N_ELEMENTS (vocabularies) == N_VOCABULARIES);

static const char *
translate (const char *context,
           const char *label)
{
  if (context != NULL)
    return g_dpgettext2 (GETTEXT_PACKAGE, context, label);
  return g_dgettext (GETTEXT_PACKAGE, label);
}

const RdVocabulary *
rd_vocabulary_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (vocabularies); i++)
    if (g_strcmp0 (vocabularies[i]->name, name) == 0)
      return vocabularies[i];
  return NULL;
}

const char * const *
rd_vocabulary_values (const RdVocabulary *vocabulary)
{
  /* Built once: callers read them in loops, so the fast path is one atomic read. */
  static const char **values[N_VOCABULARIES];
  guint id;

  g_return_val_if_fail (vocabulary != NULL, NULL);
  id = vocabulary->id;
  g_return_val_if_fail (id < N_VOCABULARIES && vocabularies[id] == vocabulary, NULL);

  if (g_once_init_enter (&values[id]))
    {
      guint n = rd_vocabulary_get_n_choices (vocabulary);
      const char **list = g_new0 (const char *, n + 1);

      for (guint i = 0; i < n; i++)
        list[i] = vocabulary->choices[i].value;
      g_once_init_leave (&values[id], list);
    }
  return (const char * const *) values[id];
}

guint
rd_vocabulary_get_n_choices (const RdVocabulary *vocabulary)
{
  guint n = 0;

  g_return_val_if_fail (vocabulary != NULL, 0);

  while (vocabulary->choices[n].value != NULL)
    n++;
  return n;
}

static const RdChoice *
find_choice (const RdVocabulary *vocabulary,
             const char         *value)
{
  if (vocabulary == NULL || value == NULL)
    return NULL;
  for (guint i = 0; vocabulary->choices[i].value != NULL; i++)
    if (strcmp (vocabulary->choices[i].value, value) == 0)
      return &vocabulary->choices[i];
  return NULL;
}

gboolean
rd_vocabulary_contains (const RdVocabulary *vocabulary,
                        const char         *value)
{
  return find_choice (vocabulary, value) != NULL;
}

const char *
rd_vocabulary_label (const RdVocabulary *vocabulary,
                     const char         *value)
{
  const RdChoice *choice = find_choice (vocabulary, value);

  return choice != NULL ? translate (vocabulary->context, choice->label) : NULL;
}

char *
rd_vocabulary_dup_grouped_label (const RdVocabulary *vocabulary,
                                 const char         *value)
{
  const RdChoice *choice = find_choice (vocabulary, value);
  const char *label;
  const char *group_label;

  if (value == NULL)
    return NULL;
  if (choice == NULL)
    return g_strdup (value);
  label = translate (vocabulary->context, choice->label);
  if (vocabulary->group_vocabulary == NULL)
    return g_strdup (label);

  if (choice->group != NULL)
    group_label = rd_vocabulary_label (vocabulary->group_vocabulary, choice->group);
  else
    group_label = g_dgettext (GETTEXT_PACKAGE, vocabulary->ungrouped_label);
  /* Translators: a choice in a list grouped by organisation, e.g. "AWS: Category Lead" */
  return g_strdup_printf (_("%s: %s"), group_label, label);
}

const char *
rd_vocabulary_group_of (const RdVocabulary *vocabulary,
                        const char         *value)
{
  const RdChoice *choice = find_choice (vocabulary, value);

  return choice != NULL ? choice->group : NULL;
}
