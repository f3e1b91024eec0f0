/* rd-record-workflow.h
 *
 * The renewal workflow part of the record editor's form: the link between an agreement and
 * its renewal offer, ACE hygiene, value-add line items, stakeholders and the activity log.
 * It builds rows and groups and reads and writes its part of the document; its buttons
 * activate the editor's "record" actions (rd-record-editor.h), which it does not know.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-item-list-group.h"
#include "rd-record.h"

G_BEGIN_DECLS

#define RD_TYPE_RECORD_WORKFLOW (rd_record_workflow_get_type ())
G_DECLARE_FINAL_TYPE (RdRecordWorkflow, rd_record_workflow, RD, RECORD_WORKFLOW, GObject)

/* record_id: NULL for a document not stored yet. */
RdRecordWorkflow    *rd_record_workflow_new             (RdContext        *context,
                                                         const char       *record_id,
                                                         JsonObject       *original);
/* The group the editor puts its ACE fields in (offers only). */
AdwPreferencesGroup *rd_record_workflow_get_ace_group   (RdRecordWorkflow *self);
/* Adds the workflow's rows to the renewal and value groups, and its groups to page: the
 * value-adds and ACE before ids_group, stakeholders and activities after it, and the group
 * last moved to the end. */
void                 rd_record_workflow_attach          (RdRecordWorkflow    *self,
                                                         AdwPreferencesGroup *renewal_group,
                                                         AdwPreferencesGroup *value_group,
                                                         AdwPreferencesGroup *ids_group,
                                                         AdwPreferencesPage  *page,
                                                         AdwPreferencesGroup *last);
/* Writes what the workflow edits into body. */
void                 rd_record_workflow_collect         (RdRecordWorkflow *self,
                                                         JsonObject       *body);
/* Refreshes what derives from the form: totals, badges, buttons. */
void                 rd_record_workflow_update          (RdRecordWorkflow *self,
                                                         JsonObject       *body);
guint                rd_record_workflow_get_n_errors    (RdRecordWorkflow *self);

RdItemListGroup     *rd_record_workflow_get_stakeholders (RdRecordWorkflow *self);
RdItemListGroup     *rd_record_workflow_get_activities  (RdRecordWorkflow *self);
RdItemListGroup     *rd_record_workflow_get_value_adds  (RdRecordWorkflow *self);
/* The record at the other end of the renewal chain (the agreement an offer renews, or an
 * agreement's renewal offer) and its id; NULL when there is none. */
const char          *rd_record_workflow_get_linked_id   (RdRecordWorkflow *self);
JsonObject          *rd_record_workflow_get_linked      (RdRecordWorkflow *self);
/* Records today as the day the ACE opportunity was last reviewed. */
void                 rd_record_workflow_mark_reviewed   (RdRecordWorkflow *self);
/* Whether the badge row shows "Validated". */
gboolean             rd_record_workflow_get_ace_validated (RdRecordWorkflow *self);

G_END_DECLS
