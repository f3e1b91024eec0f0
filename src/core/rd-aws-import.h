/* rd-aws-import.h
 *
 * The one AWS Marketplace import, which the CLI (`import aws`) and the app's dialog both run:
 * agreements from the Agreement API, then what the Catalog API says about them (product
 * titles and types, resale authorizations) and every private offer of the seller, as
 * "offer" records. Everything is stored page by page through the importer's upsert, so the
 * user's edits are kept and a failure (or Cancel) keeps what was stored before it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-aws-credentials.h"
#include "rd-aws-transport.h"
#include "rd-importer.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_AWS_IMPORT_PHASE_AGREEMENTS,
  RD_AWS_IMPORT_PHASE_CATALOG,
} RdAwsImportPhase;

#define RD_TYPE_AWS_IMPORT (rd_aws_import_get_type ())
G_DECLARE_FINAL_TYPE (RdAwsImport, rd_aws_import, RD, AWS_IMPORT, GObject)

/* region NULL: us-east-1, where both APIs live whatever region a profile works in. The
 * endpoints are explicit choices (--endpoint-url, --catalog-endpoint-url, the dialog's
 * field), NULL to follow the AWS SDKs' configuration (rd_aws_transport_resolve_endpoint()). */
RdAwsImport     *rd_aws_import_new                  (RdStore                *store,
                                                     const RdAwsCredentials *credentials,
                                                     const char             *region,
                                                     const char             *agreement_endpoint,
                                                     const char             *catalog_endpoint);
/* TRUE by default; FALSE imports agreements only (--no-catalog). */
void             rd_aws_import_set_catalog          (RdAwsImport            *self,
                                                     gboolean                catalog);
/* Tests shrink the delays; see rd_aws_transport_set_retry_policy(). */
void             rd_aws_import_set_retry_policy     (RdAwsImport            *self,
                                                     guint                   max_attempts,
                                                     guint                   base_delay_ms);
const char      *rd_aws_import_get_agreement_endpoint (RdAwsImport          *self);
const char      *rd_aws_import_get_catalog_endpoint (RdAwsImport            *self);

/* Emits "progress" (phase, done, total; total 0 while unknown). The result says whether
 * the import ran to the end; the counts are in the results either way. */
void             rd_aws_import_run_async            (RdAwsImport            *self,
                                                     GCancellable           *cancellable,
                                                     GAsyncReadyCallback     callback,
                                                     gpointer                user_data);
gboolean         rd_aws_import_run_finish           (RdAwsImport            *self,
                                                     GAsyncResult           *result,
                                                     GError                **error);

RdImportResult  *rd_aws_import_get_agreements       (RdAwsImport            *self);
RdImportResult  *rd_aws_import_get_offers           (RdAwsImport            *self);
/* Products whose title and type the Catalog API gave. */
guint            rd_aws_import_get_n_products       (RdAwsImport            *self);
/* One line per kind, e.g. "Agreements: 3 new, 1 updated, 10 unchanged, 0 failed". */
GStrv            rd_aws_import_dup_summary          (RdAwsImport            *self);

G_END_DECLS
