/* rd-couch-client.h
 *
 * The transport of sync (DESIGN §5): requests to one database of an Apache CouchDB server.
 * It sends JSON with Accept: application/json and a pre-emptive Basic Authorization, retries
 * what may succeed later (5xx, 408, 429, dropped connections) with exponential backoff, gives
 * up at once when the server cannot be reached at all (refused, unknown host, no route),
 * applies the https rule to every redirect, checks that an answer arrived whole, and parses it
 * behind the JSON guard. Errors are in the RD_SYNC_ERROR domain (or RD_JSON_GUARD_ERROR for an
 * answer the guard refused), their messages say what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "rd-json-guard.h"

G_BEGIN_DECLS

#define RD_TYPE_COUCH_CLIENT (rd_couch_client_get_type ())
G_DECLARE_FINAL_TYPE (RdCouchClient, rd_couch_client, RD, COUCH_CLIENT, GObject)

/* Checks the address (rd_sync_check_server_url) and the database name. */
RdCouchClient *rd_couch_client_new             (SoupSession    *session,
                                                const char     *server_url,
                                                const char     *database,
                                                const char     *username,
                                                const char     *password,
                                                GError        **error);
void           rd_couch_client_set_retries     (RdCouchClient  *self,
                                                guint           max_retries,
                                                guint           retry_delay_ms);
const char    *rd_couch_client_get_server_url  (RdCouchClient  *self);
const char    *rd_couch_client_get_database    (RdCouchClient  *self);
const char    *rd_couch_client_get_username    (RdCouchClient  *self);
/* Server and database: what a checkpoint belongs to. Carries no user name or password. */
const char    *rd_couch_client_get_target      (RdCouchClient  *self);

/* path is appended to the database's URL ("" for the database itself, else starting with
 * "/"); body may be NULL. The answer's status and parsed JSON come back whatever the status;
 * transient failures are retried first. */
void           rd_couch_client_request_async   (RdCouchClient       *self,
                                                const char          *method,
                                                const char          *path,
                                                JsonNode            *body,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The same with a body that is JSON text already (built without a JsonNode tree). */
void           rd_couch_client_request_text_async (RdCouchClient       *self,
                                                   const char          *method,
                                                   const char          *path,
                                                   GBytes              *body,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* A GET like rd_couch_client_request_async whose 200 OK answer is handed back as text, to be
 * parsed elsewhere (rd_couch_parse_answer): a large page need not be parsed on the thread
 * that reads the network. */
void           rd_couch_client_get_text_async  (RdCouchClient       *self,
                                                const char          *path,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* TRUE when the request was answered: then text is the 200 OK answer's text (never empty)
 * and root NULL, or, for any other status, text is NULL and root the parsed answer. */
gboolean       rd_couch_client_get_text_finish (RdCouchClient       *self,
                                                GAsyncResult        *result,
                                                guint               *status,
                                                GBytes             **text,
                                                JsonNode           **root,
                                                GError             **error);
/* A GET of one document: the guard allows it exactly RD_JSON_GUARD_MAX_DEPTH levels. */
void           rd_couch_client_get_document_async (RdCouchClient       *self,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The answer's root (never NULL on success) and its HTTP status, for any request but
 * rd_couch_client_get_text_async. */
JsonNode      *rd_couch_client_request_finish  (RdCouchClient       *self,
                                                GAsyncResult        *result,
                                                guint               *status,
                                                GError             **error);

/* The error a CouchDB status means (401, 403, 404, anything else), with the server's reason. */
GError        *rd_couch_client_status_error    (RdCouchClient  *self,
                                                guint           status,
                                                JsonNode       *root);
/* A document sits at most this many levels deeper in an answer than RD_JSON_GUARD_MAX_DEPTH
 * allows a document (_changes: root, results, change). */
#define RD_COUCH_ANSWER_DEPTH (RD_JSON_GUARD_MAX_DEPTH + 3)

/* Parses an answer's text as the requests do, behind the JSON guard; safe on any thread.
 * Errors are the guard's or the parser's: rd_couch_client_unreadable_answer words them. */
JsonNode      *rd_couch_parse_answer           (GBytes         *answer,
                                                GError        **error);
/* The error to report for an answer rd_couch_parse_answer could not read (takes error): a
 * RD_JSON_GUARD_ERROR as it is, anything else as rd_couch_client_protocol_error. */
GError        *rd_couch_client_unreadable_answer (RdCouchClient *self,
                                                  GError        *error);
/* An answer that is not what CouchDB sends; detail says what was wrong. */
GError        *rd_couch_client_protocol_error  (RdCouchClient  *self,
                                                const char     *detail);

G_END_DECLS
