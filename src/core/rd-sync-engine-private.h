/* rd-sync-engine-private.h
 *
 * What the engine's pull (rd-sync-pull.c) and push (rd-sync-push.c) steps share with the
 * engine (rd-sync-engine.c): its fields, the round in progress, and how a step ends it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "rd-couch-client.h"
#include "rd-sync-engine.h"

G_BEGIN_DECLS

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
  guint        quarantined;
  char        *last_error;

  guint        batch_size;
  guint        max_retries;
  guint        retry_delay_ms;
  guint        timeout_s;

  GTask       *running;
};

/* What one sync round carries from step to step. */
typedef struct
{
  RdCouchClient *client;
  char        *client_id;
  char        *checkpoint_path;
  char        *session;      /* this device's sync session with the database */
  char        *since;        /* JSON text of the last seq, NULL: from the start */
  guint        total_dirty;
  guint        stalled;
  GHashTable  *refused;      /* id → the server's reason, or why it is not sent */
  GHashTable  *invalid;      /* ids of refused: not sent, for the record check refuses them */
  GHashTable  *in_flight;    /* ids sent in a _bulk_docs whose answer has not come yet */
  guint        pushes;       /* _bulk_docs of the push waiting for their answers */
  guint        readbacks;    /* reads of conflicting pushes waiting for their answers */
  JsonNode    *changes;      /* the pull batch in flight */
  GPtrArray   *conflicted;   /* docs (JsonObject) of the batch with server-side _conflicts */
  guint        conflicted_next;
  guint        fetch_next;   /* careful mode: the change whose document is being read */
  JsonArray   *repairs;      /* merged winners and deleted losers, one _bulk_docs */
  GHashTable  *repaired;     /* id → JsonObject: merged body with its new "_rev" */
  /* _changes pages asked for and not applied yet, in order (the next one is asked for while
   * this one is read and applied); page_wanted: the pull waits for the first. */
  GQueue      *pages;
  gboolean     page_wanted;
  /* Pulled batches handed to the store's sync worker and not applied yet (in order). */
  guint        applying;
  gboolean     pull_waits;    /* the next page waits until fewer batches are applying */
  gboolean     pull_fetched;  /* the last page is handed over: the push follows them */
  /* Store jobs of the round not finished: the round's end waits for them. */
  guint        jobs;
  gboolean     ending;
  GError      *end_error;     /* how the round ends, NULL: it succeeded */
} RdSyncRound;

/* A step that reads an answer: it owns error, not root. */
typedef void (*RdSyncAnswer) (GTask    *task,
                              guint     status,
                              JsonNode *root,
                              GError   *error);
/* The same for one of several requests in flight: data says which. */
typedef void (*RdSyncDataAnswer) (GTask    *task,
                                  gpointer  data,
                                  guint     status,
                                  JsonNode *root,
                                  GError   *error);
/* The same for rd_sync_round_get_text: text is a 200 OK answer's, unparsed; root is the
 * answer for any other status. */
typedef void (*RdSyncTextAnswer) (GTask    *task,
                                  gpointer  data,
                                  guint     status,
                                  GBytes   *text,
                                  JsonNode *root,
                                  GError   *error);

RdCouchClient *rd_sync_round_client          (GTask        *task);
/* path is appended to the database's URL ("" for the database itself). */
void           rd_sync_round_request         (GTask        *task,
                                              const char   *method,
                                              const char   *path,
                                              JsonNode     *body,
                                              RdSyncAnswer  done);
/* The same with a body that is JSON text already. */
void           rd_sync_round_request_text    (GTask        *task,
                                              const char   *method,
                                              const char   *path,
                                              GBytes       *body,
                                              RdSyncAnswer  done);
/* The same, with data handed to done and freed with destroy after it. */
void           rd_sync_round_request_data    (GTask            *task,
                                              const char       *method,
                                              const char       *path,
                                              GBytes           *body,
                                              RdSyncDataAnswer  done,
                                              gpointer          data,
                                              GDestroyNotify    destroy);
/* A GET whose 200 OK answer done gets as text, to parse where it likes. */
void           rd_sync_round_get_text        (GTask            *task,
                                              const char       *path,
                                              RdSyncTextAnswer  done,
                                              gpointer          data,
                                              GDestroyNotify    destroy);
void           rd_sync_round_get_document    (GTask        *task,
                                              const char   *path,
                                              RdSyncAnswer  done);
/* Ends the round when a request failed or was not answered with 200 OK. */
gboolean       rd_sync_round_request_failed  (GTask        *task,
                                              guint         status,
                                              JsonNode     *root,
                                              GError       *error);
/* TRUE when the round has ended (failed, cancelled or succeeded): an answer that comes after
 * it is not applied. */
gboolean       rd_sync_round_ended           (GTask        *task);
/* TRUE when the round was cancelled, and then ended. */
gboolean       rd_sync_round_cancelled       (GTask        *task);
void           rd_sync_round_fail            (GTask        *task,
                                              GError       *error);
void           rd_sync_round_fail_store      (GTask        *task,
                                              GError       *error);
/* The error the status means (rd_couch_client_status_error). */
void           rd_sync_round_fail_status     (GTask        *task,
                                              guint         status,
                                              JsonNode     *root);
void           rd_sync_round_fail_protocol   (GTask        *task,
                                              const char   *detail);
void           rd_sync_round_succeed         (GTask        *task);
/* A job of the round runs on the store's worker: the round does not end before it did. */
void           rd_sync_round_job_started     (GTask        *task);
void           rd_sync_round_job_finished    (GTask        *task);

void           rd_sync_engine_add_pushed     (RdSyncEngine *self,
                                              guint         n);
void           rd_sync_engine_add_pulled     (RdSyncEngine *self,
                                              guint         n);
void           rd_sync_engine_report_progress (RdSyncEngine *self,
                                              double        progress);

/* Pulls from op->since on, then starts the push. */
void           rd_sync_pull_start            (GTask        *task);
/* Lets go of the pages asked for; answers still on their way are dropped. */
void           rd_sync_pull_clear            (RdSyncRound  *op);
/* Pushes every dirty record, then ends the round. */
void           rd_sync_push_start            (GTask        *task);

static inline JsonNode *
rd_sync_node_from_object (JsonObject *object)
{
  return json_node_init_object (json_node_alloc (), object);
}

static inline JsonObject *
rd_sync_object_or_null (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static inline const char *
rd_sync_string_member (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline gboolean
rd_sync_bool_member (JsonObject *object,
                     const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN
         && json_node_get_boolean (node);
}

/* The first leaf revision a _changes entry lists. */
static inline const char *
rd_sync_change_leaf_rev (JsonObject *change)
{
  JsonNode *changes = json_object_get_member (change, "changes");
  JsonArray *array;

  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes))
    return NULL;
  array = json_node_get_array (changes);
  if (json_array_get_length (array) == 0)
    return NULL;
  return rd_sync_string_member (rd_sync_object_or_null (json_array_get_element (array, 0)),
                                "rev");
}

G_END_DECLS
