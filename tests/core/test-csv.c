/* test-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-csv.h"

static GPtrArray *
parse_ok (const char *text,
          gssize      length)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *rows = rd_csv_parse (text, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_row (GPtrArray         *rows,
            guint              index,
            const char * const *expected)
{
  GStrv row;

  g_assert_cmpuint (index, <, rows->len);
  row = g_ptr_array_index (rows, index);
  g_assert_cmpuint (g_strv_length (row), ==, g_strv_length ((GStrv) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_cmpstr (row[i], ==, expected[i]);
}

static void
test_simple (void)
{
  g_autoptr (GPtrArray) rows = parse_ok ("agreement_id,customer,end_date\r\n"
                                         "agmt-1,Acme,2026-01-31\r\n", -1);

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, (const char * const[]) { "agreement_id", "customer", "end_date", NULL });
  assert_row (rows, 1, (const char * const[]) { "agmt-1", "Acme", "2026-01-31", NULL });
}

static void
test_line_ends (void)
{
  g_autoptr (GPtrArray) lf = parse_ok ("a,b\nc,d\n", -1);
  g_autoptr (GPtrArray) crlf = parse_ok ("a,b\r\nc,d", -1);
  g_autoptr (GPtrArray) cr = parse_ok ("a,b\rc,d\r", -1);
  g_autoptr (GPtrArray) blank = parse_ok ("\r\n\na,b\r\n\r\n\r\nc,d\r\n\r\n", -1);
  GPtrArray *all[] = { lf, crlf, cr, blank };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_assert_cmpuint (all[i]->len, ==, 2);
      assert_row (all[i], 0, (const char * const[]) { "a", "b", NULL });
      assert_row (all[i], 1, (const char * const[]) { "c", "d", NULL });
    }
}

static void
test_empty_fields (void)
{
  g_autoptr (GPtrArray) rows = parse_ok (",,\r\na,,c\r\n\"\"\r\n,\r\nx,", -1);
  g_autoptr (GPtrArray) none = parse_ok ("", -1);
  g_autoptr (GPtrArray) only_bom = parse_ok (RD_CSV_BOM, -1);

  g_assert_cmpuint (rows->len, ==, 5);
  assert_row (rows, 0, (const char * const[]) { "", "", "", NULL });
  assert_row (rows, 1, (const char * const[]) { "a", "", "c", NULL });
  assert_row (rows, 2, (const char * const[]) { "", NULL });
  assert_row (rows, 3, (const char * const[]) { "", "", NULL });
  assert_row (rows, 4, (const char * const[]) { "x", "", NULL });
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (only_bom->len, ==, 0);
}

static void
test_quotes (void)
{
  g_autoptr (GPtrArray) rows =
    parse_ok ("\"Acme, Inc.\",\"say \"\"hi\"\"\",\"\"\"\",plain\r\n"
              "\"line one\r\nline two\",\"a\nb\",\" spaced \"\r\n", -1);

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0,
              (const char * const[]) { "Acme, Inc.", "say \"hi\"", "\"", "plain", NULL });
  assert_row (rows, 1,
              (const char * const[]) { "line one\r\nline two", "a\nb", " spaced ", NULL });
}

static void
test_bom_and_utf8 (void)
{
  g_autoptr (GPtrArray) rows = parse_ok (RD_CSV_BOM "kunde,ort\r\nMüller GmbH,Zürich\r\n", -1);
  g_autoptr (GPtrArray) inner = parse_ok ("a," RD_CSV_BOM "b\r\n", -1);

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, (const char * const[]) { "kunde", "ort", NULL });
  assert_row (rows, 1, (const char * const[]) { "Müller GmbH", "Zürich", NULL });
  /* Only a leading BOM is a BOM; elsewhere it is a (zero-width) character of the field. */
  assert_row (inner, 0, (const char * const[]) { "a", RD_CSV_BOM "b", NULL });
}

static void
assert_malformed (const char *text,
                  gssize      length,
                  RdCsvError  code,
                  guint       line,
                  guint       column)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = rd_csv_parse (text, length, &error);
  g_autofree char *position = g_strdup_printf ("%u, column %u:", line, column);
  g_autoptr (RdCsvReader) reader = rd_csv_reader_new (text, length);
  g_autoptr (GError) stream_error = NULL;
  guint got_line = 0;
  guint got_column = 0;
  GStrv row;

  g_assert_null (rows);
  g_assert_error (error, RD_CSV_ERROR, (int) code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, position));

  while ((row = rd_csv_reader_next_row (reader, &stream_error)) != NULL)
    g_strfreev (row);
  g_assert_error (stream_error, RD_CSV_ERROR, (int) code);
  rd_csv_reader_get_position (reader, &got_line, &got_column);
  g_assert_cmpuint (got_line, ==, line);
  g_assert_cmpuint (got_column, ==, column);
}

static void
test_malformed (void)
{
  /* The position of an unterminated field is its opening quote. */
  assert_malformed ("a,b\r\nc,\"open\r\nstill open", -1, RD_CSV_ERROR_UNTERMINATED_QUOTE, 2, 3);
  assert_malformed ("\"", -1, RD_CSV_ERROR_UNTERMINATED_QUOTE, 1, 1);
  assert_malformed ("a,\"x\"\"", -1, RD_CSV_ERROR_UNTERMINATED_QUOTE, 1, 3);
  assert_malformed ("a,b\r\nab\"c,d\r\n", -1, RD_CSV_ERROR_STRAY_QUOTE, 2, 3);
  assert_malformed ("a, \"b\"\r\n", -1, RD_CSV_ERROR_STRAY_QUOTE, 1, 4);
  assert_malformed ("\"ab\"c,d\r\n", -1, RD_CSV_ERROR_TEXT_AFTER_QUOTE, 1, 5);
  /* Columns count characters: "é" is two bytes but one column. */
  assert_malformed ("é,\"ü\" x\r\n", -1, RD_CSV_ERROR_TEXT_AFTER_QUOTE, 1, 6);
  assert_malformed ("ok\r\nüx\xff,y\r\n", -1, RD_CSV_ERROR_INVALID_UTF8, 2, 3);
  assert_malformed ("a,\"multi\nline \xc3\x28\"\r\n", -1, RD_CSV_ERROR_INVALID_UTF8, 2, 6);
  assert_malformed (RD_CSV_BOM "\xe2\x82", -1, RD_CSV_ERROR_INVALID_UTF8, 1, 1);
  assert_malformed ("a,b\0c\r\n", 7, RD_CSV_ERROR_INVALID_UTF8, 1, 4);
}

static void
test_streaming (void)
{
  g_autoptr (RdCsvReader) reader = rd_csv_reader_new ("h1,h2\r\n\"a\r\nb\",c\r\nd,e\r\nf\"", -1);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) first = NULL;
  g_auto (GStrv) second = NULL;
  g_auto (GStrv) third = NULL;
  g_auto (GStrv) fourth = NULL;
  guint line, column;

  first = rd_csv_reader_next_row (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first[1], ==, "h2");
  second = rd_csv_reader_next_row (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second[0], ==, "a\r\nb");
  rd_csv_reader_get_position (reader, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 1);
  third = rd_csv_reader_next_row (reader, &error);
  g_assert_no_error (error);
  rd_csv_reader_get_position (reader, &line, NULL);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpstr (third[1], ==, "e");
  /* Rows before a malformed one are delivered; the error comes with the bad row. */
  fourth = rd_csv_reader_next_row (reader, &error);
  g_assert_null (fourth);
  g_assert_error (error, RD_CSV_ERROR, RD_CSV_ERROR_STRAY_QUOTE);
}

static void
test_quote_field (void)
{
  struct
  {
    const char     *field;
    RdCsvWriteFlags flags;
    const char     *expected;
  } cases[] = {
    { "plain", RD_CSV_WRITE_DEFAULT, "plain" },
    { "", RD_CSV_WRITE_DEFAULT, "" },
    { "Acme, Inc.", RD_CSV_WRITE_DEFAULT, "\"Acme, Inc.\"" },
    { "say \"hi\"", RD_CSV_WRITE_DEFAULT, "\"say \"\"hi\"\"\"" },
    { "two\nlines", RD_CSV_WRITE_DEFAULT, "\"two\nlines\"" },
    { "cr\rhere", RD_CSV_WRITE_DEFAULT, "\"cr\rhere\"" },
    { " padded", RD_CSV_WRITE_DEFAULT, "\" padded\"" },
    { "Zürich", RD_CSV_WRITE_DEFAULT, "Zürich" },
    { "=HYPERLINK(\"x\")", RD_CSV_WRITE_DEFAULT, "\"=HYPERLINK(\"\"x\"\")\"" },
    { "=1+1", RD_CSV_WRITE_ESCAPE_FORMULAS, "\"'=1+1\"" },
    { "@SUM(A1)", RD_CSV_WRITE_ESCAPE_FORMULAS, "\"'@SUM(A1)\"" },
    { "+cmd|' /C calc'!A0", RD_CSV_WRITE_ESCAPE_FORMULAS, "\"'+cmd|' /C calc'!A0\"" },
    { "-2+3", RD_CSV_WRITE_ESCAPE_FORMULAS, "\"'-2+3\"" },
    { "-12.50", RD_CSV_WRITE_ESCAPE_FORMULAS, "-12.50" },
    { "+1e3", RD_CSV_WRITE_ESCAPE_FORMULAS, "+1e3" },
    { "Acme", RD_CSV_WRITE_ESCAPE_FORMULAS, "Acme" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quoted = rd_csv_quote_field (cases[i].field, cases[i].flags);

      g_assert_cmpstr (quoted, ==, cases[i].expected);
    }
}

static void
test_round_trip (void)
{
  const char * const rows[][4] = {
    { "agreement_id", "customer", "notes", "value" },
    { "agmt-1", "Acme, Inc.", "said \"renew\"\nnext week", "120000.00" },
    { "agmt-2", "", "", "" },
    { "agmt-3", "Müller GmbH", " leading and trailing ", "-5" },
    { "agmt-4", "\"quoted\"", "crlf\r\ninside", "=1+1" },
  };
  g_autoptr (GString) out = g_string_new (RD_CSV_BOM);
  g_autoptr (GPtrArray) parsed = NULL;
  const char * const single_empty[] = { "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    rd_csv_append_row (out, rows[i], G_N_ELEMENTS (rows[i]), RD_CSV_WRITE_DEFAULT);
  rd_csv_append_row (out, single_empty, -1, RD_CSV_WRITE_DEFAULT);
  g_assert_true (g_str_has_suffix (out->str, "\r\n\"\"\r\n"));
  g_assert_true (g_str_has_prefix (out->str, RD_CSV_BOM "agreement_id,customer,notes,value\r\n"));

  parsed = parse_ok (out->str, (gssize) out->len);
  g_assert_cmpuint (parsed->len, ==, G_N_ELEMENTS (rows) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GStrv row = g_ptr_array_index (parsed, i);

      g_assert_cmpuint (g_strv_length (row), ==, 4);
      for (guint j = 0; j < 4; j++)
        g_assert_cmpstr (row[j], ==, rows[i][j]);
    }
  assert_row (parsed, G_N_ELEMENTS (rows), single_empty);
}

static void
test_null_fields (void)
{
  const char * const fields[] = { "a", NULL, "c" };
  g_autoptr (GString) out = g_string_new (NULL);

  rd_csv_append_row (out, fields, 3, RD_CSV_WRITE_DEFAULT);
  g_assert_cmpstr (out->str, ==, "a,,c\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/simple", test_simple);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/bom-and-utf8", test_bom_and_utf8);
  g_test_add_func ("/csv/malformed", test_malformed);
  g_test_add_func ("/csv/streaming", test_streaming);
  g_test_add_func ("/csv/quote-field", test_quote_field);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/null-fields", test_null_fields);

  return g_test_run ();
}
