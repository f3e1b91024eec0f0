/* fuzz-csv.c
 *
 * The CSV reader and the CSV import's whole-file check (columns, values, rules, duplicates).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-csv-importer.h"
#include "rd-csv.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (RdImportResult) result = rd_import_result_new ();
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) bodies = NULL;

  rows = rd_csv_parse ((const char *) data, (gssize) size, NULL);
  bodies = rd_import_parse_csv ((const char *) data, size, result, NULL);
  /* A file that passes the check has a body per accepted row, each with its id. */
  for (guint i = 0; bodies != NULL && i < bodies->len; i++)
    g_assert_nonnull (json_object_get_string_member_with_default (
                        g_ptr_array_index (bodies, i), "agreement_id", NULL));
  return 0;
}
