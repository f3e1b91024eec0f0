/* rd-record.h
 *
 * One document of the store (an agreement, an offer, a template, ...): its id, its CouchDB
 * revision and its JSON body, with typed access to the fields the views show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RD_TYPE_RECORD (rd_record_get_type ())
G_DECLARE_FINAL_TYPE (RdRecord, rd_record, RD, RECORD, GObject)

RdRecord    *rd_record_new               (const char *id,
                                          JsonObject *body);
RdRecord    *rd_record_new_from_json     (const char *id,
                                          const char *json,
                                          GError    **error);
const char  *rd_record_get_id            (RdRecord   *self);
const char  *rd_record_get_rev           (RdRecord   *self);
void         rd_record_set_rev           (RdRecord   *self,
                                          const char *rev);
gboolean     rd_record_get_deleted       (RdRecord   *self);
void         rd_record_set_deleted       (RdRecord   *self,
                                          gboolean    deleted);
gboolean     rd_record_get_dirty         (RdRecord   *self);
void         rd_record_set_dirty         (RdRecord   *self,
                                          gboolean    dirty);
JsonObject  *rd_record_get_body          (RdRecord   *self);
JsonObject  *rd_record_dup_body          (RdRecord   *self);
char        *rd_record_to_json           (RdRecord   *self,
                                          gboolean    pretty);

const char  *rd_record_get_string        (RdRecord   *self,
                                          const char *field);
double       rd_record_get_double        (RdRecord   *self,
                                          const char *field,
                                          double      fallback);
gboolean     rd_record_get_boolean       (RdRecord   *self,
                                          const char *field,
                                          gboolean    fallback);
void         rd_record_set_string        (RdRecord   *self,
                                          const char *field,
                                          const char *value);

/* Typed access; these read agreements and offers alike (an offer's start/end are its
 * agreement_start_date/agreement_end_date). */
const char  *rd_record_get_doc_type      (RdRecord   *self);
gboolean     rd_record_is_agreement      (RdRecord   *self);
gboolean     rd_record_is_offer          (RdRecord   *self);
const char  *rd_record_get_customer      (RdRecord   *self);
const char  *rd_record_get_product_title (RdRecord   *self);
const char  *rd_record_get_product_id    (RdRecord   *self);
const char  *rd_record_get_kind          (RdRecord   *self);
const char  *rd_record_get_stage         (RdRecord   *self);
const char  *rd_record_get_start_date    (RdRecord   *self);
const char  *rd_record_get_end_date      (RdRecord   *self);
const char  *rd_record_get_currency      (RdRecord   *self);
double       rd_record_get_value         (RdRecord   *self);
char        *rd_record_dup_title         (RdRecord   *self);

/* Copies keep the members of objects in their order. */
JsonNode    *rd_json_node_deep_copy      (JsonNode   *node);
/* A string member of object (which may be NULL), or NULL when absent or not a string. */
const char  *rd_json_get_string          (JsonObject *object,
                                          const char *field);
JsonObject  *rd_json_object_deep_copy    (JsonObject *object);

/* Shared by the store and the record: the field an agreement or an offer keeps a date in. */
const char  *rd_doc_start_field          (const char *type);
const char  *rd_doc_end_field            (const char *type);

G_END_DECLS
