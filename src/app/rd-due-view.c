/* rd-due-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-due-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-due-view.h"

struct _RdDueView
{
  AdwBin        parent_instance;

  GtkStack     *stack;
  GtkSpinner   *spinner;
  GtkBox       *groups_box;
  GtkButton    *more_button;

  RdContext    *context;
  RdWindow     *main_window;  /* weak */
  GCancellable *cancellable;  /* the page being read */
  GHashTable   *groups;       /* key ("60", "expiration") → AdwPreferencesGroup */
  GHashTable   *counts;       /* key → group size, of the last page read */
  guint         loaded;       /* rows shown */
  guint         total;
  guint         reload_source;
  gboolean      loading;
  gboolean      pending_first;  /* the page being read is the first: it replaces the rows */
};

G_DEFINE_FINAL_TYPE (RdDueView, rd_due_view, ADW_TYPE_BIN)

static void load_page (RdDueView *self,
                       guint      offset);

static char *
group_title (RdReminder *reminder)
{
  int days = rd_reminder_get_offset_days (reminder);

  if (rd_reminder_get_kind (reminder) == RD_REMINDER_KIND_EXPIRATION)
    return g_strdup (_("Offers Expiring"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d Day Before the End",
                                       "%d Days Before the End", (gulong) days),
                          days);
}

static char *
format_date (const char *text)
{
  g_autoptr (GDateTime) dt = NULL;
  GDate date;

  if (!rd_date_parse (text, &date))
    return g_strdup (text != NULL ? text : "");
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 0, 0, 0);
  /* Translators: a date in the Due view, see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

static char *
row_subtitle (RdReminder *reminder)
{
  const char *product = rd_reminder_get_product_title (reminder);
  int days = rd_reminder_get_days_left (reminder);
  g_autofree char *when = NULL;
  g_autofree char *date = NULL;
  GString *subtitle = g_string_new (NULL);

  if (rd_reminder_get_kind (reminder) == RD_REMINDER_KIND_EXPIRATION)
    {
      date = format_date (rd_reminder_get_date (reminder));
      if (days >= 0)
        when = g_strdup_printf (_("Offer expires today (%s)"), date);
      else
        when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offer expired %d day ago (%s)",
                                             "Offer expired %d days ago (%s)", (gulong) -days),
                                -days, date);
    }
  else
    {
      date = format_date (rd_reminder_get_end_date (reminder));
      if (days > 0)
        when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ends in %d day (%s)",
                                             "Ends in %d days (%s)", (gulong) days),
                                days, date);
      else
        when = g_strdup_printf (_("Ends today (%s)"), date);
    }
  if (product != NULL && *product != '\0')
    g_string_append_printf (subtitle, "%s · ", product);
  g_string_append (subtitle, when);
  if (rd_reminder_get_state (reminder) == RD_REMINDER_STATE_SNOOZED)
    /* Translators: appended to a due renewal's line */
    g_string_append_printf (subtitle, " · %s", _("Snoozed"));
  return g_string_free (subtitle, FALSE);
}

static void
on_snooze_clicked_cb (GtkButton *button,
                      RdDueView *self)
{
  RdReminderScheduler *scheduler = rd_context_get_reminder_scheduler (self->context);
  const char *id = g_object_get_data (G_OBJECT (button), "reminder-id");
  g_autoptr (GDateTime) now = rd_reminder_scheduler_dup_now (scheduler);
  g_autoptr (GDateTime) until = g_date_time_add_days (now, 1);
  g_autoptr (GError) error = NULL;

  if (!rd_reminder_scheduler_snooze (scheduler, id, until, &error))
    g_warning ("Failed to snooze the reminder %s: %s", id, error->message);
  /* Snoozing is this device's state, not a record change: read the list again. */
  rd_due_view_reload (self);
}

static void
on_done_clicked_cb (GtkButton *button,
                    RdDueView *self)
{
  RdReminderScheduler *scheduler = rd_context_get_reminder_scheduler (self->context);
  const char *id = g_object_get_data (G_OBJECT (button), "reminder-id");
  g_autoptr (GError) error = NULL;

  /* A record edit: the store's "changed" reads the list again. */
  if (!rd_reminder_scheduler_mark_done (scheduler, id, &error))
    g_warning ("Failed to mark the reminder %s done: %s", id, error->message);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *tooltip)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static GtkWidget *
build_row (RdDueView  *self,
           RdReminder *reminder)
{
  const char *customer = rd_reminder_get_customer (reminder);
  const char *record_id = rd_reminder_get_record_id (reminder);
  g_autofree char *subtitle = row_subtitle (reminder);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 customer != NULL && *customer != '\0'
                                 ? customer : _("Unknown customer"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "due.open-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", record_id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "reminder-id",
                          g_strdup (rd_reminder_get_id (reminder)), g_free);

  if (rd_reminder_get_kind (reminder) == RD_REMINDER_KIND_MILESTONE)
    {
      button = row_button (NULL, _("_Renew"), _("Draft the renewal offer"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "due.renew");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", record_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  button = row_button ("alarm-symbolic", NULL, _("Snooze for a Day"));
  g_object_set_data_full (G_OBJECT (button), "reminder-id",
                          g_strdup (rd_reminder_get_id (reminder)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_snooze_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  button = row_button ("object-select-symbolic", NULL, _("Mark Done"));
  g_object_set_data_full (G_OBJECT (button), "reminder-id",
                          g_strdup (rd_reminder_get_id (reminder)), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_done_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_groups (RdDueView *self)
{
  GHashTableIter iter;
  gpointer group;

  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, NULL, &group))
    gtk_box_remove (self->groups_box, group);
  g_hash_table_remove_all (self->groups);
  self->loaded = 0;
}

static AdwPreferencesGroup *
group_for (RdDueView  *self,
           RdReminder *reminder)
{
  const char *key = rd_reminder_get_key (reminder);
  AdwPreferencesGroup *group = g_hash_table_lookup (self->groups, key);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  guint count;

  if (group != NULL)
    return group;
  title = group_title (reminder);
  count = self->counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, key)) : 0;
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u renewal", "%u renewals",
                                              count),
                                 count);
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group, description);
  /* Pages come in group order: a new group goes after the others, before "Show More". */
  gtk_box_insert_child_after (self->groups_box, GTK_WIDGET (group),
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->more_button)));
  g_hash_table_insert (self->groups, g_strdup (key), group);
  return group;
}

static void
set_loading (RdDueView *self,
             gboolean   loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->more_button), !loading);
}

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RdDueView *self = user_data;
  RdReminderScheduler *scheduler;
  g_autoptr (GHashTable) counts = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autoptr (GError) error = NULL;
  guint total = 0;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  scheduler = rd_context_get_reminder_scheduler (self->context);
  page = rd_reminder_scheduler_list_due_page_finish (scheduler, result, &total, &counts,
                                                     &error);
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  if (page == NULL)
    {
      g_warning ("Failed to read the due renewals: %s", error->message);
      return;
    }

  if (self->pending_first)
    clear_groups (self);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  self->counts = g_steal_pointer (&counts);
  self->total = total;
  for (guint i = 0; i < page->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (page, i);

      adw_preferences_group_add (group_for (self, reminder), build_row (self, reminder));
    }
  self->loaded += page->len;
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->loaded < self->total);
  gtk_stack_set_visible_child_name (self->stack, total == 0 ? "empty" : "list");
}

static void
load_page (RdDueView *self,
           guint      offset)
{
  RdReminderScheduler *scheduler;

  if (self->context == NULL)
    return;
  scheduler = rd_context_get_reminder_scheduler (self->context);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  if (offset == 0 && self->total == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  self->pending_first = offset == 0;
  rd_reminder_scheduler_list_due_page_async (scheduler, offset, RD_DUE_VIEW_PAGE_SIZE,
                                             self->cancellable, on_page_cb, self);
}

static void
on_more_button_clicked_cb (RdDueView *self)
{
  load_page (self, self->loaded);
}

static gboolean
on_reload_cb (gpointer user_data)
{
  RdDueView *self = user_data;

  self->reload_source = 0;
  load_page (self, 0);
  return G_SOURCE_REMOVE;
}

void
rd_due_view_reload (RdDueView *self)
{
  g_return_if_fail (RD_IS_DUE_VIEW (self));

  if (self->reload_source == 0)
    self->reload_source = g_idle_add (on_reload_cb, self);
}

/* Read while shown only: a hidden view does not query on every change. */
static void
on_store_changed_cb (RdDueView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rd_due_view_reload (self);
}

static void
rd_due_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (rd_due_view_parent_class)->map (widget);
  rd_due_view_reload (RD_DUE_VIEW (widget));
}

static void
rd_due_view_dispose (GObject *object)
{
  RdDueView *self = (RdDueView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (rd_context_get_store (self->context), self);
  g_clear_object (&self->context);
  if (self->main_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->main_window), (gpointer *) &self->main_window);
  self->main_window = NULL;
  /* The bin's child is a bound template child: the bin lets go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_DUE_VIEW);

  G_OBJECT_CLASS (rd_due_view_parent_class)->dispose (object);
}

static void
rd_due_view_finalize (GObject *object)
{
  RdDueView *self = (RdDueView *) object;

  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);

  G_OBJECT_CLASS (rd_due_view_parent_class)->finalize (object);
}

static void
renew_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RdDueView *self = RD_DUE_VIEW (widget);

  if (self->main_window != NULL)
    rd_window_renew (self->main_window, g_variant_get_string (parameter, NULL));
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RdDueView *self = RD_DUE_VIEW (widget);

  if (self->main_window != NULL)
    rd_window_open_record (self->main_window, g_variant_get_string (parameter, NULL));
}

static void
rd_due_view_class_init (RdDueViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_due_view_dispose;
  object_class->finalize = rd_due_view_finalize;
  widget_class->map = rd_due_view_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renewaldesk/RenewalDesk/"
                                               "rd-due-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDueView, stack);
  gtk_widget_class_bind_template_child (widget_class, RdDueView, spinner);
  gtk_widget_class_bind_template_child (widget_class, RdDueView, groups_box);
  gtk_widget_class_bind_template_child (widget_class, RdDueView, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_more_button_clicked_cb);
  gtk_widget_class_install_action (widget_class, "due.renew", "s", renew_action);
  gtk_widget_class_install_action (widget_class, "due.open-record", "s", open_record_action);
}

static void
rd_due_view_init (RdDueView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

RdDueView *
rd_due_view_new (RdContext *context,
                 RdWindow  *main_window)
{
  RdDueView *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (main_window == NULL || RD_IS_WINDOW (main_window), NULL);

  self = g_object_new (RD_TYPE_DUE_VIEW, NULL);
  self->context = g_object_ref (context);
  self->main_window = main_window;
  if (main_window != NULL)
    g_object_add_weak_pointer (G_OBJECT (main_window), (gpointer *) &self->main_window);
  g_signal_connect_swapped (rd_context_get_store (context), "changed",
                            G_CALLBACK (on_store_changed_cb), self);
  return self;
}

gboolean
rd_due_view_is_loading (RdDueView *self)
{
  g_return_val_if_fail (RD_IS_DUE_VIEW (self), FALSE);

  return self->loading || self->reload_source != 0;
}

guint
rd_due_view_get_total (RdDueView *self)
{
  g_return_val_if_fail (RD_IS_DUE_VIEW (self), 0);

  return self->total;
}

static void
on_due_window_destroy_cb (GtkWindow *window,
                          RdWindow  *main_window)
{
  if (g_object_get_data (G_OBJECT (main_window), "rd-due-window") == window)
    g_object_set_data (G_OBJECT (main_window), "rd-due-window", NULL);
}

GtkWindow *
rd_due_view_present_window (RdContext *context,
                            RdWindow  *main_window)
{
  GtkWindow *window;
  GtkWidget *box;
  GtkWidget *header;
  int width, height;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RD_IS_WINDOW (main_window), NULL);

  window = g_object_get_data (G_OBJECT (main_window), "rd-due-window");
  if (window == NULL)
    {
      window = GTK_WINDOW (adw_window_new ());
      gtk_window_set_title (window, _("Due Renewals"));
      gtk_window_set_transient_for (window, GTK_WINDOW (main_window));
      gtk_window_set_destroy_with_parent (window, TRUE);
      /* As large as the main window, up to a comfortable list. */
      gtk_window_get_default_size (GTK_WINDOW (main_window), &width, &height);
      gtk_window_set_default_size (window, width > 0 ? MIN (width, 720) : 720,
                                   height > 0 ? MIN (height, 800) : 800);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      header = adw_header_bar_new ();
      gtk_box_append (GTK_BOX (box), header);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (rd_due_view_new (context, main_window)));
      gtk_widget_set_vexpand (gtk_widget_get_last_child (box), TRUE);
      adw_window_set_content (ADW_WINDOW (window), box);
      /* Forgotten when closed: the next notification makes a new one. */
      g_object_set_data (G_OBJECT (main_window), "rd-due-window", window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (on_due_window_destroy_cb),
                               main_window, 0);
    }
  gtk_window_present (window);
  return window;
}
