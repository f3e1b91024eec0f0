/* test-milestones.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-date.h"
#include "rd-milestones.h"

static GDate
date (const char *text)
{
  GDate d;

  g_assert_true (rd_date_parse (text, &d));
  return d;
}

static void
assert_offsets (GArray    *offsets,
                const int *expected,
                guint      n_expected)
{
  g_assert_cmpuint (offsets->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (offsets, int, i), ==, expected[i]);
}

static void
assert_milestone (GArray     *milestones,
                  guint       index_,
                  int         offset_days,
                  const char *date_text,
                  int         days_left)
{
  RdMilestone *m = &g_array_index (milestones, RdMilestone, index_);
  g_autofree char *text = rd_date_format (&m->date);

  g_assert_cmpint (m->offset_days, ==, offset_days);
  g_assert_cmpstr (text, ==, date_text);
  g_assert_cmpint (m->days_left, ==, days_left);
}

static void
test_compute_defaults (void)
{
  const int offsets[] = RD_MILESTONE_DEFAULT_OFFSETS;
  GDate end = date ("2027-06-30");
  GDate today = date ("2027-01-01");
  g_autoptr (GArray) milestones = rd_milestones_compute (&end, offsets,
                                                         G_N_ELEMENTS (offsets), &today);

  g_assert_cmpuint (milestones->len, ==, 3);
  assert_milestone (milestones, 0, 120, "2027-03-02", 60);
  assert_milestone (milestones, 1, 90, "2027-04-01", 90);
  assert_milestone (milestones, 2, 60, "2027-05-01", 120);
}

static void
test_compute_past_and_leap (void)
{
  const int offsets[] = { 60, 90, 120 };
  GDate end = date ("2028-06-28");
  GDate today = date ("2028-04-29");
  g_autoptr (GArray) milestones = rd_milestones_compute (&end, offsets,
                                                         G_N_ELEMENTS (offsets), &today);

  /* Ordered by date whatever the order given; 2028 is a leap year. */
  g_assert_cmpuint (milestones->len, ==, 3);
  assert_milestone (milestones, 0, 120, "2028-02-29", -60);
  assert_milestone (milestones, 1, 90, "2028-03-30", -30);
  assert_milestone (milestones, 2, 60, "2028-04-29", 0);
}

static void
test_compute_without_today (void)
{
  const int offsets[] = { 30 };
  GDate end = date ("2027-01-15");
  g_autoptr (GArray) milestones = rd_milestones_compute (&end, offsets, 1, NULL);

  g_assert_cmpuint (milestones->len, ==, 1);
  assert_milestone (milestones, 0, 30, "2026-12-16", 0);
}

static void
test_compute_no_offsets (void)
{
  GDate end = date ("2027-01-15");
  GDate today = date ("2027-01-01");
  g_autoptr (GArray) milestones = rd_milestones_compute (&end, NULL, 0, &today);

  g_assert_nonnull (milestones);
  g_assert_cmpuint (milestones->len, ==, 0);
}

static void
test_normalize (void)
{
  const int messy[] = { 60, 90, 60, -5, 0, 120, 2000, 90 };
  const int expected[] = { 120, 90, 60 };
  g_autoptr (GArray) normalized = rd_milestones_normalize_offsets (messy,
                                                                   G_N_ELEMENTS (messy));

  assert_offsets (normalized, expected, G_N_ELEMENTS (expected));
}

static void
test_normalize_limits (void)
{
  const int many[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  const int ten_largest[] = { 12, 11, 10, 9, 8, 7, 6, 5, 4, 3 };
  const int long_range[] = { 1098, 1099, 365 };
  const int long_expected[] = { 1098, 365 };
  g_autoptr (GArray) capped = rd_milestones_normalize_offsets (many, G_N_ELEMENTS (many));
  g_autoptr (GArray) ranged = rd_milestones_normalize_offsets (long_range,
                                                               G_N_ELEMENTS (long_range));
  g_autoptr (GArray) empty = rd_milestones_normalize_offsets (NULL, 0);

  assert_offsets (capped, ten_largest, G_N_ELEMENTS (ten_largest));
  assert_offsets (ranged, long_expected, G_N_ELEMENTS (long_expected));
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_label (void)
{
  g_autofree char *many = rd_milestone_dup_label (120);
  g_autofree char *one = rd_milestone_dup_label (1);

  g_assert_cmpstr (many, ==, "120 days before end");
  g_assert_cmpstr (one, ==, "1 day before end");
}

static RdMilestoneStatus
status_on (const char  *end,
           const char  *done_json,
           const char  *today,
           RdMilestone *m)
{
  static const int offsets[] = { 120, 90, 60 };
  g_autoptr (JsonObject) done = NULL;
  GDate end_date = date (end);
  GDate day = date (today);

  if (done_json != NULL)
    {
      g_autoptr (JsonNode) node = json_from_string (done_json, NULL);

      g_assert_nonnull (node);
      done = json_object_ref (json_node_get_object (node));
    }
  return rd_milestones_status (&end_date, offsets, G_N_ELEMENTS (offsets), done, &day, m);
}

static void
test_status (void)
{
  RdMilestone m;

  /* End 2027-06-30: milestones 2027-03-02 (120), 2027-04-01 (90), 2027-05-01 (60). */
  g_assert_cmpint (status_on ("2027-06-30", NULL, "2027-01-01", &m), ==,
                   RD_MILESTONE_STATUS_UPCOMING);
  g_assert_cmpint (m.offset_days, ==, 120);
  g_assert_cmpint (m.days_left, ==, 60);

  g_assert_cmpint (status_on ("2027-06-30", NULL, "2027-03-02", &m), ==,
                   RD_MILESTONE_STATUS_DUE);
  g_assert_cmpint (m.offset_days, ==, 120);

  /* The latest one that has come is what needs the user: a missed 120 is moot at 90. */
  g_assert_cmpint (status_on ("2027-06-30", NULL, "2027-04-01", &m), ==,
                   RD_MILESTONE_STATUS_DUE);
  g_assert_cmpint (m.offset_days, ==, 90);
  g_assert_cmpint (status_on ("2027-06-30", NULL, "2027-04-11", &m), ==,
                   RD_MILESTONE_STATUS_OVERDUE);
  g_assert_cmpint (m.offset_days, ==, 90);
  g_assert_cmpint (m.days_left, ==, -10);

  /* Done at 90: the next one ahead. */
  g_assert_cmpint (status_on ("2027-06-30", "{\"90\":\"done\"}", "2027-04-11", &m), ==,
                   RD_MILESTONE_STATUS_UPCOMING);
  g_assert_cmpint (m.offset_days, ==, 60);
  g_assert_cmpint (m.days_left, ==, 20);

  g_assert_cmpint (status_on ("2027-06-30", "{\"120\":true,\"90\":\"done\"}", "2027-04-02",
                              &m), ==, RD_MILESTONE_STATUS_UPCOMING);
  g_assert_cmpint (m.offset_days, ==, 60);
  g_assert_cmpint (m.days_left, ==, 29);

  /* Something else than "done" is not done. */
  g_assert_cmpint (status_on ("2027-06-30",
                              "{\"120\":\"done\",\"90\":\"done\",\"60\":\"snoozed\"}",
                              "2027-06-01", &m), ==, RD_MILESTONE_STATUS_OVERDUE);
  g_assert_cmpint (m.offset_days, ==, 60);

  g_assert_cmpint (status_on ("2027-06-30",
                              "{\"120\":\"done\",\"90\":\"done\",\"60\":\"done\"}",
                              "2027-06-01", &m), ==, RD_MILESTONE_STATUS_DONE);

  g_assert_cmpint (rd_milestones_status (NULL, NULL, 0, NULL, NULL, NULL), ==,
                   RD_MILESTONE_STATUS_NONE);
}

static RdMilestoneStatus
agreement_status_on (const char  *agreement_json,
                     const char  *today,
                     RdMilestone *m)
{
  static const int offsets[] = { 120, 90, 30 };
  g_autoptr (JsonNode) node = json_from_string (agreement_json, NULL);
  GDate day = date (today);

  g_assert_nonnull (node);
  return rd_milestones_agreement_status (json_node_get_object (node), offsets,
                                         G_N_ELEMENTS (offsets), &day, m);
}

/* An accepted renewal settles every milestone, whatever the offsets and the done marks; any
 * other stage of the renewal leaves them as the marks say. */
static void
test_agreement_status (void)
{
  RdMilestone m;

  g_assert_cmpint (agreement_status_on ("{\"type\":\"agreement\",\"end_date\":\"2027-06-30\"}",
                                        "2027-06-10", &m), ==, RD_MILESTONE_STATUS_OVERDUE);
  g_assert_cmpint (m.offset_days, ==, 30);
  g_assert_cmpint (agreement_status_on ("{\"end_date\":\"2027-06-30\","
                                        "\"renewal_stage\":\"published\","
                                        "\"milestones\":{\"120\":\"done\"}}",
                                        "2027-04-11", &m), ==, RD_MILESTONE_STATUS_OVERDUE);
  g_assert_cmpint (m.offset_days, ==, 90);
  g_assert_cmpint (agreement_status_on ("{\"end_date\":\"2027-06-30\","
                                        "\"renewal_stage\":\"accepted\"}",
                                        "2027-06-10", &m), ==, RD_MILESTONE_STATUS_DONE);
  g_assert_cmpint (m.offset_days, ==, 30);
  g_assert_cmpint (agreement_status_on ("{\"end_date\":\"2027-06-30\","
                                        "\"renewal_stage\":\"lost\"}",
                                        "2027-06-10", &m), ==, RD_MILESTONE_STATUS_OVERDUE);
  g_assert_cmpint (agreement_status_on ("{\"renewal_stage\":\"accepted\"}", "2027-06-10",
                                        NULL), ==, RD_MILESTONE_STATUS_NONE);
  g_assert_cmpint (agreement_status_on ("{\"end_date\":\"30.06.2027\"}", "2027-06-10",
                                        NULL), ==, RD_MILESTONE_STATUS_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/milestones/compute/defaults", test_compute_defaults);
  g_test_add_func ("/milestones/compute/past-and-leap", test_compute_past_and_leap);
  g_test_add_func ("/milestones/compute/without-today", test_compute_without_today);
  g_test_add_func ("/milestones/compute/no-offsets", test_compute_no_offsets);
  g_test_add_func ("/milestones/normalize", test_normalize);
  g_test_add_func ("/milestones/normalize/limits", test_normalize_limits);
  g_test_add_func ("/milestones/label", test_label);
  g_test_add_func ("/milestones/status", test_status);
  g_test_add_func ("/milestones/agreement-status", test_agreement_status);

  return g_test_run ();
}
