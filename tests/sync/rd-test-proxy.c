/* rd-test-proxy.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-test"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "rd-test-proxy.h"

struct _RdTestProxy
{
  SoupServer      *server;
  SoupSession     *upstream;
  char            *upstream_url;
  char            *url;
  char            *redirect;
  char            *rewrite_from;
  char            *rewrite_to;
  RdTestProxyMode  mode;
  guint            altered;
  guint            changes_requests;
  guint            bulk_in_flight;
  guint            most_bulk_in_flight;
  gboolean         swapped;
  struct Forward  *held;      /* RD_TEST_PROXY_SWAP_FIRST_BULK: the answer held back */
  GBytes          *held_body;
};

typedef struct Forward
{
  RdTestProxy       *proxy;
  SoupServerMessage *msg;
  SoupMessage       *forward;
} Forward;

static gboolean
is_bulk_docs (SoupServerMessage *msg)
{
  return g_str_has_suffix (g_uri_get_path (soup_server_message_get_uri (msg)), "/_bulk_docs");
}

static GBytes *
gzip_bytes (GBytes *bytes)
{
  g_autoptr (GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP,
                                                                  6);
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  stream = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_output_stream_write_all (stream, data, size, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* Writes the answer by hand on the stolen connection: only half of what it announces. */
static void
write_truncated (SoupServerMessage *msg,
                 guint              status,
                 const char        *encoding,
                 GBytes            *body)
{
  g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autoptr (GString) head = g_string_new (NULL);
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  g_string_append_printf (head, "HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n",
                          status, soup_status_get_phrase (status), size);
  if (encoding != NULL)
    g_string_append_printf (head, "Content-Encoding: %s\r\n", encoding);
  g_string_append (head, "\r\n");
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), head->str, head->len,
                             NULL, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), data, size / 2, NULL,
                             NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  SoupMessageHeaders *to = user_data;

  if (g_ascii_strcasecmp (name, "Content-Length") == 0
      || g_ascii_strcasecmp (name, "Transfer-Encoding") == 0
      || g_ascii_strcasecmp (name, "Content-Encoding") == 0
      || g_ascii_strcasecmp (name, "Connection") == 0
      || g_ascii_strcasecmp (name, "Keep-Alive") == 0
      || g_ascii_strcasecmp (name, "Host") == 0
      || g_ascii_strcasecmp (name, "Accept-Encoding") == 0)
    return;
  soup_message_headers_append (to, name, value);
}

/* Returns the server's answer (NULL: none) to the client, as the mode says; frees forward. */
static void
respond (Forward *forward,
         GBytes  *answer)
{
  RdTestProxy *self = forward->proxy;
  SoupServerMessage *msg = forward->msg;
  g_autoptr (GBytes) body = answer ? g_bytes_ref (answer) : NULL;
  g_autoptr (GBytes) sent = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint status = soup_message_get_status (forward->forward);
  gboolean compress;
  gsize size;

  if (is_bulk_docs (msg))
    self->bulk_in_flight--;
  soup_server_message_unpause (msg);
  if (body == NULL || ((self->mode & RD_TEST_PROXY_DROP_BULK_ANSWER) && is_bulk_docs (msg)))
    {
      /* The server committed (or failed); the client never hears of it. */
      g_autoptr (GIOStream) stream = soup_server_message_steal_connection (msg);

      if (body != NULL)
        self->altered++;
      g_io_stream_close (stream, NULL, NULL);
      goto out;
    }
  if (self->rewrite_from != NULL)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      g_auto (GStrv) parts = g_strsplit (text, self->rewrite_from, -1);
      char *joined = g_strjoinv (self->rewrite_to, parts);

      if (g_strv_length (parts) > 1)
        self->altered++;
      g_bytes_unref (body);
      body = g_bytes_new_take (joined, strlen (joined));
    }
  g_bytes_get_data (body, &size);
  compress = (self->mode & RD_TEST_PROXY_GZIP) && size > 0;
  sent = compress ? gzip_bytes (body) : g_bytes_ref (body);
  if ((self->mode & RD_TEST_PROXY_TRUNCATE) && size > 1024)
    {
      self->altered++;
      write_truncated (msg, status, compress ? "gzip" : NULL, sent);
      goto out;
    }
  soup_message_headers_foreach (soup_message_get_response_headers (forward->forward),
                                copy_header_cb, headers);
  soup_server_message_set_status (msg, status, NULL);
  if (compress)
    soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  if (self->mode & RD_TEST_PROXY_CHUNKED)
    {
      SoupMessageBody *response = soup_server_message_get_response_body (msg);
      const char *data = g_bytes_get_data (sent, &size);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (gsize at = 0; at < size; at += 100)
        soup_message_body_append (response, SOUP_MEMORY_COPY, data + at, MIN (100, size - at));
      soup_message_body_complete (response);
    }
  else
    {
      gsize sent_size;
      const char *data = g_bytes_get_data (sent, &sent_size);

      soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_COPY,
                                data, sent_size);
    }
  if (compress || (self->mode & RD_TEST_PROXY_CHUNKED))
    self->altered++;
out:
  g_object_unref (forward->forward);
  g_object_unref (forward->msg);
  g_free (forward);
}

static void
on_forwarded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Forward *forward = user_data;
  RdTestProxy *self = forward->proxy;
  g_autoptr (GBytes) body = NULL;
  Forward *held;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, NULL);
  if (body == NULL || !(self->mode & RD_TEST_PROXY_SWAP_FIRST_BULK) || self->swapped
      || !is_bulk_docs (forward->msg))
    {
      respond (forward, body);
      return;
    }
  if (self->held == NULL)
    {
      self->held = forward;
      self->held_body = g_steal_pointer (&body);
      return;
    }
  /* The second answer goes out first. */
  self->swapped = TRUE;
  self->altered++;
  held = g_steal_pointer (&self->held);
  respond (forward, body);
  respond (held, self->held_body);
  g_clear_pointer (&self->held_body, g_bytes_unref);
}

static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  RdTestProxy *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query_text = g_uri_get_query (uri);
  g_autofree char *target = NULL;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  Forward *forward;

  if (self->mode & RD_TEST_PROXY_REDIRECT)
    {
      g_autofree char *location = g_strconcat (self->redirect, g_uri_get_path (uri), NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      self->altered++;
      return;
    }
  if (g_str_has_suffix (g_uri_get_path (uri), "/_changes"))
    self->changes_requests++;
  if (is_bulk_docs (msg))
    {
      self->bulk_in_flight++;
      self->most_bulk_in_flight = MAX (self->most_bulk_in_flight, self->bulk_in_flight);
    }
  target = g_strdup_printf ("%s%s%s%s", self->upstream_url, g_uri_get_path (uri),
                            query_text ? "?" : "", query_text ? query_text : "");
  forward = g_new0 (Forward, 1);
  forward->proxy = self;
  forward->msg = g_object_ref (msg);
  forward->forward = soup_message_new (soup_server_message_get_method (msg), target);
  g_assert_nonnull (forward->forward);
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), copy_header_cb,
                                soup_message_get_request_headers (forward->forward));
  if (request->length > 0)
    {
      g_autoptr (GBytes) bytes = soup_message_body_flatten (request);
      const char *type = soup_message_headers_get_content_type (
        soup_server_message_get_request_headers (msg), NULL);

      soup_message_set_request_body_from_bytes (forward->forward,
                                                type ? type : "application/json", bytes);
    }
  soup_server_message_pause (msg);
  soup_session_send_and_read_async (self->upstream, forward->forward, G_PRIORITY_DEFAULT, NULL,
                                    on_forwarded_cb, forward);
}

RdTestProxy *
rd_test_proxy_new (const char *upstream_url)
{
  RdTestProxy *self = g_new0 (RdTestProxy, 1);
  g_autoptr (GError) error = NULL;
  GSList *uris;

  self->upstream_url = g_strdup (upstream_url);
  self->upstream = soup_session_new_with_options ("timeout", 30, NULL);
  /* Ask the server for plain answers: the proxy decides the encoding. */
  soup_session_remove_feature_by_type (self->upstream, SOUP_TYPE_CONTENT_DECODER);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, proxy_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

const char *
rd_test_proxy_get_url (RdTestProxy *self)
{
  return self->url;
}

void
rd_test_proxy_set_mode (RdTestProxy     *self,
                        RdTestProxyMode  mode)
{
  self->mode = mode;
}

void
rd_test_proxy_set_redirect (RdTestProxy *self,
                            const char  *target)
{
  g_free (self->redirect);
  self->redirect = g_strdup (target);
}

void
rd_test_proxy_set_rewrite (RdTestProxy *self,
                           const char  *from,
                           const char  *to)
{
  g_free (self->rewrite_from);
  g_free (self->rewrite_to);
  self->rewrite_from = g_strdup (from);
  self->rewrite_to = g_strdup (to);
}

guint
rd_test_proxy_get_altered (RdTestProxy *self)
{
  return self->altered;
}

guint
rd_test_proxy_get_changes_requests (RdTestProxy *self)
{
  return self->changes_requests;
}

guint
rd_test_proxy_get_most_bulk_in_flight (RdTestProxy *self)
{
  return self->most_bulk_in_flight;
}

void
rd_test_proxy_free (RdTestProxy *self)
{
  if (self->held != NULL)
    respond (g_steal_pointer (&self->held), NULL);
  g_clear_pointer (&self->held_body, g_bytes_unref);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->upstream);
  g_free (self->upstream_url);
  g_free (self->url);
  g_free (self->redirect);
  g_free (self->rewrite_from);
  g_free (self->rewrite_to);
  g_free (self);
}
