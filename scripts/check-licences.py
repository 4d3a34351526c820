#!/usr/bin/env python3
"""Fails when a dependency's licence leaves no alternative free of GPL/LGPL/AGPL.

Reads `cargo metadata --format-version 1` on standard input.
"""
import json
import sys

bad = []
for p in json.load(sys.stdin)["packages"]:
    name, version, lic = p["name"], p["version"], p.get("license") or ""
    if not lic:
        bad.append(f"{name} {version}: no licence declared")
        continue
    alternatives = [a.strip(" ()") for a in lic.replace("/", " OR ").split(" OR ")]
    if all("GPL" in a for a in alternatives):
        bad.append(f"{name} {version}: {lic}")
if bad:
    print("incompatible licences:\n  " + "\n  ".join(bad))
    sys.exit(1)
print("ok: every dependency is available under a licence compatible with MIT OR Apache-2.0")
