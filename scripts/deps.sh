#!/bin/sh
# Installs what archwise needs to build and test, when pkg-config cannot find
# it. apt-get on Debian/Ubuntu (with sudo when not root); for dnf and Homebrew
# it prints the command to run.
set -e
APT_PKGS="build-essential pkg-config libncurses-dev libcyaml-dev libcjson-dev libyaml-dev libcmocka-dev zlib1g-dev tmux yamllint kubectl valgrind clang libxml2-utils librsvg2-bin"
DNF_PKGS="gcc make pkgconf-pkg-config ncurses-devel libcyaml-devel cjson-devel libyaml-devel libcmocka-devel tmux yamllint kubernetes-client nodejs npm valgrind clang libxml2 librsvg2-tools"
BREW_PKGS="pkg-config ncurses libcyaml cjson libyaml cmocka tmux yamllint kubernetes-cli node libxml2 librsvg"

if command -v apt-get >/dev/null 2>&1; then
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	missing=""
	for p in $APT_PKGS; do
		dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
	done
	# Node.js may come from elsewhere with npm inside it: judge by the commands
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
	[ -z "$missing" ] && exit 0
	echo "archwise: installing:$missing" >&2
	$SUDO apt-get update -qq
	# kubectl is not in every Debian release; the rest is required.
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null || {
		rest=$(echo "$missing" | sed 's/ kubectl//')
		DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $rest >/dev/null
	}
elif pkg-config --exists ncursesw libcyaml libcjson yaml-0.1 cmocka zlib 2>/dev/null; then
	exit 0   # not Debian, but the libraries are there: nothing to say
elif command -v dnf >/dev/null 2>&1; then
	echo "archwise: run: sudo dnf install $DNF_PKGS" >&2
	exit 1
elif command -v brew >/dev/null 2>&1; then
	echo "archwise: run: brew install $BREW_PKGS" >&2
	exit 1
else
	echo "archwise: install ncurses, libcyaml, cJSON, libyaml and cmocka development files" >&2
	exit 1
fi
