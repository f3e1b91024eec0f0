/* rd-aws-json.h
 *
 * Tolerant reading of AWS answers: a member of the wanted kind, or NULL when it is missing
 * or of another kind, so that one odd field never fails a whole import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject  *rd_aws_json_object  (JsonObject *object,
                                  const char *name);
JsonArray   *rd_aws_json_array   (JsonObject *object,
                                  const char *name);
const char  *rd_aws_json_string  (JsonObject *object,
                                  const char *name);
/* The array's element @index if it is an object, else NULL. */
JsonObject  *rd_aws_json_element (JsonArray  *array,
                                  guint       index);
/* A decimal amount as AWS writes it ("1200.00"), as the exact string a record stores
 * (rd-money.h); NULL for anything else. */
char        *rd_aws_json_dup_amount   (const char *text);

/* An AWS timestamp (epoch seconds, or ISO 8601 text, or a plain YYYY-MM-DD day) as the UTC
 * calendar day, YYYY-MM-DD; NULL for anything else. */
char        *rd_aws_timestamp_to_date (JsonNode  *timestamp);
/* Sets record's name to the day of timestamp; when it has none, to null if null_if_none,
 * else leaves it as it is. */
void         rd_aws_json_set_date     (JsonObject *record,
                                       const char *name,
                                       JsonNode   *timestamp,
                                       gboolean    null_if_none);
/* An ISO 8601 duration in whole months or years ("P12M" → 12, "P3Y" → 36); 0 for anything
 * else (days, mixed forms). */
int          rd_aws_json_duration_months (const char *iso);

G_END_DECLS
