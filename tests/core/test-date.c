/* test-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-date.h"

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (rd_date_parse (text, &d));
  return d;
}

static void
assert_date (const GDate *d,
             const char  *expected)
{
  g_autofree char *text = rd_date_format (d);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_parse_valid (void)
{
  static const char * const cases[] = {
    "2027-01-01", "2028-02-29", "2000-02-29", "1900-01-01", "9999-12-31", "2026-11-30",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d;

      g_test_message ("%s", cases[i]);
      g_assert_true (rd_date_parse (cases[i], &d));
      g_assert_true (g_date_valid (&d));
      assert_date (&d, cases[i]);
    }

  {
    GDate d = date ("2031-02-28");

    g_assert_cmpint (g_date_get_year (&d), ==, 2031);
    g_assert_cmpint (g_date_get_month (&d), ==, G_DATE_FEBRUARY);
    g_assert_cmpint (g_date_get_day (&d), ==, 28);
  }
}

static void
test_parse_invalid (void)
{
  static const char * const cases[] = {
    "", "2027", "2027-1-01", "2027-01-1", "27-01-01", "2027/01/01", "2027-01-01T00:00:00Z",
    "2027-01-01 ", " 2027-01-01", "2027-00-10", "2027-13-01", "2027-01-00", "2027-01-32",
    "2027-02-29", "1900-02-29", "2027-04-31", "1899-12-31", "0000-01-01", "abcd-ef-gh",
    "+027-01-01", "2027-+1-01", "2027-0a-01", "2027-01-0 ", "2027-01-99",
  };
  GDate d;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("“%s”", cases[i]);
      g_assert_false (rd_date_parse (cases[i], &d));
      g_assert_false (g_date_valid (&d));
    }

  g_assert_false (rd_date_parse (NULL, &d));
  g_assert_false (g_date_valid (&d));

  /* A failed parse leaves no stale date behind. */
  d = date ("2027-01-01");
  g_assert_false (rd_date_parse ("2027-02-30", &d));
  g_assert_false (g_date_valid (&d));
}

static void
test_format (void)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 5, G_DATE_MARCH, 2027);
  assert_date (&d, "2027-03-05");

  g_date_set_dmy (&d, 31, G_DATE_DECEMBER, 1999);
  assert_date (&d, "1999-12-31");

  /* Set through the julian day only: the format still reads the calendar day. */
  g_date_clear (&d, 1);
  g_date_set_julian (&d, 1);
  assert_date (&d, "0001-01-01");
}

static void
test_days_between (void)
{
  GDate a = date ("2027-01-01");
  GDate b = date ("2027-12-31");
  GDate c = date ("2028-12-31");

  g_assert_cmpint (rd_date_days_between (&a, &b), ==, 364);
  g_assert_cmpint (rd_date_days_between (&b, &a), ==, -364);
  g_assert_cmpint (rd_date_days_between (&b, &c), ==, 366);
  g_assert_cmpint (rd_date_days_between (&a, &a), ==, 0);
}

static void
test_add_days (void)
{
  GDate d = date ("2027-12-31");
  GDate leap = date ("2028-02-28");
  GDate out;

  rd_date_add_days_to (&d, 1, &out);
  assert_date (&out, "2028-01-01");
  rd_date_add_days_to (&d, 0, &out);
  assert_date (&out, "2027-12-31");
  rd_date_add_days_to (&d, -365, &out);
  assert_date (&out, "2026-12-31");
  rd_date_add_days_to (&leap, 1, &out);
  assert_date (&out, "2028-02-29");
  rd_date_add_days_to (&leap, 2, &out);
  assert_date (&out, "2028-03-01");

  /* The input is left alone. */
  assert_date (&d, "2027-12-31");

  /* In place. */
  rd_date_add_days_to (&d, -120, &d);
  assert_date (&d, "2027-09-02");
}

static void
test_add_months (void)
{
  static const struct
  {
    const char *from;
    int         months;
    const char *expected;
  } cases[] = {
    { "2028-02-29", 36, "2031-02-28" },
    { "2028-02-29", 48, "2032-02-29" },
    { "2027-01-31", 1, "2027-02-28" },
    { "2028-01-31", 1, "2028-02-29" },
    { "2027-01-31", 3, "2027-04-30" },
    { "2026-11-28", 36, "2029-11-28" },
    { "2027-01-01", 60, "2032-01-01" },
    { "2027-12-15", 1, "2028-01-15" },
    { "2027-03-31", -1, "2027-02-28" },
    { "2027-01-15", -1, "2026-12-15" },
    { "2027-05-31", 0, "2027-05-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate from = date (cases[i].from);
      GDate out;

      g_test_message ("%s %+d", cases[i].from, cases[i].months);
      rd_date_add_months_to (&from, cases[i].months, &out);
      assert_date (&out, cases[i].expected);
      assert_date (&from, cases[i].from);
    }
}

static void
test_compare (void)
{
  GDate a = date ("2027-01-01");
  GDate b = date ("2027-01-02");
  GDate a2 = date ("2027-01-01");

  g_assert_cmpint (rd_date_compare (&a, &b), <, 0);
  g_assert_cmpint (rd_date_compare (&b, &a), >, 0);
  g_assert_cmpint (rd_date_compare (&a, &a2), ==, 0);
}

static void
test_shift_string (void)
{
  g_autofree char *before = rd_date_shift_string ("2027-03-01", -1);
  g_autofree char *after = rd_date_shift_string ("2027-12-31", 1);
  g_autofree char *milestone = rd_date_shift_string ("2027-06-30", -120);
  g_autofree char *same = rd_date_shift_string ("2028-02-29", 0);
  g_autofree char *bad = rd_date_shift_string ("2027-02-29", 1);
  g_autofree char *none = rd_date_shift_string (NULL, 1);

  g_assert_cmpstr (before, ==, "2027-02-28");
  g_assert_cmpstr (after, ==, "2028-01-01");
  g_assert_cmpstr (milestone, ==, "2027-03-02");
  g_assert_cmpstr (same, ==, "2028-02-29");
  g_assert_null (bad);
  g_assert_null (none);
}

static void
test_today (void)
{
  static const char * const zones[] = { "UTC", "+14:00", "-12:00", "+05:30" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zones[i]);
      g_autoptr (GDateTime) before = NULL;
      g_autoptr (GDateTime) after = NULL;
      g_autofree char *before_text = NULL;
      g_autofree char *after_text = NULL;
      g_autofree char *today_text = NULL;
      GDate today;

      g_assert_nonnull (tz);
      before = g_date_time_new_now (tz);
      rd_date_today (tz, &today);
      after = g_date_time_new_now (tz);

      g_assert_true (g_date_valid (&today));
      today_text = rd_date_format (&today);
      before_text = g_date_time_format (before, "%Y-%m-%d");
      after_text = g_date_time_format (after, "%Y-%m-%d");
      g_test_message ("%s: %s", zones[i], today_text);
      /* Midnight may pass between the calls: today is one of the two days. */
      g_assert_true (g_str_equal (today_text, before_text)
                     || g_str_equal (today_text, after_text));
    }

  {
    GDate local;

    rd_date_today (NULL, &local);
    g_assert_true (g_date_valid (&local));
  }
}

static void
test_days_left (void)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *in_five = NULL;
  g_autofree char *five_ago = NULL;
  g_autofree char *today_text = NULL;
  GDate today, shifted;

  rd_date_today (utc, &today);
  today_text = rd_date_format (&today);
  rd_date_add_days_to (&today, 5, &shifted);
  in_five = rd_date_format (&shifted);
  rd_date_add_days_to (&today, -5, &shifted);
  five_ago = rd_date_format (&shifted);

  /* Tolerate midnight passing between the lines above and the calls. */
  g_assert_cmpint (rd_date_days_left (today_text, utc), >=, -1);
  g_assert_cmpint (rd_date_days_left (today_text, utc), <=, 0);
  g_assert_cmpint (rd_date_days_left (in_five, utc), >=, 4);
  g_assert_cmpint (rd_date_days_left (in_five, utc), <=, 5);
  g_assert_cmpint (rd_date_days_left (five_ago, utc), >=, -6);
  g_assert_cmpint (rd_date_days_left (five_ago, utc), <=, -5);

  g_assert_cmpint (rd_date_days_left ("not a date", utc), ==, G_MININT);
  g_assert_cmpint (rd_date_days_left (NULL, utc), ==, G_MININT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/days-between", test_days_between);
  g_test_add_func ("/date/add-days", test_add_days);
  g_test_add_func ("/date/add-months", test_add_months);
  g_test_add_func ("/date/compare", test_compare);
  g_test_add_func ("/date/shift-string", test_shift_string);
  g_test_add_func ("/date/today", test_today);
  g_test_add_func ("/date/days-left", test_days_left);

  return g_test_run ();
}
