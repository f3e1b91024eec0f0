/* rd-store-pipeline.h
 *
 * The pipeline's query in SQL: filters, free-text search through the trigram FTS5 index
 * over field values, and sorts that read an index in order where one fits. Used for the
 * pipeline model's rowids (rd_store_views_query_pipeline()) and streamed whole by the CLI's
 * list, one statement for every row; and the reads by rowid the model's pages need.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store-views.h"

G_BEGIN_DECLS

/* One row of the pipeline, valid only during the callback. body is the stored JSON text
 * (without _id and _rev); the other members are the indexed columns, NULL when absent. */
typedef struct
{
  gint64      rowid;
  const char *id;
  const char *rev;
  const char *body;
  const char *type;
  const char *kind;
  const char *end_date;
  const char *stage;
  const char *customer;
  const char *product_title;
} RdStorePipelineRow;

/* What the rows carry besides the rowid: computing a generated column costs a JSON parse. */
typedef enum
{
  RD_STORE_PIPELINE_ROWID   = 0,
  RD_STORE_PIPELINE_BODY    = 1 << 0, /* id, type, rev, body */
  RD_STORE_PIPELINE_SUMMARY = 1 << 1, /* id, type, kind, end_date, stage, customer, title */
} RdStorePipelineColumns;

/* Return FALSE to stop early (then rd_store_pipeline_foreach() returns TRUE). */
typedef gboolean (*RdStorePipelineRowFunc) (const RdStorePipelineRow *row,
                                            gpointer                  user_data);

/* Calls func for every row of query in display order, from one statement that reads as it
 * goes (nothing is collected); members not asked for in columns are NULL. */
gboolean rd_store_pipeline_foreach (RdStore                *store,
                                    const RdPipelineQuery  *query,
                                    RdStorePipelineColumns  columns,
                                    RdStorePipelineRowFunc  func,
                                    gpointer                user_data,
                                    GError                **error);

/* rd_store_pipeline_foreach() from the offset-th row on, for at most limit rows (-1: all):
 * the first page of an order an index carries is read without walking the rest. */
gboolean rd_store_pipeline_foreach_range (RdStore                *store,
                                          const RdPipelineQuery  *query,
                                          RdStorePipelineColumns  columns,
                                          guint                   offset,
                                          int                     limit,
                                          RdStorePipelineRowFunc  func,
                                          gpointer                user_data,
                                          GError                **error);

/* How many rows query has, counted without ordering them. */
gboolean rd_store_pipeline_count           (RdStore                *store,
                                            const RdPipelineQuery  *query,
                                            guint                  *n_rows,
                                            GError                **error);

/* The first rows of the pipeline, read to be shown before the order of all the others is. */
typedef struct
{
  GArray    *rowids;   /* gint64, the first rows in display order */
  GPtrArray *records;  /* RdRecord, one per rowid */
  guint      n_rows;   /* how many rows the query has in all */
} RdStorePipelinePage;

void                 rd_store_pipeline_page_free       (RdStorePipelinePage    *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdStorePipelinePage, rd_store_pipeline_page_free)

/* The first max_rows rows of query with their records, and the number of all its rows. */
RdStorePipelinePage *rd_store_pipeline_read_first_page (RdStore                *store,
                                                        const RdPipelineQuery  *query,
                                                        guint                   max_rows,
                                                        GError                **error);

/* Whether a change to the records ids names (NULL: unknown) may change the pipeline's rows:
 * FALSE only if each is a record of another type (a template, a target). */
gboolean rd_store_pipeline_concerns (RdStore             *store,
                                     const char * const  *ids);

/* The records of rowids, in their order: one read by rowid each, no scan. A row deleted
 * meanwhile reads as a record with no id and an empty body, so positions stay aligned. */
GPtrArray *rd_store_pipeline_read_records  (RdStore             *store,
                                            const gint64        *rowids,
                                            guint                n_rowids,
                                            GError             **error);

/* The rowids of the records ids names that exist (a GArray of gint64, in no order). */
GArray    *rd_store_pipeline_rowids_of_ids (RdStore             *store,
                                            const char * const  *ids,
                                            GError             **error);

G_END_DECLS
