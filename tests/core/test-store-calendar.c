/* test-store-calendar.c
 *
 * The calendar's page and day queries: done milestones as the pipeline and the reminders
 * see them (an accepted renewal settles every one), and "Mine" on the day's dates too; and
 * per day the counts and the first dates against every record read and sorted one by one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-calendar-model.h"
#include "rd-calendar-pages.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-json.h"
#include "rd-renewal.h"
#include "rd-store-calendar.h"
#include "rd-test-temp.h"
#include "rd-test-wait.h"

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

  /* Cut to the first date of the day, the other one still counted; then both again, the
   * first kept as it was. */
  rd_calendar_model_set_max_per_day (model, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (rd_calendar_model_get_n_dates (model), ==, 2);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_calendar_event_get_customer (first), ==, "Alder Logistics");
  rd_calendar_model_set_max_per_day (model, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (rd_calendar_model_get_n_dates (model), ==, 2);

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

/* A date the calendar shows, worked out from a record's body alone. */
typedef struct
{
  char                date[11];
  RdCalendarEventKind kind;
  const char         *customer;
  const char         *id;
  int                 offset;
  gboolean            done;
} Expected;

static int
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  const Expected *ea = a, *eb = b;
  int cmp = strcmp (ea->date, eb->date);

  if (cmp == 0)
    cmp = (int) ea->kind - (int) eb->kind;
  if (cmp == 0)
    cmp = g_strcmp0 (ea->customer, eb->customer);
  if (cmp == 0)
    cmp = strcmp (ea->id, eb->id);
  return cmp;
}

static void
expect (GArray              *expected,
        RdRecord            *record,
        RdCalendarEventKind  kind,
        const char          *date,
        int                  offset,
        gboolean             done)
{
  Expected e = { "", kind, rd_record_get_customer (record), rd_record_get_id (record),
                 offset, done };
  GDate day;

  if (!rd_date_parse (date, &day))
    return;
  g_date_subtract_days (&day, offset);
  g_date_strftime (e.date, sizeof e.date, "%Y-%m-%d", &day);
  g_array_append_val (expected, e);
}

/* Whether the body marks the milestone offset days before the end done. */
static gboolean
milestone_marked (JsonObject *body,
                  int         offset)
{
  g_autofree char *key = g_strdup_printf ("%d", offset);
  JsonNode *milestones = json_object_get_member (body, "milestones");
  JsonNode *mark;

  if (milestones == NULL || !JSON_NODE_HOLDS_OBJECT (milestones))
    return FALSE;
  mark = json_object_get_member (json_node_get_object (milestones), key);
  if (mark == NULL || !JSON_NODE_HOLDS_VALUE (mark))
    return FALSE;
  if (json_node_get_value_type (mark) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (mark);
  return json_node_get_value_type (mark) == G_TYPE_STRING
         && g_strcmp0 (json_node_get_string (mark), "done") == 0;
}

/* Every date of every live record of owner (NULL: everyone's), in the calendar's order. */
static GArray *
brute_force_dates (GPtrArray  *agreements,
                   GPtrArray  *offers,
                   const char *owner)
{
  GArray *expected = g_array_new (FALSE, TRUE, sizeof (Expected));

  for (guint i = 0; i < agreements->len; i++)
    {
      RdRecord *record = g_ptr_array_index (agreements, i);
      JsonObject *body = rd_record_get_body (record);
      const char *end = rd_record_get_end_date (record);
      const char *status = rd_record_get_string (record, "status");
      gboolean accepted = g_strcmp0 (rd_record_get_string (record, "renewal_stage"),
                                     "accepted") == 0;

      if (owner != NULL && g_strcmp0 (rd_record_get_string (record, "owner"), owner) != 0)
        continue;
      expect (expected, record, RD_CALENDAR_EVENT_END_DATE, end, 0, FALSE);
      if (status != NULL && g_ascii_strcasecmp (status, "ACTIVE") != 0)
        continue;
      for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
        expect (expected, record, RD_CALENDAR_EVENT_MILESTONE, end, offsets[o],
                accepted || milestone_marked (body, offsets[o]));
    }
  for (guint i = 0; i < offers->len; i++)
    {
      RdRecord *record = g_ptr_array_index (offers, i);

      if (owner != NULL && g_strcmp0 (rd_record_get_string (record, "owner"), owner) != 0)
        continue;
      expect (expected, record, RD_CALENDAR_EVENT_OFFER_EXPIRATION,
              rd_record_get_string (record, "offer_expiration_date"), 0, FALSE);
      if (g_strcmp0 (rd_record_get_string (record, "renewal_mechanism"), "fda") == 0)
        expect (expected, record, RD_CALENDAR_EVENT_FDA_START,
                rd_record_get_string (record, "agreement_start_date"), 0, FALSE);
    }
  g_array_sort (expected, compare_expected);
  return expected;
}

/* The page of [from, to] with max_per_day for owner: per day the counts of the brute force's
 * dates, and its first ones, in order; returns the number of days with more than shown. */
static guint
assert_page_matches (RdStore    *store,
                     GArray     *expected,
                     const char *from,
                     const char *to,
                     guint       max_per_day,
                     const char *owner)
{
  g_autoptr (RdCalendarPage) page = NULL;
  g_autoptr (GError) error = NULL;
  guint position = 0, cut = 0;
  GDate first;

  page = rd_store_calendar_query_page (store, from, to, offsets, G_N_ELEMENTS (offsets),
                                       max_per_day, owner, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_true (rd_date_parse (from, &first));
  while (position < expected->len
         && strcmp (g_array_index (expected, Expected, position).date, from) < 0)
    position++;

  for (guint i = 0; i < page->n_days; i++)
    {
      const RdCalendarDay *day = &page->days[i];
      guint n = 0, n_milestones = 0, n_done = 0;
      char date[11];
      GDate d = first;

      g_date_add_days (&d, i);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &d);
      for (; position < expected->len; position++, n++)
        {
          const Expected *e = &g_array_index (expected, Expected, position);

          if (strcmp (e->date, date) != 0)
            break;
          if (e->kind == RD_CALENDAR_EVENT_MILESTONE)
            {
              n_milestones++;
              n_done += e->done;
            }
          if (n < day->events->len)
            {
              RdCalendarEvent *shown = g_ptr_array_index (day->events, n);

              g_assert_cmpstr (rd_calendar_event_get_record_id (shown), ==, e->id);
              g_assert_cmpint (rd_calendar_event_get_kind (shown), ==, e->kind);
              g_assert_cmpstr (rd_calendar_event_get_date (shown), ==, date);
              g_assert_cmpstr (rd_calendar_event_get_customer (shown), ==, e->customer);
              g_assert_cmpint (rd_calendar_event_get_offset_days (shown), ==, e->offset);
              g_assert_cmpint (rd_calendar_event_get_done (shown), ==, e->done);
            }
        }
      g_assert_cmpuint (day->n_events, ==, n);
      g_assert_cmpuint (day->events->len, ==, MIN (n, max_per_day));
      g_assert_cmpuint (day->n_milestones, ==, n_milestones);
      g_assert_cmpuint (day->n_done, ==, n_done);
      cut += n > max_per_day;
    }
  return cut;
}

/* Demo records, shared out between two owners, some of them changed the ways that change
 * what the calendar shows: milestones marked done (true or "done"), a renewal accepted, an
 * agreement no longer active, a record deleted. Per day, the page counts every date of the
 * records read one by one and shows the first of them, for everyone and for "Mine". */
static void
test_page_brute_force (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GPtrArray) agreements = NULL;
  g_autoptr (GPtrArray) offers = NULL;
  g_autoptr (GError) error = NULL;
  const char *owners[] = { NULL, "ana", "zoe" };
  guint n_done = 0;

  g_assert_true (rd_demo_populate (f->store, 300, 7, "2026-06-15", &error));
  g_assert_no_error (error);
  agreements = rd_store_list (f->store, "agreement", &error);
  g_assert_no_error (error);
  offers = rd_store_list (f->store, "offer", &error);
  g_assert_no_error (error);

  g_assert_true (rd_store_begin (f->store, &error));
  for (guint i = 0; i < agreements->len + offers->len; i++)
    {
      RdRecord *record = i < agreements->len ? g_ptr_array_index (agreements, i)
                                              : g_ptr_array_index (offers,
                                                                   i - agreements->len);
      g_autoptr (JsonObject) patch = json_object_new ();

      if (i % 3 != 2)
        json_object_set_string_member (patch, "owner", i % 3 == 0 ? "ana" : "ben");
      if (i < agreements->len && i % 7 == 1)
        json_object_set_object_member (patch, "milestones",
                                       parse_object ("{\"90\":true,\"60\":\"done\","
                                                     "\"120\":false}"));
      if (i < agreements->len && i % 11 == 4)
        json_object_set_string_member (patch, "renewal_stage", "accepted");
      if (i < agreements->len && i % 13 == 6)
        json_object_set_string_member (patch, "status", "EXPIRED");
      g_assert_true (rd_store_merge_patch (f->store, rd_record_get_id (record), patch, &error));
      g_assert_no_error (error);
      if (i % 17 == 9)
        g_assert_true (rd_store_delete (f->store, rd_record_get_id (record), &error));
      g_assert_no_error (error);
    }
  g_assert_true (rd_store_commit (f->store, &error));
  g_clear_pointer (&agreements, g_ptr_array_unref);
  g_clear_pointer (&offers, g_ptr_array_unref);
  agreements = rd_store_list (f->store, "agreement", &error);
  g_assert_no_error (error);
  offers = rd_store_list (f->store, "offer", &error);
  g_assert_no_error (error);

  for (guint o = 0; o < G_N_ELEMENTS (owners); o++)
    {
      g_autoptr (GArray) expected = brute_force_dates (agreements, offers, owners[o]);
      guint cut;

      for (guint i = 0; i < expected->len; i++)
        n_done += g_array_index (expected, Expected, i).done;
      /* Six weeks as the month shows them, with the cells' cut; a year with none. */
      cut = assert_page_matches (f->store, expected, "2026-08-31", "2026-10-11", 3, owners[o]);
      if (owners[o] == NULL)
        g_assert_cmpuint (cut, >, 0);
      assert_page_matches (f->store, expected, "2026-08-31", "2026-10-11", 1, owners[o]);
      assert_page_matches (f->store, expected, "2026-06-01", "2027-05-31", G_MAXUINT,
                           owners[o]);
      if (g_strcmp0 (owners[o], "zoe") == 0)
        g_assert_cmpuint (expected->len, ==, 0);
    }
  g_assert_cmpuint (n_done, >, 0);
}

static void
on_page_read_cb (RdCalendarPages *pages,
                 const char      *from,
                 guint           *n_read)
{
  (*n_read)++;
}

typedef struct
{
  guint *n_read;
  guint  n_wanted;
} ReadsWait;

static gboolean
reads_reached (gpointer user_data)
{
  ReadsWait *wait = user_data;

  return *wait->n_read >= wait->n_wanted;
}

static void
wait_for_reads (guint *n_read,
                guint  n_wanted)
{
  ReadsWait wait = { n_read, n_wanted };

  rd_test_wait_until (reads_reached, &wait, "the pages to be read");
  g_assert_cmpuint (*n_read, ==, n_wanted);
}

static guint
day_count (RdCalendarPage *page,
           const char     *date)
{
  GDate first, day;

  g_assert_true (rd_date_parse (page->from, &first));
  g_assert_true (rd_date_parse (date, &day));
  return page->days[rd_date_days_between (&first, &day)].n_events;
}

/* Pages are read on the worker and kept until something changes what they hold: a store
 * change (forget), another owner (set_filter), or a range let go (keep_only); a read under
 * way when they are forgotten is never kept nor announced. */
static void
test_pages_kept (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (RdCalendarPages) pages = rd_calendar_pages_new (f->store, 3);
  g_autoptr (RdCalendarPage) page = NULL;
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;
  const char *keep[] = { "2026-11-30", NULL };
  guint n_read = 0;

  g_signal_connect (pages, "page-read", G_CALLBACK (on_page_read_cb), &n_read);
  rd_calendar_pages_set_filter (pages, offsets, G_N_ELEMENTS (offsets), NULL);
  g_assert_null (rd_calendar_pages_lookup (pages, "2026-11-30", "2027-01-10"));
  rd_calendar_pages_read (pages, "2026-11-30", "2027-01-10");
  rd_calendar_pages_read (pages, "2026-11-30", "2027-01-10");
  g_assert_true (rd_calendar_pages_is_reading (pages, "2026-11-30"));
  wait_for_reads (&n_read, 1);
  g_assert_cmpuint (n_read, ==, 1);
  g_assert_false (rd_calendar_pages_is_reading (pages, "2026-11-30"));
  page = rd_calendar_pages_lookup (pages, "2026-11-30", "2027-01-10");
  g_assert_nonnull (page);
  /* Both agreements' 30-day milestones, and their end dates. */
  g_assert_cmpuint (day_count (page, "2026-12-01"), ==, 2);
  g_assert_cmpuint (day_count (page, "2026-12-31"), ==, 2);
  g_clear_pointer (&page, rd_calendar_page_free);

  /* "Mine" for Ben holds his agreement alone. */
  rd_calendar_pages_set_filter (pages, offsets, G_N_ELEMENTS (offsets), "ben");
  g_assert_null (rd_calendar_pages_lookup (pages, "2026-11-30", "2027-01-10"));
  rd_calendar_pages_read (pages, "2026-11-30", "2027-01-10");
  wait_for_reads (&n_read, 2);
  page = rd_calendar_pages_lookup (pages, "2026-11-30", "2027-01-10");
  g_assert_cmpuint (day_count (page, "2026-12-01"), ==, 1);
  g_assert_cmpuint (day_count (page, "2026-12-31"), ==, 1);
  g_clear_pointer (&page, rd_calendar_page_free);

  /* A store change while a page is read: forgotten, that read is neither kept nor told;
   * read again, Ana's agreement, now Ben's, is in. */
  rd_calendar_pages_read (pages, "2026-08-31", "2026-10-11");
  json_object_set_string_member (patch, "owner", "ben");
  g_assert_true (rd_store_begin (f->store, &error));
  g_assert_true (rd_store_merge_patch (f->store, f->agreement_id, patch, &error));
  g_assert_true (rd_store_commit (f->store, &error));
  g_assert_no_error (error);
  rd_calendar_pages_forget (pages);
  g_assert_null (rd_calendar_pages_lookup (pages, "2026-11-30", "2027-01-10"));
  g_assert_false (rd_calendar_pages_is_reading (pages, "2026-08-31"));
  rd_calendar_pages_read (pages, "2026-11-30", "2027-01-10");
  wait_for_reads (&n_read, 3);
  g_assert_null (rd_calendar_pages_lookup (pages, "2026-08-31", "2026-10-11"));
  page = rd_calendar_pages_lookup (pages, "2026-11-30", "2027-01-10");
  g_assert_cmpuint (day_count (page, "2026-12-01"), ==, 2);
  g_assert_cmpuint (day_count (page, "2026-12-31"), ==, 2);
  g_clear_pointer (&page, rd_calendar_page_free);

  /* Only the ranges asked for are kept. */
  rd_calendar_pages_read (pages, "2026-08-31", "2026-10-11");
  wait_for_reads (&n_read, 4);
  rd_calendar_pages_keep_only (pages, keep);
  g_assert_null (rd_calendar_pages_lookup (pages, "2026-08-31", "2026-10-11"));
  page = rd_calendar_pages_lookup (pages, "2026-11-30", "2027-01-10");
  g_assert_nonnull (page);
  g_assert_cmpuint (n_read, ==, 4);
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
  g_test_add ("/store-calendar/pages-kept", Fixture, NULL,
              fixture_setup, test_pages_kept, fixture_teardown);
  g_test_add ("/store-calendar/page-brute-force", Fixture, NULL,
              fixture_setup, test_page_brute_force, fixture_teardown);

  return g_test_run ();
}
