/* rd-store.h
 *
 * The document store: one SQLite file in WAL mode, documents as JSON bodies with indexed
 * generated columns for the calendar and pipeline queries (DESIGN §4).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-json.h"
#include "rd-record.h"

G_BEGIN_DECLS

#define RD_STORE_ERROR (rd_store_error_quark ())

typedef enum
{
  RD_STORE_ERROR_FAILED,
  RD_STORE_ERROR_OPEN,
  RD_STORE_ERROR_CORRUPT,
  RD_STORE_ERROR_TOO_NEW,
  RD_STORE_ERROR_NOT_FOUND,
  RD_STORE_ERROR_INVALID,
  RD_STORE_ERROR_READ_ONLY,
} RdStoreError;

#define RD_STORE_SCHEMA_VERSION 16

#define RD_TYPE_STORE (rd_store_get_type ())
G_DECLARE_FINAL_TYPE (RdStore, rd_store, RD, STORE, GObject)

GQuark       rd_store_error_quark       (void);

char        *rd_store_default_path      (void);
RdStore     *rd_store_open              (const char  *path,
                                         GError     **error);
const char  *rd_store_get_path          (RdStore     *self);
/* Opening for writing rolls back the imports whose process died half-way (killed, crashed);
 * how many it rolled back. */
guint        rd_store_get_imports_rolled_back (RdStore *self);
int          rd_store_get_schema_version (RdStore    *self);
char        *rd_store_new_id            (void);

/* Reads. Deleted records (tombstones) are never returned by get/list unless asked. */
RdRecord    *rd_store_get               (RdStore     *self,
                                         const char  *id,
                                         GError     **error);
RdRecord    *rd_store_get_including_deleted (RdStore *self,
                                         const char  *id,
                                         GError     **error);
guint        rd_store_count             (RdStore     *self,
                                         const char  *type);
GPtrArray   *rd_store_list              (RdStore     *self,
                                         const char  *type,
                                         GError     **error);
/* The first live record of type whose field is value, looked up through an index for
 * renews, and for customer, product_title and the AWS ids (agreement_id, offer_id,
 * product_id) of three characters or more. */
RdRecord    *rd_store_find_by_field     (RdStore     *self,
                                         const char  *type,
                                         const char  *field,
                                         const char  *value,
                                         GError     **error);

/* Writes by the user: each call is one transaction; the record becomes dirty (to be pushed).
 * insert takes the body's "_id" when present, else makes a UUID. Returns the id. */
char        *rd_store_insert            (RdStore     *self,
                                         JsonObject  *body,
                                         GError     **error);
gboolean     rd_store_update            (RdStore     *self,
                                         const char  *id,
                                         JsonObject  *body,
                                         GError     **error);
gboolean     rd_store_merge_patch       (RdStore     *self,
                                         const char  *id,
                                         JsonObject  *patch,
                                         GError     **error);
gboolean     rd_store_delete            (RdStore     *self,
                                         const char  *id,
                                         GError     **error);
gboolean     rd_store_undelete          (RdStore     *self,
                                         const char  *id,
                                         GError     **error);

/* Several writes as one transaction (import, demo data, sync batches). Nested calls join the
 * outer transaction; "changed" is emitted once at the outermost commit. */
gboolean     rd_store_begin             (RdStore     *self,
                                         GError     **error);
gboolean     rd_store_commit            (RdStore     *self,
                                         GError     **error);
void         rd_store_rollback          (RdStore     *self);

gboolean     rd_store_integrity_check   (RdStore     *self,
                                         GPtrArray  **problems,
                                         GError     **error);

/* Queries the views run on every redraw: index range scans reading covering indexes. */
typedef struct
{
  char       *id;
  const char *type;    /* interned "agreement" / "offer" */
  char       *date;    /* YYYY-MM-DD */
  char       *customer;
  char       *product_title;
  char       *kind;
  char       *stage;
  char       *milestones; /* agreements: the "milestones" member as JSON text, or NULL */
} RdStoreRow;

void         rd_store_row_free          (RdStoreRow  *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdStoreRow, rd_store_row_free)

/* Agreements whose end date lies in [from, to] (inclusive, YYYY-MM-DD). */
GPtrArray   *rd_store_query_end_dates   (RdStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);
/* The same for the agreements that are due: ACTIVE, or without a status (entered by hand).
 * Only they have renewal milestones and reminders. */
GPtrArray   *rd_store_query_due_dates   (RdStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);
/* Offers whose offer_expiration_date lies in [from, to]. */
GPtrArray   *rd_store_query_expirations (RdStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);
/* Offers of mechanism fda whose agreement_start_date lies in [from, to]. */
GPtrArray   *rd_store_query_fda_starts  (RdStore     *self,
                                         const char  *from,
                                         const char  *to,
                                         GError     **error);

void         rd_store_emit_changed      (RdStore     *self);
/* While "changed" is being emitted: the ids of the records that changed, or NULL when
 * the change was not narrowed down to records (then everything may have changed). */
const char * const *rd_store_peek_changed_ids (RdStore *self);

G_END_DECLS
