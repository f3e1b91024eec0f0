/* rd-compose-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-compose-dialog"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "rd-compose-dialog.h"
#include "rd-date.h"
#include "rd-template.h"

struct _RdComposeDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwComboRow     *template_row;
  GtkLabel        *unknown_label;
  AdwEntryRow     *subject_row;
  GtkTextView     *body_view;
  AdwEntryRow     *name_row;
  AdwComboRow     *kind_row;
  AdwComboRow     *touchpoint_row;
  AdwEntryRow     *template_subject_row;
  GtkTextView     *template_body_view;

  RdContext       *context;
  JsonObject      *record;
  JsonObject      *renewed_agreement;
  GPtrArray       *templates;      /* RdRecord, in the order of the combo row */
  char            *unknown;
};

G_DEFINE_FINAL_TYPE (RdComposeDialog, rd_compose_dialog, ADW_TYPE_WINDOW)

static const char *
get_string (JsonObject *object,
            const char *field)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, field) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static RdRecord *
selected_template (RdComposeDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  if (self->templates == NULL || selected >= self->templates->len)
    return NULL;
  return g_ptr_array_index (self->templates, selected);
}

static void
rd_compose_dialog_render (RdComposeDialog *self)
{
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  RdRecord *template = selected_template (self);
  GDate today;

  g_clear_pointer (&self->unknown, g_free);

  rd_date_today (NULL, &today);
  values = rd_template_values_new (self->record, self->renewed_agreement, &today);
  subject = rd_template_render (template ? rd_record_get_string (template, "subject") : "",
                                values, unknown);
  body = rd_template_render (template ? rd_record_get_string (template, "body") : "",
                             values, unknown);

  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body, -1);

  if (unknown->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (unknown, NULL);
      self->unknown = g_strjoinv (", ", (char **) unknown->pdata);
      message = g_strdup_printf (_("Left as written, as Renewal Desk does not know them: %s. "
                                   "Known placeholders are {customer}, {product_title}, "
                                   "{end_date}, {days_left}, {offer_id}, {agreement_id}, "
                                   "{kind} and {stage}."),
                                 self->unknown);
      gtk_label_set_label (self->unknown_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->unknown_label), self->unknown != NULL);

  /* The template page edits the selected template. */
  if (template != NULL)
    {
      const char *kind = rd_record_get_string (template, "kind");
      const char *touchpoint = rd_record_get_string (template, "touchpoint");

      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             rd_record_get_string (template, "name") ?: "");
      gtk_editable_set_text (GTK_EDITABLE (self->template_subject_row),
                             rd_record_get_string (template, "subject") ?: "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->template_body_view),
                                rd_record_get_string (template, "body") ?: "", -1);
      for (guint i = 0; rd_template_kinds[i] != NULL; i++)
        if (g_strcmp0 (kind, rd_template_kinds[i]) == 0)
          adw_combo_row_set_selected (self->kind_row, i);
      for (guint i = 0; rd_template_touchpoints[i] != NULL; i++)
        if (g_strcmp0 (touchpoint, rd_template_touchpoints[i]) == 0)
          adw_combo_row_set_selected (self->touchpoint_row, i);
    }
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b)
{
  RdRecord *ta = *(RdRecord **) a;
  RdRecord *tb = *(RdRecord **) b;

  return g_utf8_collate (rd_record_get_string (ta, "name") ?: "",
                         rd_record_get_string (tb, "name") ?: "");
}

/* The touchpoint the record is at: 120 until 90 days are left, then 90, then 60. */
static const char *
current_touchpoint (RdComposeDialog *self)
{
  g_autoptr (GHashTable) values = NULL;
  const char *days;
  GDate today;
  int left;

  rd_date_today (NULL, &today);
  values = rd_template_values_new (self->record, self->renewed_agreement, &today);
  days = g_hash_table_lookup (values, "days_left");
  if (days == NULL)
    return NULL;
  left = atoi (days);
  return left > 90 ? "120" : left > 60 ? "90" : "60";
}

static void
rd_compose_dialog_load_templates (RdComposeDialog *self,
                                  const char      *select_id)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  const char *touchpoint = current_touchpoint (self);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  self->templates = rd_store_list (rd_context_get_store (self->context), "template", &error);
  if (self->templates == NULL)
    {
      g_warning ("Failed to read the templates: %s", error->message);
      self->templates = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_ptr_array_sort (self->templates, compare_templates);

  for (guint i = 0; i < self->templates->len; i++)
    {
      RdRecord *template = g_ptr_array_index (self->templates, i);
      const char *name = rd_record_get_string (template, "name");

      gtk_string_list_append (labels, name ? name : _("Untitled template"));
      if (g_strcmp0 (rd_record_get_id (template), select_id) == 0)
        selected = i;
      else if (select_id == NULL && selected == GTK_INVALID_LIST_POSITION
               && g_strcmp0 (rd_record_get_string (template, "touchpoint"), touchpoint) == 0)
        selected = i;
    }

  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->template_row,
                              selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  rd_compose_dialog_render (self);
}

static void
on_template_row_notify_selected_cb (RdComposeDialog *self)
{
  rd_compose_dialog_render (self);
}

static void
show_toast (RdComposeDialog *self,
            const char      *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdComposeDialog *self = RD_COMPOSE_DIALOG (widget);
  g_autofree char *subject = rd_compose_dialog_dup_subject (self);
  g_autofree char *body = rd_compose_dialog_dup_body (self);
  g_autofree char *text = NULL;

  text = *subject != '\0' ? g_strconcat (subject, "\n\n", body, NULL) : g_strdup (body);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  show_toast (self, _("Copied to the clipboard"));
}

static void
open_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdComposeDialog *self = RD_COMPOSE_DIALOG (widget);
  g_autofree char *uri = rd_compose_dialog_dup_mailto (self);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
save_template_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdComposeDialog *self = RD_COMPOSE_DIALOG (widget);
  RdStore *store = rd_context_get_store (self->context);
  RdRecord *template = selected_template (self);
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint touchpoint = adw_combo_row_get_selected (self->touchpoint_row);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (*name == '\0')
    {
      show_toast (self, _("Give the template a name first"));
      return;
    }

  body = template ? rd_record_dup_body (template) : json_object_new ();
  json_object_set_string_member (body, "type", "template");
  json_object_set_string_member (body, "name", name);
  kind = MIN (kind, g_strv_length ((char **) rd_template_kinds) - 1);
  touchpoint = MIN (touchpoint, g_strv_length ((char **) rd_template_touchpoints) - 1);
  json_object_set_string_member (body, "kind", rd_template_kinds[kind]);
  json_object_set_string_member (body, "touchpoint", rd_template_touchpoints[touchpoint]);
  json_object_set_string_member (
    body, "subject", gtk_editable_get_text (GTK_EDITABLE (self->template_subject_row)));
  text = dup_text_view (self->template_body_view);
  json_object_set_string_member (body, "body", text);

  if (template != NULL && g_strcmp0 (action_name, "compose.save-template") == 0)
    {
      id = g_strdup (rd_record_get_id (template));
      if (!rd_store_update (store, id, body, &error))
        g_clear_pointer (&id, g_free);
    }
  else
    id = rd_store_insert (store, body, &error);

  if (id == NULL)
    {
      g_warning ("Failed to save the template: %s", error->message);
      show_toast (self, error->message);
      return;
    }
  rd_compose_dialog_load_templates (self, id);
  show_toast (self, _("Template saved"));
}

static void
delete_template_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RdComposeDialog *self = RD_COMPOSE_DIALOG (widget);
  RdRecord *template = selected_template (self);
  g_autoptr (GError) error = NULL;

  if (template == NULL)
    return;
  if (!rd_store_delete (rd_context_get_store (self->context), rd_record_get_id (template),
                        &error))
    {
      g_warning ("Failed to delete the template: %s", error->message);
      show_toast (self, error->message);
      return;
    }
  rd_compose_dialog_load_templates (self, NULL);
  show_toast (self, _("Template deleted"));
}

static void
rd_compose_dialog_dispose (GObject *object)
{
  RdComposeDialog *self = (RdComposeDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_COMPOSE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_compose_dialog_parent_class)->dispose (object);
}

static void
rd_compose_dialog_finalize (GObject *object)
{
  RdComposeDialog *self = (RdComposeDialog *)object;

  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->renewed_agreement, json_object_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->unknown, g_free);

  G_OBJECT_CLASS (rd_compose_dialog_parent_class)->finalize (object);
}

static void
rd_compose_dialog_class_init (RdComposeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_compose_dialog_dispose;
  object_class->finalize = rd_compose_dialog_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-compose-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, unknown_label);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, touchpoint_row);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, template_subject_row);
  gtk_widget_class_bind_template_child (widget_class, RdComposeDialog, template_body_view);
  gtk_widget_class_bind_template_callback (widget_class, on_template_row_notify_selected_cb);

  gtk_widget_class_install_action (widget_class, "compose.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "compose.open-mail", NULL, open_mail_action);
  gtk_widget_class_install_action (widget_class, "compose.save-template", NULL,
                                   save_template_action);
  gtk_widget_class_install_action (widget_class, "compose.save-template-as-new", NULL,
                                   save_template_action);
  gtk_widget_class_install_action (widget_class, "compose.delete-template", NULL,
                                   delete_template_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fill_choices (AdwComboRow        *row,
              const char * const *values,
              const char *      (*label) (const char *))
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (labels, label (values[i]));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
}

static void
rd_compose_dialog_init (RdComposeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  fill_choices (self->kind_row, rd_template_kinds, rd_template_kind_label);
  fill_choices (self->touchpoint_row, rd_template_touchpoints, rd_template_touchpoint_label);
}

GtkWidget *
rd_compose_dialog_new (RdContext  *context,
                       JsonObject *record,
                       JsonObject *renewed_agreement)
{
  RdComposeDialog *self;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (RD_TYPE_COMPOSE_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->record = json_object_ref (record);
  self->renewed_agreement = renewed_agreement ? json_object_ref (renewed_agreement) : NULL;

  rd_template_install_defaults (rd_context_get_store (context), &error);
  if (error != NULL)
    g_warning ("Failed to install the default templates: %s", error->message);

  rd_compose_dialog_load_templates (self, NULL);

  return GTK_WIDGET (self);
}

gboolean
rd_compose_dialog_select_template (RdComposeDialog *self,
                                   const char      *template_id)
{
  g_return_val_if_fail (RD_IS_COMPOSE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->templates->len; i++)
    if (g_strcmp0 (rd_record_get_id (g_ptr_array_index (self->templates, i)), template_id) == 0)
      {
        adw_combo_row_set_selected (self->template_row, i);
        rd_compose_dialog_render (self);
        return TRUE;
      }
  return FALSE;
}

char *
rd_compose_dialog_dup_subject (RdComposeDialog *self)
{
  g_return_val_if_fail (RD_IS_COMPOSE_DIALOG (self), NULL);

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
}

char *
rd_compose_dialog_dup_body (RdComposeDialog *self)
{
  g_return_val_if_fail (RD_IS_COMPOSE_DIALOG (self), NULL);

  return dup_text_view (self->body_view);
}

char *
rd_compose_dialog_dup_mailto (RdComposeDialog *self)
{
  g_autoptr (GPtrArray) to = g_ptr_array_new ();
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  JsonNode *node;

  g_return_val_if_fail (RD_IS_COMPOSE_DIALOG (self), NULL);

  /* An e-mail goes to the customer's contacts among the stakeholders. */
  node = json_object_get_member (self->record, "stakeholders");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *items = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          JsonObject *contact;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          contact = json_node_get_object (item);
          if (g_strcmp0 (get_string (contact, "organisation"), "customer") == 0
              && get_string (contact, "email") != NULL)
            g_ptr_array_add (to, (gpointer) get_string (contact, "email"));
        }
    }
  g_ptr_array_add (to, NULL);

  subject = rd_compose_dialog_dup_subject (self);
  body = rd_compose_dialog_dup_body (self);
  return rd_template_build_mailto ((const char * const *) to->pdata, subject, body);
}

const char *
rd_compose_dialog_get_unknown (RdComposeDialog *self)
{
  g_return_val_if_fail (RD_IS_COMPOSE_DIALOG (self), NULL);

  return self->unknown;
}
