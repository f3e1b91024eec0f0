/* rd-sync-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rd-record-check.h"
#include "rd-store-private.h"
#include "rd-sync-engine-private.h"

#define DEFAULT_BATCH_SIZE     500
#define DEFAULT_MAX_RETRIES    5
#define DEFAULT_RETRY_DELAY_MS 1000
#define MAX_RETRY_DELAY_MS     30000
#define DEFAULT_TIMEOUT_S      60

G_DEFINE_FINAL_TYPE (RdSyncEngine, rd_sync_engine, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_SERVER_URL,
  PROP_DATABASE,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_PUSHED,
  PROP_PULLED,
  PROP_CONFLICTS,
  PROP_LAST_ERROR,
  PROP_QUARANTINED,
  PROP_BATCH_SIZE,
  PROP_MAX_RETRIES,
  PROP_RETRY_DELAY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_op_free (RdSyncRound *op)
{
  g_clear_object (&op->client);
  g_free (op->client_id);
  g_free (op->checkpoint_path);
  g_free (op->session);
  g_free (op->since);
  g_clear_pointer (&op->refused, g_hash_table_unref);
  g_clear_pointer (&op->invalid, g_hash_table_unref);
  g_clear_pointer (&op->in_flight, g_hash_table_unref);
  g_clear_pointer (&op->changes, json_node_unref);
  g_clear_pointer (&op->conflicted, g_ptr_array_unref);
  g_clear_pointer (&op->repairs, json_array_unref);
  g_clear_pointer (&op->repaired, g_hash_table_unref);
  g_clear_error (&op->end_error);
  rd_sync_pull_clear (op);
  g_free (op);
}


/* replace_str () is GLib 2.76. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_uint (RdSyncEngine *self,
          guint        *field,
          guint         value,
          int           prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_state (RdSyncEngine *self,
           RdSyncState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_progress (RdSyncEngine *self,
              double        progress)
{
  progress = CLAMP (progress, 0.0, 1.0);
  if (G_APPROX_VALUE (self->progress, progress, 0.001))
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
set_last_error (RdSyncEngine *self,
                const char   *message)
{
  if (replace_str (&self->last_error, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
rd_sync_engine_add_pushed (RdSyncEngine *self,
                           guint         n)
{
  set_uint (self, &self->pushed, self->pushed + n, PROP_PUSHED);
}

void
rd_sync_engine_add_pulled (RdSyncEngine *self,
                           guint         n)
{
  set_uint (self, &self->pulled, self->pulled + n, PROP_PULLED);
}

void
rd_sync_engine_report_progress (RdSyncEngine *self,
                                double        progress)
{
  set_progress (self, progress);
}

gboolean
rd_sync_round_ended (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);

  return self->running != task;
}

/* Hands the round's outcome (error NULL: success) to its caller, at once or when the last
 * of its store jobs has finished: what the caller reads then includes what they wrote. */
static void
return_round (GTask  *task,
              GError *error)
{
  RdSyncRound *op = g_task_get_task_data (task);

  if (op->jobs > 0)
    {
      op->ending = TRUE;
      op->end_error = error;
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rd_sync_round_job_started (GTask *task)
{
  RdSyncRound *op = g_task_get_task_data (task);

  op->jobs++;
}

void
rd_sync_round_job_finished (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);

  g_return_if_fail (op->jobs > 0);
  op->jobs--;
  if (op->jobs > 0 || !op->ending)
    return;
  op->ending = FALSE;
  set_uint (self, &self->conflicts, rd_store_sync_count_conflicts (self->store),
            PROP_CONFLICTS);
  return_round (task, g_steal_pointer (&op->end_error));
}

gboolean
rd_sync_round_cancelled (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    return FALSE;
  set_state (self, RD_SYNC_STATE_IDLE);
  g_clear_object (&self->running);
  return_round (task, error);
  return TRUE;
}

void
rd_sync_round_fail (GTask  *task,
                    GError *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);

  set_uint (self, &self->conflicts, rd_store_sync_count_conflicts (self->store),
            PROP_CONFLICTS);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_state (self, RD_SYNC_STATE_IDLE);
  else
    {
      set_last_error (self, error->message);
      set_state (self, g_error_matches (error, RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE)
                         ? RD_SYNC_STATE_OFFLINE : RD_SYNC_STATE_ERROR);
    }
  g_clear_object (&self->running);
  return_round (task, error);
}

void
rd_sync_round_fail_store (GTask  *task,
                          GError *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);

  g_warning ("Sync with %s stopped by the database: %s", self->server_url, error->message);
  rd_sync_round_fail (task, error);
}

RdCouchClient *
rd_sync_round_client (GTask *task)
{
  RdSyncRound *op = g_task_get_task_data (task);

  return op->client;
}

/* Ends the sync when a request failed or was not answered with 200 OK. */
gboolean
rd_sync_round_request_failed (GTask    *task,
                              guint     status,
                              JsonNode *root,
                              GError   *error)
{
  if (error != NULL)
    rd_sync_round_fail (task, error);
  else if (status != SOUP_STATUS_OK)
    rd_sync_round_fail_status (task, status, root);
  return error != NULL || status != SOUP_STATUS_OK;
}

void
rd_sync_round_fail_status (GTask    *task,
                           guint     status,
                           JsonNode *root)
{
  rd_sync_round_fail (task, rd_couch_client_status_error (rd_sync_round_client (task), status,
                                                          root));
}

void
rd_sync_round_fail_protocol (GTask      *task,
                             const char *detail)
{
  rd_sync_round_fail (task, rd_couch_client_protocol_error (rd_sync_round_client (task), detail));
}

typedef struct
{
  GTask           *task;
  RdSyncAnswer     done;
  RdSyncDataAnswer done_data;
  RdSyncTextAnswer done_text;
  gpointer         data;
  GDestroyNotify   destroy;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->destroy != NULL)
    pending->destroy (pending->data);
  g_object_unref (pending->task);
  g_free (pending);
}

static void
on_answer_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  root = rd_couch_client_request_finish (RD_COUCH_CLIENT (source), result, &status, &error);
  if (pending->done_data != NULL)
    pending->done_data (pending->task, pending->data, status, root, g_steal_pointer (&error));
  else
    pending->done (pending->task, status, root, g_steal_pointer (&error));
  pending_free (pending);
}

static void
on_text_answer_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) text = NULL;
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  rd_couch_client_get_text_finish (RD_COUCH_CLIENT (source), result, &status, &text, &root,
                                   &error);
  pending->done_text (pending->task, pending->data, status, text, root,
                      g_steal_pointer (&error));
  pending_free (pending);
}

static Pending *
pending_new (GTask            *task,
             RdSyncAnswer      done,
             RdSyncDataAnswer  done_data,
             gpointer          data,
             GDestroyNotify    destroy)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->task = g_object_ref (task);
  pending->done = done;
  pending->done_data = done_data;
  pending->data = data;
  pending->destroy = destroy;
  return pending;
}

/* path is appended to the database's URL ("" for the database itself). */
void
rd_sync_round_request (GTask       *task,
                       const char  *method,
                       const char  *path,
                       JsonNode    *body,
                       RdSyncAnswer  done)
{
  g_autoptr (GBytes) bytes = NULL;

  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      bytes = g_bytes_new_take (text, strlen (text));
    }
  rd_sync_round_request_text (task, method, path, bytes, done);
}

void
rd_sync_round_request_text (GTask        *task,
                            const char   *method,
                            const char   *path,
                            GBytes       *body,
                            RdSyncAnswer  done)
{
  rd_couch_client_request_text_async (rd_sync_round_client (task), method, path, body,
                                      g_task_get_cancellable (task), on_answer_cb,
                                      pending_new (task, done, NULL, NULL, NULL));
}

void
rd_sync_round_request_data (GTask            *task,
                            const char       *method,
                            const char       *path,
                            GBytes           *body,
                            RdSyncDataAnswer  done,
                            gpointer          data,
                            GDestroyNotify    destroy)
{
  rd_couch_client_request_text_async (rd_sync_round_client (task), method, path, body,
                                      g_task_get_cancellable (task), on_answer_cb,
                                      pending_new (task, NULL, done, data, destroy));
}

void
rd_sync_round_get_text (GTask            *task,
                        const char       *path,
                        RdSyncTextAnswer  done,
                        gpointer          data,
                        GDestroyNotify    destroy)
{
  Pending *pending = pending_new (task, NULL, NULL, data, destroy);

  pending->done_text = done;
  rd_couch_client_get_text_async (rd_sync_round_client (task), path,
                                  g_task_get_cancellable (task), on_text_answer_cb, pending);
}

void
rd_sync_round_get_document (GTask        *task,
                            const char   *path,
                            RdSyncAnswer  done)
{
  rd_couch_client_get_document_async (rd_sync_round_client (task), path,
                                      g_task_get_cancellable (task), on_answer_cb,
                                      pending_new (task, done, NULL, NULL, NULL));
}

void
rd_sync_round_succeed (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  guint conflicts = rd_store_sync_count_conflicts (self->store);

  set_uint (self, &self->conflicts, conflicts, PROP_CONFLICTS);
  set_uint (self, &self->quarantined, rd_store_sync_count_quarantined (self->store),
            PROP_QUARANTINED);
  set_progress (self, 1.0);
  if (g_hash_table_size (op->invalid) > 0)
    {
      GHashTableIter iter;
      gpointer id;
      guint n = g_hash_table_size (op->invalid);
      g_autofree char *shown = NULL;

      g_hash_table_iter_init (&iter, op->invalid);
      g_hash_table_iter_next (&iter, &id, NULL);
      shown = rd_record_dup_quoted_id (id);
      rd_sync_round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_RECORD,
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "%u record was not sent because it is not "
                                                 "valid, such as %s (%s). Correct it and "
                                                 "synchronize again.",
                                                 "%u records were not sent because they are "
                                                 "not valid, such as %s (%s). Correct them "
                                                 "and synchronize again.", n),
                                    n, shown,
                                    (const char *) g_hash_table_lookup (op->refused, id)));
      return;
    }
  if (g_hash_table_size (op->refused) > 0)
    {
      GHashTableIter iter;
      gpointer id, reason;
      guint n = g_hash_table_size (op->refused);

      g_hash_table_iter_init (&iter, op->refused);
      g_hash_table_iter_next (&iter, &id, &reason);
      if (n == 1)
        rd_sync_round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN,
                                      _("The server refused to save the record %s (%s). Ask "
                                        "the server’s administrator for write access."),
                                      (const char *) id, (const char *) reason));
      else
        rd_sync_round_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN,
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "The server refused to save %u record, "
                                                   "such as %s (%s). Ask the server’s "
                                                   "administrator for write access.",
                                                   "The server refused to save %u records, "
                                                   "such as %s (%s). Ask the server’s "
                                                   "administrator for write access.", n),
                                      n, (const char *) id, (const char *) reason));
      return;
    }
  set_last_error (self, NULL);
  set_state (self, conflicts > 0 ? RD_SYNC_STATE_CONFLICTS : RD_SYNC_STATE_IDLE);
  g_clear_object (&self->running);
  return_round (task, NULL);
}

static void
on_checkpoint_saved_cb (GTask    *task,
                        guint     status,
                        JsonNode *root,
                        GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  JsonObject *object = rd_sync_object_or_null (root);
  g_autoptr (GError) store_error = NULL;

  if (error != NULL)
    {
      rd_sync_round_fail (task, error);
      return;
    }
  if (status != SOUP_STATUS_CREATED && status != SOUP_STATUS_OK)
    {
      rd_sync_round_fail_status (task, status, root);
      return;
    }
  if (rd_sync_string_member (object, "rev") == NULL)
    {
      rd_sync_round_fail_protocol (task, _("no “rev” for the checkpoint"));
      return;
    }

  /* A new session with this database: pull everything, push everything, delete nothing. */
  if (!rd_store_begin (self->store, &store_error))
    {
      rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  if (!rd_store_sync_prepare_full_resync (self->store, &store_error)
      || !rd_store_sync_set (self->store, RD_STORE_SYNC_TARGET,
                             rd_couch_client_get_target (op->client), &store_error)
      || !rd_store_sync_set (self->store, RD_STORE_SYNC_SESSION, op->session, &store_error)
      || !rd_store_commit (self->store, &store_error))
    {
      rd_store_rollback (self->store);
      rd_sync_round_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  g_clear_pointer (&op->since, g_free);
  rd_sync_pull_start (task);
}

static void
on_checkpoint_cb (GTask    *task,
                  guint     status,
                  JsonNode *root,
                  GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  RdSyncRound *op = g_task_get_task_data (task);
  JsonObject *object = rd_sync_object_or_null (root);
  g_autofree char *known_session = rd_store_sync_get (self->store, RD_STORE_SYNC_SESSION);
  g_autofree char *known_target = rd_store_sync_get (self->store, RD_STORE_SYNC_TARGET);
  g_autoptr (JsonObject) checkpoint = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (error != NULL)
    {
      rd_sync_round_fail (task, error);
      return;
    }
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_NOT_FOUND)
    {
      rd_sync_round_fail_status (task, status, root);
      return;
    }

  if (status == SOUP_STATUS_OK && known_session != NULL
      && g_strcmp0 (known_target, rd_couch_client_get_target (op->client)) == 0
      && g_strcmp0 (rd_sync_string_member (object, "session"), known_session) == 0)
    {
      op->since = rd_store_sync_get (self->store, RD_STORE_SYNC_LAST_SEQ);
      rd_sync_pull_start (task);
      return;
    }

  if (known_session != NULL
      && g_strcmp0 (known_target, rd_couch_client_get_target (op->client)) == 0)
    g_message ("The database %s on %s was wiped or replaced since the last sync; "
               "synchronizing everything again", self->database, self->server_url);
  /* The session id goes into both the server's checkpoint and the store. */
  g_free (op->session);
  op->session = g_uuid_string_random ();
  checkpoint = json_object_new ();
  if (status == SOUP_STATUS_OK && rd_sync_string_member (object, "_rev") != NULL)
    json_object_set_string_member (checkpoint, "_rev", rd_sync_string_member (object, "_rev"));
  json_object_set_string_member (checkpoint, "session", op->session);
  json_object_set_string_member (checkpoint, "client", "renewal-desk");
  node = rd_sync_node_from_object (checkpoint);
  rd_sync_round_request (task, "PUT", op->checkpoint_path, node, on_checkpoint_saved_cb);
}

static void
on_database_cb (GTask    *task,
                guint     status,
                JsonNode *root,
                GError   *error)
{
  RdSyncRound *op = g_task_get_task_data (task);
  JsonObject *object = rd_sync_object_or_null (root);

  if (rd_sync_round_request_failed (task, status, root, error))
    return;
  if (object == NULL || !json_object_has_member (object, "db_name"))
    {
      rd_sync_round_fail_protocol (task, _("no “db_name” in the database’s information"));
      return;
    }
  rd_sync_round_request (task, "GET", op->checkpoint_path, NULL, on_checkpoint_cb);
}

void
rd_sync_engine_sync_async (RdSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (RdCouchClient) client = NULL;
  RdSyncRound *op;

  g_return_if_fail (RD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_sync_engine_sync_async);
  if (self->running != NULL)
    {
      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_BUSY,
                               _("A sync is running already"));
      return;
    }
  client = rd_couch_client_new (self->session, self->server_url, self->database,
                                self->username, self->password, &error);
  if (client == NULL)
    {
      set_last_error (self, error->message);
      set_state (self, RD_SYNC_STATE_ERROR);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rd_couch_client_set_retries (client, self->max_retries, self->retry_delay_ms);
  op = g_new0 (RdSyncRound, 1);
  op->client = g_steal_pointer (&client);
  op->client_id = rd_store_sync_get (self->store, RD_STORE_SYNC_CLIENT_ID);
  if (op->client_id == NULL)
    {
      op->client_id = g_uuid_string_random ();
      if (!rd_store_sync_set (self->store, RD_STORE_SYNC_CLIENT_ID, op->client_id, &error))
        {
          sync_op_free (op);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  op->checkpoint_path = g_strdup_printf ("/_local/renewal-desk-%s", op->client_id);
  op->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  op->invalid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->pages = g_queue_new ();
  g_task_set_task_data (task, op, (GDestroyNotify) sync_op_free);

  if (!rd_store_sync_settle_deletions (self->store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->running = g_object_ref (task);
  set_uint (self, &self->pushed, 0, PROP_PUSHED);
  set_uint (self, &self->pulled, 0, PROP_PULLED);
  set_progress (self, 0.0);
  set_state (self, RD_SYNC_STATE_SYNCING);
  rd_sync_round_request (task, "GET", "", NULL, on_database_cb);
}

gboolean
rd_sync_engine_sync_finish (RdSyncEngine  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

RdSyncEngine *
rd_sync_engine_new (RdStore *store)
{
  return g_object_new (RD_TYPE_SYNC_ENGINE, "store", store, NULL);
}

void
rd_sync_engine_update_conflicts (RdSyncEngine *self)
{
  g_return_if_fail (RD_IS_SYNC_ENGINE (self));

  set_uint (self, &self->conflicts, rd_store_sync_count_conflicts (self->store),
            PROP_CONFLICTS);
  if (self->state == RD_SYNC_STATE_IDLE || self->state == RD_SYNC_STATE_CONFLICTS)
    set_state (self, self->conflicts > 0 ? RD_SYNC_STATE_CONFLICTS : RD_SYNC_STATE_IDLE);
}

RdStore *
rd_sync_engine_get_store (RdSyncEngine *self)
{
  return self->store;
}

void
rd_sync_engine_set_server (RdSyncEngine *self,
                           const char   *url,
                           const char   *database)
{
  g_object_set (self, "server-url", url, "database", database, NULL);
}

void
rd_sync_engine_set_credentials (RdSyncEngine *self,
                                const char   *username,
                                const char   *password)
{
  g_object_set (self, "username", username, "password", password, NULL);
}

const char *
rd_sync_engine_get_server_url (RdSyncEngine *self)
{
  return self->server_url;
}

const char *
rd_sync_engine_get_database (RdSyncEngine *self)
{
  return self->database;
}

RdSyncState
rd_sync_engine_get_state (RdSyncEngine *self)
{
  return self->state;
}

double
rd_sync_engine_get_progress (RdSyncEngine *self)
{
  return self->progress;
}

guint
rd_sync_engine_get_pushed (RdSyncEngine *self)
{
  return self->pushed;
}

guint
rd_sync_engine_get_pulled (RdSyncEngine *self)
{
  return self->pulled;
}

guint
rd_sync_engine_get_conflicts (RdSyncEngine *self)
{
  return self->conflicts;
}

const char *
rd_sync_engine_get_last_error (RdSyncEngine *self)
{
  return self->last_error;
}

guint
rd_sync_engine_get_quarantined (RdSyncEngine *self)
{
  return self->quarantined;
}

static void
rd_sync_engine_constructed (GObject *object)
{
  RdSyncEngine *self = (RdSyncEngine *) object;

  G_OBJECT_CLASS (rd_sync_engine_parent_class)->constructed (object);
  g_return_if_fail (RD_IS_STORE (self->store));
  self->conflicts = rd_store_sync_count_conflicts (self->store);
  self->quarantined = rd_store_sync_count_quarantined (self->store);
  if (self->conflicts > 0)
    self->state = RD_SYNC_STATE_CONFLICTS;
}

static void
rd_sync_engine_finalize (GObject *object)
{
  RdSyncEngine *self = (RdSyncEngine *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_free (self->server_url);
  g_free (self->database);
  g_free (self->username);
  g_free (self->password);
  g_free (self->last_error);

  G_OBJECT_CLASS (rd_sync_engine_parent_class)->finalize (object);
}

static void
rd_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RdSyncEngine *self = RD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_PUSHED:
      g_value_set_uint (value, self->pushed);
      break;
    case PROP_PULLED:
      g_value_set_uint (value, self->pulled);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_QUARANTINED:
      g_value_set_uint (value, self->quarantined);
      break;
    case PROP_BATCH_SIZE:
      g_value_set_uint (value, self->batch_size);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;
    case PROP_RETRY_DELAY:
      g_value_set_uint (value, self->retry_delay_ms);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_string_property (RdSyncEngine  *self,
                     char         **field,
                     const GValue  *value,
                     int            prop)
{
  if (replace_str (field, g_value_get_string (value)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
rd_sync_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RdSyncEngine *self = RD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SERVER_URL:
      set_string_property (self, &self->server_url, value, prop_id);
      break;
    case PROP_DATABASE:
      set_string_property (self, &self->database, value, prop_id);
      break;
    case PROP_USERNAME:
      set_string_property (self, &self->username, value, prop_id);
      break;
    case PROP_PASSWORD:
      set_string_property (self, &self->password, value, prop_id);
      break;
    case PROP_BATCH_SIZE:
      set_uint (self, &self->batch_size, g_value_get_uint (value), prop_id);
      break;
    case PROP_MAX_RETRIES:
      set_uint (self, &self->max_retries, g_value_get_uint (value), prop_id);
      break;
    case PROP_RETRY_DELAY:
      set_uint (self, &self->retry_delay_ms, g_value_get_uint (value), prop_id);
      break;
    case PROP_TIMEOUT:
      set_uint (self, &self->timeout_s, g_value_get_uint (value), prop_id);
      soup_session_set_timeout (self->session, self->timeout_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_sync_engine_class_init (RdSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = rd_sync_engine_constructed;
  object_class->finalize = rd_sync_engine_finalize;
  object_class->get_property = rd_sync_engine_get_property;
  object_class->set_property = rd_sync_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, rw);
  properties[PROP_DATABASE] = g_param_spec_string ("database", NULL, NULL, NULL, rw);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, rw);
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, RD_TYPE_SYNC_STATE, RD_SYNC_STATE_IDLE, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_PUSHED] = g_param_spec_uint ("pushed", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PULLED] = g_param_spec_uint ("pulled", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CONFLICTS] = g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_QUARANTINED] =
    g_param_spec_uint ("quarantined", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_BATCH_SIZE] =
    g_param_spec_uint ("batch-size", NULL, NULL, 1, 10000, DEFAULT_BATCH_SIZE, rw);
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL, 0, 20, DEFAULT_MAX_RETRIES, rw);
  properties[PROP_RETRY_DELAY] =
    g_param_spec_uint ("retry-delay", NULL, NULL, 1, MAX_RETRY_DELAY_MS,
                       DEFAULT_RETRY_DELAY_MS, rw);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, DEFAULT_TIMEOUT_S, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_sync_engine_init (RdSyncEngine *self)
{
  self->batch_size = DEFAULT_BATCH_SIZE;
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->retry_delay_ms = DEFAULT_RETRY_DELAY_MS;
  self->timeout_s = DEFAULT_TIMEOUT_S;
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_S,
                                                 "user-agent", "renewal-desk/" PACKAGE_VERSION,
                                                 NULL);
}
