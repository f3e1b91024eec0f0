/* rd-aws-publish-private.h
 *
 * What rd-aws-publish.c (the use-case) and rd-aws-publish-record.c (what it reads from the
 * records and AWS's answers) share; and for tests of what AWS refuses, publishing a given
 * change set without the local check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-aws-publish.h"
#include "rd-record.h"

G_BEGIN_DECLS

/* The offer record_id of store, or NOT_PUBLISHABLE when it is no offer. */
RdRecord    *_rd_aws_publish_get_offer             (RdStore     *store,
                                                    const char  *record_id,
                                                    GError     **error);
/* Field errors as the record keeps them: [{"field": …, "message": …}]. */
JsonArray   *_rd_aws_publish_errors_to_json        (GPtrArray   *errors);
/* The AWS id of the offer a DescribeChangeSet answer created, without a "@1" revision. */
char        *_rd_aws_publish_dup_created_offer_id  (JsonObject  *answer);
/* Each ErrorDetailList entry of a DescribeChangeSet answer, at the field it concerns. */
void         _rd_aws_publish_collect_change_errors (JsonObject  *answer,
                                                    GPtrArray   *errors);
/* Sets patch's activities: offer's, plus the entry of the publish that created offer_id. */
void         _rd_aws_publish_add_activity          (JsonObject  *patch,
                                                    JsonObject  *offer,
                                                    const char  *date,
                                                    const char  *offer_id,
                                                    const char  *change_set_id);
/* The record field a synchronous refusal concerns: the first change type AWS names. */
const char  *_rd_aws_publish_field_of_message      (const char  *message);

void  rd_aws_publisher_publish_request_async (RdAwsPublisher      *self,
                                              const char          *record_id,
                                              JsonObject          *request,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

G_END_DECLS
