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

#include "rd-money.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_DASHBOARD_ERROR (rd_dashboard_error_quark ())

typedef enum
{
  RD_DASHBOARD_ERROR_INVALID_TARGET,
} RdDashboardError;

GQuark    rd_dashboard_error_quark    (void);

#define RD_DASHBOARD_N_QUARTERS   4
#define RD_DASHBOARD_N_STAGES     7  /* rd_stages */
#define RD_DASHBOARD_RISK_DAYS    90
#define RD_DASHBOARD_N_CURRENCIES 8

/* An amount in one currency, and how many records make it up. Amounts in different
 * currencies are never added together. */
typedef struct
{
  char    currency[16];  /* "" when the records name none */
  guint   count;
  RdMoney exact;         /* the sum, exact to the last decimal */
  double  value;         /* close to exact, for charts and compact figures only */
} RdDashboardAmount;

/* One amount per currency, in the order first seen; currencies past the eighth are only
 * counted, in n_dropped. */
typedef struct
{
  guint             n;
  guint             n_dropped;
  RdDashboardAmount items[RD_DASHBOARD_N_CURRENCIES];
} RdDashboardAmounts;

typedef struct
{
  int                year;
  int                quarter;   /* 1 to 4 */
  char               first[11]; /* YYYY-MM-DD, inclusive */
  char               last[11];  /* YYYY-MM-DD, inclusive */
  guint              count;
  RdDashboardAmounts value;
} RdDashboardQuarter;

/* The renewal rate of a quarter: of the agreements due in it (ending in it, and not
 * superseded or rolled back), the share renewed: RENEWED or REPLACED at AWS, named as the
 * preceding agreement of a later one, or renewed by an accepted offer. */
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

/* The current quarter against the team's target for it, per currency (the currencies of a
 * target or of an agreement ending in the quarter). */
typedef struct
{
  char    currency[16];
  double  target;         /* the value to renew in the quarter; negative when none is set */
  double  due;            /* the value of the agreements ending in the quarter */
  double  renewed;        /* the value of those renewed */
  RdMoney target_exact;   /* the three exact, for the figures shown; the doubles for shares */
  RdMoney due_exact;
  RdMoney renewed_exact;
} RdDashboardTarget;

typedef struct
{
  char               today[11];

  /* Agreements ending from today to the end of the current quarter, then in each of the
   * three quarters after it. */
  RdDashboardQuarter due[RD_DASHBOARD_N_QUARTERS];

  /* Open renewals by stage, in the order of rd_stages (see rd_dashboard_compute()): how
   * many, and their value per currency. */
  guint              stage_count[RD_DASHBOARD_N_STAGES];
  RdDashboardAmounts stage_value[RD_DASHBOARD_N_STAGES];

  /* Agreements ending within 90 days whose renewal is not published or accepted yet. */
  guint              at_risk_count;
  RdDashboardAmounts at_risk;

  /* The three quarters before the current one and the current one to date, oldest first. */
  RdDashboardRate    rate[RD_DASHBOARD_N_QUARTERS];

  /* The current quarter, whole: its key ("2026-Q2") and its targets. */
  char               target_quarter[8];
  guint              n_targets;
  RdDashboardTarget  targets[RD_DASHBOARD_N_CURRENCIES];

  /* Open renewal offers whose ACE data was not reviewed in the last 7 days. */
  guint              ace_review_due;
} RdDashboard;

/* Adds count records worth value (NULL: nothing) in currency (NULL: none) to amounts;
 * FALSE with an RD_MONEY_ERROR when the sum overflows (the amount is then unchanged). */
gboolean  rd_dashboard_amounts_add    (RdDashboardAmounts *amounts,
                                       const char         *currency,
                                       guint               count,
                                       const RdMoney      *value,
                                       GError            **error);
/* The amount in currency, or NULL. */
const RdDashboardAmount *
          rd_dashboard_amounts_lookup (const RdDashboardAmounts *amounts,
                                       const char               *currency);

/* A calendar quarter as people read it: "Q2 2026". */
char     *rd_dashboard_format_quarter (int                 year,
                                       int                 quarter);

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

/* Sets the team's target for quarter ("2026-Q2") in currency (three capital letters, e.g.
 * "USD"): amount (a plain decimal, more than 0) to renew in it. Stored as the `target`
 * record "target-<quarter>-<currency>", synced like every record, so the whole team works
 * to the same figure and two desks setting it edit one record. */
gboolean  rd_dashboard_set_target     (RdStore     *store,
                                       const char  *quarter,
                                       const char  *currency,
                                       const char  *amount,
                                       GError     **error);

G_END_DECLS
