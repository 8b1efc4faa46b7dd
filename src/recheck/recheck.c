/* recheck.c: whether a recorded decision still holds (include/recheck.h).
 * Both the recorded answers and the changed ones are evaluated with the
 * current model; the difference between the two evaluations, and between
 * the record's model data and the current one, is the explanation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "answers.h"
#include "cost.h"
#include "recheck.h"
#include "util.h"

#ifndef ARCHWISE_VERSION
#define ARCHWISE_VERSION "unknown"
#endif

static const char *const kind_names[RECHECK_KIND_COUNT] = {
	"answer", "break_even", "rule", "model", "close_call",
};

const char *recheck_kind_name(enum recheck_kind k)
{
	return k < RECHECK_KIND_COUNT ? kind_names[k] : "?";
}

void recheck_result_fini(struct recheck_result *r)
{
	free(r->file);
	cJSON_Delete(r->changes);
	cJSON_Delete(r->warnings);
	memset(r, 0, sizeof(*r));
}

static const char *arch_name(const struct model *m, enum arch a)
{
	return m->arch[a] && m->arch[a]->name ? m->arch[a]->name : arch_id(a);
}

/* ---- --set QUESTION=VALUE ---- */

int recheck_apply_set(const struct model *m, struct answers *a, const char *assignment,
		      char **err)
{
	*err = NULL;
	const char *eq = strchr(assignment, '=');
	if (!eq || eq == assignment) {
		*err = xasprintf("'%s' is not QUESTION=VALUE", assignment);
		return -1;
	}
	char *id = xstrndup(assignment, (size_t)(eq - assignment));
	const char *value = eq + 1;
	int q = model_question_index(m, id);
	if (q < 0) {
		*err = xasprintf("unknown question '%s'", id);
		free(id);
		return -1;
	}
	for (const unsigned char *p = (const unsigned char *)value; *p; p++)
		if (*p < 0x20 || *p == 0x7F) {
			*err = xasprintf("%s: control characters in the value", id);
			free(id);
			return -1;
		}
	/* Validated as the answers parser validates a file: a one-answer
	 * document. A value that would add structure (another key, a nested
	 * mapping) is refused below, since exactly one answer must come out. */
	const struct question *qq = model_question(m, (size_t)q);
	struct strbuf doc = {0};
	sb_printf(&doc, "answers:\n  %s: %s\n", id, value);
	char *text = sb_take(&doc);
	struct answers one;
	struct diag_list d = {0};
	int rc = answers_parse(m, text, strlen(text), "--set", &one, &d);
	free(text);
	if (rc != 0) {
		*err = xasprintf("%s: %s", id, d.count ? d.items[0].message : "invalid value");
		diag_list_fini(&d);
		answers_fini(&one);
		free(id);
		return -1;
	}
	diag_list_fini(&d);
	size_t present = 0;
	for (size_t i = 0; i < one.count; i++)
		present += one.values[i].present;
	if (present != 1 || !one.values[q].present) {
		*err = xasprintf("%s: '%s' is not one %s answer", id, value,
				 qq->kind == QK_MULTIPLE ? "list of options as" : "value for the question;");
		answers_fini(&one);
		free(id);
		return -1;
	}
	const struct answer *v = &one.values[q];
	switch (qq->kind) {
	case QK_SINGLE:
		rc = answers_set_option(m, a, (size_t)q, v->option);
		break;
	case QK_MULTIPLE:
		rc = answers_set_selected(m, a, (size_t)q, v->selected);
		break;
	case QK_NUMBER:
		rc = answers_set_number(m, a, (size_t)q, v->number, err);
		break;
	case QK_TEXT:
		rc = answers_set_text(m, a, (size_t)q, v->text, err);
		break;
	}
	if (rc != 0 && !*err)
		*err = xasprintf("%s: cannot set '%s'", id, value);
	answers_fini(&one);
	free(id);
	return rc == 0 ? 0 : -1;
}

/* ---- formatting ---- */

/* An answer as the answers file writes it: option id, [ids], number, text. */
static char *answer_value(const struct model *m, const struct answers *a, size_t q)
{
	const struct question *qq = model_question(m, q);
	struct strbuf sb = {0};
	char buf[64];
	switch (qq->kind) {
	case QK_SINGLE: {
		int o = answers_option(m, a, q);
		sb_append(&sb, o >= 0 && (unsigned)o < qq->options_count ? qq->options[o].id : "?");
		break;
	}
	case QK_MULTIPLE: {
		uint64_t sel = answers_selected(m, a, q);
		bool first = true;
		sb_append(&sb, "[");
		for (unsigned o = 0; o < qq->options_count && o < 64; o++)
			if (sel & (UINT64_C(1) << o)) {
				sb_printf(&sb, "%s%s", first ? "" : ", ", qq->options[o].id);
				first = false;
			}
		sb_append(&sb, "]");
		break;
	}
	case QK_NUMBER:
		util_format_number_as(buf, sizeof(buf), answers_number(m, a, q), 1e15, 17);
		sb_append(&sb, buf);
		break;
	case QK_TEXT: {
		const char *t = answers_text(m, a, q);
		sb_append(&sb, t ? t : "");
		break;
	}
	}
	return sb_take(&sb);
}

/* A whole number with thousands separators (1,234,567). */
static void fmt_count(char *buf, size_t size, double v)
{
	char digits[40];
	snprintf(digits, sizeof(digits), "%.0f", v < 0 ? 0 : v);
	size_t n = strlen(digits), j = 0;
	for (size_t i = 0; i < n && j + 2 < size; i++) {
		if (i && (n - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
}

static void fmt_usd(char *buf, size_t size, double v)
{
	char whole[40];
	double r = round(v * 100) / 100;
	fmt_count(whole, sizeof(whole), floor(r));
	snprintf(buf, size, "USD %s.%02d", whole, (int)lround((r - floor(r)) * 100) % 100);
}

static cJSON *add_change(struct recheck_result *r, enum recheck_kind k, char *text)
{
	cJSON *c = cJSON_CreateObject();
	cJSON_AddStringToObject(c, "kind", recheck_kind_name(k));
	cJSON_AddStringToObject(c, "text", text);
	cJSON_AddItemToArray(r->changes, c);
	free(text);
	return c;
}

/* ---- the comparison ---- */

static void answers_moved(const struct model *m, const struct answers *was,
			  const struct answers *now, struct recheck_result *r)
{
	for (size_t q = 0; q < m->question_count; q++) {
		char *a = answer_value(m, was, q), *b = answer_value(m, now, q);
		if (strcmp(a, b) != 0) {
			const char *id = model_question(m, q)->id;
			cJSON *c = add_change(r, RECHECK_ANSWER,
					      xasprintf("answer %s: %s -> %s", id, a, b));
			cJSON_AddStringToObject(c, "question", id);
			cJSON_AddStringToObject(c, "old", a);
			cJSON_AddStringToObject(c, "new", b);
		}
		free(a);
		free(b);
	}
}

/* Requests/day between lo and hi where x and y cost the same at in. */
static double pair_break_even(const struct pricing *p, const struct cost_inputs *in, enum arch x,
			      enum arch y, double lo, double hi)
{
	double a = log(lo), b = log(hi);
	double fa = cost_monthly_at(p, in, x, lo) - cost_monthly_at(p, in, y, lo);
	for (int i = 0; i < 80; i++) {
		double mid = (a + b) / 2;
		double f = cost_monthly_at(p, in, x, exp(mid)) - cost_monthly_at(p, in, y, exp(mid));
		if ((f < 0) == (fa < 0))
			a = mid, fa = f;
		else
			b = mid;
	}
	return exp((a + b) / 2);
}

/* The crossings that matter: against Kubernetes (the break-even the record
 * states), the architecture that now wins, and the one now closest. */
static void break_evens(const struct model *m, const struct evaluation *was,
			const struct evaluation *now, enum arch rec, struct recheck_result *r)
{
	enum arch rival = now->ranking[0].arch == rec ? now->ranking[1].arch : now->ranking[0].arch;
	double r0 = was->cost_in.requests_per_day, r1 = now->cost_in.requests_per_day;
	const struct pricing *p = cost_pricing(m, &now->cost_in);
	if (!p || !(r0 > 0) || !(r1 > 0) || r0 == r1)
		return;
	for (int k = 0; k < ARCH_COUNT; k++) {
		enum arch x = (enum arch)k;
		if (x == rec || (x != ARCH_KUBERNETES && x != rival))
			continue;
		double d0 = was->cost.arch[rec].monthly_usd - was->cost.arch[x].monthly_usd;
		double d1 = now->cost.arch[rec].monthly_usd - now->cost.arch[x].monthly_usd;
		if (!((d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0)))
			continue;
		/* the first crossing between the two volumes (exact on steps) */
		double be = cost_crossing(p, &now->cost_in, rec, x, fmin(r0, r1), fmax(r0, r1));
		if (isnan(be))
			be = pair_break_even(p, &now->cost_in, rec, x, fmin(r0, r1), fmax(r0, r1));
		char s0[40], s1[40], sbe[40], u[4][64];
		fmt_count(s0, sizeof(s0), r0);
		fmt_count(s1, sizeof(s1), r1);
		fmt_count(sbe, sizeof(sbe), be);
		fmt_usd(u[0], sizeof(u[0]), was->cost.arch[rec].monthly_usd);
		fmt_usd(u[1], sizeof(u[1]), now->cost.arch[rec].monthly_usd);
		fmt_usd(u[2], sizeof(u[2]), was->cost.arch[x].monthly_usd);
		fmt_usd(u[3], sizeof(u[3]), now->cost.arch[x].monthly_usd);
		cJSON *c = add_change(r, RECHECK_BREAK_EVEN, xasprintf(
			"break-even crossed: requests/day %s -> %s passes %s, where %s and %s cost the "
			"same: %s %s -> %s a month, %s %s -> %s",
			s0, s1, sbe, arch_name(m, rec), arch_name(m, x), arch_name(m, rec), u[0], u[1],
			arch_name(m, x), u[2], u[3]));
		cJSON_AddStringToObject(c, "architecture", arch_id(rec));
		cJSON_AddStringToObject(c, "other", arch_id(x));
		cJSON_AddNumberToObject(c, "break_even_requests_per_day", round(be));
		cJSON_AddNumberToObject(c, "old_requests_per_day", r0);
		cJSON_AddNumberToObject(c, "new_requests_per_day", r1);
		cJSON_AddNumberToObject(c, "old_monthly_usd", round(was->cost.arch[rec].monthly_usd * 100) / 100);
		cJSON_AddNumberToObject(c, "new_monthly_usd", round(now->cost.arch[rec].monthly_usd * 100) / 100);
		cJSON_AddNumberToObject(c, "other_old_monthly_usd", round(was->cost.arch[x].monthly_usd * 100) / 100);
		cJSON_AddNumberToObject(c, "other_new_monthly_usd", round(now->cost.arch[x].monthly_usd * 100) / 100);
	}
}

static bool fired_in(const struct evaluation *ev, const struct rule *rule, enum arch a)
{
	for (size_t i = 0; i < ev->fired_count; i++)
		if (ev->fired[i].rule == rule && ev->fired[i].arch == a)
			return true;
	return false;
}

/* Rules that exclude the recorded choice, and rules that fire now and did
 * not for the recorded answers, against it or for the new winner. */
static void rules_now(const struct model *m, const struct evaluation *was,
		      const struct evaluation *now, enum arch rec, struct recheck_result *r)
{
	for (size_t i = 0; i < now->fired_count; i++) {
		const struct fired_rule *f = &now->fired[i];
		bool exclusion = f->arch == rec && f->rule->effect == RULE_EXCLUDE;
		bool fresh = !fired_in(was, f->rule, f->arch) &&
			     ((f->arch == rec && f->rule->effect == RULE_PENALISE) ||
			      (f->arch == now->recommendation && f->arch != rec &&
			       f->rule->effect == RULE_BOOST));
		if (!exclusion && !fresh)
			continue;
		const char *verb = f->rule->effect == RULE_EXCLUDE ? "excludes"
				   : f->rule->effect == RULE_PENALISE ? "counts against" : "counts for";
		cJSON *c = add_change(r, RECHECK_RULE, xasprintf(
			"rule %s %s%s %s: %s", f->rule->id, fired_in(was, f->rule, f->arch) ? "" : "now ",
			verb, arch_name(m, f->arch), f->rule->reason));
		cJSON_AddStringToObject(c, "rule", f->rule->id);
		cJSON_AddStringToObject(c, "architecture", arch_id(f->arch));
		cJSON_AddStringToObject(c, "effect", f->rule->effect == RULE_EXCLUDE ? "exclude"
					: f->rule->effect == RULE_PENALISE ? "penalise" : "boost");
	}
}

static void model_changed(const struct model *m, const struct evaluation *now,
			  const struct record_meta *meta, struct recheck_result *r)
{
	const struct pricing *pr = cost_pricing(m, &now->cost_in);
	const char *prices = pr && pr->date ? pr->date : "0000-00-00";
	unsigned qv = m->questionnaire ? m->questionnaire->version : 0;
	bool v = strcmp(meta->version, ARCHWISE_VERSION) != 0;
	bool p = strcmp(meta->prices, prices) != 0;
	bool q = meta->questionnaire_version != qv;
	if (!v && !p && !q)
		return;
	struct strbuf sb = {0};
	sb_append(&sb, "model changed since the record:");
	if (v)
		sb_printf(&sb, " archwise %s -> %s;", meta->version, ARCHWISE_VERSION);
	if (q)
		sb_printf(&sb, " questionnaire version %u -> %u;", meta->questionnaire_version, qv);
	if (p)
		sb_printf(&sb, " prices of %s -> %s;", meta->prices, prices);
	sb.data[sb.len - 1] = '\0';
	sb.len--;
	cJSON *c = add_change(r, RECHECK_MODEL, sb_take(&sb));
	cJSON_AddStringToObject(c, "old_version", meta->version);
	cJSON_AddStringToObject(c, "new_version", ARCHWISE_VERSION);
	cJSON_AddNumberToObject(c, "old_questionnaire_version", meta->questionnaire_version);
	cJSON_AddNumberToObject(c, "new_questionnaire_version", qv);
	cJSON_AddStringToObject(c, "old_prices", meta->prices);
	cJSON_AddStringToObject(c, "new_prices", prices);
}

static const struct arch_rank *rank_of(const struct evaluation *ev, enum arch a)
{
	for (int i = 0; i < ARCH_COUNT; i++)
		if (ev->ranking[i].arch == a)
			return &ev->ranking[i];
	return &ev->ranking[0];
}

int recheck_compare(const struct model *m, const char *file, const struct answers *recorded,
		    const struct record_meta *meta, const struct answers *now, bool strict,
		    struct recheck_result *r)
{
	memset(r, 0, sizeof(*r));
	r->file = xstrdup(file);
	r->is_record = meta != NULL;
	r->changes = cJSON_CreateArray();
	r->warnings = cJSON_CreateArray();
	if (!r->changes || !r->warnings)
		return -1;
	if (meta) {
		snprintf(r->status, sizeof(r->status), "%s", meta->status);
		r->retired = record_status_retired(meta->status);
	}
	if (r->retired) {
		/* Superseded, deprecated or rejected: no longer meant to hold. */
		r->recorded = r->now = meta->chosen;
		r->holds = true;
		return 0;
	}
	struct evaluation was, ev;
	if (engine_evaluate(m, recorded, &was) != 0)
		return -1;
	if (engine_evaluate(m, now, &ev) != 0) {
		engine_evaluation_fini(&was);
		return -1;
	}
	r->recorded = meta ? meta->chosen : was.recommendation;
	r->now = ev.recommendation;
	r->recorded_score = rank_of(&ev, r->recorded)->score;
	r->recorded_excluded = rank_of(&ev, r->recorded)->excluded;
	r->now_score = rank_of(&ev, r->now)->score;
	r->holds = r->now == r->recorded;

	answers_moved(m, recorded, now, r);
	break_evens(m, &was, &ev, r->recorded, r);
	rules_now(m, &was, &ev, r->recorded, r);
	if (meta)
		model_changed(m, &ev, meta, r);

	if (r->holds && ev.close) {
		char *w = xasprintf("%s close call: %s leads %s by %.1f points (a lead of %g or less "
				    "is close)", was.close ? "still a" : "now a",
				    arch_name(m, ev.ranking[0].arch),
				    arch_name(m, ev.ranking[1].arch),
				    ev.ranking[0].score - ev.ranking[1].score,
				    m->questionnaire->close_margin);
		cJSON_AddItemToArray(r->warnings, cJSON_CreateString(w));
		if (strict && !was.close) {
			r->holds = false;
			add_change(r, RECHECK_CLOSE, xstrdup(w));
		}
		free(w);
	}
	engine_evaluation_fini(&was);
	engine_evaluation_fini(&ev);
	return 0;
}

char *recheck_to_text(const struct model *m, const struct recheck_result *r)
{
	struct strbuf sb = {0};
	sb_append(&sb, r->file);
	if (r->retired) {
		sb_printf(&sb, ": %s; not rechecked\n", r->status);
		return sb_take(&sb);
	}
	if (r->holds)
		sb_printf(&sb, ": holds: %s (%.1f of 100)\n", arch_name(m, r->recorded),
			  r->recorded_score);
	else if (r->now != r->recorded && r->recorded_excluded)
		sb_printf(&sb, ": no longer holds: recorded %s (now excluded), now %s (%.1f)\n",
			  arch_name(m, r->recorded), arch_name(m, r->now), r->now_score);
	else if (r->now != r->recorded)
		sb_printf(&sb, ": no longer holds: recorded %s (now %.1f), now %s (%.1f)\n",
			  arch_name(m, r->recorded), r->recorded_score, arch_name(m, r->now),
			  r->now_score);
	else
		sb_printf(&sb, ": no longer holds clearly: %s (%.1f) is a close call\n",
			  arch_name(m, r->recorded), r->recorded_score);
	cJSON *c;
	cJSON_ArrayForEach(c, r->changes) {
		if (cJSON_IsString(cJSON_GetObjectItem(c, "text")))
			sb_printf(&sb, "  %s\n", cJSON_GetObjectItem(c, "text")->valuestring);
	}
	cJSON_ArrayForEach(c, r->warnings) {
		if (cJSON_IsString(c))
			sb_printf(&sb, "  warning: %s\n", c->valuestring);
	}
	return sb_take(&sb);
}

char *recheck_to_json(const struct model *m, const struct recheck_result *r)
{
	(void)m;
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "file", r->file);
	cJSON_AddStringToObject(o, "kind", r->is_record ? "record" : "answers");
	if (r->status[0])
		cJSON_AddStringToObject(o, "status", r->status);
	cJSON_AddBoolToObject(o, "rechecked", !r->retired);
	cJSON_AddStringToObject(o, "recorded", arch_id(r->recorded));
	cJSON_AddStringToObject(o, "now", arch_id(r->now));
	cJSON_AddBoolToObject(o, "holds", r->holds);
	cJSON_AddNumberToObject(o, "recorded_score", round(r->recorded_score * 10) / 10);
	cJSON_AddBoolToObject(o, "recorded_excluded", r->recorded_excluded);
	cJSON_AddNumberToObject(o, "now_score", round(r->now_score * 10) / 10);
	cJSON_AddItemToObject(o, "changes", cJSON_Duplicate(r->changes, true));
	cJSON_AddItemToObject(o, "warnings", cJSON_Duplicate(r->warnings, true));
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}
