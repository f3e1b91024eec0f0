/* rd-aws-pager.h
 *
 * Reading an AWS operation page by page over an RdAwsTransport: the request carries the
 * token of the page to read, the answer the token of the next one, until an answer has none.
 * The Agreement API (JSON 1.0, "nextToken") and the Catalog API (REST-JSON, "NextToken") page
 * this way; an answer that gives back the token it was asked with is an error, not a loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-aws-transport.h"

G_BEGIN_DECLS

typedef struct
{
  const char *operation;    /* "SearchAgreements", "ListEntities" */
  const char *path;         /* REST-JSON: POST to this path ("/ListEntities"); NULL: JSON 1.0 */
  const char *token_member; /* where the request and the answer carry the token */
  char       *next_token;   /* of the page to read next: NULL before the first, after the last */
  guint       pages;        /* pages read */
} RdAwsPager;

void        rd_aws_pager_init        (RdAwsPager       *pager,
                                      const char       *operation,
                                      const char       *path,
                                      const char       *token_member);
/* Back to the first page. */
void        rd_aws_pager_clear       (RdAwsPager       *pager);
/* Whether a page is left to read: none read yet, or the last one named a next. */
gboolean    rd_aws_pager_has_more    (const RdAwsPager *pager);
/* Reads the next page: input is the operation's request, to which the token is added. The
 * pager must outlive the call. */
void        rd_aws_pager_read_async  (RdAwsPager       *pager,
                                      RdAwsTransport   *transport,
                                      JsonObject       *input,
                                      GCancellable     *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer          user_data);
/* The page's answer; the pager then holds the token of the page after it. */
JsonObject *rd_aws_pager_read_finish (RdAwsPager       *pager,
                                      GAsyncResult     *result,
                                      GError          **error);

G_END_DECLS
