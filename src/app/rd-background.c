/* rd-background.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-background"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rd-background.h"

#define SETTINGS_KEY "run-in-background"

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"

struct _RdBackground
{
  GObject       parent_instance;

  GApplication *application; /* weak: the application owns this object */
  GSettings    *settings;
  gboolean      requested;   /* started with --background */
  gboolean      holding;
};

G_DEFINE_FINAL_TYPE (RdBackground, rd_background, G_TYPE_OBJECT)

static void
rd_background_update_hold (RdBackground *self)
{
  gboolean want;

  if (self->application == NULL)
    return;

  want = self->requested || g_settings_get_boolean (self->settings, SETTINGS_KEY);
  if (want == self->holding)
    return;

  self->holding = want;
  if (want)
    g_application_hold (self->application);
  else
    g_application_release (self->application);
}

char *
rd_background_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart",
                           APPLICATION_ID ".desktop", NULL);
}

gboolean
rd_background_write_autostart_file (const char  *path,
                                    GError     **error)
{
  g_autoptr (GBytes) contents = NULL;
  g_autofree char *dir = NULL;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (path != NULL, FALSE);

  contents = g_resources_lookup_data (RD_BACKGROUND_AUTOSTART_RESOURCE,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (contents == NULL)
    return FALSE;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  data = g_bytes_get_data (contents, &size);
  return g_file_set_contents_full (path, data, (gssize) size,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
rd_background_remove_autostart_file (const char  *path,
                                     GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_background_in_flatpak (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
on_portal_response_cb (GDBusConnection *connection,
                       const char      *sender_name,
                       const char      *object_path,
                       const char      *interface_name,
                       const char      *signal_name,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  g_autoptr (RdBackground) self = g_object_ref (user_data);
  g_autoptr (GVariant) results = NULL;
  gboolean background = FALSE;
  gboolean autostart = FALSE;
  guint32 response;
  guint *subscription;

  subscription = g_object_get_data (G_OBJECT (self), object_path);
  if (subscription != NULL)
    g_dbus_connection_signal_unsubscribe (connection, *subscription);
  g_object_set_data (G_OBJECT (self), object_path, NULL);

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  g_variant_lookup (results, "autostart", "b", &autostart);
  g_debug ("Background portal: response %u, background %d, autostart %d",
           response, background, autostart);

  /* Denied: show the switch as it really is. */
  if (g_settings_get_boolean (self->settings, SETTINGS_KEY) && (response != 0 || !autostart))
    {
      g_message ("Running in the background was not allowed");
      g_settings_set_boolean (self->settings, SETTINGS_KEY, FALSE);
    }
}

static void
on_request_background_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  /* Holds the object alive until the portal answered; released when this returns. */
  g_autoptr (RdBackground) self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;

  (void) self;
  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply == NULL)
    g_warning ("Failed to ask the Background portal for autostart: %s", error->message);
}

static void
rd_background_request_portal (RdBackground *self,
                              gboolean      autostart)
{
  static const char *commandline[] = { "renewal-desk", "--background", NULL };
  GDBusConnection *connection;
  GVariantBuilder options;
  g_autofree char *token = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *handle = NULL;
  guint *subscription;

  connection = g_application_get_dbus_connection (self->application);
  if (connection == NULL)
    return;

  /* The request's object path is known in advance: subscribe before calling. */
  token = g_strdup_printf ("renewal_desk_%u", g_random_int ());
  sender = g_strdup (g_dbus_connection_get_unique_name (connection) + 1);
  g_strdelimit (sender, ".", '_');
  handle = g_strdup_printf (PORTAL_OBJECT_PATH "/request/%s/%s", sender, token);
  subscription = g_new (guint, 1);
  *subscription = g_dbus_connection_signal_subscribe (connection, PORTAL_BUS_NAME,
                                                      "org.freedesktop.portal.Request",
                                                      "Response", handle, NULL,
                                                      G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
                                                      on_portal_response_cb,
                                                      g_object_ref (self), g_object_unref);
  g_object_set_data_full (G_OBJECT (self), handle, subscription, g_free);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Renewal reminders arrive when the window is "
                                                 "closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline",
                         g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  g_dbus_connection_call (connection, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                          "org.freedesktop.portal.Background", "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                          on_request_background_cb, g_object_ref (self));
}

static void
rd_background_sync_autostart (RdBackground *self,
                              gboolean      enabled)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (rd_background_in_flatpak ())
    {
      rd_background_request_portal (self, enabled);
      return;
    }

  path = rd_background_dup_autostart_path ();
  if (enabled ? !rd_background_write_autostart_file (path, &error)
              : !rd_background_remove_autostart_file (path, &error))
    g_warning ("Failed to update the autostart entry: %s", error->message);
}

static void
on_settings_run_in_background_changed_cb (GSettings    *settings,
                                          const char   *key,
                                          RdBackground *self)
{
  gboolean enabled = g_settings_get_boolean (settings, SETTINGS_KEY);

  /* Turning it off also ends a --background run once the last window is gone. */
  if (!enabled)
    self->requested = FALSE;
  rd_background_update_hold (self);
  rd_background_sync_autostart (self, enabled);
}

static void
rd_background_dispose (GObject *object)
{
  RdBackground *self = (RdBackground *)object;

  rd_background_shutdown (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_background_parent_class)->dispose (object);
}

static void
rd_background_class_init (RdBackgroundClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rd_background_dispose;
}

static void
rd_background_init (RdBackground *self)
{
}

RdBackground *
rd_background_new (GApplication *application,
                   GSettings    *settings)
{
  g_autoptr (GAction) action = NULL;
  RdBackground *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (RD_TYPE_BACKGROUND, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  self->settings = g_object_ref (settings);

  action = g_settings_create_action (settings, SETTINGS_KEY);
  g_action_map_add_action (G_ACTION_MAP (application), action);

  g_signal_connect (settings, "changed::" SETTINGS_KEY,
                    G_CALLBACK (on_settings_run_in_background_changed_cb), self);
  rd_background_update_hold (self);

  return self;
}

void
rd_background_request (RdBackground *self)
{
  g_return_if_fail (RD_IS_BACKGROUND (self));

  self->requested = TRUE;
  rd_background_update_hold (self);
}

gboolean
rd_background_is_holding (RdBackground *self)
{
  g_return_val_if_fail (RD_IS_BACKGROUND (self), FALSE);

  return self->holding;
}

void
rd_background_shutdown (RdBackground *self)
{
  g_return_if_fail (RD_IS_BACKGROUND (self));

  if (self->application == NULL)
    return;

  if (self->holding)
    g_application_release (self->application);
  self->holding = FALSE;
  self->requested = FALSE;
  g_action_map_remove_action (G_ACTION_MAP (self->application), SETTINGS_KEY);
  g_object_remove_weak_pointer (G_OBJECT (self->application), (gpointer *) &self->application);
  self->application = NULL;
}
