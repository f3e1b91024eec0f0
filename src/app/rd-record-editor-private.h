/* rd-record-editor-private.h
 *
 * What rd-record-editor.c (the form) and rd-record-editor-actions.c (what the user does with
 * it) share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "rd-record-editor.h"
#include "rd-record-form.h"
#include "rd-record-workflow.h"

G_BEGIN_DECLS

typedef struct
{
  RdRecordEditor  *editor;
  const RdField   *spec;
  GtkWidget       *row;
  GtkWidget       *input;       /* the GtkSwitch of a switch row, else the row */
  GtkWidget       *error_row;
  GtkLabel        *error_label;
  GPtrArray       *values;      /* of a choice row: the spelled value of each item */
  char            *parse_error; /* what the app itself found, before the rules ran */
  char            *error;       /* what is shown */
  gboolean         touched;     /* edited by the user since the editor opened */
} RdEditorField;

struct _RdRecordEditor
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwPreferencesPage   *page;
  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  AdwPreferencesGroup  *problems_group;
  GtkLabel             *problems_label;
  AdwPreferencesGroup  *customer_group;
  AdwPreferencesGroup  *renewal_group;
  AdwPreferencesGroup  *dates_group;
  AdwPreferencesGroup  *commercial_group;
  AdwPreferencesGroup  *ids_group;
  AdwPreferencesGroup  *delete_group;
  GtkButton            *delete_button;
  GtkButton            *publish_button;

  RdContext            *context;
  RdRecord             *record;   /* NULL for an offer not saved yet */
  RdRecordWorkflow     *workflow;
  GSimpleActionGroup   *actions;  /* "record" */
  JsonObject           *original;
  GPtrArray            *fields;   /* RdEditorField */
  GPtrArray            *aws_errors; /* RdFieldError: what AWS refused at the last publish */
  guint                 n_errors;
  gboolean              loading;
  gboolean              dirty;
  gboolean              show_all_errors;
  gboolean              closing;  /* the user chose to close without saving */
};

enum
{
  RD_RECORD_EDITOR_SAVED,
  RD_RECORD_EDITOR_DELETED,
  RD_RECORD_EDITOR_OPEN_RECORD,
  RD_RECORD_EDITOR_RENEW,
  RD_RECORD_EDITOR_N_SIGNALS
};

extern guint rd_record_editor_signals [RD_RECORD_EDITOR_N_SIGNALS];

const char *_rd_record_editor_get_doc_type   (RdRecordEditor *self);
JsonObject *_rd_record_editor_dup_body       (RdRecordEditor *self);
void        _rd_record_editor_validate       (RdRecordEditor *self);

RdEditorField *_rd_record_editor_find_field     (RdRecordEditor *self,
                                                const char     *name);
/* The field a rule error names, or a part of which it names: "payment_schedule[2].date". */
RdEditorField *_rd_record_editor_field_for_error (RdRecordEditor *self,
                                                  const char     *error_field);
GtkWidget  *_rd_record_editor_make_error_row    (RdEditorField  *field);
/* Shows message (NULL: none) under the field's row. */
void        _rd_record_editor_show_field_error  (RdRecordEditor *self,
                                                 RdEditorField  *field,
                                                 const char     *message);
void        _rd_record_editor_add_aws_errors    (RdRecordEditor *self,
                                                 GHashTable     *messages,
                                                 GString        *problems);
void        _rd_record_editor_collect_aws_errors (RdRecordEditor *self,
                                                  JsonObject     *body);

/* Takes the members names (NULL-terminated) of stored, the record as it is in the store now,
 * into the form: what a publish wrote while the editor was open. */
void        _rd_record_editor_reload_members    (RdRecordEditor     *self,
                                                 JsonObject         *stored,
                                                 const char * const *names);

void        _rd_record_editor_class_add_actions (GtkWidgetClass *widget_class);
void        _rd_record_editor_init_actions   (RdRecordEditor *self);
/* Enables what applies to the form as it is now (body: its current document). */
void        _rd_record_editor_update_actions (RdRecordEditor *self,
                                              JsonObject     *body);

G_END_DECLS
