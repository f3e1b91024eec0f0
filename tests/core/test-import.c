/* test-import.c
 *
 * CSV import (the AWS data feed and our own export), the upsert that keeps local edits,
 * and the CSV/iCalendar exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rd-csv-importer.h"
#include "rd-exporter.h"
#include "rd-importer.h"
#include "rd-pipeline-model.h"
#include "rd-store-import.h"
#include "rd-store-private.h"
#include "rd-test-temp.h"

typedef struct
{
  char    *dir;
  RdStore *store;
} Fixture;

static const char feed[] =
  "\xEF\xBB\xBF" "agreement_id,offer_id,proposer_account_id,acceptor_account_id,start_time,"
  "end_time,acceptance_time,status,estimated_agreement_value,currency_code,"
  "preceding_agreement_id,resale_authorization_id,marketplace_fee\r\n"
  "agmt-new2,offer-b2,111122223333,444455556666,2026-01-01T00:00:00Z,"
  "2026-12-31T23:59:59.999Z,2025-12-20T10:11:12Z,ACTIVE,12000.50,USD,agmt-old1,,3\r\n"
  "agmt-old1,offer-a1,111122223333,444455556666,2025-01-01T00:00:00Z,"
  "2025-12-31T23:59:59.999Z,2024-12-20T10:11:12Z,renewed,10000,USD,,,3\r\n"
  "agmt-cppo3,offer-c3,111122223333,777788889999,2026-03-01,2027-02-28,,ACTIVE,"
  "\"5,000\",USD,,resaleauthz-x9,1\r\n";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = rd_test_temp_store_open ("import", &f->dir, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_temp_store_close (&f->store, &f->dir);
}

static gboolean
import_text (Fixture         *f,
             const char      *text,
             RdImportResult **result_out,
             GError         **error)
{
  g_autofree char *path = g_build_filename (f->dir, "in.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  RdImportResult *result = rd_import_result_new ();
  gboolean ok;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  ok = rd_import_csv_file (f->store, file, result, NULL, error);
  *result_out = result;
  return ok;
}

static RdRecord *
find (Fixture    *f,
      const char *agreement_id)
{
  g_autoptr (GError) error = NULL;
  RdRecord *record = rd_store_find_by_field (f->store, "agreement", "agreement_id",
                                             agreement_id, &error);

  g_assert_no_error (error);
  return record;
}

static void
test_feed_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdImportResult) first = NULL;
  g_autoptr (RdImportResult) second = NULL;
  g_autoptr (RdRecord) old = NULL;
  g_autoptr (RdRecord) renewal = NULL;
  g_autoptr (RdRecord) cppo = NULL;

  /* "5,000" is not a number a feed would carry: the whole file is refused. */
  g_assert_false (import_text (f, feed, &first, &error));
  g_assert_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "Line 4, column 9"));
  g_assert_cmpuint (rd_store_count (f->store, NULL), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&first, rd_import_result_free);

  {
    g_autoptr (GString) fixed = g_string_new (feed);

    g_string_replace (fixed, "\"5,000\"", "5000", 1);
    g_assert_true (import_text (f, fixed->str, &first, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (first->added, ==, 3);
    g_assert_cmpuint (first->failed, ==, 0);
    /* The unknown column is named in a notice, not an error. */
    g_assert_cmpuint (first->notices->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (first->notices, 0), "marketplace_fee"));

    old = find (f, "agmt-old1");
    renewal = find (f, "agmt-new2");
    cppo = find (f, "agmt-cppo3");
    /* 23:59:59.999Z ends on that UTC calendar day. */
    g_assert_cmpstr (rd_record_get_end_date (renewal), ==, "2026-12-31");
    g_assert_cmpstr (rd_record_get_start_date (renewal), ==, "2026-01-01");
    g_assert_cmpstr (rd_record_get_string (renewal, "acceptance_date"), ==, "2025-12-20");
    g_assert_cmpstr (rd_record_get_string (old, "status"), ==, "RENEWED");
    g_assert_cmpfloat (rd_record_get_value (renewal), ==, 12000.50);
    g_assert_cmpstr (rd_record_get_kind (renewal), ==, "PO");
    g_assert_cmpstr (rd_record_get_kind (cppo), ==, "CPPO");
    g_assert_cmpstr (rd_record_get_string (renewal, "buyer_account_id"), ==, "444455556666");
    g_assert_cmpstr (rd_record_get_stage (renewal), ==, "identified");
    /* The chain links to the predecessor's record even though it came later in the file. */
    g_assert_cmpstr (rd_record_get_string (renewal, "preceding_record_id"), ==,
                     rd_record_get_id (old));

    /* The same file again changes nothing. */
    g_assert_true (import_text (f, fixed->str, &second, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (second->added, ==, 0);
    g_assert_cmpuint (second->updated, ==, 0);
    g_assert_cmpuint (second->unchanged, ==, 3);
  }
}

static void
test_reimport_keeps_local_edits (Fixture       *f,
                                 gconstpointer  data)
{
  const char v1[] = "agreement_id,acceptor_account_id,end_time,estimated_agreement_value\n"
                    "agmt-k1,444455556666,2027-05-31,1000\n"
                    "agmt-gone,444455556666,2027-06-30,2000\n";
  const char v2[] = "agreement_id,acceptor_account_id,end_time,estimated_agreement_value\n"
                    "agmt-k1,444455556666,2027-06-30,1500\n"
                    "agmt-gone,444455556666,2027-06-30,2500\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (RdImportResult) r1 = NULL;
  g_autoptr (RdImportResult) r2 = NULL;
  g_autoptr (RdRecord) before = NULL;
  g_autoptr (RdRecord) after = NULL;
  g_autoptr (RdRecord) gone = NULL;
  g_autoptr (JsonObject) patch = rd_json_object_from_string (
    "{\"customer\":\"Helix Biotech\",\"stage\":\"outreach\",\"notes\":\"Call Priya\","
    "\"stakeholders\":[{\"name\":\"Priya\",\"role\":\"Account Executive\"}]}", NULL);

  g_assert_true (import_text (f, v1, &r1, &error));
  g_assert_no_error (error);
  before = find (f, "agmt-k1");
  g_assert_cmpstr (rd_record_get_customer (before), ==, "444455556666");

  /* The user names the customer, works the renewal, and deletes the other agreement. */
  g_assert_true (rd_store_merge_patch (f->store, rd_record_get_id (before), patch, &error));
  gone = find (f, "agmt-gone");
  g_assert_true (rd_store_delete (f->store, rd_record_get_id (gone), &error));
  g_assert_no_error (error);

  g_assert_true (import_text (f, v2, &r2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r2->updated, ==, 1);
  g_assert_cmpuint (r2->added, ==, 0);
  g_assert_cmpuint (r2->unchanged, ==, 1);

  after = find (f, "agmt-k1");
  /* AWS's changes arrive... */
  g_assert_cmpstr (rd_record_get_end_date (after), ==, "2027-06-30");
  g_assert_cmpfloat (rd_record_get_value (after), ==, 1500);
  /* ...and nothing the user did is lost. */
  g_assert_cmpstr (rd_record_get_customer (after), ==, "Helix Biotech");
  g_assert_cmpstr (rd_record_get_stage (after), ==, "outreach");
  g_assert_cmpstr (rd_record_get_string (after, "notes"), ==, "Call Priya");
  g_assert_true (json_object_has_member (rd_record_get_body (after), "stakeholders"));
  /* A deleted record stays deleted. */
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 1);
}

static void
test_malformed_files_import_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  static const struct
  {
    const char *text;
    const char *expected; /* in the message */
  } cases[] = {
    { "agreement_id,end_time\nagmt-a1,2027-01-01\n\"agmt-b2,2027-01-01\n", "Line 3, column 1" },
    { "agreement_id,end_time\nagmt-a1,2027-01-01\nagmt-b2,2027-02-30\n", "Line 3, column 2" },
    { "agreement_id,end_time\nagmt-a1,2027-01-01\nagmt-b2,2027-01-01,extra\n", "Line 3" },
    { "agreement_id,end_time\nagmt-a1,2027-01-01\nagreement-b2,2027-01-01\n", "Line 3, column 1" },
    { "agreement_id,acceptor_account_id\nagmt-a1,12345\n", "Line 2, column 2" },
    { "end_time,status\n2027-01-01,ACTIVE\n", "agreement_id" },
    { "", "empty" },
    { "agreement_id,status\nagmt-a1,ALIVE\n", "Line 2, column 2" },
    { "agreement_id\n\xff\xfe\n", "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (RdImportResult) result = NULL;

      g_assert_false (import_text (f, cases[i].text, &result, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].expected);
      g_assert_cmpuint (rd_store_count (f->store, NULL), ==, 0);
    }
}

static void
test_csv_export_round_trip (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdImportResult) result = NULL;
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new (f->store);
  g_autoptr (JsonObject) tricky = rd_json_object_from_string (
    "{\"type\":\"agreement\",\"agreement_id\":\"agmt-q1\",\"customer\":\"=HYPERLINK(\\\"x\\\")\","
    "\"product_title\":\"Backup, \\\"Pro\\\"\\nEdition\",\"kind\":\"PO\","
    "\"end_date\":\"2027-01-31\",\"value\":1234.5}", NULL);
  g_autofree char *id = rd_store_insert (f->store, tricky, &error);
  g_autofree char *csv = NULL;
  g_autofree char *second_dir = g_build_filename (f->dir, "second", NULL);
  g_autofree char *second_path = g_build_filename (second_dir, "renewals.db", NULL);
  g_autoptr (RdStore) second = NULL;
  g_autoptr (RdRecord) copy = NULL;
  g_autoptr (GPtrArray) bodies = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (id);
  rd_pipeline_model_set_today (model, "2026-11-28");
  csv = rd_export_pipeline_csv (G_LIST_MODEL (model), "2026-11-28");
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "id,type,customer,"));
  /* Quotes doubled, the embedded newline kept inside quotes, the formula defused. */
  g_assert_nonnull (strstr (csv, "\"Backup, \"\"Pro\"\"\nEdition\""));
  g_assert_nonnull (strstr (csv, "'=HYPERLINK"));
  /* The amount as entered (stored as its exact string), not rounded to cents. */
  g_assert_nonnull (strstr (csv, ",1234.5,"));
  g_assert_nonnull (strstr (csv, ",64,"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));

  result = rd_import_result_new ();
  bodies = rd_import_parse_csv (csv, strlen (csv), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bodies->len, ==, 1);

  g_assert_cmpint (g_mkdir (second_dir, 0700), ==, 0);
  second = rd_store_open (second_path, &error);
  g_assert_no_error (error);
  {
    g_autoptr (RdImporter) importer = rd_importer_new (second, &error);

    g_assert_true (rd_importer_add_page (importer, bodies, result, &error));
    g_assert_no_error (error);
  }
  copy = rd_store_find_by_field (second, "agreement", "agreement_id", "agmt-q1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_product_title (copy), ==, "Backup, \"Pro\"\nEdition");
  g_assert_cmpstr (rd_record_get_end_date (copy), ==, "2027-01-31");
  g_assert_cmpfloat (rd_record_get_value (copy), ==, 1234.5);
  g_assert_cmpstr (json_object_get_string_member (rd_record_get_body (copy), "value"), ==,
                   "1234.5");
}

static void
test_ics_export (Fixture       *f,
                 gconstpointer  data)
{
  static const int offsets[] = { 120, 90, 60 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) stamp = g_date_time_new_utc (2026, 11, 28, 9, 0, 0);
  g_autoptr (JsonObject) body = rd_json_object_from_string (
    "{\"type\":\"agreement\",\"_id\":\"rec-1\",\"customer\":\"Juniper Media; Inc\","
    "\"kind\":\"PO\",\"end_date\":\"2027-06-30\"}", NULL);
  g_autofree char *id = rd_store_insert (f->store, body, &error);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (id, ==, "rec-1");
  first = rd_export_calendar_ics (f->store, "2026-11-28", "2027-12-31", offsets, 3, 540, stamp,
                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, "UID:rec-1-end@renewaldesk"));
  g_assert_nonnull (strstr (first, "UID:rec-1-m120@renewaldesk"));
  g_assert_nonnull (strstr (first, "DTSTART;VALUE=DATE:20270302"));
  g_assert_nonnull (strstr (first, "Juniper Media\\; Inc"));
  g_assert_nonnull (strstr (first, "BEGIN:VALARM"));
  /* A second export is the same calendar: Outlook and Google update, not duplicate. */
  again = rd_export_calendar_ics (f->store, "2026-11-28", "2027-12-31", offsets, 3, 540, stamp,
                                  &error);
  g_assert_cmpstr (first, ==, again);
}


/* Every bad row is reported, with line and column, and nothing is stored. */
static void
test_bad_rows_all_reported (Fixture       *f,
                            gconstpointer  data)
{
  static const char text[] =
    "agreement_id,acceptor_account_id,start_time,end_time\n"
    "agmt-r1,444455556666,2026-01-01,2027-01-01\n"
    "agmt-r2,444455556666,2027-06-01,2027-01-01\n"
    "agmt-r3,444455556666\n"
    "agmt-r1,444455556667,2026-01-01,2027-02-01\n"
    "agmt-r5,4444,2026-01-01,2027-02-01\n"
    "agmt-r6,444455556666,2026-01-01,2027-01-01\n"
    "agmt-r7,444455556666,2026-01-01,9999-12-31\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (RdImportResult) result = NULL;

  g_assert_false (import_text (f, text, &result, &error));
  g_assert_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_INVALID_VALUE);
  g_assert_cmpuint (rd_store_count (f->store, NULL), ==, 0);
  g_assert_cmpuint (result->added, ==, 0);
  g_assert_cmpuint (result->failed, ==, 5);
  g_assert_cmpuint (result->failures->len, ==, 5);
  /* The end before the start: a rule, reported at its column. */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result->failures, 0),
                                   "Line 3, column 4 (end_time)"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result->failures, 1), "Line 4: 2 columns"));
  /* The duplicate names the first line. */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result->failures, 2),
                                   "Line 5, column 1 (agreement_id)"));
  g_assert_nonnull (strstr (g_ptr_array_index (result->failures, 2), "line 2"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result->failures, 3),
                                   "Line 6, column 2 (acceptor_account_id)"));
  g_assert_nonnull (strstr (error->message, "Line 3, column 4"));
  /* A date no calendar file can carry. */
  g_assert_true (g_str_has_prefix (g_ptr_array_index (result->failures, 4), "Line 8: end_date"));
  g_assert_nonnull (strstr (error->message, "4 more problems"));
}

/* A long bad value is cut in the message (found by fuzz-csv: the cut leaked). */
static void
test_long_value_cut (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GString) text = g_string_new ("agreement_id,end_time\nagmt-l1,");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdImportResult) result = NULL;
  const char *failure;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (text, 'x');
  g_string_append_c (text, '\n');
  g_assert_false (import_text (f, text->str, &result, &error));
  g_assert_cmpuint (result->failures->len, ==, 1);
  failure = g_ptr_array_index (result->failures, 0);
  g_assert_true (g_str_has_prefix (failure, "Line 2, column 2 (end_time)"));
  g_assert_nonnull (strstr (failure, "…"));
  g_assert_cmpuint (strlen (failure), <, 300);
}

/* Time-zone offsets are converted to the UTC day. */
static void
test_time_zone_offsets (Fixture       *f,
                        gconstpointer  data)
{
  static const char text[] =
    "agreement_id,acceptor_account_id,start_time,end_time\n"
    "agmt-z1,444455556666,2026-04-01T02:00:00+05:00,2027-03-31T23:00:00-05:00\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (RdImportResult) result = NULL;
  g_autoptr (RdRecord) record = NULL;

  g_assert_true (import_text (f, text, &result, &error));
  g_assert_no_error (error);
  record = find (f, "agmt-z1");
  g_assert_cmpstr (rd_record_get_start_date (record), ==, "2026-03-31");
  g_assert_cmpstr (rd_record_get_end_date (record), ==, "2027-04-01");
}

static GString *
many_rows (guint n)
{
  GString *text = g_string_new ("agreement_id,acceptor_account_id,end_time\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "agmt-m%u,%012u,2027-01-01\n", i, 100000000u + i);
  return text;
}

/* A run stored in several transactions and then failed leaves the store as it was. */
static void
test_failed_run_rolls_back (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GString) text = many_rows (RD_CSV_IMPORTER_PAGE_ROWS + 10);
  g_autoptr (RdImportResult) result = rd_import_result_new ();
  g_autoptr (RdCsvImporter) importer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) before = rd_json_object_from_string (
    "{\"type\":\"agreement\",\"agreement_id\":\"agmt-m3\",\"customer\":\"Mine\","
    "\"kind\":\"PO\",\"end_date\":\"2026-06-30\"}", NULL);
  g_autofree char *id = rd_store_insert (f->store, before, &error);
  g_autoptr (RdRecord) restored = NULL;
  gboolean done = FALSE;

  g_assert_no_error (error);
  importer = rd_csv_importer_new (text->str, text->len, result, &error);
  g_assert_no_error (error);
  g_assert_true (rd_csv_importer_begin (importer, f->store, &error));
  g_assert_true (rd_csv_importer_store_page (importer, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  /* The first page is committed... */
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, RD_CSV_IMPORTER_PAGE_ROWS);
  restored = rd_store_get (f->store, id, &error);
  g_assert_true (json_object_has_member (rd_record_get_body (restored), "import_base"));
  g_clear_object (&restored);

  /* ...and undone when the run fails. */
  rd_csv_importer_abort (importer);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 1);
  restored = rd_store_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_record_get_end_date (restored), ==, "2026-06-30");
  g_assert_cmpstr (rd_record_get_customer (restored), ==, "Mine");
  g_assert_false (json_object_has_member (rd_record_get_body (restored), "import_base"));
}

/* A run whose process died (kill -9) is rolled back when the store is next opened, without
 * waiting for another import; a run under way in a live process is left alone. */
static void
test_killed_run_recovered (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (GString) text = many_rows (20);
  g_autoptr (RdImportResult) result = rd_import_result_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) bodies = rd_import_parse_csv (text->str, text->len, result, &error);
  g_autoptr (RdStore) reopened = NULL;
  g_autoptr (RdStore) again = NULL;
  g_autoptr (RdImporter) live = NULL;
  g_autofree char *live_run = NULL;
  int status = 0;
  pid_t child;

  g_assert_no_error (error);
  child = fork ();
  if (child == 0)
    {
      g_autoptr (RdStore) store = rd_store_open (rd_store_get_path (f->store), NULL);
      g_autoptr (RdImporter) importer = store ? rd_importer_new (store, NULL) : NULL;
      g_autofree char *run = store ? rd_store_import_run_begin (store, NULL) : NULL;

      if (run == NULL || importer == NULL)
        _exit (1);
      rd_importer_set_run (importer, run);
      if (!rd_importer_add_page (importer, bodies, result, NULL))
        _exit (1);
      _exit (0); /* no finishing: as killed half-way */
    }
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 20);
  g_assert_cmpuint (rd_store_import_count_runs (f->store), ==, 1);

  reopened = rd_store_open (rd_store_get_path (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_get_imports_rolled_back (reopened), ==, 1);
  g_assert_cmpuint (rd_store_count (reopened, "agreement"), ==, 0);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 0);
  g_assert_cmpuint (rd_store_import_count_runs (f->store), ==, 0);

  /* A run of this (live) process survives another open. */
  live = rd_importer_new (f->store, &error);
  live_run = rd_store_import_run_begin (f->store, &error);
  g_assert_no_error (error);
  rd_importer_set_run (live, live_run);
  g_assert_true (rd_importer_add_page (live, bodies, result, &error));
  g_assert_no_error (error);
  again = rd_store_open (rd_store_get_path (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_get_imports_rolled_back (again), ==, 0);
  g_assert_cmpuint (rd_store_count (again, "agreement"), ==, 20);
  g_assert_true (rd_store_import_run_end (f->store, live_run, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_import_count_runs (f->store), ==, 0);
}

/* The importer refuses, record by record, what the store would refuse. */
static void
test_import_checks_records (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (RdImportResult) result = rd_import_result_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (RdImporter) importer = rd_importer_new (f->store, &error);

  g_assert_no_error (error);
  g_ptr_array_add (page, rd_json_object_from_string (
    "{\"agreement_id\":\"agmt-ok1\",\"customer\":\"Ok\",\"kind\":\"PO\","
    "\"end_date\":\"2027-01-31\"}", NULL));
  g_ptr_array_add (page, rd_json_object_from_string (
    "{\"agreement_id\":\"agmt-bad1\",\"customer\":\"Bad\",\"value\":\"lots\"}", NULL));
  g_ptr_array_add (page, rd_json_object_from_string (
    "{\"agreement_id\":\"agmt-bad2\",\"customer\":\"Far\",\"end_date\":\"9999-01-01\"}",
    NULL));
  g_ptr_array_add (page, rd_json_object_from_string (
    "{\"agreement_id\":\"agmt-bad3\",\"customer\":\"Rsv\",\"_attachments\":{}}", NULL));
  g_assert_true (rd_importer_add_page (importer, page, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result->failures->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (result->failures, i));
  g_assert_cmpuint (result->added, ==, 1);
  g_assert_cmpuint (result->failed, ==, 3);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 1);
}

/* Every column the CSV export writes comes back, notes and owner included. */
static void
test_export_columns_import_back (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new (f->store);
  g_autoptr (JsonObject) body = rd_json_object_from_string (
    "{\"type\":\"agreement\",\"agreement_id\":\"agmt-n1\",\"customer\":\"Juniper\","
    "\"product_title\":\"Backup\",\"product_id\":\"prod-abc123\","
    "\"product_type\":\"saas_contract\",\"kind\":\"CPPO\",\"offer_id\":\"offer-xyz\","
    "\"buyer_account_id\":\"444455556666\",\"start_date\":\"2026-01-01\","
    "\"end_date\":\"2027-01-31\",\"stage\":\"outreach\",\"value\":\"250.00\",\"currency\":\"EUR\","
    "\"status\":\"ACTIVE\",\"preceding_agreement_id\":\"agmt-p0\","
    "\"resale_authorization_id\":\"resaleauthz-r1\",\"auto_renew\":true,\"owner\":\"ana\","
    "\"notes\":\"Call Joe \\\"JJ\\\" first,\\nthen legal\"}", NULL);
  g_autofree char *id = rd_store_insert (f->store, body, &error);
  g_autoptr (RdImportResult) result = rd_import_result_new ();
  g_autoptr (GPtrArray) bodies = NULL;
  g_autofree char *csv = NULL;
  JsonObject *back;

  g_assert_no_error (error);
  g_assert_nonnull (id);
  rd_pipeline_model_set_today (model, "2026-11-28");
  csv = rd_export_pipeline_csv (G_LIST_MODEL (model), "2026-11-28");
  bodies = rd_import_parse_csv (csv, strlen (csv), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->notices->len, ==, 0);
  g_assert_cmpuint (bodies->len, ==, 1);
  back = g_ptr_array_index (bodies, 0);
  for (guint i = 0; rd_export_csv_columns[i] != NULL; i++)
    {
      const char *column = rd_export_csv_columns[i];
      JsonNode *a, *b;

      if (g_str_equal (column, "id") || g_str_equal (column, "days_left"))
        continue;
      a = json_object_get_member (body, column);
      b = json_object_get_member (back, column);
      g_assert_nonnull (b);
      if (!json_node_equal (a, b))
        g_error ("column %s does not come back", column);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/import/feed", test_feed_import);
  ADD ("/import/keeps-local-edits", test_reimport_keeps_local_edits);
  ADD ("/import/malformed-imports-nothing", test_malformed_files_import_nothing);
  ADD ("/export/csv-round-trip", test_csv_export_round_trip);
  ADD ("/export/ics", test_ics_export);
  ADD ("/import/bad-rows-all-reported", test_bad_rows_all_reported);
  ADD ("/import/time-zone-offsets", test_time_zone_offsets);
  ADD ("/import/long-value-cut", test_long_value_cut);
  ADD ("/import/failed-run-rolls-back", test_failed_run_rolls_back);
  ADD ("/import/killed-run-recovered", test_killed_run_recovered);
  ADD ("/export/columns-import-back", test_export_columns_import_back);
  ADD ("/import/checks-records", test_import_checks_records);
#undef ADD

  return g_test_run ();
}
