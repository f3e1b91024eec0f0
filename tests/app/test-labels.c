/* test-labels.c
 *
 * Amounts as the user reads them: exact, from the decimal text as stored, with the digit
 * grouping of the locale (English, German, the C locale as English, grouping by three then
 * two), large amounts and decimals as entered; compact figures ("1.01 M") rounded on the
 * digits, never through a double; the ACE growth computed exactly and shown so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "rd-labels.h"

static RdMoney
money (const char *text)
{
  g_autoptr (GError) error = NULL;
  RdMoney out;

  g_assert_true (rd_money_parse (text, &out, &error));
  g_assert_no_error (error);
  return out;
}

static void
assert_grouped (const char *text,
                const char *point,
                const char *separator,
                const char *grouping,
                const char *expected)
{
  RdMoney amount = money (text);
  g_autofree char *shown = rd_money_format_grouped (&amount, point, separator, grouping);

  g_assert_cmpstr (shown, ==, expected);
}

/* The conventions as glibc's en_US, de_DE and hi_IN give them, without needing them
 * installed. */
static void
test_grouped (void)
{
  assert_grouped ("27000", ".", ",", "\3\3", "27,000");
  assert_grouped ("27000", ",", ".", "\3\3", "27.000");
  assert_grouped ("999", ",", ".", "\3\3", "999");
  assert_grouped ("1000", ".", ",", "\3\3", "1,000");
  assert_grouped ("120000.50", ".", ",", "\3\3", "120,000.50");
  assert_grouped ("120000.50", ",", ".", "\3\3", "120.000,50");
  assert_grouped ("-1234567.5", ",", ".", "\3\3", "−1.234.567,5");
  assert_grouped ("0.00000001", ".", ",", "\3\3", "0.00000001");
  assert_grouped ("123456789012345678.12345678", ".", ",", "\3\3",
                  "123,456,789,012,345,678.12345678");
  assert_grouped ("123456789012345678.12345678", ",", ".", "\3\3",
                  "123.456.789.012.345.678,12345678");
  /* Three, then twos. */
  assert_grouped ("1234567", ".", ",", "\3\2", "12,34,567");
  /* Grouping stops at CHAR_MAX; none without a separator or a grouping. */
  assert_grouped ("1234567", ".", ",", "\3\177", "1234,567");
  assert_grouped ("1234567", ".", "", "\3\3", "1234567");
  assert_grouped ("1234567", ".", ",", "", "1234567");
  /* A separator of more than one byte (a no-break space). */
  assert_grouped ("1234567", ",", "\u202f", "\3", "1\u202f234\u202f567");
}

/* LC_NUMERIC as en_US; FALSE, with a note, where it is not installed. */
static gboolean
set_english_numbers (void)
{
  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    return TRUE;
  g_test_message ("en_US.UTF-8 is not installed: English as the C locale only");
  return FALSE;
}

/* LC_NUMERIC as de_DE; FALSE, the test skipped and back in the C locale, where it is not
 * installed. */
static gboolean
set_german_numbers (void)
{
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
    return TRUE;
  setlocale (LC_NUMERIC, "C.UTF-8");
  g_test_skip ("no German locale (build-aux/setup generates de_DE.UTF-8)");
  return FALSE;
}

static void
assert_value (const char *text,
              const char *currency,
              const char *expected)
{
  RdMoney amount = money (text);
  g_autofree char *shown = rd_labels_format_money_value (&amount, currency);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_locales (void)
{
  /* The C locale groups nothing; its amounts are English ones. */
  g_assert_nonnull (setlocale (LC_NUMERIC, "C.UTF-8"));
  assert_value ("27000", "USD", "27,000 USD");
  assert_value ("27000.50", "USD", "27,000.50 USD");
  assert_value ("999999999999999999.99999999", "EUR", "999,999,999,999,999,999.99999999 EUR");
  assert_value ("12.5", NULL, "12.5");
  /* Decimals that say nothing are left out; the others as entered. */
  assert_value ("55440.00", "USD", "55,440 USD");
  assert_value ("55440.10", "USD", "55,440.10 USD");
  assert_value ("-0.00", "USD", "0 USD");

  if (set_english_numbers ())
    {
      assert_value ("27000", "USD", "27,000 USD");
      assert_value ("1234567.89", "USD", "1,234,567.89 USD");
    }

  if (!set_german_numbers ())
    return;
  assert_value ("27000", "USD", "27.000 USD");
  assert_value ("27000.50", "EUR", "27.000,50 EUR");
  assert_value ("-1234567.5", "EUR", "−1.234.567,5 EUR");
  assert_value ("123456789012345678.12345678", "USD", "123.456.789.012.345.678,12345678 USD");
  setlocale (LC_NUMERIC, "C.UTF-8");
}

static void
assert_compact (const char *text,
                const char *expected)
{
  RdMoney amount = money (text);
  g_autofree char *shown = rd_labels_format_compact (&amount);

  g_assert_cmpstr (shown, ==, expected);
}

/* English, as the C locale shows it (and en_US where it is installed). Each case marked
 * "double" comes out otherwise through a double: "%.2f" of 1005000 / 1e6 is "1.00". */
static void
assert_compact_english (void)
{
  g_autofree char *shown = NULL;
  RdMoney big, more, sum;

  assert_compact ("0", "0");
  assert_compact ("950", "950");
  assert_compact ("9999", "9,999");
  assert_compact ("9999.49", "9,999");
  assert_compact ("9999.5", "10.0 k");
  assert_compact ("10000", "10.0 k");
  assert_compact ("523000", "523 k");
  assert_compact ("999499", "999 k");
  assert_compact ("999500", "1.00 M");
  assert_compact ("1200000", "1.20 M");
  assert_compact ("1500000.50", "1.50 M");
  assert_compact ("10640000", "10.6 M");
  assert_compact ("1063600000", "1.06 B");
  assert_compact ("10600000000", "10.6 B");
  assert_compact ("106000000000", "106 B");
  assert_compact ("2500000000000", "2,500 B");
  /* Half-up on the digits. */
  assert_compact ("1005000", "1.01 M");                   /* double: 1.00 M */
  assert_compact ("1004999.99999999", "1.00 M");
  assert_compact ("2675000", "2.68 M");                   /* double: 2.67 M */
  assert_compact ("100500", "101 k");                     /* double: 100 k */
  assert_compact ("-1005000", "−1.01 M");                 /* double: −1.00 M */
  assert_compact ("-0.4", "0");                           /* double: −0 */
  /* Past the 15 to 17 digits a double keeps. */
  assert_compact ("999499999.99999999", "999 M");         /* double: 1.00 B */
  assert_compact ("999499999999.99999999", "999 B");      /* double: 1,000 B */
  assert_compact ("999999999999999999.99", "1,000,000,000 B");
  assert_compact ("123456789012345678.12345678", "123,456,789 B");
  /* A sum of 19 digits, past what one amount holds. */
  big = money ("999999999999999999");
  more = money ("234567890500000001");
  g_assert_true (rd_money_add (&big, &more, &sum, NULL));
  shown = rd_labels_format_compact (&sum);
  g_assert_cmpstr (shown, ==, "1,234,567,891 B");        /* double: …890 B */
}

static void
test_compact (void)
{
  g_assert_nonnull (setlocale (LC_NUMERIC, "C.UTF-8"));
  assert_compact_english ();

  if (set_english_numbers ())
    assert_compact_english ();

  if (!set_german_numbers ())
    return;
  assert_compact ("9999", "9.999");
  assert_compact ("10000", "10,0 k");
  assert_compact ("1005000", "1,01 M");
  assert_compact ("1500000.50", "1,50 M");
  assert_compact ("2675000", "2,68 M");
  assert_compact ("10640000", "10,6 M");
  assert_compact ("-1063600000", "−1,06 B");
  assert_compact ("2500000000000", "2.500 B");
  assert_compact ("999499999.99999999", "999 M");
  assert_compact ("999999999999999999.99", "1.000.000.000 B");
  setlocale (LC_NUMERIC, "C.UTF-8");
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The editor's ACE reason for an offer O7654321 at stage Committed with offer_members,
 * renewing an agreement with agreement_members. */
static void
assert_ace_reason (const char *offer_members,
                   const char *agreement_members,
                   RdAceState  expected_state,
                   const char *expected)
{
  g_autofree char *offer_json = NULL;
  g_autofree char *agreement_json = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) agreement = NULL;
  g_autofree char *reason = NULL;
  RdAceState state;

  offer_json = g_strdup_printf ("{ \"type\": \"offer\", \"ace_opportunity_id\": \"O7654321\","
                                "  \"ace_stage\": \"Committed\", %s }", offer_members);
  agreement_json = g_strdup_printf ("{ \"type\": \"agreement\", %s }", agreement_members);
  offer = parse_object (offer_json);
  agreement = parse_object (agreement_json);
  reason = rd_labels_dup_ace_reason (offer, agreement, &state);
  g_assert_cmpint (state, ==, expected_state);
  g_assert_cmpstr (reason, ==, expected);
}

/* English, as the C locale shows it (and en_US where it is installed). */
static void
assert_ace_reasons_english (void)
{
  assert_ace_reason ("\"value\": \"112000\", \"currency\": \"USD\"",
                     "\"value\": \"100000\", \"currency\": \"USD\"",
                     RD_ACE_STATE_VALIDATED,
                     "Validated: +12,000 USD over the current agreement");
  /* Through doubles both are 9007199254740992: no growth. */
  assert_ace_reason ("\"value\": \"9007199254740993.01\", \"currency\": \"USD\"",
                     "\"value\": \"9007199254740993.00\", \"currency\": \"USD\"",
                     RD_ACE_STATE_VALIDATED,
                     "Validated: +0.01 USD over the current agreement");
  /* The decimals as entered, not rounded to a whole amount. */
  assert_ace_reason ("\"value\": \"1063600000.4\", \"currency\": \"USD\"",
                     "\"value\": \"0\", \"currency\": \"USD\"",
                     RD_ACE_STATE_VALIDATED,
                     "Validated: +1,063,600,000.4 USD over the current agreement");
  assert_ace_reason ("\"value\": \"100000\", \"currency\": \"EUR\","
                     "\"value_adds\": [ { \"amount\": \"0.1\" }, { \"amount\": \"0.2\" } ]",
                     "\"value\": \"100000.30\", \"currency\": \"EUR\"",
                     RD_ACE_STATE_NO_GROWTH,
                     "Not validated: the renewal must be worth more than the agreement it "
                     "renews (100,000.30 EUR)");
  assert_ace_reason ("\"value\": \"90000\", \"currency\": \"USD\"",
                     "\"value\": \"120000.50\", \"currency\": \"USD\"",
                     RD_ACE_STATE_NO_GROWTH,
                     "Not validated: the renewal must be worth more than the agreement it "
                     "renews (120,000.50 USD)");
  assert_ace_reason ("\"value\": \"120000\", \"currency\": \"EUR\"",
                     "\"value\": \"100000\", \"currency\": \"USD\"",
                     RD_ACE_STATE_CURRENCY_MISMATCH,
                     "Not validated: the offer is in EUR but the agreement it renews in USD; "
                     "growth is only compared in one currency");
  assert_ace_reason ("\"value\": \"120000\"",
                     "\"value\": \"100000\", \"currency\": \"USD\"",
                     RD_ACE_STATE_CURRENCY_MISMATCH,
                     "Not validated: the offer is in no currency but the agreement it renews "
                     "in USD; growth is only compared in one currency");
  assert_ace_reason ("\"value\": \"120.000\", \"currency\": \"USD\","
                     "\"value_adds\": [ { \"amount\": \"1.000,50\" } ]",
                     "\"value\": \"100000\", \"currency\": \"USD\"",
                     RD_ACE_STATE_NO_RENEWAL_VALUE,
                     "Not validated: enter the offer’s value, and each value-add’s, as an "
                     "amount such as 120000.50");
  assert_ace_reason ("\"value\": \"120000\", \"currency\": \"USD\"",
                     "\"currency\": \"USD\"",
                     RD_ACE_STATE_NO_PRECEDING_VALUE,
                     "Not validated: the agreement it renews has no value to compare with; "
                     "enter it there as an amount such as 120000.50");
}

/* The ACE row's reason: the growth exact, grouped as the locale groups amounts. */
static void
test_ace_reason (void)
{
  g_assert_nonnull (setlocale (LC_NUMERIC, "C.UTF-8"));
  assert_ace_reasons_english ();

  if (set_english_numbers ())
    assert_ace_reasons_english ();

  if (!set_german_numbers ())
    return;
  assert_ace_reason ("\"value\": \"112000\", \"currency\": \"USD\"",
                     "\"value\": \"100000\", \"currency\": \"USD\"",
                     RD_ACE_STATE_VALIDATED,
                     "Validated: +12.000 USD over the current agreement");
  assert_ace_reason ("\"value\": \"9007199254740993.01\", \"currency\": \"EUR\"",
                     "\"value\": \"9007199254740993.00\", \"currency\": \"EUR\"",
                     RD_ACE_STATE_VALIDATED,
                     "Validated: +0,01 EUR over the current agreement");
  assert_ace_reason ("\"value\": \"1234567.5\", \"currency\": \"EUR\"",
                     "\"value\": \"0.00\", \"currency\": \"EUR\"",
                     RD_ACE_STATE_VALIDATED,
                     "Validated: +1.234.567,50 EUR over the current agreement");
  assert_ace_reason ("\"value\": \"90000\", \"currency\": \"USD\"",
                     "\"value\": \"120000.50\", \"currency\": \"USD\"",
                     RD_ACE_STATE_NO_GROWTH,
                     "Not validated: the renewal must be worth more than the agreement it "
                     "renews (120.000,50 USD)");
  setlocale (LC_NUMERIC, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/labels/money/grouped", test_grouped);
  g_test_add_func ("/labels/money/locales", test_locales);
  g_test_add_func ("/labels/money/compact", test_compact);
  g_test_add_func ("/labels/ace-reason", test_ace_reason);

  return g_test_run ();
}
