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

static GtkWidget *
make_event_chip (RdCalendarEvent *event)
{
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;
  RdCalendarEventKind kind;

  kind = rd_calendar_event_get_kind (event);
  label = rd_calendar_event_dup_label (event);
  /* Translators: tooltip of a calendar chip: what happens, customer, product */
  tooltip = g_strdup_printf (_("%s: %s — %s"),
                             label ? label : rd_labels_event_kind (kind),
                             rd_calendar_event_get_customer (event),
                             rd_calendar_event_get_product_title (event));

  return rd_day_cell_make_chip (kind, rd_calendar_event_get_customer (event), tooltip);
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

  g_return_if_fail (RD_IS_DAY_CELL (self));
  g_return_if_fail (state != NULL);

  self->state = *state;

  day = g_strdup_printf ("%u", state->day_of_month);
  gtk_label_set_label (self->day_label, day);

  rd_day_cell_state_css_classes (state, classes, G_N_ELEMENTS (classes));
  gtk_widget_set_css_classes (GTK_WIDGET (self), classes);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))))
    gtk_box_remove (self->chips_box, child);

  for (guint i = 0; events != NULL && i < state->n_chips && i < events->len; i++)
    gtk_box_append (self->chips_box, make_event_chip (g_ptr_array_index (events, i)));

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
