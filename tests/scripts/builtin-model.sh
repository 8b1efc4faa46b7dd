#!/bin/sh
# The compiled-in model (tools/embed_model.c) must be exactly what the loader
# makes of the data files: every answers case evaluates the same both ways.
set -u
fail=0; n=0
for c in "$ARCHWISE_ROOT"/tests/cases/*/answers.yaml; do
	"$ARCHWISE" eval "$c" --json >/tmp/aw-builtin.$$ 2>&1
	"$ARCHWISE" eval "$c" --json --questionnaire "$ARCHWISE_ROOT/questionnaires/k8s-vs-serverless.yaml" \
		--data-dir "$ARCHWISE_ROOT/assets" >/tmp/aw-parsed.$$ 2>&1
	if ! cmp -s /tmp/aw-builtin.$$ /tmp/aw-parsed.$$; then
		echo "FAIL $c: built-in and parsed models disagree"; diff /tmp/aw-builtin.$$ /tmp/aw-parsed.$$ | head; fail=1
	fi
	n=$((n + 1))
done
rm -f /tmp/aw-builtin.$$ /tmp/aw-parsed.$$
[ $n -gt 0 ] || { echo "no answers cases"; exit 1; }
echo "built-in model matches the data files on $n answer sets"
exit $fail
