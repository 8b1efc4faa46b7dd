/* locale_fixture.h: for tests that run code under locales whose decimal
 * point is not '.': a temporary LOCPATH, locales compiled into it with
 * localedef (so the tests need no installed locale), and its removal.
 * Shared by test_util.c and test_export.c. */
#ifndef ARCHWISE_TEST_LOCALE_FIXTURE_H
#define ARCHWISE_TEST_LOCALE_FIXTURE_H

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"

static char locpath[64];

/* Creates the LOCPATH folder (prefix "archwise-test-NAME") and points
 * LOCPATH at it. Use as a cmocka group setup through a wrapper. */
static int locale_fixture_setup(const char *name)
{
	snprintf(locpath, sizeof(locpath), "/tmp/archwise-test-%s-XXXXXX", name);
	if (!mkdtemp(locpath))
		return -1;
	setenv("LOCPATH", locpath, 1);
	return 0;
}

/* Back to the C locale; removes the folder. */
static int locale_fixture_teardown(void **state)
{
	(void)state;
	setlocale(LC_ALL, "C");
	char *cmd = xasprintf("rm -rf %s", locpath);
	int rc = system(cmd);
	(void)rc;
	free(cmd);
	return 0;
}

/* Compiles name (e.g. "de_DE") for UTF-8 into locpath; false, with a
 * "skip: " line saying what to install (tests/run-unit.sh prints it), when
 * the machine has no localedef or no source for it. */
static bool locale_fixture_make(const char *name)
{
	char *cmd = xasprintf("localedef -i %s -f UTF-8 %s/%s.UTF-8 >/dev/null 2>&1", name,
			      locpath, name);
	int rc = system(cmd);
	free(cmd);
	if (rc != 0)
		fprintf(stderr, "skip: localedef cannot build %s.UTF-8: install the locales "
				"package (sh scripts/deps.sh test)\n", name);
	return rc == 0;
}

#endif
