/* rd-csv.h
 *
 * RFC 4180 CSV: a reader (whole text at once, or row by row) that reports where a file is
 * malformed, and a writer that quotes only where needed and ends rows with CRLF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_CSV_ERROR (rd_csv_error_quark ())

/* Excel reads a CSV file as UTF-8 only when it starts with this. */
#define RD_CSV_BOM "\xEF\xBB\xBF"

typedef enum
{
  RD_CSV_ERROR_INVALID_UTF8,
  RD_CSV_ERROR_UNTERMINATED_QUOTE,
  RD_CSV_ERROR_STRAY_QUOTE,
  RD_CSV_ERROR_TEXT_AFTER_QUOTE,
} RdCsvError;

typedef enum
{
  RD_CSV_WRITE_DEFAULT         = 0,
  /* Prefix text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) with "'". */
  RD_CSV_WRITE_ESCAPE_FORMULAS = 1 << 0,
} RdCsvWriteFlags;

typedef struct _RdCsvReader RdCsvReader;

GQuark        rd_csv_error_quark         (void);

RdCsvReader  *rd_csv_reader_new          (const char        *text,
                                          gssize             length);
void          rd_csv_reader_free         (RdCsvReader       *reader);
GStrv         rd_csv_reader_next_row     (RdCsvReader       *reader,
                                          GError           **error);
void          rd_csv_reader_get_position (RdCsvReader       *reader,
                                          guint             *line,
                                          guint             *column);

GPtrArray    *rd_csv_parse               (const char        *text,
                                          gssize             length,
                                          GError           **error);

char         *rd_csv_quote_field         (const char        *field,
                                          RdCsvWriteFlags    flags);
void          rd_csv_append_row          (GString           *out,
                                          const char * const *fields,
                                          gssize             n_fields,
                                          RdCsvWriteFlags    flags);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCsvReader, rd_csv_reader_free)

G_END_DECLS
