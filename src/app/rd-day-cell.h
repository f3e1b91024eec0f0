/* rd-day-cell.h
 *
 * One day of the month grid: its number and a chip per date that falls on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-calendar-model.h"
#include "rd-day-cell-state.h"

G_BEGIN_DECLS

#define RD_DAY_CELL_MAX_CHIPS 3

#define RD_TYPE_DAY_CELL (rd_day_cell_get_type ())
G_DECLARE_FINAL_TYPE (RdDayCell, rd_day_cell, RD, DAY_CELL, GtkWidget)

GtkWidget            *rd_day_cell_new       (void);
/* events: the first of the day's dates (at least state->n_chips of them when there are);
 * n_milestones, n_done: of all the day's dates. */
void                  rd_day_cell_update    (RdDayCell            *self,
                                             const RdDayCellState *state,
                                             GPtrArray            *events,
                                             guint                 n_milestones,
                                             guint                 n_done);
const RdDayCellState *rd_day_cell_get_state (RdDayCell            *self);

/* A chip for one event, also used by the legend. */
GtkWidget            *rd_day_cell_make_chip (RdCalendarEventKind   kind,
                                             const char           *text,
                                             const char           *tooltip);

G_END_DECLS
