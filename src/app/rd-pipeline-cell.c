/* rd-pipeline-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-labels.h"
#include "rd-milestones.h"
#include "rd-pipeline-cell.h"
#include "rd-renewal.h"
#include "rd-text-cell.h"

/* "15 Aug 2025 · Call": a logged touch's date, as the other date columns show theirs, and
 * its kind. */
static char *
format_touch (const char *date,
              const char *label)
{
  /* Translators: the last logged touch of a renewal: date · call, e-mail or meeting */
  return g_strdup_printf (_("%s · %s"), date, label);
}

static char *
last_touch_text (JsonObject *body)
{
  JsonObject *last = rd_renewal_last_activity (body);
  g_autofree char *date = NULL;
  const char *type;
  const char *label;

  if (last == NULL || rd_json_get_string (last, "date") == NULL)
    return rd_renewal_dup_last_touch (body);
  date = rd_labels_format_date (rd_json_get_string (last, "date"));
  type = rd_json_get_string (last, "type");
  label = rd_renewal_activity_type_label (type);
  if (label == NULL)
    label = type;
  if (label == NULL)
    return g_steal_pointer (&date);
  return format_touch (date, label);
}

/* "90 days: overdue", "60 days: in 12 days", "All done", and the style class that says how
 * urgent it is. */
static char *
format_milestone (RdMilestoneStatus   status,
                  const RdMilestone  *milestone,
                  const char        **style)
{
  switch (status)
    {
    case RD_MILESTONE_STATUS_OVERDUE:
      *style = "error";
      /* Translators: a renewal milestone not done in time: "90 days: overdue" */
      return g_strdup_printf (_("%d days: overdue"), milestone->offset_days);
    case RD_MILESTONE_STATUS_DUE:
      *style = "warning";
      /* Translators: a renewal milestone that is today: "90 days: today" */
      return g_strdup_printf (_("%d days: today"), milestone->offset_days);
    case RD_MILESTONE_STATUS_UPCOMING:
      /* Translators: the next renewal milestone: "60 days: in 12 days" */
      return g_strdup_printf (g_dngettext (NULL, "%d days: in %d day", "%d days: in %d days",
                                           (gulong) milestone->days_left),
                              milestone->offset_days, milestone->days_left);
    case RD_MILESTONE_STATUS_DONE:
      *style = "dim-label";
      return g_strdup (_("All done"));
    case RD_MILESTONE_STATUS_NONE:
    default:
      return NULL;
    }
}

/* Agreements only, since milestones count back from an agreement's end. */
static char *
milestone_text (RdRecord     *record,
                GTimeZone    *tz,
                GArray       *offsets,
                const char  **style)
{
  RdMilestoneStatus status;
  RdMilestone milestone;
  GDate today;

  if (!rd_record_is_agreement (record) || offsets == NULL)
    return NULL;

  /* Its marks, or all done once its renewal is accepted. */
  rd_date_today (tz, &today);
  status = rd_milestones_agreement_status (rd_record_get_body (record),
                                           (const int *) (void *) offsets->data, offsets->len,
                                           &today, &milestone);
  return format_milestone (status, &milestone, style);
}

/* Changes the cell's style class only when it differs: a restyle per cell per sort adds up. */
static void
set_cell_style (GtkWidget  *cell,
                const char *style)
{
  const char *current = g_object_get_data (G_OBJECT (cell), "rd-style");

  if (g_strcmp0 (current, style) == 0)
    return;
  if (current != NULL)
    gtk_widget_remove_css_class (cell, current);
  if (style != NULL)
    gtk_widget_add_css_class (cell, style);
  /* Only static strings are stored. */
  g_object_set_data (G_OBJECT (cell), "rd-style", (gpointer) style);
}

static void
update_type_cell (GtkWidget *cell,
                  RdRecord  *record)
{
  gboolean agreement = rd_record_is_agreement (record);
  const char *type = rd_record_get_doc_type (record);

  gtk_image_set_from_icon_name (GTK_IMAGE (cell), agreement ? "emblem-documents-symbolic"
                                                            : "document-send-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  type ? rd_labels_doc_type (type) : "",
                                  -1);
}

void
rd_pipeline_cell_update (GtkWidget        *cell,
                         RdPipelineColumn  column,
                         RdRecord         *record,
                         GTimeZone        *tz,
                         GArray           *offsets)
{
  g_autofree char *owned = NULL;
  const char *text = NULL;
  const char *style = NULL;

  if (record == NULL)
    {
      if (RD_IS_TEXT_CELL (cell))
        rd_text_cell_set_text (RD_TEXT_CELL (cell), NULL);
      return;
    }

  switch (column)
    {
    case RD_PIPELINE_COLUMN_TYPE:
      update_type_cell (cell, record);
      return;

    case RD_PIPELINE_COLUMN_CUSTOMER:
      text = rd_record_get_customer (record);
      break;

    case RD_PIPELINE_COLUMN_PRODUCT_TITLE:
      text = rd_record_get_product_title (record);
      break;

    case RD_PIPELINE_COLUMN_PRODUCT_ID:
      text = rd_record_get_product_id (record);
      break;

    case RD_PIPELINE_COLUMN_KIND:
      {
        const char *kind = rd_record_get_kind (record);

        set_cell_style (cell, g_strcmp0 (kind, "CPPO") == 0 ? "cppo"
                              : g_strcmp0 (kind, "PO") == 0 ? "po" : NULL);
        gtk_label_set_label (GTK_LABEL (cell), rd_labels_kind (kind));
      }
      return;

    case RD_PIPELINE_COLUMN_START:
      owned = rd_labels_format_date (rd_record_get_start_date (record));
      break;

    case RD_PIPELINE_COLUMN_END:
      owned = rd_labels_format_date (rd_record_get_end_date (record));
      break;

    case RD_PIPELINE_COLUMN_DAYS_LEFT:
      {
        const char *end = rd_record_get_end_date (record);
        GDate end_date;

        if (end != NULL && rd_date_parse (end, &end_date))
          {
            int days_left = rd_date_days_left (end, tz);

            owned = rd_labels_format_days_left (days_left);
            if (days_left < 0)
              style = "error";
            else if (days_left <= 60)
              style = "warning";
          }
        else
          {
            /* Translators: shown for a pay-as-you-go agreement that has no end date */
            text = _("No end date");
            style = "dim-label";
          }
      }
      break;

    case RD_PIPELINE_COLUMN_MILESTONE:
      owned = milestone_text (record, tz, offsets, &style);
      break;

    case RD_PIPELINE_COLUMN_STAGE:
      text = rd_labels_stage (rd_record_get_stage (record));
      break;

    case RD_PIPELINE_COLUMN_LAST_TOUCH:
      owned = last_touch_text (rd_record_get_body (record));
      break;

    case RD_PIPELINE_COLUMN_VALUE:
      {
        /* An offer's value includes its value-add line items; exact, as stored. */
        RdMoney value;

        if (rd_renewal_total_money (rd_record_get_body (record), &value, NULL)
            && rd_money_sign (&value) > 0)
          owned = rd_labels_format_money_value (&value, rd_record_get_currency (record));
      }
      break;

    default:
      break;
    }

  set_cell_style (cell, style);
  rd_text_cell_set_text (RD_TEXT_CELL (cell), owned ? owned : text);
}

/* A date of each month, the 28th of a year of wide digits: one of them is the widest. */
static void
add_widest_dates (GPtrArray *texts)
{
  for (guint month = 1; month <= 12; month++)
    {
      g_autofree char *iso = g_strdup_printf ("2088-%02u-28", month);

      g_ptr_array_add (texts, rd_labels_format_date (iso));
    }
}

/* The widest of texts, in layout's font. */
static int
widest_of (PangoLayout *layout,
           GPtrArray   *texts,
           guint       *widest_index)
{
  int widest = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      int width;

      pango_layout_set_text (layout, g_ptr_array_index (texts, i), -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      if (width > widest)
        {
          widest = width;
          if (widest_index != NULL)
            *widest_index = i;
        }
    }
  return widest;
}

int
rd_pipeline_cell_measure_widest (RdPipelineColumn  column,
                                 PangoLayout      *layout,
                                 GArray           *offsets)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  switch (column)
    {
    case RD_PIPELINE_COLUMN_START:
    case RD_PIPELINE_COLUMN_END:
      add_widest_dates (texts);
      break;

    case RD_PIPELINE_COLUMN_DAYS_LEFT:
      /* Three digits overdue, four ahead: an agreement runs five years at most. */
      g_ptr_array_add (texts, rd_labels_format_days_left (-888));
      g_ptr_array_add (texts, rd_labels_format_days_left (8888));
      g_ptr_array_add (texts, g_strdup (_("No end date")));
      break;

    case RD_PIPELINE_COLUMN_MILESTONE:
      g_ptr_array_add (texts, g_strdup (_("All done")));
      for (guint i = 0; offsets != NULL && i < offsets->len; i++)
        {
          RdMilestone milestone = { 0, };
          const char *style;

          milestone.offset_days = g_array_index (offsets, int, i);
          milestone.days_left = 888;
          g_ptr_array_add (texts, format_milestone (RD_MILESTONE_STATUS_OVERDUE, &milestone,
                                                    &style));
          g_ptr_array_add (texts, format_milestone (RD_MILESTONE_STATUS_DUE, &milestone,
                                                    &style));
          g_ptr_array_add (texts, format_milestone (RD_MILESTONE_STATUS_UPCOMING, &milestone,
                                                    &style));
        }
      break;

    case RD_PIPELINE_COLUMN_STAGE:
      for (guint i = 0; rd_stages[i] != NULL; i++)
        g_ptr_array_add (texts, g_strdup (rd_labels_stage (rd_stages[i])));
      break;

    case RD_PIPELINE_COLUMN_LAST_TOUCH:
      {
        guint widest_date = 0;
        g_autofree char *date = NULL;

        /* The widest date with each kind of touch. */
        add_widest_dates (texts);
        widest_of (layout, texts, &widest_date);
        date = g_strdup (g_ptr_array_index (texts, widest_date));
        g_ptr_array_set_size (texts, 0);
        for (guint i = 0; rd_activity_types[i] != NULL; i++)
          g_ptr_array_add (texts, format_touch (date,
                                                rd_renewal_activity_type_label (
                                                  rd_activity_types[i])));
      }
      break;

    case RD_PIPELINE_COLUMN_TYPE:
    case RD_PIPELINE_COLUMN_CUSTOMER:
    case RD_PIPELINE_COLUMN_PRODUCT_TITLE:
    case RD_PIPELINE_COLUMN_PRODUCT_ID:
    case RD_PIPELINE_COLUMN_KIND:
    case RD_PIPELINE_COLUMN_VALUE:
    default:
      return 0;
    }

  return widest_of (layout, texts, NULL);
}
