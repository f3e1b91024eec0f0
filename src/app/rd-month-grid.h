/* rd-month-grid.h
 *
 * Six weeks of days around a month, each with the dates that fall on it; one day is
 * selected and the grid is driven by the keyboard as well as the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-day-cell.h"
#include "rd-store-calendar.h"

G_BEGIN_DECLS

#define RD_TYPE_MONTH_GRID (rd_month_grid_get_type ())
G_DECLARE_FINAL_TYPE (RdMonthGrid, rd_month_grid, RD, MONTH_GRID, GtkWidget)

GtkWidget  *rd_month_grid_new            (void);
/* The dates to show (taken; NULL for none): a page read for rd_month_grid_get_range(),
 * or for an older range, of which the days the grid still shows are used. After
 * "range-changed" the cells show the old range until this is called, or
 * rd_month_grid_show_range(). */
void        rd_month_grid_set_page       (RdMonthGrid    *self,
                                          RdCalendarPage *page);
/* Shows the new range now, with the days of the old page it still covers, if its own page is
 * late. */
void        rd_month_grid_show_range     (RdMonthGrid    *self);
/* Whether the cells still show the range before the last "range-changed". */
gboolean    rd_month_grid_get_range_pending (RdMonthGrid *self);
void        rd_month_grid_set_today      (RdMonthGrid *self,
                                          const GDate *today);
void        rd_month_grid_get_today      (RdMonthGrid *self,
                                          GDate       *out);
/* Selects date and shows its month. */
void        rd_month_grid_select         (RdMonthGrid *self,
                                          const GDate *date);
void        rd_month_grid_get_selected   (RdMonthGrid *self,
                                          GDate       *out);
void        rd_month_grid_get_range      (RdMonthGrid *self,
                                          GDate       *first,
                                          GDate       *last);
GDateMonth  rd_month_grid_get_month      (RdMonthGrid *self);
GDateYear   rd_month_grid_get_year       (RdMonthGrid *self);
/* Moves the selection by months, keeping the day where the month has it. */
void        rd_month_grid_move_months    (RdMonthGrid *self,
                                          int          months);
RdDayCell  *rd_month_grid_get_cell       (RdMonthGrid *self,
                                          const GDate *date);

G_END_DECLS
