/* test-fields.c
 *
 * The field schema: its vocabularies and labels, the CSV columns it gives, and the type check
 * of a document body against it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "rd-fields.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
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

/* The fields of the errors, in order, joined by spaces. */
static char *
error_fields (GPtrArray *errors)
{
  g_autoptr (GString) text = g_string_new (NULL);

  dump_errors (errors);
  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *e = g_ptr_array_index (errors, i);

      g_assert_nonnull (e->message);
      g_assert_cmpuint (strlen (e->message), >, 10);
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, e->field);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_vocabularies (void)
{
  const char * const *stages = rd_vocabulary_values (&rd_vocabulary_stage);

  g_assert_cmpuint (g_strv_length ((char **) stages), ==, 7);
  g_assert_cmpstr (stages[0], ==, "identified");
  g_assert_cmpstr (stages[6], ==, "lost");
  /* Built once: the same array every time. */
  g_assert_true (stages == rd_vocabulary_values (&rd_vocabulary_stage));
  g_assert_true (rd_stages == stages);

  g_assert_cmpuint (g_strv_length ((char **) rd_product_types), ==, 7);
  g_assert_cmpuint (g_strv_length ((char **) rd_agreement_statuses), ==, 9);
  g_assert_cmpuint (rd_vocabulary_get_n_choices (&rd_vocabulary_kind), ==, 2);

  g_assert_true (rd_vocabulary_contains (&rd_vocabulary_renewal_mechanism, "fda"));
  g_assert_false (rd_vocabulary_contains (&rd_vocabulary_renewal_mechanism, "FDA"));
  g_assert_false (rd_vocabulary_contains (&rd_vocabulary_renewal_mechanism, NULL));

  g_assert_cmpstr (rd_vocabulary_label (&rd_vocabulary_product_type, "ami_annual"), ==,
                   "AMI with annual pricing");
  g_assert_cmpstr (rd_vocabulary_label (&rd_vocabulary_stage, "needs_analysis"), ==,
                   "Needs analysis");
  g_assert_cmpstr (rd_vocabulary_label (&rd_vocabulary_scenario, "true_up"), ==, "True-up");
  g_assert_null (rd_vocabulary_label (&rd_vocabulary_stage, "bogus"));

  g_assert_true (rd_vocabulary_lookup ("stage") == &rd_vocabulary_stage);
  g_assert_true (rd_vocabulary_lookup ("stakeholder_role") == &rd_vocabulary_stakeholder_role);
  g_assert_null (rd_vocabulary_lookup ("bogus"));
  g_assert_cmpstr (rd_vocabulary_group_of (&rd_vocabulary_stakeholder_role, "aws_cam"), ==,
                   "aws");
}

/* Every vocabulary: values unique, each with a label. */
static void
test_vocabularies_well_formed (void)
{
  static const RdVocabulary * const all[] = {
    &rd_vocabulary_doc_type, &rd_vocabulary_kind, &rd_vocabulary_product_type,
    &rd_vocabulary_renewal_mechanism, &rd_vocabulary_stage, &rd_vocabulary_status,
    &rd_vocabulary_scenario, &rd_vocabulary_ace_stage,
    &rd_vocabulary_stakeholder_organisation, &rd_vocabulary_stakeholder_role,
    &rd_vocabulary_activity_type, &rd_vocabulary_template_kind,
    &rd_vocabulary_template_touchpoint,
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const char * const *values = rd_vocabulary_values (all[i]);
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_test_message ("%s", all[i]->name);
      g_assert_true (rd_vocabulary_lookup (all[i]->name) == all[i]);
      g_assert_cmpuint (g_strv_length ((char **) values), >, 0);
      for (guint j = 0; values[j] != NULL; j++)
        {
          const char *group = rd_vocabulary_group_of (all[i], values[j]);

          g_assert_true (g_hash_table_add (seen, (gpointer) values[j]));
          g_assert_nonnull (rd_vocabulary_label (all[i], values[j]));
          g_assert_cmpstr (rd_vocabulary_label (all[i], values[j]), !=, "");
          if (group != NULL)
            g_assert_true (rd_vocabulary_contains (&rd_vocabulary_stakeholder_organisation,
                                                   group));
        }
    }
}

static void
test_fields_well_formed (void)
{
  const RdField *fields;
  guint n_fields;

  fields = rd_fields_get_all (&n_fields);
  g_assert_cmpuint (n_fields, >, 30);
  for (guint i = 0; i < n_fields; i++)
    {
      const RdField *field = &fields[i];

      g_test_message ("%s", field->name);
      g_assert_nonnull (field->label);
      g_assert_cmpuint (field->types, !=, 0);
      /* A form or required field belongs to the documents that show or need it. */
      g_assert_cmpuint (field->form & ~field->types, ==, 0);
      g_assert_cmpuint (field->required & ~field->types, ==, 0);
      g_assert_true ((field->type == RD_FIELD_TYPE_CHOICE) == (field->vocabulary != NULL));
      g_assert_true (rd_fields_lookup (NULL, field->name) != NULL);
      /* One entry per name and document type. */
      for (guint j = i + 1; j < n_fields; j++)
        if (g_str_equal (field->name, fields[j].name))
          g_assert_cmpuint (field->types & fields[j].types, ==, 0);
    }
}

static void
test_lookup (void)
{
  const RdField *kind = rd_fields_lookup ("offer", "kind");
  const RdField *template_kind = rd_fields_lookup ("template", "kind");
  const RdField *end = rd_fields_lookup ("agreement", "end_date");

  g_assert_nonnull (kind);
  g_assert_nonnull (template_kind);
  g_assert_true (kind != template_kind);
  g_assert_true (kind->vocabulary == &rd_vocabulary_kind);
  g_assert_true (template_kind->vocabulary == &rd_vocabulary_template_kind);
  g_assert_true (rd_fields_lookup ("agreement", "kind") == kind);

  g_assert_nonnull (end);
  g_assert_cmpint (end->type, ==, RD_FIELD_TYPE_DATE);
  g_assert_null (rd_fields_lookup ("offer", "end_date"));
  g_assert_null (rd_fields_lookup ("offer", "bogus"));
  g_assert_null (rd_fields_lookup ("invoice", "customer"));

  g_assert_cmpstr (rd_fields_label_for ("agreement_start_date"), ==, "Agreement starts");
  g_assert_cmpstr (rd_fields_label_for ("resale_authorization_id"), ==,
                   "Resale authorization ID");
  g_assert_cmpstr (rd_fields_label_for ("x_newer_field"), ==, "x_newer_field");

  g_assert_cmpstr (rd_fields_value_label ("product_type", "ami_hourly"), ==,
                   "AMI with hourly pricing");
  g_assert_cmpstr (rd_fields_value_label ("renewal_mechanism", "fda"), ==,
                   "Future-dated agreement");
  g_assert_cmpstr (rd_fields_value_label ("status", "ROLLED_BACK"), ==, "Rolled back");
  g_assert_cmpstr (rd_fields_value_label ("type", "offer"), ==, "Offer");
  g_assert_cmpstr (rd_fields_value_label ("stage", "newer_stage"), ==, "newer_stage");
  g_assert_cmpstr (rd_fields_value_label ("customer", "Example Corp"), ==, "Example Corp");
  g_assert_cmpstr (rd_fields_value_label ("stage", NULL), ==, "");

  g_assert_cmpuint (rd_fields_doc_type_from_string ("offer"), ==, RD_DOC_OFFER);
  g_assert_cmpuint (rd_fields_doc_type_from_string ("invoice"), ==, 0);
}

static void
test_csv_columns (void)
{
  /* The export's columns, in the order spreadsheets and the importer already know. */
  static const char * const expected[] = {
    "id", "type", "customer", "product_title", "product_id", "product_type", "kind",
    "agreement_id", "offer_id", "buyer_account_id", "start_date", "end_date", "days_left",
    "stage", "value", "currency", "status", "preceding_agreement_id", "resale_authorization_id",
    "auto_renew", "owner", "notes", NULL
  };
  const char * const *columns = rd_fields_csv_columns ();

  g_assert_true (columns == rd_fields_csv_columns ());
  g_assert_cmpstrv (columns, expected);
}

static void
test_check_valid (void)
{
  g_autoptr (JsonObject) offer = parse_object (
    "{ \"type\": \"offer\", \"customer\": \"Example Corp\", \"kind\": \"CPPO\", "
    "  \"product_type\": \"saas_contract\", \"stage\": \"drafted\", "
    "  \"renewal_mechanism\": \"fda\", \"agreement_start_date\": \"2027-02-01\", "
    "  \"agreement_end_date\": \"\", \"duration_months\": 12.0, \"value\": \"120000.50\", "
    "  \"markup_percent\": 3, \"is_renewal\": false, \"notification_emails\": [\"a@b.example\"], "
    "  \"payment_schedule\": [ { \"date\": \"2027-02-01\", \"amount\": 10 } ], "
    "  \"milestones\": { \"90\": \"done\" }, \"stakeholders\": [], \"scenario\": null, "
    "  \"x_newer_field\": [1, 2, { \"a\": true }] }");
  g_autoptr (JsonObject) agreement = parse_object (
    "{ \"type\": \"agreement\", \"customer\": \"Example Corp\", \"kind\": \"PO\", "
    "  \"status\": \"ACTIVE\", \"start_date\": \"2026-01-01\", \"end_date\": null, "
    "  \"value\": 99.5, \"auto_renew\": true }");
  g_autoptr (JsonObject) template = parse_object (
    "{ \"type\": \"template\", \"kind\": \"call_script\", \"touchpoint\": \"90\", "
    "  \"name\": \"Call\", \"body\": \"Hi {customer}\" }");
  g_autoptr (GPtrArray) e1 = rd_fields_check_body (offer, RD_FIELDS_CHECK_REQUIRED);
  g_autoptr (GPtrArray) e2 = rd_fields_check_body (agreement, RD_FIELDS_CHECK_REQUIRED);
  g_autoptr (GPtrArray) e3 = rd_fields_check_body (template, RD_FIELDS_CHECK_REQUIRED);
  g_autoptr (GError) error = NULL;

  dump_errors (e1);
  dump_errors (e2);
  dump_errors (e3);
  g_assert_cmpuint (e1->len, ==, 0);
  g_assert_cmpuint (e2->len, ==, 0);
  g_assert_cmpuint (e3->len, ==, 0);
  g_assert_true (rd_fields_validate_body (offer, RD_FIELDS_CHECK_REQUIRED, &error));
  g_assert_no_error (error);
}

static void
test_check_types (void)
{
  g_autoptr (JsonObject) offer = parse_object (
    "{ \"type\": \"offer\", \"customer\": 42, \"kind\": \"Resale\", "
    "  \"product_type\": \"saas_contract\", \"stage\": \"Drafted\", "
    "  \"agreement_start_date\": \"2027-02-30\", \"duration_months\": 1.5, "
    "  \"value\": \"12,000\", \"markup_percent\": \"3\", \"is_renewal\": \"yes\", "
    "  \"notification_emails\": \"a@b.example\", \"payment_schedule\": [ 1 ], "
    "  \"milestones\": [], \"stakeholders\": {}, \"renews\": false }");
  g_autoptr (GPtrArray) errors = rd_fields_check_body (offer, RD_FIELDS_CHECK_REQUIRED);
  g_autofree char *fields = error_fields (errors);
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (fields, ==,
                   "customer kind stage is_renewal agreement_start_date duration_months value "
                   "markup_percent notification_emails payment_schedule renews stakeholders "
                   "milestones");

  /* The messages name what was found and what to write. */
  g_assert_nonnull (strstr (((RdFieldError *) errors->pdata[1])->message, "Resale"));
  g_assert_nonnull (strstr (((RdFieldError *) errors->pdata[1])->message, "CPPO"));
  g_assert_nonnull (strstr (((RdFieldError *) errors->pdata[2])->message, "needs_analysis"));
  g_assert_nonnull (strstr (((RdFieldError *) errors->pdata[4])->message, "YYYY-MM-DD"));
  g_assert_nonnull (strstr (((RdFieldError *) errors->pdata[5])->message, "whole number"));
  g_assert_nonnull (strstr (((RdFieldError *) errors->pdata[6])->message, "12,000"));

  g_assert_false (rd_fields_validate_body (offer, RD_FIELDS_CHECK_TYPES, &error));
  g_assert_error (error, RD_FIELDS_ERROR, RD_FIELDS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "markup_percent: "));
}

static void
test_check_required (void)
{
  g_autoptr (JsonObject) offer = parse_object ("{ \"type\": \"offer\", \"customer\": \"  \" }");
  g_autoptr (JsonObject) agreement = parse_object ("{ \"type\": \"agreement\" }");
  g_autoptr (GPtrArray) offer_errors = rd_fields_check_body (offer, RD_FIELDS_CHECK_REQUIRED);
  g_autoptr (GPtrArray) agreement_errors = NULL;
  g_autoptr (GPtrArray) types_only = rd_fields_check_body (offer, RD_FIELDS_CHECK_TYPES);
  g_autofree char *offer_fields = error_fields (offer_errors);
  g_autofree char *agreement_fields = NULL;

  g_assert_cmpstr (offer_fields, ==, "customer product_type kind");
  g_assert_nonnull (strstr (((RdFieldError *) offer_errors->pdata[0])->message, "required"));

  /* An agreement's product type is not required. */
  agreement_errors = rd_fields_check_body (agreement, RD_FIELDS_CHECK_REQUIRED);
  agreement_fields = error_fields (agreement_errors);
  g_assert_cmpstr (agreement_fields, ==, "customer kind");

  g_assert_cmpuint (types_only->len, ==, 0);
}

static void
test_check_type_field (void)
{
  g_autoptr (JsonObject) untyped = parse_object ("{ \"customer\": \"Example Corp\" }");
  g_autoptr (JsonObject) unknown = parse_object ("{ \"type\": \"invoice\" }");
  g_autoptr (JsonObject) number = parse_object ("{ \"type\": 3 }");
  g_autoptr (GPtrArray) e1 = rd_fields_check_body (untyped, RD_FIELDS_CHECK_TYPES);
  g_autoptr (GPtrArray) e2 = rd_fields_check_body (unknown, RD_FIELDS_CHECK_TYPES);
  g_autoptr (GPtrArray) e3 = rd_fields_check_body (number, RD_FIELDS_CHECK_TYPES);

  g_assert_cmpuint (e1->len, ==, 1);
  g_assert_cmpuint (e2->len, ==, 1);
  g_assert_cmpuint (e3->len, ==, 1);
  g_assert_cmpstr (((RdFieldError *) e1->pdata[0])->field, ==, "type");
  g_assert_nonnull (strstr (((RdFieldError *) e2->pdata[0])->message, "invoice"));
  g_assert_cmpstr (((RdFieldError *) e3->pdata[0])->field, ==, "type");
}

/* A field that belongs to another type of document is not judged by this type's schema. */
static void
test_check_other_types_fields (void)
{
  g_autoptr (JsonObject) agreement = parse_object (
    "{ \"type\": \"agreement\", \"customer\": \"Example Corp\", \"kind\": \"PO\", "
    "  \"touchpoint\": 90, \"agreement_start_date\": 7 }");
  g_autoptr (GPtrArray) errors = rd_fields_check_body (agreement, RD_FIELDS_CHECK_REQUIRED);

  dump_errors (errors);
  g_assert_cmpuint (errors->len, ==, 0);
}

/* The playbook's stakeholders, grouped by organisation in the order partner, AWS, customer. */
static void
test_stakeholder_roles (void)
{
  static const char * const aws_roles[] = {
    "aws_cam", "aws_channel_adoption", "aws_category_lead", "aws_sales",
    "aws_solutions_architect", "aws_psm_ism", "partner_development_manager", "aws_pdsa",
    "aws_business_development",
  };
  const char * const *roles = rd_vocabulary_values (&rd_vocabulary_stakeholder_role);
  g_autofree char *sa = NULL;
  g_autofree char *partner = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *stage = NULL;
  int last_group = 0;

  for (guint i = 0; i < G_N_ELEMENTS (aws_roles); i++)
    g_assert_cmpstr (rd_vocabulary_group_of (&rd_vocabulary_stakeholder_role, aws_roles[i]),
                     ==, "aws");
  for (guint i = 0; roles[i] != NULL; i++)
    {
      const char *group = rd_vocabulary_group_of (&rd_vocabulary_stakeholder_role, roles[i]);
      int rank = group == NULL ? 0 : g_str_equal (group, "aws") ? 1 : 2;

      /* Grouped: a group never comes back once the next has started. */
      g_assert_cmpint (rank, >=, last_group);
      last_group = rank;
    }

  sa = rd_vocabulary_dup_grouped_label (&rd_vocabulary_stakeholder_role,
                                        "aws_solutions_architect");
  partner = rd_vocabulary_dup_grouped_label (&rd_vocabulary_stakeholder_role, "alliance_lead");
  contact = rd_vocabulary_dup_grouped_label (&rd_vocabulary_stakeholder_role,
                                             "customer_contact");
  stage = rd_vocabulary_dup_grouped_label (&rd_vocabulary_stage, "lost");
  g_assert_cmpstr (sa, ==, "AWS: Solutions Architect (SA)");
  g_assert_cmpstr (partner, ==, "ISV or channel partner: Alliance Lead");
  g_assert_cmpstr (contact, ==, "Customer: Customer contact");
  g_assert_cmpstr (stage, ==, "Lost");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fields/vocabularies", test_vocabularies);
  g_test_add_func ("/fields/vocabularies-well-formed", test_vocabularies_well_formed);
  g_test_add_func ("/fields/well-formed", test_fields_well_formed);
  g_test_add_func ("/fields/lookup", test_lookup);
  g_test_add_func ("/fields/stakeholder-roles", test_stakeholder_roles);
  g_test_add_func ("/fields/csv-columns", test_csv_columns);
  g_test_add_func ("/fields/check/valid", test_check_valid);
  g_test_add_func ("/fields/check/types", test_check_types);
  g_test_add_func ("/fields/check/required", test_check_required);
  g_test_add_func ("/fields/check/type-field", test_check_type_field);
  g_test_add_func ("/fields/check/other-types-fields", test_check_other_types_fields);

  return g_test_run ();
}
