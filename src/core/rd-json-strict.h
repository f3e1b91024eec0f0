/* rd-json-strict.h
 *
 * A quick reader of strict JSON (RFC 8259) into json-glib nodes, for the large texts the
 * project parses in bulk (a sync pull's _changes pages). It reads only what it is sure of:
 * anything else (a syntax error, nesting deeper than a limit, an integer past 18 digits, a
 * number no finite double holds, a repeated or empty member name, a raw control character
 * or \u0000 in a string, a lone surrogate, text that is not UTF-8, a NUL) returns NULL
 * without an error, and the caller hands the text to json-glib, whose
 * answer and error messages stay what they were (rd_json_guard_parse does so).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The root node of text (length bytes), as json-glib's parser builds it, or NULL when the
 * text is not one it reads (see above). Safe on any thread. */
JsonNode *rd_json_strict_read (const char *text,
                               gsize       length,
                               guint       max_depth);

G_END_DECLS
