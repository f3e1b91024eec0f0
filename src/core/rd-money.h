/* rd-money.h
 *
 * Exact amounts of money (DESIGN §2: "exact decimal strings with a currency, never floats").
 * An RdMoney is a plain decimal: an optional "-", at most RD_MONEY_MAX_INTEGER_DIGITS digits
 * before the point and at most RD_MONEY_MAX_SCALE after it. "120000.50" keeps its two
 * decimals, so it prints back as entered. Exponents, NaN, infinities, "+", grouping
 * separators and blanks are refused. Sums keep the finest scale of their terms.
 *
 * A JSON number written by an older client is read back as the shortest text that parses
 * back to the same double ("93224.99", not "93224.990000000005").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RD_MONEY_ERROR (rd_money_error_quark ())

/* 18 digits before the point reach a quintillion; 8 after it hold AWS's finest usage prices.
 * Both fit one 128-bit integer with room for any sum of such amounts. */
#define RD_MONEY_MAX_INTEGER_DIGITS 18
#define RD_MONEY_MAX_SCALE 8
/* A JSON number (a double) keeps at most this many significant digits exactly. */
#define RD_MONEY_MAX_NUMBER_DIGITS 15

typedef enum
{
  RD_MONEY_ERROR_SYNTAX,    /* not a plain decimal number */
  RD_MONEY_ERROR_RANGE,     /* too many digits before or after the point */
  RD_MONEY_ERROR_PRECISION, /* a JSON number with more digits than a double keeps */
  RD_MONEY_ERROR_OVERFLOW,  /* a sum beyond what an amount can hold */
} RdMoneyError;

typedef struct
{
  /*< private >*/
  __extension__ __int128 units; /* the amount times 10^RD_MONEY_MAX_SCALE */
  guint scale;                  /* decimals as entered, at most RD_MONEY_MAX_SCALE */
} RdMoney;

GQuark    rd_money_error_quark     (void);

/* text must be the whole amount: no blanks around it. */
gboolean  rd_money_parse           (const char    *text,
                                    RdMoney       *out,
                                    GError       **error);
/* A JSON string (parsed as rd_money_parse()) or number (its shortest round-trip text, with at
 * most RD_MONEY_MAX_NUMBER_DIGITS significant digits). */
gboolean  rd_money_from_json       (JsonNode      *node,
                                    RdMoney       *out,
                                    GError       **error);
/* A JSON number (a double) as rd_money_from_json() reads it. */
gboolean  rd_money_from_double     (double         number,
                                    RdMoney       *out,
                                    GError       **error);
/* The shortest plain decimal text (no exponent) that reads back as number; NULL when number
 * is not finite. Not limited in digits: 1e300 gives 301 of them. */
char     *rd_money_dup_number_text (double         number);
void      rd_money_init_zero       (RdMoney       *out);

/* As entered: "93225", "93224.99", "120000.50", "-3.5"; "-0" is "0". */
char     *rd_money_to_string       (const RdMoney *money);
/* For display, with the decimal point, the separator between digit groups and the group
 * sizes given as localeconv(3) gives them (grouping "\3" groups by three; "" not at all):
 * "120,000.50", "−1.234.567,50", "12,34,567" (grouping "\3\2"). The decimals as entered. */
char     *rd_money_format_grouped  (const RdMoney *money,
                                    const char    *point,
                                    const char    *separator,
                                    const char    *grouping);
/* rd_money_format_grouped() with the conventions of the user's locale (LC_NUMERIC),
 * "120,000.50" or "120.000,50". */
char     *rd_money_format_display  (const RdMoney *money);
/* A compact figure's digits: money to three significant digits (two decimals below 10,
 * one below 100), rounded half-up on its decimal digits, in units of 10^exponent: 3, 6 or
 * 9 (thousands, millions, billions; past 999 B more digits), or 0 for an amount that rounds
 * to less than 10,000 (then rounded to a whole one). 1005000 is 1.01 with exponent 6. */
void      rd_money_round_compact   (const RdMoney *money,
                                    RdMoney       *out,
                                    guint         *exponent);
/* Close to the amount, for charts and growth comparisons only; never for storing. */
double    rd_money_to_double       (const RdMoney *money);

/* out = a + b, exactly, with the finer scale of the two; out may be a or b. */
gboolean  rd_money_add             (const RdMoney *a,
                                    const RdMoney *b,
                                    RdMoney       *out,
                                    GError       **error);
/* out = a - b, exactly, with the finer scale of the two; out may be a or b. */
gboolean  rd_money_subtract        (const RdMoney *a,
                                    const RdMoney *b,
                                    RdMoney       *out,
                                    GError       **error);
/* <0, 0, >0 as a is less than, equal to or more than b: "1.50" equals "1.5". */
int       rd_money_compare         (const RdMoney *a,
                                    const RdMoney *b);
/* -1, 0 or 1. */
int       rd_money_sign            (const RdMoney *money);

/* Sums per currency. */
typedef struct _RdMoneyTotals RdMoneyTotals;

RdMoneyTotals *rd_money_totals_new        (void);
void           rd_money_totals_free       (RdMoneyTotals *totals);
/* Adds amount to the total of currency ("" and NULL are one unknown currency). */
gboolean       rd_money_totals_add        (RdMoneyTotals *totals,
                                           const char    *currency,
                                           const RdMoney *amount,
                                           GError       **error);
/* The currencies with a total, sorted, NULL-terminated; free with g_strfreev(). */
char         **rd_money_totals_dup_currencies (RdMoneyTotals *totals);
/* The total of currency, or NULL when nothing was added for it. */
const RdMoney *rd_money_totals_lookup     (RdMoneyTotals *totals,
                                           const char    *currency);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdMoneyTotals, rd_money_totals_free)

G_END_DECLS
