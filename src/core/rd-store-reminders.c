/* rd-store-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-store-private.h"
#include "rd-store-reminders.h"
#include "rd-store-worker.h"

static char *
format_utc (GDateTime *instant)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
bind_date (sqlite3_stmt *stmt,
           int           column,
           const GDate  *date)
{
  sqlite3_bind_text (stmt, column, rd_date_format (date), -1, g_free);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Columns: id, date, end date, customer, product title, milestones, owner, renewal stage. */
static gboolean
add_candidates (RdStore         *self,
                const char      *sql,
                RdReminderKind   kind,
                const GDate     *from,
                const GDate     *to,
                GPtrArray       *out,
                GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (rd_date_compare (from, to) > 0)
    return TRUE;
  stmt = rd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_date (stmt, 1, from);
  bind_date (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdReminderCandidate *candidate = g_new0 (RdReminderCandidate, 1);

      candidate->kind = kind;
      candidate->record_id = dup_column (stmt, 0);
      candidate->date = dup_column (stmt, 1);
      candidate->end_date = dup_column (stmt, 2);
      candidate->customer = dup_column (stmt, 3);
      candidate->product_title = dup_column (stmt, 4);
      candidate->milestones = dup_column (stmt, 5);
      candidate->owner = dup_column (stmt, 6);
      candidate->renewal_stage = dup_column (stmt, 7);
      g_ptr_array_add (out, candidate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("reading the reminders"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
rd_store_reminders_list_candidates (RdStore      *self,
                                    const GDate  *end_from,
                                    const GDate  *end_to,
                                    const GDate  *expiration_from,
                                    const GDate  *expiration_to,
                                    GError      **error)
{
  g_autoptr (GPtrArray) out = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_reminder_candidate_free);
  /* Every column comes from the covering index named (rd-store-schema.c, versions 12 and
   * 15), never from the body. due_date is the end date of an agreement that counts (ACTIVE
   * or without a status). */
  if (!add_candidates (self,
                       "SELECT id, due_date, due_date, customer, product_title, milestones, "
                       "owner, renewal_stage "
                       "FROM docs INDEXED BY docs_by_due "
                       "WHERE deleted = 0 AND type = 'agreement' AND due_date BETWEEN ? AND ?",
                       RD_REMINDER_KIND_MILESTONE, end_from, end_to, out, error)
      || !add_candidates (self,
                          "SELECT id, expiration_date, end_date, customer, product_title, "
                          "milestones, owner, NULL "
                          "FROM docs INDEXED BY docs_by_expiration "
                          "WHERE deleted = 0 AND type = 'offer' AND stage = 'published' "
                          "AND expiration_date BETWEEN ? AND ?",
                          RD_REMINDER_KIND_EXPIRATION, expiration_from, expiration_to, out,
                          error))
    return NULL;
  return g_steal_pointer (&out);
}

gboolean
rd_store_reminders_load_state (RdStore     *self,
                               RdReminder  *reminder,
                               char       **damaged_out)
{
  g_autoptr (GDateTime) until = NULL;
  RdReminderState state;
  sqlite3_stmt *stmt;
  const char *state_text;
  const char *until_text;
  gboolean ok;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = rd_store_prepare (self, "SELECT state, until FROM reminder_state "
                                 "WHERE reminder_id = ?", NULL);
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, rd_reminder_get_id (reminder), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  state_text = (const char *) sqlite3_column_text (stmt, 0);
  until_text = (const char *) sqlite3_column_text (stmt, 1);
  ok = rd_reminder_state_parse (state_text, until_text, &state, &until);
  if (ok)
    rd_reminder_set_state (reminder, state, until);
  else if (damaged_out != NULL)
    *damaged_out = g_strdup_printf ("state “%s”, until “%s”", state_text ? state_text : "",
                                    until_text ? until_text : "");
  sqlite3_reset (stmt);
  return ok;
}

GPtrArray *
rd_store_reminders_list_due (RdStore                  *self,
                             const RdReminderDueRules *rules,
                             GDateTime                *now,
                             GHashTable               *damaged,
                             GError                  **error)
{
  g_autoptr (GPtrArray) candidates = NULL;
  GPtrArray *due;
  GDate end_from, end_to, expiration_from, expiration_to;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  rd_reminder_due_window (rules, now, &end_from, &end_to, &expiration_from, &expiration_to);
  candidates = rd_store_reminders_list_candidates (self, &end_from, &end_to, &expiration_from,
                                                   &expiration_to, error);
  if (candidates == NULL)
    return NULL;
  due = rd_reminder_due_compute (rules, candidates, now);
  for (guint i = 0; i < due->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (due, i);
      g_autofree char *description = NULL;

      if (!rd_store_reminders_load_state (self, reminder, &description) && damaged != NULL)
        g_hash_table_replace (damaged, g_strdup (rd_reminder_get_id (reminder)),
                              g_steal_pointer (&description));
    }
  return due;
}

gboolean
rd_store_reminders_set_state (RdStore          *self,
                              const char       *reminder_id,
                              const char       *record_id,
                              RdReminderState   state,
                              GDateTime        *until,
                              GDateTime        *now,
                              GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  stmt = rd_store_prepare (self,
                           "INSERT INTO reminder_state "
                           "(reminder_id, record_id, state, until, changed_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (reminder_id) DO UPDATE SET "
                           "record_id = excluded.record_id, state = excluded.state, "
                           "until = excluded.until, changed_at = excluded.changed_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reminder_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, rd_reminder_state_to_string (state), -1, SQLITE_STATIC);
  if (until != NULL)
    sqlite3_bind_text (stmt, 4, format_utc (until), -1, g_free);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, format_utc (now), -1, g_free);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self, error, _("saving the state of a reminder"));
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_store_reminders_set_fired (RdStore    *self,
                              GPtrArray  *reminders,
                              GDateTime  *now,
                              GError    **error)
{
  g_return_val_if_fail (RD_IS_STORE (self), FALSE);

  if (!rd_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < reminders->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (reminders, i);

      if (!rd_store_reminders_set_state (self, rd_reminder_get_id (reminder),
                                         rd_reminder_get_record_id (reminder),
                                         RD_REMINDER_STATE_FIRED, NULL, now, error))
        {
          rd_store_rollback (self);
          return FALSE;
        }
    }
  return rd_store_commit (self, error);
}

static char *
query_min_text (RdStore    *self,
                const char *sql,
                char       *from)
{
  sqlite3_stmt *stmt = rd_store_prepare (self, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    {
      g_free (from);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, from, -1, g_free);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = dup_column (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

char *
rd_store_reminders_dup_first_end (RdStore     *self,
                                  const GDate *from)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return query_min_text (self,
                         "SELECT min (due_date) FROM docs INDEXED BY docs_by_due "
                         "WHERE deleted = 0 AND type = 'agreement' AND due_date >= ?",
                         rd_date_format (from));
}

char *
rd_store_reminders_dup_first_expiration (RdStore     *self,
                                         const GDate *from)
{
  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  return query_min_text (self,
                         "SELECT min (expiration_date) FROM docs INDEXED BY docs_by_expiration "
                         "WHERE deleted = 0 AND type = 'offer' "
                         "AND stage = 'published' AND expiration_date >= ?",
                         rd_date_format (from));
}

GDateTime *
rd_store_reminders_dup_first_snooze_end (RdStore   *self,
                                         GDateTime *now)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RD_IS_STORE (self), NULL);

  text = query_min_text (self,
                         "SELECT min (until) FROM reminder_state "
                         "WHERE state = 'snoozed' AND until > ?",
                         format_utc (now));
  return text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

void
rd_store_reminders_prune (RdStore   *self,
                          GDateTime *limit)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (RD_IS_STORE (self));

  stmt = rd_store_prepare (self, "DELETE FROM reminder_state WHERE changed_at < ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, format_utc (limit), -1, g_free);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_debug ("Failed to prune old reminder states");
  sqlite3_reset (stmt);
}

typedef struct
{
  RdReminderDueRules *rules;
  GDateTime          *now;
  GDateTime          *prune_before;
  guint               offset;
  guint               limit;
  gboolean            with_pending;
} DueJob;

/* What a job answers: a check, or a page with its counts. */
typedef struct
{
  RdReminderCheck *check;
  GPtrArray       *reminders;
  GHashTable      *counts;
  guint            total;
} DueResult;

void
rd_reminder_check_free (RdReminderCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->showable, g_hash_table_unref);
  g_clear_pointer (&check->fired, g_ptr_array_unref);
  g_clear_pointer (&check->pending, g_ptr_array_unref);
  g_clear_pointer (&check->damaged, g_ptr_array_unref);
  g_clear_pointer (&check->damage, g_ptr_array_unref);
  g_free (check);
}

static void
due_job_free (gpointer data)
{
  DueJob *job = data;

  rd_reminder_due_rules_free (job->rules);
  g_date_time_unref (job->now);
  g_clear_pointer (&job->prune_before, g_date_time_unref);
  g_free (job);
}

static void
due_result_free (gpointer data)
{
  DueResult *result = data;

  g_clear_pointer (&result->check, rd_reminder_check_free);
  g_clear_pointer (&result->reminders, g_ptr_array_unref);
  g_clear_pointer (&result->counts, g_hash_table_unref);
  g_free (result);
}

/* On the worker thread, with its own connection: the reminders themselves are made and
 * freed here, the main loop gets what it acts on. */
static gpointer
run_check_due (RdStore       *reader,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  DueJob *job = data;
  g_autoptr (RdReminderCheck) check = g_new0 (RdReminderCheck, 1);
  g_autoptr (GHashTable) damaged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  g_autoptr (GPtrArray) due = NULL;
  DueResult *result;

  if (job->prune_before != NULL)
    rd_store_reminders_prune (reader, job->prune_before);
  due = rd_store_reminders_list_due (reader, job->rules, job->now, damaged, error);
  if (due == NULL)
    return NULL;

  check->showable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->fired = g_ptr_array_new_with_free_func (g_free);
  check->damaged = g_ptr_array_new_with_free_func (g_free);
  check->damage = g_ptr_array_new_with_free_func (g_free);
  if (job->with_pending)
    check->pending = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < due->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (due, i);
      const char *id = rd_reminder_get_id (reminder);
      gboolean fired = rd_reminder_get_state (reminder) == RD_REMINDER_STATE_FIRED;
      gboolean pending = rd_reminder_due_is_pending (reminder, job->now);
      const char *description = g_hash_table_lookup (damaged, id);

      if (description != NULL)
        {
          g_ptr_array_add (check->damaged, g_strdup (id));
          g_ptr_array_add (check->damage, g_strdup (description));
        }
      if (fired)
        g_ptr_array_add (check->fired, g_strdup (id));
      if (fired || pending)
        g_hash_table_add (check->showable, g_strdup (id));
      if (pending && check->pending != NULL)
        g_ptr_array_add (check->pending, g_object_ref (reminder));
    }

  result = g_new0 (DueResult, 1);
  result->check = g_steal_pointer (&check);
  return result;
}

static gpointer
run_list_due_page (RdStore       *reader,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  DueJob *job = data;
  g_autoptr (GPtrArray) due = NULL;
  DueResult *result;

  due = rd_store_reminders_list_due (reader, job->rules, job->now, NULL, error);
  if (due == NULL)
    return NULL;
  g_ptr_array_sort (due, rd_reminder_due_compare_urgency);
  result = g_new0 (DueResult, 1);
  result->total = due->len;
  result->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  result->reminders = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < due->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (due, i);
      const char *key = rd_reminder_get_key (reminder);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (result->counts, key));

      g_hash_table_replace (result->counts, g_strdup (key), GUINT_TO_POINTER (count + 1));
      if (i >= job->offset && i - job->offset < job->limit)
        g_ptr_array_add (result->reminders, g_object_ref (reminder));
    }
  return result;
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  DueResult *result;

  /* The task's data is the worker that ran the job (the store, its source, keeps it). */
  result = rd_store_worker_run_finish (g_task_get_task_data (task), res, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, due_result_free);
}

static void
run_due_job (RdStore                  *self,
             RdStoreWorkerQueue        queue,
             RdStoreWorkerFunc         func,
             gpointer                  source_tag,
             const RdReminderDueRules *rules,
             GDateTime                *now,
             GDateTime                *prune_before,
             guint                     offset,
             guint                     limit,
             gboolean                  with_pending,
             GCancellable             *cancellable,
             GAsyncReadyCallback       callback,
             gpointer                  user_data)
{
  RdStoreWorker *worker = rd_store_worker_get_for_queue (self, queue);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  DueJob *job = g_new0 (DueJob, 1);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, worker, NULL);
  job->rules = rd_reminder_due_rules_copy (rules);
  job->now = g_date_time_ref (now);
  job->prune_before = prune_before != NULL ? g_date_time_ref (prune_before) : NULL;
  job->offset = offset;
  job->limit = limit;
  job->with_pending = with_pending;
  rd_store_worker_run_async (worker, func, job, due_job_free, due_result_free, cancellable,
                             on_job_done_cb, task);
}

static DueResult *
finish_due_job (RdStore       *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rd_store_reminders_check_due_async (RdStore                  *self,
                                    const RdReminderDueRules *rules,
                                    GDateTime                *now,
                                    GDateTime                *prune_before,
                                    gboolean                  with_pending,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_return_if_fail (RD_IS_STORE (self));

  /* Nobody waits for the catch-up: a month or the Due list never queues behind it. */
  run_due_job (self, RD_STORE_WORKER_BACKGROUND, run_check_due,
               rd_store_reminders_check_due_async, rules, now, prune_before, 0, 0,
               with_pending, cancellable, callback, user_data);
}

RdReminderCheck *
rd_store_reminders_check_due_finish (RdStore       *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  DueResult *due = finish_due_job (self, result, rd_store_reminders_check_due_async, error);
  RdReminderCheck *check;

  if (due == NULL)
    return NULL;
  check = g_steal_pointer (&due->check);
  due_result_free (due);
  return check;
}

void
rd_store_reminders_list_due_page_async (RdStore                  *self,
                                        const RdReminderDueRules *rules,
                                        GDateTime                *now,
                                        guint                     offset,
                                        guint                     limit,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  g_return_if_fail (RD_IS_STORE (self));

  run_due_job (self, RD_STORE_WORKER_INTERACTIVE, run_list_due_page,
               rd_store_reminders_list_due_page_async, rules, now, NULL, offset, limit,
               FALSE, cancellable, callback, user_data);
}

GPtrArray *
rd_store_reminders_list_due_page_finish (RdStore       *self,
                                         GAsyncResult  *result,
                                         guint         *total,
                                         GHashTable   **counts,
                                         GError       **error)
{
  DueResult *due = finish_due_job (self, result, rd_store_reminders_list_due_page_async,
                                   error);
  GPtrArray *reminders;

  if (due == NULL)
    return NULL;
  reminders = g_steal_pointer (&due->reminders);
  if (total != NULL)
    *total = due->total;
  if (counts != NULL)
    *counts = g_steal_pointer (&due->counts);
  due_result_free (due);
  return reminders;
}
