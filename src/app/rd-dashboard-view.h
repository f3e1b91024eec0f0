/* rd-dashboard-view.h
 *
 * The dashboard: renewals due per quarter, the pipeline by stage, the renewal rate, the
 * value at risk and the weekly ACE review, from rd_dashboard_compute(); exportable as PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-chart.h"
#include "rd-context.h"
#include "rd-dashboard.h"

G_BEGIN_DECLS

#define RD_TYPE_DASHBOARD_VIEW (rd_dashboard_view_get_type ())
G_DECLARE_FINAL_TYPE (RdDashboardView, rd_dashboard_view, RD, DASHBOARD_VIEW, AdwBin)

void               rd_dashboard_view_set_context (RdDashboardView *self,
                                                  RdContext       *context);
/* The day the figures are computed for (YYYY-MM-DD); NULL for today. Refreshes. */
void               rd_dashboard_view_set_today   (RdDashboardView *self,
                                                  const char      *today);
void               rd_dashboard_view_refresh     (RdDashboardView *self);
const RdDashboard *rd_dashboard_view_get_figures (RdDashboardView *self);
RdChart           *rd_dashboard_view_get_chart   (RdDashboardView *self,
                                                  guint            index);
/* Renders the dashboard (what "Export as PNG" saves) to a PNG file. */
gboolean           rd_dashboard_view_export_png  (RdDashboardView *self,
                                                  GFile           *file,
                                                  GError         **error);

G_END_DECLS
