/* test-json-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-json-guard.h"

static void
assert_refused (const char *text,
                int         code,
                const char *where)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (rd_json_guard_check (text, -1, RD_JSON_GUARD_MAX_DEPTH, &error));
  g_assert_error (error, RD_JSON_GUARD_ERROR, code);
  if (strstr (error->message, where) == NULL)
    g_error ("“%s” does not say “%s”", error->message, where);
}

static void
test_accepts_records (void)
{
  const char *texts[] = {
    "{\"type\":\"agreement\",\"value\":\"93225.00\",\"n\":-12.5e3,\"ok\":true,\"x\":null}",
    "[1, 2.0, -0, 1e308, -1.7976931348623157e308, 1e-999, 0.000001]",
    ("{\"s\":\"nan inf Infinity 1e999 [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
     "[[[[[[[[[[[[[[[[[[[[[[[\"}"),
    "{\"escaped\":\"a \\\" [ { 1e999\",\"after\":1}",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (rd_json_guard_check (texts[i], -1, RD_JSON_GUARD_MAX_DEPTH, &error));
      g_assert_no_error (error);
    }
}

static void
test_depth_limit (void)
{
  g_autoptr (GString) at_limit = g_string_new (NULL);
  g_autoptr (GString) over = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < RD_JSON_GUARD_MAX_DEPTH; i++)
    g_string_append_c (at_limit, i % 2 ? '[' : '{');
  g_assert_true (rd_json_guard_check (at_limit->str, -1, RD_JSON_GUARD_MAX_DEPTH, &error));
  g_assert_no_error (error);

  over = g_string_new ("\n  ");
  g_string_append_len (over, at_limit->str, at_limit->len);
  g_string_append_c (over, '[');
  /* The 65th bracket is byte 67 (0-based), line 2, column 67. */
  assert_refused (over->str, RD_JSON_GUARD_ERROR_TOO_DEEP, "byte 67 (line 2, column 67)");
  assert_refused (over->str, RD_JSON_GUARD_ERROR_TOO_DEEP, "64 levels");

  /* Closing brackets give the levels back. */
  g_string_truncate (at_limit, 0);
  for (guint i = 0; i < 1000; i++)
    g_string_append (at_limit, "[[]]");
  g_assert_true (rd_json_guard_check (at_limit->str, -1, 2, &error));
  g_assert_no_error (error);
  g_assert_false (rd_json_guard_check (at_limit->str, -1, 1, &error));
  g_assert_error (error, RD_JSON_GUARD_ERROR, RD_JSON_GUARD_ERROR_TOO_DEEP);
}

static void
test_very_deep (void)
{
  gsize n = 1000 * 1000;
  g_autofree char *text = g_malloc (2 * n + 1);
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  /* A million levels would overflow a recursive parser's stack. */
  for (gsize i = 0; i < n; i++)
    text[i] = i % 2 ? '[' : '{';
  memset (text + n, ']', n);
  text[2 * n] = '\0';
  root = rd_json_guard_parse (text, -1, &error);
  g_assert_null (root);
  g_assert_error (error, RD_JSON_GUARD_ERROR, RD_JSON_GUARD_ERROR_TOO_DEEP);
  g_assert_nonnull (strstr (error->message, "byte 64 (line 1, column 65)"));
}

static void
test_non_finite (void)
{
  assert_refused ("{\"value\": 1e999}", RD_JSON_GUARD_ERROR_NON_FINITE, "byte 10 ");
  assert_refused ("[-1E400]", RD_JSON_GUARD_ERROR_NON_FINITE, "column 2");
  assert_refused ("[nan]", RD_JSON_GUARD_ERROR_NON_FINITE, "byte 1 ");
  assert_refused ("[NaN]", RD_JSON_GUARD_ERROR_NON_FINITE, "byte 1 ");
  assert_refused ("{\"a\":\n inf}", RD_JSON_GUARD_ERROR_NON_FINITE, "line 2, column 2");
  assert_refused ("[Infinity]", RD_JSON_GUARD_ERROR_NON_FINITE, "byte 1 ");
  assert_refused ("[-Infinity]", RD_JSON_GUARD_ERROR_NON_FINITE, "byte 1 ");
  /* Columns count characters, not bytes. */
  assert_refused ("{\"é€\": 1e999}", RD_JSON_GUARD_ERROR_NON_FINITE, "byte 10 (line 1, column 8)");
}

static void
test_long_integer (void)
{
  g_autoptr (GString) text = g_string_new ("[1");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 299; i++)
    g_string_append_c (text, '0');
  g_string_append_c (text, ']');
  g_assert_true (rd_json_guard_check (text->str, -1, RD_JSON_GUARD_MAX_DEPTH, &error));
  g_assert_no_error (error);
  /* 10^400 is no double. */
  g_string_truncate (text, text->len - 1);
  for (guint i = 0; i < 100; i++)
    g_string_append_c (text, '0');
  g_string_append_c (text, ']');
  assert_refused (text->str, RD_JSON_GUARD_ERROR_NON_FINITE, "byte 1 ");
}

static void
test_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  const char text[] = "{\"customer\":\"Acme\",\"value\":\"12.00\"}trailing";

  root = rd_json_guard_parse (text, strlen ("{\"customer\":\"Acme\",\"value\":\"12.00\"}"),
                              &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "customer"),
                   ==, "Acme");
  /* Nodes can be changed by the caller. */
  json_object_set_string_member (json_node_get_object (root), "customer", "Beta");

  g_clear_pointer (&root, json_node_unref);
  root = rd_json_guard_parse ("{\"a\":", -1, &error);
  g_assert_null (root);
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE);
  g_clear_error (&error);
  root = rd_json_guard_parse ("  ", -1, &error);
  g_assert_null (root);
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-guard/accepts-records", test_accepts_records);
  g_test_add_func ("/json-guard/depth-limit", test_depth_limit);
  g_test_add_func ("/json-guard/very-deep", test_very_deep);
  g_test_add_func ("/json-guard/non-finite", test_non_finite);
  g_test_add_func ("/json-guard/long-integer", test_long_integer);
  g_test_add_func ("/json-guard/parse", test_parse);

  return g_test_run ();
}
