/* rd-aws-transport.h
 *
 * One AWS service endpoint spoken to over HTTPS, signed with SigV4: JSON 1.0 calls
 * (POST /, X-Amz-Target, as the Agreement API speaks) and REST-JSON requests (a method, a
 * path, query parameters and a JSON body, as the Catalog API speaks). Throttling, 5xx
 * answers and dropped connections are retried with bounded exponential backoff; validation,
 * permission and signature errors are not. Every failure is an RD_AWS_ERROR.
 *
 * The endpoint is the service's default for the region unless configured as the AWS SDKs
 * do (rd_aws_transport_resolve_endpoint()). A path in the endpoint is kept as a prefix:
 * "http://127.0.0.1:8080", ".../" and "http://host/prefix" all work.
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
  /* A 409-like refusal: ResourceInUseException, ConflictException, ServiceQuotaExceeded… */
  RD_AWS_ERROR_CONFLICT,
} RdAwsError;

typedef enum
{
  RD_AWS_PROTOCOL_JSON_1_0,
  RD_AWS_PROTOCOL_REST_JSON,
} RdAwsProtocol;

/* What a service's botocore model says about how to reach it. */
typedef struct
{
  /* The model's endpointPrefix: the host is PREFIX.REGION.amazonaws.com. */
  const char    *endpoint_prefix;
  /* The model's signingName, the SigV4 service. */
  const char    *signing_name;
  /* The model's serviceId upper-cased with '_' for spaces, as in AWS_ENDPOINT_URL_<ID>,
   * and its lower-cased form with '_' for a ~/.aws/config "services" section. */
  const char    *env_id;
  RdAwsProtocol  protocol;
  /* JSON 1.0 only: the X-Amz-Target prefix ("AWSMPCommerceService_v20200301"). */
  const char    *target_prefix;
  /* The IAM actions a read-only user needs, named in the access-denied message. */
  const char    *permissions;
} RdAwsService;

/* The AWS Marketplace Agreement API (JSON 1.0) and Catalog API (REST-JSON). */
extern const RdAwsService rd_aws_service_agreement;
extern const RdAwsService rd_aws_service_catalog;

#define RD_TYPE_AWS_TRANSPORT (rd_aws_transport_get_type ())
G_DECLARE_FINAL_TYPE (RdAwsTransport, rd_aws_transport, RD, AWS_TRANSPORT, GObject)

GQuark           rd_aws_error_quark                  (void);

/* The endpoint the AWS SDKs would use for @service: @explicit_url (a command-line option)
 * if set; else, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true,
 * AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then the profile's endpoint_url
 * (@credentials->endpoint_url, may be NULL); else NULL for the service's default. */
char            *rd_aws_transport_resolve_endpoint  (const RdAwsService       *service,
                                                     const char               *explicit_url,
                                                     const RdAwsCredentials   *credentials);

/* region NULL: the credentials' region, else us-east-1. endpoint NULL or "": the region's
 * https://PREFIX.REGION.amazonaws.com. An invalid endpoint fails every call with its
 * reason (see rd_aws_transport_check_endpoint()). */
RdAwsTransport  *rd_aws_transport_new               (const RdAwsService       *service,
                                                     const RdAwsCredentials   *credentials,
                                                     const char               *region,
                                                     const char               *endpoint);
const RdAwsService *rd_aws_transport_get_service    (RdAwsTransport           *self);
const char      *rd_aws_transport_get_endpoint      (RdAwsTransport           *self);
const char      *rd_aws_transport_get_region        (RdAwsTransport           *self);
gboolean         rd_aws_transport_check_endpoint    (RdAwsTransport           *self,
                                                     GError                  **error);
/* Tests shrink the delays; max_attempts counts the first try. */
void             rd_aws_transport_set_retry_policy  (RdAwsTransport           *self,
                                                     guint                     max_attempts,
                                                     guint                     base_delay_ms);

/* JSON 1.0: POST to the endpoint's path with X-Amz-Target PREFIX.OPERATION. The result is
 * the answer's JSON object. */
void             rd_aws_transport_call_async        (RdAwsTransport           *self,
                                                     const char               *operation,
                                                     JsonObject               *input,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);

/* REST-JSON: METHOD on the endpoint's path + @path ("/DescribeEntity"), with @query as
 * name, value, name, value…, NULL (NULL for none; values are encoded here), and @body as
 * the JSON body (NULL for none). @operation names the call in messages. The result is the
 * answer's JSON object, an empty one for an empty answer. */
void             rd_aws_transport_request_async     (RdAwsTransport           *self,
                                                     const char               *operation,
                                                     const char               *method,
                                                     const char               *path,
                                                     const char * const       *query,
                                                     JsonObject               *body,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);

/* For both kinds of call. */
JsonObject      *rd_aws_transport_call_finish       (RdAwsTransport           *self,
                                                     GAsyncResult             *result,
                                                     GError                  **error);
/* The GAsyncReadyCallback of a call made for a client's own GTask (task, whose reference it
 * takes): returns the call's answer (a JsonObject) or its error on that task. */
void             rd_aws_transport_return_cb         (GObject                  *source,
                                                     GAsyncResult             *result,
                                                     gpointer                  task);

G_END_DECLS
