/* rd-reminder.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-reminders"

#include "config.h"

#include <string.h>

#include "rd-date.h"
#include "rd-reminder.h"

struct _RdReminder
{
  GObject          parent_instance;

  char            *id;
  char            *record_id;
  char            *key;
  char            *date;
  GDateTime       *due;
  char            *customer;
  char            *product_title;
  char            *end_date;
  GDateTime       *snoozed_until;
  RdReminderKind   kind;
  RdReminderState  state;
  int              offset_days;
  int              days_left;
};

G_DEFINE_FINAL_TYPE (RdReminder, rd_reminder, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_RECORD_ID,
  PROP_DATE,
  PROP_CUSTOMER,
  PROP_PRODUCT_TITLE,
  PROP_OFFSET_DAYS,
  PROP_DAYS_LEFT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
rd_reminder_finalize (GObject *object)
{
  RdReminder *self = (RdReminder *) object;

  g_free (self->id);
  g_free (self->record_id);
  g_free (self->key);
  g_free (self->date);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_free (self->customer);
  g_free (self->product_title);
  g_free (self->end_date);
  g_clear_pointer (&self->snoozed_until, g_date_time_unref);

  G_OBJECT_CLASS (rd_reminder_parent_class)->finalize (object);
}

static void
rd_reminder_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RdReminder *self = RD_REMINDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_RECORD_ID:
      g_value_set_string (value, self->record_id);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_CUSTOMER:
      g_value_set_string (value, self->customer);
      break;

    case PROP_PRODUCT_TITLE:
      g_value_set_string (value, self->product_title);
      break;

    case PROP_OFFSET_DAYS:
      g_value_set_int (value, self->offset_days);
      break;

    case PROP_DAYS_LEFT:
      g_value_set_int (value, self->days_left);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_reminder_class_init (RdReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_reminder_finalize;
  object_class->get_property = rd_reminder_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_RECORD_ID] =
    g_param_spec_string ("record-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_CUSTOMER] =
    g_param_spec_string ("customer", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_PRODUCT_TITLE] =
    g_param_spec_string ("product-title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_OFFSET_DAYS] =
    g_param_spec_int ("offset-days", NULL, NULL, 0, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_DAYS_LEFT] =
    g_param_spec_int ("days-left", NULL, NULL, G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rd_reminder_init (RdReminder *self)
{
}

RdReminder *
rd_reminder_new (const char     *record_id,
                 RdReminderKind  kind,
                 int             offset_days,
                 const GDate    *date,
                 GDateTime      *due)
{
  RdReminder *self;

  g_return_val_if_fail (record_id != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (due != NULL, NULL);

  self = g_object_new (RD_TYPE_REMINDER, NULL);
  self->record_id = g_strdup (record_id);
  self->kind = kind;
  self->offset_days = kind == RD_REMINDER_KIND_MILESTONE ? offset_days : 0;
  self->key = kind == RD_REMINDER_KIND_MILESTONE
                ? g_strdup_printf ("%d", offset_days)
                : g_strdup (RD_REMINDER_EXPIRATION_KEY);
  self->date = rd_date_format (date);
  self->due = g_date_time_ref (due);
  self->id = g_strdup_printf ("%s/%s/%s", record_id, self->key, self->date);
  return self;
}

const char *
rd_reminder_get_id (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->id;
}

const char *
rd_reminder_get_record_id (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->record_id;
}

RdReminderKind
rd_reminder_get_kind (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), RD_REMINDER_KIND_MILESTONE);
  return self->kind;
}

const char *
rd_reminder_get_key (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->key;
}

int
rd_reminder_get_offset_days (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), 0);
  return self->offset_days;
}

const char *
rd_reminder_get_date (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->date;
}

GDateTime *
rd_reminder_get_due (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->due;
}

const char *
rd_reminder_get_customer (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->customer;
}

const char *
rd_reminder_get_product_title (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->product_title;
}

const char *
rd_reminder_get_end_date (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->end_date;
}

int
rd_reminder_get_days_left (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), 0);
  return self->days_left;
}

RdReminderState
rd_reminder_get_state (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), RD_REMINDER_STATE_NEW);
  return self->state;
}

GDateTime *
rd_reminder_get_snoozed_until (RdReminder *self)
{
  g_return_val_if_fail (RD_IS_REMINDER (self), NULL);
  return self->snoozed_until;
}

void
rd_reminder_set_details (RdReminder *self,
                         const char *customer,
                         const char *product_title,
                         const char *end_date,
                         int         days_left)
{
  g_return_if_fail (RD_IS_REMINDER (self));

  g_free (self->customer);
  self->customer = g_strdup (customer);
  g_free (self->product_title);
  self->product_title = g_strdup (product_title);
  g_free (self->end_date);
  self->end_date = g_strdup (end_date);
  self->days_left = days_left;
}

void
rd_reminder_set_state (RdReminder      *self,
                       RdReminderState  state,
                       GDateTime       *snoozed_until)
{
  g_return_if_fail (RD_IS_REMINDER (self));

  self->state = state;
  g_clear_pointer (&self->snoozed_until, g_date_time_unref);
  if (snoozed_until != NULL)
    self->snoozed_until = g_date_time_ref (snoozed_until);
}

const char *
rd_reminder_kind_to_string (RdReminderKind kind)
{
  return kind == RD_REMINDER_KIND_EXPIRATION ? "expiration" : "milestone";
}

const char *
rd_reminder_state_to_string (RdReminderState state)
{
  switch (state)
    {
    case RD_REMINDER_STATE_FIRED:
      return "fired";
    case RD_REMINDER_STATE_SNOOZED:
      return "snoozed";
    case RD_REMINDER_STATE_DISMISSED:
      return "dismissed";
    case RD_REMINDER_STATE_NEW:
    default:
      return "new";
    }
}

gboolean
rd_reminder_id_parse (const char  *id,
                      char       **record_id,
                      char       **key)
{
  const char *date_sep;
  const char *key_sep;
  g_autofree char *date = NULL;
  GDate d;

  if (id == NULL || (date_sep = strrchr (id, '/')) == NULL || date_sep == id)
    return FALSE;
  key_sep = g_strrstr_len (id, date_sep - id, "/");
  if (key_sep == NULL || key_sep == id || key_sep + 1 == date_sep)
    return FALSE;
  date = g_strdup (date_sep + 1);
  if (!rd_date_parse (date, &d))
    return FALSE;
  if (record_id != NULL)
    *record_id = g_strndup (id, key_sep - id);
  if (key != NULL)
    *key = g_strndup (key_sep + 1, date_sep - key_sep - 1);
  return TRUE;
}

gboolean
rd_reminder_time_parse (const char *text,
                        int        *hour,
                        int        *minute)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':'
      || !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1])
      || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  *hour = (text[0] - '0') * 10 + (text[1] - '0');
  *minute = (text[3] - '0') * 10 + (text[4] - '0');
  return *hour < 24 && *minute < 60;
}

static gint32
offset_at (GTimeZone *tz,
           gint64     instant)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

  return g_time_zone_get_offset (tz, interval);
}

GDateTime *
rd_reminder_due_instant (const GDate *date,
                         int          hour,
                         int          minute,
                         GTimeZone   *tz)
{
  g_autoptr (GDateTime) midnight_utc = NULL;
  g_autoptr (GDateTime) before = NULL;
  g_autoptr (GDateTime) after = NULL;
  g_autoptr (GDateTime) utc = NULL;
  gint64 wall;
  gint32 offset_before;
  gint32 offset_after;
  gint64 lo;
  gint64 hi;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  /* The wall-clock time as if it were UTC; the instant is wall minus the offset in force. */
  midnight_utc = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                      g_date_get_day (date), 0, 0, 0);
  wall = g_date_time_to_unix (midnight_utc) + hour * 3600 + minute * 60;
  /* Zones change their offset at most once a day: the offsets at noon the day before and the
   * day after bracket any transition on this day. */
  offset_before = offset_at (tz, wall - 36 * 3600);
  offset_after = offset_at (tz, wall + 36 * 3600);

  if (offset_at (tz, wall - offset_before) == offset_before)
    utc = g_date_time_new_from_unix_utc (wall - offset_before);
  else if (offset_at (tz, wall - offset_after) == offset_after)
    utc = g_date_time_new_from_unix_utc (wall - offset_after);
  else if (offset_after > offset_before)
    {
      /* In the gap: the transition lies in (wall - offset_after, wall - offset_before]. */
      lo = wall - offset_after;
      hi = wall - offset_before;
      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;

          if (offset_at (tz, mid) == offset_after)
            hi = mid;
          else
            lo = mid;
        }
      utc = g_date_time_new_from_unix_utc (hi);
    }
  else
    {
      before = g_date_time_new (tz, g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), hour, minute, 0);
      return g_steal_pointer (&before);
    }
  after = g_date_time_to_timezone (utc, tz);
  return g_steal_pointer (&after);
}
