/* test-targets.c
 *
 * The Dashboard's quarterly targets as a team lead sets them, by mouse and keyboard on the
 * real window: Alt+3 opens the Dashboard, a click on "Set Target…" opens the dialog, the
 * amount is typed and Return sets it. The stored `target` record holds the exact amount
 * for the current quarter and currency, and the targets card shows it; an amount that is
 * no amount is refused with a message and stores nothing. Writes screenshots/targets-*.png.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "rd-dashboard-targets.h"
#include "rd-dashboard-view.h"
#include "rd-test-app.h"
#include "rd-test-keys.h"
#include "rd-window.h"

static void
fixture_setup (RdTestFixture *fixture,
               gconstpointer  user_data)
{
  rd_test_fixture_open_demo_window (fixture, "targets", 1280, 800);
}

static gboolean
has_figures (gpointer user_data)
{
  const RdDashboard *figures = rd_dashboard_view_get_figures (user_data);

  return figures != NULL && figures->target_quarter[0] != '\0';
}

static gboolean
match_set_target_button (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                       "targets.set") == 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
match_label_containing (GtkWidget     *widget,
                        gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
shows_label (gpointer user_data)
{
  LabelWait *wait = user_data;

  return rd_test_find_widget (wait->root, match_label_containing, wait->text) != NULL;
}

static gboolean
match_entry_focused (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_ENTRY (widget) && gtk_widget_has_focus (gtk_widget_get_first_child (widget));
}

static gboolean
entry_has_focus (gpointer user_data)
{
  return rd_test_find_widget (user_data, match_entry_focused, NULL) != NULL;
}

/* A shown message dialog other than the one given. */
static gpointer
other_message_dialog (gpointer user_data)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != user_data && ADW_IS_MESSAGE_DIALOG (l->data)
        && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_other_message_dialog (gpointer user_data)
{
  return other_message_dialog (user_data) != NULL;
}

static gboolean
window_gone (gpointer user_data)
{
  return rd_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) == NULL;
}

/* Opens the Dashboard with Alt+3 and the dialog with a click; returns the dialog, its amount
 * entry focused. */
static GtkWidget *
open_target_dialog (RdTestFixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  RdDashboardView *view = rd_window_get_dashboard_view (fixture->window);
  GtkWidget *button;
  GtkWidget *dialog;

  rd_test_press_key (window, GDK_KEY_3, GDK_ALT_MASK);
  rd_test_wait_for_view (fixture->window, "dashboard");
  rd_test_wait_until (has_figures, view, "the Dashboard's figures");
  button = rd_test_find_widget (GTK_WIDGET (view), match_set_target_button, NULL);
  g_assert_nonnull (button);
  rd_test_wait_for_mapped (button);
  rd_test_click_widget (button);
  dialog = GTK_WIDGET (rd_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  rd_test_wait_for_mapped (dialog);
  rd_test_wait_until (entry_has_focus, dialog, "the amount to have the focus");
  return dialog;
}

static void
test_targets_set (RdTestFixture *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  RdDashboardView *view = rd_window_get_dashboard_view (fixture->window);
  GtkWidget *dialog;
  g_autofree char *quarter = NULL;
  g_autofree char *id = NULL;
  g_autoptr (RdRecord) target = NULL;
  g_autoptr (GError) error = NULL;
  JsonObject *body;
  LabelWait shown;
  const RdDashboard *figures;
  const RdDashboardTarget *usd = NULL;

  dialog = open_target_dialog (fixture);
  rd_test_save_screenshots (dialog, "targets-dialog");
  rd_test_type_text (dialog, "1500000.50");
  rd_test_press_key (dialog, GDK_KEY_Return, 0);
  rd_test_wait_until (window_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                      "the dialog to close");

  /* The stored record: the current quarter, the currency offered, the amount as typed. */
  quarter = g_strdup (rd_dashboard_view_get_figures (view)->target_quarter);
  id = g_strdup_printf ("target-%s-USD", quarter);
  target = rd_store_get (fixture->store, id, &error);
  g_assert_no_error (error);
  body = rd_record_get_body (target);
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "target");
  g_assert_cmpstr (json_object_get_string_member (body, "quarter"), ==, quarter);
  g_assert_cmpstr (json_object_get_string_member (body, "currency"), ==, "USD");
  g_assert_cmpstr (json_object_get_string_member (body, "amount"), ==, "1500000.50");

  /* The card shows it, as the Dashboard reads it back from the store. */
  shown.root = GTK_WIDGET (view);
  shown.text = "USD: ";
  rd_test_wait_until (shows_label, &shown, "the targets card to list USD");
  shown.text = "of a 1.50 M target";
  rd_test_wait_until (shows_label, &shown, "the targets card to show the new target");
  figures = rd_dashboard_view_get_figures (view);
  for (guint i = 0; i < figures->n_targets; i++)
    if (g_str_equal (figures->targets[i].currency, "USD"))
      usd = &figures->targets[i];
  g_assert_nonnull (usd);
  g_assert_cmpfloat_with_epsilon (usd->target, 1500000.5, 0.001);
  rd_test_save_screenshots (window, "targets-set");
}

static void
test_targets_refused (RdTestFixture *fixture,
                      gconstpointer  user_data)
{
  RdDashboardView *view = rd_window_get_dashboard_view (fixture->window);
  GtkWidget *dialog;
  GtkWidget *message;
  g_autofree char *id = NULL;
  g_autoptr (RdRecord) target = NULL;
  guint n_targets = rd_store_count (fixture->store, "target");

  dialog = open_target_dialog (fixture);
  rd_test_type_text (dialog, "lots");
  rd_test_press_key (dialog, GDK_KEY_Return, 0);

  /* A message says what to write; nothing is stored. */
  rd_test_wait_until (has_other_message_dialog, dialog, "the message saying why");
  message = rd_test_wait_for_label (other_message_dialog (dialog), "is not an amount above 0");
  g_assert_nonnull (message);
  id = g_strdup_printf ("target-%s-USD", rd_dashboard_view_get_figures (view)->target_quarter);
  target = rd_store_get (fixture->store, id, NULL);
  g_assert_null (target);
  g_assert_cmpuint (rd_store_count (fixture->store, "target"), ==, n_targets);

  /* Escape closes the message. */
  rd_test_press_key (other_message_dialog (dialog), GDK_KEY_Escape, 0);
  rd_test_wait_until (window_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                      "the message to close");
}

int
main (int   argc,
      char *argv[])
{
  rd_test_init (&argc, &argv);
  rd_test_require_real_input ();

  g_test_add ("/targets/set", RdTestFixture, NULL, fixture_setup, test_targets_set,
              rd_test_fixture_teardown);
  g_test_add ("/targets/refused", RdTestFixture, NULL, fixture_setup, test_targets_refused,
              rd_test_fixture_teardown);

  return g_test_run ();
}
