/* test-store-calendar.c
 *
 * The calendar's page and day queries: done milestones as the pipeline and the reminders
 * see them (an accepted renewal settles every one), and "Mine" on the day's dates too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-calendar-model.h"
#include "rd-date.h"
#include "rd-json.h"
#include "rd-renewal.h"
#include "rd-store-calendar.h"
#include "rd-test-temp.h"

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
  char    *agreement_id;
} Fixture;

/* 120, 90 and 60 as by default, and 30, an offset added after the renewal was accepted. */
static const int offsets[] = { 120, 90, 60, 30 };

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonObject *object = rd_json_object_from_string (json, &error);

  g_assert_no_error (error);
  return object;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (JsonObject) agreement = parse_object (
    "{\"type\":\"agreement\",\"agreement_id\":\"agmt-1234567890abcdefghijklmno\","
    "\"customer\":\"Umber Games\",\"product_title\":\"Analytics\",\"kind\":\"PO\","
    "\"status\":\"ACTIVE\",\"end_date\":\"2026-12-31\",\"owner\":\"ana\","
    "\"milestones\":{\"90\":\"done\"}}");
  g_autoptr (JsonObject) other = parse_object (
    "{\"type\":\"agreement\",\"customer\":\"Alder Logistics\",\"product_title\":\"Storage\","
    "\"kind\":\"CPPO\",\"status\":\"ACTIVE\",\"end_date\":\"2026-12-31\",\"owner\":\"ben\"}");
  g_autoptr (GError) error = NULL;
  g_autofree char *other_id = NULL;

  f->store = rd_test_temp_store_open ("store-calendar", &f->dir, &f->path);
  f->agreement_id = rd_store_insert (f->store, agreement, &error);
  g_assert_no_error (error);
  other_id = rd_store_insert (f->store, other, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_temp_store_close (&f->store, &f->dir);
  g_free (f->path);
  g_free (f->agreement_id);
}

/* The renewal of the fixture's agreement reaches stage, stored as the editor stores it. */
static void
renewal_reaches (Fixture    *f,
                 const char *stage)
{
  g_autoptr (JsonObject) offer = json_object_new ();
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (offer, "type", "offer");
  json_object_set_string_member (offer, "renews", f->agreement_id);
  json_object_set_string_member (offer, "stage", stage);
  g_assert_true (rd_store_begin (f->store, &error));
  g_assert_true (rd_renewal_update_agreement (f->store, offer, &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_commit (f->store, &error));
  g_assert_no_error (error);
}

/* The page's milestone on date (the fixture's agreement): whether it is done, and the day's
 * milestone and done counts. */
static void
assert_milestone (RdCalendarPage *page,
                  const char     *id,
                  const char     *date,
                  int             offset,
                  gboolean        done,
                  guint           n_milestones,
                  guint           n_done)
{
  GDate first, day;
  RdCalendarDay *d;
  gboolean found = FALSE;

  g_assert_true (rd_date_parse (page->from, &first));
  g_assert_true (rd_date_parse (date, &day));
  d = &page->days[rd_date_days_between (&first, &day)];
  g_assert_cmpuint (d->n_milestones, ==, n_milestones);
  g_assert_cmpuint (d->n_done, ==, n_done);
  for (guint i = 0; i < d->events->len; i++)
    {
      RdCalendarEvent *event = g_ptr_array_index (d->events, i);

      if (g_strcmp0 (rd_calendar_event_get_record_id (event), id) != 0)
        continue;
      g_assert_cmpint (rd_calendar_event_get_kind (event), ==, RD_CALENDAR_EVENT_MILESTONE);
      g_assert_cmpstr (rd_calendar_event_get_date (event), ==, date);
      g_assert_cmpint (rd_calendar_event_get_offset_days (event), ==, offset);
      g_assert_cmpint (rd_calendar_event_get_done (event), ==, done);
      found = TRUE;
    }
  g_assert_true (found);
}

static RdCalendarPage *
read_page (Fixture    *f,
           const char *owner)
{
  g_autoptr (GError) error = NULL;
  RdCalendarPage *page;

  page = rd_store_calendar_query_page (f->store, "2026-08-31", "2026-12-31", offsets,
                                       G_N_ELEMENTS (offsets), 3, owner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

/* Only the marked milestone is done until the renewal is accepted; a published one settles
 * nothing; once accepted, every milestone is done, the 30-day one never marked too. */
static void
test_accepted_renewal_settles (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (RdCalendarPage) before = read_page (f, NULL);
  g_autoptr (RdCalendarPage) published = NULL;
  g_autoptr (RdCalendarPage) accepted = NULL;
  const char *id = f->agreement_id;

  assert_milestone (before, id, "2026-09-02", 120, FALSE, 2, 0);
  assert_milestone (before, id, "2026-10-02", 90, TRUE, 2, 1);
  assert_milestone (before, id, "2026-11-01", 60, FALSE, 2, 0);
  assert_milestone (before, id, "2026-12-01", 30, FALSE, 2, 0);

  renewal_reaches (f, "published");
  published = read_page (f, NULL);
  assert_milestone (published, id, "2026-12-01", 30, FALSE, 2, 0);

  renewal_reaches (f, "accepted");
  accepted = read_page (f, NULL);
  assert_milestone (accepted, id, "2026-09-02", 120, TRUE, 2, 1);
  assert_milestone (accepted, id, "2026-10-02", 90, TRUE, 2, 1);
  assert_milestone (accepted, id, "2026-11-01", 60, TRUE, 2, 1);
  assert_milestone (accepted, id, "2026-12-01", 30, TRUE, 2, 1);
}

/* The day's agenda (the model with no cut) agrees, and filters by owner like the page. */
static void
test_day_model (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (RdCalendarModel) model = rd_calendar_model_new (f->store);
  g_autoptr (RdCalendarEvent) first = NULL;
  g_autoptr (RdCalendarEvent) second = NULL;
  g_autoptr (RdCalendarPage) mine = NULL;
  g_autoptr (RdCalendarPage) nobody = NULL;

  rd_calendar_model_set_offsets (model, offsets, G_N_ELEMENTS (offsets));
  rd_calendar_model_set_range (model, "2026-12-01", "2026-12-01");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  /* In the calendar's order: Alder before Umber. */
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpstr (rd_calendar_event_get_customer (first), ==, "Alder Logistics");
  g_assert_cmpstr (rd_calendar_event_get_customer (second), ==, "Umber Games");
  g_assert_false (rd_calendar_event_get_done (second));

  renewal_reaches (f, "accepted");
  g_clear_object (&second);
  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_true (rd_calendar_event_get_done (second));

  rd_calendar_model_set_owner (model, "ana");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_calendar_event_get_record_id (first), ==, f->agreement_id);
  rd_calendar_model_set_owner (model, "zoe");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  rd_calendar_model_set_owner (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  mine = read_page (f, "ana");
  assert_milestone (mine, f->agreement_id, "2026-12-01", 30, TRUE, 1, 1);
  nobody = read_page (f, "zoe");
  for (guint i = 0; i < nobody->n_days; i++)
    g_assert_cmpuint (nobody->days[i].n_events, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-calendar/accepted-renewal-settles", Fixture, NULL,
              fixture_setup, test_accepted_renewal_settles, fixture_teardown);
  g_test_add ("/store-calendar/day-model", Fixture, NULL,
              fixture_setup, test_day_model, fixture_teardown);

  return g_test_run ();
}
