/* rd-day-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-day-cell"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-day-cell.h"
#include "rd-labels.h"
#include "rd-text-cell.h"

/* Between the day's number, the chips and "+N more". */
#define SPACING 2

struct _RdDayCell
{
  GtkWidget       parent_instance;

  GtkLabel       *day_label;
  /* Made once and reused: a month switch only relabels them, and neither their text nor
   * "+N more" asks for a new size, so the month is not measured again. */
  GtkWidget      *chips[RD_DAY_CELL_MAX_CHIPS];
  GtkWidget      *overflow;
  guint           n_chips;     /* of chips, those with a date */
  guint           n_shown;     /* of those, the ones the last allocation had room for */

  RdDayCellState  state;
};

G_DEFINE_FINAL_TYPE (RdDayCell, rd_day_cell, GTK_TYPE_WIDGET)

static void
rd_day_cell_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_DAY_CELL);
  /* The chips and "+N more", which the cell made. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rd_day_cell_parent_class)->dispose (object);
}

static int
natural_height (GtkWidget *child,
                int        for_width)
{
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, for_width, NULL, &natural, NULL, NULL);
  return natural;
}

/* Whether text, in widget's font, shows whole in width pixels. */
static gboolean
text_fits (GtkWidget  *widget,
           const char *text,
           int         width)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int text_width;

  pango_layout_get_pixel_size (layout, &text_width, NULL);
  return text_width <= width;
}

/* As wide as the day's number; as high as it at least, and naturally with room for every
 * chip: what the cell asks for does not depend on its dates. */
static void
rd_day_cell_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  RdDayCell *self = RD_DAY_CELL (widget);

  gtk_widget_measure (GTK_WIDGET (self->day_label), orientation, -1, minimum, natural,
                      NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    *natural += RD_DAY_CELL_MAX_CHIPS * (SPACING + natural_height (self->chips[0], -1));
}

/* The number of chips whose whole height fits in height. */
static guint
chips_fitting (int height,
               int chip_height)
{
  return height < chip_height ? 0 : (guint) ((height + SPACING) / (chip_height + SPACING));
}

/* The number on top; "+N more" at the bottom when a date is not shown; between them, the
 * chips that fit whole, never a sliver of one. */
static void
rd_day_cell_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  RdDayCell *self = RD_DAY_CELL (widget);
  int label_height = natural_height (GTK_WIDGET (self->day_label), width);
  int chip_height = natural_height (self->chips[0], width);
  int overflow_height = natural_height (self->overflow, width);
  int room = height - label_height - SPACING;
  int chip_width, unused;
  guint n_shown = chips_fitting (room, chip_height);
  gboolean more;

  if (n_shown >= self->n_chips && self->state.n_events <= self->n_chips)
    n_shown = self->n_chips;
  else
    n_shown = MIN (self->n_chips, chips_fitting (room - overflow_height - SPACING,
                                                 chip_height));
  more = self->state.n_events > n_shown;

  gtk_widget_allocate (GTK_WIDGET (self->day_label), width, label_height, -1, NULL);
  /* Cut by the cell's edge rather than squeezed below what a chip needs. */
  gtk_widget_measure (self->chips[0], GTK_ORIENTATION_HORIZONTAL, -1, &chip_width, &unused,
                      NULL, NULL);
  chip_width = MAX (chip_width, width);
  for (guint i = 0; i < RD_DAY_CELL_MAX_CHIPS; i++)
    {
      gtk_widget_set_child_visible (self->chips[i], i < n_shown);
      if (i < n_shown)
        gtk_widget_allocate (self->chips[i], chip_width, chip_height, -1,
                             gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                               0, label_height + SPACING + i * (chip_height + SPACING))));
    }

  if (more)
    {
      g_autofree char *text = NULL;
      guint hidden = self->state.n_events - n_shown;

      /* Translators: shown in a calendar day that has more dates than fit */
      text = g_strdup_printf (g_dngettext (NULL, "+%u more", "+%u more", hidden), hidden);
      /* In a narrow cell the count alone, rather than "+…". */
      if (!text_fits (self->overflow, text, width))
        {
          g_free (text);
          text = g_strdup_printf ("+%u", hidden);
        }
      rd_text_cell_set_text (RD_TEXT_CELL (self->overflow), text);
      gtk_widget_allocate (self->overflow, width, overflow_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                             0, MAX (label_height, height - overflow_height))));
    }
  gtk_widget_set_child_visible (self->overflow, more);
  self->n_shown = n_shown;
}

static void
rd_day_cell_class_init (RdDayCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_day_cell_dispose;
  widget_class->measure = rd_day_cell_measure;
  widget_class->size_allocate = rd_day_cell_size_allocate;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-day-cell.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDayCell, day_label);

  gtk_widget_class_set_css_name (widget_class, "daycell");
}

static GtkWidget *make_day_chip (void);
static gboolean on_chip_query_tooltip_cb (GtkWidget  *chip,
                                          int         x,
                                          int         y,
                                          gboolean    keyboard_mode,
                                          GtkTooltip *tooltip,
                                          gpointer    user_data);

static void
rd_day_cell_init (RdDayCell *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < RD_DAY_CELL_MAX_CHIPS; i++)
    {
      self->chips[i] = make_day_chip ();
      gtk_widget_set_child_visible (self->chips[i], FALSE);
      gtk_widget_set_has_tooltip (self->chips[i], TRUE);
      g_signal_connect (self->chips[i], "query-tooltip",
                        G_CALLBACK (on_chip_query_tooltip_cb), NULL);
      gtk_widget_set_parent (self->chips[i], GTK_WIDGET (self));
    }

  self->overflow = rd_text_cell_new (0);
  gtk_widget_add_css_class (self->overflow, "overflow");
  gtk_widget_add_css_class (self->overflow, "caption");
  gtk_widget_set_child_visible (self->overflow, FALSE);
  gtk_widget_set_parent (self->overflow, GTK_WIDGET (self));
}

GtkWidget *
rd_day_cell_new (void)
{
  return g_object_new (RD_TYPE_DAY_CELL, NULL);
}

static GtkWidget *
make_chip_around (RdCalendarEventKind  kind,
                  const char          *tooltip,
                  GtkWidget           *label)
{
  GtkWidget *chip;
  GtkWidget *icon;

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

  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (chip), label);

  return chip;
}

/* A chip as wide as its text (the legend's). */
GtkWidget *
rd_day_cell_make_chip (RdCalendarEventKind  kind,
                       const char          *text,
                       const char          *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  return make_chip_around (kind, tooltip, label);
}

/* A day's chip: as wide as the day, its text shaped only when drawn, since a month switch
 * relabels a hundred of them. */
static GtkWidget *
make_day_chip (void)
{
  return make_chip_around (RD_CALENDAR_EVENT_END_DATE, NULL, rd_text_cell_new (0));
}

/* Built when the pointer rests on the chip, not for every chip of every month shown. */
static gboolean
on_chip_query_tooltip_cb (GtkWidget  *chip,
                          int         x,
                          int         y,
                          gboolean    keyboard_mode,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  RdCalendarEvent *event = g_object_get_data (G_OBJECT (chip), "event");
  RdEventStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chip), "status"));
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  RdCalendarEventKind kind;

  if (event == NULL)
    return FALSE;

  kind = rd_calendar_event_get_kind (event);
  label = rd_calendar_event_dup_label (event);
  /* Translators: tooltip of a calendar chip: what happens, customer, product */
  text = g_strdup_printf (_("%s: %s — %s"),
                          label ? label : rd_labels_event_kind (kind),
                          rd_calendar_event_get_customer (event),
                          rd_calendar_event_get_product_title (event));
  if (rd_event_status_label (status) != NULL)
    {
      g_autofree char *with_status = NULL;

      /* Translators: a chip's tooltip and its milestone status: "… — Analytics (Overdue)" */
      with_status = g_strdup_printf (_("%s (%s)"), text, rd_event_status_label (status));
      g_free (text);
      text = g_steal_pointer (&with_status);
    }
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_event_chip (GtkWidget       *chip,
                   RdCalendarEvent *event,
                   RdEventStatus    status)
{
  RdCalendarEventKind kind = rd_calendar_event_get_kind (event);
  const char *status_class = rd_event_status_css_class (status);
  const char *classes[] = { "chip", rd_labels_event_css_class (kind), status_class, NULL };
  GtkWidget *icon = gtk_widget_get_first_child (chip);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  const char *icon_label = rd_labels_event_kind (kind);
  const char *icon_name = rd_labels_event_icon_name (kind);

  g_object_set_data_full (G_OBJECT (chip), "event", g_object_ref (event), g_object_unref);
  g_object_set_data (G_OBJECT (chip), "status", GINT_TO_POINTER (status));
  gtk_widget_set_css_classes (chip, classes);

  if (status == RD_EVENT_STATUS_DONE || status == RD_EVENT_STATUS_OVERDUE)
    {
      icon_name = status == RD_EVENT_STATUS_DONE ? "object-select-symbolic"
                                                 : "dialog-warning-symbolic";
      icon_label = rd_event_status_label (status);
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label,
                                  -1);
  if (kind == RD_CALENDAR_EVENT_MILESTONE)
    {
      /* Which milestone: 120, 90 or 60 days before the end, in the chip itself. */
      g_autofree char *markup = g_markup_printf_escaped ("<b>%d</b> %s",
                                                         rd_calendar_event_get_offset_days (event),
                                                         rd_calendar_event_get_customer (event));

      rd_text_cell_set_markup (RD_TEXT_CELL (label), markup);
    }
  else
    {
      rd_text_cell_set_text (RD_TEXT_CELL (label), rd_calendar_event_get_customer (event));
    }
}

void
rd_day_cell_update (RdDayCell            *self,
                    const RdDayCellState *state,
                    GPtrArray            *events,
                    guint                 n_milestones,
                    guint                 n_done)
{
  const char *classes[8];
  g_autofree char *day = NULL;
  g_autofree char *accessible_label = NULL;
  guint n_events = self->state.n_events;
  guint n_chips;

  g_return_if_fail (RD_IS_DAY_CELL (self));
  g_return_if_fail (state != NULL);

  self->state = *state;
  rd_day_cell_state_set_milestones (&self->state, n_milestones, n_done);
  state = &self->state;

  day = g_strdup_printf ("%u", state->day_of_month);
  gtk_label_set_label (self->day_label, day);

  rd_day_cell_state_css_classes (state, classes, G_N_ELEMENTS (classes));
  gtk_widget_set_css_classes (GTK_WIDGET (self), classes);

  n_chips = 0;
  for (guint i = 0; i < RD_DAY_CELL_MAX_CHIPS; i++)
    {
      RdCalendarEvent *event;
      RdEventStatus status;

      if (events == NULL || i >= state->n_chips || i >= events->len)
        {
          g_object_set_data (G_OBJECT (self->chips[i]), "event", NULL);
          continue;
        }

      event = g_ptr_array_index (events, i);
      status = rd_day_cell_state_event_status (state,
                                               rd_calendar_event_get_kind (event)
                                               == RD_CALENDAR_EVENT_MILESTONE,
                                               rd_calendar_event_get_done (event));
      update_event_chip (self->chips[i], event, status);
      n_chips++;
    }
  /* Which chips and whether "+N more" show is the allocation's business: nothing is
   * measured again. */
  if (n_chips != self->n_chips || n_events != state->n_events)
    {
      self->n_chips = n_chips;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }

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
