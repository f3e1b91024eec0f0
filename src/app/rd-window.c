/* rd-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-calendar-view.h"
#include "rd-csv-import.h"
#include "rd-dashboard-view.h"
#include "rd-demo.h"
#include "rd-due-view.h"
#include "rd-export.h"
#include "rd-import-dialog.h"
#include "rd-pipeline-view.h"
#include "rd-record-editor.h"
#include "rd-renewal.h"
#include "rd-sync-indicator.h"
#include "rd-store-views.h"
#include "rd-template.h"
#include "rd-window.h"

struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwSqueezer          *title_squeezer;
  GtkWidget            *wide_switcher;
  GtkWidget            *narrow_switcher;
  AdwViewSwitcherBar   *switcher_bar;
  AdwButtonContent     *new_offer_content;
  guint                 new_offer_label_idle;
  GtkToggleButton      *search_button;
  RdSyncIndicator      *sync_indicator;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  RdCalendarView       *calendar_view;
  RdPipelineView       *pipeline_view;
  RdDashboardView      *dashboard_view;

  RdContext            *context;
};

G_DEFINE_FINAL_TYPE (RdWindow, rd_window, ADW_TYPE_APPLICATION_WINDOW)

/* Below this width the header bar shows icons only. */
#define RD_WINDOW_NARROW_WIDTH 800

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The views switch at the bottom when the header bar has no room for the switcher. */
static void
rd_window_update_switcher_bar (RdWindow *self)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (self->title_squeezer);
  gboolean empty = g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                              "empty") == 0;

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    !empty && shown != self->wide_switcher
                                    && shown != self->narrow_switcher);
}

static void
rd_window_update_empty_state (RdWindow *self)
{
  RdStore *store = rd_context_get_store (self->context);
  gboolean empty;

  empty = !rd_store_views_has_renewals (store);

  gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "content");
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), !empty);
  /* Without views, the header bar shows the title. */
  adw_squeezer_page_set_enabled (adw_squeezer_get_page (self->title_squeezer,
                                                        self->wide_switcher), !empty);
  adw_squeezer_page_set_enabled (adw_squeezer_get_page (self->title_squeezer,
                                                        self->narrow_switcher), !empty);
  rd_window_update_switcher_bar (self);
}

static void
on_store_changed_cb (RdStore  *store,
                     RdWindow *self)
{
  rd_window_update_empty_state (self);
}

static void
on_search_button_notify_active_cb (RdWindow *self)
{
  if (gtk_toggle_button_get_active (self->search_button))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "pipeline");
      rd_pipeline_view_focus_search (self->pipeline_view);
    }
}

static void
on_editor_deleted_cb (RdRecordEditor *editor,
                      const char     *id,
                      const char     *title,
                      RdWindow       *self)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* Translators: %s is an agreement or offer, e.g. "Acme Corp — Analytics Suite" */
  /* Toast titles are Pango markup in libadwaita 1.2. */
  text = g_markup_printf_escaped (_("“%s” deleted"), title);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undelete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_editor_open_record_cb (RdRecordEditor *editor,
                          const char     *id,
                          RdWindow       *self)
{
  rd_window_open_record (self, id);
}

static void
on_editor_renew_cb (RdRecordEditor *editor,
                    const char     *agreement_id,
                    RdWindow       *self)
{
  rd_window_renew (self, agreement_id);
}

static RdRecordEditor *
rd_window_present_editor (RdWindow       *self,
                          RdRecordEditor *editor)
{
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), self, 0);
  g_signal_connect_object (editor, "open-record", G_CALLBACK (on_editor_open_record_cb), self,
                           0);
  g_signal_connect_object (editor, "renew", G_CALLBACK (on_editor_renew_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

static void
show_calendar_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "calendar");
}

static void
show_dashboard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "dashboard");
}

static void
show_due_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  rd_due_view_present_window (self->context, self);
}

static void
renew_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  rd_window_renew (RD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_pipeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "pipeline");
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "content") != 0)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "pipeline");
  rd_pipeline_view_focus_search (self->pipeline_view);
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!rd_demo_populate (rd_context_get_store (self->context),
                         RD_DEMO_DEFAULT_COUNT, RD_DEMO_DEFAULT_SEED, NULL, &error))
    {
      g_autofree char *text = NULL;

      g_warning ("Failed to load the demo data: %s", error->message);
      text = g_markup_printf_escaped (_("Could not load the demo data: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
    }

  rd_window_update_empty_state (self);
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  rd_window_open_record (RD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
undelete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  const char *id;

  id = g_variant_get_string (parameter, NULL);
  if (!rd_store_undelete (rd_context_get_store (self->context), id, &error))
    {
      g_warning ("Failed to restore %s: %s", id, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Could not restore the deleted record")));
    }
}

static void
new_offer_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  rd_window_new_offer (RD_WINDOW (widget));
}

static void
new_agreement_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rd_window_new_agreement (RD_WINDOW (widget));
}

static void
import_aws_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdWindow *self = RD_WINDOW (widget);
  RdImportDialog *dialog;

  /* Two imports at once could both add the same new agreement. */
  if (rd_csv_import_is_running (self))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Wait until the CSV file is imported")));
      return;
    }

  dialog = rd_import_dialog_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  rd_csv_import_choose (RD_WINDOW (widget));
}

static void
export_pipeline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  rd_export_choose (RD_WINDOW (widget), RD_EXPORT_PIPELINE_CSV);
}

static void
export_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  rd_export_choose (RD_WINDOW (widget), RD_EXPORT_CALENDAR_ICS);
}

static void
rd_window_constructed (GObject *object)
{
  RdWindow *self = (RdWindow *)object;
  GSettings *settings;

  G_OBJECT_CLASS (rd_window_parent_class)->constructed (object);

  g_assert (RD_IS_CONTEXT (self->context));

  settings = rd_context_get_settings (self->context);
  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "last-view", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);

  rd_calendar_view_set_context (self->calendar_view, self->context);
  rd_sync_indicator_set_context (self->sync_indicator, self->context);
  rd_pipeline_view_set_context (self->pipeline_view, self->context);
  rd_dashboard_view_set_context (self->dashboard_view, self->context);

  /* First run: the shipped call scripts and e-mail templates. */
  {
    g_autoptr (GError) error = NULL;

    rd_template_install_defaults (rd_context_get_store (self->context), &error);
    if (error != NULL)
      g_warning ("Failed to install the default templates: %s", error->message);
  }

  g_object_bind_property (self->pipeline_view, "search-mode",
                          self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_object (rd_context_get_store (self->context), "changed",
                           G_CALLBACK (on_store_changed_cb), self, 0);
  rd_window_update_empty_state (self);
}

static void
rd_window_dispose (GObject *object)
{
  RdWindow *self = (RdWindow *)object;

  g_clear_handle_id (&self->new_offer_label_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_WINDOW);

  G_OBJECT_CLASS (rd_window_parent_class)->dispose (object);
}

static void
rd_window_finalize (GObject *object)
{
  RdWindow *self = (RdWindow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_window_parent_class)->finalize (object);
}

static void
rd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  RdWindow *self = RD_WINDOW (object);

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
rd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RdWindow *self = RD_WINDOW (object);

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
rd_window_class_init (RdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rd_window_constructed;
  object_class->dispose = rd_window_dispose;
  object_class->finalize = rd_window_finalize;
  object_class->get_property = rd_window_get_property;
  object_class->set_property = rd_window_set_property;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         RD_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RD_TYPE_CALENDAR_VIEW);
  g_type_ensure (RD_TYPE_PIPELINE_VIEW);
  g_type_ensure (RD_TYPE_DASHBOARD_VIEW);
  g_type_ensure (RD_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/renewaldesk/RenewalDesk/rd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, wide_switcher);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, narrow_switcher);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, new_offer_content);
  /* No fields: for tests, which press them as the user would. */
  gtk_widget_class_bind_template_child_full (widget_class, "load_demo_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "import_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, pipeline_view);
  gtk_widget_class_bind_template_child (widget_class, RdWindow, dashboard_view);

  gtk_widget_class_install_action (widget_class, "win.show-calendar", NULL, show_calendar_action);
  gtk_widget_class_install_action (widget_class, "win.show-pipeline", NULL, show_pipeline_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "win.new-offer", NULL, new_offer_action);
  gtk_widget_class_install_action (widget_class, "win.new-agreement", NULL,
                                   new_agreement_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "s", open_record_action);
  gtk_widget_class_install_action (widget_class, "win.show-dashboard", NULL,
                                   show_dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.show-due", NULL, show_due_action);
  gtk_widget_class_install_action (widget_class, "win.renew", "s", renew_action);
  gtk_widget_class_install_action (widget_class, "win.undelete", "s", undelete_action);
  gtk_widget_class_install_action (widget_class, "win.import-aws", NULL, import_aws_action);
  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.export-pipeline", NULL,
                                   export_pipeline_action);
  gtk_widget_class_install_action (widget_class, "win.export-calendar", NULL,
                                   export_calendar_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-calendar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-pipeline", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-dashboard", NULL);
}

/* Narrow, New Offer keeps only its icon, which leaves the view switcher room in the header
 * bar for longer; the window's width decides, not the switcher, which would oscillate. */
static gboolean
update_new_offer_label_cb (gpointer user_data)
{
  RdWindow *self = user_data;
  GdkSurface *surface;
  int width;
  int height;

  self->new_offer_label_idle = 0;
  surface = gtk_native_get_surface (GTK_NATIVE (self));
  if (surface != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    width = gdk_surface_get_width (surface);
  else
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  adw_button_content_set_label (self->new_offer_content,
                                width > 0 && width < RD_WINDOW_NARROW_WIDTH ? ""
                                                                            : _("_New Offer"));

  return G_SOURCE_REMOVE;
}

static void
queue_update_new_offer_label (RdWindow *self)
{
  /* Notified while the window is being laid out: change the header bar after that. */
  if (self->new_offer_label_idle == 0 && self->new_offer_content != NULL)
    self->new_offer_label_idle = g_idle_add (update_new_offer_label_cb, self);
}

static void
on_realize_cb (RdWindow *self)
{
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (self)), "notify::width",
                           G_CALLBACK (queue_update_new_offer_label), self,
                           G_CONNECT_SWAPPED);
}

static void
rd_window_init (RdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (queue_update_new_offer_label),
                    NULL);
  queue_update_new_offer_label (self);

  g_signal_connect_swapped (self->search_button, "notify::active",
                            G_CALLBACK (on_search_button_notify_active_cb), self);
  g_signal_connect_swapped (self->title_squeezer, "notify::visible-child",
                            G_CALLBACK (rd_window_update_switcher_bar), self);
}

RdWindow *
rd_window_new (RdApplication *application,
               RdContext     *context)
{
  g_return_val_if_fail (!application || RD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  return g_object_new (RD_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

RdContext *
rd_window_get_context (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->context;
}

RdCalendarView *
rd_window_get_calendar_view (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->calendar_view;
}

RdPipelineView *
rd_window_get_pipeline_view (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->pipeline_view;
}

const char *
rd_window_get_visible_view (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0)
    return "empty";

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

RdRecordEditor *
rd_window_open_record (RdWindow   *self,
                       const char *id)
{
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  record = rd_store_get (rd_context_get_store (self->context), id, &error);
  if (record == NULL)
    {
      g_warning ("Failed to open %s: %s", id, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("This record no longer exists")));
      return NULL;
    }

  return rd_window_present_editor (self, rd_record_editor_new (self->context, record));
}

RdRecordEditor *
rd_window_new_offer (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return rd_window_present_editor (self, rd_record_editor_new_offer (self->context));
}

RdRecordEditor *
rd_window_new_agreement (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return rd_window_present_editor (self, rd_record_editor_new_agreement (self->context));
}

void
rd_window_add_toast (RdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (RD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The one Renew: opens the draft renewal offer of the agreement id in an editor, stored only
 * when the user saves it; the agreement's renewal offer if it has one already. */
RdRecordEditor *
rd_window_renew (RdWindow   *self,
                 const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) draft = NULL;
  RdRulesContext rules_context;

  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  rd_context_init_rules_context (self->context, &rules_context);
  draft = rd_renewal_draft (rd_context_get_store (self->context), id, &rules_context, &error);
  if (draft == NULL)
    {
      g_autofree char *markup = NULL;
      g_autofree char *existing = NULL;

      if (g_error_matches (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_ALREADY_RENEWED)
          && (existing = rd_renewal_dup_offer_id (rd_context_get_store (self->context), id)))
        return rd_window_open_record (self, existing);

      g_warning ("Failed to renew %s: %s", id, error->message);
      markup = g_markup_escape_text (error->message, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
      return NULL;
    }

  return rd_window_present_editor (self, rd_record_editor_new_draft (self->context, draft));
}

RdDashboardView *
rd_window_get_dashboard_view (RdWindow *self)
{
  g_return_val_if_fail (RD_IS_WINDOW (self), NULL);

  return self->dashboard_view;
}
