/* rd-item-list-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-item-list-group"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-date.h"
#include "rd-date-row.h"
#include "rd-item-list-group.h"
#include "rd-labels.h"
#include "rd-record-form.h"
#include "rd-record.h"

typedef struct
{
  RdItemListGroup *group;
  JsonObject      *original; /* members the form does not show survive */
  GtkWidget       *expander;
  GtkWidget      **rows;     /* one per field */
} Item;

struct _RdItemListGroup
{
  AdwPreferencesGroup  parent_instance;

  const RdItemField   *fields;
  guint                n_fields;
  RdItemDescribeFunc   describe;
  char                *empty_text;

  GtkWidget           *header_box;
  GtkWidget           *add_button;
  GtkWidget           *empty_row;
  GPtrArray           *items;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (RdItemListGroup, rd_item_list_group, ADW_TYPE_PREFERENCES_GROUP)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
item_free (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->original, json_object_unref);
  g_free (item->rows);
  g_free (item);
}

static char *
dup_row_text (GtkWidget *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Amounts as the editor reads them: "12,000.50" and "12 000" are 12000.50 and 12000, exact. */
static gboolean
parse_amount (const char *text,
              RdMoney    *amount)
{
  return rd_labels_parse_money (text, amount);
}

static JsonObject *
item_collect (Item *item)
{
  RdItemListGroup *self = item->group;
  JsonObject *object = rd_json_object_deep_copy (item->original);

  for (guint i = 0; i < self->n_fields; i++)
    {
      const RdItemField *field = &self->fields[i];
      GtkWidget *row = item->rows[i];

      if (field->kind == RD_ITEM_FIELD_CHOICE)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
          const char * const *values = g_object_get_data (G_OBJECT (row), "rd-values");

          if (selected != GTK_INVALID_LIST_POSITION && values[selected] != NULL
              && *values[selected] != '\0')
            json_object_set_string_member (object, field->name, values[selected]);
          else
            json_object_remove_member (object, field->name);
        }
      else
        {
          g_autofree char *text = dup_row_text (row);
          RdMoney amount;

          if (*text == '\0')
            json_object_remove_member (object, field->name);
          else if (field->kind == RD_ITEM_FIELD_AMOUNT)
            {
              g_autofree char *exact = NULL;

              /* Stored as the exact decimal string, never as a float. */
              if (parse_amount (text, &amount))
                {
                  exact = rd_money_to_string (&amount);
                  json_object_set_string_member (object, field->name, exact);
                }
            }
          else if (field->kind == RD_ITEM_FIELD_DATE)
            {
              GDate date;
              g_autofree char *iso = NULL;

              /* Stored as YYYY-MM-DD, whatever way the user wrote it. */
              if (rd_record_form_parse_date (text, &date))
                iso = rd_date_format (&date);
              json_object_set_string_member (object, field->name, iso != NULL ? iso : text);
            }
          else
            json_object_set_string_member (object, field->name, text);
        }
    }

  return object;
}

static gboolean
item_has_error (Item *item)
{
  for (guint i = 0; i < item->group->n_fields; i++)
    if (gtk_widget_has_css_class (item->rows[i], "error"))
      return TRUE;
  return FALSE;
}

static void
item_update_title (Item *item)
{
  RdItemListGroup *self = item->group;
  g_autoptr (JsonObject) object = item_collect (item);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  self->describe (object, &title, &subtitle);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item->expander),
                                 title ? title : _("New entry"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (item->expander), subtitle ? subtitle : "");
}

static void
validate_row (RdItemListGroup   *self,
              const RdItemField *field,
              GtkWidget         *row)
{
  g_autofree char *text = NULL;
  gboolean invalid = FALSE;
  RdMoney amount;

  if (field->kind == RD_ITEM_FIELD_CHOICE)
    return;

  text = dup_row_text (row);
  if (*text != '\0' && field->kind == RD_ITEM_FIELD_AMOUNT)
    invalid = !parse_amount (text, &amount);
  else if (*text != '\0' && field->kind == RD_ITEM_FIELD_DATE)
    {
      GDate date;

      invalid = !rd_record_form_parse_date (text, &date);
    }

  if (invalid)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                       : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
on_field_changed_cb (GtkWidget *row)
{
  Item *item = g_object_get_data (G_OBJECT (row), "rd-item");
  const RdItemField *field = g_object_get_data (G_OBJECT (row), "rd-field");
  RdItemListGroup *self = item->group;

  validate_row (self, field, row);
  item_update_title (item);
  if (!self->loading)
    g_signal_emit (self, signals [CHANGED], 0);
}

static void
rd_item_list_group_update_empty (RdItemListGroup *self)
{
  gtk_widget_set_visible (self->empty_row, self->items->len == 0);
}

static void
on_remove_clicked_cb (GtkButton *button,
                      Item      *item)
{
  RdItemListGroup *self = item->group;

  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), item->expander);
  g_ptr_array_remove (self->items, item);
  rd_item_list_group_update_empty (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static GtkWidget *
make_field_row (Item              *item,
                const RdItemField *field,
                JsonObject        *object)
{
  const char *value = NULL;
  GtkWidget *row;

  if (json_object_has_member (object, field->name))
    {
      JsonNode *node = json_object_get_member (object, field->name);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        value = json_node_get_string (node);
    }

  switch (field->kind)
    {
    case RD_ITEM_FIELD_CHOICE:
      {
        g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
        const char * const *choices = rd_vocabulary_values (field->vocabulary);
        guint selected = 0;

        row = adw_combo_row_new ();
        /* The first entry is "not set". */
        gtk_string_list_append (labels, _("Not set"));
        for (guint i = 0; choices[i] != NULL; i++)
          {
            g_autofree char *label = rd_vocabulary_dup_grouped_label (field->vocabulary,
                                                                      choices[i]);

            gtk_string_list_append (labels, label);
            if (g_strcmp0 (value, choices[i]) == 0)
              selected = i + 1;
          }
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
        {
          guint n = g_strv_length ((char **) choices);
          const char **values = g_new0 (const char *, n + 2);

          values[0] = "";
          for (guint i = 0; i < n; i++)
            values[i + 1] = choices[i];
          g_object_set_data_full (G_OBJECT (row), "rd-values", values, g_free);
        }
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_field_changed_cb), NULL);
      }
      break;

    case RD_ITEM_FIELD_DATE:
      row = rd_date_row_new ();
      break;

    case RD_ITEM_FIELD_AMOUNT:
    case RD_ITEM_FIELD_EMAIL:
    case RD_ITEM_FIELD_PHONE:
    case RD_ITEM_FIELD_TEXT:
    default:
      row = adw_entry_row_new ();
      if (field->kind == RD_ITEM_FIELD_EMAIL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
      else if (field->kind == RD_ITEM_FIELD_PHONE)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
      else if (field->kind == RD_ITEM_FIELD_AMOUNT)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      break;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field->label));
  g_object_set_data (G_OBJECT (row), "rd-item", item);
  g_object_set_data (G_OBJECT (row), "rd-field", (gpointer) field);

  if (field->kind != RD_ITEM_FIELD_CHOICE)
    {
      g_autofree char *text = NULL;

      /* An amount shows as entered, with the locale's decimal point. */
      if (field->kind == RD_ITEM_FIELD_AMOUNT && json_object_has_member (object, field->name))
        {
          JsonNode *node = json_object_get_member (object, field->name);
          RdMoney amount;

          if (rd_money_from_json (node, &amount, NULL))
            text = rd_labels_format_money (&amount);
        }
      if (value != NULL && field->kind == RD_ITEM_FIELD_DATE)
        {
          GDate date;

          if (rd_date_parse (value, &date))
            text = rd_record_form_format_date (&date);
        }
      gtk_editable_set_text (GTK_EDITABLE (row), text ? text : (value ? value : ""));
      g_signal_connect (row, "changed", G_CALLBACK (on_field_changed_cb), NULL);
    }

  return row;
}

static Item *
rd_item_list_group_append (RdItemListGroup *self,
                           JsonObject      *object)
{
  g_autofree char *remove_label = NULL;
  GtkWidget *remove;
  Item *item;

  item = g_new0 (Item, 1);
  item->group = self;
  item->original = rd_json_object_deep_copy (object);
  item->rows = g_new0 (GtkWidget *, self->n_fields);
  item->expander = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item->expander), FALSE);

  for (guint i = 0; i < self->n_fields; i++)
    {
      item->rows[i] = make_field_row (item, &self->fields[i], object);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (item->expander), item->rows[i]);
    }

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), item);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (item->expander), remove);

  g_ptr_array_add (self->items, item);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), item->expander);
  item_update_title (item);

  remove_label = g_strdup_printf (
    _("Remove %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (item->expander)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);

  rd_item_list_group_update_empty (self);
  return item;
}

static void
on_add_clicked_cb (RdItemListGroup *self)
{
  rd_item_list_group_add_item (self);
}

static void
rd_item_list_group_finalize (GObject *object)
{
  RdItemListGroup *self = (RdItemListGroup *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->empty_text, g_free);

  G_OBJECT_CLASS (rd_item_list_group_parent_class)->finalize (object);
}

static void
rd_item_list_group_class_init (RdItemListGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_item_list_group_finalize;

  /* An item was added, removed or edited by the user. */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rd_item_list_group_init (RdItemListGroup *self)
{
  self->items = g_ptr_array_new_with_free_func (item_free);
}

RdItemListGroup *
rd_item_list_group_new (const char         *title,
                        const char         *add_label,
                        const char         *empty_text,
                        const RdItemField  *fields,
                        guint               n_fields,
                        RdItemDescribeFunc  describe)
{
  RdItemListGroup *self;
  GtkWidget *label;

  g_return_val_if_fail (fields != NULL && n_fields > 0, NULL);
  g_return_val_if_fail (describe != NULL, NULL);

  self = g_object_new (RD_TYPE_ITEM_LIST_GROUP, "title", title, NULL);
  self->fields = fields;
  self->n_fields = n_fields;
  self->describe = describe;
  self->empty_text = g_strdup (empty_text);

  self->header_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->add_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->add_button),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                      "icon-name", "list-add-symbolic",
                                      "label", add_label,
                                      "use-underline", TRUE,
                                      NULL));
  gtk_widget_add_css_class (self->add_button, "flat");
  /* Its name is the label's words, without the mnemonic's underscore. */
  {
    g_autoptr (GString) name = g_string_new (NULL);

    for (const char *c = add_label; *c != '\0'; c++)
      if (*c != '_' || c[1] == '_')
        g_string_append_c (name, *c == '_' ? *++c : *c);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
  }
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->header_box), self->add_button);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->header_box);

  self->empty_row = adw_action_row_new ();
  label = gtk_label_new (empty_text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_prefix (ADW_ACTION_ROW (self->empty_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->empty_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);

  return self;
}

void
rd_item_list_group_add_header_widget (RdItemListGroup *self,
                                      GtkWidget       *widget)
{
  g_return_if_fail (RD_IS_ITEM_LIST_GROUP (self));

  gtk_box_prepend (GTK_BOX (self->header_box), widget);
}

void
rd_item_list_group_set_items (RdItemListGroup *self,
                              JsonArray       *items)
{
  g_return_if_fail (RD_IS_ITEM_LIST_GROUP (self));

  self->loading = TRUE;
  while (self->items->len > 0)
    {
      Item *item = g_ptr_array_index (self->items, self->items->len - 1);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), item->expander);
      g_ptr_array_remove_index (self->items, self->items->len - 1);
    }
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        rd_item_list_group_append (self, json_node_get_object (node));
    }
  rd_item_list_group_update_empty (self);
  self->loading = FALSE;
}

JsonArray *
rd_item_list_group_dup_items (RdItemListGroup *self)
{
  JsonArray *array;

  g_return_val_if_fail (RD_IS_ITEM_LIST_GROUP (self), NULL);

  array = json_array_new ();
  for (guint i = 0; i < self->items->len; i++)
    {
      JsonObject *object = item_collect (g_ptr_array_index (self->items, i));

      if (json_object_get_size (object) > 0)
        json_array_add_object_element (array, object);
      else
        json_object_unref (object);
    }
  if (json_array_get_length (array) == 0)
    g_clear_pointer (&array, json_array_unref);
  return array;
}

guint
rd_item_list_group_get_n_items (RdItemListGroup *self)
{
  g_return_val_if_fail (RD_IS_ITEM_LIST_GROUP (self), 0);

  return self->items->len;
}

guint
rd_item_list_group_get_n_errors (RdItemListGroup *self)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_ITEM_LIST_GROUP (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    n += item_has_error (g_ptr_array_index (self->items, i));
  return n;
}

void
rd_item_list_group_add_item (RdItemListGroup *self)
{
  g_autoptr (JsonObject) empty = json_object_new ();
  Item *item;

  g_return_if_fail (RD_IS_ITEM_LIST_GROUP (self));

  item = rd_item_list_group_append (self, empty);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (item->expander), TRUE);
  gtk_widget_grab_focus (item->rows[0]);
  g_signal_emit (self, signals [CHANGED], 0);
}

GtkWidget *
rd_item_list_group_get_field_row (RdItemListGroup *self,
                                  guint            index,
                                  const char      *name)
{
  Item *item;

  g_return_val_if_fail (RD_IS_ITEM_LIST_GROUP (self), NULL);

  if (index >= self->items->len)
    return NULL;
  item = g_ptr_array_index (self->items, index);
  for (guint i = 0; i < self->n_fields; i++)
    if (g_str_equal (self->fields[i].name, name))
      return item->rows[i];
  return NULL;
}
