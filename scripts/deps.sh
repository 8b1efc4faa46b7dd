#!/bin/sh
# Installs what archwise needs, and only what is missing:
#
#   sh scripts/deps.sh run    to build and run the wizard (`make`, `make run`):
#                             a C compiler, make, pkg-config and the ncurses,
#                             libcyaml, cJSON, libyaml and zlib headers
#   sh scripts/deps.sh test   (the default; `make test`) run's packages and the
#                             test tools: cmocka, tmux, yamllint, python3, procps,
#                             locales, man-db, shellcheck, a JDK (javac), kubectl,
#                             Node.js 20 or later with npm, then the pinned Node
#                             tools (npm ci in tests/tools and tests/validators)
#   sh scripts/deps.sh ci     test's and valgrind, clang with its sanitizer
#                             runtime and time (.ci/run)
#
# When everything is there it returns at once: no network, no sudo. Else, on
# Debian and Ubuntu, it says what it installs and runs apt-get (as root, or
# through sudo); without root or a usable sudo it prints the command to run
# as root and exits 2. Elsewhere it prints the packages to install, exit 2.
#
# Node.js: where the system's is older than 20 (Debian 12 and Ubuntu 24.04
# ship 18), a pinned Node.js 22 and npm from the npm registry go into
# tests/tools/node (its package-lock.json); the test runners put it first
# on PATH. kubectl: any that is on PATH, else Debian's kubernetes-client.
set -u
mode=${1:-test}
case "$mode" in run | test | ci) ;; *) echo "usage: sh scripts/deps.sh [run|test|ci]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)

RUN_APT="gcc libc6-dev make pkg-config libncurses-dev libcyaml-dev libcjson-dev libyaml-dev zlib1g-dev"
TEST_APT="libcmocka-dev tmux yamllint python3 procps locales man-db shellcheck default-jdk-headless ca-certificates"
CI_APT="valgrind clang time"
RUN_DNF="gcc make pkgconf-pkg-config ncurses-devel libcyaml-devel cjson-devel libyaml-devel zlib-devel"
TEST_DNF="libcmocka-devel tmux yamllint python3 procps-ng glibc-locale-source man-db ShellCheck java-latest-openjdk-devel kubernetes-client nodejs npm"
RUN_BREW="pkg-config ncurses libcyaml cjson libyaml"
TEST_BREW="cmocka tmux yamllint python shellcheck openjdk kubernetes-cli node"

say() { echo "archwise deps: $*" >&2; }

# The Node.js on PATH is 20 or later and has npm beside it.
node_ok() {
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
		node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null
}
pinned_node="$root/tests/tools/node/node_modules/.bin"
# node_modules matches its package-lock.json (npm ci wrote it from that one).
npm_fresh() {
	[ -f "$1/node_modules/.archwise-lock" ] && cmp -s "$1/package-lock.json" "$1/node_modules/.archwise-lock"
}
npm_ci() {
	say "npm ci in ${1#"$root"/}"
	(cd "$1" && npm ci --no-audit --no-fund --loglevel=error) || { say "npm ci failed in $1"; exit 1; }
	cp "$1/package-lock.json" "$1/node_modules/.archwise-lock"
}

# --- system packages -------------------------------------------------------
if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
	want=$RUN_APT
	[ "$mode" = run ] || want="$want $TEST_APT"
	[ "$mode" = ci ] && want="$want $CI_APT"
	# Installed packages print "install ok installed"; unknown ones nothing.
	have=$(dpkg-query -W -f='${Package} ${Status}\n' $want 2>/dev/null | awk '/ installed$/ {print $1}')
	missing=""
	for p in $want; do
		echo "$have" | grep -qx "$p" || missing="$missing $p"
	done
	if [ "$mode" != run ]; then
		command -v kubectl >/dev/null 2>&1 || missing="$missing kubernetes-client"
		# A Node.js older than 20 is fine for bootstrapping the pinned one.
		if ! node_ok && ! [ -x "$pinned_node/node" ] && ! command -v npm >/dev/null 2>&1; then
			missing="$missing npm"
		fi
	fi
	if [ "$mode" = ci ] && command -v clang >/dev/null 2>&1; then
		v=$(clang -dumpversion | cut -d. -f1)
		dpkg-query -W -f='${Status}\n' "libclang-rt-$v-dev" 2>/dev/null | grep -q ' installed$' ||
			missing="$missing libclang-rt-$v-dev"
	fi
	if [ -n "$missing" ]; then
		if [ "$(id -u)" -eq 0 ]; then
			SUDO=""
		elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
			SUDO="sudo"
		else
			say "missing:$missing"
			say "run as root: apt-get update && apt-get install -y --no-install-recommends$missing"
			exit 2
		fi
		say "installing with apt-get:$missing"
		$SUDO apt-get update -q || { say "apt-get update failed"; exit 1; }
		# Not every release has kubernetes-client (Debian 12 does).
		case "$missing" in *kubernetes-client*)
			if ! apt-cache show kubernetes-client >/dev/null 2>&1; then
				missing=$(echo "$missing" | sed 's/ kubernetes-client//')
				say "no kubernetes-client package here: install kubectl (1.14 or later) for validate-generated"
			fi ;;
		esac
		st=$(mktemp)
		# apt's own lines, one per package set up, so the screen shows progress.
		{ DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
			-o Dpkg::Use-Pty=0 $missing; echo $? >"$st"; } 2>&1 |
			sed -n 's/^Setting up \([^ ]*\) .*/  set up \1/p; /^E: /p'
		rc=$(cat "$st"); rm -f "$st"
		[ "$rc" = 0 ] || { say "apt-get install failed (exit $rc)"; exit 1; }
		# clang came just now: its sanitizer runtime has its version in the name.
		if [ "$mode" = ci ] && command -v clang >/dev/null 2>&1; then
			v=$(clang -dumpversion | cut -d. -f1)
			dpkg-query -W -f='${Status}\n' "libclang-rt-$v-dev" 2>/dev/null | grep -q ' installed$' ||
				DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
					"libclang-rt-$v-dev" >/dev/null || { say "cannot install libclang-rt-$v-dev"; exit 1; }
		fi
	fi
elif [ "$mode" = run ] && pkg-config --exists ncursesw libcyaml libcjson yaml-0.1 zlib 2>/dev/null; then
	:
elif command -v dnf >/dev/null 2>&1; then
	p=$RUN_DNF; [ "$mode" = run ] || p="$p $TEST_DNF"
	say "run as root: dnf install $p"; exit 2
elif command -v brew >/dev/null 2>&1; then
	p=$RUN_BREW; [ "$mode" = run ] || p="$p $TEST_BREW"
	say "run: brew install $p"; exit 2
else
	say "install a C compiler, make, pkg-config and the ncurses, libcyaml, cJSON, libyaml and zlib development files"
	[ "$mode" = run ] || say "and for the tests: cmocka, tmux, yamllint, python3, kubectl, Node.js 20+ with npm"
	exit 2
fi
[ "$mode" = run ] && exit 0

# --- Node.js 20+ and the pinned Node tools ----------------------------------
if ! node_ok; then
	if ! npm_fresh "$root/tests/tools/node"; then
		command -v npm >/dev/null 2>&1 || { say "npm is needed to install the pinned Node.js"; exit 2; }
		say "the system's Node.js is older than 20: installing the pinned one into tests/tools/node"
		npm_ci "$root/tests/tools/node"
	fi
	PATH="$pinned_node:$PATH"
	export PATH
	node_ok || { say "the pinned Node.js in tests/tools/node does not run here"; exit 1; }
fi
for d in "$root/tests/tools" "$root/tests/validators"; do
	npm_fresh "$d" || npm_ci "$d"
done
exit 0
