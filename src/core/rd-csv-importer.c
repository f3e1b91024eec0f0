/* rd-csv-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rd-csv.h"
#include "rd-csv-importer.h"
#include "rd-date.h"
#include "rd-money.h"
#include "rd-record-check.h"
#include "rd-rules.h"
#include "rd-store-import.h"

/* A value quoted in an error message is cut to this many characters. */
#define MAX_QUOTED_CHARS 80

typedef enum
{
  COL_TEXT,
  COL_DATE,
  COL_AMOUNT,
  COL_BOOLEAN,
  COL_STATUS,
  COL_STAGE,
  COL_ID,
} ColumnKind;

typedef struct
{
  const char  *header;  /* as written in the file (lower case) */
  const char  *field;   /* the record field it fills */
  ColumnKind   kind;
  RdAwsIdKind  id_kind;
} ColumnSpec;

/* The AWS agreements data feed first, then Renewal Desk's own export (rd_export_csv_columns:
 * every column it writes is read back, but for the derived id, type and days_left). */
static const ColumnSpec column_specs[] = {
  { "agreement_id", "agreement_id", COL_ID, RD_AWS_ID_AGREEMENT },
  { "offer_id", "offer_id", COL_ID, RD_AWS_ID_OFFER },
  { "proposer_account_id", "isv_account_id", COL_ID, RD_AWS_ID_ACCOUNT },
  { "acceptor_account_id", "buyer_account_id", COL_ID, RD_AWS_ID_ACCOUNT },
  { "start_time", "start_date", COL_DATE, 0 },
  { "end_time", "end_date", COL_DATE, 0 },
  { "acceptance_time", "acceptance_date", COL_DATE, 0 },
  { "status", "status", COL_STATUS, 0 },
  { "estimated_agreement_value", "value", COL_AMOUNT, 0 },
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
  { "start_date", "start_date", COL_DATE, 0 },
  { "end_date", "end_date", COL_DATE, 0 },
  { "value", "value", COL_AMOUNT, 0 },
  { "currency", "currency", COL_TEXT, 0 },
  { "auto_renew", "auto_renew", COL_BOOLEAN, 0 },
  { "isv", "isv", COL_TEXT, 0 },
  { "channel_partner", "channel_partner", COL_TEXT, 0 },
  { "stage", "stage", COL_STAGE, 0 },
  { "notes", "notes", COL_TEXT, 0 },
  { "owner", "owner", COL_TEXT, 0 },
};

/* Columns of our own export that are shown, not imported. */
static const char * const derived_columns[] = { "id", "type", "days_left", NULL };

struct _RdCsvImporter
{
  RdImportResult *result;  /* not owned */
  GPtrArray      *rows;    /* JsonObject, checked */
  RdStore        *store;
  RdImporter     *importer;
  char           *run_id;
  guint           stored;
};

/* value, cut for a message. */
static char *
quote_value (const char *value)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (value, -1) <= MAX_QUOTED_CHARS)
    return g_strdup (value);
  start = g_utf8_substring (value, 0, MAX_QUOTED_CHARS);
  return g_strconcat (start, "…", NULL);
}

/* "2027-03-31", "2027-03-31T23:59:59.999Z", "2027-03-31 00:00:00", "…T23:00:00-05:00": AWS's
 * timestamps are UTC and an agreement ends on the UTC calendar day it names, so a time is
 * converted to UTC (one without an offset counts as UTC) and its day taken, as the Agreement
 * API import does. */
static gboolean
parse_feed_date (const char *text,
                 char      **out)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GDateTime) dt_utc = NULL;
  g_autofree char *iso = NULL;
  GDate date;

  if (strlen (text) < 10)
    return FALSE;
  if (text[10] == '\0')
    {
      if (!rd_date_parse (text, &date))
        return FALSE;
      *out = g_strdup (text);
      return TRUE;
    }
  iso = g_strdup (text);
  if (iso[10] == ' ')
    iso[10] = 'T';
  if (iso[10] != 'T')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (iso, utc);
  if (dt == NULL)
    return FALSE;
  dt_utc = g_date_time_to_utc (dt);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (dt_utc),
                  (GDateMonth) g_date_time_get_month (dt_utc),
                  (GDateYear) g_date_time_get_year (dt_utc));
  *out = rd_date_format (&date);
  return TRUE;
}

/* NULL, or what is wrong with value. */
static char *
set_column_value (JsonObject       *body,
                  const ColumnSpec *spec,
                  const char       *value)
{
  g_autofree char *date = NULL;
  g_autofree char *shown = NULL;

  if (*value == '\0')
    return NULL;

  shown = quote_value (value);
  switch (spec->kind)
    {
    case COL_ID:
      {
        char *message = rd_rules_check_aws_id (spec->id_kind, value);

        if (message == NULL)
          json_object_set_string_member (body, spec->field, value);
        return message;
      }
    case COL_DATE:
      if (!parse_feed_date (value, &date))
        return g_strdup_printf (_("“%s” is not a date (YYYY-MM-DD or an ISO 8601 time)"),
                                shown);
      json_object_set_string_member (body, spec->field, date);
      return NULL;
    case COL_AMOUNT:
      {
        g_autofree char *stripped = g_strstrip (g_strdup (value));
        g_autoptr (GError) error = NULL;
        g_autofree char *text = NULL;
        RdMoney amount;

        /* An exact decimal string with the decimals as written, never a float. */
        if (!rd_money_parse (stripped, &amount, &error))
          return g_strdup (error->message);
        text = rd_money_to_string (&amount);
        json_object_set_string_member (body, spec->field, text);
        return NULL;
      }
    case COL_BOOLEAN:
      if (g_ascii_strcasecmp (value, "true") == 0 || g_str_equal (value, "1"))
        json_object_set_boolean_member (body, spec->field, TRUE);
      else if (g_ascii_strcasecmp (value, "false") == 0 || g_str_equal (value, "0"))
        json_object_set_boolean_member (body, spec->field, FALSE);
      else
        return g_strdup_printf (_("“%s” is not true or false"), shown);
      return NULL;
    case COL_STATUS:
      {
        g_autofree char *upper = g_ascii_strup (value, -1);

        if (!rd_rules_is_one_of (upper, rd_agreement_statuses))
          return g_strdup_printf (_("“%s” is not an agreement status"), shown);
        json_object_set_string_member (body, spec->field, upper);
        return NULL;
      }
    case COL_STAGE:
      if (!rd_rules_is_one_of (value, rd_stages))
        return g_strdup_printf (_("“%s” is not a pipeline stage"), shown);
      json_object_set_string_member (body, spec->field, value);
      return NULL;
    case COL_TEXT:
    default:
      json_object_set_string_member (body, spec->field, value);
      return NULL;
    }
}

static void
add_problem (RdImportResult *result,
             guint           line,
             guint           column,
             const char     *column_name,
             const char     *message)
{
  result->failed++;
  if (column > 0)
    /* Translators: line, column, column name, problem */
    g_ptr_array_add (result->failures, g_strdup_printf (_("Line %u, column %u (%s): %s"),
                                                        line, column, column_name, message));
  else
    /* Translators: line, problem */
    g_ptr_array_add (result->failures, g_strdup_printf (_("Line %u: %s"), line, message));
}

/* The column that fills field, 1-based, or 0. */
static guint
column_of (const ColumnSpec **specs,
           guint              n_columns,
           const char        *field)
{
  for (guint c = 0; c < n_columns; c++)
    if (specs[c] != NULL && g_str_equal (specs[c]->field, field))
      return c + 1;
  return 0;
}

static void
fill_defaults (JsonObject *body)
{
  if (!json_object_has_member (body, "kind"))
    json_object_set_string_member (body, "kind",
                                   json_object_has_member (body, "resale_authorization_id")
                                     ? "CPPO" : "PO");
  if (!json_object_has_member (body, "customer"))
    json_object_set_string_member (body, "customer",
                                   json_object_get_string_member_with_default (
                                     body, "buyer_account_id", _("Unknown customer")));
}

/* Checks one body against the rules and the ids seen so far; records problems. */
static void
check_row (JsonObject        *body,
           const ColumnSpec **specs,
           guint              n_columns,
           guint              line,
           GHashTable        *lines_by_id,
           RdImportResult    *result)
{
  const char *agreement_id = json_object_get_string_member_with_default (body, "agreement_id",
                                                                         NULL);
  guint id_column = column_of (specs, n_columns, "agreement_id");
  g_autofree char *problem = NULL;
  g_autoptr (GError) check_error = NULL;
  gpointer first_line;

  if (agreement_id == NULL)
    {
      add_problem (result, line, id_column, "agreement_id", _("the agreement_id is empty"));
      return;
    }
  if (g_hash_table_lookup_extended (lines_by_id, agreement_id, NULL, &first_line))
    {
      g_autofree char *message =
        /* Translators: an agreement id, then the line it was first seen on */
        g_strdup_printf (_("%s is also on line %u; each agreement may appear once"),
                         agreement_id, GPOINTER_TO_UINT (first_line));

      add_problem (result, line, id_column, "agreement_id", message);
      return;
    }
  g_hash_table_insert (lines_by_id, g_strdup (agreement_id), GUINT_TO_POINTER (line));

  if (!rd_record_check_new_body (body, &check_error))
    {
      add_problem (result, line, 0, NULL, check_error->message);
      return;
    }
  problem = rd_importer_check_agreement (body);
  if (problem != NULL)
    {
      const char *colon = strstr (problem, ": ");
      g_autofree char *field = colon ? g_strndup (problem, colon - problem) : NULL;
      guint column = field ? column_of (specs, n_columns, field) : 0;

      if (column > 0)
        add_problem (result, line, column, specs[column - 1]->header, colon + 2);
      else
        add_problem (result, line, 0, NULL, problem);
    }
}

GPtrArray *
rd_import_parse_csv (const char      *text,
                     gsize            length,
                     RdImportResult  *result,
                     GError         **error)
{
  g_autoptr (RdCsvReader) reader = rd_csv_reader_new (text, (gssize) length);
  g_autoptr (GPtrArray) bodies =
    g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr (GHashTable) lines_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              NULL);
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) header = NULL;
  g_autofree const ColumnSpec **specs = NULL;
  int type_column = -1;
  guint n_columns;
  guint line = 1, column = 1;
  guint skipped = 0, first_skipped = 0;
  guint failures_before = result->failures->len;
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
        {
          g_autofree char *shown = quote_value (header[c]);

          g_ptr_array_add (result->notices,
                           g_strdup_printf (_("Column “%s” is not known and was ignored"),
                                            shown));
        }
    }
  if (column_of (specs, n_columns, "agreement_id") == 0)
    {
      g_set_error_literal (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_MISSING_COLUMN,
                           _("Line 1: there is no agreement_id column; the file must have "
                             "the AWS agreements data feed's columns or Renewal Desk's "
                             "export columns"));
      return NULL;
    }

  while ((row = rd_csv_reader_next_row (reader, &local_error)) != NULL)
    {
      g_autoptr (JsonObject) body = NULL;
      g_auto (GStrv) cells = row;
      guint n = g_strv_length (cells);
      gboolean row_ok = TRUE;

      /* The position of the row just read: where it starts. */
      rd_csv_reader_get_position (reader, &line, &column);
      /* A blank line is no record. */
      if (n == 1 && *cells[0] == '\0')
        continue;
      if (n != n_columns)
        {
          g_autofree char *message = g_strdup_printf (_("%u columns where the header has %u"),
                                                      n, n_columns);

          add_problem (result, line, 0, NULL, message);
          continue;
        }
      if (type_column >= 0 && *cells[type_column] != '\0'
          && !g_str_equal (cells[type_column], "agreement"))
        {
          if (skipped++ == 0)
            first_skipped = line;
          continue;
        }
      body = json_object_new ();
      json_object_set_string_member (body, "type", "agreement");
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *message = NULL;

          if (specs[c] == NULL)
            continue;
          message = set_column_value (body, specs[c], cells[c]);
          if (message != NULL)
            {
              add_problem (result, line, c + 1, specs[c]->header, message);
              row_ok = FALSE;
            }
        }
      if (!row_ok)
        continue;
      fill_defaults (body);
      check_row (body, specs, n_columns, line, lines_by_id, result);
      g_ptr_array_add (bodies, g_steal_pointer (&body));
    }
  if (local_error != NULL)
    {
      g_autofree char *message = NULL;

      /* A broken quote leaves the rest of the file unreadable: report it after the rows. */
      message = g_strdup (local_error->message);
      result->failed++;
      g_ptr_array_add (result->failures, g_steal_pointer (&message));
    }
  if (result->failures->len > failures_before)
    {
      guint n_problems = result->failures->len - failures_before;
      const char *first = g_ptr_array_index (result->failures, failures_before);

      if (n_problems == 1)
        g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_INVALID_VALUE,
                     /* Translators: a problem with its line and column */
                     _("%s. Nothing was imported."), first);
      else
        g_set_error (error, RD_IMPORT_ERROR, RD_IMPORT_ERROR_INVALID_VALUE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s, and %u more problem. Nothing was imported.",
                                  "%s, and %u more problems. Nothing was imported.",
                                  n_problems - 1),
                     first, n_problems - 1);
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

RdCsvImporter *
rd_csv_importer_new (const char      *text,
                     gsize            length,
                     RdImportResult  *result,
                     GError         **error)
{
  g_autoptr (RdCsvImporter) self = g_new0 (RdCsvImporter, 1);

  self->result = result;
  self->rows = rd_import_parse_csv (text, length, result, error);
  if (self->rows == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

void
rd_csv_importer_free (RdCsvImporter *self)
{
  if (self == NULL)
    return;
  if (self->run_id != NULL)
    rd_csv_importer_abort (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->importer, rd_importer_free);
  g_clear_object (&self->store);
  g_free (self);
}

guint
rd_csv_importer_get_n_rows (RdCsvImporter *self)
{
  return self->rows->len;
}

GPtrArray *
rd_csv_importer_get_rows (RdCsvImporter *self)
{
  return self->rows;
}

gboolean
rd_csv_importer_begin (RdCsvImporter  *self,
                       RdStore        *store,
                       GError        **error)
{
  g_autoptr (GError) recover_error = NULL;

  g_return_val_if_fail (self->store == NULL, FALSE);

  rd_store_import_recover (store, &recover_error);
  if (recover_error != NULL)
    g_warning ("Failed to roll back an interrupted import: %s", recover_error->message);
  self->store = g_object_ref (store);
  self->run_id = rd_store_import_run_begin (store, error);
  if (self->run_id == NULL)
    return FALSE;
  self->importer = rd_importer_new (store, error);
  if (self->importer == NULL)
    {
      rd_csv_importer_abort (self);
      return FALSE;
    }
  rd_importer_set_run (self->importer, self->run_id);
  return TRUE;
}

gboolean
rd_csv_importer_store_page (RdCsvImporter  *self,
                            gboolean       *done,
                            GError        **error)
{
  g_autoptr (GPtrArray) page = g_ptr_array_new ();
  guint end = MIN (self->stored + RD_CSV_IMPORTER_PAGE_ROWS, self->rows->len);

  g_return_val_if_fail (self->importer != NULL, FALSE);

  for (guint i = self->stored; i < end; i++)
    g_ptr_array_add (page, g_ptr_array_index (self->rows, i));
  if (page->len > 0 && !rd_importer_add_page (self->importer, page, self->result, error))
    return FALSE;
  self->stored = end;
  *done = self->stored >= self->rows->len;
  return TRUE;
}

gboolean
rd_csv_importer_finish (RdCsvImporter  *self,
                        GError        **error)
{
  g_return_val_if_fail (self->run_id != NULL, FALSE);

  if (!rd_store_import_run_end (self->store, self->run_id, error))
    return FALSE;
  g_clear_pointer (&self->run_id, g_free);
  return TRUE;
}

void
rd_csv_importer_abort (RdCsvImporter *self)
{
  g_autoptr (GError) error = NULL;
  guint undone = 0, kept = 0;

  if (self->run_id == NULL)
    return;
  if (!rd_store_import_run_roll_back (self->store, self->run_id, &undone, &kept, &error))
    /* The journal stays; the next import rolls the run back. */
    g_warning ("Failed to roll back the import: %s", error->message);
  else if (kept > 0)
    g_message ("Import rolled back; %u records edited meanwhile were kept", kept);
  g_clear_pointer (&self->run_id, g_free);
  self->result->added = self->result->updated = self->result->unchanged = 0;
}

gboolean
rd_csv_importer_run (RdCsvImporter  *self,
                     RdStore        *store,
                     GCancellable   *cancellable,
                     GError        **error)
{
  gboolean done = FALSE;

  if (!rd_csv_importer_begin (self, store, error))
    return FALSE;
  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error)
          || !rd_csv_importer_store_page (self, &done, error))
        {
          rd_csv_importer_abort (self);
          return FALSE;
        }
      /* Other writers (the window, another command) wait for the lock; let them in. */
      if (!done)
        g_usleep (RD_CSV_IMPORTER_PAUSE_MS * 1000);
    }
  if (!rd_csv_importer_finish (self, error))
    {
      rd_csv_importer_abort (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
rd_import_csv_file (RdStore         *store,
                    GFile           *file,
                    RdImportResult  *result,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (RdCsvImporter) importer = NULL;
  gsize length;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return FALSE;
  importer = rd_csv_importer_new (contents, length, result, error);
  if (importer == NULL)
    return FALSE;
  return rd_csv_importer_run (importer, store, cancellable, error);
}
