/* rd-offer-changeset-schema.h
 *
 * The Details schema of each Catalog API change type a renewal offer's change set uses, as
 * a small table of AWS's synchronous validations, checked before anything is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* TRUE for the change types the schema table knows (the ones a renewal offer uses). */
gboolean     rd_offer_changeset_is_known_type  (const char  *change_type);

/* Each change of request (a StartChangeSet input) against its type's schema; appends one
 * RdFieldError per violation to errors, its field named as the offer record names it. */
void         rd_offer_changeset_check_details  (JsonObject  *request,
                                                GPtrArray   *errors);

G_END_DECLS
