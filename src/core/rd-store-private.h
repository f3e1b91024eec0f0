/* rd-store-private.h
 *
 * What the core's own modules (models, sync, import, benchmarks) need of the store beyond
 * its public API: the SQLite handle, cached statements, the document table's columns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "rd-json.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Columns of the docs table:
 *   id TEXT PRIMARY KEY     client-made UUID, the CouchDB _id
 *   type TEXT               the body's "type"
 *   body TEXT               the JSON document without _id/_rev/_deleted
 *   rev TEXT                the server revision this row is based on (NULL: never pushed)
 *   base_body TEXT          the body as of rev (the common ancestor for 3-way merges)
 *   edit_seq INTEGER        bumped by every local edit
 *   pushed_seq INTEGER      edit_seq at the last acknowledged push; dirty = edit_seq > pushed_seq
 *   deleted INTEGER         tombstone
 *   conflict TEXT           JSON of an unresolved conflict, or NULL
 * and VIRTUAL generated columns (customer, product_title, product_id, kind, stage,
 * start_date, end_date, expiration_date, mechanism, value, renews) that the indexes carry.
 * A key/value table meta(key, value) holds checkpoints and per-device state. */

/* How long a write waits for another connection's write lock before it fails. */
#define RD_STORE_BUSY_TIMEOUT_MS 30000

/* A second connection for reading (the worker's): no recovery of interrupted imports. */
RdStore      *rd_store_open_reader   (const char  *path,
                                      GError     **error);

/* The store's own connection: SQL stays in rd-store*.c. */
sqlite3      *rd_store_get_db        (RdStore     *self);
/* The first column of the first row of sql, or -1 with error set. */
int           rd_store_query_int     (RdStore     *self,
                                      const char  *sql,
                                      GError     **error);
/* Brings the schema to RD_STORE_SCHEMA_VERSION (rd-store-schema.c). */
gboolean      rd_store_schema_migrate (RdStore    *self,
                                      GError     **error);

sqlite3_stmt *rd_store_prepare       (RdStore     *self,
                                      const char  *sql,
                                      GError     **error);
gboolean      rd_store_exec          (RdStore     *self,
                                      const char  *sql,
                                      GError     **error);
void          rd_store_set_sqlite_error (RdStore *self,
                                      GError     **error,
                                      const char  *what);
/* text as an FTS5 phrase for the trigram search index (its double quotes doubled): it
 * matches where text is a substring (rd-store-pipeline.c). */
char         *rd_store_fts_phrase    (const char  *text);
/* Steps a statement that returns no rows, then resets it. */
gboolean      rd_store_step_done     (RdStore      *self,
                                      sqlite3_stmt *stmt,
                                      const char   *what,
                                      GError      **error);
/* A record was written: outside a transaction a write is its own and tells the views at
 * once, inside one at the outermost commit. */
void          rd_store_note_written  (RdStore     *self,
                                      const char  *id);
/* Puts back a body the store held before (an import's rollback), unchecked: it was stored
 * once, perhaps by a version with other rules, and undoing must not fail on that. */
gboolean      rd_store_restore_body  (RdStore     *self,
                                      const char  *id,
                                      JsonObject  *body,
                                      GError     **error);
/* Marks that the current transaction changed what the views show. */
void          rd_store_note_change   (RdStore     *self);
/* The same, naming the record, so that views refresh only what changed. */
void          rd_store_note_changed_id (RdStore   *self,
                                        const char *id);

/* Another connection to this file committed a change to the records ids (NULL: records not
 * named): "changed" is emitted now, or at the outermost commit inside a transaction. */
void          rd_store_take_change   (RdStore            *self,
                                      const char * const *ids);

char         *rd_store_meta_get      (RdStore     *self,
                                      const char  *key);
gboolean      rd_store_meta_set      (RdStore     *self,
                                      const char  *key,
                                      const char  *value,
                                      GError     **error);

RdStoreRow   *rd_store_row_from_stmt (sqlite3_stmt *stmt);

G_END_DECLS
