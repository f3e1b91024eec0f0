/* rd-publish-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-publish-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-keyring.h"
#include "rd-aws-publish.h"
#include "rd-labels.h"
#include "rd-publish-dialog.h"
#include "rd-record.h"

struct _RdPublishDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *cancel_button;
  GtkButton            *publish_button;
  GtkButton            *done_button;
  AdwToastOverlay      *toast_overlay;
  AdwPreferencesGroup  *summary_group;
  AdwPreferencesGroup  *permissions_group;
  AdwPreferencesGroup  *errors_group;
  GtkLabel             *check_label;
  GtkLabel             *apply_label;
  GtkSpinner           *apply_spinner;
  GtkLabel             *done_label;

  RdContext            *context;
  char                 *record_id;
  GPtrArray            *errors;
  GPtrArray            *error_rows;
  GtkWidget            *summary_row;
  RdAwsPublisher       *publisher;
  GCancellable         *cancellable;
  RdPublishDialogState  state;
  guint                 poll_initial_ms;
  guint                 poll_max_ms;
  gboolean              cancelling;
};

G_DEFINE_FINAL_TYPE (RdPublishDialog, rd_publish_dialog, ADW_TYPE_WINDOW)

static void
show_toast (RdPublishDialog *self,
            const char      *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_errors (RdPublishDialog *self,
             GPtrArray       *errors)
{
  for (guint i = 0; i < self->error_rows->len; i++)
    adw_preferences_group_remove (self->errors_group, g_ptr_array_index (self->error_rows, i));
  g_ptr_array_set_size (self->error_rows, 0);
  g_ptr_array_set_size (self->errors, 0);

  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);
      GtkWidget *row = adw_action_row_new ();

      g_ptr_array_add (self->errors, rd_field_error_new (error->field, error->message));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (error->field != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->field);
      gtk_widget_add_css_class (row, "error");
      adw_preferences_group_add (self->errors_group, row);
      g_ptr_array_add (self->error_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->errors_group), self->errors->len > 0);
}

static void
update_buttons (RdPublishDialog *self)
{
  const char *status = self->publisher != NULL ? rd_aws_publisher_get_status (self->publisher)
                                               : NULL;
  gboolean running = self->state == RD_PUBLISH_DIALOG_RUNNING;
  gboolean done = self->state == RD_PUBLISH_DIALOG_DONE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->publish_button),
                            self->state == RD_PUBLISH_DIALOG_READY
                            || self->state == RD_PUBLISH_DIALOG_FAILED
                            || self->state == RD_PUBLISH_DIALOG_CANCELLED);
  gtk_widget_set_visible (GTK_WIDGET (self->publish_button), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), done);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  /* AWS cancels a change set only while it prepares it; a request on its way may already
   * have started one. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button),
                            !running || (g_strcmp0 (status, "PREPARING") == 0
                                         && !self->cancelling));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               running ? _("Cancel the change set while AWS still prepares it")
                                       : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.cancel",
                                 gtk_widget_get_sensitive (GTK_WIDGET (self->cancel_button)));
}

static void
set_state (RdPublishDialog      *self,
           RdPublishDialogState  state)
{
  self->state = state;
  gtk_spinner_set_spinning (self->apply_spinner, state == RD_PUBLISH_DIALOG_RUNNING);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_spinner), state == RD_PUBLISH_DIALOG_RUNNING);
  update_buttons (self);
}

/* The local check: Publish is insensitive while a rule fails. */
static void
run_check (RdPublishDialog *self)
{
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GError) error = NULL;
  RdRulesContext ctx;

  rd_context_init_rules_context (self->context, &ctx);
  errors = rd_aws_publish_check_record (rd_context_get_store (self->context), self->record_id,
                                        &ctx, &request, &error);
  if (errors == NULL)
    {
      gtk_label_set_text (self->check_label, _("Not an offer"));
      show_toast (self, error->message);
      set_state (self, RD_PUBLISH_DIALOG_BLOCKED);
      return;
    }
  show_errors (self, errors);
  if (errors->len > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem",
                                                            "%u problems", errors->len),
                                               errors->len);

      gtk_label_set_text (self->check_label, text);
      set_state (self, RD_PUBLISH_DIALOG_BLOCKED);
      return;
    }
  gtk_label_set_text (self->check_label, _("Passed"));
  set_state (self, RD_PUBLISH_DIALOG_READY);
}

static const char *
status_text (const char *status)
{
  if (g_strcmp0 (status, "PREPARING") == 0)
    return _("AWS is preparing…");
  if (g_strcmp0 (status, "APPLYING") == 0)
    return _("AWS is applying…");
  if (g_strcmp0 (status, "SUCCEEDED") == 0)
    return _("Succeeded");
  if (g_strcmp0 (status, "FAILED") == 0)
    return _("Failed");
  if (g_strcmp0 (status, "CANCELLED") == 0)
    return _("Cancelled");
  return _("Sending…");
}

static void
on_status_changed_cb (RdAwsPublisher  *publisher,
                      const char      *status,
                      RdPublishDialog *self)
{
  gtk_label_set_text (self->apply_label, status_text (status));
  update_buttons (self);
}

static void
on_publish_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (RdPublishDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!rd_aws_publisher_publish_finish (RD_AWS_PUBLISHER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      show_errors (self, rd_aws_publisher_get_errors (RD_AWS_PUBLISHER (source)));
      gtk_label_set_text (self->apply_label,
                          status_text (rd_aws_publisher_get_status (RD_AWS_PUBLISHER (source))));
      if (g_error_matches (error, RD_AWS_ERROR, RD_AWS_ERROR_NETWORK))
        gtk_label_set_text (self->apply_label, _("Offline"));
      self->cancelling = FALSE;
      set_state (self, g_error_matches (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_CANCELLED)
                       ? RD_PUBLISH_DIALOG_CANCELLED : RD_PUBLISH_DIALOG_FAILED);
      show_toast (self, error->message);
      return;
    }

  gtk_label_set_text (self->apply_label, status_text ("SUCCEEDED"));
  gtk_label_set_text (self->done_label,
                      rd_aws_publisher_get_offer_id (RD_AWS_PUBLISHER (source)));
  show_errors (self, NULL);
  set_state (self, RD_PUBLISH_DIALOG_DONE);
  text = g_strdup_printf (_("Published as %s"),
                          rd_aws_publisher_get_offer_id (RD_AWS_PUBLISHER (source)));
  show_toast (self, text);
}

static void
start_publish (RdPublishDialog  *self,
               RdAwsCredentials *credentials)
{
  GSettings *settings = rd_context_get_settings (self->context);
  g_autofree char *setting = g_settings_get_string (settings, "aws-endpoint-url");
  g_autofree char *endpoint = NULL;
  g_autoptr (RdAwsTransport) transport = NULL;
  g_autoptr (GError) error = NULL;
  RdRulesContext ctx;

  g_strstrip (setting);
  endpoint = rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog,
                                                *setting != '\0' ? setting : NULL, credentials);
  /* The Catalog API lives in us-east-1 whatever region a profile works in. */
  transport = rd_aws_transport_new (&rd_aws_service_catalog, credentials, RD_AWS_DEFAULT_REGION,
                                    endpoint);
  if (!rd_aws_transport_check_endpoint (transport, &error))
    {
      set_state (self, RD_PUBLISH_DIALOG_FAILED);
      show_toast (self, error->message);
      return;
    }

  rd_context_init_rules_context (self->context, &ctx);
  g_clear_object (&self->publisher);
  self->publisher = rd_aws_publisher_new (rd_context_get_store (self->context), transport, &ctx);
  if (self->poll_initial_ms > 0)
    rd_aws_publisher_set_poll_interval (self->publisher, self->poll_initial_ms,
                                        self->poll_max_ms);
  g_signal_connect_object (self->publisher, "status-changed",
                           G_CALLBACK (on_status_changed_cb), self, 0);
  gtk_label_set_text (self->apply_label, status_text (NULL));
  gtk_label_set_text (self->done_label, "");
  set_state (self, RD_PUBLISH_DIALOG_RUNNING);
  rd_aws_publisher_publish_async (self->publisher, self->record_id, self->cancellable,
                                  on_publish_done_cb, g_object_ref (self));
}

static void
on_keyring_lookup_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (RdPublishDialog) self = user_data;
  g_autoptr (RdAwsCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *access_key_id = NULL;
  g_autofree char *secret_access_key = NULL;

  if (!rd_aws_keyring_lookup_finish (result, &access_key_id, &secret_access_key, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_state (self, RD_PUBLISH_DIALOG_FAILED);
      show_toast (self, _("No AWS credentials: set them up in “Import from AWS Marketplace…”, "
                          "in the environment or in ~/.aws/credentials."));
      return;
    }
  credentials = rd_aws_credentials_new (access_key_id, secret_access_key, NULL);
  start_publish (self, credentials);
}

static void
on_publish_button_clicked_cb (RdPublishDialog *self)
{
  g_autofree char *profile = NULL;
  g_autoptr (RdAwsCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;

  /* The record may have changed since the dialog opened. */
  run_check (self);
  if (self->state != RD_PUBLISH_DIALOG_READY)
    return;

  profile = g_settings_get_string (rd_context_get_settings (self->context), "aws-profile");
  g_strstrip (profile);
  credentials = rd_aws_credentials_load (*profile != '\0' ? profile : NULL, &error);
  if (credentials != NULL)
    {
      start_publish (self, credentials);
      return;
    }
  /* The key the import remembered, when neither environment nor profile has one. */
  set_state (self, RD_PUBLISH_DIALOG_RUNNING);
  rd_aws_keyring_lookup_async (self->cancellable, on_keyring_lookup_cb, g_object_ref (self));
}

static void
on_cancel_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (RdPublishDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!rd_aws_publisher_cancel_finish (RD_AWS_PUBLISHER (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->cancelling = FALSE;
      update_buttons (self);
      show_toast (self, error->message);
    }
  /* Else the change set ends CANCELLED, and the publish with it. */
}

static void
on_cancel_button_clicked_cb (RdPublishDialog *self)
{
  if (self->state != RD_PUBLISH_DIALOG_RUNNING)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->publisher == NULL || self->cancelling)
    return;
  self->cancelling = TRUE;
  gtk_label_set_text (self->apply_label, _("Cancelling…"));
  update_buttons (self);
  rd_aws_publisher_cancel_async (self->publisher, self->cancellable, on_cancel_done_cb,
                                 g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  on_cancel_button_clicked_cb (RD_PUBLISH_DIALOG (widget));
}

static void
rd_publish_dialog_dispose (GObject *object)
{
  RdPublishDialog *self = RD_PUBLISH_DIALOG (object);

  /* A change set in flight stays on the record: publishing again resumes it. */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PUBLISH_DIALOG);

  G_OBJECT_CLASS (rd_publish_dialog_parent_class)->dispose (object);
}

static void
rd_publish_dialog_finalize (GObject *object)
{
  RdPublishDialog *self = RD_PUBLISH_DIALOG (object);

  g_clear_object (&self->publisher);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->errors, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_publish_dialog_parent_class)->finalize (object);
}

static void
rd_publish_dialog_class_init (RdPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_publish_dialog_dispose;
  object_class->finalize = rd_publish_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renewaldesk/RenewalDesk/"
                                               "rd-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, publish_button);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, permissions_group);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, errors_group);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, check_label);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, apply_label);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, apply_spinner);
  gtk_widget_class_bind_template_child (widget_class, RdPublishDialog, done_label);
  gtk_widget_class_bind_template_callback (widget_class, on_publish_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_action);
}

static void
rd_publish_dialog_init (RdPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
  self->error_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

static void
fill_summary (RdPublishDialog *self)
{
  g_autoptr (RdRecord) record = rd_store_get (rd_context_get_store (self->context),
                                              self->record_id, NULL);
  g_autofree char *title = record != NULL ? rd_record_dup_title (record) : NULL;
  const char *status = record != NULL ? rd_record_get_string (record, "changeset_status")
                                      : NULL;

  self->summary_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->summary_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->summary_row),
                                 title != NULL ? title : self->record_id);
  if (record != NULL)
    {
      const char *mechanism = rd_labels_mechanism (rd_record_get_string (record,
                                                                        "renewal_mechanism"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->summary_row),
                                   mechanism != NULL ? mechanism : "");
    }
  adw_preferences_group_add (self->summary_group, self->summary_row);
  {
    /* Translators: %s lists IAM actions: "aws-marketplace:StartChangeSet, DescribeChangeSet…" */
    g_autofree char *hint = g_strdup_printf (_("Publishing needs an IAM user or role allowed "
                                               "these actions: %s."),
                                             RD_AWS_PUBLISH_PERMISSIONS);

    adw_preferences_group_set_description (self->permissions_group, hint);
  }
  adw_window_title_set_subtitle (self->window_title, title != NULL ? title : "");
  /* A change set started before (another run, another device) is shown as it was left. */
  gtk_label_set_text (self->apply_label, status != NULL ? status_text (status) : "");
}

RdPublishDialog *
rd_publish_dialog_new (RdContext  *context,
                       const char *record_id)
{
  RdPublishDialog *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);

  self = g_object_new (RD_TYPE_PUBLISH_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->record_id = g_strdup (record_id);
  fill_summary (self);
  run_check (self);
  return self;
}

RdPublishDialogState
rd_publish_dialog_get_state (RdPublishDialog *self)
{
  g_return_val_if_fail (RD_IS_PUBLISH_DIALOG (self), RD_PUBLISH_DIALOG_BLOCKED);
  return self->state;
}

GPtrArray *
rd_publish_dialog_get_errors (RdPublishDialog *self)
{
  g_return_val_if_fail (RD_IS_PUBLISH_DIALOG (self), NULL);
  return self->errors;
}

const char *
rd_publish_dialog_get_status (RdPublishDialog *self)
{
  g_return_val_if_fail (RD_IS_PUBLISH_DIALOG (self), NULL);
  return self->publisher != NULL ? rd_aws_publisher_get_status (self->publisher) : NULL;
}

void
rd_publish_dialog_set_poll_interval (RdPublishDialog *self,
                                     guint            initial_ms,
                                     guint            max_ms)
{
  g_return_if_fail (RD_IS_PUBLISH_DIALOG (self));
  self->poll_initial_ms = initial_ms;
  self->poll_max_ms = max_ms;
}
