/* rd-sigv4.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sigv4"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-sigv4.h"

G_DEFINE_QUARK (rd-sigv4-error-quark, rd_sigv4_error)

typedef struct
{
  char    *name;
  GString *value;
  guint    order;
} CanonicalHeader;

typedef struct
{
  char *key;
  char *value;
} QueryPair;

static void
canonical_header_free (gpointer data)
{
  CanonicalHeader *header = data;

  g_free (header->name);
  g_string_free (header->value, TRUE);
  g_free (header);
}

static void
query_pair_free (gpointer data)
{
  QueryPair *pair = data;

  g_free (pair->key);
  g_free (pair->value);
  g_free (pair);
}

void
rd_sigv4_result_free (RdSigV4Result *result)
{
  if (result == NULL)
    return;

  g_free (result->canonical_request);
  g_free (result->string_to_sign);
  g_free (result->signed_headers);
  g_free (result->signature);
  g_free (result->authorization);
  g_free (result->amz_date);
  g_free (result->security_token);
  g_free (result);
}

char *
rd_sigv4_sha256_hex (const guint8 *data,
                     gsize         length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (const guint8 *) "",
                                      length);
}

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/* RFC 3986 encoding as SigV4 wants it: everything but the unreserved set, upper-case hex. */
char *
rd_sigv4_uri_encode (const char *text,
                     gssize      length,
                     gboolean    keep_slash)
{
  GString *out;
  gsize len;

  g_return_val_if_fail (text != NULL, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  out = g_string_sized_new (len + 8);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      if (is_unreserved (c) || (keep_slash && c == '/'))
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }

  return g_string_free (out, FALSE);
}

/* Lenient: a '%' not followed by two hex digits stays as it is, as the SDKs do. */
static char *
percent_decode (const char *text,
                gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '%' && i + 2 < length
          && g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
        {
          g_string_append_c (out, (char) ((g_ascii_xdigit_value (text[i + 1]) << 4)
                                          | g_ascii_xdigit_value (text[i + 2])));
          i += 2;
        }
      else
        g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}

char *
rd_sigv4_format_amz_date (GDateTime *time)
{
  g_autoptr (GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

GDateTime *
rd_sigv4_parse_amz_date (const char *amz_date)
{
  int year, month, day, hour, minute, second;
  char zulu = 0;
  char rest = 0;

  if (amz_date == NULL || strlen (amz_date) != 16 || amz_date[8] != 'T')
    return NULL;
  for (guint i = 0; i < 15; i++)
    if (i != 8 && !g_ascii_isdigit (amz_date[i]))
      return NULL;
  if (sscanf (amz_date, "%4d%2d%2dT%2d%2d%2d%c%c",
              &year, &month, &day, &hour, &minute, &second, &zulu, &rest) != 7
      || zulu != 'Z')
    return NULL;

  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static int
compare_header_names (gconstpointer a,
                      gconstpointer b)
{
  const CanonicalHeader *ha = *(const CanonicalHeader * const *) a;
  const CanonicalHeader *hb = *(const CanonicalHeader * const *) b;

  return strcmp (ha->name, hb->name);
}

static int
compare_query_pairs (gconstpointer a,
                     gconstpointer b)
{
  const QueryPair *pa = *(const QueryPair * const *) a;
  const QueryPair *pb = *(const QueryPair * const *) b;
  int cmp = strcmp (pa->key, pb->key);

  return cmp != 0 ? cmp : strcmp (pa->value, pb->value);
}

/* "Trimall": strip leading and trailing white space, fold every run of it (obs-fold line
 * breaks included) into one space. */
static void
append_trimmed_value (GString    *out,
                      const char *value)
{
  gboolean pending_space = FALSE;
  gboolean any = FALSE;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          pending_space = any;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      any = TRUE;
      g_string_append_c (out, *p);
    }
}

/* An RFC 9110 token. Above all no ';' or ',': SignedHeaders joins the names with ';', so
 * "a;b" would sign a header list the server reads differently. */
static gboolean
is_valid_header_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 127 || strchr ("\"(),/:;<=>?@[\\]{}", *p) != NULL)
      return FALSE;
  return TRUE;
}

static void
add_canonical_header (GHashTable *by_name,
                      GPtrArray  *headers,
                      const char *name,
                      const char *value)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  CanonicalHeader *header = g_hash_table_lookup (by_name, lower);

  if (header == NULL)
    {
      header = g_new0 (CanonicalHeader, 1);
      header->name = g_steal_pointer (&lower);
      header->value = g_string_new (NULL);
      header->order = headers->len;
      g_ptr_array_add (headers, header);
      g_hash_table_insert (by_name, header->name, header);
    }
  else
    g_string_append_c (header->value, ',');

  append_trimmed_value (header->value, value != NULL ? value : "");
}

static char *
canonical_uri (const char *path,
               gboolean    keep_as_is)
{
  g_autoptr (GPtrArray) segments = NULL;
  g_auto (GStrv) parts = NULL;
  GString *out;
  gboolean trailing_slash;
  gsize len;

  if (keep_as_is)
    return rd_sigv4_uri_encode (path, -1, TRUE);

  /* RFC 3986 remove_dot_segments, with empty segments ("//") dropped too. */
  parts = g_strsplit (path, "/", -1);
  segments = g_ptr_array_new ();
  len = strlen (path);
  trailing_slash = len > 1 && (path[len - 1] == '/'
                               || g_str_has_suffix (path, "/.")
                               || g_str_has_suffix (path, "/.."));
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (segments->len > 0)
            g_ptr_array_remove_index (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, parts[i]);
    }

  out = g_string_new ("/");
  for (guint i = 0; i < segments->len; i++)
    {
      g_autofree char *encoded = rd_sigv4_uri_encode (segments->pdata[i], -1, FALSE);

      if (i > 0)
        g_string_append_c (out, '/');
      g_string_append (out, encoded);
    }
  if (trailing_slash && segments->len > 0)
    g_string_append_c (out, '/');

  return g_string_free (out, FALSE);
}

static char *
canonical_query (const char *query)
{
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (query_pair_free);
  g_auto (GStrv) parts = NULL;
  GString *out;

  if (query == NULL || *query == '\0')
    return g_strdup ("");

  parts = g_strsplit (query, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *raw_key = NULL;
      g_autofree char *raw_value = NULL;
      QueryPair *pair;

      if (parts[i][0] == '\0')
        continue;
      if (eq != NULL)
        {
          raw_key = percent_decode (parts[i], (gsize) (eq - parts[i]));
          raw_value = percent_decode (eq + 1, strlen (eq + 1));
        }
      else
        {
          raw_key = percent_decode (parts[i], strlen (parts[i]));
          raw_value = g_strdup ("");
        }
      pair = g_new0 (QueryPair, 1);
      pair->key = rd_sigv4_uri_encode (raw_key, -1, FALSE);
      pair->value = rd_sigv4_uri_encode (raw_value, -1, FALSE);
      g_ptr_array_add (pairs, pair);
    }

  g_ptr_array_sort (pairs, compare_query_pairs);

  out = g_string_new (NULL);
  for (guint i = 0; i < pairs->len; i++)
    {
      QueryPair *pair = pairs->pdata[i];

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", pair->key, pair->value);
    }

  return g_string_free (out, FALSE);
}

static void
hmac_sha256 (const guint8 *key,
             gsize         key_length,
             const char   *data,
             guint8        out[32])
{
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  gsize digest_length = 32;

  g_hmac_update (hmac, (const guchar *) data, -1);
  g_hmac_get_digest (hmac, out, &digest_length);
}

static char *
compute_signature (const char *secret_access_key,
                   const char *date,
                   const char *region,
                   const char *service,
                   const char *string_to_sign)
{
  g_autofree char *secret = g_strconcat ("AWS4", secret_access_key, NULL);
  guint8 key[32];
  guint8 signature[32];
  GString *hex = g_string_sized_new (64);

  hmac_sha256 ((const guint8 *) secret, strlen (secret), date, key);
  hmac_sha256 (key, sizeof key, region, key);
  hmac_sha256 (key, sizeof key, service, key);
  hmac_sha256 (key, sizeof key, "aws4_request", key);
  hmac_sha256 (key, sizeof key, string_to_sign, signature);

  for (guint i = 0; i < sizeof signature; i++)
    g_string_append_printf (hex, "%02x", signature[i]);

  memset (secret, 0, strlen (secret));
  memset (key, 0, sizeof key);

  return g_string_free (hex, FALSE);
}

RdSigV4Result *
rd_sigv4_sign (const RdSigV4Request     *request,
               const RdSigV4Credentials *credentials,
               const RdSigV4Params      *params,
               GError                  **error)
{
  g_autoptr (GHashTable) by_name = NULL;
  g_autoptr (GPtrArray) headers = NULL;
  g_autoptr (RdSigV4Result) result = NULL;
  g_autofree char *date = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *query = NULL;
  g_autofree char *payload_hash = NULL;
  g_autofree char *creq_hash = NULL;
  g_autofree char *scope = NULL;
  GString *creq;
  GString *signed_headers;
  gboolean has_host = FALSE;
  gboolean has_token = FALSE;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->n_headers == 0 || request->headers != NULL, NULL);
  g_return_val_if_fail (credentials != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (params->signing_time != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (credentials->access_key_id == NULL || *credentials->access_key_id == '\0'
      || credentials->secret_access_key == NULL || *credentials->secret_access_key == '\0')
    {
      g_set_error_literal (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_CREDENTIALS,
                           _("The AWS access key ID or secret access key is empty. "
                             "Check your AWS credentials."));
      return NULL;
    }
  if (params->region == NULL || *params->region == '\0'
      || params->service == NULL || *params->service == '\0'
      || request->method == NULL || *request->method == '\0'
      || request->path == NULL || request->path[0] != '/')
    {
      g_set_error_literal (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_REQUEST,
                           _("The request to sign lacks a method, an absolute path, "
                             "a region or a service name."));
      return NULL;
    }

  result = g_new0 (RdSigV4Result, 1);
  result->amz_date = rd_sigv4_format_amz_date (params->signing_time);
  date = g_strndup (result->amz_date, 8);

  by_name = g_hash_table_new (g_str_hash, g_str_equal);
  headers = g_ptr_array_new_with_free_func (canonical_header_free);
  for (gsize i = 0; i < request->n_headers; i++)
    {
      const RdSigV4Header *header = &request->headers[i];

      if (!is_valid_header_name (header->name))
        {
          g_set_error (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_REQUEST,
                       _("“%s” is not a valid HTTP header name."),
                       header->name != NULL ? header->name : "");
          return NULL;
        }
      if (g_ascii_strcasecmp (header->name, "x-amz-date") == 0
          || g_ascii_strcasecmp (header->name, "authorization") == 0)
        continue;
      if (g_ascii_strcasecmp (header->name, "host") == 0)
        has_host = TRUE;
      if (g_ascii_strcasecmp (header->name, "x-amz-security-token") == 0)
        {
          has_token = TRUE;
          if (params->omit_session_token)
            continue;
        }
      add_canonical_header (by_name, headers, header->name, header->value);
    }
  if (!has_host)
    {
      g_set_error_literal (error, RD_SIGV4_ERROR, RD_SIGV4_ERROR_INVALID_REQUEST,
                           _("The request to sign has no Host header."));
      return NULL;
    }
  add_canonical_header (by_name, headers, "x-amz-date", result->amz_date);
  if (credentials->session_token != NULL && *credentials->session_token != '\0' && !has_token)
    {
      result->security_token = g_strdup (credentials->session_token);
      if (!params->omit_session_token)
        add_canonical_header (by_name, headers, "x-amz-security-token",
                              credentials->session_token);
    }
  g_ptr_array_sort (headers, compare_header_names);

  uri = canonical_uri (request->path, params->keep_path_as_is);
  query = canonical_query (request->query);
  if (request->body != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (request->body, &size);

      payload_hash = rd_sigv4_sha256_hex (data, size);
    }
  else
    payload_hash = rd_sigv4_sha256_hex (NULL, 0);

  creq = g_string_new (NULL);
  signed_headers = g_string_new (NULL);
  g_string_append_printf (creq, "%s\n%s\n%s\n", request->method, uri, query);
  for (guint i = 0; i < headers->len; i++)
    {
      CanonicalHeader *header = headers->pdata[i];

      g_string_append_printf (creq, "%s:%s\n", header->name, header->value->str);
      if (i > 0)
        g_string_append_c (signed_headers, ';');
      g_string_append (signed_headers, header->name);
    }
  g_string_append_printf (creq, "\n%s\n%s", signed_headers->str, payload_hash);
  result->canonical_request = g_string_free (creq, FALSE);
  result->signed_headers = g_string_free (signed_headers, FALSE);

  creq_hash = rd_sigv4_sha256_hex ((const guint8 *) result->canonical_request,
                                   strlen (result->canonical_request));
  scope = g_strdup_printf ("%s/%s/%s/aws4_request", date, params->region, params->service);
  result->string_to_sign = g_strdup_printf ("%s\n%s\n%s\n%s", RD_SIGV4_ALGORITHM,
                                            result->amz_date, scope, creq_hash);
  result->signature = compute_signature (credentials->secret_access_key, date,
                                         params->region, params->service,
                                         result->string_to_sign);
  result->authorization =
    g_strdup_printf ("%s Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                     RD_SIGV4_ALGORITHM, credentials->access_key_id, scope,
                     result->signed_headers, result->signature);

  return g_steal_pointer (&result);
}
