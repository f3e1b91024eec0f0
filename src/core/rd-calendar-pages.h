/* rd-calendar-pages.h
 *
 * The calendar's pages (rd-store-calendar.h), read on the store's worker and kept, so that a
 * month read ahead or seen a moment ago is shown at once. Whatever changes what a page holds
 * (the store, the milestone offsets, "Mine") forgets them all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-store-calendar.h"

G_BEGIN_DECLS

#define RD_TYPE_CALENDAR_PAGES (rd_calendar_pages_get_type ())
G_DECLARE_FINAL_TYPE (RdCalendarPages, rd_calendar_pages, RD, CALENDAR_PAGES, GObject)

/* Pages of each day's first max_per_day dates. */
RdCalendarPages *rd_calendar_pages_new        (RdStore         *store,
                                               guint            max_per_day);
/* What the pages hold: these milestone offsets, and only owner's records (NULL: everyone's).
 * Forgets every page. */
void             rd_calendar_pages_set_filter (RdCalendarPages *self,
                                               const int       *offsets,
                                               guint            n_offsets,
                                               const char      *owner);
/* Forgets every page, and drops the reads under way: the store changed. */
void             rd_calendar_pages_forget     (RdCalendarPages *self);
/* A copy of the page of [from, to] if it was read, else NULL. */
RdCalendarPage  *rd_calendar_pages_lookup     (RdCalendarPages *self,
                                               const char      *from,
                                               const char      *to);
/* Reads the page of [from, to] unless it is kept or being read; "page-read" tells when it
 * is kept (or could not be read: then rd_calendar_pages_lookup() has none). */
void             rd_calendar_pages_read       (RdCalendarPages *self,
                                               const char      *from,
                                               const char      *to);
/* Forgets the pages, kept or being read, of ranges that start on none of froms. */
void             rd_calendar_pages_keep_only  (RdCalendarPages    *self,
                                               const char * const *froms);
/* Whether a page of range from is being read. */
gboolean         rd_calendar_pages_is_reading (RdCalendarPages *self,
                                               const char      *from);

G_END_DECLS
