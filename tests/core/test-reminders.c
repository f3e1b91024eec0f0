/* test-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <string.h>

#include "rd-date.h"
#include "rd-reminder-scheduler.h"
#include "rd-store-private.h"
#include "rd-store-reminders.h"
#include "rd-store-worker.h"
#include "rd-test-temp.h"
#include "rd-test-wait.h"
#include "rd-test-worker.h"

typedef struct
{
  char      *dir;
  char      *path;
  RdStore   *store;
  GDateTime *now;
  GPtrArray *due;         /* ids, in delivery order */
  GPtrArray *withdrawn;   /* ids */
  guint      emissions;
  guint      last_batch;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = rd_test_temp_store_open ("reminders", &f->dir, &f->path);
  f->due = g_ptr_array_new_with_free_func (g_free);
  f->withdrawn = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rd_test_temp_store_close (&f->store, &f->dir);
  g_clear_pointer (&f->now, g_date_time_unref);
  g_ptr_array_unref (f->due);
  g_ptr_array_unref (f->withdrawn);
  g_free (f->path);
}

static GDateTime *
fixture_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return g_date_time_ref (f->now);
}

/* Local time in a zone, e.g. set_now (f, "2026-07-02T09:00:00", "Europe/Berlin"). */
static void
set_now (Fixture    *f,
         const char *local,
         const char *zone)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr (GDateTime) parsed = NULL;

  g_assert_nonnull (tz);
  parsed = g_date_time_new_from_iso8601 (local, tz);
  g_assert_nonnull (parsed);
  g_clear_pointer (&f->now, g_date_time_unref);
  /* A text with its own offset ("…Z") is the same instant, seen in zone. */
  f->now = g_date_time_to_timezone (parsed, tz);
}

/* The same instant, seen in another zone. */
static void
set_zone (Fixture    *f,
          const char *zone)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);
  GDateTime *moved;

  g_assert_nonnull (tz);
  moved = g_date_time_to_timezone (f->now, tz);
  g_date_time_unref (f->now);
  f->now = moved;
}

static void
advance (Fixture *f,
         GTimeSpan span)
{
  GDateTime *later = g_date_time_add (f->now, span);

  g_date_time_unref (f->now);
  f->now = later;
}

static void
on_due_cb (RdReminderScheduler *scheduler,
           GPtrArray           *reminders,
           Fixture             *f)
{
  g_assert_cmpuint (reminders->len, >, 0);
  f->emissions++;
  f->last_batch = reminders->len;
  for (guint i = 0; i < reminders->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (reminders, i);

      g_assert_true (RD_IS_REMINDER (reminder));
      g_assert_cmpint (rd_reminder_get_state (reminder), ==, RD_REMINDER_STATE_FIRED);
      g_ptr_array_add (f->due, g_strdup (rd_reminder_get_id (reminder)));
    }
}

static void
on_withdrawn_cb (RdReminderScheduler *scheduler,
                 GStrv                ids,
                 Fixture             *f)
{
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (f->withdrawn, g_strdup (ids[i]));
}

static RdReminderScheduler *
new_scheduler (Fixture   *f,
               const int *offsets,
               guint      n_offsets)
{
  RdReminderScheduler *scheduler = rd_reminder_scheduler_new (f->store);

  rd_reminder_scheduler_set_clock (scheduler, fixture_clock, f, NULL);
  if (offsets != NULL)
    rd_reminder_scheduler_set_offsets (scheduler, offsets, n_offsets);
  g_signal_connect (scheduler, "reminders-due", G_CALLBACK (on_due_cb), f);
  g_signal_connect (scheduler, "reminders-withdrawn", G_CALLBACK (on_withdrawn_cb), f);
  return scheduler;
}

static gboolean
scheduler_idle (gpointer user_data)
{
  return !rd_reminder_scheduler_is_busy (user_data);
}

/* Checks run on the store's worker and deliver from the main loop: waits for the end. */
static void
wait_idle (RdReminderScheduler *scheduler)
{
  rd_test_wait_until (scheduler_idle, scheduler, "the reminder check to end");
}

static gboolean
any_delivered (gpointer user_data)
{
  Fixture *f = user_data;

  return f->emissions > 0;
}

static gboolean
any_withdrawn (gpointer user_data)
{
  Fixture *f = user_data;

  return f->withdrawn->len > 0;
}

static void
check_now (RdReminderScheduler *scheduler)
{
  rd_reminder_scheduler_check (scheduler);
  g_assert_true (rd_reminder_scheduler_is_busy (scheduler));
  wait_idle (scheduler);
}

static void
start_now (RdReminderScheduler *scheduler)
{
  rd_reminder_scheduler_start (scheduler);
  wait_idle (scheduler);
}

static void
reset (Fixture *f)
{
  g_ptr_array_set_size (f->due, 0);
  g_ptr_array_set_size (f->withdrawn, 0);
  f->emissions = 0;
  f->last_batch = 0;
}

static void
add_agreement (Fixture    *f,
               const char *id,
               const char *end_date)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *customer = g_strdup_printf ("Customer %s", id);

  json_object_set_string_member (body, "_id", id);
  json_object_set_string_member (body, "type", "agreement");
  json_object_set_string_member (body, "customer", customer);
  json_object_set_string_member (body, "product_title", "Observability Suite");
  json_object_set_string_member (body, "start_date", "2025-01-01");
  if (end_date != NULL)
    json_object_set_string_member (body, "end_date", end_date);
  else
    json_object_set_null_member (body, "end_date");
  json_object_set_string_member (body, "status", "ACTIVE");
  stored = rd_store_insert (f->store, body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, id);
}

static void
add_offer (Fixture    *f,
           const char *id,
           const char *stage,
           const char *expiration)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL;

  json_object_set_string_member (body, "_id", id);
  json_object_set_string_member (body, "type", "offer");
  json_object_set_string_member (body, "customer", "Globex");
  json_object_set_string_member (body, "product_title", "Data Lake");
  json_object_set_string_member (body, "stage", stage);
  json_object_set_string_member (body, "offer_expiration_date", expiration);
  json_object_set_string_member (body, "agreement_end_date", "2027-12-31");
  stored = rd_store_insert (f->store, body, &error);
  g_assert_no_error (error);
}

static void
set_end_date (Fixture    *f,
              const char *id,
              const char *end_date)
{
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (patch, "end_date", end_date);
  rd_store_merge_patch (f->store, id, patch, &error);
  g_assert_no_error (error);
}

static void
assert_due_ids (Fixture    *f,
                const char *first,
                ...)
{
  va_list args;
  guint n = 0;

  va_start (args, first);
  for (const char *id = first; id != NULL; id = va_arg (args, const char *))
    {
      g_assert_cmpuint (n, <, f->due->len);
      g_assert_cmpstr (g_ptr_array_index (f->due, n), ==, id);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (f->due->len, ==, n);
}

static void
assert_instant (GDateTime  *instant,
                const char *expected)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (instant);
  text = g_date_time_format_iso8601 (instant);
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_due_instant (const char *date,
                    int         hour,
                    int         minute,
                    const char *zone,
                    const char *expected)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr (GDateTime) due = NULL;
  GDate d;

  g_assert_nonnull (tz);
  g_assert_true (rd_date_parse (date, &d));
  due = rd_reminder_due_instant (&d, hour, minute, tz);
  assert_instant (due, expected);
}

static void
test_due_instant_berlin (void)
{
  assert_due_instant ("2026-03-28", 9, 0, "Europe/Berlin", "2026-03-28T09:00:00+01");
  /* Spring forward: 02:00-03:00 does not exist; 02:30 is due at 03:00 CEST. */
  assert_due_instant ("2026-03-29", 2, 30, "Europe/Berlin", "2026-03-29T03:00:00+02");
  assert_due_instant ("2026-03-29", 2, 0, "Europe/Berlin", "2026-03-29T03:00:00+02");
  assert_due_instant ("2026-03-29", 9, 0, "Europe/Berlin", "2026-03-29T09:00:00+02");
  assert_due_instant ("2026-03-29", 1, 59, "Europe/Berlin", "2026-03-29T01:59:00+01");
  /* Fall back: 02:30 happens twice; the first (CEST) counts. */
  assert_due_instant ("2026-10-25", 2, 30, "Europe/Berlin", "2026-10-25T02:30:00+02");
  assert_due_instant ("2026-10-25", 9, 0, "Europe/Berlin", "2026-10-25T09:00:00+01");
}

static void
test_due_instant_new_york (void)
{
  assert_due_instant ("2026-03-08", 2, 30, "America/New_York", "2026-03-08T03:00:00-04");
  assert_due_instant ("2026-03-08", 9, 0, "America/New_York", "2026-03-08T09:00:00-04");
  assert_due_instant ("2026-11-01", 1, 30, "America/New_York", "2026-11-01T01:30:00-04");
  assert_due_instant ("2026-11-01", 9, 0, "America/New_York", "2026-11-01T09:00:00-05");
  assert_due_instant ("2026-07-02", 0, 0, "UTC", "2026-07-02T00:00:00Z");
}

static void
test_parse_helpers (void)
{
  g_autofree char *record_id = NULL;
  g_autofree char *key = NULL;
  int hour = -1, minute = -1;

  g_assert_true (rd_reminder_id_parse ("a/b/90/2026-07-02", &record_id, &key));
  g_assert_cmpstr (record_id, ==, "a/b");
  g_assert_cmpstr (key, ==, "90");
  g_assert_false (rd_reminder_id_parse ("a/90/2026-13-02", NULL, NULL));
  g_assert_false (rd_reminder_id_parse ("90/2026-07-02", NULL, NULL));
  g_assert_false (rd_reminder_id_parse ("a//2026-07-02", NULL, NULL));
  g_assert_false (rd_reminder_id_parse (NULL, NULL, NULL));

  g_assert_true (rd_reminder_time_parse ("09:00", &hour, &minute));
  g_assert_cmpint (hour, ==, 9);
  g_assert_cmpint (minute, ==, 0);
  g_assert_true (rd_reminder_time_parse ("23:59", &hour, &minute));
  g_assert_false (rd_reminder_time_parse ("24:00", &hour, &minute));
  g_assert_false (rd_reminder_time_parse ("9:00", &hour, &minute));
  g_assert_false (rd_reminder_time_parse ("09:60", &hour, &minute));
}

static void
test_milestone_fires_once (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GDateTime) next = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GError) error = NULL;
  RdReminder *reminder;

  add_agreement (f, "agmt-1", "2026-09-30"); /* 90 days before: 2026-07-02 */
  set_now (f, "2026-07-02T08:59:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  /* The first start catches up with the 120-day milestone (2026-06-02) it missed. */
  start_now (scheduler);
  assert_due_ids (f, "agmt-1/120/2026-06-02", NULL);
  next = rd_reminder_scheduler_dup_next_due (scheduler);
  assert_instant (next, "2026-07-02T09:00:00+02");
  reset (f);

  /* The 90-day one replaces it. */
  advance (f, G_TIME_SPAN_MINUTE);
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, "agmt-1/120/2026-06-02");
  check_now (scheduler);
  advance (f, G_TIME_SPAN_HOUR);
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);

  listed = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  reminder = g_ptr_array_index (listed, 0);
  g_assert_cmpstr (rd_reminder_get_record_id (reminder), ==, "agmt-1");
  g_assert_cmpint (rd_reminder_get_kind (reminder), ==, RD_REMINDER_KIND_MILESTONE);
  g_assert_cmpint (rd_reminder_get_offset_days (reminder), ==, 90);
  g_assert_cmpstr (rd_reminder_get_customer (reminder), ==, "Customer agmt-1");
  g_assert_cmpstr (rd_reminder_get_product_title (reminder), ==, "Observability Suite");
  g_assert_cmpstr (rd_reminder_get_end_date (reminder), ==, "2026-09-30");
  g_assert_cmpint (rd_reminder_get_days_left (reminder), ==, 90);
  g_assert_cmpint (rd_reminder_get_state (reminder), ==, RD_REMINDER_STATE_FIRED);
  assert_instant (rd_reminder_get_due (reminder), "2026-07-02T09:00:00+02");
  rd_reminder_scheduler_stop (scheduler);
}

static void
test_leap_day (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GDateTime) next = NULL;

  add_agreement (f, "agmt-leap", "2028-06-28"); /* 120 days before: 2028-02-29 */
  set_now (f, "2028-02-28T12:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  g_assert_cmpuint (f->due->len, ==, 0);
  next = rd_reminder_scheduler_dup_next_due (scheduler);
  assert_instant (next, "2028-02-29T09:00:00+01");

  set_now (f, "2028-02-29T09:00:00", "Europe/Berlin");
  check_now (scheduler);
  assert_due_ids (f, "agmt-leap/120/2028-02-29", NULL);
}

static void
test_dst_spring_forward (Fixture       *f,
                         gconstpointer  data)
{
  static const int offsets[] = { 90 };
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GDateTime) next = NULL;

  add_agreement (f, "agmt-dst", "2026-06-27"); /* 90 days before: 2026-03-29 */
  scheduler = new_scheduler (f, offsets, G_N_ELEMENTS (offsets));
  rd_reminder_scheduler_set_reminder_time (scheduler, 2, 30);

  set_now (f, "2026-03-29T01:59:59", "Europe/Berlin");
  check_now (scheduler);
  g_assert_cmpuint (f->due->len, ==, 0);
  next = rd_reminder_scheduler_dup_next_due (scheduler);
  assert_instant (next, "2026-03-29T03:00:00+02");

  /* One second later the clock reads 03:00 CEST. */
  advance (f, G_TIME_SPAN_SECOND);
  check_now (scheduler);
  assert_due_ids (f, "agmt-dst/90/2026-03-29", NULL);
}

static void
test_dst_fall_back (Fixture       *f,
                    gconstpointer  data)
{
  static const int offsets[] = { 60 };
  g_autoptr (RdReminderScheduler) scheduler = NULL;

  add_agreement (f, "agmt-ny", "2026-12-31"); /* 60 days before: 2026-11-01 */
  scheduler = new_scheduler (f, offsets, G_N_ELEMENTS (offsets));
  rd_reminder_scheduler_set_reminder_time (scheduler, 1, 30);

  set_now (f, "2026-11-01T01:29:00-04:00", "America/New_York");
  check_now (scheduler);
  g_assert_cmpuint (f->due->len, ==, 0);
  set_now (f, "2026-11-01T01:30:00-04:00", "America/New_York");
  check_now (scheduler);
  assert_due_ids (f, "agmt-ny/60/2026-11-01", NULL);
  /* 01:30 again, an hour later (EST): not a second time. */
  set_now (f, "2026-11-01T01:30:00-05:00", "America/New_York");
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);
}

static void
test_end_date_moves_later (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;

  add_agreement (f, "agmt-1", "2026-09-30");
  set_now (f, "2026-07-02T10:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);
  reset (f);

  /* 120 days before the new end date is 2026-09-02: nothing now, the old one withdrawn. */
  set_end_date (f, "agmt-1", "2026-12-31");
  check_now (scheduler);
  g_assert_cmpuint (f->due->len, ==, 0);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, "agmt-1/90/2026-07-02");

  set_now (f, "2026-09-02T09:00:00", "Europe/Berlin");
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/120/2026-09-02", NULL);
  set_now (f, "2026-10-02T09:00:00", "Europe/Berlin");
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/120/2026-09-02", "agmt-1/90/2026-10-02", NULL);
}

static void
test_end_date_moves_earlier (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;

  add_agreement (f, "agmt-1", "2026-12-31");
  set_now (f, "2026-09-02T09:30:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/120/2026-09-02", NULL);
  reset (f);

  /* All three milestones of 2026-09-20 are past: one catch-up, the latest (60 days). */
  set_end_date (f, "agmt-1", "2026-09-20");
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/60/2026-07-22", NULL);
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);
}

static void
test_clock_jump (Fixture       *f,
                 gconstpointer  data)
{
  static const int offsets[] = { 60 };
  g_autoptr (RdReminderScheduler) scheduler = NULL;

  add_agreement (f, "agmt-a", "2026-08-31"); /* 60: 2026-07-02 */
  add_agreement (f, "agmt-b", "2026-09-01"); /* 60: 2026-07-03 */
  add_agreement (f, "agmt-c", "2026-09-02"); /* 60: 2026-07-04 */
  add_agreement (f, "agmt-d", "2026-09-03"); /* 60: 2026-07-05, after the jump */
  set_now (f, "2026-07-01T12:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, offsets, G_N_ELEMENTS (offsets));
  start_now (scheduler);
  g_assert_cmpuint (f->due->len, ==, 0);

  advance (f, 3 * G_TIME_SPAN_DAY);
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);
  assert_due_ids (f, "agmt-a/60/2026-07-02", "agmt-b/60/2026-07-03", "agmt-c/60/2026-07-04",
                  NULL);
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);
  rd_reminder_scheduler_stop (scheduler);
}

static void
test_time_zone_change (Fixture       *f,
                       gconstpointer  data)
{
  static const int offsets[] = { 90 };
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GDateTime) next = NULL;

  add_agreement (f, "agmt-1", "2026-09-30"); /* 90: 2026-07-02 */
  /* 07:30 UTC: 03:30 in New York, 09:30 in Berlin. */
  set_now (f, "2026-07-02T07:30:00Z", "America/New_York");
  scheduler = new_scheduler (f, offsets, G_N_ELEMENTS (offsets));
  check_now (scheduler);
  g_assert_cmpuint (f->due->len, ==, 0);
  next = rd_reminder_scheduler_dup_next_due (scheduler);
  assert_instant (next, "2026-07-02T09:00:00-04");

  set_zone (f, "Europe/Berlin");
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);

  /* Flying back, the reminder becomes due again at 09:00 New York time: not twice. */
  set_zone (f, "America/New_York");
  advance (f, 6 * G_TIME_SPAN_HOUR);
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);
}

static void
test_restart_no_duplicates (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) second = NULL;
  g_autoptr (GError) error = NULL;
  RdReminderScheduler *first;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("agmt-%03u", i);

      add_agreement (f, id, "2026-09-30");
    }
  set_now (f, "2026-07-02T09:05:00", "Europe/Berlin");
  first = new_scheduler (f, NULL, 0);
  start_now (first);
  /* Many at once come in one batch (the app shows one summary). */
  g_assert_cmpuint (f->emissions, ==, 1);
  g_assert_cmpuint (f->last_batch, ==, 300);
  g_object_unref (first);

  /* A new process on the same file. */
  g_clear_object (&f->store);
  f->store = rd_store_open (f->path, &error);
  g_assert_no_error (error);
  reset (f);
  advance (f, G_TIME_SPAN_HOUR);
  second = new_scheduler (f, NULL, 0);
  start_now (second);
  g_assert_cmpuint (f->emissions, ==, 0);
  rd_reminder_scheduler_stop (second);
}

static void
test_catch_up_in_batches (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GError) error = NULL;
  int fired;

  g_assert_true (rd_store_begin (f->store, &error));
  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *id = g_strdup_printf ("agmt-%04u", i);

      add_agreement (f, id, "2026-09-30");
    }
  g_assert_true (rd_store_commit (f->store, &error));
  set_now (f, "2026-07-02T09:05:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  rd_reminder_scheduler_start (scheduler);
  /* Nothing is read or delivered inside start(): the main loop goes on. */
  g_assert_true (rd_reminder_scheduler_is_busy (scheduler));
  g_assert_cmpuint (f->emissions, ==, 0);
  wait_idle (scheduler);
  g_assert_cmpuint (f->due->len, ==, 1200);
  g_assert_cmpuint (f->emissions, ==, 4);
  g_assert_cmpuint (f->last_batch, ==, 300);
  fired = rd_store_query_int (f->store, "SELECT count (*) FROM reminder_state "
                                        "WHERE state = 'fired'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fired, ==, 1200);
  rd_reminder_scheduler_stop (scheduler);
}

static gpointer
noop_job (RdStore       *reader,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return GINT_TO_POINTER (1);
}

/* Jobs run in order: once a later one has answered, every earlier one has too. */
static void
drain_worker (Fixture *f)
{
  g_autoptr (GAsyncResult) result = NULL;

  rd_store_worker_run_async (rd_store_worker_get_for_store (f->store), noop_job, NULL, NULL,
                             NULL, NULL, rd_test_keep_result_cb, &result);
  rd_test_wait_for_result (&result, "the store's worker to answer");
}

static void
test_change_during_check (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GError) error = NULL;

  add_agreement (f, "agmt-1", "2026-09-30");
  add_agreement (f, "agmt-2", "2026-09-30");
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  rd_reminder_scheduler_start (scheduler);
  g_assert_true (rd_reminder_scheduler_is_busy (scheduler));
  /* While the worker reads, the record goes: its reminder must not be delivered. */
  g_assert_true (rd_store_delete (f->store, "agmt-2", &error));
  g_assert_no_error (error);
  wait_idle (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);
  g_assert_cmpuint (f->withdrawn->len, ==, 0);

  /* Stopped during a check: nothing arrives later. */
  reset (f);
  add_agreement (f, "agmt-3", "2026-09-30");
  rd_reminder_scheduler_stop (scheduler);
  g_assert_false (rd_reminder_scheduler_is_busy (scheduler));
  rd_reminder_scheduler_check (scheduler);
  rd_reminder_scheduler_stop (scheduler);
  drain_worker (f);
  g_assert_false (rd_test_pump_until (any_delivered, f, RD_TEST_QUIET_MS));
  g_assert_cmpuint (f->emissions, ==, 0);
}

static void
test_no_notification_service (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GError) error = NULL;

  add_agreement (f, "agmt-1", "2026-09-30");
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  rd_reminder_scheduler_set_can_deliver (scheduler, FALSE);
  start_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 0);
  listed = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (rd_reminder_get_state (g_ptr_array_index (listed, 0)), ==,
                   RD_REMINDER_STATE_NEW);

  /* The service appears: the reminder comes, and only now counts as fired. */
  rd_reminder_scheduler_set_can_deliver (scheduler, TRUE);
  g_assert_true (rd_reminder_scheduler_is_busy (scheduler));
  wait_idle (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_reminder_get_state (g_ptr_array_index (listed, 0)), ==,
                   RD_REMINDER_STATE_FIRED);
  rd_reminder_scheduler_stop (scheduler);
}

static void
test_owner (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;

  add_agreement (f, "agmt-mine", "2026-09-30");
  add_agreement (f, "agmt-theirs", "2026-09-30");
  add_agreement (f, "agmt-nobody", "2026-09-30");
  json_object_set_string_member (patch, "owner", "Dana");
  g_assert_true (rd_store_merge_patch (f->store, "agmt-mine", patch, &error));
  json_object_set_string_member (patch, "owner", "Sam");
  g_assert_true (rd_store_merge_patch (f->store, "agmt-theirs", patch, &error));
  g_assert_no_error (error);

  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  rd_reminder_scheduler_set_owner_name (scheduler, "Dana");
  check_now (scheduler);
  assert_due_ids (f, "agmt-mine/90/2026-07-02", "agmt-nobody/90/2026-07-02", NULL);

  /* Handed over to Sam: its reminder goes from this desk. */
  json_object_set_string_member (patch, "owner", "Sam");
  g_assert_true (rd_store_merge_patch (f->store, "agmt-mine", patch, &error));
  g_assert_no_error (error);
  check_now (scheduler);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, "agmt-mine/90/2026-07-02");
}

static GPtrArray *
list_page (RdReminderScheduler  *scheduler,
           guint                 offset,
           guint                 limit,
           guint                *total,
           GHashTable          **counts)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *page;

  rd_reminder_scheduler_list_due_page_async (scheduler, offset, limit, NULL,
                                             rd_test_keep_result_cb, &result);
  rd_test_wait_for_result (&result, "a page of due reminders");
  page = rd_reminder_scheduler_list_due_page_finish (scheduler, result, total, counts, &error);
  g_assert_no_error (error);
  return page;
}

static void
test_due_pages (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GHashTable) counts = NULL;
  guint total = 0;

  add_agreement (f, "agmt-120b", "2026-10-30");   /* 120 days: 2026-07-02 */
  add_agreement (f, "agmt-120a", "2026-10-20");   /* 120 days: 2026-06-22 */
  add_agreement (f, "agmt-90", "2026-09-30");     /* 90 days: 2026-07-02 */
  add_agreement (f, "agmt-60", "2026-08-31");     /* 60 days: 2026-07-02 */
  add_offer (f, "offer-x", "published", "2026-07-01");
  set_now (f, "2026-07-02T10:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);

  /* The most urgent group first: expiring offers, then 60, 90, 120 days. */
  first = list_page (scheduler, 0, 3, &total, &counts);
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpstr (rd_reminder_get_record_id (g_ptr_array_index (first, 0)), ==, "offer-x");
  g_assert_cmpstr (rd_reminder_get_record_id (g_ptr_array_index (first, 1)), ==, "agmt-60");
  g_assert_cmpstr (rd_reminder_get_record_id (g_ptr_array_index (first, 2)), ==, "agmt-90");
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "120")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "expiration")), ==, 1);
  second = list_page (scheduler, 3, 3, &total, NULL);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpstr (rd_reminder_get_record_id (g_ptr_array_index (second, 0)), ==, "agmt-120a");
  g_assert_cmpstr (rd_reminder_get_record_id (g_ptr_array_index (second, 1)), ==, "agmt-120b");
  /* Listing changes nothing. */
  g_assert_cmpuint (f->emissions, ==, 0);
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (RdReminderScheduler) restarted = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (GDateTime) next = NULL;
  g_autoptr (GError) error = NULL;
  const char *id = "agmt-1/90/2026-07-02";

  add_agreement (f, "agmt-1", "2026-09-30");
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  assert_due_ids (f, id, NULL);
  reset (f);

  until = g_date_time_add_days (f->now, 1);
  g_assert_true (rd_reminder_scheduler_snooze (scheduler, id, until, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, id);
  next = rd_reminder_scheduler_dup_next_due (scheduler);
  assert_instant (next, "2026-07-03T09:00:00+02");

  advance (f, 23 * G_TIME_SPAN_HOUR);
  check_now (scheduler);
  g_assert_cmpuint (f->due->len, ==, 0);

  /* The snooze is per device and survives a restart. */
  g_clear_object (&scheduler);
  restarted = new_scheduler (f, NULL, 0);
  advance (f, G_TIME_SPAN_HOUR);
  check_now (restarted);
  assert_due_ids (f, id, NULL);
  check_now (restarted);
  g_assert_cmpuint (f->emissions, ==, 1);

  g_assert_false (rd_reminder_scheduler_snooze (restarted, "not-a-reminder", until, &error));
  g_assert_error (error, RD_REMINDER_ERROR, RD_REMINDER_ERROR_INVALID_ID);
}

static void
test_dismiss (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GError) error = NULL;

  add_agreement (f, "agmt-1", "2026-09-30");
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  g_assert_true (rd_reminder_scheduler_dismiss (scheduler, "agmt-1/90/2026-07-02", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  advance (f, G_TIME_SPAN_DAY);
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);
  listed = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (rd_reminder_get_state (g_ptr_array_index (listed, 0)), ==,
                   RD_REMINDER_STATE_DISMISSED);
}

static void
test_mark_done (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (RdReminderScheduler) other_device = NULL;
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *milestones;

  add_agreement (f, "agmt-1", "2026-09-30");
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  g_assert_true (rd_reminder_scheduler_mark_done (scheduler, "agmt-1/90/2026-07-02", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);

  /* An edit of the document, to be synced like any other. */
  record = rd_store_get (f->store, "agmt-1", &error);
  g_assert_no_error (error);
  g_assert_true (rd_record_get_dirty (record));
  milestones = json_object_get_object_member (rd_record_get_body (record), "milestones");
  g_assert_nonnull (milestones);
  g_assert_cmpstr (json_object_get_string_member (milestones, "90"), ==, "done");
  g_assert_cmpstr (rd_record_get_end_date (record), ==, "2026-09-30");

  listed = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);

  /* Another device (no reminder_state rows) sees the milestone done too. */
  sqlite3_exec (rd_store_get_db (f->store), "DELETE FROM reminder_state", NULL, NULL, NULL);
  reset (f);
  other_device = new_scheduler (f, NULL, 0);
  check_now (other_device);
  g_assert_cmpuint (f->emissions, ==, 0);

  /* The next milestone still fires. */
  set_now (f, "2026-08-01T09:00:00", "Europe/Berlin");
  check_now (other_device);
  assert_due_ids (f, "agmt-1/60/2026-08-01", NULL);
}

static void
test_deleted_record_withdrawn (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GError) error = NULL;

  add_agreement (f, "agmt-1", "2026-09-30");
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  start_now (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);

  g_assert_true (rd_store_delete (f->store, "agmt-1", &error));
  g_assert_no_error (error);
  /* The store's "changed" schedules a check on idle. */
  rd_test_wait_until (any_withdrawn, f, "the deleted record's reminder to be withdrawn");
  wait_idle (scheduler);
  g_assert_cmpuint (f->withdrawn->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->withdrawn, 0), ==, "agmt-1/90/2026-07-02");
  rd_reminder_scheduler_stop (scheduler);
}

static void
test_pay_as_you_go (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GDateTime) next = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = json_object_new ();
  g_autofree char *id = NULL;

  add_agreement (f, "agmt-payg", NULL);
  json_object_set_string_member (body, "type", "agreement");
  json_object_set_string_member (body, "customer", "No End Inc");
  id = rd_store_insert (f->store, body, &error);
  g_assert_no_error (error);

  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  start_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 0);
  listed = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
  next = rd_reminder_scheduler_dup_next_due (scheduler);
  g_assert_null (next);
  rd_reminder_scheduler_stop (scheduler);
}

static void
test_not_active (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;

  add_agreement (f, "agmt-renewed", "2026-09-30");
  json_object_set_string_member (patch, "status", "RENEWED");
  rd_store_merge_patch (f->store, "agmt-renewed", patch, &error);
  g_assert_no_error (error);
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 0);
}

static void
test_expiration (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GError) error = NULL;
  RdReminder *reminder;

  add_offer (f, "offer-today", "published", "2026-07-02");
  add_offer (f, "offer-draft", "drafted", "2026-07-02");
  add_offer (f, "offer-missed", "published", "2026-06-29");
  add_offer (f, "offer-long-gone", "published", "2026-06-20");
  set_now (f, "2026-07-02T08:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  /* Missed while nothing ran, still within the catch-up days. */
  assert_due_ids (f, "offer-missed/expiration/2026-06-29", NULL);

  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  check_now (scheduler);
  assert_due_ids (f, "offer-missed/expiration/2026-06-29", "offer-today/expiration/2026-07-02",
                  NULL);

  listed = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  reminder = g_ptr_array_index (listed, 1);
  g_assert_cmpint (rd_reminder_get_kind (reminder), ==, RD_REMINDER_KIND_EXPIRATION);
  g_assert_cmpstr (rd_reminder_get_key (reminder), ==, "expiration");
  g_assert_cmpint (rd_reminder_get_days_left (reminder), ==, 0);
  g_assert_cmpstr (rd_reminder_get_end_date (reminder), ==, "2027-12-31");
}

static void
patch_record (Fixture    *f,
              const char *id,
              const char *patch_json)
{
  g_autoptr (JsonNode) patch = json_from_string (patch_json, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (patch);
  g_assert_true (rd_store_merge_patch (f->store, id, json_node_get_object (patch), &error));
  g_assert_no_error (error);
}

/* Every column derived from a body calls json_extract: with this in its place, a statement
 * that parses a body fails instead of answering. */
static void
refuse_body_parse (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  sqlite3_result_error (context, "a reminder query parsed a record's body", -1);
}

static void
assert_reminder_ids (GPtrArray  *reminders,
                     const char *const *expected)
{
  guint n = g_strv_length ((GStrv) expected);

  for (guint i = 0; i < MIN (n, reminders->len); i++)
    g_assert_cmpstr (rd_reminder_get_id (g_ptr_array_index (reminders, i)), ==, expected[i]);
  g_assert_cmpuint (reminders->len, ==, n);
}

/* The store reads owners, renewal stages, milestones and end dates from its indexes: the
 * lists are those of the bodies although no body can be parsed. */
static void
test_store_reads_index (Fixture       *f,
                        gconstpointer  data)
{
  static const int offsets[] = { 120, 90, 60 };
  static const char *const agreements[] = {
    "agmt-mine", "agmt-theirs", "agmt-nobody", "agmt-accepted", "agmt-published", "agmt-marked"
  };
  static const char *const for_dana[] = {
    "offer-mine/expiration/2026-07-01", "agmt-mine/90/2026-07-02",
    "agmt-nobody/90/2026-07-02", "agmt-published/90/2026-07-02", NULL
  };
  static const char *const for_everyone[] = {
    "offer-mine/expiration/2026-07-01", "offer-theirs/expiration/2026-07-01",
    "agmt-mine/90/2026-07-02", "agmt-nobody/90/2026-07-02", "agmt-published/90/2026-07-02",
    "agmt-theirs/90/2026-07-02", NULL
  };
  RdReminderDueRules rules = { offsets, G_N_ELEMENTS (offsets), 9, 0, " dana " };
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (agreements); i++)
    add_agreement (f, agreements[i], "2026-09-30");      /* 90 days: 2026-07-02 */
  patch_record (f, "agmt-mine", "{\"owner\": \"Dana\"}");
  patch_record (f, "agmt-theirs", "{\"owner\": \"Sam\"}");
  patch_record (f, "agmt-accepted", "{\"renewal_stage\": \"accepted\"}");
  patch_record (f, "agmt-published",
                "{\"renewal_stage\": \"published\", \"owner\": \"DANA\"}");
  patch_record (f, "agmt-marked", "{\"milestones\": {\"90\": true}}");
  add_offer (f, "offer-mine", "published", "2026-07-01");
  add_offer (f, "offer-theirs", "published", "2026-07-01");
  add_offer (f, "offer-marked", "published", "2026-07-01");
  patch_record (f, "offer-mine", "{\"owner\": \"Dana\"}");
  patch_record (f, "offer-theirs", "{\"owner\": \"Sam\"}");
  patch_record (f, "offer-marked", "{\"milestones\": {\"expiration\": \"done\"}}");
  set_now (f, "2026-07-02T10:00:00", "Europe/Berlin");

  g_assert_cmpint (sqlite3_create_function (rd_store_get_db (f->store), "json_extract", -1,
                                            SQLITE_UTF8, NULL, refuse_body_parse, NULL, NULL),
                   ==, SQLITE_OK);
  due = rd_store_reminders_list_due (f->store, &rules, f->now, NULL, &error);
  g_assert_no_error (error);
  assert_reminder_ids (due, for_dana);
  g_assert_cmpstr (rd_reminder_get_end_date (g_ptr_array_index (due, 0)), ==, "2027-12-31");
  g_assert_cmpstr (rd_reminder_get_customer (g_ptr_array_index (due, 1)), ==,
                   "Customer agmt-mine");

  g_clear_pointer (&due, g_ptr_array_unref);
  rules.owner_name = "";
  due = rd_store_reminders_list_due (f->store, &rules, f->now, NULL, &error);
  g_assert_no_error (error);
  assert_reminder_ids (due, for_everyone);
}

static void
insert_state_row (Fixture    *f,
                  const char *reminder_id,
                  const char *state,
                  const char *until)
{
  sqlite3 *db = rd_store_get_db (f->store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO reminder_state "
                                           "(reminder_id, record_id, state, until, changed_at) "
                                           "VALUES (?, 'x', ?, ?, '2026-07-01T00:00:00Z')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, reminder_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, until, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_corrupt_state_row (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;

  add_agreement (f, "agmt-1", "2026-09-30");
  add_agreement (f, "agmt-2", "2026-09-30");
  add_agreement (f, "agmt-3", "2026-09-30");
  insert_state_row (f, "agmt-1/90/2026-07-02", "exploded", NULL);
  insert_state_row (f, "agmt-2/90/2026-07-02", "snoozed", "next tuesday");
  insert_state_row (f, "agmt-3/90/2026-07-02", "fired", NULL);
  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                         "*damaged reminder state of agmt-1/90/2026-07-02*");
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                         "*damaged reminder state of agmt-2/90/2026-07-02*");
  check_now (scheduler);
  g_test_assert_expected_messages ();
  assert_due_ids (f, "agmt-1/90/2026-07-02", "agmt-2/90/2026-07-02", NULL);

  /* The damaged rows were replaced when the reminders fired. */
  check_now (scheduler);
  g_assert_cmpuint (f->emissions, ==, 1);
}

static RdReminderCheck *
check_due (Fixture                  *f,
           const RdReminderDueRules *rules,
           gboolean                  with_pending)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  RdReminderCheck *check;

  rd_store_reminders_check_due_async (f->store, rules, f->now, NULL, with_pending, NULL,
                                      rd_test_keep_result_cb, &result);
  rd_test_wait_for_result (&result, "a check of the due reminders");
  check = rd_store_reminders_check_due_finish (f->store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (check);
  return check;
}

/* A check's reminders are sorted out on the worker: the main loop gets the ids still to show
 * (fired and not acted on, or pending), those fired, the pending ones themselves only when
 * asked for, and the damaged rows in due order. */
static void
test_store_check_due (Fixture       *f,
                      gconstpointer  data)
{
  static const int offsets[] = { 120, 90, 60 };
  static const char *const pending[] = {
    "agmt-new/90/2026-07-02", "agmt-snoozed-past/90/2026-07-02", "agmt-damaged/90/2026-07-02",
    NULL
  };
  RdReminderDueRules rules = { offsets, G_N_ELEMENTS (offsets), 9, 0, NULL };
  g_autoptr (RdReminderCheck) check = NULL;
  g_autoptr (RdReminderCheck) without = NULL;

  add_agreement (f, "agmt-new", "2026-09-30");               /* 90 days: 2026-07-02 */
  add_agreement (f, "agmt-fired", "2026-09-30");
  add_agreement (f, "agmt-dismissed", "2026-09-30");
  add_agreement (f, "agmt-snoozed", "2026-09-30");
  add_agreement (f, "agmt-snoozed-past", "2026-09-30");
  add_agreement (f, "agmt-damaged", "2026-09-30");
  insert_state_row (f, "agmt-fired/90/2026-07-02", "fired", NULL);
  insert_state_row (f, "agmt-dismissed/90/2026-07-02", "dismissed", NULL);
  insert_state_row (f, "agmt-snoozed/90/2026-07-02", "snoozed", "2026-07-03T07:00:00Z");
  insert_state_row (f, "agmt-snoozed-past/90/2026-07-02", "snoozed", "2026-07-02T07:00:00Z");
  insert_state_row (f, "agmt-damaged/90/2026-07-02", "exploded", NULL);
  set_now (f, "2026-07-02T10:00:00", "Europe/Berlin");

  check = check_due (f, &rules, TRUE);
  g_assert_cmpuint (g_hash_table_size (check->showable), ==, 4);
  for (guint i = 0; pending[i] != NULL; i++)
    g_assert_true (g_hash_table_contains (check->showable, pending[i]));
  g_assert_true (g_hash_table_contains (check->showable, "agmt-fired/90/2026-07-02"));
  g_assert_cmpuint (check->fired->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (check->fired, 0), ==, "agmt-fired/90/2026-07-02");
  g_assert_nonnull (check->pending);
  g_assert_cmpuint (check->pending->len, ==, 3);
  for (guint i = 0; i < check->pending->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (check->pending, i);

      g_assert_true (g_strv_contains (pending, rd_reminder_get_id (reminder)));
    }
  g_assert_cmpuint (check->damaged->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (check->damaged, 0), ==, "agmt-damaged/90/2026-07-02");
  g_assert_nonnull (strstr (g_ptr_array_index (check->damage, 0), "exploded"));

  /* Without a notification service the reminders themselves stay on the worker. */
  without = check_due (f, &rules, FALSE);
  g_assert_null (without->pending);
  g_assert_cmpuint (g_hash_table_size (without->showable), ==, 4);
  g_assert_cmpuint (without->fired->len, ==, 1);
}

static void
test_migrates_v2 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (GError) error = NULL;

  add_agreement (f, "agmt-1", "2026-09-30");
  g_assert_cmpint (rd_store_get_schema_version (f->store), ==, RD_STORE_SCHEMA_VERSION);
  /* Back to what version 2 had: no reminder state, no milestones column (version 4), no
   * status, search index or sort indexes (version 5), no Dashboard indexes (version 6), no
   * owner column (version 9), no value_text (version 10), no index of conflicts
   * (version 11), no renewal_stage and the calendar's indexes without the owner (version
   * 12), no due index (version 13). */
  g_assert_true (rd_store_exec (f->store,
                                "DROP INDEX docs_sort_due;"
                                "DROP INDEX docs_by_expiration;"
                                "CREATE INDEX docs_by_expiration ON docs (expiration_date,"
                                "  customer, product_title, kind, stage, id)"
                                "  WHERE deleted = 0 AND type = 'offer';"
                                "DROP INDEX docs_by_fda_start;"
                                "CREATE INDEX docs_by_fda_start ON docs (start_date, customer,"
                                "  product_title, kind, stage, id)"
                                "  WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda';"
                                "DROP INDEX docs_by_due;"
                                "DROP INDEX docs_by_end;"
                                "ALTER TABLE docs DROP COLUMN renewal_stage;"
                                "DROP INDEX docs_conflicts;"
                                "DROP INDEX docs_by_owner;"
                                "ALTER TABLE docs DROP COLUMN owner;"
                                "DROP INDEX docs_dashboard_agreements;"
                                "DROP INDEX docs_dashboard_offers;"
                                "DROP INDEX docs_dashboard_renewals;"
                                "DROP INDEX docs_dashboard_successors;"
                                "DROP INDEX docs_dashboard_ace;"
                                "ALTER TABLE docs DROP COLUMN value_text;"
                                "ALTER TABLE docs DROP COLUMN currency;"
                                "ALTER TABLE docs DROP COLUMN agreement_id;"
                                "ALTER TABLE docs DROP COLUMN preceding_agreement_id;"
                                "ALTER TABLE docs DROP COLUMN value_adds;"
                                "ALTER TABLE docs DROP COLUMN ace_reviewed_on;"
                                "DROP TRIGGER docs_search_insert;"
                                "DROP TRIGGER docs_search_delete;"
                                "DROP TRIGGER docs_search_update;"
                                "DROP TABLE docs_search;"
                                "DROP INDEX docs_sort_customer;"
                                "DROP INDEX docs_sort_title;"
                                "DROP INDEX docs_sort_product_id;"
                                "DROP INDEX docs_sort_end;"
                                "ALTER TABLE docs DROP COLUMN search_text;"
                                "ALTER TABLE docs DROP COLUMN due_date;"
                                "ALTER TABLE docs DROP COLUMN status;"
                                "DROP TABLE reminder_state;"
                                "ALTER TABLE docs DROP COLUMN milestones;"
                                "CREATE INDEX docs_by_end ON docs (type, end_date, customer,"
                                "  product_title, kind, stage, id) WHERE deleted = 0;"
                                "PRAGMA user_version = 2",
                                &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  f->store = rd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_store_get_schema_version (f->store), ==, RD_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 1);

  set_now (f, "2026-07-02T09:00:00", "Europe/Berlin");
  scheduler = new_scheduler (f, NULL, 0);
  check_now (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);
  until = g_date_time_add_days (f->now, 1);
  g_assert_true (rd_reminder_scheduler_snooze (scheduler, "agmt-1/90/2026-07-02", until,
                                               &error));
  g_assert_no_error (error);
}

/* The catch-up runs on a queue of its own: while a long job (a month, a Due page) holds
 * the interactive queue, the reminders are still delivered, and the catch-up never makes
 * a month wait. */
static void
test_catch_up_beside_interactive_queue (Fixture       *f,
                                        gconstpointer  data)
{
  RdStoreWorker *interactive = rd_store_worker_get_for_store (f->store);
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int started = FALSE;

  add_agreement (f, "agmt-1", "2026-09-30");
  set_now (f, "2026-07-02T09:30:00", "Europe/Berlin");
  rd_store_worker_run_async (interactive, rd_test_endless_job, &started, NULL, g_free,
                             cancellable, rd_test_keep_result_cb, &result);
  rd_test_wait_until (rd_test_flag_is_set, &started, "the long job on the interactive queue");

  scheduler = new_scheduler (f, NULL, 0);
  start_now (scheduler);
  assert_due_ids (f, "agmt-1/90/2026-07-02", NULL);
  /* The long job still runs: the catch-up did not wait for it to end. */
  g_assert_null (result);
  rd_reminder_scheduler_stop (scheduler);

  g_cancellable_cancel (cancellable);
  rd_test_wait_for_result (&result, "the cancelled long job");
  g_assert_null (rd_store_worker_run_finish (interactive, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reminders/due-instant/berlin", test_due_instant_berlin);
  g_test_add_func ("/reminders/due-instant/new-york", test_due_instant_new_york);
  g_test_add_func ("/reminders/parse", test_parse_helpers);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reminders/scheduler/fires-once", test_milestone_fires_once);
  ADD ("/reminders/scheduler/leap-day", test_leap_day);
  ADD ("/reminders/scheduler/dst-spring-forward", test_dst_spring_forward);
  ADD ("/reminders/scheduler/dst-fall-back", test_dst_fall_back);
  ADD ("/reminders/scheduler/end-date-later", test_end_date_moves_later);
  ADD ("/reminders/scheduler/end-date-earlier", test_end_date_moves_earlier);
  ADD ("/reminders/scheduler/clock-jump", test_clock_jump);
  ADD ("/reminders/scheduler/time-zone-change", test_time_zone_change);
  ADD ("/reminders/scheduler/restart", test_restart_no_duplicates);
  ADD ("/reminders/scheduler/catch-up-in-batches", test_catch_up_in_batches);
  ADD ("/reminders/scheduler/change-during-check", test_change_during_check);
  ADD ("/reminders/scheduler/no-notification-service", test_no_notification_service);
  ADD ("/reminders/scheduler/owner", test_owner);
  ADD ("/reminders/scheduler/catch-up-beside-interactive-queue",
       test_catch_up_beside_interactive_queue);
  ADD ("/reminders/scheduler/due-pages", test_due_pages);
  ADD ("/reminders/scheduler/snooze", test_snooze);
  ADD ("/reminders/scheduler/dismiss", test_dismiss);
  ADD ("/reminders/scheduler/mark-done", test_mark_done);
  ADD ("/reminders/scheduler/deleted", test_deleted_record_withdrawn);
  ADD ("/reminders/scheduler/pay-as-you-go", test_pay_as_you_go);
  ADD ("/reminders/scheduler/not-active", test_not_active);
  ADD ("/reminders/scheduler/expiration", test_expiration);
  ADD ("/reminders/scheduler/corrupt-state", test_corrupt_state_row);
  ADD ("/reminders/store/migrates-v2", test_migrates_v2);
  ADD ("/reminders/store/reads-index", test_store_reads_index);
  ADD ("/reminders/store/check-due", test_store_check_due);
#undef ADD

  return g_test_run ();
}
