/* rd-item-list-group.h
 *
 * A group of the editor that edits a list of small objects of a record (stakeholders,
 * logged activities, value-add line items): one expander row per item, its fields inside,
 * add and remove buttons. Members the form does not show are kept as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "rd-fields.h"

G_BEGIN_DECLS

typedef enum
{
  RD_ITEM_FIELD_TEXT,
  RD_ITEM_FIELD_EMAIL,
  RD_ITEM_FIELD_PHONE,
  RD_ITEM_FIELD_DATE,
  RD_ITEM_FIELD_AMOUNT,
  RD_ITEM_FIELD_CHOICE,
} RdItemFieldKind;

typedef struct
{
  const char         *name;          /* the member of each item */
  const char         *label;         /* untranslated, N_() */
  RdItemFieldKind     kind;
  const RdVocabulary *vocabulary;    /* of a choice */
} RdItemField;

/* The expander row's title and subtitle for an item (newly allocated; subtitle may be
 * left NULL). */
typedef void (*RdItemDescribeFunc) (JsonObject  *item,
                                    char       **title,
                                    char       **subtitle);

#define RD_TYPE_ITEM_LIST_GROUP (rd_item_list_group_get_type ())
G_DECLARE_FINAL_TYPE (RdItemListGroup, rd_item_list_group, RD, ITEM_LIST_GROUP,
                      AdwPreferencesGroup)

RdItemListGroup *rd_item_list_group_new        (const char         *title,
                                                const char         *add_label,
                                                const char         *empty_text,
                                                const RdItemField  *fields,
                                                guint               n_fields,
                                                RdItemDescribeFunc  describe);
/* Extra buttons beside "Add" in the group's header. */
void             rd_item_list_group_add_header_widget (RdItemListGroup *self,
                                                       GtkWidget       *widget);
void             rd_item_list_group_set_items  (RdItemListGroup *self,
                                                JsonArray       *items);
/* The items as edited; NULL when there are none. An item whose fields are all empty is
 * left out. */
JsonArray       *rd_item_list_group_dup_items  (RdItemListGroup *self);
guint            rd_item_list_group_get_n_items (RdItemListGroup *self);
/* Items with a field that does not parse (an amount, a date). */
guint            rd_item_list_group_get_n_errors (RdItemListGroup *self);
/* Appends an empty item, expands it and focuses its first field. */
void             rd_item_list_group_add_item   (RdItemListGroup *self);
/* The field row of item index, for tests. */
GtkWidget       *rd_item_list_group_get_field_row (RdItemListGroup *self,
                                                   guint            index,
                                                   const char      *name);

G_END_DECLS
