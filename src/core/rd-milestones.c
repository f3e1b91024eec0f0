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
