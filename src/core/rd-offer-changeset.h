/* rd-offer-changeset.h
 *
 * A drafted renewal offer as the AWS Marketplace Catalog API change set that publishes it
 * (StartChangeSet on catalog "AWSMarketplace"), and the way back: which record field a
 * change of that set concerns. Pure functions on plain data: no store, no network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "rd-rules.h"

G_BEGIN_DECLS

#define RD_OFFER_CHANGESET_CATALOG      "AWSMarketplace"
#define RD_OFFER_CHANGESET_ENTITY_TYPE  "Offer@1.0"
/* The ChangeName of the change that creates the offer; the model's pattern is ^[a-zA-Z]$. */
#define RD_OFFER_CHANGESET_CHANGE_NAME  "O"
#define RD_OFFER_CHANGESET_IDENTIFIER   "$O.Entity.Identifier"
/* Standard Contract for AWS Marketplace, the version AWS accepts for new offers. */
#define RD_OFFER_CHANGESET_SCMP_VERSION "2022-07-14"

/* The StartChangeSet input that creates, completes and releases the private offer described
 * by offer (an "offer" record body). agreement is the body of the agreement it renews (NULL
 * if none); role is the seller's. Returns {"Catalog", "ChangeSet"}, or NULL after adding to
 * errors (RdFieldError) when the offer cannot be expressed as a change set at all. Members
 * the record lacks are left out; rd_offer_changeset_check_details() reports them. */
JsonObject  *rd_offer_changeset_build          (JsonObject  *offer,
                                                JsonObject  *agreement,
                                                RdRole       role,
                                                GPtrArray   *errors);

/* The record field an error in a change of change_type concerns ("agreement_start_date"),
 * refined by AWS's error_code (may be NULL); NULL when no single field is concerned. */
const char  *rd_offer_changeset_field_for      (const char  *change_type,
                                                const char  *error_code);

/* Everything checked before anything is sent: the local rules on the offer (as of
 * ctx->today, for ctx->role), the mapping and every change's details. Returns the
 * violations (never NULL); *request (may be NULL) gets the change set when there is none. */
GPtrArray   *rd_offer_changeset_check          (JsonObject           *offer,
                                                JsonObject           *agreement,
                                                const RdRulesContext *ctx,
                                                JsonObject          **request);

G_END_DECLS
