/* rd-chart.h
 *
 * A bar chart drawn with GtkSnapshot in the style's colours (the accent for the bars, the
 * foreground for the text), so it reads in light and dark mode alike. Its accessible
 * description lists every bar's label and value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  const char *label;      /* under the bar; may hold a second line after '\n' */
  double      value;      /* the bar's height, relative to the largest */
  const char *value_text; /* above the bar */
} RdChartBar;

#define RD_TYPE_CHART (rd_chart_get_type ())
G_DECLARE_FINAL_TYPE (RdChart, rd_chart, RD, CHART, GtkWidget)

GtkWidget  *rd_chart_new              (void);
/* The chart's name for assistive technologies ("Renewals due per quarter"). */
void        rd_chart_set_title        (RdChart          *self,
                                       const char       *title);
void        rd_chart_set_bars         (RdChart          *self,
                                       const RdChartBar *bars,
                                       guint             n_bars);
/* The largest value the axis shows; 0 (the default) scales to the largest bar. */
void        rd_chart_set_max_value    (RdChart          *self,
                                       double            max_value);
guint       rd_chart_get_n_bars       (RdChart          *self);
/* "Q2 2026: 3 renewals, 350,000; …": what the accessible description says. */
const char *rd_chart_get_description  (RdChart          *self);

G_END_DECLS
