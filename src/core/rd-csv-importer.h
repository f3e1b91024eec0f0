/* rd-csv-importer.h
 *
 * The CSV import, one use-case for the app and the CLI: the whole file is read and checked
 * first (every row's values and rules, duplicate agreement_ids), each bad row reported with
 * its line and column, and a file with any bad row imports nothing. A good file is stored in
 * bounded transactions under one journaled run (rd-store-import.h), so other writers get
 * their turn, and a run that fails, is cancelled or is killed is rolled back whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-importer.h"

G_BEGIN_DECLS

/* Rows stored per transaction, and the pause between two, in which other writers run. */
#define RD_CSV_IMPORTER_PAGE_ROWS 1000
#define RD_CSV_IMPORTER_PAUSE_MS  25

typedef struct _RdCsvImporter RdCsvImporter;

/* Reads and checks text (the AWS agreements data feed's columns or Renewal Desk's export);
 * pure, callable from any thread. Notices and each bad row go to result, which must outlive
 * the importer. NULL with error (naming the first problem): nothing may be imported. */
RdCsvImporter  *rd_csv_importer_new        (const char      *text,
                                            gsize            length,
                                            RdImportResult  *result,
                                            GError         **error);
void            rd_csv_importer_free       (RdCsvImporter   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCsvImporter, rd_csv_importer_free)

guint           rd_csv_importer_get_n_rows (RdCsvImporter   *self);
/* The checked agreement bodies, in file order. */
GPtrArray      *rd_csv_importer_get_rows   (RdCsvImporter   *self);

/* Storing, on the thread that owns store: begin (rolls back runs of killed processes
 * first), then store_page until done, then finish; abort after any failure. */
gboolean        rd_csv_importer_begin      (RdCsvImporter   *self,
                                            RdStore         *store,
                                            GError         **error);
gboolean        rd_csv_importer_store_page (RdCsvImporter   *self,
                                            gboolean        *done,
                                            GError         **error);
gboolean        rd_csv_importer_finish     (RdCsvImporter   *self,
                                            GError         **error);
void            rd_csv_importer_abort      (RdCsvImporter   *self);

/* All of the above in a blocking loop (the CLI, tests): whole or nothing. */
gboolean        rd_csv_importer_run        (RdCsvImporter   *self,
                                            RdStore         *store,
                                            GCancellable    *cancellable,
                                            GError         **error);

/* The parsing alone (as rd_csv_importer_new), returning the bodies. */
GPtrArray      *rd_import_parse_csv        (const char      *text,
                                            gsize            length,
                                            RdImportResult  *result,
                                            GError         **error);
/* Loads file and runs the import. */
gboolean        rd_import_csv_file         (RdStore         *store,
                                            GFile           *file,
                                            RdImportResult  *result,
                                            GCancellable    *cancellable,
                                            GError         **error);

G_END_DECLS
