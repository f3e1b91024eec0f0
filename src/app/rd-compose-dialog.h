/* rd-compose-dialog.h
 *
 * Fills a call script, questionnaire or e-mail template in with a record's details; sends
 * it to the mail client (mailto:) or to the clipboard. Its second page edits the templates
 * themselves: they are documents of the store and sync like agreements and offers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_COMPOSE_DIALOG (rd_compose_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdComposeDialog, rd_compose_dialog, RD, COMPOSE_DIALOG, AdwWindow)

/* renewed_agreement: for an offer, the agreement it renews (may be NULL). */
GtkWidget  *rd_compose_dialog_new           (RdContext       *context,
                                             JsonObject      *record,
                                             JsonObject      *renewed_agreement);
/* Picks the template with this record id. */
gboolean    rd_compose_dialog_select_template (RdComposeDialog *self,
                                               const char      *template_id);
char       *rd_compose_dialog_dup_subject   (RdComposeDialog *self);
char       *rd_compose_dialog_dup_body      (RdComposeDialog *self);
/* The mailto: URI "Open in Mail" opens. */
char       *rd_compose_dialog_dup_mailto    (RdComposeDialog *self);
/* Placeholders of the template that the app does not know, comma-separated, or NULL. */
const char *rd_compose_dialog_get_unknown   (RdComposeDialog *self);

G_END_DECLS
