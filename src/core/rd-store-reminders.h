/* rd-store-reminders.h
 *
 * The reminders' SQL: the records that may have a reminder due (read from the covering
 * due and expiration indexes), and what this device did with each reminder (the
 * reminder_state table: fired, snoozed until, dismissed; never synced).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-reminder-due.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Agreements that are due with an end date in [end_from, end_to] and published offers
 * expiring in [expiration_from, expiration_to], as RdReminderCandidate. */
GPtrArray  *rd_store_reminders_list_candidates (RdStore                  *self,
                                                const GDate              *end_from,
                                                const GDate              *end_to,
                                                const GDate              *expiration_from,
                                                const GDate              *expiration_to,
                                                GError                  **error);
/* Every reminder due at now with this device's state, ordered by due time. A damaged state
 * row counts as none; when damaged is given, its id maps to a description of the row. */
GPtrArray  *rd_store_reminders_list_due        (RdStore                  *self,
                                                const RdReminderDueRules *rules,
                                                GDateTime                *now,
                                                GHashTable               *damaged,
                                                GError                  **error);
/* What a reminder check needs of the due reminders, sorted out on the worker: at 100,000
 * records thousands are due, and the main loop gets their ids, not an object each. */
typedef struct
{
  GHashTable *showable;  /* ids of those fired and not acted on, or pending at now */
  GPtrArray  *fired;     /* ids (char *) of those fired and not acted on */
  GPtrArray  *pending;   /* RdReminder pending at now, by due time; NULL unless asked for */
  GPtrArray  *damaged;   /* ids (char *) of the damaged state rows, by due time */
  GPtrArray  *damage;    /* a description of each of those rows */
} RdReminderCheck;

void        rd_reminder_check_free             (RdReminderCheck          *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReminderCheck, rd_reminder_check_free)

/* rd_store_reminders_list_due() sorted out for a check, on the store's worker connection
 * (rd-store-worker.h), never on the main loop; first forgets the states last changed before
 * prune_before, if given. with_pending: also the pending reminders themselves. */
void        rd_store_reminders_check_due_async  (RdStore                  *self,
                                                 const RdReminderDueRules *rules,
                                                 GDateTime                *now,
                                                 GDateTime                *prune_before,
                                                 gboolean                  with_pending,
                                                 GCancellable             *cancellable,
                                                 GAsyncReadyCallback       callback,
                                                 gpointer                  user_data);
RdReminderCheck *rd_store_reminders_check_due_finish (RdStore       *self,
                                                      GAsyncResult  *result,
                                                      GError       **error);
/* A page of the due reminders for a list, on the worker, ordered by
 * rd_reminder_due_compare_urgency(). counts (if given) maps each key ("60", "expiration")
 * to the size of its group (GUINT_TO_POINTER); total is the number of all. */
void        rd_store_reminders_list_due_page_async  (RdStore                  *self,
                                                     const RdReminderDueRules *rules,
                                                     GDateTime                *now,
                                                     guint                     offset,
                                                     guint                     limit,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
GPtrArray  *rd_store_reminders_list_due_page_finish (RdStore                  *self,
                                                     GAsyncResult             *result,
                                                     guint                    *total,
                                                     GHashTable              **counts,
                                                     GError                  **error);
/* Reads the stored state of reminder into it; FALSE (and a description in damaged_out)
 * when the row is damaged, TRUE otherwise (no row: NEW). */
gboolean    rd_store_reminders_load_state      (RdStore                  *self,
                                                RdReminder               *reminder,
                                                char                    **damaged_out);
gboolean    rd_store_reminders_set_state       (RdStore                  *self,
                                                const char               *reminder_id,
                                                const char               *record_id,
                                                RdReminderState           state,
                                                GDateTime                *until,
                                                GDateTime                *now,
                                                GError                  **error);
/* Records reminders (RdReminder) as fired at now, in one transaction. */
gboolean    rd_store_reminders_set_fired       (RdStore                  *self,
                                                GPtrArray                *reminders,
                                                GDateTime                *now,
                                                GError                  **error);
/* The first end date of a due agreement on or after from, or NULL. */
char       *rd_store_reminders_dup_first_end   (RdStore                  *self,
                                                const GDate              *from);
/* The first expiration date of a published offer on or after from, or NULL. */
char       *rd_store_reminders_dup_first_expiration (RdStore             *self,
                                                const GDate              *from);
/* The end of the first snooze after now, or NULL. */
GDateTime  *rd_store_reminders_dup_first_snooze_end (RdStore             *self,
                                                GDateTime                *now);
/* Forgets states last changed before limit. */
void        rd_store_reminders_prune           (RdStore                  *self,
                                                GDateTime                *limit);

G_END_DECLS
