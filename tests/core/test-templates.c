/* test-templates.c
 *
 * Rendering templates: known, missing and unknown placeholders, stray braces, UTF-8; the
 * mailto: URI; the shipped templates and their one-time installation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rd-date.h"
#include "rd-store.h"
#include "rd-template.h"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static GHashTable *
sample_values (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (JsonObject) offer = NULL;
  GDate today;

  agreement = parse_object ("{ \"type\": \"agreement\", \"agreement_id\": \"agmt-abc\","
                            "  \"end_date\": \"2026-06-30\" }");
  offer = parse_object ("{ \"type\": \"offer\", \"customer\": \"Café Ørsted {GmbH}\","
                        "  \"product_title\": \"Data Lake 🚀\", \"kind\": \"CPPO\","
                        "  \"stage\": \"needs_analysis\", \"offer_id\": \"offer-xyz\","
                        "  \"agreement_end_date\": \"2027-06-30\" }");
  g_assert_true (rd_date_parse ("2026-06-01", &today));
  return rd_template_values_new (offer, agreement, &today);
}

static void
test_templates_known_placeholders (void)
{
  g_autoptr (GHashTable) values = sample_values ();
  g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;

  out = rd_template_render ("{customer}: {product_title} ({kind}) ends {end_date}, "
                            "{days_left} days; {agreement_id} → {offer_id}; {stage}.",
                            values, unknown);
  g_assert_cmpstr (out, ==, "Café Ørsted {GmbH}: Data Lake 🚀 (CPPO) ends 2026-06-30, "
                            "29 days; agmt-abc → offer-xyz; Needs analysis.");
  g_assert_cmpuint (unknown->len, ==, 0);
}

static void
test_templates_missing_values (void)
{
  g_autoptr (JsonObject) record = NULL;
  g_autoptr (GHashTable) values = NULL;
  g_autofree char *out = NULL;
  GDate today;

  /* An offer that renews nothing known, with no end date, no IDs. */
  record = parse_object ("{ \"type\": \"offer\", \"customer\": \"\", \"kind\": \"PO\" }");
  g_assert_true (rd_date_parse ("2026-06-01", &today));
  values = rd_template_values_new (record, NULL, &today);

  out = rd_template_render ("[{customer}] [{end_date}] [{days_left}] [{offer_id}] [{kind}]",
                            values, NULL);
  g_assert_cmpstr (out, ==, "[—] [—] [—] [—] [PO]");

  g_clear_pointer (&out, g_free);
  out = rd_template_render ("{customer}", NULL, NULL);
  g_assert_cmpstr (out, ==, RD_TEMPLATE_MISSING);
}

static void
test_templates_odd_braces (void)
{
  g_autoptr (GHashTable) values = sample_values ();
  g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "", "" },
    { "{", "{" },
    { "}", "}" },
    { "{}", "{}" },
    { "{{kind}}", "{CPPO}" },
    { "{ kind }", "{ kind }" },
    { "{kind", "{kind" },
    { "kind}", "kind}" },
    { "{kind}{kind}", "CPPOCPPO" },
    { "{kind-x}", "{kind-x}" },
    { "{ünïcode}", "{ünïcode}" },
    { "ÄÖÜ {kind} ß", "ÄÖÜ CPPO ß" },
    /* A value with braces is not expanded again. */
    { "{customer}", "Café Ørsted {GmbH}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_clear_pointer (&out, g_free);
      out = rd_template_render (cases[i].in, values, unknown);
      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_true (g_utf8_validate (out, -1, NULL));
    }
  g_assert_cmpuint (unknown->len, ==, 0);
}

static void
test_templates_unknown_placeholders (void)
{
  g_autoptr (GHashTable) values = sample_values ();
  g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;

  out = rd_template_render ("Dear {first_name}, {customer} {Customer} {first_name} {x9}",
                            values, unknown);
  g_assert_cmpstr (out, ==, "Dear {first_name}, Café Ørsted {GmbH} {Customer} {first_name} {x9}");
  g_assert_cmpuint (unknown->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (unknown, 0), ==, "first_name");
  g_assert_cmpstr (g_ptr_array_index (unknown, 1), ==, "Customer");
  g_assert_cmpstr (g_ptr_array_index (unknown, 2), ==, "x9");
}

static void
test_templates_agreement_values (void)
{
  g_autoptr (JsonObject) agreement = NULL;
  g_autoptr (GHashTable) values = NULL;
  g_autofree char *out = NULL;
  GDate today;

  agreement = parse_object ("{ \"type\": \"agreement\", \"customer\": \"Acme\","
                            "  \"agreement_id\": \"agmt-1\", \"offer_id\": \"offer-1\","
                            "  \"end_date\": \"2026-05-01\" }");
  g_assert_true (rd_date_parse ("2026-06-01", &today));
  values = rd_template_values_new (agreement, NULL, &today);
  out = rd_template_render ("{agreement_id} {offer_id} {days_left}", values, NULL);
  /* Past end dates count negative. */
  g_assert_cmpstr (out, ==, "agmt-1 offer-1 -31");
}

static void
test_templates_mailto (void)
{
  const char *to[] = { "a@example.com", "b.c@example.org", NULL };
  g_autofree char *uri = NULL;
  g_autofree char *bare = NULL;

  uri = rd_template_build_mailto (to, "Renewal & more: 100% ✓",
                                  "Line one\nLine two?\r\nx=y&z #1");
  g_assert_cmpstr (uri, ==,
                   "mailto:a@example.com,b.c@example.org"
                   "?subject=Renewal%20%26%20more%3A%20100%25%20%E2%9C%93"
                   "&body=Line%20one%0D%0ALine%20two%3F%0D%0Ax%3Dy%26z%20%231");

  bare = rd_template_build_mailto (NULL, NULL, "Hi");
  g_assert_cmpstr (bare, ==, "mailto:?body=Hi");
}

static void
test_templates_defaults (void)
{
  g_autoptr (GPtrArray) defaults = rd_template_dup_defaults ();
  gboolean touchpoints[3] = { FALSE, FALSE, FALSE };
  gboolean questionnaire = FALSE;

  g_assert_cmpuint (defaults->len, >=, 4);
  for (guint i = 0; i < defaults->len; i++)
    {
      JsonObject *t = g_ptr_array_index (defaults, i);
      const char *touchpoint = json_object_get_string_member (t, "touchpoint");
      const char *kind = json_object_get_string_member (t, "kind");
      g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;

      g_assert_cmpstr (json_object_get_string_member (t, "type"), ==, "template");
      g_assert_true (g_strv_contains (rd_template_kinds, kind));
      g_assert_true (g_strv_contains (rd_template_touchpoints, touchpoint));
      g_assert_nonnull (rd_template_kind_label (kind));
      g_assert_nonnull (rd_template_touchpoint_label (touchpoint));

      /* The shipped texts use only the placeholders the app knows. */
      subject = rd_template_render (json_object_get_string_member (t, "subject"), NULL, unknown);
      body = rd_template_render (json_object_get_string_member (t, "body"), NULL, unknown);
      g_assert_cmpuint (unknown->len, ==, 0);
      g_assert_cmpuint (strlen (body), >, 200);

      touchpoints[0] |= g_str_equal (touchpoint, "120");
      touchpoints[1] |= g_str_equal (touchpoint, "90");
      touchpoints[2] |= g_str_equal (touchpoint, "60");
      questionnaire |= g_str_equal (kind, "questionnaire");
    }
  g_assert_true (touchpoints[0] && touchpoints[1] && touchpoints[2]);
  g_assert_true (questionnaire);
}

static void
test_templates_install (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GPtrArray) templates = NULL;
  guint n;

  dir = g_dir_make_tmp ("rd-test-templates-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "renewals.db", NULL);
  store = rd_store_open (path, &error);
  g_assert_no_error (error);

  n = rd_template_install_defaults (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpuint (rd_store_count (store, "template"), ==, n);

  /* Not twice, and not again after the user deleted them all. */
  g_assert_cmpuint (rd_template_install_defaults (store, &error), ==, 0);
  g_assert_no_error (error);
  templates = rd_store_list (store, "template", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < templates->len; i++)
    {
      rd_store_delete (store, rd_record_get_id (g_ptr_array_index (templates, i)), &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (rd_template_install_defaults (store, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_count (store, "template"), ==, 0);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/templates/known-placeholders", test_templates_known_placeholders);
  g_test_add_func ("/templates/missing-values", test_templates_missing_values);
  g_test_add_func ("/templates/odd-braces", test_templates_odd_braces);
  g_test_add_func ("/templates/unknown-placeholders", test_templates_unknown_placeholders);
  g_test_add_func ("/templates/agreement-values", test_templates_agreement_values);
  g_test_add_func ("/templates/mailto", test_templates_mailto);
  g_test_add_func ("/templates/defaults", test_templates_defaults);
  g_test_add_func ("/templates/install", test_templates_install);

  return g_test_run ();
}
