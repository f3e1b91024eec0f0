/* rd-test-temp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "rd-test-temp.h"

void
rd_test_remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      rd_test_remove_dir (child);
    }
  g_rmdir (path);
}

RdStore *
rd_test_temp_store_open (const char  *name,
                         char       **dir,
                         char       **path)
{
  g_autofree char *template = g_strdup_printf ("rd-%s-XXXXXX", name);
  g_autofree char *file = NULL;
  g_autoptr (GError) error = NULL;
  RdStore *store;

  *dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  file = g_build_filename (*dir, "renewals.db", NULL);
  store = rd_store_open (file, &error);
  g_assert_no_error (error);
  if (path != NULL)
    *path = g_steal_pointer (&file);
  return store;
}

void
rd_test_temp_store_close (RdStore **store,
                          char    **dir)
{
  g_clear_object (store);
  rd_test_remove_dir (*dir);
  g_clear_pointer (dir, g_free);
}
