/* rd-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-date.h"
#include "rd-export.h"
#include "rd-exporter.h"
#include "rd-reminder-scheduler.h"

#define DEFAULT_ALARM_MINUTES (RD_REMINDER_DEFAULT_HOUR * 60 + RD_REMINDER_DEFAULT_MINUTE)

typedef struct
{
  RdExportKind  kind;
  GFile        *file;
  guint         n_items;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

char *
rd_export_default_name (RdExportKind  kind,
                        const GDate  *today)
{
  g_autofree char *date = rd_date_format (today);

  if (kind == RD_EXPORT_CALENDAR_ICS)
    return g_strdup_printf ("renewal-calendar-%s.ics", date);
  return g_strdup_printf ("renewal-pipeline-%s.csv", date);
}

/* The reminder time as minutes after midnight; the schema's default when unreadable. */
static int
reminder_minutes (GSettings *settings)
{
  g_autofree char *text = g_settings_get_string (settings, "reminder-time");
  int hour, minute;

  if (!rd_reminder_time_parse (text, &hour, &minute))
    return DEFAULT_ALARM_MINUTES;
  return hour * 60 + minute;
}

static guint
count_events (const char *ics)
{
  guint n = 0;

  for (const char *p = ics; (p = strstr (p, "BEGIN:VEVENT")) != NULL; p++)
    n++;

  return n;
}

static char *
export_calendar (RdWindow  *window,
                 guint     *n_items,
                 GError   **error)
{
  RdContext *context = rd_window_get_context (window);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GArray) offsets = rd_context_dup_milestone_offsets (context);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  char *ics;

  rd_export_calendar_default_range (NULL, &from, &to);

  ics = rd_export_calendar_ics (rd_context_get_store (context), from, to,
                                (const int *) offsets->data, offsets->len,
                                reminder_minutes (rd_context_get_settings (context)),
                                now, error);
  if (ics != NULL)
    *n_items = count_events (ics);

  return ics;
}

static char *
export_pipeline (RdWindow *window,
                 guint    *n_items)
{
  GListModel *records = rd_pipeline_view_get_model (rd_window_get_pipeline_view (window));
  g_autofree char *today = NULL;
  GDate day;

  rd_date_today (NULL, &day);
  today = rd_date_format (&day);

  *n_items = g_list_model_get_n_items (records);
  return rd_export_pipeline_csv (records, today);
}

static void
on_open_button_clicked_cb (AdwToast *toast,
                           RdWindow *window)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  gtk_show_uri (GTK_WINDOW (window), uri, GDK_CURRENT_TIME);
}

static void
report_written (RdWindow   *window,
                ExportData *data)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (data->kind == RD_EXPORT_CALENDAR_ICS)
    text = g_strdup_printf (g_dngettext (NULL, "Exported %u calendar event",
                                         "Exported %u calendar events", data->n_items),
                            data->n_items);
  else
    text = g_strdup_printf (g_dngettext (NULL, "Exported %u record", "Exported %u records",
                                         data->n_items),
                            data->n_items);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (data->file), g_free);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_open_button_clicked_cb), window, 0);
  rd_window_add_toast (window, toast);
}

static void
report_error (RdWindow     *window,
              ExportData   *data,
              const GError *error)
{
  g_autofree char *name = g_file_get_parse_name (data->file);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Failed to export to %s: %s", name, error->message);
  /* Translators: %s is the file, then the error */
  body = g_strdup_printf (_("%s could not be written: %s"), name, error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (window),
                                                       _("Export Failed"), body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_replace_contents_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  RdWindow *window = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      report_error (window, data, error);
      g_task_return_error (task, error);
      return;
    }

  report_written (window, data);
  g_task_return_boolean (task, TRUE);
}

void
rd_export_write_async (RdWindow            *window,
                       RdExportKind         kind,
                       GFile               *file,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  ExportData *data;
  GTask *task;
  char *text;

  g_return_if_fail (RD_IS_WINDOW (window));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (window, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_export_write_async);
  data = g_new0 (ExportData, 1);
  data->kind = kind;
  data->file = g_object_ref (file);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  /* Built here: the records come from the store, whose connection is this thread's. */
  if (kind == RD_EXPORT_CALENDAR_ICS)
    text = export_calendar (window, &data->n_items, &error);
  else
    text = export_pipeline (window, &data->n_items);
  if (text == NULL)
    {
      report_error (window, data, error);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  bytes = g_bytes_new_take (text, strlen (text));
  /* Written beside and renamed over: a failed export never leaves half a file. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                       cancellable, on_replace_contents_cb, task);
}

gboolean
rd_export_write_finish (RdWindow      *window,
                        GAsyncResult  *result,
                        guint         *n_items,
                        GError       **error)
{
  ExportData *data;

  g_return_val_if_fail (g_task_is_valid (result, window), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_items != NULL)
    *n_items = data->n_items;

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        RdWindow        *window)
{
  RdExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "kind"));
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    rd_export_write_async (window, kind, file, NULL, NULL, NULL);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
rd_export_choose (RdWindow     *window,
                  RdExportKind  kind)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GDate today;

  g_return_if_fail (RD_IS_WINDOW (window));

  chooser = gtk_file_chooser_native_new (kind == RD_EXPORT_CALENDAR_ICS
                                           ? _("Export Calendar")
                                           : _("Export Pipeline as CSV"),
                                         GTK_WINDOW (window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "kind", GINT_TO_POINTER (kind));

  if (kind == RD_EXPORT_CALENDAR_ICS)
    {
      gtk_file_filter_set_name (filter, _("iCalendar Files"));
      gtk_file_filter_add_mime_type (filter, "text/calendar");
      gtk_file_filter_add_pattern (filter, "*.ics");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV Files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  rd_date_today (NULL, &today);
  name = rd_export_default_name (kind, &today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), window, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
