/* rd-aws-pager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-pager"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rd-aws-pager.h"

void
rd_aws_pager_init (RdAwsPager *pager,
                   const char *operation,
                   const char *path,
                   const char *token_member)
{
  g_return_if_fail (pager != NULL);

  pager->operation = operation;
  pager->path = path;
  pager->token_member = token_member;
  pager->next_token = NULL;
  pager->pages = 0;
}

void
rd_aws_pager_clear (RdAwsPager *pager)
{
  g_return_if_fail (pager != NULL);

  g_clear_pointer (&pager->next_token, g_free);
  pager->pages = 0;
}

gboolean
rd_aws_pager_has_more (const RdAwsPager *pager)
{
  g_return_val_if_fail (pager != NULL, FALSE);

  return pager->pages == 0 || pager->next_token != NULL;
}

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsPager *pager = g_task_get_task_data (task);
  g_autoptr (JsonObject) output = NULL;
  GError *error = NULL;
  const char *token = NULL;
  JsonNode *node;

  output = rd_aws_transport_call_finish (RD_AWS_TRANSPORT (source), result, &error);
  if (output == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  node = json_object_get_member (output, pager->token_member);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    token = json_node_get_string (node);
  if (token != NULL && *token == '\0')
    token = NULL;
  if (token != NULL && g_strcmp0 (token, pager->next_token) == 0)
    {
      g_task_return_new_error (task, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE,
                               _("AWS Marketplace sent the same page token twice. Try the "
                                 "import again later."));
      return;
    }
  g_free (pager->next_token);
  pager->next_token = g_strdup (token);
  pager->pages++;
  g_task_return_pointer (task, g_steal_pointer (&output), (GDestroyNotify) json_object_unref);
}

void
rd_aws_pager_read_async (RdAwsPager          *pager,
                         RdAwsTransport      *transport,
                         JsonObject          *input,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (pager != NULL && pager->operation != NULL && pager->token_member != NULL);
  g_return_if_fail (RD_IS_AWS_TRANSPORT (transport));
  g_return_if_fail (input != NULL);

  task = g_task_new (transport, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_pager_read_async);
  g_task_set_task_data (task, pager, NULL);
  if (pager->next_token != NULL)
    json_object_set_string_member (input, pager->token_member, pager->next_token);
  if (pager->path != NULL)
    rd_aws_transport_request_async (transport, pager->operation, "POST", pager->path, NULL,
                                    input, cancellable, on_page_cb, task);
  else
    rd_aws_transport_call_async (transport, pager->operation, input, cancellable, on_page_cb,
                                 task);
}

JsonObject *
rd_aws_pager_read_finish (RdAwsPager    *pager,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rd_aws_pager_read_async,
                        NULL);
  g_return_val_if_fail (g_task_get_task_data (G_TASK (result)) == pager, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
