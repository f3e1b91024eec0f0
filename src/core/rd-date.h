/* rd-date.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Calendar dates as the documents spell them: YYYY-MM-DD, no time, no zone. */

gboolean  rd_date_parse            (const char     *text,
                                    GDate          *out);
char     *rd_date_format           (const GDate    *date);
void      rd_date_today            (GTimeZone      *tz,
                                    GDate          *out);
int       rd_date_days_between     (const GDate    *from,
                                    const GDate    *to);
void      rd_date_add_days_to      (const GDate    *date,
                                    int             days,
                                    GDate          *out);
void      rd_date_add_months_to    (const GDate    *date,
                                    int             months,
                                    GDate          *out);
int       rd_date_compare          (const GDate    *a,
                                    const GDate    *b);
char     *rd_date_shift_string     (const char     *date,
                                    int             days);
int       rd_date_days_left        (const char     *date,
                                    GTimeZone      *tz);

G_END_DECLS
