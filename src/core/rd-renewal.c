/* rd-renewal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-renewal"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-amounts.h"
#include "rd-date.h"
#include "rd-milestones.h"
#include "rd-renewal.h"
#include "rd-template.h"

G_DEFINE_QUARK (rd-renewal-error-quark, rd_renewal_error)

/* Fields a renewal carries over unchanged from the agreement it renews. */
static const char * const copied_fields[] = {
  "customer", "buyer_account_id", "product_title", "product_id", "product_type", "kind",
  "isv", "isv_account_id", "channel_partner", "channel_partner_account_id", "value",
  "currency", "pricing", "pricing_dimensions", "payment_model", "stakeholders",
  "notification_emails",
};

/* Fields that only mean something on a channel partner private offer. */
static const char * const cppo_fields[] = {
  "resale_authorization_id", "markup_percent",
};

const char *
rd_renewal_stakeholder_role_label (const char *role)
{
  return rd_vocabulary_label (&rd_vocabulary_stakeholder_role, role);
}

const char *
rd_renewal_stakeholder_organisation_label (const char *organisation)
{
  return rd_vocabulary_label (&rd_vocabulary_stakeholder_organisation, organisation);
}

const char *
rd_renewal_activity_type_label (const char *type)
{
  return rd_vocabulary_label (&rd_vocabulary_activity_type, type);
}

static gboolean
is_saas_contract (const char *product_type)
{
  return rd_rules_mechanism_allowed (product_type, "fda");
}

const char *
rd_renewal_choose_mechanism (const char  *product_type,
                             const GDate *fda_start,
                             const GDate *today)
{
  GDate latest;

  g_return_val_if_fail (today != NULL && g_date_valid (today), "new_offer");

  if (!is_saas_contract (product_type))
    return "new_offer";
  if (fda_start == NULL || !g_date_valid (fda_start))
    return "replacement";

  /* The offer must expire before the start and cannot expire before today: the start must
   * lie after today, and at most 36 months after the offer is drafted (today). */
  rd_rules_fda_latest_start (today, &latest);
  if (g_date_compare (fda_start, today) <= 0 || g_date_compare (fda_start, &latest) > 0)
    return "replacement";
  return "fda";
}

/* The largest whole number of months m with start + m months - 1 day <= end, rounded up
 * when more than half a month is left over. */
int
rd_renewal_term_months (const char *start,
                        const char *end)
{
  GDate s, e, term_end, anniversary;
  int months;

  if (!rd_date_parse (start, &s) || !rd_date_parse (end, &e) || g_date_compare (&e, &s) <= 0)
    return RD_RENEWAL_DEFAULT_MONTHS;

  months = ((int) g_date_get_year (&e) - (int) g_date_get_year (&s)) * 12
           + ((int) g_date_get_month (&e) - (int) g_date_get_month (&s)) + 1;
  for (; months > 0; months--)
    {
      rd_date_add_months_to (&s, months, &anniversary);
      rd_date_add_days_to (&anniversary, -1, &term_end);
      if (g_date_compare (&term_end, &e) <= 0)
        break;
    }
  if (months > 0)
    {
      rd_date_add_months_to (&s, months, &anniversary);
      rd_date_add_days_to (&anniversary, -1, &term_end);
    }
  else
    rd_date_add_days_to (&s, -1, &term_end);
  if (rd_date_days_between (&term_end, &e) > 15)
    months++;

  return CLAMP (months, 1, RD_RULES_MAX_DURATION_MONTHS);
}

static void
set_date (JsonObject  *object,
          const char  *field,
          const GDate *date)
{
  g_autofree char *text = rd_date_format (date);

  json_object_set_string_member (object, field, text);
}

JsonObject *
rd_renewal_build_offer (JsonObject           *agreement,
                        const char           *agreement_id,
                        const RdRulesContext *ctx)
{
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (JsonObject) milestones = NULL;
  const char *product_type;
  const char *kind;
  const char *mechanism;
  GDate end, start, anniversary, term_end, expiration;
  gboolean has_end;
  int months;

  g_return_val_if_fail (agreement != NULL, NULL);
  g_return_val_if_fail (ctx != NULL && g_date_valid (&ctx->today), NULL);

  offer = json_object_new ();
  json_object_set_string_member (offer, "type", "offer");
  if (agreement_id != NULL)
    json_object_set_string_member (offer, "renews", agreement_id);

  for (guint i = 0; i < G_N_ELEMENTS (copied_fields); i++)
    {
      JsonNode *node = json_object_get_member (agreement, copied_fields[i]);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        json_object_set_member (offer, copied_fields[i], rd_json_node_deep_copy (node));
    }

  kind = rd_json_get_string (agreement, "kind");
  if (g_strcmp0 (kind, "CPPO") == 0)
    for (guint i = 0; i < G_N_ELEMENTS (cppo_fields); i++)
      {
        JsonNode *node = json_object_get_member (agreement, cppo_fields[i]);

        if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
          json_object_set_member (offer, cppo_fields[i], rd_json_node_deep_copy (node));
      }

  product_type = rd_json_get_string (agreement, "product_type");
  has_end = rd_date_parse (rd_json_get_string (agreement, "end_date"), &end);
  if (has_end)
    rd_date_add_days_to (&end, 1, &start);
  mechanism = rd_renewal_choose_mechanism (product_type, has_end ? &start : NULL, &ctx->today);
  months = rd_renewal_term_months (rd_json_get_string (agreement, "start_date"),
                                   rd_json_get_string (agreement, "end_date"));

  json_object_set_string_member (offer, "renewal_mechanism", mechanism);
  json_object_set_int_member (offer, "duration_months", months);

  if (g_str_equal (mechanism, "fda"))
    {
      /* Same rule as rd_rules_check_agreement_dates(): the term ends the day before the
       * anniversary month. */
      rd_date_add_months_to (&start, months, &anniversary);
      rd_date_add_days_to (&anniversary, -1, &term_end);
      set_date (offer, "agreement_start_date", &start);
      set_date (offer, "agreement_end_date", &term_end);

      rd_date_add_days_to (&start, -RD_RENEWAL_EXPIRATION_LEAD_DAYS, &expiration);
      if (g_date_compare (&expiration, &ctx->today) < 0)
        expiration = ctx->today;
    }
  else
    {
      /* No future start: the buyer should accept before the current agreement ends. */
      if (has_end)
        rd_date_add_days_to (&end, -RD_RENEWAL_EXPIRATION_LEAD_DAYS, &expiration);
      if (!has_end || g_date_compare (&expiration, &ctx->today) <= 0)
        rd_date_add_days_to (&ctx->today, RD_RENEWAL_OPEN_DAYS, &expiration);
    }
  set_date (offer, "offer_expiration_date", &expiration);

  /* The ISV flags a PO as a renewal; on a CPPO the flag lives on the resale authorization. */
  if (ctx->role == RD_ROLE_ISV && g_strcmp0 (kind, "PO") == 0)
    json_object_set_boolean_member (offer, "is_renewal", TRUE);

  json_object_set_string_member (offer, "stage", "drafted");
  rd_renewal_stamp_drafted_on (offer, &ctx->today);

  milestones = json_object_new ();
  json_object_set_boolean_member (milestones, "120", FALSE);
  json_object_set_boolean_member (milestones, "90", FALSE);
  json_object_set_boolean_member (milestones, "60", FALSE);
  json_object_set_object_member (offer, "milestones", g_steal_pointer (&milestones));

  return g_steal_pointer (&offer);
}

char *
rd_renewal_dup_offer_id (RdStore    *store,
                         const char *agreement_id)
{
  g_autoptr (RdRecord) agreement = NULL;
  g_autoptr (RdRecord) offer = NULL;
  const char *linked;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (agreement_id != NULL, NULL);

  agreement = rd_store_get (store, agreement_id, NULL);
  linked = agreement != NULL ? rd_record_get_string (agreement, "renewal_offer_id") : NULL;
  if (linked != NULL)
    offer = rd_store_get (store, linked, NULL);
  /* The link is on both records; an offer imported or synced may carry only its side. */
  if (offer == NULL)
    offer = rd_store_find_by_field (store, "offer", "renews", agreement_id, NULL);
  return offer != NULL ? g_strdup (rd_record_get_id (offer)) : NULL;
}

void
rd_renewal_stamp_drafted_on (JsonObject  *offer,
                             const GDate *today)
{
  GDate day;

  g_return_if_fail (offer != NULL);

  if (g_strcmp0 (rd_json_get_string (offer, "type"), "offer") != 0)
    return;
  if (rd_json_get_string (offer, "drafted_on") != NULL)
    return;

  if (today != NULL && g_date_valid (today))
    day = *today;
  else
    rd_date_today (NULL, &day);
  set_date (offer, "drafted_on", &day);
}

JsonObject *
rd_renewal_draft (RdStore              *store,
                  const char           *agreement_id,
                  const RdRulesContext *ctx,
                  GError              **error)
{
  g_autoptr (RdRecord) agreement = NULL;
  g_autofree char *previous_id = NULL;
  g_autoptr (JsonObject) offer = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (agreement_id != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  agreement = rd_store_get (store, agreement_id, error);
  if (agreement == NULL)
    return NULL;
  if (!rd_record_is_agreement (agreement))
    {
      g_set_error_literal (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_NOT_AN_AGREEMENT,
                           _("Only an agreement can be renewed. Open the agreement this "
                             "offer belongs to."));
      return NULL;
    }

  previous_id = rd_renewal_dup_offer_id (store, agreement_id);
  if (previous_id != NULL)
    {
      g_set_error_literal (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_ALREADY_RENEWED,
                           _("This agreement has a renewal offer already. Open it from the "
                             "agreement instead of drafting another one."));
      return NULL;
    }

  offer = rd_renewal_build_offer (rd_record_get_body (agreement), agreement_id, ctx);
  problems = rd_rules_check_document (offer, ctx);
  if (problems->len > 0)
    {
      RdFieldError *first = g_ptr_array_index (problems, 0);

      g_set_error (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_INVALID,
                   _("The agreement cannot be renewed as it is: %s"), first->message);
      return NULL;
    }

  return g_steal_pointer (&offer);
}

char *
rd_renewal_insert_offer (RdStore     *store,
                         JsonObject  *offer,
                         GError     **error)
{
  g_autoptr (JsonObject) patch = NULL;
  g_autofree char *offer_id = NULL;
  g_autofree char *previous_id = NULL;
  const char *agreement_id;

  g_return_val_if_fail (RD_IS_STORE (store), NULL);
  g_return_val_if_fail (offer != NULL, NULL);

  rd_renewal_stamp_drafted_on (offer, NULL);
  agreement_id = rd_json_get_string (offer, "renews");

  if (!rd_store_begin (store, error))
    return NULL;

  /* Someone may have renewed the agreement (on this desk or by sync) since the draft. */
  if (agreement_id != NULL
      && (previous_id = rd_renewal_dup_offer_id (store, agreement_id)) != NULL)
    {
      g_set_error_literal (error, RD_RENEWAL_ERROR, RD_RENEWAL_ERROR_ALREADY_RENEWED,
                           _("This agreement has a renewal offer already. Open it from the "
                             "agreement instead of drafting another one."));
      goto fail;
    }

  offer_id = rd_store_insert (store, offer, error);
  if (offer_id == NULL)
    goto fail;
  if (agreement_id != NULL)
    {
      patch = json_object_new ();
      json_object_set_string_member (patch, "renewal_offer_id", offer_id);
      if (!rd_store_merge_patch (store, agreement_id, patch, error)
          || !rd_renewal_update_agreement (store, offer, error))
        goto fail;
    }
  if (!rd_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&offer_id);

fail:
  rd_store_rollback (store);
  return NULL;
}

gboolean
rd_renewal_update_agreement (RdStore     *store,
                             JsonObject  *offer,
                             GError     **error)
{
  static const int default_offsets[] = RD_MILESTONE_DEFAULT_OFFSETS;
  g_autoptr (RdRecord) agreement = NULL;
  g_autoptr (JsonObject) patch = NULL;
  g_autoptr (GList) keys = NULL;
  const char *agreement_id;
  const char *stage;
  const char *aws_offer_id;
  JsonObject *body;
  JsonObject *done;
  JsonNode *node;

  g_return_val_if_fail (RD_IS_STORE (store), FALSE);
  g_return_val_if_fail (offer != NULL, FALSE);

  agreement_id = rd_json_get_string (offer, "renews");
  stage = rd_json_get_string (offer, "stage");
  if (agreement_id == NULL || stage == NULL)
    return TRUE;
  agreement = rd_store_get (store, agreement_id, NULL);
  if (agreement == NULL || !rd_record_is_agreement (agreement))
    return TRUE;
  body = rd_record_get_body (agreement);
  patch = json_object_new ();

  /* The agreement tells how its renewal stands without opening the offer. */
  if (g_strcmp0 (rd_json_get_string (body, "renewal_stage"), stage) != 0)
    json_object_set_string_member (patch, "renewal_stage", stage);
  aws_offer_id = rd_json_get_string (offer, "offer_id");
  if (aws_offer_id != NULL
      && g_strcmp0 (rd_json_get_string (body, "renewal_aws_offer_id"), aws_offer_id) != 0)
    json_object_set_string_member (patch, "renewal_aws_offer_id", aws_offer_id);

  /* The done marks are what the calendar, the pipeline and the reminders read. */
  node = json_object_get_member (body, "milestones");
  done = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (g_str_equal (stage, "accepted"))
    {
      g_autoptr (JsonObject) milestones = json_object_new ();
      gboolean changed = FALSE;

      keys = done != NULL ? json_object_get_members (done) : NULL;
      for (GList *l = keys; l != NULL; l = l->next)
        {
          changed |= !rd_milestones_is_done (done, (int) g_ascii_strtoll (l->data, NULL, 10));
          json_object_set_string_member (milestones, l->data, "done");
        }
      for (guint i = 0; i < G_N_ELEMENTS (default_offsets); i++)
        {
          g_autofree char *key = g_strdup_printf ("%d", default_offsets[i]);

          changed |= !rd_milestones_is_done (done, default_offsets[i]);
          json_object_set_string_member (milestones, key, "done");
        }
      if (changed)
        json_object_set_object_member (patch, "milestones", g_steal_pointer (&milestones));
    }

  if (json_object_get_size (patch) == 0)
    return TRUE;
  return rd_store_merge_patch (store, agreement_id, patch, error);
}

char *
rd_renewal_create (RdStore              *store,
                   const char           *agreement_id,
                   const RdRulesContext *ctx,
                   GError              **error)
{
  g_autoptr (JsonObject) offer = NULL;

  offer = rd_renewal_draft (store, agreement_id, ctx, error);
  if (offer == NULL)
    return NULL;
  return rd_renewal_insert_offer (store, offer, error);
}

/* JSON null is no amount given, as a missing member. */
static gboolean
has_amount (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

/* An offer's value plus its value-adds, an agreement's value. Not strict (for display):
 * what is no amount is left out, FALSE when nothing is one. Strict (to compare): FALSE when
 * the value is missing or any amount given is none. */
static gboolean
sum_total_value (JsonObject *body,
                 gboolean    strict,
                 RdMoney    *total,
                 RdMoney    *value_adds)
{
  JsonNode *node = body != NULL ? json_object_get_member (body, "value_adds") : NULL;
  JsonArray *items;
  gboolean any;
  RdMoney amount;

  rd_money_init_zero (total);
  if (value_adds != NULL)
    rd_money_init_zero (value_adds);
  if (body == NULL)
    return FALSE;
  any = rd_amounts_get (body, "value", &amount) && rd_money_add (total, &amount, total, NULL);
  if (strict && !any)
    return FALSE;
  if (g_strcmp0 (rd_json_get_string (body, "type"), "offer") != 0
      || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return any;
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      object = json_node_get_object (item);
      if (!rd_amounts_get (object, "amount", &amount)
          || !rd_money_add (total, &amount, total, NULL))
        {
          if (strict && has_amount (object, "amount"))
            return FALSE;
          continue;
        }
      any = TRUE;
      if (value_adds != NULL)
        rd_money_add (value_adds, &amount, value_adds, NULL);
    }
  return any;
}

gboolean
rd_renewal_total_money (JsonObject *body,
                        RdMoney    *total,
                        RdMoney    *value_adds)
{
  g_return_val_if_fail (total != NULL, FALSE);

  return sum_total_value (body, FALSE, total, value_adds);
}

/* NULL and "" are one unknown currency, as the dashboard's totals group them. */
static const char *
get_currency (JsonObject *body)
{
  const char *currency = body != NULL ? rd_json_get_string (body, "currency") : NULL;

  return currency != NULL ? currency : "";
}

RdAceState
rd_renewal_ace_state (JsonObject *offer,
                      JsonObject *renewed_agreement,
                      RdMoney    *growth)
{
  RdMoney renewal_value;
  RdMoney preceding_value;
  gboolean has_renewal_value = sum_total_value (offer, TRUE, &renewal_value, NULL);
  gboolean has_preceding_value = sum_total_value (renewed_agreement, TRUE, &preceding_value,
                                                  NULL);
  gboolean same_currency = strcmp (get_currency (offer), get_currency (renewed_agreement)) == 0;
  RdAceState state;

  if (growth != NULL)
    {
      rd_money_init_zero (growth);
      if (has_renewal_value && has_preceding_value && same_currency)
        rd_money_subtract (&renewal_value, &preceding_value, growth, NULL);
    }
  if (offer == NULL || renewed_agreement == NULL)
    return RD_ACE_STATE_NO_RENEWED_AGREEMENT;
  state = rd_rules_ace_opportunity_state (rd_json_get_string (offer, "ace_opportunity_id"),
                                          rd_json_get_string (offer, "ace_stage"));
  if (state != RD_ACE_STATE_VALIDATED)
    return state;
  if (!has_renewal_value)
    return RD_ACE_STATE_NO_RENEWAL_VALUE;
  if (!has_preceding_value)
    return RD_ACE_STATE_NO_PRECEDING_VALUE;
  if (!same_currency)
    return RD_ACE_STATE_CURRENCY_MISMATCH;
  return rd_rules_ace_state (rd_json_get_string (offer, "ace_opportunity_id"),
                             rd_json_get_string (offer, "ace_stage"),
                             &renewal_value, &preceding_value);
}

gboolean
rd_renewal_ace_validated (JsonObject *offer,
                          JsonObject *renewed_agreement)
{
  return rd_renewal_ace_state (offer, renewed_agreement, NULL) == RD_ACE_STATE_VALIDATED;
}

gboolean
rd_renewal_ace_review_due (JsonObject  *offer,
                           const GDate *today)
{
  const char *stage = rd_json_get_string (offer, "stage");
  GDate reviewed;

  g_return_val_if_fail (today != NULL, FALSE);

  if (g_strcmp0 (stage, "accepted") == 0 || g_strcmp0 (stage, "lost") == 0)
    return FALSE;
  if (!rd_date_parse (rd_json_get_string (offer, "ace_reviewed_on"), &reviewed))
    return TRUE;
  return rd_date_days_between (&reviewed, today) >= RD_RENEWAL_ACE_REVIEW_DAYS;
}

JsonObject *
rd_renewal_last_activity (JsonObject *body)
{
  JsonNode *node = body != NULL ? json_object_get_member (body, "activities") : NULL;
  JsonObject *last = NULL;
  const char *last_date = NULL;
  JsonArray *items;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      const char *date;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      date = rd_json_get_string (json_node_get_object (item), "date");
      if (last == NULL || g_strcmp0 (date, last_date) >= 0)
        {
          last = json_node_get_object (item);
          last_date = date;
        }
    }
  return last;
}

char *
rd_renewal_dup_last_touch (JsonObject *body)
{
  JsonObject *last = rd_renewal_last_activity (body);
  const char *date;
  const char *type;
  const char *label;

  if (last == NULL)
    return NULL;
  date = rd_json_get_string (last, "date");
  type = rd_json_get_string (last, "type");
  label = rd_renewal_activity_type_label (type);
  if (label == NULL)
    label = type;
  if (date != NULL && label != NULL)
    /* Translators: the last logged touch of a renewal: date · call, e-mail or meeting */
    return g_strdup_printf (_("%s · %s"), date, label);
  return g_strdup (date != NULL ? date : label);
}

char *
rd_renewal_dup_stakeholders_mailto (JsonObject *body)
{
  JsonNode *node = body != NULL ? json_object_get_member (body, "stakeholders") : NULL;
  g_autoptr (GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *items;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  items = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      const char *email;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      email = rd_json_get_string (json_node_get_object (item), "email");
      if (email == NULL || !rd_rules_is_valid_email (email)
          || !g_hash_table_add (seen, g_ascii_strdown (email, -1)))
        continue;
      g_ptr_array_add (addresses, g_strdup (email));
    }
  if (addresses->len == 0)
    return NULL;
  g_ptr_array_add (addresses, NULL);
  return rd_template_build_mailto ((const char * const *) addresses->pdata, NULL, NULL);
}
