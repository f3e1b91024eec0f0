/* aws-test-model.h
 *
 * For the AWS test servers: botocore's model of the Catalog API (read from
 * $RD_SHARED_TESTDATA), the check of a request or an answer against one of its shapes, and
 * JSON answers and errors as the REST-JSON protocol sends them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _AwsTestModel AwsTestModel;

/* marketplace-catalog-2018-09-17/service-2.json; the test fails if it cannot be read. */
AwsTestModel *aws_test_model_new_catalog     (void);
void          aws_test_model_free            (AwsTestModel      *model);
JsonObject   *aws_test_model_get_operation   (AwsTestModel      *model,
                                              const char        *name);
JsonObject   *aws_test_model_get_shape       (AwsTestModel      *model,
                                              const char        *name);
/* NULL if @value fits the shape @shape_name as botocore's own validator checks it (types,
 * structure members and the required ones, list, string and integer ranges, enums), else
 * what is wrong, at @where. Like botocore it leaves patterns alone: the model's EntityType
 * pattern refuses AWS's own "Offer@1.0". */
char         *aws_test_model_check           (AwsTestModel      *model,
                                              const char        *shape_name,
                                              JsonNode          *value,
                                              const char        *where);

/* @status with @object as the JSON body. */
void          aws_test_answer_json           (SoupServerMessage *msg,
                                              guint              status,
                                              JsonObject        *object);
/* An AWS error: @type in X-Amzn-ErrorType, {"Message": @message} as the body. */
void          aws_test_answer_error          (SoupServerMessage *msg,
                                              guint              status,
                                              const char        *type,
                                              const char        *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AwsTestModel, aws_test_model_free)

G_END_DECLS
