/* test-money.c
 *
 * Exact amounts: parsing what the user, a CSV file, AWS or an older client wrote, printing it
 * back as entered, sums that do not drift, and refusals of what is not an amount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "rd-money.h"

static char *
round_trip (const char *text)
{
  g_autoptr (GError) error = NULL;
  RdMoney money;

  g_assert_true (rd_money_parse (text, &money, &error));
  g_assert_no_error (error);
  return rd_money_to_string (&money);
}

static void
assert_as_entered (const char *text,
                   const char *expected)
{
  g_autofree char *printed = round_trip (text);

  g_assert_cmpstr (printed, ==, expected);
}

static void
assert_refused (const char *text,
                int         code)
{
  g_autoptr (GError) error = NULL;
  RdMoney money;

  g_assert_false (rd_money_parse (text, &money, &error));
  g_assert_error (error, RD_MONEY_ERROR, code);
  g_assert_nonnull (error->message);
  /* A long input is cut in the message. */
  g_assert_cmpuint (strlen (error->message), <, 400);
}

static void
test_parse_as_entered (void)
{
  assert_as_entered ("93225", "93225");
  assert_as_entered ("93224.99", "93224.99");
  assert_as_entered ("120000.50", "120000.50");
  assert_as_entered ("0.10", "0.10");
  assert_as_entered ("0", "0");
  assert_as_entered ("-0", "0");
  assert_as_entered ("-0.00", "0.00");
  assert_as_entered ("-3.5", "-3.5");
  assert_as_entered ("007", "7");
  assert_as_entered ("0.00000001", "0.00000001");
  assert_as_entered ("999999999999999999.99999999", "999999999999999999.99999999");
  assert_as_entered ("-999999999999999999.99999999", "-999999999999999999.99999999");
  assert_as_entered ("000000000000000000000000001.5", "1.5");
}

static void
test_parse_refused (void)
{
  g_autofree char *long_garbage = g_strnfill (100000, 'x');
  g_autofree char *long_digits = g_strnfill (100000, '9');

  assert_refused ("", RD_MONEY_ERROR_SYNTAX);
  assert_refused (NULL, RD_MONEY_ERROR_SYNTAX);
  assert_refused ("1e300", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("1E5", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("NaN", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("nan", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("inf", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("-Infinity", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("lots", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("+5", RD_MONEY_ERROR_SYNTAX);
  assert_refused (" 5", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("5 ", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("1,000", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("1.2.3", RD_MONEY_ERROR_SYNTAX);
  assert_refused (".5", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("5.", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("-", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("--5", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("0x10", RD_MONEY_ERROR_SYNTAX);
  assert_refused ("12\xff", RD_MONEY_ERROR_SYNTAX);
  assert_refused (long_garbage, RD_MONEY_ERROR_SYNTAX);
  assert_refused ("1000000000000000000", RD_MONEY_ERROR_RANGE);
  assert_refused ("0.000000001", RD_MONEY_ERROR_RANGE);
  assert_refused (long_digits, RD_MONEY_ERROR_RANGE);
  /* Too many digits and then garbage is garbage. */
  assert_refused ("99999999999999999999e3", RD_MONEY_ERROR_SYNTAX);
}

static void
assert_number_text (double      number,
                    const char *expected)
{
  g_autofree char *text = rd_money_dup_number_text (number);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_number_text (void)
{
  assert_number_text (93225, "93225");
  assert_number_text (93224.99, "93224.99");
  assert_number_text (0.1, "0.1");
  assert_number_text (0.1 + 0.2, "0.30000000000000004");
  assert_number_text (-2.5, "-2.5");
  assert_number_text (-0.0, "0");
  assert_number_text (1e-7, "0.0000001");
  assert_number_text (1.5e20, "150000000000000000000");
  assert_number_text (120000.5, "120000.5");
  g_assert_null (rd_money_dup_number_text (NAN));
  g_assert_null (rd_money_dup_number_text (INFINITY));
  {
    g_autofree char *huge = rd_money_dup_number_text (1e300);

    g_assert_cmpuint (strlen (huge), ==, 301);
    g_assert_true (g_str_has_prefix (huge, "1000"));
  }
}

static void
assert_json (const char *json,
             const char *expected,
             int         code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);
  RdMoney money;

  g_assert_no_error (error);
  if (expected != NULL)
    {
      g_autofree char *text = NULL;

      g_assert_true (rd_money_from_json (node, &money, &error));
      g_assert_no_error (error);
      text = rd_money_to_string (&money);
      g_assert_cmpstr (text, ==, expected);
    }
  else
    {
      g_assert_false (rd_money_from_json (node, &money, &error));
      g_assert_error (error, RD_MONEY_ERROR, code);
    }
}

static void
test_from_json (void)
{
  assert_json ("93225", "93225", 0);
  assert_json ("93224.99", "93224.99", 0);
  assert_json ("93225.0", "93225", 0);
  assert_json ("\"93225.00\"", "93225.00", 0);
  assert_json ("-12", "-12", 0);
  assert_json ("1e300", NULL, RD_MONEY_ERROR_RANGE);
  assert_json ("\"1e300\"", NULL, RD_MONEY_ERROR_SYNTAX);
  assert_json ("123456789012.345678", NULL, RD_MONEY_ERROR_PRECISION);
  assert_json ("0.30000000000000004", NULL, RD_MONEY_ERROR_RANGE);
  assert_json ("true", NULL, RD_MONEY_ERROR_SYNTAX);
  assert_json ("null", NULL, RD_MONEY_ERROR_SYNTAX);
  assert_json ("[1]", NULL, RD_MONEY_ERROR_SYNTAX);
  assert_json ("\"\"", NULL, RD_MONEY_ERROR_SYNTAX);
}

static RdMoney
money (const char *text)
{
  g_autoptr (GError) error = NULL;
  RdMoney result;

  g_assert_true (rd_money_parse (text, &result, &error));
  g_assert_no_error (error);
  return result;
}

static void
test_add_compare (void)
{
  g_autoptr (GError) error = NULL;
  RdMoney a = money ("0.1");
  RdMoney b = money ("0.2");
  RdMoney sum;
  RdMoney max = money ("999999999999999999.99999999");
  g_autofree char *text = NULL;

  g_assert_true (rd_money_add (&a, &b, &sum, &error));
  g_assert_no_error (error);
  text = rd_money_to_string (&sum);
  g_assert_cmpstr (text, ==, "0.3");
  g_assert_cmpint (rd_money_compare (&sum, &(RdMoney) { money ("0.30").units, 2 }), ==, 0);
  g_assert_cmpint (rd_money_compare (&a, &b), <, 0);
  g_assert_cmpint (rd_money_compare (&b, &a), >, 0);
  g_assert_cmpint (rd_money_sign (&a), ==, 1);
  g_assert_cmpint (rd_money_sign (&(RdMoney) { money ("-0.01").units, 2 }), ==, -1);
  g_assert_cmpint (rd_money_sign (&(RdMoney) { money ("0.00").units, 2 }), ==, 0);

  g_clear_pointer (&text, g_free);
  b = money ("100.250");
  g_assert_true (rd_money_add (&a, &b, &sum, &error));
  text = rd_money_to_string (&sum);
  g_assert_cmpstr (text, ==, "100.350");

  /* A sum of maxima is still exact: the sum holds more digits than an input may. */
  sum = max;
  for (int i = 0; i < 1000; i++)
    g_assert_true (rd_money_add (&sum, &max, &sum, &error));
  g_clear_pointer (&text, g_free);
  text = rd_money_to_string (&sum);
  g_assert_cmpstr (text, ==, "1000999999999999999999.99998999");
  g_assert_cmpfloat_with_epsilon (rd_money_to_double (&a), 0.1, 1e-12);
}

/* Differences (a renewal's growth) exactly, where a double gets them wrong. */
static void
test_subtract (void)
{
  g_autoptr (GError) error = NULL;
  RdMoney renewal = money ("9007199254740993.01");
  RdMoney preceding = money ("9007199254740993.00");
  RdMoney difference;
  RdMoney lowest;
  RdMoney one = money ("0.00000001");
  g_autofree char *text = NULL;

  /* 2^53 + 1 is no double: both read as 9007199254740992, a difference of 0. */
  g_assert_true (rd_money_subtract (&renewal, &preceding, &difference, &error));
  g_assert_no_error (error);
  text = rd_money_to_string (&difference);
  g_assert_cmpstr (text, ==, "0.01");
  g_assert_cmpint (rd_money_sign (&difference), ==, 1);

  g_assert_true (rd_money_subtract (&preceding, &renewal, &difference, &error));
  g_clear_pointer (&text, g_free);
  text = rd_money_to_string (&difference);
  g_assert_cmpstr (text, ==, "-0.01");

  /* 0.3 - 0.1 - 0.2 is -2.8e-17 in doubles. */
  renewal = money ("0.3");
  preceding = money ("0.1");
  g_assert_true (rd_money_subtract (&renewal, &preceding, &difference, &error));
  preceding = money ("0.2");
  g_assert_true (rd_money_subtract (&difference, &preceding, &difference, &error));
  g_assert_cmpint (rd_money_sign (&difference), ==, 0);
  g_clear_pointer (&text, g_free);
  text = rd_money_to_string (&difference);
  g_assert_cmpstr (text, ==, "0.0");

  /* The finer scale of the two, as a sum keeps it. */
  renewal = money ("120000");
  preceding = money ("100000.50");
  g_assert_true (rd_money_subtract (&renewal, &preceding, &difference, &error));
  g_clear_pointer (&text, g_free);
  text = rd_money_to_string (&difference);
  g_assert_cmpstr (text, ==, "19999.50");

  /* Below the least a difference can hold: an error, out untouched. */
  lowest = money ("0");
  lowest.units = -((__extension__ (__int128) 1) << 126) * 2;
  difference = money ("7");
  g_assert_false (rd_money_subtract (&lowest, &one, &difference, &error));
  g_assert_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW);
  g_clear_pointer (&text, g_free);
  text = rd_money_to_string (&difference);
  g_assert_cmpstr (text, ==, "7");
}

static void
test_totals (void)
{
  g_autoptr (RdMoneyTotals) totals = rd_money_totals_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) currencies = NULL;
  const char *tenths[] = { "0.1", "0.2", "0.1", "0.2", "0.1", "0.2", "0.1", "0.2", "0.1", "0.2" };
  RdMoney amount;
  g_autofree char *usd = NULL;
  g_autofree char *eur = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tenths); i++)
    {
      amount = money (tenths[i]);
      g_assert_true (rd_money_totals_add (totals, "USD", &amount, &error));
    }
  amount = money ("93224.99");
  g_assert_true (rd_money_totals_add (totals, "EUR", &amount, &error));
  amount = money ("0.01");
  g_assert_true (rd_money_totals_add (totals, "EUR", &amount, &error));
  g_assert_no_error (error);

  usd = rd_money_to_string (rd_money_totals_lookup (totals, "USD"));
  eur = rd_money_to_string (rd_money_totals_lookup (totals, "EUR"));
  g_assert_cmpstr (usd, ==, "1.5");
  g_assert_cmpstr (eur, ==, "93225.00");
  g_assert_null (rd_money_totals_lookup (totals, "GBP"));
  currencies = rd_money_totals_dup_currencies (totals);
  g_assert_cmpuint (g_strv_length (currencies), ==, 2);
  g_assert_cmpstr (currencies[0], ==, "EUR");
  g_assert_cmpstr (currencies[1], ==, "USD");
}

static void
test_display (void)
{
  RdMoney amount = money ("-1234567.50");
  g_autofree char *c_locale = NULL;
  g_autofree char *german = NULL;

  setlocale (LC_NUMERIC, "C");
  c_locale = rd_money_format_display (&amount);
  g_assert_cmpstr (c_locale, ==, "−1234567.50");

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no German locale");
      return;
    }
  german = rd_money_format_display (&amount);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpstr (german, ==, "−1.234.567,50");
}

static void
assert_compact (const char *text,
                const char *digits,
                guint       exponent)
{
  RdMoney amount = money (text);
  g_autofree char *shown = NULL;
  RdMoney rounded;
  guint unit = G_MAXUINT;

  rd_money_round_compact (&amount, &rounded, &unit);
  shown = rd_money_to_string (&rounded);
  g_assert_cmpstr (shown, ==, digits);
  g_assert_cmpuint (unit, ==, exponent);
}

/* A compact figure's digits and unit, rounded half-up on the decimal digits. */
static void
test_round_compact (void)
{
  RdMoney big, more, sum, rounded;
  g_autofree char *shown = NULL;
  guint unit;

  assert_compact ("0", "0", 0);
  assert_compact ("9999.49", "9999", 0);
  assert_compact ("9999.5", "10.0", 3);
  assert_compact ("999499", "999", 3);
  assert_compact ("999500", "1.00", 6);
  assert_compact ("1004999.99999999", "1.00", 6);
  assert_compact ("1005000", "1.01", 6);
  assert_compact ("9995000", "10.0", 6);
  assert_compact ("999499999.99999999", "999", 6);
  assert_compact ("999500000", "1.00", 9);
  assert_compact ("-2675000", "-2.68", 6);
  assert_compact ("-0.4", "0", 0);
  assert_compact ("999999999999999999.99999999", "1000000000", 9);

  /* Past the 18 digits one amount holds: a sum. */
  big = money ("999999999999999999.99999999");
  more = money ("999999999999999999.99999999");
  g_assert_true (rd_money_add (&big, &more, &sum, NULL));
  rd_money_round_compact (&sum, &rounded, &unit);
  shown = rd_money_to_string (&rounded);
  g_assert_cmpstr (shown, ==, "2000000000");
  g_assert_cmpuint (unit, ==, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse-as-entered", test_parse_as_entered);
  g_test_add_func ("/money/parse-refused", test_parse_refused);
  g_test_add_func ("/money/number-text", test_number_text);
  g_test_add_func ("/money/from-json", test_from_json);
  g_test_add_func ("/money/add-compare", test_add_compare);
  g_test_add_func ("/money/subtract", test_subtract);
  g_test_add_func ("/money/totals", test_totals);
  g_test_add_func ("/money/display", test_display);
  g_test_add_func ("/money/round-compact", test_round_compact);

  return g_test_run ();
}
