/* rd-test-app.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rd-demo.h"
#include "rd-test-app.h"

#define RESOURCE_PATH "/io/github/renewaldesk/RenewalDesk"

static gboolean bounded_pump;

void
rd_test_init (int    *argc,
              char ***argv)
{
  g_autoptr (GtkCssProvider) provider = NULL;
  GdkDisplay *display;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();

  display = gdk_display_get_default ();
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (display),
                                    RESOURCE_PATH "/icons");
}

void
rd_test_use_bounded_pump (void)
{
  bounded_pump = TRUE;
}

void
rd_test_pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (bounded_pump)
        {
          for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
            ;
        }
      else
        {
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      g_usleep (2000);
    }
}

void
rd_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  rd_test_pump (100);
}

void
rd_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *builddir;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width;
  int height;

  rd_test_pump (300);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  builddir = g_getenv ("G_TEST_BUILDDIR");
  dir = g_build_filename (builddir != NULL ? builddir : ".", "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
rd_test_save_screenshots (GtkWidget  *widget,
                          const char *name)
{
  g_autofree char *light = g_strdup_printf ("%s-light", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark", name);

  rd_test_save_screenshot (widget, light);
  rd_test_set_dark (TRUE);
  rd_test_save_screenshot (widget, dark);
  rd_test_set_dark (FALSE);
}

GtkWidget *
rd_test_find_widget (GtkWidget         *root,
                     RdTestWidgetMatch  match,
                     gconstpointer      data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rd_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
rd_test_find_descendant (GtkWidget *root,
                         GType      type)
{
  return rd_test_find_widget (root, match_type, GSIZE_TO_POINTER (type));
}

GtkWindow *
rd_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

void
rd_test_remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rd_test_remove_dir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
rd_test_fixture_open (RdTestFixture *fixture,
                      const char    *name,
                      gboolean       with_demo)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("rd-test-%s-XXXXXX", name);
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "renewals.db", NULL);
  fixture->store = rd_store_open (path, &error);
  g_assert_no_error (error);

  if (with_demo)
    {
      rd_demo_populate (fixture->store, RD_DEMO_DEFAULT_COUNT, RD_DEMO_DEFAULT_SEED, NULL,
                        &error);
      g_assert_no_error (error);
    }

  fixture->settings = g_settings_new (APPLICATION_ID);
}

void
rd_test_fixture_open_window (RdTestFixture *fixture)
{
  fixture->context = rd_context_new (fixture->store, fixture->settings);
  fixture->window = g_object_ref_sink (rd_window_new (NULL, fixture->context));
}

void
rd_test_fixture_present (RdTestFixture *fixture,
                         guint          settle_ms)
{
  rd_test_set_dark (FALSE);
  gtk_window_present (GTK_WINDOW (fixture->window));
  rd_test_pump (settle_ms);
}

void
rd_test_fixture_teardown (RdTestFixture *fixture,
                          gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      rd_test_pump (50);
    }
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  rd_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}
