/* test-aws-endpoints.c
 *
 * Every way an endpoint is written reaches the service: no path (as the AWS CLI documents
 * --endpoint-url), "/", a path prefix with and without a trailing slash, for a JSON 1.0 call
 * (the Agreement API) and REST-JSON requests (the Catalog API). The server sits behind a
 * front that refuses a malformed request line as AWS's front end does, and checks SigV4.
 * Also: where the endpoint comes from (option, environment, profile).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "aws-test-front.h"
#include "rd-aws-transport.h"
#include "rd-test-wait.h"

#define ACCESS_KEY "AKIDTESTEXAMPLE"
#define SECRET_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY"

typedef struct
{
  SoupServer   *server;
  AwsTestFront *front;
  GPtrArray    *paths;    /* what each request asked for: "METHOD path?query" */
  guint         bad_signatures;
} Fixture;

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  GUri *uri = soup_server_message_get_uri (msg);
  const char *answer = "{\"ok\":true}";

  g_ptr_array_add (f->paths, g_strdup_printf ("%s %s%s%s", soup_server_message_get_method (msg),
                                              g_uri_get_path (uri),
                                              g_uri_get_query (uri) != NULL ? "?" : "",
                                              g_uri_get_query (uri) != NULL
                                              ? g_uri_get_query (uri) : ""));
  if (!aws_test_signature_is_valid (msg, body, ACCESS_KEY, SECRET_KEY, NULL))
    {
      f->bad_signatures++;
      soup_server_message_set_status (msg, 403, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer,
                                    strlen (answer));
}

static void
fixture_init (Fixture *f)
{
  f->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->server, NULL, on_request_cb, f, NULL);
  f->front = aws_test_front_new (f->server);
  f->paths = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_clear (Fixture *f)
{
  g_assert_cmpuint (f->bad_signatures, ==, 0);
  aws_test_front_free (f->front);
  soup_server_disconnect (f->server);
  g_object_unref (f->server);
  g_ptr_array_unref (f->paths);
}

static JsonObject *
wait_call (RdAwsTransport  *transport,
           GAsyncResult   **slot,
           GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  rd_test_wait_for_result (slot, "the transport's answer");
  result = g_steal_pointer (slot);
  return rd_aws_transport_call_finish (transport, result, error);
}

/* A request line with an empty target, as a client that forgot the path sends it. */
static void
test_front_refuses_empty_target (void)
{
  Fixture f = { 0 };
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *host = NULL;
  char answer[64] = { 0 };
  const char *request = "POST  HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}";
  gsize got = 0;

  fixture_init (&f);
  host = g_strdup (aws_test_front_get_url (f.front) + strlen ("http://"));
  connection = g_socket_client_connect_to_host (client, host, 80, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  /* The front runs in this thread's main context: read without blocking it. */
  while (got < 12)
    {
      gssize n;

      g_main_context_iteration (NULL, FALSE);
      n = g_pollable_input_stream_read_nonblocking (
        G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (G_IO_STREAM (connection))),
        answer + got, sizeof answer - 1 - got, NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      got += (gsize) n;
    }
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 400"));
  g_assert_cmpuint (aws_test_front_get_refused (f.front), ==, 1);
  g_assert_cmpuint (f.paths->len, ==, 0);
  fixture_clear (&f);
}

static void
test_spellings (void)
{
  static const struct {
    const char *suffix;
    const char *json_path;
    const char *rest_prefix;
  } cases[] = {
    { "", "/", "" },
    { "/", "/", "" },
    { "/mock", "/mock/", "/mock" },
    { "/mock/", "/mock/", "/mock" },
    { "/a/b", "/a/b/", "/a/b" },
  };
  g_autoptr (RdAwsCredentials) credentials = rd_aws_credentials_new (ACCESS_KEY, SECRET_KEY,
                                                                      NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture f = { 0 };
      g_autoptr (RdAwsTransport) agreement = NULL;
      g_autoptr (RdAwsTransport) catalog = NULL;
      g_autoptr (JsonObject) input = json_object_new ();
      g_autoptr (JsonObject) output = NULL;
      g_autoptr (JsonObject) list_output = NULL;
      g_autoptr (GAsyncResult) result = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *endpoint = NULL;
      g_autofree char *expected = NULL;
      const char * const query[] = { "catalog", "AWSMarketplace", "entityId", "prod-a b", NULL };

      g_test_message ("endpoint suffix “%s”", cases[i].suffix);
      fixture_init (&f);
      endpoint = g_strconcat (aws_test_front_get_url (f.front), cases[i].suffix, NULL);

      agreement = rd_aws_transport_new (&rd_aws_service_agreement, credentials, NULL, endpoint);
      rd_aws_transport_set_retry_policy (agreement, 1, 1);
      rd_aws_transport_call_async (agreement, "SearchAgreements", input, NULL,
                                   rd_test_keep_result_cb, &result);
      output = wait_call (agreement, &result, &error);
      g_assert_no_error (error);
      g_assert_true (json_object_get_boolean_member (output, "ok"));

      catalog = rd_aws_transport_new (&rd_aws_service_catalog, credentials, NULL, endpoint);
      rd_aws_transport_set_retry_policy (catalog, 1, 1);
      g_clear_pointer (&output, json_object_unref);
      rd_aws_transport_request_async (catalog, "DescribeEntity", "GET", "/DescribeEntity",
                                      query, NULL, NULL, rd_test_keep_result_cb, &result);
      output = wait_call (catalog, &result, &error);
      g_assert_no_error (error);
      g_assert_true (json_object_get_boolean_member (output, "ok"));

      json_object_set_string_member (input, "Catalog", "AWSMarketplace");
      rd_aws_transport_request_async (catalog, "ListEntities", "POST", "/ListEntities", NULL,
                                      input, NULL, rd_test_keep_result_cb, &result);
      list_output = wait_call (catalog, &result, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (aws_test_front_get_refused (f.front), ==, 0);
      g_assert_cmpuint (f.paths->len, ==, 3);
      expected = g_strconcat ("POST ", cases[i].json_path, NULL);
      g_assert_cmpstr (g_ptr_array_index (f.paths, 0), ==, expected);
      g_free (expected);
      expected = g_strconcat ("GET ", cases[i].rest_prefix,
                              "/DescribeEntity?catalog=AWSMarketplace&entityId=prod-a%20b",
                              NULL);
      g_assert_cmpstr (g_ptr_array_index (f.paths, 1), ==, expected);
      g_free (expected);
      expected = g_strconcat ("POST ", cases[i].rest_prefix, "/ListEntities", NULL);
      g_assert_cmpstr (g_ptr_array_index (f.paths, 2), ==, expected);
      fixture_clear (&f);
    }
}

static void
test_default_endpoints (void)
{
  g_autoptr (RdAwsCredentials) credentials = rd_aws_credentials_new (ACCESS_KEY, SECRET_KEY,
                                                                      NULL);
  g_autoptr (RdAwsTransport) agreement = NULL;
  g_autoptr (RdAwsTransport) catalog = NULL;
  g_autoptr (RdAwsTransport) insecure = NULL;
  g_autoptr (GError) error = NULL;

  agreement = rd_aws_transport_new (&rd_aws_service_agreement, credentials, NULL, NULL);
  catalog = rd_aws_transport_new (&rd_aws_service_catalog, credentials, "eu-west-1", "");
  g_assert_cmpstr (rd_aws_transport_get_endpoint (agreement), ==,
                   "https://agreement-marketplace.us-east-1.amazonaws.com");
  g_assert_cmpstr (rd_aws_transport_get_endpoint (catalog), ==,
                   "https://catalog.marketplace.eu-west-1.amazonaws.com");
  g_assert_true (rd_aws_transport_check_endpoint (catalog, &error));
  g_assert_no_error (error);

  insecure = rd_aws_transport_new (&rd_aws_service_catalog, credentials, NULL,
                                   "http://example.com/x");
  g_assert_false (rd_aws_transport_check_endpoint (insecure, &error));
  g_assert_error (error, RD_AWS_ERROR, RD_AWS_ERROR_FAILED);
}

static void
test_resolve (void)
{
  g_autoptr (RdAwsCredentials) with_profile = rd_aws_credentials_new (ACCESS_KEY, SECRET_KEY,
                                                                       NULL);
  g_autofree char *value = NULL;

  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT");
  g_unsetenv ("AWS_ENDPOINT_URL_MARKETPLACE_CATALOG");
  g_unsetenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");

  g_assert_null (rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, NULL, NULL));
  with_profile->endpoint_url = g_strdup ("https://profile.example");
  value = rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, NULL, with_profile);
  g_assert_cmpstr (value, ==, "https://profile.example");
  g_free (value);

  g_setenv ("AWS_ENDPOINT_URL", "https://all.example", TRUE);
  value = rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, NULL, with_profile);
  g_assert_cmpstr (value, ==, "https://all.example");
  g_free (value);

  g_setenv ("AWS_ENDPOINT_URL_MARKETPLACE_CATALOG", "https://catalog.example", TRUE);
  g_setenv ("AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT", "https://agreement.example", TRUE);
  value = rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, NULL, with_profile);
  g_assert_cmpstr (value, ==, "https://catalog.example");
  g_free (value);
  value = rd_aws_transport_resolve_endpoint (&rd_aws_service_agreement, NULL, with_profile);
  g_assert_cmpstr (value, ==, "https://agreement.example");
  g_free (value);

  /* An option on the command line wins over everything. */
  value = rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, "http://127.0.0.1:9",
                                             with_profile);
  g_assert_cmpstr (value, ==, "http://127.0.0.1:9");
  g_free (value);

  g_setenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", TRUE);
  g_assert_null (rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, NULL,
                                                    with_profile));
  g_unsetenv ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  g_unsetenv ("AWS_ENDPOINT_URL");
  g_unsetenv ("AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT");
  g_unsetenv ("AWS_ENDPOINT_URL_MARKETPLACE_CATALOG");
  value = NULL;
}

static void
test_profile_endpoint (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rd-aws-endpoint-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *shared = g_build_filename (dir, "credentials", NULL);
  g_autoptr (RdAwsCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_set_contents (config, "[profile work]\nregion = eu-central-1\n"
                                              "endpoint_url = http://127.0.0.1:4566\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (shared, "[work]\naws_access_key_id = AKID\n"
                                              "aws_secret_access_key = secret\n", -1, NULL));
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", shared, TRUE);
  credentials = rd_aws_credentials_load ("work", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (credentials->endpoint_url, ==, "http://127.0.0.1:4566");
  g_assert_cmpstr (credentials->region, ==, "eu-central-1");
  g_unsetenv ("AWS_CONFIG_FILE");
  g_unsetenv ("AWS_SHARED_CREDENTIALS_FILE");
  g_unlink (config);
  g_unlink (shared);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_unsetenv ("AWS_REGION");
  g_unsetenv ("AWS_DEFAULT_REGION");

  g_test_add_func ("/aws/endpoints/front-refuses-empty-target",
                   test_front_refuses_empty_target);
  g_test_add_func ("/aws/endpoints/spellings", test_spellings);
  g_test_add_func ("/aws/endpoints/defaults", test_default_endpoints);
  g_test_add_func ("/aws/endpoints/resolve", test_resolve);
  g_test_add_func ("/aws/endpoints/profile", test_profile_endpoint);
  return g_test_run ();
}
