/* fuzz-record.c
 *
 * A record as the CLI and sync take it: guarded JSON parsing, its amounts made exact strings,
 * the record checks (ids, "_" members, schema, dates), the renewal rules, and a JSON merge
 * patch. The input is a body,
 * optionally followed by a NUL byte and a patch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "rd-amounts.h"
#include "rd-json-guard.h"
#include "rd-json.h"
#include "rd-record-check.h"
#include "rd-rules.h"
#include "rd-store.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The amounts as add (strictly) and the store and sync (keeping every value) take them. */
static void
normalize_amounts (JsonObject *body)
{
  g_autoptr (JsonObject) strict = rd_json_object_deep_copy (body);
  g_autoptr (JsonObject) stored = rd_amounts_dup_stored (body);

  rd_amounts_normalize (strict, RD_AMOUNTS_STRICT, NULL, NULL);
}

static void
check_rules (JsonObject *body)
{
  RdRulesContext ctx;
  g_autoptr (GPtrArray) document = NULL;
  g_autoptr (GPtrArray) agreement = NULL;
  g_autoptr (GPtrArray) offer = NULL;

  rd_rules_context_init (&ctx, RD_ROLE_ISV);
  document = rd_rules_check_document (body, &ctx);
  agreement = rd_rules_check_agreement (body, &ctx);
  offer = rd_rules_check_offer (body, &ctx);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const guint8 *nul = memchr (data, '\0', size);
  gsize body_size = nul ? (gsize) (nul - data) : size;
  g_autoptr (JsonNode) body_node = NULL;
  g_autoptr (JsonNode) patch_node = NULL;
  g_autoptr (JsonObject) patched = NULL;
  JsonObject *body;

  body_node = rd_json_guard_parse ((const char *) data, (gssize) body_size, NULL);
  if (body_node == NULL || !JSON_NODE_HOLDS_OBJECT (body_node))
    return 0;
  body = json_node_get_object (body_node);
  normalize_amounts (body);
  rd_record_check_new_body (body, NULL);
  check_rules (body);

  if (nul == NULL)
    return 0;
  patch_node = rd_json_guard_parse ((const char *) nul + 1, (gssize) (size - body_size - 1),
                                    NULL);
  if (patch_node == NULL || !JSON_NODE_HOLDS_OBJECT (patch_node))
    return 0;
  patched = rd_json_object_deep_copy (body);
  rd_json_merge_patch (patched, json_node_get_object (patch_node));
  if (rd_record_check_changed_body (body, patched, NULL))
    check_rules (patched);
  return 0;
}
