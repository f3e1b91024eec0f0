/* rd-store-calendar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-calendar-model-private.h"
#include "rd-date.h"
#include "rd-milestones.h"
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
 * owner is read from the index like the shown columns. */
#define OWNED_BY(n) "AND (?" #n " IS NULL OR owner = ?" #n ") "

/* One kind of date: its rows in [?1, ?2], each with what a chip and the agenda show, all
 * read from the kind's covering index (rd-store-schema.c, version 11), never from the body.
 * Columns: id, date, customer, product_title, kind, marked done, renewal stage. The done
 * mark follows rd_milestones_is_done(): true, or the string "done"; ?4 is the offset. */
static const struct
{
  RdCalendarEventKind kind;
  const char         *sql;
} kind_queries[] = {
  { RD_CALENDAR_EVENT_END_DATE,
    "SELECT id, end_date, customer, product_title, kind, 0, NULL "
    "FROM docs INDEXED BY docs_by_end "
    "WHERE deleted = 0 AND type = 'agreement' AND end_date BETWEEN ?1 AND ?2 " OWNED_BY (3) },
  /* Only agreements that count (due_date: ACTIVE or no status) have milestones. */
  { RD_CALENDAR_EVENT_MILESTONE,
    "SELECT id, due_date, customer, product_title, kind, "
    "  coalesce (json_type (milestones, '$.\"' || ?4 || '\"') = 'true'"
    "    OR json_extract (milestones, '$.\"' || ?4 || '\"') = 'done', 0), renewal_stage "
    "FROM docs INDEXED BY docs_by_due "
    "WHERE deleted = 0 AND type = 'agreement' AND due_date BETWEEN ?1 AND ?2 " OWNED_BY (3) },
  { RD_CALENDAR_EVENT_OFFER_EXPIRATION,
    "SELECT id, expiration_date, customer, product_title, kind, 0, NULL "
    "FROM docs INDEXED BY docs_by_expiration "
    "WHERE deleted = 0 AND type = 'offer' AND expiration_date BETWEEN ?1 AND ?2 "
    OWNED_BY (3) },
  { RD_CALENDAR_EVENT_FDA_START,
    "SELECT id, start_date, customer, product_title, kind, 0, NULL "
    "FROM docs INDEXED BY docs_by_fda_start "
    "WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda' "
    "AND start_date BETWEEN ?1 AND ?2 " OWNED_BY (3) },
};

/* Whether a row (kind, customer, id) comes before event in the calendar's order within a
 * day (rd_calendar_event_compare()). */
static gboolean
row_comes_before (RdCalendarEventKind  kind,
                  const char          *customer,
                  const char          *id,
                  RdCalendarEvent     *event)
{
  int cmp = (int) kind - (int) rd_calendar_event_get_kind (event);

  if (cmp == 0)
    cmp = g_strcmp0 (customer, rd_calendar_event_get_customer (event));
  if (cmp == 0)
    cmp = g_strcmp0 (id, rd_calendar_event_get_record_id (event));
  return cmp < 0;
}

/* Reads one kind of date (shifted by offset for milestones) over the page: counts each day's
 * dates and keeps its first max_per_day in order. Events are made only for the rows kept. */
static gboolean
add_page_kind (RdStore         *store,
               RdCalendarPage  *page,
               char           **day_texts,
               guint            query,
               int              offset,
               guint            max_per_day,
               const char      *owner,
               GError         **error)
{
  g_autofree char *from = rd_date_shift_string (page->from, offset);
  g_autofree char *to = rd_date_shift_string (page->to, offset);
  RdCalendarEventKind kind = kind_queries[query].kind;
  char last_date[16] = "";
  int index = -1;
  sqlite3_stmt *stmt;
  GDate first;
  int rc;

  if (from == NULL || to == NULL || !rd_date_parse (from, &first))
    return TRUE;

  stmt = rd_store_prepare (store, kind_queries[query].sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_STATIC);
  if (kind == RD_CALENDAR_EVENT_MILESTONE)
    sqlite3_bind_int (stmt, 4, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *date = (const char *) sqlite3_column_text (stmt, 1);
      const char *customer = (const char *) sqlite3_column_text (stmt, 2);
      RdCalendarDay *day;
      gboolean done = FALSE;
      guint at;

      if (date == NULL)
        continue;
      /* The index gives a day's rows together: its date is parsed once. */
      if (strcmp (date, last_date) != 0)
        {
          GDate parsed;

          g_strlcpy (last_date, date, sizeof last_date);
          index = rd_date_parse (date, &parsed) ? rd_date_days_between (&first, &parsed) : -1;
        }
      if (index < 0 || (guint) index >= page->n_days)
        continue;

      day = &page->days[index];
      day->n_events++;
      if (kind == RD_CALENDAR_EVENT_MILESTONE)
        {
          const char *renewal_stage = (const char *) sqlite3_column_text (stmt, 6);

          done = sqlite3_column_int (stmt, 5)
                 || rd_milestones_renewal_stage_settles (renewal_stage);
          day->n_milestones++;
          day->n_done += done;
        }

      /* Kept in order: rows mostly come in it, so the place is found from the end. */
      at = day->events->len;
      while (at > 0 && row_comes_before (kind, customer, id,
                                         g_ptr_array_index (day->events, at - 1)))
        at--;
      if (at >= max_per_day)
        continue;
      g_ptr_array_insert (day->events, (int) at,
                          rd_calendar_event_new (kind, day_texts[index], id, customer,
                                                 (const char *) sqlite3_column_text (stmt, 3),
                                                 (const char *) sqlite3_column_text (stmt, 4),
                                                 offset, done));
      if (day->events->len > max_per_day)
        g_ptr_array_set_size (day->events, max_per_day);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("reading the calendar"));
      return FALSE;
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
  g_auto (GStrv) day_texts = NULL;
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
  day_texts = g_new0 (char *, page->n_days + 1);
  for (guint i = 0; i < page->n_days; i++)
    {
      GDate day = first;

      g_date_add_days (&day, i);
      day_texts[i] = rd_date_format (&day);
      page->days[i].events = g_ptr_array_new_with_free_func (g_object_unref);
    }

  for (guint q = 0; q < G_N_ELEMENTS (kind_queries); q++)
    {
      if (kind_queries[q].kind != RD_CALENDAR_EVENT_MILESTONE)
        {
          if (!add_page_kind (store, page, day_texts, q, 0, max_per_day, owner, error))
            return NULL;
          continue;
        }
      for (guint i = 0; i < n_offsets; i++)
        if (!add_page_kind (store, page, day_texts, q, offsets[i], max_per_day, owner, error))
          return NULL;
    }

  return g_steal_pointer (&page);
}
