/* rd-store-views.h
 *
 * Queries sized to what a view shows: a page of rows, never every matching record. They
 * run on the store's worker (rd-store-worker.h) or are cheap enough for the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-calendar-model.h"
#include "rd-pipeline-model.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Whether the store holds any agreement or offer: one index probe, not a count. */
gboolean   rd_store_views_has_renewals        (RdStore     *store);

/* What the pipeline shows: its filters and its order. NULL / RD_PIPELINE_DUE_ANY: all. */
typedef struct
{
  char           *doc_type;
  char           *kind;
  char           *stage;
  char           *search;
  char           *today;      /* YYYY-MM-DD; NULL: today in the local zone */
  char           *owner;      /* only records of this owner ("Mine"); NULL: everyone's */
  int             due_within;
  RdPipelineSort  sort;
  gboolean        descending;
} RdPipelineQuery;

RdPipelineQuery *rd_pipeline_query_copy (const RdPipelineQuery *query);
void             rd_pipeline_query_free (RdPipelineQuery       *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdPipelineQuery, rd_pipeline_query_free)

/* The rowids of the pipeline's rows in display order (a GArray of gint64). */
GArray    *rd_store_views_query_pipeline (RdStore               *store,
                                          const RdPipelineQuery *query,
                                          GError               **error);

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
 * max_per_day of each day: a few index lookups per day, whatever the number of records.
 * With owner, only that owner's records ("Mine"; unowned ones are nobody's). */
RdCalendarPage  *rd_store_views_query_calendar_page (RdStore     *store,
                                                     const char  *from,
                                                     const char  *to,
                                                     const int   *offsets,
                                                     guint        n_offsets,
                                                     guint        max_per_day,
                                                     const char  *owner,
                                                     GError     **error);

G_END_DECLS
