/* rd-cli.h
 *
 * renewal-desk-cli: the core without a display, for cron, scripts and benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_CLI_EXIT_OK = 0,
  RD_CLI_EXIT_FAILURE = 1,
  RD_CLI_EXIT_USAGE = 2,
  RD_CLI_EXIT_CONFLICTS = 3,
} RdCliExit;

typedef struct
{
  const char *db_path; /* NULL: the default database */
} RdCliGlobals;

/* One line on stderr: "renewal-desk-cli: <message>". */
void      rd_cli_error      (const char *format,
                             ...) G_GNUC_PRINTF (1, 2);
RdStore  *rd_cli_open_store (const RdCliGlobals *globals);
/* Parses a command's own options; on failure prints the problem and returns FALSE. */
gboolean  rd_cli_parse      (GOptionContext *context,
                             int            *argc,
                             char         ***argv);

int       rd_cli_list       (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_bench      (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_reminders  (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_import     (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_export     (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);

int       rd_cli_sync       (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_renew      (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_publish    (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_conflicts  (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
int       rd_cli_resolve    (const RdCliGlobals *globals,
                             int                 argc,
                             char              **argv);
/* Prints each server document sync set aside, as check reports problems; returns how many. */
guint     rd_cli_report_quarantined (RdStore *store);

G_END_DECLS
