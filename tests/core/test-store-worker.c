/* test-store-worker.c
 *
 * The worker-thread query API: results, cancellation inside a running query, a store
 * change during a query (the job reads one committed state; the writer is not blocked), and
 * queues that never wait for each other. Write jobs: one transaction each, the store's
 * "changed" before the caller hears, cancellation only before a job begins, and a write of
 * the main connection during one waits for it and is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-store-private.h"
#include "rd-store-worker.h"
#include "rd-test-temp.h"
#include "rd-test-worker.h"

#define WAIT_TIMEOUT_S 20

typedef struct
{
  char    *dir;
  char    *path;
  RdStore *store;
} Fixture;

typedef struct
{
  RdStoreWorker *worker;
  gboolean       done;
  gpointer       result;
  GError        *error;
} Outcome;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = rd_test_temp_store_open ("store-worker", &f->dir, &f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  rd_test_temp_store_close (&f->store, &f->dir);
  g_free (f->path);
}

static void
insert_agreement (RdStore    *store,
                  const char *customer)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (body, "type", "agreement");
  json_object_set_string_member (body, "customer", customer);
  json_object_set_string_member (body, "end_date", "2027-03-31");
  id = rd_store_insert (store, body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static gint64
count_agreements (RdStore *reader,
                  GError **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  stmt = rd_store_prepare (reader, "SELECT count(*) FROM docs WHERE type = 'agreement'", error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static gpointer
count_job (RdStore       *reader,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 count = count_agreements (reader, error);

  return count < 0 ? NULL : g_memdup2 (&count, sizeof count);
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Outcome *outcome = user_data;

  g_assert_null (source);
  outcome->result = rd_store_worker_run_finish (outcome->worker, result, &outcome->error);
  outcome->done = TRUE;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_error ("The worker did not answer within %d s", WAIT_TIMEOUT_S);
  return G_SOURCE_REMOVE;
}

static void
wait_for (Outcome *outcome)
{
  guint timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_S, on_timeout_cb, NULL);

  while (!outcome->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

static void
run (RdStoreWorkerFunc  func,
     gpointer           data,
     GCancellable      *cancellable,
     Outcome           *outcome)
{
  rd_store_worker_run_async (outcome->worker, func, data, NULL, g_free, cancellable,
                             on_job_done_cb, outcome);
}

static void
test_worker_result (Fixture       *f,
                    gconstpointer  data)
{
  RdStoreWorker *worker = rd_store_worker_get_for_store (f->store);
  Outcome first = { worker }, second = { worker };

  g_assert_true (rd_store_worker_get_for_store (f->store) == worker);

  insert_agreement (f->store, "Acme Corp");
  insert_agreement (f->store, "Globex");

  /* Jobs answer in the order they were asked for, each with a committed count. */
  run (count_job, NULL, NULL, &first);
  insert_agreement (f->store, "Initech");
  run (count_job, NULL, NULL, &second);
  wait_for (&second);
  g_assert_true (first.done);
  g_assert_no_error (first.error);
  g_assert_no_error (second.error);
  g_assert_cmpint (*(gint64 *) first.result, >=, 2);
  g_assert_cmpint (*(gint64 *) first.result, <=, 3);
  g_assert_cmpint (*(gint64 *) second.result, ==, 3);
  g_free (first.result);
  g_free (second.result);
}

static void
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
}

/* Cancels its own cancellable (data) as it starts counting. */
static gpointer
endless_job (RdStore       *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return rd_test_count_to_a_billion (reader, cancel_cb, data, error);
}

static void
test_worker_cancel (Fixture       *f,
                    gconstpointer  data)
{
  RdStoreWorker *worker = rd_store_worker_get_for_store (f->store);
  g_autoptr (GCancellable) before = g_cancellable_new ();
  g_autoptr (GCancellable) during = g_cancellable_new ();
  Outcome not_run = { worker }, stopped = { worker }, after = { worker };
  gint64 started;

  /* Cancelled before it runs: the job is not run at all. */
  g_cancellable_cancel (before);
  run (count_job, NULL, before, &not_run);
  wait_for (&not_run);
  g_assert_error (not_run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (not_run.result);

  /* Cancelled while SQLite runs (the job cancels its own cancellable as it starts, so the
   * cancellation surely falls inside the query): it stops long before it could finish. */
  started = g_get_monotonic_time ();
  run (endless_job, during, during, &stopped);
  wait_for (&stopped);
  g_assert_error (stopped.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (stopped.result);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_TIME_SPAN_SECOND);

  /* The worker goes on with the next job. */
  insert_agreement (f->store, "Acme Corp");
  run (count_job, NULL, NULL, &after);
  wait_for (&after);
  g_assert_no_error (after.error);
  g_assert_cmpint (*(gint64 *) after.result, ==, 1);
  g_free (after.result);
  g_clear_error (&not_run.error);
  g_clear_error (&stopped.error);
}

typedef struct
{
  GMutex  mutex;
  GCond   cond;
  int     phase;  /* 1: the job has read once; 2: the main thread has written */
  gint64  counts[3];
} Handshake;

/* Reads in one transaction before and after the main thread writes, then after it. */
static gpointer
snapshot_job (RdStore       *reader,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Handshake *h = data;

  if (!rd_store_exec (reader, "BEGIN", error))
    return NULL;
  h->counts[0] = count_agreements (reader, error);

  g_mutex_lock (&h->mutex);
  h->phase = 1;
  g_cond_broadcast (&h->cond);
  while (h->phase < 2)
    g_cond_wait (&h->cond, &h->mutex);
  g_mutex_unlock (&h->mutex);

  h->counts[1] = count_agreements (reader, error);
  if (!rd_store_exec (reader, "COMMIT", error))
    return NULL;
  h->counts[2] = count_agreements (reader, error);

  return g_strdup ("done");
}

static void
test_worker_change_during_query (Fixture       *f,
                                 gconstpointer  data)
{
  RdStoreWorker *worker = rd_store_worker_get_for_store (f->store);
  Outcome outcome = { worker };
  Handshake h = { 0 };

  g_mutex_init (&h.mutex);
  g_cond_init (&h.cond);
  insert_agreement (f->store, "Acme Corp");

  rd_store_worker_run_async (worker, snapshot_job, &h, NULL, g_free, NULL,
                             on_job_done_cb, &outcome);

  g_mutex_lock (&h.mutex);
  while (h.phase < 1)
    g_cond_wait (&h.cond, &h.mutex);
  g_mutex_unlock (&h.mutex);

  /* The writer is not blocked by the reader's open transaction. */
  insert_agreement (f->store, "Globex");
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 2);

  g_mutex_lock (&h.mutex);
  h.phase = 2;
  g_cond_broadcast (&h.cond);
  g_mutex_unlock (&h.mutex);

  wait_for (&outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.result, ==, "done");
  g_assert_cmpint (h.counts[0], ==, 1);
  g_assert_cmpint (h.counts[1], ==, 1);
  g_assert_cmpint (h.counts[2], ==, 2);
  g_free (outcome.result);
  g_mutex_clear (&h.mutex);
  g_cond_clear (&h.cond);
}

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean started;
} Started;

static void
signal_started_cb (gpointer data)
{
  Started *s = data;

  g_mutex_lock (&s->mutex);
  s->started = TRUE;
  g_cond_broadcast (&s->cond);
  g_mutex_unlock (&s->mutex);
}

/* Says that it runs, then counts to a billion until cancelled. */
static gpointer
long_aggregate_job (RdStore       *reader,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return rd_test_count_to_a_billion (reader, signal_started_cb, data, error);
}

static void
test_worker_queues (Fixture       *f,
                    gconstpointer  data)
{
  RdStoreWorker *interactive = rd_store_worker_get_for_store (f->store);
  RdStoreWorker *aggregate = rd_store_worker_get_for_queue (f->store,
                                                            RD_STORE_WORKER_AGGREGATE);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Outcome dashboard = { aggregate }, pipeline = { interactive }, next = { aggregate };
  Started s = { 0 };
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_TIME_SPAN_SECOND;

  g_assert_true (interactive != aggregate);
  g_assert_true (rd_store_worker_get_for_queue (f->store, RD_STORE_WORKER_INTERACTIVE)
                 == interactive);
  g_assert_true (rd_store_worker_get_for_queue (f->store, RD_STORE_WORKER_AGGREGATE)
                 == aggregate);
  g_mutex_init (&s.mutex);
  g_cond_init (&s.cond);
  insert_agreement (f->store, "Acme Corp");

  /* A long aggregate runs on its queue... */
  run (long_aggregate_job, &s, cancellable, &dashboard);
  g_mutex_lock (&s.mutex);
  while (!s.started)
    if (!g_cond_wait_until (&s.cond, &s.mutex, deadline))
      g_error ("The aggregate did not start within %d s", WAIT_TIMEOUT_S);
  g_mutex_unlock (&s.mutex);

  /* ...and a pipeline query answers meanwhile, while the aggregate still runs. */
  run (count_job, NULL, NULL, &pipeline);
  wait_for (&pipeline);
  g_assert_no_error (pipeline.error);
  g_assert_cmpint (*(gint64 *) pipeline.result, ==, 1);
  g_assert_false (dashboard.done);

  /* Cancelled, the aggregate stops inside SQLite, and its queue goes on. */
  g_cancellable_cancel (cancellable);
  wait_for (&dashboard);
  g_assert_error (dashboard.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (dashboard.result);
  run (count_job, NULL, NULL, &next);
  wait_for (&next);
  g_assert_no_error (next.error);
  g_assert_cmpint (*(gint64 *) next.result, ==, 1);

  g_free (pipeline.result);
  g_free (next.result);
  g_clear_error (&dashboard.error);
  g_mutex_clear (&s.mutex);
  g_cond_clear (&s.cond);
}

typedef struct
{
  guint     emitted;
  char    **ids;        /* what the last "changed" named */
  gboolean  unnamed;    /* the last "changed" named no records */
} Changes;

static void
on_store_changed_cb (RdStore  *store,
                     gpointer  user_data)
{
  Changes *changes = user_data;
  const char * const *ids = rd_store_peek_changed_ids (store);

  changes->emitted++;
  changes->unnamed = ids == NULL;
  g_strfreev (changes->ids);
  changes->ids = g_strdupv ((char **) ids);
}

typedef struct
{
  RdStoreWorker *worker;
  Changes       *changes;
  guint          emitted_before; /* "changed" signals seen when the callback ran */
  gboolean       done;
  gpointer       result;
  GError        *error;
} Written;

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Written *written = user_data;

  g_assert_null (source);
  written->emitted_before = written->changes->emitted;
  written->result = rd_store_worker_write_finish (written->worker, result, &written->error);
  written->done = TRUE;
}

static void
wait_written (Written *written)
{
  guint timeout_id = g_timeout_add_seconds (WAIT_TIMEOUT_S, on_timeout_cb, NULL);

  while (!written->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

static char *
insert_on (RdStore     *store,
           const char  *customer,
           GError     **error)
{
  g_autoptr (JsonObject) body = json_object_new ();

  json_object_set_string_member (body, "type", "agreement");
  json_object_set_string_member (body, "customer", customer);
  json_object_set_string_member (body, "end_date", "2027-03-31");
  return rd_store_insert (store, body, error);
}

/* Inserts the customer data names, then fails when it is "Fail". */
static gpointer
insert_job (RdStore  *writer,
            gpointer  data,
            GError  **error)
{
  g_autofree char *id = insert_on (writer, data, error);

  if (id == NULL)
    return NULL;
  if (g_str_equal (data, "Fail"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed on purpose");
      return NULL;
    }
  return g_steal_pointer (&id);
}

static void
test_worker_write (Fixture       *f,
                   gconstpointer  data)
{
  RdStoreWorker *worker = rd_store_worker_get_for_queue (f->store, RD_STORE_WORKER_SYNC);
  Changes changes = { 0 };
  Written kept = { worker, &changes }, failed = { worker, &changes };
  gulong handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb),
                                     &changes);

  g_assert_true (worker != rd_store_worker_get_for_store (f->store));

  /* Committed: the store says so, naming the record, before the caller hears. */
  rd_store_worker_write_async (worker, insert_job, "Acme Corp", NULL, g_free, NULL,
                               on_written_cb, &kept);
  wait_written (&kept);
  g_assert_no_error (kept.error);
  g_assert_nonnull (kept.result);
  g_assert_cmpuint (kept.emitted_before, ==, 1);
  g_assert_false (changes.unnamed);
  g_assert_cmpuint (g_strv_length (changes.ids), ==, 1);
  g_assert_cmpstr (changes.ids[0], ==, kept.result);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 1);

  /* Failed after a write: nothing of it is kept, and nothing changed. */
  rd_store_worker_write_async (worker, insert_job, "Fail", NULL, g_free, NULL,
                               on_written_cb, &failed);
  wait_written (&failed);
  g_assert_error (failed.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (failed.result);
  g_assert_cmpuint (changes.emitted, ==, 1);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 1);

  g_signal_handler_disconnect (f->store, handler);
  g_strfreev (changes.ids);
  g_free (kept.result);
  g_clear_error (&failed.error);
}

typedef struct
{
  GCancellable *cancellable;
  GMutex        mutex;
  GCond         cond;
  gboolean      begun;   /* the job has written, inside its transaction */
  int           second_written; /* set (atomically) when the job is about to commit */
} Midway;

static void
midway_begun (Midway *m)
{
  g_mutex_lock (&m->mutex);
  m->begun = TRUE;
  g_cond_broadcast (&m->cond);
  g_mutex_unlock (&m->mutex);
}

static void
midway_wait_begun (Midway *m)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_TIME_SPAN_SECOND;

  g_mutex_lock (&m->mutex);
  while (!m->begun)
    if (!g_cond_wait_until (&m->cond, &m->mutex, deadline))
      g_error ("The write job did not begin within %d s", WAIT_TIMEOUT_S);
  g_mutex_unlock (&m->mutex);
}

/* Writes, cancels its own cancellable (when it has one), says it has begun, lingers in its
 * transaction, then writes again. */
static gpointer
lingering_job (RdStore  *writer,
               gpointer  data,
               GError  **error)
{
  Midway *m = data;
  g_autofree char *first = insert_on (writer, "Initech", error);
  g_autofree char *second = NULL;

  if (first == NULL)
    return NULL;
  if (m->cancellable != NULL)
    g_cancellable_cancel (m->cancellable);
  midway_begun (m);
  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  second = insert_on (writer, "Umbrella", error);
  if (second == NULL)
    return NULL;
  g_atomic_int_set (&m->second_written, TRUE);
  return g_strdup ("both");
}

static void
test_worker_write_cancel (Fixture       *f,
                          gconstpointer  data)
{
  RdStoreWorker *worker = rd_store_worker_get_for_queue (f->store, RD_STORE_WORKER_SYNC);
  g_autoptr (GCancellable) before = g_cancellable_new ();
  g_autoptr (GCancellable) during = g_cancellable_new ();
  Changes changes = { 0 };
  Written not_run = { worker, &changes }, finished = { worker, &changes };
  Midway m = { during };
  gulong handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_store_changed_cb),
                                     &changes);

  g_mutex_init (&m.mutex);
  g_cond_init (&m.cond);

  /* Cancelled before it begins: not run, nothing written, nothing changed. */
  g_cancellable_cancel (before);
  rd_store_worker_write_async (worker, insert_job, "Acme Corp", NULL, g_free, before,
                               on_written_cb, &not_run);
  wait_written (&not_run);
  g_assert_error (not_run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (not_run.result);
  g_assert_cmpuint (changes.emitted, ==, 0);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 0);

  /* Cancelled once begun: it is not interrupted, it commits whole and says so. */
  rd_store_worker_write_async (worker, lingering_job, &m, NULL, g_free, during,
                               on_written_cb, &finished);
  wait_written (&finished);
  g_assert_true (g_cancellable_is_cancelled (during));
  g_assert_no_error (finished.error);
  g_assert_cmpstr (finished.result, ==, "both");
  g_assert_cmpuint (finished.emitted_before, ==, 1);
  g_assert_cmpuint (g_strv_length (changes.ids), ==, 2);
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 2);

  g_signal_handler_disconnect (f->store, handler);
  g_strfreev (changes.ids);
  g_free (finished.result);
  g_clear_error (&not_run.error);
  g_mutex_clear (&m.mutex);
  g_cond_clear (&m.cond);
}

static void
test_worker_change_during_write (Fixture       *f,
                                 gconstpointer  data)
{
  RdStoreWorker *worker = rd_store_worker_get_for_queue (f->store, RD_STORE_WORKER_SYNC);
  Changes changes = { 0 };
  Written written = { worker, &changes };
  Midway m = { NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  g_mutex_init (&m.mutex);
  g_cond_init (&m.cond);

  rd_store_worker_write_async (worker, lingering_job, &m, NULL, g_free, NULL,
                               on_written_cb, &written);
  midway_wait_begun (&m);

  /* The job holds its transaction: the main connection's write waits for its commit, then
   * is kept beside everything the job wrote. */
  id = insert_on (f->store, "Globex", &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  g_assert_true (g_atomic_int_get (&m.second_written));

  wait_written (&written);
  g_assert_no_error (written.error);
  g_assert_cmpstr (written.result, ==, "both");
  g_assert_cmpuint (rd_store_count (f->store, "agreement"), ==, 3);

  g_strfreev (changes.ids);
  g_free (written.result);
  g_mutex_clear (&m.mutex);
  g_cond_clear (&m.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-worker/result", Fixture, NULL,
              fixture_setup, test_worker_result, fixture_teardown);
  g_test_add ("/store-worker/cancel", Fixture, NULL,
              fixture_setup, test_worker_cancel, fixture_teardown);
  g_test_add ("/store-worker/change-during-query", Fixture, NULL,
              fixture_setup, test_worker_change_during_query, fixture_teardown);
  g_test_add ("/store-worker/queues", Fixture, NULL,
              fixture_setup, test_worker_queues, fixture_teardown);
  g_test_add ("/store-worker/write", Fixture, NULL,
              fixture_setup, test_worker_write, fixture_teardown);
  g_test_add ("/store-worker/write-cancel", Fixture, NULL,
              fixture_setup, test_worker_write_cancel, fixture_teardown);
  g_test_add ("/store-worker/change-during-write", Fixture, NULL,
              fixture_setup, test_worker_change_during_write, fixture_teardown);

  return g_test_run ();
}
