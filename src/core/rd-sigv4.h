/* rd-sigv4.h
 *
 * AWS Signature Version 4 (header-based, AWS4-HMAC-SHA256) as plain functions on plain
 * data: the caller describes a request, gets back the canonical request, the string to sign,
 * the signature and the headers to add (Authorization, X-Amz-Date, X-Amz-Security-Token).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_SIGV4_ALGORITHM "AWS4-HMAC-SHA256"

#define RD_SIGV4_ERROR (rd_sigv4_error_quark ())

typedef enum
{
  RD_SIGV4_ERROR_INVALID_REQUEST,
  RD_SIGV4_ERROR_INVALID_CREDENTIALS,
} RdSigV4Error;

typedef struct
{
  const char *name;
  const char *value;
} RdSigV4Header;

typedef struct
{
  const char          *method;
  /* Decoded (not percent-encoded) absolute path, e.g. "/". */
  const char          *path;
  /* The query as on the wire, without '?'; NULL or "" for none. */
  const char          *query;
  /* Every header to sign, Host included; X-Amz-Date is replaced by the signing time. */
  const RdSigV4Header *headers;
  gsize                n_headers;
  /* NULL for an empty body. */
  GBytes              *body;
} RdSigV4Request;

typedef struct
{
  const char *access_key_id;
  const char *secret_access_key;
  /* Temporary (STS) credentials only, else NULL. */
  const char *session_token;
} RdSigV4Credentials;

typedef struct
{
  const char *region;
  const char *service;
  /* Any time zone; it is converted to UTC. */
  GDateTime  *signing_time;
  /* TRUE only for S3, whose object keys may legitimately hold "//" or "..". */
  gboolean    keep_path_as_is;
  /* For services that want X-Amz-Security-Token added after signing, not signed. */
  gboolean    omit_session_token;
} RdSigV4Params;

typedef struct
{
  char *canonical_request;
  char *string_to_sign;
  char *signed_headers;
  char *signature;
  /* Values of the headers to send: Authorization, X-Amz-Date and (when the credentials have
   * a session token and the request did not carry one) X-Amz-Security-Token, else NULL. */
  char *authorization;
  char *amz_date;
  char *security_token;
} RdSigV4Result;

GQuark          rd_sigv4_error_quark      (void);

RdSigV4Result  *rd_sigv4_sign             (const RdSigV4Request     *request,
                                           const RdSigV4Credentials *credentials,
                                           const RdSigV4Params      *params,
                                           GError                  **error);
void            rd_sigv4_result_free      (RdSigV4Result            *result);

char           *rd_sigv4_format_amz_date  (GDateTime                *time);
GDateTime      *rd_sigv4_parse_amz_date   (const char               *amz_date);
char           *rd_sigv4_sha256_hex       (const guint8             *data,
                                           gsize                     length);
char           *rd_sigv4_uri_encode       (const char               *text,
                                           gssize                    length,
                                           gboolean                  keep_slash);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSigV4Result, rd_sigv4_result_free)

G_END_DECLS
