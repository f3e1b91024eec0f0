/* rd-export.h
 *
 * "Export Pipeline as CSV…" and "Export Calendar…": asks where, writes the file atomically,
 * and offers to open it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-window.h"

G_BEGIN_DECLS

typedef enum
{
  RD_EXPORT_PIPELINE_CSV,
  RD_EXPORT_CALENDAR_ICS,
} RdExportKind;

/* Asks for the file, then as rd_export_write_async(). */
void      rd_export_choose        (RdWindow             *window,
                                   RdExportKind          kind);

/* The pipeline as the window shows it (filtered and sorted), or the calendar from today to
 * 40 months ahead with alarms at the reminder time; a toast tells how many were exported. */
void      rd_export_write_async   (RdWindow             *window,
                                   RdExportKind          kind,
                                   GFile                *file,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
/* n_items: records (CSV) or events (iCalendar) written. */
gboolean  rd_export_write_finish  (RdWindow             *window,
                                   GAsyncResult         *result,
                                   guint                *n_items,
                                   GError              **error);

/* e.g. "renewal-pipeline-2025-03-01.csv" */
char     *rd_export_default_name  (RdExportKind          kind,
                                   const GDate          *today);

G_END_DECLS
