/* rd-reminder-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-milestones.h"
#include "rd-reminder-scheduler.h"
#include "rd-store-private.h"

/* The wall clock is re-read this often, whatever the timer to the next reminder says. */
#define TICK_SECONDS 60
/* The timer to the next reminder never sleeps longer than this (monotonic time stops in
 * suspend; the tick covers that, this only bounds a long sleep). */
#define MAX_TIMER_SECONDS (6 * 3600)
/* Per-device rows older than this can no longer matter (offsets are at most three years). */
#define STATE_KEEP_DAYS (4 * 366)

struct _RdReminderScheduler
{
  GObject              parent_instance;

  RdStore             *store;
  GSettings           *settings;
  RdReminderClockFunc  clock_func;
  gpointer             clock_data;
  GDestroyNotify       clock_destroy;
  GArray              *offsets;     /* normalised: descending */
  int                  hour;
  int                  minute;
  GHashTable          *delivered;   /* ids shown and not withdrawn */
  GHashTable          *warned;      /* ids of damaged state rows already reported */
  guint                due_source;
  guint                tick_source;
  guint                idle_source;
  gulong               store_changed_id;
  guint                running : 1;
};

G_DEFINE_FINAL_TYPE (RdReminderScheduler, rd_reminder_scheduler, G_TYPE_OBJECT)
G_DEFINE_QUARK (rd-reminder-error-quark, rd_reminder_error)

enum
{
  REMINDERS_DUE,
  REMINDERS_WITHDRAWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void arm_due_timer (RdReminderScheduler *self,
                           GDateTime           *now);

static void
rd_reminder_scheduler_dispose (GObject *object)
{
  RdReminderScheduler *self = (RdReminderScheduler *) object;

  rd_reminder_scheduler_stop (self);
  g_clear_signal_handler (&self->store_changed_id, self->store);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_reminder_scheduler_parent_class)->dispose (object);
}

static void
rd_reminder_scheduler_finalize (GObject *object)
{
  RdReminderScheduler *self = (RdReminderScheduler *) object;

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  g_clear_object (&self->store);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->delivered, g_hash_table_unref);
  g_clear_pointer (&self->warned, g_hash_table_unref);

  G_OBJECT_CLASS (rd_reminder_scheduler_parent_class)->finalize (object);
}

static void
rd_reminder_scheduler_class_init (RdReminderSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_reminder_scheduler_dispose;
  object_class->finalize = rd_reminder_scheduler_finalize;

  /* A GPtrArray of RdReminder that came due since the last check, each delivered once. */
  signals[REMINDERS_DUE] =
    g_signal_new ("reminders-due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /* A GStrv of reminder ids no longer to be shown: done, snoozed, dismissed, the record
   * deleted or its date changed. */
  signals[REMINDERS_WITHDRAWN] =
    g_signal_new ("reminders-withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
rd_reminder_scheduler_init (RdReminderScheduler *self)
{
  static const int defaults[] = RD_MILESTONE_DEFAULT_OFFSETS;

  self->offsets = rd_milestones_normalize_offsets (defaults, G_N_ELEMENTS (defaults));
  self->hour = RD_REMINDER_DEFAULT_HOUR;
  self->minute = RD_REMINDER_DEFAULT_MINUTE;
  self->delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static gboolean
on_idle_check_cb (gpointer user_data)
{
  RdReminderScheduler *self = user_data;

  self->idle_source = 0;
  rd_reminder_scheduler_check (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (RdReminderScheduler *self,
                     RdStore             *store)
{
  if (self->running && self->idle_source == 0)
    self->idle_source = g_idle_add (on_idle_check_cb, self);
}

RdReminderScheduler *
rd_reminder_scheduler_new (RdStore *store)
{
  RdReminderScheduler *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_REMINDER_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  self->store_changed_id = g_signal_connect_swapped (store, "changed",
                                                     G_CALLBACK (on_store_changed_cb), self);
  return self;
}

RdStore *
rd_reminder_scheduler_get_store (RdReminderScheduler *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), NULL);
  return self->store;
}

void
rd_reminder_scheduler_set_clock (RdReminderScheduler *self,
                                 RdReminderClockFunc  func,
                                 gpointer             user_data,
                                 GDestroyNotify       destroy)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (self->clock_destroy != NULL)
    self->clock_destroy (self->clock_data);
  self->clock_func = func;
  self->clock_data = user_data;
  self->clock_destroy = destroy;
}

GDateTime *
rd_reminder_scheduler_dup_now (RdReminderScheduler *self)
{
  GDateTime *now = NULL;

  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), NULL);

  if (self->clock_func != NULL)
    now = self->clock_func (self->clock_data);
  return now != NULL ? now : g_date_time_new_now_local ();
}

static void
changed_config (RdReminderScheduler *self)
{
  if (self->running)
    rd_reminder_scheduler_check (self);
}

void
rd_reminder_scheduler_set_offsets (RdReminderScheduler *self,
                                   const int           *offsets,
                                   guint                n_offsets)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  g_clear_pointer (&self->offsets, g_array_unref);
  self->offsets = rd_milestones_normalize_offsets (offsets, n_offsets);
  changed_config (self);
}

void
rd_reminder_scheduler_set_reminder_time (RdReminderScheduler *self,
                                         int                  hour,
                                         int                  minute)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (hour >= 0 && hour < 24 && minute >= 0 && minute < 60);

  self->hour = hour;
  self->minute = minute;
  changed_config (self);
}

static void
load_settings (RdReminderScheduler *self)
{
  g_autoptr (GVariant) value = g_settings_get_value (self->settings, "milestone-offsets");
  g_autofree char *time = g_settings_get_string (self->settings, "reminder-time");
  const gint32 *offsets;
  gsize n_offsets = 0;
  int hour, minute;

  offsets = g_variant_get_fixed_array (value, &n_offsets, sizeof (gint32));
  g_clear_pointer (&self->offsets, g_array_unref);
  self->offsets = rd_milestones_normalize_offsets ((const int *) offsets, (guint) n_offsets);
  if (rd_reminder_time_parse (time, &hour, &minute))
    {
      self->hour = hour;
      self->minute = minute;
    }
  else
    g_warning ("Ignoring the reminder time “%s”: it is not of the form HH:MM", time);
}

static void
on_settings_changed_cb (RdReminderScheduler *self,
                        const char          *key,
                        GSettings           *settings)
{
  load_settings (self);
  changed_config (self);
}

void
rd_reminder_scheduler_bind_settings (RdReminderScheduler *self,
                                     GSettings           *settings)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  g_signal_connect_swapped (settings, "changed::milestone-offsets",
                            G_CALLBACK (on_settings_changed_cb), self);
  g_signal_connect_swapped (settings, "changed::reminder-time",
                            G_CALLBACK (on_settings_changed_cb), self);
  load_settings (self);
  changed_config (self);
}

static char *
format_utc (GDateTime *instant)
{
  g_autoptr (GDateTime) utc = g_date_time_to_utc (instant);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
date_of (GDateTime *instant,
         GDate     *out)
{
  int y, m, d;

  g_date_time_get_ymd (instant, &y, &m, &d);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static char *
format_shifted (const GDate *date,
                int          days)
{
  GDate shifted;

  rd_date_add_days_to (date, days, &shifted);
  return rd_date_format (&shifted);
}

static GDateTime *
due_of (RdReminderScheduler *self,
        const GDate         *date,
        GTimeZone           *tz)
{
  return rd_reminder_due_instant (date, self->hour, self->minute, tz);
}

/* "milestones": {"90": "done"} (true is read as done as well). */
static gboolean
milestone_done (const char *milestones_json,
                const char *key)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;
  JsonNode *member;

  if (milestones_json == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, milestones_json, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  member = json_object_get_member (json_node_get_object (root), key);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return FALSE;
  if (json_node_get_value_type (member) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (member);
  return json_node_get_value_type (member) == G_TYPE_STRING
         && g_str_equal (json_node_get_string (member), "done");
}

static void
load_state (RdReminderScheduler *self,
            RdReminder          *reminder)
{
  const char *id = rd_reminder_get_id (reminder);
  g_autoptr (GDateTime) until = NULL;
  RdReminderState state = RD_REMINDER_STATE_NEW;
  sqlite3_stmt *stmt;
  const char *state_text;
  const char *until_text;
  gboolean damaged = FALSE;

  stmt = rd_store_prepare (self->store,
                           "SELECT state, until FROM reminder_state WHERE reminder_id = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return;
    }
  state_text = (const char *) sqlite3_column_text (stmt, 0);
  until_text = (const char *) sqlite3_column_text (stmt, 1);
  if (g_strcmp0 (state_text, "fired") == 0)
    state = RD_REMINDER_STATE_FIRED;
  else if (g_strcmp0 (state_text, "dismissed") == 0)
    state = RD_REMINDER_STATE_DISMISSED;
  else if (g_strcmp0 (state_text, "snoozed") == 0)
    {
      state = RD_REMINDER_STATE_SNOOZED;
      if (until_text != NULL)
        until = g_date_time_new_from_iso8601 (until_text, NULL);
      damaged = until == NULL;
    }
  else
    damaged = TRUE;
  sqlite3_reset (stmt);

  if (damaged)
    {
      if (g_hash_table_add (self->warned, g_strdup (id)))
        g_warning ("Ignoring the damaged reminder state of %s (state “%s”, until “%s”)",
                   id, state_text ? state_text : "", until_text ? until_text : "");
      return;
    }
  rd_reminder_set_state (reminder, state, until);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  RdReminder *ra = *(RdReminder **) a;
  RdReminder *rb = *(RdReminder **) b;
  int c = g_date_time_compare (rd_reminder_get_due (ra), rd_reminder_get_due (rb));

  return c != 0 ? c : g_strcmp0 (rd_reminder_get_id (ra), rd_reminder_get_id (rb));
}

static gboolean
add_due_milestones (RdReminderScheduler  *self,
                    GDateTime            *now,
                    const GDate          *today,
                    GPtrArray            *out,
                    GError              **error)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autofree char *from = rd_date_format (today);
  g_autofree char *to = NULL;
  sqlite3_stmt *stmt;
  GDate last;
  int rc;

  if (self->offsets->len == 0)
    return TRUE;
  rd_date_add_days_to (today, g_array_index (self->offsets, int, 0), &last);
  to = rd_date_format (&last);

  stmt = rd_store_prepare (self->store,
                           "SELECT id, due_date, customer, product_title, milestones, status "
                           "FROM docs INDEXED BY docs_by_due "
                           "WHERE deleted = 0 AND type = 'agreement' AND due_date BETWEEN ? AND ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *end_text = (const char *) sqlite3_column_text (stmt, 1);
      const char *status = (const char *) sqlite3_column_text (stmt, 5);
      g_autoptr (GDateTime) latest_due = NULL;
      RdReminder *reminder;
      GDate end, latest;
      int latest_offset = 0;

      /* Pay-as-you-go agreements have no end date and never get here; a bad one is skipped. */
      if (!rd_date_parse (end_text, &end))
        continue;
      if (status != NULL && g_ascii_strcasecmp (status, "ACTIVE") != 0)
        continue;
      /* Offsets descend, so milestone dates ascend: keep the last one already due. */
      for (guint i = 0; i < self->offsets->len; i++)
        {
          int offset = g_array_index (self->offsets, int, i);
          g_autoptr (GDateTime) due = NULL;
          GDate date;

          rd_date_add_days_to (&end, -offset, &date);
          due = due_of (self, &date, tz);
          if (g_date_time_compare (due, now) > 0)
            break;
          g_clear_pointer (&latest_due, g_date_time_unref);
          latest_due = g_steal_pointer (&due);
          latest = date;
          latest_offset = offset;
        }
      if (latest_due == NULL)
        continue;
      {
        g_autofree char *key = g_strdup_printf ("%d", latest_offset);

        if (milestone_done ((const char *) sqlite3_column_text (stmt, 4), key))
          continue;
      }
      reminder = rd_reminder_new (id, RD_REMINDER_KIND_MILESTONE, latest_offset, &latest,
                                  latest_due);
      rd_reminder_set_details (reminder,
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               end_text, rd_date_days_between (today, &end));
      g_ptr_array_add (out, reminder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self->store, error, _("reading the reminders"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
add_due_expirations (RdReminderScheduler  *self,
                     GDateTime            *now,
                     const GDate          *today,
                     GPtrArray            *out,
                     GError              **error)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autofree char *from = format_shifted (today, -RD_REMINDER_EXPIRATION_CATCH_UP_DAYS);
  g_autofree char *to = rd_date_format (today);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (self->store,
                           "SELECT id, expiration_date, customer, product_title, "
                           "json_extract (body, '$.milestones'), end_date "
                           "FROM docs INDEXED BY docs_by_expiration "
                           "WHERE deleted = 0 AND type = 'offer' AND stage = 'published' "
                           "AND expiration_date BETWEEN ? AND ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr (GDateTime) due = NULL;
      RdReminder *reminder;
      GDate expiration;

      if (!rd_date_parse ((const char *) sqlite3_column_text (stmt, 1), &expiration))
        continue;
      due = due_of (self, &expiration, tz);
      if (g_date_time_compare (due, now) > 0)
        continue;
      if (milestone_done ((const char *) sqlite3_column_text (stmt, 4),
                          RD_REMINDER_EXPIRATION_KEY))
        continue;
      reminder = rd_reminder_new (id, RD_REMINDER_KIND_EXPIRATION, 0, &expiration, due);
      rd_reminder_set_details (reminder,
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 5),
                               rd_date_days_between (today, &expiration));
      g_ptr_array_add (out, reminder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self->store, error, _("reading the reminders"));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
compute_due (RdReminderScheduler  *self,
             GDateTime            *now,
             GError              **error)
{
  g_autoptr (GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  GDate today;

  date_of (now, &today);
  if (!add_due_milestones (self, now, &today, due, error)
      || !add_due_expirations (self, now, &today, due, error))
    return NULL;
  for (guint i = 0; i < due->len; i++)
    load_state (self, g_ptr_array_index (due, i));
  g_ptr_array_sort (due, compare_due);
  return g_steal_pointer (&due);
}

GPtrArray *
rd_reminder_scheduler_list_due (RdReminderScheduler  *self,
                                GError              **error)
{
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), NULL);

  now = rd_reminder_scheduler_dup_now (self);
  return compute_due (self, now, error);
}

static gboolean
is_pending (RdReminder *reminder,
            GDateTime  *now)
{
  switch (rd_reminder_get_state (reminder))
    {
    case RD_REMINDER_STATE_NEW:
      return TRUE;
    case RD_REMINDER_STATE_SNOOZED:
      return g_date_time_compare (rd_reminder_get_snoozed_until (reminder), now) <= 0;
    case RD_REMINDER_STATE_FIRED:
    case RD_REMINDER_STATE_DISMISSED:
    default:
      return FALSE;
    }
}

static gboolean
write_state (RdReminderScheduler  *self,
             const char           *reminder_id,
             const char           *record_id,
             RdReminderState       state,
             GDateTime            *until,
             GDateTime            *now,
             GError              **error)
{
  g_autofree char *until_text = until ? format_utc (until) : NULL;
  g_autofree char *now_text = format_utc (now);
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (self->store,
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
  if (until_text != NULL)
    sqlite3_bind_text (stmt, 4, until_text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, now_text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (self->store, error, _("saving the state of a reminder"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
mark_fired (RdReminderScheduler  *self,
            GPtrArray            *reminders,
            GDateTime            *now,
            GError              **error)
{
  if (!rd_store_begin (self->store, error))
    return FALSE;
  for (guint i = 0; i < reminders->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (reminders, i);

      if (!write_state (self, rd_reminder_get_id (reminder), rd_reminder_get_record_id (reminder),
                        RD_REMINDER_STATE_FIRED, NULL, now, error))
        {
          rd_store_rollback (self->store);
          return FALSE;
        }
    }
  return rd_store_commit (self->store, error);
}

static void
emit_withdrawn (RdReminderScheduler *self,
                GPtrArray           *ids)
{
  if (ids->len == 0)
    return;
  g_ptr_array_add (ids, NULL);
  g_signal_emit (self, signals[REMINDERS_WITHDRAWN], 0, (GStrv) ids->pdata);
}

static void
withdraw_one (RdReminderScheduler *self,
              const char          *reminder_id)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  if (!g_hash_table_remove (self->delivered, reminder_id))
    return;
  g_ptr_array_add (ids, g_strdup (reminder_id));
  emit_withdrawn (self, ids);
}

void
rd_reminder_scheduler_check (RdReminderScheduler *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) withdrawn = NULL;
  g_autoptr (GHashTable) showable = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  const char *id;

  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  now = rd_reminder_scheduler_dup_now (self);
  due = compute_due (self, now, &error);
  if (due == NULL)
    {
      g_warning ("Failed to compute the due reminders: %s", error->message);
      arm_due_timer (self, now);
      return;
    }

  pending = g_ptr_array_new_with_free_func (g_object_unref);
  showable = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < due->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (due, i);
      RdReminderState state = rd_reminder_get_state (reminder);

      if (state == RD_REMINDER_STATE_FIRED || is_pending (reminder, now))
        g_hash_table_add (showable, (gpointer) rd_reminder_get_id (reminder));
      if (is_pending (reminder, now)
          && !g_hash_table_contains (self->delivered, rd_reminder_get_id (reminder)))
        g_ptr_array_add (pending, g_object_ref (reminder));
    }

  withdrawn = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_iter_init (&iter, self->delivered);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (showable, id))
      {
        g_ptr_array_add (withdrawn, g_strdup (id));
        g_hash_table_iter_remove (&iter);
      }
  emit_withdrawn (self, withdrawn);

  {
    g_autofree char *at = g_date_time_format_iso8601 (now);

    g_debug ("Check at %s: %u due, %u to deliver, %u withdrawn", at, due->len, pending->len,
             withdrawn->len);
  }

  if (pending->len > 0)
    {
      /* Recorded before it is shown: a crash may lose a reminder, never repeat 300. */
      if (!mark_fired (self, pending, now, &error))
        g_warning ("Failed to record delivered reminders: %s", error->message);
      for (guint i = 0; i < pending->len; i++)
        {
          RdReminder *reminder = g_ptr_array_index (pending, i);

          rd_reminder_set_state (reminder, RD_REMINDER_STATE_FIRED, NULL);
          g_hash_table_add (self->delivered, g_strdup (rd_reminder_get_id (reminder)));
        }
      g_signal_emit (self, signals[REMINDERS_DUE], 0, pending);
    }

  arm_due_timer (self, now);
}

static char *
query_min_date (RdReminderScheduler *self,
                const char          *sql,
                const char          *from)
{
  sqlite3_stmt *stmt = rd_store_prepare (self->store, sql, NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static void
take_earlier (GDateTime **best,
              GDateTime  *candidate)
{
  if (candidate == NULL)
    return;
  if (*best == NULL || g_date_time_compare (candidate, *best) < 0)
    {
      g_clear_pointer (best, g_date_time_unref);
      *best = candidate;
    }
  else
    g_date_time_unref (candidate);
}

static GDateTime *
next_due_after (RdReminderScheduler *self,
                GDateTime           *now)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autoptr (GDateTime) today_due = NULL;
  g_autofree char *now_text = format_utc (now);
  g_autofree char *first_text = NULL;
  g_autofree char *snooze_text = NULL;
  GDateTime *best = NULL;
  sqlite3_stmt *stmt;
  GDate today, first;

  date_of (now, &today);
  today_due = due_of (self, &today, tz);
  first = today;
  if (g_date_time_compare (today_due, now) <= 0)
    g_date_add_days (&first, 1);

  for (guint i = 0; i < self->offsets->len; i++)
    {
      int offset = g_array_index (self->offsets, int, i);
      g_autofree char *from = format_shifted (&first, offset);
      g_autofree char *end_text = NULL;
      GDate end, date;

      end_text = query_min_date (self,
                                 "SELECT min (due_date) FROM docs INDEXED BY docs_by_due "
                                 "WHERE deleted = 0 AND type = 'agreement' AND due_date >= ?",
                                 from);
      if (!rd_date_parse (end_text, &end))
        continue;
      rd_date_add_days_to (&end, -offset, &date);
      take_earlier (&best, due_of (self, &date, tz));
    }

  first_text = rd_date_format (&first);
  {
    g_autofree char *expiration_text = NULL;
    GDate expiration;

    expiration_text = query_min_date (self,
                                      "SELECT min (expiration_date) "
                                      "FROM docs INDEXED BY docs_by_expiration "
                                      "WHERE deleted = 0 AND type = 'offer' "
                                      "AND stage = 'published' AND expiration_date >= ?",
                                      first_text);
    if (rd_date_parse (expiration_text, &expiration))
      take_earlier (&best, due_of (self, &expiration, tz));
  }

  stmt = rd_store_prepare (self->store,
                           "SELECT min (until) FROM reminder_state "
                           "WHERE state = 'snoozed' AND until > ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, now_text, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        snooze_text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (snooze_text != NULL)
        {
          g_autoptr (GDateTime) until = g_date_time_new_from_iso8601 (snooze_text, NULL);

          if (until != NULL)
            take_earlier (&best, g_date_time_to_timezone (until, tz));
        }
    }
  return best;
}

GDateTime *
rd_reminder_scheduler_dup_next_due (RdReminderScheduler *self)
{
  g_autoptr (GDateTime) now = NULL;

  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), NULL);

  now = rd_reminder_scheduler_dup_now (self);
  return next_due_after (self, now);
}

static gboolean
on_due_timeout_cb (gpointer user_data)
{
  RdReminderScheduler *self = user_data;

  self->due_source = 0;
  rd_reminder_scheduler_check (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_tick_cb (gpointer user_data)
{
  rd_reminder_scheduler_check (user_data);
  return G_SOURCE_CONTINUE;
}

static void
arm_due_timer (RdReminderScheduler *self,
               GDateTime           *now)
{
  g_autoptr (GDateTime) next = NULL;
  GTimeSpan wait;
  guint seconds;

  g_clear_handle_id (&self->due_source, g_source_remove);
  if (!self->running)
    return;
  next = next_due_after (self, now);
  if (next == NULL)
    return;
  wait = g_date_time_difference (next, now);
  seconds = (guint) CLAMP ((wait + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND,
                           1, MAX_TIMER_SECONDS);
  self->due_source = g_timeout_add_seconds (seconds, on_due_timeout_cb, self);
  g_source_set_name_by_id (self->due_source, "[rd] next reminder");
}

static void
prune_state (RdReminderScheduler *self,
             GDateTime           *now)
{
  g_autoptr (GDateTime) limit = g_date_time_add_days (now, -STATE_KEEP_DAYS);
  g_autofree char *limit_text = format_utc (limit);
  sqlite3_stmt *stmt;

  stmt = rd_store_prepare (self->store, "DELETE FROM reminder_state WHERE changed_at < ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, limit_text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_debug ("Failed to prune old reminder states");
  sqlite3_reset (stmt);
}

void
rd_reminder_scheduler_start (RdReminderScheduler *self)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GPtrArray) due = NULL;

  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (self->running)
    return;
  self->running = TRUE;

  now = rd_reminder_scheduler_dup_now (self);
  prune_state (self, now);
  /* Notifications of an earlier run may still be on screen: withdraw them when resolved. */
  due = compute_due (self, now, NULL);
  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (due, i);

      if (rd_reminder_get_state (reminder) == RD_REMINDER_STATE_FIRED)
        g_hash_table_add (self->delivered, g_strdup (rd_reminder_get_id (reminder)));
    }

  self->tick_source = g_timeout_add_seconds (TICK_SECONDS, on_tick_cb, self);
  g_source_set_name_by_id (self->tick_source, "[rd] reminder clock check");
  rd_reminder_scheduler_check (self);
}

void
rd_reminder_scheduler_stop (RdReminderScheduler *self)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  self->running = FALSE;
  g_clear_handle_id (&self->due_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_handle_id (&self->idle_source, g_source_remove);
}

static gboolean
parse_id (const char  *reminder_id,
          char       **record_id,
          char       **key,
          GError     **error)
{
  if (rd_reminder_id_parse (reminder_id, record_id, key))
    return TRUE;
  g_set_error (error, RD_REMINDER_ERROR, RD_REMINDER_ERROR_INVALID_ID,
               _("“%s” is not a reminder id"), reminder_id ? reminder_id : "");
  return FALSE;
}

static gboolean
set_user_state (RdReminderScheduler  *self,
                const char           *reminder_id,
                RdReminderState       state,
                GDateTime            *until,
                GError              **error)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *record_id = NULL;

  if (!parse_id (reminder_id, &record_id, NULL, error))
    return FALSE;
  now = rd_reminder_scheduler_dup_now (self);
  if (!write_state (self, reminder_id, record_id, state, until, now, error))
    return FALSE;
  withdraw_one (self, reminder_id);
  if (self->running)
    arm_due_timer (self, now);
  return TRUE;
}

gboolean
rd_reminder_scheduler_snooze (RdReminderScheduler  *self,
                              const char           *reminder_id,
                              GDateTime            *until,
                              GError              **error)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), FALSE);
  g_return_val_if_fail (until != NULL, FALSE);

  return set_user_state (self, reminder_id, RD_REMINDER_STATE_SNOOZED, until, error);
}

gboolean
rd_reminder_scheduler_dismiss (RdReminderScheduler  *self,
                               const char           *reminder_id,
                               GError              **error)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), FALSE);

  return set_user_state (self, reminder_id, RD_REMINDER_STATE_DISMISSED, NULL, error);
}

gboolean
rd_reminder_scheduler_mark_done (RdReminderScheduler  *self,
                                 const char           *reminder_id,
                                 GError              **error)
{
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (JsonObject) milestones = json_object_new ();
  g_autofree char *record_id = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), FALSE);

  if (!parse_id (reminder_id, &record_id, &key, error))
    return FALSE;
  json_object_set_string_member (milestones, key, "done");
  json_object_set_object_member (patch, "milestones", g_steal_pointer (&milestones));
  if (!rd_store_merge_patch (self->store, record_id, patch, error))
    return FALSE;
  withdraw_one (self, reminder_id);
  return TRUE;
}
