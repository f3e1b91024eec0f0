#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a scratch DESTDIR and checks that what a user gets works: the
# desktop integration files are where desktops look for them, the installed app starts
# and keeps running, and D-Bus activation (how a notification's action reaches a closed
# app) starts it through the installed service file.
set -u

build=${1:?the build directory}
prefix=${2:?the prefix}
bindir=${3:?the bindir}
datadir=${4:?the datadir}
localedir=${5:?the localedir}
app_id=io.github.renewaldesk.RenewalDesk
object_path=/io/github/renewaldesk/RenewalDesk

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rd-test-install-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

n=0
status=0
ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok () {
  n=$((n + 1))
  echo "not ok $n - $1"
  status=1
}
check () {
  local what=$1
  shift
  if "$@" >"$tmp/out" 2>&1; then
    ok "$what"
  else
    not_ok "$what"
    sed 's/^/# /' "$tmp/out"
  fi
}

dest=$tmp/dest
if ! DESTDIR=$dest meson install -C "$build" --no-rebuild --quiet >"$tmp/install.log" 2>&1; then
  not_ok "meson install into a DESTDIR"
  sed 's/^/# /' "$tmp/install.log"
  echo "1..$n"
  exit 1
fi
ok "meson install into a DESTDIR"

bin=$dest$bindir/renewal-desk
share=$dest$datadir
for f in \
  "$bin" \
  "$dest$bindir/renewal-desk-cli" \
  "$share/applications/$app_id.desktop" \
  "$share/metainfo/$app_id.metainfo.xml" \
  "$share/glib-2.0/schemas/$app_id.gschema.xml" \
  "$share/icons/hicolor/scalable/apps/$app_id.svg" \
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$share/dbus-1/services/$app_id.service" \
  "$dest$localedir/de/LC_MESSAGES/renewal-desk.mo"; do
  check "installed ${f#"$dest"}" test -s "$f"
done
check "the installed app is executable" test -x "$bin"

check "the installed desktop file is valid" \
  desktop-file-validate "$share/applications/$app_id.desktop"
check "the installed desktop file is D-Bus activatable" \
  grep -qx 'DBusActivatable=true' "$share/applications/$app_id.desktop"
check "the installed metainfo is valid" \
  appstreamcli validate --no-net "$share/metainfo/$app_id.metainfo.xml"
check "the installed service file starts the installed app as a service" \
  grep -qx "Exec=$bindir/renewal-desk --gapplication-service" \
  "$share/dbus-1/services/$app_id.service"
check "the installed service file names the app" \
  grep -qx "Name=$app_id" "$share/dbus-1/services/$app_id.service"

mkdir -p "$tmp/schemas"
check "the installed schema compiles with --strict" \
  glib-compile-schemas --strict --targetdir="$tmp/schemas" "$share/glib-2.0/schemas"

if ! command -v Xvfb >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "# Xvfb or dbus-run-session is missing: not starting the app"
  echo "1..$n"
  exit $status
fi

# The service file points at the final location; D-Bus has to start the copy in DESTDIR.
mkdir -p "$tmp/activation/dbus-1/services"
sed "s|^Exec=$bindir/|Exec=$dest$bindir/|" "$share/dbus-1/services/$app_id.service" \
  >"$tmp/activation/dbus-1/services/$app_id.service"

mkdir -p "$tmp/home" "$tmp/runtime"
chmod 0700 "$tmp/runtime"

# Our own X server rather than xvfb-run, whose clean-up fails now and then beside other
# tests and then replaces the app's exit status with its own.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$tmp/display" 2>/dev/null &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null; rm -rf "$tmp"' EXIT
for i in $(seq 100); do
  [[ -s "$tmp/display" ]] && break
  sleep 0.1
done
display=":$(head -n1 "$tmp/display")"
run_env=(
  env -u DBUS_SESSION_BUS_ADDRESS -u GTK_THEME -u GSETTINGS_BACKEND
  HOME="$tmp/home"
  XDG_DATA_HOME="$tmp/home/.local/share"
  XDG_CONFIG_HOME="$tmp/home/.config"
  XDG_CACHE_HOME="$tmp/home/.cache"
  XDG_STATE_HOME="$tmp/home/.local/state"
  XDG_RUNTIME_DIR="$tmp/runtime"
  XDG_DATA_DIRS="$tmp/activation:$share:/usr/local/share:/usr/share"
  GSETTINGS_SCHEMA_DIR="$tmp/schemas"
  GSETTINGS_BACKEND=keyfile
  GDK_BACKEND=x11
  GDK_DEBUG=no-portals
  NO_AT_BRIDGE=1
  GTK_A11Y=none
)

# Started directly: exit status 124 from timeout means it was still running after 5 s.
"${run_env[@]}" DISPLAY="$display" \
  dbus-run-session -- timeout 5 "$bin" --db "$tmp/direct.db" >"$tmp/direct.log" 2>&1
rc=$?
if [[ $rc -eq 124 ]]; then
  ok "the installed app starts and keeps running"
else
  not_ok "the installed app starts and keeps running (exit status $rc)"
  sed 's/^/# /' "$tmp/direct.log"
fi
check "the installed app opened its database" test -s "$tmp/direct.db"
if grep -q -- '-CRITICAL \*\*' "$tmp/direct.log"; then
  not_ok "the installed app runs without critical warnings"
  sed 's/^/# /' "$tmp/direct.log"
else
  ok "the installed app runs without critical warnings"
fi

# Started by D-Bus: activate, check it stays up, quit it through its action.
cat >"$tmp/activate.sh" <<SCRIPT
#!/bin/bash
set -u
has_owner () {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \\
    --method org.freedesktop.DBus.NameHasOwner $app_id 2>/dev/null | grep -q true
}
gdbus call --session --dest $app_id --object-path $object_path \\
  --method org.freedesktop.Application.Activate '{}' || { echo "activation failed"; exit 1; }
sleep 3
has_owner || { echo "the activated app is gone after 3 s"; exit 1; }
gdbus call --session --dest $app_id --object-path $object_path \\
  --method org.freedesktop.Application.ActivateAction quit '[]' '{}' \\
  || { echo "the quit action failed"; exit 1; }
for i in \$(seq 50); do
  has_owner || exit 0
  sleep 0.1
done
echo "the app did not quit"
exit 1
SCRIPT
chmod +x "$tmp/activate.sh"
"${run_env[@]}" DISPLAY="$display" \
  dbus-run-session -- timeout 30 "$tmp/activate.sh" >"$tmp/activate.log" 2>&1
rc=$?
if [[ $rc -eq 0 ]]; then
  ok "D-Bus activation starts the installed app, which quits through app.quit"
else
  not_ok "D-Bus activation starts the installed app, which quits through app.quit"
  sed 's/^/# /' "$tmp/activate.log"
fi
check "the D-Bus activated app opened the default database" \
  test -s "$tmp/home/.local/share/renewal-desk/renewals.db"

echo "1..$n"
exit $status
