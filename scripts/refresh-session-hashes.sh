#!/bin/bash
# Rewrites the "sha256" of every sample session in sessions/ to the current hash of its
# scenario's files (SessionFile.programHash: "name NUL text NUL" over the files sorted by name),
# after a change to a built-in scenario that does not change what the session replays (same
# steps, same breakpoints). Usage: scripts/refresh-session-hashes.sh [path/to/suspendscope]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-.build/debug/suspendscope}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for session in sessions/*.json; do
    name="$(sed -n 's/.*"name": "\(.*\)",/\1/p' "$session" | head -1)"
    "$bin" scenarios export "$name" "$tmp/$name" > /dev/null
    hash="$(cd "$tmp/$name" && for f in $(ls | LC_ALL=C sort); do
        [ "$f" = scenario.toml ] && continue
        printf '%s\0' "$f"; cat "$f"; printf '\0'
    done | sha256sum | cut -d' ' -f1)"
    sed -i "0,/\"sha256\": \"[0-9a-f]*\"/s//\"sha256\": \"$hash\"/" "$session"
    echo "$session: $name $hash"
done
