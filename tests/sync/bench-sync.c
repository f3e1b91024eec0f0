/* bench-sync.c
 *
 * Push and pull of 10,000 records against a local PouchDB Server, compared with a plain HTTP
 * client making the same requests (no store, no merge, no checkpoint: the floor for any
 * client) and with PouchDB's own replicator. Each measure runs right beside its counterpart
 * (push beside push, pull beside pull), and rounds alternate which client goes first, so that
 * a loaded machine slows both; each round uses fresh databases. Prints the load average,
 * per-round figures (wall time, this process's CPU time, the server's CPU time), the medians,
 * one line per target with `ok` or `FAIL`, and `N passed, N failed`. Exits 0 whatever the
 * figures: it measures, it does not gate. Run with `meson test --benchmark bench-sync` or
 * directly:
 *
 *   bench-sync [--rounds R] [--count N] [--no-pouchdb] [--apart]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#define G_LOG_DOMAIN "rd-sync-bench"

#include "config.h"

#include <errno.h>
#include <libsoup/soup.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "rd-store-sync.h"
#include "rd-sync.h"
#include "rd-test-server.h"

#define BATCH        500
#define TARGET_RATIO 1.3

typedef struct
{
  double wall;
  double cpu;        /* this process */
  double server_cpu; /* the PouchDB Server process */
} Phase;

typedef struct
{
  RdTestServer *server;
  gint64        wall;
  double        cpu;
  double        server_cpu;
} Meter;

static double
self_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
meter_start (Meter        *meter,
             RdTestServer *server)
{
  meter->server = server;
  meter->server_cpu = rd_test_server_cpu_seconds (server);
  meter->cpu = self_cpu_seconds ();
  meter->wall = g_get_monotonic_time ();
}

static Phase
meter_stop (Meter *meter)
{
  Phase phase;

  phase.wall = (g_get_monotonic_time () - meter->wall) / (double) G_USEC_PER_SEC;
  phase.cpu = self_cpu_seconds () - meter->cpu;
  phase.server_cpu = rd_test_server_cpu_seconds (meter->server) - meter->server_cpu;
  return phase;
}

/* Every thread of a process on the given CPUs; threads it starts later inherit them. */
static gboolean
pin_threads (const char      *pid,
             const cpu_set_t *cpus)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/task", pid);
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *tid;

  if (dir == NULL)
    return FALSE;
  while ((tid = g_dir_read_name (dir)) != NULL)
    if (sched_setaffinity ((pid_t) atoi (tid), sizeof *cpus, cpus) != 0)
      return FALSE;
  return TRUE;
}

/* --apart: the server alone on CPU 0, this process (the engines and the plain client) on the
 * others, as when the server is another machine; what the two then take from each other's
 * CPU time is left out of the comparison. */
static gboolean
place_apart (const char *server_pid)
{
  g_autofree char *self_pid = g_strdup_printf ("%d", (int) getpid ());
  cpu_set_t server_cpus, client_cpus;
  long n_cpus = sysconf (_SC_NPROCESSORS_ONLN);

  if (n_cpus < 2)
    {
      g_printerr ("bench-sync: --apart needs 2 CPUs or more, this machine has %ld\n", n_cpus);
      return FALSE;
    }
  CPU_ZERO (&server_cpus);
  CPU_ZERO (&client_cpus);
  CPU_SET (0, &server_cpus);
  for (long cpu = 1; cpu < n_cpus && cpu < CPU_SETSIZE; cpu++)
    CPU_SET (cpu, &client_cpus);
  if (!pin_threads (server_pid, &server_cpus) || !pin_threads (self_pid, &client_cpus))
    {
      g_printerr ("bench-sync: --apart: %s\n", g_strerror (errno));
      return FALSE;
    }
  g_print ("# apart: the server on CPU 0, the clients on CPUs 1 to %ld\n", n_cpus - 1);
  return TRUE;
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **kept = user_data;

  *kept = g_object_ref (result);
}

static gboolean
on_sync_timeout_cb (gpointer user_data)
{
  g_error ("A sync did not end within %d ms", RD_TEST_SYNC_TIMEOUT_MS);
  return G_SOURCE_REMOVE;
}

/* Waits for the round's own events only: no polling timer wakes the loop in between, as none
 * does in the application. */
static Phase
timed_sync (RdTestServer *server,
            RdSyncEngine *engine)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  Meter meter;
  guint timeout;

  meter_start (&meter, server);
  timeout = g_timeout_add (RD_TEST_SYNC_TIMEOUT_MS, on_sync_timeout_cb, NULL);
  rd_sync_engine_sync_async (engine, NULL, on_sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_true (rd_sync_engine_sync_finish (engine, result, &error));
  g_assert_no_error (error);
  return meter_stop (&meter);
}

static JsonNode *
plain_request (SoupSession *session,
               const char  *method,
               const char  *url,
               const char  *body)
{
  g_autoptr (SoupMessage) message = soup_message_new (method, url);
  g_autofree char *pair = g_strdup_printf ("%s:%s", RD_TEST_USER, RD_TEST_USER_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *auth = g_strdup_printf ("Basic %s", encoded);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                auth);
  if (body != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), <, 300);
  json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                              (gssize) g_bytes_get_size (answer), &error);
  g_assert_no_error (error);
  return json_parser_steal_root (parser);
}

/* Documents like the engine's (rd_test_add_record), in batches of 500, into its own
 * database. */
static Phase
run_plain_push (RdTestServer *server,
                SoupSession  *session,
                const char   *database,
                guint         n_records)
{
  g_autofree char *bulk = g_strdup_printf ("%s/%s/_bulk_docs", rd_test_server_get_url (server),
                                           database);
  Meter meter;

  meter_start (&meter, server);
  for (guint done = 0; done < n_records; done += BATCH)
    {
      g_autoptr (JsonArray) docs = json_array_new ();
      g_autoptr (JsonObject) request = json_object_new ();
      g_autoptr (JsonNode) node = NULL;
      g_autoptr (JsonNode) answer = NULL;
      g_autofree char *text = NULL;
      guint n = MIN (BATCH, n_records - done);

      for (guint i = 0; i < n; i++)
        {
          JsonObject *doc = json_object_new ();
          g_autofree char *id = g_uuid_string_random ();
          g_autofree char *customer = g_strdup_printf ("Customer %05u", done + i);

          json_object_set_string_member (doc, "_id", id);
          json_object_set_string_member (doc, "type", "offer");
          json_object_set_string_member (doc, "customer", customer);
          json_object_set_string_member (doc, "stage", "identified");
          json_object_set_string_member (doc, "product_title", "Observability Suite");
          json_object_set_string_member (doc, "agreement_end_date", "2026-06-30");
          json_array_add_object_element (docs, doc);
        }
      json_object_set_array_member (request, "docs", json_array_ref (docs));
      node = json_node_init_object (json_node_alloc (), request);
      text = json_to_string (node, FALSE);
      answer = plain_request (session, "POST", bulk, text);
      g_assert_cmpuint (json_array_get_length (json_node_get_array (answer)), ==, n);
    }
  return meter_stop (&meter);
}

/* The same _changes pages as the engine asks for. */
static Phase
run_plain_pull (RdTestServer *server,
                SoupSession  *session,
                const char   *database,
                guint         n_records)
{
  g_autofree char *since = g_strdup ("0");
  guint pulled = 0;
  Meter meter;
  Phase phase;

  meter_start (&meter, server);
  for (;;)
    {
      g_autofree char *url = g_strdup_printf ("%s/%s/_changes?style=all_docs&include_docs="
                                              "true&conflicts=true&since=%s&limit=%u",
                                              rd_test_server_get_url (server), database, since,
                                              BATCH);
      g_autoptr (JsonNode) answer = plain_request (session, "GET", url, NULL);
      JsonObject *object = json_node_get_object (answer);
      guint n = json_array_get_length (json_object_get_array_member (object, "results"));

      g_free (since);
      since = json_to_string (json_object_get_member (object, "last_seq"), FALSE);
      pulled += n;
      if (n < BATCH)
        break;
    }
  phase = meter_stop (&meter);
  g_assert_cmpuint (pulled, ==, n_records);
  return phase;
}

/* One round's stores and engines: one pushes its records, the other pulls them. */
typedef struct
{
  RdStore      *writer;
  RdStore      *reader;
  RdSyncEngine *push_engine;
  RdSyncEngine *pull_engine;
  guint         n_records;
} EngineRun;

static void
engine_run_init (EngineRun    *run,
                 RdTestServer *server,
                 const char   *dir,
                 const char   *database,
                 guint         round,
                 guint         n_records)
{
  g_autofree char *writer_name = g_strdup_printf ("writer-%u.db", round);
  g_autofree char *reader_name = g_strdup_printf ("reader-%u.db", round);

  run->n_records = n_records;
  run->writer = rd_test_store_new (dir, writer_name);
  run->reader = rd_test_store_new (dir, reader_name);
  rd_test_add_records (run->writer, "Customer", n_records);
  run->push_engine = rd_test_engine_new (run->writer, rd_test_server_get_url (server), database);
  run->pull_engine = rd_test_engine_new (run->reader, rd_test_server_get_url (server), database);
  g_object_set (run->push_engine, "batch-size", BATCH, NULL);
  g_object_set (run->pull_engine, "batch-size", BATCH, NULL);
}

static void
engine_run_clear (EngineRun *run)
{
  g_clear_object (&run->push_engine);
  g_clear_object (&run->pull_engine);
  g_clear_object (&run->writer);
  g_clear_object (&run->reader);
}

static Phase
run_engine_push (RdTestServer *server,
                 EngineRun    *run)
{
  Phase phase = timed_sync (server, run->push_engine);

  g_assert_cmpuint (rd_sync_engine_get_pushed (run->push_engine), ==, run->n_records);
  g_assert_cmpuint (rd_store_sync_count_dirty (run->writer), ==, 0);
  return phase;
}

static Phase
run_engine_pull (RdTestServer *server,
                 EngineRun    *run)
{
  Phase phase = timed_sync (server, run->pull_engine);

  g_assert_cmpuint (rd_sync_engine_get_pulled (run->pull_engine), ==, run->n_records);
  g_assert_cmpuint (rd_store_count (run->reader, NULL), ==, run->n_records);
  g_assert_cmpuint (rd_store_sync_count_quarantined (run->reader), ==, 0);
  return phase;
}

static JsonObject *
run_pouchdb_replicator (RdTestServer *server,
                        const char   *source)
{
  const char *script = g_getenv ("RD_BENCH_REPLICATE_JS");
  const char *node = g_getenv ("RD_NODE");
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, node ? node : "node",
                              script, rd_test_server_get_url (server), source, "bench-pouchdb",
                              RD_TEST_ADMIN, RD_TEST_ADMIN_PASSWORD, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return json_node_dup_object (root);
}

/* The machine may be shared: its load goes with the figures. */
static void
print_load (const char *when)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return;
  fields = g_strsplit (text, " ", 4);
  if (g_strv_length (fields) >= 3)
    g_print ("# load average %s: %s %s %s, %u CPUs\n", when, fields[0], fields[1], fields[2],
             g_get_num_processors ());
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (GArray *phases,
           gsize   offset)
{
  g_autoptr (GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (double), phases->len);
  guint n = phases->len;

  for (guint i = 0; i < n; i++)
    {
      const Phase *phase = &g_array_index (phases, Phase, i);
      double value = *(const double *) ((const char *) phase + offset);

      g_array_append_val (values, value);
    }
  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static void
print_phase (const char  *who,
             const char  *what,
             const Phase *phase)
{
  g_print ("#   %-13s %s %6.2f s  (client CPU %5.2f s, server CPU %5.2f s)\n", who, what,
           phase->wall, phase->cpu, phase->server_cpu);
}

static void
print_median (const char *who,
              const char *what,
              GArray     *phases)
{
  Phase median = {
    median_of (phases, G_STRUCT_OFFSET (Phase, wall)),
    median_of (phases, G_STRUCT_OFFSET (Phase, cpu)),
    median_of (phases, G_STRUCT_OFFSET (Phase, server_cpu)),
  };

  print_phase (who, what, &median);
}

static gboolean
judge (const char *what,
       GArray     *mine,
       GArray     *plain)
{
  double a = median_of (mine, G_STRUCT_OFFSET (Phase, wall));
  double b = median_of (plain, G_STRUCT_OFFSET (Phase, wall));
  double ratio = a / b;
  gboolean good = ratio <= TARGET_RATIO;
  g_autofree char *label = g_strdup_printf ("%s <= %.1fx the plain HTTP client", what,
                                            TARGET_RATIO);
  g_autofree char *detail = g_strdup_printf ("%.2f s / %.2f s = %.2fx", a, b, ratio);

  g_print ("%-44s %-28s %s\n", label, detail, good ? "ok" : "FAIL");
  return good;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (RdTestServer) server = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) engine_push = g_array_new (FALSE, FALSE, sizeof (Phase));
  g_autoptr (GArray) engine_pull = g_array_new (FALSE, FALSE, sizeof (Phase));
  g_autoptr (GArray) plain_push = g_array_new (FALSE, FALSE, sizeof (Phase));
  g_autoptr (GArray) plain_pull = g_array_new (FALSE, FALSE, sizeof (Phase));
  g_autoptr (JsonObject) pouch = NULL;
  g_autoptr (GOptionContext) context = g_option_context_new ("— sync benchmark");
  g_autofree char *dir = NULL;
  int rounds = 5;
  int count = 10000;
  gboolean no_pouchdb = FALSE;
  gboolean apart = FALSE;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds (medians are reported)", "R" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Records pushed and pulled", "N" },
    { "no-pouchdb", 0, 0, G_OPTION_ARG_NONE, &no_pouchdb, "Skip PouchDB's replicator", NULL },
    { "apart", 0, 0, G_OPTION_ARG_NONE, &apart,
      "The server on the first CPU, the clients on the others (as on two machines)", NULL },
    { NULL }
  };
  guint passed = 0, failed = 0;

  g_test_init (&argc, &argv, NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1 || count < 1)
    {
      g_printerr ("bench-sync: %s\n", error ? error->message : "--rounds and --count: 1 or more");
      return 2;
    }
  dir = g_dir_make_tmp ("rd-sync-bench-XXXXXX", &error);
  g_assert_no_error (error);
  server = rd_test_server_start ();
  g_print ("# sync of %d records with PouchDB Server %s, %d rounds\n", count,
           rd_test_server_get_url (server), rounds);
  if (apart && !place_apart (rd_test_server_get_pid (server)))
    return 2;
  print_load ("before");

  for (int round = 0; round < rounds; round++)
    {
      g_autofree char *mine_db = g_strdup_printf ("bench-%d", round);
      g_autofree char *plain_db = g_strdup_printf ("plain-%d", round);
      g_autoptr (SoupSession) session = soup_session_new ();
      EngineRun run = { 0 };
      Phase push, pull, plain_push_phase, plain_pull_phase;

      rd_test_server_create_db (server, mine_db);
      rd_test_server_create_db (server, plain_db);
      engine_run_init (&run, server, dir, mine_db, round, count);
      /* Each pair runs side by side, and who goes first alternates (A B B A, then B A A B):
       * a warming or loaded server hits both. */
      if (round % 2 == 0)
        {
          push = run_engine_push (server, &run);
          plain_push_phase = run_plain_push (server, session, plain_db, count);
          plain_pull_phase = run_plain_pull (server, session, plain_db, count);
          pull = run_engine_pull (server, &run);
        }
      else
        {
          plain_push_phase = run_plain_push (server, session, plain_db, count);
          push = run_engine_push (server, &run);
          pull = run_engine_pull (server, &run);
          plain_pull_phase = run_plain_pull (server, session, plain_db, count);
        }
      engine_run_clear (&run);
      g_array_append_val (engine_push, push);
      g_array_append_val (engine_pull, pull);
      g_array_append_val (plain_push, plain_push_phase);
      g_array_append_val (plain_pull, plain_pull_phase);
      g_print ("# round %d\n", round + 1);
      print_phase ("renewal-desk", "push", &push);
      print_phase ("plain HTTP", "push", &plain_push_phase);
      print_phase ("renewal-desk", "pull", &pull);
      print_phase ("plain HTTP", "pull", &plain_pull_phase);
    }

  print_load ("after");
  g_print ("# medians of %d rounds\n", rounds);
  print_median ("renewal-desk", "push", engine_push);
  print_median ("renewal-desk", "pull", engine_pull);
  print_median ("plain HTTP", "push", plain_push);
  print_median ("plain HTTP", "pull", plain_pull);
  if (!no_pouchdb)
    {
      rd_test_server_create_db (server, "bench-pouchdb");
      pouch = run_pouchdb_replicator (server, "bench-0");
      g_assert_cmpint (json_object_get_int_member (pouch, "docs"), ==, count);
      g_print ("#   %-13s push %6.2f s, pull %6.2f s (once, for comparison)\n",
               "PouchDB repl.", json_object_get_double_member (pouch, "push"),
               json_object_get_double_member (pouch, "pull"));
    }

  if (judge ("push", engine_push, plain_push))
    passed++;
  else
    failed++;
  if (judge ("pull", engine_pull, plain_pull))
    passed++;
  else
    failed++;
  g_print ("%u passed, %u failed\n", passed, failed);
  rd_test_remove_dir (dir);
  return 0;
}
