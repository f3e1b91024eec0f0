/* rd-dashboard.h
 *
 * The dashboard's figures: renewals due per quarter, the pipeline by stage, the value at
 * risk, the renewal rate and the ACE review backlog, as a plain struct. This file decides
 * the periods; rd-store-dashboard.c counts what falls in them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

#define RD_DASHBOARD_N_QUARTERS 4
#define RD_DASHBOARD_N_STAGES   7  /* rd_stages */
#define RD_DASHBOARD_RISK_DAYS  90

typedef struct
{
  int    year;
  int    quarter;   /* 1 to 4 */
  char   first[11]; /* YYYY-MM-DD, inclusive */
  char   last[11];  /* YYYY-MM-DD, inclusive */
  guint  count;
  double value;
} RdDashboardQuarter;

typedef struct
{
  int    year;
  int    quarter;
  char   first[11];
  char   last[11];
  guint  ended;
  guint  renewed;
  double rate;      /* renewed / ended, 0 to 1; negative when nothing ended */
} RdDashboardRate;

typedef struct
{
  char               today[11];

  /* Agreements ending from today to the end of the current quarter, then in each of the
   * three quarters after it. */
  RdDashboardQuarter due[RD_DASHBOARD_N_QUARTERS];

  /* Open renewals by stage, in the order of rd_stages (see rd_dashboard_compute()). */
  guint              stage_count[RD_DASHBOARD_N_STAGES];
  double             stage_value[RD_DASHBOARD_N_STAGES];

  /* Agreements ending within 90 days whose renewal is not published or accepted yet. */
  guint              at_risk_count;
  double             at_risk_value;

  /* The three quarters before the current one and the current one to date, oldest first. */
  RdDashboardRate    rate[RD_DASHBOARD_N_QUARTERS];

  /* Open renewal offers whose ACE data was not reviewed in the last 7 days. */
  guint              ace_review_due;
} RdDashboard;

/* The quarter containing date: its number (1-4) and its first and last days. */
void      rd_dashboard_quarter_of (const GDate *date,
                                   int         *quarter,
                                   GDate       *first,
                                   GDate       *last);

/* Fills out as of today (YYYY-MM-DD; NULL = today in the local zone). */
gboolean  rd_dashboard_compute    (RdStore     *store,
                                   const char  *today,
                                   RdDashboard *out,
                                   GError     **error);

/* The first limit (G_MAXUINT: all) open renewal offers due for the weekly ACE review (the
 * ace_review_due ones), never reviewed first, then by the longest since the last review.
 * Element type RdRecord. */
GPtrArray *rd_dashboard_list_ace_review_due (RdStore     *store,
                                             const char  *today,
                                             guint        limit,
                                             GError     **error);

G_END_DECLS
