/* rd-aws-client.h
 *
 * The AWS Marketplace Agreement API's operations (JSON 1.0 over an RdAwsTransport, which
 * signs, retries and maps errors): searches the seller's purchase agreements page by page,
 * reads each one's details and terms. rd-aws-agreement turns them into record bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-aws-agreement.h"
#include "rd-aws-credentials.h"
#include "rd-aws-transport.h"

G_BEGIN_DECLS

#define RD_AWS_AGREEMENT_SERVICE      "aws-marketplace"
#define RD_AWS_AGREEMENT_TARGET       "AWSMPCommerceService_v20200301"
#define RD_AWS_MAX_PAGE_SIZE          50

typedef struct
{
  /* Optional AWS status (ACTIVE, EXPIRED, ...). */
  const char *status;
  /* Optional end-time window (BeforeEndTime / AfterEndTime). */
  GDateTime  *before_end_time;
  GDateTime  *after_end_time;
  /* 0 for the maximum, 50. */
  guint       page_size;
} RdAwsSearchOptions;

#define RD_TYPE_AWS_CLIENT (rd_aws_client_get_type ())
G_DECLARE_FINAL_TYPE (RdAwsClient, rd_aws_client, RD, AWS_CLIENT, GObject)

/* region NULL: the credentials' region, else us-east-1. endpoint NULL: the region's
 * https://agreement-marketplace.REGION.amazonaws.com (like the CLI's --endpoint-url). */
RdAwsClient  *rd_aws_client_new                       (const RdAwsCredentials  *credentials,
                                                       const char              *region,
                                                       const char              *endpoint);
RdAwsClient  *rd_aws_client_new_for_transport         (RdAwsTransport          *transport);
RdAwsTransport *rd_aws_client_get_transport           (RdAwsClient             *self);
const char   *rd_aws_client_get_endpoint              (RdAwsClient             *self);
const char   *rd_aws_client_get_region                (RdAwsClient             *self);
void          rd_aws_client_set_retry_policy          (RdAwsClient             *self,
                                                       guint                    max_attempts,
                                                       guint                    base_delay_ms);

/* One operation, retried as above; the result is the response's JSON object. */
void          rd_aws_client_call_async                (RdAwsClient             *self,
                                                       const char              *operation,
                                                       JsonObject              *input,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
JsonObject   *rd_aws_client_call_finish               (RdAwsClient             *self,
                                                       GAsyncResult            *result,
                                                       GError                 **error);

/* Every page of SearchAgreements (PurchaseAgreement, as Proposer): AgreementViewSummary
 * objects. Emits "page-loaded" after each page. */
void          rd_aws_client_search_agreements_async   (RdAwsClient              *self,
                                                       const RdAwsSearchOptions *options,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
GPtrArray    *rd_aws_client_search_agreements_finish  (RdAwsClient             *self,
                                                       GAsyncResult            *result,
                                                       GError                 **error);

void          rd_aws_client_describe_agreement_async  (RdAwsClient             *self,
                                                       const char              *agreement_id,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
JsonObject   *rd_aws_client_describe_agreement_finish (RdAwsClient             *self,
                                                       GAsyncResult            *result,
                                                       GError                 **error);

/* Every page of GetAgreementTerms: the AcceptedTerm objects. */
void          rd_aws_client_get_agreement_terms_async (RdAwsClient             *self,
                                                       const char              *agreement_id,
                                                       GCancellable            *cancellable,
                                                       GAsyncReadyCallback      callback,
                                                       gpointer                 user_data);
JsonArray    *rd_aws_client_get_agreement_terms_finish (RdAwsClient            *self,
                                                        GAsyncResult           *result,
                                                        GError                **error);

/* Receives each page of converted records (at most RD_AWS_MAX_PAGE_SIZE) as soon as it is
 * complete, so that an import can store page by page; FALSE stops the import. */
typedef gboolean (*RdAwsRecordsSink) (GPtrArray  *records,
                                      gpointer    user_data,
                                      GError    **error);

/* Search, then describe each agreement and read its terms: "agreement" record bodies
 * (rd-aws-import stores them, with what the Catalog API adds).
 * Emits "page-loaded" per search page and "agreement-loaded" per agreement; sink (may be
 * NULL) gets every page of records. The result holds every record. */
void          rd_aws_client_read_agreements_async     (RdAwsClient              *self,
                                                       const RdAwsSearchOptions *options,
                                                       RdAwsRecordsSink          sink,
                                                       gpointer                  sink_data,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
GPtrArray    *rd_aws_client_read_agreements_finish    (RdAwsClient             *self,
                                                       GAsyncResult            *result,
                                                       GError                 **error);

G_END_DECLS
