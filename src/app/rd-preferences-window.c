/* rd-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-preferences-window.h"
#include "rd-sync-preferences.h"

struct _RdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *role_row;
  AdwEntryRow          *offsets_row;
  AdwEntryRow          *reminder_time_row;
  GtkSwitch            *background_switch;

  RdContext            *context;
};

G_DEFINE_FINAL_TYPE (RdPreferencesWindow, rd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *roles[] = { "isv", "channel-partner" };

GVariant *
rd_preferences_parse_offsets (const char *text)
{
  g_auto (GStrv) parts = NULL;
  GVariantBuilder builder;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("ai"));
  parts = g_strsplit_set (text, ", ;", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 days;

      if (*parts[i] == '\0')
        continue;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 3 * 366, &days, NULL))
        {
          g_variant_builder_clear (&builder);
          return NULL;
        }

      g_variant_builder_add (&builder, "i", (gint32) days);
      n++;
    }

  if (n == 0 || n > 10)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }

  return g_variant_builder_end (&builder);
}

char *
rd_preferences_format_offsets (GVariant *offsets)
{
  g_autoptr (GString) text = g_string_new (NULL);
  const gint32 *days;
  gsize n_days = 0;

  days = g_variant_get_fixed_array (offsets, &n_days, sizeof (gint32));
  for (gsize i = 0; i < n_days; i++)
    g_string_append_printf (text, "%s%d", i > 0 ? ", " : "", days[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
offsets_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_take_string (value, rd_preferences_format_offsets (variant));
  return TRUE;
}

static GVariant *
offsets_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return rd_preferences_parse_offsets (g_value_get_string (value));
}

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *role = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_strcmp0 (role, "channel-partner") == 0 ? 1 : 0);
  return TRUE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (roles))
    return NULL;

  return g_variant_new_string (roles[selected]);
}

static gboolean
is_valid_time (const char *text)
{
  guint hours;
  guint minutes;
  char end;

  if (sscanf (text, "%2u:%2u%c", &hours, &minutes, &end) != 2)
    return FALSE;

  return strlen (text) == 5 && hours < 24 && minutes < 60;
}

static void
on_offsets_row_changed_cb (AdwEntryRow         *row,
                           RdPreferencesWindow *self)
{
  g_autoptr (GVariant) offsets = NULL;

  offsets = rd_preferences_parse_offsets (gtk_editable_get_text (GTK_EDITABLE (row)));
  if (offsets != NULL)
    g_variant_ref_sink (offsets);

  if (offsets == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_reminder_time_row_changed_cb (AdwEntryRow         *row,
                                 RdPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (is_valid_time (text))
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static gboolean
time_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_string (value, g_variant_get_string (variant, NULL));
  return TRUE;
}

static GVariant *
time_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char *text = g_value_get_string (value);

  return is_valid_time (text) ? g_variant_new_string (text) : NULL;
}

static void
rd_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->dispose (object);
}

static void
rd_preferences_window_finalize (GObject *object)
{
  RdPreferencesWindow *self = (RdPreferencesWindow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_preferences_window_parent_class)->finalize (object);
}

static void
rd_preferences_window_class_init (RdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_preferences_window_dispose;
  object_class->finalize = rd_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, offsets_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, reminder_time_row);
  gtk_widget_class_bind_template_child (widget_class, RdPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_offsets_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reminder_time_row_changed_cb);
}

static void
rd_preferences_window_init (RdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RdPreferencesWindow *
rd_preferences_window_new (RdContext *context)
{
  RdPreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);
  settings = rd_context_get_settings (context);

  g_settings_bind_with_mapping (settings, "role", self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                role_get_mapping, role_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (settings, "milestone-offsets", self->offsets_row, "text",
                                G_SETTINGS_BIND_DEFAULT,
                                offsets_get_mapping, offsets_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (settings, "reminder-time", self->reminder_time_row, "text",
                                G_SETTINGS_BIND_DEFAULT,
                                time_get_mapping, time_set_mapping, NULL, NULL);
  g_settings_bind (settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rd_sync_preferences_new (context)));

  return self;
}
