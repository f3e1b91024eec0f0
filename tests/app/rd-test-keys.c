/* rd-test-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>

#include <gdk/x11/gdkx.h>

#include "rd-test-keys.h"

/* libXtst's entry point, looked up at run time: the tests need no development package. */
typedef int (*FakeKeyEventFunc) (Display      *display,
                                 unsigned int  keycode,
                                 int           is_press,
                                 unsigned long delay);

static FakeKeyEventFunc
get_fake_key_event (const char **reason)
{
  static FakeKeyEventFunc func;
  static const char *why;
  static gsize init;

  if (g_once_init_enter (&init))
    {
      void *library = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);

      if (library == NULL)
        why = "libXtst.so.6 is not installed (Debian: libxtst6)";
      else if ((func = (FakeKeyEventFunc) dlsym (library, "XTestFakeKeyEvent")) == NULL)
        why = "libXtst.so.6 has no XTestFakeKeyEvent";
      g_once_init_leave (&init, 1);
    }
  if (func == NULL && reason != NULL)
    *reason = why;
  return func;
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
