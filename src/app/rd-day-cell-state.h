/* rd-day-cell-state.h
 *
 * What one day of the month grid shows, computed from plain values so it can be tested
 * without a display: which day, whether it is today, selected, outside the month or past,
 * how many event chips fit and how many go into "+N more".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_MONTH_GRID_WEEKS 6
#define RD_MONTH_GRID_DAYS  (RD_MONTH_GRID_WEEKS * 7)

typedef struct
{
  GDate    date;
  guint    day_of_month;
  gboolean is_today;
  gboolean is_selected;
  gboolean is_other_month;
  gboolean is_weekend;
  gboolean is_past;
  guint    n_events;
  guint    n_chips;     /* chips to show */
  guint    n_overflow;  /* events behind "+N more"; 0 when everything fits */
} RdDayCellState;

/* max_chips counts the "+N more" line as one: with 3 and five events, two chips and
 * "+3 more" are shown. */
void   rd_day_cell_state_compute       (RdDayCellState *state,
                                        const GDate    *date,
                                        const GDate    *today,
                                        const GDate    *selected,
                                        GDateMonth      visible_month,
                                        GDateYear       visible_year,
                                        guint           n_events,
                                        guint           max_chips);

/* The style classes of the cell, NULL-terminated, static strings. */
void   rd_day_cell_state_css_classes   (const RdDayCellState *state,
                                        const char          **classes,
                                        gsize                 n_classes);

/* "Tuesday, 3 March 2026, today, 2 dates" for screen readers. */
char  *rd_day_cell_state_dup_accessible_label (const RdDayCellState *state);

/* The first and last day the grid shows for a month: whole weeks, starting on
 * first_weekday (G_DATE_MONDAY ... G_DATE_SUNDAY), six of them. */
void   rd_month_grid_range             (GDateMonth      month,
                                        GDateYear       year,
                                        GDateWeekday    first_weekday,
                                        GDate          *first,
                                        GDate          *last);

/* The locale's first day of the week. */
GDateWeekday rd_month_grid_locale_first_weekday (void);

G_END_DECLS
