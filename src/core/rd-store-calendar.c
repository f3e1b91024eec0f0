/* rd-store-calendar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-calendar-model-private.h"
#include "rd-date.h"
#include "rd-store-calendar.h"
#include "rd-store-private.h"

void
rd_calendar_page_free (RdCalendarPage *page)
{
  if (page == NULL)
    return;
  for (guint i = 0; i < page->n_days; i++)
    g_clear_pointer (&page->days[i].events, g_ptr_array_unref);
  g_free (page->days);
  g_free (page->from);
  g_free (page->to);
  g_free (page);
}

/* "Mine": with no owner bound, the test is decided before any row is read; with one, the
 * owner column is read for the rows of the page's dates only. */
#define OWNED_BY(n) "AND (?" #n " IS NULL OR owner = ?" #n ") "

/* One kind of date: how to count it per day and how to read a day's first rows. The done
 * expression follows rd_milestones_is_done(): true, or the string "done". */
static const struct
{
  RdCalendarEventKind kind;
  const char         *count_sql;
  const char         *first_sql;
} page_queries[] = {
  { RD_CALENDAR_EVENT_END_DATE,
    "SELECT end_date, count (*), 0 FROM docs INDEXED BY docs_by_end "
    "WHERE deleted = 0 AND type = 'agreement' AND end_date BETWEEN ?1 AND ?2 " OWNED_BY (4)
    "GROUP BY end_date",
    "SELECT id, type, end_date, customer, product_title, kind, stage, milestones "
    "FROM docs INDEXED BY docs_by_end "
    "WHERE deleted = 0 AND type = 'agreement' AND end_date = ?1 " OWNED_BY (3)
    "ORDER BY customer, id LIMIT ?2" },
  { RD_CALENDAR_EVENT_MILESTONE,
    "SELECT end_date, count (*), "
    "total (json_type (milestones, '$.\"' || ?3 || '\"') = 'true' "
    "  OR json_extract (milestones, '$.\"' || ?3 || '\"') = 'done') "
    "FROM docs INDEXED BY docs_by_end "
    "WHERE deleted = 0 AND type = 'agreement' AND end_date BETWEEN ?1 AND ?2 " OWNED_BY (4)
    "GROUP BY end_date",
    "SELECT id, type, end_date, customer, product_title, kind, stage, milestones "
    "FROM docs INDEXED BY docs_by_end "
    "WHERE deleted = 0 AND type = 'agreement' AND end_date = ?1 " OWNED_BY (3)
    "ORDER BY customer, id LIMIT ?2" },
  { RD_CALENDAR_EVENT_OFFER_EXPIRATION,
    "SELECT expiration_date, count (*), 0 FROM docs INDEXED BY docs_by_expiration "
    "WHERE deleted = 0 AND type = 'offer' AND expiration_date BETWEEN ?1 AND ?2 " OWNED_BY (4)
    "GROUP BY expiration_date",
    "SELECT id, type, expiration_date, customer, product_title, kind, stage "
    "FROM docs INDEXED BY docs_by_expiration "
    "WHERE deleted = 0 AND type = 'offer' AND expiration_date = ?1 " OWNED_BY (3)
    "ORDER BY customer, id LIMIT ?2" },
  { RD_CALENDAR_EVENT_FDA_START,
    "SELECT start_date, count (*), 0 FROM docs INDEXED BY docs_by_fda_start "
    "WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda' "
    "AND start_date BETWEEN ?1 AND ?2 " OWNED_BY (4) "GROUP BY start_date",
    "SELECT id, type, start_date, customer, product_title, kind, stage "
    "FROM docs INDEXED BY docs_by_fda_start "
    "WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda' AND start_date = ?1 "
    OWNED_BY (3) "ORDER BY customer, id LIMIT ?2" },
};

static int
compare_page_events (gconstpointer a,
                     gconstpointer b)
{
  return rd_calendar_event_compare (*(RdCalendarEvent **) a, *(RdCalendarEvent **) b);
}

/* Counts one kind of date (shifted by offset for milestones) over the page and reads the
 * first rows of each day that has any. */
static gboolean
add_page_kind (RdStore         *store,
               RdCalendarPage  *page,
               guint            query,
               int              offset,
               guint            max_per_day,
               const char      *owner,
               GError         **error)
{
  g_autofree char *from = rd_date_shift_string (page->from, offset);
  g_autofree char *to = rd_date_shift_string (page->to, offset);
  g_autoptr (GArray) dates = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (GPtrArray) date_texts = g_ptr_array_new_with_free_func (g_free);
  RdCalendarEventKind kind = page_queries[query].kind;
  sqlite3_stmt *stmt;
  GDate first;
  int rc;

  rd_date_parse (page->from, &first);

  stmt = rd_store_prepare (store, page_queries[query].count_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (kind == RD_CALENDAR_EVENT_MILESTONE)
    sqlite3_bind_int (stmt, 3, offset);
  sqlite3_bind_text (stmt, 4, owner, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *shown = rd_date_shift_string (date, -offset);
      GDate day;
      int index;

      if (shown == NULL || !rd_date_parse (shown, &day))
        continue;
      index = rd_date_days_between (&first, &day);
      if (index < 0 || (guint) index >= page->n_days)
        continue;
      page->days[index].n_events += (guint) sqlite3_column_int64 (stmt, 1);
      if (kind == RD_CALENDAR_EVENT_MILESTONE)
        {
          page->days[index].n_milestones += (guint) sqlite3_column_int64 (stmt, 1);
          page->days[index].n_done += (guint) sqlite3_column_int64 (stmt, 2);
        }
      g_array_append_val (dates, index);
      g_ptr_array_add (date_texts, g_strdup (date));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("reading the calendar"));
      return FALSE;
    }

  stmt = rd_store_prepare (store, page_queries[query].first_sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < dates->len; i++)
    {
      RdCalendarDay *day = &page->days[g_array_index (dates, int, i)];

      sqlite3_bind_text (stmt, 1, g_ptr_array_index (date_texts, i), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, max_per_day);
      sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr (RdStoreRow) row = rd_store_row_from_stmt (stmt);

          g_ptr_array_add (day->events, rd_calendar_event_new_from_row (kind, row, offset));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          rd_store_set_sqlite_error (store, error, _("reading the calendar"));
          return FALSE;
        }
    }

  return TRUE;
}

RdCalendarPage *
rd_store_calendar_query_page (RdStore     *store,
                              const char  *from,
                              const char  *to,
                              const int   *offsets,
                              guint        n_offsets,
                              guint        max_per_day,
                              const char  *owner,
                              GError     **error)
{
  g_autoptr (RdCalendarPage) page = g_new0 (RdCalendarPage, 1);
  GDate first, last;
  int n_days;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  if (!rd_date_parse (from, &first) || !rd_date_parse (to, &last)
      || (n_days = rd_date_days_between (&first, &last) + 1) < 1 || n_days > 366)
    {
      g_set_error (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                   _("“%s” to “%s” is not a range of up to a year"), from, to);
      return NULL;
    }

  page->from = g_strdup (from);
  page->to = g_strdup (to);
  page->n_days = (guint) n_days;
  page->days = g_new0 (RdCalendarDay, page->n_days);
  for (guint i = 0; i < page->n_days; i++)
    page->days[i].events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint q = 0; q < G_N_ELEMENTS (page_queries); q++)
    {
      if (page_queries[q].kind != RD_CALENDAR_EVENT_MILESTONE)
        {
          if (!add_page_kind (store, page, q, 0, max_per_day, owner, error))
            return NULL;
          continue;
        }
      for (guint i = 0; i < n_offsets; i++)
        if (!add_page_kind (store, page, q, offsets[i], max_per_day, owner, error))
          return NULL;
    }

  /* Each kind gave its first rows: the day's first ones overall are among them. */
  for (guint i = 0; i < page->n_days; i++)
    {
      GPtrArray *events = page->days[i].events;

      g_ptr_array_sort (events, compare_page_events);
      if (events->len > max_per_day)
        g_ptr_array_set_size (events, max_per_day);
    }

  return g_steal_pointer (&page);
}
