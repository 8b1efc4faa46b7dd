/* load.c: questionnaires and assets through libcyaml schemas, then the
 * checks a schema cannot express, each reported at the node's file:line:col
 * (found again in a libyaml document of the same text). Also the model's
 * indexes and lifetime. */
#include <cJSON.h>
#include <cyaml/cyaml.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "answers.h"
#include "builtin.h"
#include "cond.h"
#include "file.h"
#include "load.h"
#include "record.h"
#include "util.h"
#include "yamldoc.h"

#define DATA_MAX_DEPTH 64
/* Mapping keys and sequence entries in one data file: memory stays bounded
 * (libyaml keeps every node) while a 10,000-question questionnaire (about
 * 400,000 keys, 50,000 entries) loads. */
#define DATA_MAX_KEYS 1000000
#define DATA_MAX_ITEMS 500000
#define DEFAULT_CLOSE_MARGIN 5.0
#define DEFAULT_CASE_STUDY_BONUS 5.0
#define DEFAULT_MAX_LENGTH 253
#define DEFAULT_NUMBER_MAX 1e15
#define MAX_MULTIPLE_OPTIONS 64
/* Any price, count or size in the pricing table; bounds every cost. */
#define PRICE_MAX 1e9

/* ---- schemas: field names are the YAML keys (see model.h) ---- */

static const cyaml_schema_value_t string_ptr = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

/* a required text must not be empty (`id:` alone is a mistake) */
#define STR(key, flags, type, member) \
	CYAML_FIELD_STRING_PTR(key, CYAML_FLAG_POINTER | (flags), type, member, \
			       ((flags) & CYAML_FLAG_OPTIONAL) ? 0 : 1, CYAML_UNLIMITED)
#define STR_LIST(key, flags, type, member) \
	CYAML_FIELD_SEQUENCE(key, CYAML_FLAG_POINTER | (flags), type, member, &string_ptr, \
			     0, CYAML_UNLIMITED)

static const cyaml_schema_field_t arch_scores_fields[] = {
	CYAML_FIELD_UINT("kubernetes", CYAML_FLAG_DEFAULT, struct arch_scores, score[ARCH_KUBERNETES]),
	CYAML_FIELD_UINT("serverless", CYAML_FLAG_DEFAULT, struct arch_scores, score[ARCH_SERVERLESS]),
	CYAML_FIELD_UINT("kubernetes_serverless", CYAML_FLAG_DEFAULT, struct arch_scores,
			 score[ARCH_KUBERNETES_SERVERLESS]),
	CYAML_FIELD_UINT("serverless_containers", CYAML_FLAG_DEFAULT, struct arch_scores,
			 score[ARCH_SERVERLESS_CONTAINERS]),
	CYAML_FIELD_UINT("hybrid", CYAML_FLAG_DEFAULT, struct arch_scores, score[ARCH_HYBRID]),
	CYAML_FIELD_END
};

static const cyaml_strval_t kind_strings[] = {
	{"single", QK_SINGLE}, {"multiple", QK_MULTIPLE}, {"number", QK_NUMBER}, {"text", QK_TEXT},
};
static const cyaml_strval_t combine_strings[] = {
	{"mean", COMBINE_MEAN}, {"min", COMBINE_MIN}, {"max", COMBINE_MAX},
};
static const cyaml_strval_t effect_strings[] = {
	{"exclude", RULE_EXCLUDE}, {"penalise", RULE_PENALISE}, {"boost", RULE_BOOST},
};

static const cyaml_schema_field_t option_fields[] = {
	STR("id", 0, struct option, id),
	STR("label", 0, struct option, label),
	STR("help", CYAML_FLAG_OPTIONAL, struct option, help),
	CYAML_FIELD_MAPPING_PTR("scores", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct option,
				scores, arch_scores_fields),
	CYAML_FIELD_UINT("weight", CYAML_FLAG_OPTIONAL, struct option, weight),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t option_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct option, option_fields),
};

static const cyaml_schema_field_t band_fields[] = {
	CYAML_FIELD_FLOAT("up_to", CYAML_FLAG_DEFAULT, struct band, up_to),
	CYAML_FIELD_MAPPING("scores", CYAML_FLAG_DEFAULT, struct band, scores, arch_scores_fields),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t band_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct band, band_fields),
};

static const cyaml_schema_field_t question_fields[] = {
	STR("id", 0, struct question, id),
	STR("text", 0, struct question, text),
	STR("help", CYAML_FLAG_OPTIONAL, struct question, help),
	CYAML_FIELD_ENUM("kind", CYAML_FLAG_STRICT, struct question, kind, kind_strings,
			 CYAML_ARRAY_LEN(kind_strings)),
	STR("factor", CYAML_FLAG_OPTIONAL, struct question, factor),
	STR("default", CYAML_FLAG_OPTIONAL, struct question, default_value),
	STR_LIST("defaults", CYAML_FLAG_OPTIONAL, struct question, defaults),
	CYAML_FIELD_SEQUENCE("options", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct question,
			     options, &option_schema, 0, CYAML_UNLIMITED),
	CYAML_FIELD_BOOL("ordered", CYAML_FLAG_OPTIONAL, struct question, ordered),
	CYAML_FIELD_ENUM("combine", CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT, struct question, combine,
			 combine_strings, CYAML_ARRAY_LEN(combine_strings)),
	CYAML_FIELD_MAPPING_PTR("none_scores", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
				struct question, none_scores, arch_scores_fields),
	CYAML_FIELD_FLOAT("min", CYAML_FLAG_OPTIONAL, struct question, min),
	CYAML_FIELD_FLOAT("max", CYAML_FLAG_OPTIONAL, struct question, max),
	STR("unit", CYAML_FLAG_OPTIONAL, struct question, unit),
	CYAML_FIELD_BOOL("integer", CYAML_FLAG_OPTIONAL, struct question, integer),
	CYAML_FIELD_SEQUENCE("bands", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct question,
			     bands, &band_schema, 0, CYAML_UNLIMITED),
	STR("pattern", CYAML_FLAG_OPTIONAL, struct question, pattern),
	STR("pattern_help", CYAML_FLAG_OPTIONAL, struct question, pattern_help),
	CYAML_FIELD_UINT("max_length", CYAML_FLAG_OPTIONAL, struct question, max_length),
	STR("sets_weight", CYAML_FLAG_OPTIONAL, struct question, sets_weight),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t question_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct question, question_fields),
};

static const cyaml_schema_field_t section_fields[] = {
	STR("id", 0, struct section, id),
	STR("title", 0, struct section, title),
	STR("summary", CYAML_FLAG_OPTIONAL, struct section, summary),
	CYAML_FIELD_SEQUENCE("questions", CYAML_FLAG_POINTER, struct section, questions,
			     &question_schema, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t section_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct section, section_fields),
};

static const cyaml_schema_field_t factor_fields[] = {
	STR("id", 0, struct factor, id),
	STR("name", 0, struct factor, name),
	STR("help", CYAML_FLAG_OPTIONAL, struct factor, help),
	CYAML_FIELD_UINT("weight", CYAML_FLAG_DEFAULT, struct factor, weight),
	STR("computed", CYAML_FLAG_OPTIONAL, struct factor, computed),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t factor_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct factor, factor_fields),
};

static const cyaml_schema_field_t rule_fields[] = {
	STR("id", 0, struct rule, id),
	STR("when", 0, struct rule, when),
	STR("architecture", 0, struct rule, architecture),
	CYAML_FIELD_ENUM("effect", CYAML_FLAG_STRICT, struct rule, effect, effect_strings,
			 CYAML_ARRAY_LEN(effect_strings)),
	CYAML_FIELD_FLOAT("amount", CYAML_FLAG_OPTIONAL, struct rule, amount),
	STR("reason", 0, struct rule, reason),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t rule_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct rule, rule_fields),
};

static const cyaml_schema_field_t questionnaire_fields[] = {
	STR("id", 0, struct questionnaire, id),
	CYAML_FIELD_UINT("version", CYAML_FLAG_DEFAULT, struct questionnaire, version),
	STR("title", 0, struct questionnaire, title),
	STR("description", CYAML_FLAG_OPTIONAL, struct questionnaire, description),
	CYAML_FIELD_FLOAT("close_margin", CYAML_FLAG_OPTIONAL, struct questionnaire, close_margin),
	CYAML_FIELD_FLOAT("case_study_bonus", CYAML_FLAG_OPTIONAL, struct questionnaire,
			  case_study_bonus),
	CYAML_FIELD_FLOAT("case_study_threshold", CYAML_FLAG_OPTIONAL, struct questionnaire,
			  case_study_threshold),
	CYAML_FIELD_SEQUENCE("factors", CYAML_FLAG_POINTER, struct questionnaire, factors,
			     &factor_schema, 1, CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE("sections", CYAML_FLAG_POINTER, struct questionnaire, sections,
			     &section_schema, 1, CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE("rules", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL, struct questionnaire,
			     rules, &rule_schema, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t questionnaire_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct questionnaire, questionnaire_fields),
};

static const cyaml_schema_field_t latency_fields[] = {
	CYAML_FIELD_UINT("steady_ms", CYAML_FLAG_DEFAULT, struct latency, steady_ms),
	CYAML_FIELD_UINT("after_idle_ms", CYAML_FLAG_DEFAULT, struct latency, after_idle_ms),
	CYAML_FIELD_UINT("spike_ms", CYAML_FLAG_DEFAULT, struct latency, spike_ms),
	STR("source", CYAML_FLAG_OPTIONAL, struct latency, source),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t limits_fields[] = {
	CYAML_FIELD_FLOAT("max_duration_s", CYAML_FLAG_OPTIONAL, struct hard_limits, max_duration_s),
	CYAML_FIELD_FLOAT("max_memory_mb", CYAML_FLAG_OPTIONAL, struct hard_limits, max_memory_mb),
	CYAML_FIELD_BOOL("gpu", CYAML_FLAG_OPTIONAL, struct hard_limits, gpu),
	STR("notes", CYAML_FLAG_OPTIONAL, struct hard_limits, notes),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t tool_group_fields[] = {
	STR("category", 0, struct tool_group, category),
	STR_LIST("tools", 0, struct tool_group, tools),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t tool_group_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct tool_group, tool_group_fields),
};

static const cyaml_schema_field_t migration_fields[] = {
	STR("from", 0, struct migration, from),
	STR_LIST("steps", 0, struct migration, steps),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t migration_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct migration, migration_fields),
};

static const cyaml_schema_field_t architecture_fields[] = {
	STR("id", 0, struct architecture, id),
	STR("name", 0, struct architecture, name),
	STR("summary", 0, struct architecture, summary),
	STR_LIST("strengths", CYAML_FLAG_OPTIONAL, struct architecture, strengths),
	STR_LIST("limitations", CYAML_FLAG_OPTIONAL, struct architecture, limitations),
	STR("cold_start", CYAML_FLAG_OPTIONAL, struct architecture, cold_start),
	CYAML_FIELD_MAPPING("latency", CYAML_FLAG_DEFAULT, struct architecture, latency,
			    latency_fields),
	CYAML_FIELD_MAPPING("limits", CYAML_FLAG_OPTIONAL, struct architecture, limits,
			    limits_fields),
	CYAML_FIELD_SEQUENCE("ecosystem", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct architecture, ecosystem, &tool_group_schema, 0, CYAML_UNLIMITED),
	CYAML_FIELD_SEQUENCE("migrations", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
			     struct architecture, migrations, &migration_schema, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t architecture_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct architecture, architecture_fields),
};

static const cyaml_schema_field_t architectures_fields[] = {
	CYAML_FIELD_SEQUENCE("architectures", CYAML_FLAG_POINTER, struct architectures,
			     architectures, &architecture_schema, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t architectures_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct architectures, architectures_fields),
};

static const cyaml_schema_field_t case_study_fields[] = {
	STR("id", 0, struct case_study, id),
	STR("name", 0, struct case_study, name),
	STR("architecture", 0, struct case_study, architecture),
	STR("challenge", CYAML_FLAG_OPTIONAL, struct case_study, challenge),
	STR_LIST("approach", CYAML_FLAG_OPTIONAL, struct case_study, approach),
	STR_LIST("results", CYAML_FLAG_OPTIONAL, struct case_study, results),
	STR("lesson", CYAML_FLAG_OPTIONAL, struct case_study, lesson),
	STR("source", CYAML_FLAG_OPTIONAL, struct case_study, source),
	STR_LIST("related", CYAML_FLAG_OPTIONAL, struct case_study, related),
	/* an answers mapping: read by answers_parse_node from the document */
	CYAML_FIELD_IGNORE("profile", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t case_study_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct case_study, case_study_fields),
};

static const cyaml_schema_field_t case_studies_fields[] = {
	CYAML_FIELD_SEQUENCE("case_studies", CYAML_FLAG_POINTER, struct case_studies, case_studies,
			     &case_study_schema, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};
static const cyaml_schema_value_t case_studies_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct case_studies, case_studies_fields),
};

static const cyaml_schema_field_t price_fields[] = {
	CYAML_FIELD_FLOAT("usd", CYAML_FLAG_DEFAULT, struct price, usd),
	STR("unit", CYAML_FLAG_OPTIONAL, struct price, unit),
	STR("source", CYAML_FLAG_OPTIONAL, struct price, source),
	STR("date", CYAML_FLAG_OPTIONAL, struct price, date),
	CYAML_FIELD_END
};

#define PRICE(name) CYAML_FIELD_MAPPING(#name, CYAML_FLAG_DEFAULT, struct pricing, name, price_fields),
#define PNAME(name) STR(#name, 0, struct pricing_names, name),
static const cyaml_schema_field_t pricing_names_fields[] = {
	PRICING_NAMES(PNAME)
	CYAML_FIELD_END
};
static const cyaml_schema_field_t pricing_fields[] = {
	STR("provider", 0, struct pricing, provider),
	STR("region", CYAML_FLAG_OPTIONAL, struct pricing, region),
	STR("date", CYAML_FLAG_OPTIONAL, struct pricing, date),
	CYAML_FIELD_MAPPING("names", CYAML_FLAG_DEFAULT, struct pricing, names, pricing_names_fields),
	PRICING_ENTRIES(PRICE)
	CYAML_FIELD_END
};
#undef PNAME
#undef PRICE

static const cyaml_schema_value_t pricing_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct pricing, pricing_fields),
};

static const cyaml_config_t free_config = {
	.log_fn = NULL,
	.mem_fn = cyaml_mem,
	.log_level = CYAML_LOG_ERROR,
	.flags = CYAML_CFG_NO_ALIAS,
};

/* ---- libcyaml errors as one positioned line ---- */

#define BT_MAX 64

/* What libcyaml logged: its first error line and the backtrace below it. */
struct cy_capture {
	char msg[512];
	bool have_msg, in_bt;
	char bt[BT_MAX][512];
	unsigned nbt;
};

__attribute__((format(printf, 3, 0)))
static void cy_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct cy_capture *c = ctx;
	char line[512];
	(void)level;
	vsnprintf(line, sizeof(line), fmt, args);
	line[strcspn(line, "\n")] = '\0';
	const char *s = line;
	if (strncmp(s, "Load: ", 6) == 0)
		s += 6;
	if (strcmp(s, "Backtrace:") == 0) {
		c->in_bt = true;
		return;
	}
	if (c->in_bt) {
		while (*s == ' ')
			s++;
		if (c->nbt < BT_MAX)
			snprintf(c->bt[c->nbt++], sizeof(c->bt[0]), "%s", s);
		return;
	}
	if (!c->have_msg) {
		snprintf(c->msg, sizeof(c->msg), "%s", s);
		c->have_msg = true;
	}
}

/* Path of the node libcyaml was in, from its backtrace (innermost first).
 * drop_field: the innermost "mapping field" is stale (missing-field errors). */
static void bt_path(const struct cy_capture *c, bool drop_field, struct strbuf *out,
		    unsigned *line, unsigned *col)
{
	*line = *col = 0;
	for (unsigned i = c->nbt; i-- > 0;) {
		const char *s = c->bt[i];
		const char *q = strchr(s, '\'');
		const char *pos = strstr(s, "(line: ");
		if (i == 0 && pos)
			sscanf(pos, "(line: %u, column: %u)", line, col);
		if (strncmp(s, "in mapping field '", 18) == 0 && q) {
			if (i == 0 && drop_field)
				continue;
			const char *e = strchr(q + 1, '\'');
			if (!e)
				continue;
			sb_printf(out, "%s%.*s", out->len ? "." : "", (int)(e - q - 1), q + 1);
		} else if (strncmp(s, "in sequence entry '", 19) == 0 && q) {
			unsigned long n = strtoul(q + 1, NULL, 10);
			sb_printf(out, "[%lu]", n ? n - 1 : 0);   /* libcyaml counts from 1 */
		}
	}
}

static const char *type_word(const char *t)
{
	static const char *const words[][2] = {
		{"INT", "an integer"}, {"int64_t", "an integer"}, {"uint64_t", "a whole number (0 or more)"},
		{"UINT", "a whole number (0 or more)"}, {"FLOAT", "a number"},
		{"BOOL", "true or false"}, {"ENUM", "one of the allowed words"},
		{"STRING", "a text"}, {"MAPPING", "a mapping"}, {"SEQUENCE", "a list"},
		{"SEQUENCE_START", "a list"}, {"MAPPING_START", "a mapping"}, {"SCALAR", "a scalar"},
		{"FLAGS", "a list of flags"},
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i][0], t) == 0)
			return words[i][1];
	return t;
}

/* The value schema at a path like "sections[0].questions[1].kind", or NULL. */
static const cyaml_schema_value_t *schema_at(const cyaml_schema_value_t *v, const char *path)
{
	const char *p = path;
	while (v && *p) {
		if (*p == '[') {
			const char *e = strchr(p, ']');
			if (!e || v->type != CYAML_SEQUENCE)
				return NULL;
			v = v->sequence.entry;
			p = e + 1;
			continue;
		}
		if (*p == '.')
			p++;
		size_t n = strcspn(p, ".[");
		const cyaml_schema_field_t *f = v->type == CYAML_MAPPING ? v->mapping.fields : NULL;
		while (f && f->key && !(strlen(f->key) == n && strncmp(f->key, p, n) == 0))
			f++;
		if (!f || !f->key)
			return NULL;
		v = &f->value;
		p += n;
	}
	return v;
}

/* "one of single, multiple, number, text" for an enum schema. */
static char *enum_words(const cyaml_schema_value_t *v)
{
	struct strbuf sb = {0};
	sb_append(&sb, "one of ");
	for (uint32_t i = 0; i < v->enumeration.count; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", v->enumeration.strings[i].str);
	return sb_take(&sb);
}

static void cy_report(const struct cy_capture *c, cyaml_err_t err, struct yamldoc *doc,
		      const cyaml_schema_value_t *schema, const char *name, struct diag_list *diags)
{
	const char *msg = c->have_msg ? c->msg : cyaml_strerror(err);
	bool missing = strncmp(msg, "Missing required mapping field: ", 32) == 0;
	struct strbuf path = {0};
	unsigned line, col, l2, c2;
	bt_path(c, missing, &path, &line, &col);
	const char *where = path.len ? path.data : "";
	char *text;
	bool key = false;
	char typ[64], got[64];
	const char *dup_key = NULL;
	if (strncmp(msg, "Unexpected key: ", 16) == 0) {
		text = xasprintf("unknown key '%s'%s%s", msg + 16, *where ? " in " : " at the top level",
				 where);
		sb_printf(&path, "%s%s", path.len ? "." : "", msg + 16);
		key = true;
	} else if (missing) {
		text = xasprintf("missing required key '%s'%s%s", msg + 32,
				 *where ? " in " : " at the top level", where);
	} else if (strncmp(msg, "Mapping field already seen: ", 28) == 0 ||
		   strncmp(msg, "mapping field already seen: ", 28) == 0) {
		/* the path ends at the key itself: name the mapping */
		size_t cut = path.len, kl = strlen(msg + 28);
		if (cut >= kl && strcmp(path.data + cut - kl, msg + 28) == 0)
			cut -= kl + (cut > kl);
		text = xasprintf("duplicate key '%s'%s%.*s", msg + 28, cut ? " in " : " at the top level",
				 (int)cut, where);
		path.len = cut;
		path.data[cut] = '\0';
		dup_key = msg + 28;
	} else if (sscanf(msg, "Expecting %63[^,], got event: %63s", typ, got) == 2) {
		const cyaml_schema_value_t *v = schema_at(schema, where);
		char *want = v && v->type == CYAML_ENUM ? enum_words(v) : xstrdup(type_word(typ));
		text = xasprintf("%s%sexpected %s, got %s", where, *where ? ": " : "", want,
				 type_word(got));
		free(want);
	} else if (sscanf(msg, "Invalid %63s value: ", typ) == 1) {
		const char *v = strstr(msg, "value: ");
		const cyaml_schema_value_t *sv = schema_at(schema, where);
		char *want = sv && sv->type == CYAML_ENUM ? enum_words(sv) : xstrdup(type_word(typ));
		text = xasprintf("%s%sexpected %s, got %s", where, *where ? ": " : "", want,
				 v ? v + 7 : "something else");
		free(want);
	} else if (strncmp(msg, "STRING length < ", 16) == 0) {
		text = xasprintf("%s%smust not be empty", where, *where ? ": " : "");
	} else if (strncmp(msg, "libyaml: ", 9) == 0) {
		text = xasprintf("YAML syntax error: %s", msg + 9);
	} else {
		text = xasprintf("%s%s%c%s", where, *where ? ": " : "",
				 msg[0] >= 'A' && msg[0] <= 'Z' ? msg[0] - 'A' + 'a' : msg[0], msg + 1);
	}
	/* the document knows where the offending node starts */
	yaml_node_t *map;
	if (dup_key && doc && (map = yamldoc_find(doc, path.len ? path.data : "", false, &l2, &c2)) &&
	    map->type == YAML_MAPPING_NODE) {
		int seen = 0;
		for (yaml_node_pair_t *pr = map->data.mapping.pairs.start;
		     pr < map->data.mapping.pairs.top; pr++) {
			yaml_node_t *k = yaml_document_get_node(&doc->doc, pr->key);
			const char *ks = yamldoc_scalar(k);
			if (ks && strcmp(ks, dup_key) == 0 && seen++ == 1)
				yamldoc_pos(k, &line, &col);
		}
	} else if (doc && path.len && yamldoc_find(doc, path.data, key, &l2, &c2)) {
		line = l2;
		col = c2;
	} else if (doc && key) {
		yamldoc_find(doc, path.data, true, &l2, &c2);
		if (!line)
			line = l2, col = c2;
	}
	diag_add(diags, name, line, col, "%s", text);
	free(text);
	sb_fini(&path);
}

/* libcyaml reads "3.5" as the whole number 3 and any word as false, and
 * takes inf: walk the schema over the document and refuse those. */
static bool strict_scalar(const cyaml_schema_value_t *v, const char *s)
{
	static const char *const bools[] = {"true", "false", "yes", "no", "on", "off"};
	switch (v->type) {
	case CYAML_UINT:
		if (!*s)
			return false;
		for (const char *p = s; *p; p++)
			if (*p < '0' || *p > '9')
				return false;
		return true;
	case CYAML_BOOL:
		for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
			if (strcasecmp(s, bools[i]) == 0)
				return true;
		return false;
	case CYAML_FLOAT: {
		char *end;
		double d = strtod(s, &end);
		return *s && !*end && isfinite(d);
	}
	default:
		return true;
	}
}

/* One step of the path to a node, a key or an index; the path is spelt out
 * ("sections[2].questions[0].min") only when a message needs it. */
struct walk_step {
	const struct walk_step *up;
	const char *key;           /* NULL: index */
	size_t index;
};

static void walk_path(const struct walk_step *st, struct strbuf *out)
{
	if (!st)
		return;
	walk_path(st->up, out);
	if (st->key)
		sb_printf(out, "%s%s", out->len ? "." : "", st->key);
	else
		sb_printf(out, "[%zu]", st->index);
}

/* What a node is, for "expected X, got Y". */
static const char *node_word(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	return yamldoc_is_null(n) ? "nothing" : NULL;
}

static const char *schema_word(const cyaml_schema_value_t *v)
{
	switch (v->type) {
	case CYAML_MAPPING: return "a mapping";
	case CYAML_SEQUENCE: return "a list";
	case CYAML_UINT: return "a whole number (0 or more)";
	case CYAML_INT: return "an integer";
	case CYAML_BOOL: return "true or false";
	case CYAML_FLOAT: return "a finite number";
	default: return "a text";
	}
}

struct walk {
	struct yamldoc *doc;
	const char *name;
	struct diag_list *diags;
	size_t errors;
};

static void walk_err(struct walk *w, const yaml_node_t *n, const struct walk_step *at,
		     bool prefix, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* "PATH: message" (or the message alone) at node n; PATH is spelt out only now. */
static void walk_err(struct walk *w, const yaml_node_t *n, const struct walk_step *at,
		     bool prefix, const char *fmt, ...)
{
	unsigned l, c;
	yamldoc_pos(n, &l, &c);
	struct strbuf path = {0};
	walk_path(at, &path);
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	/* key messages name their mapping themselves; the others get "PATH: " */
	if (!prefix)
		diag_add(w->diags, w->name, l, c, "%s", msg);
	else
		diag_add(w->diags, w->name, l, c, "%s: %s", path.len ? path.data : "value", msg);
	free(msg);
	sb_fini(&path);
	w->errors++;
}

/* " in PATH" or " at the top level", for key messages. */
static char *walk_where(const struct walk_step *at)
{
	struct strbuf path = {0};
	walk_path(at, &path);
	char *s = path.len ? xasprintf(" in %s", path.data) : xstrdup(" at the top level");
	sb_fini(&path);
	return s;
}

/* The schema checked against the document before libcyaml loads it, so that
 * every unknown or missing key and every wrong value is reported, each at
 * its own line:col (libcyaml stops at the first). It is also stricter:
 * libcyaml reads "3.5" as the whole number 3, any word as false, takes inf. */
static void schema_walk(const cyaml_schema_value_t *v, yaml_node_t *n, const struct walk_step *at,
			struct walk *w)
{
	if (!n || v->type == CYAML_IGNORE)
		return;
	if (v->type == CYAML_MAPPING && n->type == YAML_MAPPING_NODE) {
		/* unknown and duplicate keys, in document order; duplicates are
		 * tracked per schema field, so a huge mapping stays linear */
		bool seen[64] = {false};
		for (yaml_node_pair_t *pr = n->data.mapping.pairs.start; pr < n->data.mapping.pairs.top; pr++) {
			yaml_node_t *k = yaml_document_get_node(&w->doc->doc, pr->key);
			const char *ks = yamldoc_scalar(k);
			const cyaml_schema_field_t *f = v->mapping.fields;
			while (ks && f->key && strcmp(f->key, ks) != 0)
				f++;
			size_t fi = (size_t)(f - v->mapping.fields);
			const char *what = !ks ? "keys must be plain names" : !f->key ? "unknown key"
					   : fi < sizeof(seen) && seen[fi] ? "duplicate key" : NULL;
			if (ks && f->key && fi < sizeof(seen))
				seen[fi] = true;
			if (what) {
				char *where = walk_where(at);
				if (ks)
					walk_err(w, k, at, false, "%s '%s'%s", what, ks, where);
				else
					walk_err(w, k, at, false, "%s, got %s%s", what, node_word(k), where);
				free(where);
			}
		}
		for (const cyaml_schema_field_t *f = v->mapping.fields; f->key; f++) {
			yaml_node_t *c = yamldoc_map_get(w->doc, n, f->key, NULL);
			if (!c) {
				if (!(f->value.flags & CYAML_FLAG_OPTIONAL) && f->value.type != CYAML_IGNORE) {
					char *where = walk_where(at);
					walk_err(w, n, at, false, "missing required key '%s'%s", f->key, where);
					free(where);
				}
				continue;
			}
			struct walk_step st = { .up = at, .key = f->key };
			schema_walk(&f->value, c, &st, w);
		}
		return;
	}
	if (v->type == CYAML_SEQUENCE && n->type == YAML_SEQUENCE_NODE) {
		yaml_node_t *c;
		size_t i = 0;
		for (; (c = yamldoc_seq_item(w->doc, n, i)); i++) {
			struct walk_step st = { .up = at, .index = i };
			schema_walk(v->sequence.entry, c, &st, w);
		}
		if (i < v->sequence.min)
			walk_err(w, n, at, true, "needs at least %u %s", v->sequence.min,
				 v->sequence.min == 1 ? "entry" : "entries");
		else if (v->sequence.max != CYAML_UNLIMITED && i > v->sequence.max)
			walk_err(w, n, at, true, "at most %u entries", v->sequence.max);
		return;
	}
	const char *got = node_word(n);
	const char *sv = yamldoc_scalar(n);
	bool scalar_wanted = v->type != CYAML_MAPPING && v->type != CYAML_SEQUENCE;
	if (v->type == CYAML_ENUM) {
		bool ok = false;
		for (uint32_t i = 0; sv && i < v->enumeration.count; i++)
			ok |= strcmp(v->enumeration.strings[i].str, sv) == 0;
		if (!ok) {
			char *want = enum_words(v);
			if (sv)
				walk_err(w, n, at, true, "expected %s, got '%s'", want, sv);
			else
				walk_err(w, n, at, true, "expected %s, got %s", want, got);
			free(want);
		}
	} else if (!scalar_wanted || !sv) {
		walk_err(w, n, at, true, "expected %s, got %s", schema_word(v), got ? got : "a text");
	} else if (v->type == CYAML_STRING) {
		if (strlen(sv) < v->string.min)
			walk_err(w, n, at, true, "must not be empty");
	} else if (!strict_scalar(v, sv)) {
		walk_err(w, n, at, true, "expected %s, got '%s'", schema_word(v), sv);
	}
}

/* Parses text twice: as a libyaml document (positions, syntax errors,
 * aliases) and through the libcyaml schema. */
static int cy_load(const char *text, size_t len, const char *name,
		   const cyaml_schema_value_t *schema, void **out, struct yamldoc *doc,
		   struct diag_list *diags)
{
	*out = NULL;
	struct yamldoc_limits lim = {.max_depth = DATA_MAX_DEPTH, .max_keys = DATA_MAX_KEYS,
				     .max_items = DATA_MAX_ITEMS};
	if (yamldoc_parse(doc, text, len, name, &lim, diags))
		return -1;
	yaml_node_t *root = yamldoc_root(doc);
	if (!root || yamldoc_is_null(root)) {
		diag_add(diags, name, 1, 1, "empty document");
		return -1;
	}
	if (root->type != YAML_MAPPING_NODE) {
		unsigned l, c;
		yamldoc_pos(root, &l, &c);
		diag_add(diags, name, l, c, "expected a mapping at the top level");
		return -1;
	}
	struct walk w = {.doc = doc, .name = name, .diags = diags};
	schema_walk(schema, root, NULL, &w);
	if (w.errors)
		return -1;
	struct cy_capture cap;
	memset(&cap, 0, sizeof(cap));
	cyaml_config_t cfg = {
		.log_fn = cy_log,
		.log_ctx = &cap,
		.mem_fn = cyaml_mem,
		.log_level = CYAML_LOG_ERROR,
		.flags = CYAML_CFG_NO_ALIAS,
	};
	cyaml_err_t err = cyaml_load_data((const uint8_t *)text, len, &cfg, schema, out, NULL);
	if (err != CYAML_OK) {
		if (err == CYAML_ERR_OOM)
			util_fatal("out of memory");
		cy_report(&cap, err, doc, schema, name, diags);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---- semantic checks ---- */

struct chk {
	struct yamldoc *doc;
	const char *name;
	struct diag_list *diags;
	size_t errors;
};

static void at(struct chk *c, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One problem at the node found at path. */
static void at(struct chk *c, const char *path, const char *fmt, ...)
{
	unsigned line = 0, col = 0;
	yamldoc_find(c->doc, path, false, &line, &col);
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(c->diags, c->name, line, col, "%s", msg);
	free(msg);
	c->errors++;
}

static bool present(struct chk *c, const char *path)
{
	unsigned l, col;
	return yamldoc_find(c->doc, path, false, &l, &col) != NULL;
}

struct id_ref {
	const char *id;
	size_t index;
};

static int id_ref_cmp(const void *a, const void *b)
{
	const struct id_ref *x = a, *y = b;
	int r = strcmp(x->id, y->id);
	return r ? r : (x->index > y->index) - (x->index < y->index);
}

/* Reports every id that appeared before; paths[i] is where item i's id is. */
static void check_dups(struct chk *c, const char *what, const char *const *ids,
		       char *const *paths, size_t n)
{
	struct id_ref *r = xcalloc(n, sizeof(*r));
	for (size_t i = 0; i < n; i++)
		r[i] = (struct id_ref){ids[i] ? ids[i] : "", i};
	qsort(r, n, sizeof(*r), id_ref_cmp);
	for (size_t i = 1; i < n; i++) {
		size_t first = i;
		while (first > 0 && strcmp(r[first - 1].id, r[i].id) == 0)
			first--;
		if (first == i)
			continue;
		unsigned l = 0, col = 0;
		yamldoc_find(c->doc, paths[r[first].index], false, &l, &col);
		at(c, paths[r[i].index], "duplicate %s id '%s' (first defined at line %u)", what,
		   r[i].id, l);
	}
	free(r);
}

/* A growable list of ids with the path of each, for check_dups. */
struct idlist {
	const char **ids;
	char **paths;
	size_t n, cap;
};

static void idlist_add(struct idlist *l, const char *id, char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->ids = xrealloc(l->ids, l->cap * sizeof(*l->ids));
		l->paths = xrealloc(l->paths, l->cap * sizeof(*l->paths));
	}
	l->ids[l->n] = id;
	l->paths[l->n++] = path;
}

static void idlist_check(struct chk *c, const char *what, struct idlist *l)
{
	check_dups(c, what, l->ids, l->paths, l->n);
	for (size_t i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->ids);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

static void check_scores(struct chk *c, const struct arch_scores *s, const char *path)
{
	for (int a = 0; a < ARCH_COUNT; a++)
		if (s->score[a] < 1 || s->score[a] > 5) {
			char *p = xasprintf("%s.%s", path, arch_id((enum arch)a));
			at(c, p, "score %u for %s is outside 1-5", s->score[a], arch_id((enum arch)a));
			free(p);
		}
}

static bool parse_double(const char *s, double *out)
{
	char *end;
	if (!s || !*s)
		return false;
	*out = strtod(s, &end);
	return !*end && isfinite(*out);
}

/* Kind-specific rules of one question at qp ("sections[1].questions[2]"). */
static void check_question(struct chk *c, const struct model *m, struct question *q,
			   const char *qp)
{
	char p[512];
	bool choice = q->kind == QK_SINGLE || q->kind == QK_MULTIPLE;
	if (q->factor && model_factor_index(m, q->factor) < 0) {
		snprintf(p, sizeof(p), "%s.factor", qp);
		at(c, p, "question '%s': unknown factor '%s'", q->id, q->factor);
	}
	if (choice && q->options_count == 0) {
		snprintf(p, sizeof(p), "%s.id", qp);
		at(c, p, "question '%s' has no options", q->id);
	}
	if (!choice && q->options_count) {
		snprintf(p, sizeof(p), "%s.options", qp);
		at(c, p, "question '%s': options only apply to single and multiple questions", q->id);
	}
	if (q->kind == QK_MULTIPLE && q->options_count > MAX_MULTIPLE_OPTIONS) {
		snprintf(p, sizeof(p), "%s.options", qp);
		at(c, p, "question '%s' has %u options, a multiple-choice question allows at most %d",
		   q->id, q->options_count, MAX_MULTIPLE_OPTIONS);
	}
	struct idlist ids = {0};
	for (unsigned o = 0; o < q->options_count; o++) {
		struct option *op = &q->options[o];
		idlist_add(&ids, op->id, xasprintf("%s.options[%u].id", qp, o));
		if (op->scores) {
			snprintf(p, sizeof(p), "%s.options[%u].scores", qp, o);
			check_scores(c, op->scores, p);
		} else if (q->factor) {
			snprintf(p, sizeof(p), "%s.options[%u]", qp, o);
			at(c, p, "option '%s' of question '%s' needs scores: the question feeds factor '%s'",
			   op->id, q->id, q->factor);
		}
	}
	idlist_check(c, "option", &ids);
	if (q->none_scores) {
		snprintf(p, sizeof(p), "%s.none_scores", qp);
		check_scores(c, q->none_scores, p);
	}
	for (unsigned b = 0; b < q->bands_count; b++) {
		snprintf(p, sizeof(p), "%s.bands[%u].scores", qp, b);
		check_scores(c, &q->bands[b].scores, p);
		if (b && q->bands[b].up_to <= q->bands[b - 1].up_to) {
			snprintf(p, sizeof(p), "%s.bands[%u].up_to", qp, b);
			at(c, p, "question '%s': bands must be in increasing up_to order", q->id);
		}
	}
	if (q->kind == QK_NUMBER && q->factor && q->bands_count == 0) {
		snprintf(p, sizeof(p), "%s.factor", qp);
		at(c, p, "number question '%s' feeds factor '%s' but has no bands", q->id, q->factor);
	}
	if (q->kind == QK_NUMBER && q->min > q->max) {
		snprintf(p, sizeof(p), "%s.min", qp);
		at(c, p, "question '%s': min %g is greater than max %g", q->id, q->min, q->max);
	}
	if (q->kind == QK_TEXT && q->pattern) {
		regex_t re;
		char *anchored = xasprintf("^(%s)$", q->pattern);
		if (regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB) != 0) {
			snprintf(p, sizeof(p), "%s.pattern", qp);
			at(c, p, "question '%s': pattern is not a valid POSIX extended regular expression",
			   q->id);
		} else {
			regfree(&re);
		}
		free(anchored);
	}
	if (q->defaults_count && q->kind != QK_MULTIPLE) {
		snprintf(p, sizeof(p), "%s.defaults", qp);
		at(c, p, "question '%s': 'defaults' is for multiple-choice questions, use 'default'",
		   q->id);
	}
	for (unsigned d = 0; q->kind == QK_MULTIPLE && d < q->defaults_count; d++)
		if (model_option_index(q, q->defaults[d]) < 0) {
			snprintf(p, sizeof(p), "%s.defaults[%u]", qp, d);
			at(c, p, "question '%s': default '%s' is not one of its options", q->id,
			   q->defaults[d]);
		}
	if (!q->default_value)
		return;
	snprintf(p, sizeof(p), "%s.default", qp);
	double v;
	char *why = NULL;
	switch (q->kind) {
	case QK_SINGLE:
		if (model_option_index(q, q->default_value) < 0)
			at(c, p, "question '%s': default '%s' is not one of its options", q->id,
			   q->default_value);
		break;
	case QK_MULTIPLE:
		at(c, p, "question '%s': a multiple-choice question takes 'defaults' (a list)", q->id);
		break;
	case QK_NUMBER:
		if (!parse_double(q->default_value, &v))
			at(c, p, "question '%s': default '%s' is not a number", q->id, q->default_value);
		else if (v < q->min || v > q->max)
			at(c, p, "question '%s': default %s is outside %g..%g", q->id, q->default_value,
			   q->min, q->max);
		else if (q->integer && v != floor(v))
			at(c, p, "question '%s': default %s is not a whole number (integer: true)",
			   q->id, q->default_value);
		break;
	case QK_TEXT:
		why = answers_text_problem(q, q->default_value);
		if (why)
			at(c, p, "question '%s': default: %s", q->id, why);
		free(why);
		break;
	}
}

/* Fills documented defaults a schema cannot (0 may be a real value). */
static void questionnaire_defaults(struct chk *c, struct questionnaire *q)
{
	if (!present(c, "close_margin"))
		q->close_margin = DEFAULT_CLOSE_MARGIN;
	if (!present(c, "case_study_bonus"))
		q->case_study_bonus = DEFAULT_CASE_STUDY_BONUS;
	for (unsigned s = 0; s < q->sections_count; s++)
		for (unsigned i = 0; i < q->sections[s].questions_count; i++) {
			struct question *qu = &q->sections[s].questions[i];
			char p[128];
			snprintf(p, sizeof(p), "sections[%u].questions[%u].max", s, i);
			if (!present(c, p))
				qu->max = DEFAULT_NUMBER_MAX;
			if (!qu->max_length)
				qu->max_length = DEFAULT_MAX_LENGTH;
		}
}

static void check_questionnaire(struct chk *c, const struct model *m)
{
	struct questionnaire *q = m->questionnaire;
	char p[256];
	struct idlist ids = {0};
	for (unsigned f = 0; f < q->factors_count; f++) {
		idlist_add(&ids, q->factors[f].id, xasprintf("factors[%u].id", f));
		if (q->factors[f].weight > 5) {
			snprintf(p, sizeof(p), "factors[%u].weight", f);
			at(c, p, "factor '%s': weight %u is outside 0-5", q->factors[f].id,
			   q->factors[f].weight);
		}
	}
	idlist_check(c, "factor", &ids);
	if (q->close_margin < 0)
		at(c, "close_margin", "close_margin must not be negative");
	if (q->case_study_bonus < 0)
		at(c, "case_study_bonus", "case_study_bonus must not be negative");
	if (!(q->case_study_threshold >= 0 && q->case_study_threshold < 1))
		at(c, "case_study_threshold", "case_study_threshold must be from 0 up to (not including) 1");
	for (unsigned f = 0; f < q->factors_count; f++)
		if (q->factors[f].computed && strcmp(q->factors[f].computed, "monthly_cost") != 0) {
			snprintf(p, sizeof(p), "factors[%u].computed", f);
			at(c, p, "factor '%s': computed '%s' is not monthly_cost", q->factors[f].id,
			   q->factors[f].computed);
		}
	for (unsigned s = 0; s < q->sections_count; s++)
		for (unsigned i = 0; i < q->sections[s].questions_count; i++) {
			const struct question *qu = &q->sections[s].questions[i];
			bool sets = qu->sets_weight != NULL;
			if (sets && (qu->kind != QK_SINGLE || model_factor_index(m, qu->sets_weight) < 0)) {
				snprintf(p, sizeof(p), "sections[%u].questions[%u].sets_weight", s, i);
				at(c, p, "question '%s': sets_weight needs a single-choice question and a "
				   "known factor, not '%s'", qu->id, qu->sets_weight);
			}
			for (unsigned o = 0; o < qu->options_count; o++)
				if (qu->options[o].weight > 5 || (qu->options[o].weight && !sets)) {
					snprintf(p, sizeof(p), "sections[%u].questions[%u].options[%u].weight",
						 s, i, o);
					at(c, p, "question '%s': option weight %u needs sets_weight and 1-5",
					   qu->id, qu->options[o].weight);
				}
		}
	for (unsigned s = 0; s < q->sections_count; s++)
		idlist_add(&ids, q->sections[s].id, xasprintf("sections[%u].id", s));
	idlist_check(c, "section", &ids);
	for (unsigned s = 0; s < q->sections_count; s++)
		for (unsigned i = 0; i < q->sections[s].questions_count; i++) {
			char *qp = xasprintf("sections[%u].questions[%u]", s, i);
			idlist_add(&ids, q->sections[s].questions[i].id, xasprintf("%s.id", qp));
			check_question(c, m, &q->sections[s].questions[i], qp);
			free(qp);
		}
	idlist_check(c, "question", &ids);
	for (unsigned r = 0; r < q->rules_count; r++) {
		struct rule *ru = &q->rules[r];
		idlist_add(&ids, ru->id, xasprintf("rules[%u].id", r));
		if (arch_from_id(ru->architecture) < 0) {
			snprintf(p, sizeof(p), "rules[%u].architecture", r);
			at(c, p, "rule '%s': unknown architecture '%s'", ru->id, ru->architecture);
		}
		if (ru->amount < 0) {
			snprintf(p, sizeof(p), "rules[%u].amount", r);
			at(c, p, "rule '%s': amount must not be negative", ru->id);
		}
		char *err = NULL;
		if (cond_check(m, ru->when, &err) != 0) {
			snprintf(p, sizeof(p), "rules[%u].when", r);
			at(c, p, "rule '%s': %s", ru->id, err ? err : "invalid condition");
		}
		free(err);
	}
	idlist_check(c, "rule", &ids);
}

static const char *const migration_from[] = {"greenfield", "traditional", "kubernetes", "serverless"};

static void check_architectures(struct chk *c, struct architectures *as, struct model *m)
{
	char p[256];
	struct idlist ids = {0};
	bool seen[ARCH_COUNT] = {false};
	for (unsigned i = 0; i < as->architectures_count; i++) {
		struct architecture *a = &as->architectures[i];
		idlist_add(&ids, a->id, xasprintf("architectures[%u].id", i));
		int e = arch_from_id(a->id);
		if (e < 0) {
			snprintf(p, sizeof(p), "architectures[%u].id", i);
			at(c, p, "unknown architecture '%s' (expected kubernetes, serverless, "
			   "kubernetes_serverless, serverless_containers, hybrid)", a->id);
		} else if (!seen[e]) {
			seen[e] = true;
			if (m)
				m->arch[e] = a;
		}
		const unsigned *lat[] = {&a->latency.steady_ms, &a->latency.after_idle_ms,
					 &a->latency.spike_ms};
		const char *latk[] = {"steady_ms", "after_idle_ms", "spike_ms"};
		for (int k = 0; k < 3; k++)
			if (*lat[k] == 0) {
				snprintf(p, sizeof(p), "architectures[%u].latency.%s", i, latk[k]);
				at(c, p, "architecture '%s': latency %s must be above 0", a->id, latk[k]);
			}
		if (a->limits.max_duration_s < 0 || a->limits.max_memory_mb < 0) {
			snprintf(p, sizeof(p), "architectures[%u].limits", i);
			at(c, p, "architecture '%s': limits must not be negative", a->id);
		}
		for (unsigned g = 0; g < a->migrations_count; g++) {
			bool ok = false;
			for (size_t k = 0; k < 4; k++)
				ok |= strcmp(a->migrations[g].from, migration_from[k]) == 0;
			if (!ok) {
				snprintf(p, sizeof(p), "architectures[%u].migrations[%u].from", i, g);
				at(c, p, "architecture '%s': migration from '%s' is not one of greenfield, "
				   "traditional, kubernetes, serverless", a->id, a->migrations[g].from);
			}
		}
	}
	idlist_check(c, "architecture", &ids);
	for (int e = 0; e < ARCH_COUNT; e++)
		if (!seen[e])
			at(c, "architectures", "architecture '%s' is missing", arch_id((enum arch)e));
}

/* lenient: built-in case studies beside a user's own questionnaire, whose
 * questions they may not know; keep what matches, report nothing. */
static void check_case_studies(struct chk *c, struct case_studies *cs, const struct model *m,
			       bool lenient)
{
	char p[256];
	struct idlist ids = {0};
	for (unsigned i = 0; i < cs->case_studies_count; i++) {
		struct case_study *s = &cs->case_studies[i];
		idlist_add(&ids, s->id, xasprintf("case_studies[%u].id", i));
		if (arch_from_id(s->architecture) < 0) {
			snprintf(p, sizeof(p), "case_studies[%u].architecture", i);
			at(c, p, "case study '%s': unknown architecture '%s'", s->id, s->architecture);
		}
		for (unsigned r = 0; r < s->related_count; r++)
			if (arch_from_id(s->related[r]) < 0) {
				snprintf(p, sizeof(p), "case_studies[%u].related[%u]", i, r);
				at(c, p, "case study '%s': unknown architecture '%s'", s->id, s->related[r]);
			}
		snprintf(p, sizeof(p), "case_studies[%u].profile", i);
		unsigned l, col;
		yaml_node_t *prof = yamldoc_find(c->doc, p, false, &l, &col);
		if (!m || !m->questionnaire)
			continue;   /* no questionnaire to check a profile against */
		if (!prof) {
			snprintf(p, sizeof(p), "case_studies[%u].id", i);
			at(c, p, "case study '%s' has no profile", s->id);
			answers_init(&s->profile, m);
			continue;
		}
		if (prof->type != YAML_MAPPING_NODE) {
			at(c, p, "case study '%s': profile must be a mapping of question id to answer",
			   s->id);
			answers_init(&s->profile, m);
			continue;
		}
		struct diag_list scratch = {0};
		struct diag_list *to = lenient ? &scratch : c->diags;
		size_t before = to->count;
		answers_parse_node(m, c->doc, prof, c->name, &s->profile, to);
		if (!lenient)
			c->errors += to->count - before;
		diag_list_fini(&scratch);
	}
	idlist_check(c, "case study", &ids);
}

static void check_pricing(struct chk *c, struct pricing *pr)
{
	struct {
		const char *key;
		struct price *p;
	} items[] = {
#define ITEM(n) {#n, &pr->n},
		PRICING_ENTRIES(ITEM)
#undef ITEM
	};
	if (provider_from_id(pr->provider) < 0)
		at(c, "provider", "provider '%s' is not one of aws, gcp, azure", pr->provider);
	char p[128];
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		snprintf(p, sizeof(p), "%s.usd", items[i].key);
		if (!isfinite(items[i].p->usd) || items[i].p->usd < 0)
			at(c, p, "%s: %g must not be negative", items[i].key, items[i].p->usd);
		else if (items[i].p->usd > PRICE_MAX)   /* keeps every cost finite */
			at(c, p, "%s: %g is above the limit %g", items[i].key, items[i].p->usd, PRICE_MAX);
		if (items[i].p->date && !answers_valid_date(items[i].p->date)) {
			snprintf(p, sizeof(p), "%s.date", items[i].key);
			at(c, p, "%s: date '%s' is not YYYY-MM-DD", items[i].key, items[i].p->date);
		}
	}
	if (!(pr->hours_per_month.usd > 0) || pr->hours_per_month.usd > 744)
		at(c, "hours_per_month.usd", "hours_per_month must be above 0 and at most 744");
	if (pr->hybrid_serverless_share.usd > 1)
		at(c, "hybrid_serverless_share.usd", "hybrid_serverless_share must be between 0 and 1");
	if (pr->date && !answers_valid_date(pr->date))
		at(c, "date", "date '%s' is not YYYY-MM-DD", pr->date);
}

/* ---- the model: indexes and lifetime ---- */

struct qindex {
	size_t n;
	struct id_ref *by_id;
};

static void model_build(struct model *m)
{
	struct questionnaire *q = m->questionnaire;
	size_t n = 0;
	for (unsigned s = 0; s < q->sections_count; s++)
		n += q->sections[s].questions_count;
	m->question_count = n;
	m->questions = xcalloc(n, sizeof(*m->questions));
	m->refs = xcalloc(n, sizeof(*m->refs));
	struct qindex *ix = xmalloc(sizeof(*ix));
	ix->n = n;
	ix->by_id = xcalloc(n, sizeof(*ix->by_id));
	size_t k = 0;
	for (unsigned s = 0; s < q->sections_count; s++)
		for (unsigned i = 0; i < q->sections[s].questions_count; i++, k++) {
			m->questions[k] = &q->sections[s].questions[i];
			m->refs[k] = (struct question_ref){s, i};
			ix->by_id[k] = (struct id_ref){q->sections[s].questions[i].id, k};
		}
	qsort(ix->by_id, n, sizeof(*ix->by_id), id_ref_cmp);
	m->index = ix;
}

static int id_key_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct id_ref *)elem)->id);
}

int model_question_index(const struct model *m, const char *id)
{
	if (!m || !m->index || !id)
		return -1;
	const struct qindex *ix = m->index;
	const struct id_ref *r = bsearch(id, ix->by_id, ix->n, sizeof(*ix->by_id), id_key_cmp);
	if (!r)
		return -1;
	while (r > ix->by_id && strcmp(r[-1].id, id) == 0)
		r--;   /* duplicates (a rejected file): the first in file order */
	return (int)r->index;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	if (m->static_data) {
		/* compiled in: nothing of it was allocated */
	} else if (m->case_studies) {
		for (unsigned i = 0; i < m->case_studies->case_studies_count; i++)
			answers_fini(&m->case_studies->case_studies[i].profile);
		cyaml_free(&free_config, &case_studies_schema, m->case_studies, 0);
	}
	if (m->questionnaire && !m->static_data)
		cyaml_free(&free_config, &questionnaire_schema, m->questionnaire, 0);
	if (m->architectures && !m->static_data)
		cyaml_free(&free_config, &architectures_schema, m->architectures, 0);
	for (int p = 0; p < PROVIDER_COUNT && !m->static_data; p++)
		if (m->pricing[p])
			cyaml_free(&free_config, &pricing_schema, m->pricing[p], 0);
	if (m->index)
		free(((struct qindex *)m->index)->by_id);
	free(m->index);
	free(m->questions);
	free(m->refs);
	memset(m, 0, sizeof(*m));
}

/* ---- loading each kind ---- */

/* Loads a questionnaire into m (questionnaire + indexes) and checks it. */
static int load_questionnaire(const char *text, size_t len, const char *name, struct model *m,
			      struct diag_list *diags)
{
	struct yamldoc doc;
	void *data;
	int rc = cy_load(text, len, name, &questionnaire_schema, &data, &doc, diags);
	if (rc == 0) {
		struct chk c = {.doc = &doc, .name = name, .diags = diags};
		m->questionnaire = data;
		questionnaire_defaults(&c, m->questionnaire);
		model_build(m);
		check_questionnaire(&c, m);
		rc = c.errors ? -1 : 0;
	}
	yamldoc_fini(&doc);
	return rc;
}

static int load_architectures(const char *text, size_t len, const char *name, struct model *m,
			      struct diag_list *diags)
{
	struct yamldoc doc;
	void *data;
	int rc = cy_load(text, len, name, &architectures_schema, &data, &doc, diags);
	if (rc == 0) {
		struct chk c = {.doc = &doc, .name = name, .diags = diags};
		m->architectures = data;
		check_architectures(&c, m->architectures, m);
		rc = c.errors ? -1 : 0;
	}
	yamldoc_fini(&doc);
	return rc;
}

/* Profiles are checked against m's questionnaire when it has one. */
static int load_case_studies(const char *text, size_t len, const char *name, struct model *m,
			     const struct model *against, bool lenient, struct diag_list *diags)
{
	struct yamldoc doc;
	void *data;
	int rc = cy_load(text, len, name, &case_studies_schema, &data, &doc, diags);
	if (rc == 0) {
		struct chk c = {.doc = &doc, .name = name, .diags = diags};
		m->case_studies = data;
		check_case_studies(&c, m->case_studies, against, lenient);
		rc = c.errors ? -1 : 0;
	}
	yamldoc_fini(&doc);
	return rc;
}

/* Loads one provider's price table into its slot of m (the slot its
 * `provider:` names); a second table for a filled slot is an error. */
static int load_pricing(const char *text, size_t len, const char *name, struct model *m,
			struct diag_list *diags)
{
	struct yamldoc doc;
	void *data;
	int rc = cy_load(text, len, name, &pricing_schema, &data, &doc, diags);
	if (rc == 0) {
		struct chk c = {.doc = &doc, .name = name, .diags = diags};
		struct pricing *pr = data;
		check_pricing(&c, pr);
		int p = provider_from_id(pr->provider);
		if (p >= 0 && m->pricing[p]) {
			at(&c, "provider", "a second price table for provider '%s'", pr->provider);
			p = -1;
		}
		if (p >= 0)
			m->pricing[p] = pr;
		else
			cyaml_free(&free_config, &pricing_schema, pr, 0);
		rc = c.errors ? -1 : 0;
	}
	yamldoc_fini(&doc);
	return rc;
}

/* Fills the providers without a price table from the built-in ones. */
static int load_builtin_pricing(struct model *m, struct diag_list *diags)
{
	int rc = 0;
	for (int p = 0; p < PROVIDER_COUNT; p++)
		if (!m->pricing[p]) {
			const struct builtin_file *b = &builtin_pricing[p];
			rc |= load_pricing(b->text, strlen(b->text), b->name, m, diags);
		}
	return rc;
}

/* The model from in-memory documents; pn price tables (each its
 * provider's), the other providers' built in. */
static int load_texts(const char *questionnaire, size_t qlen, const char *qname,
		      const char *architectures, size_t alen, const char *aname,
		      const char *case_studies, size_t clen, const char *cname,
		      char *const *ptext, const size_t *plen, char *const *pname, int pn,
		      struct model *out, struct diag_list *diags)
{
	memset(out, 0, sizeof(*out));
	bool lenient = !case_studies && questionnaire;
#define BUILTIN(t, l, n, b) \
	if (!t) { t = b.text; l = strlen(b.text); n = b.name; } \
	if (!n) n = "-";
	BUILTIN(questionnaire, qlen, qname, builtin_questionnaire)
	BUILTIN(architectures, alen, aname, builtin_architectures)
	BUILTIN(case_studies, clen, cname, builtin_case_studies)
#undef BUILTIN
	int qrc = load_questionnaire(questionnaire, qlen, qname, out, diags);
	int rc = qrc;
	rc |= load_architectures(architectures, alen, aname, out, diags);
	/* profiles need a sound questionnaire; otherwise only the schema is checked */
	rc |= load_case_studies(case_studies, clen, cname, out, qrc ? NULL : out, lenient, diags);
	for (int i = 0; i < pn; i++)
		rc |= load_pricing(ptext[i], plen[i], pname[i] ? pname[i] : "-", out, diags);
	rc |= load_builtin_pricing(out, diags);
	if (rc) {
		model_free(out);
		return -1;
	}
	return 0;
}

int load_model_from_text(const char *questionnaire, size_t qlen, const char *qname,
			 const char *architectures, size_t alen, const char *aname,
			 const char *case_studies, size_t clen, const char *cname,
			 const char *pricing, size_t plen, const char *pname,
			 struct model *out, struct diag_list *diags)
{
	char *pt = (char *)pricing, *pn = (char *)pname;
	return load_texts(questionnaire, qlen, qname, architectures, alen, aname, case_studies,
			  clen, cname, &pt, &plen, &pn, pricing ? 1 : 0, out, diags);
}

int load_model(const struct load_sources *src, struct model *out, struct diag_list *diags)
{
	static const char *const files[] = {"architectures.yaml", "case-studies.yaml",
					    "pricing-aws.yaml", "pricing-gcp.yaml", "pricing-azure.yaml"};
	char *text[6] = {NULL}, *path[6] = {NULL};
	size_t len[6] = {0};
	int rc = 0;
	memset(out, 0, sizeof(*out));
	/* The built-in data was loaded and checked at build time: no parsing. */
	if ((!src || (!src->questionnaire_path && !src->data_dir)) && builtin_model_fill(out) == 0) {
		out->static_data = true;
		model_build(out);
		for (unsigned i = 0; i < out->architectures->architectures_count; i++) {
			const struct architecture *a = &out->architectures->architectures[i];
			int e = arch_from_id(a->id);
			if (e >= 0)
				out->arch[e] = a;
		}
		return 0;
	}
	if (src && src->questionnaire_path) {
		path[0] = xstrdup(src->questionnaire_path);
		if (!(text[0] = file_read(path[0], &len[0], diags)))
			rc = -1;
	}
	for (int i = 0; src && src->data_dir && i < 5; i++) {
		path[i + 1] = xasprintf("%s/%s", src->data_dir, files[i]);
		if (!(text[i + 1] = file_read(path[i + 1], &len[i + 1], diags)))
			rc = -1;
	}
	/* With a data folder, every provider's table comes from it. */
	if (rc == 0)
		rc = load_texts(text[0], len[0], path[0], text[1], len[1], path[1], text[2], len[2],
				path[2], &text[3], &len[3], &path[3], text[3] ? 3 : 0, out, diags);
	for (int i = 0; i < 6; i++) {
		free(text[i]);
		free(path[i]);
	}
	return rc;
}

/* ---- files and `check` ---- */


static enum file_kind kind_of_keys(bool (*has)(const char *key, void *arg), void *arg)
{
	if (has("sections", arg))
		return FILE_QUESTIONNAIRE;
	if (has("architectures", arg))
		return FILE_ARCHITECTURES;
	if (has("case_studies", arg))
		return FILE_CASE_STUDIES;
	if (has("functions_requests_per_million", arg))
		return FILE_PRICING;
	if (has("answers", arg) || has("weights", arg) || has("questionnaire", arg))
		return FILE_ANSWERS;
	return FILE_UNKNOWN;
}

static bool json_has(const char *key, void *arg)
{
	return cJSON_GetObjectItemCaseSensitive(arg, key) != NULL;
}

/* Which of the keys that tell kinds apart a document has at the top. */
static const char *const sniff_keys[] = {"sections", "architectures", "case_studies",
					 "functions_requests_per_million", "answers", "weights",
					 "questionnaire"};
struct top_keys {
	bool n[sizeof(sniff_keys) / sizeof(sniff_keys[0])];
};

static void top_keys_add(struct top_keys *tk, const char *key)
{
	for (size_t i = 0; i < sizeof(sniff_keys) / sizeof(sniff_keys[0]); i++)
		if (strcmp(key, sniff_keys[i]) == 0)
			tk->n[i] = true;
}

static bool tk_has(const char *key, void *arg)
{
	const struct top_keys *tk = arg;
	for (size_t i = 0; i < sizeof(sniff_keys) / sizeof(sniff_keys[0]); i++)
		if (strcmp(key, sniff_keys[i]) == 0)
			return tk->n[i];
	return false;
}

/* load_sniff_kind's walk over the top-level keys. */
struct sniff {
	struct top_keys tk;
	unsigned depth;
	size_t nodes;
	bool root_map;
};

static int sniff_event(void *ctx, const yaml_event_t *ev)
{
	struct sniff *s = ctx;
	bool done = false;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (s->depth == 1 && s->root_map && s->nodes++ % 2 == 0)
			top_keys_add(&s->tk, (const char *)ev->data.scalar.value);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (s->depth == 0)
			s->root_map = ev->type == YAML_MAPPING_START_EVENT;
		else if (s->depth == 1)
			s->nodes++;
		s->depth++;
		break;
	case YAML_ALIAS_EVENT:
		if (s->depth == 1)
			s->nodes++;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (--s->depth == 0)
			done = true;
		break;
	default:
		break;
	}
	return done || s->tk.n[0];
}

enum file_kind load_sniff_kind(const char *text, size_t len)
{
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
		i++;
	enum file_kind k = FILE_UNKNOWN;
	if (i < len && text[i] == '{') {
		cJSON *j = cJSON_ParseWithLength(text, len);
		if (j) {
			if (cJSON_IsObject(j))
				k = kind_of_keys(json_has, j);
			cJSON_Delete(j);
			return k;
		}
	}
	/* the top-level keys from parser events, without building a document;
	 * "sections" decides at once (a big questionnaire need not be read) */
	struct sniff s = {0};
	yamldoc_each_event(text, len, NULL, NULL, sniff_event, &s);
	return s.root_map ? kind_of_keys(tk_has, &s.tk) : FILE_UNKNOWN;
}

size_t load_check_file(const char *path, const struct model *m, struct diag_list *diags)
{
	size_t before = diags->count, len;
	char *text = file_read(path, &len, diags);
	if (!text)
		return diags->count - before;
	if (record_is_markdown(path, text, len)) {
		/* a decision record: its data block, as recheck reads it */
		struct answers a;
		record_parse(m, text, len, path, &a, NULL, diags);
		answers_fini(&a);
		free(text);
		return diags->count - before;
	}
	struct model tmp;
	memset(&tmp, 0, sizeof(tmp));
	switch (load_sniff_kind(text, len)) {
	case FILE_QUESTIONNAIRE:
		/* standalone: its rules and defaults against itself */
		load_questionnaire(text, len, path, &tmp, diags);
		break;
	case FILE_ARCHITECTURES:
		load_architectures(text, len, path, &tmp, diags);
		break;
	case FILE_CASE_STUDIES:
		load_case_studies(text, len, path, &tmp, m, false, diags);
		break;
	case FILE_PRICING:
		load_pricing(text, len, path, &tmp, diags);
		break;
	case FILE_ANSWERS: {
		struct answers a;
		answers_parse(m, text, len, path, &a, diags);
		answers_fini(&a);
		break;
	}
	case FILE_UNKNOWN: {
		/* a syntax error explains it best; else say what was expected */
		size_t n = diags->count;
		struct yamldoc doc;
		yamldoc_parse(&doc, text, len, path, NULL, diags);
		yamldoc_fini(&doc);
		if (n == diags->count)
			diag_add(diags, path, 1, 1, "not an archwise file: expected a questionnaire "
				 "(sections:), architectures:, case_studies:, a pricing table or "
				 "an answers file (answers:)");
		break;
	}
	}
	model_free(&tmp);
	free(text);
	return diags->count - before;
}
