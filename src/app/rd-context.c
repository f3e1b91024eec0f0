/* rd-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-context"

#include "config.h"

#include "rd-context.h"
#include "rd-milestones.h"

struct _RdContext
{
  GObject    parent_instance;

  RdStore   *store;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (RdContext, rd_context, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rd_context_finalize (GObject *object)
{
  RdContext *self = (RdContext *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rd_context_parent_class)->finalize (object);
}

static void
rd_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RdContext *self = RD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_context_class_init (RdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_context_finalize;
  object_class->get_property = rd_context_get_property;
  object_class->set_property = rd_context_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_context_init (RdContext *self)
{
}

RdContext *
rd_context_new (RdStore   *store,
                GSettings *settings)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (RD_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

RdStore *
rd_context_get_store (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
rd_context_get_settings (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->settings;
}

RdRole
rd_context_get_role (RdContext *self)
{
  g_autofree char *role = NULL;

  g_return_val_if_fail (RD_IS_CONTEXT (self), RD_ROLE_ISV);

  role = g_settings_get_string (self->settings, "role");

  return g_strcmp0 (role, "channel-partner") == 0 ? RD_ROLE_CHANNEL_PARTNER : RD_ROLE_ISV;
}

void
rd_context_init_rules_context (RdContext      *self,
                               RdRulesContext *out)
{
  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (out != NULL);

  rd_rules_context_init (out, rd_context_get_role (self));
}

/* The user's milestone offsets, normalised (positive, unique, descending). */
GArray *
rd_context_dup_milestone_offsets (RdContext *self)
{
  g_autoptr (GVariant) value = NULL;
  const gint32 *offsets;
  gsize n_offsets = 0;

  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  value = g_settings_get_value (self->settings, "milestone-offsets");
  offsets = g_variant_get_fixed_array (value, &n_offsets, sizeof (gint32));

  return rd_milestones_normalize_offsets ((const int *) offsets, n_offsets);
}
