/* rd-pipeline-sorter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-pipeline-sorter"

#include "config.h"

#include "rd-pipeline-sorter.h"

struct _RdPipelineSorter
{
  GtkSorter      parent_instance;

  RdPipelineSort sort_key;
};

G_DEFINE_FINAL_TYPE (RdPipelineSorter, rd_pipeline_sorter, GTK_TYPE_SORTER)

/* rd_pipeline_sorter_read_primary() marks its stand-in item with this. */
#define PROBE_KEY "rd-pipeline-sorter-probe"

static GtkOrdering
rd_pipeline_sorter_compare (GtkSorter *sorter,
                            gpointer   item1,
                            gpointer   item2)
{
  RdPipelineSorter **probe_hit;

  /* The model is sorted in SQL; a GtkSortListModel never uses this sorter. While probing,
   * the first column asked is the primary one: answer "larger" so it is the only one. */
  probe_hit = G_IS_OBJECT (item1) ? g_object_get_data (item1, PROBE_KEY) : NULL;
  if (probe_hit != NULL)
    {
      if (*probe_hit == NULL)
        *probe_hit = RD_PIPELINE_SORTER (sorter);
      return GTK_ORDERING_LARGER;
    }

  return GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
rd_pipeline_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
rd_pipeline_sorter_class_init (RdPipelineSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = rd_pipeline_sorter_compare;
  sorter_class->get_order = rd_pipeline_sorter_get_order;
}

static void
rd_pipeline_sorter_init (RdPipelineSorter *self)
{
}

GtkSorter *
rd_pipeline_sorter_new (RdPipelineSort sort_key)
{
  RdPipelineSorter *self = g_object_new (RD_TYPE_PIPELINE_SORTER, NULL);

  self->sort_key = sort_key;

  return GTK_SORTER (self);
}

RdPipelineSort
rd_pipeline_sorter_get_sort_key (RdPipelineSorter *self)
{
  g_return_val_if_fail (RD_IS_PIPELINE_SORTER (self), RD_PIPELINE_SORT_END_DATE);

  return self->sort_key;
}

gboolean
rd_pipeline_sorter_read_primary (GtkSorter      *column_view_sorter,
                                 RdPipelineSort *sort_key,
                                 gboolean       *descending)
{
  g_autoptr (GObject) a = NULL;
  g_autoptr (GObject) b = NULL;
  RdPipelineSorter *probe_hit = NULL;
  GtkOrdering ordering;

  g_return_val_if_fail (GTK_IS_SORTER (column_view_sorter), FALSE);

  /* GTK 4.8 has no API for the primary sort column (gtk_column_view_sorter_get_primary_sort_
   * column is 4.10): the column view's sorter asks its columns' sorters in order and inverts
   * the answer of a descending column, so one comparison of two stand-ins tells both. */
  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (a, PROBE_KEY, &probe_hit);
  ordering = gtk_sorter_compare (column_view_sorter, a, b);

  if (probe_hit == NULL || ordering == GTK_ORDERING_EQUAL)
    return FALSE;

  if (sort_key)
    *sort_key = probe_hit->sort_key;
  if (descending)
    *descending = ordering == GTK_ORDERING_SMALLER;

  return TRUE;
}
