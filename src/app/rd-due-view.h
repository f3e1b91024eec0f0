/* rd-due-view.h
 *
 * The Due view: the renewals whose milestones are due or overdue, grouped by milestone (offer
 * expirations, then 60, 90, 120 days before the end), each with Renew, Snooze (one day) and
 * Mark done. Its rows are read a page at a time on the store's worker
 * (rd_reminder_scheduler_list_due_page_async()). A reminder notification opens it, in a
 * window of its own beside the main window (whose view switcher has no room for a fourth
 * view at 360 px).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-window.h"

G_BEGIN_DECLS

/* Rows read per page ("Show More" reads the next). */
#define RD_DUE_VIEW_PAGE_SIZE 50

#define RD_TYPE_DUE_VIEW (rd_due_view_get_type ())
G_DECLARE_FINAL_TYPE (RdDueView, rd_due_view, RD, DUE_VIEW, AdwBin)

/* Renew and open act in main_window (its editors), which may be NULL. */
RdDueView *rd_due_view_new         (RdContext *context,
                                    RdWindow  *main_window);
/* The Due window of main_window, made if needed, sized to fit it, and presented. */
GtkWindow *rd_due_view_present_window (RdContext *context,
                                       RdWindow  *main_window);
/* Reads the first page again. */
void       rd_due_view_reload      (RdDueView *self);
/* TRUE while a page is being read. */
gboolean   rd_due_view_is_loading  (RdDueView *self);
/* The number of due renewals, as of the last page read. */
guint      rd_due_view_get_total   (RdDueView *self);

G_END_DECLS
