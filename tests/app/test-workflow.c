/* test-workflow.c
 *
 * The renewal workflow under Xvfb: Renew from the editor and from the window, the fields a
 * role and a kind show, stakeholders and E-mail All, ACE review, composing from a template,
 * the dashboard and its PNG export; writes screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-compose-dialog.h"
#include "rd-context.h"
#include "rd-dashboard-view.h"
#include "rd-date.h"
#include "rd-demo.h"
#include "rd-record-editor.h"
#include "rd-record-workflow.h"
#include "rd-renewal.h"
#include "rd-test-app.h"
#include "rd-window.h"

/* Scrolls the editor so that row is at the top, for a screenshot of the lower groups. */

static gboolean
field_visible (RdRecordEditor *editor,
               const char     *name)
{
  return gtk_widget_get_visible (rd_record_editor_get_field_row (editor, name));
}
static void
scroll_to (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  rd_test_wait_for_frame (row);
  g_assert_true (gtk_widget_compute_bounds (row, scrolled, &bounds));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_value (adjustment) + bounds.origin.y - 60);
  rd_test_wait_for_frame (row);
}

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open (fixture, "workflow", TRUE);
  g_settings_reset (fixture->settings, "last-view");
  g_settings_reset (fixture->settings, "role");
  rd_test_fixture_open_window (fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 900);
  rd_test_fixture_present (fixture);
}

static void
close_other_windows (RdTestFixture *fixture)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != (gpointer) fixture->window && gtk_widget_get_visible (l->data))
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  rd_test_flush ();
}

static void
fixture_teardown (RdTestFixture *fixture,
                  gconstpointer  user_data)
{
  close_other_windows (fixture);
  rd_test_fixture_teardown (fixture, user_data);
}

/* A SaaS contract agreement of kind, ending 30 to 300 days ahead, that has no renewal. */
static char *
find_agreement (RdTestFixture *fixture,
                const char    *kind)
{
  g_autoptr (GPtrArray) agreements = rd_store_list (fixture->store, "agreement", NULL);

  for (guint i = 0; i < agreements->len; i++)
    {
      RdRecord *record = g_ptr_array_index (agreements, i);
      const char *end = rd_record_get_end_date (record);
      g_autofree char *offer = NULL;
      int days_left;

      if (end == NULL || g_strcmp0 (rd_record_get_kind (record), kind) != 0
          || g_strcmp0 (rd_record_get_string (record, "product_type"), "saas_contract") != 0)
        continue;
      days_left = rd_date_days_left (end, NULL);
      offer = rd_renewal_dup_offer_id (fixture->store, rd_record_get_id (record));
      if (days_left >= 30 && days_left <= 300 && offer == NULL)
        return g_strdup (rd_record_get_id (record));
    }
  return NULL;
}

static RdRecordEditor *
find_editor_for (const char *doc_type)
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

typedef struct
{
  const char     *doc_type;
  RdRecordEditor *found;
} EditorWait;

static gboolean
editor_shown (gpointer user_data)
{
  EditorWait *wait = user_data;

  wait->found = find_editor_for (wait->doc_type);
  return wait->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (wait->found));
}

/* Until an editor of a record of @doc_type is on screen. */
static RdRecordEditor *
wait_for_editor (const char *doc_type)
{
  EditorWait wait = { doc_type, NULL };

  rd_test_wait_until (editor_shown, &wait, "an editor to open");
  return wait.found;
}

static gboolean
no_agreement_editor (gpointer user_data)
{
  return find_editor_for ("agreement") == NULL;
}

static gboolean
no_offer_editor (gpointer user_data)
{
  return find_editor_for ("offer") == NULL;
}

static gboolean
editor_valid (gpointer user_data)
{
  return rd_record_editor_get_n_errors (user_data) == 0;
}

static gboolean
editor_invalid (gpointer user_data)
{
  return rd_record_editor_get_n_errors (user_data) > 0;
}

typedef struct
{
  GActionGroup *actions;
  const char   *name;
} ActionWait;

static gboolean
action_enabled (gpointer user_data)
{
  ActionWait *wait = user_data;

  return g_action_group_get_action_enabled (wait->actions, wait->name);
}

static void
test_workflow_renew_from_editor (RdTestFixture *fixture,
                                 gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture, "PO");
  g_autoptr (RdRecord) agreement = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (JsonObject) body = NULL;
  RdRecordEditor *editor;
  RdRecordEditor *draft;
  RdRulesContext rules_context;
  g_autofree char *offer_id = NULL;

  g_assert_nonnull (agreement_id);
  editor = rd_window_open_record (fixture->window, agreement_id);
  g_assert_nonnull (editor);
  gtk_window_set_default_size (GTK_WINDOW (editor), 680, 1150);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  scroll_to (rd_record_editor_get_field_row (editor, "stage"));
  rd_test_save_screenshot (GTK_WIDGET (editor), "workflow-agreement-light");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "record.renew", NULL));
  draft = wait_for_editor ("offer");
  rd_test_wait_until (no_agreement_editor, NULL, "the agreement's editor to close");
  g_assert_null (find_editor_for ("agreement"));

  /* Nothing is stored before the draft is saved. */
  g_assert_null (rd_record_editor_get_record_id (draft));
  g_assert_null (rd_renewal_dup_offer_id (fixture->store, agreement_id));

  /* The draft opens clean: nothing to fix, Save on. */
  g_assert_cmpuint (rd_record_editor_get_n_errors (draft), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (draft), "editor.save", NULL));
  offer_id = rd_renewal_dup_offer_id (fixture->store, agreement_id);
  g_assert_nonnull (offer_id);
  rd_test_wait_until (no_offer_editor, NULL, "the saved draft's editor to close");

  agreement = rd_store_get (fixture->store, agreement_id, NULL);
  offer = rd_store_get (fixture->store, offer_id, NULL);
  g_assert_cmpstr (rd_record_get_string (agreement, "renewal_offer_id"), ==, offer_id);
  g_assert_cmpstr (rd_record_get_string (offer, "renews"), ==, agreement_id);
  g_assert_cmpstr (rd_record_get_string (offer, "renewal_mechanism"), ==, "fda");
  g_assert_cmpstr (rd_record_get_stage (offer), ==, "drafted");
  g_assert_true (rd_record_get_boolean (offer, "is_renewal", FALSE));
  g_assert_nonnull (rd_record_get_string (offer, "drafted_on"));

  draft = rd_window_open_record (fixture->window, offer_id);
  rd_test_wait_for_mapped (GTK_WIDGET (draft));

  /* The draft opens clean: nothing to fix. */
  g_assert_cmpuint (rd_record_editor_get_n_errors (draft), ==, 0);
  rd_context_init_rules_context (fixture->context, &rules_context);
  body = rd_record_editor_dup_current_body (draft);
  g_assert_cmpuint (rd_rules_check_document (body, &rules_context)->len, ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (draft), 680, 1150);
  rd_test_save_screenshot (GTK_WIDGET (draft), "workflow-renewal-draft-light");
  scroll_to (rd_record_editor_get_field_row (draft, "stage"));
  rd_test_save_screenshots (GTK_WIDGET (draft), "workflow-renewal-draft-lower");

  /* Renewing again opens the same draft instead of drafting a second one. */
  gtk_window_destroy (GTK_WINDOW (draft));
  rd_test_flush ();
  draft = rd_window_renew (fixture->window, agreement_id);
  g_assert_nonnull (draft);
  g_assert_cmpstr (rd_record_editor_get_record_id (draft), ==, offer_id);
}

static void
test_workflow_renew_action (RdTestFixture *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture, "CPPO");
  guint n_offers = rd_store_count (fixture->store, "offer");
  RdRecordEditor *draft;

  g_assert_nonnull (agreement_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.renew", "s", agreement_id);
  draft = wait_for_editor ("offer");
  /* A draft, not stored until saved. */
  g_assert_cmpuint (rd_store_count (fixture->store, "offer"), ==, n_offers);
  /* A CPPO: the resale fields show, the renewal flag does not. */
  g_assert_true (field_visible (draft, "resale_authorization_id"));
  g_assert_true (field_visible (draft, "markup_percent"));
  g_assert_false (field_visible (draft, "is_renewal"));
}

static void
test_workflow_role_fields (RdTestFixture *fixture,
                           gconstpointer  user_data)
{
  RdRecordEditor *editor;
  GtkWidget *kind_row;

  /* ISV, new PO: the renewal flag, no resale fields. */
  editor = rd_window_new_offer (fixture->window);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_true (field_visible (editor, "is_renewal"));
  g_assert_false (field_visible (editor, "resale_authorization_id"));
  g_assert_false (field_visible (editor, "markup_percent"));

  /* Switching the kind to CPPO swaps them. */
  kind_row = rd_record_editor_get_field_row (editor, "kind");
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), 1);
  rd_test_flush ();
  g_assert_false (field_visible (editor, "is_renewal"));
  g_assert_true (field_visible (editor, "resale_authorization_id"));
  gtk_window_destroy (GTK_WINDOW (editor));
  rd_test_flush ();

  /* A channel partner never sees the renewal flag. */
  g_settings_set_string (fixture->settings, "role", "channel-partner");
  editor = rd_window_new_offer (fixture->window);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  g_assert_null (rd_record_editor_get_field_row (editor, "is_renewal"));
  gtk_window_destroy (GTK_WINDOW (editor));
  g_settings_reset (fixture->settings, "role");
}

static void
test_workflow_stakeholders_activities_value_adds (RdTestFixture *fixture,
                                                  gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture, "PO");
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) saved = NULL;
  g_autofree char *offer_id = NULL;
  g_autofree char *touch = NULL;
  RdRulesContext rules_context;
  RdRecordEditor *editor;
  RdRecordWorkflow *workflow;
  RdItemListGroup *group;
  GActionGroup *actions;
  ActionWait email_all = { NULL, "email-all" };
  JsonArray *stakeholders;
  JsonObject *last;

  rd_context_init_rules_context (fixture->context, &rules_context);
  offer_id = rd_renewal_create (fixture->store, agreement_id, &rules_context, &error);
  g_assert_no_error (error);

  editor = rd_window_open_record (fixture->window, offer_id);
  rd_test_wait_for_mapped (GTK_WIDGET (editor));
  workflow = rd_record_editor_get_workflow (editor);
  actions = rd_record_editor_get_actions (editor);
  g_assert_true (g_action_group_has_action (actions, "email-all"));
  g_assert_false (g_action_group_get_action_enabled (actions, "email-all"));

  group = rd_record_workflow_get_stakeholders (workflow);
  rd_item_list_group_add_item (group);
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0, "name")),
                         "Dana Park & Co");
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0, "email")),
                         "dana@example.com");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_item_list_group_get_field_row (group, 0,
                                                                               "role")), 6);
  email_all.actions = actions;
  rd_test_wait_until (action_enabled, &email_all, "E-mail All to be enabled");

  group = rd_record_workflow_get_activities (workflow);
  rd_item_list_group_add_item (group);
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0, "date")),
                         "2026-01-15");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_item_list_group_get_field_row (group, 0,
                                                                               "type")), 2);
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0, "outcome")),
                         "Budget confirmed");

  group = rd_record_workflow_get_value_adds (workflow);
  rd_item_list_group_add_item (group);
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0,
                                                                         "description")),
                         "Onboarding workshop");
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0, "amount")),
                         "1,500");
  rd_test_wait_until (editor_valid, editor, "the value-add to be valid");

  /* A bad amount blocks saving until fixed. */
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0, "amount")),
                         "lots");
  rd_test_wait_until (editor_invalid, editor, "the bad amount's error");
  gtk_editable_set_text (GTK_EDITABLE (rd_item_list_group_get_field_row (group, 0, "amount")),
                         "1,500");
  rd_test_wait_until (editor_valid, editor, "the amount to be valid again");

  gtk_widget_activate_action (GTK_WIDGET (editor), "record.mark-reviewed", NULL);
  rd_test_flush ();
  gtk_window_set_default_size (GTK_WINDOW (editor), 680, 1150);
  scroll_to (GTK_WIDGET (rd_record_workflow_get_value_adds (workflow)));
  rd_test_save_screenshot (GTK_WIDGET (editor), "workflow-offer-lists-light");

  g_assert_true (rd_record_editor_save (editor, &error));
  g_assert_no_error (error);
  saved = rd_store_get (fixture->store, offer_id, NULL);
  stakeholders = json_object_get_array_member (rd_record_get_body (saved), "stakeholders");
  g_assert_cmpuint (json_array_get_length (stakeholders), >=, 1);
  last = json_array_get_object_element (stakeholders, json_array_get_length (stakeholders) - 1);
  g_assert_cmpstr (json_object_get_string_member (last, "role"), ==,
                   "partner_development_manager");
  {
    g_autofree char *adds_text = NULL;
    RdMoney total;
    RdMoney adds;

    g_assert_true (rd_renewal_total_money (rd_record_get_body (saved), &total, &adds));
    adds_text = rd_money_to_string (&adds);
    g_assert_cmpstr (adds_text, ==, "1500");
  }
  g_assert_nonnull (rd_record_get_string (saved, "ace_reviewed_on"));
  touch = rd_renewal_dup_last_touch (rd_record_get_body (saved));
  g_assert_cmpstr (touch, ==, "2026-01-15 · E-mail");

  /* Worth more than the agreement with its value-add, but no ACE opportunity yet: not
   * validated. With the opportunity and an open stage it is. */
  g_assert_false (rd_record_workflow_get_ace_validated (workflow));
  gtk_editable_set_text (GTK_EDITABLE (rd_record_editor_get_field_row (editor,
                                                                       "ace_opportunity_id")),
                         "O7654321");
  adw_combo_row_set_selected (ADW_COMBO_ROW (rd_record_editor_get_field_row (editor,
                                                                             "ace_stage")), 2);
  rd_test_flush ();
  g_assert_true (rd_record_workflow_get_ace_validated (workflow));
}

static void
test_workflow_compose (RdTestFixture *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *agreement_id = find_agreement (fixture, "PO");
  g_autoptr (RdRecord) agreement = rd_store_get (fixture->store, agreement_id, NULL);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *mailto = NULL;
  GtkWidget *dialog;

  /* The window installed the shipped templates on its first run. */
  g_assert_cmpuint (rd_store_count (fixture->store, "template"), >=, 4);

  dialog = rd_compose_dialog_new (fixture->context, rd_record_get_body (agreement), NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (rd_compose_dialog_select_template (RD_COMPOSE_DIALOG (dialog),
                                                    "template-default-90-email"));
  subject = rd_compose_dialog_dup_subject (RD_COMPOSE_DIALOG (dialog));
  body = rd_compose_dialog_dup_body (RD_COMPOSE_DIALOG (dialog));
  g_assert_nonnull (strstr (subject, rd_record_get_product_title (agreement)));
  g_assert_nonnull (strstr (body, rd_record_get_customer (agreement)));
  g_assert_nonnull (strstr (body, rd_record_get_end_date (agreement)));
  g_assert_null (strstr (body, "{customer}"));
  g_assert_null (rd_compose_dialog_get_unknown (RD_COMPOSE_DIALOG (dialog)));
  mailto = rd_compose_dialog_dup_mailto (RD_COMPOSE_DIALOG (dialog));
  g_assert_true (g_str_has_prefix (mailto, "mailto:?subject="));
  g_assert_null (strchr (mailto, ' '));
  g_assert_null (strchr (mailto, '\n'));
  rd_test_save_screenshot (dialog, "workflow-compose-light");
}

static gboolean
dashboard_has_figures (gpointer user_data)
{
  const RdDashboard *figures = rd_dashboard_view_get_figures (user_data);
  guint total_due = 0;

  if (figures == NULL)
    return FALSE;
  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    total_due += figures->due[i].count;
  return total_due > 0;
}

typedef struct
{
  RdDashboardView *view;
  guint            drafted;
} DraftedWait;

static gboolean
dashboard_counts_drafted (gpointer user_data)
{
  DraftedWait *wait = user_data;

  return rd_dashboard_view_get_figures (wait->view)->stage_count[3] == wait->drafted;
}

static void
test_workflow_dashboard (RdTestFixture *fixture,
                         gconstpointer  user_data)
{
  RdDashboardView *view = rd_window_get_dashboard_view (fixture->window);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  const RdDashboard *figures;
  gsize length;
  guint total_due = 0;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-dashboard", NULL);
  rd_test_wait_for_view (fixture->window, "dashboard");
  rd_test_wait_until (dashboard_has_figures, view, "the dashboard's figures");

  figures = rd_dashboard_view_get_figures (view);
  for (guint i = 0; i < RD_DASHBOARD_N_QUARTERS; i++)
    total_due += figures->due[i].count;
  g_assert_cmpuint (total_due, >, 0);

  for (guint i = 0; i < 4; i++)
    {
      RdChart *chart = rd_dashboard_view_get_chart (view, i);

      g_assert_cmpuint (rd_chart_get_n_bars (chart), >=, 4);
      g_assert_nonnull (rd_chart_get_description (chart));
      g_assert_cmpuint (strlen (rd_chart_get_description (chart)), >, 10);
    }

  rd_test_save_screenshot (GTK_WIDGET (fixture->window), "workflow-dashboard-light");
  rd_test_set_dark (TRUE);
  rd_test_save_screenshot (GTK_WIDGET (fixture->window), "workflow-dashboard-dark");

  path = g_build_filename (fixture->dir, "dashboard.png", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (rd_dashboard_view_export_png (view, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  rd_test_set_dark (FALSE);

  /* A renewal drafted elsewhere shows up: the figures follow the store. */
  {
    g_autofree char *agreement_id = find_agreement (fixture, "PO");
    guint drafted = figures->stage_count[3];
    DraftedWait wait = { view, drafted + 1 };

    g_autoptr (GError) renew_error = NULL;
    g_autofree char *offer_id = NULL;
    RdRulesContext rules_context;

    rd_context_init_rules_context (fixture->context, &rules_context);
    offer_id = rd_renewal_create (fixture->store, agreement_id, &rules_context, &renew_error);
    g_assert_no_error (renew_error);
    rd_test_wait_until (dashboard_counts_drafted, &wait, "the dashboard to count the draft");
    g_assert_cmpuint (rd_dashboard_view_get_figures (view)->stage_count[3], ==, drafted + 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  rd_test_init (&argc, &argv);

  g_test_add ("/workflow/renew-from-editor", RdTestFixture, NULL,
              fixture_setup, test_workflow_renew_from_editor, fixture_teardown);
  g_test_add ("/workflow/renew-action", RdTestFixture, NULL,
              fixture_setup, test_workflow_renew_action, fixture_teardown);
  g_test_add ("/workflow/role-fields", RdTestFixture, NULL,
              fixture_setup, test_workflow_role_fields, fixture_teardown);
  g_test_add ("/workflow/stakeholders-activities-value-adds", RdTestFixture, NULL,
              fixture_setup, test_workflow_stakeholders_activities_value_adds,
              fixture_teardown);
  g_test_add ("/workflow/compose", RdTestFixture, NULL,
              fixture_setup, test_workflow_compose, fixture_teardown);
  g_test_add ("/workflow/dashboard", RdTestFixture, NULL,
              fixture_setup, test_workflow_dashboard, fixture_teardown);

  return g_test_run ();
}
