/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (RdApplication) app = NULL;
  const char *localedir;

  /* Running from the build tree, the catalogues are in <builddir>/po, not installed yet. */
  localedir = g_getenv ("RENEWAL_DESK_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
