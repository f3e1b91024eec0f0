/* rd-record-editor-errors.c
 *
 * How the record editor shows what is wrong: a message row under each field, read out as the
 * field's description, for the local rules and for what AWS refused at the last publish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rd-aws-publish.h"
#include "rd-record-editor-private.h"

typedef RdEditorField Field;

/* A rule error names a field, or a part of one: "payment_schedule[2].date". */
Field *
_rd_record_editor_field_for_error (RdRecordEditor *self,
                                   const char     *error_field)
{
  g_autofree char *name = NULL;
  gsize len;

  if (error_field == NULL)
    return NULL;

  len = strcspn (error_field, "[.");
  name = g_strndup (error_field, len);

  return _rd_record_editor_find_field (self, name);
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

void
_rd_record_editor_show_field_error (RdRecordEditor *self,
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
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                       : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  if (invalid)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field->input),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (field->input),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

GtkWidget *
_rd_record_editor_make_error_row (Field *field)
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

/* What AWS refused at the last publish shows at its field, as the rules' messages do, until
 * the user edits that field; it does not keep the offer from being saved. Adds to messages
 * (Field → message) where the field has none yet, and to problems what names no field. */
void
_rd_record_editor_add_aws_errors (RdRecordEditor *self,
                                  GHashTable     *messages,
                                  GString        *problems)
{
  g_clear_pointer (&self->aws_errors, g_ptr_array_unref);
  self->aws_errors = rd_aws_publish_dup_record_errors (self->original);

  for (guint i = 0; i < self->aws_errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (self->aws_errors, i);
      Field *field = _rd_record_editor_field_for_error (self, error->field);

      if (field != NULL && gtk_widget_get_visible (field->row))
        {
          if (!field->touched && !g_hash_table_contains (messages, field))
            g_hash_table_insert (messages, field, error->message);
          continue;
        }
      if (problems->len > 0)
        g_string_append_c (problems, '\n');
      g_string_append (problems, error->message);
    }
}

/* Writes into body the errors AWS gave, less those of the fields the user has edited since:
 * a saved correction does not show AWS's old complaint again. */
void
_rd_record_editor_collect_aws_errors (RdRecordEditor *self,
                                      JsonObject     *body)
{
  JsonNode *node = json_object_get_member (body, RD_PUBLISH_FIELD_CHANGESET_ERRORS);
  JsonArray *kept;
  JsonArray *items;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;
  items = json_node_get_array (node);
  kept = json_array_new ();
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (item)
                         ? rd_json_get_string (json_node_get_object (item), "field") : NULL;
      Field *field = _rd_record_editor_field_for_error (self, name);

      if (field == NULL || !field->touched)
        json_array_add_element (kept, rd_json_node_deep_copy (item));
    }
  json_object_set_array_member (body, RD_PUBLISH_FIELD_CHANGESET_ERRORS, kept);
}
