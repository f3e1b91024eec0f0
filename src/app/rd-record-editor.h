/* rd-record-editor.h
 *
 * The editor of one agreement or offer: a form of rows checked against AWS's rules as
 * the user types, saved in one piece or not at all; nothing is stored before Save. Closing
 * it with changes not saved asks first.
 *
 * Actions: editor.save (Ctrl+S), editor.delete, and in the "record" group record.renew,
 * record.open-linked, record.mark-reviewed, record.email-all, record.compose. The editor
 * does not know the main window: it asks for other records with its signals "open-record"
 * (id) and "renew" (agreement id), and tells "saved" (id) and "deleted" (id, title).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-record.h"
#include "rd-record-workflow.h"
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RD_TYPE_RECORD_EDITOR (rd_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (RdRecordEditor, rd_record_editor, RD, RECORD_EDITOR, AdwWindow)

RdRecordEditor *rd_record_editor_new            (RdContext      *context,
                                                 RdRecord       *record);
RdRecordEditor *rd_record_editor_new_offer      (RdContext      *context);
RdRecordEditor *rd_record_editor_new_agreement  (RdContext      *context);
/* An editor of a new, unsaved document pre-filled from draft (a renewal offer from
 * rd_renewal_draft()); Save stores it and links the agreement it renews. */
RdRecordEditor *rd_record_editor_new_draft      (RdContext      *context,
                                                 JsonObject     *draft);
const char     *rd_record_editor_get_record_id  (RdRecordEditor *self);
/* The row editing a document field ("agreement_start_date"), NULL if not shown. */
GtkWidget      *rd_record_editor_get_field_row  (RdRecordEditor *self,
                                                 const char     *field);
/* The message shown under that field, NULL when it is fine. */
const char     *rd_record_editor_get_field_error (RdRecordEditor *self,
                                                  const char     *field);
guint           rd_record_editor_get_n_errors   (RdRecordEditor *self);
gboolean        rd_record_editor_save           (RdRecordEditor *self,
                                                 GError        **error);
/* TRUE when the form holds changes not saved yet. */
gboolean        rd_record_editor_get_dirty      (RdRecordEditor *self);
void            rd_record_editor_show_toast     (RdRecordEditor *self,
                                                 const char     *text);
/* The document as the form shows it now, saved or not. */
JsonObject     *rd_record_editor_dup_current_body (RdRecordEditor *self);
/* The "record" action group. */
GActionGroup   *rd_record_editor_get_actions    (RdRecordEditor *self);
/* The renewal workflow part of the form (stakeholders, activities, ACE, ...). */
RdRecordWorkflow *rd_record_editor_get_workflow  (RdRecordEditor *self);

G_END_DECLS
