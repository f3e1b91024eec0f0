/* rd-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-money"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-money.h"

G_DEFINE_QUARK (rd-money-error-quark, rd_money_error)

__extension__ typedef __int128 RdUnits;

/* Text from the user quoted in a message is cut to this many characters. */
#define QUOTE_MAX_CHARS 40
/* Digits of the largest RdUnits, with a sign and a point. */
#define UNITS_TEXT_SIZE 48

static RdUnits
power_of_ten (guint exponent)
{
  RdUnits result = 1;

  while (exponent-- > 0)
    result *= 10;
  return result;
}

static char *
dup_quoted (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *start = NULL;

  if (g_utf8_strlen (valid, -1) <= QUOTE_MAX_CHARS)
    return g_steal_pointer (&valid);
  start = g_utf8_substring (valid, 0, QUOTE_MAX_CHARS);
  return g_strconcat (start, "…", NULL);
}

static gboolean
set_syntax_error (const char  *text,
                  GError     **error)
{
  g_autofree char *shown = dup_quoted (text);

  g_set_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_SYNTAX,
               _("“%s” is not an amount. Write digits with at most one decimal point, such as "
                 "120000.50, without exponent or thousands separators."),
               shown);
  return FALSE;
}

gboolean
rd_money_parse (const char  *text,
                RdMoney     *out,
                GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint integer_digits = 0;
  guint scale = 0;
  RdUnits units = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return set_syntax_error ("", error);
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return set_syntax_error (text, error);
  /* Leading zeros say nothing and do not count against the limit. */
  while (*p == '0' && g_ascii_isdigit (p[1]))
    p++;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (++integer_digits > RD_MONEY_MAX_INTEGER_DIGITS)
        break;
      units = units * 10 + (*p - '0');
    }
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return set_syntax_error (text, error);
      for (; g_ascii_isdigit (*p); p++)
        {
          if (++scale > RD_MONEY_MAX_SCALE)
            break;
          units = units * 10 + (*p - '0');
        }
    }
  if (integer_digits > RD_MONEY_MAX_INTEGER_DIGITS || scale > RD_MONEY_MAX_SCALE)
    {
      g_autofree char *shown = NULL;

      /* A longer run of digits is still refused as garbage if it is not a number at all. */
      for (; g_ascii_isdigit (*p) || *p == '.'; p++)
        ;
      if (*p != '\0')
        return set_syntax_error (text, error);
      shown = dup_quoted (text);
      if (integer_digits > RD_MONEY_MAX_INTEGER_DIGITS)
        g_set_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_RANGE,
                     /* Translators: an amount, then the most digits it may have */
                     _("“%s” is too large for an amount: at most %d digits go before the "
                       "decimal point."),
                     shown, RD_MONEY_MAX_INTEGER_DIGITS);
      else
        g_set_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_RANGE,
                     /* Translators: an amount, then the most decimals it may have */
                     _("“%s” has too many decimals: round it to at most %d decimals."),
                     shown, RD_MONEY_MAX_SCALE);
      return FALSE;
    }
  if (*p != '\0')
    return set_syntax_error (text, error);

  units *= power_of_ten (RD_MONEY_MAX_SCALE - scale);
  out->units = negative ? -units : units;
  out->scale = scale;
  return TRUE;
}

void
rd_money_init_zero (RdMoney *out)
{
  g_return_if_fail (out != NULL);

  out->units = 0;
  out->scale = 0;
}

/* "1.25e+03" into "1250": the digits of a %e text moved to where the exponent puts them. */
static char *
dup_plain_from_exponent (const char *text)
{
  g_autoptr (GString) digits = g_string_new (NULL);
  g_autoptr (GString) plain = g_string_new (NULL);
  const char *p = text;
  gint64 exponent;
  gint64 n;

  if (*p == '-')
    {
      g_string_append_c (plain, '-');
      p++;
    }
  for (; *p != 'e' && *p != 'E' && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  exponent = *p != '\0' ? g_ascii_strtoll (p + 1, NULL, 10) : 0;
  while (digits->len > 1 && digits->str[digits->len - 1] == '0')
    g_string_truncate (digits, digits->len - 1);
  n = (gint64) digits->len;

  if (exponent >= n - 1)
    {
      g_string_append (plain, digits->str);
      for (gint64 i = 0; i < exponent - (n - 1); i++)
        g_string_append_c (plain, '0');
    }
  else if (exponent >= 0)
    {
      g_string_append_len (plain, digits->str, exponent + 1);
      g_string_append_c (plain, '.');
      g_string_append (plain, digits->str + exponent + 1);
    }
  else
    {
      g_string_append (plain, "0.");
      for (gint64 i = 0; i < -exponent - 1; i++)
        g_string_append_c (plain, '0');
      g_string_append (plain, digits->str);
    }
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

char *
rd_money_dup_number_text (double number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (number))
    return NULL;
  if (number == 0)
    return g_strdup ("0");

  /* The fewest significant digits that read back as the same double; 17 always do. */
  for (int precision = 0; precision <= 16; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%de", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, number);
      if (g_ascii_strtod (buffer, NULL) == number)
        break;
    }
  return dup_plain_from_exponent (buffer);
}

static guint
count_significant_digits (const char *text)
{
  const char *first = NULL;
  const char *last = NULL;
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) && *p != '0')
      {
        if (first == NULL)
          first = p;
        last = p;
      }
  if (first == NULL)
    return 0;
  for (const char *p = first; p <= last; p++)
    if (g_ascii_isdigit (*p))
      n++;
  return n;
}

gboolean
rd_money_from_json (JsonNode  *node,
                    RdMoney   *out,
                    GError   **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return set_syntax_error (node != NULL && JSON_NODE_HOLDS_NULL (node) ? "null" : "", error);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return rd_money_parse (json_node_get_string (node), out, error);

    case G_TYPE_INT64:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return rd_money_parse (text, out, error);

    case G_TYPE_DOUBLE:
      return rd_money_from_double (json_node_get_double (node), out, error);

    default:
      text = json_to_string (node, FALSE);
      return set_syntax_error (text, error);
    }
}

gboolean
rd_money_from_double (double    number,
                      RdMoney  *out,
                      GError  **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  /* The common case without formatting: the fewest decimals that read back as number are
   * its shortest round-trip text when that has at most RD_MONEY_MAX_NUMBER_DIGITS digits. */
  if (isfinite (number) && fabs (number) < 1e15)
    for (guint scale = 0; scale <= RD_MONEY_MAX_SCALE; scale++)
      {
        double power = (double) power_of_ten (scale);
        double mantissa = round (number * power);

        if (fabs (mantissa) >= 1e15)
          break;
        if (mantissa / power == number)
          {
            out->units = (RdUnits) mantissa * power_of_ten (RD_MONEY_MAX_SCALE - scale);
            out->scale = scale;
            return TRUE;
          }
      }

  text = rd_money_dup_number_text (number);
  if (text == NULL)
    return set_syntax_error ("NaN", error);
  if (!rd_money_parse (text, out, error))
    return FALSE;
  if (count_significant_digits (text) > RD_MONEY_MAX_NUMBER_DIGITS)
    {
      g_autofree char *shown = dup_quoted (text);

      g_set_error (error, RD_MONEY_ERROR, RD_MONEY_ERROR_PRECISION,
                   /* Translators: an amount written as a JSON number */
                   _("%s has more digits than a JSON number keeps exactly. Write the "
                     "amount as a string, such as \"%s\"."),
                   shown, shown);
      return FALSE;
    }
  return TRUE;
}

/* The digits of a non-negative value, most significant first. */
static void
format_units (RdUnits  value,
              char    *buffer)
{
  char reversed[UNITS_TEXT_SIZE];
  guint n = 0;

  do
    {
      reversed[n++] = (char) ('0' + (int) (value % 10));
      value /= 10;
    }
  while (value > 0);
  for (guint i = 0; i < n; i++)
    buffer[i] = reversed[n - 1 - i];
  buffer[n] = '\0';
}

/* Sign, integer digits and the scale's decimals of money, apart. */
static void
split_money (const RdMoney *money,
             gboolean      *negative,
             char          *integer,
             char          *decimals)
{
  RdUnits one = power_of_ten (RD_MONEY_MAX_SCALE);
  RdUnits magnitude = money->units < 0 ? -money->units : money->units;
  RdUnits fraction = (magnitude % one) / power_of_ten (RD_MONEY_MAX_SCALE - money->scale);
  char digits[UNITS_TEXT_SIZE];
  guint len;

  *negative = money->units < 0;
  format_units (magnitude / one, integer);
  format_units (fraction, digits);
  len = strlen (digits);
  memset (decimals, '0', money->scale - MIN (len, money->scale));
  strcpy (decimals + money->scale - MIN (len, money->scale), money->scale > 0 ? digits : "");
}

char *
rd_money_to_string (const RdMoney *money)
{
  char integer[UNITS_TEXT_SIZE];
  char decimals[UNITS_TEXT_SIZE];
  gboolean negative;

  g_return_val_if_fail (money != NULL, NULL);

  split_money (money, &negative, integer, decimals);
  return g_strconcat (negative ? "-" : "", integer, money->scale > 0 ? "." : "", decimals,
                      NULL);
}

char *
rd_money_format_grouped (const RdMoney *money,
                         const char    *point,
                         const char    *separator,
                         const char    *grouping)
{
  g_autoptr (GString) text = g_string_new (NULL);
  char integer[UNITS_TEXT_SIZE];
  char decimals[UNITS_TEXT_SIZE];
  gboolean separated[UNITS_TEXT_SIZE] = { FALSE };
  gboolean negative;
  guint len;

  g_return_val_if_fail (money != NULL, NULL);

  if (point == NULL || *point == '\0')
    point = ".";
  if (separator == NULL)
    separator = "";
  if (grouping == NULL)
    grouping = "";

  split_money (money, &negative, integer, decimals);
  len = strlen (integer);
  /* As localeconv(3) reads it: group sizes from the right, the last one repeating, CHAR_MAX
   * (or a negative size) ending the grouping. */
  if (*separator != '\0')
    {
      const char *group = grouping;
      guint size = 0;

      for (guint digits = 0;;)
        {
          if (*group != '\0')
            {
              if ((signed char) *group <= 0 || *group == CHAR_MAX)
                break;
              size = (guchar) *group++;
            }
          if (size == 0 || digits + size >= len)
            break;
          digits += size;
          separated[len - digits] = TRUE;
        }
    }

  if (negative)
    g_string_append (text, "−");
  for (guint i = 0; i < len; i++)
    {
      if (separated[i])
        g_string_append (text, separator);
      g_string_append_c (text, integer[i]);
    }
  if (money->scale > 0)
    {
      g_string_append (text, point);
      g_string_append (text, decimals);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
rd_money_format_display (const RdMoney *money)
{
  const struct lconv *conventions = localeconv ();

  g_return_val_if_fail (money != NULL, NULL);

  return rd_money_format_grouped (money, conventions->decimal_point,
                                  conventions->thousands_sep, conventions->grouping);
}

/* magnitude / 10^digits, rounded half-up; digits is at least 1. */
static RdUnits
shift_rounded (RdUnits magnitude,
               guint   digits)
{
  RdUnits divisor = power_of_ten (digits);

  return (magnitude + divisor / 2) / divisor;
}

void
rd_money_round_compact (const RdMoney *money,
                        RdMoney       *out,
                        guint         *exponent)
{
  RdUnits magnitude;
  RdUnits rounded;
  int decimals = 0;

  g_return_if_fail (money != NULL && out != NULL && exponent != NULL);

  magnitude = money->units < 0 ? -money->units : money->units;
  *exponent = 0;
  rounded = shift_rounded (magnitude, RD_MONEY_MAX_SCALE);
  /* The smallest unit, then the most decimals, whose figure rounds to at most 3 digits:
   * 999,499 is 999 k, 999,500 is 1.00 M, 9,995,000 is 10.0 M. */
  if (rounded >= 10000)
    for (guint unit = 3; *exponent == 0; unit += 3)
      for (decimals = 2; decimals >= 0; decimals--)
        {
          rounded = shift_rounded (magnitude, RD_MONEY_MAX_SCALE + unit - (guint) decimals);
          if (rounded < 1000 || (unit == 9 && decimals == 0))
            {
              *exponent = unit;
              break;
            }
        }
  out->scale = (guint) decimals;
  out->units = rounded * power_of_ten (RD_MONEY_MAX_SCALE - decimals);
  if (money->units < 0)
    out->units = -out->units;
}

double
rd_money_to_double (const RdMoney *money)
{
  g_return_val_if_fail (money != NULL, 0.0);

  return (double) money->units / (double) power_of_ten (RD_MONEY_MAX_SCALE);
}

/* out = a + b, or a - b: exact, with the finer scale of the two. */
static gboolean
add_or_subtract (const RdMoney  *a,
                 const RdMoney  *b,
                 gboolean        subtract,
                 RdMoney        *out,
                 GError        **error)
{
  RdUnits result;
  gboolean overflow;

  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  overflow = subtract ? __builtin_sub_overflow (a->units, b->units, &result)
                      : __builtin_add_overflow (a->units, b->units, &result);
  if (overflow)
    {
      g_set_error_literal (error, RD_MONEY_ERROR, RD_MONEY_ERROR_OVERFLOW,
                           subtract
                             ? _("The difference of these amounts is too large to compute.")
                             : _("The sum of these amounts is too large to compute."));
      return FALSE;
    }
  out->scale = MAX (a->scale, b->scale);
  out->units = result;
  return TRUE;
}

gboolean
rd_money_add (const RdMoney  *a,
              const RdMoney  *b,
              RdMoney        *out,
              GError        **error)
{
  return add_or_subtract (a, b, FALSE, out, error);
}

gboolean
rd_money_subtract (const RdMoney  *a,
                   const RdMoney  *b,
                   RdMoney        *out,
                   GError        **error)
{
  return add_or_subtract (a, b, TRUE, out, error);
}

int
rd_money_compare (const RdMoney *a,
                  const RdMoney *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, 0);

  return (a->units > b->units) - (a->units < b->units);
}

int
rd_money_sign (const RdMoney *money)
{
  g_return_val_if_fail (money != NULL, 0);

  return (money->units > 0) - (money->units < 0);
}

struct _RdMoneyTotals
{
  GHashTable *by_currency; /* currency → RdMoney */
};

RdMoneyTotals *
rd_money_totals_new (void)
{
  RdMoneyTotals *totals = g_new0 (RdMoneyTotals, 1);

  totals->by_currency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return totals;
}

void
rd_money_totals_free (RdMoneyTotals *totals)
{
  if (totals == NULL)
    return;
  g_hash_table_unref (totals->by_currency);
  g_free (totals);
}

gboolean
rd_money_totals_add (RdMoneyTotals  *totals,
                     const char     *currency,
                     const RdMoney  *amount,
                     GError        **error)
{
  RdMoney *total;

  g_return_val_if_fail (totals != NULL && amount != NULL, FALSE);

  if (currency == NULL)
    currency = "";
  total = g_hash_table_lookup (totals->by_currency, currency);
  if (total == NULL)
    {
      total = g_new0 (RdMoney, 1);
      g_hash_table_insert (totals->by_currency, g_strdup (currency), total);
    }
  return rd_money_add (total, amount, total, error);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
rd_money_totals_dup_currencies (RdMoneyTotals *totals)
{
  g_autofree const char **keys = NULL;
  GStrvBuilder *builder;
  char **result;
  guint n;

  g_return_val_if_fail (totals != NULL, NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (totals->by_currency, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, keys);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

const RdMoney *
rd_money_totals_lookup (RdMoneyTotals *totals,
                        const char    *currency)
{
  g_return_val_if_fail (totals != NULL, NULL);

  return g_hash_table_lookup (totals->by_currency, currency != NULL ? currency : "");
}
