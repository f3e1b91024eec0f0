/* rd-store-worker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store-worker"

#include "config.h"

#include "rd-store-private.h"
#include "rd-store-worker.h"

/* How many SQLite VM steps pass between two looks at the job's cancellable. */
#define CANCEL_CHECK_STEPS 10000

struct _RdStoreWorker
{
  GObject      parent_instance;

  char        *path;
  GThreadPool *pool;    /* one thread: the reader's connection is its own */
  RdStore     *reader;  /* opened and used on the worker thread only */
};

G_DEFINE_FINAL_TYPE (RdStoreWorker, rd_store_worker, G_TYPE_OBJECT)

typedef struct
{
  RdStoreWorkerFunc func;
  gpointer          data;
  GDestroyNotify    data_free;
  GDestroyNotify    result_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static int
on_progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static void
run_job (gpointer task_data,
         gpointer pool_data)
{
  g_autoptr (GTask) task = task_data;
  RdStoreWorker *self = pool_data;
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GError) error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->reader == NULL && !(self->reader = rd_store_open_reader (self->path, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (cancellable != NULL)
    sqlite3_progress_handler (rd_store_get_db (self->reader), CANCEL_CHECK_STEPS,
                              on_progress_cb, cancellable);
  result = job->func (self->reader, job->data, cancellable, &error);
  sqlite3_progress_handler (rd_store_get_db (self->reader), 0, NULL, NULL);

  if (g_cancellable_is_cancelled (cancellable))
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error_if_cancelled (task);
    }
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, job->result_free);
}

static void
rd_store_worker_finalize (GObject *object)
{
  RdStoreWorker *self = (RdStoreWorker *) object;

  /* Waits for the queued jobs: each answers, as cancelled or done. */
  g_thread_pool_free (self->pool, FALSE, TRUE);
  g_clear_object (&self->reader);
  g_free (self->path);

  G_OBJECT_CLASS (rd_store_worker_parent_class)->finalize (object);
}

static void
rd_store_worker_class_init (RdStoreWorkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_store_worker_finalize;
}

static void
rd_store_worker_init (RdStoreWorker *self)
{
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
}

RdStoreWorker *
rd_store_worker_get_for_queue (RdStore            *store,
                               RdStoreWorkerQueue  queue)
{
  static const char *const keys[] = {
    [RD_STORE_WORKER_INTERACTIVE] = "rd-store-worker",
    [RD_STORE_WORKER_AGGREGATE] = "rd-store-worker-aggregate",
    [RD_STORE_WORKER_PIPELINE] = "rd-store-worker-pipeline",
    [RD_STORE_WORKER_BACKGROUND] = "rd-store-worker-background",
  };
  RdStoreWorker *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) queue < G_N_ELEMENTS (keys), NULL);

  self = g_object_get_data (G_OBJECT (store), keys[queue]);
  if (self == NULL)
    {
      self = g_object_new (RD_TYPE_STORE_WORKER, NULL);
      self->path = g_strdup (rd_store_get_path (store));
      g_object_set_data_full (G_OBJECT (store), keys[queue], self, g_object_unref);
    }

  return self;
}

RdStoreWorker *
rd_store_worker_get_for_store (RdStore *store)
{
  return rd_store_worker_get_for_queue (store, RD_STORE_WORKER_INTERACTIVE);
}

void
rd_store_worker_run_async (RdStoreWorker      *self,
                           RdStoreWorkerFunc   func,
                           gpointer            data,
                           GDestroyNotify      data_free,
                           GDestroyNotify      result_free,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (RD_IS_STORE_WORKER (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  /* No source object: the last reference to a task may drop on the worker thread, and
   * the worker must not be finalized there (finalizing waits for that thread). */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_store_worker_run_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, task, NULL);
}

gpointer
rd_store_worker_run_finish (RdStoreWorker *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_store_worker_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
