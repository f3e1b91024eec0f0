/* rd-conflict-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-conflict-dialog.h"
#include "rd-fields.h"
#include "rd-labels.h"
#include "rd-sync-scheduler.h"

typedef struct
{
  char           *name;
  GtkCheckButton *mine;
  GtkCheckButton *theirs;
} FieldChoice;

typedef struct
{
  RdSyncConflict *conflict;
  GPtrArray      *fields;  /* FieldChoice */
  GtkCheckButton *keep;    /* edit against deletion */
  GtkCheckButton *delete;
} RecordChoice;

struct _RdConflictDialog
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkStack            *stack;
  GtkBox              *groups_box;
  GtkSizeGroup        *labels_size_group;

  RdContext           *context;
  GPtrArray           *records;  /* RecordChoice */
};

G_DEFINE_FINAL_TYPE (RdConflictDialog, rd_conflict_dialog, ADW_TYPE_WINDOW)

/* The schema's label, as the record editor shows it. */
static const char *
field_label (const char *name)
{
  return rd_fields_label_for (name);
}

static char *
format_value (const char *field,
              JsonNode   *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("Not set"));

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          {
            const char *text = json_node_get_string (node);

            if (text == NULL || *text == '\0')
              return g_strdup (_("Not set"));
            return g_strdup (rd_labels_for_field_value (field, text));
          }

        case G_TYPE_BOOLEAN:
          return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));

        case G_TYPE_INT64:
          return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

        case G_TYPE_DOUBLE:
          return g_strdup_printf ("%g", json_node_get_double (node));

        default:
          break;
        }
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = format_value (field, json_array_get_element (array, i));

          g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", item);
        }
      if (text->len == 0)
        return g_strdup (_("Not set"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return json_to_string (node, FALSE);
}

static char *
conflict_title (RdSyncConflict *conflict)
{
  JsonObject *body = conflict->mine != NULL ? conflict->mine : conflict->theirs;
  const char *customer = NULL;
  const char *product = NULL;

  if (body != NULL)
    {
      customer = json_object_get_string_member_with_default (body, "customer", NULL);
      product = json_object_get_string_member_with_default (body, "product_title", NULL);
    }

  if (customer != NULL && product != NULL)
    /* Translators: a record's title: customer — product */
    return g_strdup_printf (_("%s — %s"), customer, product);
  if (customer != NULL)
    return g_strdup (customer);
  if (product != NULL)
    return g_strdup (product);
  return g_strdup (_("Untitled record"));
}

static void
field_choice_free (FieldChoice *choice)
{
  g_free (choice->name);
  g_free (choice);
}

static void
record_choice_free (RecordChoice *record)
{
  g_clear_pointer (&record->conflict, rd_sync_conflict_free);
  g_clear_pointer (&record->fields, g_ptr_array_unref);
  g_free (record);
}

static gboolean
rd_conflict_dialog_has_choice (RdConflictDialog *self)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      RecordChoice *record = g_ptr_array_index (self->records, i);

      if (record->keep != NULL
          && (gtk_check_button_get_active (record->keep)
              || gtk_check_button_get_active (record->delete)))
        return TRUE;

      for (guint j = 0; j < record->fields->len; j++)
        {
          FieldChoice *field = g_ptr_array_index (record->fields, j);

          if (gtk_check_button_get_active (field->mine)
              || gtk_check_button_get_active (field->theirs))
            return TRUE;
        }
    }

  return FALSE;
}

static void
on_choice_toggled_cb (GtkCheckButton   *button,
                      RdConflictDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.save",
                                 rd_conflict_dialog_has_choice (self));
}

/* A radio button with a small caption above the value it keeps. */
static GtkCheckButton *
choice_button_new (RdConflictDialog *self,
                   const char       *caption,
                   const char       *value,
                   const char       *accessible_label,
                   GtkCheckButton   *group)
{
  GtkWidget *button = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_widget_add_css_class (caption_label, "caption");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_choice_toggled_cb), self, 0);

  return GTK_CHECK_BUTTON (button);
}

/* One row: the field and its common version, then this computer's and the server's. */
static GtkWidget *
choice_row_new (RdConflictDialog *self,
                const char       *title,
                const char       *subtitle,
                GtkWidget        *mine,
                GtkWidget        *theirs)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title_label = gtk_label_new (title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  /* The field column lines up across rows; the two choices share the rest equally. */
  gtk_size_group_add_widget (self->labels_size_group, labels);
  gtk_box_set_homogeneous (GTK_BOX (choices), TRUE);
  gtk_widget_set_hexpand (choices, TRUE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_box_append (GTK_BOX (labels), title_label);
  if (subtitle != NULL)
    {
      GtkWidget *subtitle_label = gtk_label_new (subtitle);

      gtk_label_set_xalign (GTK_LABEL (subtitle_label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (subtitle_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (subtitle_label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (subtitle_label, "caption");
      gtk_widget_add_css_class (subtitle_label, "dim-label");
      gtk_box_append (GTK_BOX (labels), subtitle_label);
    }

  gtk_widget_set_size_request (labels, 160, -1);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (choices), mine);
  gtk_box_append (GTK_BOX (choices), theirs);
  gtk_box_append (GTK_BOX (box), choices);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
rd_conflict_dialog_add_fields (RdConflictDialog    *self,
                               AdwPreferencesGroup *group,
                               RecordChoice        *record)
{
  for (guint i = 0; i < record->conflict->fields->len; i++)
    {
      RdSyncConflictField *field = g_ptr_array_index (record->conflict->fields, i);
      FieldChoice *choice = g_new0 (FieldChoice, 1);
      const char *label = field_label (field->name);
      g_autofree char *base = format_value (field->name, field->base);
      g_autofree char *mine = format_value (field->name, field->mine);
      g_autofree char *theirs = format_value (field->name, field->theirs);
      g_autofree char *before = NULL;
      g_autofree char *mine_a11y = NULL;
      g_autofree char *theirs_a11y = NULL;

      choice->name = g_strdup (field->name);
      /* Translators: the value a field had before both changes */
      before = g_strdup_printf (_("Before: %s"), base);
      /* Translators: accessible names of the choices; the field, then its value */
      mine_a11y = g_strdup_printf (_("%s: keep this computer’s %s"), label, mine);
      theirs_a11y = g_strdup_printf (_("%s: keep the server’s %s"), label, theirs);
      choice->mine = choice_button_new (self, _("This computer"), mine, mine_a11y, NULL);
      choice->theirs = choice_button_new (self, _("Server"), theirs, theirs_a11y,
                                          choice->mine);
      if (field->choice == RD_SYNC_CHOICE_MINE)
        gtk_check_button_set_active (choice->mine, TRUE);
      else if (field->choice == RD_SYNC_CHOICE_THEIRS)
        gtk_check_button_set_active (choice->theirs, TRUE);

      adw_preferences_group_add (group, choice_row_new (self, label, before,
                                                        GTK_WIDGET (choice->mine),
                                                        GTK_WIDGET (choice->theirs)));
      g_ptr_array_add (record->fields, choice);
    }
}

static void
rd_conflict_dialog_add_deletion (RdConflictDialog    *self,
                                 AdwPreferencesGroup *group,
                                 RecordChoice        *record)
{
  gboolean deleted_here = record->conflict->kind == RD_SYNC_CONFLICT_DELETE_EDIT;
  const char *keep_detail;
  const char *delete_detail;

  if (deleted_here)
    {
      adw_preferences_group_set_description (group, _("You deleted this record; someone "
                                                      "changed it on the server."));
      keep_detail = _("Restore it with the server’s changes");
      delete_detail = _("Delete it for everyone");
    }
  else
    {
      adw_preferences_group_set_description (group, _("You changed this record; someone "
                                                      "deleted it on the server."));
      keep_detail = _("Keep it with your changes");
      delete_detail = _("Delete it here too");
    }

  record->keep = choice_button_new (self, _("Keep"), keep_detail, _("Keep the record"), NULL);
  record->delete = choice_button_new (self, _("Delete"), delete_detail,
                                      _("Delete the record"), record->keep);
  adw_preferences_group_add (group,
                             choice_row_new (self, _("Keep or delete?"), NULL,
                                             GTK_WIDGET (record->keep),
                                             GTK_WIDGET (record->delete)));
}

static void
rd_conflict_dialog_load (RdConflictDialog *self)
{
  RdStore *store = rd_context_get_store (self->context);
  g_autoptr (GPtrArray) conflicts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *subtitle = NULL;

  conflicts = rd_store_sync_list_conflicts (store, &error);
  if (conflicts == NULL)
    {
      g_warning ("Failed to list the sync conflicts: %s", error->message);
      conflicts = g_ptr_array_new ();
    }
  g_ptr_array_set_free_func (conflicts, NULL);

  for (guint i = 0; i < conflicts->len; i++)
    {
      RecordChoice *record = g_new0 (RecordChoice, 1);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      g_autofree char *title = NULL;
      g_autofree char *markup = NULL;

      record->conflict = g_ptr_array_index (conflicts, i);
      record->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_choice_free);
      g_ptr_array_add (self->records, record);

      title = conflict_title (record->conflict);
      markup = g_markup_escape_text (title, -1);
      adw_preferences_group_set_title (group, markup);

      if (record->conflict->kind == RD_SYNC_CONFLICT_FIELDS)
        rd_conflict_dialog_add_fields (self, group, record);
      else
        rd_conflict_dialog_add_deletion (self, group, record);

      gtk_box_append (self->groups_box, GTK_WIDGET (group));
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records",
                                           self->records->len),
                              self->records->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, self->records->len > 0 ? "conflicts"
                                                                         : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflicts.save",
                                 rd_conflict_dialog_has_choice (self));
}

static gboolean
rd_conflict_dialog_apply (RdConflictDialog  *self,
                          RdStore           *store,
                          GError           **error)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      RecordChoice *record = g_ptr_array_index (self->records, i);
      const char *id = record->conflict->id;

      if (record->keep != NULL)
        {
          if (gtk_check_button_get_active (record->keep)
              || gtk_check_button_get_active (record->delete))
            if (!rd_store_sync_resolve_deletion (store, id,
                                                 gtk_check_button_get_active (record->keep),
                                                 error))
              return FALSE;
          continue;
        }

      for (guint j = 0; j < record->fields->len; j++)
        {
          FieldChoice *field = g_ptr_array_index (record->fields, j);
          RdSyncChoice choice = RD_SYNC_CHOICE_NONE;

          if (gtk_check_button_get_active (field->mine))
            choice = RD_SYNC_CHOICE_MINE;
          else if (gtk_check_button_get_active (field->theirs))
            choice = RD_SYNC_CHOICE_THEIRS;

          if (choice != RD_SYNC_CHOICE_NONE
              && !rd_store_sync_resolve_field (store, id, field->name, choice, error))
            return FALSE;
        }
    }

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RdConflictDialog *self = RD_CONFLICT_DIALOG (widget);
  RdSyncScheduler *scheduler = rd_context_get_sync_scheduler (self->context);
  RdStore *store = rd_context_get_store (self->context);
  g_autoptr (GError) error = NULL;

  /* All the choices or none: a half-saved resolution would be hard to explain. */
  if (!rd_store_begin (store, &error)
      || !rd_conflict_dialog_apply (self, store, &error)
      || !rd_store_commit (store, &error))
    {
      g_autofree char *text = NULL;

      rd_store_rollback (store);
      g_warning ("Failed to resolve the sync conflicts: %s", error->message);
      text = g_markup_printf_escaped (_("Could not save your choices: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }

  rd_sync_engine_update_conflicts (rd_sync_scheduler_get_engine (scheduler));
  rd_sync_scheduler_sync_now (scheduler);
  gtk_window_close (GTK_WINDOW (self));
}

static void
rd_conflict_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_CONFLICT_DIALOG);

  G_OBJECT_CLASS (rd_conflict_dialog_parent_class)->dispose (object);
}

static void
rd_conflict_dialog_finalize (GObject *object)
{
  RdConflictDialog *self = (RdConflictDialog *)object;

  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_object (&self->labels_size_group);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_conflict_dialog_parent_class)->finalize (object);
}

static void
rd_conflict_dialog_class_init (RdConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_conflict_dialog_dispose;
  object_class->finalize = rd_conflict_dialog_finalize;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/renewaldesk/RenewalDesk/rd-conflict-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RdConflictDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RdConflictDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RdConflictDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RdConflictDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RdConflictDialog, groups_box);

  gtk_widget_class_install_action (widget_class, "conflicts.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rd_conflict_dialog_init (RdConflictDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_choice_free);
  self->labels_size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
}

RdConflictDialog *
rd_conflict_dialog_new (RdContext *context)
{
  RdConflictDialog *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  self = g_object_new (RD_TYPE_CONFLICT_DIALOG, NULL);
  self->context = g_object_ref (context);
  rd_conflict_dialog_load (self);

  return self;
}

guint
rd_conflict_dialog_get_n_conflicts (RdConflictDialog *self)
{
  g_return_val_if_fail (RD_IS_CONFLICT_DIALOG (self), 0);

  return self->records->len;
}

static RecordChoice *
rd_conflict_dialog_find (RdConflictDialog *self,
                         const char       *id)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      RecordChoice *record = g_ptr_array_index (self->records, i);

      if (g_strcmp0 (record->conflict->id, id) == 0)
        return record;
    }

  return NULL;
}

GtkCheckButton *
rd_conflict_dialog_get_choice_button (RdConflictDialog *self,
                                      const char       *id,
                                      const char       *field,
                                      RdSyncChoice      choice)
{
  RecordChoice *record;

  g_return_val_if_fail (RD_IS_CONFLICT_DIALOG (self), NULL);

  if ((record = rd_conflict_dialog_find (self, id)) == NULL)
    return NULL;

  for (guint i = 0; i < record->fields->len; i++)
    {
      FieldChoice *field_choice = g_ptr_array_index (record->fields, i);

      if (g_strcmp0 (field_choice->name, field) == 0)
        return choice == RD_SYNC_CHOICE_MINE ? field_choice->mine : field_choice->theirs;
    }

  return NULL;
}

GtkCheckButton *
rd_conflict_dialog_get_deletion_button (RdConflictDialog *self,
                                        const char       *id,
                                        gboolean          keep)
{
  RecordChoice *record;

  g_return_val_if_fail (RD_IS_CONFLICT_DIALOG (self), NULL);

  if ((record = rd_conflict_dialog_find (self, id)) == NULL || record->keep == NULL)
    return NULL;

  return keep ? record->keep : record->delete;
}
