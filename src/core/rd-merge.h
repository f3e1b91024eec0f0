/* rd-merge.h
 *
 * The pure part of sync's merge (DESIGN §5): a top-level field 3-way merge of JSON documents,
 * the user's per-field choices applied to it, and CouchDB's reserved members stripped. Plain
 * functions on plain JSON: no store, no SQL, no HTTP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  RD_MERGE_CHOICE_NONE,
  RD_MERGE_CHOICE_MINE,
  RD_MERGE_CHOICE_THEIRS,
} RdMergeChoice;

/* Top-level field 3-way merge. base NULL means no common ancestor (every field that differs
 * is a conflict). Conflicting fields keep mine in the result; their names (newly allocated)
 * are added to conflicts when it is not NULL. Fields keep mine's order, then theirs'. */
JsonObject    *rd_merge_three_way       (JsonObject  *base,
                                         JsonObject  *mine,
                                         JsonObject  *theirs,
                                         GPtrArray   *conflicts);
/* The merge with the user's choices ({"field": "mine"|"theirs"}) applied to the conflicting
 * fields. The names of conflicting fields without a choice are added to open (if not NULL). */
JsonObject    *rd_merge_with_choices    (JsonObject  *base,
                                         JsonObject  *mine,
                                         JsonObject  *theirs,
                                         JsonObject  *choices,
                                         GPtrArray   *open);
RdMergeChoice  rd_merge_choice_of       (JsonObject  *choices,
                                         const char  *field);
/* A copy of a CouchDB document without CouchDB's own special members ("_id", "_rev",
 * "_conflicts", "_attachments", ...). Any other "_" member stays, so that the record check
 * (rd-record-check.h) refuses the document. */
JsonObject    *rd_merge_strip_reserved  (JsonObject  *doc);
/* The same, in doc itself: for a document no one else holds (a pulled page's). */
void           rd_merge_remove_reserved (JsonObject  *doc);
/* Deep equality; NULL equals only NULL. */
gboolean       rd_merge_nodes_equal     (JsonNode    *a,
                                         JsonNode    *b);
gboolean       rd_merge_objects_equal   (JsonObject  *a,
                                         JsonObject  *b);

G_END_DECLS
