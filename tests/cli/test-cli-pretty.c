/* test-cli-pretty.c
 *
 * `list --json` prints each record straight from its stored text: byte for byte what
 * json-glib's parser and pretty generator make of it, and json-glib's way for any text the
 * direct printer does not take.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-cli-pretty.h"
#include "rd-demo.h"
#include "rd-store-pipeline.h"
#include "rd-test-temp.h"

#define ID "0b7c3a52-5f1e-4d7e-9a59-3c1b8f0e2d41"

/* Prints body both ways; returns whether the direct printer took it. */
static gboolean
check_both_ways (const char *id,
                 const char *rev,
                 const char *body,
                 guint       indent)
{
  g_autoptr (GString) direct = g_string_new ("before ");
  g_autoptr (GString) parsed = g_string_new ("before ");
  g_autoptr (GString) combined = g_string_new ("before ");
  gboolean taken;

  taken = rd_cli_pretty_append_direct (direct, id, rev, body, indent);
  rd_cli_pretty_append_parsed (parsed, id, rev, body, indent);
  rd_cli_pretty_append_record (combined, id, rev, body, indent);
  if (taken)
    g_assert_cmpstr (direct->str, ==, parsed->str);
  else
    g_assert_cmpstr (direct->str, ==, "before ");
  g_assert_cmpstr (combined->str, ==, parsed->str);
  return taken;
}

/* What the store writes (json-glib's compact text) is printed directly and exactly. */
static void
test_pretty_compact (void)
{
  static const char *const bodies[] = {
    "{}",
    "{\"type\":\"agreement\"}",
    "{\"a\":{},\"b\":[],\"c\":[{}],\"d\":{\"e\":[],\"f\":{\"g\":{}}}}",
    "{\"n\":0,\"m\":-12,\"big\":123456789012345678,\"t\":true,\"f\":false,\"z\":null}",
    "{\"s\":\"quote \\\" backslash \\\\ tab \\t nl \\n cr \\r bs \\b ff \\f\"}",
    "{\"u\":\"Zürich – 東京 🚀 /slash\",\"Straße\":\"x\"}",
    "{\"list\":[1,\"two\",[3,[4,{\"five\":5}]],{\"six\":[]}],\"after\":\"x\"}",
    "{\"milestones\":{\"120\":true,\"90\":\"done\"},\"owner\":\"\"}",
    "{\"a\":{\"x\":1},\"b\":{\"x\":2}}",
    "{\"_idx\":\"not the id\",\"rev\":\"not the rev\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_test_message ("%s", bodies[i]);
      g_assert_true (check_both_ways (ID, "3-abc", bodies[i], 2));
      g_assert_true (check_both_ways (ID, NULL, bodies[i], 0));
    }
}

/* Text json-glib would print otherwise is left to it, and the result is still its own. */
static void
test_pretty_other_text (void)
{
  static const char *const bodies[] = {
    "{ \"a\":1}",
    "{\"a\" :1}",
    "{\"a\":1 }",
    "{\"a\":1}\n",
    "{\"a\":1.5}",
    "{\"a\":1e3}",
    "{\"a\":-0}",
    "{\"a\":007}",
    "{\"a\":12345678901234567890}",
    "{\"a\":\"\\u00e9\"}",
    "{\"a\":\"\\/\"}",
    "{\"a\":\"raw\ttab\"}",
    "{\"a\":\"del\x7f\"}",
    "{\"a\":\"bad \xff utf-8\"}",
    "{\"a\":1,\"a\":2}",
    "{\"o\":{\"k\":1,\"k\":2}}",
    "{\"_id\":\"other\"}",
    "{\"_rev\":\"1-x\"}",
    "{\"a\":tru}",
    "{\"a\":[1,]}",
    "{\"a\":1",
    "[1,2]",
    "not json",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *shown = g_strescape (bodies[i], NULL);

      g_test_message ("%s", shown);
      g_assert_false (check_both_ways (ID, "3-abc", bodies[i], 2));
    }
  g_assert_false (check_both_ways (ID, "3-abc", NULL, 2));
  /* An id or rev that would need escaping. */
  g_assert_false (check_both_ways ("a\"b", NULL, "{}", 2));
  g_assert_false (check_both_ways (ID, "1-\\", "{}", 2));
  /* The same names in different objects are no repetition. */
  g_assert_true (check_both_ways (ID, NULL, "{\"k\":{\"k\":{\"k\":1}},\"j\":{\"k\":2}}", 2));
}

/* Deep nesting is left to json-glib rather than recursing without bound. */
static void
test_pretty_deep (void)
{
  g_autoptr (GString) body = g_string_new ("{\"a\":");

  for (int i = 0; i < 200; i++)
    g_string_append_c (body, '[');
  for (int i = 0; i < 200; i++)
    g_string_append_c (body, ']');
  g_string_append_c (body, '}');
  g_assert_false (check_both_ways (ID, NULL, body->str, 2));
}

static gboolean
check_row (const RdStorePipelineRow *row,
           gpointer                  user_data)
{
  guint *n_rows = user_data;

  g_assert_true (check_both_ways (row->id, row->rev, row->body, 2));
  (*n_rows)++;
  return TRUE;
}

/* Every record of the demo data is printed directly, exactly as json-glib prints it. */
static void
test_pretty_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  RdStore *store = rd_test_temp_store_open ("cli-pretty", &dir, NULL);
  RdPipelineQuery query = { .due_within = RD_PIPELINE_DUE_ANY };
  guint n_rows = 0;

  g_assert_true (rd_demo_populate (store, 300, 11, "2026-06-15", &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_pipeline_foreach (store, &query, RD_STORE_PIPELINE_BODY, check_row,
                                            &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, >, 300);
  rd_test_temp_store_close (&store, &dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/pretty/compact", test_pretty_compact);
  g_test_add_func ("/cli/pretty/other-text", test_pretty_other_text);
  g_test_add_func ("/cli/pretty/deep", test_pretty_deep);
  g_test_add_func ("/cli/pretty/demo", test_pretty_demo);
  return g_test_run ();
}
