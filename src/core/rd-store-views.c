/* rd-store-views.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store-views"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-store-pipeline.h"
#include "rd-store-private.h"
#include "rd-store-views.h"

gboolean
rd_store_views_has_renewals (RdStore *store)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);

  /* docs_by_end covers every agreement and offer (type leads it). */
  stmt = rd_store_prepare (store,
                           "SELECT EXISTS (SELECT 1 FROM docs INDEXED BY docs_by_end "
                           "WHERE deleted = 0 AND type IN ('agreement', 'offer'))",
                           NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}

RdPipelineQuery *
rd_pipeline_query_copy (const RdPipelineQuery *query)
{
  RdPipelineQuery *copy = g_new (RdPipelineQuery, 1);

  *copy = *query;
  copy->doc_type = g_strdup (query->doc_type);
  copy->kind = g_strdup (query->kind);
  copy->stage = g_strdup (query->stage);
  copy->search = g_strdup (query->search);
  copy->today = g_strdup (query->today);
  copy->owner = g_strdup (query->owner);
  return copy;
}

void
rd_pipeline_query_free (RdPipelineQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->doc_type);
  g_free (query->kind);
  g_free (query->stage);
  g_free (query->search);
  g_free (query->today);
  g_free (query->owner);
  g_free (query);
}

static gboolean
append_rowid (const RdStorePipelineRow *row,
              gpointer                  user_data)
{
  g_array_append_val ((GArray *) user_data, row->rowid);
  return TRUE;
}

GArray *
rd_store_views_query_pipeline (RdStore               *store,
                               const RdPipelineQuery *query,
                               GError               **error)
{
  g_autoptr (GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!rd_store_pipeline_foreach (store, query, RD_STORE_PIPELINE_ROWID, append_rowid, rowids,
                                  error))
    return NULL;
  return g_steal_pointer (&rowids);
}
