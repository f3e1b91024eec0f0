/* rd-test-wait.h
 *
 * What every test that runs a main loop shares: waits on a condition with a timeout (never a
 * fixed sleep), on an asynchronous result, and a short, explicit watch for something that must
 * not happen. GLib only, for the core, sync and UI tests alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*RdTestCondition) (gpointer user_data);

/* How long a wait may take before the test fails; generous, since a wait ends as soon as
 * its condition holds. */
#define RD_TEST_TIMEOUT_MS 20000

/* How long a test watches for something that must not happen: a bound, not a delay that
 * anything waits for, so it may be short. */
#define RD_TEST_QUIET_MS 250

/* For a test whose main context never becomes idle (a spinner spins): from now on
 * rd_test_flush() dispatches at most 100 events. */
void          rd_test_use_bounded_pump (void);
/* Dispatches what the main context has pending now, without waiting for anything new. */
void          rd_test_flush            (void);
/* Runs the main loop until @condition holds or @timeout_ms pass; returns whether it held. */
gboolean      rd_test_pump_until       (RdTestCondition   condition,
                                        gpointer          user_data,
                                        guint             timeout_ms);
/* rd_test_pump_until() with @timeout_ms; fails the test, naming @what, on timeout. */
void          rd_test_wait_until_ms    (RdTestCondition   condition,
                                        gpointer          user_data,
                                        guint             timeout_ms,
                                        const char       *what);
/* rd_test_wait_until_ms() with RD_TEST_TIMEOUT_MS. */
void          rd_test_wait_until       (RdTestCondition   condition,
                                        gpointer          user_data,
                                        const char       *what);
/* Until *@flag is TRUE. */
void          rd_test_wait_for_flag    (const gboolean   *flag,
                                        const char       *what);
/* A GAsyncReadyCallback for rd_test_wait_for_result(): user_data is a GAsyncResult ** that
 * gets a reference to the result. */
void          rd_test_keep_result_cb   (GObject          *source,
                                        GAsyncResult     *result,
                                        gpointer          user_data);
/* Until rd_test_keep_result_cb() has set *@result, at most @timeout_ms; returns it (still
 * owned by *@result). */
GAsyncResult *rd_test_wait_for_result_ms (GAsyncResult  **result,
                                          guint           timeout_ms,
                                          const char     *what);
/* rd_test_wait_for_result_ms() with RD_TEST_TIMEOUT_MS. */
GAsyncResult *rd_test_wait_for_result    (GAsyncResult  **result,
                                          const char     *what);

G_END_DECLS
