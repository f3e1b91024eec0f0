/* rd-keyring.h
 *
 * The app's secrets in the Secret Service (GNOME Keyring, KeePassXC, …), never in GSettings,
 * the database or any other file:
 * - the team sync password, schema "io.github.renewaldesk.RenewalDesk.Sync" with the
 *   attributes server and user;
 * - one AWS access key, schema "….AwsAccessKey" with the attribute access-key-id; remembering
 *   a new one forgets the old.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The sync password. NULL without an error when none is remembered for this server and
 * user. */
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

/* The AWS access key. FALSE without an error when none is remembered. */
void      rd_aws_keyring_lookup_async           (GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  rd_aws_keyring_lookup_finish          (GAsyncResult         *result,
                                                 char                **access_key_id,
                                                 char                **secret_access_key,
                                                 GError              **error);

void      rd_aws_keyring_store_async            (const char           *access_key_id,
                                                 const char           *secret_access_key,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  rd_aws_keyring_store_finish           (GAsyncResult         *result,
                                                 GError              **error);

void      rd_aws_keyring_forget_async           (GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean  rd_aws_keyring_forget_finish          (GAsyncResult         *result,
                                                 GError              **error);

/* For the tests, which have no Secret Service: every secret then lives in this process's
 * memory only, and is gone when it exits. Call before anything looks a secret up. */
void      rd_secret_use_memory_backend          (void);

G_END_DECLS
