/* rd-calendar-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-agenda-row.h"
#include "rd-calendar-model.h"
#include "rd-calendar-pages.h"
#include "rd-calendar-view.h"
#include "rd-date.h"
#include "rd-day-cell.h"
#include "rd-day-cell-state.h"
#include "rd-labels.h"
#include "rd-mine-toggle.h"
#include "rd-row-slot.h"
#include "rd-row-slots.h"
#include "rd-month-grid.h"
#include "rd-next-frame.h"
#include "rd-store-calendar.h"

struct _RdCalendarView
{
  AdwBin              parent_instance;

  AdwFlap            *agenda_flap;
  GtkLabel           *month_label;
  GtkLabel           *month_short_label;
  GtkLabel           *month_small_label;
  GtkToggleButton    *mine_toggle;
  RdMonthGrid        *month_grid;
  GtkFlowBox         *legend_box;
  GtkLabel           *agenda_title;
  GtkLabel           *agenda_subtitle;
  GtkStack           *agenda_stack;
  GtkListView        *agenda_list;

  RdContext          *context;
  RdCalendarModel    *agenda_model;   /* the first dates of the selected day, and its count */
  GArray             *offsets;
  RdCalendarPages    *pages;             /* the grid's month and those around it */
  gboolean            waiting;           /* for the page of the grid's range */
  gboolean            page_stale;        /* the store changed while the view was hidden */
  guint               page_refresh_id;
  guint               page_late_id;      /* shows a moved range without its dates */
  guint               page_show_id;      /* shows or reads the grid's page */
  gboolean            selection_pending; /* shown once the grid shows its range */
  char               *selected;
  char               *agenda_day;        /* the day the agenda shows */
  guint               agenda_tick_id;    /* brings the agenda to the selected day */
};

G_DEFINE_FINAL_TYPE (RdCalendarView, rd_calendar_view, ADW_TYPE_BIN)

/* A busy day has hundreds of dates: the agenda reads and makes rows for this many at first
 * and for more as the user scrolls towards the end. */
#define AGENDA_SLICE 16
/* How long a moved month waits for its dates before it is shown without them. */
#define PAGE_LATE_MS 100

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rd_calendar_view_update_title (RdCalendarView *self)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *title = NULL;

  dt = g_date_time_new_local (rd_month_grid_get_year (self->month_grid),
                              rd_month_grid_get_month (self->month_grid),
                              1, 12, 0, 0);
  /* Translators: the month the calendar shows, see strftime(3); %OB is the month's name
   * as it stands alone, where the language has such a form */
  /* xgettext:no-c-format */
  title = g_date_time_format (dt, _("%OB %Y"));
  gtk_label_set_label (self->month_label, title);
  g_free (title);
  /* Translators: the month the calendar shows where its whole name does not fit, see
   * strftime(3); %b is the month's abbreviated name */
  /* xgettext:no-c-format */
  title = g_date_time_format (dt, _("%b %Y"));
  gtk_label_set_label (self->month_short_label, title);
  /* A screen reader says the whole month, whichever label shows. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_short_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->month_label), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_small_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->month_label), -1);
}

static void
rd_calendar_view_update_agenda_header (RdCalendarView *self)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GDate selected;
  GDate today;
  guint n_items;
  int days;

  rd_month_grid_get_selected (self->month_grid, &selected);
  rd_month_grid_get_today (self->month_grid, &today);

  dt = g_date_time_new_local (g_date_get_year (&selected), g_date_get_month (&selected),
                              g_date_get_day (&selected), 12, 0, 0);
  /* Translators: the selected day above the agenda, see strftime(3) */
  /* xgettext:no-c-format */
  title = g_date_time_format (dt, _("%A, %-d %B %Y"));
  gtk_label_set_label (self->agenda_title, g_strstrip (title));

  n_items = self->agenda_model ? rd_calendar_model_get_n_dates (self->agenda_model) : 0;
  days = rd_date_days_between (&today, &selected);

  if (days == 0)
    subtitle = g_strdup_printf (g_dngettext (NULL, "Today · %u date", "Today · %u dates",
                                             n_items),
                                n_items);
  else if (days > 0)
    subtitle = g_strdup_printf (g_dngettext (NULL, "In %d day", "In %d days", (gulong) days),
                                days);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "%d day ago", "%d days ago",
                                             (gulong) -days),
                                -days);

  if (days != 0)
    {
      g_autofree char *with_count = NULL;

      /* Translators: "In 3 days · 2 dates" */
      with_count = g_strdup_printf (g_dngettext (NULL, "%s · %u date", "%s · %u dates",
                                                 n_items),
                                    subtitle, n_items);
      g_free (subtitle);
      subtitle = g_steal_pointer (&with_count);
    }

  gtk_label_set_label (self->agenda_subtitle, subtitle);
  gtk_stack_set_visible_child_name (self->agenda_stack, n_items > 0 ? "list" : "empty");
}

static void
on_agenda_adjustment_changed_cb (GtkAdjustment  *adjustment,
                                 RdCalendarView *self)
{
  double page = gtk_adjustment_get_page_size (adjustment);
  double end = gtk_adjustment_get_value (adjustment) + page;
  guint size;

  /* More rows once less than half a page of them is left below the view. */
  if (self->agenda_model == NULL || end < gtk_adjustment_get_upper (adjustment) - page / 2)
    return;

  size = g_list_model_get_n_items (G_LIST_MODEL (self->agenda_model));
  if (size < rd_calendar_model_get_n_dates (self->agenda_model))
    rd_calendar_model_set_max_per_day (self->agenda_model, size + AGENDA_SLICE);
}

static void
on_agenda_model_items_changed_cb (GListModel     *model,
                                  guint           position,
                                  guint           removed,
                                  guint           added,
                                  RdCalendarView *self)
{
  rd_calendar_view_update_agenda_header (self);
}

static void
rd_calendar_view_show_agenda (RdCalendarView *self)
{
  rd_next_frame_cancel (GTK_WIDGET (self), &self->agenda_tick_id);
  g_free (self->agenda_day);
  self->agenda_day = g_strdup (self->selected);

  /* The agenda reads the selected day alone, its first dates and their count. */
  if (self->agenda_model != NULL)
    {
      rd_calendar_model_set_max_per_day (self->agenda_model, AGENDA_SLICE);
      rd_calendar_model_set_range (self->agenda_model, self->selected, self->selected);
    }

  rd_calendar_view_update_agenda_header (self);
}

static void
show_agenda_next_frame (GtkWidget *widget)
{
  rd_calendar_view_show_agenda (RD_CALENDAR_VIEW (widget));
}

static void
rd_calendar_view_show_selection (RdCalendarView *self)
{
  if (!self->selection_pending)
    return;
  self->selection_pending = FALSE;

  rd_calendar_view_update_title (self);
  /* The agenda follows the grid one frame later: a new month is painted first, and the
   * day's rows (a list re-laid out, its header) do not add to that frame's work. */
  rd_next_frame_queue (GTK_WIDGET (self), show_agenda_next_frame, &self->agenda_tick_id);
}

static void
rd_calendar_view_set_waiting (RdCalendarView *self,
                              gboolean        waiting)
{
  if (self->waiting == waiting)
    return;
  self->waiting = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The six weeks the grid shows for the selected month moved by months. */
static void
month_range_texts (RdCalendarView  *self,
                   int              months,
                   char           **from,
                   char           **to)
{
  GDate selected, month, first, last;

  rd_month_grid_get_selected (self->month_grid, &selected);
  g_date_set_dmy (&selected, 1, g_date_get_month (&selected), g_date_get_year (&selected));
  rd_date_add_months_to (&selected, months, &month);
  rd_month_grid_range (g_date_get_month (&month), g_date_get_year (&month),
                       rd_month_grid_locale_first_weekday (), &first, &last);
  *from = rd_date_format (&first);
  *to = rd_date_format (&last);
}

/* The months before and after the shown one are read while the user looks at it: the next
 * switch finds its page kept. */
static void
rd_calendar_view_read_ahead (RdCalendarView *self)
{
  char *from[4] = { NULL, NULL, NULL, NULL };
  char *to[3] = { NULL, NULL, NULL };
  GDate first;

  rd_month_grid_get_range (self->month_grid, &first, NULL);
  from[0] = rd_date_format (&first);
  month_range_texts (self, 1, &from[1], &to[1]);
  month_range_texts (self, -1, &from[2], &to[2]);
  rd_calendar_pages_keep_only (self->pages, (const char * const *) from);
  rd_calendar_pages_read (self->pages, from[1], to[1]);
  rd_calendar_pages_read (self->pages, from[2], to[2]);
  for (guint i = 0; i < 3; i++)
    {
      g_free (from[i]);
      g_free (to[i]);
    }
}

/* Shows the grid's range from its kept page, if there is one. */
static gboolean
rd_calendar_view_show_kept_page (RdCalendarView *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  RdCalendarPage *page;
  GDate first, last;

  rd_month_grid_get_range (self->month_grid, &first, &last);
  from = rd_date_format (&first);
  to = rd_date_format (&last);
  page = rd_calendar_pages_lookup (self->pages, from, to);
  if (page == NULL)
    return FALSE;

  g_clear_handle_id (&self->page_late_id, g_source_remove);
  rd_month_grid_set_page (self->month_grid, page);
  rd_calendar_view_show_selection (self);
  rd_calendar_view_set_waiting (self, FALSE);
  rd_calendar_view_read_ahead (self);
  return TRUE;
}

static void
on_pages_page_read_cb (RdCalendarPages *pages,
                       const char      *from,
                       RdCalendarView  *self)
{
  g_autofree char *shown_from = NULL;
  GDate first;

  if (!self->waiting || rd_calendar_view_show_kept_page (self))
    return;

  /* The grid's page could not be read: its range is shown without dates. */
  rd_month_grid_get_range (self->month_grid, &first, NULL);
  shown_from = rd_date_format (&first);
  if (from == NULL && !rd_calendar_pages_is_reading (pages, shown_from))
    {
      g_clear_handle_id (&self->page_late_id, g_source_remove);
      rd_month_grid_show_range (self->month_grid);
      rd_calendar_view_show_selection (self);
      rd_calendar_view_set_waiting (self, FALSE);
    }
}

static gboolean
page_late_cb (gpointer user_data)
{
  RdCalendarView *self = user_data;

  self->page_late_id = 0;
  rd_month_grid_show_range (self->month_grid);
  rd_calendar_view_show_selection (self);
  return G_SOURCE_REMOVE;
}

static gboolean
page_show_cb (gpointer user_data)
{
  RdCalendarView *self = user_data;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GDate first;
  GDate last;

  self->page_show_id = 0;
  if (rd_calendar_view_show_kept_page (self))
    return G_SOURCE_REMOVE;

  rd_month_grid_get_range (self->month_grid, &first, &last);
  from = rd_date_format (&first);
  to = rd_date_format (&last);
  rd_calendar_pages_read (self->pages, from, to);
  if (rd_month_grid_get_range_pending (self->month_grid) && self->page_late_id == 0)
    self->page_late_id = g_timeout_add (PAGE_LATE_MS, page_late_cb, self);
  return G_SOURCE_REMOVE;
}

/* Shows the grid's six weeks from the kept pages, or reads them on the store's worker: per
 * day, the chips it shows and counts. Done in a dispatch of its own, still before the next
 * frame: what moved the month (a frame's after-paint, a key) and the new month's cells do
 * not add up to one long stall of the main loop. */
static void
rd_calendar_view_read_page (RdCalendarView *self)
{
  g_clear_handle_id (&self->page_refresh_id, g_source_remove);
  if (self->context == NULL)
    {
      rd_month_grid_show_range (self->month_grid);
      rd_calendar_view_show_selection (self);
      return;
    }

  self->page_stale = FALSE;
  if (self->page_show_id == 0)
    self->page_show_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, page_show_cb, self, NULL);
  rd_calendar_view_set_waiting (self, TRUE);
}

/* The pages hold the milestones of the offsets set and, with "Mine", the user's records. */
static void
rd_calendar_view_update_filter (RdCalendarView *self)
{
  g_autofree char *owner = NULL;

  if (gtk_toggle_button_get_active (self->mine_toggle))
    owner = rd_context_dup_owner_name (self->context);
  rd_calendar_pages_set_filter (self->pages, (const int *) (void *) self->offsets->data,
                                self->offsets->len, owner);
}

static void
rd_calendar_view_update_range (RdCalendarView *self)
{
  rd_calendar_view_read_page (self);
}

static gboolean
page_refresh_idle_cb (gpointer user_data)
{
  RdCalendarView *self = user_data;

  self->page_refresh_id = 0;
  rd_calendar_pages_forget (self->pages);
  rd_calendar_view_read_page (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (RdStore        *store,
                     RdCalendarView *self)
{
  /* Hidden, the page is read again when the view is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->page_stale = TRUE;
      return;
    }
  /* A sync or an import changes many records at once: read once, when idle. */
  if (self->page_refresh_id == 0)
    self->page_refresh_id = g_idle_add (page_refresh_idle_cb, self);
}

static void
rd_calendar_view_map (GtkWidget *widget)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (rd_calendar_view_parent_class)->map (widget);

  if (self->page_stale)
    {
      rd_calendar_pages_forget (self->pages);
      rd_calendar_view_read_page (self);
    }
}

/* "Mine": the grid and the day's agenda show only the user's renewals; without a name to
 * match, the toggle says where to set it. */
static void
on_mine_toggle_toggled_cb (RdCalendarView *self)
{
  g_autofree char *owner = NULL;

  if (self->context == NULL)
    return;

  owner = rd_mine_toggle_refresh (self->mine_toggle, self->context);
  /* The day's agenda lists what its cell counts. */
  rd_calendar_model_set_owner (self->agenda_model,
                               gtk_toggle_button_get_active (self->mine_toggle) ? owner : NULL);
  rd_calendar_view_update_filter (self);
  rd_calendar_view_read_page (self);
}

static void
on_month_grid_range_changed_cb (RdMonthGrid    *grid,
                                RdCalendarView *self)
{
  rd_calendar_view_update_range (self);
}

static void
on_month_grid_selection_changed_cb (RdMonthGrid    *grid,
                                    RdCalendarView *self)
{
  GDate selected;

  rd_month_grid_get_selected (grid, &selected);
  g_free (self->selected);
  self->selected = rd_date_format (&selected);

  /* A new month: its title and day come with its dates, in the same frame. */
  self->selection_pending = TRUE;
  if (!rd_month_grid_get_range_pending (grid))
    rd_calendar_view_show_selection (self);
}

static void
on_month_grid_day_activated_cb (RdMonthGrid    *grid,
                                RdCalendarView *self)
{
  guint n_items;

  /* A day activated at once after it was selected: its agenda, not the one before. */
  if (self->agenda_tick_id != 0)
    rd_calendar_view_show_agenda (self);

  n_items = self->agenda_model ? rd_calendar_model_get_n_dates (self->agenda_model) : 0;

  /* One date: open it; several: let the user pick in the agenda. */
  if (n_items == 1)
    {
      g_autoptr (RdCalendarEvent) event =
        g_list_model_get_item (G_LIST_MODEL (self->agenda_model), 0);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "s",
                                  rd_calendar_event_get_record_id (event));
    }
  else if (n_items > 1)
    {
      /* Folded, the day pane lies over the month: bring it in first. */
      if (adw_flap_get_folded (self->agenda_flap))
        adw_flap_set_reveal_flap (self->agenda_flap, TRUE);
      gtk_widget_child_focus (GTK_WIDGET (self->agenda_list), GTK_DIR_TAB_FORWARD);
    }
}

static void
on_agenda_list_activate_cb (GtkListView    *list_view,
                            guint           position,
                            RdCalendarView *self)
{
  g_autoptr (RdRowSlot) slot = NULL;
  RdCalendarEvent *event;

  slot = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list_view)), position);
  event = slot != NULL ? rd_row_slot_get_item (slot) : NULL;
  if (event == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-record", "s",
                              rd_calendar_event_get_record_id (event));
}

static void
rd_calendar_view_load_offsets (RdCalendarView *self)
{
  g_clear_pointer (&self->offsets, g_array_unref);
  self->offsets = rd_context_dup_milestone_offsets (self->context);
  rd_calendar_model_set_offsets (self->agenda_model, (const int *) self->offsets->data,
                                 self->offsets->len);
}

static void
on_settings_changed_milestone_offsets_cb (GSettings      *settings,
                                          const char     *key,
                                          RdCalendarView *self)
{
  rd_calendar_view_load_offsets (self);
  rd_calendar_view_update_filter (self);
  rd_calendar_view_read_page (self);
}

static void
setup_agenda_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     RdCalendarView           *self)
{
  gtk_list_item_set_child (item, rd_agenda_row_new ());
}

/* The reminder's id names the milestone: marking it done also withdraws its notification. */
static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (widget);
  const char *reminder_id = g_variant_get_string (parameter, NULL);
  g_autoptr (GError) error = NULL;

  if (self->context != NULL
      && !rd_reminder_scheduler_mark_done (rd_context_get_reminder_scheduler (self->context),
                                           reminder_id, &error))
    g_warning ("Failed to mark %s done: %s", reminder_id, error->message);
}

static void
on_slot_notify_item_cb (RdRowSlot   *slot,
                        GParamSpec  *pspec,
                        GtkListItem *item)
{
  RdCalendarView *self = g_object_get_data (G_OBJECT (item), "rd-calendar-view");
  RdCalendarEvent *event = rd_row_slot_get_item (slot);
  GDate today;

  if (event == NULL)
    return;
  rd_month_grid_get_today (self->month_grid, &today);
  rd_agenda_row_set_event (RD_AGENDA_ROW (gtk_list_item_get_child (item)), event, &today);
}

/* The rows are slots (rd-row-slots.h): a new day gives them new events, and the row widgets
 * stay; GTK 4.8 would otherwise rebuild every row on each day selected. */
static void
bind_agenda_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    RdCalendarView           *self)
{
  RdRowSlot *slot = gtk_list_item_get_item (item);
  gulong handler;

  g_object_set_data (G_OBJECT (item), "rd-calendar-view", self);
  handler = g_signal_connect (slot, "notify::item", G_CALLBACK (on_slot_notify_item_cb), item);
  g_object_set_data (G_OBJECT (item), "rd-slot-handler", GSIZE_TO_POINTER (handler));
  on_slot_notify_item_cb (slot, NULL, item);
}

static void
unbind_agenda_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      RdCalendarView           *self)
{
  RdRowSlot *slot = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "rd-slot-handler"));

  if (slot != NULL && handler != 0)
    g_signal_handler_disconnect (slot, handler);
  g_object_set_data (G_OBJECT (item), "rd-slot-handler", NULL);
}

/* Legend entries share a line of a phone-wide window two by two, so each has a short text of
 * its own (a translation may shorten it further); where it says less than the full name, the
 * full name is its tooltip. */
static GtkWidget *
add_legend_chip (RdCalendarView      *self,
                 RdCalendarEventKind  kind,
                 const char          *text,
                 const char          *full_name)
{
  GtkWidget *chip = rd_day_cell_make_chip (kind, text,
                                           g_strcmp0 (text, full_name) != 0 ? full_name : NULL);

  gtk_widget_add_css_class (chip, "legend-chip");
  gtk_widget_set_hexpand (chip, FALSE);
  /* A line of the legend may be given more height than it asks for: the chip stays one line
   * high, as in the month, not a tall block. */
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_flow_box_append (self->legend_box, chip);
  /* A legend explains; it is nothing to select or to tab through. */
  gtk_widget_set_focusable (gtk_widget_get_parent (chip), FALSE);

  return chip;
}

static void
rd_calendar_view_build_legend (RdCalendarView *self)
{
  const struct { RdCalendarEventKind kind; const char *text; } kinds[] = {
    /* Translators: the calendar legend's entries. Two share a line of a phone-wide window
     * (about 18 characters each): shorten where the full name is longer. */
    { RD_CALENDAR_EVENT_MILESTONE, C_("legend", "Renewal milestone") },
    { RD_CALENDAR_EVENT_END_DATE, C_("legend", "Agreement ends") },
    { RD_CALENDAR_EVENT_OFFER_EXPIRATION, C_("legend", "Offer expires") },
    /* Translators: FDA is AWS Marketplace's abbreviation of "future-dated agreement". */
    { RD_CALENDAR_EVENT_FDA_START, C_("legend", "FDA starts") },
  };
  GtkWidget *chip;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    add_legend_chip (self, kinds[i].kind, kinds[i].text, rd_labels_event_kind (kinds[i].kind));

  /* Translators: in the legend, the mark a milestone chip gets once its day has passed;
   * shorten as the entries above. */
  chip = add_legend_chip (self, RD_CALENDAR_EVENT_MILESTONE, C_("legend", "Milestone overdue"),
                          _("Milestone overdue"));
  gtk_widget_add_css_class (chip, "overdue");
  gtk_image_set_from_icon_name (GTK_IMAGE (gtk_widget_get_first_child (chip)),
                                "dialog-warning-symbolic");
  /* Translators: in the legend, the mark of a milestone done; shorten as above. */
  chip = add_legend_chip (self, RD_CALENDAR_EVENT_MILESTONE, C_("legend", "Milestone done"),
                          _("Milestone done"));
  gtk_widget_add_css_class (chip, "done");
  gtk_image_set_from_icon_name (GTK_IMAGE (gtk_widget_get_first_child (chip)),
                                "object-select-symbolic");
}

static void
today_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (widget);
  GDate today;

  rd_date_today (NULL, &today);
  rd_month_grid_set_today (self->month_grid, &today);
  rd_month_grid_select (self->month_grid, &today);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  rd_month_grid_move_months (RD_CALENDAR_VIEW (widget)->month_grid, -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rd_month_grid_move_months (RD_CALENDAR_VIEW (widget)->month_grid, 1);
}

static void
rd_calendar_view_dispose (GObject *object)
{
  RdCalendarView *self = (RdCalendarView *)object;

  g_clear_handle_id (&self->page_refresh_id, g_source_remove);
  g_clear_handle_id (&self->page_late_id, g_source_remove);
  g_clear_handle_id (&self->page_show_id, g_source_remove);
  rd_next_frame_cancel (GTK_WIDGET (self), &self->agenda_tick_id);
  if (self->pages != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->pages, self);
      rd_calendar_pages_forget (self->pages);
      g_clear_object (&self->pages);
    }
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (rd_context_get_store (self->context), self);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_CALENDAR_VIEW);

  g_clear_object (&self->agenda_model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_calendar_view_parent_class)->dispose (object);
}

static void
rd_calendar_view_finalize (GObject *object)
{
  RdCalendarView *self = (RdCalendarView *)object;

  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->agenda_day, g_free);
  g_clear_pointer (&self->offsets, g_array_unref);

  G_OBJECT_CLASS (rd_calendar_view_parent_class)->finalize (object);
}

static void
rd_calendar_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdCalendarView *self = RD_CALENDAR_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->waiting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_calendar_view_class_init (RdCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_calendar_view_dispose;
  object_class->finalize = rd_calendar_view_finalize;
  object_class->get_property = rd_calendar_view_get_property;

  widget_class->map = rd_calendar_view_map;

  /* TRUE while the month's dates are read off the main thread. */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_MONTH_GRID);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, agenda_flap);
  /* No fields: only for tests, which press them as the user would. */
  gtk_widget_class_bind_template_child_full (widget_class, "agenda_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "today_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, month_label);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, month_short_label);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, month_small_label);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, mine_toggle);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, month_grid);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, legend_box);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, agenda_title);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, agenda_subtitle);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, agenda_stack);
  gtk_widget_class_bind_template_child (widget_class, RdCalendarView, agenda_list);
  gtk_widget_class_bind_template_callback (widget_class, on_month_grid_range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_toggle_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_grid_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_grid_day_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_install_action (widget_class, "calendar.mark-done", "s", mark_done_action);
  gtk_widget_class_install_action (widget_class, "calendar.previous-month", NULL,
                                   previous_month_action);
  gtk_widget_class_install_action (widget_class, "calendar.next-month", NULL,
                                   next_month_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "calendar.today", NULL);

  gtk_widget_class_set_css_name (widget_class, "calendarview");
}

static void
rd_calendar_view_init (RdCalendarView *self)
{
  g_autoptr (GtkListItemFactory) factory = NULL;
  GDate selected;

  gtk_widget_init_template (GTK_WIDGET (self));

  rd_month_grid_get_selected (self->month_grid, &selected);
  self->selected = rd_date_format (&selected);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_agenda_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_agenda_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_agenda_row_cb), self);
  gtk_list_view_set_factory (self->agenda_list, factory);

  rd_calendar_view_build_legend (self);
  rd_calendar_view_update_title (self);
  rd_calendar_view_update_agenda_header (self);
}

void
rd_calendar_view_set_context (RdCalendarView *self,
                              RdContext      *context)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  g_return_if_fail (RD_IS_CALENDAR_VIEW (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->agenda_model = rd_calendar_model_new (rd_context_get_store (context));
  self->pages = rd_calendar_pages_new (rd_context_get_store (context), RD_DAY_CELL_MAX_CHIPS);
  g_signal_connect (self->pages, "page-read", G_CALLBACK (on_pages_page_read_cb), self);
  rd_calendar_model_set_max_per_day (self->agenda_model, AGENDA_SLICE);
  rd_calendar_view_load_offsets (self);
  rd_calendar_view_show_agenda (self);

  g_signal_connect_object (rd_context_get_settings (context), "changed::milestone-offsets",
                           G_CALLBACK (on_settings_changed_milestone_offsets_cb), self, 0);
  g_signal_connect_object (rd_context_get_settings (context), "changed::owner-name",
                           G_CALLBACK (on_mine_toggle_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rd_context_get_settings (context), "changed::sync-user",
                           G_CALLBACK (on_mine_toggle_toggled_cb), self, G_CONNECT_SWAPPED);
  on_mine_toggle_toggled_cb (self);
  g_signal_connect (rd_context_get_store (context), "changed",
                    G_CALLBACK (on_store_changed_cb), self);

  g_signal_connect_object (self->agenda_model, "items-changed",
                           G_CALLBACK (on_agenda_model_items_changed_cb), self, 0);

  selection = gtk_no_selection_new (G_LIST_MODEL (rd_row_slots_new (
                                     G_LIST_MODEL (self->agenda_model))));
  gtk_list_view_set_model (self->agenda_list, GTK_SELECTION_MODEL (selection));
  {
    GtkAdjustment *adjustment =
        gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->agenda_list));

    if (adjustment != NULL)
      {
        g_signal_connect_object (adjustment, "value-changed",
                                 G_CALLBACK (on_agenda_adjustment_changed_cb), self, 0);
        g_signal_connect_object (adjustment, "changed",
                                 G_CALLBACK (on_agenda_adjustment_changed_cb), self, 0);
      }
  }

  rd_calendar_view_update_range (self);
  rd_calendar_view_update_agenda_header (self);
}

RdMonthGrid *
rd_calendar_view_get_grid (RdCalendarView *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), NULL);

  return self->month_grid;
}

GListModel *
rd_calendar_view_get_agenda (RdCalendarView *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), NULL);

  return G_LIST_MODEL (self->agenda_model);
}

/* The day the agenda lists: the grid's selected day, once the agenda has followed it. */
const char *
rd_calendar_view_get_agenda_day (RdCalendarView *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), NULL);

  return self->agenda_day;
}

const char *
rd_calendar_view_get_title (RdCalendarView *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_VIEW (self), NULL);

  return gtk_label_get_label (self->month_label);
}
