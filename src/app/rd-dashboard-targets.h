/* rd-dashboard-targets.h
 *
 * The Dashboard's card of the current quarter's targets: per currency, the value renewed
 * against the team's target and what is due, the renewal rate so far, and Set Target….
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-dashboard.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_DASHBOARD_TARGETS (rd_dashboard_targets_get_type ())
G_DECLARE_FINAL_TYPE (RdDashboardTargets, rd_dashboard_targets, RD, DASHBOARD_TARGETS, GtkBox)

GtkWidget *rd_dashboard_targets_new         (void);
/* Where Set Target… stores the target. */
void       rd_dashboard_targets_set_store   (RdDashboardTargets *self,
                                             RdStore            *store);
/* Shows the targets of figures (copied). */
void       rd_dashboard_targets_set_figures (RdDashboardTargets *self,
                                             const RdDashboard  *figures);

G_END_DECLS
