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
#include "rd-record-editor.h"
#include "rd-record-workflow.h"
#include "rd-rules.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_CHOICE,
  FIELD_NUMBER,
  FIELD_EMAILS,
  FIELD_SWITCH,
  FIELD_READ_ONLY,
} FieldKind;

/* How the form edits a field of the schema (rd-fields.h). */
static FieldKind
field_kind (const RdField *spec)
{
  if (spec->flags & RD_FIELD_READ_ONLY)
    return FIELD_READ_ONLY;

  switch (spec->type)
    {
    case RD_FIELD_TYPE_DATE:
      return FIELD_DATE;
    case RD_FIELD_TYPE_CHOICE:
      return FIELD_CHOICE;
    case RD_FIELD_TYPE_AMOUNT:
    case RD_FIELD_TYPE_NUMBER:
    case RD_FIELD_TYPE_INTEGER:
      return FIELD_NUMBER;
    case RD_FIELD_TYPE_TEXT_LIST:
      return FIELD_EMAILS;
    case RD_FIELD_TYPE_BOOLEAN:
      return FIELD_SWITCH;
    case RD_FIELD_TYPE_TEXT:
    case RD_FIELD_TYPE_OBJECT_LIST:
    case RD_FIELD_TYPE_OBJECT:
    default:
      return FIELD_TEXT;
    }
}

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
} Field;

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

  RdContext            *context;
  RdRecord             *record;   /* NULL for an offer not saved yet */
  RdRecordWorkflow     *workflow;
  JsonObject           *original;
  GPtrArray            *fields;
  guint                 n_errors;
  gboolean              loading;
  gboolean              dirty;
  gboolean              show_all_errors;
};

G_DEFINE_FINAL_TYPE (RdRecordEditor, rd_record_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
field_free (gpointer data)
{
  Field *field = data;

  g_clear_pointer (&field->values, g_ptr_array_unref);
  g_clear_pointer (&field->parse_error, g_free);
  g_clear_pointer (&field->error, g_free);
  g_free (field);
}

static Field *
rd_record_editor_find_field (RdRecordEditor *self,
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

/* A rule error names a field, or a part of one: "payment_schedule[2].date". */
static Field *
rd_record_editor_field_for_error (RdRecordEditor *self,
                                  const char     *error_field)
{
  g_autofree char *name = NULL;
  gsize len;

  if (error_field == NULL)
    return NULL;

  len = strcspn (error_field, "[.");
  name = g_strndup (error_field, len);

  return rd_record_editor_find_field (self, name);
}

static const char *
rd_record_editor_doc_type (RdRecordEditor *self)
{
  const char *type = NULL;

  if (json_object_has_member (self->original, "type"))
    type = json_object_get_string_member (self->original, "type");

  return type ? type : "offer";
}

static char *
dup_trimmed_text (GtkWidget *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
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

      switch (field_kind (field->spec))
        {
        case FIELD_TEXT:
        case FIELD_DATE:
          {
            g_autofree char *text = dup_trimmed_text (field->row);

            if (*text == '\0')
              json_object_remove_member (body, name);
            else
              json_object_set_string_member (body, name, text);

            if (field_kind (field->spec) == FIELD_DATE && *text != '\0')
              {
                GDate date;

                if (!rd_date_parse (text, &date))
                  field->parse_error = g_strdup (_("Write the date as YYYY-MM-DD, for example "
                                                   "2026-03-31, or pick it from the calendar."));
              }
          }
          break;

        case FIELD_NUMBER:
          {
            g_autofree char *text = dup_trimmed_text (field->row);
            double value;

            if (*text == '\0')
              {
                json_object_remove_member (body, name);
                break;
              }

            if (!rd_labels_parse_amount (text, &value) || value < 0)
              {
                /* Translators: write the example amounts as your locale does */
                field->parse_error = g_strdup (_("Enter an amount such as 120000 or 99.50."));
                break;
              }
            json_object_set_double_member (body, name, value);
          }
          break;

        case FIELD_EMAILS:
          {
            g_autofree char *text = dup_trimmed_text (field->row);
            g_auto (GStrv) parts = NULL;
            JsonArray *emails;

            if (*text == '\0')
              {
                json_object_remove_member (body, name);
                break;
              }

            emails = json_array_new ();
            parts = g_strsplit_set (text, ",; ", -1);
            for (guint j = 0; parts[j] != NULL; j++)
              if (*g_strstrip (parts[j]) != '\0')
                json_array_add_string_element (emails, parts[j]);
            json_object_set_array_member (body, name, emails);
          }
          break;

        case FIELD_CHOICE:
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

        case FIELD_SWITCH:
          json_object_set_boolean_member (body, name,
                                          gtk_switch_get_active (GTK_SWITCH (field->input)));
          break;

        case FIELD_READ_ONLY:
        default:
          break;
        }
    }

  if (self->workflow != NULL)
    rd_record_workflow_collect (self->workflow, body);
}

static JsonObject *
rd_record_editor_dup_body (RdRecordEditor *self)
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

/* The message appears under the row the user is typing in: keep it in view. */
static gboolean
reveal_error_row_cb (GtkWidget     *error_row,
                     GdkFrameClock *frame_clock,
                     gpointer       user_data)
{
  GtkWidget *scrolled;
  GtkAdjustment *vadjustment;
  graphene_rect_t bounds;
  double overflow;

  scrolled = gtk_widget_get_ancestor (error_row, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL || !gtk_widget_get_visible (error_row)
      || !gtk_widget_compute_bounds (error_row, scrolled, &bounds))
    return G_SOURCE_REMOVE;

  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  overflow = bounds.origin.y + bounds.size.height + 12 - gtk_widget_get_height (scrolled);
  if (overflow > 0)
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_value (vadjustment) + overflow);

  return G_SOURCE_REMOVE;
}

static void
rd_record_editor_show_field_error (RdRecordEditor *self,
                                   Field          *field,
                                   const char     *message)
{
  gboolean invalid = message != NULL;
  GtkWidget *focus;

  if (g_strcmp0 (field->error, message) == 0)
    return;

  g_free (field->error);
  field->error = g_strdup (message);

  if (invalid)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");

  gtk_label_set_label (field->error_label, message ? message : "");
  gtk_widget_set_visible (field->error_row, invalid);

  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (invalid && focus != NULL && gtk_widget_is_ancestor (focus, field->row))
    gtk_widget_add_tick_callback (field->error_row, reveal_error_row_cb, NULL, NULL);

  gtk_accessible_update_state (GTK_ACCESSIBLE (field->input),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (invalid)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field->input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (field->input),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
rd_record_editor_validate (RdRecordEditor *self)
{
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GHashTable) messages = NULL;
  RdRulesContext rules_context;
  g_autofree char *subtitle = NULL;
  const char *customer;

  body = rd_record_editor_dup_body (self);

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
      Field *field = rd_record_editor_field_for_error (self, error->field);

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

      rd_record_editor_show_field_error (self, field,
                                         show ? g_hash_table_lookup (messages, field) : NULL);
    }

  gtk_label_set_label (self->problems_label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group),
                          problems->len > 0 && self->show_all_errors);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 self->n_errors == 0 && self->dirty);

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
  Field *kind_field = rd_record_editor_find_field (self, "kind");
  gboolean is_cppo = FALSE;

  if (kind_field != NULL)
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (kind_field->row));

      is_cppo = selected < kind_field->values->len
                && g_strcmp0 (g_ptr_array_index (kind_field->values, selected), "CPPO") == 0;
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      gboolean visible = TRUE;

      if (field->spec->flags & RD_FIELD_CPPO_ONLY)
        visible = is_cppo;
      else if (field->spec->flags & RD_FIELD_PO_ONLY)
        visible = !is_cppo;
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
  rd_record_editor_validate (self);
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
  rd_record_editor_validate (self);
}

static GtkWidget *
make_error_row (Field *field)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *icon;
  GtkWidget *label;

  row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "field-error");
  gtk_widget_set_visible (row, FALSE);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"),
                                  -1);
  gtk_box_append (GTK_BOX (box), icon);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (box, "error");

  field->error_label = GTK_LABEL (label);

  return row;
}

static void
rd_record_editor_load_field (RdRecordEditor *self,
                             Field          *field)
{
  const char *name = field->spec->name;
  JsonNode *node = json_object_get_member (self->original, name);

  switch (field_kind (field->spec))
    {
    case FIELD_TEXT:
    case FIELD_DATE:
      {
        const char *text = NULL;

        if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
            && json_node_get_value_type (node) == G_TYPE_STRING)
          text = json_node_get_string (node);
        gtk_editable_set_text (GTK_EDITABLE (field->row), text ? text : "");
      }
      break;

    case FIELD_READ_ONLY:
      {
        g_autofree char *shown = NULL;
        const char *text = NULL;
        GDate date;

        if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
            && json_node_get_value_type (node) == G_TYPE_STRING)
          text = json_node_get_string (node);
        /* A date nobody types here is shown the way the locale writes dates. */
        if (text != NULL && rd_date_parse (text, &date))
          shown = rd_labels_format_date (text);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row),
                                     shown ? shown : text ? text : _("Not set"));
      }
      break;

    case FIELD_NUMBER:
      {
        g_autofree char *text = NULL;

        if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
          {
            text = rd_labels_format_amount (json_node_get_double (node));
          }
        gtk_editable_set_text (GTK_EDITABLE (field->row), text ? text : "");
      }
      break;

    case FIELD_EMAILS:
      {
        g_autoptr (GString) text = g_string_new (NULL);

        if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
          {
            JsonArray *emails = json_node_get_array (node);

            for (guint i = 0; i < json_array_get_length (emails); i++)
              {
                const char *email = json_array_get_string_element (emails, i);

                if (email == NULL)
                  continue;
                if (text->len > 0)
                  g_string_append (text, ", ");
                g_string_append (text, email);
              }
          }
        gtk_editable_set_text (GTK_EDITABLE (field->row), text->str);
      }
      break;

    case FIELD_CHOICE:
      {
        g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
        const char *value = NULL;
        const char * const *choices = rd_vocabulary_values (field->spec->vocabulary);
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
            const char *choice = choices[i];

            if (g_strcmp0 (choice, value) == 0)
              selected = field->values->len;
            g_ptr_array_add (field->values, g_strdup (choice));
            gtk_string_list_append (labels,
                                    rd_vocabulary_label (field->spec->vocabulary, choice));
          }

        adw_combo_row_set_model (ADW_COMBO_ROW (field->row), G_LIST_MODEL (labels));
        adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), selected);
      }
      break;

    case FIELD_SWITCH:
      {
        gboolean active = FALSE;

        if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
            && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
          active = json_node_get_boolean (node);
        gtk_switch_set_active (GTK_SWITCH (field->input), active);
      }
      break;

    default:
      break;
    }
}

static GtkWidget *
make_field_row (RdRecordEditor *self,
                Field          *field)
{
  const RdField *spec = field->spec;
  FieldKind kind = field_kind (spec);
  GtkWidget *row = NULL;

  switch (kind)
    {
    case FIELD_TEXT:
    case FIELD_NUMBER:
    case FIELD_EMAILS:
      row = adw_entry_row_new ();
      if (kind == FIELD_NUMBER)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      else if (kind == FIELD_EMAILS)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), field);
      field->input = row;
      break;

    case FIELD_DATE:
      row = rd_date_row_new ();
      g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), field);
      field->input = row;
      break;

    case FIELD_CHOICE:
      row = adw_combo_row_new ();
      field->values = g_ptr_array_new_with_free_func (g_free);
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (on_field_changed_cb), field);
      field->input = row;
      break;

    case FIELD_SWITCH:
      row = adw_action_row_new ();
      field->input = gtk_switch_new ();
      gtk_widget_set_valign (field->input, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->input);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), field->input);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Marks the offer as a renewal in AWS Marketplace"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->input),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rd_field_get_label (spec),
                                      -1);
      g_signal_connect_swapped (field->input, "notify::active",
                                G_CALLBACK (on_field_changed_cb), field);
      break;

    case FIELD_READ_ONLY:
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
  gboolean is_offer = g_strcmp0 (rd_record_editor_doc_type (self), "offer") == 0;
  RdDocTypes doc_type = is_offer ? RD_DOC_OFFER : RD_DOC_AGREEMENT;
  const RdField *specs;
  guint n_specs;
  gboolean is_isv = rd_context_get_role (self->context) == RD_ROLE_ISV;

  self->loading = TRUE;

  self->workflow = rd_record_workflow_new (self->context, GTK_WIDGET (self),
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

  specs = rd_fields_get_all (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    {
      const RdField *spec = &specs[i];
      Field *field;

      if (!(spec->form & doc_type) || groups[spec->group] == NULL)
        continue;
      if ((spec->flags & RD_FIELD_ISV_ONLY) && !is_isv)
        continue;

      field = g_new0 (Field, 1);
      field->editor = self;
      field->spec = spec;
      field->row = make_field_row (self, field);
      field->error_row = make_error_row (field);
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
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdRecordEditor *self = RD_RECORD_EDITOR (widget);
  g_autoptr (GError) error = NULL;

  if (!rd_record_editor_save (self, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Failed to save: %s", error->message);
      text = g_markup_printf_escaped (_("Could not save: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdRecordEditor *self = RD_RECORD_EDITOR (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;

  if (self->record == NULL)
    return;

  id = g_strdup (rd_record_get_id (self->record));
  title = rd_record_dup_title (self->record);

  if (!rd_store_delete (rd_context_get_store (self->context), id, &error))
    {
      g_warning ("Failed to delete %s: %s", id, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Could not delete this record")));
      return;
    }

  g_signal_emit (self, signals [DELETED], 0, id, title ? title : "");
  gtk_window_close (GTK_WINDOW (self));
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
  g_clear_pointer (&self->fields, g_ptr_array_unref);
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

  signals [SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The record was deleted (id, title): the window offers to undo it. */
  signals [DELETED] =
    g_signal_new ("deleted",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renewaldesk/RenewalDesk/rd-record-editor.ui");
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

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
rd_record_editor_init (RdRecordEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_ptr_array_new_with_free_func (field_free);
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
  self->dirty = record == NULL;
  self->show_all_errors = record != NULL;

  is_offer = g_strcmp0 (rd_record_editor_doc_type (self), "offer") == 0;

  if (record == NULL)
    adw_window_title_set_title (self->window_title, _("New Offer"));
  else if (is_offer)
    adw_window_title_set_title (self->window_title, _("Offer"));
  else
    adw_window_title_set_title (self->window_title, _("Agreement"));

  gtk_window_set_title (GTK_WINDOW (self),
                        adw_window_title_get_title (self->window_title));
  gtk_button_set_label (self->delete_button,
                        is_offer ? _("_Delete Offer") : _("_Delete Agreement"));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_group), record != NULL);

  rd_record_editor_build (self);
  rd_record_editor_validate (self);

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
  g_autofree char *today = NULL;
  GDate date;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  rd_date_today (NULL, &date);
  today = rd_date_format (&date);

  json_object_set_string_member (body, "type", "offer");
  json_object_set_string_member (body, "drafted_on", today);
  json_object_set_string_member (body, "kind", "PO");
  json_object_set_string_member (body, "stage", "identified");
  json_object_set_string_member (body, "renewal_mechanism", "new_offer");
  json_object_set_string_member (body, "currency", "USD");

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

  field = rd_record_editor_find_field (self, name);

  return field ? field->row : NULL;
}

const char *
rd_record_editor_get_field_error (RdRecordEditor *self,
                                  const char     *name)
{
  Field *field;

  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  field = rd_record_editor_find_field (self, name);

  return field ? field->error : NULL;
}

guint
rd_record_editor_get_n_errors (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), 0);

  return self->n_errors;
}

gboolean
rd_record_editor_save (RdRecordEditor  *self,
                       GError         **error)
{
  g_autoptr (JsonObject) body = NULL;
  RdStore *store;

  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), FALSE);

  self->show_all_errors = TRUE;
  rd_record_editor_validate (self);
  if (self->n_errors > 0)
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("Fix the fields marked in red first"));
      return FALSE;
    }

  body = rd_record_editor_dup_body (self);
  store = rd_context_get_store (self->context);

  if (self->record == NULL)
    {
      g_autofree char *id = NULL;
      g_autoptr (RdRecord) record = NULL;

      if (!(id = rd_store_insert (store, body, error)))
        return FALSE;

      record = rd_store_get (store, id, NULL);
      g_set_object (&self->record, record);
      g_signal_emit (self, signals [SAVED], 0, id);
    }
  else
    {
      if (!rd_store_update (store, rd_record_get_id (self->record), body, error))
        return FALSE;

      g_signal_emit (self, signals [SAVED], 0, rd_record_get_id (self->record));
    }

  g_clear_pointer (&self->original, json_object_unref);
  self->original = json_object_ref (body);
  self->dirty = FALSE;
  rd_record_editor_validate (self);

  return TRUE;
}

gboolean
rd_record_editor_get_dirty (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), FALSE);

  return self->dirty;
}

void
rd_record_editor_show_toast (RdRecordEditor *self,
                             const char     *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (RD_IS_RECORD_EDITOR (self));

  /* Toast titles are Pango markup in libadwaita 1.2. */
  markup = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

JsonObject *
rd_record_editor_dup_current_body (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  return rd_record_editor_dup_body (self);
}

RdRecordWorkflow *
rd_record_editor_get_workflow (RdRecordEditor *self)
{
  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), NULL);

  return self->workflow;
}
