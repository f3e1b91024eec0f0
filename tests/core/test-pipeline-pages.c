/* test-pipeline-pages.c
 *
 * The asynchronous pipeline model: a new order or filter shows its first page with the number
 * of all rows, the order of the others follows on the worker, and every row a reader asks for
 * in between is the right one; and its queries answer while another queue of the worker is
 * busy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rd-pipeline-model.h"
#include "rd-store-private.h"
#include "rd-store-worker.h"
#include "rd-test-wait.h"
#include "rd-test-worker.h"

/* More than the model's first page (256 rows). */
#define N_AGREEMENTS 600

typedef struct
{
  char    *dir;
  RdStore *store;
  guint    n_changes;  /* items-changed emissions of the model under test */
} Fixture;

static void
add (RdStore    *store,
     const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) body = rd_json_object_from_string (json, &error);
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  id = rd_store_insert (store, body, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("rd-pipeline-pages-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "renewals.db", NULL);
  f->store = rd_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (rd_store_begin (f->store, &error));
  for (guint i = 0; i < N_AGREEMENTS; i++)
    {
      /* Customers in another order than the end dates. */
      guint n = i * 7 % N_AGREEMENTS;
      g_autofree char *json = NULL;

      json = g_strdup_printf ("{\"type\":\"agreement\",\"customer\":\"Customer %03u\","
                              "\"product_title\":\"Pulse\",\"product_id\":\"prod-%03u\","
                              "\"kind\":\"PO\",\"end_date\":\"2027-%02u-%02u\"}",
                              n, i % 97, 1 + i % 12, 1 + i % 28);
      add (f->store, json);
    }
  g_assert_true (rd_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

static gboolean
model_is_loaded (gpointer user_data)
{
  return !rd_pipeline_model_get_loading (user_data);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *f)
{
  f->n_changes++;
}

static char *
dup_id_at (GListModel *model,
           guint       position)
{
  g_autoptr (RdRecord) record = g_list_model_get_item (model, position);

  g_assert_nonnull (record);
  return g_strdup (rd_record_get_id (record));
}

/* Every row of model is the row of the same place in reference, read synchronously. */
static void
assert_same_rows (RdPipelineModel *model,
                  RdPipelineModel *reference)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (reference));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  /* From the end first: rows past the first page may not be read yet. */
  for (guint i = n; i-- > 0;)
    {
      g_autofree char *got = dup_id_at (G_LIST_MODEL (model), i);
      g_autofree char *expected = dup_id_at (G_LIST_MODEL (reference), i);

      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_first_page_then_rest (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new_async (f->store);
  g_autoptr (RdPipelineModel) reference = rd_pipeline_model_new (f->store);

  rd_test_wait_until (model_is_loaded, model, "the pipeline's first rows");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_AGREEMENTS);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), f);

  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_CUSTOMER, FALSE);
  rd_pipeline_model_set_sort (reference, RD_PIPELINE_SORT_CUSTOMER, FALSE);
  g_assert_true (rd_pipeline_model_get_loading (model));
  rd_test_wait_until (model_is_loaded, model, "the first rows by customer");
  /* The first page came with the number of all rows: one announcement, of all of them. */
  g_assert_cmpuint (f->n_changes, ==, 1);
  assert_same_rows (model, reference);

  /* The order of the rest agrees with what was read: nothing more is announced. */
  rd_test_pump_until (never, NULL, RD_TEST_QUIET_MS);
  g_assert_cmpuint (f->n_changes, ==, 1);
  assert_same_rows (model, reference);

  /* Descending (no index carries it) and a search of many matches, the same way. */
  rd_pipeline_model_set_sort (model, RD_PIPELINE_SORT_PRODUCT_ID, TRUE);
  rd_pipeline_model_set_sort (reference, RD_PIPELINE_SORT_PRODUCT_ID, TRUE);
  rd_test_wait_until (model_is_loaded, model, "the first rows by product ID");
  assert_same_rows (model, reference);
  rd_pipeline_model_set_search (model, "customer");
  rd_pipeline_model_set_search (reference, "customer");
  rd_test_wait_until (model_is_loaded, model, "the first matches");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reference)), ==, N_AGREEMENTS);
  assert_same_rows (model, reference);
  /* Fewer matches than a page: all of them at once. */
  rd_pipeline_model_set_search (model, "Customer 1");
  rd_pipeline_model_set_search (reference, "Customer 1");
  rd_test_wait_until (model_is_loaded, model, "the matches of a page");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reference)), ==, 100);
  assert_same_rows (model, reference);
}

static void
test_other_types_change_nothing (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new_async (f->store);

  rd_test_wait_until (model_is_loaded, model, "the pipeline's first rows");
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), f);

  /* A template is no row: the rows are not read again. */
  add (f->store, "{\"type\":\"template\",\"name\":\"120-day call\"}");
  g_assert_false (rd_pipeline_model_get_loading (model));

  add (f->store, "{\"type\":\"offer\",\"customer\":\"Zephyr\",\"stage\":\"drafted\","
                 "\"agreement_end_date\":\"2030-01-01\"}");
  g_assert_true (rd_pipeline_model_get_loading (model));
  rd_test_wait_until (model_is_loaded, model, "the rows with the new offer");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_AGREEMENTS + 1);
  g_assert_cmpuint (f->n_changes, >=, 1);
}

/* A search is answered while a long job (the reminders' catch-up, a month) holds the
 * interactive queue: the pipeline's queries never wait behind it. */
static void
test_search_beside_interactive_queue (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr (RdPipelineModel) model = rd_pipeline_model_new_async (f->store);
  g_autoptr (RdPipelineModel) reference = rd_pipeline_model_new (f->store);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int started = FALSE;

  rd_test_wait_until (model_is_loaded, model, "the pipeline's first rows");
  rd_store_worker_run_async (rd_store_worker_get_for_store (f->store), rd_test_endless_job,
                             &started, NULL, g_free, cancellable, rd_test_keep_result_cb,
                             &result);
  rd_test_wait_until (rd_test_flag_is_set, &started, "the long job on the interactive queue");

  rd_pipeline_model_set_search (model, "Customer 1");
  rd_pipeline_model_set_search (reference, "Customer 1");
  g_assert_true (rd_pipeline_model_get_loading (model));
  rd_test_wait_until (model_is_loaded, model, "the matches, beside the long job");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
  assert_same_rows (model, reference);
  /* The long job still runs: the search did not wait for it to end. */
  g_assert_null (result);

  g_cancellable_cancel (cancellable);
  rd_test_wait_for_result (&result, "the cancelled long job");
  g_assert_null (rd_store_worker_run_finish (rd_store_worker_get_for_store (f->store), result,
                                             &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pipeline-pages/first-page-then-rest", Fixture, NULL, fixture_setup,
              test_first_page_then_rest, fixture_teardown);
  g_test_add ("/pipeline-pages/other-types-change-nothing", Fixture, NULL, fixture_setup,
              test_other_types_change_nothing, fixture_teardown);
  g_test_add ("/pipeline-pages/search-beside-interactive-queue", Fixture, NULL, fixture_setup,
              test_search_beside_interactive_queue, fixture_teardown);

  return g_test_run ();
}
