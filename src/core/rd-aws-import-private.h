/* rd-aws-import-private.h
 *
 * Shared by the two phases of an AWS import: rd-aws-import.c (agreements) and
 * rd-aws-import-catalog.c (the Catalog API).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-aws-catalog.h"
#include "rd-aws-client.h"
#include "rd-aws-import.h"

G_BEGIN_DECLS

struct _RdAwsImport
{
  GObject             parent_instance;

  RdStore            *store;
  RdAwsTransport     *agreement_transport;
  RdAwsTransport     *catalog_transport;
  RdAwsClient        *agreements;
  RdAwsCatalogClient *catalog;
  gboolean            with_catalog;
  gboolean            running;

  RdImportResult     *agreement_result;
  RdImportResult     *offer_result;
  guint               n_products;
};

/* The task data of one run. */
typedef struct
{
  RdImporter *importer;
  RdImporter *offer_importer;

  /* JsonObject: this run's agreement bodies, as stored. */
  GPtrArray  *records;

  /* Catalog. */
  GHashTable *products;       /* product_id → product (rd_aws_product_from_entity()) */
  GHashTable *resale;         /* resale authorization id → its ListEntities summary */
  GHashTable *offers;         /* offer_id → offer body of this run, as stored */
  guint       list;           /* which ListEntities runs */
  RdAwsPager  pager;          /* where the current ListEntities stands */
  GPtrArray  *page;           /* the current page's Offer summaries */
  guint       page_index;
  GPtrArray  *offer_page;     /* offer bodies of the current page */
  GPtrArray  *missing;        /* product ids still to describe */
  guint       entities;
} RunData;

void  rd_aws_import_emit_progress  (RdAwsImport      *self,
                                    RdAwsImportPhase  phase,
                                    guint             done,
                                    guint             total);
/* Ends the run (error NULL: success) and drops the task's reference. */
void  rd_aws_import_return         (GTask            *task,
                                    GError           *error);
/* The Catalog phase, after the agreements are stored. */
void  rd_aws_import_catalog_start  (GTask            *task);

G_END_DECLS
