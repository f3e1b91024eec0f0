/* rd-store-money.h
 *
 * Exact money in SQL, registered on every connection the store opens (the window's, the
 * worker's, the command line's):
 *
 *   rd_money_sum (amount)        an aggregate: the exact sum of amounts (rd-money.h) as a
 *                                decimal string, NULL over no amount. Text is read as
 *                                written; a number (a REAL column such as docs.value) as its
 *                                shortest round-trip text, exact for amounts of at most
 *                                RD_MONEY_MAX_NUMBER_DIGITS significant digits. What is no
 *                                amount is skipped, as sum() skips NULL; an overflow is an
 *                                error. Sum per currency with GROUP BY currency.
 *   rd_amounts_stored (body)     a scalar: the JSON body with its numeric amounts rewritten as
 *                                strings (rd_amounts_dup_stored()), NULL when it has none;
 *                                for the schema migration of older databases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* SQLite's error code; SQLITE_OK when both functions are registered on db. */
int rd_store_money_register (sqlite3 *db);

G_END_DECLS
