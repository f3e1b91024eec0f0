/* rd-reminder.h
 *
 * One reminder the scheduler delivers: a renewal milestone of an agreement (120/90/60 days
 * before its end date) or the expiration day of a published offer, due at the user's reminder
 * time on that day (DESIGN §6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  RD_REMINDER_KIND_MILESTONE,
  RD_REMINDER_KIND_EXPIRATION,
} RdReminderKind;

/* What this device did with a reminder (the reminder_state table; never synced). */
typedef enum
{
  RD_REMINDER_STATE_NEW,
  RD_REMINDER_STATE_FIRED,
  RD_REMINDER_STATE_SNOOZED,
  RD_REMINDER_STATE_DISMISSED,
} RdReminderState;

/* The key of an expiration reminder in a document's "milestones" object; milestone
 * reminders use their offset ("120"). */
#define RD_REMINDER_EXPIRATION_KEY "expiration"

#define RD_TYPE_REMINDER (rd_reminder_get_type ())
G_DECLARE_FINAL_TYPE (RdReminder, rd_reminder, RD, REMINDER, GObject)

RdReminder      *rd_reminder_new               (const char      *record_id,
                                                RdReminderKind   kind,
                                                int              offset_days,
                                                const GDate     *date,
                                                GDateTime       *due);
/* "<record id>/<key>/<date>", e.g. "4f0c…/90/2026-07-02": a new end date is a new reminder. */
const char      *rd_reminder_get_id            (RdReminder      *self);
const char      *rd_reminder_get_record_id     (RdReminder      *self);
RdReminderKind   rd_reminder_get_kind          (RdReminder      *self);
/* "120", "90", … or "expiration": the member of the document's "milestones" object. */
const char      *rd_reminder_get_key           (RdReminder      *self);
int              rd_reminder_get_offset_days   (RdReminder      *self);
/* The milestone date (end date minus offset) or the offer expiration date, YYYY-MM-DD. */
const char      *rd_reminder_get_date          (RdReminder      *self);
GDateTime       *rd_reminder_get_due           (RdReminder      *self);
const char      *rd_reminder_get_customer      (RdReminder      *self);
const char      *rd_reminder_get_product_title (RdReminder      *self);
/* The agreement end date (for an offer: its agreement_end_date), or NULL. */
const char      *rd_reminder_get_end_date      (RdReminder      *self);
/* Days from the reminder's "today" until the end date (milestone) or expiration date. */
int              rd_reminder_get_days_left     (RdReminder      *self);
RdReminderState  rd_reminder_get_state         (RdReminder      *self);
GDateTime       *rd_reminder_get_snoozed_until (RdReminder      *self);

void             rd_reminder_set_details       (RdReminder      *self,
                                                const char      *customer,
                                                const char      *product_title,
                                                const char      *end_date,
                                                int              days_left);
void             rd_reminder_set_state         (RdReminder      *self,
                                                RdReminderState  state,
                                                GDateTime       *snoozed_until);

const char      *rd_reminder_kind_to_string    (RdReminderKind   kind);
const char      *rd_reminder_state_to_string   (RdReminderState  state);

/* Splits a reminder id into its record id and key; FALSE when it is not one. */
gboolean         rd_reminder_id_parse          (const char      *id,
                                                char           **record_id,
                                                char           **key);

/* "HH:MM" (24 h) → hour and minute; FALSE when it is not such a time. */
gboolean         rd_reminder_time_parse        (const char      *text,
                                                int             *hour,
                                                int             *minute);

/* The instant at which a reminder for date is due: hour:minute local time in tz.
 * A time that does not exist on that day (spring forward: 02:30 in Europe/Berlin on the last
 * Sunday of March) is due at the first instant after the gap (03:00). A time that exists
 * twice (fall back) is due at its first occurrence (the earlier, daylight-saving one). */
GDateTime       *rd_reminder_due_instant       (const GDate     *date,
                                                int              hour,
                                                int              minute,
                                                GTimeZone       *tz);

G_END_DECLS
