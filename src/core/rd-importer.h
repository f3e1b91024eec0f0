/* rd-importer.h
 *
 * Brings agreements in — from AWS Marketplace or from a CSV file (rd-csv-importer.h) — as an
 * upsert keyed by agreement_id that never loses what the user edited locally.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_IMPORT_ERROR (rd_import_error_quark ())

typedef enum
{
  RD_IMPORT_ERROR_MALFORMED,
  RD_IMPORT_ERROR_INVALID_VALUE,
  RD_IMPORT_ERROR_MISSING_COLUMN,
} RdImportError;

typedef struct
{
  guint      added;
  guint      updated;
  guint      unchanged;
  guint      failed;
  GPtrArray *failures; /* char *: "agmt-…: reason" */
  GPtrArray *notices;  /* char *: e.g. unknown columns that were ignored */
} RdImportResult;

GQuark          rd_import_error_quark     (void);

RdImportResult *rd_import_result_new      (void);
void            rd_import_result_free     (RdImportResult *result);
char           *rd_import_result_dup_summary (RdImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImportResult, rd_import_result_free)

/* The fields AWS owns on an agreement; everything else on the record is the user's. */
extern const char * const rd_import_aws_fields[];

typedef struct _RdImporter RdImporter;

/* The fields AWS owns on an offer imported from the Catalog API. */
extern const char * const rd_import_offer_fields[];

/* An importer holds the agreement_id → record map for one import run. */
RdImporter     *rd_importer_new           (RdStore        *store,
                                           GError        **error);
/* The same upsert for "offer" records keyed by offer_id (Catalog API offers). Rules are not
 * checked on the way in: the editor and `check` say what an imported offer lacks. */
RdImporter     *rd_importer_new_for_offers (RdStore       *store,
                                           GError        **error);
void            rd_importer_free          (RdImporter     *importer);
/* The id of the record (deleted ones included) that has this agreement_id (offer_id for an
 * offers importer), or NULL: a hash lookup, no query. */
const char     *rd_importer_lookup        (RdImporter     *importer,
                                           const char     *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdImporter, rd_importer_free)

/* Journals every write under run_id (see rd-store-import.h), so that the run can be rolled
 * back; NULL: no journal. */
void            rd_importer_set_run       (RdImporter     *importer,
                                           const char     *run_id);

/* The rules an incoming agreement must pass; NULL or "field: problem". */
char           *rd_importer_check_agreement (JsonObject   *body);

/* Upserts one page of agreement bodies in one transaction. Fields the user changed since
 * the last import are kept; a record is written only when something changed. */
gboolean        rd_importer_add_page      (RdImporter     *importer,
                                           GPtrArray      *agreements,
                                           RdImportResult *result,
                                           GError        **error);

/* A page sink for rd_aws_client_read_agreements_async(): user_data is the RdImportSink;
 * each page is stored in its own transaction. */
typedef struct
{
  RdImporter     *importer;
  RdImportResult *result;
} RdImportSink;

gboolean        rd_import_sink_add_page   (GPtrArray      *records,
                                           gpointer        user_data,
                                           GError        **error);

G_END_DECLS
