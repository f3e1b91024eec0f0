/* rd-agenda-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-agenda-row"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-agenda-row.h"
#include "rd-date.h"
#include "rd-day-cell-state.h"
#include "rd-labels.h"

/* The least width of a row's texts, in characters. */
#define AGENDA_MIN_CHARS 12

struct _RdAgendaRow
{
  GtkWidget        parent_instance;

  GtkWidget       *badge;
  GtkWidget       *icon;
  GtkWidget       *title;
  GtkWidget       *subtitle;
  GtkWidget       *kind;
  GtkWidget       *status;
  GtkWidget       *renew_button;
  GtkWidget       *done_button;

  RdCalendarEvent *event;
};

G_DEFINE_FINAL_TYPE (RdAgendaRow, rd_agenda_row, GTK_TYPE_WIDGET)

/* End dates and milestones are an agreement's: it can be renewed from here. */
static void
on_renew_button_clicked_cb (RdAgendaRow *self)
{
  if (self->event != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.renew", "s",
                                rd_calendar_event_get_record_id (self->event));
}

static void
on_done_button_clicked_cb (RdAgendaRow *self)
{
  g_autofree char *reminder_id = NULL;

  if (self->event == NULL)
    return;

  /* The reminder's id names the milestone: marking it done also withdraws its notification. */
  reminder_id = g_strdup_printf ("%s/%d/%s", rd_calendar_event_get_record_id (self->event),
                                 rd_calendar_event_get_offset_days (self->event),
                                 rd_calendar_event_get_date (self->event));
  gtk_widget_activate_action (GTK_WIDGET (self), "calendar.mark-done", "s", reminder_id);
}

static void
rd_agenda_row_dispose (GObject *object)
{
  RdAgendaRow *self = RD_AGENDA_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (rd_agenda_row_parent_class)->dispose (object);
}

static void
rd_agenda_row_class_init (RdAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_agenda_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "box");
}

static void
rd_agenda_row_init (RdAgendaRow *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *texts;
  GtkWidget *pills;

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "agenda-row");

  self->badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->badge, "event-badge");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  self->icon = gtk_image_new ();
  gtk_widget_set_halign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (self->icon, FALSE);
  gtk_box_set_homogeneous (GTK_BOX (self->badge), TRUE);
  gtk_box_append (GTK_BOX (self->badge), self->icon);
  gtk_widget_set_parent (self->badge, GTK_WIDGET (self));

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  /* Names wrap rather than being cut; the pills go under them, not beside. A wrapping
   * label's least width is its text laid out at width-chars: at 0 it breaks after every
   * character and shapes each, hundreds of runs per row on every day selected. */
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (self->title), AGENDA_MIN_CHARS);
  gtk_widget_add_css_class (self->title, "heading");
  self->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (self->subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (self->subtitle), AGENDA_MIN_CHARS);
  gtk_widget_add_css_class (self->subtitle, "caption");
  gtk_widget_add_css_class (self->subtitle, "dim-label");
  gtk_box_append (GTK_BOX (texts), self->title);
  gtk_box_append (GTK_BOX (texts), self->subtitle);

  pills = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (pills, "agenda-pills");
  self->kind = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->kind, "kind-pill");
  gtk_box_append (GTK_BOX (pills), self->kind);
  self->status = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->status, "status-pill");
  gtk_box_append (GTK_BOX (pills), self->status);
  gtk_box_append (GTK_BOX (texts), pills);
  gtk_widget_set_parent (texts, GTK_WIDGET (self));

  self->renew_button = gtk_button_new_with_mnemonic (_("_Renew"));
  gtk_widget_set_valign (self->renew_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->renew_button,
                               _("Draft the Renewal Offer of This Agreement"));
  gtk_widget_add_css_class (self->renew_button, "renew");
  g_signal_connect_swapped (self->renew_button, "clicked",
                            G_CALLBACK (on_renew_button_clicked_cb), self);
  gtk_widget_set_parent (self->renew_button, GTK_WIDGET (self));

  self->done_button = gtk_button_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_valign (self->done_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->done_button, _("Mark Milestone Done"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->done_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mark milestone done"),
                                  -1);
  gtk_widget_add_css_class (self->done_button, "flat");
  gtk_widget_add_css_class (self->done_button, "circular");
  gtk_widget_add_css_class (self->done_button, "mark-done");
  g_signal_connect_swapped (self->done_button, "clicked",
                            G_CALLBACK (on_done_button_clicked_cb), self);
  gtk_widget_set_parent (self->done_button, GTK_WIDGET (self));

}

GtkWidget *
rd_agenda_row_new (void)
{
  return g_object_new (RD_TYPE_AGENDA_ROW, NULL);
}

void
rd_agenda_row_set_event (RdAgendaRow     *self,
                         RdCalendarEvent *event,
                         const GDate     *today)
{
  g_autofree char *label = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *renew_label = NULL;
  RdCalendarEventKind event_kind;
  RdEventStatus status;
  const char *record_kind;
  const char *status_class;
  const char *badge_classes[] = { "event-badge", NULL, NULL, NULL };
  GDate date;

  g_return_if_fail (RD_IS_AGENDA_ROW (self));
  g_return_if_fail (RD_IS_CALENDAR_EVENT (event));

  event_kind = rd_calendar_event_get_kind (event);
  record_kind = rd_calendar_event_get_record_kind (event);
  label = rd_calendar_event_dup_label (event);
  if (label == NULL)
    label = g_strdup (rd_labels_event_kind (event_kind));

  g_set_object (&self->event, event);
  if (!rd_date_parse (rd_calendar_event_get_date (event), &date))
    g_date_clear (&date, 1);
  status = rd_event_status_compute (&date, today, event_kind == RD_CALENDAR_EVENT_MILESTONE,
                                    rd_calendar_event_get_done (event));
  status_class = rd_event_status_css_class (status);

  badge_classes[1] = rd_labels_event_css_class (event_kind);
  badge_classes[2] = status_class;
  gtk_widget_set_css_classes (self->badge, badge_classes);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                status == RD_EVENT_STATUS_DONE
                                ? "object-select-symbolic"
                                : rd_labels_event_icon_name (event_kind));

  gtk_widget_remove_css_class (GTK_WIDGET (self), "done");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "due");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "overdue");
  if (status_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), status_class);
  {
    const char *status_classes[] = { "status-pill", status_class, NULL };

    gtk_widget_set_css_classes (self->status, status_classes);
  }
  gtk_label_set_label (GTK_LABEL (self->status), rd_event_status_label (status));
  gtk_widget_set_visible (self->status, rd_event_status_label (status) != NULL);

  gtk_widget_set_visible (self->done_button, event_kind == RD_CALENDAR_EVENT_MILESTONE
                                       && status != RD_EVENT_STATUS_DONE);

  gtk_widget_set_visible (self->renew_button, event_kind == RD_CALENDAR_EVENT_END_DATE
                                        || event_kind == RD_CALENDAR_EVENT_MILESTONE);
  /* Translators: the agenda's Renew button for screen readers: "Renew Umber Games" */
  renew_label = g_strdup_printf (_("Renew %s"), rd_calendar_event_get_customer (event));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->renew_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, renew_label,
                                  -1);

  gtk_label_set_label (GTK_LABEL (self->title),
                       rd_calendar_event_get_customer (event));

  /* Translators: what happens on the day, and the product: "Agreement ends · Analytics" */
  subtitle = g_strdup_printf (_("%s · %s"), label,
                              rd_calendar_event_get_product_title (event));
  gtk_label_set_label (GTK_LABEL (self->subtitle), subtitle);

  gtk_label_set_label (GTK_LABEL (self->kind), rd_labels_kind (record_kind));
  gtk_widget_set_visible (self->kind, record_kind != NULL && *record_kind != '\0');
  gtk_widget_remove_css_class (self->kind, "po");
  gtk_widget_remove_css_class (self->kind, "cppo");
  gtk_widget_add_css_class (self->kind, g_strcmp0 (record_kind, "CPPO") == 0 ? "cppo" : "po");

  if (rd_event_status_label (status) != NULL)
    /* Translators: an agenda row for screen readers: customer, what happens, product, status */
    accessible = g_strdup_printf (_("%s, %s, %s, %s"), rd_calendar_event_get_customer (event),
                                  label, rd_calendar_event_get_product_title (event),
                                  rd_event_status_label (status));
  else
    /* Translators: a row of the agenda for screen readers: customer, what happens, product */
    accessible = g_strdup_printf (_("%s, %s, %s"), rd_calendar_event_get_customer (event), label,
                                  rd_calendar_event_get_product_title (event));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}


RdCalendarEvent *
rd_agenda_row_get_event (RdAgendaRow *self)
{
  g_return_val_if_fail (RD_IS_AGENDA_ROW (self), NULL);

  return self->event;
}
