/* rd-store-dashboard.h
 *
 * The dashboard's figures in SQL: each one aggregate query over the docs table's indexes,
 * run on whatever connection the store is (the view runs them on the store's worker).
 * rd-dashboard.c decides the periods; these count what falls in them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-dashboard.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Agreements whose end date is in [from, to]: how many and their value, per currency. */
gboolean   rd_store_dashboard_count_due        (RdStore            *store,
                                                const char         *from,
                                                const char         *to,
                                                RdDashboardAmounts *due,
                                                GError            **error);

/* The open renewals per stage, added to per_stage[i] for rd_stages[i] (n_stages entries):
 * an offer by its own stage and value with its value-adds, an agreement ending from today
 * on that is not renewed and has no offer yet by its stage ("identified" when it has
 * none). */
gboolean   rd_store_dashboard_count_stages     (RdStore            *store,
                                                const char         *today,
                                                RdDashboardAmounts *per_stage,
                                                guint               n_stages,
                                                GError            **error);

/* Agreements ending in [from, to] that are not renewed and whose renewal offer, if any, is
 * not published or accepted yet. */
gboolean   rd_store_dashboard_count_at_risk    (RdStore            *store,
                                                const char         *from,
                                                const char         *to,
                                                RdDashboardAmounts *at_risk,
                                                GError            **error);

/* Agreements due in [from, to] (see RdDashboardRate), and those of them renewed, per
 * currency. */
gboolean   rd_store_dashboard_count_renewed    (RdStore            *store,
                                                const char         *from,
                                                const char         *to,
                                                RdDashboardAmounts *ended,
                                                RdDashboardAmounts *renewed,
                                                GError            **error);

/* The targets set for quarter ("2026-Q2"): `target` records with that quarter, a currency
 * and an amount, one per currency (the last stored wins). */
gboolean   rd_store_dashboard_list_targets     (RdStore            *store,
                                                const char         *quarter,
                                                RdDashboardAmounts *targets,
                                                GError            **error);

/* Open renewal offers whose ACE data was last reviewed on reviewed_before or never. */
gboolean   rd_store_dashboard_count_ace_review (RdStore     *store,
                                                const char  *reviewed_before,
                                                guint       *count,
                                                GError     **error);

/* The first limit of those offers (G_MAXUINT: all), never reviewed first, then by the
 * longest since the last review, as RdRecords. */
GPtrArray *rd_store_dashboard_list_ace_review  (RdStore     *store,
                                                const char  *reviewed_before,
                                                guint        limit,
                                                GError     **error);

G_END_DECLS
