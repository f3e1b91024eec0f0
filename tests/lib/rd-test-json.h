/* rd-test-json.h
 *
 * JSON trees compared exactly: json_node_equal() takes 1 and 1.0 for one another and ignores
 * member order, which a parser must keep.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Fails the test unless @a and @b have the same kinds, value types, values (doubles bit for
 * bit) and member order all the way down. */
void rd_test_assert_same_json (JsonNode *a,
                               JsonNode *b);

G_END_DECLS
