#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source or template with translatable strings is in po/POTFILES.in, and every file
# listed there exists: a string missing from the catalogue stays English in every language.
set -u
cd "${1:?the source root}"

listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort -u)
found=$( (grep -lE '(^|[^a-zA-Z_])N?_\(|g_dngettext|C_\(' src/core/*.c src/app/*.c src/cli/*.c 2>/dev/null
          grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui 2>/dev/null
          ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null) | sort -u)

status=0
n=0
for f in $found; do
  n=$((n + 1))
  if grep -qx "$f" <<<"$listed"; then
    echo "ok $n - $f is in POTFILES.in"
  else
    echo "not ok $n - $f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done
for f in $listed; do
  n=$((n + 1))
  if [[ -f "$f" ]]; then
    echo "ok $n - $f exists"
  else
    echo "not ok $n - po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
echo "1..$n"
exit $status
