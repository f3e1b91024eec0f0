/* rd-pipeline-model.h
 *
 * The pipeline: agreements and offers, filtered and sorted in SQL, as a GListModel of
 * RdRecord that loads the rows a view asks for a page at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PIPELINE_SORT_END_DATE,
  RD_PIPELINE_SORT_START_DATE,
  RD_PIPELINE_SORT_DAYS_LEFT,
  RD_PIPELINE_SORT_CUSTOMER,
  RD_PIPELINE_SORT_PRODUCT_TITLE,
  RD_PIPELINE_SORT_PRODUCT_ID,
  RD_PIPELINE_SORT_STAGE,
  RD_PIPELINE_SORT_KIND,
  RD_PIPELINE_SORT_VALUE,
} RdPipelineSort;

/* due_within: RD_PIPELINE_DUE_ANY, RD_PIPELINE_DUE_OVERDUE, or a number of days ahead. */
#define RD_PIPELINE_DUE_ANY     (-1)
#define RD_PIPELINE_DUE_OVERDUE (-2)

#define RD_TYPE_PIPELINE_MODEL (rd_pipeline_model_get_type ())
G_DECLARE_FINAL_TYPE (RdPipelineModel, rd_pipeline_model, RD, PIPELINE_MODEL, GObject)

RdPipelineModel *rd_pipeline_model_new            (RdStore         *store);
/* Reads its rows on the store's worker (rd-store-worker.h): starts empty, keeps the old rows
 * until the new ones are read, and is "loading" meanwhile. */
RdPipelineModel *rd_pipeline_model_new_async      (RdStore         *store);
gboolean         rd_pipeline_model_get_loading    (RdPipelineModel *self);
RdStore         *rd_pipeline_model_get_store      (RdPipelineModel *self);

/* Filters; NULL / RD_PIPELINE_DUE_ANY mean "all". Each setter refreshes. */
void             rd_pipeline_model_set_doc_type   (RdPipelineModel *self,
                                                   const char      *type);
void             rd_pipeline_model_set_kind       (RdPipelineModel *self,
                                                   const char      *kind);
void             rd_pipeline_model_set_stage      (RdPipelineModel *self,
                                                   const char      *stage);
void             rd_pipeline_model_set_due_within (RdPipelineModel *self,
                                                   int              due_within);
void             rd_pipeline_model_set_search     (RdPipelineModel *self,
                                                   const char      *text);
/* Only the records whose owner is owner ("Mine"; unowned ones are nobody's); NULL: all. */
void             rd_pipeline_model_set_owner      (RdPipelineModel *self,
                                                   const char      *owner);
void             rd_pipeline_model_set_sort       (RdPipelineModel *self,
                                                   RdPipelineSort   sort,
                                                   gboolean         descending);
/* The day "days left" and "due within" count from; defaults to today in the local zone. */
void             rd_pipeline_model_set_today      (RdPipelineModel *self,
                                                   const char      *today);
void             rd_pipeline_model_refresh        (RdPipelineModel *self);

G_END_DECLS
