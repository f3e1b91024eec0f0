/* rd-test-server.h
 *
 * A real PouchDB Server for the sync tests: started on a free loopback port with a data
 * directory (so that it can be killed and restarted), an admin and a normal user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-store.h"
#include "rd-sync.h"

G_BEGIN_DECLS

#define RD_TEST_ADMIN          "admin"
#define RD_TEST_ADMIN_PASSWORD "admin-secret"
#define RD_TEST_USER           "alice"
#define RD_TEST_USER_PASSWORD  "alice-secret"

typedef struct _RdTestServer RdTestServer;

RdTestServer *rd_test_server_start        (void);
const char   *rd_test_server_get_url      (RdTestServer *self);
/* CPU time (user + system) the server process has used so far. */
double        rd_test_server_cpu_seconds  (RdTestServer *self);
void          rd_test_server_kill         (RdTestServer *self);
void          rd_test_server_restart      (RdTestServer *self);
void          rd_test_server_free         (RdTestServer *self);
/* As the admin; path starts with "/". Returns the parsed answer (NULL if empty). */
JsonNode     *rd_test_server_request      (RdTestServer *self,
                                           const char   *method,
                                           const char   *path,
                                           const char   *body,
                                           guint        *status);
/* Creates the database with alice as its only member. */
void          rd_test_server_create_db    (RdTestServer *self,
                                           const char   *name);
void          rd_test_server_delete_db    (RdTestServer *self,
                                           const char   *name);
gint64        rd_test_server_doc_count    (RdTestServer *self,
                                           const char   *name);

/* Client side helpers. */
RdStore      *rd_test_store_new           (const char   *dir,
                                           const char   *name);
RdSyncEngine *rd_test_engine_new          (RdStore      *store,
                                           const char   *url,
                                           const char   *database);
gboolean      rd_test_sync                (RdSyncEngine *engine,
                                           GError      **error);
char         *rd_test_add_record          (RdStore      *store,
                                           const char   *customer,
                                           const char   *stage);
/* n offers named "<prefix> <number>" in one transaction. */
void          rd_test_add_records         (RdStore      *store,
                                           const char   *prefix,
                                           guint         n);
void          rd_test_set_field           (RdStore      *store,
                                           const char   *id,
                                           const char   *field,
                                           const char   *value);
const char   *rd_test_get_field           (RdStore      *store,
                                           const char   *id,
                                           const char   *field);
guint         rd_test_count_records       (RdStore      *store);
void          rd_test_remove_tree         (const char   *path);

/* Two clients of one new server database, each with its own store under workdir/db. */
typedef struct
{
  char         *db;
  char         *dir;
  char         *path[2];
  RdStore      *store[2];
  RdSyncEngine *engine[2];
} RdTestPair;

void          rd_test_pair_setup          (RdTestPair   *pair,
                                           RdTestServer *server,
                                           const char   *workdir,
                                           const char   *db);
void          rd_test_pair_teardown       (RdTestPair   *pair);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTestServer, rd_test_server_free)

G_END_DECLS
