/* test-publish-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "aws-test-front.h"
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
  JsonObject   *shapes;
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
answer_json (SoupServerMessage *msg,
             guint              status,
             JsonObject        *object)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text,
                                    strlen (text));
}

static void
answer_error (PublishTestServer *self,
              SoupServerMessage *msg,
              guint              status,
              const char        *type,
              const char        *message)
{
  g_autoptr (JsonObject) body = json_object_new ();

  if (status == 422)
    self->bad_requests++;
  json_object_set_string_member (body, "Message", message);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "x-amzn-ErrorType", type);
  answer_json (msg, status, body);
}

/* The value against its botocore shape as botocore's own validator checks it: types,
 * structure members and required ones, list and string lengths, enums. Like botocore it
 * leaves patterns alone: the model's EntityType pattern refuses AWS's own "Offer@1.0".
 * NULL if fine, else what is wrong. */
static char *
check_shape (PublishTestServer *self,
             const char        *shape_name,
             JsonNode          *value,
             const char        *where)
{
  JsonObject *shape = json_object_get_object_member (self->shapes, shape_name);
  const char *type = json_object_get_string_member (shape, "type");

  if (g_str_equal (type, "structure"))
    {
      JsonObject *members = json_object_get_object_member (shape, "members");
      JsonArray *required = json_object_has_member (shape, "required")
                            ? json_object_get_array_member (shape, "required") : NULL;
      g_autoptr (GList) names = NULL;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        return g_strdup_printf ("%s must be an object", where);
      if (json_object_has_member (shape, "document"))
        return NULL;
      object = json_node_get_object (value);
      for (guint i = 0; required != NULL && i < json_array_get_length (required); i++)
        if (!json_object_has_member (object, json_array_get_string_element (required, i)))
          return g_strdup_printf ("%s.%s is required", where,
                                  json_array_get_string_element (required, i));
      names = json_object_get_members (object);
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_autofree char *inner = g_strdup_printf ("%s.%s", where, (char *) l->data);
          JsonObject *member;
          char *problem;

          if (!json_object_has_member (members, l->data))
            return g_strdup_printf ("%s is not a member of %s", inner, shape_name);
          member = json_object_get_object_member (members, l->data);
          if (json_object_has_member (member, "location"))
            return g_strdup_printf ("%s belongs in the %s, not the body", inner,
                                    json_object_get_string_member (member, "location"));
          problem = check_shape (self, json_object_get_string_member (member, "shape"),
                                 json_object_get_member (object, l->data), inner);
          if (problem != NULL)
            return problem;
        }
      return NULL;
    }
  if (g_str_equal (type, "list"))
    {
      JsonObject *member = json_object_get_object_member (shape, "member");
      JsonArray *array;
      gint64 n;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        return g_strdup_printf ("%s must be a list", where);
      array = json_node_get_array (value);
      n = json_array_get_length (array);
      if ((json_object_has_member (shape, "min") && n < json_object_get_int_member (shape, "min"))
          || (json_object_has_member (shape, "max")
              && n > json_object_get_int_member (shape, "max")))
        return g_strdup_printf ("%s has %" G_GINT64_FORMAT " items, outside the allowed range",
                                where, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *inner = g_strdup_printf ("%s[%u]", where, i);
          char *problem = check_shape (self, json_object_get_string_member (member, "shape"),
                                       json_array_get_element (array, i), inner);

          if (problem != NULL)
            return problem;
        }
      return NULL;
    }
  if (g_str_equal (type, "string"))
    {
      const char *text;
      glong n;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return g_strdup_printf ("%s must be a string", where);
      text = json_node_get_string (value);
      n = g_utf8_strlen (text, -1);
      if ((json_object_has_member (shape, "min") && n < json_object_get_int_member (shape, "min"))
          || (json_object_has_member (shape, "max")
              && n > json_object_get_int_member (shape, "max")))
        return g_strdup_printf ("%s has a length outside the allowed range", where);
      if (json_object_has_member (shape, "enum"))
        {
          JsonArray *values = json_object_get_array_member (shape, "enum");

          for (guint i = 0; i < json_array_get_length (values); i++)
            if (g_str_equal (json_array_get_string_element (values, i), text))
              return NULL;
          return g_strdup_printf ("%s is not one of the allowed values", where);
        }
      return NULL;
    }
  return NULL;
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
  problem = check_shape (self, "StartChangeSetRequest", node, "StartChangeSetRequest");
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
  answer_json (msg, 200, answer);
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
  answer_json (msg, 200, answer);
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
  answer_json (msg, 200, answer);
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
  g_autofree char *path = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  path = g_build_filename (g_getenv ("RD_SHARED_TESTDATA"), "aws-models",
                           "marketplace-catalog-2018-09-17", "service-2.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  self->shapes = json_object_ref (json_object_get_object_member (
    json_node_get_object (json_parser_get_root (parser)), "shapes"));

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
  json_object_unref (self->shapes);
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
