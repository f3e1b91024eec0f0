/* rd-ics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-ics"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-ics.h"

/* RFC 5545 §3.1: content lines are at most 75 octets, line break excluded. */
#define MAX_LINE_OCTETS 75

G_DEFINE_QUARK (rd-ics-error-quark, rd_ics_error)

char *
rd_ics_make_uid (const char *record_id,
                 const char *event)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (record_id != NULL && event != NULL, NULL);

  /* An id of letters, digits, "-", "_" and "." (a UUID) is used as it is; any other is
   * replaced by its SHA-256, so that a UID is one plain line, stable for the record, that no
   * calendar reads differently (percent-encoding, for one, is decoded by some). */
  if (*record_id == '\0' || strlen (record_id) > 128
      || strspn (record_id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
           != strlen (record_id))
    {
      digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, record_id, -1);
      record_id = digest;
    }
  return g_strdup_printf ("%s-%s@renewaldesk", record_id, event);
}

/* TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped;
 * other control characters, which TEXT does not allow, dropped. */
char *
rd_ics_escape_text (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 8);
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          if ((guchar) *p < 0x20 && *p != '\t')
            break;
          if (*p == 0x7f)
            break;
          g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

/* Appends one content line with CRLF, folded (CRLF + space) so no physical line exceeds 75
 * octets; a fold never falls inside a UTF-8 sequence. */
void
rd_ics_append_line (GString    *out,
                    const char *line)
{
  gsize len;
  gsize pos = 0;
  gsize limit = MAX_LINE_OCTETS;

  g_return_if_fail (out != NULL);
  g_return_if_fail (line != NULL);

  len = strlen (line);
  while (len - pos > limit)
    {
      gsize cut = pos + limit;

      /* Back up to the first byte of a character: continuation bytes are 10xxxxxx. */
      while (cut > pos && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, (gssize) (cut - pos));
      g_string_append (out, "\r\n ");
      pos = cut;
      /* The leading space of a continuation line counts. */
      limit = MAX_LINE_OCTETS - 1;
    }
  g_string_append_len (out, line + pos, (gssize) (len - pos));
  g_string_append (out, "\r\n");
}

/* An RFC 5545 dur-value: 540 → "PT9H", -1440 → "-P1D", 2000 → "P1DT9H20M", 0 → "PT0M". */
char *
rd_ics_format_duration (int minutes)
{
  GString *out = g_string_new (NULL);
  gint64 total = minutes;
  gint64 days, hours, mins;

  if (total < 0)
    {
      g_string_append_c (out, '-');
      total = -total;
    }
  days = total / (24 * 60);
  hours = (total / 60) % 24;
  mins = total % 60;

  g_string_append_c (out, 'P');
  if (days > 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "D", days);
  if (hours > 0 || mins > 0 || days == 0)
    {
      g_string_append_c (out, 'T');
      if (hours > 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT "H", hours);
      if (mins > 0 || hours == 0)
        g_string_append_printf (out, "%" G_GINT64_FORMAT "M", mins);
    }

  return g_string_free (out, FALSE);
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  rd_ics_append_line (out, line);
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *text)
{
  g_autofree char *escaped = rd_ics_escape_text (text);

  append_property (out, name, escaped);
}

static gboolean
is_single_line (const char *text)
{
  return strpbrk (text, "\r\n") == NULL;
}

static gboolean
has_no_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static gboolean
validate_event (const RdIcsEvent *event,
                gsize             index,
                GDate            *date,
                GError          **error)
{
  const char *bad = NULL;

  if (event->uid == NULL || *event->uid == '\0' || !is_single_line (event->uid)
      || !has_no_controls (event->uid) || !g_utf8_validate (event->uid, -1, NULL))
    bad = "UID";
  else if (!rd_date_parse (event->date, date))
    bad = "DTSTART";
  /* The day after must still be a four-digit year (DTEND). */
  else if (g_date_get_year (date) > RD_ICS_LAST_YEAR)
    bad = "DTEND";
  else if (event->summary == NULL || !g_utf8_validate (event->summary, -1, NULL))
    bad = "SUMMARY";
  else if (event->description != NULL && !g_utf8_validate (event->description, -1, NULL))
    bad = "DESCRIPTION";
  else if (event->categories != NULL)
    {
      for (guint i = 0; event->categories[i] != NULL; i++)
        if (!g_utf8_validate (event->categories[i], -1, NULL))
          bad = "CATEGORIES";
    }

  if (bad == NULL)
    return TRUE;

  g_set_error (error, RD_ICS_ERROR, RD_ICS_ERROR_INVALID_EVENT,
               /* Translators: %u is the event's number, %s an iCalendar property name
                * such as SUMMARY. */
               _("Calendar event %u has no valid %s. Check the record’s "
                 "dates and texts, then export again."),
               (guint) (index + 1), bad);
  return FALSE;
}

static char *
format_ics_date (const GDate *date)
{
  return g_strdup_printf ("%04u%02u%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static void
append_event (GString          *out,
              const RdIcsEvent *event,
              const GDate      *date,
              const char       *dtstamp,
              const char       *trigger)
{
  g_autofree char *start = format_ics_date (date);
  g_autofree char *end = NULL;
  GDate next = *date;

  g_date_add_days (&next, 1);
  end = format_ics_date (&next);

  rd_ics_append_line (out, "BEGIN:VEVENT");
  append_property (out, "UID", event->uid);
  append_property (out, "DTSTAMP", dtstamp);
  append_property (out, "DTSTART;VALUE=DATE", start);
  append_property (out, "DTEND;VALUE=DATE", end);
  append_text_property (out, "SUMMARY", event->summary);
  if (event->description != NULL && *event->description != '\0')
    append_text_property (out, "DESCRIPTION", event->description);
  if (event->categories != NULL && event->categories[0] != NULL)
    {
      g_autoptr (GString) list = g_string_new (NULL);

      for (guint i = 0; event->categories[i] != NULL; i++)
        {
          g_autofree char *escaped = rd_ics_escape_text (event->categories[i]);

          if (*escaped == '\0')
            continue;
          if (list->len > 0)
            g_string_append_c (list, ',');
          g_string_append (list, escaped);
        }
      if (list->len > 0)
        append_property (out, "CATEGORIES", list->str);
    }
  /* A deadline marker: it must not make the day look busy. */
  rd_ics_append_line (out, "TRANSP:TRANSPARENT");
  if (event->with_alarm)
    {
      rd_ics_append_line (out, "BEGIN:VALARM");
      rd_ics_append_line (out, "ACTION:DISPLAY");
      append_text_property (out, "DESCRIPTION", event->summary);
      append_property (out, "TRIGGER", trigger);
      rd_ics_append_line (out, "END:VALARM");
    }
  rd_ics_append_line (out, "END:VEVENT");
}

char *
rd_ics_write_calendar (const RdIcsEvent *events,
                       gsize             n_events,
                       GDateTime        *dtstamp,
                       int               alarm_minutes,
                       GError          **error)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GString) out = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *trigger = NULL;
  g_autofree GDate *dates = NULL;

  g_return_val_if_fail (events != NULL || n_events == 0, NULL);
  g_return_val_if_fail (dtstamp != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dates = g_new0 (GDate, MAX (n_events, 1));
  for (gsize i = 0; i < n_events; i++)
    if (!validate_event (&events[i], i, &dates[i], error))
      return NULL;

  utc = g_date_time_to_utc (dtstamp);
  stamp = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  trigger = rd_ics_format_duration (alarm_minutes);

  out = g_string_new (NULL);
  rd_ics_append_line (out, "BEGIN:VCALENDAR");
  rd_ics_append_line (out, "VERSION:2.0");
  append_property (out, "PRODID", RD_ICS_PRODID);
  rd_ics_append_line (out, "CALSCALE:GREGORIAN");
  rd_ics_append_line (out, "METHOD:PUBLISH");
  for (gsize i = 0; i < n_events; i++)
    append_event (out, &events[i], &dates[i], stamp, trigger);
  rd_ics_append_line (out, "END:VCALENDAR");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
