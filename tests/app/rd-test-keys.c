/* rd-test-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <dlfcn.h>

#include <gdk/x11/gdkx.h>

#include "rd-test-keys.h"

/* libXtst's entry point, looked up at run time: the tests need no development package. */
typedef int (*FakeKeyEventFunc) (Display      *display,
                                 unsigned int  keycode,
                                 int           is_press,
                                 unsigned long delay);

typedef int (*FakeButtonEventFunc) (Display      *display,
                                    unsigned int  button,
                                    int           is_press,
                                    unsigned long delay);
typedef int (*FakeMotionEventFunc) (Display      *display,
                                    int           screen,
                                    int           x,
                                    int           y,
                                    unsigned long delay);

static struct
{
  FakeKeyEventFunc    key;
  FakeButtonEventFunc button;
  FakeMotionEventFunc motion;
  const char         *why;
} xtest;

static gboolean
load_xtest (const char **reason)
{
  static gsize init;

  if (g_once_init_enter (&init))
    {
      void *library = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);

      if (library == NULL)
        xtest.why = "libXtst.so.6 is not installed (Debian: libxtst6)";
      else if ((xtest.key = (FakeKeyEventFunc) dlsym (library, "XTestFakeKeyEvent")) == NULL
               || (xtest.button = (FakeButtonEventFunc) dlsym (library,
                                                               "XTestFakeButtonEvent")) == NULL
               || (xtest.motion = (FakeMotionEventFunc) dlsym (library,
                                                               "XTestFakeMotionEvent")) == NULL)
        {
          xtest.key = NULL;
          xtest.why = "libXtst.so.6 lacks XTestFakeKeyEvent, ButtonEvent or MotionEvent";
        }
      g_once_init_leave (&init, 1);
    }
  if (xtest.key == NULL && reason != NULL)
    *reason = xtest.why;
  return xtest.key != NULL;
}

static FakeKeyEventFunc
get_fake_key_event (const char **reason)
{
  return load_xtest (reason) ? xtest.key : NULL;
}

gboolean
rd_test_keys_available (const char **reason)
{
  int opcode, event, error;

  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      if (reason != NULL)
        *reason = "the display is not an X11 one";
      return FALSE;
    }
  if (!XQueryExtension (gdk_x11_display_get_xdisplay (gdk_display_get_default ()), "XTEST",
                        &opcode, &event, &error))
    {
      if (reason != NULL)
        *reason = "the X server has no XTEST extension";
      return FALSE;
    }
  return get_fake_key_event (reason) != NULL;
}

void
rd_test_require_real_input (void)
{
  const char *reason = NULL;

  if (!rd_test_keys_available (&reason))
    {
      g_printerr ("Real key presses and clicks are not available: %s\n", reason);
      exit (1);
    }
}

static void
send_keysym (Display          *xdisplay,
             FakeKeyEventFunc  fake,
             KeySym            keysym,
             gboolean          press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  g_assert_cmpuint (code, !=, 0);
  fake (xdisplay, code, press, 0);
}

static void
press (GtkWidget       *widget,
       KeySym           keysym,
       GdkModifierType  modifiers)
{
  static const struct
  {
    GdkModifierType mask;
    KeySym          keysym;
  } modifier_keys[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_ALT_MASK, XK_Alt_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
  };
  FakeKeyEventFunc fake = get_fake_key_event (NULL);
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));

  g_assert_nonnull (fake);
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  for (guint i = 0; i < G_N_ELEMENTS (modifier_keys); i++)
    if (modifiers & modifier_keys[i].mask)
      send_keysym (xdisplay, fake, modifier_keys[i].keysym, TRUE);
  send_keysym (xdisplay, fake, keysym, TRUE);
  send_keysym (xdisplay, fake, keysym, FALSE);
  for (guint i = G_N_ELEMENTS (modifier_keys); i > 0; i--)
    if (modifiers & modifier_keys[i - 1].mask)
      send_keysym (xdisplay, fake, modifier_keys[i - 1].keysym, FALSE);
  XFlush (xdisplay);
}

void
rd_test_press_key (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GDK's key values are X keysyms. */
  press (widget, (KeySym) keyval, modifiers);
}

void
rd_test_type_text (GtkWidget  *widget,
                   const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (const char *c = text; *c != '\0'; c++)
    {
      g_assert_true (g_ascii_isprint (*c));
      press (widget, gdk_unicode_to_keyval ((guint32) g_ascii_tolower (*c)),
             g_ascii_isupper (*c) ? GDK_SHIFT_MASK : 0);
    }
}

void
rd_test_click_widget (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  rd_test_click_widget_at (widget, gtk_widget_get_width (widget) / 2.0,
                           gtk_widget_get_height (widget) / 2.0);
}

void
rd_test_click_widget_at (GtkWidget *widget,
                         double     x,
                         double     y)
{
  GtkNative *native;
  GdkSurface *surface;
  Display *xdisplay;
  graphene_point_t point;
  double surface_x;
  double surface_y;
  Window child;
  int root_x;
  int root_y;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_assert_true (load_xtest (NULL));
  g_assert_true (gtk_widget_get_mapped (widget));

  /* The point of the widget, in the coordinates of its surface, then of the screen. */
  native = gtk_widget_get_native (widget);
  surface = gtk_native_get_surface (native);
  xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));
  if (!gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y),
                                 &point))
    g_error ("%s has no position in its window", G_OBJECT_TYPE_NAME (widget));
  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  XTranslateCoordinates (xdisplay, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (xdisplay),
                         (int) (point.x + surface_x), (int) (point.y + surface_y),
                         &root_x, &root_y, &child);

  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  xtest.motion (xdisplay, -1, root_x, root_y, 0);
  xtest.button (xdisplay, 1, TRUE, 0);
  xtest.button (xdisplay, 1, FALSE, 0);
  XFlush (xdisplay);
}
