/* rd-milestones.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-milestones"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-milestones.h"

static int
compare_offsets_desc (gconstpointer a,
                      gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

GArray *
rd_milestones_normalize_offsets (const int *offsets,
                                 guint      n_offsets)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < n_offsets; i++)
    {
      gboolean seen = FALSE;

      if (offsets[i] <= 0 || offsets[i] > 3 * 366)
        continue;
      for (guint j = 0; j < out->len; j++)
        seen |= g_array_index (out, int, j) == offsets[i];
      if (!seen)
        g_array_append_val (out, offsets[i]);
    }
  g_array_sort (out, compare_offsets_desc);
  if (out->len > 10)
    g_array_set_size (out, 10);
  return out;
}

GArray *
rd_milestones_compute (const GDate *end_date,
                       const int   *offsets,
                       guint        n_offsets,
                       const GDate *today)
{
  g_autoptr (GArray) normalized = rd_milestones_normalize_offsets (offsets, n_offsets);
  GArray *out = g_array_sized_new (FALSE, TRUE, sizeof (RdMilestone), normalized->len);

  g_return_val_if_fail (end_date != NULL && g_date_valid (end_date), out);

  for (guint i = 0; i < normalized->len; i++)
    {
      RdMilestone m;

      m.offset_days = g_array_index (normalized, int, i);
      rd_date_add_days_to (end_date, -m.offset_days, &m.date);
      m.days_left = today ? rd_date_days_between (today, &m.date) : 0;
      g_array_append_val (out, m);
    }
  return out;
}

char *
rd_milestone_dup_label (int offset_days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%d day before end", "%d days before end",
                                       (gulong) offset_days),
                          offset_days);
}

gboolean
rd_milestones_is_done (JsonObject *done,
                       int         offset_days)
{
  char key[16];
  JsonNode *node;

  if (done == NULL)
    return FALSE;
  g_snprintf (key, sizeof key, "%d", offset_days);
  node = json_object_get_member (done, key);
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return json_node_get_value_type (node) == G_TYPE_STRING
         && g_str_equal (json_node_get_string (node), "done");
}

RdMilestoneStatus
rd_milestones_status (const GDate *end_date,
                      const int   *offsets,
                      guint        n_offsets,
                      JsonObject  *done,
                      const GDate *today,
                      RdMilestone *milestone_out)
{
  g_autoptr (GArray) milestones = NULL;

  if (end_date == NULL || !g_date_valid (end_date))
    return RD_MILESTONE_STATUS_NONE;
  milestones = rd_milestones_compute (end_date, offsets, n_offsets, today);
  if (milestones->len == 0)
    return RD_MILESTONE_STATUS_NONE;

  /* The latest milestone that has come is the touchpoint that matters now, as for the
   * reminders' catch-up: a missed 120-day call is moot once the 60-day one is due. */
  for (guint i = milestones->len; i > 0; i--)
    {
      RdMilestone *m = &g_array_index (milestones, RdMilestone, i - 1);

      if (m->days_left > 0)
        continue;
      if (rd_milestones_is_done (done, m->offset_days))
        break;
      if (milestone_out != NULL)
        *milestone_out = *m;
      return m->days_left < 0 ? RD_MILESTONE_STATUS_OVERDUE : RD_MILESTONE_STATUS_DUE;
    }
  /* Otherwise the next one ahead that is not done yet. */
  for (guint i = 0; i < milestones->len; i++)
    {
      RdMilestone *m = &g_array_index (milestones, RdMilestone, i);

      if (m->days_left <= 0 || rd_milestones_is_done (done, m->offset_days))
        continue;
      if (milestone_out != NULL)
        *milestone_out = *m;
      return RD_MILESTONE_STATUS_UPCOMING;
    }
  if (milestone_out != NULL)
    *milestone_out = g_array_index (milestones, RdMilestone, milestones->len - 1);
  return RD_MILESTONE_STATUS_DONE;
}

gboolean
rd_milestones_agreement_settled (JsonObject *agreement)
{
  JsonNode *node;

  if (agreement == NULL)
    return FALSE;
  node = json_object_get_member (agreement, "renewal_stage");
  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         && rd_milestones_renewal_stage_settles (json_node_get_string (node));
}

gboolean
rd_milestones_renewal_stage_settles (const char *renewal_stage)
{
  return g_strcmp0 (renewal_stage, "accepted") == 0;
}

RdMilestoneStatus
rd_milestones_agreement_status (JsonObject  *agreement,
                                const int   *offsets,
                                guint        n_offsets,
                                const GDate *today,
                                RdMilestone *milestone_out)
{
  g_autoptr (GArray) milestones = NULL;
  JsonNode *node;
  JsonObject *done = NULL;
  const char *end_text = NULL;
  GDate end;

  g_return_val_if_fail (agreement != NULL, RD_MILESTONE_STATUS_NONE);

  node = json_object_get_member (agreement, "end_date");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    end_text = json_node_get_string (node);
  g_date_clear (&end, 1);
  if (end_text == NULL || !rd_date_parse (end_text, &end))
    return RD_MILESTONE_STATUS_NONE;

  if (rd_milestones_agreement_settled (agreement))
    {
      milestones = rd_milestones_compute (&end, offsets, n_offsets, today);
      if (milestones->len == 0)
        return RD_MILESTONE_STATUS_NONE;
      if (milestone_out != NULL)
        *milestone_out = g_array_index (milestones, RdMilestone, milestones->len - 1);
      return RD_MILESTONE_STATUS_DONE;
    }

  node = json_object_get_member (agreement, "milestones");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    done = json_node_get_object (node);
  return rd_milestones_status (&end, offsets, n_offsets, done, today, milestone_out);
}
