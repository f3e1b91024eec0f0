/* rd-aws-credentials.h
 *
 * AWS credentials and region from the standard sources, in the AWS CLI's order:
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the profile
 * (AWS_PROFILE, default "default") of ~/.aws/credentials (AWS_SHARED_CREDENTIALS_FILE) and
 * ~/.aws/config (AWS_CONFIG_FILE, "[profile NAME]" sections). The region comes from
 * AWS_REGION, AWS_DEFAULT_REGION, then the profile's "region" in the config file; the
 * profile's "endpoint_url" is kept too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_AWS_CREDENTIALS_ERROR (rd_aws_credentials_error_quark ())

typedef enum
{
  RD_AWS_CREDENTIALS_ERROR_NOT_FOUND,
  RD_AWS_CREDENTIALS_ERROR_INCOMPLETE,
} RdAwsCredentialsError;

typedef struct
{
  char *access_key_id;
  char *secret_access_key;
  /* NULL unless temporary credentials. */
  char *session_token;
  /* NULL when no source names one. */
  char *region;
  /* Where they came from, for the user: "environment" or "profile NAME". */
  char *source;
  /* The profile's endpoint_url in ~/.aws/config, NULL if none (see
   * rd_aws_transport_resolve_endpoint()). */
  char *endpoint_url;
} RdAwsCredentials;

GQuark            rd_aws_credentials_error_quark (void);

RdAwsCredentials *rd_aws_credentials_new         (const char             *access_key_id,
                                                  const char             *secret_access_key,
                                                  const char             *session_token);
/* profile NULL: the environment's keys first, then AWS_PROFILE or "default". A named
 * profile reads the files only, as the CLI's --profile does. */
RdAwsCredentials *rd_aws_credentials_load        (const char             *profile,
                                                  GError                **error);
RdAwsCredentials *rd_aws_credentials_copy        (const RdAwsCredentials *credentials);
void              rd_aws_credentials_free        (RdAwsCredentials       *credentials);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAwsCredentials, rd_aws_credentials_free)

G_END_DECLS
