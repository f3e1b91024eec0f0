/* rd-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-sync.h"

G_DEFINE_QUARK (rd-sync-error-quark, rd_sync_error)
G_DEFINE_ENUM_TYPE (RdSyncState, rd_sync_state,
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_CONFLICTS, "conflicts"))

gboolean
rd_sync_check_server_url (const char  *url,
                          GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GInetAddress) address = NULL;
  const char *scheme;
  const char *host;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_userinfo (uri) != NULL)
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);

      /* The password must not end up in the settings, the database or an error message. */
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                   _("The server address must not contain a user name or password; use %s and "
                     "give the user name separately (--user in the command line, the sync "
                     "settings in the window): the password is kept in the keyring"), shown);
      return FALSE;
    }
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not a server address; use one like https://couchdb.example.com"),
                   url && strchr (url, '@') == NULL ? url : "");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                   _("The server address must start with https://, not %s://"), scheme);
      return FALSE;
    }
  address = g_inet_address_new_from_string (host);
  if (g_ascii_strcasecmp (host, "localhost") == 0
      || (address != NULL && g_inet_address_get_is_loopback (address)))
    return TRUE;
  g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
               _("The server %s must be reached over https:// so that passwords and records "
                 "are encrypted; http:// is only allowed to this computer"), host);
  return FALSE;
}

gboolean
rd_sync_check_database_name (const char  *name,
                             GError     **error)
{
  if (name != NULL && g_ascii_islower (name[0]))
    {
      const char *p;

      for (p = name; *p != '\0'; p++)
        if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && strchr ("_$()+-/", *p) == NULL)
          break;
      if (*p == '\0')
        return TRUE;
    }
  g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
               _("“%s” is not a database name: it must start with a lower-case letter and "
                 "contain only lower-case letters, digits and _$()+-/"), name ? name : "");
  return FALSE;
}
