/* rd-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_PREFERENCES_WINDOW (rd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, RD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

RdPreferencesWindow *rd_preferences_window_new (RdContext *context);

/* "120, 90, 60" <-> [120, 90, 60]; NULL when the text is not a list of day counts. */
GVariant            *rd_preferences_parse_offsets  (const char *text);
char                *rd_preferences_format_offsets (GVariant   *offsets);

G_END_DECLS
