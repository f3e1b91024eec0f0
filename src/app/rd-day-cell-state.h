/* rd-day-cell-state.h
 *
 * What one day of the month grid shows, computed from plain values so it can be tested
 * without a display: which day, whether it is today, selected, outside the month or past,
 * how many event chips fit and how many go into "+N more", and which renewal milestones on it
 * are done, due today or overdue.
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
  guint    n_milestones;
  guint    n_done;      /* milestones marked done */
  guint    n_due;       /* not done, the day is today */
  guint    n_overdue;   /* not done, the day has passed */
} RdDayCellState;

typedef enum
{
  RD_EVENT_STATUS_NONE,     /* not a milestone: nothing to do on the day */
  RD_EVENT_STATUS_UPCOMING,
  RD_EVENT_STATUS_DUE,
  RD_EVENT_STATUS_OVERDUE,
  RD_EVENT_STATUS_DONE,
} RdEventStatus;

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

/* Counts the day's milestones: n_done of n_milestones are marked done; the rest are due
 * (today) or overdue (past). */
void   rd_day_cell_state_set_milestones (RdDayCellState *state,
                                         guint           n_milestones,
                                         guint           n_done);

/* The status of one event on the cell's day. */
RdEventStatus rd_day_cell_state_event_status (const RdDayCellState *state,
                                              gboolean              is_milestone,
                                              gboolean              done);
/* The same from dates, for lists of events of many days (the agenda). */
RdEventStatus rd_event_status_compute   (const GDate    *date,
                                         const GDate    *today,
                                         gboolean        is_milestone,
                                         gboolean        done);
/* "done", "due", "overdue" or NULL: the style class of a chip or agenda row. */
const char   *rd_event_status_css_class (RdEventStatus   status);
/* "Done", "Due today", "Overdue" (translated) or NULL: what a chip or agenda row says. */
const char   *rd_event_status_label     (RdEventStatus   status);

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
