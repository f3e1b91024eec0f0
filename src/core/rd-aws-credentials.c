/* rd-aws-credentials.c
 *
 * The AWS files are INI as the CLI reads it: "key = value", comments with '#' or ';',
 * indented lines belong to a nested setting (e.g. s3 = ...) and are ignored here. GKeyFile
 * is not used because it rejects those files and unescapes backslashes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-credentials"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-aws-credentials.h"

G_DEFINE_QUARK (rd-aws-credentials-error-quark, rd_aws_credentials_error)

static char *
dup_nonempty (const char *value)
{
  return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

RdAwsCredentials *
rd_aws_credentials_new (const char *access_key_id,
                        const char *secret_access_key,
                        const char *session_token)
{
  RdAwsCredentials *credentials = g_new0 (RdAwsCredentials, 1);

  credentials->access_key_id = g_strdup (access_key_id);
  credentials->secret_access_key = g_strdup (secret_access_key);
  credentials->session_token = dup_nonempty (session_token);
  return credentials;
}

RdAwsCredentials *
rd_aws_credentials_copy (const RdAwsCredentials *credentials)
{
  RdAwsCredentials *copy;

  g_return_val_if_fail (credentials != NULL, NULL);

  copy = rd_aws_credentials_new (credentials->access_key_id, credentials->secret_access_key,
                                 credentials->session_token);
  copy->region = g_strdup (credentials->region);
  copy->source = g_strdup (credentials->source);
  copy->endpoint_url = g_strdup (credentials->endpoint_url);
  return copy;
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

void
rd_aws_credentials_free (RdAwsCredentials *credentials)
{
  if (credentials == NULL)
    return;
  g_free (credentials->access_key_id);
  free_secret (credentials->secret_access_key);
  free_secret (credentials->session_token);
  g_free (credentials->region);
  g_free (credentials->source);
  g_free (credentials->endpoint_url);
  g_free (credentials);
}

static char *
expand_home (const char *path)
{
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);
  return g_strdup (path);
}

static char *
aws_file_path (const char *env_name,
               const char *file_name)
{
  const char *override = g_getenv (env_name);

  if (override != NULL && *override != '\0')
    return expand_home (override);
  return g_build_filename (g_get_home_dir (), ".aws", file_name, NULL);
}

/* The key = value pairs of one section of an AWS INI file, or NULL if it has no such
 * section (or no such file). */
static GHashTable *
read_ini_section (const char *path,
                  const char *section)
{
  g_autofree char *contents = NULL;
  g_autoptr (GHashTable) values = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean in_section = FALSE;
  gboolean found = FALSE;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  if (!g_utf8_validate (contents, -1, NULL))
    {
      g_warning ("Ignoring %s: it is not UTF-8", path);
      return NULL;
    }

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gboolean indented = line[0] == ' ' || line[0] == '\t';
      char *eq;

      g_strstrip (line);
      if (line[0] == '\0' || line[0] == '#' || line[0] == ';')
        continue;
      if (line[0] == '[' && !indented)
        {
          char *close = strrchr (line, ']');

          if (close == NULL)
            {
              in_section = FALSE;
              continue;
            }
          *close = '\0';
          g_strstrip (line + 1);
          in_section = strcmp (line + 1, section) == 0;
          found = found || in_section;
          continue;
        }
      if (!in_section || indented)
        continue;
      eq = strchr (line, '=');
      if (eq == NULL)
        continue;
      *eq = '\0';
      g_strstrip (line);
      g_strstrip (eq + 1);
      g_hash_table_replace (values, g_ascii_strdown (line, -1), g_strdup (eq + 1));
    }

  return found ? g_steal_pointer (&values) : NULL;
}

static gboolean
has_value (GHashTable *values,
           const char *key)
{
  const char *value = g_hash_table_lookup (values, key);

  return value != NULL && *value != '\0';
}

static GHashTable *
read_config_profile (const char *profile)
{
  g_autofree char *path = aws_file_path ("AWS_CONFIG_FILE", "config");
  g_autofree char *section = g_strdup_printf ("profile %s", profile);
  GHashTable *values = read_ini_section (path, section);

  if (values == NULL && strcmp (profile, "default") == 0)
    values = read_ini_section (path, "default");
  return values;
}

static char *
resolve_region (GHashTable *config)
{
  const char *env_names[] = { "AWS_REGION", "AWS_DEFAULT_REGION" };

  for (guint i = 0; i < G_N_ELEMENTS (env_names); i++)
    {
      const char *value = g_getenv (env_names[i]);

      if (value != NULL && *value != '\0')
        return g_strdup (value);
    }
  if (config != NULL)
    return dup_nonempty (g_hash_table_lookup (config, "region"));
  return NULL;
}

static const char *
profile_name (const char *profile)
{
  const char *env = g_getenv ("AWS_PROFILE");

  if (profile != NULL && *profile != '\0')
    return profile;
  if (env != NULL && *env != '\0')
    return env;
  return "default";
}

RdAwsCredentials *
rd_aws_credentials_load (const char  *profile,
                         GError     **error)
{
  g_autoptr (GHashTable) shared = NULL;
  g_autoptr (GHashTable) config = NULL;
  g_autoptr (RdAwsCredentials) credentials = NULL;
  g_autofree char *shared_path = NULL;
  const char *name = profile_name (profile);
  GHashTable *keys = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = read_config_profile (name);

  if (profile == NULL)
    {
      const char *access = g_getenv ("AWS_ACCESS_KEY_ID");
      const char *secret = g_getenv ("AWS_SECRET_ACCESS_KEY");

      if ((access != NULL && *access != '\0') != (secret != NULL && *secret != '\0'))
        {
          g_set_error_literal (error, RD_AWS_CREDENTIALS_ERROR,
                               RD_AWS_CREDENTIALS_ERROR_INCOMPLETE,
                               _("Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is "
                                 "set. Set both, or unset both to use a profile."));
          return NULL;
        }
      if (access != NULL && *access != '\0')
        {
          credentials = rd_aws_credentials_new (access, secret, g_getenv ("AWS_SESSION_TOKEN"));
          credentials->region = resolve_region (config);
          credentials->source = g_strdup ("environment");
          if (config != NULL)
            credentials->endpoint_url = dup_nonempty (g_hash_table_lookup (config,
                                                                           "endpoint_url"));
          return g_steal_pointer (&credentials);
        }
    }

  shared_path = aws_file_path ("AWS_SHARED_CREDENTIALS_FILE", "credentials");
  shared = read_ini_section (shared_path, name);
  /* The CLI also accepts keys written in the config file's profile. */
  if (shared != NULL && g_hash_table_contains (shared, "aws_access_key_id"))
    keys = shared;
  else if (config != NULL && g_hash_table_contains (config, "aws_access_key_id"))
    keys = config;

  if (keys == NULL)
    {
      g_set_error (error, RD_AWS_CREDENTIALS_ERROR, RD_AWS_CREDENTIALS_ERROR_NOT_FOUND,
                   _("No AWS credentials found for the profile “%s”. Run “aws configure” "
                     "or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."),
                   name);
      return NULL;
    }
  if (!has_value (keys, "aws_access_key_id") || !has_value (keys, "aws_secret_access_key"))
    {
      g_set_error (error, RD_AWS_CREDENTIALS_ERROR, RD_AWS_CREDENTIALS_ERROR_INCOMPLETE,
                   _("The AWS profile “%s” lacks aws_access_key_id or "
                     "aws_secret_access_key. Add both to it."),
                   name);
      return NULL;
    }

  credentials = rd_aws_credentials_new (g_hash_table_lookup (keys, "aws_access_key_id"),
                                        g_hash_table_lookup (keys, "aws_secret_access_key"),
                                        g_hash_table_lookup (keys, "aws_session_token"));
  credentials->region = resolve_region (config);
  credentials->source = g_strdup_printf ("profile %s", name);
  if (config != NULL)
    credentials->endpoint_url = dup_nonempty (g_hash_table_lookup (config, "endpoint_url"));
  return g_steal_pointer (&credentials);
}
