/* rd-rules.h
 *
 * AWS's rules for private offers and renewals, checked locally before anything is saved.
 * Pure functions on plain data: no store, no main loop, no display. The vocabularies and
 * the JSON types of the fields are rd-fields.h's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "rd-fields.h"
#include "rd-money.h"

G_BEGIN_DECLS

#define RD_RULES_FDA_MAX_MONTHS_AHEAD 36
#define RD_RULES_MAX_DURATION_MONTHS 60
#define RD_RULES_MAX_NOTIFICATION_EMAILS 10

typedef enum
{
  RD_ROLE_ISV,
  RD_ROLE_CHANNEL_PARTNER,
} RdRole;

typedef enum
{
  RD_AWS_ID_ACCOUNT,
  RD_AWS_ID_AGREEMENT,
  RD_AWS_ID_OFFER,
  RD_AWS_ID_PRODUCT,
  RD_AWS_ID_RESALE_AUTHORIZATION,
  RD_AWS_ID_ACE_OPPORTUNITY,
} RdAwsIdKind;

typedef struct
{
  GDate  today; /* the user's calendar day; an offer without drafted_on counts from it */
  RdRole role;
} RdRulesContext;

void          rd_rules_context_init (RdRulesContext *ctx,
                                     RdRole          role);

/* Whole documents (rd-rules-document.c): the schema check of rd_fields_check_body() with the
 * required fields, then every violated rule, one RdFieldError each (element type RdFieldError,
 * free func set). Never NULL; empty when the document is valid. */
GPtrArray    *rd_rules_check_document  (JsonObject           *body,
                                        const RdRulesContext *ctx);
GPtrArray    *rd_rules_check_offer     (JsonObject           *offer,
                                        const RdRulesContext *ctx);
GPtrArray    *rd_rules_check_agreement (JsonObject           *agreement,
                                        const RdRulesContext *ctx);

/* Single rules: NULL when fine, else a newly allocated translated message. */
char         *rd_rules_check_fda_start            (const GDate *drafted_on,
                                                   const GDate *today,
                                                   const GDate *start);
void          rd_rules_fda_latest_start           (const GDate *drafted_on,
                                                   GDate       *out);
char         *rd_rules_check_agreement_dates      (const GDate *start,
                                                   const GDate *end);
char         *rd_rules_check_duration_months      (gint64       months);
char         *rd_rules_check_mechanism            (const char  *product_type,
                                                   const char  *mechanism);
char         *rd_rules_check_expiration_before_start (const GDate *expiration,
                                                      const GDate *start);
char         *rd_rules_check_notification_emails  (JsonArray   *emails);
/* NULL or "" is fine: the ID fields are optional. */
char         *rd_rules_check_aws_id               (RdAwsIdKind  kind,
                                                   const char  *value);
gboolean      rd_rules_mechanism_allowed          (const char  *product_type,
                                                   const char  *mechanism);
gboolean      rd_rules_is_valid_email             (const char  *address);
/* Per the playbook's ACE hygiene, a renewal is a validated ACE opportunity when it has an
 * ACE opportunity (O + digits) at a stage of ACE's list (rd_vocabulary_ace_stage) that is
 * not over (Launched, Closed Lost), and grows over the agreement it renews: exactly, on the
 * decimal amounts, in one currency. */
typedef enum
{
  RD_ACE_STATE_VALIDATED,
  RD_ACE_STATE_NO_RENEWED_AGREEMENT, /* nothing to compare with (rd-renewal.h) */
  RD_ACE_STATE_NO_OPPORTUNITY,       /* no or no well-formed ACE opportunity ID */
  RD_ACE_STATE_NO_STAGE,             /* no stage from ACE's list */
  RD_ACE_STATE_CLOSED,               /* launched or closed lost */
  RD_ACE_STATE_NO_RENEWAL_VALUE,     /* the offer's value is missing or no amount */
  RD_ACE_STATE_NO_PRECEDING_VALUE,   /* the renewed agreement's value is missing or no amount */
  RD_ACE_STATE_CURRENCY_MISMATCH,    /* the two amounts are in different currencies */
  RD_ACE_STATE_NO_GROWTH,            /* not worth more than the renewed agreement */
} RdAceState;

/* The opportunity's part alone: RD_ACE_STATE_VALIDATED when the ID and the stage qualify. */
RdAceState    rd_rules_ace_opportunity_state      (const char    *opportunity_id,
                                                   const char    *ace_stage);
/* The values are in one currency. */
RdAceState    rd_rules_ace_state                  (const char    *opportunity_id,
                                                   const char    *ace_stage,
                                                   const RdMoney *renewal_value,
                                                   const RdMoney *preceding_value);
/* Growth and an open stage from ACE's list; the opportunity ID is rd_rules_ace_state()'s. */
gboolean      rd_rules_ace_validated              (const RdMoney *renewal_value,
                                                   const RdMoney *preceding_value,
                                                   const char    *ace_stage);

/* The product type in words, translated ("SaaS contract"); NULL for an unknown type. */
const char   *rd_rules_product_type_label         (const char  *product_type);

gboolean      rd_rules_is_one_of (const char *value,
                                  const char * const *values);

G_END_DECLS
