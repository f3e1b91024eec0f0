/* test-due.c
 *
 * The Due view as a user reaches it: the real RdApplication (on a private session bus) gets
 * the action a reminder notification targets, app.show-reminders, as the desktop sends it;
 * the Due window opens beside the main window, grouped by milestone; its buttons are clicked:
 * Mark done edits the record, Snooze is stored for a day, Renew opens the draft renewal; with
 * nothing left the empty state shows. Writes screenshots/due-*.png at 1280×800 and 360×640.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "rd-application.h"
#include "rd-due-view.h"
#include "rd-record-editor.h"
#include "rd-test-app.h"
#include "rd-window.h"

typedef struct
{
  int width;
  int height;
} Size;

typedef struct
{
  RdApplication *app;
  char          *dir;
  char          *db_path;
  const Size    *size;
  gboolean       checked;
} Fixture;

static char *
date_in (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
insert (RdStore    *store,
        const char *id,
        const char *type,
        const char *customer,
        int         days)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *date = date_in (days);
  g_autofree char *stored = NULL;

  json_object_set_string_member (body, "_id", id);
  json_object_set_string_member (body, "type", type);
  json_object_set_string_member (body, "customer", customer);
  json_object_set_string_member (body, "product_title", "Observability Suite");
  json_object_set_string_member (body, "kind", "PO");
  json_object_set_string_member (body, "product_type", "saas_contract");
  if (g_str_equal (type, "agreement"))
    {
      json_object_set_string_member (body, "status", "ACTIVE");
      json_object_set_string_member (body, "start_date", "2025-01-01");
      json_object_set_string_member (body, "end_date", date);
    }
  else
    {
      json_object_set_string_member (body, "stage", "published");
      json_object_set_string_member (body, "offer_expiration_date", date);
    }
  stored = rd_store_insert (store, body, &error);
  g_assert_no_error (error);
}

typedef struct
{
  RdDueView *view;
  guint      total;
} DueWait;

static gboolean
due_loaded (gpointer user_data)
{
  DueWait *wait = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (wait->view))
         && !rd_due_view_is_loading (wait->view)
         && rd_due_view_get_total (wait->view) == wait->total;
}

static void
wait_for_total (RdDueView *view,
                guint      total)
{
  DueWait wait = { view, total };

  rd_test_wait_until (due_loaded, &wait, "the Due view to list its renewals");
}

static gboolean
match_group_title (GtkWidget     *widget,
                   gconstpointer  title)
{
  return ADW_IS_PREFERENCES_GROUP (widget)
         && g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)),
                       title) == 0;
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                       title) == 0;
}

static gboolean
match_tooltip (GtkWidget     *widget,
               gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static GtkWidget *
find_row (RdDueView  *view,
          const char *customer)
{
  GtkWidget *row = rd_test_find_widget (GTK_WIDGET (view), match_row_title, customer);

  g_assert_nonnull (row);
  return row;
}

static void
click_in_row (RdDueView  *view,
              const char *customer,
              const char *tooltip)
{
  GtkWidget *button = rd_test_find_widget (find_row (view, customer), match_tooltip, tooltip);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* What a click does: the button's "clicked". */
  g_assert_true (gtk_widget_activate (button));
}

static RdReminderState
stored_state (RdApplication *app,
              const char    *record_id)
{
  RdReminderScheduler *scheduler;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GError) error = NULL;

  scheduler = rd_context_get_reminder_scheduler (rd_application_get_context (app));
  due = rd_reminder_scheduler_list_due (scheduler, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    if (g_str_equal (rd_reminder_get_record_id (g_ptr_array_index (due, i)), record_id))
      return rd_reminder_get_state (g_ptr_array_index (due, i));
  return (RdReminderState) -1;
}

static gboolean
ninety_snoozed (gpointer app)
{
  return stored_state (app, "agmt-90") == RD_REMINDER_STATE_SNOOZED;
}

static gboolean
editor_open (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (RD_IS_RECORD_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *(RdRecordEditor **) user_data = RD_RECORD_EDITOR (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
checks_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  RdApplication *app = fixture->app;
  RdStore *store = rd_context_get_store (rd_application_get_context (app));
  g_autoptr (GError) error = NULL;
  g_autoptr (RdRecord) record = NULL;
  g_autofree char *name = NULL;
  RdRecordEditor *editor = NULL;
  RdTestSizeWait size_wait;
  int min_width;
  GtkWidget *groups[4];
  RdWindow *window;
  GtkWindow *due_window;
  RdDueView *view;
  JsonObject *milestones;

  /* Due now: an expired offer, and the 60-, 90- and 120-day milestones of three agreements
   * (each ten days ago); one agreement with nothing due yet. */
  insert (store, "offer-due", "offer", "Expiring Offer Inc", -2);
  insert (store, "agmt-60", "agreement", "Sixty Ltd", 50);
  insert (store, "agmt-90", "agreement", "Ninety GmbH", 80);
  insert (store, "agmt-120", "agreement", "Hundred Twenty SA", 110);
  insert (store, "agmt-later", "agreement", "Not Yet Corp", 400);

  /* What the desktop does when the notification is clicked. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "show-reminders"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-reminders", NULL);

  window = RD_WINDOW (rd_test_wait_for_toplevel (RD_TYPE_WINDOW));
  due_window = rd_test_wait_for_toplevel (ADW_TYPE_WINDOW);
  g_assert_true (gtk_window_get_transient_for (due_window) == GTK_WINDOW (window));

  /* Closed and clicked again: a new Due window, sized after the main window's default
   * size (which the main window's own minimum may have widened). */
  gtk_window_close (due_window);
  rd_test_flush ();
  g_assert_null (rd_test_find_toplevel (ADW_TYPE_WINDOW));
  gtk_window_set_default_size (GTK_WINDOW (window), fixture->size->width,
                               fixture->size->height);
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-reminders", NULL);
  due_window = rd_test_wait_for_toplevel (ADW_TYPE_WINDOW);
  view = RD_DUE_VIEW (rd_test_find_descendant (GTK_WIDGET (due_window), RD_TYPE_DUE_VIEW));
  g_assert_nonnull (view);
  wait_for_total (view, 4);

  /* The most urgent group on top. */
  groups[0] = rd_test_find_widget (GTK_WIDGET (view), match_group_title, "Offers Expiring");
  groups[1] = rd_test_find_widget (GTK_WIDGET (view), match_group_title,
                                   "60 Days Before the End");
  groups[2] = rd_test_find_widget (GTK_WIDGET (view), match_group_title,
                                   "90 Days Before the End");
  groups[3] = rd_test_find_widget (GTK_WIDGET (view), match_group_title,
                                   "120 Days Before the End");
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_assert_nonnull (groups[i]);
      if (i > 0)
        g_assert_true (gtk_widget_get_prev_sibling (groups[i]) == groups[i - 1]);
    }
  g_assert_null (rd_test_find_widget (GTK_WIDGET (view), match_row_title, "Not Yet Corp"));
  /* An offer has no Renew; an agreement has. */
  g_assert_null (rd_test_find_widget (find_row (view, "Expiring Offer Inc"), match_tooltip,
                                      "Draft the renewal offer"));

  gtk_widget_measure (GTK_WIDGET (due_window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL,
                      NULL, NULL);
  g_test_message ("The window needs at least %d px", min_width);
  g_assert_cmpint (min_width, <=, fixture->size->width);
  /* The Due window takes the main window's size, up to 720×800. */
  size_wait = (RdTestSizeWait) { GTK_WIDGET (due_window), MIN (fixture->size->width, 720),
                           MIN (fixture->size->height, 800) };
  if (!rd_test_pump_until (rd_test_has_size, &size_wait, RD_TEST_TIMEOUT_MS))
    g_error ("The Due window is %d×%d, not %d×%d",
             gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (due_window))),
             gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (due_window))),
             size_wait.width, size_wait.height);
  rd_test_wait_for_frame (GTK_WIDGET (due_window));
  name = g_strdup_printf ("due-%dx%d", fixture->size->width, fixture->size->height);
  rd_test_save_screenshots (GTK_WIDGET (due_window), name);

  /* Mark done: a record edit, the row goes. */
  click_in_row (view, "Sixty Ltd", "Mark Done");
  wait_for_total (view, 3);
  record = rd_store_get (store, "agmt-60", &error);
  g_assert_no_error (error);
  milestones = json_object_get_object_member (rd_record_get_body (record), "milestones");
  g_assert_nonnull (milestones);
  g_assert_cmpstr (json_object_get_string_member (milestones, "60"), ==, "done");
  g_assert_null (rd_test_find_widget (GTK_WIDGET (view), match_row_title, "Sixty Ltd"));

  /* Snooze: this device's state, for a day; the row stays, marked. */
  click_in_row (view, "Ninety GmbH", "Snooze for a Day");
  rd_test_wait_until (ninety_snoozed, app, "the snooze to be stored");
  rd_test_wait_for_label (GTK_WIDGET (view), "Snoozed");
  wait_for_total (view, 3);

  /* Renew: the draft renewal offer in an editor, stored only when saved. */
  click_in_row (view, "Hundred Twenty SA", "Draft the renewal offer");
  rd_test_wait_until (editor_open, &editor, "the renewal editor");
  g_assert_nonnull (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
  rd_test_flush ();

  /* Done with everything: the empty state. */
  click_in_row (view, "Expiring Offer Inc", "Mark Done");
  wait_for_total (view, 2);
  click_in_row (view, "Ninety GmbH", "Mark Done");
  wait_for_total (view, 1);
  click_in_row (view, "Hundred Twenty SA", "Mark Done");
  wait_for_total (view, 0);
  rd_test_wait_for_label (GTK_WIDGET (view), "Nothing Due");
  g_clear_pointer (&name, g_free);
  name = g_strdup_printf ("due-empty-%dx%d", fixture->size->width, fixture->size->height);
  rd_test_save_screenshot (GTK_WIDGET (due_window), name);

  fixture->checked = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
on_startup_cb (GApplication *application,
               Fixture      *fixture)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_set_int (settings, "window-width", fixture->size->width);
  g_settings_set_int (settings, "window-height", fixture->size->height);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_reset (settings, "last-view");
  rd_test_set_dark (FALSE);
  g_idle_add (checks_cb, fixture);
}

static void
test_due_view (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr (GError) error = NULL;
  const char *argv[5];

  fixture->size = user_data;
  fixture->dir = g_dir_make_tmp ("rd-test-due-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, "renewals.db", NULL);
  argv[0] = "renewal-desk";
  argv[1] = "--db";
  argv[2] = fixture->db_path;
  argv[3] = "--background";
  argv[4] = NULL;
  fixture->app = rd_application_new ();
  g_signal_connect_after (fixture->app, "startup", G_CALLBACK (on_startup_cb), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 4, (char **) argv), ==, 0);
  g_assert_true (fixture->checked);

  g_clear_object (&fixture->app);
  rd_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->db_path, g_free);
}

int
main (int    argc,
      char **argv)
{
  static const Size wide = { 1280, 800 };
  static const Size narrow = { 360, 640 };

  rd_test_init (&argc, &argv);

  g_test_add ("/due/1280x800", Fixture, &wide, NULL, test_due_view, NULL);
  g_test_add ("/due/360x640", Fixture, &narrow, NULL, test_due_view, NULL);

  return g_test_run ();
}
