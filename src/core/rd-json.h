/* rd-json.h
 *
 * JSON helpers shared by the store, sync and import: documents from and to text, and the
 * RFC 7386 merge patch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The object in json; anything else is an RD_STORE_ERROR_INVALID error. */
JsonObject *rd_json_object_from_string (const char  *json,
                                        GError     **error);
/* Compact text of object. */
char       *rd_json_object_to_string   (JsonObject  *object);
/* RFC 7386 JSON merge patch of target, in place: members target has keep their place,
 * new ones are appended in the patch's order. */
void        rd_json_merge_patch        (JsonObject  *target,
                                        JsonObject  *patch);

G_END_DECLS
