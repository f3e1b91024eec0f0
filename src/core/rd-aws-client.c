/* rd-aws-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-client"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "rd-aws-client.h"
#include "rd-sigv4.h"

#define CONTENT_TYPE      "application/x-amz-json-1.0"
#define MAX_DELAY_MS      20000
#define CATALOG           "AWSMarketplace"

G_DEFINE_QUARK (rd-aws-error-quark, rd_aws_error)

struct _RdAwsClient
{
  GObject           parent_instance;

  SoupSession      *session;
  RdAwsCredentials *credentials;
  char             *region;
  char             *endpoint;
  GUri             *uri;
  char             *host;
  char             *path;
  GError           *endpoint_error;
  guint             max_attempts;
  guint             base_delay_ms;
};

G_DEFINE_FINAL_TYPE (RdAwsClient, rd_aws_client, G_TYPE_OBJECT)

enum {
  PAGE_LOADED,
  AGREEMENT_LOADED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
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

static void
rd_aws_client_finalize (GObject *object)
{
  RdAwsClient *self = (RdAwsClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->credentials, rd_aws_credentials_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_error (&self->endpoint_error);

  G_OBJECT_CLASS (rd_aws_client_parent_class)->finalize (object);
}

static void
rd_aws_client_class_init (RdAwsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_aws_client_finalize;

  /**
   * RdAwsClient::page-loaded:
   * @pages: search pages read so far
   * @agreements: agreements found so far
   */
  signals [PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * RdAwsClient::agreement-loaded:
   * @done: agreements whose details are read
   * @total: agreements to read
   */
  signals [AGREEMENT_LOADED] =
    g_signal_new ("agreement-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
rd_aws_client_init (RdAwsClient *self)
{
  self->max_attempts = RD_AWS_DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = RD_AWS_DEFAULT_BASE_DELAY_MS;
  self->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                 "timeout", 60,
                                                 NULL);
}

static gboolean
is_loopback (const char *host)
{
  return g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "::1") == 0
         || g_strcmp0 (host, "localhost") == 0;
}

static void
parse_endpoint (RdAwsClient *self)
{
  g_autoptr (GError) error = NULL;
  const char *scheme;
  const char *host;
  const char *path;
  int port;

  self->uri = g_uri_parse (self->endpoint, G_URI_FLAGS_NONE, &error);
  if (self->uri == NULL)
    {
      self->endpoint_error = g_error_new (RD_AWS_ERROR, RD_AWS_ERROR_FAILED,
                                          _("The AWS endpoint “%s” is not a valid URL: %s"),
                                          self->endpoint, error->message);
      return;
    }
  scheme = g_uri_get_scheme (self->uri);
  host = g_uri_get_host (self->uri);
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

  port = g_uri_get_port (self->uri);
  if (strchr (host, ':') != NULL)
    self->host = g_strdup_printf ("[%s]", host);
  else
    self->host = g_strdup (host);
  if (port > 0 && port != (g_ascii_strcasecmp (scheme, "https") == 0 ? 443 : 80))
    {
      char *with_port = g_strdup_printf ("%s:%d", self->host, port);

      g_free (self->host);
      self->host = with_port;
    }

  path = g_uri_get_path (self->uri);
  self->path = g_uri_unescape_string (path != NULL && *path != '\0' ? path : "/", NULL);
  if (self->path == NULL)
    self->path = g_strdup ("/");
}

RdAwsClient *
rd_aws_client_new (const RdAwsCredentials *credentials,
                   const char             *region,
                   const char             *endpoint)
{
  RdAwsClient *self;

  g_return_val_if_fail (credentials != NULL, NULL);

  self = g_object_new (RD_TYPE_AWS_CLIENT, NULL);
  self->credentials = rd_aws_credentials_copy (credentials);
  if (region != NULL && *region != '\0')
    self->region = g_strdup (region);
  else if (credentials->region != NULL && *credentials->region != '\0')
    self->region = g_strdup (credentials->region);
  else
    self->region = g_strdup (RD_AWS_DEFAULT_REGION);

  if (endpoint != NULL && *endpoint != '\0')
    self->endpoint = g_strdup (endpoint);
  else
    self->endpoint = g_strdup_printf ("https://agreement-marketplace.%s.amazonaws.com",
                                      self->region);
  parse_endpoint (self);

  return self;
}

const char *
rd_aws_client_get_endpoint (RdAwsClient *self)
{
  g_return_val_if_fail (RD_IS_AWS_CLIENT (self), NULL);

  return self->endpoint;
}

const char *
rd_aws_client_get_region (RdAwsClient *self)
{
  g_return_val_if_fail (RD_IS_AWS_CLIENT (self), NULL);

  return self->region;
}

/* Tests shrink the delays; max_attempts counts the first try. */
void
rd_aws_client_set_retry_policy (RdAwsClient *self,
                                guint        max_attempts,
                                guint        base_delay_ms)
{
  g_return_if_fail (RD_IS_AWS_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->base_delay_ms = base_delay_ms;
}

/* One call: its request body, its attempts, and the pending retry. */
typedef struct
{
  char        *operation;
  char        *target;
  GBytes      *body;
  SoupMessage *message;
  guint        attempt;
  GSource     *delay_source;
  GSource     *cancel_source;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->operation);
  g_free (data->target);
  g_bytes_unref (data->body);
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
build_message (RdAwsClient *self,
               CallData    *data,
               GError     **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (RdSigV4Result) signature = NULL;
  SoupMessageHeaders *headers;
  SoupMessage *message;
  RdSigV4Header signed_headers[] = {
    { "Host", self->host },
    { "Content-Type", CONTENT_TYPE },
    { "X-Amz-Target", data->target },
  };
  RdSigV4Credentials credentials = {
    self->credentials->access_key_id,
    self->credentials->secret_access_key,
    self->credentials->session_token,
  };
  RdSigV4Params params = { self->region, RD_AWS_AGREEMENT_SERVICE, now, FALSE, FALSE };
  RdSigV4Request request = {
    "POST", self->path, g_uri_get_query (self->uri),
    signed_headers, G_N_ELEMENTS (signed_headers), data->body,
  };

  signature = rd_sigv4_sign (&request, &credentials, &params, error);
  if (signature == NULL)
    return NULL;

  message = soup_message_new_from_uri ("POST", self->uri);
  headers = soup_message_get_request_headers (message);
  /* Set here so the Host sent is the one signed. */
  soup_message_headers_replace (headers, "Host", self->host);
  soup_message_headers_replace (headers, "X-Amz-Target", data->target);
  soup_message_headers_replace (headers, "X-Amz-Date", signature->amz_date);
  soup_message_headers_replace (headers, "Authorization", signature->authorization);
  if (signature->security_token != NULL)
    soup_message_headers_replace (headers, "X-Amz-Security-Token", signature->security_token);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_set_request_body_from_bytes (message, CONTENT_TYPE, data->body);

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
retry_delay_ms (RdAwsClient *self,
                guint        attempt)
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
  RdAwsClient *self = g_task_get_source_object (task);
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

/* The error's shape name, from X-Amzn-ErrorType or the body's __type; either may carry a
 * namespace ("aws.marketplace#ValidationException") or a suffix (":http://..."). */
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

  if (body == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *node = json_object_get_member (body, names[i]);

      if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
          && json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
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
parse_object (GBytes  *bytes,
              GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *text = g_bytes_get_data (bytes, &size);
  JsonNode *root;

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
classify_failure (RdAwsClient *self,
                  SoupMessage *message,
                  GBytes      *bytes,
                  GError     **error)
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
  guint status = soup_message_get_status (message);
  g_autoptr (JsonObject) body = parse_object (bytes, NULL);
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
                     "import again."),
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
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_ACCESS_DENIED,
                 _("AWS denied access: %s. The IAM user or role needs the permissions "
                   "aws-marketplace:SearchAgreements, DescribeAgreement and "
                   "GetAgreementTerms."),
                 text);
  else if (g_strcmp0 (type, "ResourceNotFoundException") == 0)
    g_set_error (error, RD_AWS_ERROR, RD_AWS_ERROR_NOT_FOUND,
                 _("AWS Marketplace does not know this agreement: %s"), text);
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
  RdAwsClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonObject) object = NULL;
  gboolean retry;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* A bad certificate will not get better by asking again. */
      retry = error->domain != G_TLS_ERROR;
      {
        GError *network = g_error_new (RD_AWS_ERROR, RD_AWS_ERROR_NETWORK,
                                       _("Could not reach AWS Marketplace at %s: %s. Check "
                                         "the network connection and try again."),
                                       self->endpoint, error->message);

        g_clear_error (&error);
        error = network;
      }
    }
  else
    {
      status = soup_message_get_status (data->message);
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          g_autoptr (GError) parse_error = NULL;

          object = parse_object (bytes, &parse_error);
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
  RdAwsClient *self = g_task_get_source_object (task);
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

void
rd_aws_client_call_async (RdAwsClient         *self,
                          const char          *operation,
                          JsonObject          *input,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonNode) node = NULL;
  CallData *data;
  char *text;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));
  g_return_if_fail (operation != NULL);
  g_return_if_fail (input != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_call_async);

  if (self->endpoint_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->endpoint_error));
      return;
    }

  node = json_node_init_object (json_node_alloc (), input);
  text = json_to_string (node, FALSE);
  data = g_new0 (CallData, 1);
  data->operation = g_strdup (operation);
  data->target = g_strdup_printf ("%s.%s", RD_AWS_AGREEMENT_TARGET, operation);
  data->body = g_bytes_new_take (text, strlen (text));
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  send_attempt (task);
}

JsonObject *
rd_aws_client_call_finish (RdAwsClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RD_IS_AWS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_filter (JsonArray  *filters,
            const char *name,
            const char *value)
{
  JsonObject *filter = json_object_new ();
  JsonArray *values = json_array_new ();

  json_array_add_string_element (values, value);
  json_object_set_string_member (filter, "name", name);
  json_object_set_array_member (filter, "values", values);
  json_array_add_object_element (filters, filter);
}

static void
add_time_filter (JsonArray  *filters,
                 const char *name,
                 GDateTime  *time)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  /* FilterValue allows [A-Za-z0-9+:_-]: ISO 8601 without fractions. */
  utc = g_date_time_to_utc (time);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  add_filter (filters, name, text);
}

typedef struct _PagedData PagedData;

/* One page's request body, less the paging members. */
typedef void (*PagedInputFunc) (PagedData  *data,
                                JsonObject *input);

/* An operation read page by page through nextToken, collecting the objects of one array
 * member of every response (SearchAgreements, GetAgreementTerms). */
struct _PagedData
{
  const char     *operation;
  const char     *member;
  PagedInputFunc  build_input;
  gboolean        emit_pages;
  char           *status;
  GDateTime      *before_end_time;
  GDateTime      *after_end_time;
  guint           page_size;
  char           *agreement_id;
  char           *next_token;
  guint           pages;
  GPtrArray      *items;     /* JsonObject */
};

static void
paged_data_free (PagedData *data)
{
  g_free (data->status);
  g_clear_pointer (&data->before_end_time, g_date_time_unref);
  g_clear_pointer (&data->after_end_time, g_date_time_unref);
  g_free (data->agreement_id);
  g_free (data->next_token);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

static PagedData *
paged_data_new (const RdAwsSearchOptions *options)
{
  PagedData *data = g_new0 (PagedData, 1);

  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  data->page_size = RD_AWS_MAX_PAGE_SIZE;
  if (options != NULL)
    {
      data->status = g_strdup (options->status);
      data->before_end_time = options->before_end_time != NULL
                              ? g_date_time_ref (options->before_end_time) : NULL;
      data->after_end_time = options->after_end_time != NULL
                             ? g_date_time_ref (options->after_end_time) : NULL;
      if (options->page_size > 0)
        data->page_size = MIN (options->page_size, RD_AWS_MAX_PAGE_SIZE);
    }
  return data;
}

/* The next token, or NULL when this was the last page; FALSE if the server loops. */
static gboolean
take_next_token (PagedData  *data,
                 JsonObject *output)
{
  const char *token = NULL;
  JsonNode *node = json_object_get_member (output, "nextToken");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    token = json_node_get_string (node);
  if (token != NULL && *token == '\0')
    token = NULL;
  if (token != NULL && g_strcmp0 (token, data->next_token) == 0)
    return FALSE;
  g_free (data->next_token);
  data->next_token = g_strdup (token);
  return TRUE;
}

static void paged_next_page (GTask *task);

static void
on_paged_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsClient *self = RD_AWS_CLIENT (source);
  PagedData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) output = NULL;
  JsonNode *page;

  output = rd_aws_client_call_finish (self, result, &error);
  if (output == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  page = json_object_get_member (output, data->member);
  if (page != NULL && JSON_NODE_HOLDS_ARRAY (page))
    {
      JsonArray *array = json_node_get_array (page);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            g_ptr_array_add (data->items, json_object_ref (json_node_get_object (item)));
        }
    }
  data->pages++;
  if (data->emit_pages)
    g_signal_emit (self, signals [PAGE_LOADED], 0, data->pages, data->items->len);

  if (!take_next_token (data, output))
    {
      g_task_return_new_error (task, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE,
                               _("AWS Marketplace sent the same page token twice. Try the "
                                 "import again later."));
      return;
    }
  if (data->next_token != NULL)
    paged_next_page (g_steal_pointer (&task));
  else
    g_task_return_pointer (task, g_ptr_array_ref (data->items),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
paged_next_page (GTask *task)
{
  PagedData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) input = json_object_new ();

  data->build_input (data, input);
  json_object_set_int_member (input, "maxResults", data->page_size);
  if (data->next_token != NULL)
    json_object_set_string_member (input, "nextToken", data->next_token);
  rd_aws_client_call_async (g_task_get_source_object (task), data->operation, input,
                            g_task_get_cancellable (task), on_paged_page_cb, task);
}

static void
search_input (PagedData  *data,
              JsonObject *input)
{
  JsonArray *filters = json_array_new ();

  add_filter (filters, "PartyType", "Proposer");
  add_filter (filters, "AgreementType", "PurchaseAgreement");
  if (data->status != NULL && *data->status != '\0')
    add_filter (filters, "Status", data->status);
  add_time_filter (filters, "BeforeEndTime", data->before_end_time);
  add_time_filter (filters, "AfterEndTime", data->after_end_time);

  json_object_set_string_member (input, "catalog", CATALOG);
  json_object_set_array_member (input, "filters", filters);
}

void
rd_aws_client_search_agreements_async (RdAwsClient              *self,
                                       const RdAwsSearchOptions *options,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  PagedData *data;
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_search_agreements_async);
  data = paged_data_new (options);
  data->operation = "SearchAgreements";
  data->member = "agreementViewSummaries";
  data->build_input = search_input;
  data->emit_pages = TRUE;
  g_task_set_task_data (task, data, (GDestroyNotify) paged_data_free);
  paged_next_page (task);
}

GPtrArray *
rd_aws_client_search_agreements_finish (RdAwsClient   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_describe_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  JsonObject *output = rd_aws_client_call_finish (RD_AWS_CLIENT (source), result, &error);

  if (output == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, output, (GDestroyNotify) json_object_unref);
}

void
rd_aws_client_describe_agreement_async (RdAwsClient         *self,
                                        const char          *agreement_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr (JsonObject) input = json_object_new ();
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));
  g_return_if_fail (agreement_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_describe_agreement_async);
  json_object_set_string_member (input, "agreementId", agreement_id);
  rd_aws_client_call_async (self, "DescribeAgreement", input, cancellable, on_describe_cb, task);
}

JsonObject *
rd_aws_client_describe_agreement_finish (RdAwsClient   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
terms_input (PagedData  *data,
             JsonObject *input)
{
  json_object_set_string_member (input, "agreementId", data->agreement_id);
}

void
rd_aws_client_get_agreement_terms_async (RdAwsClient         *self,
                                         const char          *agreement_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  PagedData *data;
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));
  g_return_if_fail (agreement_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_get_agreement_terms_async);
  data = paged_data_new (NULL);
  data->operation = "GetAgreementTerms";
  data->member = "acceptedTerms";
  data->build_input = terms_input;
  data->agreement_id = g_strdup (agreement_id);
  g_task_set_task_data (task, data, (GDestroyNotify) paged_data_free);
  paged_next_page (task);
}

JsonArray *
rd_aws_client_get_agreement_terms_finish (RdAwsClient   *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_autoptr (GPtrArray) items = NULL;
  JsonArray *terms;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  items = g_task_propagate_pointer (G_TASK (result), error);
  if (items == NULL)
    return NULL;
  terms = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (terms, json_object_ref (g_ptr_array_index (items, i)));
  return terms;
}

/* Import: search, then for each agreement DescribeAgreement and GetAgreementTerms, one
 * agreement at a time so as not to provoke throttling. */
typedef struct
{
  GPtrArray  *summaries;
  GPtrArray  *records;
  JsonObject *described;
  guint       index;
  guint       flushed;   /* records already handed to the sink */
  RdAwsRecordsSink sink;
  gpointer    sink_data;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_pointer (&data->summaries, g_ptr_array_unref);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->described, json_object_unref);
  g_free (data);
}

static void import_next_agreement (GTask *task);

/* Hands the records not yet stored to the sink: a full page, or the rest at the end. */
static gboolean
import_flush (ImportData  *data,
              gboolean     at_end,
              GError     **error)
{
  g_autoptr (GPtrArray) page = NULL;

  if (data->sink == NULL)
    return TRUE;
  if (data->records->len - data->flushed < RD_AWS_MAX_PAGE_SIZE
      && !(at_end && data->records->len > data->flushed))
    return TRUE;
  page = g_ptr_array_new ();
  for (guint i = data->flushed; i < data->records->len; i++)
    g_ptr_array_add (page, g_ptr_array_index (data->records, i));
  data->flushed = data->records->len;
  return data->sink (page, data->sink_data, error);
}

static const char *
agreement_id_of (JsonObject *agreement)
{
  JsonNode *node = json_object_get_member (agreement, "agreementId");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
on_import_terms_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsClient *self = RD_AWS_CLIENT (source);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) terms = NULL;

  terms = rd_aws_client_get_agreement_terms_finish (self, result, &error);
  if (terms == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (data->records, rd_aws_agreement_to_record (data->described, terms));
  g_clear_pointer (&data->described, json_object_unref);
  data->index++;
  g_signal_emit (self, signals [AGREEMENT_LOADED], 0, data->index, data->summaries->len);
  if (!import_flush (data, FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  import_next_agreement (g_steal_pointer (&task));
}

static void
on_import_describe_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsClient *self = RD_AWS_CLIENT (source);
  ImportData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GError) error = NULL;
  const char *id;

  data->described = rd_aws_client_describe_agreement_finish (self, result, &error);
  if (data->described == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  id = agreement_id_of (g_ptr_array_index (data->summaries, data->index));
  rd_aws_client_get_agreement_terms_async (self, id, cancellable, on_import_terms_cb,
                                           g_steal_pointer (&task));
}

static void
import_next_agreement (GTask *task)
{
  RdAwsClient *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);

  while (data->index < data->summaries->len
         && agreement_id_of (g_ptr_array_index (data->summaries, data->index)) == NULL)
    data->index++;
  if (data->index >= data->summaries->len)
    {
      g_autoptr (GError) error = NULL;

      if (!import_flush (data, TRUE, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_ptr_array_ref (data->records),
                               (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  rd_aws_client_describe_agreement_async (self,
                                          agreement_id_of (g_ptr_array_index (data->summaries,
                                                                              data->index)),
                                          g_task_get_cancellable (task),
                                          on_import_describe_cb, task);
}

static void
on_import_search_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  data->summaries = rd_aws_client_search_agreements_finish (RD_AWS_CLIENT (source), result,
                                                            &error);
  if (data->summaries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  import_next_agreement (g_steal_pointer (&task));
}

void
rd_aws_client_import_agreements_async (RdAwsClient              *self,
                                       const RdAwsSearchOptions *options,
                                       RdAwsRecordsSink          sink,
                                       gpointer                  sink_data,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  ImportData *data;
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_import_agreements_async);
  data = g_new0 (ImportData, 1);
  data->records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  data->sink = sink;
  data->sink_data = sink_data;
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  rd_aws_client_search_agreements_async (self, options, cancellable, on_import_search_cb, task);
}

GPtrArray *
rd_aws_client_import_agreements_finish (RdAwsClient   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
rd_aws_timestamp_to_date (JsonNode *timestamp)
{
  g_autoptr (GDateTime) time = NULL;

  if (timestamp == NULL || !JSON_NODE_HOLDS_VALUE (timestamp))
    return NULL;

  switch (json_node_get_value_type (timestamp))
    {
    case G_TYPE_INT64:
      time = g_date_time_new_from_unix_utc (json_node_get_int (timestamp));
      break;
    case G_TYPE_DOUBLE:
      {
        double seconds = json_node_get_double (timestamp);

        /* 23:59:59.999 stays on its day: whole seconds, rounded down. */
        if (isfinite (seconds))
          time = g_date_time_new_from_unix_utc ((gint64) floor (seconds));
      }
      break;
    case G_TYPE_STRING:
      {
        g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

        time = g_date_time_new_from_iso8601 (json_node_get_string (timestamp), utc);
        if (time != NULL)
          {
            GDateTime *in_utc = g_date_time_to_utc (time);

            g_date_time_unref (time);
            time = in_utc;
          }
      }
      break;
    default:
      break;
    }

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : NULL;
}

static void
set_date_member (JsonObject *record,
                 const char *name,
                 JsonNode   *timestamp)
{
  g_autofree char *date = rd_aws_timestamp_to_date (timestamp);

  if (date != NULL)
    json_object_set_string_member (record, name, date);
  else
    json_object_set_null_member (record, name);
}

static gboolean
parse_amount (const char *text,
              double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

/* "P12M" → 12, "P3Y" → 36; 0 for anything else (days, mixed forms). */
static int
duration_months (const char *iso)
{
  char *end = NULL;
  gint64 n;

  if (iso == NULL || iso[0] != 'P')
    return 0;
  n = g_ascii_strtoll (iso + 1, &end, 10);
  if (end == iso + 1 || n <= 0 || n > 1200 || end[1] != '\0')
    return 0;
  if (end[0] == 'M')
    return (int) n;
  if (end[0] == 'Y')
    return (int) n * 12;
  return 0;
}

static JsonObject *
find_term (JsonArray  *terms,
           const char *kind)
{
  if (terms == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *node = json_array_get_element (terms, i);
      JsonObject *term;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      term = object_member (json_node_get_object (node), kind);
      if (term != NULL)
        return term;
    }
  return NULL;
}

static const char *
product_type_of (const char *resource_type,
                 JsonArray  *terms)
{
  gboolean contract = find_term (terms, "configurableUpfrontPricingTerm") != NULL
                      || find_term (terms, "fixedUpfrontPricingTerm") != NULL;
  gboolean usage = find_term (terms, "usageBasedPricingTerm") != NULL;

  if (resource_type == NULL)
    return NULL;
  if (g_str_equal (resource_type, "SaaSProduct"))
    {
      if (contract && usage)
        return "saas_contract_consumption";
      return contract ? "saas_contract" : "saas_subscription";
    }
  if (g_str_equal (resource_type, "AmiProduct"))
    return contract ? "ami_annual" : "ami_hourly";
  if (g_str_equal (resource_type, "ContainerProduct"))
    return "container";
  if (g_str_equal (resource_type, "ProfessionalServicesProduct"))
    return "professional_services";
  return NULL;
}

static void
add_payment_schedule (JsonObject *record,
                      JsonArray  *terms)
{
  JsonObject *term = find_term (terms, "paymentScheduleTerm");
  JsonArray *schedule = array_member (term, "schedule");
  JsonArray *installments;

  if (schedule == NULL)
    return;
  installments = json_array_new ();
  for (guint i = 0; i < json_array_get_length (schedule); i++)
    {
      JsonNode *node = json_array_get_element (schedule, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *date = NULL;
      JsonObject *installment;
      double amount;

      if (item == NULL)
        continue;
      date = rd_aws_timestamp_to_date (json_object_get_member (item, "chargeDate"));
      if (date == NULL || !parse_amount (string_member (item, "chargeAmount"), &amount))
        continue;
      installment = json_object_new ();
      json_object_set_string_member (installment, "date", date);
      json_object_set_double_member (installment, "amount", amount);
      json_array_add_object_element (installments, installment);
    }
  json_object_set_array_member (record, "payment_schedule", installments);
}

static void
add_rate_card (GHashTable *prices,
               JsonArray  *rate_card)
{
  for (guint i = 0; rate_card != NULL && i < json_array_get_length (rate_card); i++)
    {
      JsonNode *node = json_array_get_element (rate_card, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = string_member (item, "dimensionKey");
      const char *price = string_member (item, "price");

      if (key != NULL && price != NULL)
        g_hash_table_replace (prices, g_strdup (key), g_strdup (price));
    }
}

/* Contract dimensions with the quantities bought and their prices, then usage dimensions. */
static void
add_pricing_dimensions (JsonObject *record,
                        JsonArray  *terms)
{
  g_autoptr (GHashTable) prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *upfront = find_term (terms, "configurableUpfrontPricingTerm");
  JsonObject *usage = find_term (terms, "usageBasedPricingTerm");
  JsonObject *configuration = object_member (upfront, "configuration");
  JsonArray *dimensions = array_member (configuration, "dimensions");
  JsonArray *rate_cards = array_member (upfront, "rateCards");
  const char *selector = string_member (configuration, "selectorValue");
  JsonArray *out = json_array_new ();

  for (guint i = 0; rate_cards != NULL && i < json_array_get_length (rate_cards); i++)
    {
      JsonNode *node = json_array_get_element (rate_cards, i);
      JsonObject *card = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *card_selector = object_member (card, "selector");

      if (selector == NULL || card_selector == NULL
          || g_strcmp0 (string_member (card_selector, "value"), selector) == 0)
        add_rate_card (prices, array_member (card, "rateCard"));
    }
  for (guint i = 0; dimensions != NULL && i < json_array_get_length (dimensions); i++)
    {
      JsonNode *node = json_array_get_element (dimensions, i);
      JsonObject *dimension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = string_member (dimension, "dimensionKey");
      JsonNode *quantity = dimension != NULL
                           ? json_object_get_member (dimension, "dimensionValue") : NULL;
      JsonObject *entry;
      double price;

      if (key == NULL)
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "dimension_key", key);
      json_object_set_string_member (entry, "pricing", "contract");
      if (quantity != NULL && JSON_NODE_HOLDS_VALUE (quantity))
        json_object_set_int_member (entry, "quantity", json_node_get_int (quantity));
      if (parse_amount (g_hash_table_lookup (prices, key), &price))
        json_object_set_double_member (entry, "price", price);
      json_array_add_object_element (out, entry);
    }

  rate_cards = array_member (usage, "rateCards");
  for (guint i = 0; rate_cards != NULL && i < json_array_get_length (rate_cards); i++)
    {
      JsonNode *node = json_array_get_element (rate_cards, i);
      JsonObject *card = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonArray *rate_card = array_member (card, "rateCard");

      for (guint j = 0; rate_card != NULL && j < json_array_get_length (rate_card); j++)
        {
          JsonNode *item_node = json_array_get_element (rate_card, j);
          JsonObject *item = JSON_NODE_HOLDS_OBJECT (item_node)
                             ? json_node_get_object (item_node) : NULL;
          const char *key = string_member (item, "dimensionKey");
          JsonObject *entry;
          double price;

          if (key == NULL)
            continue;
          entry = json_object_new ();
          json_object_set_string_member (entry, "dimension_key", key);
          json_object_set_string_member (entry, "pricing", "usage");
          if (parse_amount (string_member (item, "price"), &price))
            json_object_set_double_member (entry, "price", price);
          json_array_add_object_element (out, entry);
        }
    }

  if (json_array_get_length (out) > 0)
    json_object_set_array_member (record, "pricing_dimensions", out);
  else
    json_array_unref (out);
}

JsonObject *
rd_aws_agreement_to_record (JsonObject *agreement,
                            JsonArray  *terms)
{
  JsonObject *record;
  JsonObject *proposal = object_member (agreement, "proposalSummary");
  JsonArray *resources = array_member (proposal, "resources");
  JsonObject *validity = find_term (terms, "validityTerm");
  JsonObject *renewal = find_term (terms, "renewalTerm");
  JsonObject *charges = object_member (agreement, "estimatedCharges");
  const char *buyer = string_member (object_member (agreement, "acceptor"), "accountId");
  const char *proposer = string_member (object_member (agreement, "proposer"), "accountId");
  const char *product_id = NULL;
  const char *product_type = NULL;
  const char *resale_authorization_id = NULL;
  JsonNode *start;
  JsonNode *end;
  double value;

  g_return_val_if_fail (agreement != NULL, NULL);

  for (guint i = 0; resources != NULL && i < json_array_get_length (resources); i++)
    {
      JsonNode *node = json_array_get_element (resources, i);
      JsonObject *resource = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = string_member (resource, "id");
      const char *type = string_member (resource, "type");

      if (id == NULL)
        continue;
      /* The model names no field for it: a CPPO shows its resale authorization among the
       * proposal's resources. */
      if (g_strcmp0 (type, "ResaleAuthorization") == 0 || g_str_has_prefix (id, "resaleauthz-"))
        resale_authorization_id = id;
      else if (product_id == NULL)
        {
          product_id = id;
          product_type = product_type_of (type, terms);
        }
    }

  record = json_object_new ();
  json_object_set_string_member (record, "type", "agreement");
  json_object_set_string_member (record, "agreement_id", string_member (agreement, "agreementId"));
  if (string_member (proposal, "offerId") != NULL)
    json_object_set_string_member (record, "offer_id", string_member (proposal, "offerId"));
  if (product_id != NULL)
    json_object_set_string_member (record, "product_id", product_id);
  if (product_type != NULL)
    json_object_set_string_member (record, "product_type", product_type);
  /* The Agreement API gives no company name; the buyer's account stands in for it. */
  if (buyer != NULL)
    {
      json_object_set_string_member (record, "customer", buyer);
      json_object_set_string_member (record, "buyer_account_id", buyer);
    }
  json_object_set_string_member (record, "kind", resale_authorization_id != NULL ? "CPPO" : "PO");
  if (resale_authorization_id != NULL)
    {
      json_object_set_string_member (record, "resale_authorization_id",
                                     resale_authorization_id);
      /* In a CPPO the channel partner proposes. */
      if (proposer != NULL)
        json_object_set_string_member (record, "channel_partner_account_id", proposer);
    }
  else if (proposer != NULL)
    json_object_set_string_member (record, "isv_account_id", proposer);

  start = validity != NULL ? json_object_get_member (validity, "agreementStartDate") : NULL;
  if (start == NULL)
    start = json_object_get_member (agreement, "startTime");
  end = validity != NULL ? json_object_get_member (validity, "agreementEndDate") : NULL;
  if (end == NULL)
    end = json_object_get_member (agreement, "endTime");
  set_date_member (record, "start_date", start);
  set_date_member (record, "end_date", end);
  if (validity != NULL && duration_months (string_member (validity, "agreementDuration")) > 0)
    json_object_set_int_member (record, "duration_months",
                                duration_months (string_member (validity, "agreementDuration")));

  if (string_member (agreement, "status") != NULL)
    json_object_set_string_member (record, "status", string_member (agreement, "status"));
  if (parse_amount (string_member (charges, "agreementValue"), &value))
    json_object_set_double_member (record, "value", value);
  if (string_member (charges, "currencyCode") != NULL)
    json_object_set_string_member (record, "currency", string_member (charges, "currencyCode"));

  if (terms != NULL)
    {
      JsonObject *configuration = object_member (renewal, "configuration");
      JsonNode *flag = configuration != NULL
                       ? json_object_get_member (configuration, "enableAutoRenew") : NULL;

      json_object_set_boolean_member (record, "auto_renew",
                                      flag != NULL && JSON_NODE_HOLDS_VALUE (flag)
                                      && json_node_get_boolean (flag));
      add_payment_schedule (record, terms);
      add_pricing_dimensions (record, terms);
    }

  /* Neither the product title nor the preceding agreement is in the Agreement API; the
   * renewal chain is left for the user or a later Catalog API lookup. */
  return record;
}
