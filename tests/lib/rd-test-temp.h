/* rd-test-temp.h
 *
 * Temporary folders for tests, and a store in one: made at a test's start, removed with all
 * that is in them at its end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store.h"

G_BEGIN_DECLS

/* Removes @path and everything in it. */
void     rd_test_remove_dir        (const char  *path);
/* A new folder "rd-@name-XXXXXX" with a store, renewals.db, in it; *@dir gets the folder and
 * @path (if not NULL) the store's file. */
RdStore *rd_test_temp_store_open   (const char  *name,
                                    char       **dir,
                                    char       **path);
/* Closes *@store (if set) and removes *@dir with everything in it; both are cleared. */
void     rd_test_temp_store_close  (RdStore    **store,
                                    char       **dir);

G_END_DECLS
