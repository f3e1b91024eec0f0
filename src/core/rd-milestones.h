/* rd-milestones.h
 *
 * Renewal milestones: the days, counted back from an agreement's end date, on which the
 * playbook says to engage (default 120, 90 and 60 days before).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

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

/* Whether a record's "milestones" member ({"90": "done"}; true counts too; may be NULL)
 * marks the milestone offset_days before the end done. */
gboolean  rd_milestones_is_done        (JsonObject  *done,
                                        int          offset_days);

typedef enum
{
  RD_MILESTONE_STATUS_NONE,     /* no end date, or no offsets */
  RD_MILESTONE_STATUS_UPCOMING, /* the next milestone lies ahead */
  RD_MILESTONE_STATUS_DUE,      /* the latest milestone is today and not done */
  RD_MILESTONE_STATUS_OVERDUE,  /* the latest milestone has passed and is not done */
  RD_MILESTONE_STATUS_DONE,     /* the latest milestone is done and none is ahead */
} RdMilestoneStatus;

/* Where a renewal stands on its milestones, for a list: the latest milestone that has come,
 * if not done (due today or overdue), else the next one ahead that is not done (upcoming),
 * else done. done is the record's "milestones" member ({"90": "done"}; true counts too). */
RdMilestoneStatus rd_milestones_status (const GDate *end_date,
                                        const int   *offsets,
                                        guint        n_offsets,
                                        JsonObject  *done,
                                        const GDate *today,
                                        RdMilestone *milestone_out);

/* Whether an agreement's renewal settles its milestones: once the renewal offer is accepted
 * (the agreement's renewal_stage, see rd_renewal_update_agreement()), none is left to do. */
gboolean          rd_milestones_agreement_settled (JsonObject  *agreement);
/* The same from the agreement's renewal_stage value alone (NULL: no renewal yet). */
gboolean          rd_milestones_renewal_stage_settles (const char *renewal_stage);
/* rd_milestones_status() of an agreement's body: its end_date and "milestones" marks, and
 * done once its renewal is accepted (rd_milestones_agreement_settled()). */
RdMilestoneStatus rd_milestones_agreement_status  (JsonObject  *agreement,
                                                   const int   *offsets,
                                                   guint        n_offsets,
                                                   const GDate *today,
                                                   RdMilestone *milestone_out);

G_END_DECLS
