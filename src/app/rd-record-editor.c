/* rd-record-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-date-row.h"
#include "rd-fields.h"
#include "rd-labels.h"
#include "rd-record-editor-private.h"
#include "rd-renewal.h"
#include "rd-rules.h"

G_DEFINE_FINAL_TYPE (RdRecordEditor, rd_record_editor, ADW_TYPE_WINDOW)

guint rd_record_editor_signals [RD_RECORD_EDITOR_N_SIGNALS];

typedef RdEditorField Field;

static void
field_free (gpointer data)
{
  Field *field = data;

  g_clear_pointer (&field->values, g_ptr_array_unref);
  g_clear_pointer (&field->parse_error, g_free);
  g_clear_pointer (&field->error, g_free);
  g_free (field);
}

Field *
_rd_record_editor_find_field (RdRecordEditor *self,
                             const char     *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->spec->name, name))
        return field;
    }

  return NULL;
}

const char *
_rd_record_editor_get_doc_type (RdRecordEditor *self)
{
  const char *type = NULL;

  if (json_object_has_member (self->original, "type"))
    type = json_object_get_string_member (self->original, "type");

  return type ? type : "offer";
}

/* Writes the form into body. Fields the form does not show are kept as they were. */
static void
rd_record_editor_collect (RdRecordEditor *self,
                          JsonObject     *body)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *name = field->spec->name;

      g_clear_pointer (&field->parse_error, g_free);

      /* What does not apply to the offer's kind is not kept hidden in it. */
      if (!gtk_widget_get_visible (field->row))
        {
          json_object_remove_member (body, name);
          continue;
        }

      switch (rd_record_form_row_kind (field->spec))
        {
        case RD_FORM_ROW_TEXT:
        case RD_FORM_ROW_DATE:
        case RD_FORM_ROW_NUMBER:
        case RD_FORM_ROW_EMAILS:
          rd_record_form_set_text (field->spec, body,
                                   gtk_editable_get_text (GTK_EDITABLE (field->row)),
                                   &field->parse_error);
          break;

        case RD_FORM_ROW_CHOICE:
          {
            guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (field->row));
            const char *value = NULL;

            if (selected < field->values->len)
              value = g_ptr_array_index (field->values, selected);

            if (value == NULL)
              json_object_remove_member (body, name);
            else
              json_object_set_string_member (body, name, value);
          }
          break;

        case RD_FORM_ROW_SWITCH:
          json_object_set_boolean_member (body, name,
                                          gtk_switch_get_active (GTK_SWITCH (field->input)));
          break;

        case RD_FORM_ROW_READ_ONLY:
        default:
          break;
        }
    }

  if (self->workflow != NULL)
    rd_record_workflow_collect (self->workflow, body);
  _rd_record_editor_collect_aws_errors (self, body);
}

JsonObject *
_rd_record_editor_dup_body (RdRecordEditor *self)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonNode) copy = NULL;
  g_autofree char *json = NULL;
  JsonObject *body;

  /* json_node_copy() shares the object: a deep copy goes through the text. */
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, self->original);
  json = json_to_string (node, FALSE);
  copy = json_from_string (json, NULL);
  body = json_object_ref (json_node_get_object (copy));

  rd_record_editor_collect (self, body);

  return body;
}

void
_rd_record_editor_validate (RdRecordEditor *self)
{
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GHashTable) messages = NULL;
  RdRulesContext rules_context;
  g_autofree char *subtitle = NULL;
  const char *customer;

  body = _rd_record_editor_dup_body (self);

  rd_context_init_rules_context (self->context, &rules_context);
  errors = rd_rules_check_document (body, &rules_context);

  messages = g_hash_table_new (NULL, NULL);
  self->n_errors = 0;

  /* A value that does not parse hides what the rules say about the same field. */
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (field->parse_error != NULL)
        {
          g_hash_table_insert (messages, field, field->parse_error);
          self->n_errors++;
        }
    }

  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);
      Field *field = _rd_record_editor_field_for_error (self, error->field);

      self->n_errors++;

      if (field != NULL)
        {
          if (!g_hash_table_contains (messages, field))
            g_hash_table_insert (messages, field, error->message);
        }
      else
        {
          if (problems->len > 0)
            g_string_append_c (problems, '\n');
          g_string_append (problems, error->message);
        }
    }

  _rd_record_editor_add_aws_errors (self, messages, problems);

  if (self->workflow != NULL)
    {
      self->n_errors += rd_record_workflow_get_n_errors (self->workflow);
      rd_record_workflow_update (self->workflow, body);
    }


  /* A new offer is not scolded for what the user has not filled in yet: its fields show
   * their errors once edited, while Save stays off until everything is right. */
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      gboolean show = self->show_all_errors || field->touched;

      _rd_record_editor_show_field_error (self, field,
                                         show ? g_hash_table_lookup (messages, field) : NULL);
    }

  gtk_label_set_label (self->problems_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group),
                          problems->len > 0 && self->show_all_errors);

  /* A record not stored yet can be saved as it came; a stored one once changed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 self->n_errors == 0 && (self->dirty || self->record == NULL));
  _rd_record_editor_update_actions (self, body);

  customer = json_object_has_member (body, "customer")
             ? json_object_get_string_member (body, "customer") : NULL;
  if (customer != NULL && *customer != '\0')
    {
      const char *product = json_object_has_member (body, "product_title")
                            ? json_object_get_string_member (body, "product_title") : NULL;

      if (product != NULL && *product != '\0')
        /* Translators: customer — product, under the editor's title */
        subtitle = g_strdup_printf (_("%s — %s"), customer, product);
      else
        subtitle = g_strdup (customer);
    }
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
}

/* Forms show only what applies: resale authorization and markup on a CPPO, the renewal
 * flag (ISVs only) on a PO. */
static void
rd_record_editor_update_kind_fields (RdRecordEditor *self)
{
  Field *kind_field = _rd_record_editor_find_field (self, "kind");
  const char *kind = NULL;

  if (kind_field != NULL)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (kind_field->row));

      if (selected < kind_field->values->len)
        kind = g_ptr_array_index (kind_field->values, selected);
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      gboolean visible = rd_record_form_is_shown_for_kind (field->spec, kind);

      gtk_widget_set_visible (field->row, visible);
      if (!visible)
        gtk_widget_set_visible (field->error_row, FALSE);
    }
}

static void
on_workflow_changed_cb (RdRecordEditor *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  _rd_record_editor_validate (self);
}

static void
on_field_changed_cb (Field *field)
{
  RdRecordEditor *self = field->editor;

  if (self->loading)
    return;

  if (g_str_equal (field->spec->name, "kind"))
    rd_record_editor_update_kind_fields (self);

  field->touched = TRUE;
  self->dirty = TRUE;
  _rd_record_editor_validate (self);
}

static void
rd_record_editor_load_field (RdRecordEditor *self,
                             Field          *field)
{
  const char *name = field->spec->name;
  JsonNode *node = json_object_get_member (self->original, name);

  switch (rd_record_form_row_kind (field->spec))
    {
    case RD_FORM_ROW_TEXT:
    case RD_FORM_ROW_DATE:
    case RD_FORM_ROW_NUMBER:
    case RD_FORM_ROW_EMAILS:
      {
        g_autofree char *text = rd_record_form_dup_text (field->spec, self->original);

        gtk_editable_set_text (GTK_EDITABLE (field->row), text);
      }
      break;

    case RD_FORM_ROW_READ_ONLY:
      {
        g_autofree char *text = rd_record_form_dup_text (field->spec, self->original);

        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row),
                                     *text != '\0' ? text : _("Not set"));
      }
      break;

    case RD_FORM_ROW_CHOICE:
      {
        g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
        const char * const *choices = rd_vocabulary_values (field->spec->vocabulary);
        const char *value = NULL;
        guint selected = 0;

        if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
            && json_node_get_value_type (node) == G_TYPE_STRING)
          value = json_node_get_string (node);

        g_ptr_array_set_size (field->values, 0);

        /* Keep a missing or unknown value as it is until the user picks one. */
        if (value == NULL || !rd_vocabulary_contains (field->spec->vocabulary, value))
          {
            g_ptr_array_add (field->values, g_strdup (value));
            gtk_string_list_append (labels, value ? value : _("Not set"));
          }

        for (guint i = 0; choices[i] != NULL; i++)
          {
            if (g_strcmp0 (choices[i], value) == 0)
              selected = field->values->len;
            g_ptr_array_add (field->values, g_strdup (choices[i]));
            gtk_string_list_append (labels,
                                    rd_vocabulary_label (field->spec->vocabulary, choices[i]));
          }

        adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), selected);
      }
      break;

    case RD_FORM_ROW_SWITCH:
      gtk_switch_set_active (GTK_SWITCH (field->input),
                             node != NULL && JSON_NODE_HOLDS_VALUE (node)
                             && json_node_get_value_type (node) == G_TYPE_BOOLEAN
                             && json_node_get_boolean (node));
      break;

    default:
      break;
    }
}

void
_rd_record_editor_reload_members (RdRecordEditor     *self,
                                  JsonObject         *stored,
                                  const char * const *names)
{
  self->loading = TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (stored, names[i]);
      Field *field;

      if (node != NULL)
        json_object_set_member (self->original, names[i], rd_json_node_deep_copy (node));
      else
        json_object_remove_member (self->original, names[i]);
      if ((field = _rd_record_editor_find_field (self, names[i])) != NULL)
        rd_record_editor_load_field (self, field);
    }
  self->loading = FALSE;
  _rd_record_editor_validate (self);
}

static GtkWidget *
make_field_row (RdRecordEditor *self,
                Field          *field)
{
  const RdField *spec = field->spec;
  RdFormRowKind kind = rd_record_form_row_kind (spec);
  GtkWidget *row = NULL;

  switch (kind)
    {
    case RD_FORM_ROW_TEXT:
    case RD_FORM_ROW_NUMBER:
    case RD_FORM_ROW_EMAILS:
      row = adw_entry_row_new ();
      if (kind == RD_FORM_ROW_NUMBER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      else if (kind == RD_FORM_ROW_EMAILS)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), field);
      field->input = row;
      break;

    case RD_FORM_ROW_DATE:
      row = rd_date_row_new ();
      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), field);
      field->input = row;
      break;

    case RD_FORM_ROW_CHOICE:
      row = adw_combo_row_new ();
      field->values = g_ptr_array_new_with_free_func (g_free);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_field_changed_cb), field);
      field->input = row;
      break;

    case RD_FORM_ROW_SWITCH:
      row = adw_action_row_new ();
      field->input = gtk_switch_new ();
      gtk_widget_set_valign (field->input, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->input);
      if (spec->description != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(spec->description));
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->input),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rd_field_get_label (spec),
                                      -1);
      g_signal_connect_swapped (field->input, "notify::active",
                                G_CALLBACK (on_field_changed_cb), field);
      break;

    case RD_FORM_ROW_READ_ONLY:
    default:
      row = adw_action_row_new ();
      gtk_widget_add_css_class (row, "property");
      field->input = row;
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rd_field_get_label (spec));
  g_object_set_data (G_OBJECT (row), "rd-field", (gpointer) spec->name);

  return row;
}

static void
rd_record_editor_build (RdRecordEditor *self)
{
  AdwPreferencesGroup *groups[RD_FIELD_GROUP_NONE + 1] = { NULL, };
  g_autoptr (GPtrArray) specs = NULL;

  self->loading = TRUE;

  self->workflow = rd_record_workflow_new (self->context,
                                           self->record ? rd_record_get_id (self->record) : NULL,
                                           self->original);
  g_signal_connect_object (self->workflow, "changed", G_CALLBACK (on_workflow_changed_cb), self,
                           G_CONNECT_SWAPPED);

  groups[RD_FIELD_GROUP_CUSTOMER] = self->customer_group;
  groups[RD_FIELD_GROUP_PARTIES] = self->customer_group;
  groups[RD_FIELD_GROUP_RENEWAL] = self->renewal_group;
  groups[RD_FIELD_GROUP_DATES] = self->dates_group;
  groups[RD_FIELD_GROUP_COMMERCIAL] = self->commercial_group;
  groups[RD_FIELD_GROUP_IDS] = self->ids_group;
  groups[RD_FIELD_GROUP_ACE] = rd_record_workflow_get_ace_group (self->workflow);

  /* The template describes ISO dates; a locale that writes them otherwise says how. */
  {
    g_autofree char *example = NULL;
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 31, G_DATE_MARCH, 2026);
    example = rd_record_form_format_date (&date);
    if (!g_str_equal (example, "2026-03-31"))
      {
        /* Translators: %s is an example date as the form writes dates */
        g_autofree char *text = g_strdup_printf (_("Write dates as %s or as YYYY-MM-DD, or "
                                                   "pick them from the calendar."),
                                                 example);

        adw_preferences_group_set_description (self->dates_group, text);
      }
  }

  specs = rd_record_form_dup_fields (_rd_record_editor_get_doc_type (self),
                                     rd_context_get_role (self->context));
  for (guint i = 0; i < specs->len; i++)
    {
      const RdField *spec = g_ptr_array_index (specs, i);
      Field *field;

      if (groups[spec->group] == NULL)
        continue;

      field = g_new0 (Field, 1);
      field->editor = self;
      field->spec = spec;
      field->row = make_field_row (self, field);
      field->error_row = _rd_record_editor_make_error_row (field);
      g_ptr_array_add (self->fields, field);

      adw_preferences_group_add (groups[spec->group], field->row);
      adw_preferences_group_add (groups[spec->group], field->error_row);

      rd_record_editor_load_field (self, field);
    }

  rd_record_workflow_attach (self->workflow, self->renewal_group, self->commercial_group,
                             self->ids_group, self->page, self->delete_group);
  rd_record_editor_update_kind_fields (self);

  self->loading = FALSE;
}

static void
rd_record_editor_dispose (GObject *object)
{
  RdRecordEditor *self = (RdRecordEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_RECORD_EDITOR);

  G_OBJECT_CLASS (rd_record_editor_parent_class)->dispose (object);
}

static void
rd_record_editor_finalize (GObject *object)
{
  RdRecordEditor *self = (RdRecordEditor *)object;

  g_clear_object (&self->workflow);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->aws_errors, g_ptr_array_unref);
  g_clear_pointer (&self->original, json_object_unref);
  g_clear_object (&self->record);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_record_editor_parent_class)->finalize (object);
}

static void
rd_record_editor_class_init (RdRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_record_editor_dispose;
  object_class->finalize = rd_record_editor_finalize;

  rd_record_editor_signals [RD_RECORD_EDITOR_SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The record was deleted (id, title): the window offers to undo it. */
  rd_record_editor_signals [RD_RECORD_EDITOR_DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  /* The user asked to open another record (its id): the window opens it. */
  rd_record_editor_signals [RD_RECORD_EDITOR_OPEN_RECORD] =
    g_signal_new ("open-record",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The user asked to renew the agreement (its id): the window drafts the renewal. */
  rd_record_editor_signals [RD_RECORD_EDITOR_RENEW] =
    g_signal_new ("renew",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, page);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, problems_group);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, problems_label);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, customer_group);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, renewal_group);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, dates_group);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, commercial_group);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, ids_group);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, delete_group);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RdRecordEditor, publish_button);

  _rd_record_editor_class_add_actions (widget_class);
}

static void
rd_record_editor_init (RdRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_ptr_array_new_with_free_func (field_free);
  _rd_record_editor_init_actions (self);
}

static RdRecordEditor *
rd_record_editor_create (RdContext  *context,
                         RdRecord   *record,
                         JsonObject *body)
{
  RdRecordEditor *self;
  gboolean is_offer;

  self = g_object_new (RD_TYPE_RECORD_EDITOR, NULL);
  self->context = g_object_ref (context);
  self->record = record ? g_object_ref (record) : NULL;
  self->original = json_object_ref (body);
  self->show_all_errors = record != NULL;

  is_offer = g_strcmp0 (_rd_record_editor_get_doc_type (self), "offer") == 0;

  if (record == NULL && is_offer && json_object_has_member (body, "renews"))
    adw_window_title_set_title (self->window_title, _("New Renewal Offer"));
  else if (record == NULL && is_offer)
    adw_window_title_set_title (self->window_title, _("New Offer"));
  else if (record == NULL)
    adw_window_title_set_title (self->window_title, _("New Agreement"));
  else if (is_offer)
    adw_window_title_set_title (self->window_title, _("Offer"));
  else
    adw_window_title_set_title (self->window_title, _("Agreement"));

  gtk_window_set_title (GTK_WINDOW (self),
                        adw_window_title_get_title (self->window_title));
  gtk_button_set_label (self->delete_button,
                        is_offer ? _("_Delete Offer") : _("_Delete Agreement"));
  /* GTK names the button by its label, underscore and all: give it its words. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_offer ? _("Delete offer") : _("Delete agreement"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), record != NULL);

  rd_record_editor_build (self);
  _rd_record_editor_validate (self);

  return self;
}

RdRecordEditor *
rd_record_editor_new (RdContext *context,
                      RdRecord  *record)
{
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RD_IS_RECORD (record), NULL);

  return rd_record_editor_create (context, record, rd_record_get_body (record));
}

RdRecordEditor *
rd_record_editor_new_offer (RdContext *context)
{
  g_autoptr (JsonObject) body = json_object_new ();

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  json_object_set_string_member (body, "type", "offer");
  rd_renewal_stamp_drafted_on (body, NULL);
  json_object_set_string_member (body, "kind", "PO");
  json_object_set_string_member (body, "stage", "identified");
  json_object_set_string_member (body, "renewal_mechanism", "new_offer");
  json_object_set_string_member (body, "currency", "USD");

  return rd_record_editor_create (context, NULL, body);
}

RdRecordEditor *
rd_record_editor_new_agreement (RdContext *context)
{
  g_autoptr (JsonObject) body = json_object_new ();

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  json_object_set_string_member (body, "type", "agreement");
  json_object_set_string_member (body, "kind", "PO");
  json_object_set_string_member (body, "status", "ACTIVE");
  json_object_set_string_member (body, "stage", "identified");
  json_object_set_string_member (body, "currency", "USD");

  return rd_record_editor_create (context, NULL, body);
}

RdRecordEditor *
rd_record_editor_new_draft (RdContext  *context,
                            JsonObject *draft)
{
  g_autoptr (JsonObject) body = NULL;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  body = rd_json_object_deep_copy (draft);
  rd_renewal_stamp_drafted_on (body, NULL);
  return rd_record_editor_create (context, NULL, body);
}

const char *
rd_record_editor_get_record_id (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  return self->record ? rd_record_get_id (self->record) : NULL;
}

GtkWidget *
rd_record_editor_get_field_row (RdRecordEditor *self,
                                const char     *name)
{
  Field *field;

  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  field = _rd_record_editor_find_field (self, name);

  return field ? field->row : NULL;
}

const char *
rd_record_editor_get_field_error (RdRecordEditor *self,
                                  const char     *name)
{
  Field *field;

  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  field = _rd_record_editor_find_field (self, name);

  return field ? field->error : NULL;
}

guint
rd_record_editor_get_n_errors (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), 0);

  return self->n_errors;
}

gboolean
rd_record_editor_get_dirty (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), FALSE);

  return self->dirty;
}

GActionGroup *
rd_record_editor_get_actions (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  return G_ACTION_GROUP (self->actions);
}

JsonObject *
rd_record_editor_dup_current_body (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  return _rd_record_editor_dup_body (self);
}

RdRecordWorkflow *
rd_record_editor_get_workflow (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  return self->workflow;
}
