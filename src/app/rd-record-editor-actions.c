/* rd-record-editor-actions.c
 *
 * What the user does with the record editor: save, delete, close (asking first when there
 * are changes), renew, open the linked record, review ACE, write to the stakeholders and
 * compose from a template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-aws-publish.h"
#include "rd-compose-dialog.h"
#include "rd-publish-dialog.h"
#include "rd-record-editor-private.h"
#include "rd-renewal.h"

gboolean
rd_record_editor_save (RdRecordEditor  *self,
                       GError         **error)
{
  g_autoptr (JsonObject) body = NULL;
  RdStore *store;

  g_return_val_if_fail (RD_IS_RECORD_EDITOR (self), FALSE);

  self->show_all_errors = TRUE;
  _rd_record_editor_validate (self);
  if (self->n_errors > 0)
    {
      g_set_error_literal (error, RD_STORE_ERROR, RD_STORE_ERROR_INVALID,
                           _("Fix the fields marked in red first"));
      return FALSE;
    }

  body = _rd_record_editor_dup_body (self);
  store = rd_context_get_store (self->context);

  if (self->record == NULL)
    {
      g_autofree char *id = NULL;
      g_autoptr (RdRecord) record = NULL;

      /* A new offer is stamped and, when it renews an agreement, linked to it. */
      if (g_strcmp0 (_rd_record_editor_get_doc_type (self), "offer") == 0)
        id = rd_renewal_insert_offer (store, body, error);
      else
        id = rd_store_insert (store, body, error);
      if (id == NULL)
        return FALSE;

      record = rd_store_get (store, id, NULL);
      g_set_object (&self->record, record);
      g_signal_emit (self, rd_record_editor_signals [RD_RECORD_EDITOR_SAVED], 0, id);
    }
  else
    {
      /* An accepted renewal settles its agreement's milestones in the same transaction. */
      if (!rd_store_begin (store, error))
        return FALSE;
      if (!rd_store_update (store, rd_record_get_id (self->record), body, error)
          || !rd_renewal_update_agreement (store, body, error))
        {
          rd_store_rollback (store);
          return FALSE;
        }
      if (!rd_store_commit (store, error))
        return FALSE;

      g_signal_emit (self, rd_record_editor_signals [RD_RECORD_EDITOR_SAVED], 0,
                     rd_record_get_id (self->record));
    }

  g_clear_pointer (&self->original, json_object_unref);
  self->original = json_object_ref (body);
  self->dirty = FALSE;
  _rd_record_editor_validate (self);

  return TRUE;
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
      text = g_strdup_printf (_("Could not save: %s"), error->message);
      rd_record_editor_show_toast (self, text);
      return;
    }

  self->closing = TRUE;
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
      rd_record_editor_show_toast (self, _("Could not delete this record"));
      return;
    }

  g_signal_emit (self, rd_record_editor_signals [RD_RECORD_EDITOR_DELETED], 0,
                 id, title ? title : "");
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
discard_cb (gpointer user_data)
{
  RdRecordEditor *self = user_data;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static gboolean
save_and_close_cb (gpointer user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "editor.save", NULL);
  return G_SOURCE_REMOVE;
}

/* The dialog closes itself after this handler: the editor, its parent, closes after it. */
static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      RdRecordEditor   *self)
{
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, discard_cb, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT, save_and_close_cb, g_object_ref (self),
                     g_object_unref);
}

/* Closing with changes not saved asks, as GNOME applications do; without changes, or once
 * the user has decided, the editor just closes. */
static gboolean
rd_record_editor_close_request (GtkWindow *window)
{
  RdRecordEditor *self = RD_RECORD_EDITOR (window);
  GtkWidget *save_button = GTK_WIDGET (self->save_button);
  AdwMessageDialog *dialog;

  if (self->closing || !self->dirty)
    return GDK_EVENT_PROPAGATE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"), NULL));
  adw_message_dialog_set_body (dialog,
                               self->record == NULL
                               ? _("This record has not been saved. Without saving, it is "
                                   "not kept.")
                               : _("The changes to this record have not been saved. Without "
                                   "saving, they are lost."));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save",
                                           gtk_widget_is_sensitive (save_button));
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return GDK_EVENT_STOP;
}

static void
renew_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RdRecordEditor *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;

  if (self->record == NULL)
    return;

  /* The draft copies the agreement as stored: save what the user changed first. */
  if (self->dirty && !rd_record_editor_save (self, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Save the agreement before renewing it: %s"),
                                               error->message);

      rd_record_editor_show_toast (self, text);
      return;
    }

  id = g_strdup (rd_record_get_id (self->record));
  g_signal_emit (self, rd_record_editor_signals [RD_RECORD_EDITOR_RENEW], 0, id);
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_linked_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  RdRecordEditor *self = user_data;
  const char *id = rd_record_workflow_get_linked_id (self->workflow);

  if (id != NULL)
    g_signal_emit (self, rd_record_editor_signals [RD_RECORD_EDITOR_OPEN_RECORD], 0, id);
}

static void
mark_reviewed_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  RdRecordEditor *self = user_data;

  rd_record_workflow_mark_reviewed (self->workflow);
}

static void
email_all_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  RdRecordEditor *self = user_data;
  g_autoptr (JsonObject) body = _rd_record_editor_dup_body (self);
  g_autofree char *uri = rd_renewal_dup_stakeholders_mailto (body);

  if (uri != NULL)
    gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
compose_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RdRecordEditor *self = user_data;
  g_autoptr (JsonObject) body = _rd_record_editor_dup_body (self);
  gboolean is_offer = g_strcmp0 (_rd_record_editor_get_doc_type (self), "offer") == 0;
  GtkWidget *dialog;

  dialog = rd_compose_dialog_new (self->context, body,
                                  is_offer ? rd_record_workflow_get_linked (self->workflow)
                                           : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry record_entries[] = {
  { "renew", renew_activated, NULL, NULL, NULL },
  { "open-linked", open_linked_activated, NULL, NULL, NULL },
  { "mark-reviewed", mark_reviewed_activated, NULL, NULL, NULL },
  { "email-all", email_all_activated, NULL, NULL, NULL },
  { "compose", compose_activated, NULL, NULL, NULL },
};

/* The editor's copy predates what AWS gave back: closing it keeps a later Save from
 * overwriting the offer id and the stage. */
static void
on_publish_dialog_destroy_cb (RdRecordEditor *self,
                              GtkWidget      *dialog)
{
  static const char * const publish_members[] = {
    RD_PUBLISH_FIELD_CHANGESET_ID, RD_PUBLISH_FIELD_CHANGESET_STATUS,
    RD_PUBLISH_FIELD_CHANGESET_ERRORS, RD_PUBLISH_FIELD_CHANGESET_ATTEMPT, NULL
  };
  g_autoptr (RdRecord) stored = NULL;

  if (rd_publish_dialog_get_state (RD_PUBLISH_DIALOG (dialog)) == RD_PUBLISH_DIALOG_DONE)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* A refused publish stored what AWS said: show it at the fields, keep it on Save. */
  stored = rd_store_get (rd_context_get_store (self->context),
                         rd_record_get_id (self->record), NULL);
  if (stored != NULL)
    _rd_record_editor_reload_members (self, rd_record_get_body (stored), publish_members);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdRecordEditor *self = RD_RECORD_EDITOR (widget);
  RdPublishDialog *dialog;

  if (self->record == NULL)
    return;
  dialog = rd_publish_dialog_new (self->context, rd_record_get_id (self->record));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_publish_dialog_destroy_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_rd_record_editor_class_add_actions (GtkWidgetClass *widget_class)
{
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (widget_class);

  window_class->close_request = rd_record_editor_close_request;

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.publish", NULL, publish_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

void
_rd_record_editor_init_actions (RdRecordEditor *self)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), record_entries,
                                   G_N_ELEMENTS (record_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "record", G_ACTION_GROUP (self->actions));
}

static void
set_enabled (RdRecordEditor *self,
             const char     *name,
             gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_rd_record_editor_update_actions (RdRecordEditor *self,
                                  JsonObject     *body)
{
  g_autofree char *mailto = rd_renewal_dup_stakeholders_mailto (body);
  const char *linked_id = NULL;
  gboolean is_agreement = g_strcmp0 (_rd_record_editor_get_doc_type (self), "agreement") == 0;

  if (self->workflow != NULL)
    linked_id = rd_record_workflow_get_linked_id (self->workflow);

  set_enabled (self, "email-all", mailto != NULL);
  set_enabled (self, "open-linked", linked_id != NULL);
  /* Only an agreement in the store can be renewed. */
  set_enabled (self, "renew", is_agreement && self->record != NULL && linked_id == NULL);
  /* Publishing sends what is stored, of a drafted offer that breaks no rule. */
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button),
                          !is_agreement && self->record != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.publish",
                                 !is_agreement && self->record != NULL && self->n_errors == 0
                                 && !self->dirty
                                 && g_strcmp0 (rd_json_get_string (body, "stage"),
                                               "drafted") == 0);
}
