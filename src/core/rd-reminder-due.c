/* rd-reminder-due.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <json-glib/json-glib.h>

#include "rd-date.h"
#include "rd-milestones.h"
#include "rd-reminder-due.h"

RdReminderDueRules *
rd_reminder_due_rules_copy (const RdReminderDueRules *rules)
{
  RdReminderDueRules *copy = g_new0 (RdReminderDueRules, 1);

  *copy = *rules;
  copy->offsets = g_memdup2 (rules->offsets, sizeof (int) * rules->n_offsets);
  copy->owner_name = g_strdup (rules->owner_name);
  return copy;
}

void
rd_reminder_due_rules_free (RdReminderDueRules *rules)
{
  if (rules == NULL)
    return;
  g_free ((gpointer) rules->offsets);
  g_free ((gpointer) rules->owner_name);
  g_free (rules);
}

void
rd_reminder_candidate_free (RdReminderCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->record_id);
  g_free (candidate->date);
  g_free (candidate->end_date);
  g_free (candidate->customer);
  g_free (candidate->product_title);
  g_free (candidate->milestones);
  g_free (candidate->owner);
  g_free (candidate->renewal_stage);
  g_free (candidate);
}

static void
date_of (GDateTime *instant,
         GDate     *out)
{
  int y, m, d;

  g_date_time_get_ymd (instant, &y, &m, &d);
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

static GDateTime *
due_of (const RdReminderDueRules *rules,
        const GDate              *date,
        GTimeZone                *tz)
{
  return rd_reminder_due_instant (date, rules->hour, rules->minute, tz);
}

void
rd_reminder_due_window (const RdReminderDueRules *rules,
                        GDateTime                *now,
                        GDate                    *end_from,
                        GDate                    *end_to,
                        GDate                    *expiration_from,
                        GDate                    *expiration_to)
{
  GDate today;

  date_of (now, &today);
  *end_from = today;
  /* Past the largest offset nothing has come due yet; with no offsets, nothing at all. */
  if (rules->n_offsets > 0)
    rd_date_add_days_to (&today, rules->offsets[0], end_to);
  else
    rd_date_add_days_to (&today, -1, end_to);
  rd_date_add_days_to (&today, -RD_REMINDER_EXPIRATION_CATCH_UP_DAYS, expiration_from);
  *expiration_to = today;
}

static RdReminder *
due_milestone (const RdReminderDueRules  *rules,
               const RdReminderCandidate *candidate,
               GDateTime                 *now,
               const GDate               *today)
{
  GTimeZone *tz = g_date_time_get_timezone (now);
  g_autoptr (GDateTime) latest_due = NULL;
  RdReminder *reminder;
  GDate end, latest;
  int latest_offset = 0;
  char key[16];

  /* Pay-as-you-go agreements have no end date; a bad one is skipped. An accepted renewal
   * settles every milestone, whatever the offsets. */
  if (!rd_date_parse (candidate->date, &end)
      || rd_milestones_renewal_stage_settles (candidate->renewal_stage))
    return NULL;
  /* Offsets descend, so milestone dates ascend: keep the last one already due. */
  for (guint i = 0; i < rules->n_offsets; i++)
    {
      g_autoptr (GDateTime) due = NULL;
      GDate date;

      rd_date_add_days_to (&end, -rules->offsets[i], &date);
      due = due_of (rules, &date, tz);
      if (g_date_time_compare (due, now) > 0)
        break;
      g_clear_pointer (&latest_due, g_date_time_unref);
      latest_due = g_steal_pointer (&due);
      latest = date;
      latest_offset = rules->offsets[i];
    }
  if (latest_due == NULL)
    return NULL;
  g_snprintf (key, sizeof key, "%d", latest_offset);
  if (rd_reminder_due_is_done (candidate->milestones, key))
    return NULL;
  reminder = rd_reminder_new (candidate->record_id, RD_REMINDER_KIND_MILESTONE, latest_offset,
                              &latest, latest_due);
  rd_reminder_set_details (reminder, candidate->customer, candidate->product_title,
                           candidate->date, rd_date_days_between (today, &end));
  return reminder;
}

static RdReminder *
due_expiration (const RdReminderDueRules  *rules,
                const RdReminderCandidate *candidate,
                GDateTime                 *now,
                const GDate               *today)
{
  g_autoptr (GDateTime) due = NULL;
  RdReminder *reminder;
  GDate expiration, first;

  if (!rd_date_parse (candidate->date, &expiration))
    return NULL;
  rd_date_add_days_to (today, -RD_REMINDER_EXPIRATION_CATCH_UP_DAYS, &first);
  if (rd_date_compare (&expiration, &first) < 0 || rd_date_compare (&expiration, today) > 0)
    return NULL;
  due = due_of (rules, &expiration, g_date_time_get_timezone (now));
  if (g_date_time_compare (due, now) > 0)
    return NULL;
  if (rd_reminder_due_is_done (candidate->milestones, RD_REMINDER_EXPIRATION_KEY))
    return NULL;
  reminder = rd_reminder_new (candidate->record_id, RD_REMINDER_KIND_EXPIRATION, 0,
                              &expiration, due);
  rd_reminder_set_details (reminder, candidate->customer, candidate->product_title,
                           candidate->end_date, rd_date_days_between (today, &expiration));
  return reminder;
}

static char *
name_key (const char *name)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *normalized = g_utf8_normalize (trimmed, -1, G_NORMALIZE_ALL_COMPOSE);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

gboolean
rd_reminder_due_is_for (const char *owner_name,
                        const char *owner)
{
  g_autofree char *user = name_key (owner_name);
  g_autofree char *responsible = name_key (owner);

  return *user == '\0' || *responsible == '\0' || g_str_equal (user, responsible);
}

RdReminder *
rd_reminder_due_for (const RdReminderDueRules  *rules,
                     const RdReminderCandidate *candidate,
                     GDateTime                 *now)
{
  GDate today;

  g_return_val_if_fail (rules != NULL && candidate != NULL && now != NULL, NULL);

  if (!rd_reminder_due_is_for (rules->owner_name, candidate->owner))
    return NULL;
  date_of (now, &today);
  if (candidate->kind == RD_REMINDER_KIND_EXPIRATION)
    return due_expiration (rules, candidate, now, &today);
  return due_milestone (rules, candidate, now, &today);
}

GPtrArray *
rd_reminder_due_compute (const RdReminderDueRules *rules,
                         GPtrArray                *candidates,
                         GDateTime                *now)
{
  GPtrArray *due = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < candidates->len; i++)
    {
      RdReminder *reminder = rd_reminder_due_for (rules, g_ptr_array_index (candidates, i), now);

      if (reminder != NULL)
        g_ptr_array_add (due, reminder);
    }
  g_ptr_array_sort (due, rd_reminder_due_compare);
  return due;
}

int
rd_reminder_due_compare (gconstpointer a,
                         gconstpointer b)
{
  RdReminder *ra = *(RdReminder **) a;
  RdReminder *rb = *(RdReminder **) b;
  int c = g_date_time_compare (rd_reminder_get_due (ra), rd_reminder_get_due (rb));

  return c != 0 ? c : g_strcmp0 (rd_reminder_get_id (ra), rd_reminder_get_id (rb));
}

int
rd_reminder_due_compare_urgency (gconstpointer a,
                                 gconstpointer b)
{
  RdReminder *ra = *(RdReminder **) a;
  RdReminder *rb = *(RdReminder **) b;
  int ka = rd_reminder_get_kind (ra) == RD_REMINDER_KIND_EXPIRATION
             ? -1 : rd_reminder_get_offset_days (ra);
  int kb = rd_reminder_get_kind (rb) == RD_REMINDER_KIND_EXPIRATION
             ? -1 : rd_reminder_get_offset_days (rb);

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return rd_reminder_due_compare (a, b);
}

void
rd_reminder_due_first_day (const RdReminderDueRules *rules,
                           GDateTime                *now,
                           GDate                    *first)
{
  g_autoptr (GDateTime) today_due = NULL;

  date_of (now, first);
  today_due = due_of (rules, first, g_date_time_get_timezone (now));
  if (g_date_time_compare (today_due, now) <= 0)
    g_date_add_days (first, 1);
}

gboolean
rd_reminder_due_is_pending (RdReminder *reminder,
                            GDateTime  *now)
{
  switch (rd_reminder_get_state (reminder))
    {
    case RD_REMINDER_STATE_NEW:
      return TRUE;
    case RD_REMINDER_STATE_SNOOZED:
      return g_date_time_compare (rd_reminder_get_snoozed_until (reminder), now) <= 0;
    case RD_REMINDER_STATE_FIRED:
    case RD_REMINDER_STATE_DISMISSED:
    default:
      return FALSE;
    }
}

gboolean
rd_reminder_due_is_done (const char *milestones_json,
                         const char *key)
{
  g_autoptr (JsonParser) parser = NULL;
  JsonNode *root;
  JsonNode *member;

  if (milestones_json == NULL)
    return FALSE;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, milestones_json, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  member = json_object_get_member (json_node_get_object (root), key);
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member))
    return FALSE;
  if (json_node_get_value_type (member) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (member);
  return json_node_get_value_type (member) == G_TYPE_STRING
         && g_str_equal (json_node_get_string (member), "done");
}

gboolean
rd_reminder_state_parse (const char       *state_text,
                         const char       *until_text,
                         RdReminderState  *state,
                         GDateTime       **until)
{
  *until = NULL;
  if (g_strcmp0 (state_text, "fired") == 0)
    *state = RD_REMINDER_STATE_FIRED;
  else if (g_strcmp0 (state_text, "dismissed") == 0)
    *state = RD_REMINDER_STATE_DISMISSED;
  else if (g_strcmp0 (state_text, "snoozed") == 0)
    {
      *state = RD_REMINDER_STATE_SNOOZED;
      if (until_text != NULL)
        *until = g_date_time_new_from_iso8601 (until_text, NULL);
      return *until != NULL;
    }
  else
    return FALSE;
  return TRUE;
}
