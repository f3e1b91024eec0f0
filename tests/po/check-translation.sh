#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A translation that ships is complete: po/LANG.po compiles with msgfmt --check, has no
# fuzzy and no untranslated message, and translates every string the sources have today
# (a template made fresh from po/POTFILES.in, so a string added since the last msgmerge
# counts too). To fix a failure: ninja -C BUILDDIR renewal-desk-update-po, then translate
# what is new or fuzzy in po/LANG.po.
set -u
srcroot=${1:?the source root}
lang=${2:?the language}
po=$srcroot/po/$lang.po

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-check-po-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

n=0
status=0
report () {
  n=$((n + 1))
  if [[ $1 -eq 0 ]]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    sed 's/^/# /' "$tmp/out"
    status=1
  fi
}

LC_ALL=C msgfmt --check --statistics -o "$tmp/$lang.mo" "$po" >"$tmp/out" 2>&1
rc=$?
report $rc "msgfmt --check accepts po/$lang.po"
stats=$(tail -n 1 "$tmp/out")
echo "# $stats"

grep -Eq 'fuzzy|untranslated' <<<"$stats"
found=$?
if [[ $found -eq 0 ]]; then
  { msgattrib --only-fuzzy --no-obsolete --no-wrap "$po"
    msgattrib --untranslated --no-obsolete --no-wrap "$po"; } 2>&1 \
    | grep '^msgid ' | grep -v '^msgid ""$' | head -n 40 >"$tmp/out"
fi
report $((1 - found)) "po/$lang.po has no fuzzy and no untranslated message"

grep -Eq '^"Plural-Forms: nplurals=2; plural=\(n != 1\);\\n"$' "$po"
report $? "po/$lang.po has the plural forms nplurals=2; plural=(n != 1);"

# The same extraction as meson's i18n module with its glib preset.
(cd "$srcroot" && xgettext --package-name=renewal-desk --files-from=po/POTFILES.in \
   --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
   --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
   --keyword=g_dpgettext2:2c,3 -o "$tmp/current.pot") >"$tmp/out" 2>&1
report $? "xgettext extracts the strings of po/POTFILES.in"

LC_ALL=C msgmerge --quiet --no-wrap -o "$tmp/merged.po" "$po" "$tmp/current.pot" >"$tmp/out" 2>&1
{ msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/merged.po"
  msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po"; } 2>&1 \
  | grep -B1 '^msgid ' | grep -v '^msgid ""$\|^--$' >>"$tmp/out"
[[ ! -s "$tmp/out" ]]
report $? "po/$lang.po translates every string of the current sources"

echo "1..$n"
exit $status
