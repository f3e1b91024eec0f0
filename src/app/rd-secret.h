/* rd-secret.h
 *
 * The team sync password, kept in the Secret Service (GNOME Keyring, KeePassXC, …) under the
 * schema "io.github.renewaldesk.RenewalDesk.Sync" with the attributes server and user; never
 * in GSettings, the database or any other file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* NULL without an error when no password is remembered for this server and user. */
void      rd_secret_lookup_sync_password_async  (const char           *server,
                                                 const char           *user,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char     *rd_secret_lookup_sync_password_finish (GAsyncResult         *result,
                                                 GError              **error);

/* An empty password forgets the remembered one. */
void      rd_secret_store_sync_password_async   (const char           *server,
                                                 const char           *user,
                                                 const char           *password,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  rd_secret_store_sync_password_finish  (GAsyncResult         *result,
                                                 GError              **error);

/* For the tests, which have no Secret Service: passwords then live in this process's
 * memory only, and are gone when it exits. Call before anything looks a password up. */
void      rd_secret_use_memory_backend          (void);

G_END_DECLS
