/* rd-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-date-row.h"
#include "rd-record-form.h"

struct _RdDateRow
{
  AdwEntryRow     parent_instance;

  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkCalendar    *calendar;
  gboolean        syncing;
};

G_DEFINE_FINAL_TYPE (RdDateRow, rd_date_row, ADW_TYPE_ENTRY_ROW)

static void
on_popover_show_cb (GtkPopover *popover,
                    RdDateRow  *self)
{
  g_autoptr (GDateTime) dt = NULL;
  GDate date;

  if (!rd_record_form_parse_date (gtk_editable_get_text (GTK_EDITABLE (self)), &date))
    rd_date_today (NULL, &date);

  dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->syncing = FALSE;
}

static void
on_calendar_day_selected_cb (GtkCalendar *calendar,
                             RdDateRow   *self)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *text = NULL;
  GDate date;

  if (self->syncing)
    return;

  dt = gtk_calendar_get_date (calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  text = rd_record_form_format_date (&date);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_popover_popdown (self->popover);
}

static void
rd_date_row_class_init (RdDateRowClass *klass)
{
}

static void
rd_date_row_init (RdDateRow *self)
{
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect (self->calendar, "day-selected",
                    G_CALLBACK (on_calendar_day_selected_cb), self);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, GTK_WIDGET (self->calendar));
  g_signal_connect (self->popover, "show", G_CALLBACK (on_popover_show_cb), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a date"),
                                  -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));

  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), GTK_INPUT_PURPOSE_FREE_FORM);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self), GTK_INPUT_HINT_NO_SPELLCHECK);
}

GtkWidget *
rd_date_row_new (void)
{
  return g_object_new (RD_TYPE_DATE_ROW, NULL);
}
