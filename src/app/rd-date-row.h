/* rd-date-row.h
 *
 * An entry row for a date, written as the locale writes dates or as YYYY-MM-DD, or picked
 * from a calendar popover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_DATE_ROW (rd_date_row_get_type ())
G_DECLARE_FINAL_TYPE (RdDateRow, rd_date_row, RD, DATE_ROW, AdwEntryRow)

GtkWidget *rd_date_row_new (void);

G_END_DECLS
