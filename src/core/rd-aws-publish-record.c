/* rd-aws-publish-record.c
 *
 * What publishing reads from the records and from AWS's answers, apart from the use-case
 * that drives the change set: the local check of an offer with the agreement it renews, the
 * request token, the field errors of a change set (from AWS's answer, to and from the
 * record), the id of the offer AWS created and the activity-log entry of a publish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-aws-publish"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-aws-json.h"
#include "rd-aws-publish.h"
#include "rd-aws-publish-private.h"
#include "rd-offer-changeset.h"
#include "rd-record.h"

char *
rd_aws_publish_request_token (const char *record_id,
                              const char *rev,
                              JsonObject *request)
{
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), request);
  g_autofree char *text = json_to_string (node, FALSE);

  g_checksum_update (checksum, (const guchar *) record_id, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) (rev != NULL ? rev : ""), -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) text, -1);
  /* 64 hex digits: the model's ClientRequestToken is at most 64 printable characters. */
  return g_strdup (g_checksum_get_string (checksum));
}

RdRecord *
_rd_aws_publish_get_offer (RdStore     *store,
                           const char  *record_id,
                           GError     **error)
{
  g_autoptr (RdRecord) record = NULL;
  g_autoptr (GError) local_error = NULL;

  record = rd_store_get (store, record_id, &local_error);
  if (record == NULL || !rd_record_is_offer (record))
    {
      g_set_error (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_NOT_PUBLISHABLE,
                   _("“%s” is not a renewal offer. Only a drafted offer can be published."),
                   record_id);
      return NULL;
    }
  return g_steal_pointer (&record);
}

GPtrArray *
rd_aws_publish_check_record (RdStore              *store,
                             const char           *record_id,
                             const RdRulesContext *ctx,
                             JsonObject          **request,
                             GError              **error)
{
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (RdRecord) agreement = NULL;
  const char *renews;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (record_id != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  offer = _rd_aws_publish_get_offer (store, record_id, error);
  if (offer == NULL)
    return NULL;
  renews = rd_record_get_string (offer, "renews");
  if (renews != NULL)
    agreement = rd_store_get (store, renews, NULL);
  return rd_offer_changeset_check (rd_record_get_body (offer),
                                   agreement != NULL ? rd_record_get_body (agreement) : NULL,
                                   ctx, request);
}

JsonArray *
_rd_aws_publish_errors_to_json (GPtrArray *errors)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *error = g_ptr_array_index (errors, i);
      JsonObject *item = json_object_new ();

      if (error->field != NULL)
        json_object_set_string_member (item, "field", error->field);
      json_object_set_string_member (item, "message", error->message);
      json_array_add_object_element (array, item);
    }
  return array;
}

GPtrArray *
rd_aws_publish_dup_record_errors (JsonObject *offer)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) rd_field_error_free);
  JsonNode *node = offer != NULL ? json_object_get_member (offer,
                                                           RD_PUBLISH_FIELD_CHANGESET_ERRORS)
                                 : NULL;
  JsonArray *items = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node)
                                                                  : NULL;

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *message = rd_json_get_string (object, "message");

      if (message != NULL)
        g_ptr_array_add (errors, rd_field_error_new (rd_json_get_string (object, "field"),
                                                     message));
    }
  return errors;
}

/* The AWS id of the created offer: the create change's entity, without a "@1" revision. */
char *
_rd_aws_publish_dup_created_offer_id (JsonObject *answer)
{
  JsonArray *changes = rd_aws_json_array (answer, "ChangeSet");

  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    {
      JsonObject *change = rd_aws_json_element (changes, i);
      const char *type = rd_json_get_string (change, "ChangeType");
      const char *identifier;

      if (type == NULL || !g_str_has_prefix (type, "Create"))
        continue;
      identifier = rd_aws_json_string (rd_aws_json_object (change, "Entity"), "Identifier");
      if (identifier != NULL && *identifier != '\0')
        {
          const char *at = strchr (identifier, '@');

          return at != NULL ? g_strndup (identifier, at - identifier) : g_strdup (identifier);
        }
    }
  return NULL;
}

void
_rd_aws_publish_collect_change_errors (JsonObject *answer,
                                       GPtrArray  *errors)
{
  JsonArray *changes = rd_aws_json_array (answer, "ChangeSet");

  for (guint i = 0; changes != NULL && i < json_array_get_length (changes); i++)
    {
      JsonObject *change = rd_aws_json_element (changes, i);
      const char *type = rd_json_get_string (change, "ChangeType");
      JsonArray *details = rd_aws_json_array (change, "ErrorDetailList");

      for (guint j = 0; details != NULL && j < json_array_get_length (details); j++)
        {
          JsonObject *detail = rd_aws_json_element (details, j);
          const char *code = rd_aws_json_string (detail, "ErrorCode");
          const char *text = rd_aws_json_string (detail, "ErrorMessage");
          /* Translators: AWS's own (English) error message, then its error code */
          g_autofree char *message = g_strdup_printf (_("AWS Marketplace: %s (%s)"),
                                                      text != NULL ? text : _("no message"),
                                                      code != NULL ? code : "?");

          g_ptr_array_add (errors, rd_field_error_new (rd_offer_changeset_field_for (type, code),
                                                       message));
        }
    }
}

void
_rd_aws_publish_add_activity (JsonObject *patch,
                              JsonObject *offer,
                              const char *date,
                              const char *offer_id,
                              const char *change_set_id)
{
  JsonNode *node = json_object_get_member (offer, "activities");
  JsonArray *activities = json_array_new ();
  JsonObject *entry = json_object_new ();
  g_autofree char *note = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *old = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (old); i++)
        json_array_add_element (activities,
                                rd_json_node_deep_copy (json_array_get_element (old, i)));
    }
  json_object_set_string_member (entry, "date", date);
  json_object_set_string_member (entry, "outcome", _("Published to AWS Marketplace"));
  note = g_strdup_printf (_("Offer %s, change set %s"), offer_id, change_set_id);
  json_object_set_string_member (entry, "note", note);
  json_array_add_object_element (activities, entry);
  json_object_set_array_member (patch, "activities", activities);
}

/* The record field a synchronous refusal concerns: the first change type AWS names. */
const char *
_rd_aws_publish_field_of_message (const char *message)
{
  static const char * const types[] = {
    "UpdateTargeting", "UpdateValidityTerms", "UpdatePricingTerms",
    "UpdatePaymentScheduleTerms", "UpdateAvailability", "UpdateLegalTerms",
    "UpdateInformation", "UpdateMarkup", "CreateOfferUsingResaleAuthorization",
    "CreateReplacementOfferUsingResaleAuthorization", "CreateReplacementOffer", "CreateOffer",
  };

  for (guint i = 0; message != NULL && i < G_N_ELEMENTS (types); i++)
    if (strstr (message, types[i]) != NULL)
      return rd_offer_changeset_field_for (types[i], NULL);
  return NULL;
}
