/* rd-store-worker.h
 *
 * Queries whose cost grows with the data, run off the main thread: per store and queue one
 * worker thread with a connection of its own to the same file (WAL lets it read beside the
 * writer and beside the other queues), one job at a time, in the order they were asked for.
 * A job reads the state committed when it starts; a cancelled job stops inside SQLite and
 * finishes with G_IO_ERROR_CANCELLED. A write job (rd_store_worker_write_async) runs in one
 * transaction of that connection, and the store says "changed" of what it committed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

/* Runs on the worker thread with its own store (reader): no signals, no main-loop objects.
 * Returns the result (freed with result_free if nobody takes it), or NULL and sets error. */
typedef gpointer (*RdStoreWorkerFunc) (RdStore       *reader,
                                       gpointer       data,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Who waits for a queue's jobs. Queues never wait for each other: an interactive query is
 * never behind an aggregate, and the pipeline answers what is typed into its search while
 * another queue reads a month or catches up on reminders. */
typedef enum
{
  RD_STORE_WORKER_INTERACTIVE, /* what a user waits for: a month, a day */
  RD_STORE_WORKER_AGGREGATE,   /* figures over all the data: the Dashboard */
  RD_STORE_WORKER_PIPELINE,    /* the pipeline's orders, filters and searches */
  RD_STORE_WORKER_BACKGROUND,  /* what nobody waits for: the reminders' catch-up */
  RD_STORE_WORKER_SYNC,        /* what a sync writes: pulled batches, in the order pulled */
} RdStoreWorkerQueue;

#define RD_TYPE_STORE_WORKER (rd_store_worker_get_type ())
G_DECLARE_FINAL_TYPE (RdStoreWorker, rd_store_worker, RD, STORE_WORKER, GObject)

/* The worker of store for queue: made on first use, finished with the store. */
RdStoreWorker *rd_store_worker_get_for_queue (RdStore            *store,
                                              RdStoreWorkerQueue  queue);
/* The interactive queue's worker. */
RdStoreWorker *rd_store_worker_get_for_store (RdStore            *store);

void           rd_store_worker_run_async     (RdStoreWorker      *self,
                                              RdStoreWorkerFunc   func,
                                              gpointer            data,
                                              GDestroyNotify      data_free,
                                              GDestroyNotify      result_free,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gpointer       rd_store_worker_run_finish    (RdStoreWorker      *self,
                                              GAsyncResult       *result,
                                              GError            **error);

/* Runs on the worker thread inside one transaction (BEGIN IMMEDIATE) of the worker's
 * connection (writer): no signals, no main-loop objects. Returns the result, or NULL and sets
 * error; then nothing it wrote is kept. */
typedef gpointer (*RdStoreWorkerWriteFunc) (RdStore  *writer,
                                            gpointer  data,
                                            GError  **error);

/* A write job cancelled before it begins writes nothing and finishes with
 * G_IO_ERROR_CANCELLED; once begun it is not interrupted: it commits, or rolls back on error,
 * and its result says which whatever happens to cancellable meanwhile. When the commit changed
 * what views show, the store that owns this worker emits "changed" (naming the records the
 * job named) in the caller's thread-default main context, before callback runs. */
void           rd_store_worker_write_async   (RdStoreWorker          *self,
                                              RdStoreWorkerWriteFunc  func,
                                              gpointer                data,
                                              GDestroyNotify          data_free,
                                              GDestroyNotify          result_free,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gpointer       rd_store_worker_write_finish  (RdStoreWorker          *self,
                                              GAsyncResult           *result,
                                              GError                **error);

G_END_DECLS
