/* rd-sync-preferences.h
 *
 * The Team Sync page of the preferences: server address, database, user name (GSettings),
 * the password (Secret Service), and Sync Now. An http:// address to another computer is
 * refused with an inline error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"

G_BEGIN_DECLS

#define RD_TYPE_SYNC_PREFERENCES (rd_sync_preferences_get_type ())
G_DECLARE_FINAL_TYPE (RdSyncPreferences, rd_sync_preferences, RD, SYNC_PREFERENCES,
                      AdwPreferencesPage)

RdSyncPreferences *rd_sync_preferences_new             (RdContext         *context);
/* The inline error under the server rows, NULL when there is none. */
const char        *rd_sync_preferences_get_error       (RdSyncPreferences *self);

G_END_DECLS
