/* rd-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-application"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"
#include "rd-background.h"
#include "rd-bench-driver.h"
#include "rd-demo.h"
#include "rd-preferences-window.h"
#include "rd-stall-monitor.h"
#include "rd-store-views.h"
#include "rd-window.h"

struct _RdApplication
{
  AdwApplication  parent_instance;

  RdContext      *context;
  RdBackground   *background;
  char           *db_path;
  char           *open_error;
  gboolean        demo;
  guint           reminders_id;  /* starts the reminders if no window paints first */
  gboolean        reminders_started;
};

/* Without a window that paints by then (a D-Bus activation, a window that stays hidden),
 * reminders start anyway after this long. */
#define REMINDERS_FALLBACK_S 3

G_DEFINE_FINAL_TYPE (RdApplication, rd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Load the demo data set when the database is empty"), NULL },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database file PATH"), N_("PATH") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window to deliver renewal reminders"), NULL },
  { NULL }
};

static void
rd_application_open_store (RdApplication *self)
{
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  path = self->db_path ? g_strdup (self->db_path) : rd_store_default_path ();

  if (!(store = rd_store_open (path, &error)))
    {
      g_warning ("Failed to open %s: %s", path, error->message);
      self->open_error = g_strdup (error->message);
      return;
    }

  if (self->demo
      && !rd_store_views_has_renewals (store)
      && !rd_demo_populate (store, RD_DEMO_DEFAULT_COUNT, RD_DEMO_DEFAULT_SEED, NULL, &error))
    g_warning ("Failed to load the demo data: %s", error->message);

  settings = g_settings_new (APPLICATION_ID);
  self->context = rd_context_new (store, settings);
}

static void
on_open_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           RdApplication    *self)
{
  g_application_quit (G_APPLICATION (self));
}

static void
rd_application_show_open_error (RdApplication *self)
{
  g_autofree char *path = NULL;
  GtkWidget *dialog;

  path = self->db_path ? g_strdup (self->db_path) : rd_store_default_path ();
  dialog = adw_message_dialog_new (NULL,
                                   _("Could Not Open the Database"),
                                   NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” could not be opened: %s. Check that the file "
                                    "is readable and not in use by a newer version of "
                                    "Renewal Desk, or start with --db and another file."),
                                  path, self->open_error);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static int
rd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  RdApplication *self = RD_APPLICATION (application);
  g_autofree char *db_path = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db_path))
    {
      g_free (self->db_path);
      self->db_path = g_steal_pointer (&db_path);
    }

  self->demo = g_variant_dict_contains (options, "demo");

  return G_APPLICATION_CLASS (rd_application_parent_class)->handle_local_options (application,
                                                                                  options);
}

/* Reminders that came due while the application was not running are shown at every
 * start, with or without a window; with one, after its first frame, so that the window
 * does not wait for a catch-up that grows with the data. */
static void
rd_application_start_reminders (RdApplication *self)
{
  g_clear_handle_id (&self->reminders_id, g_source_remove);
  if (self->reminders_started || self->context == NULL)
    return;

  self->reminders_started = TRUE;
  rd_context_start_reminders (self->context, G_APPLICATION (self));
}

static gboolean
start_reminders_cb (gpointer user_data)
{
  RdApplication *self = user_data;

  self->reminders_id = 0;
  rd_application_start_reminders (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_frame_cb (GdkFrameClock *clock,
                   RdApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, self);
  /* After the frame is on screen, not inside its paint. */
  if (!self->reminders_started)
    {
      g_clear_handle_id (&self->reminders_id, g_source_remove);
      self->reminders_id = g_idle_add_full (G_PRIORITY_LOW, start_reminders_cb, self, NULL);
    }
}

static void
on_window_realize_cb (GtkWidget     *window,
                      RdApplication *self)
{
  g_signal_handlers_disconnect_by_func (window, on_window_realize_cb, self);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_first_frame_cb), self, 0);
}

/* The main window, created if needed, presented; NULL when the database could not be opened. */
static RdWindow *
rd_application_present_main_window (RdApplication *self)
{
  GtkWindow *window = NULL;

  if (self->context == NULL)
    {
      rd_application_show_open_error (self);
      return NULL;
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (!RD_IS_WINDOW (window))
    {
      window = NULL;
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
        if (RD_IS_WINDOW (l->data))
          {
            window = l->data;
            break;
          }
    }
  if (window == NULL)
    {
      window = GTK_WINDOW (rd_window_new (self, self->context));
      if (!self->reminders_started)
        g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realize_cb), self, 0);
    }

  gtk_window_present (window);
  return RD_WINDOW (window);
}

static void
rd_application_activate (GApplication *application)
{
  rd_application_present_main_window (RD_APPLICATION (application));
}

/* Runs in the primary instance, for its own command line and for every later invocation:
 * a second `renewal-desk` presents the window of the running one. */
static int
rd_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  RdApplication *self = RD_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);

  if (g_variant_dict_contains (options, "background"))
    {
      if (self->context == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", self->open_error);
          return 1;
        }
      rd_application_start_reminders (self);
      rd_background_request (self->background);
      return 0;
    }

  g_application_activate (application);
  return 0;
}

static void
rd_application_startup (GApplication *application)
{
  RdApplication *self = RD_APPLICATION (application);

  G_APPLICATION_CLASS (rd_application_parent_class)->startup (application);

  rd_stall_monitor_start_if_enabled ();
  rd_bench_driver_attach_if_enabled (GTK_APPLICATION (application));

  rd_application_open_store (self);
  if (self->context == NULL)
    return;

  self->background = rd_background_new (application, rd_context_get_settings (self->context));
  rd_context_prepare_reminders (self->context, application);
  self->reminders_id = g_timeout_add_seconds (REMINDERS_FALLBACK_S, start_reminders_cb, self);
}

static void
rd_application_shutdown (GApplication *application)
{
  RdApplication *self = RD_APPLICATION (application);

  g_clear_handle_id (&self->reminders_id, g_source_remove);
  if (self->context != NULL)
    rd_context_stop_reminders (self->context);
  if (self->background != NULL)
    rd_background_shutdown (self->background);
  g_clear_object (&self->background);

  G_APPLICATION_CLASS (rd_application_parent_class)->shutdown (application);
}

static void
rd_application_finalize (GObject *object)
{
  RdApplication *self = (RdApplication *)object;

  g_clear_object (&self->background);
  g_clear_object (&self->context);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->open_error, g_free);

  G_OBJECT_CLASS (rd_application_parent_class)->finalize (object);
}

static void
rd_application_class_init (RdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rd_application_finalize;

  app_class->activate = rd_application_activate;
  app_class->startup = rd_application_startup;
  app_class->shutdown = rd_application_shutdown;
  app_class->command_line = rd_application_command_line;
  app_class->handle_local_options = rd_application_handle_local_options;
}

static void
rd_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = {
    "The Renewal Desk contributors "
    "https://github.com/renewaldesk/renewal-desk/graphs/contributors",
    NULL
  };
  RdApplication *self = user_data;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* The same facts as the metainfo; GTK_LICENSE_GPL_3_0 is GPL-3.0-or-later. */
  adw_show_about_window (window,
                         "application-name", _("Renewal Desk"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Renewal Desk developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Plan and track AWS Marketplace private offer renewals"),
                         "website", "https://github.com/renewaldesk/renewal-desk",
                         "issue-url", "https://github.com/renewaldesk/renewal-desk/issues",
                         "developers", developers,
                         /* Translators: your names and e-mail addresses, one per line,
                          * as "Name <address>" */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Renewal Desk developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "release-notes-version", "0.1.0",
                         "release-notes",
                         _("<p>The first release: a calendar of every renewal date, the "
                           "renewal pipeline, an offer editor that checks AWS’s rules, "
                           "reminders, import from AWS Marketplace and CSV, iCalendar and CSV "
                           "export, and sync with a team server.</p>"),
                         NULL);
}

static void
rd_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  RdApplication *self = user_data;
  RdPreferencesWindow *preferences;
  GtkWindow *window;

  if (self->context == NULL)
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  preferences = rd_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
rd_application_new_offer_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  RdApplication *self = user_data;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self));
      window = gtk_application_get_active_window (GTK_APPLICATION (self));
    }

  if (RD_IS_WINDOW (window))
    rd_window_new_offer (RD_WINDOW (window));
}

static void
rd_application_open_record_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  RdApplication *self = user_data;
  RdWindow *window;

  window = rd_application_present_main_window (self);
  if (window != NULL)
    rd_window_open_record (window, g_variant_get_string (parameter, NULL));
}

/* A reminder notification (or their summary) was clicked: the Due view. */
static void
rd_application_show_due_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  RdApplication *self = user_data;
  RdWindow *window;

  window = rd_application_present_main_window (self);
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-due", NULL);
}

static void
rd_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  RdApplication *self = user_data;
  GList *windows;

  /* Closing the windows first lets them save their state through their bindings. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (self));
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", rd_application_about_action },
  { "preferences", rd_application_preferences_action },
  { "new-offer", rd_application_new_offer_action },
  { "open-record", rd_application_open_record_action, "s" },
  { "show-due", rd_application_show_due_action },
  { "quit", rd_application_quit_action },
};

static void
rd_application_init (RdApplication *self)
{
  static const char *new_offer_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *calendar_accels[] = { "<Alt>1", NULL };
  static const char *pipeline_accels[] = { "<Alt>2", NULL };
  GOptionEntry entries[G_N_ELEMENTS (option_entries)];

  /* The option strings are translated at run time, after the text domain is bound. */
  for (guint i = 0; i < G_N_ELEMENTS (option_entries); i++)
    {
      entries[i] = option_entries[i];
      if (entries[i].description)
        entries[i].description = _(entries[i].description);
      if (entries[i].arg_description)
        entries[i].arg_description = _(entries[i].arg_description);
    }
  g_application_add_main_option_entries (G_APPLICATION (self), entries);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-offer",
                                         new_offer_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-calendar",
                                         calendar_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-pipeline",
                                         pipeline_accels);
}

RdApplication *
rd_application_new (void)
{
  return g_object_new (RD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/renewaldesk/RenewalDesk",
                       NULL);
}

RdContext *
rd_application_get_context (RdApplication *self)
{
  g_return_val_if_fail (RD_IS_APPLICATION (self), NULL);

  return self->context;
}
