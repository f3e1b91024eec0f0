/* rd-test-app.h
 *
 * What the UI tests share: a display set up the way the application sets it up, waits that
 * let the main loop run, screenshots, the light and dark styles, widgets found by type, and
 * a fixture with a temporary store, the settings, a context and the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "rd-context.h"
#include "rd-store.h"
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
/* For a test whose main context never becomes idle (a spinner spins): from now on every
 * wait, rd_test_pump() and the helpers below, dispatches at most 100 events between naps. */
void       rd_test_use_bounded_pump    (void);
/* Runs the main loop for @ms milliseconds, each time until nothing is pending. */
void       rd_test_pump                (guint               ms);
void       rd_test_set_dark            (gboolean            dark);
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
/* Removes @path and everything in it. */
void       rd_test_remove_dir          (const char         *path);

/* A temporary folder "rd-test-@name-XXXXXX", a store in it (with the demo data set if
 * @with_demo) and the settings. */
void       rd_test_fixture_open        (RdTestFixture      *fixture,
                                        const char         *name,
                                        gboolean            with_demo);
/* The context and the main window, not shown yet. */
void       rd_test_fixture_open_window (RdTestFixture      *fixture);
/* Shows the main window in the light style and lets it settle for @settle_ms. */
void       rd_test_fixture_present     (RdTestFixture      *fixture,
                                        guint               settle_ms);
/* Destroys the main window, drops the rest and removes the temporary folder; a GTest
 * teardown function. */
void       rd_test_fixture_teardown    (RdTestFixture      *fixture,
                                        gconstpointer       user_data);

G_END_DECLS
