/* fuzz-json.c
 *
 * The quick JSON reader against json-glib's parser: whatever the reader takes, json-glib
 * reads too, with the same node types, values and member order (rd-json-strict.h); the
 * guarded parse that goes through it answers a root or an error, never both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-json-guard.h"
#include "rd-json-strict.h"
#include "rd-test-json.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data;
  g_autoptr (JsonNode) mine = rd_json_strict_read (text, size, RD_JSON_GUARD_MAX_DEPTH);
  g_autoptr (JsonNode) guarded = NULL;
  g_autoptr (GError) error = NULL;

  if (mine != NULL)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (JsonNode) theirs = NULL;

      g_assert_true (json_parser_load_from_data (parser, text, (gssize) size, NULL));
      theirs = json_parser_steal_root (parser);
      g_assert_nonnull (theirs);
      rd_test_assert_same_json (mine, theirs);
    }
  guarded = rd_json_guard_parse (text, (gssize) size, &error);
  g_assert_true ((guarded == NULL) != (error == NULL));
  return 0;
}
