/* rd-store-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-amounts.h"
#include "rd-json.h"
#include "rd-money.h"
#include "rd-store-money.h"

typedef struct
{
  RdMoney  sum;
  gboolean any;
  gboolean overflow;
} MoneySum;

static gboolean
money_from_value (sqlite3_value *value,
                  RdMoney       *out)
{
  g_autofree char *text = NULL;

  switch (sqlite3_value_type (value))
    {
    case SQLITE_INTEGER:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_value_int64 (value));
      break;
    case SQLITE_FLOAT:
      return rd_money_from_double (sqlite3_value_double (value), out, NULL);
    case SQLITE_TEXT:
      return rd_money_parse ((const char *) sqlite3_value_text (value), out, NULL);
    default:
      return FALSE;
    }
  return text != NULL && rd_money_parse (text, out, NULL);
}

static void
money_sum_step (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  /* SQLite's aggregate memory is only 8-byte aligned and RdMoney needs 16: it holds a pointer. */
  MoneySum **slot = sqlite3_aggregate_context (context, sizeof (MoneySum *));
  MoneySum *state;
  RdMoney amount;

  if (slot == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  if (*slot == NULL)
    *slot = g_new0 (MoneySum, 1);
  state = *slot;
  if (state->overflow || !money_from_value (argv[0], &amount))
    return;
  if (!rd_money_add (&state->sum, &amount, &state->sum, NULL))
    state->overflow = TRUE;
  state->any = TRUE;
}

static void
money_sum_final (sqlite3_context *context)
{
  MoneySum **slot = sqlite3_aggregate_context (context, 0);
  g_autofree MoneySum *state = slot != NULL ? g_steal_pointer (slot) : NULL;

  if (state == NULL || !state->any)
    sqlite3_result_null (context);
  else if (state->overflow)
    sqlite3_result_error (context, _("The sum of these amounts is too large to compute."), -1);
  else
    sqlite3_result_text (context, rd_money_to_string (&state->sum), -1, g_free);
}

static void
amounts_stored_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonObject) stored = NULL;

  if (text == NULL || (body = rd_json_object_from_string (text, NULL)) == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  stored = rd_amounts_dup_stored (body);
  if (stored == body)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, rd_json_object_to_string (stored), -1, g_free);
}

int
rd_store_money_register (sqlite3 *db)
{
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);

  rc = sqlite3_create_function_v2 (db, "rd_money_sum", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                   NULL, money_sum_step, money_sum_final, NULL);
  if (rc != SQLITE_OK)
    return rc;
  return sqlite3_create_function_v2 (db, "rd_amounts_stored", 1,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     NULL, amounts_stored_func, NULL, NULL, NULL);
}
