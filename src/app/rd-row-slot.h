/* rd-row-slot.h
 *
 * One position of an RdRowSlots list: the same object for as long as the position exists,
 * holding whatever item the underlying model has there now ("item", notified on change).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RD_TYPE_ROW_SLOT (rd_row_slot_get_type ())
G_DECLARE_FINAL_TYPE (RdRowSlot, rd_row_slot, RD, ROW_SLOT, GObject)

RdRowSlot *rd_row_slot_new      (guint      position,
                                 gpointer   item);
guint      rd_row_slot_get_position (RdRowSlot *self);
gpointer   rd_row_slot_get_item (RdRowSlot *self);
void       rd_row_slot_set_item (RdRowSlot *self,
                                 gpointer   item);

G_END_DECLS
