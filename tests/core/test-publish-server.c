/* test-publish-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "aws-test-front.h"
#include "aws-test-model.h"
#include "test-publish-server.h"

#define CATALOG "AWSMarketplace"

typedef struct
{
  char       *id;
  char       *token;
  JsonObject *request;
  JsonArray  *errors;    /* per change: an array of ErrorDetail, for a change set that fails */
  gboolean    failing;
  char       *status;
  guint       polls;
  char       *offer_id;
} ChangeSet;

struct _PublishTestServer
{
  SoupServer   *server;
  AwsTestFront *front;
  AwsTestModel *model;
  GDate         today;
  GPtrArray    *change_sets;
  guint         offers;
  guint         bad_requests;
  guint         preparing_polls;
  gboolean      lose_next_answer;
  char         *last_request;
};

static const char * const offer_change_types[] = {
  "CreateOffer", "CreateReplacementOffer", "CreateOfferUsingResaleAuthorization",
  "CreateReplacementOfferUsingResaleAuthorization", "UpdateInformation", "UpdateTargeting",
  "UpdateLegalTerms", "UpdateMarkup", "UpdatePricingTerms", "UpdateValidityTerms",
  "UpdatePaymentScheduleTerms", "UpdateNetPaymentTerms", "UpdateSupportTerms",
  "UpdateRenewalTerms", "UpdateAvailability", "ReleaseOffer", NULL
};

static void
change_set_free (ChangeSet *cs)
{
  g_free (cs->id);
  g_free (cs->token);
  json_object_unref (cs->request);
  json_array_unref (cs->errors);
  g_free (cs->status);
  g_free (cs->offer_id);
  g_free (cs);
}

static void
answer_error (PublishTestServer *self,
              SoupServerMessage *msg,
              guint              status,
              const char        *type,
              const char        *message)
{
  if (status == 422)
    self->bad_requests++;
  aws_test_answer_error (msg, status, type, message);
}

static ChangeSet *
find_change_set (PublishTestServer *self,
                 const char        *id,
                 const char        *token)
{
  for (guint i = 0; i < self->change_sets->len; i++)
    {
      ChangeSet *cs = g_ptr_array_index (self->change_sets, i);

      if ((id != NULL && g_str_equal (cs->id, id))
          || (token != NULL && g_strcmp0 (cs->token, token) == 0))
        return cs;
    }
  return NULL;
}

static JsonObject *
details_of (JsonObject *change)
{
  return json_object_has_member (change, "DetailsDocument")
         ? json_object_get_object_member (change, "DetailsDocument") : NULL;
}

/* What StartChangeSet refuses at once beyond the model: NULL if fine. */
static char *
check_semantics (JsonObject *request)
{
  JsonArray *changes = json_object_get_array_member (request, "ChangeSet");
  const char *intent = json_object_has_member (request, "Intent")
                       ? json_object_get_string_member (request, "Intent") : "APPLY";
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      const char *type = json_object_get_string_member (change, "ChangeType");
      JsonObject *entity = json_object_get_object_member (change, "Entity");
      const char *identifier = json_object_has_member (entity, "Identifier")
                               ? json_object_get_string_member (entity, "Identifier") : NULL;
      JsonObject *details = details_of (change);

      if (!g_strv_contains (offer_change_types, type))
        return g_strdup_printf ("Unknown change type %s for entity type %s", type,
                                json_object_get_string_member (entity, "Type"));
      if (g_strcmp0 (json_object_get_string_member (entity, "Type"), "Offer@1.0") != 0)
        return g_strdup_printf ("%s needs an entity of type Offer@1.0", type);
      if (g_str_equal (intent, "VALIDATE"))
        return g_strdup_printf ("Intent VALIDATE isn't supported for change type %s", type);
      if (details == NULL)
        return g_strdup_printf ("%s needs a DetailsDocument", type);
      if (identifier != NULL && identifier[0] == '$')
        {
          g_auto (GStrv) parts = g_strsplit (identifier + 1, ".", -1);

          if (g_strv_length (parts) != 3 || !g_hash_table_contains (names, parts[0]))
            return g_strdup_printf ("%s refers to %s, which no earlier change names", type,
                                    identifier);
        }
      if (json_object_has_member (change, "ChangeName"))
        g_hash_table_add (names, (gpointer) json_object_get_string_member (change, "ChangeName"));
      if (g_str_equal (type, "UpdateTargeting"))
        {
          JsonObject *positive = json_object_get_object_member (details, "PositiveTargeting");
          JsonArray *accounts = positive != NULL
                                ? json_object_get_array_member (positive, "BuyerAccounts") : NULL;

          for (guint j = 0; accounts != NULL && j < json_array_get_length (accounts); j++)
            if (!g_regex_match_simple ("^[0-9]{12}$",
                                       json_array_get_string_element (accounts, j), 0, 0))
              return g_strdup_printf ("UpdateTargeting: BuyerAccounts must be 12-digit AWS "
                                      "account IDs, not %s",
                                      json_array_get_string_element (accounts, j));
        }
    }
  return NULL;
}

/* The errors AWS finds while processing: one ErrorDetail list per change. */
static gboolean
find_async_errors (PublishTestServer *self,
                   JsonObject        *request,
                   JsonArray         *errors)
{
  JsonArray *changes = json_object_get_array_member (request, "ChangeSet");
  gboolean failing = FALSE;
  GDate latest = self->today;

  g_date_add_years (&latest, 3);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonObject *details = details_of (change);
      JsonArray *list = json_array_new ();

      if (g_str_equal (json_object_get_string_member (change, "ChangeType"),
                       "UpdateValidityTerms"))
        {
          JsonObject *term = json_array_get_object_element (
            json_object_get_array_member (details, "Terms"), 0);
          const char *start = json_object_has_member (term, "AgreementStartDate")
                              ? json_object_get_string_member (term, "AgreementStartDate")
                              : NULL;
          GDate date;

          g_date_clear (&date, 1);
          if (start != NULL)
            g_date_set_parse (&date, start);
          if (start != NULL && g_date_valid (&date) && g_date_compare (&date, &latest) > 0)
            {
              JsonObject *detail = json_object_new ();

              json_object_set_string_member (detail, "ErrorCode", "INVALID_AGREEMENT_START_DATE");
              json_object_set_string_member (detail, "ErrorMessage",
                                             "Provide an AgreementStartDate that is within 3 "
                                             "years from today.");
              json_array_add_object_element (list, detail);
              failing = TRUE;
            }
        }
      json_array_add_array_element (errors, list);
    }
  return failing;
}

static void
handle_start (PublishTestServer *self,
              SoupServerMessage *msg,
              GBytes            *body)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonObject) answer = json_object_new ();
  g_autofree char *problem = NULL;
  g_autofree char *arn = NULL;
  JsonObject *request;
  const char *token;
  ChangeSet *cs;

  node = json_from_string (g_bytes_get_data (body, NULL), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      answer_error (self, msg, 422, "ValidationException", "The body is not a JSON object.");
      return;
    }
  request = json_node_get_object (node);
  problem = aws_test_model_check (self->model, "StartChangeSetRequest", node,
                                  "StartChangeSetRequest");
  if (problem == NULL
      && g_strcmp0 (json_object_get_string_member (request, "Catalog"), CATALOG) != 0)
    problem = g_strdup ("Catalog must be AWSMarketplace");
  if (problem == NULL)
    problem = check_semantics (request);
  if (problem != NULL)
    {
      answer_error (self, msg, 422, "ValidationException", problem);
      return;
    }

  token = json_object_has_member (request, "ClientRequestToken")
          ? json_object_get_string_member (request, "ClientRequestToken") : NULL;
  cs = token != NULL ? find_change_set (self, NULL, token) : NULL;
  if (cs == NULL)
    {
      cs = g_new0 (ChangeSet, 1);
      cs->id = g_strdup_printf ("cs%05ux%s", self->change_sets->len + 1,
                                "abcdefghijklmnopq");
      cs->token = g_strdup (token);
      cs->request = json_object_ref (request);
      cs->errors = json_array_new ();
      cs->failing = find_async_errors (self, request, cs->errors);
      cs->status = g_strdup ("PREPARING");
      g_ptr_array_add (self->change_sets, cs);
    }
  g_free (self->last_request);
  self->last_request = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  if (self->lose_next_answer)
    {
      GIOStream *stream;

      self->lose_next_answer = FALSE;
      /* The change set runs, the answer never arrives. */
      stream = soup_server_message_steal_connection (msg);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return;
    }
  arn = g_strdup_printf ("arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/"
                         "ChangeSet/%s", cs->id);
  json_object_set_string_member (answer, "ChangeSetId", cs->id);
  json_object_set_string_member (answer, "ChangeSetArn", arn);
  aws_test_answer_json (msg, 200, answer);
}

static void
advance (PublishTestServer *self,
         ChangeSet         *cs)
{
  cs->polls++;
  if (g_str_equal (cs->status, "PREPARING") && cs->polls > self->preparing_polls)
    {
      g_free (cs->status);
      cs->status = g_strdup ("APPLYING");
    }
  else if (g_str_equal (cs->status, "APPLYING"))
    {
      g_free (cs->status);
      cs->status = g_strdup (cs->failing ? "FAILED" : "SUCCEEDED");
      if (!cs->failing)
        {
          self->offers++;
          cs->offer_id = g_strdup_printf ("offer-test%09u", self->offers);
        }
    }
}

static void
handle_describe (PublishTestServer *self,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  const char *catalog = query != NULL ? g_hash_table_lookup (query, "catalog") : NULL;
  const char *id = query != NULL ? g_hash_table_lookup (query, "changeSetId") : NULL;
  g_autoptr (JsonObject) answer = json_object_new ();
  JsonArray *summaries = json_array_new ();
  JsonArray *changes;
  ChangeSet *cs;

  if (g_strcmp0 (catalog, CATALOG) != 0 || id == NULL)
    {
      json_array_unref (summaries);
      answer_error (self, msg, 422, "ValidationException",
                    "catalog and changeSetId are required query parameters");
      return;
    }
  cs = find_change_set (self, id, NULL);
  if (cs == NULL)
    {
      json_array_unref (summaries);
      answer_error (self, msg, 404, "ResourceNotFoundException", "No such change set");
      return;
    }
  advance (self, cs);

  changes = json_object_get_array_member (cs->request, "ChangeSet");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      JsonObject *summary = json_object_new ();
      JsonObject *entity = json_object_new ();

      json_object_set_string_member (summary, "ChangeType",
                                     json_object_get_string_member (change, "ChangeType"));
      json_object_set_string_member (entity, "Type", "Offer@1.0");
      if (cs->offer_id != NULL)
        {
          g_autofree char *identifier = g_strdup_printf ("%s@1", cs->offer_id);

          json_object_set_string_member (entity, "Identifier", identifier);
        }
      json_object_set_object_member (summary, "Entity", entity);
      json_object_set_object_member (summary, "DetailsDocument",
                                     json_object_ref (details_of (change)));
      json_object_set_array_member (summary, "ErrorDetailList",
                                    g_str_equal (cs->status, "FAILED")
                                    ? json_array_ref (json_array_get_array_element (cs->errors, i))
                                    : json_array_new ());
      if (json_object_has_member (change, "ChangeName"))
        json_object_set_string_member (summary, "ChangeName",
                                       json_object_get_string_member (change, "ChangeName"));
      json_array_add_object_element (summaries, summary);
    }

  json_object_set_string_member (answer, "ChangeSetId", cs->id);
  json_object_set_string_member (answer, "StartTime", "2026-12-03T10:00:00Z");
  json_object_set_string_member (answer, "Status", cs->status);
  if (g_str_equal (cs->status, "FAILED"))
    {
      json_object_set_string_member (answer, "FailureCode", "CLIENT_ERROR");
      json_object_set_string_member (answer, "FailureDescription",
                                     "One or more changes failed validation.");
    }
  if (!g_str_equal (cs->status, "PREPARING") && !g_str_equal (cs->status, "APPLYING"))
    json_object_set_string_member (answer, "EndTime", "2026-12-03T10:05:00Z");
  json_object_set_array_member (answer, "ChangeSet", summaries);
  aws_test_answer_json (msg, 200, answer);
}

static void
handle_cancel (PublishTestServer *self,
               SoupServerMessage *msg,
               GHashTable        *query)
{
  const char *id = query != NULL ? g_hash_table_lookup (query, "changeSetId") : NULL;
  g_autoptr (JsonObject) answer = json_object_new ();
  ChangeSet *cs = id != NULL ? find_change_set (self, id, NULL) : NULL;

  if (cs == NULL)
    {
      answer_error (self, msg, 404, "ResourceNotFoundException", "No such change set");
      return;
    }
  if (!g_str_equal (cs->status, "PREPARING"))
    {
      answer_error (self, msg, 423, "ResourceInUseException",
                    "The change set can be cancelled only while PREPARING");
      return;
    }
  g_free (cs->status);
  cs->status = g_strdup ("CANCELLED");
  json_object_set_string_member (answer, "ChangeSetId", cs->id);
  aws_test_answer_json (msg, 200, answer);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  PublishTestServer *self = user_data;
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *method = soup_server_message_get_method (msg);

  if (!aws_test_signature_is_valid (msg, body, PUBLISH_TEST_ACCESS_KEY, PUBLISH_TEST_SECRET_KEY,
                                    NULL))
    {
      answer_error (self, msg, 403, "InvalidSignatureException", "The signature does not match");
      return;
    }
  if (g_str_equal (method, "POST") && g_str_equal (path, "/StartChangeSet"))
    handle_start (self, msg, body);
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/DescribeChangeSet"))
    handle_describe (self, msg, query);
  else if (g_str_equal (method, "PATCH") && g_str_equal (path, "/CancelChangeSet"))
    handle_cancel (self, msg, query);
  else
    answer_error (self, msg, 404, "UnknownOperationException", "No such operation");
}

PublishTestServer *
publish_test_server_new (const char *today)
{
  PublishTestServer *self = g_new0 (PublishTestServer, 1);

  self->model = aws_test_model_new_catalog ();

  g_date_clear (&self->today, 1);
  g_date_set_parse (&self->today, today);
  g_assert_true (g_date_valid (&self->today));
  self->preparing_polls = 1;
  self->change_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) change_set_free);
  self->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  self->front = aws_test_front_new (self->server);
  return self;
}

void
publish_test_server_free (PublishTestServer *self)
{
  aws_test_front_free (self->front);
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  aws_test_model_free (self->model);
  g_ptr_array_unref (self->change_sets);
  g_free (self->last_request);
  g_free (self);
}

const char *
publish_test_server_get_url (PublishTestServer *self)
{
  return aws_test_front_get_url (self->front);
}

guint
publish_test_server_get_offers (PublishTestServer *self)
{
  return self->offers;
}

guint
publish_test_server_get_started (PublishTestServer *self)
{
  return self->change_sets->len;
}

guint
publish_test_server_get_bad_requests (PublishTestServer *self)
{
  return self->bad_requests;
}

void
publish_test_server_lose_next_answer (PublishTestServer *self)
{
  self->lose_next_answer = TRUE;
}

void
publish_test_server_set_preparing_polls (PublishTestServer *self,
                                         guint              polls)
{
  self->preparing_polls = polls;
}

const char *
publish_test_server_get_last_request (PublishTestServer *self)
{
  return self->last_request;
}
