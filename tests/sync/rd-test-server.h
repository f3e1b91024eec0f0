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
#include "rd-test-temp.h"

G_BEGIN_DECLS

#define RD_TEST_ADMIN          "admin"
#define RD_TEST_ADMIN_PASSWORD "admin-secret"
#define RD_TEST_USER           "alice"
#define RD_TEST_USER_PASSWORD  "alice-secret"

/* How long one sync or one run of the command line may take before the test fails: far
 * above what a loaded machine needs for the largest (2000 records), below meson's timeout. */
#define RD_TEST_SYNC_TIMEOUT_MS 90000

typedef struct _RdTestServer RdTestServer;

/* A loopback port nobody listens on now: connections to it are refused. */
guint16       rd_test_free_loopback_port  (void);
RdTestServer *rd_test_server_start        (void);
const char   *rd_test_server_get_url      (RdTestServer *self);
/* CPU time (user + system) the server process has used so far. */
double        rd_test_server_cpu_seconds  (RdTestServer *self);
/* The server process's id, as text. */
const char   *rd_test_server_get_pid      (RdTestServer *self);
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
/* Document id of database db as the admin reads it; NULL if the server has none (404). */
JsonObject   *rd_test_server_get_doc      (RdTestServer *self,
                                           const char   *db,
                                           const char   *id);
/* The status of reading document id of database db: 200 if the server holds it, else 404. */
guint         rd_test_server_doc_status   (RdTestServer *self,
                                           const char   *db,
                                           const char   *id);
/* Writes body as document id straight into database db, as the admin (no client checked
 * it); returns the new revision. */
char         *rd_test_server_put_doc      (RdTestServer *self,
                                           const char   *db,
                                           const char   *id,
                                           const char   *body);

/* Starts a server and makes a work folder "rd-name-XXXXXX" (in *server and *workdir), runs
 * the tests added, then stops the server and removes the folder; returns g_test_run()'s. */
int           rd_test_run_with_server     (const char    *name,
                                           RdTestServer **server,
                                           char         **workdir);

/* Client side helpers. */
RdStore      *rd_test_store_new           (const char   *dir,
                                           const char   *name);
RdSyncEngine *rd_test_engine_new          (RdStore      *store,
                                           const char   *url,
                                           const char   *database);
gboolean      rd_test_sync                (RdSyncEngine *engine,
                                           GError      **error);
/* rd_test_sync(), which must succeed. */
void          rd_test_sync_ok             (RdSyncEngine *engine);
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
/* Runs renewal-desk-cli (RD_CLI) with --db db_path and the arguments, while the default main
 * context keeps serving (a proxy in this process). password NULL: none in the environment.
 * Returns the exit status; out gets stdout and stderr. */
int           rd_test_run_cli             (const char   *db_path,
                                           const char   *password,
                                           char        **out,
                                           ...) G_GNUC_NULL_TERMINATED;

/* Two clients of one new server database, "db_prefix" and a number, each with its own store
 * under workdir/db. */
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
                                           const char   *db_prefix);
void          rd_test_pair_teardown       (RdTestPair   *pair);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdTestServer, rd_test_server_free)

G_END_DECLS
