/* replay.c -- run a fuzz target over its corpus as an ordinary test (make
 * check), or over the files given as arguments (AFL++, crash triage).
 * Without arguments: every file of the directories in CORPUS_DIRS
 * (colon-separated, under SRCDIR).
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Under ASan: unwind slowly at malloc, so that a leak inside ldns (which
 * has no frame pointers) shows the ldns function that tests/lsan.supp
 * names; ASAN_OPTIONS from the environment still comes on top. */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

static int
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return 1;
	}
	size_t cap = 4096, n = 0, r;
	uint8_t *buf = malloc(cap);
	while (buf && (r = fread(buf + n, 1, cap - n, fp)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap * 2);
			if (nb == NULL)
				break;
			buf = nb;
			cap *= 2;
		}
	}
	fclose(fp);
	if (buf == NULL)
		return 1;
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

int
main(int argc, char **argv)
{
	int runs = 0, bad = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++, runs++)
			bad += run_file(argv[i]);
	} else {
		char dirs[] = CORPUS_DIRS;
		for (char *d = strtok(dirs, ":"); d; d = strtok(NULL, ":")) {
			char path[1024];
			snprintf(path, sizeof(path), "%s/%s", SRCDIR, d);
			DIR *dp = opendir(path);
			if (dp == NULL) {
				fprintf(stderr, "%s: no corpus\n", path);
				return 99;
			}
			struct dirent *e;
			while ((e = readdir(dp)) != NULL) {
				char f[2048];
				struct stat st;
				snprintf(f, sizeof(f), "%s/%s", path, e->d_name);
				if (e->d_name[0] == '.' || stat(f, &st) != 0 || !S_ISREG(st.st_mode))
					continue;
				bad += run_file(f);
				runs++;
			}
			closedir(dp);
		}
	}
	printf("ok: %d inputs replayed, %d unreadable\n", runs, bad);
	return bad ? 1 : 0;
}
