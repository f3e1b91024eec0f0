/* rd-month-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-month-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-day-cell.h"
#include "rd-month-grid.h"

struct _RdMonthGrid
{
  GtkWidget     parent_instance;

  GtkWidget    *weekdays_box;
  GtkWidget    *cells_grid;
  RdDayCell    *cells[RD_MONTH_GRID_DAYS];

  RdCalendarPage *page;  /* the dates of the grid's range, or NULL until they are read */
  /* The range moved and its dates are being read: the cells show the old range until they
   * come, so that the new month is painted once, whole. */
  gboolean        range_pending;

  GDateWeekday  first_weekday;
  GDate         first;
  GDate         today;
  GDate         selected;
};

G_DEFINE_FINAL_TYPE (RdMonthGrid, rd_month_grid, GTK_TYPE_WIDGET)

enum
{
  RANGE_CHANGED,
  SELECTION_CHANGED,
  DAY_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static int
rd_month_grid_index_of (RdMonthGrid *self,
                        const GDate *date)
{
  int index = rd_date_days_between (&self->first, date);

  return index >= 0 && index < RD_MONTH_GRID_DAYS ? index : -1;
}

/* The page's day at grid index i, or NULL when the page is not the grid's range. */
static const RdCalendarDay *
rd_month_grid_page_day (RdMonthGrid *self,
                        guint        i)
{
  GDate page_first;
  int offset;

  if (self->page == NULL || !rd_date_parse (self->page->from, &page_first))
    return NULL;
  offset = rd_date_days_between (&page_first, &self->first) + (int) i;
  if (offset < 0 || (guint) offset >= self->page->n_days)
    return NULL;
  return &self->page->days[offset];
}

static void
rd_month_grid_update_cells (RdMonthGrid *self)
{
  for (guint i = 0; i < RD_MONTH_GRID_DAYS; i++)
    {
      const RdCalendarDay *day = rd_month_grid_page_day (self, i);
      RdDayCellState state;
      GDate date = self->first;

      g_date_add_days (&date, i);
      rd_day_cell_state_compute (&state, &date, &self->today, &self->selected,
                                 g_date_get_month (&self->selected),
                                 g_date_get_year (&self->selected),
                                 day ? day->n_events : 0,
                                 RD_DAY_CELL_MAX_CHIPS);
      rd_day_cell_update (self->cells[i], &state, day ? day->events : NULL,
                          day ? day->n_milestones : 0, day ? day->n_done : 0);
    }
}

static void
rd_month_grid_set_selected_internal (RdMonthGrid *self,
                                     const GDate *date)
{
  GDate first;
  gboolean range_changed;

  if (g_date_valid (&self->selected) && g_date_compare (&self->selected, date) == 0)
    return;

  self->selected = *date;

  rd_month_grid_range (g_date_get_month (date), g_date_get_year (date), self->first_weekday,
                       &first, NULL);
  range_changed = g_date_valid (&self->first) && g_date_compare (&first, &self->first) != 0;
  self->first = first;

  if (range_changed)
    {
      /* The owner reads the dates of the new range and hands them over with
       * rd_month_grid_set_page(), or has the range shown without them. */
      self->range_pending = TRUE;
      g_signal_emit (self, signals [RANGE_CHANGED], 0);
    }
  else if (!self->range_pending)
    {
      rd_month_grid_update_cells (self);
    }

  g_signal_emit (self, signals [SELECTION_CHANGED], 0);
}

static RdDayCell *
rd_month_grid_cell_at (RdMonthGrid *self,
                       double       x,
                       double       y)
{
  GtkWidget *widget;

  widget = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  while (widget != NULL && !RD_IS_DAY_CELL (widget))
    widget = gtk_widget_get_parent (widget);

  return widget ? RD_DAY_CELL (widget) : NULL;
}

static void
on_click_gesture_pressed_cb (GtkGestureClick *gesture,
                             int              n_press,
                             double           x,
                             double           y,
                             RdMonthGrid     *self)
{
  RdDayCell *cell;

  cell = rd_month_grid_cell_at (self, x, y);
  if (cell == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  rd_month_grid_set_selected_internal (self, &rd_day_cell_get_state (cell)->date);

  if (n_press == 2)
    g_signal_emit (self, signals [DAY_ACTIVATED], 0);
}

static void
rd_month_grid_move_days (RdMonthGrid *self,
                         int          days)
{
  GDate date;

  rd_date_add_days_to (&self->selected, days, &date);
  rd_month_grid_set_selected_internal (self, &date);
}

static gboolean
on_key_controller_key_pressed_cb (GtkEventControllerKey *controller,
                                  guint                  keyval,
                                  guint                  keycode,
                                  GdkModifierType        state,
                                  RdMonthGrid           *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      rd_month_grid_move_days (self, rtl ? 1 : -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      rd_month_grid_move_days (self, rtl ? -1 : 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      rd_month_grid_move_days (self, -7);
      return GDK_EVENT_STOP;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      rd_month_grid_move_days (self, 7);
      return GDK_EVENT_STOP;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      rd_month_grid_move_months (self, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      rd_month_grid_move_months (self, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      rd_month_grid_select (self, &self->today);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      g_signal_emit (self, signals [DAY_ACTIVATED], 0);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
rd_month_grid_build (RdMonthGrid *self)
{
  self->weekdays_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_set_homogeneous (GTK_BOX (self->weekdays_box), TRUE);
  gtk_widget_add_css_class (self->weekdays_box, "weekdays");
  gtk_widget_set_parent (self->weekdays_box, GTK_WIDGET (self));

  /* 2023-01-01 was a Sunday: its week gives the weekday names in the locale. */
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr (GDateTime) day = NULL;
      g_autofree char *abbrev = NULL;
      g_autofree char *full = NULL;
      GtkWidget *label;
      int offset = ((int) self->first_weekday % 7 + (int) i) % 7;

      day = g_date_time_new_local (2023, 1, 1 + offset, 12, 0, 0);
      abbrev = g_date_time_format (day, "%a");
      full = g_date_time_format (day, "%A");

      label = gtk_label_new (abbrev);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "weekday");
      gtk_widget_set_tooltip_text (label, full);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full,
                                      -1);
      gtk_box_append (GTK_BOX (self->weekdays_box), label);
    }

  self->cells_grid = gtk_grid_new ();
  gtk_grid_set_row_homogeneous (GTK_GRID (self->cells_grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->cells_grid), TRUE);
  gtk_widget_set_vexpand (self->cells_grid, TRUE);
  gtk_widget_add_css_class (self->cells_grid, "days");
  gtk_widget_set_parent (self->cells_grid, GTK_WIDGET (self));

  for (guint i = 0; i < RD_MONTH_GRID_DAYS; i++)
    {
      self->cells[i] = RD_DAY_CELL (rd_day_cell_new ());
      gtk_grid_attach (GTK_GRID (self->cells_grid), GTK_WIDGET (self->cells[i]),
                       i % 7, i / 7, 1, 1);
    }
}

static void
rd_month_grid_dispose (GObject *object)
{
  RdMonthGrid *self = (RdMonthGrid *)object;

  g_clear_pointer (&self->page, rd_calendar_page_free);

  g_clear_pointer (&self->weekdays_box, gtk_widget_unparent);
  g_clear_pointer (&self->cells_grid, gtk_widget_unparent);

  G_OBJECT_CLASS (rd_month_grid_parent_class)->dispose (object);
}

static void
rd_month_grid_class_init (RdMonthGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_month_grid_dispose;

  /* The visible six weeks changed: the owner feeds events for rd_month_grid_get_range(). */
  signals [RANGE_CHANGED] =
    g_signal_new ("range-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals [SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* Enter, Space or a double click on the selected day. */
  signals [DAY_ACTIVATED] =
    g_signal_new ("day-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "monthgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
rd_month_grid_init (RdMonthGrid *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkLayoutManager *layout;
  GDate today;

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Month"),
                                  -1);

  self->first_weekday = rd_month_grid_locale_first_weekday ();
  g_date_clear (&self->first, 1);
  g_date_clear (&self->selected, 1);

  rd_month_grid_build (self);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed",
                    G_CALLBACK (on_key_controller_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_gesture_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  rd_date_today (NULL, &today);
  self->today = today;
  rd_month_grid_set_selected_internal (self, &today);
}

GtkWidget *
rd_month_grid_new (void)
{
  return g_object_new (RD_TYPE_MONTH_GRID, NULL);
}

void
rd_month_grid_set_page (RdMonthGrid    *self,
                        RdCalendarPage *page)
{
  g_return_if_fail (RD_IS_MONTH_GRID (self));

  g_clear_pointer (&self->page, rd_calendar_page_free);
  self->page = page;
  self->range_pending = FALSE;
  rd_month_grid_update_cells (self);
}

void
rd_month_grid_show_range (RdMonthGrid *self)
{
  g_return_if_fail (RD_IS_MONTH_GRID (self));

  if (!self->range_pending)
    return;
  self->range_pending = FALSE;
  rd_month_grid_update_cells (self);
}

gboolean
rd_month_grid_get_range_pending (RdMonthGrid *self)
{
  g_return_val_if_fail (RD_IS_MONTH_GRID (self), FALSE);

  return self->range_pending;
}

void
rd_month_grid_set_today (RdMonthGrid *self,
                         const GDate *today)
{
  g_return_if_fail (RD_IS_MONTH_GRID (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  self->today = *today;
  if (!self->range_pending)
    rd_month_grid_update_cells (self);
}

void
rd_month_grid_get_today (RdMonthGrid *self,
                         GDate       *out)
{
  g_return_if_fail (RD_IS_MONTH_GRID (self));

  *out = self->today;
}

void
rd_month_grid_select (RdMonthGrid *self,
                      const GDate *date)
{
  g_return_if_fail (RD_IS_MONTH_GRID (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  rd_month_grid_set_selected_internal (self, date);
}

void
rd_month_grid_get_selected (RdMonthGrid *self,
                            GDate       *out)
{
  g_return_if_fail (RD_IS_MONTH_GRID (self));

  *out = self->selected;
}

void
rd_month_grid_get_range (RdMonthGrid *self,
                         GDate       *first,
                         GDate       *last)
{
  g_return_if_fail (RD_IS_MONTH_GRID (self));

  if (first != NULL)
    *first = self->first;
  if (last != NULL)
    rd_date_add_days_to (&self->first, RD_MONTH_GRID_DAYS - 1, last);
}

GDateMonth
rd_month_grid_get_month (RdMonthGrid *self)
{
  g_return_val_if_fail (RD_IS_MONTH_GRID (self), G_DATE_BAD_MONTH);

  return g_date_get_month (&self->selected);
}

GDateYear
rd_month_grid_get_year (RdMonthGrid *self)
{
  g_return_val_if_fail (RD_IS_MONTH_GRID (self), G_DATE_BAD_YEAR);

  return g_date_get_year (&self->selected);
}

void
rd_month_grid_move_months (RdMonthGrid *self,
                           int          months)
{
  GDate date;

  g_return_if_fail (RD_IS_MONTH_GRID (self));

  rd_date_add_months_to (&self->selected, months, &date);
  rd_month_grid_set_selected_internal (self, &date);
}

RdDayCell *
rd_month_grid_get_cell (RdMonthGrid *self,
                        const GDate *date)
{
  int index;

  g_return_val_if_fail (RD_IS_MONTH_GRID (self), NULL);

  index = rd_month_grid_index_of (self, date);

  return index >= 0 ? self->cells[index] : NULL;
}
