/* rd-background.h
 *
 * Running without a window (DESIGN §6): `renewal-desk --background`, the "Run in Background"
 * switch (app.run-in-background, bound to the "run-in-background" key) that keeps the
 * application alive when its last window closes, and the per-user autostart entry that
 * starts it at login: a desktop file in $XDG_CONFIG_HOME/autostart, or inside Flatpak the
 * Background portal's autostart request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_BACKGROUND_AUTOSTART_RESOURCE \
  "/io/github/renewaldesk/RenewalDesk/autostart/" APPLICATION_ID "-autostart.desktop"

#define RD_TYPE_BACKGROUND (rd_background_get_type ())
G_DECLARE_FINAL_TYPE (RdBackground, rd_background, RD, BACKGROUND, GObject)

/* Adds app.run-in-background to application and follows the setting from then on. */
RdBackground *rd_background_new                  (GApplication  *application,
                                                  GSettings     *settings);
/* Keeps the application running without a window (the --background option). */
void          rd_background_request              (RdBackground  *self);
/* Drops the hold and the action (application shutdown). */
void          rd_background_shutdown             (RdBackground  *self);
gboolean      rd_background_is_holding           (RdBackground  *self);

/* $XDG_CONFIG_HOME/autostart/io.github.renewaldesk.RenewalDesk.desktop */
char         *rd_background_dup_autostart_path   (void);
gboolean      rd_background_write_autostart_file (const char    *path,
                                                  GError       **error);
gboolean      rd_background_remove_autostart_file (const char   *path,
                                                  GError       **error);
gboolean      rd_background_in_flatpak           (void);

G_END_DECLS
