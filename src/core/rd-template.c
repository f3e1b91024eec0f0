/* rd-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rd-date.h"
#include "rd-rules.h"
#include "rd-store-private.h"
#include "rd-template.h"

#define DEFAULTS_INSTALLED_KEY "default-templates-installed"

const char * const rd_template_placeholders[] = {
  "customer", "product_title", "end_date", "days_left", "offer_id", "agreement_id", "kind",
  "stage", NULL
};

const char *
rd_template_kind_label (const char *kind)
{
  return rd_vocabulary_label (&rd_vocabulary_template_kind, kind);
}

const char *
rd_template_touchpoint_label (const char *touchpoint)
{
  return rd_vocabulary_label (&rd_vocabulary_template_touchpoint, touchpoint);
}

static void
put (GHashTable *values,
     const char *name,
     const char *value)
{
  if (value != NULL && *value != '\0')
    g_hash_table_insert (values, (gpointer) name, g_strdup (value));
}

GHashTable *
rd_template_values_new (JsonObject  *record,
                        JsonObject  *renewed_agreement,
                        const GDate *today)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gboolean is_offer = g_strcmp0 (rd_json_get_string (record, "type"), "offer") == 0;
  JsonObject *agreement = is_offer ? renewed_agreement : record;
  const char *end_date;
  const char *stage;
  const char *stage_label;
  GDate end;

  put (values, "customer", rd_json_get_string (record, "customer"));
  put (values, "product_title", rd_json_get_string (record, "product_title"));
  put (values, "kind", rd_json_get_string (record, "kind"));

  /* The expiring agreement's end is what every touchpoint counts down to. */
  end_date = rd_json_get_string (agreement, "end_date");
  if (end_date == NULL && is_offer)
    end_date = rd_json_get_string (record, "agreement_end_date");
  put (values, "end_date", end_date);
  if (today != NULL && rd_date_parse (end_date, &end))
    {
      g_autofree char *days = g_strdup_printf ("%d", rd_date_days_between (today, &end));

      put (values, "days_left", days);
    }

  put (values, "agreement_id", rd_json_get_string (agreement, "agreement_id"));
  put (values, "offer_id", rd_json_get_string (record, "offer_id"));

  /* An agreement whose renewal is under way is at its renewal's stage. */
  stage = is_offer ? NULL : rd_json_get_string (record, "renewal_stage");
  if (stage == NULL)
    stage = rd_json_get_string (record, "stage");
  stage_label = stage != NULL ? rd_vocabulary_label (&rd_vocabulary_stage, stage) : NULL;
  put (values, "stage", stage_label != NULL ? stage_label : stage);

  return values;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

char *
rd_template_render (const char *text,
                    GHashTable *values,
                    GPtrArray  *unknown)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 64);
  p = text;
  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *q;
      g_autofree char *name = NULL;

      if (open == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);

      for (q = open + 1; is_name_char (*q); q++)
        ;
      if (*q != '}' || q == open + 1)
        {
          /* Not a placeholder: keep the brace and look again from the next character, so
           * that "{{customer}" still fills in {customer}. */
          g_string_append_c (out, '{');
          p = open + 1;
          continue;
        }

      name = g_strndup (open + 1, q - open - 1);
      if (g_strv_contains (rd_template_placeholders, name))
        {
          const char *value = values != NULL ? g_hash_table_lookup (values, name) : NULL;

          g_string_append (out, value != NULL ? value : RD_TEMPLATE_MISSING);
        }
      else
        {
          g_string_append_len (out, open, q - open + 1);
          if (unknown != NULL && !g_ptr_array_find_with_equal_func (unknown, name,
                                                                     g_str_equal, NULL))
            g_ptr_array_add (unknown, g_steal_pointer (&name));
        }
      p = q + 1;
    }

  return g_string_free (out, FALSE);
}

/* RFC 6068: in a mailto: URI, anything outside the unreserved set is percent-encoded,
 * line breaks as %0D%0A. */
static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append (out, "%0D%0A");
      else if (*p == '\n')
        g_string_append (out, "%0A");
      else if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL)
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "%%%02X", (guchar) *p);
    }
}

char *
rd_template_build_mailto (const char * const *to,
                          const char         *subject,
                          const char         *body)
{
  GString *uri = g_string_new ("mailto:");
  char separator = '?';

  for (guint i = 0; to != NULL && to[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;

      if (i > 0)
        g_string_append_c (uri, ',');
      /* '@' stays as it is: it is allowed in the address part. */
      escaped = g_uri_escape_string (to[i], "@", FALSE);
      g_string_append (uri, escaped);
    }
  if (subject != NULL && *subject != '\0')
    {
      g_string_append_printf (uri, "%csubject=", separator);
      append_escaped (uri, subject);
      separator = '&';
    }
  if (body != NULL && *body != '\0')
    {
      g_string_append_printf (uri, "%cbody=", separator);
      append_escaped (uri, body);
    }

  return g_string_free (uri, FALSE);
}

typedef struct
{
  const char *id;
  const char *name;
  const char *kind;
  const char *touchpoint;
  const char *subject;
  const char *body;
} DefaultTemplate;

/* Written for Renewal Desk by its authors. */
static const DefaultTemplate default_templates[] = {
  {
    "template-default-120-email",
    N_("120 days: start the renewal conversation"),
    "email", "120",
    N_("{product_title} renewal: let’s plan ahead"),
    N_("Hello,\n"
       "\n"
       "Your {product_title} agreement runs until {end_date}, {days_left} days from today. "
       "That is plenty of time, and we would like to use it well rather than rush a "
       "renewal in the final weeks.\n"
       "\n"
       "Could we book 30 minutes in the next two weeks? I would like to hear how "
       "{customer} is using {product_title} today, what has changed since you signed, and "
       "what you expect for the next term, so that the renewal offer fits your plans.\n"
       "\n"
       "If someone else now owns this subscription or its budget, please tell me who to "
       "include.\n"
       "\n"
       "Best regards"),
  },
  {
    "template-default-120-call",
    N_("120 days: discovery call"),
    "call_script", "120",
    N_("Discovery call with {customer}"),
    N_("Goal: confirm who decides, how the product is used, and what the renewal must "
       "cover. Agreement {agreement_id} ends on {end_date} ({days_left} days).\n"
       "\n"
       "1. Thank them for their time; say you are calling early on purpose, so nothing "
       "is decided under deadline pressure.\n"
       "2. Usage: Which teams use {product_title}? Is usage growing, flat or shrinking? Any "
       "features they rely on, or ones they pay for and never use?\n"
       "3. Value: What would break, or cost more, if {product_title} went away tomorrow?\n"
       "4. People: Who signs? Who approves the budget? Is procurement or legal involved, "
       "and how long do they usually take?\n"
       "5. Buying path: Do they want to keep buying through AWS Marketplace (EDP or "
       "committed spend drawdown, consolidated billing)? Through a channel partner?\n"
       "6. Terms: Same term length, or longer for a better price? Upfront, or payments on "
       "a schedule?\n"
       "7. Agree the next step and a date before you hang up.\n"
       "\n"
       "After the call: log it, update the stage, and note the decision makers as "
       "stakeholders."),
  },
  {
    "template-default-90-email",
    N_("90 days: share the renewal proposal"),
    "email", "90",
    N_("Your {product_title} renewal proposal"),
    N_("Hello,\n"
       "\n"
       "Thank you for the conversation about how {customer} uses {product_title}. Based "
       "on what you told us, here is what we propose for the renewal of the agreement "
       "that ends on {end_date}:\n"
       "\n"
       "- Term: [length and start date]\n"
       "- Pricing: [dimensions, quantities and price]\n"
       "- Payment: [upfront or installments]\n"
       "- Included services: [support, training, other value-adds]\n"
       "\n"
       "We will send it as a private offer in AWS Marketplace, so it is billed on your AWS "
       "invoice like the current agreement. Please review it with your team and tell us "
       "what to change. To keep the renewal on time we would like to have the terms agreed "
       "within three weeks.\n"
       "\n"
       "Best regards"),
  },
  {
    "template-default-60-call",
    N_("60 days: decision call"),
    "call_script", "60",
    N_("Decision call with {customer}"),
    N_("Goal: get a yes, a no, or a dated list of what is still open. {days_left} days "
       "until {end_date}; the offer is at stage “{stage}”.\n"
       "\n"
       "1. Recap the proposal in two sentences and ask whether anything changed on their "
       "side since you sent it.\n"
       "2. Ask directly: is there anything that stops you from accepting the offer?\n"
       "3. Procurement: has the offer been reviewed? Which approvals are missing, and who "
       "gives them?\n"
       "4. Check that the buyer account ({kind}) that will accept the offer is the right "
       "one and that the person accepting has the Marketplace permissions to do so.\n"
       "5. Agree the acceptance date, at least a week before the offer expires.\n"
       "\n"
       "If the answer is no: ask why, thank them, log it, and mark the renewal lost with "
       "the reason in the note."),
  },
  {
    "template-default-60-email",
    N_("60 days: offer ready to accept"),
    "email", "60",
    N_("Action needed: {product_title} renewal offer ready in AWS Marketplace"),
    N_("Hello,\n"
       "\n"
       "The renewal offer for {product_title} is ready in AWS Marketplace. Your current "
       "agreement ends on {end_date}, {days_left} days from today; accepting the offer "
       "before then keeps your service running without a gap.\n"
       "\n"
       "To accept: sign in to the AWS account that buys {product_title}, open AWS "
       "Marketplace, and go to the private offer we sent (offer ID {offer_id}). Review the "
       "terms and choose to accept. If your purchase needs approval first, please forward "
       "this message to the approver today.\n"
       "\n"
       "If anything in the offer is not what we agreed, reply and we will fix it.\n"
       "\n"
       "Best regards"),
  },
  {
    "template-default-needs-analysis",
    N_("Needs analysis questionnaire"),
    "questionnaire", "any",
    N_("Renewal needs analysis: {customer}"),
    N_("Customer: {customer}\n"
       "Product: {product_title} ({kind}), agreement {agreement_id}, ends {end_date}\n"
       "\n"
       "Usage\n"
       "- How many users, accounts or workloads use the product today? A year ago?\n"
       "- What do they expect for the next term: growth, the same, or less?\n"
       "- Which capabilities matter most? Which are unused?\n"
       "\n"
       "Outcomes\n"
       "- What business result does the product support? How do they measure it?\n"
       "- What went well this term? What went badly, and was it resolved?\n"
       "\n"
       "Decision\n"
       "- Who uses it, who decides, who signs, who approves the budget?\n"
       "- Which steps does procurement need (security review, legal, vendor onboarding), "
       "and how long do they take?\n"
       "- Are competitors or an in-house build being considered?\n"
       "\n"
       "Commercial\n"
       "- Preferred term length and start date; upfront or scheduled payments?\n"
       "- Must the purchase count towards an AWS commitment (EDP, private pricing)?\n"
       "- Buying directly from us, or through a channel partner?\n"
       "- Budget range for the next term, and when the budget is set.\n"
       "\n"
       "Next step\n"
       "- What we do next, who does it, and by when."),
  },
};

GPtrArray *
rd_template_dup_defaults (void)
{
  GPtrArray *templates = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (default_templates); i++)
    {
      const DefaultTemplate *t = &default_templates[i];
      JsonObject *body = json_object_new ();

      json_object_set_string_member (body, "_id", t->id);
      json_object_set_string_member (body, "type", "template");
      json_object_set_string_member (body, "name", _(t->name));
      json_object_set_string_member (body, "kind", t->kind);
      json_object_set_string_member (body, "touchpoint", t->touchpoint);
      json_object_set_string_member (body, "subject", _(t->subject));
      json_object_set_string_member (body, "body", _(t->body));
      g_ptr_array_add (templates, body);
    }
  return templates;
}

guint
rd_template_install_defaults (RdStore  *store,
                              GError  **error)
{
  g_autoptr (GPtrArray) templates = NULL;
  g_autofree char *installed = NULL;

  g_return_val_if_fail (RD_IS_STORE (store), 0);

  /* Once per database: templates the user deleted on purpose do not come back. */
  installed = rd_store_meta_get (store, DEFAULTS_INSTALLED_KEY);
  if (installed != NULL || rd_store_count (store, "template") > 0)
    return 0;

  templates = rd_template_dup_defaults ();
  if (!rd_store_begin (store, error))
    return 0;
  for (guint i = 0; i < templates->len; i++)
    {
      JsonObject *body = g_ptr_array_index (templates, i);
      g_autoptr (RdRecord) existing = NULL;
      g_autofree char *id = NULL;

      /* Fixed ids: two devices that install the defaults make the same documents. */
      existing = rd_store_get_including_deleted (store,
                                                 json_object_get_string_member (body, "_id"),
                                                 NULL);
      if (existing != NULL)
        continue;
      id = rd_store_insert (store, body, error);
      if (id == NULL)
        goto fail;
    }
  if (!rd_store_meta_set (store, DEFAULTS_INSTALLED_KEY, "1", error))
    goto fail;
  if (!rd_store_commit (store, error))
    return 0;
  return templates->len;

fail:
  rd_store_rollback (store);
  return 0;
}
