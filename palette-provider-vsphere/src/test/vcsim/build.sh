#!/usr/bin/env bash
# Builds vcsim, VMware's vCenter simulator, for the vSphere provider's tests: our main.go over govmomi's
# simulator from Debian's golang-github-vmware-govmomi-dev, with one fix to govmomi's XML marshaller that
# yavijava needs (a managed object reference's "type" attribute written before "xsi:type", as vCenter
# writes it). The fix is applied to a copy at build time through `go build -overlay`; nothing under
# /usr/share/gocode is touched and no govmomi code is kept in this repository.
#
# Usage: build.sh OUT_DIR   → OUT_DIR/vcsim (rebuilt only when main.go or this script changed).
# Needs: apt-get install golang-go golang-github-vmware-govmomi-dev (./test.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
gocode=/usr/share/gocode
marshal="$gocode/src/github.com/vmware/govmomi/vim25/xml/marshal.go"

if ! command -v go >/dev/null 2>&1 || [ ! -f "$marshal" ]; then
  echo "build.sh: vcsim needs Go and govmomi's source: apt-get install golang-go golang-github-vmware-govmomi-dev" >&2
  exit 3
fi

stamp="$(cat "$here/main.go" "$0" "$marshal" | sha256sum | cut -c1-16)"
if [ -x "$out/vcsim" ] && [ "$(cat "$out/vcsim.stamp" 2>/dev/null)" = "$stamp" ]; then
  exit 0
fi

mkdir -p "$out/patch"
# Move the block that adds xsi:type in (*printer).marshalValue from before the attribute loop to after
# it, right before the start element is written.
awk '
  /^func \(p \*printer\) marshalValue\(/ { inside = 1 }
  inside && /^\t\/\/ Add type attribute if necessary$/ && !moved { grab = 1 }
  grab { held = held $0 "\n"; if ($0 ~ /^\t}$/) { grab = 0; moved = 1 }; next }
  inside && moved && !placed && /^\tif err := p.writeStart\(&start\); err != nil \{$/ { printf "%s", held; placed = 1 }
  { print }
  END { if (!placed) { print "build.sh: marshal.go is not shaped as expected" > "/dev/stderr"; exit 1 } }
' "$marshal" > "$out/patch/marshal.go"
printf '{"Replace": {"%s": "%s"}}\n' "$marshal" "$out/patch/marshal.go" > "$out/patch/overlay.json"

cp "$here/main.go" "$out/patch/main.go"
(cd "$out/patch" && GO111MODULE=off GOPATH="$gocode" GOFLAGS= go build -overlay "$out/patch/overlay.json" -o "$out/vcsim" main.go)
echo "$stamp" > "$out/vcsim.stamp"
echo "build.sh: built $out/vcsim"
