/* rd-list-relay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-list-relay"

#include "config.h"

#include "rd-list-relay.h"

struct _RdListRelay
{
  GObject     parent_instance;

  GListModel *model;
  guint       n_items;   /* what the relay's listeners know about */
};

static void rd_list_relay_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RdListRelay, rd_list_relay, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      rd_list_relay_list_model_init))

static GType
rd_list_relay_get_item_type (GListModel *model)
{
  RdListRelay *self = RD_LIST_RELAY (model);

  return g_list_model_get_item_type (self->model);
}

static guint
rd_list_relay_get_n_items (GListModel *model)
{
  return RD_LIST_RELAY (model)->n_items;
}

static gpointer
rd_list_relay_get_item (GListModel *model,
                        guint       position)
{
  RdListRelay *self = RD_LIST_RELAY (model);

  if (position >= self->n_items)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
rd_list_relay_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = rd_list_relay_get_item_type;
  iface->get_n_items = rd_list_relay_get_n_items;
  iface->get_item = rd_list_relay_get_item;
}

static void
on_model_items_changed_cb (GListModel  *model,
                           guint        position,
                           guint        removed,
                           guint        added,
                           RdListRelay *self)
{
  if (removed > 0 && added > RD_LIST_RELAY_SPLIT_THRESHOLD)
    {
      /* While the removal is announced, the relay shows no added rows yet. */
      self->n_items -= removed;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, 0);
      self->n_items += added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
      return;
    }

  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
rd_list_relay_dispose (GObject *object)
{
  RdListRelay *self = (RdListRelay *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (rd_list_relay_parent_class)->dispose (object);
}

static void
rd_list_relay_class_init (RdListRelayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_list_relay_dispose;
}

static void
rd_list_relay_init (RdListRelay *self)
{
}

RdListRelay *
rd_list_relay_new (GListModel *model)
{
  RdListRelay *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (RD_TYPE_LIST_RELAY, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self);

  return self;
}

GListModel *
rd_list_relay_get_model (RdListRelay *self)
{
  g_return_val_if_fail (RD_IS_LIST_RELAY (self), NULL);

  return self->model;
}
