/* rd-test-keys.h
 *
 * Real key presses and pointer clicks for the UI tests: through the X server's XTEST
 * extension, as a keyboard or a mouse sends them, so that they go through GTK's whole event
 * handling (focus, key bindings, shortcuts, mnemonics, gestures, picking). Only under the X11
 * backend, which the UI tests run on (run-under-xvfb.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether real key presses can be sent; when not, why in @reason (may be NULL). */
gboolean rd_test_keys_available (const char      **reason);
/* For tests that press real keys and click: ends the program with status 1 when they cannot
 * be sent (a UI test that cannot drive the window fails; it does not pass unseen). */
void     rd_test_require_real_input (void);
/* Gives the window of @widget the keyboard focus, then presses and releases @keyval with
 * @modifiers (GDK_CONTROL_MASK, GDK_ALT_MASK, GDK_SHIFT_MASK) held. Returns at once: wait for
 * what the key does. */
void     rd_test_press_key      (GtkWidget        *widget,
                                 guint             keyval,
                                 GdkModifierType   modifiers);
/* Moves the pointer to the middle of @widget (mapped, not covered) and clicks the primary
 * button there, as a mouse does. Returns at once: wait for what the click does. */
void     rd_test_click_widget   (GtkWidget        *widget);
/* The same at (@x, @y) in @widget's coordinates. Two clicks at the same point in quick
 * succession are a double click: click a few pixels apart when that is not meant. */
void     rd_test_click_widget_at (GtkWidget       *widget,
                                  double           x,
                                  double           y);
/* Types @text (printable ASCII) key by key into whatever has the focus in @widget's window. */
void     rd_test_type_text      (GtkWidget        *widget,
                                 const char       *text);

G_END_DECLS
