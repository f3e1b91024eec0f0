/* rd-aws-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-transport"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rd-aws-transport.h"
#include "rd-sigv4.h"

#define JSON_1_0_CONTENT_TYPE  "application/x-amz-json-1.0"
#define REST_JSON_CONTENT_TYPE "application/json"
#define MAX_DELAY_MS           20000

G_DEFINE_QUARK (rd-aws-error-quark, rd_aws_error)

const RdAwsService rd_aws_service_agreement = {
  "agreement-marketplace", "aws-marketplace", "MARKETPLACE_AGREEMENT",
  RD_AWS_PROTOCOL_JSON_1_0, "AWSMPCommerceService_v20200301",
  "aws-marketplace:SearchAgreements, DescribeAgreement, GetAgreementTerms",
};

const RdAwsService rd_aws_service_catalog = {
  "catalog.marketplace", "aws-marketplace", "MARKETPLACE_CATALOG",
  RD_AWS_PROTOCOL_REST_JSON, NULL,
  "aws-marketplace:ListEntities, DescribeEntity",
};

struct _RdAwsTransport
{
  GObject             parent_instance;

  const RdAwsService *service;
  SoupSession        *session;
  RdAwsCredentials   *credentials;
  char               *region;
  char               *endpoint;
  /* From the endpoint: scheme, host for the URL and the Host header (with a port unless
   * the scheme's), the decoded path prefix without a trailing '/', and the query. */
  char               *scheme;
  char               *host;
  char               *prefix;
  char               *query;
  GError             *endpoint_error;
  guint               max_attempts;
  guint               base_delay_ms;
};

G_DEFINE_FINAL_TYPE (RdAwsTransport, rd_aws_transport, G_TYPE_OBJECT)

static void
rd_aws_transport_finalize (GObject *object)
{
  RdAwsTransport *self = (RdAwsTransport *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->credentials, rd_aws_credentials_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->scheme, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_error (&self->endpoint_error);

  G_OBJECT_CLASS (rd_aws_transport_parent_class)->finalize (object);
}

static void
rd_aws_transport_class_init (RdAwsTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_aws_transport_finalize;
}

static void
rd_aws_transport_init (RdAwsTransport *self)
{
  self->max_attempts = RD_AWS_DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = RD_AWS_DEFAULT_BASE_DELAY_MS;
  self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                 "timeout", 60,
                                                 NULL);
}

static const char *
nonempty_env (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : NULL;
}

char *
rd_aws_transport_resolve_endpoint (const RdAwsService     *service,
                                   const char             *explicit_url,
                                   const RdAwsCredentials *credentials)
{
  g_autofree char *specific = NULL;
  const char *ignore;
  const char *value;

  g_return_val_if_fail (service != NULL, NULL);

  if (explicit_url != NULL && *explicit_url != '\0')
    return g_strdup (explicit_url);

  ignore = nonempty_env ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (ignore != NULL && g_ascii_strcasecmp (ignore, "true") == 0)
    return NULL;

  specific = g_strconcat ("AWS_ENDPOINT_URL_", service->env_id, NULL);
  if ((value = nonempty_env (specific)) != NULL || (value = nonempty_env ("AWS_ENDPOINT_URL")))
    return g_strdup (value);
  if (credentials != NULL && credentials->endpoint_url != NULL
      && *credentials->endpoint_url != '\0')
    return g_strdup (credentials->endpoint_url);
  return NULL;
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0
         || g_strcmp0 (host, "localhost") == 0;
}

static void
parse_endpoint (RdAwsTransport *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  const char *host;
  gsize len;
  int port;

  uri = g_uri_parse (self->endpoint, G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_ENCODED_QUERY,
                     &error);
  if (uri == NULL)
    {
      self->endpoint_error = g_error_new (RD_AWS_ERROR, RD_AWS_ERROR_FAILED,
                                          _("The AWS endpoint “%s” is not a valid URL: %s"),
                                          self->endpoint, error->message);
      return;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0
          && !(g_ascii_strcasecmp (scheme, "http") == 0 && is_loopback (host))))
    {
      self->endpoint_error =
        g_error_new (RD_AWS_ERROR, RD_AWS_ERROR_FAILED,
                     _("The AWS endpoint “%s” must be an https:// URL (http:// only for "
                       "this computer)."),
                     self->endpoint);
      return;
    }

  self->scheme = g_ascii_strdown (scheme, -1);
  port = g_uri_get_port (uri);
  if (strchr (host, ':') != NULL)
    self->host = g_strdup_printf ("[%s]", host);
  else
    self->host = g_strdup (host);
  if (port > 0 && port != (g_str_equal (self->scheme, "https") ? 443 : 80))
    {
      char *with_port = g_strdup_printf ("%s:%d", self->host, port);

      g_free (self->host);
      self->host = with_port;
    }

  /* No path, "/" and "/prefix/" all come down to a prefix without a trailing slash; the
   * request target then always starts with '/'. An empty target is what AWS's front end
   * refuses as a malformed request line. */
  path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  if (path == NULL)
    {
      self->endpoint_error = g_error_new (RD_AWS_ERROR, RD_AWS_ERROR_FAILED,
                                          _("The AWS endpoint “%s” is not a valid URL: %s"),
                                          self->endpoint, _("its path is not valid"));
      return;
    }
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  if (len > 0 && path[0] != '/')
    self->prefix = g_strconcat ("/", path, NULL);
  else
    self->prefix = g_steal_pointer (&path);
  if (g_uri_get_query (uri) != NULL && *g_uri_get_query (uri) != '\0')
    self->query = g_strdup (g_uri_get_query (uri));
}

RdAwsTransport *
rd_aws_transport_new (const RdAwsService     *service,
                      const RdAwsCredentials *credentials,
                      const char             *region,
                      const char             *endpoint)
{
  RdAwsTransport *self;

  g_return_val_if_fail (service != NULL, NULL);
  g_return_val_if_fail (credentials != NULL, NULL);

  self = g_object_new (RD_TYPE_AWS_TRANSPORT, NULL);
  self->service = service;
  self->credentials = rd_aws_credentials_copy (credentials);
  if (region != NULL && *region != '\0')
    self->region = g_strdup (region);
  else if (credentials->region != NULL && *credentials->region != '\0')
    self->region = g_strdup (credentials->region);
  else
    self->region = g_strdup (RD_AWS_DEFAULT_REGION);

  if (endpoint != NULL && *endpoint != '\0')
    self->endpoint = g_strstrip (g_strdup (endpoint));
  else
    self->endpoint = g_strdup_printf ("https://%s.%s.amazonaws.com", service->endpoint_prefix,
                                      self->region);
  parse_endpoint (self);

  return self;
}

const RdAwsService *
rd_aws_transport_get_service (RdAwsTransport *self)
{
  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (self), NULL);

  return self->service;
}

const char *
rd_aws_transport_get_endpoint (RdAwsTransport *self)
{
  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (self), NULL);

  return self->endpoint;
}

const char *
rd_aws_transport_get_region (RdAwsTransport *self)
{
  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (self), NULL);

  return self->region;
}

gboolean
rd_aws_transport_check_endpoint (RdAwsTransport  *self,
                                 GError         **error)
{
  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (self), FALSE);

  if (self->endpoint_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->endpoint_error));
      return FALSE;
    }
  return TRUE;
}

void
rd_aws_transport_set_retry_policy (RdAwsTransport *self,
                                   guint           max_attempts,
                                   guint           base_delay_ms)
{
  g_return_if_fail (RD_IS_AWS_TRANSPORT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
}

/* One call: what to send, its attempts, and the pending retry. */
typedef struct
{
  char        *operation;
  char        *method;
  char        *path;         /* decoded, absolute: what is signed */
  char        *query;        /* as on the wire, or NULL */
  char        *content_type;
  char        *target;       /* JSON 1.0 only */
  GBytes      *body;         /* NULL for none */
  SoupMessage *message;
  guint        attempt;
  GSource     *delay_source;
  GSource     *cancel_source;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->operation);
  g_free (data->method);
  g_free (data->path);
  g_free (data->query);
  g_free (data->content_type);
  g_free (data->target);
  g_clear_pointer (&data->body, g_bytes_unref);
  g_clear_object (&data->message);
  if (data->delay_source != NULL)
    {
      g_source_destroy (data->delay_source);
      g_source_unref (data->delay_source);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_source_unref (data->cancel_source);
    }
  g_free (data);
}

static void send_attempt (GTask *task);

static SoupMessage *
build_message (RdAwsTransport *self,
               CallData       *data,
               GError        **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (RdSigV4Result) signature = NULL;
  g_autofree char *encoded_path = NULL;
  g_autofree char *url = NULL;
  g_autoptr (GUri) uri = NULL;
  SoupMessageHeaders *headers;
  SoupMessage *message;
  RdSigV4Header signed_headers[3] = {
    { "Host", self->host },
  };
  gsize n_headers = 1;
  RdSigV4Credentials credentials = {
    self->credentials->access_key_id,
    self->credentials->secret_access_key,
    self->credentials->session_token,
  };
  RdSigV4Params params = { self->region, self->service->signing_name, now, FALSE, FALSE };
  RdSigV4Request request = {
    data->method, data->path, data->query, signed_headers, 0, data->body,
  };

  if (data->body != NULL)
    {
      signed_headers[n_headers].name = "Content-Type";
      signed_headers[n_headers++].value = data->content_type;
    }
  if (data->target != NULL)
    {
      signed_headers[n_headers].name = "X-Amz-Target";
      signed_headers[n_headers++].value = data->target;
    }
  request.n_headers = n_headers;

  signature = rd_sigv4_sign (&request, &credentials, &params, error);
  if (signature == NULL)
    return NULL;

  encoded_path = rd_sigv4_uri_encode (data->path, -1, TRUE);
  url = g_strconcat (self->scheme, "://", self->host, encoded_path,
                     data->query != NULL ? "?" : "", data->query, NULL);
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, error);
  if (uri == NULL)
    return NULL;
  message = soup_message_new_from_uri (data->method, uri);
  headers = soup_message_get_request_headers (message);
  /* Set here so the Host sent is the one signed. */
  soup_message_headers_replace (headers, "Host", self->host);
  if (data->target != NULL)
    soup_message_headers_replace (headers, "X-Amz-Target", data->target);
  soup_message_headers_replace (headers, "X-Amz-Date", signature->amz_date);
  soup_message_headers_replace (headers, "Authorization", signature->authorization);
  if (signature->security_token != NULL)
    soup_message_headers_replace (headers, "X-Amz-Security-Token", signature->security_token);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (data->body != NULL)
    soup_message_set_request_body_from_bytes (message, data->content_type, data->body);

  return message;
}

static gboolean
on_cancelled_during_delay_cb (GCancellable *cancellable,
                              gpointer      user_data)
{
  GTask *task = user_data;
  CallData *data = g_task_get_task_data (task);

  if (data->delay_source != NULL)
    {
      g_source_destroy (data->delay_source);
      g_clear_pointer (&data->delay_source, g_source_unref);
    }
  g_task_return_error_if_cancelled (task);
  return G_SOURCE_REMOVE;
}

static gboolean
on_retry_delay_cb (gpointer user_data)
{
  GTask *task = user_data;
  CallData *data = g_task_get_task_data (task);

  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
  g_clear_pointer (&data->delay_source, g_source_unref);
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with "equal jitter": half the step fixed, half random. */
static guint
retry_delay_ms (RdAwsTransport *self,
                guint           attempt)
{
  guint64 step = (guint64) self->base_delay_ms << MIN (attempt - 1, 16u);
  guint half;

  step = MIN (step, (guint64) MAX_DELAY_MS);
  half = (guint) (step / 2);
  return half + (half > 0 ? (guint) g_random_int_range (0, (gint32) half + 1) : 0);
}

static void
schedule_retry (GTask *task)
{
  RdAwsTransport *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint delay = retry_delay_ms (self, data->attempt);

  g_debug ("%s: attempt %u failed, retrying in %u ms", data->operation, data->attempt, delay);

  data->delay_source = g_timeout_source_new (delay);
  g_task_attach_source (task, data->delay_source, on_retry_delay_cb);
  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_task_attach_source (task, data->cancel_source,
                            G_SOURCE_FUNC (on_cancelled_during_delay_cb));
    }
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The error's shape name, from X-Amzn-ErrorType or the body's __type (or "code"); either
 * may carry a namespace ("aws.marketplace#ValidationException") or a suffix (":http://…"). */
static char *
error_type_name (SoupMessage *message,
                 JsonObject  *body)
{
  const char *raw = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                  "X-Amzn-ErrorType");
  const char *hash;
  g_autofree char *name = NULL;
  char *colon;

  if (raw == NULL || *raw == '\0')
    raw = string_member (body, "__type");
  if (raw == NULL || *raw == '\0')
    raw = string_member (body, "code");
  if (raw == NULL || *raw == '\0')
    return NULL;

  hash = strrchr (raw, '#');
  name = g_strdup (hash != NULL ? hash + 1 : raw);
  colon = strchr (name, ':');
  if (colon != NULL)
    *colon = '\0';
  return g_steal_pointer (&name);
}

static const char *
error_message_of (JsonObject *body)
{
  const char *names[] = { "message", "Message", "errorMessage" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = string_member (body, names[i]);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static gboolean
type_in (const char         *type,
         const char * const *names)
{
  return type != NULL && g_strv_contains (names, type);
}

static JsonObject *
parse_object (GBytes   *bytes,
              gboolean  empty_is_object,
              GError  **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *text = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  JsonNode *root;

  if (empty_is_object && size == 0)
    return json_object_new ();
  if (!json_parser_load_from_data (parser, text != NULL ? text : "", (gssize) size, error))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "not a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* Turns a non-2xx answer into an error; TRUE if it is worth another attempt. */
static gboolean
classify_failure (RdAwsTransport *self,
                  SoupMessage    *message,
                  GBytes         *bytes,
                  GError        **error)
{
  static const char * const throttling[] = {
    "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", NULL,
  };
  static const char * const authentication[] = {
    "UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch",
    "IncompleteSignature", "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId",
    "MissingAuthenticationTokenException", "MissingAuthenticationToken", NULL,
  };
  static const char * const conflict[] = {
    "ResourceInUseException", "ConflictException", "ServiceQuotaExceededException",
    "ResourceNotSupportedException", NULL,
  };
  guint status = soup_message_get_status (message);
  g_autoptr (JsonObject) body = parse_object (bytes, FALSE, NULL);
  g_autofree char *type = error_type_name (message, body);
  const char *text = error_message_of (body);
  const char *detail;

  if (text == NULL)
    text = soup_message_get_reason_phrase (message);
  if (text == NULL || *text == '\0')
    text = soup_status_get_phrase (status);
  detail = type != NULL ? type : "";

  if (status == 429 || type_in (type, throttling))
    {
      g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_THROTTLED,
                   _("AWS Marketplace is throttling requests (%s). Wait a minute, then "
                     "try again."),
                   text);
      return TRUE;
    }
  if (status >= 500)
    {
      g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_SERVER,
                   _("AWS Marketplace had an internal error (HTTP %u %s): %s. Try again "
                     "later."),
                   status, detail, text);
      return TRUE;
    }
  if (type_in (type, authentication))
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_AUTHENTICATION,
                 _("AWS did not accept the credentials (%s: %s). Check the access key, the "
                   "secret key, the session token and this computer’s clock."),
                 detail, text);
  else if (g_strcmp0 (type, "ValidationException") == 0)
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_VALIDATION,
                 _("AWS Marketplace rejected the request as invalid: %s"), text);
  else if (g_strcmp0 (type, "AccessDeniedException") == 0 || status == SOUP_STATUS_FORBIDDEN)
    /* Translators: the second %s lists IAM actions, e.g. "aws-marketplace:ListEntities" */
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_ACCESS_DENIED,
                 _("AWS denied access: %s. The IAM user or role needs the permissions %s."),
                 text, self->service->permissions);
  else if (g_strcmp0 (type, "ResourceNotFoundException") == 0 || status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_NOT_FOUND,
                 _("AWS Marketplace does not know what was asked for: %s"), text);
  else if (type_in (type, conflict) || status == SOUP_STATUS_CONFLICT)
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_CONFLICT,
                 _("AWS Marketplace refused the request (%s): %s"), detail, text);
  else
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_FAILED,
                 _("AWS Marketplace returned an error (HTTP %u %s): %s"), status, detail,
                 text);
  return FALSE;
}

static void
on_send_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsTransport *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonObject) object = NULL;
  gboolean retry;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      GError *network;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* A bad certificate will not get better by asking again. */
      retry = error->domain != G_TLS_ERROR;
      network = g_error_new (RD_AWS_ERROR, RD_AWS_ERROR_NETWORK,
                             _("Could not reach AWS Marketplace at %s: %s. Check the network "
                               "connection and try again."),
                             self->endpoint, error->message);
      g_clear_error (&error);
      error = network;
    }
  else
    {
      status = soup_message_get_status (data->message);
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          g_autoptr (GError) parse_error = NULL;

          object = parse_object (bytes, self->service->protocol == RD_AWS_PROTOCOL_REST_JSON,
                                 &parse_error);
          if (object != NULL)
            {
              g_task_return_pointer (task, g_steal_pointer (&object),
                                     (GDestroyNotify) json_object_unref);
              return;
            }
          g_task_return_new_error (task, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE,
                                   _("AWS Marketplace sent an answer to %s that is not valid "
                                     "JSON (%s). Try again later."),
                                   data->operation, parse_error->message);
          return;
        }
      retry = classify_failure (self, data->message, bytes, &error);
    }

  g_clear_object (&data->message);
  if (retry && data->attempt < self->max_attempts)
    {
      schedule_retry (task);
      return;
    }
  if (retry)
    g_prefix_error (&error, _("Gave up after %u attempts. "), data->attempt);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
send_attempt (GTask *task)
{
  RdAwsTransport *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  data->attempt++;
  data->message = build_message (self, data, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  soup_session_send_and_read_async (self->session, data->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_send_cb,
                                    g_object_ref (task));
}

static GBytes *
body_bytes (JsonObject *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
  char *text = json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

static void
start_call (RdAwsTransport *self,
            GTask          *task,
            CallData       *data)
{
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  if (self->endpoint_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->endpoint_error));
      return;
    }
  send_attempt (task);
}

void
rd_aws_transport_call_async (RdAwsTransport      *self,
                             const char          *operation,
                             JsonObject          *input,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  CallData *data;

  g_return_if_fail (RD_IS_AWS_TRANSPORT (self));
  g_return_if_fail (self->service->protocol == RD_AWS_PROTOCOL_JSON_1_0);
  g_return_if_fail (operation != NULL);
  g_return_if_fail (input != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_transport_call_async);

  data = g_new0 (CallData, 1);
  data->operation = g_strdup (operation);
  data->method = g_strdup ("POST");
  data->path = g_strconcat (self->prefix != NULL ? self->prefix : "", "/", NULL);
  data->query = g_strdup (self->query);
  data->content_type = g_strdup (JSON_1_0_CONTENT_TYPE);
  data->target = g_strdup_printf ("%s.%s", self->service->target_prefix, operation);
  data->body = body_bytes (input);
  start_call (self, task, data);
}

void
rd_aws_transport_request_async (RdAwsTransport      *self,
                                const char          *operation,
                                const char          *method,
                                const char          *path,
                                const char * const  *query,
                                JsonObject          *body,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  GString *wire_query;
  CallData *data;

  g_return_if_fail (RD_IS_AWS_TRANSPORT (self));
  g_return_if_fail (operation != NULL);
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_transport_request_async);

  wire_query = g_string_new (self->query);
  for (guint i = 0; query != NULL && query[i] != NULL && query[i + 1] != NULL; i += 2)
    {
      g_autofree char *name = rd_sigv4_uri_encode (query[i], -1, FALSE);
      g_autofree char *value = rd_sigv4_uri_encode (query[i + 1], -1, FALSE);

      if (wire_query->len > 0)
        g_string_append_c (wire_query, '&');
      g_string_append_printf (wire_query, "%s=%s", name, value);
    }

  data = g_new0 (CallData, 1);
  data->operation = g_strdup (operation);
  data->method = g_strdup (method);
  data->path = g_strconcat (self->prefix != NULL ? self->prefix : "", path, NULL);
  data->query = wire_query->len > 0 ? g_string_free (wire_query, FALSE) : NULL;
  if (data->query == NULL)
    g_string_free (wire_query, TRUE);
  data->content_type = g_strdup (REST_JSON_CONTENT_TYPE);
  if (body != NULL)
    data->body = body_bytes (body);
  start_call (self, task, data);
}

JsonObject *
rd_aws_transport_call_finish (RdAwsTransport  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rd_aws_transport_return_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      task)
{
  g_autoptr (GTask) owned = task;
  GError *error = NULL;
  JsonObject *output = rd_aws_transport_call_finish (RD_AWS_TRANSPORT (source), result, &error);

  if (output == NULL)
    g_task_return_error (owned, error);
  else
    g_task_return_pointer (owned, output, (GDestroyNotify) json_object_unref);
}
