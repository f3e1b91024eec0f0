/* test-sync-random.c
 *
 * A randomized run against the real PouchDB Server: three command-line clients edit, delete,
 * sync and settle conflicts, a direct HTTP writer changes documents, clients are killed
 * (SIGKILL) in the middle of a sync and so is the server. A model of what was acknowledged
 * checks at the end that every client and the server agree and that no acknowledged edit was
 * lost and nothing was invented. Fixed seeds; RD_SYNC_RANDOM_ROUNDS sets the rounds per seed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "rd-store-sync.h"
#include "rd-sync.h"
#include "rd-test-proxy.h"
#include "rd-test-server.h"
#include "rd-test-wait.h"

#define N_CLIENTS 3
#define N_FIELDS  3

static const char * const fields[N_FIELDS] = { "customer", "notes", "product_title" };

/* What the model expects of a record: a value per field, or deleted. */
typedef struct
{
  gboolean  deleted;
  char     *value[N_FIELDS];
} Expected;

typedef struct
{
  char       *path;
  GHashTable *pending;  /* "id\tfield" → the value this client wrote; "id" → "" for a delete */
  gboolean    killed;   /* killed since its last acknowledged sync */
} Client;

typedef struct
{
  GRand        *rand;
  RdTestServer *server;
  char         *dir;
  char         *db;
  gboolean      server_up;
  Client        client[N_CLIENTS];
  GPtrArray    *ids;
  GHashTable   *expected;  /* id → Expected */
  GHashTable   *written;   /* every value anyone wrote */
  guint         counter;
  guint         conflicts_settled;
  guint         kills;
  guint         server_kills;
  guint         writer_writes;
} Run;

static void
expected_free (Expected *e)
{
  for (guint i = 0; i < N_FIELDS; i++)
    g_free (e->value[i]);
  g_free (e);
}

static Expected *
expected_of (Run        *run,
             const char *id)
{
  Expected *e = g_hash_table_lookup (run->expected, id);

  if (e == NULL)
    {
      e = g_new0 (Expected, 1);
      g_hash_table_insert (run->expected, g_strdup (id), e);
    }
  return e;
}

static guint
field_index (const char *name)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i], name))
      return i;
  g_assert_not_reached ();
}

static char *
new_value (Run        *run,
           const char *who)
{
  char *value = g_strdup_printf ("%s-%u", who, ++run->counter);

  g_hash_table_add (run->written, g_strdup (value));
  return value;
}

static int
cli_sync (Run    *run,
          guint   c,
          char  **out)
{
  return rd_test_run_cli (run->client[c].path, RD_TEST_USER_PASSWORD, out, "sync",
                          "--server", rd_test_server_get_url (run->server), "--database",
                          run->db, "--user", RD_TEST_USER, NULL);
}

/* A sync that ended well: everything this client wrote is now on the server. */
static void
acknowledge (Run   *run,
             guint  c)
{
  Client *client = &run->client[c];
  g_autoptr (RdStore) store = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (client->killed)
    store = rd_test_store_new (run->dir, strrchr (client->path, '/') + 1);
  g_hash_table_iter_init (&iter, client->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto (GStrv) parts = g_strsplit (key, "\t", 2);
      Expected *e = expected_of (run, parts[0]);

      if (parts[1] == NULL)
        {
          e->deleted = TRUE;
          continue;
        }
      /* Killed after its push was acknowledged: a later write may have superseded it. */
      if (store != NULL && g_strcmp0 (rd_test_get_field (store, parts[0], parts[1]), value) != 0)
        continue;
      g_free (e->value[field_index (parts[1])]);
      e->value[field_index (parts[1])] = g_strdup (value);
    }
  g_hash_table_remove_all (client->pending);
  client->killed = FALSE;
}

/* Field conflicts: this client's value; edit against delete: the deletion. */
static void
settle_conflicts (Run   *run,
                  guint  c)
{
  Client *client = &run->client[c];
  g_autofree char *out = NULL;
  g_autoptr (JsonNode) listed = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (rd_test_run_cli (client->path, NULL, &out, "conflicts", "--json", NULL),
                   ==, 0);
  listed = json_from_string (out, &error);
  g_assert_no_error (error);
  array = json_node_get_array (listed);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *conflict = json_array_get_object_element (array, i);
      const char *id = json_object_get_string_member (conflict, "id");
      const char *kind = json_object_get_string_member (conflict, "kind");
      g_autofree char *resolved = NULL;
      const char *take = g_str_equal (kind, "edit_delete") ? "server" : "local";

      g_assert_cmpint (rd_test_run_cli (client->path, NULL, &resolved, "resolve", id, "--take",
                                        take, NULL), ==, 0);
      if (g_str_equal (kind, "edit_delete"))
        {
          /* This client's edits of the record are given up for the deletion. */
          for (guint f = 0; f < N_FIELDS; f++)
            {
              g_autofree char *key = g_strdup_printf ("%s\t%s", id, fields[f]);

              g_hash_table_remove (client->pending, key);
            }
        }
      run->conflicts_settled++;
    }
}

static void
do_sync (Run   *run,
         guint  c)
{
  g_autofree char *out = NULL;
  int status = cli_sync (run, c, &out);

  if (!run->server_up)
    {
      g_assert_cmpint (status, ==, 1);
      return;
    }
  if (status == 3)
    {
      settle_conflicts (run, c);
      return;
    }
  if (status != 0)
    g_error ("sync of client %u failed (%d): %s", c, status, out);
  acknowledge (run, c);
}

static void
do_edit (Run   *run,
         guint  c)
{
  Client *client = &run->client[c];
  const char *id = g_ptr_array_index (run->ids, g_rand_int_range (run->rand, 0, run->ids->len));
  const char *field = fields[g_rand_int_range (run->rand, 0, N_FIELDS)];
  g_autofree char *who = g_strdup_printf ("c%u", c);
  g_autofree char *value = new_value (run, who);
  g_autofree char *patch = g_build_filename (run->dir, "patch.json", NULL);
  g_autofree char *text = g_strdup_printf ("{\"%s\":\"%s\"}", field, value);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_file_set_contents (patch, text, -1, &error);
  g_assert_no_error (error);
  status = rd_test_run_cli (client->path, NULL, &out, "update", id, "--json", patch, NULL);
  /* 2: the record is deleted here (or was never pulled). */
  g_assert_true (status == 0 || status == 2);
  if (status == 0)
    g_hash_table_replace (client->pending, g_strdup_printf ("%s\t%s", id, field),
                          g_steal_pointer (&value));
}

static void
do_delete (Run   *run,
           guint  c)
{
  Client *client = &run->client[c];
  const char *id = g_ptr_array_index (run->ids, g_rand_int_range (run->rand, 0, run->ids->len));
  g_autofree char *out = NULL;
  int status = rd_test_run_cli (client->path, NULL, &out, "delete", id, NULL);

  g_assert_true (status == 0 || status == 2);
  if (status == 0)
    g_hash_table_replace (client->pending, g_strdup (id), g_strdup (""));
}

/* Another team member's tool: read, change one field, write back with the revision. */
static void
do_direct_write (Run *run)
{
  const char *id = g_ptr_array_index (run->ids, g_rand_int_range (run->rand, 0, run->ids->len));
  const char *field = fields[g_rand_int_range (run->rand, 0, N_FIELDS)];
  g_autofree char *path = g_strdup_printf ("/%s/%s", run->db, id);
  g_autoptr (JsonNode) doc = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  if (!run->server_up)
    return;
  doc = rd_test_server_request (run->server, "GET", path, NULL, &status);
  if (status != 200)
    return;
  value = new_value (run, "w");
  json_object_set_string_member (json_node_get_object (doc), field, value);
  text = json_to_string (doc, FALSE);
  answer = rd_test_server_request (run->server, "PUT", path, text, &status);
  if (status == 201)
    {
      Expected *e = expected_of (run, id);

      g_free (e->value[field_index (field)]);
      e->value[field_index (field)] = g_steal_pointer (&value);
      run->writer_writes++;
    }
}

static gboolean
on_kill_cb (gpointer user_data)
{
  g_subprocess_send_signal (G_SUBPROCESS (user_data), SIGKILL);
  return G_SOURCE_REMOVE;
}

static void
on_waited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static void
do_kill_during_sync (Run   *run,
                     guint  c)
{
  gboolean done = FALSE;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "RENEWAL_DESK_SYNC_PASSWORD", RD_TEST_USER_PASSWORD,
                                TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RD_CLI"), "--db",
                                         run->client[c].path, "sync", "--server",
                                         rd_test_server_get_url (run->server), "--database",
                                         run->db, "--user", RD_TEST_USER, NULL);
  g_assert_no_error (error);
  g_timeout_add_full (G_PRIORITY_DEFAULT, g_rand_int_range (run->rand, 5, 120), on_kill_cb,
                      g_object_ref (process), g_object_unref);
  g_subprocess_wait_async (process, NULL, on_waited_cb, &done);
  rd_test_wait_for_flag (&done, "the sync killed in its run to end");
  /* A sync that finished before the kill acknowledged everything. */
  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    acknowledge (run, c);
  else
    run->client[c].killed = TRUE;
  run->kills++;
}

static void
do_kill_server (Run *run)
{
  if (run->server_up)
    {
      rd_test_server_kill (run->server);
      run->server_up = FALSE;
      run->server_kills++;
    }
  else
    {
      rd_test_server_restart (run->server);
      run->server_up = TRUE;
    }
}

static void
do_add (Run   *run,
        guint  c)
{
  g_autofree char *file = g_build_filename (run->dir, "new.json", NULL);
  g_autofree char *who = g_strdup_printf ("c%u", c);
  g_autofree char *customer = new_value (run, who);
  g_autofree char *text = g_strdup_printf ("{\"customer\":\"%s\",\"stage\":\"identified\","
                                           "\"product_type\":\"saas_contract\","
                                           "\"kind\":\"PO\",\"product_title\":\"Suite\"}",
                                           customer);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;

  g_file_set_contents (file, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_test_run_cli (run->client[c].path, NULL, &out, "add", "offer", "--json",
                                    file, NULL), ==, 0);
  g_strchomp (out);
  g_ptr_array_add (run->ids, g_strdup (out));
  g_hash_table_replace (run->client[c].pending, g_strdup_printf ("%s\tcustomer", out),
                        g_steal_pointer (&customer));
}

static void
converge (Run *run)
{
  if (!run->server_up)
    do_kill_server (run);
  /* Until a whole pass of every client finds nothing to do. */
  for (guint pass = 0; pass < 12; pass++)
    {
      gboolean quiet = TRUE;

      for (guint c = 0; c < N_CLIENTS; c++)
        {
          g_autofree char *out = NULL;
          int status = cli_sync (run, c, &out);

          if (status == 3)
            {
              settle_conflicts (run, c);
              quiet = FALSE;
              continue;
            }
          if (status != 0)
            g_error ("final sync of client %u failed (%d): %s", c, status, out);
          if (!g_str_has_prefix (out, "Pushed 0, pulled 0,"))
            quiet = FALSE;
          acknowledge (run, c);
        }
      if (quiet)
        return;
    }
  g_error ("the clients did not converge");
}

static void
check_agreement (Run *run)
{
  g_autofree char *path = g_strdup_printf ("/%s/_all_docs?include_docs=true", run->db);
  g_autoptr (JsonNode) all = NULL;
  g_autoptr (GHashTable) on_server = g_hash_table_new (g_str_hash, g_str_equal);
  RdStore *stores[N_CLIENTS];
  JsonArray *rows;
  guint status = 0;

  all = rd_test_server_request (run->server, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (all), "rows");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      g_hash_table_insert (on_server, (gpointer) json_object_get_string_member (row, "id"),
                           json_object_get_object_member (row, "doc"));
    }
  for (guint c = 0; c < N_CLIENTS; c++)
    stores[c] = rd_test_store_new (run->dir, strrchr (run->client[c].path, '/') + 1);

  for (guint i = 0; i < run->ids->len; i++)
    {
      const char *id = g_ptr_array_index (run->ids, i);
      JsonObject *doc = g_hash_table_lookup (on_server, id);
      Expected *e = g_hash_table_lookup (run->expected, id);

      g_test_message ("%s: %s", id, doc ? "on the server" : "deleted");
      /* Acknowledged deletions stay deleted; acknowledged values are there. */
      if (e != NULL && e->deleted)
        g_assert_null (doc);
      for (guint f = 0; doc != NULL && f < N_FIELDS; f++)
        {
          const char *value = json_object_get_string_member_with_default (doc, fields[f], NULL);

          if (e != NULL && e->value[f] != NULL)
            g_assert_cmpstr (value, ==, e->value[f]);
          /* Nothing invented: every value was written by someone. */
          if (value != NULL && !g_str_equal (fields[f], "product_title"))
            g_assert_true (g_hash_table_contains (run->written, value));
        }
      for (guint c = 0; c < N_CLIENTS; c++)
        for (guint f = 0; f < N_FIELDS; f++)
          {
            const char *mine = doc ? rd_test_get_field (stores[c], id, fields[f]) : NULL;
            g_autoptr (RdRecord) record = rd_store_get (stores[c], id, NULL);

            /* Every client agrees with the server. */
            if (doc == NULL)
              g_assert_null (record);
            else
              g_assert_cmpstr (mine, ==, json_object_get_string_member_with_default (doc,
                                                                                    fields[f],
                                                                                    NULL));
          }
    }
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_assert_cmpuint (rd_store_sync_count_conflicts (stores[c]), ==, 0);
      g_assert_cmpuint (rd_store_sync_count_dirty (stores[c]), ==, 0);
      g_object_unref (stores[c]);
    }
}

static void
run_seed (guint32 seed,
          guint   rounds)
{
  Run run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (RdStore) first = NULL;
  g_autoptr (RdSyncEngine) engine = NULL;

  run.rand = g_rand_new_with_seed (seed);
  run.server = rd_test_server_start ();
  run.server_up = TRUE;
  run.dir = g_dir_make_tmp ("rd-sync-random-XXXXXX", &error);
  g_assert_no_error (error);
  run.db = g_strdup_printf ("random%u", seed);
  run.ids = g_ptr_array_new_with_free_func (g_free);
  run.expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) expected_free);
  run.written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  rd_test_server_create_db (run.server, run.db);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      run.client[c].path = g_strdup_printf ("%s/client%u.db", run.dir, c);
      run.client[c].pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }

  /* A few records everyone starts from. */
  first = rd_test_store_new (run.dir, "client0.db");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *customer = new_value (&run, "seed");

      g_ptr_array_add (run.ids, rd_test_add_record (first, customer, "identified"));
    }
  engine = rd_test_engine_new (first, rd_test_server_get_url (run.server), run.db);
  g_assert_true (rd_test_sync (engine, &error));
  g_assert_no_error (error);
  g_clear_object (&engine);
  g_clear_object (&first);
  for (guint c = 1; c < N_CLIENTS; c++)
    do_sync (&run, c);

  for (guint round = 0; round < rounds; round++)
    {
      guint c = g_rand_int_range (run.rand, 0, N_CLIENTS);
      guint dice = g_rand_int_range (run.rand, 0, 100);

      if (dice < 36)
        do_edit (&run, c);
      else if (dice < 64)
        do_sync (&run, c);
      else if (dice < 78)
        do_direct_write (&run);
      else if (dice < 82)
        do_delete (&run, c);
      else if (dice < 88)
        do_add (&run, c);
      else if (dice < 96)
        do_kill_during_sync (&run, c);
      else
        do_kill_server (&run);
    }
  converge (&run);
  check_agreement (&run);
  g_print ("# seed %u: %u rounds, %u records, %u conflicts settled, %u clients and %u "
                  "servers killed, %u direct writes\n", seed, rounds, run.ids->len,
                  run.conflicts_settled, run.kills, run.server_kills, run.writer_writes);

  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_free (run.client[c].path);
      g_hash_table_unref (run.client[c].pending);
    }
  rd_test_server_free (run.server);
  rd_test_remove_dir (run.dir);
  g_free (run.dir);
  g_free (run.db);
  g_ptr_array_unref (run.ids);
  g_hash_table_unref (run.expected);
  g_hash_table_unref (run.written);
  g_rand_free (run.rand);
}

static void
test_random (gconstpointer data)
{
  const char *env = g_getenv ("RD_SYNC_RANDOM_ROUNDS");
  guint rounds = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 110;

  run_seed (GPOINTER_TO_UINT (data), rounds);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/sync/random/seed-1", GUINT_TO_POINTER (1), test_random);
  g_test_add_data_func ("/sync/random/seed-2", GUINT_TO_POINTER (2), test_random);
  return g_test_run ();
}
