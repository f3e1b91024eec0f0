/* rd-reminder-due.h
 *
 * Which reminders are due when (DESIGN §6), as plain functions on plain data: a record's
 * dates and "milestones", the user's offsets, time of day and the clock's now in.
 * No store, no main loop: the store reads the candidates (rd-store-reminders.h), the
 * scheduler delivers what these functions decide.
 *
 *  - Only the latest due milestone of an agreement counts: after weeks away, or when an end
 *    date moved earlier, the user gets one catch-up ("60 days left"), not 120 and 90 too.
 *  - A milestone marked done in the document ("milestones": {"90": "done"}) never fires.
 *  - A renewal owned by someone else (its "owner" is set and not the user's name) reminds
 *    its owner, not this user: a synced team does not get every reminder on every desk.
 *  - An expiration reminder missed while nothing ran is still due up to
 *    RD_REMINDER_EXPIRATION_CATCH_UP_DAYS after the expiration day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-reminder.h"

G_BEGIN_DECLS

#define RD_REMINDER_DEFAULT_HOUR   9
#define RD_REMINDER_DEFAULT_MINUTE 0
#define RD_REMINDER_EXPIRATION_CATCH_UP_DAYS 7

/* What decides when a reminder is due. */
typedef struct
{
  const int *offsets;    /* normalised: positive, unique, descending */
  guint      n_offsets;
  int        hour;       /* the reminder time of day, in the clock's time zone */
  int        minute;
  const char *owner_name; /* the user's name for "owner"; NULL or "": everyone's renewals */
} RdReminderDueRules;

/* A record that may have a reminder due: an agreement (kind MILESTONE, date = its end date)
 * or a published offer (kind EXPIRATION, date = its offer expiration date). */
typedef struct
{
  RdReminderKind  kind;
  char           *record_id;
  char           *date;
  char           *end_date;      /* the agreement end date shown with it, or NULL */
  char           *customer;
  char           *product_title;
  char           *milestones;    /* the JSON text of its "milestones" member, or NULL */
  char           *owner;         /* its "owner", or NULL */
  char           *renewal_stage; /* an agreement's renewal's stage, or NULL */
} RdReminderCandidate;

/* A copy that owns its offsets and name (for another thread), freed with
 * rd_reminder_due_rules_free(). */
RdReminderDueRules *rd_reminder_due_rules_copy (const RdReminderDueRules *rules);
void         rd_reminder_due_rules_free   (RdReminderDueRules       *rules);
void         rd_reminder_candidate_free   (RdReminderCandidate      *candidate);

/* The dates a store must read at now: agreements ending in [end_from, end_to], published
 * offers expiring in [expiration_from, expiration_to]. */
void         rd_reminder_due_window       (const RdReminderDueRules *rules,
                                           GDateTime                *now,
                                           GDate                    *end_from,
                                           GDate                    *end_to,
                                           GDate                    *expiration_from,
                                           GDate                    *expiration_to);
/* Whether a renewal of owner reminds the user owner_name: it is unowned, or theirs (names
 * compared without regard to case and surrounding blanks), or the user has no name. */
gboolean     rd_reminder_due_is_for       (const char               *owner_name,
                                           const char               *owner);
/* The reminder of candidate due at now (state NEW), or NULL when none is. */
RdReminder  *rd_reminder_due_for          (const RdReminderDueRules  *rules,
                                           const RdReminderCandidate *candidate,
                                           GDateTime                 *now);
/* The reminders due at now among candidates (RdReminderCandidate), ordered by due time. */
GPtrArray   *rd_reminder_due_compute      (const RdReminderDueRules *rules,
                                           GPtrArray                *candidates,
                                           GDateTime                *now);
/* Orders RdReminder ** for a list: offer expirations first, then milestones from the
 * smallest offset (the most urgent group on top), by due time within a group. */
int          rd_reminder_due_compare_urgency (gconstpointer          a,
                                              gconstpointer          b);
/* Orders RdReminder ** by due time, then id (for g_ptr_array_sort). */
int          rd_reminder_due_compare      (gconstpointer             a,
                                           gconstpointer             b);
/* The first day whose reminder time is still ahead of now: today, or tomorrow once the
 * time has passed. Milestones of earlier days are due already. */
void         rd_reminder_due_first_day    (const RdReminderDueRules *rules,
                                           GDateTime                *now,
                                           GDate                    *first);
/* Whether reminder should be shown at now: new, or snoozed until a moment that has come. */
gboolean     rd_reminder_due_is_pending   (RdReminder               *reminder,
                                           GDateTime                *now);
/* "milestones": {"90": "done"} (true counts as done too): whether key is done. */
gboolean     rd_reminder_due_is_done      (const char               *milestones_json,
                                           const char               *key);
/* A stored state ("fired", "snoozed" with an ISO 8601 until, "dismissed") → state and
 * until; FALSE when the row is damaged. */
gboolean     rd_reminder_state_parse      (const char               *state_text,
                                           const char               *until_text,
                                           RdReminderState          *state,
                                           GDateTime               **until);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdReminderCandidate, rd_reminder_candidate_free)

G_END_DECLS
