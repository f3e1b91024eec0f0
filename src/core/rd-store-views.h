/* rd-store-views.h
 *
 * Queries sized to what a view shows: a page of rows, never every matching record. They
 * run on the store's worker (rd-store-worker.h) or are cheap enough for the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

G_END_DECLS
