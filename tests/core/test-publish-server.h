/* test-publish-server.h
 *
 * A stand-in for the AWS Marketplace Catalog API's change sets, for the publishing tests:
 * StartChangeSet, DescribeChangeSet and CancelChangeSet in REST-JSON, every request checked
 * against botocore's service model (RD_SHARED_TESTDATA) and SigV4, behind the strict front.
 * Change sets run PREPARING → APPLYING → SUCCEEDED or FAILED, one step per DescribeChangeSet;
 * it refuses what AWS refuses (an unknown change type, a malformed buyer account, Intent
 * VALIDATE for offers, an FDA start more than three years out) and is idempotent by
 * ClientRequestToken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PUBLISH_TEST_ACCESS_KEY "AKIDTESTEXAMPLE"
#define PUBLISH_TEST_SECRET_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY"

typedef struct _PublishTestServer PublishTestServer;

/* today: the server's calendar day (YYYY-MM-DD) for the three-year rule. */
PublishTestServer *publish_test_server_new            (const char        *today);
void               publish_test_server_free           (PublishTestServer *server);
const char        *publish_test_server_get_url        (PublishTestServer *server);

/* Offers created by change sets that succeeded. */
guint              publish_test_server_get_offers     (PublishTestServer *server);
/* Change sets started (a repeated ClientRequestToken starts none). */
guint              publish_test_server_get_started    (PublishTestServer *server);
guint              publish_test_server_get_bad_requests (PublishTestServer *server);
/* The next StartChangeSet is carried out, but its answer is lost: the connection closes. */
void               publish_test_server_lose_next_answer (PublishTestServer *server);
/* Change sets stay PREPARING for this many DescribeChangeSet calls (default 1). */
void               publish_test_server_set_preparing_polls (PublishTestServer *server,
                                                            guint              polls);
/* The last StartChangeSet body the server accepted, NULL if none. */
const char        *publish_test_server_get_last_request (PublishTestServer *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PublishTestServer, publish_test_server_free)

G_END_DECLS
