/* rd-calendar-model-private.h
 *
 * For the core's own queries that build calendar events (rd-store-views.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-calendar-model.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* An event of kind from a row of the calendar queries; for milestones offset_days before
 * the row's date. */
RdCalendarEvent *rd_calendar_event_new_from_row (RdCalendarEventKind  kind,
                                                 RdStoreRow          *row,
                                                 int                  offset_days);
/* The calendar's order within a day and across days: date, kind, customer, id. */
int              rd_calendar_event_compare      (RdCalendarEvent     *a,
                                                 RdCalendarEvent     *b);

G_END_DECLS
