/* rd-csv.c
 *
 * Reading follows RFC 4180 strictly, with three liberties every spreadsheet takes: a leading
 * UTF-8 byte order mark is dropped, LF and a lone CR end a row as CRLF does, and lines with
 * no character at all are skipped (so a trailing newline or a blank line adds no row).
 * Positions are 1-based; a column counts characters, not bytes; a line break inside a quoted
 * field starts a new line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-csv.h"

G_DEFINE_QUARK (rd-csv-error-quark, rd_csv_error)

struct _RdCsvReader
{
  char  *text;
  gsize  length;
  gsize  pos;
  /* Offset of the first byte that is not UTF-8 (length when all is valid). */
  gsize  invalid_at;
  guint  line;
  gsize  line_start;
  /* Where the last row began, or the last error is. */
  guint  mark_line;
  guint  mark_column;
};

RdCsvReader *
rd_csv_reader_new (const char *text,
                   gssize      length)
{
  RdCsvReader *reader;
  const char *end = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  reader = g_new0 (RdCsvReader, 1);
  reader->length = length < 0 ? strlen (text) : (gsize) length;
  reader->text = g_malloc (reader->length + 1);
  if (reader->length > 0)
    memcpy (reader->text, text, reader->length);
  reader->text[reader->length] = '\0';
  reader->line = 1;

  if (reader->length >= 3 && memcmp (reader->text, RD_CSV_BOM, 3) == 0)
    reader->pos = reader->line_start = 3;

  /* NUL bytes count as invalid: a text file has none. */
  if (g_utf8_validate_len (reader->text, reader->length, &end))
    reader->invalid_at = reader->length;
  else
    reader->invalid_at = (gsize) (end - reader->text);

  return reader;
}

void
rd_csv_reader_free (RdCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_free (reader->text);
  g_free (reader);
}

void
rd_csv_reader_get_position (RdCsvReader *reader,
                            guint       *line,
                            guint       *column)
{
  g_return_if_fail (reader != NULL);

  if (line != NULL)
    *line = reader->mark_line;
  if (column != NULL)
    *column = reader->mark_column;
}

static guint
column_at (RdCsvReader *reader,
           gsize        pos)
{
  /* Only text before the first invalid byte is ever measured, so this is valid UTF-8. */
  return (guint) g_utf8_strlen (reader->text + reader->line_start,
                                (gssize) (pos - reader->line_start)) + 1;
}

static void
mark (RdCsvReader *reader,
      gsize        pos)
{
  reader->mark_line = reader->line;
  reader->mark_column = column_at (reader, pos);
}

static void
set_error (RdCsvReader *reader,
           GError     **error,
           RdCsvError   code,
           guint        line,
           guint        column)
{
  reader->mark_line = line;
  reader->mark_column = column;
  switch (code)
    {
    case RD_CSV_ERROR_INVALID_UTF8:
      g_set_error (error, RD_CSV_ERROR, code,
                   /* Translators: the first %u is a line number, the second a column. */
                   _("Line %u, column %u: the file is not valid UTF-8 text. "
                     "Save it as “CSV UTF-8” and import it again."),
                   line, column);
      break;
    case RD_CSV_ERROR_UNTERMINATED_QUOTE:
      g_set_error (error, RD_CSV_ERROR, code,
                   _("Line %u, column %u: the quoted field that starts here has no closing "
                     "double quote. Add the closing quote."),
                   line, column);
      break;
    case RD_CSV_ERROR_STRAY_QUOTE:
      g_set_error (error, RD_CSV_ERROR, code,
                   _("Line %u, column %u: a double quote inside a field that is not quoted. "
                     "Put the whole field in double quotes and write the quote twice (\"\")."),
                   line, column);
      break;
    case RD_CSV_ERROR_TEXT_AFTER_QUOTE:
      g_set_error (error, RD_CSV_ERROR, code,
                   _("Line %u, column %u: text follows the closing quote of a field. "
                     "Add a comma after the quote, or write the quote twice if it is part "
                     "of the field."),
                   line, column);
      break;
    default:
      g_return_if_reached ();
    }
}

static gboolean
is_line_break (char c)
{
  return c == '\n' || c == '\r';
}

/* Consumes one line break (CRLF, LF or CR) at pos. */
static void
skip_line_break (RdCsvReader *reader)
{
  if (reader->text[reader->pos] == '\r' && reader->pos + 1 < reader->length
      && reader->text[reader->pos + 1] == '\n')
    reader->pos += 2;
  else
    reader->pos += 1;
  reader->line++;
  reader->line_start = reader->pos;
}

static gboolean
check_valid (RdCsvReader *reader,
             GError     **error)
{
  if (reader->pos != reader->invalid_at || reader->pos >= reader->length)
    return TRUE;
  set_error (reader, error, RD_CSV_ERROR_INVALID_UTF8, reader->line,
             column_at (reader, reader->pos));
  return FALSE;
}

static gboolean
read_quoted_field (RdCsvReader *reader,
                   GString     *field,
                   GError     **error)
{
  guint open_line = reader->line;
  guint open_column = column_at (reader, reader->pos);

  reader->pos++;
  for (;;)
    {
      char c;

      if (!check_valid (reader, error))
        return FALSE;
      if (reader->pos >= reader->length)
        {
          set_error (reader, error, RD_CSV_ERROR_UNTERMINATED_QUOTE, open_line, open_column);
          return FALSE;
        }
      c = reader->text[reader->pos];
      if (c == '"')
        {
          if (reader->pos + 1 < reader->length && reader->text[reader->pos + 1] == '"')
            {
              g_string_append_c (field, '"');
              reader->pos += 2;
              continue;
            }
          reader->pos++;
          break;
        }
      if (is_line_break (c))
        {
          gsize start = reader->pos;

          skip_line_break (reader);
          g_string_append_len (field, reader->text + start, (gssize) (reader->pos - start));
          continue;
        }
      g_string_append_c (field, c);
      reader->pos++;
    }

  if (!check_valid (reader, error))
    return FALSE;
  if (reader->pos < reader->length && reader->text[reader->pos] != ','
      && !is_line_break (reader->text[reader->pos]))
    {
      set_error (reader, error, RD_CSV_ERROR_TEXT_AFTER_QUOTE, reader->line,
                 column_at (reader, reader->pos));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_plain_field (RdCsvReader *reader,
                  GString     *field,
                  GError     **error)
{
  for (;;)
    {
      char c;

      if (!check_valid (reader, error))
        return FALSE;
      if (reader->pos >= reader->length)
        return TRUE;
      c = reader->text[reader->pos];
      if (c == ',' || is_line_break (c))
        return TRUE;
      if (c == '"')
        {
          set_error (reader, error, RD_CSV_ERROR_STRAY_QUOTE, reader->line,
                     column_at (reader, reader->pos));
          return FALSE;
        }
      g_string_append_c (field, c);
      reader->pos++;
    }
}

/* Returns the next row, or NULL at the end of the text (error unset) or on an error. */
GStrv
rd_csv_reader_next_row (RdCsvReader *reader,
                        GError     **error)
{
  g_autoptr (GStrvBuilder) row = NULL;
  g_autoptr (GString) field = NULL;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  while (reader->pos < reader->length && is_line_break (reader->text[reader->pos]))
    skip_line_break (reader);
  if (reader->pos >= reader->length)
    return NULL;

  mark (reader, reader->pos);
  row = g_strv_builder_new ();
  field = g_string_new (NULL);
  for (;;)
    {
      gboolean ok;

      g_string_truncate (field, 0);
      if (reader->pos < reader->length && reader->text[reader->pos] == '"')
        ok = read_quoted_field (reader, field, error);
      else
        ok = read_plain_field (reader, field, error);
      if (!ok)
        return NULL;
      g_strv_builder_add (row, field->str);

      if (reader->pos >= reader->length)
        break;
      if (reader->text[reader->pos] == ',')
        {
          reader->pos++;
          continue;
        }
      skip_line_break (reader);
      break;
    }

  return g_strv_builder_end (row);
}

/* All rows (each a GStrv), or NULL and an error that says where the text is malformed. */
GPtrArray *
rd_csv_parse (const char *text,
              gssize      length,
              GError    **error)
{
  g_autoptr (RdCsvReader) reader = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) local_error = NULL;
  GStrv row;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  reader = rd_csv_reader_new (text != NULL ? text : "", length);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  while ((row = rd_csv_reader_next_row (reader, &local_error)) != NULL)
    g_ptr_array_add (rows, row);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* A spreadsheet runs a cell starting with one of these as a formula (CSV injection);
 * numbers such as "-12.5" stay as they are. */
static gboolean
looks_like_formula (const char *field)
{
  char *end = NULL;

  if (field[0] == '\0' || strchr ("=+-@\t\r", field[0]) == NULL)
    return FALSE;
  if (field[0] != '+' && field[0] != '-')
    return TRUE;
  g_ascii_strtod (field, &end);
  return end == NULL || *end != '\0';
}

static gboolean
needs_quotes (const char *field)
{
  gsize len = strlen (field);

  if (strpbrk (field, ",\"\r\n") != NULL)
    return TRUE;
  /* Many readers trim unquoted fields; quoting keeps the spaces. */
  return len > 0 && (g_ascii_isspace (field[0]) || g_ascii_isspace (field[len - 1]));
}

static void
append_field (GString        *out,
              const char     *field,
              RdCsvWriteFlags flags,
              gboolean        force_quotes)
{
  gboolean escape = (flags & RD_CSV_WRITE_ESCAPE_FORMULAS) && looks_like_formula (field);

  if (!force_quotes && !escape && !needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  if (escape)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
rd_csv_quote_field (const char     *field,
                    RdCsvWriteFlags flags)
{
  GString *out;

  g_return_val_if_fail (field == NULL || g_utf8_validate (field, -1, NULL), NULL);

  out = g_string_new (NULL);
  append_field (out, field != NULL ? field : "", flags, FALSE);
  return g_string_free (out, FALSE);
}

/* One row ending in CRLF; n_fields -1 reads fields up to a NULL, else a NULL field is empty.
 * A row of one empty field is written as "" so that a reader does not take it for a blank
 * line. */
void
rd_csv_append_row (GString            *out,
                   const char * const *fields,
                   gssize              n_fields,
                   RdCsvWriteFlags     flags)
{
  gsize n;

  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields <= 0);

  n = n_fields < 0 ? g_strv_length ((GStrv) fields) : (gsize) n_fields;
  for (gsize i = 0; i < n; i++)
    {
      const char *field = fields[i] != NULL ? fields[i] : "";

      g_return_if_fail (g_utf8_validate (field, -1, NULL));
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, field, flags, n == 1 && field[0] == '\0');
    }
  g_string_append (out, "\r\n");
}
