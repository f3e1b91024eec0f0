/* rd-import-dialog.h
 *
 * Imports the seller's purchase agreements from AWS Marketplace, then its private offers and
 * product titles from the Catalog API (rd-aws-import): credentials and endpoint, progress in
 * two steps that can be cancelled, then what came in and what did not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-importer.h"

G_BEGIN_DECLS

typedef enum
{
  RD_IMPORT_DIALOG_SETUP,
  RD_IMPORT_DIALOG_RUNNING,
  RD_IMPORT_DIALOG_DONE,
  RD_IMPORT_DIALOG_CANCELLED,
  RD_IMPORT_DIALOG_FAILED,
} RdImportDialogState;

#define RD_TYPE_IMPORT_DIALOG (rd_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdImportDialog, rd_import_dialog, RD, IMPORT_DIALOG, AdwWindow)

RdImportDialog        *rd_import_dialog_new        (RdContext      *context);
RdImportDialogState    rd_import_dialog_get_state  (RdImportDialog *self);
/* The running or last import's counts of agreements; NULL before the first. */
const RdImportResult  *rd_import_dialog_get_result (RdImportDialog *self);
/* The same for the offers read from the Catalog API. */
const RdImportResult  *rd_import_dialog_get_offers_result (RdImportDialog *self);
/* TRUE (the default) reads the Catalog API after the agreements. */
void                   rd_import_dialog_set_catalog (RdImportDialog *self,
                                                     gboolean        catalog);

G_END_DECLS
