/* rd-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-chart.h"

#define BAR_GAP       16
#define LABEL_SPACING 6
#define MAX_BAR_WIDTH 72

typedef struct
{
  char   *label;
  double  value;
  char   *value_text;
} Bar;

struct _RdChart
{
  GtkWidget  parent_instance;

  GArray    *bars;
  double     max_value;
  char      *description;
};

G_DEFINE_FINAL_TYPE (RdChart, rd_chart, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar->value_text);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *out)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (style, name, out))
    gtk_style_context_get_color (style, out);
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             int         width,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  /* Category labels ("Needs analysis") may take two lines per line of text. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, bold ? -1 : -4);
  if (bold)
    {
      g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
    }
  return layout;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  float          x,
                  float          y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
rd_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  RdChart *self = RD_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA bar_color, text_color, axis_color, dim_color;
  double max_value = self->max_value;
  int label_height = 0;
  int value_height = 0;
  float slot, bar_width, plot_top, plot_bottom;

  if (self->bars->len == 0 || width <= 0 || height <= 0)
    return;

  lookup_color (widget, "accent_bg_color", &bar_color);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text_color);
  axis_color = text_color;
  axis_color.alpha *= 0.25f;
  dim_color = text_color;
  dim_color.alpha *= 0.7f;

  slot = (float) width / self->bars->len;
  bar_width = MIN (MAX_BAR_WIDTH, slot - BAR_GAP);
  if (bar_width < 4)
    bar_width = MAX (1.0f, slot - 2);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr (PangoLayout) label = make_layout (widget, bar->label, (int) slot, FALSE);
      g_autoptr (PangoLayout) value = make_layout (widget, bar->value_text, (int) slot, TRUE);
      int h;

      pango_layout_get_pixel_size (label, NULL, &h);
      label_height = MAX (label_height, h);
      pango_layout_get_pixel_size (value, NULL, &h);
      value_height = MAX (value_height, h);
      if (self->max_value <= 0)
        max_value = MAX (max_value, bar->value);
    }

  plot_top = value_height + LABEL_SPACING;
  plot_bottom = height - label_height - LABEL_SPACING;
  if (plot_bottom <= plot_top)
    return;

  gtk_snapshot_append_color (snapshot, &axis_color,
                             &GRAPHENE_RECT_INIT (0, plot_bottom, width, 1));

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      g_autoptr (PangoLayout) label = make_layout (widget, bar->label, (int) slot, FALSE);
      g_autoptr (PangoLayout) value = make_layout (widget, bar->value_text, (int) slot, TRUE);
      float x = slot * i;
      float bar_height = 0;
      GskRoundedRect rounded;

      if (max_value > 0 && bar->value > 0)
        bar_height = MAX (2.0f, (float) (bar->value / max_value) * (plot_bottom - plot_top));

      if (bar_height > 0)
        {
          graphene_rect_t rect = GRAPHENE_RECT_INIT (x + (slot - bar_width) / 2,
                                                     plot_bottom - bar_height,
                                                     bar_width, bar_height);

          gsk_rounded_rect_init (&rounded, &rect,
                                 &GRAPHENE_SIZE_INIT (4, 4), &GRAPHENE_SIZE_INIT (4, 4),
                                 &GRAPHENE_SIZE_INIT (0, 0), &GRAPHENE_SIZE_INIT (0, 0));
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &bar_color, &rect);
          gtk_snapshot_pop (snapshot);
        }

      append_layout_at (snapshot, value, x,
                        plot_bottom - bar_height - LABEL_SPACING - value_height, &text_color);
      append_layout_at (snapshot, label, x, plot_bottom + LABEL_SPACING, &dim_color);
    }
}

static void
rd_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  RdChart *self = RD_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (1u, self->bars->len) * 40;
      *natural = MAX (1u, self->bars->len) * 56;
    }
  else
    {
      *minimum = 160;
      *natural = 220;
    }
}

static void
rd_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rd_chart_parent_class)->css_changed (widget, change);

  /* Dark mode and accent changes repaint the bars in the new colours. */
  gtk_widget_queue_draw (widget);
}

static void
rd_chart_finalize (GObject *object)
{
  RdChart *self = (RdChart *)object;

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (rd_chart_parent_class)->finalize (object);
}

static void
rd_chart_class_init (RdChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_chart_finalize;

  widget_class->snapshot = rd_chart_snapshot;
  widget_class->measure = rd_chart_measure;
  widget_class->css_changed = rd_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
rd_chart_init (RdChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
}

GtkWidget *
rd_chart_new (void)
{
  return g_object_new (RD_TYPE_CHART, NULL);
}

void
rd_chart_set_title (RdChart    *self,
                    const char *title)
{
  g_return_if_fail (RD_IS_CHART (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
}

void
rd_chart_set_bars (RdChart          *self,
                   const RdChartBar *bars,
                   guint             n_bars)
{
  g_autoptr (GString) description = g_string_new (NULL);

  g_return_if_fail (RD_IS_CHART (self));

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n_bars; i++)
    {
      Bar bar = {
        g_strdup (bars[i].label ? bars[i].label : ""),
        bars[i].value,
        g_strdup (bars[i].value_text ? bars[i].value_text : ""),
      };
      g_autofree char *label = g_strdup (bar.label);

      g_array_append_val (self->bars, bar);

      g_strdelimit (label, "\n", ' ');
      if (description->len > 0)
        g_string_append (description, "; ");
      /* Translators: one bar of a chart read out: its label, then its value */
      g_string_append_printf (description, _("%s: %s"), label, bars[i].value_text);
    }

  g_free (self->description);
  self->description = g_string_free (g_steal_pointer (&description), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->description, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->description);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
rd_chart_set_max_value (RdChart *self,
                        double   max_value)
{
  g_return_if_fail (RD_IS_CHART (self));

  self->max_value = max_value;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
rd_chart_get_n_bars (RdChart *self)
{
  g_return_val_if_fail (RD_IS_CHART (self), 0);

  return self->bars->len;
}

const char *
rd_chart_get_description (RdChart *self)
{
  g_return_val_if_fail (RD_IS_CHART (self), NULL);

  return self->description;
}
