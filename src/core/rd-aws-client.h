/* rd-aws-client.h
 *
 * The AWS Marketplace Agreement API (JSON 1.0 protocol, signed with SigV4): searches the
 * seller's purchase agreements page by page, reads each one's details and terms, and turns
 * them into "agreement" record bodies. Throttling, 5xx answers and dropped connections are
 * retried with bounded exponential backoff; validation and signature errors are not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-aws-credentials.h"

G_BEGIN_DECLS

#define RD_AWS_ERROR (rd_aws_error_quark ())

#define RD_AWS_DEFAULT_REGION         "us-east-1"
#define RD_AWS_AGREEMENT_SERVICE      "aws-marketplace"
#define RD_AWS_AGREEMENT_TARGET       "AWSMPCommerceService_v20200301"
#define RD_AWS_MAX_PAGE_SIZE          50
#define RD_AWS_DEFAULT_MAX_ATTEMPTS   5
#define RD_AWS_DEFAULT_BASE_DELAY_MS  250

typedef enum
{
  RD_AWS_ERROR_NETWORK,
  RD_AWS_ERROR_THROTTLED,
  RD_AWS_ERROR_SERVER,
  RD_AWS_ERROR_VALIDATION,
  RD_AWS_ERROR_ACCESS_DENIED,
  RD_AWS_ERROR_AUTHENTICATION,
  RD_AWS_ERROR_NOT_FOUND,
  RD_AWS_ERROR_INVALID_RESPONSE,
  RD_AWS_ERROR_FAILED,
} RdAwsError;

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

GQuark        rd_aws_error_quark                      (void);

/* region NULL: the credentials' region, else us-east-1. endpoint NULL: the region's
 * https://agreement-marketplace.REGION.amazonaws.com (like the CLI's --endpoint-url). */
RdAwsClient  *rd_aws_client_new                       (const RdAwsCredentials  *credentials,
                                                       const char              *region,
                                                       const char              *endpoint);
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

/* Search, then describe each agreement and read its terms: "agreement" record bodies.
 * Emits "page-loaded" per search page and "agreement-loaded" per agreement; sink (may be
 * NULL) gets every page of records. The result holds every record. */
void          rd_aws_client_import_agreements_async   (RdAwsClient              *self,
                                                       const RdAwsSearchOptions *options,
                                                       RdAwsRecordsSink          sink,
                                                       gpointer                  sink_data,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
GPtrArray    *rd_aws_client_import_agreements_finish  (RdAwsClient             *self,
                                                       GAsyncResult            *result,
                                                       GError                 **error);

/* Pure: a DescribeAgreement (or AgreementViewSummary) object and its accepted terms (NULL
 * if unknown) as an "agreement" record body (DESIGN §2). */
JsonObject   *rd_aws_agreement_to_record              (JsonObject              *agreement,
                                                       JsonArray               *terms);
/* An awsJson1_0 timestamp (epoch seconds) as the UTC calendar day, YYYY-MM-DD. */
char         *rd_aws_timestamp_to_date                (JsonNode                *timestamp);

G_END_DECLS
