/* aws-test-front.h
 *
 * For the AWS tests: a front for a SoupServer that, like AWS's own front end, refuses a
 * malformed HTTP request line (an empty or relative request target, a missing version) with
 * 400 before any handler sees it, and closes every connection after one answer so that each
 * request line is checked; plus the SigV4 check every AWS test server makes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _AwsTestFront AwsTestFront;

/* Listens on 127.0.0.1, any port, and hands well-formed connections to @server. */
AwsTestFront *aws_test_front_new              (SoupServer        *server);
void          aws_test_front_free             (AwsTestFront      *front);
/* "http://127.0.0.1:PORT", without a path. */
const char   *aws_test_front_get_url          (AwsTestFront      *front);
/* Request lines refused so far. */
guint         aws_test_front_get_refused      (AwsTestFront      *front);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwsTestFront, aws_test_front_free)

/* Recomputes the SigV4 signature of @msg (service "aws-marketplace", region us-east-1) from
 * what arrived: method, path, query, the signed headers and @body. Asserts the shape of the
 * Authorization header; FALSE if the signature does not match. */
gboolean      aws_test_signature_is_valid     (SoupServerMessage *msg,
                                               GBytes            *body,
                                               const char        *access_key,
                                               const char        *secret_key,
                                               const char        *session_token);

G_END_DECLS
