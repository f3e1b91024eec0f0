/* rd-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rd-csv.h"
#include "rd-date.h"
#include "rd-importer.h"
#include "rd-rules.h"
#include "rd-store-private.h"

G_DEFINE_QUARK (rd-import-error-quark, rd_import_error)

/* The last imported values live in the record, so that the next import can tell a field
 * the user changed (keep it) from one AWS changed (take it): a three-way merge. */
#define IMPORT_BASE "import_base"

const char * const rd_import_aws_fields[] = {
  "agreement_id", "offer_id", "product_id", "product_title", "product_type",
  "customer", "buyer_account_id", "isv", "isv_account_id", "channel_partner",
  "channel_partner_account_id", "kind", "resale_authorization_id", "start_date", "end_date",
  "status", "value", "currency", "auto_renew", "preceding_agreement_id", "payment_schedule",
  "pricing_dimensions", "acceptance_date", "validity_end_date", "replaced_by_agreement_id",
  NULL
};

const char * const rd_import_offer_fields[] = {
  "offer_id", "offer_name", "product_id", "product_title", "product_type", "customer",
  "buyer_account_ids", "kind", "resale_authorization_id", "isv_account_id",
  "channel_partner_account_id", "renewal_mechanism", "offer_expiration_date",
  "agreement_start_date", "agreement_end_date", "duration_months", "pricing_dimensions",
  "payment_schedule", "currency", "is_renewal", "auto_renew", "aws_state",
  "accepted_agreement_id", "target_agreement_id", "stage",
  NULL
};

RdImportResult *
rd_import_result_new (void)
{
  RdImportResult *result = g_new0 (RdImportResult, 1);

  result->failures = g_ptr_array_new_with_free_func (g_free);
  result->notices = g_ptr_array_new_with_free_func (g_free);
  return result;
}

void
rd_import_result_free (RdImportResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->failures);
  g_ptr_array_unref (result->notices);
  g_free (result);
}

char *
rd_import_result_dup_summary (RdImportResult *result)
{
  /* Translators: the summary of an import, e.g. "3 new, 1 updated, 10 unchanged, 0 failed" */
  return g_strdup_printf (_("%u new, %u updated, %u unchanged, %u failed"),
                          result->added, result->updated, result->unchanged, result->failed);
}

struct _RdImporter
{
  RdStore            *store;
  /* "agreement" keyed by agreement_id, or "offer" keyed by offer_id. */
  const char         *type;
  const char         *key;
  const char * const *fields;          /* the fields AWS owns on this type */
  GHashTable         *by_agreement_id; /* key → record id (deleted records included) */
  GHashTable         *deleted;         /* record ids of deleted records */
};

static RdImporter *
importer_new (RdStore             *store,
              const char          *type,
              const char          *key,
              const char * const  *fields,
              GError             **error)
{
  g_autoptr (RdImporter) importer = g_new0 (RdImporter, 1);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  importer->store = g_object_ref (store);
  importer->type = type;
  importer->key = key;
  importer->fields = fields;
  importer->by_agreement_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  importer->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  sql = g_strdup_printf ("SELECT id, json_extract (body, '$.%s'), deleted FROM docs "
                         "WHERE type = '%s'", key, type);
  stmt = rd_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *agreement_id = (const char *) sqlite3_column_text (stmt, 1);

      if (agreement_id == NULL)
        continue;
      g_hash_table_replace (importer->by_agreement_id, g_strdup (agreement_id), g_strdup (id));
      if (sqlite3_column_int (stmt, 2))
        g_hash_table_add (importer->deleted, g_strdup (id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rd_store_set_sqlite_error (store, error, _("reading agreements"));
      return NULL;
    }
  return g_steal_pointer (&importer);
}

RdImporter *
rd_importer_new (RdStore  *store,
                 GError  **error)
{
  return importer_new (store, "agreement", "agreement_id", rd_import_aws_fields, error);
}

RdImporter *
rd_importer_new_for_offers (RdStore  *store,
                            GError  **error)
{
  return importer_new (store, "offer", "offer_id", rd_import_offer_fields, error);
}

void
rd_importer_free (RdImporter *importer)
{
  if (importer == NULL)
    return;
  g_clear_object (&importer->store);
  g_clear_pointer (&importer->by_agreement_id, g_hash_table_unref);
  g_clear_pointer (&importer->deleted, g_hash_table_unref);
  g_free (importer);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonObject *
aws_fields_of (RdImporter *importer,
               JsonObject *body)
{
  JsonObject *fields = json_object_new ();

  for (guint i = 0; importer->fields[i]; i++)
    {
      JsonNode *node = json_object_get_member (body, importer->fields[i]);

      if (node != NULL)
        json_object_set_member (fields, importer->fields[i], rd_json_node_deep_copy (node));
    }
  return fields;
}

/* Local record + last import (base) + this import (theirs) → merged body. */
static JsonObject *
merge_import (RdImporter *importer,
              JsonObject *local,
              JsonObject *incoming)
{
  JsonObject *merged = rd_json_object_deep_copy (local);
  JsonNode *base_node = json_object_get_member (local, IMPORT_BASE);
  JsonObject *base = base_node && JSON_NODE_HOLDS_OBJECT (base_node)
                       ? json_node_get_object (base_node) : NULL;

  for (guint i = 0; importer->fields[i]; i++)
    {
      const char *field = importer->fields[i];
      JsonNode *mine = json_object_get_member (local, field);
      JsonNode *theirs = json_object_get_member (incoming, field);
      JsonNode *was = base ? json_object_get_member (base, field) : NULL;

      /* Without a base (a record typed in by hand), a value the user set wins. */
      if (base == NULL ? mine != NULL && !JSON_NODE_HOLDS_NULL (mine) : !nodes_equal (mine, was))
        continue;
      if (theirs == NULL)
        json_object_remove_member (merged, field);
      else
        json_object_set_member (merged, field, rd_json_node_deep_copy (theirs));
    }
  json_object_set_object_member (merged, IMPORT_BASE, aws_fields_of (importer, incoming));
  return merged;
}

static void
link_chain (RdImporter *importer,
            JsonObject *body)
{
  const char *preceding = json_object_get_string_member_with_default (body,
                                                                      "preceding_agreement_id",
                                                                      NULL);
  const char *record;

  if (preceding == NULL || !g_str_equal (importer->type, "agreement"))
    return;
  record = g_hash_table_lookup (importer->by_agreement_id, preceding);
  if (record != NULL && !json_object_has_member (body, "preceding_record_id"))
    json_object_set_string_member (body, "preceding_record_id", record);
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *oa = *(JsonObject **) a;
  JsonObject *ob = *(JsonObject **) b;

  return g_strcmp0 (json_object_get_string_member_with_default (oa, "start_date", ""),
                    json_object_get_string_member_with_default (ob, "start_date", ""));
}

static char *
check_incoming (RdImporter *importer,
                JsonObject *body)
{
  RdRulesContext ctx;
  g_autoptr (GPtrArray) errors = NULL;

  if (g_str_equal (importer->type, "offer"))
    return json_object_get_string_member_with_default (body, "offer_id", NULL) == NULL
             ? g_strdup (_("the offer has no offer_id")) : NULL;
  if (json_object_get_string_member_with_default (body, "agreement_id", NULL) == NULL)
    return g_strdup (_("the agreement has no agreement_id"));
  rd_rules_context_init (&ctx, RD_ROLE_ISV);
  errors = rd_rules_check_agreement (body, &ctx);
  if (errors->len > 0)
    {
      RdFieldError *e = g_ptr_array_index (errors, 0);

      return g_strdup_printf ("%s: %s", e->field, e->message);
    }
  return NULL;
}

gboolean
rd_importer_add_page (RdImporter      *importer,
                      GPtrArray       *agreements,
                      RdImportResult  *result,
                      GError         **error)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_copy (agreements, NULL, NULL);

  /* The copy shares the elements; only the caller's array owns them. */
  g_ptr_array_set_free_func (sorted, NULL);

  /* Predecessors first, so that a chain within one page links on the first import. */
  g_ptr_array_sort (sorted, compare_by_start);

  if (!rd_store_begin (importer->store, error))
    return FALSE;
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *incoming = g_ptr_array_index (sorted, i);
      const char *agreement_id = json_object_get_string_member_with_default (incoming,
                                                                             importer->key,
                                                                             NULL);
      g_autofree char *problem = NULL;
      const char *record_id;

      /* AWS knows the buyer by account only; the user can name the company later. */
      if (json_object_get_string_member_with_default (incoming, "customer", NULL) == NULL)
        json_object_set_string_member (incoming, "customer",
                                       json_object_get_string_member_with_default (
                                         incoming, "buyer_account_id", _("Unknown customer")));
      problem = check_incoming (importer, incoming);

      if (problem != NULL)
        {
          result->failed++;
          g_ptr_array_add (result->failures,
                           g_strdup_printf ("%s: %s", agreement_id ? agreement_id : "?", problem));
          continue;
        }

      record_id = g_hash_table_lookup (importer->by_agreement_id, agreement_id);
      if (record_id != NULL && g_hash_table_contains (importer->deleted, record_id))
        {
          /* The user deleted it here; an import does not bring it back. */
          result->unchanged++;
          continue;
        }
      if (record_id == NULL)
        {
          g_autoptr (JsonObject) body = rd_json_object_deep_copy (incoming);
          g_autofree char *new_id = NULL;

          json_object_set_string_member (body, "type", importer->type);
          if (!json_object_has_member (body, "stage"))
            json_object_set_string_member (body, "stage", "identified");
          json_object_set_object_member (body, IMPORT_BASE, aws_fields_of (importer, incoming));
          link_chain (importer, body);
          new_id = rd_store_insert (importer->store, body, error);
          if (new_id == NULL)
            goto fail;
          g_hash_table_replace (importer->by_agreement_id, g_strdup (agreement_id),
                                g_steal_pointer (&new_id));
          result->added++;
        }
      else
        {
          g_autoptr (RdRecord) record = rd_store_get (importer->store, record_id, error);
          g_autoptr (JsonObject) merged = NULL;
          g_autoptr (JsonNode) before = json_node_new (JSON_NODE_OBJECT);
          g_autoptr (JsonNode) after = json_node_new (JSON_NODE_OBJECT);

          if (record == NULL)
            goto fail;
          merged = merge_import (importer, rd_record_get_body (record), incoming);
          link_chain (importer, merged);
          json_node_set_object (before, rd_record_get_body (record));
          json_node_set_object (after, merged);
          if (json_node_equal (before, after))
            {
              result->unchanged++;
              continue;
            }
          if (!rd_store_update (importer->store, record_id, merged, error))
            goto fail;
          result->updated++;
        }
    }
  return rd_store_commit (importer->store, error);

fail:
  rd_store_rollback (importer->store);
  return FALSE;
}

gboolean
rd_import_sink_add_page (GPtrArray  *records,
                         gpointer    user_data,
                         GError    **error)
{
  RdImportSink *sink = user_data;

  return rd_importer_add_page (sink->importer, records, sink->result, error);
}

typedef enum
{
  COL_TEXT,
  COL_DATE_START,
  COL_DATE_END,
  COL_NUMBER,
  COL_BOOLEAN,
  COL_STATUS,
  COL_ID,
} ColumnKind;

typedef struct
{
  const char  *header;  /* as written in the file (lower case) */
  const char  *field;   /* the record field it fills */
  ColumnKind   kind;
  RdAwsIdKind  id_kind;
} ColumnSpec;

/* The AWS agreements data feed first, then Renewal Desk's own export. */
static const ColumnSpec column_specs[] = {
  { "agreement_id", "agreement_id", COL_ID, RD_AWS_ID_AGREEMENT },
  { "offer_id", "offer_id", COL_ID, RD_AWS_ID_OFFER },
  { "proposer_account_id", "isv_account_id", COL_ID, RD_AWS_ID_ACCOUNT },
  { "acceptor_account_id", "buyer_account_id", COL_ID, RD_AWS_ID_ACCOUNT },
  { "start_time", "start_date", COL_DATE_START, 0 },
  { "end_time", "end_date", COL_DATE_END, 0 },
  { "acceptance_time", "acceptance_date", COL_DATE_START, 0 },
  { "status", "status", COL_STATUS, 0 },
  { "estimated_agreement_value", "value", COL_NUMBER, 0 },
  { "currency_code", "currency", COL_TEXT, 0 },
  { "preceding_agreement_id", "preceding_agreement_id", COL_ID, RD_AWS_ID_AGREEMENT },
  { "product_id", "product_id", COL_ID, RD_AWS_ID_PRODUCT },
  { "resale_authorization_id", "resale_authorization_id", COL_ID,
    RD_AWS_ID_RESALE_AUTHORIZATION },
  { "product_title", "product_title", COL_TEXT, 0 },
  { "product_type", "product_type", COL_TEXT, 0 },
  { "customer", "customer", COL_TEXT, 0 },
  { "kind", "kind", COL_TEXT, 0 },
  { "buyer_account_id", "buyer_account_id", COL_ID, RD_AWS_ID_ACCOUNT },
  { "start_date", "start_date", COL_DATE_START, 0 },
  { "end_date", "end_date", COL_DATE_END, 0 },
  { "value", "value", COL_NUMBER, 0 },
  { "currency", "currency", COL_TEXT, 0 },
  { "auto_renew", "auto_renew", COL_BOOLEAN, 0 },
  { "isv", "isv", COL_TEXT, 0 },
  { "channel_partner", "channel_partner", COL_TEXT, 0 },
};

/* Columns of our own export that are shown, not imported. */
static const char * const derived_columns[] = { "id", "type", "days_left", "stage", NULL };

/* "2027-03-31", "2027-03-31T23:59:59.999Z", "2027-03-31 00:00:00": AWS's timestamps are UTC
 * and an agreement ends on the UTC calendar day it names, so the date part is the day. */
static gboolean
parse_feed_date (const char *text,
                 char      **out)
{
  g_autofree char *day = NULL;
  GDate date;

  if (strlen (text) < 10)
    return FALSE;
  day = g_strndup (text, 10);
  if (!rd_date_parse (day, &date))
    return FALSE;
  if (text[10] != '\0')
    {
      g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr (GDateTime) dt = NULL;
      g_autofree char *iso = g_strdup (text);

      if (iso[10] == ' ')
        iso[10] = 'T';
      dt = g_date_time_new_from_iso8601 (iso, utc);
      if (dt == NULL)
        return FALSE;
    }
  *out = g_steal_pointer (&day);
  return TRUE;
}

static gboolean
set_column_value (JsonObject        *body,
                  const ColumnSpec  *spec,
                  const char        *value,
                  guint              line,
                  guint              column,
                  GError           **error)
{
  g_autofree char *message = NULL;
  g_autofree char *date = NULL;

  if (*value == '\0')
    return TRUE;

  switch (spec->kind)
    {
    case COL_ID:
      message = rd_rules_check_aws_id (spec->id_kind, value);
      if (message == NULL)
        json_object_set_string_member (body, spec->field, value);
      break;
    case COL_DATE_START:
    case COL_DATE_END:
      if (parse_feed_date (value, &date))
        json_object_set_string_member (body, spec->field, date);
      else
        message = g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD or an ISO 8601 time)"),
                                   value);
      break;
    case COL_NUMBER:
      {
        char *end = NULL;
        double number = g_ascii_strtod (value, &end);

        if (end != value && *end == '\0')
          json_object_set_double_member (body, spec->field, number);
        else
          message = g_strdup_printf (_("“%s” is not a number"), value);
      }
      break;
    case COL_BOOLEAN:
      if (g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "1"))
        json_object_set_boolean_member (body, spec->field, TRUE);
      else if (g_ascii_strcasecmp (value, "false") == 0 || g_str_equal (value, "0"))
        json_object_set_boolean_member (body, spec->field, FALSE);
      else
        message = g_strdup_printf (_("“%s” is not true or false"), value);
      break;
    case COL_STATUS:
      {
        g_autofree char *upper = g_ascii_strup (value, -1);

        if (rd_rules_is_one_of (upper, rd_agreement_statuses))
          json_object_set_string_member (body, spec->field, upper);
        else
          message = g_strdup_printf (_("“%s” is not an agreement status"), value);
      }
      break;
    case COL_TEXT:
    default:
      json_object_set_string_member (body, spec->field, value);
      break;
    }

  if (message != NULL)
    {
      g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_INVALID_VALUE,
                   /* Translators: line, column, column name, problem */
                   _("Line %u, column %u (%s): %s"), line, column, spec->header, message);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
rd_import_parse_csv (const char      *text,
                     gsize            length,
                     RdImportResult  *result,
                     GError         **error)
{
  g_autoptr (RdCsvReader) reader = rd_csv_reader_new (text, (gssize) length);
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) header = NULL;
  g_autofree const ColumnSpec **specs = NULL;
  int type_column = -1;
  guint n_columns;
  guint line = 1, column = 1;
  guint skipped = 0, first_skipped = 0;
  GStrv row;

  header = rd_csv_reader_next_row (reader, &local_error);
  if (header == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_MALFORMED,
                             _("The file is empty; a header line naming the columns is needed"));
      return NULL;
    }
  n_columns = g_strv_length (header);
  specs = g_new0 (const ColumnSpec *, n_columns);
  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *name = g_ascii_strdown (g_strstrip (header[c]), -1);

      for (guint s = 0; s < G_N_ELEMENTS (column_specs); s++)
        if (g_str_equal (name, column_specs[s].header))
          specs[c] = &column_specs[s];
      if (g_str_equal (name, "type"))
        type_column = (int) c;
      if (specs[c] == NULL && !g_strv_contains (derived_columns, name))
        g_ptr_array_add (result->notices,
                         g_strdup_printf (_("Column “%s” is not known and was ignored"),
                                          header[c]));
    }
  {
    gboolean has_agreement_id = FALSE;

    for (guint c = 0; c < n_columns; c++)
      has_agreement_id |= specs[c] && g_str_equal (specs[c]->field, "agreement_id");
    if (!has_agreement_id)
      {
        g_set_error_literal (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_MISSING_COLUMN,
                             _("Line 1: there is no agreement_id column; the file must have "
                               "the AWS agreements data feed's columns or Renewal Desk's "
                               "export columns"));
        return NULL;
      }
  }

  for (;;)
    {
      g_autoptr (JsonObject) body = NULL;
      guint n;

      row = rd_csv_reader_next_row (reader, &local_error);
      if (row == NULL)
        break;
      /* The position of the row just read: where it starts. */
      rd_csv_reader_get_position (reader, &line, &column);
      n = g_strv_length (row);
      /* A blank last line is no record. */
      if (n == 1 && *row[0] == '\0')
        {
          g_strfreev (row);
          continue;
        }
      if (n != n_columns)
        {
          g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_MALFORMED,
                       _("Line %u: %u columns where the header has %u"), line, n, n_columns);
          g_strfreev (row);
          return NULL;
        }
      if (type_column >= 0 && *row[type_column] != '\0'
          && !g_str_equal (row[type_column], "agreement"))
        {
          if (skipped++ == 0)
            first_skipped = line;
          g_strfreev (row);
          continue;
        }
      body = json_object_new ();
      json_object_set_string_member (body, "type", "agreement");
      for (guint c = 0; c < n_columns; c++)
        if (specs[c] != NULL
            && !set_column_value (body, specs[c], row[c], line, c + 1, error))
          {
            g_strfreev (row);
            return NULL;
          }
      if (!json_object_has_member (body, "agreement_id"))
        {
          g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_INVALID_VALUE,
                       _("Line %u: the agreement_id is empty"), line);
          g_strfreev (row);
          return NULL;
        }
      if (!json_object_has_member (body, "kind"))
        json_object_set_string_member (body, "kind",
                                       json_object_has_member (body, "resale_authorization_id")
                                         ? "CPPO" : "PO");
      if (!json_object_has_member (body, "customer"))
        json_object_set_string_member (body, "customer",
                                       json_object_get_string_member_with_default (
                                         body, "buyer_account_id", _("Unknown customer")));
      g_ptr_array_add (bodies, g_steal_pointer (&body));
      g_strfreev (row);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (skipped > 0)
    g_ptr_array_add (result->notices,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u row that is not an agreement was "
                                                   "skipped (line %u); only agreements are "
                                                   "imported from CSV",
                                                   "%u rows that are not agreements were "
                                                   "skipped (the first on line %u); only "
                                                   "agreements are imported from CSV",
                                                   skipped),
                                      skipped, first_skipped));
  return g_steal_pointer (&bodies);
}

gboolean
rd_import_csv_file (RdStore         *store,
                    GFile           *file,
                    RdImportResult  *result,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) bodies = NULL;
  g_autoptr (RdImporter) importer = NULL;
  gsize length;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return FALSE;
  bodies = rd_import_parse_csv (contents, length, result, error);
  if (bodies == NULL)
    return FALSE;
  importer = rd_importer_new (store, error);
  if (importer == NULL)
    return FALSE;
  /* One transaction: a file imports whole or not at all. */
  return rd_importer_add_page (importer, bodies, result, error);
}
