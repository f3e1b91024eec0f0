/* test-store-views.c
 *
 * The queries sized to what a view shows agree with the full queries they stand in for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-calendar-model.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-pipeline-model.h"
#include "rd-store-calendar.h"
#include "rd-store-pipeline.h"
#include "rd-store-views.h"
#include "rd-test-temp.h"

#define MAX_PER_DAY 3

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->store = rd_test_temp_store_open ("store-views", &f->dir, &f->path);
  g_assert_true (rd_demo_populate (f->store, 400, 7, "2026-06-15", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_temp_store_close (&f->store, &f->dir);
  g_free (f->path);
}

/* Per day: the page's count is the number of the full model's events of that day, its
 * milestone counts match, and its events are the first of them, in the same order. */
static void
test_calendar_page (Fixture       *f,
                    gconstpointer  data)
{
  static const int offsets[] = { 120, 90, 60 };
  g_autoptr (RdCalendarModel) model = rd_calendar_model_new (f->store);
  g_autoptr (RdCalendarPage) page = NULL;
  g_autoptr (GError) error = NULL;
  guint n_items, position = 0, total = 0, with_overflow = 0;
  GDate first;

  rd_calendar_model_set_offsets (model, offsets, G_N_ELEMENTS (offsets));
  rd_calendar_model_set_range (model, "2026-08-31", "2026-10-11");
  page = rd_store_calendar_query_page (f->store, "2026-08-31", "2026-10-11", offsets,
                                       G_N_ELEMENTS (offsets), MAX_PER_DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->n_days, ==, 42);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_true (rd_date_parse ("2026-08-31", &first));
  for (guint i = 0; i < page->n_days; i++)
    {
      const RdCalendarDay *day = &page->days[i];
      g_autofree char *date = NULL;
      GDate d = first;
      guint n_day = 0, n_milestones = 0, n_done = 0;

      g_date_add_days (&d, i);
      date = rd_date_format (&d);
      for (; position < n_items; position++)
        {
          g_autoptr (RdCalendarEvent) event = g_list_model_get_item (G_LIST_MODEL (model),
                                                                     position);

          if (g_strcmp0 (rd_calendar_event_get_date (event), date) != 0)
            break;
          if (n_day < day->events->len)
            {
              RdCalendarEvent *shown = g_ptr_array_index (day->events, n_day);

              g_assert_cmpstr (rd_calendar_event_get_record_id (shown), ==,
                               rd_calendar_event_get_record_id (event));
              g_assert_cmpint (rd_calendar_event_get_kind (shown), ==,
                               rd_calendar_event_get_kind (event));
              g_assert_cmpint (rd_calendar_event_get_done (shown), ==,
                               rd_calendar_event_get_done (event));
            }
          if (rd_calendar_event_get_kind (event) == RD_CALENDAR_EVENT_MILESTONE)
            {
              n_milestones++;
              n_done += rd_calendar_event_get_done (event);
            }
          n_day++;
        }
      g_assert_cmpuint (day->n_events, ==, n_day);
      g_assert_cmpuint (day->events->len, ==, MIN (n_day, MAX_PER_DAY));
      g_assert_cmpuint (day->n_milestones, ==, n_milestones);
      g_assert_cmpuint (day->n_done, ==, n_done);
      total += n_day;
      with_overflow += n_day > MAX_PER_DAY;
    }
  g_assert_cmpuint (position, ==, n_items);
  g_assert_cmpuint (total, ==, n_items);
  /* The demo data is dense enough to test the cut. */
  g_assert_cmpuint (with_overflow, >, 0);

  g_assert_null (rd_store_calendar_query_page (f->store, "2026-10-11", "2026-08-31",
                                               offsets, G_N_ELEMENTS (offsets),
                                               MAX_PER_DAY, NULL, &error));
  g_assert_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID);
}

/* The pipeline's query gives the synchronous model's rows. */
static void
test_pipeline_query (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new (f->store);
  g_autoptr (GArray) rowids = NULL;
  g_autoptr (GError) error = NULL;
  RdPipelineQuery query = { 0 };

  query.due_within = RD_PIPELINE_DUE_ANY;
  query.sort = RD_PIPELINE_SORT_CUSTOMER;
  query.search = (char *) "a";
  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_CUSTOMER, FALSE);
  rd_pipeline_model_set_search (model, "a");

  rowids = rd_store_views_query_pipeline (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, >, 0);
  g_assert_cmpuint (rowids->len, ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
}

/* Rows read by rowid are the query's records, in order; a rowid that is gone keeps its place
 * with an empty record; ids map back to their rowids. */
static void
test_pipeline_read_by_rowid (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GArray) rowids = NULL;
  g_autoptr (GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GArray) back = NULL;
  g_autoptr (GError) error = NULL;
  RdPipelineQuery query = { 0 };
  gint64 gone = -1;

  query.due_within = RD_PIPELINE_DUE_ANY;
  query.sort = RD_PIPELINE_SORT_CUSTOMER;
  rowids = rd_store_views_query_pipeline (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, >, 3);

  g_array_append_vals (wanted, rowids->data, 3);
  g_array_append_val (wanted, gone);
  records = rd_store_pipeline_read_records (f->store, (const gint64 *) (void *) wanted->data,
                                            wanted->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 4);
  for (guint i = 0; i + 1 < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);

      g_assert_nonnull (rd_record_get_id (record));
      g_assert_true (rd_record_is_agreement (record) || rd_record_is_offer (record));
      if (i > 0)
        g_assert_cmpint (g_ascii_strcasecmp (rd_record_get_customer (g_ptr_array_index (records,
                                                                                        i - 1)),
                                             rd_record_get_customer (record)), <=, 0);
      g_ptr_array_add (ids, (gpointer) rd_record_get_id (record));
    }
  g_assert_null (rd_record_get_id (g_ptr_array_index (records, 3)));
  g_assert_cmpuint (json_object_get_size (rd_record_get_body (g_ptr_array_index (records, 3))),
                    ==, 0);

  g_ptr_array_add (ids, (gpointer) "no-such-record");
  g_ptr_array_add (ids, NULL);
  back = rd_store_pipeline_rowids_of_ids (f->store, (const char * const *) ids->pdata, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (g_array_index (back, gint64, i), ==, g_array_index (rowids, gint64, i));
}

/* Gives every third agreement or offer of the pipeline to "ana", every third to "ben" and
 * leaves the rest unowned; returns how many are ana's. */
static guint
share_out_owners (RdStore *store)
{
  g_autoptr (GArray) rowids = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  RdPipelineQuery query = { 0 };
  guint n_ana = 0;

  query.due_within = RD_PIPELINE_DUE_ANY;
  rowids = rd_store_views_query_pipeline (store, &query, &error);
  g_assert_no_error (error);
  records = rd_store_pipeline_read_records (store, (const gint64 *) (void *) rowids->data,
                                            rowids->len, &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_begin (store, &error));
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      g_autoptr (JsonObject) patch = json_object_new ();

      if (i % 3 == 2)
        continue;
      json_object_set_string_member (patch, "owner", i % 3 == 0 ? "ana" : "ben");
      g_assert_true (rd_store_merge_patch (store, rd_record_get_id (record), patch, &error));
      g_assert_no_error (error);
      n_ana += i % 3 == 0;
    }
  g_assert_true (rd_store_commit (store, &error));
  return n_ana;
}

/* "Mine" keeps the owner's records alone, in the pipeline and in the calendar's counts;
 * unowned records are nobody's. */
static void
test_mine (Fixture       *f,
           gconstpointer  data)
{
  static const int offsets[] = { 120, 90, 60 };
  g_autoptr (RdCalendarPage) all = NULL;
  g_autoptr (RdCalendarPage) ana = NULL;
  g_autoptr (RdCalendarPage) nobody = NULL;
  g_autoptr (GArray) rowids = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  RdPipelineQuery query = { 0 };
  guint n_ana = share_out_owners (f->store);
  guint n_all = 0, n_mine = 0;

  query.due_within = RD_PIPELINE_DUE_ANY;
  query.sort = RD_PIPELINE_SORT_CUSTOMER;
  query.owner = (char *) "ana";
  rowids = rd_store_views_query_pipeline (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, n_ana);
  records = rd_store_pipeline_read_records (f->store, (const gint64 *) (void *) rowids->data,
                                            rowids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpstr (rd_record_get_string (g_ptr_array_index (records, i), "owner"), ==, "ana");

  all = rd_store_calendar_query_page (f->store, "2026-08-31", "2026-10-11", offsets,
                                      G_N_ELEMENTS (offsets), MAX_PER_DAY, NULL, &error);
  g_assert_no_error (error);
  ana = rd_store_calendar_query_page (f->store, "2026-08-31", "2026-10-11", offsets,
                                      G_N_ELEMENTS (offsets), MAX_PER_DAY, "ana", &error);
  g_assert_no_error (error);
  nobody = rd_store_calendar_query_page (f->store, "2026-08-31", "2026-10-11", offsets,
                                         G_N_ELEMENTS (offsets), MAX_PER_DAY, "zoe",
                                         &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->n_days; i++)
    {
      g_assert_cmpuint (ana->days[i].n_events, <=, all->days[i].n_events);
      g_assert_cmpuint (nobody->days[i].n_events, ==, 0);
      for (guint j = 0; j < ana->days[i].events->len; j++)
        {
          RdCalendarEvent *event = g_ptr_array_index (ana->days[i].events, j);
          g_autoptr (RdRecord) record = rd_store_get (f->store,
                                                      rd_calendar_event_get_record_id (event),
                                                      &error);

          g_assert_no_error (error);
          g_assert_cmpstr (rd_record_get_string (record, "owner"), ==, "ana");
        }
      n_all += all->days[i].n_events;
      n_mine += ana->days[i].n_events;
    }
  g_assert_cmpuint (n_mine, >, 0);
  g_assert_cmpuint (n_mine, <, n_all);
}

static void
test_has_renewals (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *empty_path = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr (RdStore) empty = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_store_views_has_renewals (f->store));

  empty = rd_store_open (empty_path, &error);
  g_assert_no_error (error);
  g_assert_false (rd_store_views_has_renewals (empty));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-views/calendar-page", Fixture, NULL,
              fixture_setup, test_calendar_page, fixture_teardown);
  g_test_add ("/store-views/pipeline-query", Fixture, NULL,
              fixture_setup, test_pipeline_query, fixture_teardown);

  g_test_add ("/store-views/pipeline-read-by-rowid", Fixture, NULL,
              fixture_setup, test_pipeline_read_by_rowid, fixture_teardown);
  g_test_add ("/store-views/mine", Fixture, NULL,
              fixture_setup, test_mine, fixture_teardown);
  g_test_add ("/store-views/has-renewals", Fixture, NULL,
              fixture_setup, test_has_renewals, fixture_teardown);

  return g_test_run ();
}
