/* rd-day-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-day-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-day-cell.h"
#include "rd-labels.h"

struct _RdDayCell
{
  GtkWidget       parent_instance;

  GtkLabel       *day_label;
  GtkBox         *chips_box;
  GtkLabel       *overflow_label;

  RdDayCellState  state;
};

G_DEFINE_FINAL_TYPE (RdDayCell, rd_day_cell, GTK_TYPE_WIDGET)

static void
rd_day_cell_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_DAY_CELL);

  G_OBJECT_CLASS (rd_day_cell_parent_class)->dispose (object);
}

static void
rd_day_cell_class_init (RdDayCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_day_cell_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renewaldesk/RenewalDesk/rd-day-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDayCell, day_label);
  gtk_widget_class_bind_template_child (widget_class, RdDayCell, chips_box);
  gtk_widget_class_bind_template_child (widget_class, RdDayCell, overflow_label);

  gtk_widget_class_set_css_name (widget_class, "daycell");
}

static void
rd_day_cell_init (RdDayCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rd_day_cell_new (void)
{
  return g_object_new (RD_TYPE_DAY_CELL, NULL);
}

GtkWidget *
rd_day_cell_make_chip (RdCalendarEventKind  kind,
                       const char          *text,
                       const char          *tooltip)
{
  GtkWidget *chip;
  GtkWidget *icon;
  GtkWidget *label;

  chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_widget_add_css_class (chip, "chip");
  gtk_widget_add_css_class (chip, rd_labels_event_css_class (kind));
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (chip, tooltip);

  icon = gtk_image_new_from_icon_name (rd_labels_event_icon_name (kind));
  gtk_widget_add_css_class (icon, "chip-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, rd_labels_event_kind (kind),
                                  -1);
  gtk_box_append (GTK_BOX (chip), icon);

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (chip), label);

  return chip;
}

static const char *
status_label (RdEventStatus status)
{
  switch (status)
    {
    case RD_EVENT_STATUS_DONE:
      return _("Done");
    case RD_EVENT_STATUS_DUE:
      return _("Due today");
    case RD_EVENT_STATUS_OVERDUE:
      return _("Overdue");
    case RD_EVENT_STATUS_NONE:
    case RD_EVENT_STATUS_UPCOMING:
    default:
      return NULL;
    }
}

static GtkWidget *
make_event_chip (RdCalendarEvent *event,
                 RdEventStatus    status)
{
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;
  RdCalendarEventKind kind;
  const char *status_class;
  GtkWidget *chip;

  kind = rd_calendar_event_get_kind (event);
  label = rd_calendar_event_dup_label (event);
  /* Translators: tooltip of a calendar chip: what happens, customer, product */
  tooltip = g_strdup_printf (_("%s: %s — %s"),
                             label ? label : rd_labels_event_kind (kind),
                             rd_calendar_event_get_customer (event),
                             rd_calendar_event_get_product_title (event));
  if (status_label (status) != NULL)
    {
      g_autofree char *with_status = NULL;

      /* Translators: a chip's tooltip and its milestone status: "… — Analytics (Overdue)" */
      with_status = g_strdup_printf (_("%s (%s)"), tooltip, status_label (status));
      g_free (tooltip);
      tooltip = g_steal_pointer (&with_status);
    }

  chip = rd_day_cell_make_chip (kind, rd_calendar_event_get_customer (event), tooltip);

  status_class = rd_event_status_css_class (status);
  if (status_class != NULL)
    gtk_widget_add_css_class (chip, status_class);
  if (status == RD_EVENT_STATUS_DONE || status == RD_EVENT_STATUS_OVERDUE)
    {
      GtkWidget *icon = gtk_widget_get_first_child (chip);

      gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                    status == RD_EVENT_STATUS_DONE ? "object-select-symbolic"
                                                                   : "dialog-warning-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, status_label (status),
                                      -1);
    }

  return chip;
}

void
rd_day_cell_update (RdDayCell            *self,
                    const RdDayCellState *state,
                    GPtrArray            *events)
{
  const char *classes[8];
  g_autofree char *day = NULL;
  g_autofree char *accessible_label = NULL;
  GtkWidget *child;
  guint n_milestones = 0;
  guint n_done = 0;

  g_return_if_fail (RD_IS_DAY_CELL (self));
  g_return_if_fail (state != NULL);

  self->state = *state;
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      RdCalendarEvent *event = g_ptr_array_index (events, i);

      if (rd_calendar_event_get_kind (event) != RD_CALENDAR_EVENT_MILESTONE)
        continue;
      n_milestones++;
      if (rd_calendar_event_get_done (event))
        n_done++;
    }
  rd_day_cell_state_set_milestones (&self->state, n_milestones, n_done);
  state = &self->state;

  day = g_strdup_printf ("%u", state->day_of_month);
  gtk_label_set_label (self->day_label, day);

  rd_day_cell_state_css_classes (state, classes, G_N_ELEMENTS (classes));
  gtk_widget_set_css_classes (GTK_WIDGET (self), classes);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))))
    gtk_box_remove (self->chips_box, child);

  for (guint i = 0; events != NULL && i < state->n_chips && i < events->len; i++)
    {
      RdCalendarEvent *event = g_ptr_array_index (events, i);
      RdEventStatus status;

      status = rd_day_cell_state_event_status (state,
                                               rd_calendar_event_get_kind (event)
                                               == RD_CALENDAR_EVENT_MILESTONE,
                                               rd_calendar_event_get_done (event));
      gtk_box_append (self->chips_box, make_event_chip (event, status));
    }

  if (state->n_overflow > 0)
    {
      g_autofree char *more = NULL;

      /* Translators: shown in a calendar day that has more dates than fit */
      more = g_strdup_printf (g_dngettext (NULL, "+%u more", "+%u more", state->n_overflow),
                              state->n_overflow);
      gtk_label_set_label (self->overflow_label, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overflow_label), state->n_overflow > 0);

  accessible_label = rd_day_cell_state_dup_accessible_label (state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_SELECTED, state->is_selected,
                               -1);
}

const RdDayCellState *
rd_day_cell_get_state (RdDayCell *self)
{
  g_return_val_if_fail (RD_IS_DAY_CELL (self), NULL);

  return &self->state;
}
