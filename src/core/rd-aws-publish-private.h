/* rd-aws-publish-private.h
 *
 * For tests of what AWS refuses: publishing a given change set without the local check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-aws-publish.h"

G_BEGIN_DECLS

void  rd_aws_publisher_publish_request_async (RdAwsPublisher      *self,
                                              const char          *record_id,
                                              JsonObject          *request,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);

G_END_DECLS
