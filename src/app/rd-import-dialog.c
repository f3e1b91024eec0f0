/* rd-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-aws-credentials.h"
#include "rd-aws-import.h"
#include "rd-import-dialog.h"
#include "rd-keyring.h"

typedef enum
{
  SOURCE_PROFILE,
  SOURCE_ACCESS_KEY,
} CredentialSource;

struct _RdImportDialog
{
  AdwWindow            parent_instance;

  GtkButton           *cancel_button;
  GtkButton           *back_button;
  GtkButton           *import_button;
  GtkButton           *done_button;
  GtkStack            *stack;
  AdwComboRow         *source_row;
  AdwEntryRow         *profile_row;
  AdwEntryRow         *access_key_row;
  AdwPasswordEntryRow *secret_key_row;
  AdwActionRow        *remember_row;
  GtkSwitch           *remember_switch;
  AdwEntryRow         *endpoint_row;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  GtkImage            *summary_icon;
  GtkLabel            *summary_title;
  GtkLabel            *summary_description;
  GtkLabel            *added_label;
  GtkLabel            *updated_label;
  GtkLabel            *unchanged_label;
  GtkLabel            *failed_label;
  AdwPreferencesGroup *failures_group;
  GtkListBox          *failures_list;
  AdwPreferencesGroup *notices_group;
  GtkListBox          *notices_list;

  RdContext           *context;
  RdImportDialogState  state;

  /* The running or last import, which holds the counts. */
  RdAwsImport         *import;
  GCancellable        *cancellable;
  RdImportResult      *result;

  GCancellable        *keyring_cancellable;
  gboolean             keyring_looked_up;
  /* A key was read from the keyring, so turning "remember" off forgets it. */
  gboolean             keyring_had_key;
  /* Read the Catalog API after the agreements (offers, product titles). */
  gboolean             with_catalog;
};

G_DEFINE_FINAL_TYPE (RdImportDialog, rd_import_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The profile the AWS CLI would use without --profile. */
static const char *
default_profile (void)
{
  const char *profile = g_getenv ("AWS_PROFILE");

  return profile != NULL && *profile != '\0' ? profile : "default";
}

static gboolean
profile_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *profile = g_variant_get_string (variant, NULL);

  g_value_set_string (value, *profile != '\0' ? profile : default_profile ());
  return TRUE;
}

static GVariant *
profile_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  g_autofree char *profile = g_strstrip (g_value_dup_string (value));

  /* The default is not stored, so AWS_PROFILE keeps deciding. */
  if (g_str_equal (profile, default_profile ()))
    return g_variant_new_string ("");
  return g_variant_new_string (profile);
}

static CredentialSource
rd_import_dialog_get_source (RdImportDialog *self)
{
  return adw_combo_row_get_selected (self->source_row) == SOURCE_ACCESS_KEY
           ? SOURCE_ACCESS_KEY : SOURCE_PROFILE;
}

static void
rd_import_dialog_update_import_button (RdImportDialog *self)
{
  gboolean ready;

  if (rd_import_dialog_get_source (self) == SOURCE_ACCESS_KEY)
    ready = *gtk_editable_get_text (GTK_EDITABLE (self->access_key_row)) != '\0'
            && *gtk_editable_get_text (GTK_EDITABLE (self->secret_key_row)) != '\0';
  else
    ready = TRUE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), ready);
}

static void
rd_import_dialog_set_state (RdImportDialogState  state,
                            RdImportDialog      *self)
{
  gboolean setup = state == RD_IMPORT_DIALOG_SETUP;
  gboolean running = state == RD_IMPORT_DIALOG_RUNNING;
  gboolean finished = !setup && !running;

  self->state = state;

  gtk_stack_set_visible_child_name (self->stack, setup ? "setup"
                                                 : running ? "progress" : "summary");
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), setup || running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->cancel_button),
                               running ? _("Stop the import; agreements already stored are kept")
                                       : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), setup);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), finished);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), finished);

  if (setup)
    rd_import_dialog_update_import_button (self);
  if (finished)
    gtk_widget_grab_focus (GTK_WIDGET (self->done_button));
}

static GtkWidget *
create_message_row (gpointer item,
                    gpointer user_data)
{
  const char *text = gtk_string_object_get_string (item);
  const char *separator = strstr (text, ": ");
  gboolean failures = GPOINTER_TO_INT (user_data);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  /* Failures read "agmt-…: reason": the agreement, then why. */
  if (failures && separator != NULL)
    {
      g_autofree char *id = g_strndup (text, (gsize) (separator - text));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), id);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), separator + 2);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);

  return row;
}

static void
bind_messages (GtkListBox          *list,
               AdwPreferencesGroup *group,
               GPtrArray           *messages,
               gboolean             failures)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; messages != NULL && i < messages->len; i++)
    gtk_string_list_append (model, g_ptr_array_index (messages, i));

  gtk_list_box_bind_model (list, G_LIST_MODEL (model), create_message_row,
                           GINT_TO_POINTER (failures), NULL);
  gtk_widget_set_visible (GTK_WIDGET (group),
                          g_list_model_get_n_items (G_LIST_MODEL (model)) > 0);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_label (label, text);
}

static void
rd_import_dialog_show_summary (RdImportDialog      *self,
                               RdImportDialogState  state,
                               const GError        *error)
{
  RdImportResult *result = self->result;
  g_autofree char *description = NULL;
  g_autofree char *up_to_date = NULL;
  g_autofree char *not_imported = NULL;
  const char *title;
  const char *icon_name;
  const char *style;
  guint stored;

  stored = result ? result->added + result->updated + result->unchanged : 0;

  switch (state)
    {
    case RD_IMPORT_DIALOG_DONE:
      if (stored == 0 && result->failed == 0)
        up_to_date = g_strdup (_("AWS Marketplace has no purchase agreements for this "
                                 "account."));
      else
        up_to_date = g_strdup_printf (g_dngettext (NULL,
                                                   "%u agreement from AWS Marketplace is up "
                                                   "to date in Renewal Desk.",
                                                   "%u agreements from AWS Marketplace are up "
                                                   "to date in Renewal Desk.",
                                                   stored),
                                      stored);
      if (self->import != NULL)
        {
          g_auto (GStrv) lines = rd_aws_import_dup_summary (self->import);

          /* The agreements' counts are shown below; the Catalog's lines follow. */
          if (g_strv_length (lines) > 1)
            {
              g_autofree char *catalog = g_strjoinv ("\n", lines + 1);
              char *both = g_strjoin ("\n", up_to_date, catalog, NULL);

              g_free (up_to_date);
              up_to_date = both;
            }
        }
      if (result->failed == 0)
        {
          icon_name = "emblem-ok-symbolic";
          style = "success";
          title = _("Import Complete");
          description = g_steal_pointer (&up_to_date);
          break;
        }
      icon_name = "dialog-warning-symbolic";
      style = "warning";
      title = _("Imported with Problems");
      not_imported = g_strdup_printf (g_dngettext (NULL,
                                                   "%u agreement was not imported; the reason "
                                                   "is listed below.",
                                                   "%u agreements were not imported; the "
                                                   "reasons are listed below.",
                                                   result->failed),
                                      result->failed);
      description = g_strjoin ("\n", up_to_date, not_imported, NULL);
      break;

    case RD_IMPORT_DIALOG_CANCELLED:
      icon_name = "process-stop-symbolic";
      style = "warning";
      title = _("Import Stopped");
      description = g_strdup (_("Agreements already stored are kept. Import again to bring "
                                "in the rest."));
      break;

    case RD_IMPORT_DIALOG_FAILED:
    case RD_IMPORT_DIALOG_SETUP:
    case RD_IMPORT_DIALOG_RUNNING:
    default:
      icon_name = "dialog-error-symbolic";
      style = "error";
      title = _("Import Failed");
      if (stored > 0)
        /* Translators: %s is the error, e.g. "AWS denied access: …" */
        description = g_strdup_printf (_("%s\n\nAgreements stored before the error are "
                                         "kept."),
                                       error ? error->message : "");
      else
        description = g_strdup (error ? error->message : "");
      break;
    }

  gtk_image_set_from_icon_name (self->summary_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), style);
  gtk_label_set_label (self->summary_title, title);
  gtk_label_set_label (self->summary_description, description);

  set_count (self->added_label, result ? result->added : 0);
  set_count (self->updated_label, result ? result->updated : 0);
  set_count (self->unchanged_label, result ? result->unchanged : 0);
  set_count (self->failed_label, result ? result->failed : 0);
  bind_messages (self->failures_list, self->failures_group,
                 result ? result->failures : NULL, TRUE);
  bind_messages (self->notices_list, self->notices_group,
                 result ? result->notices : NULL, FALSE);

  rd_import_dialog_set_state (state, self);
}

static void
rd_import_dialog_stop_run (RdImportDialog *self)
{
  if (self->import != NULL)
    g_signal_handlers_disconnect_by_data (self->import, self);
  g_clear_object (&self->cancellable);
}

static void
on_import_progress_cb (RdAwsImport    *import,
                       int             phase,
                       guint           done,
                       guint           total,
                       RdImportDialog *self)
{
  g_autofree char *text = NULL;
  g_autofree char *step = NULL;

  if (phase == RD_AWS_IMPORT_PHASE_CATALOG)
    {
      /* Translators: the second step of an import, e.g. "Step 2 of 2: read 12 offers,
       * products and resale authorizations from the Catalog…" */
      text = g_strdup_printf (g_dngettext (NULL,
                                           "Step 2 of 2: read %u offer, product or resale "
                                           "authorization from the Catalog…",
                                           "Step 2 of 2: read %u offers, products and resale "
                                           "authorizations from the Catalog…",
                                           done),
                              done);
      adw_status_page_set_description (self->progress_page, text);
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }
  if (total == 0)
    {
      text = g_strdup_printf (g_dngettext (NULL, "Found %u agreement…", "Found %u agreements…",
                                           done),
                              done);
      gtk_progress_bar_pulse (self->progress_bar);
    }
  else
    {
      /* Translators: progress of an import, e.g. "Read 3 of 120 agreements" */
      text = g_strdup_printf (g_dngettext (NULL, "Read %u of %u agreement",
                                           "Read %u of %u agreements", total),
                              done, total);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
    }
  if (self->with_catalog)
    {
      /* Translators: the first step of an import; %s is e.g. "Read 3 of 120 agreements" */
      step = g_strdup_printf (_("Step 1 of 2: %s"), text);
      adw_status_page_set_description (self->progress_page, step);
    }
  else
    adw_status_page_set_description (self->progress_page, text);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (RdImportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean done;

  done = rd_aws_import_run_finish (RD_AWS_IMPORT (source), result, &error);

  /* Closed while importing: the template is gone, only the store mattered. */
  if (self->stack == NULL)
    return;

  rd_import_dialog_stop_run (self);

  if (done)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      rd_import_dialog_show_summary (self, RD_IMPORT_DIALOG_DONE, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rd_import_dialog_show_summary (self, RD_IMPORT_DIALOG_CANCELLED, NULL);
  else
    {
      g_debug ("Import from AWS Marketplace failed: %s", error->message);
      rd_import_dialog_show_summary (self, RD_IMPORT_DIALOG_FAILED, error);
    }
}

static void
on_keyring_stored_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!rd_aws_keyring_store_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Failed to remember the AWS access key: %s", error->message);
}

static void
on_keyring_forgotten_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!rd_aws_keyring_forget_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Failed to forget the AWS access key: %s", error->message);
}

static RdAwsCredentials *
rd_import_dialog_dup_credentials (RdImportDialog  *self,
                                  GError         **error)
{
  g_autofree char *profile = NULL;
  const char *access_key_id;
  const char *secret_access_key;

  if (rd_import_dialog_get_source (self) == SOURCE_PROFILE)
    {
      profile = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->profile_row))));
      /* Like the AWS CLI without --profile: keys in the environment come first. */
      if (*profile == '\0' || g_str_equal (profile, default_profile ()))
        g_clear_pointer (&profile, g_free);
      return rd_aws_credentials_load (profile, error);
    }

  access_key_id = gtk_editable_get_text (GTK_EDITABLE (self->access_key_row));
  secret_access_key = gtk_editable_get_text (GTK_EDITABLE (self->secret_key_row));

  if (gtk_switch_get_active (self->remember_switch))
    rd_aws_keyring_store_async (access_key_id, secret_access_key, NULL,
                                on_keyring_stored_cb, NULL);
  else if (self->keyring_had_key)
    rd_aws_keyring_forget_async (NULL, on_keyring_forgotten_cb, NULL);

  return rd_aws_credentials_new (access_key_id, secret_access_key, NULL);
}

static void
rd_import_dialog_start (RdImportDialog *self)
{
  g_autoptr (RdAwsCredentials) credentials = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *endpoint = NULL;

  g_return_if_fail (self->cancellable == NULL);

  g_clear_object (&self->import);
  self->result = NULL;

  credentials = rd_import_dialog_dup_credentials (self, &error);
  if (credentials == NULL)
    {
      rd_import_dialog_show_summary (self, RD_IMPORT_DIALOG_FAILED, error);
      return;
    }

  endpoint = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->endpoint_row))));
  /* Both APIs live in us-east-1 whatever region a profile works in. An endpoint typed here
   * serves both, as AWS_ENDPOINT_URL does. */
  self->import = rd_aws_import_new (rd_context_get_store (self->context), credentials, NULL,
                                    *endpoint != '\0' ? endpoint : NULL,
                                    *endpoint != '\0' ? endpoint : NULL);
  rd_aws_import_set_catalog (self->import, self->with_catalog);
  self->result = rd_aws_import_get_agreements (self->import);
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->import, "progress", G_CALLBACK (on_import_progress_cb), self,
                           0);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  adw_status_page_set_description (self->progress_page, _("Searching your agreements…"));
  rd_import_dialog_set_state (RD_IMPORT_DIALOG_RUNNING, self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  rd_aws_import_run_async (self->import, self->cancellable, on_import_done_cb,
                           g_object_ref (self));
}

static void
on_import_button_clicked_cb (GtkButton      *button,
                             RdImportDialog *self)
{
  rd_import_dialog_start (self);
}

static void
on_cancel_button_clicked_cb (GtkButton      *button,
                             RdImportDialog *self)
{
  if (self->state == RD_IMPORT_DIALOG_RUNNING)
    {
      adw_status_page_set_description (self->progress_page, _("Stopping…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      g_cancellable_cancel (self->cancellable);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
on_back_button_clicked_cb (GtkButton      *button,
                           RdImportDialog *self)
{
  rd_import_dialog_set_state (RD_IMPORT_DIALOG_SETUP, self);
}

static void
on_credentials_changed_cb (RdImportDialog *self)
{
  rd_import_dialog_update_import_button (self);
}

static void
on_keyring_lookup_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  RdImportDialog *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *access_key_id = NULL;
  g_autofree char *secret_access_key = NULL;

  if (!rd_aws_keyring_lookup_finish (result, &access_key_id, &secret_access_key, &error))
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No AWS access key from the keyring: %s", error->message);
      return;
    }

  self->keyring_had_key = TRUE;
  /* What the user already typed wins. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->access_key_row)) == '\0'
      && *gtk_editable_get_text (GTK_EDITABLE (self->secret_key_row)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->access_key_row), access_key_id);
      gtk_editable_set_text (GTK_EDITABLE (self->secret_key_row), secret_access_key);
      gtk_switch_set_active (self->remember_switch, TRUE);
    }
  memset (secret_access_key, 0, strlen (secret_access_key));
}

static void
on_source_row_notify_selected_cb (RdImportDialog *self)
{
  gboolean keys = rd_import_dialog_get_source (self) == SOURCE_ACCESS_KEY;

  gtk_widget_set_visible (GTK_WIDGET (self->profile_row), !keys);
  gtk_widget_set_visible (GTK_WIDGET (self->access_key_row), keys);
  gtk_widget_set_visible (GTK_WIDGET (self->secret_key_row), keys);
  gtk_widget_set_visible (GTK_WIDGET (self->remember_row), keys);
  rd_import_dialog_update_import_button (self);

  /* Only now: the keyring may ask to be unlocked, which only makes sense on request. */
  if (keys && !self->keyring_looked_up)
    {
      self->keyring_looked_up = TRUE;
      self->keyring_cancellable = g_cancellable_new ();
      rd_aws_keyring_lookup_async (self->keyring_cancellable, on_keyring_lookup_cb, self);
    }
}

static gboolean
rd_import_dialog_close_request (GtkWindow *window)
{
  RdImportDialog *self = RD_IMPORT_DIALOG (window);

  /* Pages already stored stay; the rest is not fetched. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (rd_import_dialog_parent_class)->close_request (window);
}

static void
rd_import_dialog_constructed (GObject *object)
{
  RdImportDialog *self = (RdImportDialog *)object;
  GSettings *settings;

  G_OBJECT_CLASS (rd_import_dialog_parent_class)->constructed (object);

  g_assert (RD_IS_CONTEXT (self->context));

  settings = rd_context_get_settings (self->context);
  g_settings_bind_with_mapping (settings, "aws-profile", self->profile_row, "text",
                                G_SETTINGS_BIND_DEFAULT,
                                profile_get_mapping, profile_set_mapping, NULL, NULL);
  g_settings_bind (settings, "aws-endpoint-url", self->endpoint_row, "text",
                   G_SETTINGS_BIND_DEFAULT);

  rd_import_dialog_set_state (RD_IMPORT_DIALOG_SETUP, self);
}

static void
rd_import_dialog_dispose (GObject *object)
{
  RdImportDialog *self = (RdImportDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->keyring_cancellable != NULL)
    g_cancellable_cancel (self->keyring_cancellable);
  g_clear_object (&self->keyring_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (rd_import_dialog_parent_class)->dispose (object);
}

static void
rd_import_dialog_finalize (GObject *object)
{
  RdImportDialog *self = (RdImportDialog *)object;

  rd_import_dialog_stop_run (self);
  g_clear_object (&self->import);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_import_dialog_parent_class)->finalize (object);
}

static void
rd_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RdImportDialog *self = RD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_import_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RdImportDialog *self = RD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_import_dialog_class_init (RdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rd_import_dialog_constructed;
  object_class->dispose = rd_import_dialog_dispose;
  object_class->finalize = rd_import_dialog_finalize;
  object_class->get_property = rd_import_dialog_get_property;
  object_class->set_property = rd_import_dialog_set_property;

  window_class->close_request = rd_import_dialog_close_request;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         RD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, access_key_row);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, secret_key_row);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, remember_row);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, summary_description);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, added_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, updated_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, unchanged_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, failed_label);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, failures_group);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, failures_list);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, notices_group);
  gtk_widget_class_bind_template_child (widget_class, RdImportDialog, notices_list);
  gtk_widget_class_bind_template_callback (widget_class, on_import_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_credentials_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_row_notify_selected_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_import_dialog_init (RdImportDialog *self)
{
  self->with_catalog = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

RdImportDialog *
rd_import_dialog_new (RdContext *context)
{
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_IMPORT_DIALOG,
                       "context", context,
                       NULL);
}

RdImportDialogState
rd_import_dialog_get_state (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), RD_IMPORT_DIALOG_SETUP);

  return self->state;
}

const RdImportResult *
rd_import_dialog_get_result (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return self->result;
}

const RdImportResult *
rd_import_dialog_get_offers_result (RdImportDialog *self)
{
  g_return_val_if_fail (RD_IS_IMPORT_DIALOG (self), NULL);

  return self->import != NULL ? rd_aws_import_get_offers (self->import) : NULL;
}

void
rd_import_dialog_set_catalog (RdImportDialog *self,
                              gboolean        catalog)
{
  g_return_if_fail (RD_IS_IMPORT_DIALOG (self));

  self->with_catalog = catalog;
}
