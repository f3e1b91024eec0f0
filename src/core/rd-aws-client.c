/* rd-aws-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-aws-client.h"
#include "rd-aws-json.h"
#include "rd-aws-pager.h"

#define CATALOG "AWSMarketplace"

struct _RdAwsClient
{
  GObject         parent_instance;

  RdAwsTransport *transport;
};

G_DEFINE_FINAL_TYPE (RdAwsClient, rd_aws_client, G_TYPE_OBJECT)

enum {
  PAGE_LOADED,
  AGREEMENT_LOADED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
rd_aws_client_finalize (GObject *object)
{
  RdAwsClient *self = (RdAwsClient *) object;

  g_clear_object (&self->transport);

  G_OBJECT_CLASS (rd_aws_client_parent_class)->finalize (object);
}

static void
rd_aws_client_class_init (RdAwsClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_aws_client_finalize;

  /**
   * RdAwsClient::page-loaded:
   * @pages: search pages read so far
   * @agreements: agreements found so far
   */
  signals [PAGE_LOADED] =
    g_signal_new ("page-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * RdAwsClient::agreement-loaded:
   * @done: agreements whose details are read
   * @total: agreements to read
   */
  signals [AGREEMENT_LOADED] =
    g_signal_new ("agreement-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
rd_aws_client_init (RdAwsClient *self)
{
}

RdAwsClient *
rd_aws_client_new (const RdAwsCredentials *credentials,
                   const char             *region,
                   const char             *endpoint)
{
  g_autoptr (RdAwsTransport) transport = NULL;

  g_return_val_if_fail (credentials != NULL, NULL);

  transport = rd_aws_transport_new (&rd_aws_service_agreement, credentials, region, endpoint);
  return rd_aws_client_new_for_transport (transport);
}

RdAwsClient *
rd_aws_client_new_for_transport (RdAwsTransport *transport)
{
  RdAwsClient *self;

  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (rd_aws_transport_get_service (transport) == &rd_aws_service_agreement,
                        NULL);

  self = g_object_new (RD_TYPE_AWS_CLIENT, NULL);
  self->transport = g_object_ref (transport);
  return self;
}

RdAwsTransport *
rd_aws_client_get_transport (RdAwsClient *self)
{
  g_return_val_if_fail (RD_IS_AWS_CLIENT (self), NULL);

  return self->transport;
}

const char *
rd_aws_client_get_endpoint (RdAwsClient *self)
{
  g_return_val_if_fail (RD_IS_AWS_CLIENT (self), NULL);

  return rd_aws_transport_get_endpoint (self->transport);
}

const char *
rd_aws_client_get_region (RdAwsClient *self)
{
  g_return_val_if_fail (RD_IS_AWS_CLIENT (self), NULL);

  return rd_aws_transport_get_region (self->transport);
}

void
rd_aws_client_set_retry_policy (RdAwsClient *self,
                                guint        max_attempts,
                                guint        base_delay_ms)
{
  g_return_if_fail (RD_IS_AWS_CLIENT (self));

  rd_aws_transport_set_retry_policy (self->transport, max_attempts, base_delay_ms);
}

void
rd_aws_client_call_async (RdAwsClient         *self,
                          const char          *operation,
                          JsonObject          *input,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_call_async);
  rd_aws_transport_call_async (self->transport, operation, input, cancellable,
                               rd_aws_transport_return_cb, task);
}

JsonObject *
rd_aws_client_call_finish (RdAwsClient   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (RD_IS_AWS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_filter (JsonArray  *filters,
            const char *name,
            const char *value)
{
  JsonObject *filter = json_object_new ();
  JsonArray *values = json_array_new ();

  json_array_add_string_element (values, value);
  json_object_set_string_member (filter, "name", name);
  json_object_set_array_member (filter, "values", values);
  json_array_add_object_element (filters, filter);
}

static void
add_time_filter (JsonArray  *filters,
                 const char *name,
                 GDateTime  *time)
{
  g_autoptr (GDateTime) utc = NULL;
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  /* FilterValue allows [A-Za-z0-9+:_-]: ISO 8601 without fractions. */
  utc = g_date_time_to_utc (time);
  text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  add_filter (filters, name, text);
}

typedef struct _PagedData PagedData;

/* One page's request body, less the paging members. */
typedef void (*PagedInputFunc) (PagedData  *data,
                                JsonObject *input);

/* An operation read page by page through nextToken, collecting the objects of one array
 * member of every response (SearchAgreements, GetAgreementTerms). */
struct _PagedData
{
  RdAwsPager      pager;
  const char     *member;
  PagedInputFunc  build_input;
  gboolean        emit_pages;
  char           *status;
  GDateTime      *before_end_time;
  GDateTime      *after_end_time;
  guint           page_size;
  char           *agreement_id;
  GPtrArray      *items;     /* JsonObject */
};

static void
paged_data_free (PagedData *data)
{
  g_free (data->status);
  g_clear_pointer (&data->before_end_time, g_date_time_unref);
  g_clear_pointer (&data->after_end_time, g_date_time_unref);
  g_free (data->agreement_id);
  rd_aws_pager_clear (&data->pager);
  g_clear_pointer (&data->items, g_ptr_array_unref);
  g_free (data);
}

static PagedData *
paged_data_new (const RdAwsSearchOptions *options)
{
  PagedData *data = g_new0 (PagedData, 1);

  data->items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  data->page_size = RD_AWS_MAX_PAGE_SIZE;
  if (options != NULL)
    {
      data->status = g_strdup (options->status);
      data->before_end_time = options->before_end_time != NULL
                              ? g_date_time_ref (options->before_end_time) : NULL;
      data->after_end_time = options->after_end_time != NULL
                             ? g_date_time_ref (options->after_end_time) : NULL;
      if (options->page_size > 0)
        data->page_size = MIN (options->page_size, RD_AWS_MAX_PAGE_SIZE);
    }
  return data;
}

static void paged_next_page (GTask *task);

static void
on_paged_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsClient *self = g_task_get_source_object (task);
  PagedData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) output = NULL;
  JsonNode *page;

  output = rd_aws_pager_read_finish (&data->pager, result, &error);
  if (output == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  page = json_object_get_member (output, data->member);
  if (page != NULL && JSON_NODE_HOLDS_ARRAY (page))
    {
      JsonArray *array = json_node_get_array (page);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            g_ptr_array_add (data->items, json_object_ref (json_node_get_object (item)));
        }
    }
  if (data->emit_pages)
    g_signal_emit (self, signals [PAGE_LOADED], 0, data->pager.pages, data->items->len);

  if (rd_aws_pager_has_more (&data->pager))
    paged_next_page (g_steal_pointer (&task));
  else
    g_task_return_pointer (task, g_ptr_array_ref (data->items),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
paged_next_page (GTask *task)
{
  RdAwsClient *self = g_task_get_source_object (task);
  PagedData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) input = json_object_new ();

  data->build_input (data, input);
  json_object_set_int_member (input, "maxResults", data->page_size);
  rd_aws_pager_read_async (&data->pager, self->transport, input,
                           g_task_get_cancellable (task), on_paged_page_cb, task);
}

static void
search_input (PagedData  *data,
              JsonObject *input)
{
  JsonArray *filters = json_array_new ();

  add_filter (filters, "PartyType", "Proposer");
  add_filter (filters, "AgreementType", "PurchaseAgreement");
  if (data->status != NULL && *data->status != '\0')
    add_filter (filters, "Status", data->status);
  add_time_filter (filters, "BeforeEndTime", data->before_end_time);
  add_time_filter (filters, "AfterEndTime", data->after_end_time);

  json_object_set_string_member (input, "catalog", CATALOG);
  json_object_set_array_member (input, "filters", filters);
}

void
rd_aws_client_search_agreements_async (RdAwsClient              *self,
                                       const RdAwsSearchOptions *options,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  PagedData *data;
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_search_agreements_async);
  data = paged_data_new (options);
  rd_aws_pager_init (&data->pager, "SearchAgreements", NULL, "nextToken");
  data->member = "agreementViewSummaries";
  data->build_input = search_input;
  data->emit_pages = TRUE;
  g_task_set_task_data (task, data, (GDestroyNotify) paged_data_free);
  paged_next_page (task);
}

GPtrArray *
rd_aws_client_search_agreements_finish (RdAwsClient   *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rd_aws_client_describe_agreement_async (RdAwsClient         *self,
                                        const char          *agreement_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr (JsonObject) input = json_object_new ();
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));
  g_return_if_fail (agreement_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_describe_agreement_async);
  json_object_set_string_member (input, "agreementId", agreement_id);
  rd_aws_transport_call_async (self->transport, "DescribeAgreement", input, cancellable,
                               rd_aws_transport_return_cb, task);
}

JsonObject *
rd_aws_client_describe_agreement_finish (RdAwsClient   *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
terms_input (PagedData  *data,
             JsonObject *input)
{
  json_object_set_string_member (input, "agreementId", data->agreement_id);
}

void
rd_aws_client_get_agreement_terms_async (RdAwsClient         *self,
                                         const char          *agreement_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  PagedData *data;
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));
  g_return_if_fail (agreement_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_get_agreement_terms_async);
  data = paged_data_new (NULL);
  rd_aws_pager_init (&data->pager, "GetAgreementTerms", NULL, "nextToken");
  data->member = "acceptedTerms";
  data->build_input = terms_input;
  data->agreement_id = g_strdup (agreement_id);
  g_task_set_task_data (task, data, (GDestroyNotify) paged_data_free);
  paged_next_page (task);
}

JsonArray *
rd_aws_client_get_agreement_terms_finish (RdAwsClient   *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_autoptr (GPtrArray) items = NULL;
  JsonArray *terms;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  items = g_task_propagate_pointer (G_TASK (result), error);
  if (items == NULL)
    return NULL;
  terms = json_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    json_array_add_object_element (terms, json_object_ref (g_ptr_array_index (items, i)));
  return terms;
}

/* Import: search, then for each agreement DescribeAgreement and GetAgreementTerms, one
 * agreement at a time so as not to provoke throttling. */
typedef struct
{
  GPtrArray  *summaries;
  GPtrArray  *records;
  JsonObject *described;
  guint       index;
  guint       flushed;   /* records already handed to the sink */
  RdAwsRecordsSink sink;
  gpointer    sink_data;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_pointer (&data->summaries, g_ptr_array_unref);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->described, json_object_unref);
  g_free (data);
}

static void import_next_agreement (GTask *task);

/* Hands the records not yet stored to the sink: a full page, or the rest at the end. */
static gboolean
import_flush (ImportData  *data,
              gboolean     at_end,
              GError     **error)
{
  g_autoptr (GPtrArray) page = NULL;

  if (data->sink == NULL)
    return TRUE;
  if (data->records->len - data->flushed < RD_AWS_MAX_PAGE_SIZE
      && !(at_end && data->records->len > data->flushed))
    return TRUE;
  page = g_ptr_array_new ();
  for (guint i = data->flushed; i < data->records->len; i++)
    g_ptr_array_add (page, g_ptr_array_index (data->records, i));
  data->flushed = data->records->len;
  return data->sink (page, data->sink_data, error);
}

static const char *
agreement_id_of (JsonObject *agreement)
{
  JsonNode *node = json_object_get_member (agreement, "agreementId");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
on_import_terms_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsClient *self = RD_AWS_CLIENT (source);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) terms = NULL;

  terms = rd_aws_client_get_agreement_terms_finish (self, result, &error);
  if (terms == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (data->records, rd_aws_agreement_to_record (data->described, terms));
  g_clear_pointer (&data->described, json_object_unref);
  data->index++;
  g_signal_emit (self, signals [AGREEMENT_LOADED], 0, data->index, data->summaries->len);
  if (!import_flush (data, FALSE, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  import_next_agreement (g_steal_pointer (&task));
}

static void
on_import_describe_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsClient *self = RD_AWS_CLIENT (source);
  ImportData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GError) error = NULL;
  const char *id;

  data->described = rd_aws_client_describe_agreement_finish (self, result, &error);
  if (data->described == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  id = agreement_id_of (g_ptr_array_index (data->summaries, data->index));
  rd_aws_client_get_agreement_terms_async (self, id, cancellable, on_import_terms_cb,
                                           g_steal_pointer (&task));
}

static void
import_next_agreement (GTask *task)
{
  RdAwsClient *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);

  while (data->index < data->summaries->len
         && agreement_id_of (g_ptr_array_index (data->summaries, data->index)) == NULL)
    data->index++;
  if (data->index >= data->summaries->len)
    {
      g_autoptr (GError) error = NULL;

      if (!import_flush (data, TRUE, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_ptr_array_ref (data->records),
                               (GDestroyNotify) g_ptr_array_unref);
      g_object_unref (task);
      return;
    }
  rd_aws_client_describe_agreement_async (self,
                                          agreement_id_of (g_ptr_array_index (data->summaries,
                                                                              data->index)),
                                          g_task_get_cancellable (task),
                                          on_import_describe_cb, task);
}

static void
on_import_search_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  ImportData *data = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  data->summaries = rd_aws_client_search_agreements_finish (RD_AWS_CLIENT (source), result,
                                                            &error);
  if (data->summaries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  import_next_agreement (g_steal_pointer (&task));
}

void
rd_aws_client_read_agreements_async (RdAwsClient              *self,
                                     const RdAwsSearchOptions *options,
                                     RdAwsRecordsSink          sink,
                                     gpointer                  sink_data,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  ImportData *data;
  GTask *task;

  g_return_if_fail (RD_IS_AWS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_client_read_agreements_async);
  data = g_new0 (ImportData, 1);
  data->records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  data->sink = sink;
  data->sink_data = sink_data;
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  rd_aws_client_search_agreements_async (self, options, cancellable, on_import_search_cb, task);
}

GPtrArray *
rd_aws_client_read_agreements_finish (RdAwsClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
