/* rd-demo.h
 *
 * A realistic demo data set: agreements of every product type, PO and CPPO, end dates
 * spread over the next fifteen months (some already expired), and renewal offers, some of
 * them future-dated agreement drafts. The same seed gives the same data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_DEMO_DEFAULT_COUNT 120
#define RD_DEMO_DEFAULT_SEED  2026

/* Adds count agreements (and about one renewal offer per three agreements) in one
 * transaction, dated relative to today (YYYY-MM-DD; NULL = today in the local zone). */
gboolean   rd_demo_populate      (RdStore     *store,
                                  guint        count,
                                  guint64      seed,
                                  const char  *today,
                                  GError     **error);
/* One generated agreement body, for benchmarks. */
JsonObject *rd_demo_make_agreement (GRand      *rand,
                                    const GDate *today,
                                    int          spread_days);

G_END_DECLS
