/* rd-agenda-row.h
 *
 * One date of the selected day in the calendar's agenda: who and what, its status, and the
 * Renew and Mark Done buttons (the "win.renew" and "calendar.mark-done" actions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-calendar-model.h"

G_BEGIN_DECLS

#define RD_TYPE_AGENDA_ROW (rd_agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (RdAgendaRow, rd_agenda_row, RD, AGENDA_ROW, GtkWidget)

GtkWidget       *rd_agenda_row_new       (void);
/* Shows event; a milestone's status is counted from today. */
void             rd_agenda_row_set_event (RdAgendaRow     *self,
                                          RdCalendarEvent *event,
                                          const GDate     *today);
RdCalendarEvent *rd_agenda_row_get_event (RdAgendaRow     *self);

G_END_DECLS
