/* rd-cli-publish.c
 *
 * `renew AGREEMENT-ID`: the draft renewal offer, as the window's Renew makes it.
 * `publish ID`: the drafted offer to AWS Marketplace as a Catalog API change set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rd-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rd-aws-publish.h"
#include "rd-cli.h"
#include "rd-date.h"
#include "rd-offer-changeset.h"
#include "rd-record.h"
#include "rd-renewal.h"
#include "rd-rules.h"

static gboolean
parse_role (const char *text,
            RdRole     *role)
{
  if (text == NULL || g_str_equal (text, "isv"))
    *role = RD_ROLE_ISV;
  else if (g_str_equal (text, "channel-partner"))
    *role = RD_ROLE_CHANNEL_PARTNER;
  else
    {
      rd_cli_error (_("--role must be “isv” or “channel-partner”"));
      return FALSE;
    }
  return TRUE;
}

static void
print_field_errors (GPtrArray *errors)
{
  for (guint i = 0; i < errors->len; i++)
    {
      RdFieldError *e = g_ptr_array_index (errors, i);

      if (e->field != NULL)
        rd_cli_error ("%s: %s", e->field, e->message);
      else
        rd_cli_error ("%s", e->message);
    }
}

static void
set_date (JsonObject  *body,
          const char  *field,
          const GDate *date)
{
  g_autofree char *text = rd_date_format (date);

  json_object_set_string_member (body, field, text);
}

/* The draft's mechanism and dates as asked: an FDA starting on start (default: the day
 * after the agreement ends), or a replacement or new offer without a future start. */
static void
apply_choice (JsonObject           *offer,
              JsonObject           *agreement,
              const char           *mechanism,
              const GDate          *start,
              const RdRulesContext *ctx)
{
  gint64 months = json_object_get_int_member_with_default (offer, "duration_months",
                                                           RD_RENEWAL_DEFAULT_MONTHS);
  GDate end, first, anniversary, last, expiration;
  gboolean has_end = rd_date_parse (rd_json_get_string (agreement, "end_date"), &end);

  json_object_set_string_member (offer, "renewal_mechanism", mechanism);
  if (g_str_equal (mechanism, "fda"))
    {
      if (start != NULL)
        first = *start;
      else if (has_end)
        rd_date_add_days_to (&end, 1, &first);
      else
        rd_date_add_days_to (&ctx->today, RD_RENEWAL_OPEN_DAYS + 1, &first);
      rd_date_add_months_to (&first, (int) months, &anniversary);
      rd_date_add_days_to (&anniversary, -1, &last);
      rd_date_add_days_to (&first, -RD_RENEWAL_EXPIRATION_LEAD_DAYS, &expiration);
      if (g_date_compare (&expiration, &ctx->today) < 0)
        expiration = ctx->today;
      set_date (offer, "agreement_start_date", &first);
      set_date (offer, "agreement_end_date", &last);
      set_date (offer, "offer_expiration_date", &expiration);
      return;
    }

  json_object_remove_member (offer, "agreement_start_date");
  json_object_remove_member (offer, "agreement_end_date");
  if (has_end)
    rd_date_add_days_to (&end, -RD_RENEWAL_EXPIRATION_LEAD_DAYS, &expiration);
  if (!has_end || g_date_compare (&expiration, &ctx->today) <= 0)
    rd_date_add_days_to (&ctx->today, RD_RENEWAL_OPEN_DAYS, &expiration);
  set_date (offer, "offer_expiration_date", &expiration);
}

static int
print_offer (RdStore    *store,
             const char *id,
             gboolean    json)
{
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!json)
    {
      g_print ("%s\n", id);
      return RD_CLI_EXIT_OK;
    }
  offer = rd_store_get (store, id, &error);
  if (offer == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  text = rd_record_to_json (offer, TRUE);
  g_print ("%s\n", text);
  return RD_CLI_EXIT_OK;
}

int
rd_cli_renew (const RdCliGlobals *globals,
              int                 argc,
              char              **argv)
{
  g_autofree char *mechanism = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *role_text = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "mechanism", 0, 0, G_OPTION_ARG_STRING, &mechanism,
      N_("fda, replacement or new_offer (default: what the product and dates allow)"), "M" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("Start of a future-dated agreement (default: the day after the agreement ends)"),
      "YYYY-MM-DD" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("isv (default) or channel-partner"),
      "ROLE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the offer as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("AGREEMENT-ID"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdRecord) agreement = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  RdRulesContext ctx;
  RdRole role;
  GDate start;

  g_option_context_set_summary (context, _("Draft the renewal offer of an agreement, as the "
                                           "window’s Renew does, and print its id."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rd_cli_error (_("renew needs one agreement id; see renew --help"));
      return RD_CLI_EXIT_USAGE;
    }
  if (!parse_role (role_text, &role))
    return RD_CLI_EXIT_USAGE;
  if (mechanism != NULL && !rd_rules_is_one_of (mechanism, rd_renewal_mechanisms))
    {
      rd_cli_error (_("--mechanism must be fda, replacement or new_offer"));
      return RD_CLI_EXIT_USAGE;
    }
  if (start_text != NULL && !rd_date_parse (start_text, &start))
    {
      rd_cli_error (_("--start must be a date, YYYY-MM-DD, not “%s”"), start_text);
      return RD_CLI_EXIT_USAGE;
    }
  if (start_text != NULL && mechanism != NULL && !g_str_equal (mechanism, "fda"))
    {
      rd_cli_error (_("--start is the start of a future-dated agreement; use it with "
                      "--mechanism fda"));
      return RD_CLI_EXIT_USAGE;
    }
  if (start_text != NULL && mechanism == NULL)
    mechanism = g_strdup ("fda");

  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  rd_rules_context_init (&ctx, role);

  /* The agreement's renewal if it has one: a second Renew drafts nothing. */
  id = rd_renewal_dup_offer_id (store, argv[1]);
  if (id != NULL)
    return print_offer (store, id, json);

  if (!rd_store_begin (store, &error))
    goto failed;
  id = rd_renewal_create (store, argv[1], &ctx, &error);
  if (id == NULL)
    {
      rd_store_rollback (store);
      rd_cli_error ("%s", error->message);
      return g_error_matches (error, RD_STORE_ERROR, RD_STORE_ERROR_NOT_FOUND)
             || error->domain == RD_RENEWAL_ERROR ? RD_CLI_EXIT_USAGE : RD_CLI_EXIT_FAILURE;
    }
  if (mechanism != NULL)
    {
      agreement = rd_store_get (store, argv[1], &error);
      offer = agreement != NULL ? rd_store_get (store, id, &error) : NULL;
      if (offer == NULL)
        {
          rd_store_rollback (store);
          goto failed;
        }
      body = rd_record_dup_body (offer);
      apply_choice (body, rd_record_get_body (agreement), mechanism,
                    start_text != NULL ? &start : NULL, &ctx);
      problems = rd_rules_check_document (body, &ctx);
      if (problems->len > 0)
        {
          /* Nothing is kept of a draft the rules refuse. */
          rd_store_rollback (store);
          print_field_errors (problems);
          return RD_CLI_EXIT_USAGE;
        }
      if (!rd_store_update (store, id, body, &error))
        {
          rd_store_rollback (store);
          goto failed;
        }
    }
  if (!rd_store_commit (store, &error))
    goto failed;
  return print_offer (store, id, json);

failed:
  rd_cli_error ("%s", error->message);
  return RD_CLI_EXIT_FAILURE;
}

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
}

static void
on_status_changed_cb (RdAwsPublisher *publisher,
                      const char     *status,
                      gpointer        user_data)
{
  const char *id = rd_aws_publisher_get_change_set_id (publisher);

  /* Progress on stderr; stdout keeps the result for scripts. */
  g_printerr (_("Change set %s: %s\n"), id != NULL ? id : "", status);
}

static int
exit_code_of (GError *error)
{
  if (g_error_matches (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_RULES)
      || g_error_matches (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_REFUSED)
      || g_error_matches (error, RD_PUBLISH_ERROR, RD_PUBLISH_ERROR_NOT_PUBLISHABLE))
    return RD_CLI_EXIT_USAGE;
  return RD_CLI_EXIT_FAILURE;
}

static int
validate_only (RdAwsPublisher *publisher,
               const char     *id,
               gboolean        json)
{
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GError) error = NULL;
  gboolean supported = TRUE;
  Waiter waiter = { NULL };

  errors = rd_aws_publisher_check (publisher, id, &request, &error);
  if (errors == NULL)
    {
      rd_cli_error ("%s", error->message);
      return exit_code_of (error);
    }
  if (errors->len > 0)
    {
      print_field_errors (errors);
      return RD_CLI_EXIT_USAGE;
    }

  rd_aws_publisher_validate_async (publisher, id, NULL, on_done_cb, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!rd_aws_publisher_validate_finish (publisher, waiter.result, &supported, &error))
    {
      g_clear_object (&waiter.result);
      print_field_errors (rd_aws_publisher_get_errors (publisher));
      rd_cli_error ("%s", error->message);
      return exit_code_of (error);
    }
  g_clear_object (&waiter.result);

  if (json)
    {
      g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), request);
      g_autofree char *text = json_to_string (node, TRUE);

      g_print ("%s\n", text);
    }
  else if (supported)
    g_print (_("Every check passed; AWS Marketplace validated the change set too.\n"));
  else
    g_print (_("Every local check passed. AWS Marketplace validates offers only when they "
               "are published; nothing was sent that creates or changes an offer.\n"));
  return RD_CLI_EXIT_OK;
}

int
rd_cli_publish (const RdCliGlobals *globals,
                int                 argc,
                char              **argv)
{
  g_autofree char *profile = NULL;
  g_autofree char *region = NULL;
  g_autofree char *endpoint_option = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *role_text = NULL;
  gboolean validate = FALSE;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "validate-only", 0, 0, G_OPTION_ARG_NONE, &validate,
      N_("Check everything, create and change nothing"), NULL },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      N_("The profile in ~/.aws/credentials (default: AWS_PROFILE or “default”)"), "P" },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The region (default us-east-1)"), "R" },
    { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, &endpoint_option,
      N_("Use this Catalog API endpoint instead of AWS's"), "URL" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text,
      N_("isv or channel-partner (default: channel-partner for a CPPO, else isv)"), "ROLE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("With --validate-only: print the change set as JSON"), NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_("OFFER-ID"));
  g_autoptr (RdStore) store = NULL;
  g_autoptr (RdRecord) offer = NULL;
  g_autoptr (RdAwsCredentials) credentials = NULL;
  g_autoptr (RdAwsTransport) transport = NULL;
  g_autoptr (RdAwsPublisher) publisher = NULL;
  g_autoptr (GError) error = NULL;
  RdRulesContext ctx;
  Waiter waiter = { NULL };
  RdRole role;

  g_option_context_set_summary (context, _("Publish a drafted renewal offer to AWS "
                                           "Marketplace. Exit status: 0 published (or every "
                                           "check passed), 2 refused by the rules or by AWS, "
                                           "1 any other failure."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!rd_cli_parse (context, &argc, &argv))
    return RD_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      rd_cli_error (_("publish needs one offer id; see publish --help"));
      return RD_CLI_EXIT_USAGE;
    }
  if ((store = rd_cli_open_store (globals)) == NULL)
    return RD_CLI_EXIT_FAILURE;
  offer = rd_store_get (store, argv[1], &error);
  if (offer == NULL || !rd_record_is_offer (offer))
    {
      rd_cli_error (_("“%s” is not a renewal offer. Only a drafted offer can be published."),
                    argv[1]);
      return RD_CLI_EXIT_USAGE;
    }
  /* The seller who publishes: the channel partner for a CPPO, else the ISV. */
  if (role_text == NULL)
    role = g_strcmp0 (rd_record_get_kind (offer), "CPPO") == 0 ? RD_ROLE_CHANNEL_PARTNER
                                                               : RD_ROLE_ISV;
  else if (!parse_role (role_text, &role))
    return RD_CLI_EXIT_USAGE;
  rd_rules_context_init (&ctx, role);

  credentials = rd_aws_credentials_load (profile, &error);
  if (credentials == NULL)
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_FAILURE;
    }
  endpoint = rd_aws_transport_resolve_endpoint (&rd_aws_service_catalog, endpoint_option,
                                                credentials);
  /* The Catalog API lives in us-east-1 whatever region a profile works in. */
  transport = rd_aws_transport_new (&rd_aws_service_catalog, credentials,
                                    region != NULL ? region : RD_AWS_DEFAULT_REGION, endpoint);
  if (!rd_aws_transport_check_endpoint (transport, &error))
    {
      rd_cli_error ("%s", error->message);
      return RD_CLI_EXIT_USAGE;
    }
  publisher = rd_aws_publisher_new (store, transport, &ctx);
  if (g_getenv ("RD_PUBLISH_POLL_MS") != NULL)
    {
      guint ms = (guint) g_ascii_strtoull (g_getenv ("RD_PUBLISH_POLL_MS"), NULL, 10);

      rd_aws_publisher_set_poll_interval (publisher, ms, ms * 4);
    }

  if (validate)
    return validate_only (publisher, argv[1], json);

  g_signal_connect (publisher, "status-changed", G_CALLBACK (on_status_changed_cb), NULL);
  rd_aws_publisher_publish_async (publisher, argv[1], NULL, on_done_cb, &waiter);
  while (waiter.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!rd_aws_publisher_publish_finish (publisher, waiter.result, &error))
    {
      g_clear_object (&waiter.result);
      print_field_errors (rd_aws_publisher_get_errors (publisher));
      rd_cli_error ("%s", error->message);
      if (rd_aws_publisher_get_change_set_id (publisher) != NULL)
        g_print ("%s\t%s\n", rd_aws_publisher_get_change_set_id (publisher),
                 rd_aws_publisher_get_status (publisher) != NULL
                 ? rd_aws_publisher_get_status (publisher) : "");
      return exit_code_of (error);
    }
  g_clear_object (&waiter.result);
  g_print ("%s\t%s\t%s\n",
           rd_aws_publisher_get_change_set_id (publisher) != NULL
           ? rd_aws_publisher_get_change_set_id (publisher) : "",
           rd_aws_publisher_get_status (publisher) != NULL
           ? rd_aws_publisher_get_status (publisher) : "",
           rd_aws_publisher_get_offer_id (publisher));
  return RD_CLI_EXIT_OK;
}
