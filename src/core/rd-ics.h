/* rd-ics.h
 *
 * RFC 5545 iCalendar export: all-day events (agreement end dates, renewal milestones, offer
 * expirations, ...) that Outlook, Google Calendar and GNOME Calendar import.
 *
 * UIDs are stable so that importing a newer export updates events instead of duplicating
 * them: "<record-id>-<event>@renewaldesk", where record-id is the record's UUID and event
 * one of "end", "m<days>" (a milestone, e.g. "m120"), "expires", "fda-start" or
 * "charge-<YYYY-MM-DD>"; rd_ics_make_uid() builds them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RD_ICS_ERROR (rd_ics_error_quark ())

/* The last year an all-day event may fall in: its DTEND, the day after, has four digits. */
#define RD_ICS_LAST_YEAR 9998

#define RD_ICS_PRODID "-//Renewal Desk//Renewal Desk 0.1//EN"

typedef enum
{
  RD_ICS_ERROR_INVALID_EVENT,
} RdIcsError;

typedef struct
{
  const char         *uid;
  /* YYYY-MM-DD; the event lasts that whole day. */
  const char         *date;
  const char         *summary;
  /* Optional. */
  const char         *description;
  /* Optional, NULL-terminated. */
  const char * const *categories;
  gboolean            with_alarm;
} RdIcsEvent;

GQuark   rd_ics_error_quark        (void);

/* alarm_minutes: when an event's alarm fires, in minutes from the start of its day
 * (540 = 09:00 that day, -900 = 09:00 the day before). dtstamp is the export time. */
char    *rd_ics_write_calendar     (const RdIcsEvent *events,
                                    gsize             n_events,
                                    GDateTime        *dtstamp,
                                    int               alarm_minutes,
                                    GError          **error);

/* A stable UID for event (a word of ours such as "m90") of a record; a record id with other
 * characters than letters, digits, "-", "_" and "." is replaced by its SHA-256. */
char    *rd_ics_make_uid           (const char       *record_id,
                                    const char       *event);
char    *rd_ics_escape_text        (const char       *text);
void     rd_ics_append_line        (GString          *out,
                                    const char       *line);
char    *rd_ics_format_duration    (int               minutes);

G_END_DECLS
