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
/* Reminders delivered (recorded and emitted) per main-loop dispatch: a catch-up of 15,000
 * does not hold the loop for longer than a frame. */
#define DELIVER_BATCH 300

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
  char                *owner_name;  /* the user's name for "owner", or NULL */
  GHashTable          *delivered;   /* ids shown and not withdrawn */
  GHashTable          *warned;      /* ids of damaged state rows already reported */
  guint                due_source;
  guint                tick_source;
  guint                idle_source;
  gulong               store_changed_id;
  GCancellable        *cancellable;   /* the check computing on the store's worker */
  GDateTime           *check_now;     /* the clock of the check in progress */
  GPtrArray           *to_deliver;    /* RdReminder the check in progress delivers */
  guint                delivered_upto;
  guint                deliver_source;
  guint                running : 1;
  guint                can_deliver : 1;    /* something shows notifications */
  guint                checking : 1;       /* a check computes or delivers ("busy") */
  guint                check_again : 1;    /* asked for while checking */
  guint                stale : 1;          /* the store changed while the check computed */
  guint                seed_delivered : 1; /* the first check after start */
  guint                prune : 1;
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

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

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
  g_clear_pointer (&self->owner_name, g_free);
  g_clear_pointer (&self->delivered, g_hash_table_unref);
  g_clear_pointer (&self->warned, g_hash_table_unref);

  G_OBJECT_CLASS (rd_reminder_scheduler_parent_class)->finalize (object);
}

static void
rd_reminder_scheduler_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RdReminderScheduler *self = RD_REMINDER_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->checking);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_reminder_scheduler_class_init (RdReminderSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_reminder_scheduler_dispose;
  object_class->finalize = rd_reminder_scheduler_finalize;
  object_class->get_property = rd_reminder_scheduler_get_property;

  /* TRUE while a check computes on the store's worker or delivers what it found. */
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A GPtrArray of RdReminder that came due since the last check, each delivered once;
   * a large catch-up comes in several emissions of at most DELIVER_BATCH. */
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
  self->can_deliver = TRUE;
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
  if (!self->running)
    return;
  /* A check on the worker may have read the store before this change. */
  if (self->checking)
    {
      self->stale = TRUE;
      self->check_again = TRUE;
    }
  else if (self->idle_source == 0)
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

void
rd_reminder_scheduler_set_owner_name (RdReminderScheduler *self,
                                      const char          *owner_name)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (g_strcmp0 (self->owner_name, owner_name) == 0)
    return;
  g_free (self->owner_name);
  self->owner_name = g_strdup (owner_name);
  changed_config (self);
}

/* "owner-name", or the sync user name when it is empty. */
static char *
dup_owner_name (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "owner-name");

  g_strstrip (name);
  if (*name != '\0')
    return g_steal_pointer (&name);
  g_free (name);
  name = g_settings_get_string (settings, "sync-user");
  return g_strstrip (g_steal_pointer (&name));
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
  g_free (self->owner_name);
  self->owner_name = dup_owner_name (self->settings);
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
  g_signal_connect_swapped (settings, "changed::owner-name",
                            G_CALLBACK (on_settings_changed_cb), self);
  g_signal_connect_swapped (settings, "changed::sync-user",
                            G_CALLBACK (on_settings_changed_cb), self);
  load_settings (self);
  changed_config (self);
}

static RdReminderDueRules
rules_of (RdReminderScheduler *self)
{
  return (RdReminderDueRules) { (const int *) (gpointer) self->offsets->data, self->offsets->len,
                                self->hour, self->minute, self->owner_name };
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

static void
set_checking (RdReminderScheduler *self,
              gboolean             checking)
{
  if (self->checking == !!checking)
    return;
  self->checking = !!checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

static void start_check (RdReminderScheduler *self);

static void
finish_check (RdReminderScheduler *self)
{
  g_autoptr (GDateTime) now = rd_reminder_scheduler_dup_now (self);

  g_clear_handle_id (&self->deliver_source, g_source_remove);
  g_clear_pointer (&self->to_deliver, g_ptr_array_unref);
  g_clear_pointer (&self->check_now, g_date_time_unref);
  arm_due_timer (self, now);
  if (self->check_again)
    start_check (self);
  else
    set_checking (self, FALSE);
}

static gboolean
on_deliver_batch_cb (gpointer user_data)
{
  g_autoptr (RdReminderScheduler) self = g_object_ref (user_data);
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  GPtrArray *to_deliver = self->to_deliver;
  guint end = MIN (self->delivered_upto + DELIVER_BATCH, to_deliver->len);

  for (guint i = self->delivered_upto; i < end; i++)
    g_ptr_array_add (batch, g_object_ref (g_ptr_array_index (to_deliver, i)));
  self->delivered_upto = end;

  /* Recorded as it is handed to the notification service (a crash may lose a reminder,
   * never repeat 300); without a service nothing gets here. */
  if (!rd_store_reminders_set_fired (self->store, batch, self->check_now, &error))
    g_warning ("Failed to record delivered reminders: %s", error->message);
  for (guint i = 0; i < batch->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (batch, i);

      rd_reminder_set_state (reminder, RD_REMINDER_STATE_FIRED, NULL);
      g_hash_table_add (self->delivered, g_strdup (rd_reminder_get_id (reminder)));
    }
  g_signal_emit (self, signals[REMINDERS_DUE], 0, batch);

  /* A handler may have stopped the scheduler. */
  if (self->to_deliver != to_deliver)
    return G_SOURCE_REMOVE;
  if (self->delivered_upto < to_deliver->len)
    return G_SOURCE_CONTINUE;
  self->deliver_source = 0;
  finish_check (self);
  return G_SOURCE_REMOVE;
}

/* Withdraws what is no longer due and queues what came due for delivery. */
static void
process_due (RdReminderScheduler *self,
             RdReminderCheck     *check)
{
  g_autoptr (GPtrArray) withdrawn = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *id;

  for (guint i = 0; i < check->damaged->len; i++)
    {
      id = g_ptr_array_index (check->damaged, i);
      if (g_hash_table_add (self->warned, g_strdup (id)))
        g_warning ("Ignoring the damaged reminder state of %s (%s)", id,
                   (const char *) g_ptr_array_index (check->damage, i));
    }

  /* Notifications of an earlier run may still be on screen: withdraw them when resolved. */
  if (self->seed_delivered)
    for (guint i = 0; i < check->fired->len; i++)
      g_hash_table_add (self->delivered, g_strdup (g_ptr_array_index (check->fired, i)));
  self->seed_delivered = FALSE;

  /* Without a notification service a reminder stays pending, to be shown when one appears. */
  self->to_deliver = g_ptr_array_new_with_free_func (g_object_unref);
  self->delivered_upto = 0;
  for (guint i = 0; self->can_deliver && check->pending != NULL && i < check->pending->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (check->pending, i);

      if (!g_hash_table_contains (self->delivered, rd_reminder_get_id (reminder)))
        g_ptr_array_add (self->to_deliver, g_object_ref (reminder));
    }

  g_hash_table_iter_init (&iter, self->delivered);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (check->showable, id))
      {
        g_ptr_array_add (withdrawn, g_strdup (id));
        g_hash_table_iter_remove (&iter);
      }

  {
    g_autofree char *at = g_date_time_format_iso8601 (self->check_now);

    g_debug ("Check at %s: %u shown or pending, %u to deliver, %u withdrawn", at,
             g_hash_table_size (check->showable), self->to_deliver->len, withdrawn->len);
  }
  emit_withdrawn (self, withdrawn);
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr (RdReminderScheduler) self = user_data;
  g_autoptr (RdReminderCheck) check = NULL;
  g_autoptr (GError) error = NULL;

  check = rd_store_reminders_check_due_finish (self->store, res, &error);
  /* Stopped: stop() has already ended the check. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (check == NULL)
    g_warning ("Failed to compute the due reminders: %s", error->message);
  else if (self->stale)
    self->check_again = TRUE;
  else
    process_due (self, check);

  if (self->to_deliver != NULL && self->to_deliver->len > 0)
    {
      self->deliver_source = g_idle_add (on_deliver_batch_cb, self);
      g_source_set_name_by_id (self->deliver_source, "[rd] deliver reminders");
    }
  else
    finish_check (self);
}

static void
start_check (RdReminderScheduler *self)
{
  RdReminderDueRules rules = rules_of (self);
  g_autoptr (GDateTime) prune_before = NULL;

  self->check_again = FALSE;
  self->stale = FALSE;
  g_clear_pointer (&self->check_now, g_date_time_unref);
  self->check_now = rd_reminder_scheduler_dup_now (self);
  if (self->prune)
    prune_before = g_date_time_add_days (self->check_now, -STATE_KEEP_DAYS);
  self->prune = FALSE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_checking (self, TRUE);
  rd_store_reminders_check_due_async (self->store, &rules, self->check_now, prune_before,
                                      self->can_deliver, self->cancellable, on_check_done_cb,
                                      g_object_ref (self));
}

void
rd_reminder_scheduler_check (RdReminderScheduler *self)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (self->checking)
    self->check_again = TRUE;
  else
    start_check (self);
}

void
rd_reminder_scheduler_set_can_deliver (RdReminderScheduler *self,
                                       gboolean             can_deliver)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (self->can_deliver == !!can_deliver)
    return;
  self->can_deliver = !!can_deliver;
  g_debug ("Notifications can %sbe shown", can_deliver ? "" : "not ");
  if (can_deliver && self->running)
    rd_reminder_scheduler_check (self);
}

gboolean
rd_reminder_scheduler_get_can_deliver (RdReminderScheduler *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), FALSE);

  return self->can_deliver;
}

gboolean
rd_reminder_scheduler_is_busy (RdReminderScheduler *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), FALSE);

  return self->checking;
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

void
rd_reminder_scheduler_start (RdReminderScheduler *self)
{
  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->prune = TRUE;
  self->seed_delivered = TRUE;

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
  g_clear_handle_id (&self->deliver_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->to_deliver, g_ptr_array_unref);
  g_clear_pointer (&self->check_now, g_date_time_unref);
  self->check_again = FALSE;
  set_checking (self, FALSE);
}

void
rd_reminder_scheduler_list_due_page_async (RdReminderScheduler *self,
                                           guint                offset,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  RdReminderDueRules rules;
  g_autoptr (GDateTime) now = NULL;

  g_return_if_fail (RD_IS_REMINDER_SCHEDULER (self));

  rules = rules_of (self);
  now = rd_reminder_scheduler_dup_now (self);
  rd_store_reminders_list_due_page_async (self->store, &rules, now, offset, limit, cancellable,
                                          callback, user_data);
}

GPtrArray *
rd_reminder_scheduler_list_due_page_finish (RdReminderScheduler  *self,
                                            GAsyncResult         *result,
                                            guint                *total,
                                            GHashTable          **counts,
                                            GError              **error)
{
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (self), NULL);

  return rd_store_reminders_list_due_page_finish (self->store, result, total, counts, error);
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
