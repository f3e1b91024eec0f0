/* rd-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-secret"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "rd-secret.h"

#define SERVER_ATTRIBUTE "server"
#define USER_ATTRIBUTE   "user"

/* server "\n" user → password; only set by rd_secret_use_memory_backend(). */
static GHashTable *memory_backend;

static const SecretSchema *
rd_secret_get_sync_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Sync", SECRET_SCHEMA_NONE,
    {
      { SERVER_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { USER_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static char *
memory_key (const char *server,
            const char *user)
{
  return g_strdup_printf ("%s\n%s", server, user);
}

void
rd_secret_use_memory_backend (void)
{
  if (memory_backend == NULL)
    memory_backend = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
on_password_looked_up_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (password), g_free);
  if (password != NULL)
    secret_password_free (password);
}

void
rd_secret_lookup_sync_password_async (const char          *server,
                                      const char          *user,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_secret_lookup_sync_password_async);

  if (memory_backend != NULL)
    {
      g_autofree char *key = memory_key (server, user);

      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (memory_backend, key)),
                             g_free);
      return;
    }

  secret_password_lookup (rd_secret_get_sync_schema (), cancellable,
                          on_password_looked_up_cb, g_steal_pointer (&task),
                          SERVER_ATTRIBUTE, server,
                          USER_ATTRIBUTE, user,
                          NULL);
}

char *
rd_secret_lookup_sync_password_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (g_task_get_task_data (task) != NULL)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rd_secret_store_sync_password_async (const char          *server,
                                     const char          *user,
                                     const char          *password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *label = NULL;
  gboolean forget;

  g_return_if_fail (server != NULL);
  g_return_if_fail (user != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_secret_store_sync_password_async);
  forget = password == NULL || *password == '\0';

  if (memory_backend != NULL)
    {
      g_autofree char *key = memory_key (server, user);

      if (forget)
        g_hash_table_remove (memory_backend, key);
      else
        g_hash_table_replace (memory_backend, g_steal_pointer (&key), g_strdup (password));
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (forget)
    {
      secret_password_clear (rd_secret_get_sync_schema (), cancellable,
                             on_password_stored_cb, g_steal_pointer (&task),
                             SERVER_ATTRIBUTE, server,
                             USER_ATTRIBUTE, user,
                             NULL);
      return;
    }

  /* Marks a store, as opposed to a clear, for on_password_stored_cb. */
  g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
  /* Translators: the name of the password in the keyring; %s are a user name and a server */
  label = g_strdup_printf (_("Renewal Desk team sync: %s on %s"), user, server);
  secret_password_store (rd_secret_get_sync_schema (), SECRET_COLLECTION_DEFAULT, label,
                         password, cancellable, on_password_stored_cb, g_steal_pointer (&task),
                         SERVER_ATTRIBUTE, server,
                         USER_ATTRIBUTE, user,
                         NULL);
}

gboolean
rd_secret_store_sync_password_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
