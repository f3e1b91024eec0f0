/* rd-test-app.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-date.h"
#include "rd-demo.h"
#include "rd-test-app.h"
#include "rd-text-cell.h"

#define RESOURCE_PATH "/io/github/renewaldesk/RenewalDesk"

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

typedef struct
{
  GtkWidget *widget;
  gboolean   painted;
} FrameWait;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWait     *wait)
{
  wait->painted = TRUE;
}

static gboolean
frame_painted (gpointer user_data)
{
  FrameWait *wait = user_data;

  return wait->painted;
}

void
rd_test_wait_for_frame (GtkWidget *widget)
{
  FrameWait wait = { widget, FALSE };
  GdkFrameClock *clock;
  gulong handler;

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &wait);
  gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_root (widget)));
  rd_test_wait_until (frame_painted, &wait, "a frame to be painted");
  g_signal_handler_disconnect (clock, handler);
}

static gboolean
widget_mapped (gpointer user_data)
{
  GtkWidget *widget = user_data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0
         && gtk_widget_get_height (widget) > 0;
}

void
rd_test_wait_for_mapped (GtkWidget *widget)
{
  rd_test_wait_until (widget_mapped, widget, G_OBJECT_TYPE_NAME (widget));
  rd_test_wait_for_frame (widget);
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} ItemsWait;

static gboolean
model_has_n_items (gpointer user_data)
{
  ItemsWait *wait = user_data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

void
rd_test_wait_for_n_items (GListModel *model,
                          guint       n_items)
{
  ItemsWait wait = { model, n_items };

  if (!rd_test_pump_until (model_has_n_items, &wait, RD_TEST_TIMEOUT_MS))
    g_error ("Timed out waiting for %u items in a %s; it has %u", n_items,
             G_OBJECT_TYPE_NAME (model), g_list_model_get_n_items (model));
}

static gboolean
pointer_cleared (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

static gboolean
agenda_follows_selection (gpointer user_data)
{
  RdCalendarView *view = user_data;
  g_autofree char *selected = NULL;
  GDate date;

  rd_month_grid_get_selected (rd_calendar_view_get_grid (view), &date);
  selected = rd_date_format (&date);
  return g_strcmp0 (rd_calendar_view_get_agenda_day (view), selected) == 0;
}

void
rd_test_wait_for_agenda (RdCalendarView *view)
{
  rd_test_wait_until (agenda_follows_selection, view, "the agenda to list the selected day");
}

void
rd_test_wait_for_finalized (gpointer *weak_pointer)
{
  rd_test_wait_until (pointer_cleared, weak_pointer, "an object to be finalized");
}

typedef struct
{
  GType      type;
  GtkWindow *found;
} ToplevelWait;

static gboolean
toplevel_shown (gpointer user_data)
{
  ToplevelWait *wait = user_data;

  wait->found = rd_test_find_toplevel (wait->type);
  return wait->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (wait->found));
}

GtkWindow *
rd_test_wait_for_toplevel (GType type)
{
  ToplevelWait wait = { type, NULL };

  rd_test_wait_until (toplevel_shown, &wait, g_type_name (type));
  return wait.found;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  const char *ancestor;
  GtkWidget  *found;
} LabelWait;

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  const LabelWait *wait = data;

  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), wait->text) != NULL
         && (wait->ancestor == NULL
             || gtk_widget_get_ancestor (widget, g_type_from_name (wait->ancestor)) != NULL);
}

static gboolean
label_shown (gpointer user_data)
{
  LabelWait *wait = user_data;

  wait->found = rd_test_find_widget (wait->root, match_label, wait);
  return wait->found != NULL;
}

GtkWidget *
rd_test_wait_for_label (GtkWidget  *root,
                        const char *text)
{
  LabelWait wait = { root, text, NULL, NULL };

  if (!rd_test_pump_until (label_shown, &wait, RD_TEST_TIMEOUT_MS))
    g_error ("Timed out waiting for a label with \"%s\"", text);
  return wait.found;
}

GtkWidget *
rd_test_wait_for_toast (GtkWidget  *root,
                        const char *text)
{
  /* libadwaita's toast widget is private: known by name, registered with the first toast. */
  LabelWait wait = { root, text, "AdwToastWidget", NULL };

  if (!rd_test_pump_until (label_shown, &wait, RD_TEST_TIMEOUT_MS))
    g_error ("Timed out waiting for a toast with \"%s\"", text);
  return wait.found;
}

typedef struct
{
  RdWindow   *window;
  const char *name;
} ViewWait;

static gboolean
view_shown (gpointer user_data)
{
  ViewWait *wait = user_data;

  return g_strcmp0 (rd_window_get_visible_view (wait->window), wait->name) == 0;
}

void
rd_test_wait_for_view (RdWindow   *window,
                       const char *name)
{
  ViewWait wait = { window, name };

  if (!rd_test_pump_until (view_shown, &wait, RD_TEST_TIMEOUT_MS))
    g_error ("Timed out waiting for the %s view; the window shows %s", name,
             rd_window_get_visible_view (window));
}

void
rd_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                           : ADW_COLOR_SCHEME_FORCE_LIGHT);
  rd_test_flush ();
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

  rd_test_wait_for_mapped (widget);

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

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
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
rd_test_fixture_present (RdTestFixture *fixture)
{
  rd_test_set_dark (FALSE);
  gtk_window_present (GTK_WINDOW (fixture->window));
  rd_test_wait_for_mapped (GTK_WIDGET (fixture->window));
}

void
rd_test_fixture_open_demo_window (RdTestFixture *fixture,
                                  const char    *name,
                                  int            width,
                                  int            height)
{
  rd_test_fixture_open (fixture, name, TRUE);
  g_settings_reset (fixture->settings, "last-view");
  rd_test_fixture_open_window (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  rd_test_fixture_present (fixture);
}

gboolean
rd_test_has_size (gpointer user_data)
{
  RdTestSizeWait *wait = user_data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (wait->widget));

  return surface != NULL && gdk_surface_get_width (surface) == wait->width
         && gdk_surface_get_height (surface) == wait->height;
}

void
rd_test_fixture_teardown (RdTestFixture *fixture,
                          gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      rd_test_flush ();
    }
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  rd_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

guint
rd_test_count_legend_whole (GtkWidget *root)
{
  guint n = 0;

  if (gtk_widget_has_css_class (root, "legend-chip") && gtk_widget_get_mapped (root))
    {
      GtkWidget *label = gtk_widget_get_last_child (root);

      g_assert_true (GTK_IS_LABEL (label));
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label))))
        g_error ("The legend cuts “%s”", gtk_label_get_text (GTK_LABEL (label)));
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += rd_test_count_legend_whole (child);
  return n;
}

guint
rd_test_count_text_cells_whole (GtkWidget *root,
                                GRegex    *pattern)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = RD_IS_TEXT_CELL (child) && gtk_widget_get_mapped (child)
                         ? rd_text_cell_get_text (RD_TEXT_CELL (child)) : NULL;

      if (text != NULL && g_regex_match (pattern, text, 0, NULL))
        {
          g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (child, text);
          int width;

          pango_layout_get_pixel_size (layout, &width, NULL);
          if (width > gtk_widget_get_width (child))
            g_error ("“%s” needs %d px of %d", text, width, gtk_widget_get_width (child));
          n++;
        }
      n += rd_test_count_text_cells_whole (child, pattern);
    }
  return n;
}
