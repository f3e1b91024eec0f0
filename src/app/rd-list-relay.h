/* rd-list-relay.h
 *
 * Passes a GListModel through unchanged, except that a large replacement ("remove all,
 * add all", which the SQL-backed models emit when a sort or filter changes) is relayed as
 * a removal followed by an addition. GTK 4.8's list views look up every added item for a
 * widget to reuse when both happen in one signal, which costs seconds at 100,000 rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Replacements adding more rows than this are split. */
#define RD_LIST_RELAY_SPLIT_THRESHOLD 1000

#define RD_TYPE_LIST_RELAY (rd_list_relay_get_type ())
G_DECLARE_FINAL_TYPE (RdListRelay, rd_list_relay, RD, LIST_RELAY, GObject)

RdListRelay *rd_list_relay_new       (GListModel  *model);
GListModel  *rd_list_relay_get_model (RdListRelay *self);

G_END_DECLS
