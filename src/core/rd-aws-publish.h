/* rd-aws-publish.h
 *
 * Publishing a drafted renewal offer to AWS Marketplace: the local check, then a Catalog API
 * change set (StartChangeSet with Intent APPLY, idempotent by a ClientRequestToken derived
 * from the record), polled with DescribeChangeSet until it ends. The change set's id and
 * state are stored on the record as it goes, so that publishing resumes after a restart;
 * success gives the record its AWS offer id and the stage "published". The one use-case the
 * command line and the window share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-aws-transport.h"
#include "rd-rules.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_PUBLISH_ERROR (rd_publish_error_quark ())

typedef enum
{
  /* The record is not a drafted offer. */
  RD_PUBLISH_ERROR_NOT_PUBLISHABLE,
  /* The local rules or the change set's schema refuse it: nothing was sent. */
  RD_PUBLISH_ERROR_RULES,
  /* AWS refused the change set (validation, or FAILED with a client error). */
  RD_PUBLISH_ERROR_REFUSED,
  /* The change set failed on AWS's side, or was cancelled. */
  RD_PUBLISH_ERROR_FAILED,
  RD_PUBLISH_ERROR_CANCELLED,
} RdPublishError;

typedef enum
{
  RD_PUBLISH_STEP_CHECK,
  RD_PUBLISH_STEP_APPLY,
  RD_PUBLISH_STEP_DONE,
} RdPublishStep;

/* The record fields a publish keeps (they sync like any other field). */
#define RD_PUBLISH_FIELD_CHANGESET_ID     "changeset_id"
#define RD_PUBLISH_FIELD_CHANGESET_STATUS "changeset_status"
#define RD_PUBLISH_FIELD_CHANGESET_ERRORS "changeset_errors"
#define RD_PUBLISH_FIELD_CHANGESET_ATTEMPT "changeset_attempt"

/* The IAM actions publishing needs: the change set itself (start, poll, cancel) and the
 * reads of the product and offer entities it refers to. */
#define RD_AWS_PUBLISH_PERMISSIONS \
  "aws-marketplace:StartChangeSet, DescribeChangeSet, CancelChangeSet, DescribeEntity, " \
  "ListEntities"

/* The field errors of the offer's last change set as stored on it (RdFieldError, never NULL;
 * field may be NULL): what AWS refused, for the editor to show at each field. */
GPtrArray      *rd_aws_publish_dup_record_errors     (JsonObject           *offer);

#define RD_TYPE_AWS_PUBLISHER (rd_aws_publisher_get_type ())
G_DECLARE_FINAL_TYPE (RdAwsPublisher, rd_aws_publisher, RD, AWS_PUBLISHER, GObject)

GQuark          rd_publish_error_quark               (void);

/* transport speaks to the Catalog API (rd_aws_service_catalog); ctx gives today and the
 * seller's role for the local rules. */
RdAwsPublisher *rd_aws_publisher_new                 (RdStore              *store,
                                                      RdAwsTransport       *transport,
                                                      const RdRulesContext *ctx);
/* DescribeChangeSet is asked first after initial_ms, then doubling up to max_ms. */
void            rd_aws_publisher_set_poll_interval   (RdAwsPublisher       *self,
                                                      guint                 initial_ms,
                                                      guint                 max_ms);

/* The ClientRequestToken of request for the record record_id at publish revision rev (the
 * record's publish attempt and the intent): a SHA-256 of the three, so that a retry of the
 * same publish is the same request to AWS, and an edited offer or a publish after a failed
 * change set a new one. */
char           *rd_aws_publish_request_token         (const char           *record_id,
                                                      const char           *rev,
                                                      JsonObject           *request);

/* The checks before sending, for the dialog and `publish --validate-only`: the offer
 * record_id of store (with the agreement it renews) as of ctx. Returns the violations
 * (RdFieldError, never NULL) or NULL with an error when record_id is not an offer;
 * *request (may be NULL) gets the change set when there is no violation. */
GPtrArray      *rd_aws_publish_check_record          (RdStore              *store,
                                                      const char           *record_id,
                                                      const RdRulesContext *ctx,
                                                      JsonObject          **request,
                                                      GError              **error);
/* rd_aws_publish_check_record() with the publisher's store and context. */
GPtrArray      *rd_aws_publisher_check               (RdAwsPublisher       *self,
                                                      const char           *record_id,
                                                      JsonObject          **request,
                                                      GError              **error);

/* Checks, starts (or resumes, when the record has a change set in flight) and polls until
 * the change set ends. Emits "step-changed" and "status-changed" on the way. FALSE with
 * RD_PUBLISH_ERROR or RD_AWS_ERROR; rd_aws_publisher_get_errors() then says which fields. */
void            rd_aws_publisher_publish_async       (RdAwsPublisher       *self,
                                                      const char           *record_id,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        rd_aws_publisher_publish_finish      (RdAwsPublisher       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/* Asks AWS to validate without applying (Intent VALIDATE). AWS offers that only for some
 * products: when it refuses VALIDATE for an offer, *supported is FALSE and this succeeds,
 * since the local check passed. Nothing is created and the record is not changed. */
void            rd_aws_publisher_validate_async      (RdAwsPublisher       *self,
                                                      const char           *record_id,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        rd_aws_publisher_validate_finish     (RdAwsPublisher       *self,
                                                      GAsyncResult         *result,
                                                      gboolean             *supported,
                                                      GError              **error);

/* CancelChangeSet for the change set in flight; AWS allows it only while PREPARING. The
 * running publish then ends with RD_PUBLISH_ERROR_CANCELLED. */
void            rd_aws_publisher_cancel_async        (RdAwsPublisher       *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean        rd_aws_publisher_cancel_finish       (RdAwsPublisher       *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

RdPublishStep   rd_aws_publisher_get_step            (RdAwsPublisher       *self);
const char     *rd_aws_publisher_get_change_set_id   (RdAwsPublisher       *self);
/* PREPARING, APPLYING, SUCCEEDED, FAILED, CANCELLED; NULL before the change set starts. */
const char     *rd_aws_publisher_get_status          (RdAwsPublisher       *self);
/* The new AWS offer id after success. */
const char     *rd_aws_publisher_get_offer_id        (RdAwsPublisher       *self);
/* The field errors of the last check or change set (RdFieldError; field may be NULL). */
GPtrArray      *rd_aws_publisher_get_errors          (RdAwsPublisher       *self);

G_END_DECLS
