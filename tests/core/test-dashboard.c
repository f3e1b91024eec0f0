/* test-dashboard.c
 *
 * The dashboard's figures against a small data set computed by hand (see the comments by
 * each record), as of 2026-05-15: current quarter Q2 2026, 90-day horizon 2026-08-13.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "rd-dashboard.h"
#include "rd-record-check.h"
#include "rd-date.h"
#include "rd-rules.h"
#include "rd-store.h"
#include "rd-store-dashboard.h"

static const char * const records[] = {
  /* Due Q2 2026; offer drafted → at risk. */
  "{\"_id\":\"A1\",\"type\":\"agreement\",\"customer\":\"a\",\"kind\":\"PO\","
  "\"end_date\":\"2026-05-20\",\"currency\":\"USD\",\"value\":100,\"status\":\"ACTIVE\","
  "\"stage\":\"outreach\"}",
  "{\"_id\":\"O1\",\"type\":\"offer\",\"customer\":\"a\",\"kind\":\"PO\",\"renews\":\"A1\","
  "\"stage\":\"drafted\",\"currency\":\"USD\","
  "\"value\":120,\"value_adds\":[{\"description\":\"x\",\"amount\":30}]}",
  /* Due Q2 2026 on its last day, in euros; no offer: identified, at risk. */
  "{\"_id\":\"A2\",\"type\":\"agreement\",\"customer\":\"b\",\"kind\":\"PO\","
  "\"end_date\":\"2026-06-30\",\"currency\":\"EUR\",\"value\":200,\"status\":\"ACTIVE\"}",
  /* Due Q3 2026; offer published → not at risk. */
  "{\"_id\":\"A3\",\"type\":\"agreement\",\"customer\":\"c\",\"kind\":\"CPPO\","
  "\"end_date\":\"2026-07-01\",\"currency\":\"USD\",\"value\":300,\"status\":\"ACTIVE\","
  "\"stage\":\"needs_analysis\"}",
  "{\"_id\":\"O3\",\"type\":\"offer\",\"customer\":\"c\",\"kind\":\"CPPO\",\"renews\":\"A3\","
  "\"stage\":\"published\",\"currency\":\"USD\",\"value\":330,\"ace_reviewed_on\":\"2026-05-08\"}",
  /* Due Q3 2026 on the 90th day; offer accepted → not at risk. */
  "{\"_id\":\"A4\",\"type\":\"agreement\",\"customer\":\"d\",\"kind\":\"PO\","
  "\"end_date\":\"2026-08-13\",\"currency\":\"USD\",\"value\":400,\"status\":\"ACTIVE\","
  "\"stage\":\"identified\"}",
  "{\"_id\":\"O4\",\"type\":\"offer\",\"customer\":\"d\",\"kind\":\"PO\",\"renews\":\"A4\","
  "\"stage\":\"accepted\",\"currency\":\"USD\",\"value\":380}",
  /* Due Q3 2026 on the 91st day: not at risk yet. */
  "{\"_id\":\"A5\",\"type\":\"agreement\",\"customer\":\"e\",\"kind\":\"PO\","
  "\"end_date\":\"2026-08-14\",\"currency\":\"USD\",\"value\":500,\"status\":\"ACTIVE\","
  "\"stage\":\"outreach\"}",
  /* Due Q4 2026. */
  "{\"_id\":\"A6\",\"type\":\"agreement\",\"customer\":\"f\",\"kind\":\"PO\","
  "\"end_date\":\"2026-12-31\",\"currency\":\"USD\",\"value\":600,\"status\":\"ACTIVE\","
  "\"stage\":\"identified\"}",
  /* Due Q1 2027, renewed already outside the app: not in the pipeline. */
  "{\"_id\":\"A7\",\"type\":\"agreement\",\"customer\":\"g\",\"kind\":\"PO\","
  "\"end_date\":\"2027-03-31\",\"currency\":\"USD\",\"value\":700,\"status\":\"RENEWED\"}",
  /* Q2 2027: beyond the four quarters; in the pipeline. */
  "{\"_id\":\"A8\",\"type\":\"agreement\",\"customer\":\"h\",\"kind\":\"PO\","
  "\"end_date\":\"2027-04-01\",\"currency\":\"USD\",\"value\":800,\"status\":\"ACTIVE\","
  "\"stage\":\"outreach\"}",
  /* Ends today: due, at risk, identified. */
  "{\"_id\":\"A9\",\"type\":\"agreement\",\"customer\":\"i\",\"kind\":\"PO\","
  "\"end_date\":\"2026-05-15\",\"currency\":\"USD\",\"value\":50,\"status\":\"ACTIVE\"}",
  /* Deleted: counts nowhere. */
  "{\"_id\":\"D1\",\"type\":\"agreement\",\"customer\":\"j\",\"kind\":\"PO\","
  "\"end_date\":\"2026-05-30\",\"currency\":\"USD\",\"value\":9999,\"status\":\"ACTIVE\"}",
  "{\"_id\":\"D2\",\"type\":\"offer\",\"customer\":\"k\",\"kind\":\"PO\",\"renews\":\"P2\","
  "\"stage\":\"accepted\",\"currency\":\"USD\",\"value\":1}",
  /* An offer that renews nothing recorded, ACE reviewed 3 days ago. */
  "{\"_id\":\"O9\",\"type\":\"offer\",\"customer\":\"l\",\"kind\":\"PO\","
  "\"stage\":\"identified\",\"currency\":\"USD\",\"value\":70,\"ace_reviewed_on\":\"2026-05-12\"}",
  /* Ended: Q3 2025 renewed (status) and not renewed. */
  "{\"_id\":\"P1\",\"type\":\"agreement\",\"customer\":\"m\",\"kind\":\"PO\","
  "\"end_date\":\"2025-07-01\",\"currency\":\"USD\",\"value\":10,\"status\":\"RENEWED\"}",
  "{\"_id\":\"P2\",\"type\":\"agreement\",\"customer\":\"n\",\"kind\":\"PO\","
  "\"end_date\":\"2025-09-30\",\"currency\":\"USD\",\"value\":20,\"status\":\"EXPIRED\"}",
  /* Q4 2025, renewed by an accepted offer. */
  "{\"_id\":\"P3\",\"type\":\"agreement\",\"customer\":\"o\",\"kind\":\"PO\","
  "\"end_date\":\"2025-11-15\",\"currency\":\"USD\",\"value\":30,\"status\":\"EXPIRED\"}",
  "{\"_id\":\"OP3\",\"type\":\"offer\",\"customer\":\"o\",\"kind\":\"PO\",\"renews\":\"P3\","
  "\"stage\":\"accepted\",\"currency\":\"USD\",\"value\":40}",
  /* Q1 2026: replaced; lost. */
  "{\"_id\":\"P4\",\"type\":\"agreement\",\"customer\":\"p\",\"kind\":\"PO\","
  "\"end_date\":\"2026-02-01\",\"currency\":\"USD\",\"value\":40,\"status\":\"REPLACED\"}",
  "{\"_id\":\"P5\",\"type\":\"agreement\",\"customer\":\"q\",\"kind\":\"PO\","
  "\"end_date\":\"2026-03-31\",\"currency\":\"USD\",\"value\":50,\"status\":\"EXPIRED\"}",
  "{\"_id\":\"OP5\",\"type\":\"offer\",\"customer\":\"q\",\"kind\":\"PO\",\"renews\":\"P5\","
  "\"stage\":\"lost\"}",
  /* Q2 2026 to date (ended yesterday), renewed by an accepted offer. */
  "{\"_id\":\"P6\",\"type\":\"agreement\",\"customer\":\"r\",\"kind\":\"PO\","
  "\"end_date\":\"2026-05-14\",\"currency\":\"USD\",\"value\":60,\"status\":\"EXPIRED\"}",
  "{\"_id\":\"OP6\",\"type\":\"offer\",\"customer\":\"r\",\"kind\":\"PO\",\"renews\":\"P6\","
  "\"stage\":\"accepted\"}",
  /* Q1 2026, renewed: a later agreement names it as its preceding one; that one is in the
   * pipeline (needs analysis). */
  "{\"_id\":\"P8\",\"type\":\"agreement\",\"customer\":\"t\",\"kind\":\"PO\","
  "\"agreement_id\":\"agmt-p8\",\"end_date\":\"2026-03-15\",\"currency\":\"USD\","
  "\"value\":80,\"status\":\"EXPIRED\"}",
  "{\"_id\":\"S8\",\"type\":\"agreement\",\"customer\":\"t\",\"kind\":\"PO\","
  "\"agreement_id\":\"agmt-s8\",\"preceding_agreement_id\":\"agmt-p8\","
  "\"end_date\":\"2027-06-30\",\"currency\":\"USD\",\"value\":90,\"status\":\"ACTIVE\","
  "\"stage\":\"needs_analysis\"}",
  /* Q1 2026, superseded by an amendment: never came up for renewal. */
  "{\"_id\":\"P9\",\"type\":\"agreement\",\"customer\":\"u\",\"kind\":\"PO\","
  "\"end_date\":\"2026-02-15\",\"currency\":\"USD\",\"value\":5,"
  "\"status\":\"SUPERSEDED\"}",
  /* Q2 2025: before the four quarters. */
  "{\"_id\":\"P7\",\"type\":\"agreement\",\"customer\":\"s\",\"kind\":\"PO\","
  "\"end_date\":\"2025-06-30\",\"currency\":\"USD\",\"value\":70,\"status\":\"EXPIRED\"}",
};

static int
stage (const char *name)
{
  for (int i = 0; rd_stages[i] != NULL; i++)
    if (g_str_equal (rd_stages[i], name))
      return i;
  g_assert_not_reached ();
}

static double
value_in (const RdDashboardAmounts *amounts,
          const char               *currency)
{
  const RdDashboardAmount *amount = rd_dashboard_amounts_lookup (amounts, currency);

  g_assert_nonnull (amount);
  return amount->value;
}

static void
assert_money (const RdMoney *money,
              const char    *expected)
{
  g_autofree char *text = rd_money_to_string (money);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_dashboard_figures (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (RdStore) store = NULL;
  RdDashboard d;

  dir = g_dir_make_tmp ("rd-test-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "renewals.db", NULL);
  store = rd_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      g_autoptr (JsonNode) node = json_from_string (records[i], &error);
      g_autofree char *id = NULL;

      g_assert_no_error (error);
      id = rd_store_insert (store, json_node_get_object (node), &error);
      g_assert_no_error (error);
    }
  rd_store_delete (store, "D1", &error);
  g_assert_no_error (error);
  rd_store_delete (store, "D2", &error);
  g_assert_no_error (error);

  g_assert_true (rd_dashboard_compute (store, "2026-05-15", &d, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (d.today, ==, "2026-05-15");

  g_assert_cmpint (d.due[0].year, ==, 2026);
  g_assert_cmpint (d.due[0].quarter, ==, 2);
  g_assert_cmpstr (d.due[0].first, ==, "2026-04-01");
  g_assert_cmpstr (d.due[0].last, ==, "2026-06-30");
  g_assert_cmpuint (d.due[0].count, ==, 3);
  /* Never a sum across currencies. */
  g_assert_cmpuint (d.due[0].value.n, ==, 2);
  g_assert_cmpfloat (value_in (&d.due[0].value, "USD"), ==, 150);
  g_assert_cmpfloat (value_in (&d.due[0].value, "EUR"), ==, 200);
  g_assert_cmpint (d.due[1].quarter, ==, 3);
  g_assert_cmpuint (d.due[1].count, ==, 3);
  g_assert_cmpuint (d.due[1].value.n, ==, 1);
  g_assert_cmpfloat (value_in (&d.due[1].value, "USD"), ==, 1200);
  g_assert_cmpint (d.due[2].quarter, ==, 4);
  g_assert_cmpuint (d.due[2].count, ==, 1);
  g_assert_cmpfloat (value_in (&d.due[2].value, "USD"), ==, 600);
  g_assert_cmpint (d.due[3].year, ==, 2027);
  g_assert_cmpint (d.due[3].quarter, ==, 1);
  g_assert_cmpstr (d.due[3].last, ==, "2027-03-31");
  g_assert_cmpuint (d.due[3].count, ==, 1);
  g_assert_cmpfloat (value_in (&d.due[3].value, "USD"), ==, 700);

  g_assert_cmpuint (d.stage_count[stage ("identified")], ==, 4);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("identified")], "USD"), ==, 720);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("identified")], "EUR"), ==, 200);
  g_assert_cmpuint (d.stage_count[stage ("outreach")], ==, 2);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("outreach")], "USD"), ==, 1300);
  /* S8, the agreement that renewed P8, is itself up for renewal. */
  g_assert_cmpuint (d.stage_count[stage ("needs_analysis")], ==, 1);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("needs_analysis")], "USD"), ==, 90);
  g_assert_cmpuint (d.stage_count[stage ("drafted")], ==, 1);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("drafted")], "USD"), ==, 150);
  g_assert_cmpuint (d.stage_count[stage ("published")], ==, 1);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("published")], "USD"), ==, 330);
  g_assert_cmpuint (d.stage_count[stage ("accepted")], ==, 3);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("accepted")], "USD"), ==, 420);
  g_assert_cmpuint (d.stage_count[stage ("lost")], ==, 1);
  g_assert_cmpfloat (value_in (&d.stage_value[stage ("lost")], ""), ==, 0);

  g_assert_cmpuint (d.at_risk_count, ==, 3);
  g_assert_cmpuint (d.at_risk.n, ==, 2);
  g_assert_cmpfloat (value_in (&d.at_risk, "USD"), ==, 150);
  g_assert_cmpfloat (value_in (&d.at_risk, "EUR"), ==, 200);

  g_assert_cmpint (d.rate[0].year, ==, 2025);
  g_assert_cmpint (d.rate[0].quarter, ==, 3);
  g_assert_cmpuint (d.rate[0].ended, ==, 2);
  g_assert_cmpuint (d.rate[0].renewed, ==, 1);
  g_assert_cmpfloat (d.rate[0].rate, ==, 0.5);
  g_assert_cmpint (d.rate[1].quarter, ==, 4);
  g_assert_cmpuint (d.rate[1].ended, ==, 1);
  g_assert_cmpuint (d.rate[1].renewed, ==, 1);
  g_assert_cmpfloat (d.rate[1].rate, ==, 1.0);
  /* P4 replaced, P8 renewed through its successor, P5 lost, P9 superseded (not due). */
  g_assert_cmpint (d.rate[2].year, ==, 2026);
  g_assert_cmpint (d.rate[2].quarter, ==, 1);
  g_assert_cmpuint (d.rate[2].ended, ==, 3);
  g_assert_cmpuint (d.rate[2].renewed, ==, 2);
  g_assert_cmpint (d.rate[3].quarter, ==, 2);
  g_assert_cmpuint (d.rate[3].ended, ==, 1);
  g_assert_cmpuint (d.rate[3].renewed, ==, 1);

  /* No target set yet: the quarter's currencies in order, each with what is due in the
   * whole quarter (P6 ended, A1, A2 and A9 to come) and renewed. */
  g_assert_cmpstr (d.target_quarter, ==, "2026-Q2");
  g_assert_cmpuint (d.n_targets, ==, 2);
  g_assert_cmpstr (d.targets[0].currency, ==, "EUR");
  g_assert_cmpfloat (d.targets[0].target, <, 0);
  g_assert_cmpfloat (d.targets[0].due, ==, 200);
  g_assert_cmpfloat (d.targets[0].renewed, ==, 0);
  g_assert_cmpstr (d.targets[1].currency, ==, "USD");
  g_assert_cmpfloat (d.targets[1].target, <, 0);
  g_assert_cmpfloat (d.targets[1].due, ==, 210);
  g_assert_cmpfloat (d.targets[1].renewed, ==, 60);

  /* A target per currency, shared as one record per quarter and currency: setting it again
   * changes that record. Bad input changes nothing. */
  g_assert_false (rd_dashboard_set_target (store, "2026-Q2", "usd", "1000", &error));
  g_assert_error (error, RD_DASHBOARD_ERROR, RD_DASHBOARD_ERROR_INVALID_TARGET);
  g_clear_error (&error);
  g_assert_false (rd_dashboard_set_target (store, "2026-Q2", "USD", "-5", &error));
  g_assert_error (error, RD_DASHBOARD_ERROR, RD_DASHBOARD_ERROR_INVALID_TARGET);
  g_clear_error (&error);
  g_assert_false (rd_dashboard_set_target (store, "2026-Q2", "USD", "1e6", &error));
  g_assert_error (error, RD_DASHBOARD_ERROR, RD_DASHBOARD_ERROR_INVALID_TARGET);
  g_clear_error (&error);
  g_assert_false (rd_dashboard_set_target (store, "2026-Q5", "USD", "1000", &error));
  g_assert_error (error, RD_DASHBOARD_ERROR, RD_DASHBOARD_ERROR_INVALID_TARGET);
  g_clear_error (&error);
  g_assert_cmpuint (rd_store_count (store, "target"), ==, 0);
  g_assert_true (rd_dashboard_set_target (store, "2026-Q2", "USD", "500", &error));
  g_assert_no_error (error);
  g_assert_true (rd_dashboard_set_target (store, "2026-Q2", "USD", "300.50", &error));
  g_assert_no_error (error);
  g_assert_true (rd_dashboard_set_target (store, "2026-Q3", "USD", "900", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rd_store_count (store, "target"), ==, 2);
  {
    g_autoptr (RdRecord) target = rd_store_get (store, "target-2026-Q2-USD", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (rd_record_get_string (target, "amount"), ==, "300.50");
    g_assert_true (rd_record_get_dirty (target));
    /* A target is a document of the schema: sync pushes it and other desks store it. */
    g_assert_true (rd_record_check_new_body (rd_record_get_body (target), &error));
    g_assert_no_error (error);
  }
  g_assert_true (rd_dashboard_compute (store, "2026-05-15", &d, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d.n_targets, ==, 2);
  g_assert_cmpstr (d.targets[0].currency, ==, "USD");
  g_assert_cmpfloat (d.targets[0].target, ==, 300.5);
  g_assert_cmpfloat (d.targets[0].due, ==, 210);
  g_assert_cmpfloat (d.targets[0].renewed, ==, 60);
  assert_money (&d.targets[0].target_exact, "300.50");
  assert_money (&d.targets[0].due_exact, "210");
  assert_money (&d.targets[0].renewed_exact, "60");
  g_assert_cmpstr (d.targets[1].currency, ==, "EUR");
  g_assert_cmpfloat (d.targets[1].target, <, 0);
  assert_money (&d.targets[1].target_exact, "0");
  assert_money (&d.targets[1].due_exact, "200");
  assert_money (&d.targets[1].renewed_exact, "0");

  g_assert_cmpuint (d.ace_review_due, ==, 2);
  {
    g_autoptr (GPtrArray) due = rd_dashboard_list_ace_review_due (store, "2026-05-15",
                                                                     G_MAXUINT, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (due->len, ==, 2);
    /* Never reviewed first. */
    g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (due, 0)), ==, "O1");
    g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (due, 1)), ==, "O3");
  }
  /* The view's page of that list: the same records in the same order, at most limit. */
  {
    g_autoptr (GPtrArray) page = rd_dashboard_list_ace_review_due (store, "2026-05-15", 1,
                                                                   &error);
    g_autoptr (GPtrArray) all = rd_dashboard_list_ace_review_due (store, "2026-05-15", 12,
                                                                  &error);

    g_assert_no_error (error);
    g_assert_cmpuint (page->len, ==, 1);
    g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (page, 0)), ==, "O1");
    g_assert_cmpuint (all->len, ==, 2);
    g_assert_cmpstr (rd_record_get_id (g_ptr_array_index (all, 1)), ==, "O3");
  }

  /* The first day of a quarter: nothing has ended in it yet. */
  g_assert_true (rd_dashboard_compute (store, "2026-04-01", &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.rate[3].quarter, ==, 2);
  g_assert_cmpuint (d.rate[3].ended, ==, 0);
  g_assert_cmpfloat (d.rate[3].rate, <, 0);
  g_assert_cmpuint (d.rate[2].ended, ==, 3);

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

static void
test_dashboard_quarter_of (void)
{
  GDate date, first, last;
  int quarter;

  g_assert_true (rd_date_parse ("2028-02-29", &date));
  rd_dashboard_quarter_of (&date, &quarter, &first, &last);
  g_assert_cmpint (quarter, ==, 1);
  g_assert_cmpint (g_date_get_month (&first), ==, 1);
  g_assert_cmpint (g_date_get_day (&last), ==, 31);
  g_assert_cmpint (g_date_get_month (&last), ==, 3);

  g_assert_true (rd_date_parse ("2026-12-31", &date));
  rd_dashboard_quarter_of (&date, &quarter, &first, &last);
  g_assert_cmpint (quarter, ==, 4);
  g_assert_cmpint (g_date_get_month (&first), ==, 10);
  g_assert_cmpint (g_date_get_day (&last), ==, 31);
}

static char *
exact_in (const RdDashboardAmounts *amounts,
          const char               *currency)
{
  const RdDashboardAmount *amount = rd_dashboard_amounts_lookup (amounts, currency);

  g_assert_nonnull (amount);
  return rd_money_to_string (&amount->exact);
}

static RdStore *
open_store_with (const char *const *bodies,
                 guint              n_bodies,
                 char             **dir_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-test-dashboard-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "renewals.db", NULL);
  RdStore *store = rd_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n_bodies; i++)
    {
      g_autoptr (JsonNode) node = json_from_string (bodies[i], &error);

      g_assert_no_error (error);
      g_free (rd_store_insert (store, json_node_get_object (node), &error));
      g_assert_no_error (error);
    }
  *dir_out = g_steal_pointer (&dir);
  return store;
}

static void
remove_store (RdStore *store,
              char    *dir)
{
  g_object_unref (store);
  for (const char *const *f = (const char *const[]) { "renewals.db", "renewals.db-wal",
                                                      "renewals.db-shm", NULL }; *f; f++)
    {
      g_autofree char *file = g_build_filename (dir, *f, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  g_free (dir);
}

/* Sums per currency are exact: ten times 0.1 is 1, 0.1 + 0.2 is 0.3, not 0.30000000000000004. */
static void
test_dashboard_exact_sums (void)
{
  static const char * const tenths[] = {
    "{\"type\":\"agreement\",\"end_date\":\"2026-05-20\",\"value\":\"0.1\","
    "\"currency\":\"USD\",\"status\":\"ACTIVE\"}",
    "{\"type\":\"agreement\",\"end_date\":\"2026-05-21\",\"value\":\"0.2\","
    "\"currency\":\"USD\",\"status\":\"ACTIVE\"}",
    "{\"type\":\"agreement\",\"end_date\":\"2026-05-22\",\"value\":\"93224.99\","
    "\"currency\":\"EUR\",\"status\":\"ACTIVE\"}",
    "{\"type\":\"agreement\",\"end_date\":\"2026-05-23\",\"value\":\"0.01\","
    "\"currency\":\"EUR\",\"status\":\"ACTIVE\"}",
  };
  g_autoptr (GError) error = NULL;
  char *dir = NULL;
  RdStore *store = open_store_with (tenths, G_N_ELEMENTS (tenths), &dir);
  RdDashboardAmounts due = { 0 };
  g_autofree char *usd = NULL;
  g_autofree char *eur = NULL;

  g_assert_true (rd_store_dashboard_count_due (store, "2026-05-01", "2026-05-31", &due, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (due.n, ==, 2);
  g_assert_cmpfloat (value_in (&due, "USD"), ==, 0.3);
  g_assert_cmpfloat (value_in (&due, "EUR"), ==, 93225.0);
  usd = exact_in (&due, "USD");
  eur = exact_in (&due, "EUR");
  g_assert_cmpstr (usd, ==, "0.3");
  g_assert_cmpstr (eur, ==, "93225.00");
  remove_store (store, dir);
}

/* Amounts past the 15 digits a double holds are summed exactly from their text, in every
 * figure and per currency: the REAL value column would make 12345678901234567.89 + 0.01
 * 12345678901234568. */
static void
test_dashboard_exact_beyond_double (void)
{
  static const char * const big[] = {
    "{\"_id\":\"a1\",\"type\":\"agreement\",\"end_date\":\"2026-05-20\","
    "\"value\":\"12345678901234567.89\",\"currency\":\"USD\",\"status\":\"ACTIVE\"}",
    "{\"_id\":\"a2\",\"type\":\"agreement\",\"end_date\":\"2026-05-21\","
    "\"value\":\"0.01\",\"currency\":\"USD\",\"status\":\"ACTIVE\"}",
    "{\"_id\":\"a3\",\"type\":\"agreement\",\"end_date\":\"2026-05-22\","
    "\"value\":\"99999999999999999.99\",\"currency\":\"EUR\",\"status\":\"ACTIVE\"}",
    "{\"_id\":\"a4\",\"type\":\"agreement\",\"end_date\":\"2026-05-23\","
    "\"value\":\"0.01\",\"currency\":\"EUR\",\"status\":\"ACTIVE\"}",
    "{\"_id\":\"o1\",\"type\":\"offer\",\"stage\":\"drafted\",\"currency\":\"USD\","
    "\"value\":\"98765432109876543.21\","
    "\"value_adds\":[{\"description\":\"x\",\"amount\":\"0.09\"}]}",
  };
  g_autoptr (GError) error = NULL;
  char *dir = NULL;
  RdStore *store = open_store_with (big, G_N_ELEMENTS (big), &dir);
  RdDashboardAmounts due = { 0 }, at_risk = { 0 }, ended = { 0 }, renewed = { 0 };
  RdDashboardAmounts stages[RD_DASHBOARD_N_STAGES] = { { 0 } };
  struct { const RdDashboardAmounts *amounts; const char *currency; const char *sum; } want[] = {
    { &due, "USD", "12345678901234567.90" },
    { &due, "EUR", "100000000000000000.00" },
    { &at_risk, "USD", "12345678901234567.90" },
    { &at_risk, "EUR", "100000000000000000.00" },
    { &ended, "USD", "12345678901234567.90" },
    { &ended, "EUR", "100000000000000000.00" },
    { &stages[stage ("drafted")], "USD", "98765432109876543.30" },
  };

  g_assert_true (rd_store_dashboard_count_due (store, "2026-05-01", "2026-05-31", &due, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_dashboard_count_at_risk (store, "2026-05-01", "2026-05-31", &at_risk,
                                                   &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_dashboard_count_renewed (store, "2026-05-01", "2026-05-31", &ended,
                                                   &renewed, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_dashboard_count_stages (store, "2026-06-01", stages,
                                                  RD_DASHBOARD_N_STAGES, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (due.n, ==, 2);
  g_assert_cmpuint (renewed.n, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *sum = exact_in (want[i].amounts, want[i].currency);

      g_assert_cmpstr (sum, ==, want[i].sum);
    }
  remove_store (store, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dashboard/figures", test_dashboard_figures);
  g_test_add_func ("/dashboard/exact-sums", test_dashboard_exact_sums);
  g_test_add_func ("/dashboard/exact-beyond-double", test_dashboard_exact_beyond_double);
  g_test_add_func ("/dashboard/quarter-of", test_dashboard_quarter_of);

  return g_test_run ();
}
