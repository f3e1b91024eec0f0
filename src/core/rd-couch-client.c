/* rd-couch-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-couch-client.h"
#include "rd-json-guard.h"
#include "rd-sync.h"

#define MAX_RETRY_DELAY_MS 30000
#define MAX_REDIRECTS      5

struct _RdCouchClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *server_url;
  char        *database;
  char        *username;
  char        *base_url;   /* server + "/" + escaped database */
  char        *target;
  char        *auth;       /* the Authorization header, or NULL */
  GUri        *origin;     /* where the Authorization header may go */
  guint        max_retries;
  guint        retry_delay_ms;
};

G_DEFINE_FINAL_TYPE (RdCouchClient, rd_couch_client, G_TYPE_OBJECT)

typedef struct
{
  char        *method;
  char        *url;
  GBytes      *body;
  guint        attempt;
  guint        redirects;
  guint        max_depth;
  guint        status;
  SoupMessage *message;
  gboolean     raw;  /* a 200 OK answer is not parsed: its text is kept in text */
  GBytes      *text;
} Request;

static void
request_free (Request *req)
{
  g_free (req->method);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->message);
  g_clear_pointer (&req->text, g_bytes_unref);
  g_free (req);
}

static void request_send (GTask *task);

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0
         && g_uri_get_port (a) == g_uri_get_port (b);
}

RdCouchClient *
rd_couch_client_new (SoupSession  *session,
                     const char   *server_url,
                     const char   *database,
                     const char   *username,
                     const char   *password,
                     GError      **error)
{
  g_autoptr (RdCouchClient) self = NULL;
  g_autofree char *server = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  if (!rd_sync_check_server_url (server_url, error)
      || !rd_sync_check_database_name (database, error))
    return NULL;

  self = g_object_new (RD_TYPE_COUCH_CLIENT, NULL);
  self->session = g_object_ref (session);
  self->server_url = g_strdup (server_url);
  self->database = g_strdup (database);
  self->username = g_strdup (username);
  server = g_strdup (server_url);
  while (g_str_has_suffix (server, "/"))
    server[strlen (server) - 1] = '\0';
  escaped = g_uri_escape_string (database, NULL, FALSE);
  self->base_url = g_strdup_printf ("%s/%s", server, escaped);
  self->target = g_strdup_printf ("%s/%s", server, database);
  self->origin = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  if (username != NULL && *username != '\0')
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", username, password ? password : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->auth = g_strdup_printf ("Basic %s", encoded);
    }
  return g_steal_pointer (&self);
}

void
rd_couch_client_set_retries (RdCouchClient *self,
                             guint          max_retries,
                             guint          retry_delay_ms)
{
  g_return_if_fail (RD_IS_COUCH_CLIENT (self));

  self->max_retries = max_retries;
  self->retry_delay_ms = MAX (retry_delay_ms, 1);
}

const char *
rd_couch_client_get_server_url (RdCouchClient *self)
{
  return self->server_url;
}

const char *
rd_couch_client_get_database (RdCouchClient *self)
{
  return self->database;
}

const char *
rd_couch_client_get_username (RdCouchClient *self)
{
  return self->username;
}

const char *
rd_couch_client_get_target (RdCouchClient *self)
{
  return self->target;
}

/* The server's own words, when it gave a reason. */
static const char *
reason_of (JsonNode *root)
{
  JsonObject *object;
  JsonNode *reason;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  reason = json_object_get_member (object, "reason");
  if (reason != NULL && json_node_get_value_type (reason) == G_TYPE_STRING)
    return json_node_get_string (reason);
  return NULL;
}

GError *
rd_couch_client_status_error (RdCouchClient *self,
                              guint          status,
                              JsonNode      *root)
{
  const char *reason = reason_of (root);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED,
                          _("The server %s did not accept the user name or password. Check "
                            "them in the sync settings."), self->server_url);
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN,
                          _("The user “%s” may not use the database “%s” (%s). Ask the "
                            "server’s administrator to add the user to the database’s "
                            "members."), self->username ? self->username : "",
                          self->database, reason ? reason : _("forbidden"));
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_NOT_FOUND,
                          _("The database “%s” does not exist on %s. Check its name, or ask "
                            "the server’s administrator to create it."),
                          self->database, self->server_url);
    default:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FAILED,
                          _("The server %s answered with the error %u (%s)."),
                          self->server_url, status,
                          reason ? reason : soup_status_get_phrase (status));
    }
}

GError *
rd_couch_client_protocol_error (RdCouchClient *self,
                                const char    *detail)
{
  return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                      _("The server %s sent an answer that is not what a CouchDB server "
                        "sends (%s). Check the server address; nothing was changed on "
                        "this device."), self->server_url, detail);
}

static gboolean
transient_status (guint status)
{
  return status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429;
}

/* Nobody listens there, or the name or route does not exist: asking again soon will not help. */
static gboolean
unreachable (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
         || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND)
         || error->domain == G_RESOLVER_ERROR;
}

static GError *
offline_error (RdCouchClient *self,
               const char    *detail)
{
  return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE,
                      _("Cannot reach the sync server %s (%s). Your changes are kept on this "
                        "device and will be sent when the server can be reached."),
                      self->server_url, detail);
}

static gboolean
on_retry_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;

  request_send (task);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_later (GTask *task)
{
  RdCouchClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  guint delay;

  if (req->attempt >= self->max_retries
      || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return FALSE;
  delay = self->retry_delay_ms << MIN (req->attempt, 16u);
  delay = MIN (delay, (guint) MAX_RETRY_DELAY_MS);
  req->attempt++;
  g_debug ("Retrying %s %s in %u ms", req->method, req->url, delay);
  g_timeout_add_full (G_PRIORITY_DEFAULT, delay, on_retry_timeout_cb, task, NULL);
  return TRUE;
}

/* Ends the request: the task gives up the reference its requests held. */
static void
finish_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Follows a redirect only where the https rule allows, and sends the password only to the
 * server it was given for. */
static void
follow_redirect (GTask      *task,
                 const char *location)
{
  RdCouchClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr (GUri) base = NULL;
  g_autoptr (GUri) next = NULL;
  g_autoptr (GError) rule_error = NULL;
  g_autofree char *next_text = NULL;

  base = g_uri_parse (req->url, G_URI_FLAGS_ENCODED, NULL);
  next = base ? g_uri_parse_relative (base, location, G_URI_FLAGS_ENCODED, NULL) : NULL;
  next_text = next ? g_uri_to_string_partial (next, G_URI_HIDE_USERINFO) : g_strdup (location);
  if (next == NULL || g_uri_get_userinfo (next) != NULL
      || !rd_sync_check_server_url (next_text, &rule_error))
    {
      finish_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                                       _("The server %s redirected to %s, which is not "
                                         "followed: %s"), self->server_url, next_text,
                                       rule_error ? rule_error->message
                                                  : _("not a server address")));
      return;
    }
  if (++req->redirects > MAX_REDIRECTS)
    {
      finish_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                                       _("The server %s redirected more than %u times; check "
                                         "the server address"), self->server_url,
                                       MAX_REDIRECTS));
      return;
    }
  g_debug ("%s %s redirected to %s", req->method, req->url, next_text);
  g_free (req->url);
  req->url = g_steal_pointer (&next_text);
  request_send (task);
}

JsonNode *
rd_couch_parse_answer (GBytes  *answer,
                       GError **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (answer, &size);

  return rd_json_guard_parse_to_depth (data, (gssize) size, RD_COUCH_ANSWER_DEPTH, error);
}

GError *
rd_couch_client_unreadable_answer (RdCouchClient *self,
                                   GError        *error)
{
  GError *wrapped;

  g_return_val_if_fail (error != NULL, NULL);

  /* What the guard refused stays the guard's: a caller may ask for the parts one by one. */
  if (error->domain == RD_JSON_GUARD_ERROR)
    return error;
  wrapped = rd_couch_client_protocol_error (self, error->message);
  g_error_free (error);
  return wrapped;
}

static GError *
parse_answer (RdCouchClient  *self,
              Request        *req,
              GBytes         *bytes,
              JsonNode      **root)
{
  GError *error = NULL;
  gsize size = g_bytes_get_size (bytes);

  *root = NULL;
  if (size == 0)
    return rd_couch_client_protocol_error (self, _("an empty answer"));
  *root = rd_json_guard_parse_to_depth (g_bytes_get_data (bytes, NULL), (gssize) size,
                                        req->max_depth, &error);
  return error != NULL ? rd_couch_client_unreadable_answer (self, error) : NULL;
}

/* Content-Length counts the bytes on the wire, which differ from the decoded body when the
 * server or a proxy compressed it. */
static gboolean
answer_cut_short (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  SoupMessageMetrics *metrics = soup_message_get_metrics (message);

  if (metrics == NULL
      || soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    return FALSE;
  return soup_message_metrics_get_response_body_bytes_received (metrics)
         < (guint64) soup_message_headers_get_content_length (headers);
}

static void
on_request_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  RdCouchClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char *location;
  JsonNode *root = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  req->status = soup_message_get_status (req->message);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        finish_error (task, g_steal_pointer (&error));
      else if (unreachable (error) || !retry_later (task))
        finish_error (task, offline_error (self, error->message));
      else
        g_debug ("%s %s failed: %s", req->method, req->url, error->message);
      return;
    }
  location = soup_message_headers_get_one (soup_message_get_response_headers (req->message),
                                           "Location");
  if (SOUP_STATUS_IS_REDIRECTION (req->status) && location != NULL)
    {
      follow_redirect (task, location);
      return;
    }
  if (transient_status (req->status))
    {
      if (!retry_later (task))
        finish_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_SERVER,
                                         _("The sync server %s keeps failing (error %u). Your "
                                           "changes are kept on this device; try again later."),
                                         self->server_url, req->status));
      return;
    }
  if (answer_cut_short (req->message))
    {
      g_debug ("%s %s: the answer was cut short", req->method, req->url);
      if (!retry_later (task))
        finish_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE,
                                         _("The connection to the sync server %s broke off. "
                                           "Your changes are kept on this device and will be "
                                           "sent later."), self->server_url));
      return;
    }
  if (req->raw && req->status == SOUP_STATUS_OK)
    {
      if (g_bytes_get_size (bytes) == 0)
        {
          finish_error (task, rd_couch_client_protocol_error (self, _("an empty answer")));
          return;
        }
      req->text = g_steal_pointer (&bytes);
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }
  error = parse_answer (self, req, bytes, &root);
  if (error != NULL)
    {
      finish_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
request_send (GTask *task)
{
  RdCouchClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&req->message);
  req->message = soup_message_new (req->method, req->url);
  if (req->message == NULL)
    {
      finish_error (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                                       _("“%s” is not a valid address"), req->url));
      return;
    }
  soup_message_add_flags (req->message,
                          SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  headers = soup_message_get_request_headers (req->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->auth != NULL && self->origin != NULL
      && same_origin (soup_message_get_uri (req->message), self->origin))
    soup_message_headers_replace (headers, "Authorization", self->auth);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->message, "application/json", req->body);
  soup_session_send_and_read_async (self->session, req->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_request_sent_cb, task);
}

/* peek, when not NULL, sees a 200 OK answer's text before it is parsed. */
static void
request_start (RdCouchClient       *self,
               const char          *method,
               const char          *path,
               GBytes              *body,
               guint                max_depth,
               gboolean             raw,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task;
  Request *req;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_couch_client_request_async);
  req = g_new0 (Request, 1);
  req->max_depth = max_depth;
  req->method = g_strdup (method);
  req->url = g_strconcat (self->base_url, path, NULL);
  req->body = body ? g_bytes_ref (body) : NULL;
  req->raw = raw;
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  request_send (task);
}

void
rd_couch_client_request_async (RdCouchClient       *self,
                               const char          *method,
                               const char          *path,
                               JsonNode            *body,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_if_fail (RD_IS_COUCH_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      bytes = g_bytes_new_take (text, strlen (text));
    }
  request_start (self, method, path, bytes, RD_COUCH_ANSWER_DEPTH, FALSE,
                 cancellable, callback, user_data);
}

void
rd_couch_client_request_text_async (RdCouchClient       *self,
                                    const char          *method,
                                    const char          *path,
                                    GBytes              *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RD_IS_COUCH_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  request_start (self, method, path, body, RD_COUCH_ANSWER_DEPTH, FALSE,
                 cancellable, callback, user_data);
}

void
rd_couch_client_get_text_async (RdCouchClient       *self,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (RD_IS_COUCH_CLIENT (self));
  g_return_if_fail (path != NULL);

  request_start (self, "GET", path, NULL, RD_COUCH_ANSWER_DEPTH, TRUE, cancellable, callback,
                 user_data);
}

void
rd_couch_client_get_document_async (RdCouchClient       *self,
                                    const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RD_IS_COUCH_CLIENT (self));
  g_return_if_fail (path != NULL);

  request_start (self, "GET", path, NULL, RD_JSON_GUARD_MAX_DEPTH, FALSE, cancellable,
                 callback, user_data);
}

JsonNode *
rd_couch_client_request_finish (RdCouchClient  *self,
                                GAsyncResult   *result,
                                guint          *status,
                                GError        **error)
{
  Request *req;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  req = g_task_get_task_data (G_TASK (result));
  g_return_val_if_fail (!req->raw, NULL);
  if (status != NULL)
    *status = req->status;
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
rd_couch_client_get_text_finish (RdCouchClient  *self,
                                 GAsyncResult   *result,
                                 guint          *status,
                                 GBytes        **text,
                                 JsonNode      **root,
                                 GError        **error)
{
  GError *local_error = NULL;
  Request *req;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (text != NULL && root != NULL, FALSE);

  req = g_task_get_task_data (G_TASK (result));
  g_return_val_if_fail (req->raw, FALSE);
  if (status != NULL)
    *status = req->status;
  *root = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      *text = NULL;
      return FALSE;
    }
  *text = g_steal_pointer (&req->text);
  return TRUE;
}

static void
rd_couch_client_finalize (GObject *object)
{
  RdCouchClient *self = (RdCouchClient *) object;

  g_clear_object (&self->session);
  g_free (self->server_url);
  g_free (self->database);
  g_free (self->username);
  g_free (self->base_url);
  g_free (self->target);
  g_free (self->auth);
  g_clear_pointer (&self->origin, g_uri_unref);

  G_OBJECT_CLASS (rd_couch_client_parent_class)->finalize (object);
}

static void
rd_couch_client_class_init (RdCouchClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_couch_client_finalize;
}

static void
rd_couch_client_init (RdCouchClient *self)
{
  self->max_retries = 5;
  self->retry_delay_ms = 1000;
}
