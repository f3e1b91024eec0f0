/* rd-pipeline-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-labels.h"
#include "rd-mine-toggle.h"
#include "rd-pipeline-model.h"
#include "rd-pipeline-sorter.h"
#include "rd-pipeline-cell.h"
#include "rd-pipeline-view.h"
#include "rd-record.h"
#include "rd-renewal.h"
#include "rd-row-slot.h"
#include "rd-row-slots.h"
#include "rd-rules.h"
#include "rd-text-cell.h"

struct _RdPipelineView
{
  AdwBin           parent_instance;

  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkDropDown     *type_dropdown;
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *stage_dropdown;
  GtkDropDown     *due_dropdown;
  GtkToggleButton *mine_toggle;
  GtkLabel        *count_label;
  GtkStack        *content_stack;
  GtkColumnView   *column_view;

  RdContext       *context;
  RdPipelineModel *model;
  int              fitted_width;   /* the width the visible columns were chosen for */
  int              widths[12];     /* of the columns, in the order of columns[] */
  GTimeZone       *tz;
  GArray          *offsets; /* the milestone offsets, read once, not per drawn cell */
};

G_DEFINE_FINAL_TYPE (RdPipelineView, rd_pipeline_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_SEARCH_MODE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const struct
{
  RdPipelineColumn column;
  const char     *title;
  RdPipelineSort  sort_key;
  gboolean        expand;
  int             fixed_width;
  float           xalign;
} columns[] = {
  /* In order of what a specialist looks at first: at the default width everything up to
   * Last Touch shows; kind, start and the product ID follow, and a narrower window hides
   * columns from the end of this list (rd_pipeline_view_fit_columns()). The widths are the
   * least; a column whose texts are longer in the user's language is measured wider
   * (rd_pipeline_view_measure_columns()). */
  { RD_PIPELINE_COLUMN_TYPE, N_("Type"), -1, FALSE, 56, 0.5 },
  { RD_PIPELINE_COLUMN_CUSTOMER, N_("Customer"), RD_PIPELINE_SORT_CUSTOMER, TRUE, 180, 0 },
  { RD_PIPELINE_COLUMN_PRODUCT_TITLE, N_("Product"), RD_PIPELINE_SORT_PRODUCT_TITLE,
    TRUE, 150, 0 },
  { RD_PIPELINE_COLUMN_END, N_("End"), RD_PIPELINE_SORT_END_DATE, FALSE, 96, 0 },
  { RD_PIPELINE_COLUMN_DAYS_LEFT, N_("Days Left"), RD_PIPELINE_SORT_DAYS_LEFT, FALSE, 132, 1 },
  /* The earliest 120/90/60-day milestone not yet done, read from the record: no sort. */
  { RD_PIPELINE_COLUMN_MILESTONE, N_("Milestone"), -1, FALSE, 150, 0 },
  { RD_PIPELINE_COLUMN_STAGE, N_("Stage"), RD_PIPELINE_SORT_STAGE, FALSE, 120, 0 },
  { RD_PIPELINE_COLUMN_VALUE, N_("Value"), RD_PIPELINE_SORT_VALUE, FALSE, 112, 1 },
  /* Read from the record's body as the row is shown: no sort. */
  { RD_PIPELINE_COLUMN_LAST_TOUCH, N_("Last Touch"), -1, FALSE, 164, 0 },
  { RD_PIPELINE_COLUMN_KIND, N_("Kind"), RD_PIPELINE_SORT_KIND, FALSE, 64, 0 },
  { RD_PIPELINE_COLUMN_START, N_("Start"), RD_PIPELINE_SORT_START_DATE, FALSE, 96, 0 },
  /* Wide enough for a whole "prod-" ID of AWS Marketplace. */
  { RD_PIPELINE_COLUMN_PRODUCT_ID, N_("Product ID"), RD_PIPELINE_SORT_PRODUCT_ID,
    FALSE, 200, 0 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (columns) == G_N_ELEMENTS (((RdPipelineView *) NULL)->widths));

/* A cell's padding on both sides together (the pipeline's rule in style.css), and what the
 * title of a column that sorts adds to its text: the sort arrow and the space before it. */
#define CELL_PADDING 12
#define SORT_ARROW   22

static guint
column_position (RdPipelineColumn column)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (columns[i].column == column)
      return i;
  g_return_val_if_reached (0);
}

static const int due_windows[] = {
  RD_PIPELINE_DUE_ANY, RD_PIPELINE_DUE_OVERDUE, 30, 60, 90, 120,
};

static void rd_pipeline_view_scroll_to_top (RdPipelineView *self);

static void
rd_pipeline_view_update_count (RdPipelineView *self)
{
  g_autofree char *text = NULL;
  guint n_items;

  n_items = self->model ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;

  text = g_strdup_printf (g_dngettext (NULL, "%'u record", "%'u records", n_items), n_items);
  gtk_label_set_label (self->count_label, text);
  /* "No results" only once the rows are read. */
  if (n_items > 0 || !self->model || !rd_pipeline_model_get_loading (self->model))
    gtk_stack_set_visible_child_name (self->content_stack, n_items > 0 ? "list" : "empty");
}

static void
on_model_items_changed_cb (GListModel     *model,
                           guint           position,
                           guint           removed,
                           guint           added,
                           RdPipelineView *self)
{
  rd_pipeline_view_update_count (self);
}

static void
on_model_notify_loading_cb (RdPipelineView *self)
{
  rd_pipeline_view_update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry,
                                   RdPipelineView *self)
{
  const char *text;

  if (self->model == NULL)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (entry));
  rd_pipeline_view_scroll_to_top (self);
  rd_pipeline_model_set_search (self->model, *text ? text : NULL);
}

/* "Mine": the records whose owner is the user's name; without a name, nothing is anyone's
 * and the toggle says where to set it. */
static void
on_mine_toggle_toggled_cb (RdPipelineView *self)
{
  g_autofree char *owner = NULL;

  if (self->model == NULL)
    return;

  owner = rd_mine_toggle_refresh (self->mine_toggle, self->context);
  rd_pipeline_view_scroll_to_top (self);
  rd_pipeline_model_set_owner (self->model,
                               gtk_toggle_button_get_active (self->mine_toggle) ? owner : NULL);
}

static void
on_filter_dropdown_notify_selected_cb (RdPipelineView *self,
                                       GParamSpec     *pspec,
                                       GtkDropDown    *dropdown)
{
  guint selected;

  if (self->model == NULL)
    return;

  selected = gtk_drop_down_get_selected (dropdown);
  rd_pipeline_view_scroll_to_top (self);

  if (dropdown == self->type_dropdown)
    {
      static const char *types[] = { NULL, "agreement", "offer" };

      rd_pipeline_model_set_doc_type (self->model, types[MIN (selected, 2)]);
    }
  else if (dropdown == self->kind_dropdown)
    {
      static const char *kinds[] = { NULL, "PO", "CPPO" };

      rd_pipeline_model_set_kind (self->model, kinds[MIN (selected, 2)]);
    }
  else if (dropdown == self->stage_dropdown)
    {
      const char *stage = NULL;

      if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
        stage = rd_stages[selected - 1];
      rd_pipeline_model_set_stage (self->model, stage);
    }
  else if (dropdown == self->due_dropdown)
    {
      if (selected >= G_N_ELEMENTS (due_windows))
        selected = 0;
      rd_pipeline_model_set_due_within (self->model, due_windows[selected]);
    }
}

/* The column titles, in column order: GTK 4.8 has no API for them. */
static GtkWidget *
rd_pipeline_view_get_header (RdPipelineView *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_css_name (child), "header") == 0)
      return child;
  return NULL;
}

/* Each title names its column and says whether, and which way, the rows are sorted by it. */
static void
rd_pipeline_view_update_sort_state (RdPipelineView *self,
                                    int             sort_key,
                                    gboolean        descending)
{
  GtkWidget *header = rd_pipeline_view_get_header (self);
  GtkWidget *title = header ? gtk_widget_get_first_child (header) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns) && title != NULL;
       i++, title = gtk_widget_get_next_sibling (title))
    {
      GtkAccessibleSort sort = GTK_ACCESSIBLE_SORT_NONE;

      if ((int) columns[i].sort_key >= 0 && (int) columns[i].sort_key == sort_key)
        sort = descending ? GTK_ACCESSIBLE_SORT_DESCENDING : GTK_ACCESSIBLE_SORT_ASCENDING;
      gtk_accessible_update_property (GTK_ACCESSIBLE (title),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(columns[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_SORT, sort,
                                      -1);
    }
}

static void
rd_pipeline_view_scroll_to_top (RdPipelineView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
on_column_view_sorter_changed_cb (GtkSorter       *sorter,
                                  GtkSorterChange  change,
                                  RdPipelineView  *self)
{
  RdPipelineSort sort_key = RD_PIPELINE_SORT_END_DATE;
  gboolean descending = FALSE;
  gboolean sorted;

  if (self->model == NULL)
    return;

  /* Unsorted means the pipeline's natural order: soonest end date first. */
  sorted = rd_pipeline_sorter_read_primary (sorter, &sort_key, &descending);
  if (!sorted)
    {
      sort_key = RD_PIPELINE_SORT_END_DATE;
      descending = FALSE;
    }

  rd_pipeline_view_update_sort_state (self, sorted ? (int) sort_key : -1, descending);
  rd_pipeline_view_scroll_to_top (self);
  rd_pipeline_model_set_sort (self->model, sort_key, descending);
}

static void
on_column_view_activate_cb (GtkColumnView  *column_view,
                            guint           position,
                            RdPipelineView *self)
{
  g_autoptr (RdRowSlot) slot = NULL;
  GtkSelectionModel *selection;
  RdRecord *record;

  selection = gtk_column_view_get_model (column_view);
  slot = g_list_model_get_item (G_LIST_MODEL (selection), position);
  record = slot ? rd_row_slot_get_item (slot) : NULL;
  if (record == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "s",
                              rd_record_get_id (record));
}

/* Right-click on a row: open it, or renew the agreement it is. */
static void
on_cell_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    GtkListItem     *item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) open = NULL;
  RdRowSlot *slot = gtk_list_item_get_item (item);
  RdRecord *record = slot ? rd_row_slot_get_item (slot) : NULL;
  GtkWidget *popover;

  if (record == NULL)
    return;

  open = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target (open, "win.open-record", "s", rd_record_get_id (record));
  g_menu_append_item (menu, open);
  if (rd_record_is_agreement (record))
    {
      g_autoptr (GMenuItem) renew = g_menu_item_new (_("_Renew"), NULL);

      g_menu_item_set_action_and_target (renew, "win.renew", "s", rd_record_get_id (record));
      g_menu_append_item (menu, renew);
    }

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, cell);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Cells are made once per row widget and kept across sorts and searches (rd-row-slots.h):
 * text cells that lay out only what is drawn, a label for the kind's pill, an icon for the
 * record type. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint index = GPOINTER_TO_UINT (user_data);
  GtkGesture *context_click;
  GtkWidget *cell;

  switch (columns[index].column)
    {
    case RD_PIPELINE_COLUMN_TYPE:
      cell = gtk_image_new ();
      gtk_widget_add_css_class (cell, "record-type");
      break;

    case RD_PIPELINE_COLUMN_KIND:
      cell = gtk_label_new (NULL);
      gtk_label_set_single_line_mode (GTK_LABEL (cell), TRUE);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_widget_add_css_class (cell, "kind-pill");
      break;

    case RD_PIPELINE_COLUMN_PRODUCT_ID:
      cell = rd_text_cell_new (columns[index].xalign);
      gtk_widget_add_css_class (cell, "monospace");
      break;

    case RD_PIPELINE_COLUMN_START:
    case RD_PIPELINE_COLUMN_END:
    case RD_PIPELINE_COLUMN_DAYS_LEFT:
    case RD_PIPELINE_COLUMN_VALUE:
      cell = rd_text_cell_new (columns[index].xalign);
      gtk_widget_add_css_class (cell, "numeric");
      break;

    case RD_PIPELINE_COLUMN_CUSTOMER:
    case RD_PIPELINE_COLUMN_PRODUCT_TITLE:
    case RD_PIPELINE_COLUMN_MILESTONE:
    case RD_PIPELINE_COLUMN_STAGE:
    case RD_PIPELINE_COLUMN_LAST_TOUCH:
    default:
      cell = rd_text_cell_new (columns[index].xalign);
      break;
    }

  context_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (context_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (context_click, "pressed", G_CALLBACK (on_cell_pressed_cb), item);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (context_click));

  gtk_list_item_set_child (item, cell);
}

static void
on_slot_notify_item_cb (RdRowSlot   *slot,
                        GParamSpec  *pspec,
                        GtkListItem *item)
{
  RdPipelineView *self = g_object_get_data (G_OBJECT (item), "rd-pipeline-view");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "rd-column-index"));

  rd_pipeline_cell_update (gtk_list_item_get_child (item), columns[index].column,
                           rd_row_slot_get_item (slot), self->tz, self->offsets);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RdPipelineView           *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column-index"));
  RdRowSlot *slot = gtk_list_item_get_item (item);
  gulong handler;

  g_object_set_data (G_OBJECT (item), "rd-pipeline-view", self);
  g_object_set_data (G_OBJECT (item), "rd-column-index", GUINT_TO_POINTER (index));
  handler = g_signal_connect (slot, "notify::item", G_CALLBACK (on_slot_notify_item_cb), item);
  g_object_set_data (G_OBJECT (item), "rd-slot-handler", GSIZE_TO_POINTER (handler));

  rd_pipeline_cell_update (gtk_list_item_get_child (item), columns[index].column,
                           rd_row_slot_get_item (slot), self->tz, self->offsets);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RdPipelineView           *self)
{
  RdRowSlot *slot = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "rd-slot-handler"));

  if (slot != NULL && handler != 0)
    g_signal_handler_disconnect (slot, handler);
  g_object_set_data (G_OBJECT (item), "rd-slot-handler", NULL);
}

static void
rd_pipeline_view_add_columns (RdPipelineView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkListItemFactory) factory = NULL;
      g_autoptr (GtkColumnViewColumn) column = NULL;
      g_autoptr (GtkSorter) sorter = NULL;

      factory = gtk_signal_list_item_factory_new ();
      g_object_set_data (G_OBJECT (factory), "column-index", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);

      column = gtk_column_view_column_new (_(columns[i].title), g_object_ref (factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      self->widths[i] = columns[i].fixed_width;
      gtk_column_view_column_set_fixed_width (column, self->widths[i]);

      if ((int) columns[i].sort_key >= 0)
        {
          sorter = rd_pipeline_sorter_new (columns[i].sort_key);
          gtk_column_view_column_set_sorter (column, sorter);
        }

      gtk_column_view_append_column (self->column_view, column);
    }
}

/* The columns that fit width, in the table's order of priority: a column shows only when it
 * and all before it fit, so a narrow window hides the product ID, the start and the kind
 * first, and cuts none of them. The first columns always show; below their width the list
 * scrolls sideways. */
#define ALWAYS_SHOWN 4

static void
rd_pipeline_view_fit_columns (RdPipelineView *self,
                              int             width)
{
  GListModel *column_list = gtk_column_view_get_columns (self->column_view);
  int used = 0;
  gboolean fits = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (column_list, i);

      used += self->widths[i];
      fits = fits && used <= width;
      gtk_column_view_column_set_visible (column, i < ALWAYS_SHOWN || fits);
    }
}

/* A bin that sees its allocation: it has no layout manager, which would take its place. */
static void
rd_pipeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                        natural_baseline);
}

static void
rd_pipeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RdPipelineView *self = RD_PIPELINE_VIEW (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  /* The list spans the view's width. Its columns are chosen before it is allocated, so that
   * the frame that gives it a width draws those that fit, and no idle and second frame
   * follow to hide the others (whose cells a hidden column drops). */
  if (width != self->fitted_width)
    {
      self->fitted_width = width;
      rd_pipeline_view_fit_columns (self, width);
    }

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* Each column as wide as the widest text it can show in the user's language and font (a
 * German stage, milestone or last touch is longer than the English), and never narrower
 * than the table says: measured on a few sample texts with one layout, not on the rows. */
static void
rd_pipeline_view_measure_columns (RdPipelineView *self)
{
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoAttrList) numeric = pango_attr_list_new ();
  GListModel *column_list = gtk_column_view_get_columns (self->column_view);

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), NULL);
  /* As the .numeric class draws digits: all of one width. */
  pango_attr_list_insert (numeric, pango_attr_font_features_new ("tnum=1"));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (column_list, i);
      int width = columns[i].fixed_width;
      int title;

      pango_layout_set_attributes (layout, NULL);
      pango_layout_set_text (layout, _(columns[i].title), -1);
      pango_layout_get_pixel_size (layout, &title, NULL);
      if ((int) columns[i].sort_key >= 0)
        title += SORT_ARROW;
      width = MAX (width, title + CELL_PADDING);

      if (columns[i].column == RD_PIPELINE_COLUMN_START
          || columns[i].column == RD_PIPELINE_COLUMN_END
          || columns[i].column == RD_PIPELINE_COLUMN_DAYS_LEFT)
        pango_layout_set_attributes (layout, numeric);
      width = MAX (width, rd_pipeline_cell_measure_widest (columns[i].column, layout,
                                                           self->offsets)
                          + CELL_PADDING);

      self->widths[i] = width;
      if (gtk_column_view_column_get_fixed_width (column) != width)
        gtk_column_view_column_set_fixed_width (column, width);
    }

  /* Chosen again for the new widths. */
  if (self->fitted_width > 0)
    rd_pipeline_view_fit_columns (self, self->fitted_width);
}

static void
on_font_changed_cb (RdPipelineView *self)
{
  rd_pipeline_view_measure_columns (self);
}

static void
rd_pipeline_view_fill_stages (RdPipelineView *self)
{
  g_autoptr (GtkStringList) stages = NULL;

  stages = gtk_string_list_new (NULL);
  gtk_string_list_append (stages, _("All stages"));
  for (guint i = 0; rd_stages[i] != NULL; i++)
    gtk_string_list_append (stages, rd_labels_stage (rd_stages[i]));

  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (stages));
}

static void
rd_pipeline_view_dispose (GObject *object)
{
  RdPipelineView *self = (RdPipelineView *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PIPELINE_VIEW);

  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_pipeline_view_parent_class)->dispose (object);
}

static void
rd_pipeline_view_finalize (GObject *object)
{
  RdPipelineView *self = (RdPipelineView *)object;

  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->offsets, g_array_unref);

  G_OBJECT_CLASS (rd_pipeline_view_parent_class)->finalize (object);
}

static void
rd_pipeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdPipelineView *self = RD_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, rd_pipeline_view_get_search_mode (self));
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->model && rd_pipeline_model_get_loading (self->model));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_pipeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdPipelineView *self = RD_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      rd_pipeline_view_set_search_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_bar_notify_search_mode_enabled_cb (RdPipelineView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SEARCH_MODE]);
}

static void
rd_pipeline_view_class_init (RdPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_pipeline_view_dispose;
  object_class->finalize = rd_pipeline_view_finalize;
  object_class->get_property = rd_pipeline_view_get_property;
  object_class->set_property = rd_pipeline_view_set_property;
  widget_class->measure = rd_pipeline_view_measure;
  widget_class->size_allocate = rd_pipeline_view_size_allocate;

  properties [PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* TRUE while the rows are read off the main thread after a sort, filter or change. */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, due_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, mine_toggle);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, count_label);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RdPipelineView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_toggle_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "pipelineview");
}

static void
rd_pipeline_view_init (RdPipelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  self->tz = g_time_zone_new_local ();

  rd_pipeline_view_fill_stages (self);
  rd_pipeline_view_add_columns (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_bar_notify_search_mode_enabled_cb), self);

  g_signal_connect (gtk_column_view_get_sorter (self->column_view), "changed",
                    G_CALLBACK (on_column_view_sorter_changed_cb), self);

  rd_pipeline_view_update_count (self);
}

static void
on_milestone_offsets_changed_cb (GSettings      *settings,
                                 const char     *key,
                                 RdPipelineView *self)
{
  g_clear_pointer (&self->offsets, g_array_unref);
  self->offsets = rd_context_dup_milestone_offsets (self->context);
  rd_pipeline_view_measure_columns (self);
  /* The Milestone column reads them as rows are bound: bind them again. */
  rd_pipeline_model_refresh (self->model);
}

void
rd_pipeline_view_set_context (RdPipelineView *self,
                              RdContext      *context)
{
  g_autoptr (GtkSelectionModel) selection = NULL;
  RdRowSlots *slots;
  GtkColumnViewColumn *end_column;
  GListModel *column_list;

  g_return_if_fail (RD_IS_PIPELINE_VIEW (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = rd_pipeline_model_new_async (rd_context_get_store (context));
  self->offsets = rd_context_dup_milestone_offsets (context);
  g_signal_connect_object (rd_context_get_settings (context), "changed::milestone-offsets",
                           G_CALLBACK (on_milestone_offsets_changed_cb), self, 0);

  g_signal_connect_object (rd_context_get_settings (context), "changed::owner-name",
                           G_CALLBACK (on_mine_toggle_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rd_context_get_settings (context), "changed::sync-user",
                           G_CALLBACK (on_mine_toggle_toggled_cb), self, G_CONNECT_SWAPPED);
  on_mine_toggle_toggled_cb (self);

  /* Until the list has a width of its own, the columns are those that fit the window's
   * remembered width: the rows made while the pipeline is hidden then have the cells it
   * will show, rather than cells that its first frame would drop or add. */
  self->fitted_width = g_settings_get_int (rd_context_get_settings (context), "window-width");
  rd_pipeline_view_measure_columns (self);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-font-name",
                           G_CALLBACK (on_font_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-xft-dpi",
                           G_CALLBACK (on_font_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, 0);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (on_model_notify_loading_cb), self, G_CONNECT_SWAPPED);

  /* Not a GtkSingleSelection: every sort or filter replaces all rows, and GTK 4.8's single
   * selection then fetches each new row looking for the selected one (seconds at 100,000).
   * The slots keep the row widgets across such replacements. */
  slots = rd_row_slots_new (G_LIST_MODEL (self->model));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (slots)));
  gtk_column_view_set_model (self->column_view, selection);

  /* The pipeline opens on what ends soonest. */
  column_list = gtk_column_view_get_columns (self->column_view);
  end_column = g_list_model_get_item (column_list, column_position (RD_PIPELINE_COLUMN_END));
  gtk_column_view_sort_by_column (self->column_view, end_column, GTK_SORT_ASCENDING);
  g_object_unref (end_column);

  rd_pipeline_view_update_count (self);
}

GListModel *
rd_pipeline_view_get_model (RdPipelineView *self)
{
  g_return_val_if_fail (RD_IS_PIPELINE_VIEW (self), NULL);

  return G_LIST_MODEL (self->model);
}

gboolean
rd_pipeline_view_get_search_mode (RdPipelineView *self)
{
  g_return_val_if_fail (RD_IS_PIPELINE_VIEW (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
rd_pipeline_view_set_search_mode (RdPipelineView *self,
                                  gboolean        search_mode)
{
  g_return_if_fail (RD_IS_PIPELINE_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

void
rd_pipeline_view_focus_search (RdPipelineView *self)
{
  g_return_if_fail (RD_IS_PIPELINE_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
