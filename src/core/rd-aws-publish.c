/* rd-aws-publish.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-publish"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-aws-publish.h"
#include "rd-aws-publish-private.h"
#include "rd-date.h"
#include "rd-offer-changeset.h"
#include "rd-offer-changeset-schema.h"
#include "rd-record.h"

#define DEFAULT_POLL_INITIAL_MS 2000
#define DEFAULT_POLL_MAX_MS     30000
#define FIELD_ATTEMPT           RD_PUBLISH_FIELD_CHANGESET_ATTEMPT

struct _RdAwsPublisher
{
  GObject         parent_instance;

  RdStore        *store;
  RdAwsTransport *transport;
  RdRulesContext  ctx;
  guint           poll_initial_ms;
  guint           poll_max_ms;

  RdPublishStep   step;
  char           *change_set_id;
  char           *status;
  char           *offer_id;
  GPtrArray      *errors;
};

G_DEFINE_FINAL_TYPE (RdAwsPublisher, rd_aws_publisher, G_TYPE_OBJECT)
G_DEFINE_QUARK (rd-publish-error-quark, rd_publish_error)

enum
{
  STEP_CHANGED,
  STATUS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char         *record_id;
  char         *change_set_id;
  gboolean      validate;     /* Intent VALIDATE: nothing is stored on the record */
  gint64        attempt;
  guint         delay_ms;
  GSource      *timeout;
  gulong        cancelled_id;
} PublishData;

static void
publish_data_free (PublishData *data)
{
  g_free (data->record_id);
  g_free (data->change_set_id);
  if (data->timeout != NULL)
    {
      g_source_destroy (data->timeout);
      g_source_unref (data->timeout);
    }
  g_free (data);
}

static void
rd_aws_publisher_finalize (GObject *object)
{
  RdAwsPublisher *self = RD_AWS_PUBLISHER (object);

  g_clear_object (&self->store);
  g_clear_object (&self->transport);
  g_clear_pointer (&self->change_set_id, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->offer_id, g_free);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_aws_publisher_parent_class)->finalize (object);
}

static void
rd_aws_publisher_class_init (RdAwsPublisherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rd_aws_publisher_finalize;

  signals[STEP_CHANGED] = g_signal_new ("step-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT);
  signals[STATUS_CHANGED] = g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
rd_aws_publisher_init (RdAwsPublisher *self)
{
  self->poll_initial_ms = DEFAULT_POLL_INITIAL_MS;
  self->poll_max_ms = DEFAULT_POLL_MAX_MS;
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
}

RdAwsPublisher *
rd_aws_publisher_new (RdStore              *store,
                      RdAwsTransport       *transport,
                      const RdRulesContext *ctx)
{
  RdAwsPublisher *self;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (RD_IS_AWS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  self = g_object_new (RD_TYPE_AWS_PUBLISHER, NULL);
  self->store = g_object_ref (store);
  self->transport = g_object_ref (transport);
  self->ctx = *ctx;
  return self;
}

void
rd_aws_publisher_set_poll_interval (RdAwsPublisher *self,
                                    guint           initial_ms,
                                    guint           max_ms)
{
  g_return_if_fail (RD_IS_AWS_PUBLISHER (self));

  self->poll_initial_ms = MAX (initial_ms, 1);
  self->poll_max_ms = MAX (max_ms, self->poll_initial_ms);
}

RdPublishStep
rd_aws_publisher_get_step (RdAwsPublisher *self)
{
  g_return_val_if_fail (RD_IS_AWS_PUBLISHER (self), RD_PUBLISH_STEP_CHECK);
  return self->step;
}

const char *
rd_aws_publisher_get_change_set_id (RdAwsPublisher *self)
{
  g_return_val_if_fail (RD_IS_AWS_PUBLISHER (self), NULL);
  return self->change_set_id;
}

const char *
rd_aws_publisher_get_status (RdAwsPublisher *self)
{
  g_return_val_if_fail (RD_IS_AWS_PUBLISHER (self), NULL);
  return self->status;
}

const char *
rd_aws_publisher_get_offer_id (RdAwsPublisher *self)
{
  g_return_val_if_fail (RD_IS_AWS_PUBLISHER (self), NULL);
  return self->offer_id;
}

GPtrArray *
rd_aws_publisher_get_errors (RdAwsPublisher *self)
{
  g_return_val_if_fail (RD_IS_AWS_PUBLISHER (self), NULL);
  return self->errors;
}

static void
set_step (RdAwsPublisher *self,
          RdPublishStep   step)
{
  if (self->step == step)
    return;
  self->step = step;
  g_signal_emit (self, signals[STEP_CHANGED], 0, (int) step);
}

static void
set_status (RdAwsPublisher *self,
            const char     *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_signal_emit (self, signals[STATUS_CHANGED], 0, status);
}

static RdRecord *
get_offer (RdAwsPublisher *self,
           const char     *record_id,
           GError        **error)
{
  return _rd_aws_publish_get_offer (self->store, record_id, error);
}

GPtrArray *
rd_aws_publisher_check (RdAwsPublisher *self,
                        const char     *record_id,
                        JsonObject    **request,
                        GError        **error)
{
  g_return_val_if_fail (RD_IS_AWS_PUBLISHER (self), NULL);

  return rd_aws_publish_check_record (self->store, record_id, &self->ctx, request, error);
}

static void
replace_errors (RdAwsPublisher *self,
                GPtrArray      *errors)
{
  g_ptr_array_set_size (self->errors, 0);
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);

      g_ptr_array_add (self->errors, rd_field_error_new (error->field, error->message));
    }
}

/* Stores the change set's state on the offer; the only write a failing publish makes. */
static void
store_state (RdAwsPublisher *self,
             PublishData    *data,
             gboolean        ended)
{
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autoptr (GError) error = NULL;

  if (data->validate)
    return;
  json_object_set_string_member (patch, RD_PUBLISH_FIELD_CHANGESET_ID, self->change_set_id);
  json_object_set_string_member (patch, RD_PUBLISH_FIELD_CHANGESET_STATUS, self->status);
  json_object_set_array_member (patch, RD_PUBLISH_FIELD_CHANGESET_ERRORS,
                                _rd_aws_publish_errors_to_json (self->errors));
  /* A change set that ended without success makes the next publish a new request. */
  if (ended)
    json_object_set_int_member (patch, FIELD_ATTEMPT, data->attempt + 1);
  if (!rd_store_merge_patch (self->store, data->record_id, patch, &error))
    g_warning ("Could not store the state of change set %s on %s: %s",
               self->change_set_id, data->record_id, error->message);
}

static gboolean
is_running (const char *status)
{
  return g_strcmp0 (status, "PREPARING") == 0 || g_strcmp0 (status, "APPLYING") == 0;
}

/* Success: offer id, stage, state and the activity on the offer, the news on the agreement
 * it renews, in one transaction. */
static gboolean
store_success (RdAwsPublisher *self,
               PublishData    *data,
               GError        **error)
{
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (RdRecord) agreement = NULL;
  g_autoptr (JsonObject) patch = json_object_new ();
  g_autofree char *today = rd_date_format (&self->ctx.today);
  const char *renews;

  offer = rd_store_get (self->store, data->record_id, error);
  if (offer == NULL)
    return FALSE;
  json_object_set_string_member (patch, "offer_id", self->offer_id);
  json_object_set_string_member (patch, "stage", "published");
  json_object_set_string_member (patch, "published_on", today);
  json_object_set_string_member (patch, RD_PUBLISH_FIELD_CHANGESET_ID, self->change_set_id);
  json_object_set_string_member (patch, RD_PUBLISH_FIELD_CHANGESET_STATUS, self->status);
  json_object_set_array_member (patch, RD_PUBLISH_FIELD_CHANGESET_ERRORS, json_array_new ());
  _rd_aws_publish_add_activity (patch, rd_record_get_body (offer), today, self->offer_id,
                                self->change_set_id);

  if (!rd_store_begin (self->store, error))
    return FALSE;
  if (!rd_store_merge_patch (self->store, data->record_id, patch, error))
    goto fail;
  renews = rd_record_get_string (offer, "renews");
  agreement = renews != NULL ? rd_store_get (self->store, renews, NULL) : NULL;
  if (agreement != NULL)
    {
      g_autoptr (JsonObject) news = json_object_new ();

      json_object_set_string_member (news, "renewal_offer_id", data->record_id);
      json_object_set_string_member (news, "renewal_stage", "published");
      json_object_set_string_member (news, "renewal_aws_offer_id", self->offer_id);
      if (!rd_store_merge_patch (self->store, renews, news, error))
        goto fail;
    }
  return rd_store_commit (self->store, error);

fail:
  rd_store_rollback (self->store);
  return FALSE;
}

static void poll_later (GTask *task);

static void
finish_change_set (GTask      *task,
                   JsonObject *answer)
{
  RdAwsPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GError) error = NULL;
  const char *failure = rd_json_get_string (answer, "FailureCode");
  const char *description = rd_json_get_string (answer, "FailureDescription");

  if (g_strcmp0 (self->status, "SUCCEEDED") == 0)
    {
      replace_errors (self, NULL);
      if (!data->validate)
        {
          g_clear_pointer (&self->offer_id, g_free);
          self->offer_id = _rd_aws_publish_dup_created_offer_id (answer);
          if (self->offer_id == NULL)
            {
              g_task_return_new_error (task, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE,
                                       _("AWS Marketplace reports change set %s as done but "
                                         "names no offer. Look it up in the AWS Marketplace "
                                         "Management Portal."),
                                       self->change_set_id);
              return;
            }
          if (!store_success (self, data, &error))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
        }
      set_step (self, RD_PUBLISH_STEP_DONE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
  _rd_aws_publish_collect_change_errors (answer, errors);
  replace_errors (self, errors);
  store_state (self, data, TRUE);

  if (g_strcmp0 (self->status, "CANCELLED") == 0)
    g_task_return_new_error (task, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_CANCELLED,
                             _("Change set %s was cancelled; the offer was not published."),
                             self->change_set_id);
  else if (errors->len > 0 || g_strcmp0 (failure, "CLIENT_ERROR") == 0)
    g_task_return_new_error (task, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_REFUSED,
                             _("AWS Marketplace refused the offer: %s Correct the fields "
                               "named and publish again."),
                             description != NULL ? description : "");
  else
    g_task_return_new_error (task, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_FAILED,
                             _("AWS Marketplace could not publish the offer (%s): %s Try "
                               "again later."),
                             failure != NULL ? failure : "FAILED",
                             description != NULL ? description : "");
}

static void
on_describe_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GError) error = NULL;
  const char *status;
  gboolean changed;

  answer = rd_aws_transport_call_finish (RD_AWS_TRANSPORT (source), result, &error);
  if (answer == NULL)
    {
      /* The record keeps the change set in flight: the next publish resumes polling. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = rd_json_get_string (answer, "Status");
  changed = g_strcmp0 (status, self->status) != 0;
  set_status (self, status);
  if (is_running (status))
    {
      if (changed)
        store_state (self, data, FALSE);
      poll_later (g_steal_pointer (&task));
      return;
    }
  if (status == NULL || (g_strcmp0 (status, "SUCCEEDED") != 0
                         && g_strcmp0 (status, "FAILED") != 0
                         && g_strcmp0 (status, "CANCELLED") != 0))
    {
      g_task_return_new_error (task, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE,
                               _("AWS Marketplace reports change set %s in an unknown state "
                                 "“%s”. Try again later."),
                               self->change_set_id, status != NULL ? status : "");
      return;
    }
  finish_change_set (task, answer);
}

static void
describe (GTask *task)
{
  RdAwsPublisher *self = g_task_get_source_object (task);
  const char *query[] = {
    "catalog", RD_OFFER_CHANGESET_CATALOG, "changeSetId", self->change_set_id, NULL
  };

  rd_aws_transport_request_async (self->transport, "DescribeChangeSet", "GET",
                                  "/DescribeChangeSet", query, NULL,
                                  g_task_get_cancellable (task), on_describe_cb, task);
}

static gboolean
on_poll_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  PublishData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->timeout, g_source_unref);
  if (data->cancelled_id != 0)
    {
      g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
      data->cancelled_id = 0;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  describe (task);
  return G_SOURCE_REMOVE;
}

static void
on_poll_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;
  PublishData *data = g_task_get_task_data (task);

  /* Runs in the cancelling thread, the main one here: wake the timeout at once. */
  if (data->timeout != NULL)
    g_source_set_ready_time (data->timeout, 0);
}

/* Owns task: the next DescribeChangeSet after the current delay, which doubles each time. */
static void
poll_later (GTask *task)
{
  RdAwsPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  data->delay_ms = data->delay_ms == 0 ? self->poll_initial_ms
                                       : MIN (data->delay_ms * 2, self->poll_max_ms);
  data->timeout = g_timeout_source_new (data->delay_ms);
  g_source_set_callback (data->timeout, on_poll_timeout_cb, task, NULL);
  g_source_attach (data->timeout, g_main_context_get_thread_default ());
  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_poll_cancelled_cb),
                                                task, NULL);
}

static void
on_start_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  RdAwsPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  g_autoptr (JsonObject) answer = NULL;
  g_autoptr (GError) error = NULL;
  const char *id;

  answer = rd_aws_transport_call_finish (RD_AWS_TRANSPORT (source), result, &error);
  if (answer == NULL)
    {
      if (g_error_matches (error, RD_AWS_ERROR, RD_AWS_ERROR_VALIDATION))
        {
          g_autoptr (GPtrArray) errors = NULL;

          errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
          g_ptr_array_add (errors,
                           rd_field_error_new (_rd_aws_publish_field_of_message (error->message),
                                               error->message));
          replace_errors (self, errors);
          g_task_return_new_error (task, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_REFUSED, "%s",
                                   error->message);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  id = rd_json_get_string (answer, "ChangeSetId");
  if (id == NULL || *id == '\0')
    {
      g_task_return_new_error (task, RD_AWS_ERROR, RD_AWS_ERROR_INVALID_RESPONSE,
                               _("AWS Marketplace started the change set but sent no id. "
                                 "Look for it in the AWS Marketplace Management Portal "
                                 "before publishing again."));
      return;
    }
  g_free (self->change_set_id);
  self->change_set_id = g_strdup (id);
  set_status (self, "PREPARING");
  store_state (self, data, FALSE);
  poll_later (g_steal_pointer (&task));
}

static GTask *
new_task (RdAwsPublisher      *self,
          const char          *record_id,
          gboolean             validate,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PublishData *data = g_new0 (PublishData, 1);

  g_task_set_source_tag (task, source_tag);
  data->record_id = g_strdup (record_id);
  data->validate = validate;
  g_task_set_task_data (task, data, (GDestroyNotify) publish_data_free);

  g_clear_pointer (&self->change_set_id, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->offer_id, g_free);
  g_ptr_array_set_size (self->errors, 0);
  self->step = RD_PUBLISH_STEP_CHECK;
  return task;
}

/* Owns task. */
static void
start_change_set (GTask      *task,
                  JsonObject *request,
                  const char *intent)
{
  RdAwsPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (JsonObject) body = rd_json_object_deep_copy (request);
  g_autoptr (GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *name = NULL;

  offer = get_offer (self, data->record_id, &error);
  if (offer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  data->attempt = (gint64) rd_record_get_double (offer, FIELD_ATTEMPT, 0);
  /* The publish revision: a retry after a lost answer is the same request, a publish after
   * a failed or cancelled change set a new one. Not the sync revision, which a sync between
   * the lost answer and the retry would change; the attempt syncs with the record, so a
   * colleague's retry is the same request too. */
  revision = g_strdup_printf ("%" G_GINT64_FORMAT "/%s", data->attempt, intent);
  token = rd_aws_publish_request_token (data->record_id, revision, request);
  name = g_strdup_printf ("Renewal offer %s", data->record_id);
  if (strlen (name) > 100)
    name[100] = '\0';

  json_object_set_string_member (body, "ChangeSetName", name);
  json_object_set_string_member (body, "ClientRequestToken", token);
  json_object_set_string_member (body, "Intent", intent);

  set_step (self, RD_PUBLISH_STEP_APPLY);
  rd_aws_transport_request_async (self->transport, "StartChangeSet", "POST", "/StartChangeSet",
                                  NULL, body, g_task_get_cancellable (task), on_start_cb, task);
}

/* The change set of the task's offer once the local check passes; else NULL, the task having
 * returned why. */
static JsonObject *
check_before_sending (GTask *task)
{
  RdAwsPublisher *self = g_task_get_source_object (task);
  PublishData *data = g_task_get_task_data (task);
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) request = NULL;

  errors = rd_aws_publisher_check (self, data->record_id, &request, &error);
  if (errors == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return NULL;
    }
  replace_errors (self, errors);
  if (errors->len > 0)
    {
      g_task_return_new_error (task, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_RULES,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "The offer breaks %u rule; nothing was sent. "
                                            "Correct the field named.",
                                            "The offer breaks %u rules; nothing was sent. "
                                            "Correct the fields named.", errors->len),
                               errors->len);
      return NULL;
    }
  return g_steal_pointer (&request);
}

void
rd_aws_publisher_publish_request_async (RdAwsPublisher      *self,
                                        const char          *record_id,
                                        JsonObject          *request,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RD_IS_AWS_PUBLISHER (self));
  g_return_if_fail (record_id != NULL && request != NULL);

  task = new_task (self, record_id, FALSE, rd_aws_publisher_publish_async, cancellable,
                   callback, user_data);
  start_change_set (task, request, "APPLY");
}

void
rd_aws_publisher_publish_async (RdAwsPublisher      *self,
                                const char          *record_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (GError) error = NULL;
  const char *status;

  g_return_if_fail (RD_IS_AWS_PUBLISHER (self));
  g_return_if_fail (record_id != NULL);

  task = new_task (self, record_id, FALSE, rd_aws_publisher_publish_async, cancellable,
                   callback, user_data);
  offer = get_offer (self, record_id, &error);
  if (offer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_STATUS);
  if (g_strcmp0 (rd_record_get_stage (offer), "published") == 0
      && rd_record_get_string (offer, "offer_id") != NULL)
    {
      self->offer_id = g_strdup (rd_record_get_string (offer, "offer_id"));
      self->change_set_id = g_strdup (rd_record_get_string (offer,
                                                            RD_PUBLISH_FIELD_CHANGESET_ID));
      self->status = g_strdup (status);
      set_step (self, RD_PUBLISH_STEP_DONE);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (is_running (status) && rd_record_get_string (offer, RD_PUBLISH_FIELD_CHANGESET_ID) != NULL)
    {
      /* A change set started before (another run, another device): wait for it. */
      self->change_set_id = g_strdup (rd_record_get_string (offer,
                                                            RD_PUBLISH_FIELD_CHANGESET_ID));
      set_status (self, status);
      set_step (self, RD_PUBLISH_STEP_APPLY);
      describe (g_steal_pointer (&task));
      return;
    }
  if (g_strcmp0 (rd_record_get_stage (offer), "drafted") != 0)
    {
      g_task_return_new_error (task, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_NOT_PUBLISHABLE,
                               _("Only a drafted offer can be published; this one is at the "
                                 "stage “%s”. Set its stage to drafted first."),
                               rd_record_get_stage (offer) != NULL
                               ? rd_record_get_stage (offer) : "");
      return;
    }

  request = check_before_sending (task);
  if (request != NULL)
    start_change_set (g_steal_pointer (&task), request, "APPLY");
}

gboolean
rd_aws_publisher_publish_finish (RdAwsPublisher *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
rd_aws_publisher_validate_async (RdAwsPublisher      *self,
                                 const char          *record_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (JsonObject) request = NULL;

  g_return_if_fail (RD_IS_AWS_PUBLISHER (self));
  g_return_if_fail (record_id != NULL);

  task = new_task (self, record_id, TRUE, rd_aws_publisher_validate_async, cancellable,
                   callback, user_data);
  request = check_before_sending (task);
  if (request != NULL)
    start_change_set (g_steal_pointer (&task), request, "VALIDATE");
}

gboolean
rd_aws_publisher_validate_finish (RdAwsPublisher *self,
                                  GAsyncResult   *result,
                                  gboolean       *supported,
                                  GError        **error)
{
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (supported != NULL)
    *supported = TRUE;
  if (g_task_propagate_boolean (G_TASK (result), &local_error))
    return TRUE;
  /* AWS validates without applying only for some products; for offers it refuses the
   * intent, and the local check stands alone. */
  if (g_error_matches (local_error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_REFUSED)
      && self->change_set_id == NULL
      && (strstr (local_error->message, "VALIDATE") != NULL
          || strstr (local_error->message, "Intent") != NULL))
    {
      g_ptr_array_set_size (self->errors, 0);
      if (supported != NULL)
        *supported = FALSE;
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
on_cancel_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (JsonObject) answer = NULL;
  GError *error = NULL;

  answer = rd_aws_transport_call_finish (RD_AWS_TRANSPORT (source), result, &error);
  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
rd_aws_publisher_cancel_async (RdAwsPublisher      *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  const char *query[] = { "catalog", RD_OFFER_CHANGESET_CATALOG, "changeSetId", NULL, NULL };

  g_return_if_fail (RD_IS_AWS_PUBLISHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_aws_publisher_cancel_async);
  if (self->change_set_id == NULL || g_strcmp0 (self->status, "PREPARING") != 0)
    {
      g_task_return_new_error (task, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_FAILED,
                               _("The change set can only be cancelled while AWS is still "
                                 "preparing it; it is too late now."));
      return;
    }
  query[3] = self->change_set_id;
  rd_aws_transport_request_async (self->transport, "CancelChangeSet", "PATCH",
                                  "/CancelChangeSet", query, NULL, cancellable, on_cancel_cb,
                                  g_steal_pointer (&task));
}

gboolean
rd_aws_publisher_cancel_finish (RdAwsPublisher *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
