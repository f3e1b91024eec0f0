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
#include "rd-store-reminders.h"

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

static RdReminderDueRules
rules_of (RdReminderScheduler *self)
{
  return (RdReminderDueRules) { (const int *) (gpointer) self->offsets->data, self->offsets->len,
                                self->hour, self->minute };
}

static GPtrArray *
compute_due (RdReminderScheduler  *self,
             GDateTime            *now,
             GError              **error)
{
  RdReminderDueRules rules = rules_of (self);
  g_autoptr (GHashTable) damaged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  GPtrArray *due;

  due = rd_store_reminders_list_due (self->store, &rules, now, damaged, error);
  for (guint i = 0; due != NULL && i < due->len; i++)
    {
      const char *id = rd_reminder_get_id (g_ptr_array_index (due, i));
      const char *description = g_hash_table_lookup (damaged, id);

      if (description != NULL && g_hash_table_add (self->warned, g_strdup (id)))
        g_warning ("Ignoring the damaged reminder state of %s (%s)", id, description);
    }
  return due;
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
mark_fired (RdReminderScheduler  *self,
            GPtrArray            *reminders,
            GDateTime            *now,
            GError              **error)
{
  return rd_store_reminders_set_fired (self->store, reminders, now, error);
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

      if (state == RD_REMINDER_STATE_FIRED || rd_reminder_due_is_pending (reminder, now))
        g_hash_table_add (showable, (gpointer) rd_reminder_get_id (reminder));
      if (rd_reminder_due_is_pending (reminder, now)
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
  RdReminderDueRules rules = rules_of (self);
  g_autofree char *expiration_text = NULL;
  g_autoptr (GDateTime) snooze_end = NULL;
  GDateTime *best = NULL;
  GDate first, expiration;

  rd_reminder_due_first_day (&rules, now, &first);
  for (guint i = 0; i < rules.n_offsets; i++)
    {
      int offset = rules.offsets[i];
      g_autofree char *end_text = NULL;
      GDate from, end, date;

      rd_date_add_days_to (&first, offset, &from);
      end_text = rd_store_reminders_dup_first_end (self->store, &from);
      if (!rd_date_parse (end_text, &end))
        continue;
      rd_date_add_days_to (&end, -offset, &date);
      take_earlier (&best, rd_reminder_due_instant (&date, self->hour, self->minute, tz));
    }

  expiration_text = rd_store_reminders_dup_first_expiration (self->store, &first);
  if (rd_date_parse (expiration_text, &expiration))
    take_earlier (&best, rd_reminder_due_instant (&expiration, self->hour, self->minute, tz));

  snooze_end = rd_store_reminders_dup_first_snooze_end (self->store, now);
  if (snooze_end != NULL)
    take_earlier (&best, g_date_time_to_timezone (snooze_end, tz));
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

  rd_store_reminders_prune (self->store, limit);
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
  if (!rd_store_reminders_set_state (self->store, reminder_id, record_id, state, until, now,
                                     error))
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
