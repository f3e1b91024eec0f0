/* rd-store-sync.h
 *
 * The store's side of sync (DESIGN §5): the dirty records to push, what a push acknowledged,
 * a server document applied with a field-level 3-way merge (rd-merge.h), the conflicts the
 * user resolves, and the checkpoints kept in the meta table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "rd-merge.h"
#include "rd-store.h"

G_BEGIN_DECLS

typedef enum
{
  RD_SYNC_CONFLICT_FIELDS,      /* both sides changed the same fields differently */
  RD_SYNC_CONFLICT_EDIT_DELETE, /* this device edited, the server deleted */
  RD_SYNC_CONFLICT_DELETE_EDIT, /* this device deleted, the server edited */
} RdSyncConflictKind;

typedef enum
{
  RD_SYNC_CHOICE_NONE = RD_MERGE_CHOICE_NONE,
  RD_SYNC_CHOICE_MINE = RD_MERGE_CHOICE_MINE,
  RD_SYNC_CHOICE_THEIRS = RD_MERGE_CHOICE_THEIRS,
} RdSyncChoice;

typedef struct
{
  char         *name;
  JsonNode     *base;   /* NULL: the field did not exist */
  JsonNode     *mine;
  JsonNode     *theirs;
  RdSyncChoice  choice; /* what the user chose so far */
} RdSyncConflictField;

typedef struct
{
  char               *id;
  RdSyncConflictKind  kind;
  char               *theirs_rev;
  JsonObject         *mine;   /* the local body (also for a local deletion: the last body) */
  JsonObject         *theirs; /* NULL when the server deleted the record */
  GPtrArray          *fields; /* RdSyncConflictField, empty for edit/delete conflicts */
} RdSyncConflict;

void          rd_sync_conflict_free         (RdSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdSyncConflict, rd_sync_conflict_free)

typedef struct
{
  char       *id;
  char       *rev;       /* the base revision, NULL for a record never pushed */
  char       *body_text; /* the body as stored (a JSON object), sent and acknowledged verbatim */
  gboolean    deleted;
  gint64      edit_seq;  /* what rd_store_sync_mark_pushed acknowledges */
} RdSyncOutgoing;

void          rd_sync_outgoing_free         (RdSyncOutgoing *doc);

/* Dirty records without an unresolved conflict, at most limit, skipping ids in exclude. */
GPtrArray    *rd_store_sync_list_dirty      (RdStore     *self,
                                             GHashTable  *exclude,
                                             guint        limit,
                                             GError     **error);
guint         rd_store_sync_count_dirty     (RdStore     *self);
/* Whether any record waits to be pushed: stops at the first, where counting reads them all. */
gboolean      rd_store_sync_has_dirty       (RdStore     *self);
/* The server stored doc as rev: it becomes the base; the record stays dirty if it was edited
 * again meanwhile. */
gboolean      rd_store_sync_mark_pushed     (RdStore         *self,
                                             RdSyncOutgoing  *doc,
                                             const char      *rev,
                                             GError         **error);
/* Remembers what a push is about to send (body and base revision of each document), so that
 * if the answer is lost the server's copy of this write is recognised as ours, not as
 * someone else's edit. Forgotten when the push is acknowledged. */
gboolean      rd_store_sync_remember_push   (RdStore     *self,
                                             GPtrArray   *outgoing,
                                             GError     **error);
/* The server has no such document (wiped database): the next push creates it. */
gboolean      rd_store_sync_forget_rev      (RdStore     *self,
                                             const char  *id,
                                             GError     **error);

typedef enum
{
  RD_SYNC_APPLIED_NOTHING,  /* already known, or a deletion of something never seen */
  RD_SYNC_APPLIED_TAKEN,    /* the local record was clean and took the server's version */
  RD_SYNC_APPLIED_MERGED,   /* both changed, merged without conflict */
  RD_SYNC_APPLIED_CONFLICT, /* stored as a conflict for the user */
  RD_SYNC_APPLIED_QUARANTINED, /* cannot be a record here: kept aside and reported */
} RdSyncApplied;

/* Applies the server's current version of a document (its body without reserved members,
 * NULL or ignored when deleted). Join a transaction with rd_store_begin for a batch. */
gboolean      rd_store_sync_apply           (RdStore        *self,
                                             const char     *id,
                                             const char     *rev,
                                             JsonObject     *body,
                                             gboolean        deleted,
                                             RdSyncApplied  *applied,
                                             GError        **error);
/* Inside a transaction, around many rd_store_sync_apply calls: the new records are written
 * together by rd_store_sync_end_batch, in one statement, so that the indexes (the search
 * index above all) are updated once per batch rather than once per record. Call
 * rd_store_sync_cancel_batch before rolling the transaction back. */
gboolean      rd_store_sync_begin_batch     (RdStore        *self,
                                             GError        **error);
gboolean      rd_store_sync_end_batch       (RdStore        *self,
                                             GError        **error);
void          rd_store_sync_cancel_batch    (RdStore        *self);
/* The server database was wiped or replaced: every record becomes dirty (nothing is deleted)
 * and the pull starts over. */
gboolean      rd_store_sync_prepare_full_resync (RdStore  *self,
                                             GError  **error);

/* Server documents this device cannot store (nested too deep, a non-finite number, no
 * "type", ...): set aside with the reason, reported by check and the window, and applied as
 * usual once the server has a version that can be stored. */
typedef struct
{
  char *id;
  char *rev;
  char *reason;
} RdSyncQuarantined;

void          rd_sync_quarantined_free      (RdSyncQuarantined *doc);
gboolean      rd_store_sync_quarantine      (RdStore     *self,
                                             const char  *id,
                                             const char  *rev,
                                             const char  *reason,
                                             GError     **error);
GPtrArray    *rd_store_sync_list_quarantined (RdStore    *self,
                                             GError     **error);
guint         rd_store_sync_count_quarantined (RdStore   *self);

/* Checkpoints in the meta table; last_seq is JSON text, kept verbatim. */
char         *rd_store_sync_get             (RdStore     *self,
                                             const char  *key);
gboolean      rd_store_sync_set             (RdStore     *self,
                                             const char  *key,
                                             const char  *value,
                                             GError     **error);
#define RD_STORE_SYNC_LAST_SEQ  "sync.last_seq"
#define RD_STORE_SYNC_SESSION   "sync.session"
#define RD_STORE_SYNC_TARGET    "sync.target"
#define RD_STORE_SYNC_CLIENT_ID "sync.client_id"

/* Conflicts. */
guint         rd_store_sync_count_conflicts (RdStore     *self);
GPtrArray    *rd_store_sync_list_conflicts  (RdStore     *self,
                                             GError     **error);
RdSyncConflict *rd_store_sync_get_conflict  (RdStore     *self,
                                             const char  *id,
                                             GError     **error);
/* Chooses one field's value; when every field is chosen the record gets the merged body and
 * the server's revision as its base, and the next push saves it. */
gboolean      rd_store_sync_resolve_field   (RdStore      *self,
                                             const char   *id,
                                             const char   *field,
                                             RdSyncChoice  choice,
                                             GError      **error);
/* The same choice for every field that is still open. */
gboolean      rd_store_sync_resolve_all     (RdStore      *self,
                                             const char   *id,
                                             RdSyncChoice  choice,
                                             GError      **error);
/* Edit against delete: keep the record (the edited version) or delete it. */
gboolean      rd_store_sync_resolve_deletion (RdStore     *self,
                                             const char  *id,
                                             gboolean     keep,
                                             GError     **error);

/* The user's decisions made outside the resolver (as the resolver makes them). An update
 * (a JSON merge patch) of a record in conflict decides every conflicting field it sets for
 * its new value, and an edit of a record the server deleted keeps the record; a deletion of
 * a record in conflict deletes it on top of the server's version. Records without a conflict
 * are simply updated or deleted. */
gboolean      rd_store_sync_update          (RdStore     *self,
                                             const char  *id,
                                             JsonObject  *patch,
                                             GError     **error);
gboolean      rd_store_sync_delete          (RdStore     *self,
                                             const char  *id,
                                             GError     **error);
/* Records deleted (by any path) while in conflict: a field conflict becomes a deletion to push
 * on the server's revision, an edit-vs-delete one is agreed. Run before each sync round. */
gboolean      rd_store_sync_settle_deletions (RdStore    *self,
                                             GError     **error);

G_END_DECLS
