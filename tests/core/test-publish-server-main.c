/* test-publish-server-main.c
 *
 * The Catalog API stand-in of test-publish-server.c as a program, for the command-line
 * tests: prints its URL on one line, then serves until SIGTERM or SIGINT.
 * Usage: publish-test-server [TODAY]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>

#include "test-publish-server.h"

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (PublishTestServer) server = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  server = publish_test_server_new (argc > 1 ? argv[1] : today);
  g_print ("%s\n", publish_test_server_get_url (server));
  fflush (stdout);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
