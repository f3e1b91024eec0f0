/* aws-test-front.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "aws-test-front.h"
#include "rd-sigv4.h"

struct _AwsTestFront
{
  SoupServer     *server;
  GSocketService *service;
  char           *url;
  guint           refused;
};

typedef struct
{
  AwsTestFront      *front;
  GSocketConnection *connection;
  GSource           *source;
} Incoming;

static void
incoming_free (Incoming *incoming)
{
  if (incoming->source != NULL)
    {
      g_source_destroy (incoming->source);
      g_source_unref (incoming->source);
    }
  g_clear_object (&incoming->connection);
  g_free (incoming);
}

/* "METHOD /target HTTP/1.x": what an HTTP/1.1 origin server accepts. */
static gboolean
request_line_is_valid (const char *line,
                       gsize       length)
{
  g_autofree char *text = g_strndup (line, length);
  g_auto (GStrv) parts = g_strsplit (text, " ", -1);

  if (g_strv_length (parts) != 3 || *parts[0] == '\0')
    return FALSE;
  for (const char *p = parts[0]; *p != '\0'; p++)
    if (!g_ascii_isupper (*p))
      return FALSE;
  if (parts[1][0] != '/')
    return FALSE;
  return g_str_equal (parts[2], "HTTP/1.1") || g_str_equal (parts[2], "HTTP/1.0");
}

static void
refuse (Incoming *incoming)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                               "Connection: close\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (incoming->connection));

  incoming->front->refused++;
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (incoming->connection), NULL, NULL);
}

/* Peeks at what arrived (without taking it) until the request line is complete. */
static gboolean
on_readable_cb (GSocket      *socket,
                GIOCondition  condition,
                gpointer      user_data)
{
  Incoming *incoming = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSocketAddress) local = NULL;
  g_autoptr (GSocketAddress) remote = NULL;
  char buffer[4096];
  GInputVector vector = { buffer, sizeof buffer };
  int flags = G_SOCKET_MSG_PEEK;
  const char *end;
  gssize n;

  n = g_socket_receive_message (socket, NULL, &vector, 1, NULL, NULL, &flags, NULL, &error);
  if (n <= 0)
    {
      g_clear_pointer (&incoming->source, g_source_unref);
      incoming_free (incoming);
      return G_SOURCE_REMOVE;
    }
  end = g_strstr_len (buffer, n, "\r\n");
  if (end == NULL && n < (gssize) sizeof buffer)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&incoming->source, g_source_unref);
  if (end == NULL || !request_line_is_valid (buffer, (gsize) (end - buffer)))
    {
      refuse (incoming);
      incoming_free (incoming);
      return G_SOURCE_REMOVE;
    }
  local = g_socket_connection_get_local_address (incoming->connection, NULL);
  remote = g_socket_connection_get_remote_address (incoming->connection, NULL);
  soup_server_accept_iostream (incoming->front->server, G_IO_STREAM (incoming->connection),
                               local, remote, &error);
  g_assert_no_error (error);
  incoming_free (incoming);
  return G_SOURCE_REMOVE;
}

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source_object,
                gpointer           user_data)
{
  Incoming *incoming = g_new0 (Incoming, 1);
  GSocket *socket = g_socket_connection_get_socket (connection);

  incoming->front = user_data;
  incoming->connection = g_object_ref (connection);
  incoming->source = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (incoming->source, (GSourceFunc) (GCallback) on_readable_cb, incoming,
                         NULL);
  g_source_attach (incoming->source, NULL);
  return TRUE;
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  /* One request per connection, so that the front sees every request line. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
}

AwsTestFront *
aws_test_front_new (SoupServer *server)
{
  AwsTestFront *front = g_new0 (AwsTestFront, 1);
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  front->server = g_object_ref (server);
  front->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (front->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                 &error);
  g_assert_no_error (error);
  front->url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_signal_connect (front->service, "incoming", G_CALLBACK (on_incoming_cb), front);
  g_signal_connect (server, "request-started", G_CALLBACK (on_request_started_cb), NULL);
  g_socket_service_start (front->service);
  return front;
}

void
aws_test_front_free (AwsTestFront *front)
{
  if (front == NULL)
    return;
  g_socket_service_stop (front->service);
  g_socket_listener_close (G_SOCKET_LISTENER (front->service));
  g_signal_handlers_disconnect_by_func (front->server, on_request_started_cb, NULL);
  g_clear_object (&front->service);
  g_clear_object (&front->server);
  g_free (front->url);
  g_free (front);
}

const char *
aws_test_front_get_url (AwsTestFront *front)
{
  return front->url;
}

guint
aws_test_front_get_refused (AwsTestFront *front)
{
  return front->refused;
}

static char *
auth_value (const char *auth,
            const char *key)
{
  const char *start = strstr (auth, key);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (key);
  end = strchr (start, ',');
  return end != NULL ? g_strndup (start, (gsize) (end - start)) : g_strdup (start);
}

gboolean
aws_test_signature_is_valid (SoupServerMessage *msg,
                             GBytes            *body,
                             const char        *access_key,
                             const char        *secret_key,
                             const char        *session_token)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *amz_date = soup_message_headers_get_one (headers, "X-Amz-Date");
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *prefix = g_strdup_printf ("AWS4-HMAC-SHA256 Credential=%s/", access_key);
  g_autofree char *signed_list = NULL;
  g_autofree char *credential = NULL;
  g_autofree char *path = NULL;
  g_auto (GStrv) names = NULL;
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GArray) signed_headers = g_array_new (FALSE, TRUE, sizeof (RdSigV4Header));
  g_autoptr (RdSigV4Result) expected = NULL;
  g_autoptr (GError) error = NULL;
  RdSigV4Credentials credentials = { access_key, secret_key, session_token };
  RdSigV4Params params = { "us-east-1", "aws-marketplace", NULL, FALSE, FALSE };
  RdSigV4Request request = { soup_server_message_get_method (msg), NULL,
                             g_uri_get_query (uri), NULL, 0,
                             body != NULL && g_bytes_get_size (body) > 0 ? body : NULL };

  g_assert_nonnull (auth);
  g_assert_nonnull (amz_date);
  g_assert_true (g_str_has_prefix (auth, prefix));
  credential = auth_value (auth, "Credential=");
  g_assert_true (g_str_has_suffix (credential, "/us-east-1/aws-marketplace/aws4_request"));
  signed_list = auth_value (auth, "SignedHeaders=");
  names = g_strsplit (signed_list, ";", -1);
  g_assert_true (g_strv_contains ((const char * const *) names, "host"));
  g_assert_true (g_strv_contains ((const char * const *) names, "x-amz-date"));
  if (session_token != NULL)
    {
      g_assert_true (g_strv_contains ((const char * const *) names, "x-amz-security-token"));
      g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Amz-Security-Token"), ==,
                       session_token);
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      RdSigV4Header h = { names[i], soup_message_headers_get_one (headers, names[i]) };

      g_assert_nonnull (h.value);
      g_array_append_val (signed_headers, h);
    }

  path = g_uri_unescape_string (g_uri_get_path (uri), NULL);
  request.path = path;
  time = rd_sigv4_parse_amz_date (amz_date);
  g_assert_nonnull (time);
  params.signing_time = time;
  request.headers = (const RdSigV4Header *) (gpointer) signed_headers->data;
  request.n_headers = signed_headers->len;
  expected = rd_sigv4_sign (&request, &credentials, &params, &error);
  g_assert_no_error (error);
  return g_strcmp0 (expected->authorization, auth) == 0;
}
