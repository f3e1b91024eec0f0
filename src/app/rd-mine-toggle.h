/* rd-mine-toggle.h
 *
 * The "Mine" toggle the pipeline and the calendar share: sensitive only when the user has a
 * name to match the records' owner with, and a tooltip that says where to set one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-context.h"

G_BEGIN_DECLS

/* Updates toggle from context's owner name and returns that name (NULL: none is set). */
char *rd_mine_toggle_refresh (GtkToggleButton *toggle,
                              RdContext       *context);

G_END_DECLS
