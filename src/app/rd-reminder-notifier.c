/* rd-reminder-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-reminder-notifier.h"

#define SUMMARY_ID "reminders-summary"
#define NOTIFICATIONS_NAME "org.freedesktop.Notifications"

struct _RdReminderNotifier
{
  GObject              parent_instance;

  GApplication        *application; /* weak: the application owns the notifier */
  RdReminderScheduler *scheduler;
  GHashTable          *shown;       /* reminder ids with a notification of their own */
  GPtrArray           *summarized;  /* RdReminder in the summary notification */
  guint                summary_source;
  guint                watch_id;     /* of NOTIFICATIONS_NAME on the session bus */
};

G_DEFINE_FINAL_TYPE (RdReminderNotifier, rd_reminder_notifier, G_TYPE_OBJECT)

static void on_snooze_reminder_cb    (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data);
static void on_mark_reminder_done_cb (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data);
static void on_show_reminders_cb     (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data);

static const GActionEntry actions[] = {
  { "snooze-reminder", on_snooze_reminder_cb, "s" },
  { "mark-reminder-done", on_mark_reminder_done_cb, "s" },
  { "show-reminders", on_show_reminders_cb },
};

static void
rd_reminder_notifier_dispose (GObject *object)
{
  RdReminderNotifier *self = (RdReminderNotifier *) object;

  if (self->application != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        g_action_map_remove_action (G_ACTION_MAP (self->application), actions[i].name);
      g_object_remove_weak_pointer (G_OBJECT (self->application),
                                    (gpointer *) &self->application);
      self->application = NULL;
    }
  g_clear_handle_id (&self->summary_source, g_source_remove);
  g_clear_handle_id (&self->watch_id, g_bus_unwatch_name);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (rd_reminder_notifier_parent_class)->dispose (object);
}

static void
rd_reminder_notifier_finalize (GObject *object)
{
  RdReminderNotifier *self = (RdReminderNotifier *) object;

  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->summarized, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_reminder_notifier_parent_class)->finalize (object);
}

static void
rd_reminder_notifier_class_init (RdReminderNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_reminder_notifier_dispose;
  object_class->finalize = rd_reminder_notifier_finalize;
}

static void
rd_reminder_notifier_init (RdReminderNotifier *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->summarized = g_ptr_array_new_with_free_func (g_object_unref);
}

char *
rd_reminder_notifier_dup_notification_id (const char *reminder_id)
{
  return g_strconcat ("reminder-", reminder_id, NULL);
}

static char *
format_date (const char *text)
{
  g_autoptr (GDateTime) dt = NULL;
  GDate date;

  if (!rd_date_parse (text, &date))
    return g_strdup (text ? text : "");
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 0, 0, 0);
  /* Translators: a date in a notification, see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

static const char *
or_unknown (const char *text)
{
  return text != NULL && *text != '\0' ? text : _("Unknown customer");
}

GNotification *
rd_reminder_notifier_build_notification (RdReminder *reminder)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *date = NULL;
  const char *customer = or_unknown (rd_reminder_get_customer (reminder));
  const char *product = rd_reminder_get_product_title (reminder);
  int days = rd_reminder_get_days_left (reminder);

  g_return_val_if_fail (RD_IS_REMINDER (reminder), NULL);

  if (rd_reminder_get_kind (reminder) == RD_REMINDER_KIND_EXPIRATION)
    {
      if (days >= 0)
        title = g_strdup_printf (_("%s: the offer expires today"), customer);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s: the offer expired %d day ago",
                                              "%s: the offer expired %d days ago",
                                              (gulong) -days),
                                 customer, -days);
      date = format_date (rd_reminder_get_date (reminder));
      /* Translators: product title · date */
      body = g_strdup_printf (_("%s · offer expires %s"), product ? product : "", date);
    }
  else
    {
      if (days == 0)
        title = g_strdup_printf (_("%s: the agreement ends today"), customer);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %d day left", "%s: %d days left",
                                              (gulong) days),
                                 customer, days);
      date = format_date (rd_reminder_get_end_date (reminder));
      /* Translators: product title · date */
      body = g_strdup_printf (_("%s · ends %s"), product ? product : "", date);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-reminders");
  g_notification_add_button_with_target (notification, _("Snooze 1 day"),
                                         "app.snooze-reminder", "s",
                                         rd_reminder_get_id (reminder));
  g_notification_add_button_with_target (notification, _("Mark done"),
                                         "app.mark-reminder-done", "s",
                                         rd_reminder_get_id (reminder));
  if (days <= 0)
    g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  return g_steal_pointer (&notification);
}

GNotification *
rd_reminder_notifier_build_summary (GPtrArray *reminders)
{
  g_autoptr (GNotification) notification = NULL;
  g_autoptr (GString) customers = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint listed = MIN (reminders->len, RD_REMINDER_NOTIFIER_MAX_SINGLE);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u renewal reminder",
                                        "%u renewal reminders", reminders->len),
                           reminders->len);
  for (guint i = 0; i < listed; i++)
    {
      RdReminder *reminder = g_ptr_array_index (reminders, i);

      if (i > 0)
        g_string_append (customers, ", ");
      g_string_append (customers, or_unknown (rd_reminder_get_customer (reminder)));
    }
  if (reminders->len > listed)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s and %u more",
                                                            "%s and %u more",
                                                            reminders->len - listed),
                                               customers->str, reminders->len - listed);

      g_string_assign (customers, more);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, customers->str);
  g_notification_set_default_action (notification, "app.show-reminders");
  return g_steal_pointer (&notification);
}

static gboolean
on_send_summary_cb (gpointer user_data)
{
  RdReminderNotifier *self = user_data;
  g_autoptr (GNotification) summary = NULL;

  self->summary_source = 0;
  if (self->application == NULL || self->summarized->len == 0)
    return G_SOURCE_REMOVE;
  summary = rd_reminder_notifier_build_summary (self->summarized);
  g_application_send_notification (self->application, SUMMARY_ID, summary);
  return G_SOURCE_REMOVE;
}

static void
on_reminders_due_cb (RdReminderNotifier  *self,
                     GPtrArray           *reminders,
                     RdReminderScheduler *scheduler)
{
  if (self->application == NULL)
    return;

  if (reminders->len + self->summarized->len <= RD_REMINDER_NOTIFIER_MAX_SINGLE)
    {
      for (guint i = 0; i < reminders->len; i++)
        {
          RdReminder *reminder = g_ptr_array_index (reminders, i);
          g_autoptr (GNotification) notification = NULL;
          g_autofree char *id = NULL;

          notification = rd_reminder_notifier_build_notification (reminder);
          id = rd_reminder_notifier_dup_notification_id (rd_reminder_get_id (reminder));
          g_application_send_notification (self->application, id, notification);
          g_hash_table_add (self->shown, g_strdup (rd_reminder_get_id (reminder)));
        }
      return;
    }

  /* Many at once (a catch-up after days away): one summary, not one each, sent once the
   * scheduler's batches of this check have all arrived. */
  for (guint i = 0; i < reminders->len; i++)
    g_ptr_array_add (self->summarized, g_object_ref (g_ptr_array_index (reminders, i)));
  if (self->summary_source == 0)
    {
      self->summary_source = g_idle_add_full (G_PRIORITY_LOW, on_send_summary_cb, self, NULL);
      g_source_set_name_by_id (self->summary_source, "[rd] reminder summary");
    }
}

static void
on_reminders_withdrawn_cb (RdReminderNotifier  *self,
                           GStrv                ids,
                           RdReminderScheduler *scheduler)
{
  gboolean had_summary = self->summarized->len > 0;

  if (self->application == NULL)
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_hash_table_remove (self->shown, ids[i]))
        {
          g_autofree char *id = rd_reminder_notifier_dup_notification_id (ids[i]);

          g_application_withdraw_notification (self->application, id);
        }
      for (guint j = 0; j < self->summarized->len; j++)
        if (g_str_equal (rd_reminder_get_id (g_ptr_array_index (self->summarized, j)), ids[i]))
          {
            g_ptr_array_remove_index (self->summarized, j);
            break;
          }
    }
  if (had_summary && self->summarized->len == 0)
    g_application_withdraw_notification (self->application, SUMMARY_ID);
}

static void
on_snooze_reminder_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RdReminderNotifier *self = user_data;
  g_autoptr (GDateTime) now = rd_reminder_scheduler_dup_now (self->scheduler);
  g_autoptr (GDateTime) until = g_date_time_add_days (now, 1);
  g_autoptr (GError) error = NULL;
  const char *id = g_variant_get_string (parameter, NULL);

  if (!rd_reminder_scheduler_snooze (self->scheduler, id, until, &error))
    g_warning ("Failed to snooze the reminder %s: %s", id, error->message);
}

static void
on_mark_reminder_done_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  RdReminderNotifier *self = user_data;
  g_autoptr (GError) error = NULL;
  const char *id = g_variant_get_string (parameter, NULL);

  if (!rd_reminder_scheduler_mark_done (self->scheduler, id, &error))
    g_warning ("Failed to mark the reminder %s done: %s", id, error->message);
}

static void
on_show_reminders_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  RdReminderNotifier *self = user_data;

  if (self->application == NULL)
    return;
  /* The application's Due view, where it has one. */
  if (g_action_group_has_action (G_ACTION_GROUP (self->application), "show-due"))
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "show-due", NULL);
  else
    g_application_activate (self->application);
}

static void
on_service_appeared_cb (GDBusConnection *connection,
                        const char      *name,
                        const char      *owner,
                        gpointer         user_data)
{
  RdReminderNotifier *self = user_data;

  rd_reminder_scheduler_set_can_deliver (self->scheduler, TRUE);
}

static void
on_service_vanished_cb (GDBusConnection *connection,
                        const char      *name,
                        gpointer         user_data)
{
  RdReminderNotifier *self = user_data;

  rd_reminder_scheduler_set_can_deliver (self->scheduler, FALSE);
}

/* GNotification does not say whether anything showed a notification: a reminder counts as
 * delivered only while a notification service owns its name on the session bus. Inside
 * Flatpak the portal takes them (and the sandbox hides the name). */
static void
watch_notification_service (RdReminderNotifier *self)
{
  GDBusConnection *connection = g_application_get_dbus_connection (self->application);

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return;
  if (connection == NULL)
    {
      rd_reminder_scheduler_set_can_deliver (self->scheduler, FALSE);
      return;
    }
  /* Unknown until the bus answers: nothing is recorded as shown meanwhile. */
  rd_reminder_scheduler_set_can_deliver (self->scheduler, FALSE);
  self->watch_id = g_bus_watch_name_on_connection (connection, NOTIFICATIONS_NAME,
                                                   G_BUS_NAME_WATCHER_FLAGS_NONE,
                                                   on_service_appeared_cb,
                                                   on_service_vanished_cb, self, NULL);
}

RdReminderNotifier *
rd_reminder_notifier_new (GApplication        *application,
                          RdReminderScheduler *scheduler)
{
  RdReminderNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RD_IS_REMINDER_SCHEDULER (scheduler), NULL);

  self = g_object_new (RD_TYPE_REMINDER_NOTIFIER, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  self->scheduler = g_object_ref (scheduler);
  g_signal_connect_swapped (scheduler, "reminders-due",
                            G_CALLBACK (on_reminders_due_cb), self);
  g_signal_connect_swapped (scheduler, "reminders-withdrawn",
                            G_CALLBACK (on_reminders_withdrawn_cb), self);
  g_action_map_add_action_entries (G_ACTION_MAP (application), actions,
                                   G_N_ELEMENTS (actions), self);
  watch_notification_service (self);
  return self;
}

RdReminderScheduler *
rd_reminder_notifier_get_scheduler (RdReminderNotifier *self)
{
  g_return_val_if_fail (RD_IS_REMINDER_NOTIFIER (self), NULL);
  return self->scheduler;
}
