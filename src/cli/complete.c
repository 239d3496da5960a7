/* complete.c -- sipdns --complete-words: the shell completion's words
 *
 * The bash completion (src/cli/completion/sipdns.bash) hands the words
 * typed after "sipdns" up to the cursor, the last one the word being
 * completed (maybe empty); this prints the candidates, one a line, from
 * the same tables the subcommands parse their options with and --help
 * lists (cli_commands in main.c, each cmd_*.c's option tables), so
 * completion cannot drift from the parser. "@file" or "@dir" alone asks
 * the shell to complete file or directory names.
 *
 * SPDX-License-Identifier: MIT
 */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "sipdns.h"

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* word, with before glued on (for "--format=" + "json"), if it starts
 * with cur */
static void
offer(const char *before, const char *word, const char *cur)
{
	if (starts(word, cur))
		printf("%s%s\n", before, word);
}

static const struct subcommand *
command_named(const char *name)
{
	for (size_t i = 0; i < cli_n_commands; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

/* The long option named by word ("--view", "--view=x", or an
 * unambiguous prefix, as getopt_long takes it; "-f" through shortopts),
 * or NULL. */
static const struct option *
option_of(const struct subcommand *c, const char *word)
{
	if (c->options == NULL || word[0] != '-' || word[1] == '\0')
		return NULL;
	if (word[1] != '-') {
		/* a short option: its letter stands for the option whose val
		 * it is (only the last of a group can take an argument) */
		size_t n = strlen(word);
		const char *p = strchr(c->shortopts, word[n - 1]);
		if (p == NULL || word[n - 1] == ':')
			return NULL;
		for (const struct option *o = c->options; o->name; o++)
			if (o->val == word[n - 1])
				return o;
		return NULL;
	}
	const char *name = word + 2;
	size_t len = strcspn(name, "=");
	const struct option *found = NULL;
	for (const struct option *o = c->options; o->name; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (strlen(o->name) == len)
			return o;          /* exact */
		if (found != NULL)
			return NULL;       /* ambiguous */
		found = o;
	}
	return found;
}

/* The candidates for the argument of option o of c, starting with cur. */
static void
offer_argument(const struct subcommand *c, const struct option *o,
	       const char *before, const char *cur)
{
	const struct cli_optarg *a = c->optargs;
	while (a != NULL && a->option != NULL && strcmp(a->option, o->name) != 0)
		a++;
	if (a == NULL || a->option == NULL)
		return;                   /* free text: a number, a server... */
	switch (a->kind) {
	case CLI_ARG_NONE:
		break;
	case CLI_ARG_WORDS:
		for (const char *const *w = a->words; *w; w++)
			offer(before, *w, cur);
		break;
	case CLI_ARG_FILE:
		puts("@file");
		break;
	case CLI_ARG_DIR:
		puts("@dir");
		break;
	case CLI_ARG_FORMATS:
		for (int f = 0; f < SIPDNS_FMT_COUNT; f++)
			offer(before, sipdns_format_name((enum sipdns_format)f), cur);
		break;
	case CLI_ARG_PLAN_FORMATS:
		for (size_t i = 0; sipdns_plan_format_name(i); i++)
			offer(before, sipdns_plan_format_name(i), cur);
		break;
	case CLI_ARG_CERT_ROLES:
		for (int r = 0; r < SIPDNS_CERT_ROLE_COUNT; r++)
			offer(before, sipdns_cert_role_name((enum sipdns_cert_role)r), cur);
		break;
	}
}

/* Does option word (already typed) take the next word as its argument? */
static const struct option *
wants_next(const struct subcommand *c, const char *word)
{
	if (strchr(word, '=') != NULL && starts(word, "--"))
		return NULL;
	if (word[0] == '-' && word[1] != '-' && word[1] != '\0') {
		/* "-fjson": the argument is glued on */
		const char *p = strchr(c->shortopts, word[1]);
		if (p != NULL && p[1] == ':' && word[2] != '\0')
			return NULL;
	}
	const struct option *o = option_of(c, word);
	return o != NULL && o->has_arg == required_argument ? o : NULL;
}

int
cli_complete(int argc, char **argv)
{
	const char *cur = argc > 0 ? argv[argc - 1] : "";
	if (argc <= 1) {
		/* the subcommand, or sipdns's own options */
		if (cur[0] == '-') {
			offer("", "--help", cur);
			offer("", "--version", cur);
			return EXIT_GOOD;
		}
		for (size_t i = 0; i < cli_n_commands; i++)
			offer("", cli_commands[i].name, cur);
		return EXIT_GOOD;
	}
	const struct subcommand *c = command_named(argv[0]);
	if (c == NULL)
		return EXIT_GOOD;
	if (c->options == NULL) {
		/* help SUBCOMMAND */
		if (argc == 2)
			for (size_t i = 0; i < cli_n_commands; i++)
				if (cli_commands[i].options != NULL)
					offer("", cli_commands[i].name, cur);
		return EXIT_GOOD;
	}
	bool operands = false;      /* after "--": no more options */
	for (int i = 1; i < argc - 1; i++)
		operands |= strcmp(argv[i], "--") == 0;
	const char *prev = argv[argc - 2];
	const struct option *o = argc > 2 && !operands ? wants_next(c, prev) : NULL;
	if (o != NULL) {
		offer_argument(c, o, "", cur);
		return EXIT_GOOD;
	}
	if (!operands && starts(cur, "--") && strchr(cur, '=') != NULL) {
		/* --format=js */
		if ((o = option_of(c, cur)) != NULL && o->has_arg != no_argument) {
			char before[64];
			snprintf(before, sizeof(before), "--%s=", o->name);
			offer_argument(c, o, before, strchr(cur, '=') + 1);
		}
		return EXIT_GOOD;
	}
	if (!operands && cur[0] == '-') {
		for (const struct option *p = c->options; p->name; p++) {
			char word[64];
			snprintf(word, sizeof(word), "--%s", p->name);
			offer("", word, cur);
		}
		return EXIT_GOOD;
	}
	/* an operand: the topology, zone files */
	puts("@file");
	return EXIT_GOOD;
}
