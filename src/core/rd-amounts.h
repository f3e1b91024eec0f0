/* rd-amounts.h
 *
 * Where a record holds amounts of money, and turning the JSON numbers an older client (or a
 * hand-written file) put there into the exact decimal strings DESIGN §2 asks for: the fields
 * of type RD_FIELD_TYPE_AMOUNT ("value") and the amounts of line items (installments, value
 * adds, pricing dimensions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-money.h"

G_BEGIN_DECLS

typedef enum
{
  /* What a user writes now (add, update, import): a number must be an amount (rd-money.h's
   * limits, at most RD_MONEY_MAX_NUMBER_DIGITS digits); else an error naming the field. */
  RD_AMOUNTS_STRICT,
  /* What is already stored or synced: every finite number becomes its shortest round-trip
   * text, whatever its size, so nothing is lost; the schema check then reports what is no
   * amount. */
  RD_AMOUNTS_KEEP_VALUE,
} RdAmountsMode;

/* Rewrites the numeric amounts of body (a record or a merge patch of one) as strings. Returns
 * FALSE with an RD_MONEY_ERROR, body unchanged, when mode is strict and a number is no
 * amount. changed (optional) tells whether anything was rewritten. */
gboolean  rd_amounts_normalize     (JsonObject     *body,
                                    RdAmountsMode   mode,
                                    gboolean       *changed,
                                    GError        **error);

/* body as the store keeps it: body itself (a new reference) when it holds no numeric amount,
 * else a copy whose numbers are rewritten with RD_AMOUNTS_KEEP_VALUE. For writes of stored
 * records and of what sync brings from an older client. */
JsonObject *rd_amounts_dup_stored  (JsonObject     *body);

/* The amount in member of object (a string or an older client's number); FALSE when it is
 * missing or no amount. */
gboolean  rd_amounts_get           (JsonObject     *object,
                                    const char     *member,
                                    RdMoney        *out);

G_END_DECLS
