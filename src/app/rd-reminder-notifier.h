/* rd-reminder-notifier.h
 *
 * Shows due reminders as desktop notifications (GNotification) and handles their buttons.
 * GTK-free: it needs a GApplication and an RdReminderScheduler only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-reminder-scheduler.h"

G_BEGIN_DECLS

/* More reminders than this at once are shown as one summary notification. */
#define RD_REMINDER_NOTIFIER_MAX_SINGLE 3

#define RD_TYPE_REMINDER_NOTIFIER (rd_reminder_notifier_get_type ())
G_DECLARE_FINAL_TYPE (RdReminderNotifier, rd_reminder_notifier, RD, REMINDER_NOTIFIER, GObject)

/* Adds the actions app.snooze-reminder (s), app.mark-reminder-done (s) and
 * app.show-reminders to application. Clicking a notification activates app.show-reminders,
 * which activates the application's app.show-due (its Due view) where it has one. */
RdReminderNotifier *rd_reminder_notifier_new                (GApplication        *application,
                                                             RdReminderScheduler *scheduler);
RdReminderScheduler *rd_reminder_notifier_get_scheduler     (RdReminderNotifier  *self);

/* The notification of one reminder, and of many (exposed for tests). */
GNotification      *rd_reminder_notifier_build_notification (RdReminder          *reminder);
GNotification      *rd_reminder_notifier_build_summary      (GPtrArray           *reminders);
char               *rd_reminder_notifier_dup_notification_id (const char         *reminder_id);

G_END_DECLS
