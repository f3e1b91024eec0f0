/* rd-record-form.h
 *
 * The record editor's form without its widgets: which fields of the schema (rd-fields.h) a
 * form shows for a document type, role and kind, what a row shows for a field's JSON value,
 * and the JSON value a row's text stands for. Plain functions, testable without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "rd-fields.h"
#include "rd-rules.h"

G_BEGIN_DECLS

/* The kind of row that edits a field. */
typedef enum
{
  RD_FORM_ROW_TEXT,
  RD_FORM_ROW_DATE,
  RD_FORM_ROW_CHOICE,
  RD_FORM_ROW_NUMBER,
  RD_FORM_ROW_EMAILS,
  RD_FORM_ROW_SWITCH,
  RD_FORM_ROW_READ_ONLY,
} RdFormRowKind;

RdFormRowKind  rd_record_form_row_kind     (const RdField *field);
/* The fields the editor of a document of doc_type shows to a user of role, in order
 * (element type const RdField *, not owned). */
GPtrArray     *rd_record_form_dup_fields   (const char    *doc_type,
                                            RdRole         role);
/* Whether field's row is shown while the document's kind is kind ("PO", "CPPO", NULL). */
gboolean       rd_record_form_is_shown_for_kind (const RdField *field,
                                                 const char    *kind);
/* The text a text, date, number, e-mails or read-only row shows for body's value of field:
 * dates as the user's locale writes them, amounts without grouping, e-mails joined by ", ".
 * "" when body has no value. */
char          *rd_record_form_dup_text     (const RdField *field,
                                            JsonObject    *body);
/* Sets body's member for field from a row's text, or removes it when the text is blank.
 * Returns FALSE with a translated message in error_message when the text does not stand
 * for a value of the field's type (body keeps the text as typed then, for a date, or loses
 * the member, for a number). Dates are accepted as the locale writes them or as
 * YYYY-MM-DD. */
gboolean       rd_record_form_set_text     (const RdField *field,
                                            JsonObject    *body,
                                            const char    *text,
                                            char         **error_message);

/* A date as the user's locale writes it in a form ("31.03.2026" in German), and back: both
 * that form and YYYY-MM-DD are read. */
char          *rd_record_form_format_date  (const GDate   *date);
gboolean       rd_record_form_parse_date   (const char    *text,
                                            GDate         *date);

G_END_DECLS
