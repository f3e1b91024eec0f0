/* test-json-strict.c
 *
 * The quick reader against json-glib's parser: whatever it reads, it reads as json-glib does
 * (the same node types, values and member order); whatever it is not sure of, it leaves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "rd-json-guard.h"
#include "rd-json-strict.h"
#include "rd-test-json.h"

#define DEPTH RD_JSON_GUARD_MAX_DEPTH

static JsonNode *
glib_parse (const char *text,
            gsize       length)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL))
    return NULL;
  return json_parser_steal_root (parser);
}

/* The reader takes text and reads it as json-glib does. */
static void
assert_read_alike (const char *text)
{
  g_autoptr (JsonNode) mine = rd_json_strict_read (text, strlen (text), DEPTH);
  g_autoptr (JsonNode) theirs = glib_parse (text, strlen (text));

  if (mine == NULL)
    g_error ("The reader left “%s”", text);
  g_assert_nonnull (theirs);
  rd_test_assert_same_json (mine, theirs);
}

static void
assert_left (const char *text)
{
  g_autoptr (JsonNode) mine = rd_json_strict_read (text, strlen (text), DEPTH);

  if (mine != NULL)
    g_error ("The reader took “%s”", text);
}

static void
test_reads_alike (void)
{
  static const char *const texts[] = {
    "{}", "[]", " {\"a\" : [ ] } ", "0", "-0", "-0.0", "12", "-12", "1.5", "1e5", "1E-5",
    "2.5e+3", "123456789012345678", "-123456789012345678", "0.1", "3.141592653589793",
    "1.7976931348623157e308", "5e-324", "true", "false", "null", "\"\"",
    "\"Acme \\\"Cloud\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "\"\\u00e9\\u20AC\\u4e2d\"",
    "\"\\ud83d\\ude00 and \\uD834\\uDD1E\"", "\"é€中😀\"",
    "{\"_id\":\"o-1\",\"_rev\":\"1-a\",\"value\":\"12.00\",\"n\":3,\"ok\":true,\"x\":null}",
    "{\"b\":1,\"a\":2,\"c\":{\"z\":[1,2,{\"y\":[]}],\"y\":\"s\"}}",
    ("{\"results\":[{\"seq\":1,\"id\":\"a\",\"changes\":[{\"rev\":\"1-x\"}],"
     "\"doc\":{\"_id\":\"a\",\"type\":\"offer\"}}],\"last_seq\":\"1-g1AAAA\",\"pending\":0}"),
    "\r\n\t[1,\r\n2]\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_read_alike (texts[i]);
}

static void
test_leaves (void)
{
  static const char *const texts[] = {
    "", "  ", "{", "[", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "[01]", "[+1]",
    "[1.]", "[.5]", "[1e]", "[1e+]", "[-]", "[--1]", "[0x10]", "[1e999]", "[-1e999]", "[NaN]",
    "[Infinity]", "[tru]", "[nul]", "[True]", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u00zz\"",
    "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83d\\u0041\"", "\"\\u0000\"", "\"tab\there\"",
    "\"new\nline\"", "{\"\":1}", "{\"a\":1,\"a\":2}", "[1] [2]", "[1]x", "1234567890123456789",
    "-1234567890123456789", "/* comment */ 1", "[1,2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_left (texts[i]);
  /* Not UTF-8, and a NUL inside the length. */
  assert_left ("\"\xff\"");
  g_assert_null (rd_json_strict_read ("[1,\0 2]", 7, DEPTH));
  /* Only the length given is read. */
  {
    g_autoptr (JsonNode) root = rd_json_strict_read ("[1]garbage", 3, DEPTH);

    g_assert_nonnull (root);
    g_assert_cmpint (json_array_get_int_element (json_node_get_array (root), 0), ==, 1);
  }
}

static void
test_depth (void)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (JsonNode) root = NULL;

  for (guint i = 0; i < DEPTH; i++)
    g_string_append (text, i % 2 ? "{\"a\":" : "[");
  g_string_append (text, "1");
  for (guint i = DEPTH; i > 0; i--)
    g_string_append (text, (i - 1) % 2 ? "}" : "]");
  root = rd_json_strict_read (text->str, text->len, DEPTH);
  g_assert_nonnull (root);
  g_assert_null (rd_json_strict_read (text->str, text->len, DEPTH - 1));
  /* Far deeper than any stack would take, left at the limit. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (text, '[');
  g_assert_null (rd_json_strict_read (text->str, text->len, DEPTH));
}

static char *
random_string (GRand *rand)
{
  static const gunichar alphabet[] = {
    'a', 'Z', '0', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', 0x01, 0x1e, 0x7f,
    0xe9, 0x20ac, 0x4e2d, 0xfeff, 0xfffd, 0x1f600, 0x10ffff, 0x2028,
  };
  g_autoptr (GString) text = g_string_new (NULL);
  guint length = g_rand_int_range (rand, 0, 12);

  for (guint i = 0; i < length; i++)
    g_string_append_unichar (text, alphabet[g_rand_int_range (rand, 0,
                                                              G_N_ELEMENTS (alphabet))]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonNode *
random_node (GRand *rand,
             guint  depth)
{
  JsonNode *node = json_node_alloc ();
  int kind = g_rand_int_range (rand, 0, depth < 6 ? 9 : 7);

  switch (kind)
    {
    case 0:
      return json_node_init_null (node);
    case 1:
      return json_node_init_boolean (node, g_rand_boolean (rand));
    case 2:
      return json_node_init_int (node, g_rand_int_range (rand, -100000, 100000));
    case 3:
      return json_node_init_int (node, ((gint64) g_rand_int (rand) << 24) ^ g_rand_int (rand));
    case 4:
      return json_node_init_double (node, g_rand_double_range (rand, -1e6, 1e6));
    case 5:
      return json_node_init_double (node, g_rand_double (rand)
                                          * pow (10, g_rand_int_range (rand, -300, 300)));
    case 6:
      {
        g_autofree char *text = random_string (rand);

        return json_node_init_string (node, text);
      }
    case 7:
      {
        g_autoptr (JsonArray) array = json_array_new ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, random_node (rand, depth + 1));
        return json_node_init_array (node, array);
      }
    default:
      {
        g_autoptr (JsonObject) object = json_object_new ();
        guint n = g_rand_int_range (rand, 0, 5);

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *name = random_string (rand);

            json_object_set_member (object, *name ? name : "k", random_node (rand, depth + 1));
          }
        return json_node_init_object (node, object);
      }
    }
}

/* Trees json-glib wrote, compact and pretty: the reader reads each one alike. */
static void
test_random_trees (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr (JsonNode) tree = random_node (rand, 0);
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (generator, tree);
      json_generator_set_pretty (generator, round % 2);
      text = json_generator_to_data (generator, NULL);
      assert_read_alike (text);
    }
}

/* Texts with bytes changed, added or taken out: what the reader still takes, json-glib reads
 * alike. */
static void
test_mutations (void)
{
  static const char alphabet[] = "{}[]\",:\\u0123456789-+.eEtrufalsn \n\xc3\xa9\x80";
  g_autoptr (GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  guint taken = 0, left = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr (JsonNode) tree = random_node (rand, 3);
      g_autofree char *text = json_to_string (tree, FALSE);
      g_autoptr (GString) mutated = g_string_new (text);
      g_autoptr (JsonNode) mine = NULL;
      guint changes = g_rand_int_range (rand, 1, 3);

      for (guint i = 0; i < changes; i++)
        {
          guint at = g_rand_int_range (rand, 0, mutated->len + 1);
          char c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              g_string_insert_c (mutated, at, c);
              break;
            case 1:
              if (at < mutated->len)
                g_string_erase (mutated, at, 1);
              break;
            default:
              if (at < mutated->len)
                mutated->str[at] = c;
              break;
            }
        }
      mine = rd_json_strict_read (mutated->str, mutated->len, DEPTH);
      if (mine != NULL)
        {
          g_autoptr (JsonNode) theirs = glib_parse (mutated->str, mutated->len);

          if (theirs == NULL)
            g_error ("The reader took “%s”, which json-glib refuses", mutated->str);
          rd_test_assert_same_json (mine, theirs);
          taken++;
        }
      else
        left++;
    }
  /* Both paths were tried. */
  g_assert_cmpuint (taken, >, 100);
  g_assert_cmpuint (left, >, 100);
}

/* rd_json_guard_parse reads through it and falls back to json-glib, errors and all. */
static void
test_guard_parse (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = rd_json_guard_parse ("{\"a\":[1,2.5,\"x\"]}", -1, &error);
  g_autoptr (JsonNode) long_int = NULL;

  g_assert_no_error (error);
  json_object_set_int_member (json_node_get_object (root), "b", 3);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "b"), ==, 3);
  long_int = rd_json_guard_parse ("[1234567890123456789]", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_array_get_int_element (json_node_get_array (long_int), 0), ==,
                   G_GINT64_CONSTANT (1234567890123456789));
  g_assert_null (rd_json_guard_parse ("[1e999]", -1, &error));
  g_assert_error (error, RD_JSON_GUARD_ERROR, RD_JSON_GUARD_ERROR_NON_FINITE);
  g_clear_error (&error);
  /* json-glib writes U+001F unescaped and reads it back; the reader leaves that to it. */
  g_assert_null (rd_json_strict_read ("\"\x1f\"", 3, DEPTH));
  g_clear_pointer (&root, json_node_unref);
  root = rd_json_guard_parse ("\"\x1f\"", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (root), ==, "\x1f");
  g_assert_null (rd_json_guard_parse ("{\"a\":1,}", -1, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_TRAILING_COMMA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-strict/reads-alike", test_reads_alike);
  g_test_add_func ("/json-strict/leaves", test_leaves);
  g_test_add_func ("/json-strict/depth", test_depth);
  g_test_add_func ("/json-strict/random-trees", test_random_trees);
  g_test_add_func ("/json-strict/mutations", test_mutations);
  g_test_add_func ("/json-strict/guard-parse", test_guard_parse);
  return g_test_run ();
}
