/* rd-conflict-dialog.h
 *
 * The sync conflict resolver (DESIGN §5): for each record changed here and on the server,
 * the fields that differ with the common version, this computer's and the server's, and a
 * choice per field; for an edit against a deletion, Keep or Delete. Save resolves through
 * the store, updates the engine's count and syncs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store-sync.h"

G_BEGIN_DECLS

#define RD_TYPE_CONFLICT_DIALOG (rd_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdConflictDialog, rd_conflict_dialog, RD, CONFLICT_DIALOG, AdwWindow)

RdConflictDialog *rd_conflict_dialog_new               (RdContext        *context);
guint             rd_conflict_dialog_get_n_conflicts   (RdConflictDialog *self);
/* The radio button of one field's choice (mine or theirs), NULL if there is none. */
GtkCheckButton   *rd_conflict_dialog_get_choice_button (RdConflictDialog *self,
                                                        const char       *id,
                                                        const char       *field,
                                                        RdSyncChoice      choice);
/* The Keep or Delete radio button of an edit against a deletion. */
GtkCheckButton   *rd_conflict_dialog_get_deletion_button (RdConflictDialog *self,
                                                          const char       *id,
                                                          gboolean          keep);

G_END_DECLS
