/* rd-calendar-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-calendar-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-calendar-model-private.h"
#include "rd-date.h"
#include "rd-milestones.h"
#include "rd-store-calendar.h"
#include "rd-store-private.h"

struct _RdCalendarEvent
{
  GObject             parent_instance;

  RdCalendarEventKind kind;
  int                 offset_days;
  gboolean            done;
  char               *date;
  char               *record_id;
  char               *customer;
  char               *product_title;
  char               *record_kind;
};

G_DEFINE_FINAL_TYPE (RdCalendarEvent, rd_calendar_event, G_TYPE_OBJECT)

static void
rd_calendar_event_finalize (GObject *object)
{
  RdCalendarEvent *self = (RdCalendarEvent *) object;

  g_free (self->date);
  g_free (self->record_id);
  g_free (self->customer);
  g_free (self->product_title);
  g_free (self->record_kind);

  G_OBJECT_CLASS (rd_calendar_event_parent_class)->finalize (object);
}

static void
rd_calendar_event_class_init (RdCalendarEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_calendar_event_finalize;
}

static void
rd_calendar_event_init (RdCalendarEvent *self)
{
}

RdCalendarEvent *
rd_calendar_event_new (RdCalendarEventKind  kind,
                       const char          *date,
                       const char          *record_id,
                       const char          *customer,
                       const char          *product_title,
                       const char          *record_kind,
                       int                  offset_days,
                       gboolean             done)
{
  RdCalendarEvent *self = g_object_new (RD_TYPE_CALENDAR_EVENT, NULL);

  self->kind = kind;
  self->offset_days = offset_days;
  self->done = kind == RD_CALENDAR_EVENT_MILESTONE && done;
  self->date = g_strdup (date);
  self->record_id = g_strdup (record_id);
  self->customer = g_strdup (customer);
  self->product_title = g_strdup (product_title);
  self->record_kind = g_strdup (record_kind);
  return self;
}

RdCalendarEventKind
rd_calendar_event_get_kind (RdCalendarEvent *self)
{
  return self->kind;
}

const char *
rd_calendar_event_get_date (RdCalendarEvent *self)
{
  return self->date;
}

const char *
rd_calendar_event_get_record_id (RdCalendarEvent *self)
{
  return self->record_id;
}

const char *
rd_calendar_event_get_customer (RdCalendarEvent *self)
{
  return self->customer;
}

const char *
rd_calendar_event_get_product_title (RdCalendarEvent *self)
{
  return self->product_title;
}

const char *
rd_calendar_event_get_record_kind (RdCalendarEvent *self)
{
  return self->record_kind;
}

int
rd_calendar_event_get_offset_days (RdCalendarEvent *self)
{
  return self->offset_days;
}

gboolean
rd_calendar_event_get_done (RdCalendarEvent *self)
{
  return self->done;
}

char *
rd_calendar_event_dup_label (RdCalendarEvent *self)
{
  switch (self->kind)
    {
    case RD_CALENDAR_EVENT_END_DATE:
      return g_strdup (_("Agreement ends"));
    case RD_CALENDAR_EVENT_MILESTONE:
      return rd_milestone_dup_label (self->offset_days);
    case RD_CALENDAR_EVENT_OFFER_EXPIRATION:
      return g_strdup (_("Offer expires"));
    case RD_CALENDAR_EVENT_FDA_START:
      return g_strdup (_("Future-dated agreement starts"));
    default:
      g_return_val_if_reached (NULL);
    }
}

struct _RdCalendarModel
{
  GObject    parent_instance;

  RdStore   *store;
  gulong     changed_id;
  char      *from;
  char      *to;
  char      *owner;
  GArray    *offsets;
  guint      max_per_day;
  guint      n_dates;   /* all of the range's, the items or not */
  GPtrArray *events;
};

static void rd_calendar_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdCalendarModel, rd_calendar_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rd_calendar_model_list_model_init))

static GType
rd_calendar_model_get_item_type (GListModel *model)
{
  return RD_TYPE_CALENDAR_EVENT;
}

static guint
rd_calendar_model_get_n_items (GListModel *model)
{
  return RD_CALENDAR_MODEL (model)->events->len;
}

static gpointer
rd_calendar_model_get_item (GListModel *model,
                            guint       position)
{
  RdCalendarModel *self = RD_CALENDAR_MODEL (model);

  if (position >= self->events->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->events, position));
}

static void
rd_calendar_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_calendar_model_get_item_type;
  iface->get_n_items = rd_calendar_model_get_n_items;
  iface->get_item = rd_calendar_model_get_item;
}

static void
rd_calendar_model_dispose (GObject *object)
{
  RdCalendarModel *self = (RdCalendarModel *) object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_calendar_model_parent_class)->dispose (object);
}

static void
rd_calendar_model_finalize (GObject *object)
{
  RdCalendarModel *self = (RdCalendarModel *) object;

  g_free (self->from);
  g_free (self->to);
  g_free (self->owner);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->events);

  G_OBJECT_CLASS (rd_calendar_model_parent_class)->finalize (object);
}

static void
rd_calendar_model_class_init (RdCalendarModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_calendar_model_dispose;
  object_class->finalize = rd_calendar_model_finalize;
}

static void
rd_calendar_model_init (RdCalendarModel *self)
{
  static const int defaults[] = RD_MILESTONE_DEFAULT_OFFSETS;

  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->max_per_day = G_MAXUINT;
  self->offsets = rd_milestones_normalize_offsets (defaults, G_N_ELEMENTS (defaults));
}

static void
on_store_changed_cb (RdStore         *store,
                     RdCalendarModel *self)
{
  rd_calendar_model_refresh (self);
}

RdCalendarModel *
rd_calendar_model_new (RdStore *store)
{
  RdCalendarModel *self = g_object_new (RD_TYPE_CALENDAR_MODEL, NULL);

  self->store = g_object_ref (store);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
  return self;
}

void
rd_calendar_model_set_range (RdCalendarModel *self,
                             const char      *from,
                             const char      *to)
{
  g_return_if_fail (RD_IS_CALENDAR_MODEL (self));

  if (g_strcmp0 (self->from, from) == 0 && g_strcmp0 (self->to, to) == 0)
    return;
  g_free (self->from);
  g_free (self->to);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  rd_calendar_model_refresh (self);
}

void
rd_calendar_model_set_offsets (RdCalendarModel *self,
                               const int       *offsets,
                               guint            n_offsets)
{
  g_return_if_fail (RD_IS_CALENDAR_MODEL (self));

  g_array_unref (self->offsets);
  self->offsets = rd_milestones_normalize_offsets (offsets, n_offsets);
  rd_calendar_model_refresh (self);
}

void
rd_calendar_model_set_max_per_day (RdCalendarModel *self,
                                   guint            max_per_day)
{
  g_return_if_fail (RD_IS_CALENDAR_MODEL (self));

  if (self->max_per_day == max_per_day)
    return;
  self->max_per_day = max_per_day;
  rd_calendar_model_refresh (self);
}

guint
rd_calendar_model_get_n_dates (RdCalendarModel *self)
{
  g_return_val_if_fail (RD_IS_CALENDAR_MODEL (self), 0);

  return self->n_dates;
}

/* Whether two events show the same thing, for a refresh to keep what did not change. */
static gboolean
rd_calendar_event_equal (RdCalendarEvent *a,
                         RdCalendarEvent *b)
{
  return rd_calendar_event_compare (a, b) == 0 && a->offset_days == b->offset_days
         && a->done == b->done && g_strcmp0 (a->product_title, b->product_title) == 0
         && g_strcmp0 (a->record_kind, b->record_kind) == 0;
}

int
rd_calendar_event_compare (RdCalendarEvent *ea,
                           RdCalendarEvent *eb)
{
  int cmp = strcmp (ea->date, eb->date);

  if (cmp != 0)
    return cmp;
  if (ea->kind != eb->kind)
    return (int) ea->kind - (int) eb->kind;
  cmp = g_strcmp0 (ea->customer, eb->customer);
  if (cmp != 0)
    return cmp;
  return strcmp (ea->record_id, eb->record_id);
}

void
rd_calendar_model_set_owner (RdCalendarModel *self,
                             const char      *owner)
{
  g_return_if_fail (RD_IS_CALENDAR_MODEL (self));

  if (g_strcmp0 (self->owner, owner) == 0)
    return;
  g_free (self->owner);
  self->owner = g_strdup (owner);
  rd_calendar_model_refresh (self);
}

void
rd_calendar_model_refresh (RdCalendarModel *self)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) old = NULL;
  g_autoptr (GError) error = NULL;
  guint n_dates = 0;
  guint kept = 0;
  GDate first, last;

  g_return_if_fail (RD_IS_CALENDAR_MODEL (self));

  if (self->from != NULL && self->to != NULL && rd_date_parse (self->from, &first)
      && rd_date_parse (self->to, &last))
    {
      /* The page query with no cut, a year at most at a time: every date of every day, in
       * the calendar's order. */
      while (g_date_compare (&first, &last) <= 0)
        {
          g_autoptr (RdCalendarPage) page = NULL;
          g_autofree char *from = rd_date_format (&first);
          g_autofree char *to = NULL;
          GDate end = first;

          g_date_add_days (&end, 365);
          if (g_date_compare (&end, &last) > 0)
            end = last;
          to = rd_date_format (&end);
          page = rd_store_calendar_query_page (self->store, from, to,
                                               (const int *) (void *) self->offsets->data,
                                               self->offsets->len, self->max_per_day,
                                               self->owner, &error);
          if (page == NULL)
            {
              g_warning ("Failed to read the calendar: %s", error->message);
              break;
            }
          for (guint i = 0; i < page->n_days; i++)
            {
              n_dates += page->days[i].n_events;
              g_ptr_array_extend_and_steal (events, g_steal_pointer (&page->days[i].events));
            }
          first = end;
          g_date_add_days (&first, 1);
        }
    }

  /* What did not change stays, so that a longer cut or a store change keeps a list's rows. */
  while (kept < events->len && kept < self->events->len
         && rd_calendar_event_equal (g_ptr_array_index (events, kept),
                                     g_ptr_array_index (self->events, kept)))
    kept++;
  self->n_dates = n_dates;
  old = g_steal_pointer (&self->events);
  self->events = g_steal_pointer (&events);
  if (kept < old->len || kept < self->events->len)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, old->len - kept,
                                self->events->len - kept);
}
