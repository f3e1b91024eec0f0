/* rd-dashboard-targets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-dashboard-targets"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-dashboard-targets.h"
#include "rd-labels.h"

struct _RdDashboardTargets
{
  GtkBox       parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *detail_label;
  GtkLabel    *rate_label;
  RdStore     *store;
  RdDashboard  figures;
};

G_DEFINE_FINAL_TYPE (RdDashboardTargets, rd_dashboard_targets, GTK_TYPE_BOX)

static GtkWidget *
card_label (const char *css_class,
            gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  if (wrap)
    gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
show_error (RdDashboardTargets *self,
            const char         *heading,
            const char         *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_target_response_cb (AdwMessageDialog   *dialog,
                       const char         *response,
                       RdDashboardTargets *self)
{
  GtkWidget *entries = adw_message_dialog_get_extra_child (dialog);
  GtkEditable *currency = GTK_EDITABLE (gtk_widget_get_first_child (entries));
  GtkEditable *amount = GTK_EDITABLE (gtk_widget_get_last_child (entries));
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;

  code = g_utf8_strup (gtk_editable_get_text (currency), -1);
  g_strstrip (code);
  if (!rd_dashboard_set_target (self->store, self->figures.target_quarter, code,
                                gtk_editable_get_text (amount), &error))
    show_error (self, _("Could Not Set the Target"), error->message);
}

static void
set_target_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RdDashboardTargets *self = RD_DASHBOARD_TARGETS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const RdDashboard *d = &self->figures;
  const RdDashboardRate *rate = &d->rate[RD_DASHBOARD_N_QUARTERS - 1];
  g_autofree char *quarter = rd_dashboard_format_quarter (rate->year, rate->quarter);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *entries = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *currency = gtk_entry_new ();
  GtkWidget *amount = gtk_entry_new ();

  if (*d->target_quarter == '\0')
    return;

  /* Translators: e.g. "Target for Q2 2026" */
  heading = g_strdup_printf (_("Target for %s"), quarter);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The value the team means to renew this quarter, in one "
                                     "currency. It is shared with the team when you sync."));
  gtk_entry_set_placeholder_text (GTK_ENTRY (currency), _("Currency, e.g. USD"));
  gtk_entry_set_max_length (GTK_ENTRY (currency), 3);
  gtk_editable_set_text (GTK_EDITABLE (currency),
                         d->n_targets > 0 ? d->targets[0].currency : "USD");
  gtk_entry_set_placeholder_text (GTK_ENTRY (amount), _("Amount, e.g. 1500000"));
  gtk_entry_set_input_purpose (GTK_ENTRY (amount), GTK_INPUT_PURPOSE_NUMBER);
  gtk_entry_set_activates_default (GTK_ENTRY (amount), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (currency), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Currency"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (amount), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Target amount"), -1);
  gtk_box_append (GTK_BOX (entries), currency);
  gtk_box_append (GTK_BOX (entries), amount);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entries);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Set Target"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_target_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (amount);
}

static void
rd_dashboard_targets_dispose (GObject *object)
{
  RdDashboardTargets *self = (RdDashboardTargets *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (rd_dashboard_targets_parent_class)->dispose (object);
}

static void
rd_dashboard_targets_class_init (RdDashboardTargetsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_dashboard_targets_dispose;
  gtk_widget_class_install_action (widget_class, "targets.set", NULL, set_target_action);
}

static void
rd_dashboard_targets_init (RdDashboardTargets *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("Set _Target…"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "dashboard-card");
  self->title_label = GTK_LABEL (card_label ("heading", FALSE));
  self->detail_label = GTK_LABEL (card_label ("numeric", TRUE));
  self->rate_label = GTK_LABEL (card_label ("dim-label", TRUE));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "targets.set");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_tooltip_text (button, _("Set the value the team means to renew this quarter, "
                                         "in one currency"));

  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->detail_label));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->rate_label));
  gtk_box_append (GTK_BOX (self), button);
}

GtkWidget *
rd_dashboard_targets_new (void)
{
  return g_object_new (RD_TYPE_DASHBOARD_TARGETS, NULL);
}

void
rd_dashboard_targets_set_store (RdDashboardTargets *self,
                                RdStore            *store)
{
  g_return_if_fail (RD_IS_DASHBOARD_TARGETS (self));

  g_set_object (&self->store, store);
}

void
rd_dashboard_targets_set_figures (RdDashboardTargets *self,
                                  const RdDashboard  *figures)
{
  const RdDashboard *d = figures;
  const RdDashboardRate *rate = &d->rate[RD_DASHBOARD_N_QUARTERS - 1];
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *quarter = rd_dashboard_format_quarter (rate->year, rate->quarter);
  g_autofree char *title = NULL;
  g_autofree char *rate_text = NULL;

  g_return_if_fail (RD_IS_DASHBOARD_TARGETS (self));
  g_return_if_fail (figures != NULL);

  self->figures = *figures;

  /* Translators: the title of the targets card, e.g. "Targets for Q2 2026" */
  title = g_strdup_printf (_("Targets for %s"), quarter);
  gtk_label_set_label (self->title_label, title);

  for (guint i = 0; i < d->n_targets; i++)
    {
      const RdDashboardTarget *t = &d->targets[i];
      g_autofree char *renewed = rd_labels_format_compact (&t->renewed_exact);
      g_autofree char *due = rd_labels_format_compact (&t->due_exact);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (t->target > 0)
        {
          g_autofree char *target = rd_labels_format_compact (&t->target_exact);

          /* Translators: currency, value renewed, target, share of the target, value due,
           * e.g. "USD: 1.06 M renewed of a 1.50 M target (71 %), 2.00 M due" */
          g_string_append_printf (text, _("%s: %s renewed of a %s target (%.0f %%), %s due"),
                                  t->currency, renewed, target, 100 * t->renewed / t->target,
                                  due);
        }
      else if (t->due > 0)
        /* Translators: currency, value renewed, value due, the share renewed, e.g.
         * "EUR: no target; 1.06 M renewed of 2.00 M due (53 %)" */
        g_string_append_printf (text, _("%s: no target; %s renewed of %s due (%.0f %%)"),
                                t->currency, renewed, due, 100 * t->renewed / t->due);
    }
  if (text->len == 0)
    g_string_append (text, _("No target set and nothing due this quarter."));
  gtk_label_set_label (self->detail_label, text->str);

  if (rate->ended > 0)
    /* Translators: the renewal rate of the current quarter so far, e.g.
     * "Renewal rate so far: 75 % (3 of 4 due)" */
    rate_text = g_strdup_printf (_("Renewal rate so far: %.0f %% (%u of %u due)"),
                                 rate->rate * 100, rate->renewed, rate->ended);
  else
    rate_text = g_strdup (_("Renewal rate so far: no agreement has come due yet"));
  gtk_label_set_label (self->rate_label, rate_text);

  {
    g_autofree char *summary = g_strdup_printf ("%s\n%s", text->str, rate_text);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                    -1);
  }
}
