/* test-models.c
 *
 * The pipeline and calendar list models, and the demo data set they are first seen with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-calendar-model.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-pipeline-model.h"
#include "rd-renewal.h"
#include "rd-rules.h"
#include "rd-store-private.h"
#include "rd-test-temp.h"

typedef struct
{
  char    *dir;
  RdStore *store;
} Fixture;

static JsonObject *
parse_object (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonObject *object = rd_json_object_from_string (json, &error);

  g_assert_no_error (error);
  return object;
}

static char *
add (RdStore    *store,
     const char *json)
{
  g_autoptr (JsonObject) body = parse_object (json);
  g_autoptr (GError) error = NULL;
  char *id = rd_store_insert (store, body, &error);

  g_assert_no_error (error);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = rd_test_temp_store_open ("models", &f->dir, NULL);

  g_free (add (f->store, "{\"type\":\"agreement\",\"customer\":\"Brightwater Health\","
                         "\"product_title\":\"Pulse\",\"product_id\":\"prod-pulse1\","
                         "\"kind\":\"PO\",\"stage\":\"outreach\",\"start_date\":\"2026-01-01\","
                         "\"end_date\":\"2027-01-10\",\"value\":5000,"
                         "\"agreement_id\":\"agmt-bright1\"}"));
  g_free (add (f->store, "{\"type\":\"agreement\",\"customer\":\"alder logistics\","
                         "\"product_title\":\"Sentinel\",\"product_id\":\"prod-sent1\","
                         "\"kind\":\"CPPO\",\"stage\":\"identified\","
                         "\"start_date\":\"2025-12-01\","
                         "\"end_date\":\"2026-12-20\",\"value\":90000}"));
  g_free (add (f->store, "{\"type\":\"agreement\",\"customer\":\"Cobalt Retail\","
                         "\"product_title\":\"Ledger 100%\",\"product_id\":\"prod-ledg1\","
                         "\"kind\":\"PO\",\"stage\":\"identified\",\"start_date\":\"2025-11-01\","
                         "\"end_date\":\"2026-11-20\",\"status\":\"ACTIVE\",\"value\":100}"));
  g_free (add (f->store, "{\"type\":\"offer\",\"customer\":\"Dunmore Insurance\","
                         "\"product_title\":\"Sentinel\",\"kind\":\"PO\",\"stage\":\"drafted\","
                         "\"renewal_mechanism\":\"fda\",\"offer_expiration_date\":\"2027-03-15\","
                         "\"agreement_start_date\":\"2027-04-01\","
                         "\"agreement_end_date\":\"2028-03-31\",\"value\":7000}"));
  g_free (add (f->store, "{\"type\":\"template\",\"name\":\"120-day call\"}"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_temp_store_close (&f->store, &f->dir);
}

static char *
customers (GListModel *model)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (RdRecord) record = g_list_model_get_item (model, i);

      g_string_append_printf (s, "%s%s", i ? "|" : "", rd_record_get_customer (record));
    }
  return g_string_free (s, FALSE);
}

#define ASSERT_CUSTOMERS(model, expected)                  \
  G_STMT_START {                                           \
    g_autofree char *got_ = customers (G_LIST_MODEL (model)); \
    g_assert_cmpstr (got_, ==, expected);                  \
  } G_STMT_END

static void
test_pipeline_filters_and_sorts (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new (f->store);

  rd_pipeline_model_set_today (model, "2026-11-28");
  /* Templates are not part of the pipeline; the default order is the end date. */
  ASSERT_CUSTOMERS (model, "Cobalt Retail|alder logistics|Brightwater Health|Dunmore Insurance");

  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_CUSTOMER, FALSE);
  ASSERT_CUSTOMERS (model, "alder logistics|Brightwater Health|Cobalt Retail|Dunmore Insurance");
  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_VALUE, TRUE);
  ASSERT_CUSTOMERS (model, "alder logistics|Dunmore Insurance|Brightwater Health|Cobalt Retail");
  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_STAGE, FALSE);
  ASSERT_CUSTOMERS (model, "alder logistics|Cobalt Retail|Brightwater Health|Dunmore Insurance");
  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_START_DATE, FALSE);
  ASSERT_CUSTOMERS (model, "Cobalt Retail|alder logistics|Brightwater Health|Dunmore Insurance");
  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_END_DATE, FALSE);

  rd_pipeline_model_set_kind (model, "PO");
  ASSERT_CUSTOMERS (model, "Cobalt Retail|Brightwater Health|Dunmore Insurance");
  rd_pipeline_model_set_doc_type (model, "agreement");
  ASSERT_CUSTOMERS (model, "Cobalt Retail|Brightwater Health");
  rd_pipeline_model_set_kind (model, NULL);
  rd_pipeline_model_set_doc_type (model, NULL);

  rd_pipeline_model_set_stage (model, "identified");
  ASSERT_CUSTOMERS (model, "Cobalt Retail|alder logistics");
  rd_pipeline_model_set_stage (model, NULL);

  /* Due within 30 days counts from "today", inclusive of both ends. */
  rd_pipeline_model_set_due_within (model, 22);
  ASSERT_CUSTOMERS (model, "alder logistics");
  rd_pipeline_model_set_due_within (model, 43);
  ASSERT_CUSTOMERS (model, "alder logistics|Brightwater Health");
  rd_pipeline_model_set_due_within (model, RD_PIPELINE_DUE_OVERDUE);
  ASSERT_CUSTOMERS (model, "Cobalt Retail");
  rd_pipeline_model_set_due_within (model, RD_PIPELINE_DUE_ANY);

  /* Free text matches customer, product and IDs, case-insensitively; % is literal. */
  rd_pipeline_model_set_search (model, "ALDER");
  ASSERT_CUSTOMERS (model, "alder logistics");
  rd_pipeline_model_set_search (model, "agmt-bright");
  ASSERT_CUSTOMERS (model, "Brightwater Health");
  rd_pipeline_model_set_search (model, "100%");
  ASSERT_CUSTOMERS (model, "Cobalt Retail");
  rd_pipeline_model_set_search (model, "0%");
  ASSERT_CUSTOMERS (model, "Cobalt Retail");
  rd_pipeline_model_set_search (model, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  rd_pipeline_model_set_search (model, "  ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
test_pipeline_follows_store (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new (f->store);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  guint calls = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &calls);
  id = add (f->store, "{\"type\":\"agreement\",\"customer\":\"Evergreen\","
                      "\"end_date\":\"2026-12-01\"}");
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  g_assert_true (rd_store_delete (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  g_assert_cmpuint (calls, ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 4));
}

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
record_change_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->calls++;
}

static void
test_pipeline_announces_only_what_changed (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new (f->store);
  g_autoptr (RdRecord) second = NULL;
  g_autoptr (RdRecord) again = NULL;
  g_autoptr (RdRecord) untouched_before = NULL;
  g_autoptr (RdRecord) untouched_after = NULL;
  g_autoptr (JsonObject) patch = parse_object ("{\"stage\":\"outreach\"}");
  g_autoptr (JsonObject) move = parse_object ("{\"end_date\":\"2028-12-31\"}");
  g_autoptr (GError) error = NULL;
  Change change = { 0 };

  /* End-date order: Cobalt, alder, Brightwater, Dunmore. */
  second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  untouched_before = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (rd_record_get_customer (second), ==, "alder logistics");
  g_signal_connect (model, "items-changed", G_CALLBACK (record_change_cb), &change);

  /* An edit that keeps the row in place announces that row alone. */
  g_assert_true (rd_store_merge_patch (f->store, rd_record_get_id (second), patch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
  again = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpstr (rd_record_get_stage (again), ==, "outreach");
  /* Rows that did not change are the same objects, so a view keeps its widgets. */
  untouched_after = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (untouched_before == untouched_after);

  /* An edit that moves the row announces the stretch between its old and new place. */
  change.calls = 0;
  g_assert_true (rd_store_merge_patch (f->store, rd_record_get_id (second), move, &error));
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 3);
  g_assert_cmpuint (change.added, ==, 3);
  g_clear_object (&again);
  again = g_list_model_get_item (G_LIST_MODEL (model), 3);
  g_assert_cmpstr (rd_record_get_customer (again), ==, "alder logistics");

  /* A change to a record outside the pipeline announces nothing. */
  change.calls = 0;
  g_free (add (f->store, "{\"type\":\"template\",\"name\":\"90-day e-mail\"}"));
  g_assert_cmpuint (change.calls, ==, 0);
}

static void
test_calendar_events (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (RdCalendarModel) model = rd_calendar_model_new (f->store);
  GString *seen = g_string_new (NULL);
  g_autofree char *text = NULL;
  static const int offsets[] = { 30, 90, 90, -5 };

  /* Brightwater ends 2027-01-10: its 120-day milestone is 2026-09-12, 90 is 2026-10-12,
   * 60 is 2026-11-11. Alder ends 2026-12-20: 60 days before is 2026-10-21. */
  rd_calendar_model_set_range (model, "2026-10-01", "2026-11-30");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr (RdCalendarEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (seen, "%s %d %d %s\n", rd_calendar_event_get_date (event),
                              rd_calendar_event_get_kind (event),
                              rd_calendar_event_get_offset_days (event),
                              rd_calendar_event_get_customer (event));
    }
  text = g_string_free (seen, FALSE);
  g_assert_cmpstr (text, ==,
                   "2026-10-12 1 90 Brightwater Health\n"
                   "2026-10-21 1 60 alder logistics\n"
                   "2026-11-11 1 60 Brightwater Health\n"
                   "2026-11-20 0 0 Cobalt Retail\n");

  /* The offer's expiration and its future-dated start. */
  rd_calendar_model_set_range (model, "2027-03-01", "2027-04-30");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  {
    g_autoptr (RdCalendarEvent) expiry = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr (RdCalendarEvent) start = g_list_model_get_item (G_LIST_MODEL (model), 1);
    g_autofree char *label = rd_calendar_event_dup_label (start);

    g_assert_cmpint (rd_calendar_event_get_kind (expiry), ==, RD_CALENDAR_EVENT_OFFER_EXPIRATION);
    g_assert_cmpstr (rd_calendar_event_get_date (expiry), ==, "2027-03-15");
    g_assert_cmpint (rd_calendar_event_get_kind (start), ==, RD_CALENDAR_EVENT_FDA_START);
    g_assert_cmpstr (rd_calendar_event_get_date (start), ==, "2027-04-01");
    g_assert_cmpstr (label, ==, "Future-dated agreement starts");
  }

  /* A milestone the user marked done says so, read from the index. */
  {
    g_autoptr (RdRecord) bright = rd_store_find_by_field (f->store, "agreement", "customer",
                                                          "Brightwater Health", NULL);
    g_autoptr (JsonObject) done = parse_object ("{\"milestones\":{\"90\":\"done\"}}");
    g_autoptr (GError) error = NULL;

    g_assert_true (rd_store_merge_patch (f->store, rd_record_get_id (bright), done, &error));
    g_assert_no_error (error);
    rd_calendar_model_set_range (model, "2026-10-01", "2026-11-30");
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
      {
        g_autoptr (RdCalendarEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);
        gboolean expect = g_strcmp0 (rd_calendar_event_get_customer (event),
                                     "Brightwater Health") == 0
                          && rd_calendar_event_get_offset_days (event) == 90;

        g_assert_cmpint (rd_calendar_event_get_done (event), ==, expect);
      }
  }

  /* User offsets: duplicates and nonsense dropped. */
  rd_calendar_model_set_offsets (model, offsets, G_N_ELEMENTS (offsets));
  rd_calendar_model_set_range (model, "2026-11-20", "2026-11-20");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  {
    g_autoptr (RdCalendarEvent) end = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr (RdCalendarEvent) thirty = g_list_model_get_item (G_LIST_MODEL (model), 1);

    g_assert_cmpint (rd_calendar_event_get_kind (end), ==, RD_CALENDAR_EVENT_END_DATE);
    g_assert_cmpint (rd_calendar_event_get_offset_days (thirty), ==, 30);
    g_assert_cmpstr (rd_calendar_event_get_customer (thirty), ==, "alder logistics");
  }
}

static char *
dump_store (RdStore *store)
{
  g_autoptr (GPtrArray) records = rd_store_list (store, NULL, NULL);
  GString *s = g_string_new (NULL);

  g_assert_nonnull (records);
  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *json = rd_record_to_json (g_ptr_array_index (records, i), FALSE);

      g_string_append_printf (s, "%s %s\n", rd_record_get_id (g_ptr_array_index (records, i)),
                              json);
    }
  return g_string_free (s, FALSE);
}

static void
test_demo_is_deterministic_and_valid (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rd-demo-XXXXXX", &error);
  g_autofree char *a_path = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b_path = g_build_filename (dir, "b.db", NULL);
  g_autofree char *c_path = g_build_filename (dir, "c.db", NULL);
  g_autoptr (RdStore) a = rd_store_open (a_path, &error);
  g_autoptr (RdStore) b = rd_store_open (b_path, &error);
  g_autoptr (RdStore) c = rd_store_open (c_path, &error);
  g_autoptr (GPtrArray) records = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *dump_c = NULL;
  RdRulesContext ctx;
  guint cppo = 0, expired = 0, fda = 0, payg = 0;

  g_assert_no_error (error);
  g_assert_true (rd_demo_populate (a, 200, 7, "2026-11-28", &error));
  g_assert_true (rd_demo_populate (b, 200, 7, "2026-11-28", &error));
  g_assert_true (rd_demo_populate (c, 200, 8, "2026-11-28", &error));
  g_assert_no_error (error);

  dump_a = dump_store (a);
  dump_b = dump_store (b);
  dump_c = dump_store (c);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_cmpstr (dump_a, !=, dump_c);
  g_assert_cmpuint (rd_store_count (a, "agreement"), ==, 200);
  g_assert_cmpuint (rd_store_count (a, "offer"), >, 20);

  /* Every generated record passes the rules on the day it was made for. */
  g_date_clear (&ctx.today, 1);
  g_date_set_dmy (&ctx.today, 28, 11, 2026);
  ctx.role = RD_ROLE_ISV;
  records = rd_store_list (a, NULL, &error);
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      g_autoptr (GPtrArray) errors = rd_rules_check_document (rd_record_get_body (record), &ctx);

      if (errors->len > 0)
        g_error ("%s: %s", ((RdFieldError *) g_ptr_array_index (errors, 0))->field,
                 ((RdFieldError *) g_ptr_array_index (errors, 0))->message);
      cppo += g_strcmp0 (rd_record_get_kind (record), "CPPO") == 0;
      expired += g_strcmp0 (rd_record_get_string (record, "status"), "EXPIRED") == 0;
      fda += g_strcmp0 (rd_record_get_string (record, "renewal_mechanism"), "fda") == 0;
      payg += rd_record_is_agreement (record) && rd_record_get_end_date (record) == NULL;
    }
  g_assert_cmpuint (cppo, >, 0);
  g_assert_cmpuint (expired, >, 0);
  g_assert_cmpuint (fda, >, 0);
  g_assert_cmpuint (payg, >, 0);

  g_clear_object (&a);
  g_clear_object (&b);
  g_clear_object (&c);
  rd_test_remove_dir (dir);
}

/* The earliest milestone an agreement's "milestones" marks done, or FALSE for none. */
static gboolean
first_done_milestone (RdRecord *record,
                      GDate    *first)
{
  JsonObject *body = rd_record_get_body (record);
  JsonObject *milestones;
  GDate end;
  int offset;

  if (!json_object_has_member (body, "milestones")
      || !rd_date_parse (rd_record_get_end_date (record), &end))
    return FALSE;
  milestones = json_object_get_object_member (body, "milestones");
  offset = json_object_has_member (milestones, "120") ? 120 : 90;
  g_assert_true (json_object_has_member (milestones, "120")
                 || json_object_has_member (milestones, "90"));
  rd_date_add_days_to (&end, -offset, first);
  return TRUE;
}

/* The demo's records show a last touch where a specialist worked on them: agreements whose
 * milestones are done, and offers; never an untouched agreement, never after the day. */
static void
test_demo_last_touch (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (RdStore) store = rd_test_temp_store_open ("demo", &dir, NULL);
  g_autoptr (GPtrArray) records = NULL;
  guint touched_agreements = 0, touched_offers = 0;
  GDate today;

  g_assert_true (rd_demo_populate (store, 200, 7, "2026-11-28", &error));
  g_assert_no_error (error);
  /* As many records as this seed made before touches were logged. */
  g_assert_cmpuint (rd_store_count (store, "agreement"), ==, 200);
  g_assert_cmpuint (rd_store_count (store, "offer"), ==, 40);

  g_assert_true (rd_date_parse ("2026-11-28", &today));
  records = rd_store_list (store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      JsonObject *last = rd_renewal_last_activity (rd_record_get_body (record));
      g_autofree char *touch = rd_renewal_dup_last_touch (rd_record_get_body (record));
      const char *stage = rd_record_get_stage (record);
      GDate date, milestone;

      if (rd_record_is_agreement (record) && !first_done_milestone (record, &milestone))
        {
          g_assert_null (touch);
          continue;
        }
      g_assert_nonnull (last);
      g_assert_nonnull (touch);
      g_assert_true (rd_date_parse (json_object_get_string_member (last, "date"), &date));
      g_assert_cmpint (rd_date_compare (&date, &today), <=, 0);
      g_assert_nonnull (rd_renewal_activity_type_label (json_object_get_string_member (last,
                                                                                      "type")));
      if (rd_record_is_agreement (record))
        {
          g_assert_cmpstr (stage, !=, "identified");
          g_assert_cmpint (rd_date_compare (&date, &milestone), >=, 0);
          touched_agreements++;
        }
      else
        {
          GDate drafted;

          g_assert_true (rd_date_parse (rd_record_get_string (record, "drafted_on"), &drafted));
          g_assert_cmpint (rd_date_compare (&date, &drafted), >=, 0);
          touched_offers++;
        }
    }
  g_assert_cmpuint (touched_agreements, >, 20);
  g_assert_cmpuint (touched_offers, ==, 40);

  rd_test_temp_store_close (&store, &dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/models/pipeline/filters-and-sorts", Fixture, NULL, fixture_setup,
              test_pipeline_filters_and_sorts, fixture_teardown);
  g_test_add ("/models/pipeline/follows-store", Fixture, NULL, fixture_setup,
              test_pipeline_follows_store, fixture_teardown);
  g_test_add ("/models/pipeline/announces-only-what-changed", Fixture, NULL, fixture_setup,
              test_pipeline_announces_only_what_changed, fixture_teardown);
  g_test_add ("/models/calendar/events", Fixture, NULL, fixture_setup, test_calendar_events,
              fixture_teardown);
  g_test_add_func ("/models/demo/deterministic-and-valid", test_demo_is_deterministic_and_valid);
  g_test_add_func ("/models/demo/last-touch", test_demo_last_touch);

  return g_test_run ();
}
