/* rd-dashboard-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-dashboard-view"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-dashboard-targets.h"
#include "rd-dashboard-view.h"
#include "rd-date.h"
#include "rd-labels.h"
#include "rd-next-frame.h"
#include "rd-rules.h"
#include "rd-store-worker.h"

#define MAX_REVIEW_ROWS 12

typedef enum
{
  CHART_DUE_COUNT,
  CHART_DUE_VALUE,
  CHART_STAGES,
  CHART_RATE,
  N_CHARTS
} ChartIndex;

static const struct
{
  const char *title;
  const char *subtitle;
} chart_titles[N_CHARTS] = {
  { N_("Renewals Due per Quarter"), N_("Agreements ending, this quarter and the next three") },
  { N_("Value Due per Quarter"), N_("The value of the agreements ending") },
  { N_("Pipeline by Stage"), N_("Open renewals at each stage") },
  { N_("Renewal Rate"), N_("Agreements renewed of those that ended, last four quarters") },
};

struct _RdDashboardView
{
  AdwBin           parent_instance;

  GtkWidget       *export_area;
  GtkWidget       *export_button;
  GtkFlowBox      *chart_box;
  GtkFlowBox      *summary_box;
  GtkLabel        *date_label;
  GtkLabel        *at_risk_value_label;
  GtkLabel        *at_risk_detail_label;
  GtkLabel        *ace_count_label;
  GtkLabel        *ace_detail_label;
  GtkListBox      *ace_list;
  GtkWidget       *at_risk_card;
  GtkWidget       *ace_card;

  RdChart         *charts[N_CHARTS];
  GtkLabel        *chart_subtitles[N_CHARTS];
  RdDashboardTargets *targets;
  RdContext       *context;
  char            *today;
  RdDashboard      figures;
  guint            refresh_id;
  GPtrArray       *review_due;   /* the list's renewals, shown a frame after the figures */
  guint            review_tick_id;
  GCancellable    *cancellable;  /* of the computation under way */
  gboolean         stale;        /* the store changed since the figures were computed */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RdDashboardView, rd_dashboard_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* What the worker computes: every figure and the ACE review list. */
typedef struct
{
  RdDashboard  figures;
  GPtrArray   *review_due;
} Computed;

static void
computed_free (gpointer data)
{
  Computed *computed = data;

  g_clear_pointer (&computed->review_due, g_ptr_array_unref);
  g_free (computed);
}

/* One line per currency, "1.06 M USD", never a sum across currencies; exact: the full
 * amounts, for tooltips. */
static char *
format_amounts (const RdDashboardAmounts *amounts,
                gboolean                  exact)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < amounts->n; i++)
    {
      const RdDashboardAmount *amount = &amounts->items[i];
      g_autofree char *number = NULL;

      if (i > 0)
        g_string_append_c (text, '\n');
      if (exact)
        {
          number = rd_labels_format_money_value (&amount->exact, NULL);
          if (*amount->currency != '\0')
            /* Translators: an exact amount and its currency, e.g. "120,000.50 USD" */
            g_string_append_printf (text, _("%s %s"), number, amount->currency);
          else
            g_string_append (text, number);
          continue;
        }
      number = rd_labels_format_compact (&amount->exact);
      if (*amount->currency != '\0')
        /* Translators: a compact amount and its currency, e.g. "1.06 M USD" */
        g_string_append_printf (text, _("%s %s"), number, amount->currency);
      else
        g_string_append (text, number);
    }
  if (amounts->n_dropped > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (NULL, "and %u more currency",
                                                 "and %u more currencies",
                                                 amounts->n_dropped),
                              amounts->n_dropped);
    }
  if (text->len == 0)
    g_string_append (text, "0");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The value due per quarter: a bar per quarter and currency, never a sum across them. */
static void
fill_value_chart (RdDashboardView *self,
                  GPtrArray       *strings)
{
  const RdDashboard *d = &self->figures;
  RdDashboardAmounts currencies = { 0 };
  g_autofree RdChartBar *bars = NULL;
  guint n_bars = 0;

  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    for (guint c = 0; c < d->due[i].value.n; c++)
      rd_dashboard_amounts_add (&currencies, d->due[i].value.items[c].currency, 0, NULL,
                                NULL);

  bars = g_new0 (RdChartBar, RD_DASHBOARD_N_QUARTERS * MAX (currencies.n, 1));
  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    for (guint c = 0; c < MAX (currencies.n, 1); c++)
      {
        const char *currency = currencies.n > 0 ? currencies.items[c].currency : "";
        const RdDashboardAmount *amount = rd_dashboard_amounts_lookup (&d->due[i].value,
                                                                       currency);
        double value = amount != NULL ? amount->value : 0;
        char *label = rd_dashboard_format_quarter (d->due[i].year, d->due[i].quarter);
        RdMoney zero;
        char *text;

        rd_money_init_zero (&zero);
        text = rd_labels_format_compact (amount != NULL ? &amount->exact : &zero);

        if (currencies.n > 1)
          {
            char *with_currency = g_strdup_printf ("%s\n%s", label, currency);

            g_free (label);
            label = with_currency;
          }
        g_ptr_array_add (strings, label);
        g_ptr_array_add (strings, text);
        bars[n_bars++] = (RdChartBar) { label, value, text };
      }
  rd_chart_set_bars (self->charts[CHART_DUE_VALUE], bars, n_bars);

  if (currencies.n == 1 && *currencies.items[0].currency != '\0')
    {
      /* Translators: the subtitle of the value chart; %s is a currency code */
      g_autofree char *subtitle = g_strdup_printf (_("The value of the agreements ending, "
                                                     "in %s"), currencies.items[0].currency);

      gtk_label_set_label (self->chart_subtitles[CHART_DUE_VALUE], subtitle);
    }
  else
    gtk_label_set_label (self->chart_subtitles[CHART_DUE_VALUE],
                         _(chart_titles[CHART_DUE_VALUE].subtitle));
}

static void
fill_charts (RdDashboardView *self)
{
  const RdDashboard *d = &self->figures;
  RdChartBar bars[RD_DASHBOARD_N_STAGES];
  g_autoptr (GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    {
      char *label = rd_dashboard_format_quarter (d->due[i].year, d->due[i].quarter);
      char *count = g_strdup_printf ("%u", d->due[i].count);

      g_ptr_array_add (strings, label);
      g_ptr_array_add (strings, count);
      bars[i] = (RdChartBar) { label, d->due[i].count, count };
    }
  rd_chart_set_bars (self->charts[CHART_DUE_COUNT], bars, RD_DASHBOARD_N_QUARTERS);

  fill_value_chart (self, strings);

  for (guint i = 0; i < RD_DASHBOARD_N_STAGES; i++)
    {
      char *count = g_strdup_printf ("%u", d->stage_count[i]);

      g_ptr_array_add (strings, count);
      bars[i] = (RdChartBar) { rd_labels_stage (rd_stages[i]), d->stage_count[i], count };
    }
  rd_chart_set_bars (self->charts[CHART_STAGES], bars, RD_DASHBOARD_N_STAGES);

  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    {
      g_autofree char *quarter = rd_dashboard_format_quarter (d->rate[i].year, d->rate[i].quarter);
      char *label;
      char *rate;

      if (d->rate[i].ended > 0)
        {
          /* Translators: a quarter, then how many of the agreements that ended in it were
           * renewed, e.g. "Q3 2025\n3 of 4" */
          label = g_strdup_printf (_("%s\n%u of %u"), quarter, d->rate[i].renewed,
                                   d->rate[i].ended);
          /* Translators: a renewal rate, e.g. "75 %" */
          rate = g_strdup_printf (_("%.0f %%"), d->rate[i].rate * 100);
        }
      else
        {
          label = g_strdup_printf (_("%s\nnone ended"), quarter);
          rate = g_strdup ("—");
        }
      g_ptr_array_add (strings, label);
      g_ptr_array_add (strings, rate);
      bars[i] = (RdChartBar) { label, MAX (0.0, d->rate[i].rate), rate };
    }
  rd_chart_set_max_value (self->charts[CHART_RATE], 1.0);
  rd_chart_set_bars (self->charts[CHART_RATE], bars, RD_DASHBOARD_N_QUARTERS);
}

static GtkWidget *
make_review_row (RdRecord *record)
{
  g_autofree char *title = rd_record_dup_title (record);
  g_autofree char *subtitle = NULL;
  const char *reviewed = rd_record_get_string (record, "ace_reviewed_on");
  const char *opportunity = rd_record_get_string (record, "ace_opportunity_id");
  GtkWidget *row;

  if (reviewed != NULL)
    subtitle = g_strdup_printf (_("Last reviewed on %s"), reviewed);
  else
    subtitle = g_strdup (_("Never reviewed"));
  if (opportunity != NULL)
    {
      g_autofree char *with_id = g_strdup_printf ("%s · %s", opportunity, subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with_id);
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", rd_record_get_id (record));
  return row;
}

/* due: the first MAX_REVIEW_ROWS of the figures' ace_review_due renewals. */
static void
fill_review_list (RdDashboardView *self,
                  GPtrArray       *due)
{
  guint total = self->figures.ace_review_due;

  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ace_list))) != NULL)
    gtk_list_box_remove (self->ace_list, child);

  for (guint i = 0; i < MIN (due->len, MAX_REVIEW_ROWS); i++)
    gtk_list_box_append (self->ace_list, make_review_row (g_ptr_array_index (due, i)));

  if (total == 0 || total > MAX_REVIEW_ROWS)
    {
      g_autofree char *text = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (total == 0)
        text = g_strdup (_("Nothing to review: every open renewal’s ACE data was reviewed "
                           "this week."));
      else
        text = g_strdup_printf (g_dngettext (NULL, "And %u more renewal",
                                             "And %u more renewals", total - MAX_REVIEW_ROWS),
                                total - MAX_REVIEW_ROWS);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->ace_list, row);
    }
}

static void
fill_review_list_next_frame (GtkWidget *widget)
{
  RdDashboardView *self = RD_DASHBOARD_VIEW (widget);
  g_autoptr (GPtrArray) due = g_steal_pointer (&self->review_due);

  fill_review_list (self, due);
}

static void
rd_dashboard_view_show_figures (RdDashboardView *self,
                                GPtrArray       *review_due)
{
  const RdDashboard *d = &self->figures;
  g_autofree char *date_text = NULL;
  g_autofree char *at_risk_value = NULL;
  g_autofree char *at_risk_detail = NULL;
  g_autofree char *ace_count = NULL;
  g_autofree char *summary = NULL;

  date_text = g_strdup_printf (_("As of %s"), d->today);
  gtk_label_set_label (self->date_label, date_text);

  at_risk_value = format_amounts (&d->at_risk, FALSE);
  gtk_label_set_label (self->at_risk_value_label, at_risk_value);
  {
    g_autofree char *exact = format_amounts (&d->at_risk, TRUE);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->at_risk_value_label), exact);
  }
  at_risk_detail = g_strdup_printf (g_dngettext (NULL,
                                                 "%u agreement ends within 90 days without a "
                                                 "published or accepted renewal offer",
                                                 "%u agreements end within 90 days without a "
                                                 "published or accepted renewal offer",
                                                 d->at_risk_count),
                                    d->at_risk_count);
  gtk_label_set_label (self->at_risk_detail_label, at_risk_detail);
  summary = g_strdup_printf ("%s: %s", at_risk_value, at_risk_detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->at_risk_card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value at risk"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);

  ace_count = g_strdup_printf ("%u", d->ace_review_due);
  gtk_label_set_label (self->ace_count_label, ace_count);
  gtk_label_set_label (self->ace_detail_label,
                       g_dngettext (NULL,
                                    "open renewal whose ACE opportunity was not reviewed in "
                                    "the last 7 days",
                                    "open renewals whose ACE opportunity was not reviewed in "
                                    "the last 7 days",
                                    d->ace_review_due));
  if (d->ace_review_due > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->ace_count_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->ace_count_label), "warning");

  fill_charts (self);
  rd_dashboard_targets_set_figures (self->targets, &self->figures);

  /* A dozen rows of wrapping text, laid out for the first time: in a frame of their own,
   * after the figures. */
  g_clear_pointer (&self->review_due, g_ptr_array_unref);
  self->review_due = g_ptr_array_ref (review_due);
  rd_next_frame_queue (GTK_WIDGET (self), fill_review_list_next_frame, &self->review_tick_id);
}


static void
rd_dashboard_view_set_loading (RdDashboardView *self,
                               gboolean         loading)
{
  gboolean was_loading = self->cancellable != NULL;

  if (!loading)
    g_clear_object (&self->cancellable);
  if (was_loading != loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Computes the figures at once, on this thread (tests, a changed "today"); the view
 * itself computes them on the store's worker, and only while it is shown. */
void
rd_dashboard_view_refresh (RdDashboardView *self)
{
  g_autoptr (GPtrArray) review_due = NULL;
  g_autoptr (GError) error = NULL;
  RdStore *store;

  g_return_if_fail (RD_IS_DASHBOARD_VIEW (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->context == NULL)
    return;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      rd_dashboard_view_set_loading (self, FALSE);
    }

  store = rd_context_get_store (self->context);
  if (!rd_dashboard_compute (store, self->today, &self->figures, &error)
      || !(review_due = rd_dashboard_list_ace_review_due (store, self->today,
                                                           MAX_REVIEW_ROWS, &error)))
    {
      g_warning ("Failed to compute the dashboard: %s", error->message);
      return;
    }
  self->stale = FALSE;
  rd_dashboard_view_show_figures (self, review_due);
}

static gpointer
compute_job (RdStore       *reader,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  const char *today = data;
  Computed *computed = g_new0 (Computed, 1);

  if (!rd_dashboard_compute (reader, today, &computed->figures, error)
      || !(computed->review_due = rd_dashboard_list_ace_review_due (reader, today,
                                                                     MAX_REVIEW_ROWS, error)))
    {
      computed_free (computed);
      return NULL;
    }
  return computed;
}

/* The figures scan all the data: on a queue of their own, so that no pipeline or calendar
 * query waits behind them. */
static RdStoreWorker *
dashboard_worker (RdDashboardView *self)
{
  return rd_store_worker_get_for_queue (rd_context_get_store (self->context),
                                        RD_STORE_WORKER_AGGREGATE);
}

static void
on_compute_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (RdDashboardView) self = user_data;
  g_autoptr (GError) error = NULL;
  Computed *computed;

  /* Disposed meanwhile: the task frees what it holds. */
  if (self->context == NULL)
    return;

  computed = rd_store_worker_run_finish (dashboard_worker (self), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  rd_dashboard_view_set_loading (self, FALSE);
  if (computed == NULL)
    {
      g_warning ("Failed to compute the dashboard: %s", error->message);
      return;
    }

  self->figures = computed->figures;
  rd_dashboard_view_show_figures (self, computed->review_due);
  computed_free (computed);
}

/* Starts computing the figures on the worker; a computation under way is dropped. */
static void
rd_dashboard_view_compute_async (RdDashboardView *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->context == NULL)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->stale = FALSE;

  rd_store_worker_run_async (dashboard_worker (self), compute_job, g_strdup (self->today),
                             g_free, computed_free, self->cancellable, on_compute_done_cb,
                             g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  RdDashboardView *self = user_data;

  self->refresh_id = 0;
  rd_dashboard_view_compute_async (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (RdStore         *store,
                     RdDashboardView *self)
{
  /* Hidden, the figures wait until the view is shown again. */
  self->stale = TRUE;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* A sync or an import changes many records at once: recompute once, when idle. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
rd_dashboard_view_map (GtkWidget *widget)
{
  RdDashboardView *self = RD_DASHBOARD_VIEW (widget);

  GTK_WIDGET_CLASS (rd_dashboard_view_parent_class)->map (widget);

  if (self->stale)
    rd_dashboard_view_compute_async (self);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        RdDashboardView *self)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (!rd_dashboard_view_export_png (self, file, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      g_warning ("Failed to export the dashboard: %s", error->message);
      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Could Not Export the Dashboard"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The image could not be saved: %s. Choose another "
                                        "folder, or check that there is space left."),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RdDashboardView *self = RD_DASHBOARD_VIEW (widget);
  g_autofree char *name = NULL;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Dashboard"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  /* Translators: the suggested file name of an exported dashboard; %s is the date */
  name = g_strdup_printf (_("renewals-dashboard-%s.png"), self->figures.today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
rd_dashboard_view_dispose (GObject *object)
{
  RdDashboardView *self = (RdDashboardView *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  rd_next_frame_cancel (GTK_WIDGET (self), &self->review_tick_id);
  g_clear_pointer (&self->review_due, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_DASHBOARD_VIEW);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (rd_context_get_store (self->context), self);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_dashboard_view_parent_class)->dispose (object);
}

static void
rd_dashboard_view_finalize (GObject *object)
{
  RdDashboardView *self = (RdDashboardView *)object;

  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (rd_dashboard_view_parent_class)->finalize (object);
}

static void
rd_dashboard_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RdDashboardView *self = RD_DASHBOARD_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_dashboard_view_class_init (RdDashboardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_dashboard_view_dispose;
  object_class->finalize = rd_dashboard_view_finalize;
  object_class->get_property = rd_dashboard_view_get_property;

  widget_class->map = rd_dashboard_view_map;

  /* TRUE while the figures are computed on the store's worker. */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/renewaldesk/"
                                               "RenewalDesk/rd-dashboard-view.ui");
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, export_area);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, export_button);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, chart_box);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, summary_box);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, date_label);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, at_risk_value_label);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, at_risk_detail_label);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, ace_count_label);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, ace_detail_label);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, ace_list);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, at_risk_card);
  gtk_widget_class_bind_template_child (widget_class, RdDashboardView, ace_card);

  gtk_widget_class_install_action (widget_class, "dashboard.export", NULL, export_action);

  gtk_widget_class_set_css_name (widget_class, "dashboardview");
}

static void
rd_dashboard_view_init (RdDashboardView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_CHARTS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *title = gtk_label_new (_(chart_titles[i].title));
      GtkWidget *subtitle = gtk_label_new (_(chart_titles[i].subtitle));

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "dashboard-card");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 30);
      gtk_widget_add_css_class (subtitle, "dim-label");

      self->chart_subtitles[i] = GTK_LABEL (subtitle);
      self->charts[i] = RD_CHART (rd_chart_new ());
      rd_chart_set_title (self->charts[i], _(chart_titles[i].title));
      gtk_widget_set_margin_top (GTK_WIDGET (self->charts[i]), 12);
      gtk_widget_set_vexpand (GTK_WIDGET (self->charts[i]), TRUE);

      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), subtitle);
      gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->charts[i]));
      gtk_flow_box_append (self->chart_box, card);
    }

  self->targets = RD_DASHBOARD_TARGETS (rd_dashboard_targets_new ());
  gtk_flow_box_append (self->summary_box, GTK_WIDGET (self->targets));
}

void
rd_dashboard_view_set_context (RdDashboardView *self,
                               RdContext       *context)
{
  g_return_if_fail (RD_IS_DASHBOARD_VIEW (self));
  g_return_if_fail (RD_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  rd_dashboard_targets_set_store (self->targets, rd_context_get_store (context));
  g_signal_connect (rd_context_get_store (context), "changed",
                    G_CALLBACK (on_store_changed_cb), self);
  /* Computed when first shown: at start-up the Dashboard is usually hidden. */
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rd_dashboard_view_compute_async (self);
}

void
rd_dashboard_view_set_today (RdDashboardView *self,
                             const char      *today)
{
  g_return_if_fail (RD_IS_DASHBOARD_VIEW (self));

  g_free (self->today);
  self->today = g_strdup (today);
  rd_dashboard_view_refresh (self);
}

const RdDashboard *
rd_dashboard_view_get_figures (RdDashboardView *self)
{
  g_return_val_if_fail (RD_IS_DASHBOARD_VIEW (self), NULL);

  return &self->figures;
}

RdChart *
rd_dashboard_view_get_chart (RdDashboardView *self,
                             guint            index)
{
  g_return_val_if_fail (RD_IS_DASHBOARD_VIEW (self), NULL);
  g_return_val_if_fail (index < N_CHARTS, NULL);

  return self->charts[index];
}

gboolean
rd_dashboard_view_export_png (RdDashboardView  *self,
                              GFile            *file,
                              GError          **error)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  GtkNative *native;
  GdkRGBA background;
  int width, height;

  g_return_val_if_fail (RD_IS_DASHBOARD_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  native = gtk_widget_get_native (self->export_area);
  width = gtk_widget_get_width (self->export_area);
  height = gtk_widget_get_height (self->export_area);
  if (native == NULL || width <= 0 || height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Show the dashboard before exporting it."));
      return FALSE;
    }

  /* The page's background is the window's: paint it in, or the image is transparent. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "window_bg_color", &background))
    background = (GdkRGBA) { 1, 1, 1, 1 };

  /* The image shows the figures, not the button that made it. */
  gtk_widget_set_child_visible (self->export_button, FALSE);
  paintable = gtk_widget_paintable_new (self->export_area);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  gtk_widget_set_child_visible (self->export_button, TRUE);
  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The dashboard could not be drawn."));
      return FALSE;
    }

  renderer = gtk_native_get_renderer (native);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  bytes = gdk_texture_save_to_png_bytes (texture);
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                  error);
}
