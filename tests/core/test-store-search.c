/* test-store-search.c
 *
 * The pipeline's free-text search (field values through the trigram index) and which
 * agreements are due (ACTIVE or without a status).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-calendar-model.h"
#include "rd-reminder-scheduler.h"
#include "rd-reminder.h"
#include "rd-store-pipeline.h"
#include "rd-store-private.h"
#include "rd-test-temp.h"

typedef struct
{
  char    *dir;
  RdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = rd_test_temp_store_open ("search", &f->dir, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_temp_store_close (&f->store, &f->dir);
}

static char *
add (Fixture    *f,
     const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = rd_json_object_from_string (json, &error);
  char *id;

  g_assert_no_error (error);
  id = rd_store_insert (f->store, body, &error);
  g_assert_no_error (error);
  return id;
}

static gboolean
collect_id (const RdStorePipelineRow *row,
            gpointer                  user_data)
{
  g_ptr_array_add (user_data, g_strdup (row->id));
  return TRUE;
}

/* The ids the pipeline lists for query, in order, joined by spaces. */
static char *
list_ids (Fixture         *f,
          RdPipelineQuery *query)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) rowids = NULL;

  g_assert_true (rd_store_pipeline_foreach (f->store, query, RD_STORE_PIPELINE_BODY, collect_id,
                                            ids, &error));
  g_assert_no_error (error);
  /* The rowid query the views use agrees with the streamed one. */
  rowids = rd_store_views_query_pipeline (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rowids->len, ==, ids->len);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (" ", (char **) ids->pdata);
}

static char *
search (Fixture    *f,
        const char *text)
{
  RdPipelineQuery query = {
    .search = (char *) text,
    .due_within = RD_PIPELINE_DUE_ANY,
    .sort = RD_PIPELINE_SORT_CUSTOMER,
  };

  return list_ids (f, &query);
}

static void
test_search_field_values (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) patch = NULL;
  g_autofree char *found = NULL;

  g_free (add (f, "{\"_id\":\"a\",\"type\":\"agreement\",\"customer\":\"Joe \\\"JJ\\\" Smith\","
                  "\"product_title\":\"Ledger\",\"notes\":\"x\\\",\\\"y\"}"));
  g_free (add (f, "{\"_id\":\"b\",\"type\":\"agreement\",\"customer\":\"Ärzte Öffentlich\","
                  "\"product_title\":\"Größe\",\"product_id\":\"prod-abc123\"}"));
  g_free (add (f, "{\"_id\":\"c\",\"type\":\"offer\",\"customer\":\"Juniper Ltd\","
                  "\"product_title\":\"Ledger Pro\",\"offer_id\":\"offer-xyz789\"}"));
  g_free (add (f, "{\"_id\":\"t\",\"type\":\"template\",\"customer\":\"Juniper Ltd\"}"));

  /* Quotes are searched as typed, not as the JSON text escapes them. */
  found = search (f, "\"JJ\"");
  g_assert_cmpstr (found, ==, "a");
  g_clear_pointer (&found, g_free);
  /* JSON punctuation matches only field values that contain it: none here (notes are not
   * searched). */
  found = search (f, "\",\"");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  found = search (f, ",");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  /* Case-insensitive beyond ASCII, through the index and for short text. */
  found = search (f, "ärzte");
  g_assert_cmpstr (found, ==, "b");
  g_clear_pointer (&found, g_free);
  found = search (f, "GRÖ");
  g_assert_cmpstr (found, ==, "b");
  g_clear_pointer (&found, g_free);
  found = search (f, "öF");
  g_assert_cmpstr (found, ==, "b");
  g_clear_pointer (&found, g_free);
  found = search (f, "ledger");
  g_assert_cmpstr (found, ==, "a c");
  g_clear_pointer (&found, g_free);
  found = search (f, "XYZ7");
  g_assert_cmpstr (found, ==, "c");
  g_clear_pointer (&found, g_free);
  found = search (f, "ABC123");
  g_assert_cmpstr (found, ==, "b");
  g_clear_pointer (&found, g_free);

  /* The index follows updates and deletions. */
  patch = rd_json_object_from_string ("{\"customer\":\"Walnut GmbH\"}", &error);
  g_assert_no_error (error);
  g_assert_true (rd_store_merge_patch (f->store, "c", patch, &error));
  g_assert_no_error (error);
  found = search (f, "juniper");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  found = search (f, "walnut");
  g_assert_cmpstr (found, ==, "c");
  g_clear_pointer (&found, g_free);
  g_assert_true (rd_store_delete (f->store, "c", &error));
  g_assert_no_error (error);
  found = search (f, "walnut");
  g_assert_cmpstr (found, ==, "");
  g_clear_pointer (&found, g_free);
  g_assert_true (rd_store_exec (f->store, "DELETE FROM docs WHERE id = 'a'", &error));
  g_assert_no_error (error);
  g_assert_true (rd_store_exec (f->store,
                                "INSERT INTO docs_search (docs_search) VALUES ('integrity-check')",
                                &error));
  g_assert_no_error (error);
  found = search (f, "smith");
  g_assert_cmpstr (found, ==, "");
}

static GDateTime *
fixed_now (gpointer user_data)
{
  return g_date_time_new_utc (2026, 6, 1, 12, 0, 0);
}

static void
test_only_active_agreements_are_due (Fixture       *f,
                                     gconstpointer  data)
{
  static const char *const statuses[] = {
    "EXPIRED", "REPLACED", "RENEWED", "CANCELLED", "TERMINATED", "ARCHIVED", "ROLLED_BACK",
    "SUPERSEDED",
  };
  RdPipelineQuery query = {
    .due_within = 120,
    .today = (char *) "2026-06-01",
    .sort = RD_PIPELINE_SORT_END_DATE,
  };
  g_autoptr (RdCalendarModel) calendar = NULL;
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) ends = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *found = NULL;
  const int offsets[] = { 60 };
  guint milestones = 0;

  g_free (add (f, "{\"_id\":\"active\",\"type\":\"agreement\",\"status\":\"ACTIVE\","
                  "\"end_date\":\"2026-07-01\"}"));
  g_free (add (f, "{\"_id\":\"by-hand\",\"type\":\"agreement\",\"end_date\":\"2026-07-02\"}"));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"_id\":\"%s\",\"type\":\"agreement\",\"status\":\"%s\","
                         "\"end_date\":\"2026-07-01\"}", statuses[i], statuses[i]);

      g_free (add (f, json));
    }

  /* Due lists. */
  found = list_ids (f, &query);
  g_assert_cmpstr (found, ==, "active by-hand");

  /* Milestones on the calendar: 60 days before 07-01 and 07-02. */
  calendar = rd_calendar_model_new (f->store);
  rd_calendar_model_set_offsets (calendar, offsets, G_N_ELEMENTS (offsets));
  rd_calendar_model_set_range (calendar, "2026-05-01", "2026-07-31");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (calendar)); i++)
    {
      g_autoptr (RdCalendarEvent) event = g_list_model_get_item (G_LIST_MODEL (calendar), i);
      const char *id = rd_calendar_event_get_record_id (event);

      if (rd_calendar_event_get_kind (event) != RD_CALENDAR_EVENT_MILESTONE)
        continue;
      g_assert_true (g_str_equal (id, "active") || g_str_equal (id, "by-hand"));
      milestones++;
    }
  g_assert_cmpuint (milestones, ==, 2);
  /* The end dates themselves are still shown, whatever the status. */
  ends = rd_store_query_end_dates (f->store, "2026-07-01", "2026-07-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ends->len, ==, 2 + G_N_ELEMENTS (statuses));

  /* Reminders. */
  scheduler = rd_reminder_scheduler_new (f->store);
  rd_reminder_scheduler_set_clock (scheduler, fixed_now, NULL, NULL);
  rd_reminder_scheduler_set_offsets (scheduler, offsets, G_N_ELEMENTS (offsets));
  due = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 2);
  for (guint i = 0; i < due->len; i++)
    {
      const char *id = rd_reminder_get_record_id (g_ptr_array_index (due, i));

      g_assert_true (g_str_equal (id, "active") || g_str_equal (id, "by-hand"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/store/search/field-values", test_search_field_values);
  ADD ("/store/due/only-active", test_only_active_agreements_are_due);
#undef ADD

  return g_test_run ();
}
