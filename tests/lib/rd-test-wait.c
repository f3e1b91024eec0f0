/* rd-test-wait.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "rd-test-wait.h"

static gboolean bounded_pump;

void
rd_test_use_bounded_pump (void)
{
  bounded_pump = TRUE;
}

/* On a loaded machine a frame can take longer than the frame clock's interval, so a new
 * frame is always pending: the flush also ends after RD_TEST_FLUSH_MS, never spins on. */
#define RD_TEST_FLUSH_MS 2000

void
rd_test_flush (void)
{
  gint64 end = g_get_monotonic_time () + RD_TEST_FLUSH_MS * 1000;

  for (guint i = 0; (!bounded_pump || i < 100) && g_main_context_pending (NULL); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > end)
        break;
    }
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
rd_test_pump_until (RdTestCondition condition,
                    gpointer        user_data,
                    guint           timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gboolean held;
  guint wake;

  /* Conditions that no event announces (a thread's counter) are polled this often. */
  wake = g_timeout_add (5, wake_cb, NULL);
  while (!(held = condition (user_data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  return held;
}

void
rd_test_wait_until_ms (RdTestCondition  condition,
                       gpointer         user_data,
                       guint            timeout_ms,
                       const char      *what)
{
  if (!rd_test_pump_until (condition, user_data, timeout_ms))
    g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
}

void
rd_test_wait_until (RdTestCondition  condition,
                    gpointer         user_data,
                    const char      *what)
{
  rd_test_wait_until_ms (condition, user_data, RD_TEST_TIMEOUT_MS, what);
}

static gboolean
flag_set (gpointer user_data)
{
  return *(const gboolean *) user_data;
}

void
rd_test_wait_for_flag (const gboolean *flag,
                       const char     *what)
{
  rd_test_wait_until (flag_set, (gpointer) flag, what);
}

void
rd_test_keep_result_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **kept = user_data;

  g_assert_null (*kept);
  *kept = g_object_ref (result);
}

static gboolean
pointer_set (gpointer user_data)
{
  return *(gpointer *) user_data != NULL;
}

GAsyncResult *
rd_test_wait_for_result_ms (GAsyncResult **result,
                            guint          timeout_ms,
                            const char    *what)
{
  rd_test_wait_until_ms (pointer_set, result, timeout_ms, what);
  return *result;
}

GAsyncResult *
rd_test_wait_for_result (GAsyncResult **result,
                         const char    *what)
{
  return rd_test_wait_for_result_ms (result, RD_TEST_TIMEOUT_MS, what);
}
