#!/bin/sh
# Replays every kept crash input (fuzz/regressions/<target>/), then fuzzes each
# target for $1 seconds from its seed corpus (tests/cases and fuzz/seeds).
set -e
# A second argument names one target (fuzz_answers...) to run alone.
seconds=${1:-15}
only=${2:-}
for bin in build/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	[ -z "$only" ] || [ "$only" = "$name" ] || continue
	regress="fuzz/regressions/$name"
	if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
		"$bin" -runs=0 "$regress"/* >/dev/null 2>&1 || { echo "fuzz: $name regression failed"; "$bin" -runs=0 "$regress"/*; exit 1; }
	fi
	corpus="build/fuzz/corpus/$name"
	mkdir -p "$corpus"
	seeds=""
	[ -d "fuzz/seeds/$name" ] && seeds="fuzz/seeds/$name"
	dict=""
	case "$name" in
	fuzz_questionnaire)
		cp questionnaires/*.yaml "$corpus/"
		dict="-dict=fuzz/data.dict" ;;
	fuzz_assets)
		printf '\000' | cat - assets/architectures.yaml >"$corpus/architectures.yaml"
		printf '\001' | cat - assets/case-studies.yaml >"$corpus/case-studies.yaml"
		printf '\002' | cat - assets/pricing-aws.yaml >"$corpus/pricing.yaml"
		dict="-dict=fuzz/data.dict" ;;
	fuzz_record)
		for f in tests/cases/*/expected/decision-record.md; do [ -f "$f" ] && cp "$f" "$corpus/$(basename "$(dirname "$(dirname "$f")")").md"; done
		dict="-dict=fuzz/answers.dict" ;;
	fuzz_answers|fuzz_export)
		for f in tests/cases/*/answers.yaml; do [ -f "$f" ] && cp "$f" "$corpus/$(basename "$(dirname "$f")").yaml"; done
		seeds="fuzz/seeds/fuzz_answers"
		dict="-dict=fuzz/answers.dict" ;;
	esac
	echo "fuzz: $name for ${seconds}s"
	"$bin" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=1024 -timeout=10 $dict \
		-artifact_prefix="build/fuzz/$name-" "$corpus" $seeds >"build/fuzz/$name.log" 2>&1 || {
		echo "fuzz: $name found a problem:"; tail -n 40 "build/fuzz/$name.log"; exit 1; }
	grep -E '^(#[0-9]+ *DONE|Done)' "build/fuzz/$name.log" | tail -n 1
done
