/* fuzz-sigv4.c
 *
 * SigV4 canonicalisation: the input's lines are the method, the path, the query, then
 * "name:value" headers; the body is whatever follows an empty line. A request that signs
 * must have one SignedHeaders entry per distinct header name, none holding ';'.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-sigv4.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GArray) headers = g_array_new (FALSE, TRUE, sizeof (RdSigV4Header));
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDateTime) now = g_date_time_new_utc (2015, 8, 30, 12, 36, 0);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (RdSigV4Result) result = NULL;
  g_autofree char *encoded = NULL;
  RdSigV4Credentials credentials = { "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                     NULL };
  RdSigV4Params params = { "us-east-1", "service", now, size % 3 == 0, FALSE };
  RdSigV4Request request = { 0 };
  char *blank = strstr (text, "\n\n");
  guint n;

  if (blank != NULL)
    {
      *blank = '\0';
      body = g_bytes_new (blank + 2, strlen (blank + 2));
    }
  lines = g_strsplit (text, "\n", 64);
  n = g_strv_length (lines);
  if (n < 3)
    return 0;
  request.method = lines[0];
  request.path = lines[1];
  request.query = lines[2];
  for (guint i = 3; i < n; i++)
    {
      char *colon = strchr (lines[i], ':');
      RdSigV4Header header;
      char *name;

      if (colon == NULL)
        continue;
      name = g_strndup (lines[i], colon - lines[i]);
      g_ptr_array_add (owned, name);
      header.name = name;
      header.value = colon + 1;
      g_array_append_val (headers, header);
    }
  request.headers = (const RdSigV4Header *) (void *) headers->data;
  request.n_headers = headers->len;
  request.body = body;

  encoded = rd_sigv4_uri_encode (lines[1], -1, TRUE);
  result = rd_sigv4_sign (&request, &credentials, &params, NULL);
  if (result != NULL)
    {
      g_auto (GStrv) names = g_strsplit (result->signed_headers, ";", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_assert_true (*names[i] != '\0');
          if (i > 0)
            g_assert_cmpstr (names[i - 1], <, names[i]);
        }
      g_assert_nonnull (strstr (result->authorization, result->signature));
    }
  return 0;
}
