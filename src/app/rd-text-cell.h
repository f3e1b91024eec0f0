/* rd-text-cell.h
 *
 * One line of text for the cells of a large list: it asks for no width of its own (its
 * column has one) and for the height of a line of its font, so measuring a row lays out no
 * text; the text is shaped only when the cell is drawn. GTK 4.8's list views keep about 200
 * rows alive, of which a window shows a tenth: a GtkLabel per cell shaped them all on every
 * sort. The text is the cell's accessible label.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_TEXT_CELL (rd_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (RdTextCell, rd_text_cell, RD, TEXT_CELL, GtkWidget)

GtkWidget  *rd_text_cell_new        (float       xalign);
void        rd_text_cell_set_text   (RdTextCell *self,
                                     const char *text);
const char *rd_text_cell_get_text   (RdTextCell *self);
/* Pango markup; the accessible label and rd_text_cell_get_text() are its text alone. */
void        rd_text_cell_set_markup (RdTextCell *self,
                                     const char *markup);

G_END_DECLS
