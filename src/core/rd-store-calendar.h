/* rd-store-calendar.h
 *
 * The calendar's page query: per day of a range, the count of each kind of date and the
 * first events a day cell shows. Runs on the store's worker (rd-store-worker.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-calendar-model.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* One day of a calendar page: what its cell shows. */
typedef struct
{
  GPtrArray *events;        /* the first RdCalendarEvents of the day, in the agenda's order */
  guint      n_events;      /* all of the day's dates */
  guint      n_milestones;
  guint      n_done;        /* milestones marked done */
} RdCalendarDay;

/* Consecutive days from `from` on. */
typedef struct
{
  char          *from;
  char          *to;
  guint          n_days;
  RdCalendarDay *days;
} RdCalendarPage;

void             rd_calendar_page_free (RdCalendarPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCalendarPage, rd_calendar_page_free)

/* Every kind of date in [from, to] (at most 366 days), counted per day, and the first
 * max_per_day of each day: each kind counted per day in SQL over its index, then per day only
 * the rows shown are read, whatever the number of records.
 * With owner, only that owner's records ("Mine"; unowned ones are nobody's). */
RdCalendarPage *rd_store_calendar_query_page (RdStore     *store,
                                              const char  *from,
                                              const char  *to,
                                              const int   *offsets,
                                              guint        n_offsets,
                                              guint        max_per_day,
                                              const char  *owner,
                                              GError     **error);

G_END_DECLS
