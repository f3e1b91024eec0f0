/* fuzz-ics.c
 *
 * The iCalendar writer: the input is split at NUL bytes into a record id, a date, a summary,
 * a description and a category. Whatever it writes must be lines of at most 75 octets, ended
 * by CRLF, with no other control characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-ics.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_well_formed (const char *ics)
{
  const char *line = ics;

  while (*line != '\0')
    {
      const char *end = strstr (line, "\r\n");

      g_assert_nonnull (end);
      g_assert_cmpint (end - line, <=, 75);
      for (const char *p = line; p < end; p++)
        g_assert_true ((guchar) *p >= 0x20 || *p == '\t');
      line = end + 2;
    }
}

static const char *
part (GPtrArray  *parts,
      guint       i,
      const char *fallback)
{
  return i < parts->len ? g_ptr_array_index (parts, i) : fallback;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDateTime) stamp = g_date_time_new_utc (2026, 11, 28, 9, 0, 0);
  const char *categories[2] = { NULL, NULL };
  const char *p = (const char *) data;
  const char *end = p + size;
  g_autofree char *uid = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *made = NULL;
  RdIcsEvent event = { 0 };

  while (parts->len < 5)
    {
      const char *nul = memchr (p, '\0', (gsize) (end - p));

      g_ptr_array_add (parts, g_strndup (p, (gsize) ((nul ? nul : end) - p)));
      if (nul == NULL)
        break;
      p = nul + 1;
    }

  uid = rd_ics_make_uid (part (parts, 0, ""), "end");
  event.uid = uid;
  event.date = part (parts, 1, "2027-01-31");
  event.summary = part (parts, 2, "");
  event.description = part (parts, 3, NULL);
  categories[0] = part (parts, 4, NULL);
  event.categories = categories[0] != NULL ? categories : NULL;
  event.with_alarm = size % 2 == 0;

  made = rd_ics_write_calendar (&event, 1, stamp, (int) (size % 2000) - 1000, NULL);
  if (made != NULL)
    assert_well_formed (made);
  /* The raw id as a UID: refused or written well. */
  event.uid = part (parts, 0, "");
  raw = rd_ics_write_calendar (&event, 1, stamp, 540, NULL);
  if (raw != NULL)
    assert_well_formed (raw);
  return 0;
}
