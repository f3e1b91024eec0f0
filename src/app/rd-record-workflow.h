/* rd-record-workflow.h
 *
 * The renewal workflow part of the record editor: the link between an agreement and its
 * renewal offer (and the Renew action), ACE hygiene, value-add line items, stakeholders and
 * the activity log, and composing from a template. Its actions live in the "record" group
 * of the editor: record.renew, record.open-linked, record.mark-reviewed, record.email-all,
 * record.compose.
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

/* editor is the RdRecordEditor; the workflow does not keep a reference to it. */
RdRecordWorkflow    *rd_record_workflow_new             (RdContext        *context,
                                                         GtkWidget        *editor,
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
/* The "record" action group the editor holds. */
GActionGroup        *rd_record_workflow_get_actions     (RdRecordWorkflow *self);
/* Whether the badge row shows "Validated". */
gboolean             rd_record_workflow_get_ace_validated (RdRecordWorkflow *self);

G_END_DECLS
