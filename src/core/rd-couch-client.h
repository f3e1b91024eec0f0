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
/* Called with the text of a 200 OK answer before it is parsed: what it tells at a glance can
 * be acted on before the whole answer is read into a tree. */
typedef void (*RdCouchPeek) (GBytes   *answer,
                             gpointer  user_data);

/* A GET like rd_couch_client_request_async, whose answer peek sees first. */
void           rd_couch_client_get_peek_async  (RdCouchClient       *self,
                                                const char          *path,
                                                RdCouchPeek          peek,
                                                gpointer             peek_data,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* A GET of one document: the guard allows it exactly RD_JSON_GUARD_MAX_DEPTH levels. */
void           rd_couch_client_get_document_async (RdCouchClient       *self,
                                                   const char          *path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The answer's root (never NULL on success) and its HTTP status, for either request. */
JsonNode      *rd_couch_client_request_finish  (RdCouchClient       *self,
                                                GAsyncResult        *result,
                                                guint               *status,
                                                GError             **error);

/* The error a CouchDB status means (401, 403, 404, anything else), with the server's reason. */
GError        *rd_couch_client_status_error    (RdCouchClient  *self,
                                                guint           status,
                                                JsonNode       *root);
/* An answer that is not what CouchDB sends; detail says what was wrong. */
GError        *rd_couch_client_protocol_error  (RdCouchClient  *self,
                                                const char     *detail);

G_END_DECLS
