/* rd-next-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-next-frame.h"

typedef struct
{
  RdNextFrameFunc  func;
  guint           *id;
  gint64           frame;  /* the frame counter when queued: the next one is painted first */
} NextFrame;

static gboolean
next_frame_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  NextFrame *next = user_data;

  if (gdk_frame_clock_get_frame_counter (frame_clock) <= next->frame + 1)
    return G_SOURCE_CONTINUE;

  *next->id = 0;
  next->func (widget);
  return G_SOURCE_REMOVE;
}

void
rd_next_frame_queue (GtkWidget       *widget,
                     RdNextFrameFunc  func,
                     guint           *id)
{
  GdkFrameClock *frame_clock;
  NextFrame *next;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);
  g_return_if_fail (id != NULL);

  rd_next_frame_cancel (widget, id);
  frame_clock = gtk_widget_get_frame_clock (widget);
  if (frame_clock == NULL || !gtk_widget_get_mapped (widget))
    {
      func (widget);
      return;
    }

  next = g_new0 (NextFrame, 1);
  next->func = func;
  next->id = id;
  next->frame = gdk_frame_clock_get_frame_counter (frame_clock);
  *id = gtk_widget_add_tick_callback (widget, next_frame_tick_cb, next, g_free);
}

void
rd_next_frame_cancel (GtkWidget *widget,
                      guint     *id)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (id != NULL);

  if (*id == 0)
    return;
  gtk_widget_remove_tick_callback (widget, *id);
  *id = 0;
}
