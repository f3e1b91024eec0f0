/* test-reminder-due.c
 *
 * Which reminders are due when, computed from plain data: no store, no main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-date.h"
#include "rd-reminder-due.h"

static const int default_offsets[] = { 120, 90, 60 };

static const RdReminderDueRules default_rules = {
  default_offsets, G_N_ELEMENTS (default_offsets), 9, 0
};

static GDateTime *
at (const char *local,
    const char *zone)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr (GDateTime) parsed = NULL;

  g_assert_nonnull (tz);
  parsed = g_date_time_new_from_iso8601 (local, tz);
  g_assert_nonnull (parsed);
  return g_date_time_to_timezone (parsed, tz);
}

static RdReminderCandidate *
agreement (const char *id,
           const char *end_date,
           const char *milestones)
{
  RdReminderCandidate *c = g_new0 (RdReminderCandidate, 1);

  c->kind = RD_REMINDER_KIND_MILESTONE;
  c->record_id = g_strdup (id);
  c->date = g_strdup (end_date);
  c->end_date = g_strdup (end_date);
  c->customer = g_strdup ("Acme Corp");
  c->product_title = g_strdup ("Observability Suite");
  c->milestones = g_strdup (milestones);
  return c;
}

static RdReminderCandidate *
offer (const char *id,
       const char *expiration)
{
  RdReminderCandidate *c = g_new0 (RdReminderCandidate, 1);

  c->kind = RD_REMINDER_KIND_EXPIRATION;
  c->record_id = g_strdup (id);
  c->date = g_strdup (expiration);
  c->end_date = g_strdup ("2027-12-31");
  c->customer = g_strdup ("Globex");
  return c;
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = rd_date_format (date);

  g_assert_cmpstr (text, ==, expected);
}

static char *
due_id (const RdReminderDueRules  *rules,
        const RdReminderCandidate *candidate,
        GDateTime                 *now)
{
  g_autoptr (RdReminder) reminder = rd_reminder_due_for (rules, candidate, now);

  return reminder != NULL ? g_strdup (rd_reminder_get_id (reminder)) : NULL;
}

static void
assert_due (const RdReminderDueRules  *rules,
            const RdReminderCandidate *candidate,
            GDateTime                 *now,
            const char                *expected)
{
  g_autofree char *id = due_id (rules, candidate, now);

  g_assert_cmpstr (id, ==, expected);
}

static void
test_latest_milestone (void)
{
  g_autoptr (RdReminderCandidate) c = agreement ("agmt-1", "2026-09-30", NULL);
  g_autoptr (GDateTime) before = at ("2026-07-02T08:59:00", "Europe/Berlin");
  g_autoptr (GDateTime) on_time = at ("2026-07-02T09:00:00", "Europe/Berlin");
  g_autoptr (GDateTime) early = at ("2026-05-01T12:00:00", "Europe/Berlin");
  g_autoptr (GDateTime) late = at ("2026-09-01T12:00:00", "Europe/Berlin");
  g_autoptr (RdReminder) reminder = NULL;

  /* Before 09:00 on the 90-day date, the 120-day one (2026-06-02) is the latest due. */
  assert_due (&default_rules, c, before, "agmt-1/120/2026-06-02");
  assert_due (&default_rules, c, on_time, "agmt-1/90/2026-07-02");
  assert_due (&default_rules, c, early, NULL);
  /* Weeks away: one catch-up, the 60-day one. */
  assert_due (&default_rules, c, late, "agmt-1/60/2026-08-01");

  reminder = rd_reminder_due_for (&default_rules, c, on_time);
  g_assert_cmpint (rd_reminder_get_kind (reminder), ==, RD_REMINDER_KIND_MILESTONE);
  g_assert_cmpint (rd_reminder_get_offset_days (reminder), ==, 90);
  g_assert_cmpint (rd_reminder_get_days_left (reminder), ==, 90);
  g_assert_cmpstr (rd_reminder_get_end_date (reminder), ==, "2026-09-30");
  g_assert_cmpstr (rd_reminder_get_customer (reminder), ==, "Acme Corp");
  g_assert_cmpint (rd_reminder_get_state (reminder), ==, RD_REMINDER_STATE_NEW);
}

static void
test_done_and_offsets (void)
{
  static const int one[] = { 30 };
  const RdReminderDueRules rules = { one, 1, 9, 0 };
  const RdReminderDueRules none = { NULL, 0, 9, 0 };
  g_autoptr (RdReminderCandidate) done = agreement ("agmt-d", "2026-09-30", "{\"90\":\"done\"}");
  g_autoptr (RdReminderCandidate) flag = agreement ("agmt-t", "2026-09-30", "{\"90\":true}");
  g_autoptr (RdReminderCandidate) other = agreement ("agmt-o", "2026-09-30",
                                                     "{\"120\":\"done\"}");
  g_autoptr (RdReminderCandidate) payg = agreement ("agmt-p", NULL, NULL);
  g_autoptr (GDateTime) now = at ("2026-07-02T10:00:00", "Europe/Berlin");
  g_autoptr (GDateTime) later = at ("2026-08-31T10:00:00", "Europe/Berlin");
  GDate from, to, exp_from, exp_to;

  assert_due (&default_rules, done, now, NULL);
  assert_due (&default_rules, flag, now, NULL);
  assert_due (&default_rules, other, now, "agmt-o/90/2026-07-02");
  assert_due (&default_rules, payg, now, NULL);
  assert_due (&rules, other, now, NULL);
  assert_due (&rules, other, later, "agmt-o/30/2026-08-31");
  /* Once its renewal is accepted, no milestone is left, even at an offset never marked. */
  other->renewal_stage = g_strdup ("published");
  assert_due (&rules, other, later, "agmt-o/30/2026-08-31");
  g_free (other->renewal_stage);
  other->renewal_stage = g_strdup ("accepted");
  assert_due (&rules, other, later, NULL);
  assert_due (&default_rules, other, now, NULL);

  rd_reminder_due_window (&default_rules, now, &from, &to, &exp_from, &exp_to);
  assert_date (&from, "2026-07-02");
  assert_date (&to, "2026-10-30");
  assert_date (&exp_from, "2026-06-25");
  assert_date (&exp_to, "2026-07-02");
  /* Without offsets no agreement is read. */
  rd_reminder_due_window (&none, now, &from, &to, &exp_from, &exp_to);
  g_assert_cmpint (rd_date_compare (&from, &to), >, 0);
}

static void
test_expiration (void)
{
  g_autoptr (RdReminderCandidate) today = offer ("offer-t", "2026-07-02");
  g_autoptr (RdReminderCandidate) missed = offer ("offer-m", "2026-06-29");
  g_autoptr (RdReminderCandidate) gone = offer ("offer-g", "2026-06-20");
  g_autoptr (GDateTime) early = at ("2026-07-02T08:00:00", "Europe/Berlin");
  g_autoptr (GDateTime) now = at ("2026-07-02T09:00:00", "Europe/Berlin");
  g_autoptr (RdReminder) reminder = NULL;

  assert_due (&default_rules, today, early, NULL);
  assert_due (&default_rules, today, now, "offer-t/expiration/2026-07-02");
  assert_due (&default_rules, missed, early, "offer-m/expiration/2026-06-29");
  assert_due (&default_rules, gone, now, NULL);
  reminder = rd_reminder_due_for (&default_rules, missed, now);
  g_assert_cmpint (rd_reminder_get_days_left (reminder), ==, -3);
  g_assert_cmpstr (rd_reminder_get_end_date (reminder), ==, "2027-12-31");
}

static void
test_time_zone_and_time (void)
{
  const RdReminderDueRules evening = { default_offsets, 3, 18, 30 };
  g_autoptr (RdReminderCandidate) c = agreement ("agmt-1", "2026-09-30", NULL);
  /* The same instant: 09:30 in Berlin, 03:30 in New York. */
  g_autoptr (GDateTime) berlin = at ("2026-07-02T07:30:00Z", "Europe/Berlin");
  g_autoptr (GDateTime) new_york = at ("2026-07-02T07:30:00Z", "America/New_York");
  g_autoptr (GDateTime) afternoon = at ("2026-07-02T18:29:00", "Europe/Berlin");
  g_autoptr (GDateTime) evening_now = at ("2026-07-02T18:30:00", "Europe/Berlin");
  GDate first;

  assert_due (&default_rules, c, berlin, "agmt-1/90/2026-07-02");
  assert_due (&default_rules, c, new_york, "agmt-1/120/2026-06-02");
  assert_due (&evening, c, afternoon, "agmt-1/120/2026-06-02");
  assert_due (&evening, c, evening_now, "agmt-1/90/2026-07-02");

  rd_reminder_due_first_day (&evening, afternoon, &first);
  assert_date (&first, "2026-07-02");
  rd_reminder_due_first_day (&evening, evening_now, &first);
  assert_date (&first, "2026-07-03");
}

static void
test_compute_and_state (void)
{
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (
    (GDestroyNotify) rd_reminder_candidate_free);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GDateTime) now = at ("2026-07-02T09:00:00", "Europe/Berlin");
  g_autoptr (GDateTime) until = NULL;
  RdReminderState state;

  g_ptr_array_add (candidates, agreement ("agmt-b", "2026-09-30", NULL));
  g_ptr_array_add (candidates, agreement ("agmt-a", "2026-09-30", NULL));
  g_ptr_array_add (candidates, agreement ("agmt-late", "2026-10-30", NULL));
  g_ptr_array_add (candidates, agreement ("agmt-none", "2026-12-30", NULL));
  due = rd_reminder_due_compute (&default_rules, candidates, now);
  g_assert_cmpuint (due->len, ==, 3);
  /* All due at the same instant: by id. */
  g_assert_cmpstr (rd_reminder_get_id (g_ptr_array_index (due, 0)), ==, "agmt-a/90/2026-07-02");
  g_assert_cmpstr (rd_reminder_get_id (g_ptr_array_index (due, 1)), ==, "agmt-b/90/2026-07-02");
  g_assert_cmpstr (rd_reminder_get_id (g_ptr_array_index (due, 2)), ==,
                   "agmt-late/120/2026-07-02");

  g_assert_true (rd_reminder_due_is_pending (g_ptr_array_index (due, 0), now));
  g_assert_true (rd_reminder_state_parse ("snoozed", "2026-07-03T07:00:00Z", &state, &until));
  g_assert_cmpint (state, ==, RD_REMINDER_STATE_SNOOZED);
  rd_reminder_set_state (g_ptr_array_index (due, 0), state, until);
  g_assert_false (rd_reminder_due_is_pending (g_ptr_array_index (due, 0), now));
  g_clear_pointer (&until, g_date_time_unref);
  g_assert_true (rd_reminder_state_parse ("fired", NULL, &state, &until));
  g_assert_cmpint (state, ==, RD_REMINDER_STATE_FIRED);
  g_assert_false (rd_reminder_state_parse ("snoozed", "soon", &state, &until));
  g_assert_false (rd_reminder_state_parse ("exploded", NULL, &state, &until));
}

static void
test_owner (void)
{
  const RdReminderDueRules mine = { default_offsets, 3, 9, 0, "Dana Weber" };
  g_autoptr (RdReminderCandidate) own = agreement ("agmt-own", "2026-09-30", NULL);
  g_autoptr (RdReminderCandidate) theirs = agreement ("agmt-theirs", "2026-09-30", NULL);
  g_autoptr (RdReminderCandidate) unowned = agreement ("agmt-free", "2026-09-30", NULL);
  g_autoptr (RdReminderCandidate) blank = agreement ("agmt-blank", "2026-09-30", NULL);
  g_autoptr (RdReminderCandidate) offer_theirs = offer ("offer-theirs", "2026-07-02");
  g_autoptr (GDateTime) now = at ("2026-07-02T09:00:00", "Europe/Berlin");

  own->owner = g_strdup ("  dana weber ");
  theirs->owner = g_strdup ("Sam Patel");
  blank->owner = g_strdup ("");
  offer_theirs->owner = g_strdup ("Sam Patel");

  assert_due (&mine, own, now, "agmt-own/90/2026-07-02");
  assert_due (&mine, theirs, now, NULL);
  assert_due (&mine, unowned, now, "agmt-free/90/2026-07-02");
  assert_due (&mine, blank, now, "agmt-blank/90/2026-07-02");
  assert_due (&mine, offer_theirs, now, NULL);
  /* A user without a name cannot tell whose a renewal is: all of them remind. */
  assert_due (&default_rules, theirs, now, "agmt-theirs/90/2026-07-02");

  g_assert_true (rd_reminder_due_is_for ("Dana Weber", NULL));
  g_assert_true (rd_reminder_due_is_for ("Jörg Müller", "JÖRG MÜLLER"));
  g_assert_false (rd_reminder_due_is_for ("Jörg Müller", "Jörg Meier"));
  g_assert_true (rd_reminder_due_is_for ("", "Sam Patel"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminder-due/latest-milestone", test_latest_milestone);
  g_test_add_func ("/reminder-due/done-and-offsets", test_done_and_offsets);
  g_test_add_func ("/reminder-due/expiration", test_expiration);
  g_test_add_func ("/reminder-due/time-zone-and-time", test_time_zone_and_time);
  g_test_add_func ("/reminder-due/compute-and-state", test_compute_and_state);
  g_test_add_func ("/reminder-due/owner", test_owner);

  return g_test_run ();
}
