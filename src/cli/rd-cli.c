/* rd-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "rd-amounts.h"
#include "rd-cli-pretty.h"
#include "rd-cli.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-json-guard.h"
#include "rd-record-check.h"
#include "rd-renewal.h"
#include "rd-rules.h"
#include "rd-store-import.h"
#include "rd-store-private.h"
#include "rd-store-sync.h"

void
rd_cli_error (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* One line each: a message with a newline inside would read as two errors. */
  g_strdelimit (message, "\n", ' ');
  g_printerr ("renewal-desk-cli: %s\n", message);
}

RdStore *
rd_cli_open_store (const RdCliGlobals *globals)
{
  g_autoptr (GError) error = NULL;
  RdStore *store = rd_store_open (globals->db_path, &error);

  if (store == NULL)
    rd_cli_error ("%s", error->message);
  return store;
}

gboolean
rd_cli_parse (GOptionContext *context,
              int            *argc,
              char         ***argv)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      rd_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Reads the JSON object in @file ("-" for standard input); a problem is reported. */
static JsonObject *
read_json_object (const char *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *name = g_strcmp0 (file, "-") == 0 ? _("standard input") : file;
  JsonObject *object;
  gsize length;

  if (g_strcmp0 (file, "-") == 0)
    {
      g_autoptr (GString) input = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (input, buffer, (gssize) n);
      length = input->len;
      contents = g_string_free (g_steal_pointer (&input), FALSE);
    }
  else if (!g_file_get_contents (file, &contents, &length, &error))
    {
      rd_cli_error ("%s", error->message);
      return NULL;
    }

  if (!g_utf8_validate (contents, (gssize) length, NULL))
    {
      rd_cli_error (_("%s is not UTF-8 text"), file);
      return NULL;
    }
  /* Absurd nesting would overflow the parser's stack; 1e999 is no number a record holds. */
  if (!rd_json_guard_check (contents, (gssize) length, RD_JSON_GUARD_MAX_DEPTH, &error))
    {
      rd_cli_error (_("%s: %s"), name, error->message);
      return NULL;
    }
  object = rd_json_object_from_string (contents, &error);
  if (object == NULL)
    rd_cli_error (_("%s: %s"), name, error->message);
  return object;
}

/* The --role option of add, update and check. */
#define ROLE_OPTION_ENTRY(role_text) \
  { "role", 0, 0, G_OPTION_ARG_STRING, &(role_text), N_("isv (default) or channel-partner"), \
    "ROLE" }

/* Reads the --role option; an unknown role is reported. */
static gboolean
parse_role (const char *text,
            RdRole     *role)
{
  if (text == NULL || g_str_equal (text, "isv"))
    *role = RD_ROLE_ISV;
  else if (g_str_equal (text, "channel-partner"))
    *role = RD_ROLE_CHANNEL_PARTNER;
  else
    {
      rd_cli_error (_("--role must be “isv” or “channel-partner”"));
      return FALSE;
    }
  return TRUE;
}

/* Reports a store error; what the user asked for wrongly (a record that is not there, an
 * invalid one) is a usage error, anything else a failure. */
static int
store_error_exit (const GError *error)
{
  rd_cli_error ("%s", error->message);
  if (g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND)
      || g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID))
    return RD_CLI_EXIT_USAGE;
  return RD_CLI_EXIT_FAILURE;
}

static gboolean
field_error_in (RdFieldError *needle,
                GPtrArray    *haystack)
{
  for (guint i = 0; haystack && i < haystack->len; i++)
    {
      RdFieldError *e = g_ptr_array_index (haystack, i);

      if (g_str_equal (e->field, needle->field) && g_str_equal (e->message, needle->message))
        return TRUE;
    }
  return FALSE;
}

/* Reports the rule violations that `after` adds to `before` (NULL for a new record). */
static guint
report_new_violations (const char           *where,
                       JsonObject           *before,
                       JsonObject           *after,
                       const RdRulesContext *ctx)
{
  g_autoptr (GPtrArray) old_errors = before ? rd_rules_check_document (before, ctx) : NULL;
  g_autoptr (GPtrArray) new_errors = rd_rules_check_document (after, ctx);
  guint count = 0;

  for (guint i = 0; i < new_errors->len; i++)
    {
      RdFieldError *e = g_ptr_array_index (new_errors, i);

      if (field_error_in (e, old_errors))
        continue;
      rd_cli_error ("%s: %s: %s", where, e->field, e->message);
      count++;
    }
  return count;
}

static int
cmd_demo (const RdCliGlobals *globals,
          int                 argc,
          char              **argv)
{
  int count = RD_DEMO_DEFAULT_COUNT;
  gint64 seed = RD_DEMO_DEFAULT_SEED;
  g_autofree char *today = NULL;
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_INT, &count, N_("Number of agreements"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Random seed; the same seed gives the same data"), "S" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today, N_("Date the data is relative to"),
      "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("— add a demo data set"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  GDate d;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (count < 1 || count > 1000000)
    {
      rd_cli_error (_("--count must be between 1 and 1000000, not %d"), count);
      return RD_CLI_EXIT_USAGE;
    }
  if (today != NULL && !rd_date_parse (today, &d))
    {
      rd_cli_error (_("--today: “%s” is not a date of the form YYYY-MM-DD"), today);
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  if (!rd_demo_populate (store, (guint) count, (guint64) seed, today, &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  g_print (_("Added %d agreements and %u offers to %s\n"), count,
           rd_store_count (store, "offer"), rd_store_get_path (store));
  return RD_CLI_EXIT_OK;
}

static int
cmd_show (const RdCliGlobals *globals,
          int                 argc,
          char              **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("ID — show one record"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rd_cli_error (_("show needs exactly one record id"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  record = rd_store_get (store, argv[1], &error);
  if (record == NULL)
    return store_error_exit (error);
  node = rd_cli_record_to_node (record);
  if (json)
    {
      text = json_to_string (node, TRUE);
      g_print ("%s\n", text);
    }
  else
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      /* In stored order, as --json prints them. */
      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          g_autofree char *value = NULL;

          if (JSON_NODE_HOLDS_VALUE (member)
              && json_node_get_value_type (member) == G_TYPE_STRING)
            value = g_strdup (json_node_get_string (member));
          else
            value = json_to_string (member, FALSE);
          g_print ("%-24s %s\n", name, value);
        }
    }
  return RD_CLI_EXIT_OK;
}

static int
cmd_add (const RdCliGlobals *globals,
         int                 argc,
         char              **argv)
{
  g_autofree char *file = NULL;
  g_autofree char *role_text = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("JSON file, or - for standard input"),
      "FILE" },
    ROLE_OPTION_ENTRY (role_text),
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("agreement|offer --json FILE — add a record"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  RdRulesContext ctx;
  const char *type;
  RdRole role;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 2 || (!g_str_equal (argv[1], "agreement") && !g_str_equal (argv[1], "offer")))
    {
      rd_cli_error (_("add needs the record type, “agreement” or “offer”"));
      return RD_CLI_EXIT_USAGE;
    }
  if (file == NULL)
    {
      rd_cli_error (_("add needs --json FILE (or - for standard input)"));
      return RD_CLI_EXIT_USAGE;
    }
  if (!parse_role (role_text, &role))
    return RD_CLI_EXIT_USAGE;
  type = argv[1];
  if ((body = read_json_object (file)) == NULL)
    return RD_CLI_EXIT_USAGE;
  if (!json_object_has_member (body, "type"))
    json_object_set_string_member (body, "type", type);
  else if (g_strcmp0 (json_object_get_string_member_with_default (body, "type", ""), type) != 0)
    {
      rd_cli_error (_("%s: “type” is “%s” but the command adds an %s"), file,
                    json_object_get_string_member_with_default (body, "type", ""), type);
      return RD_CLI_EXIT_USAGE;
    }
  rd_renewal_stamp_drafted_on (body, NULL);

  if (!rd_amounts_normalize (body, RD_AMOUNTS_STRICT, NULL, &error)
      || !rd_record_check_new_body (body, &error))
    {
      rd_cli_error ("%s: %s", file, error->message);
      return RD_CLI_EXIT_USAGE;
    }
  rd_rules_context_init (&ctx, role);
  if (report_new_violations (file, NULL, body, &ctx) > 0)
    return RD_CLI_EXIT_USAGE;

  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  id = rd_store_insert (store, body, &error);
  if (id == NULL)
    return store_error_exit (error);
  g_print ("%s\n", id);
  return RD_CLI_EXIT_OK;
}

static int
cmd_update (const RdCliGlobals *globals,
            int                 argc,
            char              **argv)
{
  g_autofree char *file = NULL;
  g_autofree char *role_text = NULL;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("JSON merge patch file, or - for standard input"), "FILE" },
    ROLE_OPTION_ENTRY (role_text),
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("ID --json FILE — change a record with a JSON merge patch"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (JsonObject) patch = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;
  RdRulesContext ctx;
  RdRole role;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 2 || file == NULL)
    {
      rd_cli_error (_("update needs a record id and --json FILE"));
      return RD_CLI_EXIT_USAGE;
    }
  if (!parse_role (role_text, &role))
    return RD_CLI_EXIT_USAGE;
  if (!rd_record_check_id (argv[1], &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }
  if ((patch = read_json_object (file)) == NULL)
    return RD_CLI_EXIT_USAGE;
  if (!rd_amounts_normalize (patch, RD_AMOUNTS_STRICT, NULL, &error))
    {
      rd_cli_error ("%s: %s", file, error->message);
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  record = rd_store_get (store, argv[1], &error);
  if (record == NULL)
    return store_error_exit (error);
  body = rd_record_dup_body (record);
  rd_json_merge_patch (body, patch);
  if (!rd_record_check_changed_body (rd_record_get_body (record), body, &error))
    {
      rd_cli_error ("%s: %s", file, error->message);
      return RD_CLI_EXIT_USAGE;
    }
  rd_rules_context_init (&ctx, role);
  if (report_new_violations (argv[1], rd_record_get_body (record), body, &ctx) > 0)
    return RD_CLI_EXIT_USAGE;
  /* Setting a conflicted field is the user's decision for it (rd-store-sync.h). */
  if (!rd_store_sync_update (store, argv[1], patch, &error))
    return store_error_exit (error);
  return RD_CLI_EXIT_OK;
}

static int
cmd_delete (const RdCliGlobals *globals,
            int                 argc,
            char              **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_("ID — delete a record"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;

  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rd_cli_error (_("delete needs exactly one record id"));
      return RD_CLI_EXIT_USAGE;
    }
  if (!rd_record_check_id (argv[1], &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  if (!rd_store_sync_delete (store, argv[1], &error))
    return store_error_exit (error);
  return RD_CLI_EXIT_OK;
}

/* Imports that a killed process left half-done were rolled back when the store opened. */
static void
report_imports (RdStore *store)
{
  guint rolled_back = rd_store_get_imports_rolled_back (store);
  guint running = rd_store_import_count_runs (store);

  if (rolled_back > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u interrupted import was rolled back\n",
                          "%u interrupted imports were rolled back\n", rolled_back),
             rolled_back);
  if (running > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u import is under way; its records may still change\n",
                          "%u imports are under way; their records may still change\n",
                          running),
             running);
}

static int
cmd_check (const RdCliGlobals *globals,
           int                 argc,
           char              **argv)
{
  g_autofree char *role_text = NULL;
  GOptionEntry entries[] = {
    ROLE_OPTION_ENTRY (role_text),
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("— check the database and every record against the rules"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  RdRulesContext ctx;
  guint violations = 0;
  RdRole role;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (!parse_role (role_text, &role))
    return RD_CLI_EXIT_USAGE;
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  if (!rd_store_integrity_check (store, &problems, &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  for (guint i = 0; i < problems->len; i++)
    rd_cli_error (_("database: %s"), (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    return RD_CLI_EXIT_FAILURE;
  report_imports (store);

  records = rd_store_list (store, NULL, &error);
  if (records == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  rd_rules_context_init (&ctx, role);
  for (guint i = 0; i < records->len; i++)
    {
      RdRecord *record = g_ptr_array_index (records, i);
      g_autoptr (GPtrArray) errors = rd_rules_check_document (rd_record_get_body (record), &ctx);

      for (guint j = 0; j < errors->len; j++)
        {
          RdFieldError *e = g_ptr_array_index (errors, j);

          g_print ("%s\t%s\t%s\n", rd_record_get_id (record), e->field, e->message);
          violations++;
        }
    }
  violations += rd_cli_report_quarantined (store);
  g_print (_("Checked %u records: %u rule violations\n"), records->len, violations);
  return violations > 0 ? RD_CLI_EXIT_USAGE : RD_CLI_EXIT_OK;
}

typedef struct
{
  const char *name;
  int (*run) (const RdCliGlobals *globals, int argc, char **argv);
  const char *summary;
} RdCliCommand;

static const RdCliCommand commands[] = {
  { "demo", cmd_demo, N_("Add a realistic demo data set") },
  { "list", rd_cli_list, N_("List agreements and offers") },
  { "show", cmd_show, N_("Show one record") },
  { "add", cmd_add, N_("Add an agreement or an offer from JSON") },
  { "update", cmd_update, N_("Change a record with a JSON merge patch") },
  { "delete", cmd_delete, N_("Delete a record") },
  { "check", cmd_check, N_("Check the database and every record against the rules") },
  { "renew", rd_cli_renew, N_("Draft the renewal offer of an agreement") },
  { "publish", rd_cli_publish, N_("Publish a drafted offer to AWS Marketplace") },
  { "import", rd_cli_import, N_("Import agreements from AWS Marketplace or a CSV file") },
  { "export", rd_cli_export, N_("Export the pipeline as CSV or the calendar as iCalendar") },
  { "sync", rd_cli_sync, N_("Synchronize with the team’s CouchDB server") },
  { "conflicts", rd_cli_conflicts, N_("List the records a sync left in conflict") },
  { "resolve", rd_cli_resolve, N_("Settle a sync conflict: local or server, per field") },
  { "bench", rd_cli_bench, N_("Measure the store's speed") },
  { "reminders", rd_cli_reminders, N_("List the renewal reminders due now or at a moment") },
};

static char *
commands_summary (void)
{
  GString *s = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "\n  %-10s %s", commands[i].name, _(commands[i].summary));
  return g_string_free (s, FALSE);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *db_path = NULL;
  gboolean version = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("Database file"), "PATH" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  RdCliGlobals globals = { 0 };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [OPTION…] — Renewal Desk without a window"));
  summary = commands_summary ();
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* The command's own options are parsed by the command. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (version)
    {
      g_print ("renewal-desk-cli %s\n", PACKAGE_VERSION);
      return RD_CLI_EXIT_OK;
    }
  if (argc < 2)
    {
      rd_cli_error (_("a command is needed; see --help"));
      return RD_CLI_EXIT_USAGE;
    }
  globals.db_path = db_path;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (&globals, argc - 1, argv + 1);

  rd_cli_error (_("unknown command “%s”; see --help"), argv[1]);
  return RD_CLI_EXIT_USAGE;
}
