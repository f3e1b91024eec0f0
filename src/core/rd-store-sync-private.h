/* rd-store-sync-private.h
 *
 * What the store's sync files (rd-store-sync.c: push, pull, checkpoints; rd-store-sync-
 * conflicts.c: conflicts and the user's decisions) share: one row as sync sees it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store-private.h"
#include "rd-store-sync.h"

G_BEGIN_DECLS

/* One row of the docs table as sync sees it. */
typedef struct
{
  gboolean    exists;
  char       *rev;
  JsonObject *body;
  JsonObject *base;     /* NULL: no common ancestor known */
  gboolean    deleted;
  gboolean    dirty;
  gint64      edit_seq;
  gint64      pushed_seq;
  JsonObject *conflict; /* {"kind", "rev", "theirs", "choices"} or NULL */
} LocalRow;

static inline void
rd_store_sync_local_row_clear (LocalRow *row)
{
  g_clear_pointer (&row->rev, g_free);
  g_clear_pointer (&row->body, json_object_unref);
  g_clear_pointer (&row->base, json_object_unref);
  g_clear_pointer (&row->conflict, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LocalRow, rd_store_sync_local_row_clear)

gboolean            rd_store_sync_load_row        (RdStore       *self,
                                                   const char    *id,
                                                   LocalRow      *row,
                                                   GError       **error);
/* Writes a row back. clean: the row matches the server (pushed_seq catches up). */
gboolean            rd_store_sync_write_row       (RdStore       *self,
                                                   const char    *id,
                                                   const char    *rev,
                                                   JsonObject    *body,
                                                   JsonObject    *base,
                                                   gboolean       deleted,
                                                   gboolean       clean,
                                                   JsonObject    *conflict,
                                                   GError       **error);
gboolean            rd_store_sync_step_done       (RdStore       *self,
                                                   sqlite3_stmt  *stmt,
                                                   GError       **error);
void                rd_store_sync_bind_object     (sqlite3_stmt  *stmt,
                                                   int            column,
                                                   JsonObject    *object);
const char         *rd_store_sync_body_type       (JsonObject    *body);
RdSyncConflictKind  rd_store_sync_conflict_kind   (JsonObject    *conflict);
/* The server's body kept with a conflict, NULL when the server deleted the record. */
JsonObject         *rd_store_sync_conflict_theirs (JsonObject    *conflict);

G_END_DECLS
