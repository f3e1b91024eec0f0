/* rd-store-views.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store-views"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-renewal.h"
#include "rd-store-private.h"
#include "rd-store-views.h"

GPtrArray *
rd_store_views_list_ace_review_page (RdStore     *store,
                                     const char  *today,
                                     guint        limit,
                                     GError     **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *reviewed_before = NULL;
  g_autofree char *day_text = NULL;
  sqlite3_stmt *stmt;
  GDate day;
  int rc;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (today == NULL || !rd_date_parse (today, &day))
    rd_date_today (NULL, &day);
  day_text = rd_date_format (&day);
  reviewed_before = rd_date_shift_string (day_text, -RD_RENEWAL_ACE_REVIEW_DAYS);

  stmt = rd_store_prepare (store,
                           "SELECT id, body, rev, edit_seq > pushed_seq FROM docs "
                           "WHERE deleted = 0 AND type = 'offer' "
                           "AND coalesce (stage, '') NOT IN ('accepted', 'lost') "
                           "AND coalesce (json_extract (body, '$.ace_reviewed_on'), '') <= ? "
                           "ORDER BY coalesce (json_extract (body, '$.ace_reviewed_on'), ''), "
                           "end_date, id LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, reviewed_before, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (JsonObject) body = NULL;
      RdRecord *record;

      body = rd_json_object_from_string ((const char *) sqlite3_column_text (stmt, 1), NULL);
      if (body == NULL)
        continue;
      record = rd_record_new ((const char *) sqlite3_column_text (stmt, 0), body);
      rd_record_set_rev (record, (const char *) sqlite3_column_text (stmt, 2));
      rd_record_set_dirty (record, sqlite3_column_int (stmt, 3));
      g_ptr_array_add (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("computing the dashboard"));
      return NULL;
    }

  return g_steal_pointer (&records);
}
