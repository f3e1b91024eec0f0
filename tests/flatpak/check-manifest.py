#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: a GNOME runtime with GTK >= 4.8 and libadwaita >= 1.2, the
app built with meson and its tests run, and a sandbox that asks for no more than the app
needs (secrets, notifications and background run through portals)."""

import json
import os
import sys

APP_ID = "io.github.renewaldesk.RenewalDesk"
# GNOME 43 is the first runtime with GTK 4.8 and libadwaita 1.2.
OLDEST_RUNTIME = 43
REQUIRED_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}

results = []


def check(what, condition, detail=""):
    results.append((bool(condition), what, detail))


path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    manifest = json.load(f)

check("the id is the app id", manifest.get("id") == APP_ID, manifest.get("id"))
check("the runtime is org.gnome.Platform", manifest.get("runtime") == "org.gnome.Platform")
check("the SDK is org.gnome.Sdk", manifest.get("sdk") == "org.gnome.Sdk")
version = str(manifest.get("runtime-version", ""))
check("the runtime version ships GTK >= 4.8 and libadwaita >= 1.2",
      version.isdigit() and int(version) >= OLDEST_RUNTIME, version)
check("the command is renewal-desk", manifest.get("command") == "renewal-desk")

args = manifest.get("finish-args", [])
check("finish-args has no duplicates", len(args) == len(set(args)), args)
for arg in sorted(REQUIRED_ARGS):
    check(f"finish-args has {arg}", arg in args)
extra = [a for a in args if a not in REQUIRED_ARGS]
check("finish-args asks for nothing else (portals do secrets, notifications, files)",
      not extra, extra)
for arg in args:
    check(f"{arg} gives no home or host file access",
          not arg.startswith("--filesystem=") or arg.split("=", 1)[1].split(":")[0]
          not in ("home", "host", "host-os", "host-etc", "~"))
check("no talk-name for org.freedesktop.secrets",
      "--talk-name=org.freedesktop.secrets" not in args)
check("no plain X11 socket (only fallback-x11)", "--socket=x11" not in args)

modules = manifest.get("modules", [])
check("there are modules", modules)
app = modules[-1] if modules else {}
check("the last module is renewal-desk", app.get("name") == "renewal-desk")
check("it is built with meson", app.get("buildsystem") == "meson")
check("its tests run", app.get("run-tests") is True)
opts = app.get("config-opts", [])
check("the sync tests (they need node and a server) are off", "-Dsync_tests=false" in opts,
      opts)

sources = app.get("sources", [])
check("it has one source", len(sources) == 1, sources)
if sources:
    source = sources[0]
    here = os.path.dirname(os.path.abspath(path))
    root = os.path.normpath(os.path.join(here, source.get("path", "")))
    check("the source is the project tree", source.get("type") in ("dir", "git")
          and os.path.isfile(os.path.join(root, "meson.build"))
          and "project('renewal-desk'" in open(os.path.join(root, "meson.build"),
                                                encoding="utf-8").read(), root)

failed = 0
for i, (passed, what, detail) in enumerate(results, 1):
    print(f"{'ok' if passed else 'not ok'} {i} - {what}")
    if not passed:
        failed += 1
        if detail:
            print(f"# {detail!r}")
print(f"1..{len(results)}")
sys.exit(1 if failed else 0)
