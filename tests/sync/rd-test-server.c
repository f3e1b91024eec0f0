/* rd-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-test"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>

#include "rd-store-sync.h"
#include "rd-test-server.h"
#include "rd-test-wait.h"

/* How long a server may take to answer its first request: node starts slowly on a loaded
 * machine. */
#define START_TIMEOUT_S 90

struct _RdTestServer
{
  GSubprocess *process;
  SoupSession *session;
  char        *dir;
  char        *url;
  guint16      port;
  gboolean     has_admin;
};

guint16
rd_test_free_loopback_port (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

JsonNode *
rd_test_server_request (RdTestServer *self,
                        const char   *method,
                        const char   *path,
                        const char   *body,
                        guint        *status)
{
  g_autofree char *uri = g_strconcat (self->url, path, NULL);
  g_autoptr (SoupMessage) message = soup_message_new (method, uri);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pair = g_strdup_printf ("%s:%s", RD_TEST_ADMIN, RD_TEST_ADMIN_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *auth = g_strdup_printf ("Basic %s", encoded);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);
  JsonNode *root = NULL;
  gsize size;

  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->has_admin)
    soup_message_headers_replace (headers, "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  answer = soup_session_send_and_read (self->session, message, NULL, &error);
  if (answer == NULL)
    {
      if (status != NULL)
        *status = 0;
      return NULL;
    }
  if (status != NULL)
    *status = soup_message_get_status (message);
  g_bytes_get_data (answer, &size);
  if (size > 0)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();

      /* The answer is not NUL-terminated. */
      if (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), (gssize) size,
                                      NULL))
        root = json_parser_steal_root (parser);
    }
  return root;
}

/* A test that aborts must not leave its server running. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Returns whether the server answers; FALSE if it exited first (its port was taken). */
static gboolean
launch (RdTestServer *self)
{
  const char *binary = g_getenv ("RD_POUCHDB_SERVER");
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", self->port);
  g_autofree char *log = g_build_filename (self->dir, "log.txt", NULL);
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_S * G_TIME_SPAN_SECOND;

  if (binary == NULL || !g_file_test (binary, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("PouchDB Server not found at “%s”; run: npm ci --prefix tests/sync",
             binary ? binary : "(RD_POUCHDB_SERVER unset)");
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_cwd (launcher, self->dir);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, &error, binary,
                                               "--host", "127.0.0.1", "--port", port,
                                               "--dir", self->dir, "--no-stdout-logs", NULL);
  g_assert_no_error (error);

  /* Nothing announces that the port listens: asked again until it answers (a refused
   * connection comes back at once). */
  while (g_get_monotonic_time () < deadline)
    {
      guint status = 0;
      JsonNode *root = rd_test_server_request (self, "GET", "/", NULL, &status);

      g_clear_pointer (&root, json_node_unref);

      /* Any answer will do: before the admin exists, the admin's credentials get a 401. */
      if (status != 0)
        return TRUE;
      /* Reaped: another program took the port after rd_test_free_loopback_port(). */
      if (g_subprocess_get_identifier (self->process) == NULL)
        {
          g_clear_object (&self->process);
          return FALSE;
        }
      g_usleep (100 * 1000);
    }
  g_error ("PouchDB Server did not start on port %u within %d s (see %s)", self->port,
           START_TIMEOUT_S, log);
}

RdTestServer *
rd_test_server_start (void)
{
  RdTestServer *self = g_new0 (RdTestServer, 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) r1 = NULL;
  g_autoptr (JsonNode) r2 = NULL;
  g_autofree char *admin_body = g_strdup_printf ("\"%s\"", RD_TEST_ADMIN_PASSWORD);
  g_autofree char *user_body = NULL;
  guint status = 0;

  self->dir = g_dir_make_tmp ("rd-pouchdb-XXXXXX", &error);
  g_assert_no_error (error);
  self->session = soup_session_new_with_options ("timeout", 20, NULL);
  for (guint attempt = 0; self->process == NULL; attempt++)
    {
      if (attempt == 3)
        g_error ("PouchDB Server exited at once three times: is node working?");
      self->port = rd_test_free_loopback_port ();
      g_free (self->url);
      self->url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
      launch (self);
    }

  r1 = rd_test_server_request (self, "PUT", "/_config/admins/" RD_TEST_ADMIN, admin_body,
                               &status);
  g_assert_cmpuint (status, ==, 200);
  self->has_admin = TRUE;
  user_body = g_strdup_printf ("{\"name\":\"%s\",\"password\":\"%s\",\"roles\":[],"
                               "\"type\":\"user\"}", RD_TEST_USER, RD_TEST_USER_PASSWORD);
  r2 = rd_test_server_request (self, "PUT", "/_users/org.couchdb.user:" RD_TEST_USER,
                               user_body, &status);
  g_assert_cmpuint (status, ==, 201);
  return self;
}

double
rd_test_server_cpu_seconds (RdTestServer *self)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat",
                                           g_subprocess_get_identifier (self->process));
  g_autofree char *text = NULL;
  g_auto (GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  /* After the command's closing parenthesis: state is field 3, utime 14 and stime 15. */
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL))
         / sysconf (_SC_CLK_TCK);
}

/* The server process's id, as text. */
const char *
rd_test_server_get_pid (RdTestServer *self)
{
  return g_subprocess_get_identifier (self->process);
}

const char *
rd_test_server_get_url (RdTestServer *self)
{
  return self->url;
}

void
rd_test_server_kill (RdTestServer *self)
{
  g_autoptr (GError) error = NULL;

  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGKILL);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&self->process);
}

void
rd_test_server_restart (RdTestServer *self)
{
  rd_test_server_kill (self);
  if (!launch (self))
    g_error ("PouchDB Server exited at its restart: port %u was taken", self->port);
}

void
rd_test_server_free (RdTestServer *self)
{
  rd_test_server_kill (self);
  g_clear_object (&self->session);
  rd_test_remove_dir (self->dir);
  g_free (self->dir);
  g_free (self->url);
  g_free (self);
}

void
rd_test_server_create_db (RdTestServer *self,
                          const char   *name)
{
  g_autofree char *path = g_strdup_printf ("/%s", name);
  g_autofree char *security = g_strdup_printf ("/%s/_security", name);
  g_autoptr (JsonNode) r1 = NULL;
  g_autoptr (JsonNode) r2 = NULL;
  guint status = 0;

  r1 = rd_test_server_request (self, "PUT", path, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  r2 = rd_test_server_request (self, "PUT", security,
                               "{\"admins\":{\"names\":[],\"roles\":[]},"
                               "\"members\":{\"names\":[\"" RD_TEST_USER "\"],\"roles\":[]}}",
                               &status);
  g_assert_cmpuint (status, ==, 200);
}

void
rd_test_server_delete_db (RdTestServer *self,
                          const char   *name)
{
  g_autofree char *path = g_strdup_printf ("/%s", name);
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  root = rd_test_server_request (self, "DELETE", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
}

gint64
rd_test_server_doc_count (RdTestServer *self,
                          const char   *name)
{
  g_autofree char *path = g_strdup_printf ("/%s", name);
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  root = rd_test_server_request (self, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_get_int_member (json_node_get_object (root), "doc_count");
}

static char *
doc_path (const char *db,
          const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strdup_printf ("/%s/%s", db, escaped);
}

static JsonNode *
read_doc (RdTestServer *self,
          const char   *db,
          const char   *id,
          guint        *status)
{
  g_autofree char *path = doc_path (db, id);

  return rd_test_server_request (self, "GET", path, NULL, status);
}

JsonObject *
rd_test_server_get_doc (RdTestServer *self,
                        const char   *db,
                        const char   *id)
{
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  root = read_doc (self, db, id, &status);
  if (status == 404)
    return NULL;
  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (root));
}

guint
rd_test_server_doc_status (RdTestServer *self,
                           const char   *db,
                           const char   *id)
{
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  root = read_doc (self, db, id, &status);
  return status;
}

char *
rd_test_server_put_doc (RdTestServer *self,
                        const char   *db,
                        const char   *id,
                        const char   *body)
{
  g_autofree char *path = doc_path (db, id);
  g_autoptr (JsonNode) root = NULL;
  guint status = 0;

  root = rd_test_server_request (self, "PUT", path, body, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "rev"));
}

int
rd_test_run_with_server (const char    *name,
                         RdTestServer **server,
                         char         **workdir)
{
  g_autofree char *template = g_strdup_printf ("rd-%s-XXXXXX", name);
  g_autoptr (GError) error = NULL;
  int status;

  *workdir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  *server = rd_test_server_start ();
  status = g_test_run ();
  g_clear_pointer (server, rd_test_server_free);
  rd_test_remove_dir (*workdir);
  g_clear_pointer (workdir, g_free);
  return status;
}

RdStore *
rd_test_store_new (const char *dir,
                   const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  RdStore *store = rd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

RdSyncEngine *
rd_test_engine_new (RdStore    *store,
                    const char *url,
                    const char *database)
{
  RdSyncEngine *engine = rd_sync_engine_new (store);

  rd_sync_engine_set_server (engine, url, database);
  rd_sync_engine_set_credentials (engine, RD_TEST_USER, RD_TEST_USER_PASSWORD);
  g_object_set (engine, "batch-size", 100, "retry-delay", 10, "max-retries", 2, "timeout", 20,
                NULL);
  return engine;
}

gboolean
rd_test_sync (RdSyncEngine  *engine,
              GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  rd_sync_engine_sync_async (engine, NULL, rd_test_keep_result_cb, &result);
  rd_test_wait_for_result_ms (&result, RD_TEST_SYNC_TIMEOUT_MS, "a sync to end");
  return rd_sync_engine_sync_finish (engine, result, error);
}

void
rd_test_sync_ok (RdSyncEngine *engine)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (rd_test_sync (engine, &error));
  g_assert_no_error (error);
}

int
rd_test_run_cli (const char  *db_path,
                 const char  *password,
                 char       **out,
                 ...)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("RD_CLI"));
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, (gpointer) db_path);
  va_start (ap, out);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  if (password != NULL)
    g_subprocess_launcher_setenv (launcher, "RENEWAL_DESK_SYNC_PASSWORD", password, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "RENEWAL_DESK_SYNC_PASSWORD");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, rd_test_keep_result_cb, &result);
  rd_test_wait_for_result_ms (&result, RD_TEST_SYNC_TIMEOUT_MS, "renewal-desk-cli to end");
  g_subprocess_communicate_utf8_finish (process, result, &text, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", text ? text : "");
  if (out != NULL)
    *out = g_steal_pointer (&text);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

char *
rd_test_add_record (RdStore    *store,
                    const char *customer,
                    const char *stage)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  char *id;

  json_object_set_string_member (body, "type", "offer");
  json_object_set_string_member (body, "customer", customer);
  json_object_set_string_member (body, "stage", stage);
  json_object_set_string_member (body, "product_title", "Observability Suite");
  json_object_set_string_member (body, "agreement_end_date", "2026-06-30");
  id = rd_store_insert (store, body, &error);
  g_assert_no_error (error);
  return id;
}

void
rd_test_add_records (RdStore    *store,
                     const char *prefix,
                     guint       n)
{
  g_autoptr (GError) error = NULL;

  rd_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *customer = g_strdup_printf ("%s %05u", prefix, i);
      g_autofree char *id = rd_test_add_record (store, customer, "identified");

      g_assert_nonnull (id);
    }
  rd_store_commit (store, &error);
  g_assert_no_error (error);
}

void
rd_test_set_field (RdStore    *store,
                   const char *id,
                   const char *field,
                   const char *value)
{
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;

  json_object_set_string_member (patch, field, value);
  rd_store_merge_patch (store, id, patch, &error);
  g_assert_no_error (error);
}

const char *
rd_test_get_field (RdStore    *store,
                   const char *id,
                   const char *field)
{
  g_autoptr (RdRecord) record = rd_store_get_including_deleted (store, id, NULL);
  const char *value;

  if (record == NULL)
    return NULL;
  value = rd_record_get_string (record, field);
  /* Interned so that the caller may compare after the record is gone. */
  return value ? g_intern_string (value) : NULL;
}

guint
rd_test_count_records (RdStore *store)
{
  return rd_store_count (store, NULL);
}

void
rd_test_pair_setup (RdTestPair   *pair,
                    RdTestServer *server,
                    const char   *workdir,
                    const char   *db_prefix)
{
  static guint n_dbs;

  pair->db = g_strdup_printf ("%s%u", db_prefix, ++n_dbs);
  rd_test_server_create_db (server, pair->db);
  pair->dir = g_build_filename (workdir, pair->db, NULL);
  g_mkdir_with_parents (pair->dir, 0700);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("client%u.db", i);

      pair->path[i] = g_build_filename (pair->dir, name, NULL);
      pair->store[i] = rd_test_store_new (pair->dir, name);
      pair->engine[i] = rd_test_engine_new (pair->store[i], rd_test_server_get_url (server),
                                            pair->db);
    }
}

void
rd_test_pair_teardown (RdTestPair *pair)
{
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&pair->engine[i]);
      g_clear_object (&pair->store[i]);
      g_free (pair->path[i]);
    }
  g_free (pair->dir);
  g_free (pair->db);
}
