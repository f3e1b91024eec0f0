/* rd-row-slots.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-row-slots"

#include "config.h"

#include "rd-row-slot.h"
#include "rd-row-slots.h"

/* A list view makes a row widget for each of its first 200 or so rows at once (a widget per
 * cell, ~150 ms of the main loop for the pipeline): so many rows are announced a few at a
 * time, at idle, after the frames; past them, the number of rows costs no widget. */
#define ROWS_PER_STEP 16
#define ROW_WIDGETS   256

struct _RdRowSlots
{
  GObject     parent_instance;

  GListModel *model;
  guint       n_items;  /* what the listeners know about */
  GHashTable *slots;    /* position → RdRowSlot, not owned: only those someone holds */
  guint       grow_id;  /* announces the next rows */
};

static void rd_row_slots_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdRowSlots, rd_row_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rd_row_slots_list_model_init))

static void on_slot_finalized (gpointer  data,
                               GObject  *where_the_object_was);

static GType
rd_row_slots_get_item_type (GListModel *model)
{
  return RD_TYPE_ROW_SLOT;
}

static guint
rd_row_slots_get_n_items (GListModel *model)
{
  return RD_ROW_SLOTS (model)->n_items;
}

static gpointer
rd_row_slots_get_item (GListModel *model,
                       guint       position)
{
  RdRowSlots *self = RD_ROW_SLOTS (model);
  g_autoptr (GObject) item = NULL;
  RdRowSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  item = g_list_model_get_item (self->model, position);
  slot = rd_row_slot_new (position, item);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  g_object_weak_ref (G_OBJECT (slot), on_slot_finalized, self);
  return slot;
}

static void
rd_row_slots_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_row_slots_get_item_type;
  iface->get_n_items = rd_row_slots_get_n_items;
  iface->get_item = rd_row_slots_get_item;
}

static void
on_slot_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  RdRowSlots *self = data;
  GHashTableIter iter;
  gpointer slot;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    if (slot == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static void
forget_slot (RdRowSlots *self,
             RdRowSlot  *slot)
{
  g_object_weak_unref (G_OBJECT (slot), on_slot_finalized, self);
}

static gboolean on_grow_cb (gpointer user_data);

/* Brings the number of rows the listeners know towards n_target: fewer at once, more at
 * once past the rows a view makes widgets for, else ROWS_PER_STEP per idle dispatch. */
static void
announce (RdRowSlots *self,
          guint       n_target)
{
  guint n_old = self->n_items;
  guint n_new = n_target;

  if (n_target > n_old && n_old < ROW_WIDGETS && n_target - n_old > ROWS_PER_STEP)
    {
      n_new = n_old;
      if (self->grow_id == 0)
        self->grow_id = g_idle_add (on_grow_cb, self);
    }
  else
    g_clear_handle_id (&self->grow_id, g_source_remove);

  self->n_items = n_new;
  if (n_new < n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old - n_new, 0);
  else if (n_new > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);
}

static gboolean
on_grow_cb (gpointer user_data)
{
  RdRowSlots *self = user_data;
  guint n_target = g_list_model_get_n_items (self->model);
  guint n_old = self->n_items;
  guint n_new = MIN (n_target, n_old + ROWS_PER_STEP);

  if (n_old >= ROW_WIDGETS || n_new >= ROW_WIDGETS)
    n_new = n_target;
  self->n_items = n_new;
  if (n_new == n_target)
    self->grow_id = 0;
  if (n_new > n_old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);
  return n_new == n_target ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
on_model_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           RdRowSlots *self)
{
  guint n_new = g_list_model_get_n_items (model);
  GHashTableIter iter;
  gpointer key, slot;

  /* The slots past the new end go; the others from position on may hold another item. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &slot))
    if (GPOINTER_TO_UINT (key) >= n_new)
      {
        forget_slot (self, slot);
        g_hash_table_iter_remove (&iter);
      }
  /* Taken apart from the walk: a slot's new item may make a view drop or take slots. */
  {
    g_autoptr (GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);

    g_hash_table_iter_init (&iter, self->slots);
    while (g_hash_table_iter_next (&iter, &key, &slot))
      if (GPOINTER_TO_UINT (key) >= position)
        g_ptr_array_add (live, g_object_ref (slot));
    for (guint i = 0; i < live->len; i++)
      {
        RdRowSlot *live_slot = g_ptr_array_index (live, i);
        g_autoptr (GObject) item = NULL;

        item = g_list_model_get_item (model, rd_row_slot_get_position (live_slot));
        rd_row_slot_set_item (live_slot, item);
      }
  }

  announce (self, n_new);
}

static void
rd_row_slots_dispose (GObject *object)
{
  RdRowSlots *self = (RdRowSlots *)object;
  GHashTableIter iter;
  gpointer slot;

  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    forget_slot (self, slot);
  g_hash_table_remove_all (self->slots);

  G_OBJECT_CLASS (rd_row_slots_parent_class)->dispose (object);
}

static void
rd_row_slots_finalize (GObject *object)
{
  g_hash_table_unref (RD_ROW_SLOTS (object)->slots);

  G_OBJECT_CLASS (rd_row_slots_parent_class)->finalize (object);
}

static void
rd_row_slots_class_init (RdRowSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_row_slots_dispose;
  object_class->finalize = rd_row_slots_finalize;
}

static void
rd_row_slots_init (RdRowSlots *self)
{
  self->slots = g_hash_table_new (g_direct_hash, g_direct_equal);
}

RdRowSlots *
rd_row_slots_new (GListModel *model)
{
  RdRowSlots *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (RD_TYPE_ROW_SLOTS, NULL);
  self->model = g_object_ref (model);
  announce (self, g_list_model_get_n_items (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self);

  return self;
}

GListModel *
rd_row_slots_get_model (RdRowSlots *self)
{
  g_return_val_if_fail (RD_IS_ROW_SLOTS (self), NULL);

  return self->model;
}
