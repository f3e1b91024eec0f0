/* test-shortcuts.c
 *
 * The Keyboard Shortcuts window (ui/gtk/help-overlay.ui) lists every shortcut the app
 * defines: the application's accelerators and the key bindings of our widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-application.h"
#include "rd-context.h"
#include "rd-preferences-window.h"
#include "rd-record-editor.h"
#include "rd-test-app.h"
#include "rd-window.h"

typedef struct
{
  GHashTable *action_names;  /* listed by action-name */
  GHashTable *accelerators;  /* listed by accelerator, normalised by gtk_accelerator_name() */
} Overlay;

static char *
normalise_accelerator (const char *accelerator)
{
  guint key = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accelerator, &key, &mods))
    return g_strdup (accelerator);

  return gtk_accelerator_name (key, mods);
}

static void
overlay_load (Overlay *overlay)
{
  g_autoptr (GtkBuilder) builder = NULL;
  GSList *objects;

  builder = gtk_builder_new_from_resource ("/io/github/renewaldesk/RenewalDesk/"
                                           "gtk/help-overlay.ui");
  overlay->action_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  overlay->accelerators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *action_name = NULL;
      g_autofree char *accelerator = NULL;
      g_auto (GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;

      g_object_get (l->data, "action-name", &action_name, "accelerator", &accelerator, NULL);
      if (action_name != NULL)
        g_hash_table_add (overlay->action_names, g_steal_pointer (&action_name));
      if (accelerator == NULL)
        continue;

      parts = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_hash_table_add (overlay->accelerators, normalise_accelerator (parts[i]));
    }
  g_slist_free (objects);

  g_assert_cmpuint (g_hash_table_size (overlay->action_names)
                    + g_hash_table_size (overlay->accelerators), >, 0);
}

static void
overlay_clear (Overlay *overlay)
{
  g_clear_pointer (&overlay->action_names, g_hash_table_unref);
  g_clear_pointer (&overlay->accelerators, g_hash_table_unref);
}

static gboolean
overlay_lists (Overlay    *overlay,
               const char *action_name,
               const char *trigger)
{
  g_autofree char *normalised = trigger ? normalise_accelerator (trigger) : NULL;

  return (action_name != NULL && g_hash_table_contains (overlay->action_names, action_name))
         || (normalised != NULL && g_hash_table_contains (overlay->accelerators, normalised));
}

static void
test_shortcuts_application_accels (void)
{
  g_autoptr (RdApplication) app = rd_application_new ();
  g_auto (GStrv) actions = NULL;
  Overlay overlay = { 0 };
  guint n_checked = 0;

  overlay_load (&overlay);

  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          if (!overlay_lists (&overlay, actions[i], accels[j]))
            g_error ("%s (%s) is not in ui/gtk/help-overlay.ui", accels[j], actions[i]);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >, 0);
  g_test_message ("%u application accelerators listed", n_checked);
  overlay_clear (&overlay);
}

/* The key bindings of our own widgets (gtk_widget_class_add_binding_action()), found in
 * the shortcut controllers of @widget and its descendants. */
static guint
check_widget_shortcuts (GtkWidget *widget,
                        Overlay   *overlay)
{
  guint n_checked = 0;

  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Rd"))
    {
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;

          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr (GtkShortcut) shortcut = NULL;
              g_autofree char *trigger = NULL;
              GtkShortcutAction *action;
              const char *name;

              shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
              action = gtk_shortcut_get_action (shortcut);
              trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
              name = GTK_IS_NAMED_ACTION (action)
                                 ? gtk_named_action_get_action_name (GTK_NAMED_ACTION (action))
                                 : NULL;

              /* GTK's own bindings inherited from GtkWindow (Space, F10 for the primary
               * menu, …) are signal or callback actions; ours are named actions. */
              if (name == NULL)
                continue;
              if (!overlay_lists (overlay, name, trigger))
                g_error ("%s: %s (%s) is not in ui/gtk/help-overlay.ui",
                         G_OBJECT_TYPE_NAME (widget), trigger, name ? name : "?");
              n_checked++;
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_checked += check_widget_shortcuts (child, overlay);

  return n_checked;
}

static void
test_shortcuts_widget_bindings (void)
{
  RdTestFixture fixture = { 0 };
  GtkWidget *windows[3];
  Overlay overlay = { 0 };
  guint n_checked = 0;

  overlay_load (&overlay);
  rd_test_fixture_open (&fixture, "shortcuts", FALSE);
  fixture.context = rd_context_new (fixture.store, fixture.settings);

  windows[0] = GTK_WIDGET (rd_window_new (NULL, fixture.context));
  windows[1] = GTK_WIDGET (rd_record_editor_new_offer (fixture.context));
  windows[2] = GTK_WIDGET (rd_preferences_window_new (fixture.context));

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      n_checked += check_widget_shortcuts (windows[i], &overlay);
      gtk_window_destroy (GTK_WINDOW (windows[i]));
    }

  g_assert_cmpuint (n_checked, >, 0);
  g_test_message ("%u widget key bindings listed", n_checked);

  rd_test_fixture_teardown (&fixture, NULL);
  overlay_clear (&overlay);
}

int
main (int   argc,
      char *argv[])
{
  rd_test_init (&argc, &argv);

  g_test_add_func ("/app/shortcuts/application-accels", test_shortcuts_application_accels);
  g_test_add_func ("/app/shortcuts/widget-bindings", test_shortcuts_widget_bindings);

  return g_test_run ();
}
