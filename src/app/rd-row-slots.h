/* rd-row-slots.h
 *
 * A GListModel of RdRowSlot over another model, for list views of large SQL-backed models.
 * When the model's rows change (a sort, a filter, a search replaces them all) the slots a
 * view holds get their new items and notify, and only a change in the number of rows is
 * announced, at the end: the view keeps its row widgets and rebinds nothing but the
 * changed content. GTK 4.8's list views otherwise destroy and rebuild every row widget
 * (about 200 rows, a widget per cell) on each replacement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RD_TYPE_ROW_SLOTS (rd_row_slots_get_type ())
G_DECLARE_FINAL_TYPE (RdRowSlots, rd_row_slots, RD, ROW_SLOTS, GObject)

RdRowSlots *rd_row_slots_new       (GListModel *model);
GListModel *rd_row_slots_get_model (RdRowSlots *self);

G_END_DECLS
