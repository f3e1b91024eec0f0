/* rd-calendar-model-private.h
 *
 * For the core's own queries that build calendar events (rd-store-calendar.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-calendar-model.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* An event of kind on date (as shown); for milestones offset_days before the end date, and
 * whether it is done (marked, or settled by an accepted renewal). */
RdCalendarEvent *rd_calendar_event_new          (RdCalendarEventKind  kind,
                                                 const char          *date,
                                                 const char          *record_id,
                                                 const char          *customer,
                                                 const char          *product_title,
                                                 const char          *record_kind,
                                                 int                  offset_days,
                                                 gboolean             done);
/* The calendar's order within a day and across days: date, kind, customer, id. */
int              rd_calendar_event_compare      (RdCalendarEvent     *a,
                                                 RdCalendarEvent     *b);

G_END_DECLS
