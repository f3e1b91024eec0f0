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
  GWeakRef     owner;   /* the store it serves: told what write jobs commit */
};

G_DEFINE_FINAL_TYPE (RdStoreWorker, rd_store_worker, G_TYPE_OBJECT)

typedef struct
{
  RdStoreWorkerFunc      func;
  RdStoreWorkerWriteFunc write_func;
  gpointer               data;
  GDestroyNotify         data_free;
  GDestroyNotify         result_free;
} Job;

/* What a write job leaves: its result, and what its commit changed. */
typedef struct
{
  gpointer        result;
  GDestroyNotify  result_free;
  gboolean        changed;
  char          **changed_ids; /* NULL when the change named no records */
} Written;

static Job *
job_new (RdStoreWorkerFunc      func,
         RdStoreWorkerWriteFunc write_func,
         gpointer               data,
         GDestroyNotify         data_free,
         GDestroyNotify         result_free)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->write_func = write_func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  return job;
}

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

static void
written_free (Written *written)
{
  if (written->result != NULL && written->result_free != NULL)
    written->result_free (written->result);
  g_strfreev (written->changed_ids);
  g_free (written);
}

static void
on_writer_changed_cb (RdStore  *writer,
                      gpointer  user_data)
{
  Written *written = user_data;

  written->changed = TRUE;
  g_strfreev (written->changed_ids);
  written->changed_ids = g_strdupv ((char **) rd_store_peek_changed_ids (writer));
}

/* One transaction: the job's writes are all committed, or none is. */
static Written *
run_write (RdStore  *writer,
           Job      *job,
           GError  **error)
{
  Written *written;
  gulong handler;

  if (!rd_store_begin (writer, error))
    return NULL;
  written = g_new0 (Written, 1);
  written->result_free = job->result_free;
  handler = g_signal_connect (writer, "changed", G_CALLBACK (on_writer_changed_cb), written);
  written->result = job->write_func (writer, job->data, error);
  if (written->result == NULL)
    rd_store_rollback (writer);
  else if (!rd_store_commit (writer, error))
    g_clear_pointer (&written->result, job->result_free);
  g_signal_handler_disconnect (writer, handler);
  if (written->result == NULL)
    {
      written_free (written);
      return NULL;
    }
  return written;
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

  if (job->write_func != NULL)
    {
      Written *written = run_write (self->reader, job, &error);

      if (written == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, written, (GDestroyNotify) written_free);
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
  g_weak_ref_clear (&self->owner);

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
  g_weak_ref_init (&self->owner, NULL);
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
    [RD_STORE_WORKER_SYNC] = "rd-store-worker-sync",
  };
  RdStoreWorker *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) queue < G_N_ELEMENTS (keys), NULL);

  self = g_object_get_data (G_OBJECT (store), keys[queue]);
  if (self == NULL)
    {
      self = g_object_new (RD_TYPE_STORE_WORKER, NULL);
      self->path = g_strdup (rd_store_get_path (store));
      g_weak_ref_set (&self->owner, store);
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

  job = job_new (func, NULL, data, data_free, result_free);

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

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

/* Back in the caller's context: the store tells its views, then the caller hears. */
static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) outer = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) owner = g_weak_ref_get (g_task_get_task_data (outer));
  Written *written = g_task_propagate_pointer (G_TASK (result), &error);
  gpointer kept;

  if (written == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  if (written->changed && owner != NULL)
    rd_store_take_change (owner, (const char * const *) written->changed_ids);
  kept = g_steal_pointer (&written->result);
  g_task_return_pointer (outer, kept, written->result_free);
  written_free (written);
}

void
rd_store_worker_write_async (RdStoreWorker          *self,
                             RdStoreWorkerWriteFunc  func,
                             gpointer                data,
                             GDestroyNotify          data_free,
                             GDestroyNotify          result_free,
                             GCancellable           *cancellable,
                             GAsyncReadyCallback     callback,
                             gpointer                user_data)
{
  g_autoptr (RdStore) owner = NULL;
  GWeakRef *owner_ref;
  GTask *outer;
  GTask *inner;
  Job *job;

  g_return_if_fail (RD_IS_STORE_WORKER (self));
  g_return_if_fail (func != NULL);

  job = job_new (NULL, func, data, data_free, result_free);

  owner = g_weak_ref_get (&self->owner);
  owner_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (owner_ref, owner);
  outer = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (outer, rd_store_worker_write_async);
  /* A committed write is reported as committed, even if cancelled meanwhile. */
  g_task_set_check_cancellable (outer, FALSE);
  g_task_set_task_data (outer, owner_ref, (GDestroyNotify) weak_ref_free);

  inner = g_task_new (NULL, cancellable, on_written_cb, outer);
  g_task_set_source_tag (inner, rd_store_worker_write_async);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_task_data (inner, job, (GDestroyNotify) job_free);
  g_thread_pool_push (self->pool, inner, NULL);
}

gpointer
rd_store_worker_write_finish (RdStoreWorker *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (RD_IS_STORE_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_store_worker_write_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
