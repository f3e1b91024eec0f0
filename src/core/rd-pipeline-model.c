/* rd-pipeline-model.c
 *
 * The filter and the order run in SQL and yield only rowids; a view's get_item() loads a
 * page of records around the position it asks for, so 100,000 rows cost one id array.
 * Asynchronously, a new order or filter shows its first rows (read with their records on
 * the worker) as soon as they are read; the order of the others follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-pipeline-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-date.h"
#include "rd-pipeline-model.h"
#include "rd-store-pipeline.h"
#include "rd-store-views.h"
#include "rd-store-worker.h"

#define PAGE_SIZE 64
#define MAX_CACHED 4096
/* More than a list view keeps rows for (200 in GTK 4.8), so that the rows it shows after a
 * new order or filter need nothing more from the database. */
#define FIRST_PAGE 256
/* A rowid not read yet: SQLite gives the rows it numbers itself rowids from 1. */
#define UNREAD_ROWID 0

typedef enum
{
  JOB_NONE,
  JOB_FIRST_PAGE,  /* a new order or filter: its first rows and their number */
  JOB_REST,        /* then the order of all the rows */
  JOB_CHANGES,     /* the store changed: all the rows again, the view keeps its place */
} Job;

struct _RdPipelineModel
{
  GObject         parent_instance;

  RdStore        *store;
  gulong          changed_id;

  char           *doc_type;
  char           *kind;
  char           *stage;
  char           *search;
  char           *owner;
  char           *today;
  int             due_within;
  RdPipelineSort  sort;
  gboolean        descending;

  GArray         *rowids;  /* gint64, in display order; UNREAD_ROWID: not read yet */
  GHashTable     *cache;   /* rowid → RdRecord */

  /* Asynchronous mode: queries run on the store's worker. */
  gboolean        async;
  gboolean        loading;          /* the rows shown are not those of the query yet */
  Job             job;              /* the query under way */
  GCancellable   *cancellable;      /* of the query under way */
  GHashTable     *pending_changed;  /* ids changed since the rows were read; NULL: all */
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void rd_pipeline_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdPipelineModel, rd_pipeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rd_pipeline_model_list_model_init))

static GType
rd_pipeline_model_get_item_type (GListModel *model)
{
  return RD_TYPE_RECORD;
}

static guint
rd_pipeline_model_get_n_items (GListModel *model)
{
  return RD_PIPELINE_MODEL (model)->rowids->len;
}

static void
load_page (RdPipelineModel *self,
           guint            position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->rowids->len);
  g_autoptr (GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;

  if (g_hash_table_size (self->cache) > MAX_CACHED)
    g_hash_table_remove_all (self->cache);

  /* Rows already read keep their record: a view may hold it. */
  for (guint i = start; i < end; i++)
    if (g_array_index (self->rowids, gint64, i) != UNREAD_ROWID
        && !g_hash_table_contains (self->cache, &g_array_index (self->rowids, gint64, i)))
      g_array_append_val (missing, g_array_index (self->rowids, gint64, i));

  records = rd_store_pipeline_read_records (self->store, (const gint64 *) (void *) missing->data,
                                            missing->len, &error);
  if (records == NULL)
    {
      g_warning ("Failed to load the pipeline: %s", error->message);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    g_hash_table_insert (self->cache, g_memdup2 (&g_array_index (missing, gint64, i),
                                                 sizeof (gint64)),
                         g_object_ref (g_ptr_array_index (records, i)));
}

static void rd_pipeline_model_init_query (RdPipelineModel *self, RdPipelineQuery *query);

typedef struct
{
  GArray *rowids;
  guint   position;
} UnreadRows;

static gboolean
fill_unread_row (const RdStorePipelineRow *row,
                 gpointer                  user_data)
{
  UnreadRows *unread = user_data;

  if (unread->position >= unread->rowids->len)
    return FALSE;
  if (g_array_index (unread->rowids, gint64, unread->position) == UNREAD_ROWID)
    g_array_index (unread->rowids, gint64, unread->position) = row->rowid;
  unread->position++;
  return TRUE;
}

/* Someone wants a row whose place the worker has not read yet (an export, a jump to the end):
 * the places from its page to the end are read here, at once, in one statement. */
static gint64
read_unread_rows (RdPipelineModel *self,
                  guint            position)
{
  UnreadRows unread = { self->rowids, position - position % PAGE_SIZE };
  g_autoptr (GError) error = NULL;
  RdPipelineQuery query;

  rd_pipeline_model_init_query (self, &query);
  if (!rd_store_pipeline_foreach_range (self->store, &query, RD_STORE_PIPELINE_ROWID,
                                        unread.position, -1, fill_unread_row, &unread, &error))
    g_warning ("Failed to read the pipeline: %s", error->message);
  return g_array_index (self->rowids, gint64, position);
}

static gpointer
rd_pipeline_model_get_item (GListModel *model,
                            guint       position)
{
  RdPipelineModel *self = RD_PIPELINE_MODEL (model);
  gint64 rowid;
  RdRecord *record;

  if (position >= self->rowids->len)
    return NULL;
  rowid = g_array_index (self->rowids, gint64, position);
  if (rowid == UNREAD_ROWID)
    rowid = read_unread_rows (self, position);
  record = g_hash_table_lookup (self->cache, &rowid);
  if (record == NULL)
    {
      load_page (self, position);
      record = g_hash_table_lookup (self->cache, &rowid);
    }
  return record ? g_object_ref (record) : NULL;
}

static void
rd_pipeline_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_pipeline_model_get_item_type;
  iface->get_n_items = rd_pipeline_model_get_n_items;
  iface->get_item = rd_pipeline_model_get_item;
}

static void
rd_pipeline_model_dispose (GObject *object)
{
  RdPipelineModel *self = (RdPipelineModel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->job = JOB_NONE;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_pipeline_model_parent_class)->dispose (object);
}

static void
rd_pipeline_model_finalize (GObject *object)
{
  RdPipelineModel *self = (RdPipelineModel *) object;

  g_free (self->doc_type);
  g_free (self->kind);
  g_free (self->stage);
  g_free (self->search);
  g_free (self->owner);
  g_free (self->today);
  g_array_unref (self->rowids);
  g_hash_table_unref (self->cache);
  g_clear_pointer (&self->pending_changed, g_hash_table_unref);

  G_OBJECT_CLASS (rd_pipeline_model_parent_class)->finalize (object);
}

static void
rd_pipeline_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdPipelineModel *self = RD_PIPELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_pipeline_model_class_init (RdPipelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_pipeline_model_dispose;
  object_class->finalize = rd_pipeline_model_finalize;
  object_class->get_property = rd_pipeline_model_get_property;

  /* TRUE while an asynchronous model reads its rows; they are the old ones meanwhile. */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_pipeline_model_init (RdPipelineModel *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->due_within = RD_PIPELINE_DUE_ANY;
}

static void refresh (RdPipelineModel *self, const char * const *changed_ids);

static void
on_store_changed_cb (RdStore         *store,
                     RdPipelineModel *self)
{
  const char * const *ids = rd_store_peek_changed_ids (store);

  if (!rd_store_pipeline_concerns (store, ids))
    return;
  /* Only the rows that moved or changed are announced, so a view keeps its place. */
  refresh (self, ids);
}

/* The rowids of the rows whose records changed, as a set. */
static GHashTable *
changed_rowids (RdPipelineModel     *self,
                const char * const  *ids)
{
  GHashTable *rowids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) found = NULL;
  g_autoptr (GError) error = NULL;

  found = rd_store_pipeline_rowids_of_ids (self->store, ids, &error);
  if (found == NULL)
    {
      g_warning ("Failed to read the changed pipeline rows: %s", error->message);
      return rowids;
    }
  for (guint i = 0; i < found->len; i++)
    g_hash_table_add (rowids, g_memdup2 (&g_array_index (found, gint64, i), sizeof (gint64)));
  return rowids;
}

/* Replaces the rows by new_rowids. With changed_ids (may be NULL: anything may have
 * changed), rows before and after the part that differs stay, and of those only the ones
 * whose records changed are announced again. */
static void
replace_rows (RdPipelineModel     *self,
              GArray              *new_rowids,
              const char * const  *changed_ids)
{
  g_autoptr (GArray) old = self->rowids;
  g_autoptr (GHashTable) changed = NULL;
  guint prefix = 0, suffix = 0;
  guint n_old = old->len, n_new = new_rowids->len;

  self->rowids = new_rowids;
  if (changed_ids == NULL)
    {
      g_hash_table_remove_all (self->cache);
      if (n_old > 0 || n_new > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_new);
      return;
    }

  while (prefix < n_old && prefix < n_new
         && g_array_index (old, gint64, prefix) == g_array_index (new_rowids, gint64, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && g_array_index (old, gint64, n_old - 1 - suffix)
              == g_array_index (new_rowids, gint64, n_new - 1 - suffix))
    suffix++;

  changed = changed_rowids (self, changed_ids);
  {
    GHashTableIter iter;
    gpointer rowid;

    g_hash_table_iter_init (&iter, changed);
    while (g_hash_table_iter_next (&iter, &rowid, NULL))
      g_hash_table_remove (self->cache, rowid);
  }

  if (n_old - prefix - suffix > 0 || n_new - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, n_old - prefix - suffix,
                                n_new - prefix - suffix);
  if (g_hash_table_size (changed) == 0)
    return;
  for (guint i = 0; i < n_new; i++)
    {
      if (i == prefix && n_new - suffix > prefix)
        i = n_new - suffix;
      if (i >= n_new)
        break;
      if (g_hash_table_contains (changed, &g_array_index (new_rowids, gint64, i)))
        g_list_model_items_changed (G_LIST_MODEL (self), i, 1, 1);
    }
}

RdPipelineModel *
rd_pipeline_model_new (RdStore *store)
{
  RdPipelineModel *self = g_object_new (RD_TYPE_PIPELINE_MODEL, NULL);

  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  rd_pipeline_model_refresh (self);
  return self;
}

RdPipelineModel *
rd_pipeline_model_new_async (RdStore *store)
{
  RdPipelineModel *self = g_object_new (RD_TYPE_PIPELINE_MODEL, NULL);

  self->store = g_object_ref (store);
  self->async = TRUE;
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  rd_pipeline_model_refresh (self);
  return self;
}

gboolean
rd_pipeline_model_get_loading (RdPipelineModel *self)
{
  g_return_val_if_fail (RD_IS_PIPELINE_MODEL (self), FALSE);

  return self->loading;
}

RdStore *
rd_pipeline_model_get_store (RdPipelineModel *self)
{
  return self->store;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
rd_pipeline_model_set_doc_type (RdPipelineModel *self,
                                const char      *type)
{
  if (replace_string (&self->doc_type, type))
    rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_set_kind (RdPipelineModel *self,
                            const char      *kind)
{
  if (replace_string (&self->kind, kind))
    rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_set_stage (RdPipelineModel *self,
                             const char      *stage)
{
  if (replace_string (&self->stage, stage))
    rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_set_due_within (RdPipelineModel *self,
                                  int              due_within)
{
  if (self->due_within == due_within)
    return;
  self->due_within = due_within;
  rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_set_search (RdPipelineModel *self,
                              const char      *text)
{
  g_autofree char *stripped = text ? g_strstrip (g_strdup (text)) : NULL;

  if (replace_string (&self->search, stripped))
    rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_set_owner (RdPipelineModel *self,
                             const char      *owner)
{
  if (replace_string (&self->owner, owner))
    rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_set_sort (RdPipelineModel *self,
                            RdPipelineSort   sort,
                            gboolean         descending)
{
  if (self->sort == sort && self->descending == !!descending)
    return;
  self->sort = sort;
  self->descending = !!descending;
  rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_set_today (RdPipelineModel *self,
                             const char      *today)
{
  if (replace_string (&self->today, today))
    rd_pipeline_model_refresh (self);
}

void
rd_pipeline_model_refresh (RdPipelineModel *self)
{
  refresh (self, NULL);
}

static void
rd_pipeline_model_init_query (RdPipelineModel *self,
                              RdPipelineQuery *query)
{
  query->doc_type = self->doc_type;
  query->kind = self->kind;
  query->stage = self->stage;
  query->search = self->search;
  query->today = self->today;
  query->owner = self->owner;
  query->due_within = self->due_within;
  query->sort = self->sort;
  query->descending = self->descending;
}

static gpointer
query_job (RdStore       *reader,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return rd_store_views_query_pipeline (reader, data, error);
}

static gpointer
first_page_job (RdStore       *reader,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return rd_store_pipeline_read_first_page (reader, data, FIRST_PAGE, error);
}

static void
set_loading (RdPipelineModel *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void start_job (RdPipelineModel *self, Job job);

/* A queue of the pipeline's own: what is typed into the search never waits behind a month
 * or the reminders' catch-up on the interactive queue. */
static RdStoreWorker *
pipeline_worker (RdPipelineModel *self)
{
  return rd_store_worker_get_for_queue (self->store, RD_STORE_WORKER_PIPELINE);
}

/* The first rows of a new order or filter, with their records: shown at once. */
static void
show_first_page (RdPipelineModel     *self,
                 RdStorePipelinePage *page)
{
  g_autoptr (GArray) old = self->rowids;
  GArray *rowids = g_array_sized_new (FALSE, TRUE, sizeof (gint64), page->n_rows);

  g_array_set_size (rowids, page->n_rows);
  memcpy (rowids->data, page->rowids->data, page->rowids->len * sizeof (gint64));
  self->rowids = rowids;
  g_hash_table_remove_all (self->cache);
  for (guint i = 0; i < page->records->len; i++)
    g_hash_table_insert (self->cache, g_memdup2 (&g_array_index (page->rowids, gint64, i),
                                                 sizeof (gint64)),
                         g_object_ref (g_ptr_array_index (page->records, i)));
  if (old->len > 0 || rowids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, rowids->len);
}

/* The order of all the rows, after the first page: nothing to announce if it agrees with
 * the rows read so far. */
static void
complete_rows (RdPipelineModel *self,
               GArray          *rowids)
{
  static const char * const no_ids[] = { NULL };
  gboolean agrees = rowids->len == self->rowids->len;

  for (guint i = 0; agrees && i < rowids->len; i++)
    agrees = g_array_index (self->rowids, gint64, i) == UNREAD_ROWID
             || g_array_index (self->rowids, gint64, i) == g_array_index (rowids, gint64, i);
  if (!agrees)
    {
      replace_rows (self, rowids, no_ids);
      return;
    }
  g_array_unref (self->rowids);
  self->rowids = rowids;
}

static void
on_query_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (RdPipelineModel) self = user_data;
  g_autoptr (GHashTable) changed = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree const char **ids = NULL;
  gpointer rows;
  Job job;

  if (self->store == NULL)
    return;
  rows = rd_store_worker_run_finish (pipeline_worker (self), result, &error);
  /* A newer query replaced this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  job = self->job;
  self->job = JOB_NONE;
  g_clear_object (&self->cancellable);
  changed = g_steal_pointer (&self->pending_changed);
  if (rows == NULL)
    g_warning ("Failed to filter the pipeline: %s", error->message);
  else if (job == JOB_FIRST_PAGE)
    {
      g_autoptr (RdStorePipelinePage) page = rows;

      show_first_page (self, page);
      if (page->rowids->len < page->n_rows)
        start_job (self, JOB_REST);
    }
  else if (job == JOB_REST)
    complete_rows (self, rows);
  else
    {
      if (changed != NULL)
        ids = (const char **) g_hash_table_get_keys_as_array (changed, NULL);
      replace_rows (self, rows, changed ? ids : NULL);
    }
  if (self->job != JOB_CHANGES && self->job != JOB_FIRST_PAGE)
    set_loading (self, FALSE);
}

static void
start_job (RdPipelineModel *self,
           Job              job)
{
  RdPipelineQuery query;

  self->job = job;
  self->cancellable = g_cancellable_new ();
  rd_pipeline_model_init_query (self, &query);
  rd_store_worker_run_async (pipeline_worker (self),
                             job == JOB_FIRST_PAGE ? first_page_job : query_job,
                             rd_pipeline_query_copy (&query),
                             (GDestroyNotify) rd_pipeline_query_free,
                             job == JOB_FIRST_PAGE ? (GDestroyNotify) rd_store_pipeline_page_free
                                                   : (GDestroyNotify) g_array_unref,
                             self->cancellable, on_query_done_cb, g_object_ref (self));
}

/* Asynchronous: a new order or filter (changed_ids NULL) reads its first page and then the
 * rest; a change of the store reads all the rows again and announces what moved or changed.
 * A query under way is dropped (the changes it was for are kept for the next). */
static void
refresh_async (RdPipelineModel    *self,
               const char * const *changed_ids)
{
  gboolean whole = changed_ids == NULL || self->job == JOB_FIRST_PAGE
                   || (self->job == JOB_CHANGES && self->pending_changed == NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (whole)
    g_clear_pointer (&self->pending_changed, g_hash_table_unref);
  else
    {
      if (self->pending_changed == NULL)
        self->pending_changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; changed_ids[i] != NULL; i++)
        g_hash_table_add (self->pending_changed, g_strdup (changed_ids[i]));
    }

  start_job (self, whole ? JOB_FIRST_PAGE : JOB_CHANGES);
  set_loading (self, TRUE);
}

static void
refresh (RdPipelineModel    *self,
         const char * const *changed_ids)
{
  g_autoptr (GError) error = NULL;
  RdPipelineQuery query;
  GArray *rowids;

  if (self->async)
    {
      refresh_async (self, changed_ids);
      return;
    }

  rd_pipeline_model_init_query (self, &query);
  rowids = rd_store_views_query_pipeline (self->store, &query, &error);
  if (rowids == NULL)
    {
      g_warning ("Failed to filter the pipeline: %s", error->message);
      return;
    }
  replace_rows (self, rowids, changed_ids);
}
