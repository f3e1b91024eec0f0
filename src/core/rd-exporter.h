/* rd-exporter.h
 *
 * The pipeline as CSV for a spreadsheet, the calendar as iCalendar for Outlook or Google
 * Calendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-fields.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* The columns of the CSV export, in order (the schema's csv_column); rd_import_parse_csv()
 * reads them back. */
#define rd_export_csv_columns (rd_fields_csv_columns ())

/* records: a GListModel of RdRecord (e.g. the filtered pipeline). UTF-8 with a BOM, CRLF,
 * text that a spreadsheet would run as a formula is escaped. */
char     *rd_export_pipeline_csv  (GListModel  *records,
                                   const char  *today);

/* Future-dated agreements start up to three years ahead; their milestones come before. */
#define RD_EXPORT_CALENDAR_MONTHS_AHEAD 40

/* The calendar export's default range: from today to RD_EXPORT_CALENDAR_MONTHS_AHEAD months
 * on (YYYY-MM-DD). today NULL: today in the local time zone. */
void      rd_export_calendar_default_range (const GDate  *today,
                                            char        **from,
                                            char        **to);

/* Every calendar date in [from, to] (YYYY-MM-DD); milestone events carry an alarm at
 * alarm_minutes after midnight of their day (e.g. 540 = 09:00). UIDs are stable per record
 * and kind of date, so a re-export updates events instead of duplicating them. */
char     *rd_export_calendar_ics  (RdStore     *store,
                                   const char  *from,
                                   const char  *to,
                                   const int   *offsets,
                                   guint        n_offsets,
                                   int          alarm_minutes,
                                   GDateTime   *dtstamp,
                                   GError     **error);

G_END_DECLS
