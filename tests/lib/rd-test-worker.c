/* rd-test-worker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-store-private.h"
#include "rd-test-worker.h"

gpointer
rd_test_count_to_a_billion (RdStore  *reader,
                            void    (*started) (gpointer data),
                            gpointer  data,
                            GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  stmt = rd_store_prepare (reader,
                           "WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                           "WHERE x < 1000000000) SELECT count (*) FROM c", error);
  if (stmt == NULL)
    return NULL;
  started (data);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    rd_store_set_sqlite_error (reader, error, "counting");
  sqlite3_reset (stmt);
  return count < 0 ? NULL : g_memdup2 (&count, sizeof count);
}

static void
set_flag_cb (gpointer data)
{
  g_atomic_int_set ((int *) data, TRUE);
}

gpointer
rd_test_endless_job (RdStore       *reader,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return rd_test_count_to_a_billion (reader, set_flag_cb, data, error);
}

gboolean
rd_test_flag_is_set (gpointer flag)
{
  return g_atomic_int_get ((int *) flag);
}
