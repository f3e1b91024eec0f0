/* rd-store-views.h
 *
 * Queries sized to what a view shows: a page of rows, never every matching record. They
 * run on the store's worker (rd-store-worker.h) or are cheap enough for the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/* The first limit open renewal offers whose ACE data is due for review (the rule of
 * rd_dashboard_list_ace_review_due(), in its order), as RdRecords. */
GPtrArray *rd_store_views_list_ace_review_page (RdStore     *store,
                                                const char  *today,
                                                guint        limit,
                                                GError     **error);

G_END_DECLS
