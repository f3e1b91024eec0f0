/* rd-cli-import.c
 *
 * `renewal-desk-cli import …` and `export …`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "rd-aws-import.h"
#include "rd-cli.h"
#include "rd-csv-importer.h"
#include "rd-date.h"
#include "rd-exporter.h"
#include "rd-importer.h"
#include "rd-milestones.h"
#include "rd-pipeline-model.h"

static void
print_result (RdImportResult *result)
{
  g_autofree char *summary = rd_import_result_dup_summary (result);

  for (guint i = 0; i < result->notices->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (result->notices, i));
  for (guint i = 0; i < result->failures->len; i++)
    rd_cli_error ("%s", (const char *) g_ptr_array_index (result->failures, i));
  g_print ("%s\n", summary);
}

static int
import_csv (const RdCliGlobals *globals,
            const char         *path)
{
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdImportResult) result = rd_import_result_new ();
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GError) error = NULL;

  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  if (!rd_import_csv_file (store, file, result, NULL, &error))
    {
      /* Every bad row; the message names the first and how many more. */
      for (guint i = 1; i < result->failures->len; i++)
        rd_cli_error ("%s: %s", path, (const char *) g_ptr_array_index (result->failures, i));
      rd_cli_error ("%s: %s", path, error->message);
      return error->domain == G_IO_ERROR || error->domain == RD_STORE_ERROR
               ? RD_CLI_EXIT_FAILURE : RD_CLI_EXIT_USAGE;
    }
  print_result (result);
  return result->failed > 0 ? RD_CLI_EXIT_USAGE : RD_CLI_EXIT_OK;
}

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static void
on_progress_cb (RdAwsImport *import,
                int          phase,
                guint        done,
                guint        total,
                gpointer     user_data)
{
  /* Progress on a terminal only; scripts get the summary alone. */
  if (!isatty (2))
    return;
  g_printerr ("\r\033[K");
  if (phase == RD_AWS_IMPORT_PHASE_CATALOG)
    g_printerr (_("Read %u entities from the AWS Marketplace Catalog"), done);
  else if (total > 0)
    g_printerr (_("Loaded %u of %u agreements"), done, total);
  else
    g_printerr (_("Found %u agreements"), done);
}

static void
print_aws_result (RdAwsImport *import)
{
  RdImportResult *results[] = {
    rd_aws_import_get_agreements (import), rd_aws_import_get_offers (import),
  };
  g_auto (GStrv) summary = rd_aws_import_dup_summary (import);

  for (guint r = 0; r < G_N_ELEMENTS (results); r++)
    {
      for (guint i = 0; i < results[r]->notices->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (results[r]->notices, i));
      for (guint i = 0; i < results[r]->failures->len; i++)
        rd_cli_error ("%s", (const char *) g_ptr_array_index (results[r]->failures, i));
    }
  for (guint i = 0; summary[i] != NULL; i++)
    g_print ("%s\n", summary[i]);
}

static int
import_aws (const RdCliGlobals *globals,
            const char         *profile,
            const char         *region,
            const char         *endpoint,
            const char         *catalog_endpoint,
            gboolean            no_catalog)
{
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdAwsCredentials) credentials = NULL;
  g_autoptr (RdAwsImport) import = NULL;
  g_autoptr (GError) error = NULL;
  Waiter waiter = { NULL };
  gboolean done;

  credentials = rd_aws_credentials_load (profile, &error);
  if (credentials == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  import = rd_aws_import_new (store, credentials, region, endpoint, catalog_endpoint);
  rd_aws_import_set_catalog (import, !no_catalog);
  g_signal_connect (import, "progress", G_CALLBACK (on_progress_cb), NULL);
  rd_aws_import_run_async (import, NULL, on_import_done_cb, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (isatty (2))
    g_printerr ("\n");
  done = rd_aws_import_run_finish (import, waiter.result, &error);
  g_clear_object (&waiter.result);
  /* Pages stored before a failure stay; running the import again completes it. */
  print_aws_result (import);
  if (!done)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  return rd_aws_import_get_agreements (import)->failed > 0
         || rd_aws_import_get_offers (import)->failed > 0 ? RD_CLI_EXIT_USAGE : RD_CLI_EXIT_OK;
}

int
rd_cli_import (const RdCliGlobals *globals,
               int                 argc,
               char              **argv)
{
  g_autofree char *profile = NULL;
  g_autofree char *region = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *catalog_endpoint = NULL;
  gboolean no_catalog = FALSE;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("aws: the profile in ~/.aws/credentials (default: AWS_PROFILE or “default”)"), "P" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("aws: the region (default us-east-1)"),
      "R" },
    { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, &endpoint,
      N_("aws: the Agreement API's endpoint (default: AWS_ENDPOINT_URL_MARKETPLACE_AGREEMENT, "
         "AWS_ENDPOINT_URL, the profile's endpoint_url, else AWS's)"), "URL" },
    { "catalog-endpoint-url", 0, 0, G_OPTION_ARG_STRING, &catalog_endpoint,
      N_("aws: the Catalog API's endpoint (default: AWS_ENDPOINT_URL_MARKETPLACE_CATALOG, "
         "AWS_ENDPOINT_URL, the profile's endpoint_url, else AWS's)"), "URL" },
    { "no-catalog", 0, 0, G_OPTION_ARG_NONE, &no_catalog,
      N_("aws: import agreements only, not the Catalog's offers and product titles"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("aws|csv [FILE] — import agreements"));

  g_option_context_set_summary (context,
                                _("aws: your agreements from AWS Marketplace (Agreement API), "
                                  "then your private offers and product titles (Catalog "
                                  "API).\n"
                                  "csv FILE: the AWS agreements data feed, or a Renewal Desk "
                                  "export.\nRecords are matched by agreement_id; fields you "
                                  "edited are kept."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc == 3 && g_str_equal (argv[1], "csv"))
    return import_csv (globals, argv[2]);
  if (argc == 2 && g_str_equal (argv[1], "aws"))
    return import_aws (globals, profile, region, endpoint, catalog_endpoint, no_catalog);
  rd_cli_error (_("import needs “aws” or “csv FILE”"));
  return RD_CLI_EXIT_USAGE;
}

static gboolean
write_file (const char  *path,
            const char  *contents,
            GError     **error)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);

  /* Written beside and renamed over, so a failed export never leaves half a file. */
  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

static int
export_csv (const RdCliGlobals *globals,
            const char         *path,
            const char         *type,
            int                 due_within)
{
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdPipelineModel) model = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;

  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  model = rd_pipeline_model_new (store);
  rd_pipeline_model_set_doc_type (model, type);
  rd_pipeline_model_set_due_within (model, due_within);
  csv = rd_export_pipeline_csv (G_LIST_MODEL (model), NULL);
  if (!write_file (path, csv, &error))
    {
      rd_cli_error ("%s: %s", path, error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  g_print (_("Exported %u records to %s\n"), g_list_model_get_n_items (G_LIST_MODEL (model)),
           path);
  return RD_CLI_EXIT_OK;
}

static int
export_ics (const RdCliGlobals *globals,
            const char         *path,
            const char         *from,
            const char         *to)
{
  static const int offsets[] = RD_MILESTONE_DEFAULT_OFFSETS;
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;
  g_autofree char *default_from = NULL;
  g_autofree char *default_to = NULL;
  g_autofree char *ics = NULL;

  rd_export_calendar_default_range (NULL, &default_from, &default_to);

  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  ics = rd_export_calendar_ics (store, from ? from : default_from, to ? to : default_to,
                                offsets, G_N_ELEMENTS (offsets), 9 * 60, now, &error);
  if (ics == NULL || !write_file (path, ics, &error))
    {
      rd_cli_error ("%s: %s", path, error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  g_print (_("Exported the calendar to %s\n"), path);
  return RD_CLI_EXIT_OK;
}

int
rd_cli_export (const RdCliGlobals *globals,
               int                 argc,
               char              **argv)
{
  g_autofree char *type = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  int due_within = -1;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("csv: agreement or offer"), "TYPE" },
    { "due-within", 0, 0, G_OPTION_ARG_INT, &due_within,
      N_("csv: only records ending within DAYS"), "DAYS" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("ics: first day (default today)"),
      "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("ics: last day (default 40 months ahead)"),
      "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("csv|ics FILE — export the pipeline or the calendar"));
  GDate d;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 3 || (!g_str_equal (argv[1], "csv") && !g_str_equal (argv[1], "ics")))
    {
      rd_cli_error (_("export needs “csv FILE” or “ics FILE”"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((from && !rd_date_parse (from, &d)) || (to && !rd_date_parse (to, &d)))
    {
      rd_cli_error (_("--from and --to take dates of the form YYYY-MM-DD"));
      return RD_CLI_EXIT_USAGE;
    }
  if (type != NULL && !g_str_equal (type, "agreement") && !g_str_equal (type, "offer"))
    {
      rd_cli_error (_("--type must be “agreement” or “offer”, not “%s”"), type);
      return RD_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "csv"))
    return export_csv (globals, argv[2], type, due_within >= 0 ? due_within : RD_PIPELINE_DUE_ANY);
  return export_ics (globals, argv[2], from, to);
}
