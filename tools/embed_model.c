/* embed_model: a build tool. Loads the default questionnaire and assets with
 * the real loader (libcyaml schemas and every semantic check) and prints them
 * as C initialisers, so the binary starts with its built-in model ready
 * instead of parsing 80 KB of YAML on every run.
 *
 * usage: embed_model QUESTIONNAIRE ARCHITECTURES CASE_STUDIES PRICING (one provider's table; the others built in) > out.c */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "file.h"
#include "builtin.h"
#include "load.h"
#include "util.h"

/* The tool builds the embedded model, so it has none itself: load.c falls
 * back to parsing when this says so. */
int builtin_model_fill(struct model *m)
{
	(void)m;
	return -1;
}

static unsigned next_id;

/* A C string literal for s (or NULL), escaped byte by byte. */
static char *c_str(const char *s)
{
	if (!s)
		return xstrdup("NULL");
	struct strbuf sb = {0};
	sb_append(&sb, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_printf(&sb, "\\%c", *p);
		else if (*p == '?')
			sb_append(&sb, "\\?");   /* no trigraphs */
		else if (*p >= 0x20 && *p < 0x7f)
			sb_appendn(&sb, (const char *)p, 1);
		else
			sb_printf(&sb, "\\%03o", *p);
	}
	sb_append(&sb, "\"");
	return sb_take(&sb);
}

static char *c_num(double v)
{
	char buf[64];
	util_format_number(buf, sizeof(buf), v);
	if (!strpbrk(buf, ".eEn"))
		strcat(buf, ".0");
	return xstrdup(buf);
}

/* Emits `static char *name[] = {...};` and returns its name (or NULL). */
static char *emit_strings(FILE *out, char *const *v, size_t n)
{
	if (!v || !n)
		return xstrdup("NULL");
	char *name = xasprintf("aw_s%u", next_id++);
	fprintf(out, "static char *%s[] = {", name);
	for (size_t i = 0; i < n; i++) {
		char *s = c_str(v[i]);
		fprintf(out, "%s%s", i ? ", " : "", s);
		free(s);
	}
	fprintf(out, "};\n");
	return name;
}

static void scores_init(struct strbuf *sb, const struct arch_scores *s)
{
	sb_append(sb, "{{");
	for (int a = 0; a < ARCH_COUNT; a++)
		sb_printf(sb, "%s%u", a ? ", " : "", s->score[a]);
	sb_append(sb, "}}");
}

static char *emit_scores_ptr(FILE *out, const struct arch_scores *s)
{
	if (!s)
		return xstrdup("NULL");
	struct strbuf sb = {0};
	scores_init(&sb, s);
	char *name = xasprintf("aw_sc%u", next_id++);
	fprintf(out, "static struct arch_scores %s = %s;\n", name, sb.data);
	sb_fini(&sb);
	return xasprintf("&%s", name);
}

/* Appends `.field = <string literal>, ` */
static void field_str(struct strbuf *sb, const char *field, const char *s)
{
	char *lit = c_str(s);
	sb_printf(sb, ".%s = %s, ", field, lit);
	free(lit);
}

static void field_num(struct strbuf *sb, const char *field, double v)
{
	char *n = c_num(v);
	sb_printf(sb, ".%s = %s, ", field, n);
	free(n);
}

static char *emit_question(FILE *out, const struct question *q)
{
	char *options = xstrdup("NULL");
	if (q->options_count) {
		struct strbuf arr = {0};
		for (unsigned i = 0; i < q->options_count; i++) {
			const struct option *o = &q->options[i];
			char *sc = emit_scores_ptr(out, o->scores);
			sb_append(&arr, "\t{");
			field_str(&arr, "id", o->id);
			field_str(&arr, "label", o->label);
			field_str(&arr, "help", o->help);
			sb_printf(&arr, ".weight = %u, .scores = %s},\n", o->weight, sc);
			free(sc);
		}
		free(options);
		options = xasprintf("aw_o%u", next_id++);
		fprintf(out, "static struct option %s[] = {\n%s};\n", options, arr.data);
		sb_fini(&arr);
	}
	char *bands = xstrdup("NULL");
	if (q->bands_count) {
		struct strbuf arr = {0};
		for (unsigned i = 0; i < q->bands_count; i++) {
			sb_append(&arr, "\t{");
			field_num(&arr, "up_to", q->bands[i].up_to);
			sb_append(&arr, ".scores = ");
			scores_init(&arr, &q->bands[i].scores);
			sb_append(&arr, "},\n");
		}
		free(bands);
		bands = xasprintf("aw_b%u", next_id++);
		fprintf(out, "static struct band %s[] = {\n%s};\n", bands, arr.data);
		sb_fini(&arr);
	}
	char *defaults = emit_strings(out, q->defaults, q->defaults_count);
	char *none = emit_scores_ptr(out, q->none_scores);
	struct strbuf sb = {0};
	sb_append(&sb, "{");
	field_str(&sb, "id", q->id);
	field_str(&sb, "text", q->text);
	field_str(&sb, "help", q->help);
	sb_printf(&sb, ".kind = (enum question_kind)%d, ", (int)q->kind);
	field_str(&sb, "factor", q->factor);
	field_str(&sb, "default_value", q->default_value);
	sb_printf(&sb, ".defaults = %s, .defaults_count = %u, ", defaults, q->defaults_count);
	sb_printf(&sb, ".options = %s, .options_count = %u, ", options, q->options_count);
	sb_printf(&sb, ".ordered = %d, .combine = (enum combine_mode)%d, .none_scores = %s, ",
		  q->ordered, (int)q->combine, none);
	field_num(&sb, "min", q->min);
	field_num(&sb, "max", q->max);
	field_str(&sb, "unit", q->unit);
	sb_printf(&sb, ".integer = %d, ", q->integer);
	sb_printf(&sb, ".bands = %s, .bands_count = %u, ", bands, q->bands_count);
	field_str(&sb, "pattern", q->pattern);
	field_str(&sb, "sets_weight", q->sets_weight);
	field_str(&sb, "pattern_help", q->pattern_help);
	sb_printf(&sb, ".max_length = %u}", q->max_length);
	free(options);
	free(bands);
	free(defaults);
	free(none);
	return sb_take(&sb);
}

static void emit_questionnaire(FILE *out, const struct questionnaire *q)
{
	struct strbuf sections = {0};
	for (unsigned s = 0; s < q->sections_count; s++) {
		const struct section *sec = &q->sections[s];
		struct strbuf qs = {0};
		for (unsigned i = 0; i < sec->questions_count; i++) {
			char *init = emit_question(out, &sec->questions[i]);
			sb_printf(&qs, "\t%s,\n", init);
			free(init);
		}
		char *qname = xasprintf("aw_q%u", next_id++);
		fprintf(out, "static struct question %s[] = {\n%s};\n", qname, qs.data ? qs.data : "");
		sb_fini(&qs);
		sb_append(&sections, "\t{");
		field_str(&sections, "id", sec->id);
		field_str(&sections, "title", sec->title);
		field_str(&sections, "summary", sec->summary);
		sb_printf(&sections, ".questions = %s, .questions_count = %u},\n", qname,
			  sec->questions_count);
		free(qname);
	}
	fprintf(out, "static struct section aw_sections[] = {\n%s};\n", sections.data);
	sb_fini(&sections);

	fprintf(out, "static struct factor aw_factors[] = {\n");
	for (unsigned f = 0; f < q->factors_count; f++) {
		struct strbuf sb = {0};
		field_str(&sb, "id", q->factors[f].id);
		field_str(&sb, "name", q->factors[f].name);
		field_str(&sb, "help", q->factors[f].help);
		field_str(&sb, "computed", q->factors[f].computed);
		fprintf(out, "\t{%s.weight = %u},\n", sb.data, q->factors[f].weight);
		sb_fini(&sb);
	}
	fprintf(out, "};\n");

	if (q->rules_count) {
		fprintf(out, "static struct rule aw_rules[] = {\n");
		for (unsigned r = 0; r < q->rules_count; r++) {
			const struct rule *ru = &q->rules[r];
			struct strbuf sb = {0};
			field_str(&sb, "id", ru->id);
			field_str(&sb, "when", ru->when);
			field_str(&sb, "architecture", ru->architecture);
			sb_printf(&sb, ".effect = (enum rule_effect)%d, ", (int)ru->effect);
			field_num(&sb, "amount", ru->amount);
			field_str(&sb, "reason", ru->reason);
			fprintf(out, "\t{%s},\n", sb.data);
			sb_fini(&sb);
		}
		fprintf(out, "};\n");
	}
	struct strbuf sb = {0};
	field_str(&sb, "id", q->id);
	sb_printf(&sb, ".version = %u, ", q->version);
	field_str(&sb, "title", q->title);
	field_str(&sb, "description", q->description);
	field_num(&sb, "close_margin", q->close_margin);
	field_num(&sb, "case_study_bonus", q->case_study_bonus);
	field_num(&sb, "case_study_threshold", q->case_study_threshold);
	fprintf(out, "static struct questionnaire aw_questionnaire = {%s"
		".factors = aw_factors, .factors_count = %u, "
		".sections = aw_sections, .sections_count = %u, "
		".rules = %s, .rules_count = %u};\n",
		sb.data, q->factors_count, q->sections_count, q->rules_count ? "aw_rules" : "NULL",
		q->rules_count);
	sb_fini(&sb);
}

static void emit_architectures(FILE *out, const struct architectures *as)
{
	struct strbuf arr = {0};
	for (unsigned i = 0; i < as->architectures_count; i++) {
		const struct architecture *a = &as->architectures[i];
		char *strengths = emit_strings(out, a->strengths, a->strengths_count);
		char *limitations = emit_strings(out, a->limitations, a->limitations_count);
		struct strbuf groups = {0}, migs = {0};
		for (unsigned g = 0; g < a->ecosystem_count; g++) {
			char *tools = emit_strings(out, a->ecosystem[g].tools, a->ecosystem[g].tools_count);
			sb_append(&groups, "{");
			field_str(&groups, "category", a->ecosystem[g].category);
			sb_printf(&groups, ".tools = %s, .tools_count = %u}, ", tools,
				  a->ecosystem[g].tools_count);
			free(tools);
		}
		for (unsigned g = 0; g < a->migrations_count; g++) {
			char *steps = emit_strings(out, a->migrations[g].steps, a->migrations[g].steps_count);
			sb_append(&migs, "{");
			field_str(&migs, "from", a->migrations[g].from);
			sb_printf(&migs, ".steps = %s, .steps_count = %u}, ", steps,
				  a->migrations[g].steps_count);
			free(steps);
		}
		char *eco = xstrdup("NULL"), *mig = xstrdup("NULL");
		if (a->ecosystem_count) {
			free(eco);
			eco = xasprintf("aw_e%u", next_id++);
			fprintf(out, "static struct tool_group %s[] = {%s};\n", eco, groups.data);
		}
		if (a->migrations_count) {
			free(mig);
			mig = xasprintf("aw_m%u", next_id++);
			fprintf(out, "static struct migration %s[] = {%s};\n", mig, migs.data);
		}
		sb_fini(&groups);
		sb_fini(&migs);
		sb_append(&arr, "\t{");
		field_str(&arr, "id", a->id);
		field_str(&arr, "name", a->name);
		field_str(&arr, "summary", a->summary);
		sb_printf(&arr, ".strengths = %s, .strengths_count = %u, ", strengths, a->strengths_count);
		sb_printf(&arr, ".limitations = %s, .limitations_count = %u, ", limitations,
			  a->limitations_count);
		field_str(&arr, "cold_start", a->cold_start);
		sb_printf(&arr, ".latency = {.steady_ms = %u, .after_idle_ms = %u, .spike_ms = %u, ",
			  a->latency.steady_ms, a->latency.after_idle_ms, a->latency.spike_ms);
		field_str(&arr, "source", a->latency.source);
		sb_append(&arr, "}, .limits = {");
		field_num(&arr, "max_duration_s", a->limits.max_duration_s);
		field_num(&arr, "max_memory_mb", a->limits.max_memory_mb);
		sb_printf(&arr, ".gpu = %d, ", a->limits.gpu);
		field_str(&arr, "notes", a->limits.notes);
		sb_printf(&arr, "}, .ecosystem = %s, .ecosystem_count = %u, ", eco, a->ecosystem_count);
		sb_printf(&arr, ".migrations = %s, .migrations_count = %u},\n", mig, a->migrations_count);
		free(strengths);
		free(limitations);
		free(eco);
		free(mig);
	}
	fprintf(out, "static struct architecture aw_arch_list[] = {\n%s};\n", arr.data);
	fprintf(out, "static struct architectures aw_architectures = {aw_arch_list, %u};\n",
		as->architectures_count);
	sb_fini(&arr);
}

static char *emit_answers(FILE *out, const struct answers *a, size_t factors)
{
	char *values = xstrdup("NULL");
	if (a->count) {
		struct strbuf arr = {0};
		for (size_t i = 0; i < a->count; i++) {
			const struct answer *v = &a->values[i];
			char *num = c_num(v->number);
			char *text = c_str(v->text);
			sb_printf(&arr, "{%d, %d, UINT64_C(%llu), %s, %s}, ", v->present, v->option,
				  (unsigned long long)v->selected, num, text);
			free(num);
			free(text);
		}
		free(values);
		values = xasprintf("aw_av%u", next_id++);
		fprintf(out, "static struct answer %s[] = {%s};\n", values, arr.data);
		sb_fini(&arr);
	}
	char *weights = xstrdup("NULL");
	if (a->weights) {
		/* answers carry one weight slot per factor */
		free(weights);
		weights = xasprintf("aw_w%u", next_id++);
		fprintf(out, "static int %s[] = {", weights);
		for (size_t f = 0; f < factors; f++)
			fprintf(out, "%s%d", f ? ", " : "", a->weights[f]);
		fprintf(out, "};\n");
	}
	char *dms = emit_strings(out, a->decision_makers, a->decision_makers_count);
	char *q = c_str(a->questionnaire), *date = c_str(a->date);
	char *init = xasprintf("{.questionnaire = %s, .count = %zu, .values = %s, .weights = %s, "
			       ".date = %s, .decision_makers = %s, .decision_makers_count = %zu}",
			       q, a->count, values, weights, date, dms, a->decision_makers_count);
	free(values);
	free(weights);
	free(dms);
	free(q);
	free(date);
	return init;
}

static void emit_case_studies(FILE *out, const struct case_studies *cs, size_t factors)
{
	struct strbuf arr = {0};
	for (unsigned i = 0; i < cs->case_studies_count; i++) {
		const struct case_study *c = &cs->case_studies[i];
		char *approach = emit_strings(out, c->approach, c->approach_count);
		char *results = emit_strings(out, c->results, c->results_count);
		char *profile = emit_answers(out, &c->profile, factors);
		char *related = emit_strings(out, c->related, c->related_count);
		sb_append(&arr, "\t{");
		field_str(&arr, "id", c->id);
		field_str(&arr, "name", c->name);
		field_str(&arr, "architecture", c->architecture);
		field_str(&arr, "challenge", c->challenge);
		sb_printf(&arr, ".approach = %s, .approach_count = %u, ", approach, c->approach_count);
		sb_printf(&arr, ".results = %s, .results_count = %u, ", results, c->results_count);
		field_str(&arr, "lesson", c->lesson);
		field_str(&arr, "source", c->source);
		sb_printf(&arr, ".related = %s, .related_count = %u, ", related, c->related_count);
		sb_printf(&arr, ".profile = %s},\n", profile);
		free(related);
		free(approach);
		free(results);
		free(profile);
	}
	fprintf(out, "static struct case_study aw_case_list[] = {\n%s};\n", arr.data ? arr.data : "");
	fprintf(out, "static struct case_studies aw_case_studies = {%s, %u};\n",
		cs->case_studies_count ? "aw_case_list" : "NULL", cs->case_studies_count);
	sb_fini(&arr);
}

static void price_init(struct strbuf *sb, const char *field, const struct price *p)
{
	sb_printf(sb, "\t.%s = {", field);
	field_num(sb, "usd", p->usd);
	field_str(sb, "unit", p->unit);
	field_str(sb, "source", p->source);
	field_str(sb, "date", p->date);
	sb_append(sb, "},\n");
}

static void emit_names(struct strbuf *sb, const struct pricing_names *n)
{
	sb_append(sb, "\t.names = {");
#define NAME(f) field_str(sb, #f, n->f);
	PRICING_NAMES(NAME)
#undef NAME
	sb_append(sb, "},\n");
}

static void emit_pricing(FILE *out, const struct pricing *p)
{
	struct strbuf sb = {0};
	sb_append(&sb, "\t");
	field_str(&sb, "provider", p->provider);
	field_str(&sb, "region", p->region);
	field_str(&sb, "date", p->date);
	sb_append(&sb, "\n");
	emit_names(&sb, &p->names);
#define PRICE(f) price_init(&sb, #f, &p->f);
	PRICING_ENTRIES(PRICE)
#undef PRICE
	fprintf(out, "static struct pricing aw_pricing_%s = {\n%s};\n", p->provider, sb.data);
	sb_fini(&sb);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fputs("usage: embed_model QUESTIONNAIRE ARCHITECTURES CASE_STUDIES PRICING (one provider's table; the others built in)\n", stderr);
		return 2;
	}
	char *text[4];
	size_t len[4];
	struct diag_list d = {0};
	for (int i = 0; i < 4; i++)
		if (!(text[i] = file_read(argv[i + 1], &len[i], &d))) {
			diag_print(&d, stderr);
			return 2;
		}
	struct model m;
	if (load_model_from_text(text[0], len[0], argv[1], text[1], len[1], argv[2], text[2], len[2],
				 argv[3], text[3], len[3], argv[4], &m, &d) != 0) {
		diag_print(&d, stderr);
		return 2;
	}
	FILE *out = stdout;
	fprintf(out, "/* Generated by tools/embed_model.c from %s, %s, %s, %s: do not edit. */\n",
		argv[1], argv[2], argv[3], argv[4]);
	fprintf(out, "#include <stdint.h>\n#include <stddef.h>\n#include \"builtin.h\"\n#include \"model.h\"\n\n");
	emit_questionnaire(out, m.questionnaire);
	emit_architectures(out, m.architectures);
	emit_case_studies(out, m.case_studies, m.questionnaire->factors_count);
	for (int p = 0; p < PROVIDER_COUNT; p++)
		emit_pricing(out, m.pricing[p]);
	fprintf(out, "\nint builtin_model_fill(struct model *m)\n{\n"
		"\tm->questionnaire = &aw_questionnaire;\n"
		"\tm->architectures = &aw_architectures;\n"
		"\tm->case_studies = &aw_case_studies;\n"
		"\tm->pricing[PROVIDER_AWS] = &aw_pricing_aws;\n"
		"\tm->pricing[PROVIDER_GCP] = &aw_pricing_gcp;\n"
		"\tm->pricing[PROVIDER_AZURE] = &aw_pricing_azure;\n"
		"\treturn 0;\n}\n");
	model_free(&m);
	for (int i = 0; i < 4; i++)
		free(text[i]);
	diag_list_fini(&d);
	return ferror(out) ? 1 : 0;
}
