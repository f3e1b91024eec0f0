/* rd-calendar-model.h
 *
 * The dates in a range that the calendar shows: agreement end dates, renewal milestones,
 * offer expirations and future-dated agreement starts, as a GListModel of RdCalendarEvent
 * ordered by date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_CALENDAR_EVENT_END_DATE,
  RD_CALENDAR_EVENT_MILESTONE,
  RD_CALENDAR_EVENT_OFFER_EXPIRATION,
  RD_CALENDAR_EVENT_FDA_START,
} RdCalendarEventKind;

#define RD_TYPE_CALENDAR_EVENT (rd_calendar_event_get_type ())
G_DECLARE_FINAL_TYPE (RdCalendarEvent, rd_calendar_event, RD, CALENDAR_EVENT, GObject)

RdCalendarEventKind rd_calendar_event_get_kind          (RdCalendarEvent *self);
const char         *rd_calendar_event_get_date          (RdCalendarEvent *self);
const char         *rd_calendar_event_get_record_id     (RdCalendarEvent *self);
const char         *rd_calendar_event_get_customer      (RdCalendarEvent *self);
const char         *rd_calendar_event_get_product_title (RdCalendarEvent *self);
const char         *rd_calendar_event_get_record_kind   (RdCalendarEvent *self);
/* For milestones: the offset in days before the end date; 0 otherwise. */
int                 rd_calendar_event_get_offset_days   (RdCalendarEvent *self);
/* For milestones: whether the agreement's "milestones" object marks this offset done
 * ({"90": "done"}, as rd_reminder_scheduler_mark_done() writes it), or its renewal was
 * accepted, which settles every milestone (rd_milestones_agreement_status()); FALSE
 * otherwise. */
gboolean            rd_calendar_event_get_done          (RdCalendarEvent *self);
/* A short translated label: "Agreement ends", "120 days before end", ... */
char               *rd_calendar_event_dup_label         (RdCalendarEvent *self);

#define RD_TYPE_CALENDAR_MODEL (rd_calendar_model_get_type ())
G_DECLARE_FINAL_TYPE (RdCalendarModel, rd_calendar_model, RD, CALENDAR_MODEL, GObject)

RdCalendarModel *rd_calendar_model_new         (RdStore         *store);
/* Inclusive YYYY-MM-DD bounds; refreshes. */
void             rd_calendar_model_set_range   (RdCalendarModel *self,
                                                const char      *from,
                                                const char      *to);
void             rd_calendar_model_set_offsets (RdCalendarModel *self,
                                                const int       *offsets,
                                                guint            n_offsets);
/* Only the first max_per_day dates of each day are items (default: all of them); the
 * others are only counted. Refreshes. */
void             rd_calendar_model_set_max_per_day (RdCalendarModel *self,
                                                    guint            max_per_day);
/* Every date of the range, items or not. */
guint            rd_calendar_model_get_n_dates (RdCalendarModel *self);
/* Only this owner's records ("Mine"); NULL: everyone's. Refreshes. */
void             rd_calendar_model_set_owner   (RdCalendarModel *self,
                                                const char      *owner);
void             rd_calendar_model_refresh     (RdCalendarModel *self);

G_END_DECLS
