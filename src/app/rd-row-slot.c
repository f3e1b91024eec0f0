/* rd-row-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-row-slot"

#include "config.h"

#include "rd-row-slot.h"

struct _RdRowSlot
{
  GObject  parent_instance;

  guint    position;
  GObject *item;
};

G_DEFINE_FINAL_TYPE (RdRowSlot, rd_row_slot, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rd_row_slot_dispose (GObject *object)
{
  g_clear_object (&RD_ROW_SLOT (object)->item);

  G_OBJECT_CLASS (rd_row_slot_parent_class)->dispose (object);
}

static void
rd_row_slot_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RdRowSlot *self = RD_ROW_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_row_slot_class_init (RdRowSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_row_slot_dispose;
  object_class->get_property = rd_row_slot_get_property;

  properties [PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_row_slot_init (RdRowSlot *self)
{
}

RdRowSlot *
rd_row_slot_new (guint    position,
                 gpointer item)
{
  RdRowSlot *self = g_object_new (RD_TYPE_ROW_SLOT, NULL);

  self->position = position;
  self->item = item ? g_object_ref (item) : NULL;
  return self;
}

guint
rd_row_slot_get_position (RdRowSlot *self)
{
  g_return_val_if_fail (RD_IS_ROW_SLOT (self), 0);

  return self->position;
}

gpointer
rd_row_slot_get_item (RdRowSlot *self)
{
  g_return_val_if_fail (RD_IS_ROW_SLOT (self), NULL);

  return self->item;
}

void
rd_row_slot_set_item (RdRowSlot *self,
                      gpointer   item)
{
  g_return_if_fail (RD_IS_ROW_SLOT (self));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ITEM]);
}
