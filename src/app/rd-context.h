/* rd-context.h
 *
 * What the application hands down to its windows and views: the store, the settings and the
 * reminder scheduler (with, once the application has started it, its notifier).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-reminder-notifier.h"
#include "rd-reminder-scheduler.h"
#include "rd-rules.h"
#include "rd-store.h"
#include "rd-sync-scheduler.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTEXT (rd_context_get_type ())
G_DECLARE_FINAL_TYPE (RdContext, rd_context, RD, CONTEXT, GObject)

RdContext *rd_context_new                   (RdStore        *store,
                                             GSettings      *settings);
RdStore   *rd_context_get_store             (RdContext      *self);
GSettings *rd_context_get_settings          (RdContext      *self);
RdRole     rd_context_get_role              (RdContext      *self);
void       rd_context_init_rules_context    (RdContext      *self,
                                             RdRulesContext *out);
GArray    *rd_context_dup_milestone_offsets (RdContext      *self);
/* The user's name in the records' "owner" field: "owner-name", or "sync-user" when that is
 * empty; NULL when both are. */
char      *rd_context_dup_owner_name        (RdContext      *self);
RdReminderScheduler *rd_context_get_reminder_scheduler (RdContext    *self);
RdReminderNotifier  *rd_context_get_reminder_notifier  (RdContext    *self);
/* Adds the reminder actions (open, snooze, done) to application and makes the notifier,
 * without reading any reminder: a notification's action works from the first moment. */
void       rd_context_prepare_reminders     (RdContext      *self,
                                             GApplication   *application);
/* Shows due reminders as notifications of application (preparing them if needed) and
 * starts the scheduler, which first delivers what came due while nothing ran. */
void       rd_context_start_reminders       (RdContext      *self,
                                             GApplication   *application);
void       rd_context_stop_reminders        (RdContext      *self);
/* Team sync: owns the engine, syncs on its own once started with the context. */
RdSyncScheduler     *rd_context_get_sync_scheduler     (RdContext    *self);

G_END_DECLS
