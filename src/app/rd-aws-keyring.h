/* rd-aws-keyring.h
 *
 * An AWS access key remembered in the Secret Service (GNOME Keyring, KeePassXC, …), never in
 * GSettings or the database. One key at most: remembering a new one forgets the old.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      rd_aws_keyring_lookup_async  (GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
/* FALSE without an error when no key is remembered. */
gboolean  rd_aws_keyring_lookup_finish (GAsyncResult         *result,
                                        char                **access_key_id,
                                        char                **secret_access_key,
                                        GError              **error);

void      rd_aws_keyring_store_async   (const char           *access_key_id,
                                        const char           *secret_access_key,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  rd_aws_keyring_store_finish  (GAsyncResult         *result,
                                        GError              **error);

void      rd_aws_keyring_forget_async  (GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean  rd_aws_keyring_forget_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
