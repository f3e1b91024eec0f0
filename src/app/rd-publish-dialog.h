/* rd-publish-dialog.h
 *
 * "Publish to AWS Marketplace…" for a drafted offer: the local check first (Publish stays
 * insensitive while a rule fails, the fields to correct listed), then the change set's
 * progress, check → apply → done, with Cancel while AWS still prepares it; the result as a
 * toast plus the fields AWS refused. Credentials and endpoint as the import uses them (the
 * aws-profile and aws-endpoint-url settings, the environment, the remembered key).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PUBLISH_DIALOG_READY,
  RD_PUBLISH_DIALOG_BLOCKED,   /* a rule fails: nothing can be sent */
  RD_PUBLISH_DIALOG_RUNNING,
  RD_PUBLISH_DIALOG_DONE,
  RD_PUBLISH_DIALOG_FAILED,
  RD_PUBLISH_DIALOG_CANCELLED,
} RdPublishDialogState;

#define RD_TYPE_PUBLISH_DIALOG (rd_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (RdPublishDialog, rd_publish_dialog, RD, PUBLISH_DIALOG, AdwWindow)

RdPublishDialog      *rd_publish_dialog_new               (RdContext       *context,
                                                           const char      *record_id);
RdPublishDialogState  rd_publish_dialog_get_state         (RdPublishDialog *self);
/* The field errors shown (RdFieldError). */
GPtrArray            *rd_publish_dialog_get_errors        (RdPublishDialog *self);
/* The change set's status, NULL before it starts. */
const char           *rd_publish_dialog_get_status        (RdPublishDialog *self);
/* Tests poll faster than AWS needs. */
void                  rd_publish_dialog_set_poll_interval (RdPublishDialog *self,
                                                           guint            initial_ms,
                                                           guint            max_ms);

G_END_DECLS
