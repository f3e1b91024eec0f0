/* rd-record-workflow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-record-workflow"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-amounts.h"
#include "rd-date.h"
#include "rd-labels.h"
#include "rd-record-form.h"
#include "rd-record-workflow.h"
#include "rd-renewal.h"

struct _RdRecordWorkflow
{
  GObject              parent_instance;

  RdContext           *context;
  JsonObject          *original;
  JsonObject          *linked;        /* the agreement an offer renews, or an agreement's offer */
  char                *linked_id;
  char                *record_id;     /* NULL for an offer not saved yet */
  gboolean             is_offer;
  char                *reviewed_on;
  gboolean             ace_validated;

  AdwPreferencesGroup *ace_group;
  GtkWidget           *link_row;
  GtkWidget           *link_button;
  GtkWidget           *compose_row;
  GtkWidget           *total_row;
  GtkWidget           *reviewed_row;
  GtkWidget           *validated_row;
  GtkWidget           *validated_badge;
  GtkWidget           *email_all_button;
  RdItemListGroup     *value_adds;
  RdItemListGroup     *stakeholders;
  RdItemListGroup     *activities;
};

G_DEFINE_FINAL_TYPE (RdRecordWorkflow, rd_record_workflow, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const RdItemField stakeholder_fields[] = {
  { "name", N_("Name"), RD_ITEM_FIELD_TEXT, NULL },
  { "role", N_("Role"), RD_ITEM_FIELD_CHOICE, &rd_vocabulary_stakeholder_role },
  { "organisation", N_("Organisation"), RD_ITEM_FIELD_CHOICE,
    &rd_vocabulary_stakeholder_organisation },
  { "email", N_("E-mail"), RD_ITEM_FIELD_EMAIL, NULL },
  { "phone", N_("Phone"), RD_ITEM_FIELD_PHONE, NULL },
};

static const RdItemField activity_fields[] = {
  { "date", N_("Date"), RD_ITEM_FIELD_DATE, NULL },
  { "type", N_("Type"), RD_ITEM_FIELD_CHOICE, &rd_vocabulary_activity_type },
  { "outcome", N_("Outcome"), RD_ITEM_FIELD_TEXT, NULL },
  { "note", N_("Note"), RD_ITEM_FIELD_TEXT, NULL },
};

static const RdItemField value_add_fields[] = {
  { "description", N_("Description"), RD_ITEM_FIELD_TEXT, NULL },
  { "amount", N_("Amount"), RD_ITEM_FIELD_AMOUNT, NULL },
};

static const char *
get_string (JsonObject *object,
            const char *field)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, field) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The non-empty ones of four parts, joined by middle dots. */
static char *
join_parts (const char *a,
            const char *b,
            const char *c,
            const char *d)
{
  const char *parts[] = { a, b, c, d };
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, parts[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
describe_stakeholder (JsonObject  *item,
                      char       **title,
                      char       **subtitle)
{
  const char *name = get_string (item, "name");

  *title = g_strdup (name ? name : _("New contact"));
  *subtitle = join_parts (rd_renewal_stakeholder_role_label (get_string (item, "role")),
                          rd_renewal_stakeholder_organisation_label (get_string (item,
                                                                                 "organisation")),
                          get_string (item, "email"),
                          get_string (item, "phone"));
}

static void
describe_activity (JsonObject  *item,
                   char       **title,
                   char       **subtitle)
{
  const char *type = rd_renewal_activity_type_label (get_string (item, "type"));

  *title = join_parts (get_string (item, "date"), type, NULL, NULL);
  if (**title == '\0')
    {
      g_free (*title);
      *title = g_strdup (_("New activity"));
    }
  *subtitle = join_parts (get_string (item, "outcome"), get_string (item, "note"), NULL, NULL);
}

static void
describe_value_add (JsonObject  *item,
                    char       **title,
                    char       **subtitle)
{
  const char *description = get_string (item, "description");
  RdMoney amount;

  *title = g_strdup (description ? description : _("New line item"));
  if (rd_amounts_get (item, "amount", &amount))
    *subtitle = rd_labels_format_money_value (&amount, NULL);
}

static void
rd_record_workflow_dispose (GObject *object)
{
  RdRecordWorkflow *self = (RdRecordWorkflow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rd_record_workflow_parent_class)->dispose (object);
}

static void
rd_record_workflow_finalize (GObject *object)
{
  RdRecordWorkflow *self = (RdRecordWorkflow *)object;

  g_clear_pointer (&self->original, json_object_unref);
  g_clear_pointer (&self->linked, json_object_unref);
  g_clear_pointer (&self->linked_id, g_free);
  g_clear_pointer (&self->record_id, g_free);
  g_clear_pointer (&self->reviewed_on, g_free);

  G_OBJECT_CLASS (rd_record_workflow_parent_class)->finalize (object);
}

static void
rd_record_workflow_class_init (RdRecordWorkflowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rd_record_workflow_dispose;
  object_class->finalize = rd_record_workflow_finalize;

  /* The user changed something the workflow edits. */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
rd_record_workflow_init (RdRecordWorkflow *self)
{
}

static void
on_group_changed_cb (RdRecordWorkflow *self)
{
  g_signal_emit (self, signals [CHANGED], 0);
}

static JsonArray *
get_array (JsonObject *object,
           const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static RdItemListGroup *
make_item_group (RdRecordWorkflow   *self,
                 const char         *title,
                 const char         *add_label,
                 const char         *empty_text,
                 const RdItemField  *fields,
                 guint               n_fields,
                 RdItemDescribeFunc  describe,
                 const char         *member)
{
  RdItemListGroup *group;

  group = rd_item_list_group_new (title, add_label, empty_text, fields, n_fields, describe);
  rd_item_list_group_set_items (group, get_array (self->original, member));
  g_signal_connect_swapped (group, "changed", G_CALLBACK (on_group_changed_cb), self);
  return group;
}

/* The record at the other end of the renewal chain: the agreement an offer renews, or the
 * offer drafted to renew an agreement. */
static void
load_linked (RdRecordWorkflow *self)
{
  const char *id = get_string (self->original, self->is_offer ? "renews" : "renewal_offer_id");
  g_autoptr (RdRecord) record = NULL;

  if (id != NULL)
    record = rd_store_get (rd_context_get_store (self->context), id, NULL);
  /* An agreement whose offer was synced or imported may hold no link of its own. */
  if (record == NULL && !self->is_offer && self->record_id != NULL)
    record = rd_store_find_by_field (rd_context_get_store (self->context), "offer", "renews",
                                     self->record_id, NULL);
  if (record == NULL)
    return;
  id = rd_record_get_id (record);
  self->linked_id = g_strdup (id);
  self->linked = rd_record_dup_body (record);
}

RdRecordWorkflow *
rd_record_workflow_new (RdContext  *context,
                        const char *record_id,
                        JsonObject *original)
{
  RdRecordWorkflow *self;

  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (original != NULL, NULL);

  self = g_object_new (RD_TYPE_RECORD_WORKFLOW, NULL);
  self->context = g_object_ref (context);
  self->original = rd_json_object_deep_copy (original);
  self->record_id = g_strdup (record_id);
  self->is_offer = g_strcmp0 (get_string (original, "type"), "offer") == 0;
  self->reviewed_on = g_strdup (get_string (original, "ace_reviewed_on"));

  self->ace_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->ace_group, _("ACE Opportunity"));
  adw_preferences_group_set_description (self->ace_group,
                                         _("Keep the co-sell opportunity in AWS Partner "
                                           "Central current: review it every week."));
  gtk_widget_set_visible (GTK_WIDGET (self->ace_group), self->is_offer);

  load_linked (self);

  return self;
}

AdwPreferencesGroup *
rd_record_workflow_get_ace_group (RdRecordWorkflow *self)
{
  g_return_val_if_fail (RD_IS_RECORD_WORKFLOW (self), NULL);

  return self->ace_group;
}

static GtkWidget *
make_suffix_button (const char *label,
                    const char *accessible_label,
                    const char *action_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return button;
}

static void
rd_record_workflow_fill_link_row (RdRecordWorkflow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->is_offer)
    {
      const char *end = get_string (self->linked, "end_date");
      g_autofree char *ends = end ? g_strdup_printf (_("ends %s"), end) : NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row),
                                     _("Renews Agreement"));
      subtitle = join_parts (get_string (self->linked, "agreement_id"), ends,
                             rd_labels_status (get_string (self->linked, "status")), NULL);
      self->link_button = make_suffix_button (_("_Open"), _("Open the renewed agreement"),
                                              "record.open-linked");
    }
  else if (self->linked != NULL || get_string (self->original, "renewal_stage") != NULL)
    {
      /* The offer tells its own state; an agreement synced without it keeps the news. */
      const char *stage = get_string (self->linked, "stage");
      const char *aws_id = get_string (self->linked, "offer_id");
      const char *start = get_string (self->linked, "agreement_start_date");
      g_autofree char *on_aws = NULL;
      g_autofree char *starts = NULL;
      g_autofree char *title = NULL;
      GDate date;

      if (stage == NULL)
        stage = get_string (self->original, "renewal_stage");
      if (aws_id == NULL)
        aws_id = get_string (self->original, "renewal_aws_offer_id");
      /* Translators: the offer's id on AWS Marketplace, e.g. "offer-abc123 on AWS" */
      on_aws = aws_id != NULL ? g_strdup_printf (_("%s on AWS"), aws_id) : NULL;
      if (start != NULL && rd_date_parse (start, &date))
        {
          g_autofree char *day = rd_record_form_format_date (&date);

          starts = g_strdup_printf (_("starts %s"), day);
        }

      /* Translators: the title of the agreement's row for its renewal, with the renewal's
       * stage: "Renewal Offer: Published" */
      title = g_strdup_printf (_("Renewal Offer: %s"),
                               stage != NULL ? rd_labels_stage (stage) : _("Not known"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row), title);
      subtitle = join_parts (on_aws,
                             rd_labels_mechanism (get_string (self->linked,
                                                              "renewal_mechanism")),
                             starts, NULL);
      if (self->linked != NULL)
        self->link_button = make_suffix_button (_("_Open"), _("Open the renewal offer"),
                                                "record.open-linked");
      else if (*subtitle == '\0')
        {
          g_free (subtitle);
          subtitle = g_strdup (_("The offer is not on this desk yet: it comes with the next "
                                 "sync or AWS import."));
        }
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->link_row), _("Renewal Offer"));
      subtitle = g_strdup (_("None yet. Renew drafts one from this agreement, as a "
                             "future-dated agreement where the product allows it."));
      self->link_button = make_suffix_button (_("_Renew"), _("Renew this agreement"),
                                              "record.renew");
      gtk_widget_add_css_class (self->link_button, "suggested-action");
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->link_row), subtitle);
  if (self->link_button != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (self->link_row), self->link_button);
}

void
rd_record_workflow_attach (RdRecordWorkflow    *self,
                           AdwPreferencesGroup *renewal_group,
                           AdwPreferencesGroup *value_group,
                           AdwPreferencesGroup *ids_group,
                           AdwPreferencesPage  *page,
                           AdwPreferencesGroup *last)
{
  GtkWidget *button;

  g_return_if_fail (RD_IS_RECORD_WORKFLOW (self));

  /* Only an agreement in the store can be renewed; an offer shows the chain if it has one. */
  if (!self->is_offer || self->linked != NULL)
    {
      self->link_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->link_row), FALSE);
      rd_record_workflow_fill_link_row (self);
      adw_preferences_group_add (renewal_group, self->link_row);
    }

  self->compose_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->compose_row),
                                 _("Call Scripts and E-mails"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->compose_row),
                               _("Fill in a template with this renewal’s details"));
  button = make_suffix_button (_("_Compose…"), _("Compose from a template"), "record.compose");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->compose_row), button);
  adw_preferences_group_add (renewal_group, self->compose_row);

  g_object_ref (last);
  g_object_ref (ids_group);
  adw_preferences_page_remove (page, last);
  adw_preferences_page_remove (page, ids_group);

  if (self->is_offer)
    {
      self->total_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->total_row),
                                     _("Total Value"));
      gtk_widget_add_css_class (self->total_row, "property");
      adw_preferences_group_add (value_group, self->total_row);

      self->value_adds = make_item_group (self, _("Value-Add Offerings"), _("_Add"),
                                          _("Services and support bundled with the offer, "
                                            "such as training or premium support. They "
                                            "count into the offer’s value."),
                                          value_add_fields, G_N_ELEMENTS (value_add_fields),
                                          describe_value_add, "value_adds");
      adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->value_adds));

      self->reviewed_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reviewed_row),
                                     _("Last Reviewed"));
      button = make_suffix_button (_("_Mark Reviewed"),
                                   _("Mark the ACE opportunity reviewed today"),
                                   "record.mark-reviewed");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->reviewed_row), button);
      adw_preferences_group_add (self->ace_group, self->reviewed_row);

      self->validated_row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->validated_row),
                                     _("Validation"));
      self->validated_badge = gtk_label_new (_("Validated"));
      gtk_widget_set_valign (self->validated_badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->validated_badge, "ace-badge");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->validated_row), self->validated_badge);
      adw_preferences_group_add (self->ace_group, self->validated_row);
    }
  adw_preferences_page_add (page, self->ace_group);
  adw_preferences_page_add (page, ids_group);
  g_object_unref (ids_group);

  self->stakeholders = make_item_group (self, _("Stakeholders"), _("_Add"),
                                        _("The people on both sides of this renewal: partner "
                                          "and alliance managers, the AWS account team, the "
                                          "customer’s contacts."),
                                        stakeholder_fields, G_N_ELEMENTS (stakeholder_fields),
                                        describe_stakeholder, "stakeholders");
  self->email_all_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->email_all_button),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                      "icon-name", "mail-send-symbolic",
                                      "label", _("_E-mail All"),
                                      "use-underline", TRUE,
                                      NULL));
  gtk_widget_add_css_class (self->email_all_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->email_all_button), "record.email-all");
  gtk_widget_set_tooltip_text (self->email_all_button,
                               _("Write to every stakeholder with an e-mail address"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->email_all_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("E-mail all stakeholders"),
                                  -1);
  rd_item_list_group_add_header_widget (self->stakeholders, self->email_all_button);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->stakeholders));

  self->activities = make_item_group (self, _("Activity Log"), _("_Log"),
                                      _("Calls, e-mails and meetings with the customer, with "
                                        "their outcome. The pipeline shows the last one."),
                                      activity_fields, G_N_ELEMENTS (activity_fields),
                                      describe_activity, "activities");
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (self->activities));

  adw_preferences_page_add (page, last);
  g_object_unref (last);
}

static void
set_array (JsonObject      *body,
           const char      *member,
           RdItemListGroup *group)
{
  JsonArray *items;

  if (group == NULL)
    return;
  items = rd_item_list_group_dup_items (group);
  if (items != NULL)
    json_object_set_array_member (body, member, items);
  else
    json_object_remove_member (body, member);
}

void
rd_record_workflow_collect (RdRecordWorkflow *self,
                            JsonObject       *body)
{
  g_return_if_fail (RD_IS_RECORD_WORKFLOW (self));

  set_array (body, "stakeholders", self->stakeholders);
  set_array (body, "activities", self->activities);
  set_array (body, "value_adds", self->value_adds);
  if (self->is_offer && self->reviewed_on != NULL)
    json_object_set_string_member (body, "ace_reviewed_on", self->reviewed_on);
}

/* The badge says Validated only when the playbook's conditions hold, and the row says why
 * it does or what is missing. */
static void
rd_record_workflow_update_ace_badge (RdRecordWorkflow *self,
                                     JsonObject       *body)
{
  g_autofree char *reason = NULL;
  RdAceState state;

  reason = rd_labels_dup_ace_reason (body, self->linked, &state);
  self->ace_validated = state == RD_ACE_STATE_VALIDATED;

  gtk_widget_set_visible (self->validated_badge, self->ace_validated);
  gtk_widget_set_tooltip_text (self->validated_badge, reason);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->validated_row), reason);
}

void
rd_record_workflow_update (RdRecordWorkflow *self,
                           JsonObject       *body)
{
  g_return_if_fail (RD_IS_RECORD_WORKFLOW (self));

  if (!self->is_offer || self->total_row == NULL)
    return;

  {
    const char *currency = get_string (body, "currency");
    RdMoney adds;
    RdMoney total;
    g_autofree char *total_text = NULL;
    g_autofree char *adds_text = NULL;
    g_autofree char *subtitle = NULL;

    rd_renewal_total_money (body, &total, &adds);
    total_text = rd_labels_format_money_value (&total, currency);
    adds_text = rd_labels_format_money_value (&adds, currency);
    if (rd_money_sign (&adds) > 0)
      /* Translators: the offer's total value, then the part of it from value-adds */
      subtitle = g_strdup_printf (_("%s, of which %s value-adds"), total_text, adds_text);
    else
      subtitle = g_strdup (total_text);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->total_row), subtitle);
  }

  {
    GDate today;
    g_autofree char *reviewed = NULL;

    rd_date_today (NULL, &today);
    if (self->reviewed_on == NULL)
      reviewed = g_strdup (_("Never: due for the weekly review"));
    else if (rd_renewal_ace_review_due (body, &today))
      reviewed = g_strdup_printf (_("%s: due for the weekly review"), self->reviewed_on);
    else
      reviewed = g_strdup (self->reviewed_on);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->reviewed_row), reviewed);
    if (rd_renewal_ace_review_due (body, &today))
      gtk_widget_add_css_class (self->reviewed_row, "review-due");
    else
      gtk_widget_remove_css_class (self->reviewed_row, "review-due");
  }

  rd_record_workflow_update_ace_badge (self, body);
}

guint
rd_record_workflow_get_n_errors (RdRecordWorkflow *self)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_RECORD_WORKFLOW (self), 0);

  if (self->stakeholders != NULL)
    n += rd_item_list_group_get_n_errors (self->stakeholders);
  if (self->activities != NULL)
    n += rd_item_list_group_get_n_errors (self->activities);
  if (self->value_adds != NULL)
    n += rd_item_list_group_get_n_errors (self->value_adds);
  return n;
}

RdItemListGroup *
rd_record_workflow_get_stakeholders (RdRecordWorkflow *self)
{
  return self->stakeholders;
}

RdItemListGroup *
rd_record_workflow_get_activities (RdRecordWorkflow *self)
{
  return self->activities;
}

RdItemListGroup *
rd_record_workflow_get_value_adds (RdRecordWorkflow *self)
{
  return self->value_adds;
}

gboolean
rd_record_workflow_get_ace_validated (RdRecordWorkflow *self)
{
  return self->ace_validated;
}

const char *
rd_record_workflow_get_linked_id (RdRecordWorkflow *self)
{
  g_return_val_if_fail (RD_IS_RECORD_WORKFLOW (self), NULL);

  return self->linked_id;
}

JsonObject *
rd_record_workflow_get_linked (RdRecordWorkflow *self)
{
  g_return_val_if_fail (RD_IS_RECORD_WORKFLOW (self), NULL);

  return self->linked;
}

void
rd_record_workflow_mark_reviewed (RdRecordWorkflow *self)
{
  GDate today;

  g_return_if_fail (RD_IS_RECORD_WORKFLOW (self));

  rd_date_today (NULL, &today);
  g_free (self->reviewed_on);
  self->reviewed_on = rd_date_format (&today);
  g_signal_emit (self, signals [CHANGED], 0);
}
