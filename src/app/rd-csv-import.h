/* rd-csv-import.h
 *
 * "Import CSV…": the AWS agreements data feed or a Renewal Desk export, read and checked off
 * the main thread, stored in slices so the window never freezes, then a summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-importer.h"
#include "rd-window.h"

G_BEGIN_DECLS

/* Asks for the file, then as rd_csv_import_file_async(). */
void            rd_csv_import_choose       (RdWindow             *window);

/* Imports file and tells the user: a toast with the counts, or a dialog listing failures,
 * or a dialog with the error (line and column) when the file is malformed and nothing was
 * imported. */
void            rd_csv_import_file_async   (RdWindow             *window,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
RdImportResult *rd_csv_import_file_finish  (RdWindow             *window,
                                            GAsyncResult         *result,
                                            GError              **error);

gboolean        rd_csv_import_is_running   (RdWindow             *window);

G_END_DECLS
