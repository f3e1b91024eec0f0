/* rd-fields.h
 *
 * The one schema of the documents (DESIGN §2): every field a record may carry, with its JSON
 * type, its label, the editor group it belongs to, where it applies, and the vocabularies of
 * spelled values with their labels. The rules, the editor, the conflict resolver, the labels
 * and the CSV export read this table; adding a field is adding one entry to it.
 *
 * Fields the schema does not know are not errors: a newer client's fields are kept as-is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define RD_FIELDS_ERROR (rd_fields_error_quark ())

typedef enum
{
  RD_FIELDS_ERROR_INVALID, /* the body does not match the schema; the message lists why */
} RdFieldsError;

/* The JSON shape a field holds. JSON null and an absent member both mean "not set". */
typedef enum
{
  RD_FIELD_TYPE_TEXT,        /* string */
  RD_FIELD_TYPE_DATE,        /* string, YYYY-MM-DD */
  RD_FIELD_TYPE_CHOICE,      /* string, one value of the field's vocabulary */
  RD_FIELD_TYPE_AMOUNT,      /* exact decimal string such as "120000.50" (rd-money.h); an
                              * older client's number is read as its shortest text */
  RD_FIELD_TYPE_NUMBER,      /* number */
  RD_FIELD_TYPE_INTEGER,     /* whole number */
  RD_FIELD_TYPE_BOOLEAN,     /* true or false */
  RD_FIELD_TYPE_TEXT_LIST,   /* array of strings */
  RD_FIELD_TYPE_OBJECT_LIST, /* array of objects (line items: installments, stakeholders...) */
  RD_FIELD_TYPE_OBJECT,      /* object (milestones: {"90": "done"}) */
} RdFieldType;

/* Where a field is shown in the record editor, in this order. */
typedef enum
{
  RD_FIELD_GROUP_CUSTOMER,
  RD_FIELD_GROUP_PARTIES,
  RD_FIELD_GROUP_RENEWAL,
  RD_FIELD_GROUP_DATES,
  RD_FIELD_GROUP_COMMERCIAL,
  RD_FIELD_GROUP_IDS,
  RD_FIELD_GROUP_ACE,
  RD_FIELD_GROUP_WORKFLOW, /* edited by the workflow part of the editor, not as a form row */
  RD_FIELD_GROUP_NONE,     /* kept in the document, not edited */
} RdFieldGroup;

/* Document types, as a mask. */
typedef enum
{
  RD_DOC_AGREEMENT = 1 << 0,
  RD_DOC_OFFER     = 1 << 1,
  RD_DOC_TEMPLATE  = 1 << 2,
  RD_DOC_TARGET    = 1 << 3, /* a team's quarterly renewal target in one currency */
  RD_DOC_RECORD    = RD_DOC_AGREEMENT | RD_DOC_OFFER,
  RD_DOC_ANY       = RD_DOC_AGREEMENT | RD_DOC_OFFER | RD_DOC_TEMPLATE | RD_DOC_TARGET,
} RdDocTypes;

typedef enum
{
  RD_FIELD_READ_ONLY = 1 << 0, /* the form shows it but the user does not edit it */
  RD_FIELD_ISV_ONLY  = 1 << 1, /* shown only when the user's role is ISV */
  RD_FIELD_PO_ONLY   = 1 << 2, /* shown while the kind is not CPPO */
  RD_FIELD_CPPO_ONLY = 1 << 3, /* shown while the kind is CPPO; dropped from other kinds */
  RD_FIELD_DERIVED   = 1 << 4, /* not in the body: computed for the CSV export (id, days_left) */
} RdFieldFlags;

/* A format a text field's value must have, checked by rd-rules.h. */
typedef enum
{
  RD_FIELD_FORMAT_NONE,
  RD_FIELD_FORMAT_ACCOUNT_ID,
  RD_FIELD_FORMAT_AGREEMENT_ID,
  RD_FIELD_FORMAT_OFFER_ID,
  RD_FIELD_FORMAT_PRODUCT_ID,
  RD_FIELD_FORMAT_RESALE_AUTHORIZATION_ID,
  RD_FIELD_FORMAT_ACE_OPPORTUNITY_ID,
  RD_FIELD_FORMAT_EMAIL,
} RdFieldFormat;

/* One spelled value and what the user reads for it. */
typedef struct
{
  const char *value;
  const char *label; /* untranslated; rd_vocabulary_label() translates */
  const char *group; /* a value of another vocabulary it belongs to (a role's organisation) */
} RdChoice;

typedef struct _RdVocabulary RdVocabulary;

struct _RdVocabulary
{
  guint               id;               /* its index among the vocabularies */
  const char         *name;             /* "stage" */
  const char         *context;          /* msgctxt of the labels, or NULL */
  const RdChoice     *choices;          /* ends with an all-NULL entry */
  const char         *invalid_message;  /* "“%s” is not a pipeline stage. Use one of: %s." */
  const RdVocabulary *group_vocabulary; /* of the choices' groups, NULL: not grouped */
  const char         *ungrouped_label;  /* untranslated group label of choices without one */
};

typedef struct
{
  const char          *name;              /* the document member, snake_case */
  RdFieldType          type;
  const char          *label;             /* untranslated; rd_field_get_label() translates */
  RdFieldGroup         group;
  RdDocTypes           types;             /* the documents it belongs to */
  RdDocTypes           form;              /* the documents whose editor shows it */
  RdDocTypes           required;          /* the documents that must have it */
  RdFieldFlags         flags;
  RdFieldFormat        format;
  const RdVocabulary  *vocabulary;        /* of a CHOICE field, or of a TEXT_LIST's items */
  guint                csv_column;        /* position in the CSV export from 1; 0: not there */
  const char          *required_message;  /* untranslated, or NULL for the generic one */
  const char          *type_message;      /* untranslated, or NULL for the generic one */
  const char          *description;       /* untranslated line under the row, or NULL */
} RdField;

/* A problem with one field of a document. */
typedef struct
{
  char *field;   /* the document field, snake_case: "agreement_start_date" */
  char *message; /* translated, says what is wrong and what to do */
} RdFieldError;

typedef enum
{
  RD_FIELDS_CHECK_TYPES    = 0,      /* JSON types, vocabularies and date syntax only */
  RD_FIELDS_CHECK_REQUIRED = 1 << 0, /* and the fields the document's type requires */
} RdFieldsCheckFlags;

GQuark              rd_fields_error_quark  (void);

RdFieldError       *rd_field_error_new     (const char   *field,
                                            const char   *message);
void                rd_field_error_free    (RdFieldError *error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdFieldError, rd_field_error_free)
/* An empty array of RdFieldError that frees its elements. */
GPtrArray          *rd_field_errors_new    (void);

/* The vocabularies. */
extern const RdVocabulary rd_vocabulary_doc_type;
extern const RdVocabulary rd_vocabulary_kind;
extern const RdVocabulary rd_vocabulary_product_type;
extern const RdVocabulary rd_vocabulary_renewal_mechanism;
extern const RdVocabulary rd_vocabulary_stage;
extern const RdVocabulary rd_vocabulary_status;
extern const RdVocabulary rd_vocabulary_scenario;
extern const RdVocabulary rd_vocabulary_ace_stage;
extern const RdVocabulary rd_vocabulary_stakeholder_organisation;
extern const RdVocabulary rd_vocabulary_stakeholder_role;
extern const RdVocabulary rd_vocabulary_activity_type;
extern const RdVocabulary rd_vocabulary_template_kind;
extern const RdVocabulary rd_vocabulary_template_touchpoint;

/* The vocabulary called name ("stage", "product_type", "stakeholder_role"...), or NULL. */
const RdVocabulary *rd_vocabulary_lookup   (const char         *name);
/* The spelled values in order, NULL-terminated; owned by the vocabulary, lives forever. */
const char * const *rd_vocabulary_values   (const RdVocabulary *vocabulary);
guint               rd_vocabulary_get_n_choices (const RdVocabulary *vocabulary);
gboolean            rd_vocabulary_contains (const RdVocabulary *vocabulary,
                                            const char         *value);
/* The translated label of value, or NULL when value is not in the vocabulary. */
const char         *rd_vocabulary_label    (const RdVocabulary *vocabulary,
                                            const char         *value);
/* The label of value with its group's, translated, for a list grouped by group: "AWS: Solutions
 * Architect (SA)"; the plain label when the vocabulary has no groups; NULL for no value. */
char               *rd_vocabulary_dup_grouped_label (const RdVocabulary *vocabulary,
                                                     const char         *value);
/* The group (e.g. the organisation of a stakeholder role) of value, or NULL. */
const char         *rd_vocabulary_group_of (const RdVocabulary *vocabulary,
                                            const char         *value);

/* Every field, in editor order; n_fields set to their number. */
const RdField      *rd_fields_get_all      (guint              *n_fields);
/* The field name of documents of type doc_type ("offer"; NULL: any type), or NULL. */
const RdField      *rd_fields_lookup       (const char         *doc_type,
                                            const char         *name);
/* The RdDocTypes bit of a document type, 0 for an unknown type. */
RdDocTypes          rd_fields_doc_type_from_string (const char *doc_type);
/* The field's label, translated. */
const char         *rd_field_get_label     (const RdField      *field);
/* The translated label of a field's name (the first field of that name, for any type); name
 * itself when the schema does not know it. */
const char         *rd_fields_label_for    (const char         *name);
/* The translated label of value in field name of any record type; "" for NULL or "", value
 * itself when it is not spelled there (a newer client's value is shown, not hidden). */
const char         *rd_fields_value_label  (const char         *name,
                                            const char         *value);

/* The columns of the CSV export, in order, NULL-terminated; lives forever. */
const char * const *rd_fields_csv_columns  (void);

/* Type-checks body against the schema of its "type": each field the schema knows and the body
 * holds (not null) must have its RdFieldType (a CHOICE one of its vocabulary, a DATE a real
 * YYYY-MM-DD date, a TEXT_LIST of e-mails only strings); with RD_FIELDS_CHECK_REQUIRED, the
 * fields the type requires must be present and not blank. A missing or unknown "type" is an
 * error on "type". Value rules (FDA dates, e-mail counts, ID formats) are rd-rules.h's job.
 *
 * Returns an array of RdFieldError in schema order, at most one per field; never NULL, empty
 * when the body conforms. Safe on any JsonObject, including one straight from the network. */
GPtrArray          *rd_fields_check_body   (JsonObject         *body,
                                            RdFieldsCheckFlags  flags);
/* rd_fields_check_body() as a GError: FALSE with RD_FIELDS_ERROR_INVALID, whose message is
 * the field errors' messages, one per line, when body does not conform. */
gboolean            rd_fields_validate_body (JsonObject        *body,
                                             RdFieldsCheckFlags flags,
                                             GError           **error);

/* Compatibility names of the spelled values, NULL-terminated. */
#define rd_document_types     (rd_vocabulary_values (&rd_vocabulary_doc_type))
#define rd_product_types      (rd_vocabulary_values (&rd_vocabulary_product_type))
#define rd_renewal_mechanisms (rd_vocabulary_values (&rd_vocabulary_renewal_mechanism))
#define rd_stages             (rd_vocabulary_values (&rd_vocabulary_stage))
#define rd_kinds              (rd_vocabulary_values (&rd_vocabulary_kind))
#define rd_agreement_statuses (rd_vocabulary_values (&rd_vocabulary_status))

G_END_DECLS
