/* test-record-form.c
 *
 * The record editor's form without a display: which fields it shows for a type, role and
 * kind, and the text a row shows for a JSON value and back, dates in the locale's way too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-record-form.h"

static gboolean
has_field (GPtrArray  *fields,
           const char *name)
{
  for (guint i = 0; i < fields->len; i++)
    if (g_str_equal (((const RdField *) g_ptr_array_index (fields, i))->name, name))
      return TRUE;
  return FALSE;
}

static void
test_form_fields (void)
{
  g_autoptr (GPtrArray) offer_isv = rd_record_form_dup_fields ("offer", RD_ROLE_ISV);
  g_autoptr (GPtrArray) offer_cp = rd_record_form_dup_fields ("offer", RD_ROLE_CHANNEL_PARTNER);
  g_autoptr (GPtrArray) agreement = rd_record_form_dup_fields ("agreement", RD_ROLE_ISV);
  const RdField *resale = rd_fields_lookup ("offer", "resale_authorization_id");
  const RdField *is_renewal = rd_fields_lookup ("offer", "is_renewal");

  g_assert_true (has_field (offer_isv, "agreement_start_date"));
  g_assert_true (has_field (offer_isv, "is_renewal"));
  g_assert_false (has_field (offer_cp, "is_renewal"));
  g_assert_false (has_field (offer_isv, "end_date"));
  g_assert_true (has_field (agreement, "end_date"));
  g_assert_false (has_field (agreement, "renewal_mechanism"));
  /* The first rows are the customer's. */
  g_assert_cmpstr (((const RdField *) offer_isv->pdata[0])->name, ==, "customer");

  g_assert_true (rd_record_form_is_shown_for_kind (resale, "CPPO"));
  g_assert_false (rd_record_form_is_shown_for_kind (resale, "PO"));
  g_assert_true (rd_record_form_is_shown_for_kind (is_renewal, "PO"));
  g_assert_true (rd_record_form_is_shown_for_kind (is_renewal, NULL));
  g_assert_false (rd_record_form_is_shown_for_kind (is_renewal, "CPPO"));

  g_assert_cmpint (rd_record_form_row_kind (rd_fields_lookup ("offer", "drafted_on")), ==,
                   RD_FORM_ROW_READ_ONLY);
  g_assert_cmpint (rd_record_form_row_kind (rd_fields_lookup ("offer", "value")), ==,
                   RD_FORM_ROW_NUMBER);
  g_assert_cmpint (rd_record_form_row_kind (rd_fields_lookup ("offer", "stage")), ==,
                   RD_FORM_ROW_CHOICE);
  g_assert_cmpint (rd_record_form_row_kind (rd_fields_lookup ("offer",
                                                               "notification_emails")), ==,
                   RD_FORM_ROW_EMAILS);
}

static void
test_form_text_round_trip (void)
{
  g_autoptr (JsonObject) body = json_object_new ();
  const RdField *value = rd_fields_lookup ("offer", "value");
  const RdField *emails = rd_fields_lookup ("offer", "notification_emails");
  const RdField *start = rd_fields_lookup ("offer", "agreement_start_date");
  const RdField *customer = rd_fields_lookup ("offer", "customer");
  g_autofree char *error = NULL;
  g_autofree char *text = NULL;
  JsonArray *list;

  g_assert_true (rd_record_form_set_text (value, body, " 120000.5 ", &error));
  g_assert_null (error);
  /* Stored as the exact decimal string and shown back as entered. */
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "120000.5");
  text = rd_record_form_dup_text (value, body);
  g_assert_cmpstr (text, ==, "120000.5");
  g_clear_pointer (&text, g_free);
  g_assert_true (rd_record_form_set_text (value, body, "93224.99", &error));
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, "93224.99");
  text = rd_record_form_dup_text (value, body);
  g_assert_cmpstr (text, ==, "93224.99");
  g_clear_pointer (&text, g_free);
  /* An older client's number shows as its shortest text. */
  json_object_set_double_member (body, "value", 93225.0);
  text = rd_record_form_dup_text (value, body);
  g_assert_cmpstr (text, ==, "93225");
  g_clear_pointer (&text, g_free);

  g_assert_false (rd_record_form_set_text (value, body, "lots", &error));
  g_assert_nonnull (error);
  g_assert_false (json_object_has_member (body, "value"));
  g_clear_pointer (&error, g_free);

  g_assert_true (rd_record_form_set_text (emails, body, "a@b.example; c@d.example , ", NULL));
  list = json_object_get_array_member (body, "notification_emails");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (list, 1), ==, "c@d.example");
  text = rd_record_form_dup_text (emails, body);
  g_assert_cmpstr (text, ==, "a@b.example, c@d.example");
  g_clear_pointer (&text, g_free);

  g_assert_true (rd_record_form_set_text (start, body, "2027-02-01", NULL));
  g_assert_cmpstr (json_object_get_string_member (body, "agreement_start_date"), ==,
                   "2027-02-01");
  g_assert_false (rd_record_form_set_text (start, body, "2027-02-30", &error));
  g_assert_nonnull (strstr (error, "2026-03-31"));
  /* What the user typed stays, so that the rules can quote it. */
  g_assert_cmpstr (json_object_get_string_member (body, "agreement_start_date"), ==,
                   "2027-02-30");
  g_clear_pointer (&error, g_free);

  g_assert_true (rd_record_form_set_text (customer, body, "  Example Corp ", NULL));
  g_assert_cmpstr (json_object_get_string_member (body, "customer"), ==, "Example Corp");
  g_assert_true (rd_record_form_set_text (customer, body, "   ", NULL));
  g_assert_false (json_object_has_member (body, "customer"));
}

static void
test_form_dates (void)
{
  GDate date;
  g_autofree char *text = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 31, G_DATE_MARCH, 2026);
  /* Untranslated, the form writes ISO dates. */
  text = rd_record_form_format_date (&date);
  g_assert_cmpstr (text, ==, "2026-03-31");

  g_assert_true (rd_record_form_parse_date ("2026-03-31", &date));
  g_assert_cmpuint (g_date_get_day (&date), ==, 31);
  g_assert_true (rd_record_form_parse_date (" 2026-3-1", &date));
  g_assert_cmpuint (g_date_get_month (&date), ==, 3);
  g_assert_cmpuint (g_date_get_day (&date), ==, 1);
  g_assert_false (rd_record_form_parse_date ("2026-02-30", &date));
  g_assert_false (rd_record_form_parse_date ("31.03.26", &date));
  g_assert_false (rd_record_form_parse_date ("soon", &date));
  g_assert_false (rd_record_form_parse_date ("", &date));
  g_assert_false (rd_record_form_parse_date (NULL, &date));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-form/fields", test_form_fields);
  g_test_add_func ("/record-form/text-round-trip", test_form_text_round_trip);
  g_test_add_func ("/record-form/dates", test_form_dates);

  return g_test_run ();
}
