/* rd-labels.h
 *
 * What the user reads: the spelled values of the documents (DESIGN §2), whose labels are the
 * schema's (rd-fields.h), the calendar's event kinds, and amounts, dates and days left.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "rd-calendar-model.h"
#include "rd-money.h"
#include "rd-rules.h"

G_BEGIN_DECLS

const char *rd_labels_stage            (const char          *stage);
const char *rd_labels_kind             (const char          *kind);
const char *rd_labels_product_type     (const char          *product_type);
const char *rd_labels_mechanism        (const char          *mechanism);
const char *rd_labels_status           (const char          *status);
const char *rd_labels_doc_type         (const char          *type);
const char *rd_labels_for_field_value  (const char          *field,
                                        const char          *value);
const char *rd_labels_event_kind       (RdCalendarEventKind  kind);
const char *rd_labels_event_icon_name  (RdCalendarEventKind  kind);
const char *rd_labels_event_css_class  (RdCalendarEventKind  kind);
/* An amount as the user reads it, exact, with the locale's digit grouping (the C locale's
 * as English's) and its currency: "27,000.50 USD", "27.000,50 USD". */
char       *rd_labels_format_money_value (const RdMoney     *money,
                                          const char        *currency);
/* An amount as a dashboard figure shows it, to three significant digits past 10,000,
 * rounded half-up on its decimal digits, with the locale's decimal point and grouping (the
 * C locale's as English's): "950", "9,999", "523 k", "1.01 M", "1.06 B", "10.6 B". */
char       *rd_labels_format_compact   (const RdMoney       *money);
/* Why an offer is or is not a validated ACE opportunity (rd_renewal_ace_state()), as the
 * editor says it: "Validated: +12,000.50 USD over the current agreement", the growth exact
 * with the locale's grouping as rd_labels_format_money_value() shows amounts. state (may be
 * NULL) gets the state. */
char       *rd_labels_dup_ace_reason   (JsonObject          *offer,
                                        JsonObject          *renewed_agreement,
                                        RdAceState          *state);
char       *rd_labels_format_days_left (int                  days_left);
char       *rd_labels_format_date      (const char          *iso_date);
char       *rd_labels_format_amount    (double               value);
/* Amounts as the user types them, in the locale's way ("120.000,50" in German): the plain
 * decimal text with '.' for the point, or NULL for no digits at all. */
char       *rd_labels_dup_amount_text  (const char          *text);
/* An exact amount from what the user typed; FALSE when it is no amount (rd-money.h). */
gboolean    rd_labels_parse_money      (const char          *text,
                                        RdMoney             *money);
/* An exact amount as the user edits it: the locale's decimal point, no grouping, the
 * decimals as entered. */
char       *rd_labels_format_money     (const RdMoney       *money);
gboolean    rd_labels_parse_amount     (const char          *text,
                                        double              *value);

G_END_DECLS
