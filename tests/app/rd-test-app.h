/* rd-test-app.h
 *
 * What the UI tests share: a display set up the way the application sets it up, waits for
 * widgets and windows (on the conditions of rd-test-wait.h, never a fixed sleep), screenshots,
 * the light and dark styles, widgets found by type, and a fixture with a temporary store, the
 * settings, a context and the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store.h"
#include "rd-test-temp.h"
#include "rd-test-wait.h"
#include "rd-window.h"

G_BEGIN_DECLS

typedef struct
{
  char      *dir;
  RdStore   *store;
  GSettings *settings;
  RdContext *context;
  RdWindow  *window;
} RdTestFixture;

typedef gboolean (*RdTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);

/* gtk_test_init() with the memory settings backend, then the application's style sheet
 * and icons, as AdwApplication loads them for the real application. */
void       rd_test_init                (int                *argc,
                                        char             ***argv);
/* Until @widget is mapped, has a size and its window has painted a frame since. */
void       rd_test_wait_for_mapped     (GtkWidget          *widget);
/* Until the window of @widget has laid out and painted one frame after this call. */
void       rd_test_wait_for_frame      (GtkWidget          *widget);
/* Until @model has exactly @n_items items. */
void       rd_test_wait_for_n_items    (GListModel         *model,
                                        guint               n_items);
/* Until *@weak_pointer (set up with g_object_add_weak_pointer()) is NULL. */
void       rd_test_wait_for_finalized  (gpointer           *weak_pointer);
/* Until a visible toplevel window of @type exists; returns it. */
GtkWindow *rd_test_wait_for_toplevel   (GType               type);
/* Until a toast whose title contains @text shows in @root; returns its widget. */
GtkWidget *rd_test_wait_for_toast      (GtkWidget          *root,
                                        const char         *text);
/* Until a visible GtkLabel in @root shows a text containing @text; returns the label. */
GtkWidget *rd_test_wait_for_label      (GtkWidget          *root,
                                        const char         *text);
/* Until the calendar's agenda lists the grid's selected day (it follows a frame later). */
void       rd_test_wait_for_agenda     (RdCalendarView     *view);
/* Until the main window shows the view called @name ("calendar", "pipeline", …). */
void       rd_test_wait_for_view       (RdWindow           *window,
                                        const char         *name);
void       rd_test_set_dark            (gboolean            dark);
/* The shown text cells (RdTextCell) below @root whose text matches @pattern: each must show
 * whole, never "…" (an error otherwise); returns how many there are. */
guint      rd_test_count_text_cells_whole (GtkWidget      *root,
                                           GRegex         *pattern);
/* Every entry of the calendar's legend below @root shows its name whole (an error otherwise);
 * returns how many entries there are. */
guint      rd_test_count_legend_whole  (GtkWidget          *root);
/* Writes @widget to $G_TEST_BUILDDIR/screenshots/@name.png. */
void       rd_test_save_screenshot     (GtkWidget          *widget,
                                        const char         *name);
/* @name-light.png and @name-dark.png; the style is light again afterwards. */
void       rd_test_save_screenshots    (GtkWidget          *widget,
                                        const char         *name);
/* The first of @root and its descendants, depth first, that @match accepts. */
GtkWidget *rd_test_find_widget         (GtkWidget          *root,
                                        RdTestWidgetMatch   match,
                                        gconstpointer       data);
GtkWidget *rd_test_find_descendant     (GtkWidget          *root,
                                        GType               type);
/* A visible toplevel window of @type. */
GtkWindow *rd_test_find_toplevel       (GType               type);

/* A temporary folder "rd-test-@name-XXXXXX", a store in it (with the demo data set if
 * @with_demo) and the settings. */
void       rd_test_fixture_open        (RdTestFixture      *fixture,
                                        const char         *name,
                                        gboolean            with_demo);
/* The context and the main window, not shown yet. */
void       rd_test_fixture_open_window (RdTestFixture      *fixture);
/* Shows the main window in the light style and waits until it is mapped and drawn. */
void       rd_test_fixture_present     (RdTestFixture      *fixture);
/* rd_test_fixture_open() with the demo data, then the main window opened on the calendar
 * at @width×@height and presented. */
void       rd_test_fixture_open_demo_window (RdTestFixture *fixture,
                                             const char    *name,
                                             int            width,
                                             int            height);

/* A window's surface (the window and, without a window manager, its shadow) at a size. */
typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} RdTestSizeWait;

/* Whether @user_data, an RdTestSizeWait, holds: a condition for rd_test_pump_until(). */
gboolean   rd_test_has_size            (gpointer            user_data);

/* Destroys the main window, drops the rest and removes the temporary folder; a GTest
 * teardown function. */
void       rd_test_fixture_teardown    (RdTestFixture      *fixture,
                                        gconstpointer       user_data);

G_END_DECLS
