#!/bin/sh
# `archwise export` refuses unsafe input before writing anything (exit 2),
# never overwrites without --force, never writes through a planted symlink
# (file or folder), and leaves nothing behind when the disk is full or the
# folder is read-only (exit 1). Only the targets asked for are written.
set -u
A=${ARCHWISE:?}
root=${ARCHWISE_ROOT:?}
tmp=$(mktemp -d)
mnt="$tmp/mnt"
cleanup() { umount "$mnt" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok   $*"; }
answers="$root/tests/cases/gen-mixed-node/answers.yaml"

expect() { # expect CODE DESCRIPTION -- command...
	want=$1; what=$2; shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	if [ "$got" -ne "$want" ]; then bad "$what: exit $got, want $want ($(head -c 300 "$tmp/err"))"; return 1; fi
	return 0
}

# Unsafe input: exit 2, no folder created.
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  container_image: "nginx:latest"\n' >"$tmp/latest.yaml"
expect 2 "unpinned image" -- "$A" export "$tmp/latest.yaml" -o "$tmp/o1" &&
	{ [ ! -e "$tmp/o1" ] && grep -q "pinned" "$tmp/err" && ok "unpinned image refused, nothing written" || bad "unpinned image left files or no message"; }
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  container_image: "nginx"\n' >"$tmp/untagged.yaml"
expect 2 "untagged image" -- "$A" export "$tmp/untagged.yaml" -o "$tmp/o1b" && [ ! -e "$tmp/o1b" ] && ok "untagged image refused"
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  service_name: "9lives"\n' >"$tmp/digit.yaml"
expect 2 "name starting with a digit" -- "$A" export "$tmp/digit.yaml" -o "$tmp/o2" && [ ! -e "$tmp/o2" ] && ok "service name must start with a letter"
printf 'questionnaire: k8s-vs-serverless\nanswers:\n  service_name: "Bad_Name"\n' >"$tmp/badname.yaml"
expect 2 "non DNS-1123 name" -- "$A" export "$tmp/badname.yaml" -o "$tmp/o3" && [ ! -e "$tmp/o3" ] && ok "non DNS-1123 name refused"
# An unpinned image is fine when no target uses it.
expect 0 "serverless only with an unpinned image" -- "$A" export "$tmp/latest.yaml" -o "$tmp/o4" --target serverless &&
	{ [ -f "$tmp/o4/serverless/serverless.yml" ] && [ ! -e "$tmp/o4/kubernetes" ] && [ ! -e "$tmp/o4/fargate" ] &&
		ok "--target serverless writes only serverless/" || bad "--target serverless wrote other targets"; }

# No clobber: a second export is refused and changes nothing; --force rewrites.
out="$tmp/bundle"
expect 0 "first export" -- "$A" export "$answers" -o "$out" --date 2026-01-01
echo "edited" >>"$out/kubernetes/deployment.yaml"
cp "$out/kubernetes/deployment.yaml" "$tmp/edited"
rm "$out/README.md"
expect 1 "second export without --force" -- "$A" export "$answers" -o "$out" --date 2026-01-01 &&
	{ cmp -s "$tmp/edited" "$out/kubernetes/deployment.yaml" && [ ! -e "$out/README.md" ] &&
		ok "refused export changed nothing (not even the missing README)" || bad "refused export touched files"; }
expect 0 "export --force" -- "$A" export "$answers" -o "$out" --date 2026-01-01 --force &&
	{ ! grep -q edited "$out/kubernetes/deployment.yaml" && [ -f "$out/README.md" ] && ok "--force rewrites" || bad "--force did not rewrite"; }
[ -z "$(find "$out" -name '*.tmp')" ] || bad "temporary files left behind"

# A symlink planted at a target: refused even with --force, target untouched.
echo precious >"$tmp/victim"
rm "$out/kubernetes/service.yaml"
ln -s "$tmp/victim" "$out/kubernetes/service.yaml"
expect 1 "symlinked target" -- "$A" export "$answers" -o "$out" --date 2026-01-01 --force &&
	{ [ "$(cat "$tmp/victim")" = precious ] && [ -L "$out/kubernetes/service.yaml" ] && grep -q "symbolic link" "$tmp/err" &&
		ok "planted symlink not written through" || bad "symlink followed or replaced"; }

# A symlinked sub-folder: refused, the folder it points to stays empty.
out2="$tmp/bundle2"
mkdir -p "$out2" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$out2/kubernetes"
expect 1 "symlinked folder" -- "$A" export "$answers" -o "$out2" --date 2026-01-01 --force &&
	{ [ -z "$(ls -A "$tmp/elsewhere")" ] && [ "$(ls -A "$out2")" = kubernetes ] &&
		ok "symlinked sub-folder refused, nothing written" || bad "wrote through a symlinked folder"; }

# Full disk and read-only folder: tmpfs mounts as root (root ignores
# permissions; a container that forbids mounting cannot run this: exit 77);
# otherwise a small file-size limit (ulimit -f, SIGXFSZ ignored: the write
# fails with EFBIG as it would with ENOSPC) and a folder without write
# permission.
mkdir -p "$mnt"
if [ "$(id -u)" -eq 0 ]; then
	mount -t tmpfs -o size=16k tmpfs "$mnt" 2>/dev/null ||
		{ echo "root cannot mount a tmpfs here (a container without CAP_SYS_ADMIN?)"; exit 77; }
	expect 1 "full disk" -- "$A" export "$answers" -o "$mnt/svc" --date 2026-01-01 &&
		{ [ -z "$(ls -A "$mnt")" ] && ok "full disk: exit 1, nothing left" || { bad "full disk left files:"; find "$mnt"; }; }
	umount "$mnt"
	mount -t tmpfs -o ro,size=64k tmpfs "$mnt"
else
	expect 1 "full disk" -- sh -c 'trap "" XFSZ; ulimit -f 4; exec "$@"' sh \
		"$A" export "$answers" -o "$mnt/svc" --date 2026-01-01 &&
		{ [ -z "$(ls -A "$mnt")" ] && ok "file-size limit: exit 1, nothing left" || { bad "file-size limit left files:"; find "$mnt"; }; }
	chmod 555 "$mnt"
fi
expect 1 "read-only folder" -- "$A" export "$answers" -o "$mnt/svc" --date 2026-01-01 &&
	{ [ -z "$(ls -A "$mnt")" ] && ok "read-only folder: exit 1, nothing left" || bad "read-only: files left"; }
umount "$mnt" 2>/dev/null
chmod 755 "$mnt"
exit "$fail"
