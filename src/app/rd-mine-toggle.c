/* rd-mine-toggle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "rd-mine-toggle.h"

char *
rd_mine_toggle_refresh (GtkToggleButton *toggle,
                        RdContext       *context)
{
  g_autofree char *owner = NULL;

  g_return_val_if_fail (GTK_IS_TOGGLE_BUTTON (toggle), NULL);
  g_return_val_if_fail (RD_IS_CONTEXT (context), NULL);

  owner = rd_context_dup_owner_name (context);
  gtk_widget_set_sensitive (GTK_WIDGET (toggle), owner != NULL);
  gtk_widget_set_tooltip_text (
    GTK_WIDGET (toggle),
    owner != NULL ? _("Show Only the Renewals You Own")
                  : _("Set Your Name in Preferences to Filter Your Own Renewals"));
  return g_steal_pointer (&owner);
}
