/* rd-template.h
 *
 * Call scripts, questionnaires and e-mails with placeholders ({customer}, {end_date}, ...),
 * stored as documents of type "template" so that they sync like every other record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "rd-fields.h"
#include "rd-store.h"

G_BEGIN_DECLS

/* Spelled values of a template's "kind" and "touchpoint" (rd-fields.h); NULL-terminated. */
#define rd_template_kinds       (rd_vocabulary_values (&rd_vocabulary_template_kind))
#define rd_template_touchpoints (rd_vocabulary_values (&rd_vocabulary_template_touchpoint))
/* The placeholders a template may use, without braces; NULL-terminated. */
extern const char * const rd_template_placeholders[];

/* What a placeholder with no value becomes: an em dash, so that a gap in a rendered
 * script or e-mail is visible to the reader instead of silently closing up the sentence. */
#define RD_TEMPLATE_MISSING "—"

const char  *rd_template_kind_label        (const char  *kind);
const char  *rd_template_touchpoint_label  (const char  *touchpoint);

/* Placeholder name → value, from an agreement or offer body. For an offer, end_date and
 * agreement_id are those of the agreement it renews (renewed_agreement, may be NULL);
 * days_left counts from today to that end date. Values that are unknown are absent. */
GHashTable  *rd_template_values_new        (JsonObject  *record,
                                            JsonObject  *renewed_agreement,
                                            const GDate *today);

/* Replaces every {name} whose name is a known placeholder by its value in values
 * (RD_TEMPLATE_MISSING when it has none). Anything else is copied as it is, braces and all;
 * names of unknown placeholders ({name} with name made of ASCII letters, digits and '_')
 * are added, once each, to unknown when it is not NULL. Values are not expanded again. */
char        *rd_template_render            (const char  *text,
                                            GHashTable  *values,
                                            GPtrArray   *unknown);

/* mailto:a@x,b@y?subject=...&body=... with every part percent-encoded (RFC 6068).
 * to may be NULL or empty; subject and body may be NULL. */
char        *rd_template_build_mailto      (const char * const *to,
                                            const char  *subject,
                                            const char  *body);

/* The templates that ship with the app, as new documents (element type JsonObject). */
GPtrArray   *rd_template_dup_defaults      (void);
/* Inserts the shipped templates when the store has none and never had them installed.
 * Returns the number inserted. */
guint        rd_template_install_defaults  (RdStore     *store,
                                            GError     **error);

G_END_DECLS
