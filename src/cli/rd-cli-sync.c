/* rd-cli-sync.c
 *
 * renewal-desk-cli sync: one sync round with the team's CouchDB server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli.h"
#include "rd-sync.h"

typedef struct
{
  GMainLoop *loop;
  GError    *error;
} SyncWait;

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncWait *wait = user_data;

  rd_sync_engine_sync_finish (RD_SYNC_ENGINE (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
print_conflicts (RdStore *store)
{
  g_autoptr (GPtrArray) conflicts = rd_store_sync_list_conflicts (store, NULL);

  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      RdSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->kind == RD_SYNC_CONFLICT_EDIT_DELETE)
        g_print (_("  %s: changed here, deleted on the server\n"), conflict->id);
      else if (conflict->kind == RD_SYNC_CONFLICT_DELETE_EDIT)
        g_print (_("  %s: deleted here, changed on the server\n"), conflict->id);
      else
        for (guint j = 0; j < conflict->fields->len; j++)
          {
            RdSyncConflictField *field = g_ptr_array_index (conflict->fields, j);
            g_autofree char *mine = field->mine ? json_to_string (field->mine, FALSE) : NULL;
            g_autofree char *theirs = field->theirs ? json_to_string (field->theirs, FALSE)
                                                    : NULL;

            g_print (_("  %s: %s is %s here, %s on the server\n"), conflict->id, field->name,
                     mine ? mine : _("(none)"), theirs ? theirs : _("(none)"));
          }
    }
}

int
rd_cli_sync (const RdCliGlobals *globals,
             int                 argc,
             char              **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server,
      N_("Server address, https:// (http:// only to this computer)"), "URL" },
    { "database", 0, 0, G_OPTION_ARG_STRING, &database, N_("The team’s database"), "NAME" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user,
      N_("User name; the password is read from RENEWAL_DESK_SYNC_PASSWORD"), "USER" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("— synchronize with the team’s CouchDB server"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdSyncEngine) engine = NULL;
  g_autoptr (GError) error = NULL;
  SyncWait wait = { NULL, NULL };
  const char *password = g_getenv ("RENEWAL_DESK_SYNC_PASSWORD");
  guint conflicts;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 1 || server == NULL || database == NULL)
    {
      rd_cli_error (_("sync needs --server URL and --database NAME"));
      return RD_CLI_EXIT_USAGE;
    }
  if (!rd_sync_check_server_url (server, &error)
      || !rd_sync_check_database_name (database, &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }
  if (user != NULL && password == NULL)
    {
      rd_cli_error (_("--user needs the password in the environment variable "
                      "RENEWAL_DESK_SYNC_PASSWORD"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;

  engine = rd_sync_engine_new (store);
  rd_sync_engine_set_server (engine, server, database);
  rd_sync_engine_set_credentials (engine, user, password);
  wait.loop = g_main_loop_new (NULL, FALSE);
  rd_sync_engine_sync_async (engine, NULL, on_sync_done_cb, &wait);
  g_main_loop_run (wait.loop);
  g_main_loop_unref (wait.loop);

  conflicts = rd_store_sync_count_conflicts (store);
  g_print (_("Pushed %u, pulled %u, conflicts %u\n"), rd_sync_engine_get_pushed (engine),
           rd_sync_engine_get_pulled (engine), conflicts);
  if (wait.error != NULL)
    {
      rd_cli_error ("%s", wait.error->message);
      g_error_free (wait.error);
      return RD_CLI_EXIT_FAILURE;
    }
  if (conflicts > 0)
    {
      print_conflicts (store);
      return RD_CLI_EXIT_CONFLICTS;
    }
  return RD_CLI_EXIT_OK;
}
