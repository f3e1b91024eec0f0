/* rd-json-guard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-json-guard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rd-json-guard.h"
#include "rd-json-strict.h"

G_DEFINE_QUARK (rd-json-guard-error-quark, rd_json_guard_error)

typedef struct
{
  const char *text;
  gsize       length;
  gsize       line;
  gsize       line_start;
} Scan;

/* Columns count characters: UTF-8 continuation bytes do not start one. */
static gsize
column_of (const Scan *scan,
           gsize       offset)
{
  gsize column = 1;

  for (gsize i = scan->line_start; i < offset; i++)
    if (((guchar) scan->text[i] & 0xC0) != 0x80)
      column++;
  return column;
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static gboolean
is_non_finite_word (const char *word,
                    gsize       length)
{
  static const char * const words[] = { "nan", "inf", "infinity" };

  if (length > 0 && (word[0] == '-' || word[0] == '+'))
    {
      word++;
      length--;
    }
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (length == strlen (words[i]) && g_ascii_strncasecmp (word, words[i], length) == 0)
      return TRUE;
  return FALSE;
}

/* Reads the number that starts at offset; FALSE when it is no finite double. */
static gboolean
number_is_finite (const Scan *scan,
                  gsize       offset,
                  gsize       end)
{
  gsize length = end - offset;
  gboolean exponent = memchr (scan->text + offset, 'e', length) != NULL
                      || memchr (scan->text + offset, 'E', length) != NULL;
  char small[64];
  g_autofree char *copy = NULL;
  const char *digits;

  /* Without an exponent, fewer than 309 digits always fit a double. */
  if (!exponent && length < 300)
    return TRUE;
  if (length < sizeof small)
    {
      memcpy (small, scan->text + offset, length);
      small[length] = '\0';
      digits = small;
    }
  else
    digits = copy = g_strndup (scan->text + offset, length);
  return isfinite (g_ascii_strtod (digits, NULL));
}

static gboolean
fail_at (const Scan  *scan,
         gsize        offset,
         int          code,
         guint        max_depth,
         GError     **error)
{
  unsigned long line = scan->line;
  unsigned long column = column_of (scan, offset);
  unsigned long byte = offset;

  if (code == RD_JSON_GUARD_ERROR_TOO_DEEP)
    g_set_error (error, RD_JSON_GUARD_ERROR, code,
                 _("The JSON text nests deeper than %u levels at byte %lu (line %lu, "
                   "column %lu)"), max_depth, byte, line, column);
  else
    g_set_error (error, RD_JSON_GUARD_ERROR, code,
                 _("The JSON text has a number that is not finite (such as 1e999, nan or "
                   "inf) at byte %lu (line %lu, column %lu); use a number a double can hold"),
                 byte, line, column);
  return FALSE;
}

gboolean
rd_json_guard_check (const char  *text,
                     gssize       length,
                     guint        max_depth,
                     GError     **error)
{
  Scan scan = { text, 0, 1, 0 };
  guint depth = 0;
  gsize i = 0;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scan.length = length < 0 ? strlen (text) : (gsize) length;
  while (i < scan.length)
    {
      char c = text[i];

      if (c == '"')
        {
          /* Strings: skip to the closing quote; an escape hides the next byte. */
          for (i++; i < scan.length && text[i] != '"'; i++)
            {
              if (text[i] == '\\')
                i++;
              else if (text[i] == '\n')
                {
                  scan.line++;
                  scan.line_start = i + 1;
                }
            }
          i++;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return fail_at (&scan, i, RD_JSON_GUARD_ERROR_TOO_DEEP, max_depth, error);
          i++;
        }
      else if (c == ']' || c == '}')
        {
          if (depth > 0)
            depth--;
          i++;
        }
      else if (c == '\n')
        {
          scan.line++;
          scan.line_start = ++i;
        }
      else if (is_number_char (c) || g_ascii_isalpha (c))
        {
          gsize start = i;
          gboolean word = FALSE;

          while (i < scan.length && (is_number_char (text[i]) || is_word_char (text[i])))
            {
              if (g_ascii_isalpha (text[i]) && text[i] != 'e' && text[i] != 'E')
                word = TRUE;
              i++;
            }
          if (is_non_finite_word (text + start, i - start))
            return fail_at (&scan, start, RD_JSON_GUARD_ERROR_NON_FINITE, max_depth, error);
          if (!word && (g_ascii_isdigit (c) || c == '-')
              && !number_is_finite (&scan, start, i))
            return fail_at (&scan, start, RD_JSON_GUARD_ERROR_NON_FINITE, max_depth, error);
        }
      else
        i++;
    }
  return TRUE;
}

JsonNode *
rd_json_guard_parse (const char  *text,
                     gssize       length,
                     GError     **error)
{
  return rd_json_guard_parse_to_depth (text, length, RD_JSON_GUARD_MAX_DEPTH, error);
}

JsonNode *
rd_json_guard_parse_to_depth (const char  *text,
                              gssize       length,
                              guint        max_depth,
                              GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;

  /* Strict JSON is read quickly; anything else, with its error, as json-glib reads it. */
  if (text != NULL)
    {
      root = rd_json_strict_read (text, length < 0 ? strlen (text) : (gsize) length, max_depth);
      if (root != NULL)
        return root;
    }
  if (!rd_json_guard_check (text, length, max_depth, error))
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, length, error))
    return NULL;
  root = json_parser_steal_root (parser);
  if (root == NULL)
    g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                         _("The JSON text is empty"));
  return root;
}
