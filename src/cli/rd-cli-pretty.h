/* rd-cli-pretty.h
 *
 * A record as `show --json` prints it (json-glib's pretty form, "_id" and "_rev" first, then
 * the body's members in their stored order). `list --json` prints each record straight from
 * its stored text, with no tree built, so that listing costs about what reading the rows costs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-record.h"

G_BEGIN_DECLS

/* The record as one JSON object node: "_id", "_rev" (if any), then the body's members. */
JsonNode *rd_cli_record_to_node       (RdRecord   *record);

/* Appends the record (id, rev — NULL for none — and the stored body text) as json-glib's
 * pretty generator prints rd_cli_record_to_node(), every line indented by indent spaces. */
void      rd_cli_pretty_append_record (GString    *out,
                                       const char *id,
                                       const char *rev,
                                       const char *body,
                                       guint       indent);

/* The same, read straight from the text. Returns FALSE, with out as it was, when body is not
 * in the compact form the store writes (whitespace, \u escapes, fractions, repeated names,
 * invalid UTF-8, …), which json-glib would not print back as it is stored. */
gboolean  rd_cli_pretty_append_direct (GString    *out,
                                       const char *id,
                                       const char *rev,
                                       const char *body,
                                       guint       indent);

/* The same through json-glib's parser and generator; a body that does not parse prints as
 * an empty one. */
void      rd_cli_pretty_append_parsed (GString    *out,
                                       const char *id,
                                       const char *rev,
                                       const char *body,
                                       guint       indent);

G_END_DECLS
