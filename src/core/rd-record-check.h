/* rd-record-check.h
 *
 * What every record must be before it is stored, whoever writes it (add, update, import):
 * an id CouchDB accepts as a document id and that is not one of its reserved "_" ids, no
 * "_" members (CouchDB's own), a type that does not change, every field of the type the
 * schema (rd-fields.h) gives it (a type the schema does not know keeps its fields as sent),
 * and dates an iCalendar file can carry. The store checks every body it is given with these
 * (rd_store_insert/update/merge_patch, and so the editor, imports, renewals); sync checks a
 * pulled document with rd_record_check_pulled_doc().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RD_RECORD_CHECK_ERROR (rd_record_check_error_quark ())

typedef enum
{
  RD_RECORD_CHECK_ERROR_INVALID_ID,
  RD_RECORD_CHECK_ERROR_RESERVED_FIELD,
  RD_RECORD_CHECK_ERROR_TYPE_CHANGE,
  RD_RECORD_CHECK_ERROR_SCHEMA,
  RD_RECORD_CHECK_ERROR_DATE_RANGE,
} RdRecordCheckError;

/* Ids are at most this many bytes (a UUID is 36). */
#define RD_RECORD_ID_MAX_BYTES 200
/* The last year a record's dates may fall in: an all-day event ends the day after, and
 * RFC 5545 writes four-digit years. */
#define RD_RECORD_LAST_YEAR 9998
/* Text from the user quoted in a message is cut to this many characters. */
#define RD_RECORD_QUOTE_MAX_CHARS 64

GQuark      rd_record_check_error_quark (void);

/* id for a message: cut to RD_RECORD_QUOTE_MAX_CHARS, invalid UTF-8 and control characters
 * replaced. */
char       *rd_record_dup_quoted_id     (const char  *id);

/* A non-empty UTF-8 id of at most RD_RECORD_ID_MAX_BYTES, without control characters, not
 * starting with "_". */
gboolean    rd_record_check_id          (const char  *id,
                                         GError     **error);

/* A body about to be added: its "_id" (when set) a valid id, no other "_" member, every
 * field of the schema's type, every date at most RD_RECORD_LAST_YEAR. */
gboolean    rd_record_check_new_body    (JsonObject  *body,
                                         GError     **error);

/* A changed body (after a merge patch): as rd_record_check_new_body(), with the "type" and
 * "_id" of old_body. */
gboolean    rd_record_check_changed_body (JsonObject *old_body,
                                          JsonObject *new_body,
                                          GError    **error);

/* A body replacing a stored record whose type is old_type (NULL: no stored record): the same
 * type, no "_" member at all, every field of the schema's type, dates in range. */
gboolean    rd_record_check_replacement (const char  *old_type,
                                         JsonObject  *new_body,
                                         GError     **error);

/* A document pulled from the server, before it is stored: as rd_record_check_new_body(),
 * except that the members CouchDB itself sends (_rev, _deleted, _conflicts, _revisions…)
 * are allowed; when the record exists here (local_type set), its type must not change. A
 * deleted document (a tombstone) passes. */
gboolean    rd_record_check_pulled_doc  (JsonObject  *doc,
                                         const char  *local_type,
                                         GError     **error);

G_END_DECLS
