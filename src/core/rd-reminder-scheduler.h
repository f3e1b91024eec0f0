/* rd-reminder-scheduler.h
 *
 * Decides which renewal reminders are due and delivers each once per device (DESIGN §6).
 *
 * Reminders: for every agreement that is due (ACTIVE, or without a status), one per
 * milestone offset (default 120/90/60 days before end_date); for every offer in stage
 * "published", one on its offer_expiration_date. Which are due when is decided by
 * rd-reminder-due.h; what fired, was snoozed (until when) or dismissed is stored per device
 * (rd-store-reminders.h) and never synced. A damaged state row is ignored with a warning
 * (the reminder counts as new).
 *
 * One timeout runs to the next due reminder; the wall clock is re-read every minute, which
 * catches suspend/resume, manual clock changes and time-zone changes. A check reads the
 * store on its worker connection (rd-store-worker.h), never on the main loop; what came due
 * since the last check is delivered in "reminders-due" emissions of a bounded size, one per
 * main-loop dispatch, so a catch-up of thousands does not freeze a window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-reminder-due.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_REMINDER_ERROR (rd_reminder_error_quark ())

typedef enum
{
  RD_REMINDER_ERROR_INVALID_ID,
} RdReminderError;

/* Returns the current time, in the time zone reminders are computed in. */
typedef GDateTime *(*RdReminderClockFunc) (gpointer user_data);

#define RD_TYPE_REMINDER_SCHEDULER (rd_reminder_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (RdReminderScheduler, rd_reminder_scheduler, RD, REMINDER_SCHEDULER,
                      GObject)

GQuark               rd_reminder_error_quark                (void);

RdReminderScheduler *rd_reminder_scheduler_new              (RdStore             *store);
RdStore             *rd_reminder_scheduler_get_store        (RdReminderScheduler *self);
/* NULL func: the system clock in the local time zone. Tests and the CLI inject their own. */
void                 rd_reminder_scheduler_set_clock        (RdReminderScheduler *self,
                                                             RdReminderClockFunc  func,
                                                             gpointer             user_data,
                                                             GDestroyNotify       destroy);
GDateTime           *rd_reminder_scheduler_dup_now          (RdReminderScheduler *self);
void                 rd_reminder_scheduler_set_offsets      (RdReminderScheduler *self,
                                                             const int           *offsets,
                                                             guint                n_offsets);
void                 rd_reminder_scheduler_set_reminder_time (RdReminderScheduler *self,
                                                             int                  hour,
                                                             int                  minute);
/* Reminders only for renewals whose "owner" is owner_name or empty; NULL or "": all. */
void                 rd_reminder_scheduler_set_owner_name   (RdReminderScheduler *self,
                                                             const char          *owner_name);
/* Follows the "milestone-offsets" (ai), "reminder-time" (s, HH:MM) and "owner-name" (s;
 * empty: "sync-user") keys. */
void                 rd_reminder_scheduler_bind_settings    (RdReminderScheduler *self,
                                                             GSettings           *settings);

/* Delivers what is due now (the catch-up after a start, off the main loop) and arms the
 * timers. */
void                 rd_reminder_scheduler_start            (RdReminderScheduler *self);
void                 rd_reminder_scheduler_stop             (RdReminderScheduler *self);
/* Re-reads the clock, delivers what came due, re-arms the timer: asynchronously, while
 * "busy" is TRUE. Asked for during a check, another check follows it. */
void                 rd_reminder_scheduler_check            (RdReminderScheduler *self);
gboolean             rd_reminder_scheduler_is_busy          (RdReminderScheduler *self);
/* Whether a notification service is there to show reminders (default TRUE). While it is
 * not, due reminders stay pending (not recorded as fired) and come when it is set again,
 * or at the next start. */
void                 rd_reminder_scheduler_set_can_deliver  (RdReminderScheduler *self,
                                                             gboolean             can_deliver);
gboolean             rd_reminder_scheduler_get_can_deliver  (RdReminderScheduler *self);
/* The next instant something may come due (NULL: nothing ahead). */
GDateTime           *rd_reminder_scheduler_dup_next_due     (RdReminderScheduler *self);

/* Every reminder due at the clock's now, whatever this device did with it (see
 * rd_reminder_get_state()), ordered by due time. Changes nothing. Reads on the calling
 * thread's connection (the CLI). */
GPtrArray           *rd_reminder_scheduler_list_due         (RdReminderScheduler *self,
                                                             GError             **error);

/* A page of the due reminders for a list, read on the store's worker: grouped by key, the
 * most urgent group first (offer expirations, then milestones from the smallest offset),
 * by due time within a group. counts (if given) maps each key ("60", "expiration") to the
 * size of its group (GUINT_TO_POINTER); total is the number of all. */
void                 rd_reminder_scheduler_list_due_page_async (RdReminderScheduler *self,
                                                                guint                offset,
                                                                guint                limit,
                                                                GCancellable        *cancellable,
                                                                GAsyncReadyCallback  callback,
                                                                gpointer             user_data);
GPtrArray           *rd_reminder_scheduler_list_due_page_finish (RdReminderScheduler *self,
                                                                 GAsyncResult        *result,
                                                                 guint               *total,
                                                                 GHashTable         **counts,
                                                                 GError             **error);

gboolean             rd_reminder_scheduler_snooze           (RdReminderScheduler *self,
                                                             const char          *reminder_id,
                                                             GDateTime           *until,
                                                             GError             **error);
gboolean             rd_reminder_scheduler_dismiss          (RdReminderScheduler *self,
                                                             const char          *reminder_id,
                                                             GError             **error);
/* Sets "milestones": {key: "done"} in the record through the store (a synced edit). */
gboolean             rd_reminder_scheduler_mark_done        (RdReminderScheduler *self,
                                                             const char          *reminder_id,
                                                             GError             **error);

G_END_DECLS
