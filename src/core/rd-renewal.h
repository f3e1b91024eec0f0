/* rd-renewal.h
 *
 * The renewal workflow on plain documents: the draft renewal offer built from an expiring
 * agreement (DESIGN §1.3), an offer's value with its value-add line items, ACE hygiene and
 * the last logged touch. Pure functions, plus rd_renewal_create(), the one store call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "rd-money.h"
#include "rd-rules.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_RENEWAL_ERROR (rd_renewal_error_quark ())

typedef enum
{
  RD_RENEWAL_ERROR_NOT_AN_AGREEMENT,
  RD_RENEWAL_ERROR_ALREADY_RENEWED,
  RD_RENEWAL_ERROR_INVALID,
} RdRenewalError;

/* The offer expires this many days before a future-dated agreement starts. */
#define RD_RENEWAL_EXPIRATION_LEAD_DAYS 14
/* An offer without a future start date stays open this long. */
#define RD_RENEWAL_OPEN_DAYS 30
/* The duration used when the expiring agreement's term cannot be read. */
#define RD_RENEWAL_DEFAULT_MONTHS 12
/* ACE data not reviewed for this many days is due for the weekly review. */
#define RD_RENEWAL_ACE_REVIEW_DAYS 7

GQuark       rd_renewal_error_quark        (void);

/* The mechanism a renewal of product_type starting on fda_start uses: "fda" when the
 * product allows it and today < fda_start <= today + 36 months, else "replacement" for
 * SaaS contracts and "new_offer" for everything else. fda_start may be NULL (no end date). */
const char  *rd_renewal_choose_mechanism   (const char  *product_type,
                                            const GDate *fda_start,
                                            const GDate *today);
/* Whole months of the term [start, end], 1 to 60; RD_RENEWAL_DEFAULT_MONTHS when unknown. */
int          rd_renewal_term_months        (const char  *start,
                                            const char  *end);
/* The draft renewal offer of agreement (record id agreement_id), as of ctx->today for
 * ctx->role. The result passes rd_rules_check_document(). */
JsonObject  *rd_renewal_build_offer        (JsonObject           *agreement,
                                            const char           *agreement_id,
                                            const RdRulesContext *ctx);
/* The record id of the offer that renews the agreement agreement_id, NULL if none. */
char        *rd_renewal_dup_offer_id       (RdStore              *store,
                                            const char           *agreement_id);
/* Sets an offer's drafted_on to today (NULL: the local calendar day) unless it has one: the
 * 36-month FDA rule counts from it. Anything but an offer is left alone. */
void         rd_renewal_stamp_drafted_on   (JsonObject           *offer,
                                            const GDate          *today);
/* The draft renewal offer of the stored agreement agreement_id, not stored: the user saves
 * it with rd_renewal_insert_offer() or drops it. RD_RENEWAL_ERROR_ALREADY_RENEWED when the
 * agreement has a renewal offer (rd_renewal_dup_offer_id() gives it). */
JsonObject  *rd_renewal_draft              (RdStore              *store,
                                            const char           *agreement_id,
                                            const RdRulesContext *ctx,
                                            GError              **error);
/* Inserts a new offer, stamped with drafted_on, and, when it "renews" an agreement, links
 * the agreement to it (renewal_offer_id), in one transaction; refuses with
 * RD_RENEWAL_ERROR_ALREADY_RENEWED when that agreement has another renewal offer by now.
 * Returns the new offer's record id. */
char        *rd_renewal_insert_offer       (RdStore              *store,
                                            JsonObject           *offer,
                                            GError              **error);
/* Tells the agreement an offer renews how its renewal stands: its renewal_stage (drafted,
 * published, accepted, lost) and renewal_aws_offer_id; once the offer is accepted, the
 * agreement's milestones are done too (the default 120/90/60 and any the agreement lists), so
 * that the lists and reminders that read the done marks agree with
 * rd_milestones_agreement_status(). Call it in the transaction that stores the offer; does
 * nothing for an offer renewing no agreement, or when the agreement says so already. */
gboolean     rd_renewal_update_agreement   (RdStore              *store,
                                            JsonObject           *offer,
                                            GError              **error);
/* rd_renewal_draft() and rd_renewal_insert_offer() at once. Returns the new offer's id. */
char        *rd_renewal_create             (RdStore              *store,
                                            const char           *agreement_id,
                                            const RdRulesContext *ctx,
                                            GError              **error);

/* An offer's value (its base "value" plus its value-adds) or an agreement's "value",
 * exactly, for display; value_adds (may be NULL) gets the part from value-adds. What is no
 * amount is left out; FALSE when the record holds no amount at all. */
gboolean     rd_renewal_total_money        (JsonObject  *body,
                                            RdMoney     *total,
                                            RdMoney     *value_adds);

/* rd_rules_ace_state() for an offer and the agreement it renews (NULL: nothing to compare
 * with), on rd_renewal_total_money() of each, exactly: both values must be there and be
 * amounts, every value-add amount given too, in one currency (a missing one is its own
 * unknown currency). growth, when not NULL, is set to how much more the offer is worth
 * (negative for less), or zero when the two do not compare. */
RdAceState   rd_renewal_ace_state          (JsonObject  *offer,
                                            JsonObject  *renewed_agreement,
                                            RdMoney     *growth);
gboolean     rd_renewal_ace_validated      (JsonObject  *offer,
                                            JsonObject  *renewed_agreement);
/* TRUE when an open offer's ACE data was never reviewed or not in the last 7 days. */
gboolean     rd_renewal_ace_review_due     (JsonObject  *offer,
                                            const GDate *today);

/* The latest entry of the "activities" log (by date, then by position), NULL if none. */
JsonObject  *rd_renewal_last_activity      (JsonObject  *body);
/* "2026-03-02 · Call" style text of the last touch, NULL if none. Translated. */
char        *rd_renewal_dup_last_touch     (JsonObject  *body);
const char  *rd_renewal_activity_type_label (const char *type);

/* Spelled values (rd-fields.h's vocabularies); NULL-terminated. */
#define rd_stakeholder_roles         (rd_vocabulary_values (&rd_vocabulary_stakeholder_role))
#define rd_stakeholder_organisations \
  (rd_vocabulary_values (&rd_vocabulary_stakeholder_organisation))
#define rd_activity_types            (rd_vocabulary_values (&rd_vocabulary_activity_type))

const char  *rd_renewal_stakeholder_role_label         (const char *role);
const char  *rd_renewal_stakeholder_organisation_label (const char *organisation);

/* A mailto: URI to every well-formed, distinct stakeholder address; NULL when none. */
char        *rd_renewal_dup_stakeholders_mailto (JsonObject *body);

G_END_DECLS
