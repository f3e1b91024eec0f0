/* rd-next-frame.h
 *
 * Work that follows what the user looks at by one frame: a page is laid out and painted
 * first, and the work (a list re-laid out beside it) runs before the frame after, so that
 * the two do not add up to one long frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*RdNextFrameFunc) (GtkWidget *widget);

/* Runs @func on @widget once the next frame has been painted, or at once when @widget is not
 * shown. *@id holds the pending call (0 when none); a second call while one is pending moves
 * it behind the next frame again. */
void rd_next_frame_queue (GtkWidget       *widget,
                          RdNextFrameFunc  func,
                          guint           *id);
/* Cancels the pending call of *@id, if any. */
void rd_next_frame_cancel (GtkWidget *widget,
                           guint     *id);

G_END_DECLS
