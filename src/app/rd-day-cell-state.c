/* rd-day-cell-state.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-day-cell-state"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#ifdef HAVE_NL_TIME_FIRST_WEEKDAY
#include <langinfo.h>
#endif

#include "rd-day-cell-state.h"

void
rd_day_cell_state_compute (RdDayCellState *state,
                           const GDate    *date,
                           const GDate    *today,
                           const GDate    *selected,
                           GDateMonth      visible_month,
                           GDateYear       visible_year,
                           guint           n_events,
                           guint           max_chips)
{
  GDateWeekday weekday;

  g_return_if_fail (state != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  memset (state, 0, sizeof *state);

  state->date = *date;
  state->day_of_month = g_date_get_day (date);
  state->is_today = today != NULL && g_date_valid (today) && g_date_compare (date, today) == 0;
  state->is_past = today != NULL && g_date_valid (today) && g_date_compare (date, today) < 0;
  state->is_selected = selected != NULL && g_date_valid (selected)
                       && g_date_compare (date, selected) == 0;
  state->is_other_month = g_date_get_month (date) != visible_month
                          || g_date_get_year (date) != visible_year;

  weekday = g_date_get_weekday (date);
  state->is_weekend = weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;

  state->n_events = n_events;
  if (n_events <= max_chips)
    {
      state->n_chips = n_events;
      state->n_overflow = 0;
    }
  else
    {
      state->n_chips = max_chips > 0 ? max_chips - 1 : 0;
      state->n_overflow = n_events - state->n_chips;
    }
}

void
rd_day_cell_state_css_classes (const RdDayCellState *state,
                               const char          **classes,
                               gsize                 n_classes)
{
  gsize i = 0;

  g_return_if_fail (state != NULL);
  g_return_if_fail (classes != NULL && n_classes >= 8);

#define ADD_CLASS(cond, name) G_STMT_START { if (cond) classes[i++] = name; } G_STMT_END
  ADD_CLASS (state->is_today, "today");
  ADD_CLASS (state->is_selected, "selected");
  ADD_CLASS (state->is_other_month, "other-month");
  ADD_CLASS (state->is_weekend, "weekend");
  ADD_CLASS (state->is_past, "past");
  ADD_CLASS (state->n_overdue > 0, "has-overdue");
  ADD_CLASS (state->n_milestones > 0 && state->n_done == state->n_milestones, "all-done");
#undef ADD_CLASS

  classes[i] = NULL;
}

void
rd_day_cell_state_set_milestones (RdDayCellState *state,
                                  guint           n_milestones,
                                  guint           n_done)
{
  guint open;

  g_return_if_fail (state != NULL);
  g_return_if_fail (n_done <= n_milestones);

  open = n_milestones - n_done;
  state->n_milestones = n_milestones;
  state->n_done = n_done;
  state->n_due = state->is_today ? open : 0;
  state->n_overdue = state->is_past ? open : 0;
}

RdEventStatus
rd_day_cell_state_event_status (const RdDayCellState *state,
                                gboolean              is_milestone,
                                gboolean              done)
{
  g_return_val_if_fail (state != NULL, RD_EVENT_STATUS_NONE);

  if (!is_milestone)
    return RD_EVENT_STATUS_NONE;
  if (done)
    return RD_EVENT_STATUS_DONE;
  if (state->is_today)
    return RD_EVENT_STATUS_DUE;
  return state->is_past ? RD_EVENT_STATUS_OVERDUE : RD_EVENT_STATUS_UPCOMING;
}

RdEventStatus
rd_event_status_compute (const GDate *date,
                         const GDate *today,
                         gboolean     is_milestone,
                         gboolean     done)
{
  int cmp;

  if (!is_milestone)
    return RD_EVENT_STATUS_NONE;
  if (done)
    return RD_EVENT_STATUS_DONE;
  if (date == NULL || today == NULL || !g_date_valid (date) || !g_date_valid (today))
    return RD_EVENT_STATUS_UPCOMING;
  cmp = g_date_compare (date, today);
  if (cmp == 0)
    return RD_EVENT_STATUS_DUE;
  return cmp < 0 ? RD_EVENT_STATUS_OVERDUE : RD_EVENT_STATUS_UPCOMING;
}

const char *
rd_event_status_css_class (RdEventStatus status)
{
  switch (status)
    {
    case RD_EVENT_STATUS_DONE:
      return "done";
    case RD_EVENT_STATUS_DUE:
      return "due";
    case RD_EVENT_STATUS_OVERDUE:
      return "overdue";
    case RD_EVENT_STATUS_NONE:
    case RD_EVENT_STATUS_UPCOMING:
    default:
      return NULL;
    }
}

const char *
rd_event_status_label (RdEventStatus status)
{
  switch (status)
    {
    case RD_EVENT_STATUS_DONE:
      return _("Done");
    case RD_EVENT_STATUS_DUE:
      return _("Due today");
    case RD_EVENT_STATUS_OVERDUE:
      return _("Overdue");
    case RD_EVENT_STATUS_NONE:
    case RD_EVENT_STATUS_UPCOMING:
    default:
      return NULL;
    }
}

char *
rd_day_cell_state_dup_accessible_label (const RdDayCellState *state)
{
  g_autoptr (GDateTime) dt = NULL;
  g_autofree char *day = NULL;
  g_autofree char *events = NULL;

  g_return_val_if_fail (state != NULL, NULL);

  /* A calendar date has no time zone; UTC spares a local zone lookup per cell. */
  dt = g_date_time_new_utc (g_date_get_year (&state->date),
                            g_date_get_month (&state->date),
                            g_date_get_day (&state->date),
                            12, 0, 0);
  /* Translators: a day in the calendar grid, see strftime(3) */
  /* xgettext:no-c-format */
  day = g_date_time_format (dt, _("%A, %-d %B %Y"));

  if (state->n_events == 0)
    events = g_strdup (_("nothing due"));
  else
    events = g_strdup_printf (g_dngettext (NULL, "%u date", "%u dates", state->n_events),
                              state->n_events);

  if (state->n_overdue > 0 || state->n_done > 0)
    {
      g_autofree char *with_status = NULL;

      if (state->n_overdue > 0)
        /* Translators: "2 dates, 1 overdue": milestones not marked done on a past day */
        with_status = g_strdup_printf (g_dngettext (NULL, "%s, %u overdue", "%s, %u overdue",
                                                    state->n_overdue),
                                       events, state->n_overdue);
      else
        /* Translators: "2 dates, 1 done": milestones marked done */
        with_status = g_strdup_printf (g_dngettext (NULL, "%s, %u done", "%s, %u done",
                                                    state->n_done),
                                       events, state->n_done);
      g_free (events);
      events = g_steal_pointer (&with_status);
    }

  if (state->is_today)
    /* Translators: day, "today", number of dates: "Tuesday, 3 March 2026, today, 2 dates" */
    return g_strdup_printf (_("%s, today, %s"), g_strstrip (day), events);

  /* Translators: day, number of dates: "Tuesday, 3 March 2026, 2 dates" */
  return g_strdup_printf (_("%s, %s"), g_strstrip (day), events);
}

void
rd_month_grid_range (GDateMonth    month,
                     GDateYear     year,
                     GDateWeekday  first_weekday,
                     GDate        *first,
                     GDate        *last)
{
  int back;

  g_return_if_fail (g_date_valid_month (month));
  g_return_if_fail (g_date_valid_year (year));
  g_return_if_fail (g_date_valid_weekday (first_weekday));
  g_return_if_fail (first != NULL);

  g_date_clear (first, 1);
  g_date_set_dmy (first, 1, month, year);

  back = ((int) g_date_get_weekday (first) - (int) first_weekday + 7) % 7;
  g_date_subtract_days (first, back);

  if (last != NULL)
    {
      *last = *first;
      g_date_add_days (last, RD_MONTH_GRID_DAYS - 1);
    }
}

GDateWeekday
rd_month_grid_locale_first_weekday (void)
{
#ifdef HAVE_NL_TIME_FIRST_WEEKDAY
  union { unsigned int word; char *string; } langinfo;
  int week_1stday = 0;
  int first_weekday;
  guint week_origin;

  /* As GTK's calendar does: _NL_TIME_WEEK_1STDAY is a date (a Sunday or a Monday) and
   * _NL_TIME_FIRST_WEEKDAY counts from it, 1 being that day. */
  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130) /* Sunday */
    week_1stday = 0;
  else if (week_origin == 19971201) /* Monday */
    week_1stday = 1;

  /* 0 = Sunday ... 6 = Saturday */
  first_weekday = (week_1stday + first_weekday - 1) % 7;

  return first_weekday == 0 ? G_DATE_SUNDAY : (GDateWeekday) first_weekday;
#else
  return G_DATE_MONDAY;
#endif
}
