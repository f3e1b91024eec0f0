/* rd-calendar-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-calendar-pages"

#include "config.h"

#include <string.h>

#include "rd-calendar-pages.h"
#include "rd-store-worker.h"

struct _RdCalendarPages
{
  GObject     parent_instance;

  RdStore    *store;
  guint       max_per_day;
  GArray     *offsets;
  char       *owner;
  GHashTable *pages;       /* "from to" → RdCalendarPage */
  GHashTable *reading;     /* "from to" → GCancellable of its read */
  guint       generation;  /* bumped whenever the kept pages are forgotten */
};

G_DEFINE_FINAL_TYPE (RdCalendarPages, rd_calendar_pages, G_TYPE_OBJECT)

enum
{
  PAGE_READ,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  char   *from;
  char   *to;
  char   *owner;
  GArray *offsets;
  guint   max_per_day;
} PageQuery;

typedef struct
{
  RdCalendarPages *self;
  char            *key;
  guint            generation;
  GCancellable    *cancellable;
} PageRead;

static void
page_query_free (gpointer data)
{
  PageQuery *query = data;

  g_free (query->from);
  g_free (query->to);
  g_free (query->owner);
  g_array_unref (query->offsets);
  g_free (query);
}

static void
page_read_free (PageRead *read)
{
  g_object_unref (read->self);
  g_object_unref (read->cancellable);
  g_free (read->key);
  g_free (read);
}

static char *
range_key (const char *from,
           const char *to)
{
  return g_strconcat (from, " ", to, NULL);
}

/* Whether key is of a range that starts on from. */
static gboolean
key_starts_on (const char *key,
               const char *from)
{
  return g_str_has_prefix (key, from) && key[strlen (from)] == ' ';
}

static RdCalendarPage *
page_copy (const RdCalendarPage *page)
{
  RdCalendarPage *copy = g_new0 (RdCalendarPage, 1);

  copy->from = g_strdup (page->from);
  copy->to = g_strdup (page->to);
  copy->n_days = page->n_days;
  copy->days = g_new0 (RdCalendarDay, page->n_days);
  for (guint i = 0; i < page->n_days; i++)
    {
      copy->days[i] = page->days[i];
      copy->days[i].events = g_ptr_array_copy (page->days[i].events,
                                               (GCopyFunc) (void (*) (void)) g_object_ref,
                                               NULL);
      g_ptr_array_set_free_func (copy->days[i].events, g_object_unref);
    }
  return copy;
}

static gpointer
read_page_job (RdStore       *reader,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  PageQuery *query = data;

  return rd_store_calendar_query_page (reader, query->from, query->to,
                                       (const int *) (void *) query->offsets->data,
                                       query->offsets->len, query->max_per_day,
                                       query->owner, error);
}

static void
on_page_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PageRead *read = user_data;
  RdCalendarPages *self = read->self;
  g_autoptr (GError) error = NULL;
  RdCalendarPage *page;

  page = rd_store_worker_run_finish (rd_store_worker_get_for_store (self->store), result,
                                     &error);
  /* Forgotten meanwhile: a read of the same range may be under way again. */
  if (read->generation != self->generation || g_cancellable_is_cancelled (read->cancellable)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&page, rd_calendar_page_free);
      page_read_free (read);
      return;
    }

  if (g_hash_table_lookup (self->reading, read->key) == read->cancellable)
    g_hash_table_remove (self->reading, read->key);
  if (page != NULL)
    g_hash_table_replace (self->pages, g_strdup (read->key), page);
  else
    g_warning ("Failed to read the calendar: %s", error->message);
  g_signal_emit (self, signals [PAGE_READ], 0, page != NULL ? page->from : NULL);
  page_read_free (read);
}

static void
rd_calendar_pages_dispose (GObject *object)
{
  RdCalendarPages *self = (RdCalendarPages *) object;

  if (self->reading != NULL)
    rd_calendar_pages_forget (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_calendar_pages_parent_class)->dispose (object);
}

static void
rd_calendar_pages_finalize (GObject *object)
{
  RdCalendarPages *self = (RdCalendarPages *) object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->reading, g_hash_table_unref);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_free (self->owner);

  G_OBJECT_CLASS (rd_calendar_pages_parent_class)->finalize (object);
}

static void
rd_calendar_pages_class_init (RdCalendarPagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_calendar_pages_dispose;
  object_class->finalize = rd_calendar_pages_finalize;

  /* A page was read (its first day), or could not be (NULL). */
  signals [PAGE_READ] =
    g_signal_new ("page-read",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rd_calendar_pages_init (RdCalendarPages *self)
{
  self->pages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) rd_calendar_page_free);
  self->reading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (int));
}

RdCalendarPages *
rd_calendar_pages_new (RdStore *store,
                       guint    max_per_day)
{
  RdCalendarPages *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);

  self = g_object_new (RD_TYPE_CALENDAR_PAGES, NULL);
  self->store = g_object_ref (store);
  self->max_per_day = max_per_day;
  return self;
}

void
rd_calendar_pages_forget (RdCalendarPages *self)
{
  GHashTableIter iter;
  gpointer cancellable;

  g_return_if_fail (RD_IS_CALENDAR_PAGES (self));

  self->generation++;
  g_hash_table_iter_init (&iter, self->reading);
  while (g_hash_table_iter_next (&iter, NULL, &cancellable))
    g_cancellable_cancel (cancellable);
  g_hash_table_remove_all (self->reading);
  g_hash_table_remove_all (self->pages);
}

void
rd_calendar_pages_set_filter (RdCalendarPages *self,
                              const int       *offsets,
                              guint            n_offsets,
                              const char      *owner)
{
  g_return_if_fail (RD_IS_CALENDAR_PAGES (self));

  g_array_set_size (self->offsets, 0);
  g_array_append_vals (self->offsets, offsets, n_offsets);
  g_free (self->owner);
  self->owner = g_strdup (owner);
  rd_calendar_pages_forget (self);
}

RdCalendarPage *
rd_calendar_pages_lookup (RdCalendarPages *self,
                          const char      *from,
                          const char      *to)
{
  g_autofree char *key = range_key (from, to);
  RdCalendarPage *page;

  g_return_val_if_fail (RD_IS_CALENDAR_PAGES (self), NULL);

  page = g_hash_table_lookup (self->pages, key);
  return page != NULL ? page_copy (page) : NULL;
}

gboolean
rd_calendar_pages_is_reading (RdCalendarPages *self,
                              const char      *from)
{
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (RD_IS_CALENDAR_PAGES (self), FALSE);

  g_hash_table_iter_init (&iter, self->reading);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (key_starts_on (key, from))
      return TRUE;
  return FALSE;
}

void
rd_calendar_pages_read (RdCalendarPages *self,
                        const char      *from,
                        const char      *to)
{
  g_autofree char *key = range_key (from, to);
  GCancellable *cancellable;
  PageQuery *query;
  PageRead *read;

  g_return_if_fail (RD_IS_CALENDAR_PAGES (self));

  if (g_hash_table_contains (self->pages, key) || g_hash_table_contains (self->reading, key))
    return;

  query = g_new0 (PageQuery, 1);
  query->from = g_strdup (from);
  query->to = g_strdup (to);
  query->owner = g_strdup (self->owner);
  query->offsets = g_array_ref (self->offsets);
  query->max_per_day = self->max_per_day;
  read = g_new0 (PageRead, 1);
  read->self = g_object_ref (self);
  read->key = g_strdup (key);
  read->generation = self->generation;
  cancellable = g_cancellable_new ();
  read->cancellable = g_object_ref (cancellable);
  g_hash_table_insert (self->reading, g_steal_pointer (&key), cancellable);
  rd_store_worker_run_async (rd_store_worker_get_for_store (self->store), read_page_job, query,
                             page_query_free, (GDestroyNotify) rd_calendar_page_free,
                             cancellable, on_page_read_cb, read);
}

static gboolean
starts_on_one_of (const char         *key,
                  const char * const *froms)
{
  for (guint i = 0; froms[i] != NULL; i++)
    if (key_starts_on (key, froms[i]))
      return TRUE;
  return FALSE;
}

void
rd_calendar_pages_keep_only (RdCalendarPages    *self,
                             const char * const *froms)
{
  GHashTableIter iter;
  gpointer key, cancellable;

  g_return_if_fail (RD_IS_CALENDAR_PAGES (self));

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!starts_on_one_of (key, froms))
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, self->reading);
  while (g_hash_table_iter_next (&iter, &key, &cancellable))
    if (!starts_on_one_of (key, froms))
      {
        g_cancellable_cancel (cancellable);
        g_hash_table_iter_remove (&iter);
      }
}
