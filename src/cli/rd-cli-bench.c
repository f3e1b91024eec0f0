/* rd-cli-bench.c
 *
 * `renewal-desk-cli bench`: the store against a bare prepared-statement loop, and the queries
 * the views run on every redraw, at a realistic size. Prints numbers; judges nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rd-calendar-model.h"
#include "rd-cli.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-pipeline-model.h"
#include "rd-store-pipeline.h"
#include "rd-store-private.h"

#define QUERY_RUNS 100

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : 0;
}

static gboolean
raw_insert_loop (const char  *path,
                 GPtrArray   *ids,
                 GPtrArray   *texts,
                 GPtrArray   *types,
                 double      *elapsed_ms,
                 GError     **error)
{
  g_autoptr (RdStore) store = rd_store_open (path, error);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  double start;

  /* The same schema, so both loops pay for the same indexes. */
  if (store == NULL)
    return FALSE;
  db = rd_store_get_db (store);
  start = now_ms ();
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO docs (id, type, body, edit_seq) VALUES (?, ?, ?, 1)",
                      -1, &stmt, NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (types, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, g_ptr_array_index (texts, i), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          rd_store_set_sqlite_error (store, error, "raw insert");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  *elapsed_ms = now_ms () - start;
  return TRUE;
}

static gboolean
count_row_bytes (const RdStorePipelineRow *row,
                 gpointer                  user_data)
{
  *(gsize *) user_data += strlen (row->id) + strlen (row->body)
                          + (row->rev ? strlen (row->rev) : 0);
  return TRUE;
}

/* What the CLI's list reads (every row with its body, in order) through the store, against
 * a bare statement returning the same rows: the medians of 3 runs and their ratio. */
static gboolean
bench_list (RdStore                *store,
            const char             *what,
            const RdPipelineQuery  *query,
            const char             *raw_sql,
            const char             *from,
            const char             *to,
            GError                **error)
{
  g_autoptr (GArray) store_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) raw_samples = g_array_new (FALSE, FALSE, sizeof (double));
  gsize store_bytes = 0, raw_bytes = 0;

  for (int run = 0; run < 3; run++)
    {
      sqlite3_stmt *stmt = NULL;
      double start = now_ms ();

      store_bytes = 0;
      if (!rd_store_pipeline_foreach (store, query, RD_STORE_PIPELINE_BODY, count_row_bytes,
                                      &store_bytes, error))
        return FALSE;
      g_array_append_vals (store_samples, (double[]) { now_ms () - start }, 1);

      start = now_ms ();
      raw_bytes = 0;
      if (sqlite3_prepare_v2 (rd_store_get_db (store), raw_sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          rd_store_set_sqlite_error (store, error, "raw list");
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        raw_bytes += sqlite3_column_bytes (stmt, 0) + sqlite3_column_bytes (stmt, 1)
                     + sqlite3_column_bytes (stmt, 2);
      sqlite3_finalize (stmt);
      g_array_append_vals (raw_samples, (double[]) { now_ms () - start }, 1);
    }
  g_print ("%-30s%.1f ms, bare statement %.1f ms (%.2fx)%s\n", what, median (store_samples),
           median (raw_samples), median (store_samples) / median (raw_samples),
           store_bytes == raw_bytes ? "" : " — the rows differ");
  return TRUE;
}

int
rd_cli_bench (const RdCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  int count = 100000;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("Number of records"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed"), "S" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("— measure the store"));
  g_autoptr (GPtrArray) bodies =
    g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) types = g_ptr_array_new ();
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) calendar_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) due_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) open_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *raw_path = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *horizon = NULL;
  double raw_ms, store_ms, start;
  guint month_rows = 0, due_rows = 0;
  GDate today, base;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (count < 100 || count > 2000000)
    {
      rd_cli_error (_("--count must be between 100 and 2000000, not %d"), count);
      return RD_CLI_EXIT_USAGE;
    }

  /* --db names the folder's file for the store's copy; the raw loop writes beside it. */
  dir = g_dir_make_tmp ("renewal-desk-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  store_path = globals->db_path ? g_strdup (globals->db_path)
                                : g_build_filename (dir, "store.db", NULL);
  raw_path = g_build_filename (dir, "raw.db", NULL);

  /* End dates spread evenly over five years around today, as a team's history would be. */
  rand = g_rand_new_with_seed ((guint32) seed);
  rd_date_today (NULL, &today);
  rd_date_add_months_to (&today, -24, &base);
  for (int i = 0; i < count; i++)
    {
      JsonObject *body = rd_demo_make_agreement (rand, &base, 5 * 365);

      g_ptr_array_add (bodies, body);
      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (body, "_id")));
      g_ptr_array_add (texts, rd_json_object_to_string (body));
      g_ptr_array_add (types, (gpointer) "agreement");
    }

  if (!raw_insert_loop (raw_path, ids, texts, types, &raw_ms, &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }

  store = rd_store_open (store_path, &error);
  if (store == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  start = now_ms ();
  if (!rd_store_begin (store, &error))
    goto fail;
  for (guint i = 0; i < bodies->len; i++)
    {
      g_autofree char *id = rd_store_insert (store, g_ptr_array_index (bodies, i), &error);

      if (id == NULL)
        {
          rd_store_rollback (store);
          goto fail;
        }
    }
  if (!rd_store_commit (store, &error))
    goto fail;
  store_ms = now_ms () - start;

  g_print ("records:                    %d\n", count);
  g_print ("store inserts:              %.0f records/s (%.0f ms)\n", count / (store_ms / 1000.0),
           store_ms);
  g_print ("raw prepared-statement loop: %.0f records/s (%.0f ms)\n", count / (raw_ms / 1000.0),
           raw_ms);
  g_print ("store / raw time ratio:     %.2f\n", store_ms / raw_ms);

  /* A month's end dates, as the calendar asks for them: 100 runs over 12 different months. */
  for (int i = 0; i < QUERY_RUNS; i++)
    {
      GDate first, last;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autoptr (GPtrArray) rows = NULL;

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, g_date_get_month (&today), g_date_get_year (&today));
      rd_date_add_months_to (&first, i % 12, &first);
      rd_date_add_months_to (&first, 1, &last);
      g_date_subtract_days (&last, 1);
      from = rd_date_format (&first);
      to = rd_date_format (&last);
      start = now_ms ();
      rows = rd_store_query_end_dates (store, from, to, &error);
      g_array_append_vals (samples, (double[]) { now_ms () - start }, 1);
      if (rows == NULL)
        goto fail;
      month_rows = rows->len;
    }
  g_print ("month-range query:          %.3f ms median of %d (%u rows)\n", median (samples),
           QUERY_RUNS, month_rows);

  /* The whole calendar page: six weeks of end dates, milestones, expirations, FDA starts. */
  {
    g_autoptr (RdCalendarModel) calendar = rd_calendar_model_new (store);

    for (int i = 0; i < QUERY_RUNS / 10; i++)
      {
        GDate first, last;
        g_autofree char *from = NULL;
        g_autofree char *to = NULL;

        rd_date_add_days_to (&today, 42 * i, &first);
        rd_date_add_days_to (&first, 41, &last);
        from = rd_date_format (&first);
        to = rd_date_format (&last);
        start = now_ms ();
        rd_calendar_model_set_range (calendar, from, to);
        g_array_append_vals (calendar_samples, (double[]) { now_ms () - start }, 1);
      }
    g_print ("calendar page (6 weeks):    %.3f ms median of %d (%u events)\n",
             median (calendar_samples), QUERY_RUNS / 10,
             g_list_model_get_n_items (G_LIST_MODEL (calendar)));
  }

  today_text = rd_date_format (&today);
  horizon = rd_date_shift_string (today_text, 120);
  for (int i = 0; i < QUERY_RUNS; i++)
    {
      g_autoptr (GPtrArray) rows = NULL;

      start = now_ms ();
      rows = rd_store_query_end_dates (store, today_text, horizon, &error);
      g_array_append_vals (due_samples, (double[]) { now_ms () - start }, 1);
      if (rows == NULL)
        goto fail;
      due_rows = rows->len;
    }
  g_print ("due within 120 days query:  %.3f ms median of %d (%u rows)\n", median (due_samples),
           QUERY_RUNS, due_rows);

  {
    g_autoptr (RdPipelineModel) pipeline = NULL;

    start = now_ms ();
    pipeline = rd_pipeline_model_new (store);
    g_print ("pipeline, all rows sorted:  %.1f ms (%u rows)\n", now_ms () - start,
             g_list_model_get_n_items (G_LIST_MODEL (pipeline)));
    start = now_ms ();
    rd_pipeline_model_set_sort (pipeline, RD_PIPELINE_SORT_CUSTOMER, FALSE);
    g_print ("pipeline, sort by customer: %.1f ms\n", now_ms () - start);
    start = now_ms ();
    rd_pipeline_model_set_search (pipeline, "granite");
    g_print ("pipeline, text search:      %.1f ms (%u rows)\n", now_ms () - start,
             g_list_model_get_n_items (G_LIST_MODEL (pipeline)));
  }

  {
    RdPipelineQuery by_customer = { .due_within = RD_PIPELINE_DUE_ANY,
                                    .sort = RD_PIPELINE_SORT_CUSTOMER };
    RdPipelineQuery due = { .due_within = 120, .sort = RD_PIPELINE_SORT_END_DATE };
    g_autofree char *list_today = NULL;
    g_autofree char *list_horizon = NULL;
    GDate list_day;

    rd_date_today (NULL, &list_day);
    list_today = rd_date_format (&list_day);
    list_horizon = rd_date_shift_string (list_today, 120);
    if (!bench_list (store, "list rows sorted by customer", &by_customer,
                     "SELECT id, rev, body FROM docs INDEXED BY docs_sort_customer "
                     "WHERE deleted = 0 AND type IN ('agreement', 'offer') "
                     "ORDER BY customer IS NULL, customer COLLATE NOCASE, rowid",
                     NULL, NULL, &error)
        || !bench_list (store, "list rows due within 120 d", &due,
                        "SELECT id, rev, body FROM docs INDEXED BY docs_sort_due "
                        "WHERE deleted = 0 AND type IN ('agreement', 'offer') "
                        "AND due_date BETWEEN ?1 AND ?2 ORDER BY due_date, rowid",
                        list_today, list_horizon, &error))
      goto fail;
  }

  rd_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  g_clear_object (&store);
  for (int i = 0; i < 11; i++)
    {
      g_autoptr (RdStore) reopened = NULL;

      start = now_ms ();
      reopened = rd_store_open (store_path, &error);
      if (reopened == NULL)
        goto fail;
      g_array_append_vals (open_samples, (double[]) { now_ms () - start }, 1);
    }
  g_print ("open database:              %.3f ms median of 11\n", median (open_samples));
  g_print ("database size:              %.1f MiB (%.0f bytes/record)\n",
           file_size (store_path) / 1048576.0, (double) file_size (store_path) / count);

  if (globals->db_path == NULL)
    g_unlink (store_path);
  g_unlink (raw_path);
  for (const char *suffix = "-wal"; suffix; suffix = g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *a = g_strconcat (store_path, suffix, NULL);
      g_autofree char *b = g_strconcat (raw_path, suffix, NULL);

      if (globals->db_path == NULL)
        g_unlink (a);
      g_unlink (b);
    }
  g_rmdir (dir);
  return RD_CLI_EXIT_OK;

fail:
  rd_cli_error ("%s", error ? error->message : "failed");
  return RD_CLI_EXIT_FAILURE;
}
