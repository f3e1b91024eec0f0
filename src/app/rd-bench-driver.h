/* rd-bench-driver.h
 *
 * The GUI benchmark's driver (build-aux/bench-gui): with RD_BENCH=1 the application runs a
 * scripted session through its own actions — first frame, month switches, pipeline sorts and
 * search, the Dashboard — prints each timing ("RD_BENCH name value") and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Attaches the driver to application if RD_BENCH is set; does nothing otherwise. */
void rd_bench_driver_attach_if_enabled (GtkApplication *application);

G_END_DECLS
