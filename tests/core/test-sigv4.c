/* test-sigv4.c
 *
 * Runs every case of AWS's Signature Version 4 test suite ($RD_SHARED_TESTDATA/aws4_testsuite,
 * read in place): parses each .req, signs it, and compares the canonical request, the string
 * to sign and the Authorization header with the .creq, .sts and .authz files.
 *
 * Skipped cases: none. The reference SDKs skip none of these for a non-S3 service either
 * (aws-c-auth runs the normalize-path cases with path normalisation on; botocore's skip list names
 * only cases its Python HTTP parser cannot read, which this parser reads).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-sigv4.h"

/* The suite's documented inputs. */
#define SUITE_ACCESS_KEY "AKIDEXAMPLE"
#define SUITE_SECRET_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_REGION     "us-east-1"
#define SUITE_SERVICE    "service"
#define SUITE_DATE       "20150830T123600Z"

/* Cases skipped, with the reason; keep empty unless a reference SDK skips the case too. */
static const char * const skipped_cases[][2] = {
  { NULL, NULL },
};

static GPtrArray *suite_cases;

typedef struct
{
  char       *method;
  char       *path;
  char       *query;
  GArray     *headers; /* RdSigV4Header, owning the strings */
  GBytes     *body;
} ParsedRequest;

static void
parsed_request_free (ParsedRequest *req)
{
  for (guint i = 0; i < req->headers->len; i++)
    {
      RdSigV4Header *h = &g_array_index (req->headers, RdSigV4Header, i);

      g_free ((char *) h->name);
      g_free ((char *) h->value);
    }
  g_array_unref (req->headers);
  g_free (req->method);
  g_free (req->path);
  g_free (req->query);
  g_bytes_unref (req->body);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParsedRequest, parsed_request_free)

static char *
read_case_file (const char *case_dir,
                const char *extension)
{
  g_autofree char *base = g_path_get_basename (case_dir);
  g_autofree char *name = g_strconcat (base, extension, NULL);
  g_autofree char *path = g_build_filename (case_dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_string_replace (text, "\r\n", "\n", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A raw HTTP/1.1 request as the suite writes it: request line, headers (obs-folded
 * continuation lines joined with a space, as RFC 7230 says), an empty line, the body. */
static ParsedRequest *
parse_request (const char *text)
{
  g_autoptr (ParsedRequest) req = g_new0 (ParsedRequest, 1);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  const char *line = lines[0];
  const char *space = strchr (line, ' ');
  const char *proto = g_strrstr (line, " HTTP/");
  g_autofree char *target = NULL;
  const char *question;
  GString *value = NULL;
  char *name = NULL;
  guint i;

  req->headers = g_array_new (FALSE, TRUE, sizeof (RdSigV4Header));
  g_assert_nonnull (space);
  g_assert_nonnull (proto);
  g_assert_true (proto >= space);
  req->method = g_strndup (line, (gsize) (space - line));
  target = g_strndup (space + 1, (gsize) (proto - space - 1));
  question = strchr (target, '?');
  if (question != NULL)
    {
      req->path = g_uri_unescape_segment (target, question, NULL);
      req->query = g_strdup (question + 1);
    }
  else
    req->path = g_uri_unescape_string (target, NULL);
  g_assert_nonnull (req->path);

  for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      const char *colon;

      if ((lines[i][0] == ' ' || lines[i][0] == '\t') && value != NULL)
        {
          g_string_append_printf (value, " %s", lines[i]);
          continue;
        }
      if (name != NULL)
        {
          RdSigV4Header h = { name, g_string_free (value, FALSE) };

          g_array_append_val (req->headers, h);
        }
      colon = strchr (lines[i], ':');
      g_assert_nonnull (colon);
      name = g_strndup (lines[i], (gsize) (colon - lines[i]));
      value = g_string_new (colon + 1);
    }
  if (name != NULL)
    {
      RdSigV4Header h = { name, g_string_free (value, FALSE) };

      g_array_append_val (req->headers, h);
    }

  if (lines[i] != NULL)
    {
      g_autofree char *body = g_strjoinv ("\n", lines + i + 1);

      req->body = g_bytes_new (body, strlen (body));
    }
  else
    req->body = g_bytes_new (NULL, 0);

  return g_steal_pointer (&req);
}

static const char *
find_header (const ParsedRequest *req,
             const char          *name)
{
  for (guint i = 0; i < req->headers->len; i++)
    {
      const RdSigV4Header *h = &g_array_index (req->headers, RdSigV4Header, i);

      if (g_ascii_strcasecmp (h->name, name) == 0)
        return h->value;
    }
  return NULL;
}

static void
test_suite_case (gconstpointer data)
{
  const char *case_dir = data;
  g_autofree char *req_text = read_case_file (case_dir, ".req");
  g_autofree char *sreq_text = read_case_file (case_dir, ".sreq");
  g_autofree char *creq = read_case_file (case_dir, ".creq");
  g_autofree char *sts = read_case_file (case_dir, ".sts");
  g_autofree char *authz = read_case_file (case_dir, ".authz");
  g_autoptr (ParsedRequest) req = parse_request (req_text);
  g_autoptr (ParsedRequest) sreq = parse_request (sreq_text);
  g_autoptr (GDateTime) time = rd_sigv4_parse_amz_date (SUITE_DATE);
  g_autoptr (RdSigV4Result) result = NULL;
  g_autoptr (GError) error = NULL;
  RdSigV4Credentials credentials = { SUITE_ACCESS_KEY, SUITE_SECRET_KEY, NULL };
  RdSigV4Params params = { SUITE_REGION, SUITE_SERVICE, time, FALSE, FALSE };
  RdSigV4Request request = {
    req->method, req->path, req->query,
    (const RdSigV4Header *) (gpointer) req->headers->data, req->headers->len, req->body,
  };
  const char *sreq_token = find_header (sreq, "X-Amz-Security-Token");

  /* The token cases: a token the signed request carries but the request does not comes from
   * the credentials; the canonical request tells whether the service signs it. */
  if (sreq_token != NULL && find_header (req, "X-Amz-Security-Token") == NULL)
    {
      credentials.session_token = sreq_token;
      params.omit_session_token = strstr (creq, "x-amz-security-token") == NULL;
    }

  for (guint i = 0; skipped_cases[i][0] != NULL; i++)
    if (g_str_has_suffix (case_dir, skipped_cases[i][0]))
      {
        g_test_skip (skipped_cases[i][1]);
        return;
      }

  result = rd_sigv4_sign (&request, &credentials, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (result->canonical_request, ==, creq);
  g_assert_cmpstr (result->string_to_sign, ==, sts);
  g_assert_cmpstr (result->authorization, ==, authz);
  g_assert_cmpstr (result->amz_date, ==, SUITE_DATE);
  g_assert_cmpstr (result->security_token, ==, credentials.session_token);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_cases (const char *dir_path,
               GPtrArray  *cases)
{
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *base = g_path_get_basename (dir_path);
  g_autofree char *req_name = g_strconcat (base, ".req", NULL);
  g_autofree char *req_path = g_build_filename (dir_path, req_name, NULL);
  const char *name;

  if (dir == NULL)
    return;
  if (g_file_test (req_path, G_FILE_TEST_IS_REGULAR))
    g_ptr_array_add (cases, g_strdup (dir_path));

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (dir_path, names->pdata[i], NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        collect_cases (child, cases);
    }
}

static void
test_suite_found (void)
{
  const char *testdata = g_getenv ("RD_SHARED_TESTDATA");

  g_assert_nonnull (testdata);
  g_test_message ("%u suite cases", suite_cases->len);
  /* The get, post, normalize-path and post-sts-token cases: 34 in the 2015 suite. */
  g_assert_cmpuint (suite_cases->len, >=, 34);
}

static RdSigV4Result *
sign_simple (const char  *path,
             gboolean     keep_path_as_is,
             GDateTime   *time,
             GError     **error)
{
  RdSigV4Header headers[] = { { "Host", "example.amazonaws.com" } };
  RdSigV4Credentials credentials = { SUITE_ACCESS_KEY, SUITE_SECRET_KEY, NULL };
  RdSigV4Params params = { SUITE_REGION, SUITE_SERVICE, time, keep_path_as_is, FALSE };
  RdSigV4Request request = { "GET", path, NULL, headers, G_N_ELEMENTS (headers), NULL };

  return rd_sigv4_sign (&request, &credentials, &params, error);
}

static void
test_time_zone_independent (void)
{
  g_autoptr (GDateTime) utc = rd_sigv4_parse_amz_date (SUITE_DATE);
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("+05:30");
  g_autoptr (GDateTime) shifted = g_date_time_to_timezone (utc, tz);
  g_autoptr (RdSigV4Result) a = NULL;
  g_autoptr (RdSigV4Result) b = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (tz);
  a = sign_simple ("/", FALSE, utc, &error);
  g_assert_no_error (error);
  b = sign_simple ("/", FALSE, shifted, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->authorization, ==, b->authorization);
  g_assert_cmpstr (b->amz_date, ==, SUITE_DATE);
  /* The suite's get-vanilla signature. */
  g_assert_cmpstr (a->signature, ==,
                   "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

static void
test_s3_keeps_path (void)
{
  g_autoptr (GDateTime) time = rd_sigv4_parse_amz_date (SUITE_DATE);
  g_autoptr (RdSigV4Result) normalized = NULL;
  g_autoptr (RdSigV4Result) kept = NULL;
  g_autoptr (GError) error = NULL;

  normalized = sign_simple ("/my-object//example//photo.user", FALSE, time, &error);
  g_assert_no_error (error);
  kept = sign_simple ("/my-object//example//photo.user", TRUE, time, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (normalized->canonical_request,
                                   "GET\n/my-object/example/photo.user\n"));
  g_assert_true (g_str_has_prefix (kept->canonical_request,
                                   "GET\n/my-object//example//photo.user\n"));
}

static void
test_invalid_input (void)
{
  g_autoptr (GDateTime) time = rd_sigv4_parse_amz_date (SUITE_DATE);
  RdSigV4Header no_host[] = { { "My-Header", "x" } };
  RdSigV4Header bad_name[] = { { "Host", "example.amazonaws.com" }, { "Bad Name", "x" } };
  const char *separated[] = { "X-A;b", "a,b", "a/b", "a(b)", "a\"b", "a=b", "{a}" };
  RdSigV4Credentials credentials = { SUITE_ACCESS_KEY, SUITE_SECRET_KEY, NULL };
  RdSigV4Credentials empty = { "", "", NULL };
  RdSigV4Params params = { SUITE_REGION, SUITE_SERVICE, time, FALSE, FALSE };
  RdSigV4Request request = { "GET", "/", NULL, no_host, 1, NULL };
  RdSigV4Result *result;
  GError *error = NULL;

  result = rd_sigv4_sign (&request, &credentials, &params, &error);
  g_assert_null (result);
  g_assert_error (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  request.headers = bad_name;
  request.n_headers = 2;
  result = rd_sigv4_sign (&request, &credentials, &params, &error);
  g_assert_null (result);
  g_assert_error (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  /* A ';' would split one name into two in SignedHeaders; the other separators are no
   * token characters either. */
  for (guint i = 0; i < G_N_ELEMENTS (separated); i++)
    {
      bad_name[1].name = separated[i];
      result = rd_sigv4_sign (&request, &credentials, &params, &error);
      g_assert_null (result);
      g_assert_error (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_REQUEST);
      g_clear_error (&error);
    }
  bad_name[1].name = "X-Amz-Meta_Ok-1";
  result = rd_sigv4_sign (&request, &credentials, &params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (g_str_has_suffix (result->signed_headers, ";x-amz-meta_ok-1"));
  g_clear_pointer (&result, rd_sigv4_result_free);

  request.n_headers = 1;
  result = rd_sigv4_sign (&request, &empty, &params, &error);
  g_assert_null (result);
  g_assert_error (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  request.path = "relative";
  result = rd_sigv4_sign (&request, &credentials, &params, &error);
  g_assert_null (result);
  g_assert_error (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
}

static void
test_helpers (void)
{
  g_autofree char *encoded = rd_sigv4_uri_encode ("a b/c~ሴ", -1, FALSE);
  g_autofree char *encoded_path = rd_sigv4_uri_encode ("/a b/", -1, TRUE);
  g_autofree char *empty_hash = rd_sigv4_sha256_hex (NULL, 0);
  g_autoptr (GDateTime) time = rd_sigv4_parse_amz_date ("20240229T235959Z");

  g_assert_cmpstr (encoded, ==, "a%20b%2Fc~%E1%88%B4");
  g_assert_cmpstr (encoded_path, ==, "/a%20b/");
  g_assert_cmpstr (empty_hash, ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_nonnull (time);
  g_assert_cmpint (g_date_time_get_day_of_month (time), ==, 29);
  g_assert_cmpint (g_date_time_get_second (time), ==, 59);
  g_assert_null (rd_sigv4_parse_amz_date ("20240229T235959"));
  g_assert_null (rd_sigv4_parse_amz_date ("2024-02-29T23:59:59Z"));
  g_assert_null (rd_sigv4_parse_amz_date ("20230229T235959Z"));
}

int
main (int   argc,
      char *argv[])
{
  const char *testdata = g_getenv ("RD_SHARED_TESTDATA");
  int ret;

  g_test_init (&argc, &argv, NULL);

  suite_cases = g_ptr_array_new_with_free_func (g_free);
  if (testdata != NULL)
    {
      g_autofree char *suite_dir = g_build_filename (testdata, "aws4_testsuite", NULL);

      collect_cases (suite_dir, suite_cases);
      for (guint i = 0; i < suite_cases->len; i++)
        {
          const char *case_dir = suite_cases->pdata[i];
          g_autofree char *test_path =
            g_strconcat ("/sigv4/suite/", case_dir + strlen (suite_dir) + 1, NULL);

          g_test_add_data_func (test_path, case_dir, test_suite_case);
        }
    }

  g_test_add_func ("/sigv4/suite-found", test_suite_found);
  g_test_add_func ("/sigv4/time-zone-independent", test_time_zone_independent);
  g_test_add_func ("/sigv4/s3-keeps-path", test_s3_keeps_path);
  g_test_add_func ("/sigv4/invalid-input", test_invalid_input);
  g_test_add_func ("/sigv4/helpers", test_helpers);

  ret = g_test_run ();
  g_ptr_array_unref (suite_cases);
  return ret;
}
