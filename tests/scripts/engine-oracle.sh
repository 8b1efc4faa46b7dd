#!/bin/sh
# The engine against an independent oracle (tests/tools/engine_oracle.py):
# the scores, exclusions, ranking, fired rules, nearest case study and
# confidence recomputed from the questionnaire and case-study YAML files
# themselves (PyYAML, not archwise's loader), after docs/engine.md,
# for every sample answers file and 150 seeded random ones whose numbers sit
# on band boundaries and rule thresholds, and one whose top two are exactly
# the close-call margin apart (data/close-call-boundary.yaml: close, not
# clear). PyYAML comes with yamllint.
: "${ARCHWISE:?}" "${ARCHWISE_ROOT:?}"
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "PyYAML not found (python3-yaml, installed with yamllint)"; exit 77; }
exec python3 "$ARCHWISE_ROOT/tests/tools/engine_oracle.py" "$ARCHWISE" "$ARCHWISE_ROOT" \
	--random 150 --seed 18 --boundary "$ARCHWISE_ROOT/tests/scripts/data/close-call-boundary.yaml" \
	"$ARCHWISE_ROOT"/tests/cases/*/answers.yaml
