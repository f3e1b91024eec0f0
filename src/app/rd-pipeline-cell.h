/* rd-pipeline-cell.h
 *
 * What one cell of the pipeline shows for a record: the text, the type icon and its
 * accessible name, and the style class that says how urgent a date or milestone is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "rd-record.h"

G_BEGIN_DECLS

typedef enum
{
  RD_PIPELINE_COLUMN_TYPE,
  RD_PIPELINE_COLUMN_CUSTOMER,
  RD_PIPELINE_COLUMN_PRODUCT_TITLE,
  RD_PIPELINE_COLUMN_PRODUCT_ID,
  RD_PIPELINE_COLUMN_KIND,
  RD_PIPELINE_COLUMN_START,
  RD_PIPELINE_COLUMN_END,
  RD_PIPELINE_COLUMN_DAYS_LEFT,
  RD_PIPELINE_COLUMN_MILESTONE,
  RD_PIPELINE_COLUMN_STAGE,
  RD_PIPELINE_COLUMN_VALUE,
  RD_PIPELINE_COLUMN_LAST_TOUCH,
} RdPipelineColumn;

/* Fills cell (an RdTextCell, or the type column's GtkImage, or the kind's GtkLabel) for
 * record at column; a NULL record empties it. offsets are the milestone offsets in days. */
void rd_pipeline_cell_update         (GtkWidget        *cell,
                                      RdPipelineColumn  column,
                                      RdRecord         *record,
                                      GTimeZone        *tz,
                                      GArray           *offsets);

/* The width in pixels of the widest text a cell of column can show in the current language,
 * measured with layout (set up with the cells' font); 0 for the columns whose texts are the
 * records' own (names, IDs, amounts) or no text. offsets as for rd_pipeline_cell_update(). */
int  rd_pipeline_cell_measure_widest (RdPipelineColumn  column,
                                      PangoLayout      *layout,
                                      GArray           *offsets);

G_END_DECLS
