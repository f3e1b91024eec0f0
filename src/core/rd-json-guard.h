/* rd-json-guard.h
 *
 * A fast scan of JSON text that came from outside (server replies, command-line input,
 * imported files) before json-glib parses it: json-glib recurses once per nesting level and
 * turns 1e999 into infinity, which it then writes back as text that is not JSON. The scan
 * refuses nesting deeper than a limit and non-finite numbers, and says where; it uses no
 * recursion itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RD_JSON_GUARD_ERROR (rd_json_guard_error_quark ())

/* Records nest a few levels (a payment schedule is 3); nothing the project writes comes near. */
#define RD_JSON_GUARD_MAX_DEPTH 64

typedef enum
{
  RD_JSON_GUARD_ERROR_TOO_DEEP,   /* arrays and objects nested deeper than the limit */
  RD_JSON_GUARD_ERROR_NON_FINITE, /* 1e999, nan, inf, Infinity: no finite double */
} RdJsonGuardError;

GQuark      rd_json_guard_error_quark (void);

/* TRUE when text (length bytes, or NUL-terminated when length < 0) nests at most max_depth
 * levels and has no non-finite number. Other syntax errors are left to the parser. */
gboolean    rd_json_guard_check       (const char  *text,
                                       gssize       length,
                                       guint        max_depth,
                                       GError     **error);

/* The root node, or NULL with a RD_JSON_GUARD_ERROR or a JSON_PARSER_ERROR. Strict JSON
 * within RD_JSON_GUARD_MAX_DEPTH is read by rd_json_strict_read (the same nodes, quicker);
 * any other text goes through rd_json_guard_check, then json-glib, for their errors. */
JsonNode   *rd_json_guard_parse       (const char  *text,
                                       gssize       length,
                                       GError     **error);
/* The same with max_depth. Both are safe on any thread. */
JsonNode   *rd_json_guard_parse_to_depth (const char  *text,
                                          gssize       length,
                                          guint        max_depth,
                                          GError     **error);

G_END_DECLS
