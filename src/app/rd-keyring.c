/* rd-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "rd-keyring.h"

#define SERVER_ATTRIBUTE "server"
#define USER_ATTRIBUTE   "user"
#define ACCESS_KEY_ID_ATTRIBUTE "access-key-id"

/* Only set by rd_secret_use_memory_backend(): server "\n" user → sync password, and the
 * AWS key pair (aws_key_id, aws_key_secret). */
static GHashTable *memory_backend;
static char *memory_aws_key_id;
static char *memory_aws_key_secret;

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

/* A store or a clear ended: the task's result is whether it worked. Clearing nothing is
 * not an error. */
static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_cleared_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
written_finish (GAsyncResult  *result,
                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
                             on_cleared_cb, g_steal_pointer (&task),
                             SERVER_ATTRIBUTE, server,
                             USER_ATTRIBUTE, user,
                             NULL);
      return;
    }

  /* Translators: the name of the password in the keyring; %s are a user name and a server */
  label = g_strdup_printf (_("Renewal Desk team sync: %s on %s"), user, server);
  secret_password_store (rd_secret_get_sync_schema (), SECRET_COLLECTION_DEFAULT, label,
                         password, cancellable, on_stored_cb, g_steal_pointer (&task),
                         SERVER_ATTRIBUTE, server,
                         USER_ATTRIBUTE, user,
                         NULL);
}

gboolean
rd_secret_store_sync_password_finish (GAsyncResult  *result,
                                      GError       **error)
{
  return written_finish (result, error);
}

/* The AWS access key. */

typedef struct
{
  char *access_key_id;
  char *secret_access_key;
} KeyPair;

static const SecretSchema *
rd_aws_keyring_get_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".AwsAccessKey", SECRET_SCHEMA_NONE,
    {
      { ACCESS_KEY_ID_ATTRIBUTE, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static void
key_pair_free (KeyPair *pair)
{
  g_free (pair->access_key_id);
  if (pair->secret_access_key != NULL)
    secret_password_free (pair->secret_access_key);
  g_free (pair);
}

static void
on_retrieve_secret_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (GError) error = NULL;
  SecretValue *value;
  KeyPair *pair;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (source), result,
                                                     &error);
  if (value == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (source));
  pair = g_new0 (KeyPair, 1);
  pair->access_key_id = g_strdup (g_hash_table_lookup (attributes, ACCESS_KEY_ID_ATTRIBUTE));
  pair->secret_access_key = g_strdup (secret_value_get_text (value));
  secret_value_unref (value);

  if (pair->access_key_id == NULL || pair->secret_access_key == NULL)
    {
      key_pair_free (pair);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task, pair, (GDestroyNotify) key_pair_free);
}

static void
on_search_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (items == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  secret_retrievable_retrieve_secret (items->data, g_task_get_cancellable (task),
                                      on_retrieve_secret_cb, g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

void
rd_aws_keyring_lookup_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_keyring_lookup_async);

  if (memory_backend != NULL)
    {
      KeyPair *pair = NULL;

      if (memory_aws_key_id != NULL)
        {
          pair = g_new0 (KeyPair, 1);
          pair->access_key_id = g_strdup (memory_aws_key_id);
          pair->secret_access_key = g_strdup (memory_aws_key_secret);
        }
      g_task_return_pointer (task, pair, (GDestroyNotify) key_pair_free);
      g_object_unref (task);
      return;
    }

  secret_password_search (rd_aws_keyring_get_schema (),
                          SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                          cancellable, on_search_cb, task,
                          NULL);
}

gboolean
rd_aws_keyring_lookup_finish (GAsyncResult  *result,
                              char         **access_key_id,
                              char         **secret_access_key,
                              GError       **error)
{
  KeyPair *pair;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (access_key_id != NULL && secret_access_key != NULL, FALSE);

  *access_key_id = NULL;
  *secret_access_key = NULL;

  pair = g_task_propagate_pointer (G_TASK (result), error);
  if (pair == NULL)
    return FALSE;

  *access_key_id = g_steal_pointer (&pair->access_key_id);
  *secret_access_key = g_steal_pointer (&pair->secret_access_key);
  key_pair_free (pair);

  return TRUE;
}

static void
on_clear_before_store_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *label = NULL;
  KeyPair *pair = g_task_get_task_data (task);

  /* Nothing to forget is not an error. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Translators: the label of the secret in Passwords and Keys; %s is the access key ID */
  label = g_strdup_printf (_("Renewal Desk: AWS access key %s"), pair->access_key_id);
  secret_password_store (rd_aws_keyring_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         pair->secret_access_key, g_task_get_cancellable (task),
                         on_stored_cb, g_object_ref (task),
                         ACCESS_KEY_ID_ATTRIBUTE, pair->access_key_id,
                         NULL);
}

void
rd_aws_keyring_store_async (const char          *access_key_id,
                            const char          *secret_access_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  KeyPair *pair;
  GTask *task;

  g_return_if_fail (access_key_id != NULL && *access_key_id != '\0');
  g_return_if_fail (secret_access_key != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_keyring_store_async);
  pair = g_new0 (KeyPair, 1);
  pair->access_key_id = g_strdup (access_key_id);
  pair->secret_access_key = g_strdup (secret_access_key);
  g_task_set_task_data (task, pair, (GDestroyNotify) key_pair_free);

  if (memory_backend != NULL)
    {
      g_free (memory_aws_key_id);
      g_free (memory_aws_key_secret);
      memory_aws_key_id = g_strdup (access_key_id);
      memory_aws_key_secret = g_strdup (secret_access_key);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  secret_password_clear (rd_aws_keyring_get_schema (), cancellable,
                         on_clear_before_store_cb, task,
                         NULL);
}

gboolean
rd_aws_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return written_finish (result, error);
}

void
rd_aws_keyring_forget_async (GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_keyring_forget_async);

  if (memory_backend != NULL)
    {
      g_clear_pointer (&memory_aws_key_id, g_free);
      g_clear_pointer (&memory_aws_key_secret, g_free);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  secret_password_clear (rd_aws_keyring_get_schema (), cancellable, on_cleared_cb, task,
                         NULL);
}

gboolean
rd_aws_keyring_forget_finish (GAsyncResult  *result,
                              GError       **error)
{
  return written_finish (result, error);
}
