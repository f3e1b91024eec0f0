/* rd-cli-reminders.c
 *
 * `renewal-desk-cli reminders`: the reminders due at a moment (now by default), as the app's
 * scheduler sees them, with what this device did with each: by default the user's own and
 * unowned renewals only, as the app's settings name the user. Changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-cli.h"
#include "rd-milestones.h"
#include "rd-reminder-scheduler.h"

static GDateTime *
fixed_clock (gpointer user_data)
{
  return g_date_time_ref (user_data);
}

/* YYYY-MM-DDTHH:MM (or with seconds, or with an offset), local time unless an offset is given. */
static GDateTime *
parse_at (const char *text)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  g_autoptr (GDateTime) parsed = NULL;
  g_autofree char *with_seconds = NULL;

  if (text == NULL)
    return g_date_time_new_now (local);
  if (strlen (text) == 16)
    text = with_seconds = g_strconcat (text, ":00", NULL);
  parsed = g_date_time_new_from_iso8601 (text, local);
  if (parsed == NULL)
    return NULL;
  return g_date_time_to_timezone (parsed, local);
}

static gboolean
parse_offsets (const char *text,
               GArray     *out)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 value;
      int days;

      if (!g_ascii_string_to_signed (g_strstrip (parts[i]), 10, 1, 3 * 366, &value, NULL))
        return FALSE;
      days = (int) value;
      g_array_append_val (out, days);
    }
  return out->len > 0;
}

/* The app's settings, when its schema is installed (a build's data/ through
 * GSETTINGS_SCHEMA_DIR, or the system's); NULL otherwise. */
static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  return schema != NULL ? g_settings_new_full (schema, NULL, NULL) : NULL;
}

static JsonNode *
reminder_to_node (RdReminder *reminder)
{
  g_autoptr (JsonObject) object = json_object_new ();
  g_autofree char *due = g_date_time_format_iso8601 (rd_reminder_get_due (reminder));
  JsonNode *node;

  json_object_set_string_member (object, "id", rd_reminder_get_id (reminder));
  json_object_set_string_member (object, "record_id", rd_reminder_get_record_id (reminder));
  json_object_set_string_member (object, "kind",
                                 rd_reminder_kind_to_string (rd_reminder_get_kind (reminder)));
  json_object_set_int_member (object, "offset_days", rd_reminder_get_offset_days (reminder));
  json_object_set_string_member (object, "date", rd_reminder_get_date (reminder));
  json_object_set_string_member (object, "due", due);
  json_object_set_string_member (object, "customer", rd_reminder_get_customer (reminder));
  json_object_set_string_member (object, "product_title",
                                 rd_reminder_get_product_title (reminder));
  json_object_set_string_member (object, "end_date", rd_reminder_get_end_date (reminder));
  json_object_set_int_member (object, "days_left", rd_reminder_get_days_left (reminder));
  json_object_set_string_member (object, "state",
                                 rd_reminder_state_to_string (rd_reminder_get_state (reminder)));
  if (rd_reminder_get_snoozed_until (reminder) != NULL)
    {
      GDateTime *snoozed_until = rd_reminder_get_snoozed_until (reminder);
      g_autofree char *until = g_date_time_format_iso8601 (snoozed_until);

      json_object_set_string_member (object, "snoozed_until", until);
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  return node;
}

int
rd_cli_reminders (const RdCliGlobals *globals,
                  int                 argc,
                  char              **argv)
{
  g_autofree char *at_text = NULL;
  g_autofree char *offsets_text = NULL;
  g_autofree char *time_text = NULL;
  g_autofree char *owner = NULL;
  gboolean all_owners = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_("The moment to look at (default: now)"),
      "YYYY-MM-DDTHH:MM" },
    { "offsets", 0, 0, G_OPTION_ARG_STRING, &offsets_text,
      N_("Milestone days before the end date (default: as the app is set, else 120,90,60)"),
      "DAYS,…" },
    { "time", 0, 0, G_OPTION_ARG_STRING, &time_text,
      N_("Time of day reminders are due (default: as the app is set, else 09:00)"), "HH:MM" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner,
      N_("Only NAME’s own and unowned renewals (default: the app’s owner name, else its sync "
         "user)"), "NAME" },
    { "all-owners", 0, 0, G_OPTION_ARG_NONE, &all_owners,
      N_("Everyone’s renewals, whoever owns them"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context =
    g_option_context_new (_("— list the renewal reminders due at a moment"));
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdReminderScheduler) scheduler = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;
  int hour = RD_REMINDER_DEFAULT_HOUR;
  int minute = RD_REMINDER_DEFAULT_MINUTE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 1)
    {
      rd_cli_error (_("reminders takes no arguments besides its options"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((at = parse_at (at_text)) == NULL)
    {
      rd_cli_error (_("--at: “%s” is not a moment of the form YYYY-MM-DDTHH:MM"), at_text);
      return RD_CLI_EXIT_USAGE;
    }
  if (offsets_text != NULL && !parse_offsets (offsets_text, offsets))
    {
      rd_cli_error (_("--offsets: “%s” is not a list of days such as 120,90,60"),
                    offsets_text);
      return RD_CLI_EXIT_USAGE;
    }
  if (time_text != NULL && !rd_reminder_time_parse (time_text, &hour, &minute))
    {
      rd_cli_error (_("--time: “%s” is not a time of the form HH:MM"), time_text);
      return RD_CLI_EXIT_USAGE;
    }
  if (owner != NULL && all_owners)
    {
      rd_cli_error (_("--owner and --all-owners exclude each other"));
      return RD_CLI_EXIT_USAGE;
    }
  if (owner != NULL && *g_strstrip (owner) == '\0')
    {
      rd_cli_error (_("--owner needs a name; --all-owners shows everyone’s renewals"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;

  scheduler = rd_reminder_scheduler_new (store);
  rd_reminder_scheduler_set_clock (scheduler, fixed_clock, g_date_time_ref (at),
                                   (GDestroyNotify) g_date_time_unref);
  /* What the app would remind this user of: its offsets, time and owner name. */
  settings = app_settings ();
  if (settings != NULL)
    rd_reminder_scheduler_bind_settings (scheduler, settings);
  else if (owner == NULL && !all_owners)
    rd_cli_error (_("The app’s settings are not installed, so the user’s name is unknown: "
                    "showing everyone’s reminders. Name the user with --owner."));
  if (all_owners)
    rd_reminder_scheduler_set_owner_name (scheduler, NULL);
  else if (owner != NULL)
    rd_reminder_scheduler_set_owner_name (scheduler, owner);
  if (offsets->len > 0)
    rd_reminder_scheduler_set_offsets (scheduler, (const int *) (gpointer) offsets->data,
                                       offsets->len);
  rd_reminder_scheduler_set_reminder_time (scheduler, hour, minute);
  due = rd_reminder_scheduler_list_due (scheduler, &error);
  if (due == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }

  if (json)
    {
      g_autoptr (JsonArray) array = json_array_sized_new (due->len);
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      for (guint i = 0; i < due->len; i++)
        json_array_add_element (array, reminder_to_node (g_ptr_array_index (due, i)));
      json_node_set_array (root, array);
      text = json_to_string (root, TRUE);
      g_print ("%s\n", text);
      return RD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < due->len; i++)
    {
      RdReminder *reminder = g_ptr_array_index (due, i);
      g_autofree char *due_text = g_date_time_format (rd_reminder_get_due (reminder),
                                                      "%Y-%m-%d %H:%M");
      g_autofree char *what = NULL;

      if (rd_reminder_get_kind (reminder) == RD_REMINDER_KIND_EXPIRATION)
        what = g_strdup (_("offer expires"));
      else
        what = rd_milestone_dup_label (rd_reminder_get_offset_days (reminder));
      g_print ("%s  %-20s  %5d  %-9s  %s  %s — %s\n",
               due_text, what, rd_reminder_get_days_left (reminder),
               rd_reminder_state_to_string (rd_reminder_get_state (reminder)),
               rd_reminder_get_record_id (reminder),
               rd_reminder_get_customer (reminder) ? rd_reminder_get_customer (reminder) : "",
               rd_reminder_get_product_title (reminder)
                 ? rd_reminder_get_product_title (reminder) : "");
    }
  if (due->len == 0)
    g_print (_("No reminders due\n"));
  return RD_CLI_EXIT_OK;
}
