/* rd-notify-helper.c
 *
 * A GApplication with the reminder notifier on a given database and a clock the test moves.
 * test-notifications.py drives it line by line on standard input (fields separated by tabs):
 *   now <ISO 8601>                             set the clock (Europe/Berlin unless an offset)
 *   agreement <id> <end date> <customer> <product>
 *   delete <id>  |  show <id>  |  state <reminder id>  |  start  |  check  |  quit
 * and it answers each line with "ok" once the D-Bus messages it caused are sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-notify-helper"

#include "config.h"

#include <stdio.h>

#include "rd-reminder-notifier.h"

typedef struct
{
  GApplication        *application;
  RdStore             *store;
  RdReminderScheduler *scheduler;
  RdReminderNotifier  *notifier;
  GDateTime           *now;
  GIOChannel          *input;
  const char          *db_path;
} Helper;

static GDateTime *
helper_clock (gpointer user_data)
{
  Helper *helper = user_data;

  return g_date_time_ref (helper->now);
}

static void
reply (Helper     *helper,
       const char *text)
{
  GDBusConnection *connection = g_application_get_dbus_connection (helper->application);

  if (connection != NULL)
    g_dbus_connection_flush_sync (connection, NULL, NULL);
  printf ("ok%s%s\n", text ? " " : "", text ? text : "");
  fflush (stdout);
}

static void
add_agreement (Helper     *helper,
               GStrv       fields)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  json_object_set_string_member (body, "_id", fields[1]);
  json_object_set_string_member (body, "type", "agreement");
  json_object_set_string_member (body, "end_date", fields[2]);
  json_object_set_string_member (body, "customer", fields[3]);
  json_object_set_string_member (body, "product_title", fields[4]);
  json_object_set_string_member (body, "status", "ACTIVE");
  id = rd_store_insert (helper->store, body, &error);
  g_assert_no_error (error);
}

/* Checks read on the store's worker: waits until the scheduler has delivered everything. */
static void
wait_idle (Helper *helper)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (rd_reminder_scheduler_is_busy (helper->scheduler))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
handle_line (Helper *helper,
             char   *line)
{
  g_auto (GStrv) fields = g_strsplit (g_strchomp (line), "\t", -1);
  g_autoptr (GError) error = NULL;
  guint n = g_strv_length (fields);

  if (n == 0)
    return TRUE;
  if (g_str_equal (fields[0], "now") && n == 2)
    {
      g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
      g_autoptr (GDateTime) parsed = g_date_time_new_from_iso8601 (fields[1], tz);

      g_assert_nonnull (parsed);
      g_clear_pointer (&helper->now, g_date_time_unref);
      helper->now = g_date_time_to_timezone (parsed, tz);
    }
  else if (g_str_equal (fields[0], "agreement") && n == 5)
    add_agreement (helper, fields);
  else if (g_str_equal (fields[0], "delete") && n == 2)
    {
      rd_store_delete (helper->store, fields[1], &error);
      g_assert_no_error (error);
      /* The scheduler re-checks on idle after the store's "changed". */
      wait_idle (helper);
    }
  else if (g_str_equal (fields[0], "show") && n == 2)
    {
      g_autoptr (RdRecord) record = rd_store_get (helper->store, fields[1], &error);
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      json = rd_record_to_json (record, FALSE);
      reply (helper, json);
      return TRUE;
    }
  else if (g_str_equal (fields[0], "state") && n == 2)
    {
      g_autoptr (GPtrArray) due = rd_reminder_scheduler_list_due (helper->scheduler, &error);
      const char *state = "none";

      g_assert_no_error (error);
      for (guint i = 0; i < due->len; i++)
        if (g_str_equal (rd_reminder_get_id (g_ptr_array_index (due, i)), fields[1]))
          state = rd_reminder_state_to_string (rd_reminder_get_state (g_ptr_array_index (due,
                                                                                         i)));
      reply (helper, state);
      return TRUE;
    }
  else if (g_str_equal (fields[0], "can-deliver"))
    {
      reply (helper, rd_reminder_scheduler_get_can_deliver (helper->scheduler) ? "yes" : "no");
      return TRUE;
    }
  else if (g_str_equal (fields[0], "start"))
    {
      rd_reminder_scheduler_start (helper->scheduler);
      wait_idle (helper);
    }
  else if (g_str_equal (fields[0], "check"))
    {
      rd_reminder_scheduler_check (helper->scheduler);
      wait_idle (helper);
    }
  else if (g_str_equal (fields[0], "quit"))
    {
      reply (helper, NULL);
      return FALSE;
    }
  else
    g_error ("Unknown command: %s", line);
  reply (helper, NULL);
  return TRUE;
}

static gboolean
on_input_cb (GIOChannel   *channel,
             GIOCondition  condition,
             gpointer      user_data)
{
  Helper *helper = user_data;
  g_autofree char *line = NULL;
  GIOStatus status;

  status = g_io_channel_read_line (channel, &line, NULL, NULL, NULL);
  if (status == G_IO_STATUS_AGAIN)
    return G_SOURCE_CONTINUE;
  if (status != G_IO_STATUS_NORMAL || !handle_line (helper, line))
    {
      g_application_release (helper->application);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_open_record_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_print ("open-record %s\n", g_variant_get_string (parameter, NULL));
}

static void
on_startup_cb (GApplication *application,
               Helper       *helper)
{
  static const GActionEntry entries[] = {
    { "open-record", on_open_record_cb, "s" },
  };
  g_autoptr (GError) error = NULL;

  helper->store = rd_store_open (helper->db_path, &error);
  g_assert_no_error (error);
  helper->scheduler = rd_reminder_scheduler_new (helper->store);
  rd_reminder_scheduler_set_clock (helper->scheduler, helper_clock, helper, NULL);
  helper->notifier = rd_reminder_notifier_new (application, helper->scheduler);
  g_action_map_add_action_entries (G_ACTION_MAP (application), entries,
                                   G_N_ELEMENTS (entries), helper);

  /* Runs without a window, as `renewal-desk --background` does. */
  g_application_hold (application);
  helper->input = g_io_channel_unix_new (0);
  g_io_add_watch (helper->input, G_IO_IN | G_IO_HUP | G_IO_ERR, on_input_cb, helper);
}

static void
on_activate_cb (GApplication *application,
                Helper       *helper)
{
}

int
main (int    argc,
      char **argv)
{
  Helper helper = { 0 };
  int status;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  helper.db_path = argv[1];
  helper.now = g_date_time_new_now_local ();
  helper.application = g_application_new (APPLICATION_ID ".NotifyTest",
                                          G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (helper.application, "startup", G_CALLBACK (on_startup_cb), &helper);
  g_signal_connect (helper.application, "activate", G_CALLBACK (on_activate_cb), &helper);
  status = g_application_run (helper.application, 1, argv);

  rd_reminder_scheduler_stop (helper.scheduler);
  g_clear_object (&helper.notifier);
  g_clear_object (&helper.scheduler);
  g_clear_object (&helper.store);
  g_clear_object (&helper.application);
  g_clear_pointer (&helper.input, g_io_channel_unref);
  g_clear_pointer (&helper.now, g_date_time_unref);
  return status;
}
