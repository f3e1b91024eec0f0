/* rd-test-proxy.h
 *
 * A small HTTP proxy in front of the real PouchDB Server, for what proxies and faulty networks
 * do: compress answers (gzip with Content-Length, as nginx and Apache do), re-frame them in
 * chunks, cut them short, redirect, lose the answer to a _bulk_docs the server committed, or
 * return two answers out of order. It runs in the test's main context: wait for clients with
 * rd_test_run_cli (rd-test-server.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RD_TEST_PROXY_PLAIN             = 0,
  RD_TEST_PROXY_GZIP              = 1 << 0, /* Content-Encoding: gzip, Content-Length */
  RD_TEST_PROXY_CHUNKED           = 1 << 1, /* Transfer-Encoding: chunked, small chunks */
  RD_TEST_PROXY_TRUNCATE          = 1 << 2, /* answers > 1 KB: half the announced bytes */
  RD_TEST_PROXY_DROP_BULK_ANSWER  = 1 << 3, /* _bulk_docs forwarded, its answer not returned */
  RD_TEST_PROXY_REDIRECT          = 1 << 4, /* every request: 302 to the redirect target */
  /* The first _bulk_docs answer is held until a second one comes, which is returned first. */
  RD_TEST_PROXY_SWAP_FIRST_BULK   = 1 << 5,
} RdTestProxyMode;

typedef struct _RdTestProxy RdTestProxy;

RdTestProxy *rd_test_proxy_new          (const char      *upstream_url);
const char  *rd_test_proxy_get_url      (RdTestProxy     *self);
void         rd_test_proxy_set_mode     (RdTestProxy     *self,
                                         RdTestProxyMode  mode);
/* Where RD_TEST_PROXY_REDIRECT sends requests (the request's path is appended). */
void         rd_test_proxy_set_redirect (RdTestProxy     *self,
                                         const char      *target);
/* Every answer has each occurrence of from replaced by to (what a server could hold that this
 * one cannot, such as 1e999). */
void         rd_test_proxy_set_rewrite  (RdTestProxy     *self,
                                         const char      *from,
                                         const char      *to);
/* How many answers were compressed, re-framed, cut or dropped so far. */
guint        rd_test_proxy_get_altered  (RdTestProxy     *self);
/* How many _changes requests went through. */
guint        rd_test_proxy_get_changes_requests    (RdTestProxy *self);
/* The most _bulk_docs requests the proxy held at one time, awaiting their answers. */
guint        rd_test_proxy_get_most_bulk_in_flight (RdTestProxy *self);
void         rd_test_proxy_free         (RdTestProxy     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTestProxy, rd_test_proxy_free)

G_END_DECLS
