/* rd-context.h
 *
 * What the application hands down to its windows and views: the store and the settings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "rd-rules.h"
#include "rd-store.h"

G_BEGIN_DECLS

#define RD_TYPE_CONTEXT (rd_context_get_type ())
G_DECLARE_FINAL_TYPE (RdContext, rd_context, RD, CONTEXT, GObject)

RdContext *rd_context_new                   (RdStore        *store,
                                             GSettings      *settings);
RdStore   *rd_context_get_store             (RdContext      *self);
GSettings *rd_context_get_settings          (RdContext      *self);
RdRole     rd_context_get_role              (RdContext      *self);
void       rd_context_init_rules_context    (RdContext      *self,
                                             RdRulesContext *out);
GArray    *rd_context_dup_milestone_offsets (RdContext      *self);

G_END_DECLS
