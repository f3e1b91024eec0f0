/* rd-aws-agreement.h
 *
 * Pure mapping, no I/O: what the AWS Marketplace Agreement API says about one agreement
 * (DescribeAgreement, or a SearchAgreements summary, and its accepted terms) as an
 * "agreement" record body (DESIGN §2).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "rd-aws-json.h"

G_BEGIN_DECLS

/* terms NULL if unknown. */
JsonObject   *rd_aws_agreement_to_record (JsonObject *agreement,
                                          JsonArray  *terms);

G_END_DECLS
