#!/bin/bash
# make test-fresh: the README's commands on a new machine. Builds a bare
# Debian 12 root (debootstrap --variant=minbase: no compiler, no Node.js, no
# locales, no python3), clones the committed HEAD of this repository into it,
# installs only make, runs `make test` there and reports the exit code, the
# wall time and the number of skipped tests. Anything a test needs must come
# from the project's own files (scripts/deps.sh).
#
#   bash scripts/test-fresh.sh [--keep] [--user] [COMMAND...]   (default: make test)
#
#   --user   run COMMAND as a new user who has sudo without a password,
#            instead of root
#   --keep   keep the root afterwards (its path is printed)
#
# Needs root (debootstrap, chroot, mounts) and debootstrap (installed with
# apt-get when missing). The bare root is built once and kept as a tarball
# in /var/tmp/archwise-fresh/; downloaded .deb files and npm tarballs are
# kept there too (a cache of downloads: what gets installed is decided in
# the root each time). Uncommitted changes are not in the clone, as in CI.
# Exit status: COMMAND's, or 1 when a test was skipped, 2 on a setup error.
set -euo pipefail
# The whole script is one function, read before it runs: editing this file
# during a run cannot change the run.
main() {
keep=0 user=0
while [ $# -gt 0 ]; do
	case "$1" in
	--keep) keep=1; shift ;;
	--user) user=1; shift ;;
	--) shift; break ;;
	-*) echo "usage: scripts/test-fresh.sh [--keep] [--user] [COMMAND...]" >&2; exit 2 ;;
	*) break ;;
	esac
done
cmd=${*:-make test}
say() { echo "test-fresh: $*"; }
[ "$(id -u)" -eq 0 ] || { say "needs root (debootstrap, chroot, mounts): run it as root" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)
cache=/var/tmp/archwise-fresh
suite=bookworm
mkdir -p "$cache/apt-archives/partial" "$cache/npm"

if ! command -v debootstrap >/dev/null 2>&1; then
	say "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
fi
# The Debian mirror this machine's apt uses (deb822 or one-line sources).
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)
[ -n "$mirror" ] || { say "no Debian mirror in /etc/apt" >&2; exit 2; }

if [ ! -s "$cache/$suite.tar" ]; then
	say "building a bare $suite root with debootstrap (once; kept in $cache/$suite.tar)"
	rm -rf "$cache/base"
	if ! debootstrap --variant=minbase "$suite" "$cache/base" "$mirror" >"$cache/debootstrap.log" 2>&1; then
		tail -n 5 "$cache/debootstrap.log"; exit 2
	fi
	tar -C "$cache/base" -cf "$cache/$suite.tar.part" . && mv "$cache/$suite.tar.part" "$cache/$suite.tar"
	rm -rf "$cache/base"
fi

work=$(mktemp -d /var/tmp/archwise-fresh-run.XXXXXX)
root="$work/root"
mounted=""
cleanup() {
	for m in $mounted; do umount -l "$m" 2>/dev/null || true; done
	if [ "$keep" = 1 ]; then say "root kept at $root"; else rm -rf "$work"; fi
}
trap cleanup EXIT
mkdir -p "$root"
tar -C "$root" -xf "$cache/$suite.tar"

# This machine's package sources, apt settings (proxies) and trusted
# certificates, so the root reaches the registries this machine reaches.
rm -f "$root/etc/apt/sources.list"
cp -a /etc/apt/sources.list.d/. "$root/etc/apt/sources.list.d/" 2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$root/etc/apt/"
for f in /etc/apt/apt.conf.d/*; do
	[ -f "$f" ] || continue
	case "$(basename "$f")" in docker-*) ;; *) cp "$f" "$root/etc/apt/apt.conf.d/" ;; esac
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp "${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}" "$root/etc/host-ca.pem" 2>/dev/null || true
for rc in /etc/npmrc /usr/etc/npmrc /usr/local/etc/npmrc; do
	[ -f "$rc" ] && { mkdir -p "$root$(dirname "$rc")"; cp "$rc" "$root$rc"; }
done

git clone -q --no-local "$repo" "$root/project"
bind() { mkdir -p "$root$2"; mount "${@:3}" "$1" "$root$2"; mounted="$root$2 $mounted"; }
bind proc /proc -t proc
bind sys /sys -t sysfs
bind /dev /dev --bind
bind /dev/pts /dev/pts --bind
bind "$cache/apt-archives" /var/cache/apt/archives --bind
bind "$cache/npm" /var/cache/archwise-npm --bind

env_base=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	TERM=xterm DEBIAN_FRONTEND=noninteractive npm_config_cache=/var/cache/archwise-npm
	CI="${CI:-}")
[ -s "$root/etc/host-ca.pem" ] &&
	env_base+=(NODE_EXTRA_CA_CERTS=/etc/host-ca.pem npm_config_cafile=/etc/host-ca.pem)
# The only thing installed by hand: make (and sudo for the --user case).
extra=""
[ "$user" = 1 ] && extra=sudo
chroot "$root" "${env_base[@]}" HOME=/root sh -c \
	"apt-get update -qq && apt-get install -y -qq --no-install-recommends make $extra" >"$work/make.log" 2>&1 ||
	{ cat "$work/make.log"; say "cannot install make in the root"; exit 2; }
if [ "$user" = 1 ]; then
	chroot "$root" useradd -m -s /bin/sh dev
	echo 'dev ALL=(ALL) NOPASSWD: ALL' >"$root/etc/sudoers.d/dev"
	chroot "$root" chown -R dev:dev /project /var/cache/archwise-npm
	uid=$(chroot "$root" id -u dev)
	run=(chroot --userspec="$uid:$uid" "$root" "${env_base[@]}" HOME=/home/dev USER=dev)
else
	run=(chroot "$root" "${env_base[@]}" HOME=/root)
fi

say "running '$cmd' in a clean clone on bare Debian 12 ($([ "$user" = 1 ] && echo "a user with sudo" || echo root))"
start=$(date +%s)
set +e
# In a session of its own, without a terminal: no signal meant for the
# caller's terminal or process group reaches the tests.
setsid -w "${run[@]}" sh -c "cd /project && $cmd" 2>&1 </dev/null | tee "$work/log"
rc=${PIPESTATUS[0]}
set -e
secs=$(($(date +%s) - start))
cp "$work/log" "$cache/last.log"
# The runners' summaries: "unit: N passed, N failed, N skipped", "scripts: ...".
skipped=$(sed -n 's/^\(unit\|scripts\): [0-9]* passed, [0-9]* failed, \([0-9]*\) skipped$/\2/p' "$work/log" |
	awk '{ n += $1 } END { print n + 0 }')
say "'$cmd' exit $rc in ${secs}s; $skipped skipped; log in $cache/last.log"
[ "$rc" -ne 0 ] && exit "$rc"
[ "$skipped" -eq 0 ] || exit 1
exit 0
}
main "$@"
exit
