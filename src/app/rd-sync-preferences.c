/* rd-sync-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-keyring.h"
#include "rd-sync-indicator-state.h"
#include "rd-sync-preferences.h"
#include "rd-sync-scheduler.h"

struct _RdSyncPreferences
{
  AdwPreferencesPage  parent_instance;

  GtkSwitch          *enabled_switch;
  AdwEntryRow        *url_row;
  GtkImage           *url_error_icon;
  AdwEntryRow        *database_row;
  GtkImage           *database_error_icon;
  GtkLabel           *error_label;
  AdwEntryRow        *user_row;
  AdwPasswordEntryRow *password_row;
  AdwActionRow       *status_row;
  GtkButton          *sync_now_button;

  RdContext          *context;
  RdSyncScheduler    *scheduler;
  GCancellable       *cancellable;
  char               *url_error;
  char               *database_error;
};

G_DEFINE_FINAL_TYPE (RdSyncPreferences, rd_sync_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* Red, with the message as the row's tooltip icon and its description for screen readers. */
static void
show_row_error (GtkWidget  *row,
                GtkImage   *icon,
                const char *error)
{
  gtk_widget_set_visible (GTK_WIDGET (icon), error != NULL);
  if (error != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (icon), error);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
rd_sync_preferences_show_error (RdSyncPreferences *self)
{
  const char *error = rd_sync_preferences_get_error (self);

  gtk_label_set_label (self->error_label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  show_row_error (GTK_WIDGET (self->url_row), self->url_error_icon, self->url_error);
  show_row_error (GTK_WIDGET (self->database_row), self->database_error_icon,
                  self->database_error);
}

/* An empty address or database is allowed: sync is then not set up. */
static char *
check_url (const char *text)
{
  g_autoptr (GError) error = NULL;

  if (text == NULL || *text == '\0' || rd_sync_check_server_url (text, &error))
    return NULL;

  return g_strdup (error->message);
}

static char *
check_database (const char *text)
{
  g_autoptr (GError) error = NULL;

  if (text == NULL || *text == '\0' || rd_sync_check_database_name (text, &error))
    return NULL;

  return g_strdup (error->message);
}

static void
on_url_row_changed_cb (AdwEntryRow       *row,
                       RdSyncPreferences *self)
{
  g_free (self->url_error);
  self->url_error = check_url (gtk_editable_get_text (GTK_EDITABLE (row)));
  rd_sync_preferences_show_error (self);
}

static void
on_database_row_changed_cb (AdwEntryRow       *row,
                            RdSyncPreferences *self)
{
  g_free (self->database_error);
  self->database_error = check_database (gtk_editable_get_text (GTK_EDITABLE (row)));
  rd_sync_preferences_show_error (self);
}

static gboolean
string_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_string (value, g_variant_get_string (variant, NULL));
  return TRUE;
}

/* Only a valid (or empty) address reaches GSettings, so the engine never sees http://. */
static GVariant *
url_set_mapping (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  const char *text = g_value_get_string (value);
  g_autofree char *error = check_url (text);

  return error == NULL ? g_variant_new_string (text ? text : "") : NULL;
}

static GVariant *
database_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  const char *text = g_value_get_string (value);
  g_autofree char *error = check_database (text);

  return error == NULL ? g_variant_new_string (text ? text : "") : NULL;
}

static void
rd_sync_preferences_add_toast (RdSyncPreferences *self,
                               const char        *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (markup));
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (RdSyncPreferences) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!rd_secret_store_sync_password_finish (result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not save the sync password: %s", error->message);
      text = g_strdup_printf (_("Could not save the password in the keyring: %s"),
                              error->message);
      rd_sync_preferences_add_toast (self, text);
      return;
    }

  rd_sync_scheduler_reload_password (self->scheduler);
  rd_sync_scheduler_sync_now (self->scheduler);
}

static void
on_password_row_apply_cb (AdwPasswordEntryRow *row,
                          RdSyncPreferences   *self)
{
  GSettings *settings = rd_context_get_settings (self->context);
  g_autofree char *url = g_settings_get_string (settings, "sync-server-url");
  g_autofree char *user = g_settings_get_string (settings, "sync-user");

  if (*url == '\0' || *user == '\0')
    {
      rd_sync_preferences_add_toast (self, _("Enter the server address and the user name "
                                             "first"));
      return;
    }

  rd_secret_store_sync_password_async (url, user, gtk_editable_get_text (GTK_EDITABLE (row)),
                                       self->cancellable, on_password_stored_cb,
                                       g_object_ref (self));
}

static void
on_password_looked_up_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (RdSyncPreferences) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = NULL;

  password = rd_secret_lookup_sync_password_finish (result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No sync password from the keyring: %s", error->message);
      return;
    }

  /* Dots in the row say that a password is saved; the user may not have typed yet. */
  if (password != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
}

static void
on_sync_now_button_clicked_cb (GtkButton         *button,
                               RdSyncPreferences *self)
{
  rd_sync_scheduler_sync_now (self->scheduler);
}

static void
rd_sync_preferences_update_status (RdSyncPreferences *self)
{
  RdSyncEngine *engine = rd_sync_scheduler_get_engine (self->scheduler);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  RdSyncIndicatorState state;
  gboolean enabled = rd_sync_scheduler_get_enabled (self->scheduler);

  rd_sync_indicator_state_compute (&state, enabled,
                                   rd_sync_engine_get_state (engine),
                                   rd_sync_engine_get_progress (engine),
                                   rd_sync_engine_get_conflicts (engine),
                                   rd_sync_engine_get_last_error (engine),
                                   rd_sync_scheduler_get_last_synced (self->scheduler),
                                   now);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), state.title);
  adw_action_row_set_subtitle (self->status_row,
                               state.mode == RD_SYNC_INDICATOR_ERROR
                               || state.mode == RD_SYNC_INDICATOR_OFFLINE
                               ? state.detail : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_now_button),
                            enabled && state.mode != RD_SYNC_INDICATOR_SYNCING);
  rd_sync_indicator_state_clear (&state);
}

static void
rd_sync_preferences_dispose (GObject *object)
{
  RdSyncPreferences *self = (RdSyncPreferences *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SYNC_PREFERENCES);

  G_OBJECT_CLASS (rd_sync_preferences_parent_class)->dispose (object);
}

static void
rd_sync_preferences_finalize (GObject *object)
{
  RdSyncPreferences *self = (RdSyncPreferences *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->context);
  g_clear_pointer (&self->url_error, g_free);
  g_clear_pointer (&self->database_error, g_free);

  G_OBJECT_CLASS (rd_sync_preferences_parent_class)->finalize (object);
}

static void
rd_sync_preferences_class_init (RdSyncPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_sync_preferences_dispose;
  object_class->finalize = rd_sync_preferences_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-sync-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, url_error_icon);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, database_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, database_error_icon);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, error_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, user_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, status_row);
  gtk_widget_class_bind_template_child (widget_class, RdSyncPreferences, sync_now_button);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_database_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_now_button_clicked_cb);
}

static void
rd_sync_preferences_init (RdSyncPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

RdSyncPreferences *
rd_sync_preferences_new (RdContext *context)
{
  RdSyncPreferences *self;
  GSettings *settings;
  RdSyncEngine *engine;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  const char * const notified[] = {
    "notify::state", "notify::progress", "notify::conflicts", "notify::last-error",
  };

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_SYNC_PREFERENCES, NULL);
  self->context = g_object_ref (context);
  self->scheduler = g_object_ref (rd_context_get_sync_scheduler (context));
  settings = rd_context_get_settings (context);

  g_settings_bind (settings, "sync-enabled", self->enabled_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "sync-server-url", self->url_row, "text",
                                G_SETTINGS_BIND_DEFAULT,
                                string_get_mapping, url_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (settings, "sync-database", self->database_row, "text",
                                G_SETTINGS_BIND_DEFAULT,
                                string_get_mapping, database_set_mapping, NULL, NULL);
  g_settings_bind (settings, "sync-user", self->user_row, "text", G_SETTINGS_BIND_DEFAULT);

  engine = rd_sync_scheduler_get_engine (self->scheduler);
  for (guint i = 0; i < G_N_ELEMENTS (notified); i++)
    g_signal_connect_object (engine, notified[i],
                             G_CALLBACK (rd_sync_preferences_update_status), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::enabled",
                           G_CALLBACK (rd_sync_preferences_update_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::last-synced",
                           G_CALLBACK (rd_sync_preferences_update_status), self,
                           G_CONNECT_SWAPPED);
  rd_sync_preferences_update_status (self);

  url = g_settings_get_string (settings, "sync-server-url");
  user = g_settings_get_string (settings, "sync-user");
  if (*url != '\0' && *user != '\0')
    rd_secret_lookup_sync_password_async (url, user, self->cancellable,
                                          on_password_looked_up_cb, g_object_ref (self));

  return self;
}

const char *
rd_sync_preferences_get_error (RdSyncPreferences *self)
{
  g_return_val_if_fail (RD_IS_SYNC_PREFERENCES (self), NULL);

  return self->url_error != NULL ? self->url_error : self->database_error;
}
