/* rd-milestones.h
 *
 * Renewal milestones: the days, counted back from an agreement's end date, on which the
 * playbook says to engage (default 120, 90 and 60 days before).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_MILESTONE_DEFAULT_OFFSETS { 120, 90, 60 }

typedef struct
{
  int   offset_days; /* days before the end date */
  GDate date;        /* end date minus offset */
  int   days_left;   /* from today until date; negative when past */
} RdMilestone;

/* Milestones for end_date, one per offset, ordered by date (largest offset first).
 * today is the user's calendar day (see rd_date_today()). Returns GArray of RdMilestone. */
GArray   *rd_milestones_compute        (const GDate *end_date,
                                        const int   *offsets,
                                        guint        n_offsets,
                                        const GDate *today);
/* Normalises a user's list: positive, unique, descending, at most 10, at most 3 years. */
GArray   *rd_milestones_normalize_offsets (const int *offsets,
                                           guint      n_offsets);
/* The label of a milestone in the calendar: "120 days before end". */
char     *rd_milestone_dup_label       (int offset_days);

G_END_DECLS
