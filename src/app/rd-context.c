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

  RdStore             *store;
  GSettings           *settings;
  RdReminderScheduler *scheduler;
  RdReminderNotifier  *notifier;
  RdSyncScheduler     *sync_scheduler;
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

  if (self->scheduler != NULL)
    rd_reminder_scheduler_stop (self->scheduler);
  g_clear_object (&self->notifier);
  g_clear_object (&self->scheduler);
  /* Disposing stops its timers even while a round in flight still holds it. */
  if (self->sync_scheduler != NULL)
    g_object_run_dispose (G_OBJECT (self->sync_scheduler));
  g_clear_object (&self->sync_scheduler);
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
rd_context_constructed (GObject *object)
{
  RdContext *self = (RdContext *)object;

  G_OBJECT_CLASS (rd_context_parent_class)->constructed (object);

  self->scheduler = rd_reminder_scheduler_new (self->store);
  rd_reminder_scheduler_bind_settings (self->scheduler, self->settings);

  self->sync_scheduler = rd_sync_scheduler_new (self->store, self->settings);
  rd_sync_scheduler_start (self->sync_scheduler);
}

static void
rd_context_class_init (RdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rd_context_constructed;
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

char *
rd_context_dup_owner_name (RdContext *self)
{
  g_autofree char *owner = NULL;

  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  owner = g_strstrip (g_settings_get_string (self->settings, "owner-name"));
  if (*owner == '\0')
    {
      g_free (owner);
      owner = g_strstrip (g_settings_get_string (self->settings, "sync-user"));
    }
  return *owner != '\0' ? g_steal_pointer (&owner) : NULL;
}

RdReminderScheduler *
rd_context_get_reminder_scheduler (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->scheduler;
}

/* NULL until rd_context_start_reminders(). */
RdReminderNotifier *
rd_context_get_reminder_notifier (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->notifier;
}

void
rd_context_prepare_reminders (RdContext    *self,
                              GApplication *application)
{
  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (G_IS_APPLICATION (application));

  if (self->notifier == NULL)
    self->notifier = rd_reminder_notifier_new (application, self->scheduler);
}

void
rd_context_start_reminders (RdContext    *self,
                            GApplication *application)
{
  g_return_if_fail (RD_IS_CONTEXT (self));
  g_return_if_fail (G_IS_APPLICATION (application));

  rd_context_prepare_reminders (self, application);
  rd_reminder_scheduler_start (self->scheduler);
}

void
rd_context_stop_reminders (RdContext *self)
{
  g_return_if_fail (RD_IS_CONTEXT (self));

  rd_reminder_scheduler_stop (self->scheduler);
  /* Disposing the notifier removes its actions from the application. */
  if (self->notifier != NULL)
    g_object_run_dispose (G_OBJECT (self->notifier));
  g_clear_object (&self->notifier);
}

RdSyncScheduler *
rd_context_get_sync_scheduler (RdContext *self)
{
  g_return_val_if_fail (RD_IS_CONTEXT (self), NULL);

  return self->sync_scheduler;
}
