/* rd-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rd-store-private.h"
#include "rd-sync.h"

#define DEFAULT_BATCH_SIZE     500
#define DEFAULT_MAX_RETRIES    5
#define DEFAULT_RETRY_DELAY_MS 1000
#define MAX_RETRY_DELAY_MS     30000
#define DEFAULT_TIMEOUT_S      60
#define MAX_STALLED_PUSHES     3

struct _RdSyncEngine
{
  GObject      parent_instance;

  RdStore     *store;
  SoupSession *session;
  char        *server_url;
  char        *database;
  char        *username;
  char        *password;

  RdSyncState  state;
  double       progress;
  guint        pushed;
  guint        pulled;
  guint        conflicts;
  char        *last_error;

  guint        batch_size;
  guint        max_retries;
  guint        retry_delay_ms;
  guint        timeout_s;

  GTask       *running;
};

G_DEFINE_FINAL_TYPE (RdSyncEngine, rd_sync_engine, G_TYPE_OBJECT)
G_DEFINE_QUARK (rd-sync-error-quark, rd_sync_error)
G_DEFINE_ENUM_TYPE (RdSyncState, rd_sync_state,
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (RD_SYNC_STATE_CONFLICTS, "conflicts"))

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
  PROP_BATCH_SIZE,
  PROP_MAX_RETRIES,
  PROP_RETRY_DELAY,
  PROP_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What one sync round carries from step to step. */
typedef struct
{
  char        *base_url;     /* server + "/" + escaped database */
  char        *auth;         /* the Authorization header, or NULL */
  char        *target;       /* what the checkpoint belongs to */
  char        *client_id;
  char        *checkpoint_path;
  char        *session;      /* this device's sync session with the database */
  char        *since;        /* JSON text of the last seq, NULL: from the start */
  guint        total_dirty;
  guint        stalled;
  GHashTable  *refused;      /* id → the server's reason */
  GPtrArray   *outgoing;     /* RdSyncOutgoing of the push in flight */
  JsonNode    *changes;      /* the pull batch in flight */
  GPtrArray   *conflicted;   /* docs (JsonObject) of the batch with server-side _conflicts */
  guint        conflicted_next;
  JsonArray   *repairs;      /* merged winners and deleted losers, one _bulk_docs */
  GHashTable  *repaired;     /* id → JsonObject: merged body with its new "_rev" */
} SyncOp;

static void
sync_op_free (SyncOp *op)
{
  g_free (op->base_url);
  g_free (op->auth);
  g_free (op->target);
  g_free (op->client_id);
  g_free (op->checkpoint_path);
  g_free (op->session);
  g_free (op->since);
  g_clear_pointer (&op->refused, g_hash_table_unref);
  g_clear_pointer (&op->outgoing, g_ptr_array_unref);
  g_clear_pointer (&op->changes, json_node_unref);
  g_clear_pointer (&op->conflicted, g_ptr_array_unref);
  g_clear_pointer (&op->repairs, json_array_unref);
  g_clear_pointer (&op->repaired, g_hash_table_unref);
  g_free (op);
}

typedef void (*RequestDone) (GTask    *task,
                             guint     status,
                             JsonNode *root,
                             GError   *error);

typedef struct
{
  GTask       *task;
  char        *method;
  char        *url;
  GBytes      *body;
  guint        attempt;
  RequestDone  done;
  SoupMessage *message;
} Request;

static void
request_free (Request *req)
{
  g_object_unref (req->task);
  g_free (req->method);
  g_free (req->url);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_object (&req->message);
  g_free (req);
}

static void step_pull           (GTask *task);
static void step_push           (GTask *task);
static void step_repair_next    (GTask *task);
static void request_send        (Request *req);

gboolean
rd_sync_check_server_url (const char  *url,
                          GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GInetAddress) address = NULL;
  const char *scheme;
  const char *host;

  if (url != NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not a server address; use one like https://couchdb.example.com"),
                   url ? url : "");
      return FALSE;
    }
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                   _("The server address must start with https://, not %s://"), scheme);
      return FALSE;
    }
  address = g_inet_address_new_from_string (host);
  if (g_ascii_strcasecmp (host, "localhost") == 0
      || (address != NULL && g_inet_address_get_is_loopback (address)))
    return TRUE;
  g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
               _("The server %s must be reached over https:// so that passwords and records "
                 "are encrypted; http:// is only allowed to this computer"), host);
  return FALSE;
}

gboolean
rd_sync_check_database_name (const char  *name,
                             GError     **error)
{
  if (name != NULL && g_ascii_islower (name[0]))
    {
      const char *p;

      for (p = name; *p != '\0'; p++)
        if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && strchr ("_$()+-/", *p) == NULL)
          break;
      if (*p == '\0')
        return TRUE;
    }
  g_set_error (error, RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
               _("“%s” is not a database name: it must start with a lower-case letter and "
                 "contain only lower-case letters, digits and _$()+-/"), name ? name : "");
  return FALSE;
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

static void
sync_fail (GTask  *task,
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
  g_task_return_error (task, error);
}

static void
sync_fail_store (GTask  *task,
                 GError *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);

  g_warning ("Sync with %s stopped by the database: %s", self->server_url, error->message);
  sync_fail (task, error);
}

/* The server's own words, when it gave a reason. */
static const char *
reason_of (JsonNode *root)
{
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "reason")
      && json_node_get_value_type (json_object_get_member (object, "reason")) == G_TYPE_STRING)
    return json_object_get_string_member (object, "reason");
  return NULL;
}

static GError *
status_error (RdSyncEngine *self,
              guint         status,
              JsonNode     *root)
{
  const char *reason = reason_of (root);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_UNAUTHORIZED,
                          _("The server %s did not accept the user name or password. Check "
                            "them in the sync settings."), self->server_url);
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN,
                          _("The user “%s” may not use the database “%s” (%s). Ask the "
                            "server’s administrator to add the user to the database’s "
                            "members."), self->username ? self->username : "",
                          self->database, reason ? reason : _("forbidden"));
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_NOT_FOUND,
                          _("The database “%s” does not exist on %s. Check its name, or ask "
                            "the server’s administrator to create it."),
                          self->database, self->server_url);
    default:
      return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FAILED,
                          _("The server %s answered with the error %u (%s)."),
                          self->server_url, status,
                          reason ? reason : soup_status_get_phrase (status));
    }
}

/* Ends the sync when a request failed or was not answered with 200 OK. */
static gboolean
request_failed (GTask    *task,
                guint     status,
                JsonNode *root,
                GError   *error)
{
  if (error != NULL)
    sync_fail (task, error);
  else if (status != SOUP_STATUS_OK)
    sync_fail (task, status_error (g_task_get_source_object (task), status, root));
  return error != NULL || status != SOUP_STATUS_OK;
}

static GError *
protocol_error (RdSyncEngine *self,
                const char   *detail)
{
  return g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_PROTOCOL,
                      _("The server %s sent an answer that is not what a CouchDB server "
                        "sends (%s). Check the server address; nothing was changed on "
                        "this device."), self->server_url, detail);
}

static gboolean
transient_status (guint status)
{
  return status >= 500 || status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429;
}

static gboolean
on_retry_timeout_cb (gpointer user_data)
{
  Request *req = user_data;

  request_send (req);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_later (Request *req)
{
  RdSyncEngine *self = g_task_get_source_object (req->task);
  guint delay;

  if (req->attempt >= self->max_retries
      || g_cancellable_is_cancelled (g_task_get_cancellable (req->task)))
    return FALSE;
  delay = self->retry_delay_ms << MIN (req->attempt, 16u);
  delay = MIN (delay, (guint) MAX_RETRY_DELAY_MS);
  req->attempt++;
  g_debug ("Retrying %s %s in %u ms", req->method, req->url, delay);
  g_timeout_add (delay, on_retry_timeout_cb, req);
  return TRUE;
}

static void
on_request_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Request *req = user_data;
  RdSyncEngine *self = g_task_get_source_object (req->task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root = NULL;
  gsize size = 0;
  const char *data;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  status = soup_message_get_status (req->message);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          req->done (req->task, 0, NULL, g_steal_pointer (&error));
          request_free (req);
          return;
        }
      g_debug ("%s %s failed: %s", req->method, req->url, error->message);
      if (retry_later (req))
        return;
      req->done (req->task, 0, NULL,
                 g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE,
                              _("Cannot reach the sync server %s (%s). Your changes are kept "
                                "on this device and will be sent when the server can be "
                                "reached."), self->server_url, error->message));
      request_free (req);
      return;
    }
  if (transient_status (status))
    {
      g_debug ("%s %s: %u", req->method, req->url, status);
      if (retry_later (req))
        return;
      req->done (req->task, status, NULL,
                 g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_SERVER,
                              _("The sync server %s keeps failing (error %u). Your changes are "
                                "kept on this device; try again later."), self->server_url,
                              status));
      request_free (req);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  if (soup_message_headers_get_encoding (soup_message_get_response_headers (req->message))
        == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (
           soup_message_get_response_headers (req->message)) != (goffset) size)
    {
      /* The connection dropped in the middle of the answer. */
      g_debug ("%s %s: the answer was cut short", req->method, req->url);
      if (retry_later (req))
        return;
      req->done (req->task, 0, NULL,
                 g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_OFFLINE,
                              _("The connection to the sync server %s broke off. Your changes "
                                "are kept on this device and will be sent later."),
                              self->server_url));
      request_free (req);
      return;
    }
  if (size > 0)
    {
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
        {
          req->done (req->task, status, NULL, protocol_error (self, error->message));
          request_free (req);
          return;
        }
      root = json_parser_get_root (parser);
    }
  if (root == NULL)
    {
      req->done (req->task, status, NULL, protocol_error (self, _("an empty answer")));
      request_free (req);
      return;
    }
  req->done (req->task, status, root, NULL);
  request_free (req);
}

static void
request_send (Request *req)
{
  RdSyncEngine *self = g_task_get_source_object (req->task);
  SyncOp *op = g_task_get_task_data (req->task);
  SoupMessageHeaders *headers;

  g_clear_object (&req->message);
  req->message = soup_message_new (req->method, req->url);
  if (req->message == NULL)
    {
      req->done (req->task, 0, NULL,
                 g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_INVALID_URL,
                              _("“%s” is not a valid address"), req->url));
      request_free (req);
      return;
    }
  headers = soup_message_get_request_headers (req->message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (op->auth != NULL)
    soup_message_headers_replace (headers, "Authorization", op->auth);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->message, "application/json", req->body);
  soup_session_send_and_read_async (self->session, req->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (req->task), on_request_sent_cb,
                                    req);
}

/* path is appended to the database's URL ("" for the database itself). */
static void
request (GTask       *task,
         const char  *method,
         const char  *path,
         JsonNode    *body,
         RequestDone  done)
{
  SyncOp *op = g_task_get_task_data (task);
  Request *req = g_new0 (Request, 1);

  req->task = g_object_ref (task);
  req->method = g_strdup (method);
  req->url = g_strconcat (op->base_url, path, NULL);
  req->done = done;
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      req->body = g_bytes_new_take (text, strlen (text));
    }
  request_send (req);
}

static JsonNode *
node_from_object (JsonObject *object)
{
  return json_node_init_object (json_node_alloc (), object);
}

static JsonObject *
object_or_null (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
bool_member (JsonObject *object,
             const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

static void
sync_succeed (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  guint conflicts = rd_store_sync_count_conflicts (self->store);

  set_uint (self, &self->conflicts, conflicts, PROP_CONFLICTS);
  set_progress (self, 1.0);
  if (g_hash_table_size (op->refused) > 0)
    {
      GHashTableIter iter;
      gpointer id, reason;
      guint n = g_hash_table_size (op->refused);

      g_hash_table_iter_init (&iter, op->refused);
      g_hash_table_iter_next (&iter, &id, &reason);
      if (n == 1)
        sync_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN,
                                      _("The server refused to save the record %s (%s). Ask "
                                        "the server’s administrator for write access."),
                                      (const char *) id, (const char *) reason));
      else
        sync_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FORBIDDEN,
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
  g_task_return_boolean (task, TRUE);
}

static void
on_readback_cb (GTask    *task,
                guint     status,
                JsonNode *root,
                GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  g_autoptr (GError) store_error = NULL;
  JsonObject *object = object_or_null (root);
  JsonNode *rows_node = object ? json_object_get_member (object, "rows") : NULL;
  JsonArray *rows;

  if (request_failed (task, status, root, error))
    return;
  if (rows_node == NULL || !JSON_NODE_HOLDS_ARRAY (rows_node))
    {
      sync_fail (task, protocol_error (self, _("no “rows” in _all_docs")));
      return;
    }
  rows = json_node_get_array (rows_node);

  if (!rd_store_begin (self->store, &store_error))
    {
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = object_or_null (json_array_get_element (rows, i));
      JsonObject *value = row ? object_or_null (json_object_get_member (row, "value")) : NULL;
      JsonObject *doc = row ? object_or_null (json_object_get_member (row, "doc")) : NULL;
      const char *id = string_member (row, "key");
      RdSyncApplied applied = RD_SYNC_APPLIED_NOTHING;
      gboolean ok;

      if (id == NULL)
        continue;
      if (g_strcmp0 (string_member (row, "error"), "not_found") == 0)
        ok = rd_store_sync_forget_rev (self->store, id, &store_error);
      else if (value != NULL && bool_member (value, "deleted"))
        ok = rd_store_sync_apply (self->store, id, string_member (value, "rev"), NULL, TRUE,
                                  &applied, &store_error);
      else if (doc != NULL)
        {
          g_autoptr (JsonObject) body = rd_sync_strip_reserved (doc);

          ok = rd_store_sync_apply (self->store, id, string_member (doc, "_rev"), body, FALSE,
                                    &applied, &store_error);
        }
      else
        continue;
      if (!ok)
        {
          rd_store_rollback (self->store);
          sync_fail_store (task, g_steal_pointer (&store_error));
          return;
        }
      if (applied != RD_SYNC_APPLIED_NOTHING)
        set_uint (self, &self->pulled, self->pulled + 1, PROP_PULLED);
    }
  if (!rd_store_commit (self->store, &store_error))
    {
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  step_push (task);
}

static void
on_bulk_docs_cb (GTask    *task,
                 guint     status,
                 JsonNode *root,
                 GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr (GHashTable) results = NULL;
  g_autoptr (GError) store_error = NULL;
  g_autoptr (JsonArray) readback = NULL;
  guint marked = 0;
  JsonArray *array;

  if (error != NULL)
    {
      sync_fail (task, error);
      return;
    }
  /* Per-document results come whatever the HTTP status; anything else is the whole request. */
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      if (status >= 200 && status < 300)
        {
          sync_fail (task, protocol_error (self, _("_bulk_docs did not answer a list")));
          return;
        }
      sync_fail (task, status_error (self, status, root));
      return;
    }
  array = json_node_get_array (root);
  results = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *result = object_or_null (json_array_get_element (array, i));
      const char *id = string_member (result, "id");

      if (id != NULL)
        g_hash_table_insert (results, (gpointer) id, result);
    }

  readback = json_array_new ();
  if (!rd_store_begin (self->store, &store_error))
    {
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  for (guint i = 0; i < op->outgoing->len; i++)
    {
      RdSyncOutgoing *doc = g_ptr_array_index (op->outgoing, i);
      JsonObject *result = g_hash_table_lookup (results, doc->id);
      const char *rev = string_member (result, "rev");
      const char *failure = string_member (result, "error");

      if (result != NULL && failure == NULL && rev != NULL)
        {
          if (!rd_store_sync_mark_pushed (self->store, doc, rev, &store_error))
            {
              rd_store_rollback (self->store);
              sync_fail_store (task, g_steal_pointer (&store_error));
              return;
            }
          marked++;
        }
      else if (result == NULL || g_strcmp0 (failure, "conflict") == 0)
        /* Someone else wrote it, or our own earlier attempt did: read it back to know. */
        json_array_add_string_element (readback, doc->id);
      else
        {
          const char *reason = string_member (result, "reason");

          g_hash_table_insert (op->refused, g_strdup (doc->id),
                               g_strdup (reason ? reason : failure));
        }
    }
  if (!rd_store_commit (self->store, &store_error))
    {
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }

  set_uint (self, &self->pushed, self->pushed + marked, PROP_PUSHED);
  if (op->total_dirty > 0)
    set_progress (self, 0.5 + 0.5 * MIN (1.0, (double) self->pushed / op->total_dirty));
  op->stalled = marked > 0 ? 0 : op->stalled + 1;
  if (op->stalled >= MAX_STALLED_PUSHES)
    {
      sync_fail (task, g_error_new (RD_SYNC_ERROR, RD_SYNC_ERROR_FAILED,
                                    _("The server %s keeps rejecting the changes as "
                                      "conflicting; try again later."),
                                    self->server_url));
      return;
    }

  if (json_array_get_length (readback) > 0)
    {
      g_autoptr (JsonObject) keys = json_object_new ();
      g_autoptr (JsonNode) body = NULL;

      json_object_set_array_member (keys, "keys", g_steal_pointer (&readback));
      body = node_from_object (keys);
      request (task, "POST", "/_all_docs?include_docs=true&conflicts=true", body,
               on_readback_cb);
      return;
    }
  step_push (task);
}

static JsonNode *
outgoing_to_node (RdSyncOutgoing *doc)
{
  JsonObject *object = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonNode *node;

  json_object_set_string_member (object, "_id", doc->id);
  if (doc->rev != NULL)
    json_object_set_string_member (object, "_rev", doc->rev);
  if (doc->deleted)
    json_object_set_boolean_member (object, "_deleted", TRUE);
  else
    {
      json_object_iter_init_ordered (&iter, doc->body);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (object, name, json_node_ref (member));
    }
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

static void
step_push (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr (GError) store_error = NULL;
  g_autoptr (JsonObject) request_body = NULL;
  g_autoptr (JsonNode) node = NULL;
  JsonArray *docs;

  if (g_task_return_error_if_cancelled (task))
    {
      set_state (self, RD_SYNC_STATE_IDLE);
      g_clear_object (&self->running);
      return;
    }
  g_clear_pointer (&op->outgoing, g_ptr_array_unref);
  op->outgoing = rd_store_sync_list_dirty (self->store, op->refused, self->batch_size,
                                           &store_error);
  if (op->outgoing == NULL)
    {
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  if (op->outgoing->len == 0)
    {
      sync_succeed (task);
      return;
    }

  docs = json_array_sized_new (op->outgoing->len);
  for (guint i = 0; i < op->outgoing->len; i++)
    json_array_add_element (docs, outgoing_to_node (g_ptr_array_index (op->outgoing, i)));
  request_body = json_object_new ();
  json_object_set_array_member (request_body, "docs", docs);
  node = node_from_object (request_body);
  request (task, "POST", "/_bulk_docs", node, on_bulk_docs_cb);
}

static void
start_push (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);

  op->total_dirty = rd_store_sync_count_dirty (self->store);
  set_progress (self, 0.5);
  step_push (task);
}

/* Applies the pull batch in op->changes and its last_seq in one transaction. */
static void
apply_changes (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  JsonObject *object = json_node_get_object (op->changes);
  JsonArray *results = json_object_get_array_member (object, "results");
  JsonNode *last_seq = json_object_get_member (object, "last_seq");
  g_autoptr (GError) store_error = NULL;
  g_autofree char *seq_text = json_to_string (last_seq, FALSE);
  guint n = json_array_get_length (results);
  guint pulled = 0;
  JsonNode *pending;

  if (!rd_store_begin (self->store, &store_error))
    {
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *change = object_or_null (json_array_get_element (results, i));
      JsonObject *doc = object_or_null (json_object_get_member (change, "doc"));
      const char *id = string_member (change, "id");
      gboolean deleted = bool_member (change, "deleted") || bool_member (doc, "_deleted");
      g_autoptr (JsonObject) body = NULL;
      RdSyncApplied applied;
      const char *rev;

      if (id == NULL || g_str_has_prefix (id, "_design/"))
        continue;
      if (op->repaired != NULL && g_hash_table_contains (op->repaired, id))
        doc = g_hash_table_lookup (op->repaired, id);
      rev = string_member (doc, "_rev");
      if (doc == NULL || rev == NULL)
        {
          rd_store_rollback (self->store);
          sync_fail (task, protocol_error (self, _("a change without its document")));
          return;
        }
      if (!deleted)
        body = rd_sync_strip_reserved (doc);
      if (!rd_store_sync_apply (self->store, id, rev, body, deleted, &applied, &store_error))
        {
          rd_store_rollback (self->store);
          sync_fail_store (task, g_steal_pointer (&store_error));
          return;
        }
      if (applied != RD_SYNC_APPLIED_NOTHING)
        pulled++;
    }
  if (!rd_store_sync_set (self->store, RD_STORE_SYNC_LAST_SEQ, seq_text, &store_error)
      || !rd_store_commit (self->store, &store_error))
    {
      rd_store_rollback (self->store);
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  replace_str (&op->since, seq_text);
  set_uint (self, &self->pulled, self->pulled + pulled, PROP_PULLED);

  pending = json_object_get_member (object, "pending");
  if (pending != NULL && json_node_get_value_type (pending) == G_TYPE_INT64)
    {
      double done = self->pulled, left = (double) json_node_get_int (pending);

      set_progress (self, done + left > 0 ? 0.5 * done / (done + left) : 0.5);
    }

  g_clear_pointer (&op->conflicted, g_ptr_array_unref);
  g_clear_pointer (&op->repaired, g_hash_table_unref);
  g_clear_pointer (&op->changes, json_node_unref);
  if (n < self->batch_size)
    start_push (task);
  else
    step_pull (task);
}

static void
on_repairs_saved_cb (GTask    *task,
                     guint     status,
                     JsonNode *root,
                     GError   *error)
{
  SyncOp *op = g_task_get_task_data (task);
  JsonArray *array;

  if (error != NULL)
    {
      sync_fail (task, error);
      return;
    }
  /* A repair the server refused (someone was quicker) is retried when the doc changes again. */
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      array = json_node_get_array (root);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *result = object_or_null (json_array_get_element (array, i));
          const char *id = string_member (result, "id");
          const char *rev = string_member (result, "rev");
          JsonObject *merged = id ? g_hash_table_lookup (op->repaired, id) : NULL;

          if (merged != NULL && rev != NULL && string_member (result, "error") == NULL
              && !bool_member (merged, "_deleted"))
            json_object_set_string_member (merged, "_rev", rev);
        }
    }
  /* Merged winners not saved keep their old _rev and are applied as the plain winner. */
  apply_changes (task);
}

static void
on_open_revs_cb (GTask    *task,
                 guint     status,
                 JsonNode *root,
                 GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  JsonObject *winner = g_ptr_array_index (op->conflicted, op->conflicted_next);
  g_autoptr (JsonObject) winner_body = rd_sync_strip_reserved (winner);
  g_autoptr (JsonObject) merged = json_object_ref (winner_body);
  const char *id = string_member (winner, "_id");
  JsonArray *leaves;

  if (error != NULL)
    {
      sync_fail (task, error);
      return;
    }
  if (status != SOUP_STATUS_OK || !JSON_NODE_HOLDS_ARRAY (root))
    {
      sync_fail (task, status_error (self, status, root));
      return;
    }
  leaves = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (leaves); i++)
    {
      JsonObject *leaf = object_or_null (json_array_get_element (leaves, i));
      JsonObject *loser = object_or_null (leaf ? json_object_get_member (leaf, "ok") : NULL);
      g_autoptr (JsonObject) loser_body = NULL;
      g_autoptr (JsonObject) next = NULL;
      JsonObject *deletion;

      if (loser == NULL || string_member (loser, "_rev") == NULL)
        continue;
      /* No common ancestor is known: fields only the loser has are kept, the winner's value
       * stays where both have one. */
      loser_body = rd_sync_strip_reserved (loser);
      next = rd_sync_merge3 (NULL, merged, loser_body, NULL);
      g_clear_pointer (&merged, json_object_unref);
      merged = g_steal_pointer (&next);
      deletion = json_object_new ();
      json_object_set_string_member (deletion, "_id", id);
      json_object_set_string_member (deletion, "_rev", string_member (loser, "_rev"));
      json_object_set_boolean_member (deletion, "_deleted", TRUE);
      json_array_add_object_element (op->repairs, deletion);
    }
  {
    g_autoptr (JsonNode) a = node_from_object (merged);
    g_autoptr (JsonNode) b = node_from_object (winner_body);

    if (!json_node_equal (a, b))
      {
        JsonObject *update = json_object_ref (merged);

        json_object_set_string_member (update, "_id", id);
        json_object_set_string_member (update, "_rev", string_member (winner, "_rev"));
        json_array_add_object_element (op->repairs, json_object_ref (update));
        g_hash_table_insert (op->repaired, g_strdup (id), update);
      }
  }
  op->conflicted_next++;
  step_repair_next (task);
}

/* Server-side conflicts of the batch: merge each winner with its losers, then save the merged
 * winners and delete the losing revisions in one _bulk_docs. */
static void
step_repair_next (GTask *task)
{
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr (JsonObject) bulk = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (op->conflicted_next < op->conflicted->len)
    {
      JsonObject *doc = g_ptr_array_index (op->conflicted, op->conflicted_next);
      JsonArray *revs = json_object_get_array_member (doc, "_conflicts");
      g_autoptr (JsonNode) revs_node = json_node_init_array (json_node_alloc (), revs);
      g_autofree char *revs_text = json_to_string (revs_node, FALSE);
      g_autofree char *id = g_uri_escape_string (string_member (doc, "_id"), NULL, FALSE);
      g_autofree char *escaped = g_uri_escape_string (revs_text, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/%s?open_revs=%s", id, escaped);

      request (task, "GET", path, NULL, on_open_revs_cb);
      return;
    }
  if (json_array_get_length (op->repairs) == 0)
    {
      apply_changes (task);
      return;
    }
  bulk = json_object_new ();
  json_object_set_array_member (bulk, "docs", json_array_ref (op->repairs));
  node = node_from_object (bulk);
  request (task, "POST", "/_bulk_docs", node, on_repairs_saved_cb);
}

static void
on_changes_cb (GTask    *task,
               guint     status,
               JsonNode *root,
               GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  JsonObject *object = object_or_null (root);
  JsonNode *results = object ? json_object_get_member (object, "results") : NULL;
  JsonArray *array;

  if (request_failed (task, status, root, error))
    return;
  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results)
      || !json_object_has_member (object, "last_seq"))
    {
      sync_fail (task,
                 protocol_error (self, _("no “results” or “last_seq” in _changes")));
      return;
    }

  op->changes = json_node_ref (root);
  op->conflicted = g_ptr_array_new ();
  op->conflicted_next = 0;
  g_clear_pointer (&op->repairs, json_array_unref);
  op->repairs = json_array_new ();
  op->repaired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
  array = json_node_get_array (results);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *change = object_or_null (json_array_get_element (array, i));
      JsonObject *doc = object_or_null (change ? json_object_get_member (change, "doc") : NULL);
      JsonNode *conflicts = doc ? json_object_get_member (doc, "_conflicts") : NULL;

      if (change == NULL)
        {
          sync_fail (task, protocol_error (self, _("a change that is not an object")));
          return;
        }
      if (conflicts != NULL && JSON_NODE_HOLDS_ARRAY (conflicts)
          && json_array_get_length (json_node_get_array (conflicts)) > 0
          && string_member (doc, "_id") != NULL && string_member (doc, "_rev") != NULL)
        g_ptr_array_add (op->conflicted, doc);
    }
  step_repair_next (task);
}

static void
step_pull (GTask *task)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autofree char *since = NULL;
  g_autofree char *path = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      set_state (self, RD_SYNC_STATE_IDLE);
      g_clear_object (&self->running);
      return;
    }
  /* Seqs are opaque: a string is sent as its text, a number as written. */
  if (op->since != NULL)
    {
      g_autoptr (JsonNode) seq = json_from_string (op->since, NULL);

      if (seq != NULL && json_node_get_value_type (seq) == G_TYPE_STRING)
        since = g_uri_escape_string (json_node_get_string (seq), NULL, FALSE);
      else
        since = g_uri_escape_string (op->since, NULL, FALSE);
    }
  path = g_strdup_printf ("/_changes?style=all_docs&include_docs=true&conflicts=true"
                          "&since=%s&limit=%u", since ? since : "0", self->batch_size);
  request (task, "GET", path, NULL, on_changes_cb);
}

static void
on_checkpoint_saved_cb (GTask    *task,
                        guint     status,
                        JsonNode *root,
                        GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  JsonObject *object = object_or_null (root);
  g_autoptr (GError) store_error = NULL;

  if (error != NULL)
    {
      sync_fail (task, error);
      return;
    }
  if (status != SOUP_STATUS_CREATED && status != SOUP_STATUS_OK)
    {
      sync_fail (task, status_error (self, status, root));
      return;
    }
  if (string_member (object, "rev") == NULL)
    {
      sync_fail (task, protocol_error (self, _("no “rev” for the checkpoint")));
      return;
    }

  /* A new session with this database: pull everything, push everything, delete nothing. */
  if (!rd_store_begin (self->store, &store_error))
    {
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  if (!rd_store_sync_prepare_full_resync (self->store, &store_error)
      || !rd_store_sync_set (self->store, RD_STORE_SYNC_TARGET, op->target, &store_error)
      || !rd_store_sync_set (self->store, RD_STORE_SYNC_SESSION, op->session, &store_error)
      || !rd_store_commit (self->store, &store_error))
    {
      rd_store_rollback (self->store);
      sync_fail_store (task, g_steal_pointer (&store_error));
      return;
    }
  g_clear_pointer (&op->since, g_free);
  step_pull (task);
}

static void
on_checkpoint_cb (GTask    *task,
                  guint     status,
                  JsonNode *root,
                  GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  JsonObject *object = object_or_null (root);
  g_autofree char *known_session = rd_store_sync_get (self->store, RD_STORE_SYNC_SESSION);
  g_autofree char *known_target = rd_store_sync_get (self->store, RD_STORE_SYNC_TARGET);
  g_autoptr (JsonObject) checkpoint = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (error != NULL)
    {
      sync_fail (task, error);
      return;
    }
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_NOT_FOUND)
    {
      sync_fail (task, status_error (self, status, root));
      return;
    }

  if (status == SOUP_STATUS_OK && known_session != NULL
      && g_strcmp0 (known_target, op->target) == 0
      && g_strcmp0 (string_member (object, "session"), known_session) == 0)
    {
      op->since = rd_store_sync_get (self->store, RD_STORE_SYNC_LAST_SEQ);
      step_pull (task);
      return;
    }

  if (known_session != NULL && g_strcmp0 (known_target, op->target) == 0)
    g_message ("The database %s on %s was wiped or replaced since the last sync; "
               "synchronizing everything again", self->database, self->server_url);
  /* The session id goes into both the server's checkpoint and the store. */
  g_free (op->session);
  op->session = g_uuid_string_random ();
  checkpoint = json_object_new ();
  if (status == SOUP_STATUS_OK && string_member (object, "_rev") != NULL)
    json_object_set_string_member (checkpoint, "_rev", string_member (object, "_rev"));
  json_object_set_string_member (checkpoint, "session", op->session);
  json_object_set_string_member (checkpoint, "client", "renewal-desk");
  node = node_from_object (checkpoint);
  request (task, "PUT", op->checkpoint_path, node, on_checkpoint_saved_cb);
}

static void
on_database_cb (GTask    *task,
                guint     status,
                JsonNode *root,
                GError   *error)
{
  RdSyncEngine *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  JsonObject *object = object_or_null (root);

  if (request_failed (task, status, root, error))
    return;
  if (object == NULL || !json_object_has_member (object, "db_name"))
    {
      sync_fail (task,
                 protocol_error (self, _("no “db_name” in the database’s information")));
      return;
    }
  request (task, "GET", op->checkpoint_path, NULL, on_checkpoint_cb);
}

void
rd_sync_engine_sync_async (RdSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *database = NULL;
  SyncOp *op;

  g_return_if_fail (RD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_sync_engine_sync_async);
  if (self->running != NULL)
    {
      g_task_return_new_error (task, RD_SYNC_ERROR, RD_SYNC_ERROR_BUSY,
                               _("A sync is running already"));
      return;
    }
  if (!rd_sync_check_server_url (self->server_url, &error)
      || !rd_sync_check_database_name (self->database, &error))
    {
      set_last_error (self, error->message);
      set_state (self, RD_SYNC_STATE_ERROR);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = g_new0 (SyncOp, 1);
  server = g_strdup (self->server_url);
  while (g_str_has_suffix (server, "/"))
    server[strlen (server) - 1] = '\0';
  database = g_uri_escape_string (self->database, NULL, FALSE);
  op->base_url = g_strdup_printf ("%s/%s", server, database);
  op->target = g_strdup_printf ("%s/%s", server, self->database);
  if (self->username != NULL && *self->username != '\0')
    {
      g_autofree char *pair = g_strdup_printf ("%s:%s", self->username,
                                               self->password ? self->password : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      op->auth = g_strdup_printf ("Basic %s", encoded);
    }
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
  g_task_set_task_data (task, op, (GDestroyNotify) sync_op_free);

  self->running = g_object_ref (task);
  set_uint (self, &self->pushed, 0, PROP_PUSHED);
  set_uint (self, &self->pulled, 0, PROP_PULLED);
  set_progress (self, 0.0);
  set_state (self, RD_SYNC_STATE_SYNCING);
  request (task, "GET", "", NULL, on_database_cb);
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

static void
rd_sync_engine_constructed (GObject *object)
{
  RdSyncEngine *self = (RdSyncEngine *) object;

  G_OBJECT_CLASS (rd_sync_engine_parent_class)->constructed (object);
  g_return_if_fail (RD_IS_STORE (self->store));
  self->conflicts = rd_store_sync_count_conflicts (self->store);
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
