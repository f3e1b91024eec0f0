/* test-ics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rd-date.h"
#include "rd-ics.h"

#define PYTHON "/usr/bin/python3"

/* Reads an .ics with the independent "icalendar" module and prints its events as JSON. */
static const char parse_script[] =
  "import json, sys\n"
  "import icalendar\n"
  "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
  "out = {'prodid': str(cal['PRODID']), 'version': str(cal['VERSION']), 'events': []}\n"
  "for e in cal.walk('VEVENT'):\n"
  "    cats = e.get('CATEGORIES')\n"
  "    alarms = [a.decoded('TRIGGER').total_seconds() for a in e.walk('VALARM')]\n"
  "    out['events'].append({\n"
  "        'uid': str(e['UID']),\n"
  "        'summary': str(e['SUMMARY']),\n"
  "        'description': str(e.get('DESCRIPTION', '')),\n"
  "        'start': e.decoded('DTSTART').isoformat(),\n"
  "        'end': e.decoded('DTEND').isoformat(),\n"
  "        'stamp': e.decoded('DTSTAMP').isoformat(),\n"
  "        'categories': [str(c) for c in cats.cats] if cats is not None else [],\n"
  "        'alarms': alarms,\n"
  "    })\n"
  "print(json.dumps(out))\n";

static GDateTime *
make_stamp (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("+02:00");

  /* 2025-03-04 12:30:05 at +02:00 is 10:30:05 UTC. */
  return g_date_time_new (tz, 2025, 3, 4, 12, 30, 5);
}

/* Every physical line ends in CRLF, is at most 75 octets and is valid UTF-8 on its own. */
static void
assert_well_formed (const char *ics)
{
  const char *line = ics;

  g_assert_true (g_str_has_suffix (ics, "\r\n"));
  while (*line != '\0')
    {
      const char *end = strstr (line, "\r\n");

      g_assert_nonnull (end);
      g_assert_cmpint (end - line, <=, 75);
      g_assert_true (g_utf8_validate (line, end - line, NULL));
      g_assert_null (memchr (line, '\n', (gsize) (end - line)));
      line = end + 2;
    }
}

static char *
unfold (const char *ics)
{
  g_autoptr (GString) text = g_string_new (ics);

  g_string_replace (text, "\r\n ", "", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_escape (void)
{
  struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "plain", "plain" },
    { "a;b,c\\d", "a\\;b\\,c\\\\d" },
    { "line1\nline2\r\nline3\rline4", "line1\\nline2\\nline3\\nline4" },
    { "tab\tkept, bell\adropped", "tab\tkept\\, bell" "dropped" },
    { "Müller: 1€", "Müller: 1€" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = rd_ics_escape_text (cases[i].in);

      g_assert_cmpstr (escaped, ==, cases[i].out);
    }
}

static void
test_fold_ascii (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *exact = g_strnfill (75, 'a');
  g_autofree char *longer = g_strnfill (76, 'b');
  g_autofree char *very_long = g_strnfill (75 + 74 + 3, 'c');
  g_autofree char *expected = NULL;

  rd_ics_append_line (out, exact);
  g_assert_cmpuint (out->len, ==, 77);
  g_assert_true (g_str_has_suffix (out->str, "a\r\n"));

  g_string_truncate (out, 0);
  rd_ics_append_line (out, longer);
  expected = g_strdup_printf ("%.75s\r\n b\r\n", longer);
  g_assert_cmpstr (out->str, ==, expected);

  g_string_truncate (out, 0);
  rd_ics_append_line (out, very_long);
  assert_well_formed (out->str);
  /* 75 octets, then a space and 74, then a space and the last 3. */
  g_assert_cmpuint (out->len, ==, 75 + 2 + 1 + 74 + 2 + 1 + 3 + 2);
  {
    g_autofree char *unfolded = unfold (out->str);
    g_autofree char *with_crlf = g_strconcat (very_long, "\r\n", NULL);

    g_assert_cmpstr (unfolded, ==, with_crlf);
  }
}

static void
test_fold_multibyte (void)
{
  const char *multibyte[] = { "é", "€", "😀" };

  for (guint m = 0; m < G_N_ELEMENTS (multibyte); m++)
    {
      gsize char_len = strlen (multibyte[m]);

      /* Put the multi-byte character at every offset around the 75-octet boundary. */
      for (guint prefix = 70; prefix <= 76; prefix++)
        {
          g_autoptr (GString) line = g_string_new (NULL);
          g_autoptr (GString) out = g_string_new (NULL);
          g_autofree char *unfolded = NULL;
          const char *second;

          for (guint i = 0; i < prefix; i++)
            g_string_append_c (line, 'x');
          for (guint i = 0; i < 40; i++)
            g_string_append (line, multibyte[m]);
          rd_ics_append_line (out, line->str);
          assert_well_formed (out->str);

          /* The first line is cut as late as a whole character allows. */
          second = strstr (out->str, "\r\n ");
          g_assert_nonnull (second);
          g_assert_cmpint (second - out->str, <=, 75);
          g_assert_cmpint (second - out->str, >, 75 - (int) char_len);

          unfolded = unfold (out->str);
          g_string_append (line, "\r\n");
          g_assert_cmpstr (unfolded, ==, line->str);
        }
    }

  /* The example of the issue: a summary full of two-byte characters. */
  {
    g_autoptr (GString) out = g_string_new (NULL);

    rd_ics_append_line (out, "SUMMARY:Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé Ünïcödé "
                             "Ünïcödé");
    assert_well_formed (out->str);
  }
}

static void
test_duration (void)
{
  struct
  {
    int         minutes;
    const char *expected;
  } cases[] = {
    { 0, "PT0M" },
    { 540, "PT9H" },
    { 570, "PT9H30M" },
    { 15, "PT15M" },
    { -900, "-PT15H" },
    { -1440, "-P1D" },
    { 2000, "P1DT9H20M" },
    { -2 * 1440 - 60, "-P2DT1H" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *duration = rd_ics_format_duration (cases[i].minutes);

      g_assert_cmpstr (duration, ==, cases[i].expected);
    }
}

static const char * const categories_end[] = { "Renewal Desk", "Agreement end", NULL };
static const char * const categories_milestone[] = { "Renewal Desk", "Milestone", NULL };

static const RdIcsEvent sample_events[] = {
  {
    "6f1c2d3e-0000-4000-8000-000000000001-end@renewaldesk", "2026-01-31",
    "Agreement ends: Acme, Inc.; Widget Pro",
    "Agreement agmt-1a2b3c\nCustomer: Acme, Inc.\nValue: 120,000.00 USD\\year",
    categories_end, TRUE,
  },
  {
    "6f1c2d3e-0000-4000-8000-000000000001-m120@renewaldesk", "2025-10-03",
    "120 days before renewal: Müller GmbH — Ünïcödé Sølutions Platform Enterprise Edition "
    "with a long, long title that must be folded",
    NULL, categories_milestone, FALSE,
  },
  {
    "6f1c2d3e-0000-4000-8000-000000000002-expires@renewaldesk", "2024-02-28",
    "Offer expires", "", NULL, TRUE,
  },
  {
    "6f1c2d3e-0000-4000-8000-000000000003-end@renewaldesk", "2025-12-31",
    "Year end", NULL, NULL, FALSE,
  },
};

static void
test_calendar (void)
{
  g_autoptr (GDateTime) stamp = make_stamp ();
  g_autoptr (GError) error = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *unfolded = NULL;

  ics = rd_ics_write_calendar (sample_events, G_N_ELEMENTS (sample_events), stamp, 540, &error);
  g_assert_no_error (error);
  assert_well_formed (ics);
  unfolded = unfold (ics);

  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                   "PRODID:-//Renewal Desk//Renewal Desk 0.1//EN\r\n"
                                   "CALSCALE:GREGORIAN\r\n"));
  g_assert_true (g_str_has_suffix (ics, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (unfolded,
                            "BEGIN:VEVENT\r\n"
                            "UID:6f1c2d3e-0000-4000-8000-000000000001-end@renewaldesk\r\n"
                            "DTSTAMP:20250304T103005Z\r\n"
                            "DTSTART;VALUE=DATE:20260131\r\n"
                            "DTEND;VALUE=DATE:20260201\r\n"
                            "SUMMARY:Agreement ends: Acme\\, Inc.\\; Widget Pro\r\n"
                            "DESCRIPTION:Agreement agmt-1a2b3c\\nCustomer: Acme\\, Inc.\\n"
                            "Value: 120\\,000.00 USD\\\\year\r\n"
                            "CATEGORIES:Renewal Desk,Agreement end\r\n"
                            "TRANSP:TRANSPARENT\r\n"
                            "BEGIN:VALARM\r\n"
                            "ACTION:DISPLAY\r\n"
                            "DESCRIPTION:Agreement ends: Acme\\, Inc.\\; Widget Pro\r\n"
                            "TRIGGER:PT9H\r\n"
                            "END:VALARM\r\n"
                            "END:VEVENT\r\n"));
  /* Leap year, month end, year end. */
  g_assert_nonnull (strstr (ics, "DTSTART;VALUE=DATE:20240228\r\nDTEND;VALUE=DATE:20240229\r\n"));
  g_assert_nonnull (strstr (ics, "DTSTART;VALUE=DATE:20251231\r\nDTEND;VALUE=DATE:20260101\r\n"));
  /* An empty description is left out, and so are alarms not asked for. */
  g_assert_null (strstr (ics, "DESCRIPTION:\r\n"));
  g_assert_cmpuint (count_occurrences (unfolded, "BEGIN:VALARM"), ==, 2);
  g_assert_cmpuint (count_occurrences (unfolded, "BEGIN:VEVENT"), ==, 4);
}

static void
test_empty_calendar (void)
{
  g_autoptr (GDateTime) stamp = make_stamp ();
  g_autoptr (GError) error = NULL;
  g_autofree char *ics = rd_ics_write_calendar (NULL, 0, stamp, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ics, ==,
                   "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                   "PRODID:-//Renewal Desk//Renewal Desk 0.1//EN\r\n"
                   "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n");
}

static void
test_invalid_events (void)
{
  g_autoptr (GDateTime) stamp = make_stamp ();
  RdIcsEvent bad[] = {
    { "uid-1@renewaldesk", "2025-02-30", "Bad date", NULL, NULL, FALSE },
    { "", "2025-01-01", "No UID", NULL, NULL, FALSE },
    { "two\nlines", "2025-01-01", "Broken UID", NULL, NULL, FALSE },
    { "uid-2@renewaldesk", "2025-01-01", "Bad \xff text", NULL, NULL, FALSE },
    { "uid-3@renewaldesk", "2025-01-01", NULL, NULL, NULL, FALSE },
    { "ctl\x01uid@renewaldesk", "2025-01-01", "Control in UID", NULL, NULL, FALSE },
    { "uid-4@renewaldesk", "9999-12-31", "DTEND in year 10000", NULL, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      RdIcsEvent events[2] = { sample_events[0], bad[i] };
      g_autoptr (GError) error = NULL;
      g_autofree char *ics = rd_ics_write_calendar (events, 2, stamp, 0, &error);

      g_assert_null (ics);
      g_assert_error (error, RD_ICS_ERROR, RD_ICS_ERROR_INVALID_EVENT);
      g_assert_nonnull (strstr (error->message, "2"));
    }
}

static void
test_uid (void)
{
  g_autofree char *uid = rd_ics_make_uid ("6f1c2d3e-0000-4000-8000-000000000001", "m90");

  g_autofree char *odd = rd_ics_make_uid ("a b;c,d\x01\n\xc3\xa9", "end");
  g_autofree char *odd_again = rd_ics_make_uid ("a b;c,d\x01\n\xc3\xa9", "end");
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           "a b;c,d\x01\n\xc3\xa9", -1);
  g_autofree char *expected = g_strconcat (digest, "-end@renewaldesk", NULL);

  g_assert_cmpstr (uid, ==, "6f1c2d3e-0000-4000-8000-000000000001-m90@renewaldesk");
  /* An id with other characters is replaced by its digest: stable, one plain line. */
  g_assert_cmpstr (odd, ==, expected);
  g_assert_cmpstr (odd, ==, odd_again);
}

/* The calendar as the Python icalendar module reads it (JSON from parse_script), or NULL
 * when the module is missing (the test is then skipped). */
static JsonObject *
parse_with_python (const char *ics)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *probe[] = { PYTHON, "-c", "import icalendar", NULL };
  const char *argv[] = { PYTHON, "-c", parse_script, NULL, NULL };
  int status = 0;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (PYTHON " is missing");
      return NULL;
    }
  if (!g_spawn_sync (NULL, (char **) probe, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("the Python icalendar module (python3-icalendar) is missing");
      return NULL;
    }

  dir = g_dir_make_tmp ("test-ics-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "renewals.ics", NULL);
  g_file_set_contents (path, ics, -1, &error);
  g_assert_no_error (error);

  argv[3] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("python: %s", err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  g_rmdir (dir);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_python_icalendar (void)
{
  g_autoptr (GDateTime) stamp = make_stamp ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *ics = NULL;
  JsonArray *events;

  ics = rd_ics_write_calendar (sample_events, G_N_ELEMENTS (sample_events), stamp, -900, &error);
  g_assert_no_error (error);
  root = parse_with_python (ics);
  if (root == NULL)
    return;
  g_assert_cmpstr (json_object_get_string_member (root, "prodid"), ==, RD_ICS_PRODID);
  g_assert_cmpstr (json_object_get_string_member (root, "version"), ==, "2.0");
  events = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, G_N_ELEMENTS (sample_events));

  for (guint i = 0; i < G_N_ELEMENTS (sample_events); i++)
    {
      const RdIcsEvent *expected = &sample_events[i];
      JsonObject *event = json_array_get_object_element (events, i);
      JsonArray *categories = json_object_get_array_member (event, "categories");
      JsonArray *alarms = json_object_get_array_member (event, "alarms");
      g_autofree char *next_day = rd_date_shift_string (expected->date, 1);

      g_assert_cmpstr (json_object_get_string_member (event, "uid"), ==, expected->uid);
      g_assert_cmpstr (json_object_get_string_member (event, "summary"), ==, expected->summary);
      g_assert_cmpstr (json_object_get_string_member (event, "description"), ==,
                       expected->description != NULL ? expected->description : "");
      g_assert_cmpstr (json_object_get_string_member (event, "start"), ==, expected->date);
      g_assert_cmpstr (json_object_get_string_member (event, "stamp"), ==,
                       "2025-03-04T10:30:05+00:00");
      g_assert_cmpstr (json_object_get_string_member (event, "end"), ==, next_day);
      g_assert_cmpuint (json_array_get_length (categories), ==,
                        expected->categories != NULL
                        ? g_strv_length ((GStrv) expected->categories) : 0);
      for (guint c = 0; c < json_array_get_length (categories); c++)
        g_assert_cmpstr (json_array_get_string_element (categories, c), ==,
                         expected->categories[c]);
      g_assert_cmpuint (json_array_get_length (alarms), ==, expected->with_alarm ? 1 : 0);
      if (expected->with_alarm)
        g_assert_cmpint ((int) json_array_get_double_element (alarms, 0), ==, -900 * 60);
    }
}

/* The extremes the writer accepts still parse: the last year, a UID from an odd id. */
static void
test_python_icalendar_edges (void)
{
  g_autoptr (GDateTime) stamp = make_stamp ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) root = NULL;
  g_autofree char *uid = rd_ics_make_uid ("x\x01y;z,\"w\" \xc3\xa9", "end");
  g_autofree char *ics = NULL;
  RdIcsEvent events[] = {
    { uid, "9998-12-31", "Last day", NULL, NULL, FALSE },
  };
  JsonObject *event;

  ics = rd_ics_write_calendar (events, G_N_ELEMENTS (events), stamp, 540, &error);
  g_assert_no_error (error);
  root = parse_with_python (ics);
  if (root == NULL)
    return;
  event = json_array_get_object_element (json_object_get_array_member (root, "events"), 0);
  g_assert_cmpstr (json_object_get_string_member (event, "uid"), ==, uid);
  g_assert_cmpstr (json_object_get_string_member (event, "start"), ==, "9998-12-31");
  g_assert_cmpstr (json_object_get_string_member (event, "end"), ==, "9999-01-01");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ics/escape", test_escape);
  g_test_add_func ("/ics/fold-ascii", test_fold_ascii);
  g_test_add_func ("/ics/fold-multibyte", test_fold_multibyte);
  g_test_add_func ("/ics/duration", test_duration);
  g_test_add_func ("/ics/uid", test_uid);
  g_test_add_func ("/ics/calendar", test_calendar);
  g_test_add_func ("/ics/empty-calendar", test_empty_calendar);
  g_test_add_func ("/ics/invalid-events", test_invalid_events);
  g_test_add_func ("/ics/python-icalendar", test_python_icalendar);
  g_test_add_func ("/ics/python-icalendar-edges", test_python_icalendar_edges);

  return g_test_run ();
}
