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

/* Columns: id, date, end date, customer, product title, milestones, owner. */
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
  /* due_date is the end date of an agreement that counts (ACTIVE or without a status). */
  if (!add_candidates (self,
                       "SELECT id, due_date, due_date, customer, product_title, milestones, "
                       "json_extract (body, '$.owner') "
                       "FROM docs INDEXED BY docs_by_due "
                       "WHERE deleted = 0 AND type = 'agreement' AND due_date BETWEEN ? AND ?",
                       RD_REMINDER_KIND_MILESTONE, end_from, end_to, out, error)
      || !add_candidates (self,
                          "SELECT id, expiration_date, end_date, customer, product_title, "
                          "json_extract (body, '$.milestones'), json_extract (body, '$.owner') "
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
