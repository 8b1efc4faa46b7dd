# archwise: see README.md. `make` builds ./archwise, `make test` runs every test.
CC      ?= cc
PREFIX  ?= /usr/local
PKGS    := ncursesw libcyaml libcjson yaml-0.1 zlib
VERSION := 0.1.0

# Recursive (=), not simple (:=): on a fresh machine the libraries only
# exist after deps ran, so the flags are asked for when they are used.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
	     -Iinclude $(PKG_CFLAGS) -DARCHWISE_VERSION='"$(VERSION)"' -MMD -MP
LDLIBS  = $(PKG_LIBS) -lm
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# The stages, in the order data flows (a stage includes only headers of the
# stages before it; tests/scripts/layering.sh checks it).
STAGES   := core engine traffic scan report gen recheck export
CORE_SRC := $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c))
TUI_SRC  := $(wildcard src/tui/*.c)
DATA     := $(wildcard questionnaires/*.yaml assets/*.yaml)
TESTS    := $(patsubst tests/%.c,build/tests/%,$(wildcard tests/test_*.c))
ASAN_TESTS := $(patsubst tests/%.c,build/asan/tests/%,$(wildcard tests/test_*.c))

obj = $(patsubst src/%.c,$(1)/obj/%.o,$(2))

.PHONY: all screenshots run test test-run test-fresh test-unit test-scripts asan test-asan update-golden install clean deps fuzz fuzz-smoke bench mutate mutate-fast
all: deps-quiet
	@$(MAKE) --no-print-directory archwise

# What the wizard needs to build (compiler, pkg-config, the libraries): the
# check is pkg-config's; scripts/deps.sh run installs what is missing.
deps-quiet:
	@command -v cc >/dev/null 2>&1 && pkg-config --exists $(PKGS) 2>/dev/null || sh scripts/deps.sh run

# What `make test` needs as well (scripts/deps.sh says what; it returns at
# once when everything is there).
deps:
	@sh scripts/deps.sh test

build/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build/asan/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -c $< -o $@

build/obj/core/builtin.o build/asan/obj/core/builtin.o build/fuzz/obj/core/builtin.o: $(DATA)

# The built-in model: the data files loaded and checked by the real loader
# at build time and emitted as C (tools/embed_model.c), so no run parses them.
EMBED_OBJS := $(call obj,build,$(CORE_SRC))
build/embed_model: tools/embed_model.c $(EMBED_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(EMBED_OBJS) $(LDLIBS)

build/gen/builtin_model.c: build/embed_model $(DATA)
	@mkdir -p $(dir $@)
	build/embed_model questionnaires/k8s-vs-serverless.yaml assets/architectures.yaml \
		assets/case-studies.yaml assets/pricing-aws.yaml > $@.tmp
	@mv $@.tmp $@

build/obj/builtin_model.o build/asan/obj/builtin_model.o build/fuzz/obj/builtin_model.o: build/gen/builtin_model.c
	@mkdir -p $(dir $@)
	$(if $(findstring fuzz,$@),$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS),$(CC) $(ALL_CFLAGS) $(if $(findstring asan,$@),$(SAN) -O1)) -Wno-overlength-strings -c $< -o $@

build/libarchwise.a: $(call obj,build,$(CORE_SRC)) build/obj/builtin_model.o
	@rm -f $@
	ar rcs $@ $^

build/asan/libarchwise.a: $(call obj,build/asan,$(CORE_SRC)) build/asan/obj/builtin_model.o
	@rm -f $@
	ar rcs $@ $^

archwise: build/obj/cli/main.o $(call obj,build,$(TUI_SRC)) build/libarchwise.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

archwise-asan: build/asan/obj/cli/main.o $(call obj,build/asan,$(TUI_SRC)) build/asan/libarchwise.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

build/tests/%: tests/%.c build/libarchwise.a $(call obj,build,$(TUI_SRC))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-unused-parameter -o $@ $< $(if $(filter test_tui%,$*),$(call obj,build,$(TUI_SRC))) build/libarchwise.a $(CMOCKA_LIBS) $(LDLIBS)

build/asan/tests/%: tests/%.c build/asan/libarchwise.a $(call obj,build/asan,$(TUI_SRC))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Wno-unused-parameter -o $@ $< $(if $(filter test_tui%,$*),$(call obj,build/asan,$(TUI_SRC))) build/asan/libarchwise.a $(CMOCKA_LIBS) $(LDLIBS)

run: deps-quiet
	@$(MAKE) --no-print-directory archwise
	./archwise

# Every test: cmocka unit tests, then the script tests (golden files, the CLI,
# validators of generated files, the wizard in tmux).
# `make test` also installs the test tools (tmux, kubectl, yamllint, Node.js
# 20+ and the pinned Node tools...): deps.sh returns at once when all are there.
test: deps
	@$(MAKE) --no-print-directory test-run

test-run: archwise $(TESTS)
	@sh tests/run-unit.sh build/tests
	@sh tests/run-scripts.sh ./archwise

# The two README commands on a new machine: a bare Debian 12 root
# (debootstrap), a clean clone of the committed tree, only make installed,
# then `make test`: prints the exit code, the time and the skipped count.
# Needs root; see scripts/test-fresh.sh (--user: as a user with sudo).
test-fresh:
	@bash scripts/test-fresh.sh

test-unit: $(TESTS)
	@sh tests/run-unit.sh build/tests

asan: archwise-asan

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: archwise-asan $(ASAN_TESTS)
	@sh tests/run-unit.sh --sanitized build/asan/tests
	@sh tests/run-scripts.sh --sanitized ./archwise-asan

# Rewrites the golden files under tests/cases/*/expected/ from the current
# binary (eval, decision records, starter files): review `git diff` after.
# The suite itself only compares; nothing in it rewrites a golden.
update-golden: archwise
	@sh tests/update-golden.sh ./archwise

install: archwise
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/archwise/questionnaires \
		$(DESTDIR)$(PREFIX)/share/archwise/assets $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 archwise $(DESTDIR)$(PREFIX)/bin/archwise
	install -m 0644 questionnaires/*.yaml $(DESTDIR)$(PREFIX)/share/archwise/questionnaires/
	install -m 0644 assets/*.yaml $(DESTDIR)$(PREFIX)/share/archwise/assets/
	install -m 0644 docs/archwise.1 $(DESTDIR)$(PREFIX)/share/man/man1/archwise.1
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 0644 completions/archwise.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/archwise
	install -m 0644 completions/_archwise $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_archwise

# The README's screenshots (docs/images/*.svg), from tmux captures of the
# real wizard drawn by tools/ansi2svg.c.
build/ansi2svg: tools/ansi2svg.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) $(CFLAGS) -o $@ $<

screenshots: archwise build/ansi2svg
	sh scripts/screenshots.sh $(CURDIR)/archwise $(CURDIR)/build/ansi2svg docs/images

# Mutation check: each small bug listed in tests/mutants.txt applied alone in
# a scratch copy, rebuilt, its tests run; every one must be caught. `mutate`
# runs the whole list and writes tests/mutants-report.txt; `mutate-fast` runs
# the few marked fast (CI).
mutate: archwise
	python3 scripts/mutate.py --report tests/mutants-report.txt

mutate-fast: archwise
	python3 scripts/mutate.py --fast

# Benchmarks (issue #7): prints the table the README quotes.
bench: archwise
	@sh bench/run.sh

# Fuzzers (libFuzzer, clang): the loaders, the answers parser + engine, the
# exporters. fuzz-smoke replays the kept crash inputs, then runs each briefly.
FUZZ_CC    := clang
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -O1 -g
FUZZERS    := $(patsubst fuzz/%.c,build/fuzz/%,$(wildcard fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 15

build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/libarchwise.a: $(call obj,build/fuzz,$(CORE_SRC)) build/fuzz/obj/builtin_model.o
	@rm -f $@
	ar rcs $@ $^

build/fuzz/%: fuzz/%.c build/fuzz/libarchwise.a
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< build/fuzz/libarchwise.a $(LDLIBS)

fuzz: $(FUZZERS)

fuzz-smoke: $(FUZZERS)
	@sh fuzz/smoke.sh $(FUZZ_SECONDS)

clean:
	rm -rf build archwise archwise-asan

-include $(shell find build -name '*.d' 2>/dev/null)
