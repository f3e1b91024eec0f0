/* rd-cli-conflicts.c
 *
 * renewal-desk-cli conflicts and resolve: the records a sync left in conflict, and the user's
 * decision for each, as the window's resolver takes it. Also what check reports of sync: the
 * server documents set aside because they cannot be stored here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-cli.h"
#include "rd-store-sync.h"

static const char *
kind_name (RdSyncConflictKind kind)
{
  switch (kind)
    {
    case RD_SYNC_CONFLICT_EDIT_DELETE:
      return "edit_delete";
    case RD_SYNC_CONFLICT_DELETE_EDIT:
      return "delete_edit";
    case RD_SYNC_CONFLICT_FIELDS:
    default:
      return "fields";
    }
}

static const char *
choice_name (RdSyncChoice choice)
{
  switch (choice)
    {
    case RD_SYNC_CHOICE_MINE:
      return "local";
    case RD_SYNC_CHOICE_THEIRS:
      return "server";
    case RD_SYNC_CHOICE_NONE:
    default:
      return NULL;
    }
}

static void
add_value (JsonObject *object,
           const char *name,
           JsonNode   *value)
{
  if (value != NULL)
    json_object_set_member (object, name, json_node_copy (value));
  else
    json_object_set_null_member (object, name);
}

static JsonNode *
conflicts_to_json (GPtrArray *conflicts)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < conflicts->len; i++)
    {
      RdSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      JsonObject *object = json_object_new ();
      JsonArray *fields = json_array_new ();

      json_object_set_string_member (object, "id", conflict->id);
      json_object_set_string_member (object, "kind", kind_name (conflict->kind));
      json_object_set_string_member (object, "server_rev", conflict->theirs_rev);
      for (guint j = 0; j < conflict->fields->len; j++)
        {
          RdSyncConflictField *field = g_ptr_array_index (conflict->fields, j);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "name", field->name);
          add_value (entry, "base", field->base);
          add_value (entry, "local", field->mine);
          add_value (entry, "server", field->theirs);
          if (choice_name (field->choice) != NULL)
            json_object_set_string_member (entry, "choice", choice_name (field->choice));
          else
            json_object_set_null_member (entry, "choice");
          json_array_add_object_element (fields, entry);
        }
      json_object_set_array_member (object, "fields", fields);
      json_array_add_object_element (array, object);
    }
  json_node_take_array (node, array);
  return node;
}

static char *
value_text (JsonNode *value)
{
  return value ? json_to_string (value, FALSE) : g_strdup (_("(none)"));
}

static void
print_conflicts (GPtrArray *conflicts)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      RdSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->kind == RD_SYNC_CONFLICT_EDIT_DELETE)
        g_print (_("%s: changed here, deleted on the server\n"), conflict->id);
      else if (conflict->kind == RD_SYNC_CONFLICT_DELETE_EDIT)
        g_print (_("%s: deleted here, changed on the server\n"), conflict->id);
      else
        g_print (_("%s: changed on both sides\n"), conflict->id);
      for (guint j = 0; j < conflict->fields->len; j++)
        {
          RdSyncConflictField *field = g_ptr_array_index (conflict->fields, j);
          g_autofree char *mine = value_text (field->mine);
          g_autofree char *theirs = value_text (field->theirs);

          g_print (_("  %s: %s here, %s on the server%s\n"), field->name, mine, theirs,
                   field->choice == RD_SYNC_CHOICE_MINE ? _(" (local chosen)")
                   : field->choice == RD_SYNC_CHOICE_THEIRS ? _(" (server chosen)") : "");
        }
    }
  if (conflicts->len > 0)
    g_print (_("Settle each with: renewal-desk-cli resolve ID --take local|server, or "
               "--field NAME=local|server\n"));
}

int
rd_cli_conflicts (const RdCliGlobals *globals,
                  int                 argc,
                  char              **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("— list the records a sync left in conflict"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      rd_cli_error (_("conflicts takes no arguments"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  conflicts = rd_store_sync_list_conflicts (store, &error);
  if (conflicts == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  if (json)
    {
      g_autoptr (JsonNode) node = conflicts_to_json (conflicts);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else
    print_conflicts (conflicts);
  return RD_CLI_EXIT_OK;
}

static gboolean
parse_side (const char   *text,
            RdSyncChoice *choice)
{
  if (g_strcmp0 (text, "local") == 0)
    *choice = RD_SYNC_CHOICE_MINE;
  else if (g_strcmp0 (text, "server") == 0)
    *choice = RD_SYNC_CHOICE_THEIRS;
  else
    {
      rd_cli_error (_("“%s” is neither local nor server"), text ? text : "");
      return FALSE;
    }
  return TRUE;
}

/* Every choice in one transaction: a refused one leaves the conflict as it was. */
static gboolean
resolve (RdStore             *store,
         const char          *id,
         RdSyncConflict      *conflict,
         const char          *take,
         const char * const  *fields,
         GError             **error)
{
  RdSyncChoice choice;

  if (take != NULL)
    {
      if (!parse_side (take, &choice))
        return FALSE;
      if (conflict->kind == RD_SYNC_CONFLICT_FIELDS)
        return rd_store_sync_resolve_all (store, id, choice, error);
      /* Local is what this device did: kept for an edit, deleted for a deletion. */
      return rd_store_sync_resolve_deletion (store, id,
                                             (conflict->kind == RD_SYNC_CONFLICT_EDIT_DELETE)
                                             == (choice == RD_SYNC_CHOICE_MINE), error);
    }
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (fields[i], "=", 2);

      if (g_strv_length (pair) != 2 || *pair[0] == '\0')
        {
          rd_cli_error (_("--field needs NAME=local or NAME=server, not “%s”"), fields[i]);
          return FALSE;
        }
      if (!parse_side (pair[1], &choice))
        return FALSE;
      if (!rd_store_sync_resolve_field (store, id, pair[0], choice, error))
        return FALSE;
    }
  return TRUE;
}

int
rd_cli_resolve (const RdCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  g_autofree char *take = NULL;
  g_auto (GStrv) fields = NULL;
  GOptionEntry entries[] = {
    { "take", 0, 0, G_OPTION_ARG_STRING, &take,
      N_("Take this device’s version or the server’s for every open field"), "local|server" },
    { "field", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fields,
      N_("Take one field’s value from this device or the server (repeatable)"),
      "NAME=local|server" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("ID (--take local|server | --field NAME=local|server …) — settle "
                            "a sync conflict"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdSyncConflict) conflict = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 2 || (take == NULL) == (fields == NULL))
    {
      rd_cli_error (_("resolve needs a record id and either --take local|server or "
                      "--field NAME=local|server"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  conflict = rd_store_sync_get_conflict (store, argv[1], &error);
  if (conflict == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }
  if (fields != NULL && conflict->kind != RD_SYNC_CONFLICT_FIELDS)
    {
      rd_cli_error (_("The record %s was deleted on one side: use --take local or --take "
                      "server"), argv[1]);
      return RD_CLI_EXIT_USAGE;
    }
  if (!rd_store_begin (store, &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  ok = resolve (store, argv[1], conflict, take, (const char * const *) fields, &error);
  if (!ok || !rd_store_commit (store, &error))
    {
      rd_store_rollback (store);
      if (error != NULL)
        rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }
  if (rd_store_sync_count_conflicts (store) > 0)
    {
      g_autoptr (RdSyncConflict) left = rd_store_sync_get_conflict (store, argv[1], NULL);

      if (left != NULL)
        g_print (_("The record %s still has fields to decide\n"), argv[1]);
    }
  return RD_CLI_EXIT_OK;
}

guint
rd_cli_report_quarantined (RdStore *store)
{
  g_autoptr (GPtrArray) docs = rd_store_sync_list_quarantined (store, NULL);

  for (guint i = 0; docs != NULL && i < docs->len; i++)
    {
      RdSyncQuarantined *doc = g_ptr_array_index (docs, i);

      g_print (_("%s\tsync\tThe server’s version %s cannot be stored here (%s); it is set "
                 "aside until it is corrected on the server\n"), doc->id, doc->rev,
               doc->reason);
    }
  return docs ? docs->len : 0;
}
