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
 * owner is read from the index like the shown columns. */
#define OWNED_BY "AND (?3 IS NULL OR owner = ?3) "

/* Whether the milestone ?4 days before the end is done: marked true or "done" (as
 * rd_milestones_is_done() reads it), or settled by an accepted renewal (as
 * rd_milestones_renewal_stage_settles() decides). */
#define MILESTONE_DONE \
  "(coalesce (milestones IS NOT NULL" \
  "   AND (json_type (milestones, '$.\"' || ?4 || '\"') = 'true'" \
  "        OR json_extract (milestones, '$.\"' || ?4 || '\"') = 'done'), 0)" \
  " OR coalesce (renewal_stage = 'accepted', 0))"

#define END_ROWS \
  "FROM docs INDEXED BY docs_by_end WHERE deleted = 0 AND type = 'agreement' " OWNED_BY
/* Only agreements that count (due_date: ACTIVE or no status) have milestones. */
#define DUE_ROWS \
  "FROM docs INDEXED BY docs_by_due WHERE deleted = 0 AND type = 'agreement' " OWNED_BY
#define EXPIRATION_ROWS \
  "FROM docs INDEXED BY docs_by_expiration WHERE deleted = 0 AND type = 'offer' " OWNED_BY
#define FDA_START_ROWS \
  "FROM docs INDEXED BY docs_by_fda_start " \
  "WHERE deleted = 0 AND type = 'offer' AND mechanism = 'fda' " OWNED_BY

/* One kind of date, read from its covering index (rd-store-schema.c, version 12), never from
 * the body. count: per day of [?1, ?2], the day, its number of rows and of done ones. first:
 * the rows of day ?1 in the calendar's order (customer, id), the first ?5 of them; columns
 * id, customer, product_title, kind, done. ?4 is a milestone's offset. */
static const struct
{
  RdCalendarEventKind kind;
  const char         *count;
  const char         *first;
} kind_queries[] = {
  { RD_CALENDAR_EVENT_END_DATE,
    "SELECT end_date, count (*), 0 " END_ROWS
    "AND end_date BETWEEN ?1 AND ?2 GROUP BY end_date",
    "SELECT id, customer, product_title, kind, 0 " END_ROWS
    "AND end_date = ?1 ORDER BY customer, id LIMIT ?5" },
  { RD_CALENDAR_EVENT_MILESTONE,
    "SELECT due_date, count (*), total (" MILESTONE_DONE ") " DUE_ROWS
    "AND due_date BETWEEN ?1 AND ?2 GROUP BY due_date",
    "SELECT id, customer, product_title, kind, " MILESTONE_DONE " " DUE_ROWS
    "AND due_date = ?1 ORDER BY customer, id LIMIT ?5" },
  { RD_CALENDAR_EVENT_OFFER_EXPIRATION,
    "SELECT expiration_date, count (*), 0 " EXPIRATION_ROWS
    "AND expiration_date BETWEEN ?1 AND ?2 GROUP BY expiration_date",
    "SELECT id, customer, product_title, kind, 0 " EXPIRATION_ROWS
    "AND expiration_date = ?1 ORDER BY customer, id LIMIT ?5" },
  { RD_CALENDAR_EVENT_FDA_START,
    "SELECT start_date, count (*), 0 " FDA_START_ROWS
    "AND start_date BETWEEN ?1 AND ?2 GROUP BY start_date",
    "SELECT id, customer, product_title, kind, 0 " FDA_START_ROWS
    "AND start_date = ?1 ORDER BY customer, id LIMIT ?5" },
};

/* One source of dates: a kind, and for milestones one offset. */
typedef struct
{
  guint  query;
  int    offset;
  guint *counts;  /* per day of the page */
} Source;

static void
bind_source (sqlite3_stmt *stmt,
             const Source *source,
             const char   *owner)
{
  sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_STATIC);
  if (kind_queries[source->query].kind == RD_CALENDAR_EVENT_MILESTONE)
    sqlite3_bind_int (stmt, 4, source->offset);
}

static gboolean
finish_statement (RdStore       *store,
                  sqlite3_stmt  *stmt,
                  int            rc,
                  GError       **error)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  rd_store_set_sqlite_error (store, error, _("reading the calendar"));
  return FALSE;
}

/* Counts the source's dates per day of the page, in SQL over the index: no row leaves
 * SQLite but a day's count. */
static gboolean
count_source (RdStore         *store,
              RdCalendarPage  *page,
              const GDate     *first,
              Source          *source,
              const char      *owner,
              GError         **error)
{
  g_autofree char *from = rd_date_shift_string (page->from, source->offset);
  g_autofree char *to = rd_date_shift_string (page->to, source->offset);
  gboolean milestone = kind_queries[source->query].kind == RD_CALENDAR_EVENT_MILESTONE;
  sqlite3_stmt *stmt;
  int rc;

  source->counts = g_new0 (guint, page->n_days);
  if (from == NULL || to == NULL)
    return TRUE;

  stmt = rd_store_prepare (store, kind_queries[source->query].count, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
  bind_source (stmt, source, owner);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RdCalendarDay *day;
      GDate date;
      int index;

      /* Only well-formed dates: what rd_date_parse() takes is what the day's query finds. */
      if (!rd_date_parse ((const char *) sqlite3_column_text (stmt, 0), &date))
        continue;
      g_date_subtract_days (&date, source->offset);
      index = rd_date_days_between (first, &date);
      if (index < 0 || (guint) index >= page->n_days)
        continue;

      day = &page->days[index];
      source->counts[index] = (guint) sqlite3_column_int (stmt, 1);
      day->n_events += source->counts[index];
      if (milestone)
        {
          day->n_milestones += source->counts[index];
          day->n_done += (guint) sqlite3_column_int (stmt, 2);
        }
    }
  return finish_statement (store, stmt, rc, error);
}

/* Appends to events the first n of the source's dates on day index, in the calendar's
 * order. */
static gboolean
read_first (RdStore         *store,
            char           **day_texts,
            guint            index,
            const Source    *source,
            guint            n,
            const char      *owner,
            GPtrArray       *events,
            GError         **error)
{
  g_autofree char *date = rd_date_shift_string (day_texts[index], source->offset);
  RdCalendarEventKind kind = kind_queries[source->query].kind;
  sqlite3_stmt *stmt;
  int rc;

  stmt = rd_store_prepare (store, kind_queries[source->query].first, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  bind_source (stmt, source, owner);
  sqlite3_bind_int64 (stmt, 5, n);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events,
                     rd_calendar_event_new (kind, day_texts[index],
                                            (const char *) sqlite3_column_text (stmt, 0),
                                            (const char *) sqlite3_column_text (stmt, 1),
                                            (const char *) sqlite3_column_text (stmt, 2),
                                            (const char *) sqlite3_column_text (stmt, 3),
                                            source->offset, sqlite3_column_int (stmt, 4)));
  return finish_statement (store, stmt, rc, error);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  return rd_calendar_event_compare (*(RdCalendarEvent **) a, *(RdCalendarEvent **) b);
}

/* The first max_per_day dates of day index, from the sources that have any: kind by kind,
 * each asked for no more than the day still lacks; the offsets of milestones merged. */
static gboolean
read_day (RdStore         *store,
          RdCalendarPage  *page,
          char           **day_texts,
          guint            index,
          const Source    *sources,
          guint            n_sources,
          guint            max_per_day,
          const char      *owner,
          GError         **error)
{
  GPtrArray *events = page->days[index].events;
  guint s = 0;

  while (s < n_sources && events->len < max_per_day)
    {
      guint lacking = max_per_day - events->len;
      guint n_read = 0;
      guint next;

      /* The sources of one kind: one, or one per milestone offset. */
      for (next = s; next < n_sources && sources[next].query == sources[s].query; next++)
        {
          if (sources[next].counts[index] == 0)
            continue;
          if (!read_first (store, day_texts, index, &sources[next],
                           MIN (lacking, sources[next].counts[index]), owner, events, error))
            return FALSE;
          n_read++;
        }
      /* Earlier kinds sort first: only the offsets' dates mix. */
      if (n_read > 1)
        g_ptr_array_sort (events, compare_events);
      if (events->len > max_per_day)
        g_ptr_array_set_size (events, max_per_day);
      s = next;
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
  g_autoptr (GArray) sources = g_array_new (FALSE, TRUE, sizeof (Source));
  g_auto (GStrv) day_texts = NULL;
  gboolean ok = TRUE;
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
      gboolean milestone = kind_queries[q].kind == RD_CALENDAR_EVENT_MILESTONE;

      for (guint i = 0; i < (milestone ? n_offsets : 1); i++)
        {
          Source source = { q, milestone ? offsets[i] : 0, NULL };

          g_array_append_val (sources, source);
        }
    }

  /* Counts first, then per day only the rows its cell shows. */
  for (guint s = 0; ok && s < sources->len; s++)
    ok = count_source (store, page, &first, &g_array_index (sources, Source, s), owner, error);
  for (guint i = 0; ok && i < page->n_days; i++)
    ok = read_day (store, page, day_texts, i, (const Source *) (void *) sources->data,
                   sources->len, max_per_day, owner, error);

  for (guint s = 0; s < sources->len; s++)
    g_free (g_array_index (sources, Source, s).counts);
  if (!ok)
    return NULL;
  return g_steal_pointer (&page);
}
