/* rd-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-application.h"
#include "rd-calendar-view.h"
#include "rd-context.h"
#include "rd-dashboard-view.h"
#include "rd-pipeline-view.h"
#include "rd-record-editor.h"

G_BEGIN_DECLS

#define RD_TYPE_WINDOW (rd_window_get_type ())
G_DECLARE_FINAL_TYPE (RdWindow, rd_window, RD, WINDOW, AdwApplicationWindow)

RdWindow         *rd_window_new               (RdApplication *application,
                                               RdContext     *context);
RdContext        *rd_window_get_context       (RdWindow      *self);
RdCalendarView   *rd_window_get_calendar_view (RdWindow      *self);
RdPipelineView   *rd_window_get_pipeline_view (RdWindow      *self);
const char       *rd_window_get_visible_view  (RdWindow      *self);
RdRecordEditor   *rd_window_open_record       (RdWindow      *self,
                                               const char    *id);
RdRecordEditor   *rd_window_new_offer         (RdWindow      *self);
/* An agreement typed in by hand, for one neither imported nor synced. */
RdRecordEditor   *rd_window_new_agreement     (RdWindow      *self);
RdRecordEditor   *rd_window_renew             (RdWindow      *self,
                                               const char    *id);
RdDashboardView  *rd_window_get_dashboard_view (RdWindow     *self);
void              rd_window_add_toast         (RdWindow      *self,
                                               AdwToast      *toast);

G_END_DECLS
