/* rd-sync-indicator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-conflict-dialog.h"
#include "rd-sync-indicator-state.h"
#include "rd-sync-indicator.h"
#include "rd-sync-scheduler.h"

struct _RdSyncIndicator
{
  AdwBin                parent_instance;

  GtkButton            *conflicts_button;
  GtkLabel             *conflicts_label;
  GtkMenuButton        *status_button;
  GtkPopover           *status_popover;
  GtkLabel             *title_label;
  GtkLabel             *detail_label;
  GtkProgressBar       *progress_bar;
  GtkButton            *action_button;
  GtkStack             *status_stack;
  GtkImage             *status_image;
  GtkSpinner           *spinner;

  RdContext            *context;
  RdSyncScheduler      *scheduler;
  RdSyncIndicatorState  state;
  const char           *css_class;
  guint                 clock_id;
};

G_DEFINE_FINAL_TYPE (RdSyncIndicator, rd_sync_indicator, ADW_TYPE_BIN)

static void
rd_sync_indicator_update (RdSyncIndicator *self)
{
  RdSyncEngine *engine = rd_sync_scheduler_get_engine (self->scheduler);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  RdSyncIndicatorState *state = &self->state;

  rd_sync_indicator_state_clear (state);
  rd_sync_indicator_state_compute (state,
                                   rd_sync_scheduler_get_enabled (self->scheduler),
                                   rd_sync_engine_get_state (engine),
                                   rd_sync_engine_get_progress (engine),
                                   rd_sync_engine_get_conflicts (engine),
                                   rd_sync_engine_get_last_error (engine),
                                   rd_sync_scheduler_get_last_synced (self->scheduler),
                                   now);

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), state->conflicts > 0);
  gtk_label_set_label (self->conflicts_label,
                       state->conflicts_label ? state->conflicts_label : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflicts_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  state->conflicts_accessible_label
                                  ? state->conflicts_accessible_label : "",
                                  -1);

  gtk_widget_set_visible (GTK_WIDGET (self->status_button),
                          state->mode != RD_SYNC_INDICATOR_HIDDEN);
  if (state->mode == RD_SYNC_INDICATOR_SYNCING)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->status_stack, "spinner");
    }
  else
    {
      gtk_image_set_from_icon_name (self->status_image, state->icon_name);
      gtk_stack_set_visible_child_name (self->status_stack, "icon");
      gtk_spinner_stop (self->spinner);
    }

  if (self->css_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_button), self->css_class);
  self->css_class = state->css_class;
  if (self->css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_button), self->css_class);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button), state->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, state->accessible_label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state->detail,
                                  -1);

  gtk_label_set_label (self->title_label, state->title);
  if (rd_sync_engine_get_quarantined (engine) > 0)
    {
      guint n = rd_sync_engine_get_quarantined (engine);
      g_autofree char *set_aside =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u record from the server cannot be stored here and "
                                      "was set aside; renewal-desk-cli check lists it.",
                                      "%u records from the server cannot be stored here and "
                                      "were set aside; renewal-desk-cli check lists them.", n),
                         n);
      g_autofree char *detail = g_strdup_printf ("%s\n%s", state->detail, set_aside);

      gtk_label_set_label (self->detail_label, detail);
    }
  else
    gtk_label_set_label (self->detail_label, state->detail);
  /* An empty bar before the first answer would look stuck. */
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar),
                          state->show_progress && state->progress > 0.0);
  gtk_progress_bar_set_fraction (self->progress_bar, state->progress);
  gtk_button_set_label (self->action_button, state->action_label);
  gtk_widget_set_visible (GTK_WIDGET (self->action_button),
                          state->mode != RD_SYNC_INDICATOR_SYNCING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.sync-now",
                                 state->mode != RD_SYNC_INDICATOR_SYNCING);
}

static void
on_engine_notify_cb (RdSyncIndicator *self)
{
  rd_sync_indicator_update (self);
}

/* "Synced at" says "3 Mar, 10:42" once the day is over. */
static gboolean
on_clock_timeout_cb (gpointer user_data)
{
  rd_sync_indicator_update (RD_SYNC_INDICATOR (user_data));

  return G_SOURCE_CONTINUE;
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RdSyncIndicator *self = RD_SYNC_INDICATOR (widget);

  if (self->scheduler != NULL)
    rd_sync_scheduler_sync_now (self->scheduler);
}

static void
resolve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RdSyncIndicator *self = RD_SYNC_INDICATOR (widget);
  RdConflictDialog *dialog;
  GtkRoot *root;

  if (self->context == NULL)
    return;

  dialog = rd_conflict_dialog_new (self->context);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rd_sync_indicator_dispose (GObject *object)
{
  RdSyncIndicator *self = (RdSyncIndicator *)object;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_sync_indicator_parent_class)->dispose (object);
}

static void
rd_sync_indicator_finalize (GObject *object)
{
  RdSyncIndicator *self = (RdSyncIndicator *)object;

  rd_sync_indicator_state_clear (&self->state);

  G_OBJECT_CLASS (rd_sync_indicator_parent_class)->finalize (object);
}

static void
rd_sync_indicator_class_init (RdSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_sync_indicator_dispose;
  object_class->finalize = rd_sync_indicator_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, conflicts_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, status_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, status_popover);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, title_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, action_button);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, status_stack);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, status_image);
  gtk_widget_class_bind_template_child (widget_class, RdSyncIndicator, spinner);

  gtk_widget_class_install_action (widget_class, "sync.sync-now", NULL, sync_now_action);
  gtk_widget_class_install_action (widget_class, "sync.resolve", NULL, resolve_action);
}

static void
rd_sync_indicator_init (RdSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self->status_button), FALSE);
}

void
rd_sync_indicator_set_context (RdSyncIndicator *self,
                               RdContext       *context)
{
  RdSyncEngine *engine;
  const char * const notified[] = {
    "notify::state", "notify::progress", "notify::conflicts", "notify::last-error",
    "notify::quarantined",
  };

  g_return_if_fail (RD_IS_SYNC_INDICATOR (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  self->scheduler = g_object_ref (rd_context_get_sync_scheduler (context));
  engine = rd_sync_scheduler_get_engine (self->scheduler);

  for (guint i = 0; i < G_N_ELEMENTS (notified); i++)
    g_signal_connect_object (engine, notified[i], G_CALLBACK (on_engine_notify_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::enabled",
                           G_CALLBACK (on_engine_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scheduler, "notify::last-synced",
                           G_CALLBACK (on_engine_notify_cb), self, G_CONNECT_SWAPPED);
  self->clock_id = g_timeout_add_seconds (60, on_clock_timeout_cb, self);

  rd_sync_indicator_update (self);
}

const char *
rd_sync_indicator_get_title (RdSyncIndicator *self)
{
  g_return_val_if_fail (RD_IS_SYNC_INDICATOR (self), NULL);

  return self->state.title;
}

GtkWidget *
rd_sync_indicator_get_conflicts_button (RdSyncIndicator *self)
{
  g_return_val_if_fail (RD_IS_SYNC_INDICATOR (self), NULL);

  return GTK_WIDGET (self->conflicts_button);
}

GtkWidget *
rd_sync_indicator_get_status_button (RdSyncIndicator *self)
{
  g_return_val_if_fail (RD_IS_SYNC_INDICATOR (self), NULL);

  return GTK_WIDGET (self->status_button);
}
