/* rd-text-cell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-text-cell"

#include "config.h"

#include "rd-text-cell.h"

struct _RdTextCell
{
  GtkWidget    parent_instance;

  char        *text;
  char        *markup;       /* or NULL: text is plain */
  float        xalign;
  int          line_height;  /* of the current font; 0: not known yet */
  PangoLayout *layout;       /* made when first drawn */
  int          layout_width;
};

G_DEFINE_FINAL_TYPE (RdTextCell, rd_text_cell, GTK_TYPE_WIDGET)

/* The height of a line per font: the cells of a list share a handful of fonts. */
static int
line_height_of (GtkWidget *widget)
{
  static GHashTable *heights;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoFontMetrics *metrics;
  gpointer known;
  int height;

  if (heights == NULL)
    heights = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                     (GEqualFunc) pango_font_description_equal,
                                     (GDestroyNotify) pango_font_description_free, NULL);
  if (g_hash_table_lookup_extended (heights, font, NULL, &known))
    return GPOINTER_TO_INT (known);

  metrics = pango_context_get_metrics (context, font, NULL);
  height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (height <= 0)
    height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                + pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);
  g_hash_table_insert (heights, pango_font_description_copy (font), GINT_TO_POINTER (height));
  return height;
}

static void
rd_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  RdTextCell *self = RD_TEXT_CELL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }
  if (self->line_height == 0)
    self->line_height = line_height_of (widget);
  *minimum = *natural = self->line_height;
}

/* The markup's attributes over those the style gave the layout (a strike-through stays). */
static void
add_markup_attributes (PangoLayout *layout,
                       const char  *markup)
{
  g_autoptr (PangoAttrList) markup_attrs = NULL;
  PangoAttrList *style_attrs = pango_layout_get_attributes (layout);
  g_autoptr (PangoAttrList) attrs = style_attrs ? pango_attr_list_copy (style_attrs)
                                                : pango_attr_list_new ();
  GSList *list;

  if (!pango_parse_markup (markup, -1, 0, &markup_attrs, NULL, NULL, NULL))
    return;
  list = pango_attr_list_get_attributes (markup_attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    pango_attr_list_insert (attrs, l->data);
  g_slist_free (list);
  pango_layout_set_attributes (layout, attrs);
}

static void
rd_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  RdTextCell *self = RD_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float xalign = self->xalign;
  PangoRectangle logical;
  GdkRGBA color;
  int x;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      if (self->markup != NULL)
        add_markup_attributes (self->layout, self->markup);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      self->layout_width = -1;
    }
  if (self->layout_width != width)
    {
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      self->layout_width = width;
    }

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1 - xalign;
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  x = (int) ((width - logical.width) * xalign) - logical.x;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - logical.height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
rd_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  RdTextCell *self = RD_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (rd_text_cell_parent_class)->css_changed (widget, change);

  /* Classes that change only the colour (warning, error) keep the height and are common:
   * a resize only when the font's line height changed. */
  g_clear_object (&self->layout);
  if (self->line_height != 0)
    {
      int height = line_height_of (widget);

      if (height != self->line_height)
        {
          self->line_height = height;
          gtk_widget_queue_resize (widget);
        }
    }
}

static void
rd_text_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  g_clear_object (&RD_TEXT_CELL (widget)->layout);
  gtk_widget_queue_draw (widget);
}

static void
rd_text_cell_finalize (GObject *object)
{
  RdTextCell *self = RD_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  g_free (self->markup);

  G_OBJECT_CLASS (rd_text_cell_parent_class)->finalize (object);
}

static void
rd_text_cell_class_init (RdTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rd_text_cell_finalize;

  widget_class->measure = rd_text_cell_measure;
  widget_class->snapshot = rd_text_cell_snapshot;
  widget_class->css_changed = rd_text_cell_css_changed;
  widget_class->direction_changed = rd_text_cell_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
rd_text_cell_init (RdTextCell *self)
{
}

GtkWidget *
rd_text_cell_new (float xalign)
{
  RdTextCell *self = g_object_new (RD_TYPE_TEXT_CELL, NULL);

  self->xalign = xalign;
  return GTK_WIDGET (self);
}

static void
rd_text_cell_take_text (RdTextCell *self,
                        char       *text,
                        char       *markup)
{
  gboolean same_text = g_strcmp0 (self->text, text) == 0;

  if (same_text && g_strcmp0 (self->markup, markup) == 0)
    {
      g_free (text);
      g_free (markup);
      return;
    }

  g_free (self->text);
  self->text = text;
  g_free (self->markup);
  self->markup = markup;
  /* Laid out again when next drawn, if it is drawn at all. */
  g_clear_object (&self->layout);
  if (!same_text)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                    -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
rd_text_cell_set_text (RdTextCell *self,
                       const char *text)
{
  g_return_if_fail (RD_IS_TEXT_CELL (self));

  rd_text_cell_take_text (self, g_strdup (text ? text : ""), NULL);
}

void
rd_text_cell_set_markup (RdTextCell *self,
                         const char *markup)
{
  char *text = NULL;

  g_return_if_fail (RD_IS_TEXT_CELL (self));

  if (markup == NULL || !pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    {
      rd_text_cell_set_text (self, markup);
      return;
    }
  rd_text_cell_take_text (self, text, g_strdup (markup));
}

const char *
rd_text_cell_get_text (RdTextCell *self)
{
  g_return_val_if_fail (RD_IS_TEXT_CELL (self), NULL);

  return self->text ? self->text : "";
}
