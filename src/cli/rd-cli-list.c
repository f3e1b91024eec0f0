/* rd-cli-list.c
 *
 * `renewal-desk-cli list`: the pipeline's rows in its order, as a table or as a JSON array
 * of the records `show --json` prints. One statement read as it goes; each record's stored
 * text is printed without parsing it (rd-cli-pretty.h) and the output leaves in large writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "rd-cli-pretty.h"
#include "rd-cli.h"
#include "rd-date.h"
#include "rd-pipeline-model.h"
#include "rd-store-pipeline.h"

/* What gathers before a write. */
#define WRITE_SIZE (256 * 1024)

static RdPipelineSort
parse_sort (const char *text,
            gboolean   *ok)
{
  *ok = TRUE;
  if (text == NULL || g_str_equal (text, "end"))
    return RD_PIPELINE_SORT_END_DATE;
  if (g_str_equal (text, "start"))
    return RD_PIPELINE_SORT_START_DATE;
  if (g_str_equal (text, "customer"))
    return RD_PIPELINE_SORT_CUSTOMER;
  if (g_str_equal (text, "product"))
    return RD_PIPELINE_SORT_PRODUCT_TITLE;
  *ok = FALSE;
  return RD_PIPELINE_SORT_END_DATE;
}

typedef struct
{
  gboolean  json;
  GString  *buffer;
  FILE     *out;
  guint     n_rows;
  int       write_errno; /* 0 while every write succeeded */
} ListPrinter;

static gboolean
flush_listing (ListPrinter *listing)
{
  errno = 0;
  if (listing->write_errno == 0 && listing->buffer->len > 0
      && fwrite (listing->buffer->str, 1, listing->buffer->len, listing->out)
         != listing->buffer->len)
    listing->write_errno = errno != 0 ? errno : EIO;
  g_string_truncate (listing->buffer, 0);
  return listing->write_errno == 0;
}

static void
append_summary (GString                  *out,
                const RdStorePipelineRow *row)
{
  int days = rd_date_days_left (row->end_date, NULL);
  char days_text[16];

  if (days == G_MININT)
    g_strlcpy (days_text, "-", sizeof days_text);
  else
    g_snprintf (days_text, sizeof days_text, "%d", days);
  g_string_append_printf (out, "%s  %-9s  %-4s  %-10s  %5s  %-14s  %s — %s\n",
                          row->id,
                          row->type,
                          row->kind ? row->kind : "-",
                          row->end_date ? row->end_date : "-",
                          days_text,
                          row->stage ? row->stage : "-",
                          row->customer ? row->customer : "",
                          row->product_title ? row->product_title : "");
}

static gboolean
print_list_row (const RdStorePipelineRow *row,
                gpointer                  user_data)
{
  ListPrinter *listing = user_data;

  if (listing->json)
    {
      g_string_append_len (listing->buffer, listing->n_rows > 0 ? ",\n" : "\n",
                           listing->n_rows > 0 ? 2 : 1);
      rd_cli_pretty_append_record (listing->buffer, row->id, row->rev, row->body, 2);
    }
  else
    append_summary (listing->buffer, row);
  listing->n_rows++;
  return listing->buffer->len < WRITE_SIZE || flush_listing (listing);
}

int
rd_cli_list (const RdCliGlobals *globals,
             int                 argc,
             char              **argv)
{
  g_autofree char *type = NULL;
  g_autofree char *sort = NULL;
  int due_within = -1;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("agreement or offer"), "TYPE" },
    { "due-within", 0, 0, G_OPTION_ARG_INT, &due_within,
      N_("Only records whose end date is within DAYS from today"), "DAYS" },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("end, start, customer or product"), "KEY" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("— list agreements and offers"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) buffer = NULL;
  RdPipelineQuery query = { 0 };
  ListPrinter listing = { 0 };
  RdPipelineSort sort_key;
  gboolean sort_ok;
  gboolean read_ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (type != NULL && !g_str_equal (type, "agreement") && !g_str_equal (type, "offer"))
    {
      rd_cli_error (_("--type must be “agreement” or “offer”, not “%s”"), type);
      return RD_CLI_EXIT_USAGE;
    }
  sort_key = parse_sort (sort, &sort_ok);
  if (!sort_ok)
    {
      rd_cli_error (_("--sort must be end, start, customer or product, not “%s”"), sort);
      return RD_CLI_EXIT_USAGE;
    }
  if (due_within < -1)
    {
      rd_cli_error (_("--due-within must be a number of days, 0 or more"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;

  query.doc_type = type;
  query.due_within = due_within >= 0 ? due_within : RD_PIPELINE_DUE_ANY;
  query.sort = sort_key;
  buffer = g_string_sized_new (WRITE_SIZE + 64 * 1024);
  listing.json = json;
  listing.buffer = buffer;
  listing.out = stdout;
  /* One statement read as it goes: memory stays flat whatever the number of records. */
  if (json)
    g_string_append_c (buffer, '[');
  read_ok = rd_store_pipeline_foreach (store, &query,
                                       json ? RD_STORE_PIPELINE_BODY : RD_STORE_PIPELINE_SUMMARY,
                                       print_list_row, &listing, &error);
  if (read_ok && json)
    g_string_append (buffer, listing.n_rows > 0 ? "\n]\n" : "]\n");
  if (flush_listing (&listing))
    {
      errno = 0;
      if (fflush (stdout) != 0)
        listing.write_errno = errno != 0 ? errno : EIO;
    }
  if (listing.write_errno != 0)
    {
      rd_cli_error (_("Could not write the list: %s"), g_strerror (listing.write_errno));
      return RD_CLI_EXIT_FAILURE;
    }
  if (!read_ok)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  return RD_CLI_EXIT_OK;
}
