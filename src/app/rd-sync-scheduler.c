/* rd-sync-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-scheduler"

#include "config.h"

#include "rd-keyring.h"
#include "rd-sync-scheduler.h"

/* Seconds after the last edit, so that a burst of edits is one round. */
#define EDIT_DELAY_S      5
/* Milliseconds after the settings changed, so that typing an address is one round. */
#define SETTINGS_DELAY_MS 1500
/* Seconds before trying an unreachable server again, doubled each time up to the maximum. */
#define RETRY_FIRST_S     2
#define RETRY_MAX_S       300

struct _RdSyncScheduler
{
  GObject          parent_instance;

  RdStore         *store;
  GSettings       *settings;
  RdSyncEngine    *engine;
  GNetworkMonitor *network_monitor;
  GCancellable    *cancellable;
  GDateTime       *last_synced;

  gboolean         sync_enabled;
  guint            interval;        /* minutes */
  guint            interval_id;
  guint            edit_id;
  guint            soon_id;
  gboolean         started;
  gboolean         running;         /* looking the password up or syncing */
  gboolean         pending;         /* another round was asked for while running */
  gboolean         password_loaded;
  gboolean         network_available;
  guint            retry_s;         /* the last wait for an unreachable server, 0: none */
};

G_DEFINE_FINAL_TYPE (RdSyncScheduler, rd_sync_scheduler, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_SYNC_ENABLED,
  PROP_INTERVAL,
  PROP_ENABLED,
  PROP_LAST_SYNCED,
  N_PROPS
};

enum
{
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void rd_sync_scheduler_run (RdSyncScheduler *self);
static void rd_sync_scheduler_run_soon (RdSyncScheduler *self,
                                        guint            delay_ms);

gboolean
rd_sync_scheduler_get_enabled (RdSyncScheduler *self)
{
  const char *url;
  const char *database;

  g_return_val_if_fail (RD_IS_SYNC_SCHEDULER (self), FALSE);

  url = rd_sync_engine_get_server_url (self->engine);
  database = rd_sync_engine_get_database (self->engine);

  return self->sync_enabled
         && url != NULL && *url != '\0'
         && database != NULL && *database != '\0';
}

static void
on_engine_synced_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (RdSyncScheduler) self = user_data;
  g_autoptr (GError) error = NULL;

  self->running = FALSE;

  if (rd_sync_engine_sync_finish (RD_SYNC_ENGINE (source), result, &error))
    {
      g_clear_pointer (&self->last_synced, g_date_time_unref);
      self->last_synced = g_date_time_new_now_local ();
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_SYNCED]);
      self->retry_s = 0;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    {
      g_debug ("Sync failed: %s", error->message);
      /* The header bar says Offline at once; the next tries come later and later. */
      if (g_error_matches (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE)
          || g_error_matches (error, RD_SYNC_ERROR, RD_SYNC_ERROR_SERVER))
        {
          self->retry_s = self->retry_s ? MIN (self->retry_s * 2, RETRY_MAX_S) : RETRY_FIRST_S;
          if (!self->pending)
            rd_sync_scheduler_run_soon (self, self->retry_s * 1000);
        }
      else
        self->retry_s = 0;
    }

  g_signal_emit (self, signals [FINISHED], 0);

  if (self->pending)
    {
      self->pending = FALSE;
      rd_sync_scheduler_run (self);
    }
}

static void
rd_sync_scheduler_start_engine (RdSyncScheduler *self)
{
  rd_sync_engine_sync_async (self->engine, self->cancellable, on_engine_synced_cb,
                             g_object_ref (self));
}

static void
on_password_looked_up_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (RdSyncScheduler) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = NULL;

  password = rd_secret_lookup_sync_password_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->running = FALSE;
      return;
    }
  /* Without a keyring the server answers 401, which says what to do. */
  if (error != NULL)
    g_warning ("Could not read the sync password from the keyring: %s", error->message);

  g_object_set (self->engine, "password", password, NULL);
  self->password_loaded = TRUE;
  rd_sync_scheduler_start_engine (self);
}

static void
rd_sync_scheduler_run (RdSyncScheduler *self)
{
  if (!rd_sync_scheduler_get_enabled (self))
    return;
  if (self->running)
    {
      self->pending = TRUE;
      return;
    }

  self->running = TRUE;
  if (!self->password_loaded)
    {
      g_autofree char *username = NULL;

      g_object_get (self->engine, "username", &username, NULL);
      if (username != NULL && *username != '\0')
        {
          rd_secret_lookup_sync_password_async (rd_sync_engine_get_server_url (self->engine),
                                                username, self->cancellable,
                                                on_password_looked_up_cb,
                                                g_object_ref (self));
          return;
        }
      self->password_loaded = TRUE;
    }

  rd_sync_scheduler_start_engine (self);
}

void
rd_sync_scheduler_sync_now (RdSyncScheduler *self)
{
  g_return_if_fail (RD_IS_SYNC_SCHEDULER (self));

  g_clear_handle_id (&self->soon_id, g_source_remove);
  rd_sync_scheduler_run (self);
}

void
rd_sync_scheduler_reload_password (RdSyncScheduler *self)
{
  g_return_if_fail (RD_IS_SYNC_SCHEDULER (self));

  self->password_loaded = FALSE;
}

static gboolean
on_soon_timeout_cb (gpointer user_data)
{
  RdSyncScheduler *self = user_data;

  self->soon_id = 0;
  rd_sync_scheduler_run (self);

  return G_SOURCE_REMOVE;
}

static void
rd_sync_scheduler_run_soon (RdSyncScheduler *self,
                            guint            delay_ms)
{
  if (!self->started)
    return;

  g_clear_handle_id (&self->soon_id, g_source_remove);
  self->soon_id = g_timeout_add (delay_ms, on_soon_timeout_cb, self);
}

static gboolean
on_edit_timeout_cb (gpointer user_data)
{
  RdSyncScheduler *self = user_data;

  self->edit_id = 0;
  /* The engine's own writes emit "changed" too; only local edits need a round. */
  if (rd_store_sync_has_dirty (self->store))
    rd_sync_scheduler_run (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (RdStore         *store,
                     RdSyncScheduler *self)
{
  if (!self->started || !rd_sync_scheduler_get_enabled (self))
    return;

  g_clear_handle_id (&self->edit_id, g_source_remove);
  self->edit_id = g_timeout_add_seconds (EDIT_DELAY_S, on_edit_timeout_cb, self);
}

static gboolean
on_interval_timeout_cb (gpointer user_data)
{
  rd_sync_scheduler_run (RD_SYNC_SCHEDULER (user_data));

  return G_SOURCE_CONTINUE;
}

static void
rd_sync_scheduler_restart_interval (RdSyncScheduler *self)
{
  g_clear_handle_id (&self->interval_id, g_source_remove);
  if (self->started && self->interval > 0)
    self->interval_id = g_timeout_add_seconds (self->interval * 60, on_interval_timeout_cb,
                                               self);
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       RdSyncScheduler *self)
{
  gboolean was_available = self->network_available;

  self->network_available = available;
  if (available && !was_available)
    {
      self->retry_s = 0;
      rd_sync_scheduler_run_soon (self, 0);
    }
}

static void
on_engine_configuration_changed_cb (RdSyncScheduler *self)
{
  /* Another server or user: another password, and never the old one's round. */
  self->password_loaded = FALSE;
  g_object_set (self->engine, "password", NULL, NULL);
  if (self->running)
    self->pending = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENABLED]);
  rd_sync_scheduler_run_soon (self, SETTINGS_DELAY_MS);
}

void
rd_sync_scheduler_start (RdSyncScheduler *self)
{
  g_return_if_fail (RD_IS_SYNC_SCHEDULER (self));

  if (self->started)
    return;

  self->started = TRUE;
  self->network_monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->network_monitor);
  g_signal_connect_object (self->network_monitor, "network-changed",
                           G_CALLBACK (on_network_changed_cb), self, 0);
  rd_sync_scheduler_restart_interval (self);
  rd_sync_scheduler_run_soon (self, 0);
}

RdSyncEngine *
rd_sync_scheduler_get_engine (RdSyncScheduler *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SCHEDULER (self), NULL);

  return self->engine;
}

GDateTime *
rd_sync_scheduler_get_last_synced (RdSyncScheduler *self)
{
  g_return_val_if_fail (RD_IS_SYNC_SCHEDULER (self), NULL);

  return self->last_synced;
}

static void
rd_sync_scheduler_constructed (GObject *object)
{
  RdSyncScheduler *self = (RdSyncScheduler *)object;

  G_OBJECT_CLASS (rd_sync_scheduler_parent_class)->constructed (object);

  self->engine = rd_sync_engine_new (self->store);
  g_settings_bind (self->settings, "sync-server-url", self->engine, "server-url",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sync-database", self->engine, "database",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sync-user", self->engine, "username",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sync-enabled", self, "sync-enabled", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "sync-interval", self, "interval", G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->engine, "notify::server-url",
                           G_CALLBACK (on_engine_configuration_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::database",
                           G_CALLBACK (on_engine_configuration_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::username",
                           G_CALLBACK (on_engine_configuration_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed_cb), self, 0);
}

static void
rd_sync_scheduler_dispose (GObject *object)
{
  RdSyncScheduler *self = (RdSyncScheduler *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->interval_id, g_source_remove);
  g_clear_handle_id (&self->edit_id, g_source_remove);
  g_clear_handle_id (&self->soon_id, g_source_remove);
  if (self->engine != NULL)
    {
      g_settings_unbind (self->engine, "server-url");
      g_settings_unbind (self->engine, "database");
      g_settings_unbind (self->engine, "username");
    }
  g_settings_unbind (self, "sync-enabled");
  g_settings_unbind (self, "interval");
  g_clear_object (&self->network_monitor);

  G_OBJECT_CLASS (rd_sync_scheduler_parent_class)->dispose (object);
}

static void
rd_sync_scheduler_finalize (GObject *object)
{
  RdSyncScheduler *self = (RdSyncScheduler *)object;

  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_synced, g_date_time_unref);

  G_OBJECT_CLASS (rd_sync_scheduler_parent_class)->finalize (object);
}

static void
rd_sync_scheduler_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdSyncScheduler *self = RD_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SYNC_ENABLED:
      g_value_set_boolean (value, self->sync_enabled);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, rd_sync_scheduler_get_enabled (self));
      break;

    case PROP_LAST_SYNCED:
      g_value_set_boxed (value, self->last_synced);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_scheduler_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RdSyncScheduler *self = RD_SYNC_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SYNC_ENABLED:
      if (self->sync_enabled != g_value_get_boolean (value))
        {
          self->sync_enabled = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          g_object_notify_by_pspec (object, properties [PROP_ENABLED]);
          if (self->sync_enabled)
            rd_sync_scheduler_run_soon (self, 0);
          else
            {
              g_cancellable_cancel (self->cancellable);
              g_clear_object (&self->cancellable);
              self->cancellable = g_cancellable_new ();
              self->running = FALSE;
              self->pending = FALSE;
            }
        }
      break;

    case PROP_INTERVAL:
      if (self->interval != g_value_get_uint (value))
        {
          self->interval = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
          rd_sync_scheduler_restart_interval (self);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_scheduler_class_init (RdSyncSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rd_sync_scheduler_constructed;
  object_class->dispose = rd_sync_scheduler_dispose;
  object_class->finalize = rd_sync_scheduler_finalize;
  object_class->get_property = rd_sync_scheduler_get_property;
  object_class->set_property = rd_sync_scheduler_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* The sync-enabled setting, bound; "enabled" also needs a server and a database. */
  properties [PROP_SYNC_ENABLED] =
    g_param_spec_boolean ("sync-enabled", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties [PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 24 * 60, 5,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties [PROP_LAST_SYNCED] =
    g_param_spec_boxed ("last-synced", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every round that was not cancelled, whether it failed or not. */
  signals [FINISHED] =
    g_signal_new ("finished",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rd_sync_scheduler_init (RdSyncScheduler *self)
{
  self->cancellable = g_cancellable_new ();
  self->interval = 5;
}

RdSyncScheduler *
rd_sync_scheduler_new (RdStore   *store,
                       GSettings *settings)
{
  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (RD_TYPE_SYNC_SCHEDULER,
                       "store", store,
                       "settings", settings,
                       NULL);
}
