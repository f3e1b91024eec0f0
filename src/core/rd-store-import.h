/* rd-store-import.h
 *
 * The import's SQL: the agreement_id → record map an import matches against, and the journal
 * that lets an import commit in bounded transactions and still stay whole: every record a
 * run writes is journaled with what it was before, and a run that fails, is cancelled or is
 * killed is rolled back from the journal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/* key (e.g. agreement_id) → record id of every record of type (deleted ones included); the
 * ids of the deleted ones are added to deleted. */
GHashTable *rd_store_import_map_records    (RdStore     *store,
                                            const char  *type,
                                            const char  *key,
                                            GHashTable  *deleted,
                                            GError     **error);

/* One bounded import transaction: rd_store_begin() (the write lock at once, waiting for other
 * writers as they wait for it), joining the caller's transaction when there is one. */
gboolean    rd_store_import_page_begin     (RdStore     *store,
                                            gboolean    *own_transaction,
                                            GError     **error);
gboolean    rd_store_import_page_commit    (RdStore     *store,
                                            gboolean     own_transaction,
                                            GError     **error);
void        rd_store_import_page_rollback  (RdStore     *store,
                                            gboolean     own_transaction);

/* Registers a run by this process; returns its id. */
char       *rd_store_import_run_begin      (RdStore     *store,
                                            GError     **error);
/* Inside the transaction that just wrote doc_id: prior is its body before the run first
 * wrote it (NULL: the run created it). */
gboolean    rd_store_import_journal        (RdStore     *store,
                                            const char  *run_id,
                                            const char  *doc_id,
                                            JsonObject  *prior,
                                            GError     **error);
/* The run is complete: its writes stay, its journal goes. */
gboolean    rd_store_import_run_end        (RdStore     *store,
                                            const char  *run_id,
                                            GError     **error);
/* Undoes the run, in bounded transactions. A record edited by someone else since the run
 * wrote it keeps that edit (counted in n_kept). */
gboolean    rd_store_import_run_roll_back  (RdStore     *store,
                                            const char  *run_id,
                                            guint       *n_undone,
                                            guint       *n_kept,
                                            GError     **error);
/* Rolls back the runs whose process is gone (killed, crashed); returns how many. A run's
 * process holds a lock beside the database for as long as it lives, so a run that is still
 * under way, here or in another process, is never taken for a dead one. rd_store_open() calls
 * this. */
guint       rd_store_import_recover        (RdStore     *store,
                                            GError     **error);
/* Runs not finished: under way in some process, or left by one that could not be undone. */
guint       rd_store_import_count_runs     (RdStore     *store);

G_END_DECLS
