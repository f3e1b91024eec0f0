/* rd-pipeline-sorter.h
 *
 * A column's sorter in the pipeline: it sorts nothing itself (the pipeline model sorts in
 * SQL) but tells which RdPipelineSort its column stands for, so the view can read the
 * column view's sort state and hand it to the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-pipeline-model.h"

G_BEGIN_DECLS

#define RD_TYPE_PIPELINE_SORTER (rd_pipeline_sorter_get_type ())
G_DECLARE_FINAL_TYPE (RdPipelineSorter, rd_pipeline_sorter, RD, PIPELINE_SORTER, GtkSorter)

GtkSorter      *rd_pipeline_sorter_new            (RdPipelineSort  sort_key);
RdPipelineSort  rd_pipeline_sorter_get_sort_key   (RdPipelineSorter *self);

/* Reads the primary sort column and its direction out of a GtkColumnView's sorter whose
 * columns carry RdPipelineSorters. Returns FALSE when the view is not sorted. */
gboolean        rd_pipeline_sorter_read_primary   (GtkSorter       *column_view_sorter,
                                                   RdPipelineSort  *sort_key,
                                                   gboolean        *descending);

G_END_DECLS
