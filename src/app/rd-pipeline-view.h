/* rd-pipeline-view.h
 *
 * The pipeline: every agreement and offer in one sortable, filterable table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_PIPELINE_VIEW (rd_pipeline_view_get_type ())
G_DECLARE_FINAL_TYPE (RdPipelineView, rd_pipeline_view, RD, PIPELINE_VIEW, AdwBin)

void        rd_pipeline_view_set_context     (RdPipelineView *self,
                                              RdContext      *context);
GListModel *rd_pipeline_view_get_model       (RdPipelineView *self);
gboolean    rd_pipeline_view_get_search_mode (RdPipelineView *self);
void        rd_pipeline_view_set_search_mode (RdPipelineView *self,
                                              gboolean        search_mode);
void        rd_pipeline_view_focus_search    (RdPipelineView *self);

G_END_DECLS
