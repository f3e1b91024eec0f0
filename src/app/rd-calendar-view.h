/* rd-calendar-view.h
 *
 * The calendar: a month of renewal dates and, beside it, the agenda of the selected day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-month-grid.h"

G_BEGIN_DECLS

#define RD_TYPE_CALENDAR_VIEW (rd_calendar_view_get_type ())
G_DECLARE_FINAL_TYPE (RdCalendarView, rd_calendar_view, RD, CALENDAR_VIEW, AdwBin)

void         rd_calendar_view_set_context   (RdCalendarView *self,
                                             RdContext      *context);
RdMonthGrid *rd_calendar_view_get_grid      (RdCalendarView *self);
GListModel  *rd_calendar_view_get_agenda    (RdCalendarView *self);
const char  *rd_calendar_view_get_agenda_day (RdCalendarView *self);
const char  *rd_calendar_view_get_title     (RdCalendarView *self);

G_END_DECLS
