/* test-editor.c
 *
 * The record editor as a renewal specialist uses it, under Xvfb: buttons are clicked
 * (activated as a click or the keyboard does) and keys go through the bindings they trigger
 * (Escape closes the window). Renew then Cancel leaves nothing behind; closing with unsaved
 * changes asks Save / Discard / Keep editing; the ACE badge and its reason; writes
 * screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rd-context.h"
#include "rd-date.h"
#include "rd-milestones.h"
#include "rd-pipeline-view.h"
#include "rd-publish-dialog.h"
#include "rd-record-editor.h"
#include "rd-renewal.h"
#include "rd-test-app.h"
#include "rd-test-keys.h"
#include "rd-window.h"

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open (fixture, "editor", TRUE);
  g_settings_reset (fixture->settings, "last-view");
  g_settings_reset (fixture->settings, "role");
  rd_test_fixture_open_window (fixture);
  rd_test_fixture_present (fixture);
}

static void
fixture_teardown (RdTestFixture *fixture,
                  gconstpointer  user_data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) fixture->window && gtk_widget_get_visible (l->data))
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  rd_test_flush ();
  rd_test_fixture_teardown (fixture, user_data);
}

/* A SaaS contract PO agreement, ending 30 to 300 days ahead, that has no renewal. */
static char *
find_agreement (RdTestFixture *fixture)
{
  g_autoptr (GPtrArray) agreements = rd_store_list (fixture->store, "agreement", NULL);

  for (guint i = 0; i < agreements->len; i++)
    {
      RdRecord *record = g_ptr_array_index (agreements, i);
      const char *end = rd_record_get_end_date (record);
      g_autofree char *offer = NULL;
      int days_left;

      if (end == NULL || g_strcmp0 (rd_record_get_kind (record), "PO") != 0
          || g_strcmp0 (rd_record_get_string (record, "product_type"), "saas_contract") != 0)
        continue;
      days_left = rd_date_days_left (end, NULL);
      offer = rd_renewal_dup_offer_id (fixture->store, rd_record_get_id (record));
      if (days_left >= 30 && days_left <= 300 && offer == NULL)
        return g_strdup (rd_record_get_id (record));
    }
  return NULL;
}

static gboolean
match_action_button (GtkWidget     *widget,
                     gconstpointer  action_name)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_drawable (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                       action_name) == 0;
}

/* A button labelled label itself or through its AdwButtonContent. */
static gboolean
match_button_label (GtkWidget     *widget,
                    gconstpointer  label)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return ADW_IS_BUTTON_CONTENT (child)
         && g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), label) == 0;
}

/* Clicks the visible button of root that activates action_name. */
static void
click_action (GtkWidget  *root,
              const char *action_name)
{
  GtkWidget *button = rd_test_find_widget (root, match_action_button, action_name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
}

/* Clicks the button labelled label (with its mnemonic) of root. */
static void
click_label (GtkWidget  *root,
             const char *label)
{
  GtkWidget *button = rd_test_find_widget (root, match_button_label, label);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

/* The Escape key, pressed on the keyboard. */
static void
press_escape (GtkWidget *editor)
{
  rd_test_press_key (editor, GDK_KEY_Escape, 0);
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_is_drawable (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static void
type_into (GtkWidget  *row,
           const char *text)
{
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

typedef struct
{
  const char     *doc_type;
  RdRecordEditor *found;
} EditorWait;

static RdRecordEditor *
find_editor (const char *doc_type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  RdRecordEditor *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (RD_IS_RECORD_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      {
        g_autoptr (JsonObject) body = rd_record_editor_dup_current_body (l->data);

        if (g_strcmp0 (json_object_get_string_member (body, "type"), doc_type) == 0)
          found = l->data;
      }
  g_list_free (toplevels);
  return found;
}

static gboolean
editor_shown (gpointer user_data)
{
  EditorWait *wait = user_data;

  wait->found = find_editor (wait->doc_type);
  return wait->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (wait->found));
}

static RdRecordEditor *
wait_for_editor (const char *doc_type)
{
  EditorWait wait = { doc_type, NULL };

  rd_test_wait_until (editor_shown, &wait, "an editor to open");
  return wait.found;
}

static gboolean
no_editor (gpointer user_data)
{
  return find_editor (user_data) == NULL;
}

static gboolean
dialog_shown (gpointer user_data)
{
  GtkWindow *dialog = rd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
no_dialog (gpointer user_data)
{
  return rd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static GtkWidget *
wait_for_close_dialog (void)
{
  GtkWidget *dialog;

  rd_test_wait_until (dialog_shown, NULL, "the unsaved-changes dialog");
  dialog = GTK_WIDGET (rd_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Save Changes?");
  return dialog;
}

/* The offers `renewal-desk-cli list` prints for the fixture's database. */
static guint
count_cli_offers (RdTestFixture *fixture)
{
  g_autofree char *db = g_build_filename (fixture->dir, "renewals.db", NULL);
  const char *argv[] = { g_getenv ("RD_CLI"), "--db", db, "list", "--type", "offer", "--json",
                         NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  return json_array_get_length (json_node_get_array (root));
}

/* Renew, then Cancel: no offer is stored and the agreement is not linked, with or without
 * edits to the draft. */
static void
test_editor_renew_cancel (RdTestFixture *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  guint n_offers = rd_store_count (fixture->store, "offer");
  GListModel *pipeline = rd_pipeline_view_get_model (rd_window_get_pipeline_view (
                           fixture->window));
  guint n_pipeline = g_list_model_get_n_items (pipeline);
  g_autoptr (RdRecord) agreement = NULL;
  RdRecordEditor *editor;
  RdRecordEditor *draft;
  GtkWidget *dialog;

  g_assert_nonnull (agreement_id);
  g_assert_cmpuint (count_cli_offers (fixture), ==, n_offers);
  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));

  click_action (GTK_WIDGET (editor), "record.renew");
  draft = wait_for_editor ("offer");
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the agreement's editor to close");
  g_assert_null (rd_record_editor_get_record_id (draft));
  rd_test_save_screenshots (GTK_WIDGET (draft), "editor-renewal-draft");

  /* Untouched: Cancel just closes. */
  click_action (GTK_WIDGET (draft), "window.close");
  rd_test_wait_until (no_editor, (gpointer) "offer", "the draft to close");
  g_assert_true (no_dialog (NULL));
  g_assert_cmpuint (rd_store_count (fixture->store, "offer"), ==, n_offers);
  agreement = rd_store_get (fixture->store, agreement_id, NULL);
  g_assert_null (rd_record_get_string (agreement, "renewal_offer_id"));
  g_assert_null (rd_renewal_dup_offer_id (fixture->store, agreement_id));

  /* Edited: Escape asks, Discard drops the draft. */
  g_assert_nonnull (rd_window_renew (fixture->window, agreement_id));
  draft = wait_for_editor ("offer");
  type_into (rd_record_editor_get_field_row (draft, "customer"), "Example Renewals Ltd");
  press_escape (GTK_WIDGET (draft));
  dialog = wait_for_close_dialog ();
  rd_test_save_screenshots (dialog, "editor-unsaved-dialog");
  click_label (dialog, "_Discard");
  rd_test_wait_until (no_editor, (gpointer) "offer", "the draft to close");
  g_assert_cmpuint (rd_store_count (fixture->store, "offer"), ==, n_offers);
  g_assert_null (rd_renewal_dup_offer_id (fixture->store, agreement_id));

  /* Nor do the pipeline and the command line see one. */
  rd_test_wait_for_n_items (rd_pipeline_view_get_model (rd_window_get_pipeline_view (
                              fixture->window)), n_pipeline);
  g_assert_cmpuint (count_cli_offers (fixture), ==, n_offers);
}

/* Escape without changes closes; with changes it asks, and each answer does what it says. */
static void
test_editor_close_asks (RdTestFixture *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  g_autoptr (RdRecord) before = rd_store_get (fixture->store, agreement_id, NULL);
  g_autoptr (RdRecord) after = NULL;
  g_autofree char *customer = g_strdup (rd_record_get_customer (before));
  RdRecordEditor *editor;
  GtkWidget *row;
  GtkWidget *dialog;

  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  press_escape (GTK_WIDGET (editor));
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the unchanged editor to close");
  g_assert_true (no_dialog (NULL));

  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  row = rd_record_editor_get_field_row (editor, "customer");
  type_into (row, "Renamed Customer GmbH");

  /* Keep editing: the editor and the typed text stay. */
  press_escape (GTK_WIDGET (editor));
  dialog = wait_for_close_dialog ();
  click_label (dialog, "_Keep Editing");
  rd_test_wait_until (no_dialog, NULL, "the dialog to go");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Renamed Customer GmbH");
  after = rd_store_get (fixture->store, agreement_id, NULL);
  g_assert_cmpstr (rd_record_get_customer (after), ==, customer);
  g_clear_object (&after);

  /* Discard: closed, the store as it was. */
  press_escape (GTK_WIDGET (editor));
  dialog = wait_for_close_dialog ();
  click_label (dialog, "_Discard");
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the editor to close");
  after = rd_store_get (fixture->store, agreement_id, NULL);
  g_assert_cmpstr (rd_record_get_customer (after), ==, customer);
  g_clear_object (&after);

  /* Save: closed, the change stored. */
  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  type_into (rd_record_editor_get_field_row (editor, "customer"), "Renamed Customer GmbH");
  press_escape (GTK_WIDGET (editor));
  dialog = wait_for_close_dialog ();
  click_label (dialog, "_Save");
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the saved editor to close");
  after = rd_store_get (fixture->store, agreement_id, NULL);
  g_assert_cmpstr (rd_record_get_customer (after), ==, "Renamed Customer GmbH");
}

/* Selects the item labelled label in a combo row, as a click in its list does. */
static void
select_choice (GtkWidget  *row,
               const char *label)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
        return;
      }
  g_error ("No choice “%s”", label);
}

static gboolean
model_has (GListModel *model,
           const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), label) == 0)
      return TRUE;
  return FALSE;
}

/* The ACE badge: Validated only with an opportunity ID, a stage from ACE's list and growth,
 * and its reason on screen. */
static void
test_editor_ace_badge (RdTestFixture *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) agreement = NULL;
  g_autofree char *value_text = NULL;
  RdRecordEditor *editor;
  GtkWidget *stage_row;
  double value;

  g_assert_nonnull (rd_window_renew (fixture->window, agreement_id));
  editor = wait_for_editor ("offer");
  agreement = rd_store_get (fixture->store, agreement_id, &error);
  g_assert_no_error (error);

  /* A value-add alone does not validate: no ACE opportunity yet. */
  gtk_editable_set_text (GTK_EDITABLE (rd_record_editor_get_field_row (editor,
                                                                       "ace_opportunity_id")),
                         "");
  rd_test_wait_for_label (GTK_WIDGET (editor), "enter the ACE opportunity ID");
  rd_test_wait_for_label (GTK_WIDGET (editor), "Not validated");
  g_assert_false (rd_record_workflow_get_ace_validated (rd_record_editor_get_workflow (editor)));

  type_into (rd_record_editor_get_field_row (editor, "ace_opportunity_id"), "O1234567");
  rd_test_wait_for_label (GTK_WIDGET (editor), "choose the opportunity’s ACE stage");

  /* The stage is a choice from ACE's own list. */
  stage_row = rd_record_editor_get_field_row (editor, "ace_stage");
  g_assert_true (ADW_IS_COMBO_ROW (stage_row));
  g_assert_true (model_has (adw_combo_row_get_model (ADW_COMBO_ROW (stage_row)),
                            "Technical validation"));
  g_assert_true (model_has (adw_combo_row_get_model (ADW_COMBO_ROW (stage_row)),
                            "Closed lost"));
  select_choice (stage_row, "Closed lost");
  rd_test_wait_for_label (GTK_WIDGET (editor), "launched or closed");
  select_choice (stage_row, "Committed");

  /* 12,000 more than the agreement: validated, and the badge says by how much. */
  value = rd_record_get_value (agreement);
  value_text = g_strdup_printf ("%.0f", value + 12000);
  type_into (rd_record_editor_get_field_row (editor, "value"), value_text);
  rd_test_wait_for_label (GTK_WIDGET (editor), "Validated: +12");
  rd_test_wait_for_label (GTK_WIDGET (editor), "over the current agreement");
  g_assert_true (rd_record_workflow_get_ace_validated (rd_record_editor_get_workflow (editor)));

  gtk_window_set_default_size (GTK_WINDOW (editor), 640, 900);
  rd_test_wait_for_frame (GTK_WIDGET (editor));
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (stage_row, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (stage_row, scrolled, &bounds));
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + bounds.origin.y - 200);
    rd_test_wait_for_frame (GTK_WIDGET (editor));
  }
  rd_test_save_screenshots (GTK_WIDGET (editor), "editor-ace-validated");
}

static gboolean
save_enabled (gpointer user_data)
{
  GtkWidget *button = rd_test_find_widget (user_data, match_action_button, "editor.save");

  return button != NULL && gtk_widget_is_sensitive (button);
}

static RdRecord *
find_agreement_of (RdTestFixture *fixture,
                   const char    *customer)
{
  g_autoptr (GPtrArray) agreements = rd_store_list (fixture->store, "agreement", NULL);

  for (guint i = 0; i < agreements->len; i++)
    if (g_strcmp0 (rd_record_get_customer (g_ptr_array_index (agreements, i)), customer) == 0)
      return g_object_ref (g_ptr_array_index (agreements, i));
  return NULL;
}

/* New Agreement from the main menu: typed in, saved, active. */
static void
test_editor_new_agreement (RdTestFixture *fixture,
                           gconstpointer  user_data)
{
  guint n_agreements = rd_store_count (fixture->store, "agreement");
  g_autoptr (RdRecord) saved = NULL;
  RdRecordEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-agreement",
                                             NULL));
  editor = wait_for_editor ("agreement");
  g_assert_null (rd_record_editor_get_record_id (editor));
  rd_test_wait_for_label (GTK_WIDGET (editor), "New Agreement");
  g_assert_nonnull (rd_record_editor_get_field_row (editor, "end_date"));
  g_assert_null (rd_record_editor_get_field_row (editor, "renewal_mechanism"));

  /* The customer is required before Save. */
  g_assert_false (save_enabled (editor));
  type_into (rd_record_editor_get_field_row (editor, "customer"), "Hand Typed Industries");
  type_into (rd_record_editor_get_field_row (editor, "product_title"), "Ledger Cloud");
  type_into (rd_record_editor_get_field_row (editor, "start_date"), "2026-01-01");
  type_into (rd_record_editor_get_field_row (editor, "end_date"), "2026-12-31");
  type_into (rd_record_editor_get_field_row (editor, "value"), "48000");
  rd_test_wait_until (save_enabled, editor, "Save to be enabled");
  rd_test_save_screenshots (GTK_WIDGET (editor), "editor-new-agreement");
  click_action (GTK_WIDGET (editor), "editor.save");
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the editor to close");

  g_assert_cmpuint (rd_store_count (fixture->store, "agreement"), ==, n_agreements + 1);
  saved = find_agreement_of (fixture, "Hand Typed Industries");
  g_assert_nonnull (saved);
  g_assert_cmpstr (rd_record_get_end_date (saved), ==, "2026-12-31");
  g_assert_cmpstr (rd_record_get_string (saved, "status"), ==, "ACTIVE");
  g_assert_cmpstr (rd_record_get_kind (saved), ==, "PO");
  g_assert_cmpstr (json_object_get_string_member (rd_record_get_body (saved), "value"), ==,
                   "48000");
}

static gboolean
item_added (gpointer user_data)
{
  RdItemListGroup *group = user_data;
  guint n = rd_item_list_group_get_n_items (group);

  return n > 0 && rd_item_list_group_get_field_row (group, n - 1, "role") != NULL
         && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "rd-test-n")) < n;
}

/* Stakeholder roles: every one the playbook names, grouped by organisation. */
static void
test_editor_stakeholder_roles (RdTestFixture *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  RdRecordEditor *editor;
  RdItemListGroup *group;
  GtkWidget *role_row;
  GListModel *model;
  guint first_aws = G_MAXUINT, last_aws = 0, n_aws = 0;
  guint n_before;
  g_autoptr (JsonObject) body = NULL;
  JsonArray *stakeholders;
  JsonObject *last;

  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  group = rd_record_workflow_get_stakeholders (rd_record_editor_get_workflow (editor));
  n_before = rd_item_list_group_get_n_items (group);
  g_object_set_data (G_OBJECT (group), "rd-test-n", GUINT_TO_POINTER (n_before));
  click_label (GTK_WIDGET (group), "_Add");
  rd_test_wait_until (item_added, group, "a stakeholder to be added");
  g_assert_cmpuint (rd_item_list_group_get_n_items (group), ==, n_before + 1);
  role_row = rd_item_list_group_get_field_row (group, rd_item_list_group_get_n_items (group) - 1,
                                               "role");
  model = adw_combo_row_get_model (ADW_COMBO_ROW (role_row));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "AWS: "))
      {
        first_aws = MIN (first_aws, i);
        last_aws = i;
        n_aws++;
      }
  g_assert_cmpuint (n_aws, ==, 9);
  g_assert_cmpuint (last_aws - first_aws + 1, ==, n_aws);
  g_assert_true (model_has (model, "AWS: Category Lead"));
  g_assert_true (model_has (model, "AWS: Partner or ISV Success Manager (PSM/ISM)"));
  g_assert_true (model_has (model, "ISV or channel partner: Operations Specialist"));
  g_assert_true (model_has (model, "Customer: Customer contact"));

  type_into (rd_item_list_group_get_field_row (group, rd_item_list_group_get_n_items (group) - 1,
                                               "name"),
             "Sam Rivera");
  select_choice (role_row, "AWS: Solutions Architect (SA)");
  rd_test_flush ();
  body = rd_record_editor_dup_current_body (editor);
  stakeholders = json_object_get_array_member (body, "stakeholders");
  last = json_array_get_object_element (stakeholders, json_array_get_length (stakeholders) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "role"), ==, "aws_solutions_architect");
}

static char *
find_cppo_agreement (RdTestFixture *fixture)
{
  g_autoptr (GPtrArray) agreements = rd_store_list (fixture->store, "agreement", NULL);

  for (guint i = 0; i < agreements->len; i++)
    {
      RdRecord *record = g_ptr_array_index (agreements, i);
      g_autofree char *offer = NULL;

      if (g_strcmp0 (rd_record_get_kind (record), "CPPO") != 0
          || rd_record_get_string (record, "channel_partner") == NULL
          || rd_record_get_end_date (record) == NULL)
        continue;
      offer = rd_renewal_dup_offer_id (fixture->store, rd_record_get_id (record));
      if (offer == NULL && rd_date_days_left (rd_record_get_end_date (record), NULL) > 30)
        return g_strdup (rd_record_get_id (record));
    }
  return NULL;
}

static gboolean
switch_on (gpointer user_data)
{
  return gtk_switch_get_active (user_data);
}

/* A CPPO shows both sellers, and the ISV records the renewal flag on the resale
 * authorization, not on the offer. */
static void
test_editor_cppo_parties (RdTestFixture *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_cppo_agreement (fixture);
  g_autoptr (RdRecord) agreement = NULL;
  RdRecordEditor *editor;
  RdRecordEditor *draft;
  GtkWidget *partner_row;
  GtkWidget *flag_row;
  GtkWidget *flag_switch;
  g_autoptr (JsonObject) body = NULL;

  g_assert_nonnull (agreement_id);
  agreement = rd_store_get (fixture->store, agreement_id, NULL);
  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_true (gtk_widget_get_visible (rd_record_editor_get_field_row (editor, "isv")));
  g_assert_true (gtk_widget_get_visible (rd_record_editor_get_field_row (editor,
                                                                        "channel_partner")));
  partner_row = rd_record_editor_get_field_row (editor, "channel_partner");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (partner_row)), ==,
                   rd_record_get_string (agreement, "channel_partner"));
  rd_test_save_screenshots (GTK_WIDGET (editor), "editor-cppo-agreement");

  click_action (GTK_WIDGET (editor), "record.renew");
  draft = wait_for_editor ("offer");
  g_assert_false (gtk_widget_get_visible (rd_record_editor_get_field_row (draft,
                                                                         "is_renewal")));
  flag_row = rd_record_editor_get_field_row (draft, "resale_authorization_is_renewal");
  g_assert_nonnull (flag_row);
  g_assert_true (gtk_widget_get_visible (flag_row));
  flag_switch = rd_test_find_descendant (flag_row, GTK_TYPE_SWITCH);
  gtk_widget_activate (flag_switch);
  rd_test_wait_until (switch_on, flag_switch, "the flag to be on");
  rd_test_wait_until (save_enabled, draft, "Save to be enabled");
  body = rd_record_editor_dup_current_body (draft);
  g_assert_true (json_object_get_boolean_member (body, "resale_authorization_is_renewal"));
  g_assert_false (json_object_has_member (body, "is_renewal"));
  g_assert_cmpstr (json_object_get_string_member (body, "isv"), ==,
                   rd_record_get_string (agreement, "isv"));
  gtk_window_destroy (GTK_WINDOW (draft));
  rd_test_flush ();

  /* A channel partner does not set the ISV's flag. */
  g_settings_set_string (fixture->settings, "role", "channel-partner");
  g_assert_nonnull (rd_window_renew (fixture->window, agreement_id));
  draft = wait_for_editor ("offer");
  g_assert_null (rd_record_editor_get_field_row (draft, "resale_authorization_is_renewal"));
  g_assert_true (gtk_widget_get_visible (rd_record_editor_get_field_row (draft, "isv")));
  g_settings_reset (fixture->settings, "role");
}

/* Accepting the renewal in its editor settles the agreement's milestones: no more "overdue". */
static void
test_editor_accepted_renewal (RdTestFixture *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *offer_id = NULL;
  g_autoptr (RdRecord) agreement = NULL;
  RdRulesContext rules_context;
  RdRecordEditor *editor;
  JsonObject *milestones;

  rd_context_init_rules_context (fixture->context, &rules_context);
  offer_id = rd_renewal_create (fixture->store, agreement_id, &rules_context, &error);
  g_assert_no_error (error);

  editor = rd_window_open_record (fixture->window, offer_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  select_choice (rd_record_editor_get_field_row (editor, "stage"), "Accepted");
  rd_test_wait_until (save_enabled, editor, "Save to be enabled");
  click_action (GTK_WIDGET (editor), "editor.save");
  rd_test_wait_until (no_editor, (gpointer) "offer", "the editor to close");

  agreement = rd_store_get (fixture->store, agreement_id, NULL);
  milestones = json_object_get_object_member (rd_record_get_body (agreement), "milestones");
  g_assert_nonnull (milestones);
  g_assert_cmpstr (json_object_get_string_member (milestones, "120"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (milestones, "90"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (milestones, "60"), ==, "done");
  g_assert_cmpstr (rd_record_get_string (agreement, "renewal_stage"), ==, "accepted");
  g_assert_cmpint (rd_milestones_agreement_status (rd_record_get_body (agreement),
                                                   (const int []) { 120, 90, 60, 30 }, 4,
                                                   NULL, NULL), ==, RD_MILESTONE_STATUS_DONE);

  /* The agreement shows how its renewal stands. */
  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_nonnull (rd_test_find_widget (GTK_WIDGET (editor), match_row_title,
                                         "Renewal Offer: Accepted"));
  rd_test_save_screenshots (GTK_WIDGET (editor), "editor-agreement-renewal-accepted");
  press_escape (GTK_WIDGET (editor));
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the agreement's editor to close");
}

/* An agreement whose renewal was published on another desk (the offer not synced here yet)
 * still says so, with the offer's AWS id. */
static void
test_editor_renewal_published (RdTestFixture *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;
  RdRecordEditor *editor;
  GtkWidget *row;

  json_object_set_string_member (patch, "renewal_stage", "published");
  json_object_set_string_member (patch, "renewal_aws_offer_id", "offer-abcdef123456");
  g_assert_true (rd_store_merge_patch (fixture->store, agreement_id, patch, &error));
  g_assert_no_error (error);

  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  row = rd_test_find_widget (GTK_WIDGET (editor), match_row_title, "Renewal Offer: Published");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "offer-abcdef123456 on AWS"));
  press_escape (GTK_WIDGET (editor));
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the agreement's editor to close");
}

/* The editor of a renewal offer at a large and a small window size, light and dark. */
static void
test_editor_screenshots (RdTestFixture *fixture,
                         gconstpointer  user_data)
{
  static const struct
  {
    int         width;
    int         height;
    const char *name;
  } sizes[] = {
    { 1280, 800, "editor-offer-1280x800" },
    { 640, 480, "editor-offer-640x480" },
    { 360, 640, "editor-offer-360x640" },
  };
  g_autofree char *agreement_id = find_agreement (fixture);
  g_autoptr (GError) error = NULL;
  g_autofree char *offer_id = NULL;
  RdRulesContext rules_context;

  rd_context_init_rules_context (fixture->context, &rules_context);
  offer_id = rd_renewal_create (fixture->store, agreement_id, &rules_context, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      RdRecordEditor *editor = rd_window_open_record (fixture->window, offer_id);
      int width, height;

      gtk_window_set_default_size (GTK_WINDOW (editor), sizes[i].width, sizes[i].height);
      rd_test_wait_for_mapped (GTK_WIDGET (editor));
      rd_test_wait_for_frame (GTK_WIDGET (editor));
      gtk_window_get_default_size (GTK_WINDOW (editor), &width, &height);
      g_assert_cmpint (width, ==, sizes[i].width);
      /* Nothing is cut off: the form fits the width it is given. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), <=, sizes[i].width);
      rd_test_save_screenshots (GTK_WIDGET (editor), sizes[i].name);
      press_escape (GTK_WIDGET (editor));
      rd_test_wait_until (no_editor, (gpointer) "offer", "the editor to close");
    }
}


typedef struct
{
  GtkWidget *window;
  GtkWidget *before;
} FocusWait;

static gboolean
focus_moved (gpointer user_data)
{
  FocusWait *wait = user_data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));

  return focus != NULL && focus != wait->before;
}

/* Presses Tab until the focus is inside row; at most max_tabs times. */
static void
tab_to (GtkWidget *window,
        GtkWidget *row,
        guint      max_tabs)
{
  for (guint i = 0; i < max_tabs; i++)
    {
      FocusWait wait = { window, gtk_root_get_focus (GTK_ROOT (window)) };

      if (wait.before != NULL && gtk_widget_is_ancestor (wait.before, row))
        return;
      rd_test_press_key (window, GDK_KEY_Tab, 0);
      rd_test_wait_until (focus_moved, &wait, "Tab to move the focus");
    }
  g_error ("Tab did not reach the row “%s”",
           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

typedef struct
{
  RdStore    *store;
  guint       n_offers;
} StoreWait;

static gboolean
offer_stored (gpointer user_data)
{
  StoreWait *wait = user_data;

  return rd_store_count (wait->store, "offer") > wait->n_offers;
}

static gboolean
customer_typed (gpointer user_data)
{
  return g_strcmp0 (gtk_editable_get_text (user_data), "Keyboard Renewals") == 0;
}

/* Renew as a keyboard user does it: Alt+R on the agreement, Tab to the customer's row, a new
 * name typed over the old one, Ctrl+S. The offer is stored and linked. */
static void
test_editor_renew_by_keyboard (RdTestFixture *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  StoreWait stored = { fixture->store, rd_store_count (fixture->store, "offer") };
  g_autofree char *offer_id = NULL;
  g_autoptr (RdRecord) offer = NULL;
  RdRecordEditor *editor;
  RdRecordEditor *draft;
  GtkWidget *customer;

  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  rd_test_press_key (GTK_WIDGET (editor), GDK_KEY_r, GDK_ALT_MASK);
  draft = wait_for_editor ("offer");
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the agreement's editor to close");
  rd_test_wait_for_frame (GTK_WIDGET (draft));

  customer = rd_record_editor_get_field_row (draft, "customer");
  tab_to (GTK_WIDGET (draft), customer, 40);
  rd_test_press_key (GTK_WIDGET (draft), GDK_KEY_a, GDK_CONTROL_MASK);
  rd_test_type_text (GTK_WIDGET (draft), "Keyboard Renewals");
  rd_test_wait_until (customer_typed, customer, "the typed name in the customer's row");
  g_assert_true (save_enabled (draft));

  rd_test_press_key (GTK_WIDGET (draft), GDK_KEY_s, GDK_CONTROL_MASK);
  rd_test_wait_until (offer_stored, &stored, "the renewal offer to be saved");
  rd_test_wait_until (no_editor, (gpointer) "offer", "the draft to close");
  offer_id = rd_renewal_dup_offer_id (fixture->store, agreement_id);
  g_assert_nonnull (offer_id);
  offer = rd_store_get (fixture->store, offer_id, NULL);
  g_assert_cmpstr (rd_record_get_customer (offer), ==, "Keyboard Renewals");
  g_assert_cmpstr (rd_record_get_stage (offer), ==, "drafted");
}

/* A control named by a mnemonic label ("_Save") has its own accessible name: never the label
 * with its underscore, which screen readers read out followed by the same words. */
static gboolean
check_mnemonic_names (GtkWidget     *widget,
                      gconstpointer  data)
{
  const char *label = NULL;
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget))
    {
      child = gtk_button_get_child (GTK_BUTTON (widget));
      if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
        label = gtk_button_get_label (GTK_BUTTON (widget));
      else if (ADW_IS_BUTTON_CONTENT (child)
               && adw_button_content_get_use_underline (ADW_BUTTON_CONTENT (child)))
        label = adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
    }
  if (label != NULL && strchr (label, '_') != NULL)
    {
      g_autofree char *same = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                  label);

      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("The button “%s” has no accessible name of its own", label);
      if (same == NULL)
        g_error ("The button “%s” is named by its mnemonic label", label);
    }
  return FALSE;
}

static void
assert_mnemonic_names (GtkWidget *root)
{
  g_assert_null (rd_test_find_widget (root, check_mnemonic_names, NULL));
}

static void
test_editor_accessible_names (RdTestFixture *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture);
  g_autofree char *offer_id = NULL;
  g_autoptr (GError) error = NULL;
  RdRulesContext rules_context;
  RdRecordEditor *editor;
  GtkWindow *dialog;

  editor = rd_window_open_record (fixture->window, agreement_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  assert_mnemonic_names (GTK_WIDGET (editor));
  press_escape (GTK_WIDGET (editor));
  rd_test_wait_until (no_editor, (gpointer) "agreement", "the agreement's editor to close");

  rd_context_init_rules_context (fixture->context, &rules_context);
  offer_id = rd_renewal_create (fixture->store, agreement_id, &rules_context, &error);
  g_assert_no_error (error);
  editor = rd_window_open_record (fixture->window, offer_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  assert_mnemonic_names (GTK_WIDGET (editor));

  click_action (GTK_WIDGET (editor), "editor.publish");
  dialog = rd_test_wait_for_toplevel (RD_TYPE_PUBLISH_DIALOG);
  rd_test_wait_for_mapped (GTK_WIDGET (dialog));
  assert_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_destroy (dialog);
  press_escape (GTK_WIDGET (editor));
  rd_test_wait_until (no_editor, (gpointer) "offer", "the offer's editor to close");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_init (&argc, &argv);
  rd_test_require_real_input ();

  g_test_add ("/editor/renew-cancel", RdTestFixture, NULL,
              fixture_setup, test_editor_renew_cancel, fixture_teardown);
  g_test_add ("/editor/close-asks", RdTestFixture, NULL,
              fixture_setup, test_editor_close_asks, fixture_teardown);
  g_test_add ("/editor/new-agreement", RdTestFixture, NULL,
              fixture_setup, test_editor_new_agreement, fixture_teardown);
  g_test_add ("/editor/stakeholder-roles", RdTestFixture, NULL,
              fixture_setup, test_editor_stakeholder_roles, fixture_teardown);
  g_test_add ("/editor/cppo-parties", RdTestFixture, NULL,
              fixture_setup, test_editor_cppo_parties, fixture_teardown);
  g_test_add ("/editor/accepted-renewal", RdTestFixture, NULL,
              fixture_setup, test_editor_accepted_renewal, fixture_teardown);
  g_test_add ("/editor/renewal-published", RdTestFixture, NULL,
              fixture_setup, test_editor_renewal_published, fixture_teardown);
  g_test_add ("/editor/screenshots", RdTestFixture, NULL,
              fixture_setup, test_editor_screenshots, fixture_teardown);
  g_test_add ("/editor/renew-by-keyboard", RdTestFixture, NULL,
              fixture_setup, test_editor_renew_by_keyboard, fixture_teardown);
  g_test_add ("/editor/accessible-names", RdTestFixture, NULL,
              fixture_setup, test_editor_accessible_names, fixture_teardown);
  g_test_add ("/editor/ace-badge", RdTestFixture, NULL,
              fixture_setup, test_editor_ace_badge, fixture_teardown);

  return g_test_run ();
}
