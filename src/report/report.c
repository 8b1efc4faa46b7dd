/* report.c: the MADR 4.0 decision record. Every text that comes from the
 * answers or the data files goes through md_escape; nothing reads the clock. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "answers.h"
#include "cost.h"
#include "engine.h"
#include "markdown.h"
#include "record.h"
#include "report.h"
#include "util.h"

struct ctx {
	const struct model *m;
	const struct answers *a;
	const struct evaluation *ev;
	const struct report_options *o;
	struct strbuf *sb;
	enum arch rec;
};

/* ---- numbers: whatever decimal point the locale has (the wizard sets
 * one), the record writes "." and groups thousands itself, so it stays
 * byte-identical ---- */

static void fmt_fixed(struct strbuf *sb, double v, int decimals, bool group)
{
	if (isnan(v)) {
		sb_append(sb, "unknown");
		return;
	}
	if (!isfinite(v) || fabs(v) > 1e18) {
		sb_append(sb, v < 0 ? "-infinite" : "infinite");
		return;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "%.*f", decimals, v);
	util_c_decimal_point(buf);
	const char *p = buf;
	if (*p == '-') {
		/* "-0.00" reads as zero */
		bool zero = true;
		for (const char *q = p + 1; *q; q++)
			zero = zero && (*q == '0' || *q == '.');
		if (!zero)
			sb_append(sb, "-");
		p++;
	}
	size_t ip = strspn(p, "0123456789");
	for (size_t i = 0; i < ip; i++) {
		if (group && ip > 4 && i > 0 && (ip - i) % 3 == 0)
			sb_append(sb, ",");
		sb_appendn(sb, &p[i], 1);
	}
	if (p[ip]) {
		sb_append(sb, ".");
		sb_append(sb, p + ip + 1);
	}
}

/* Up to `decimals` decimals, trailing zeros dropped: 3, 3.5, 3.33. */
static void fmt_num(struct strbuf *sb, double v, int decimals, bool group)
{
	struct strbuf t = {0};
	fmt_fixed(&t, v, decimals, group);
	char *s = sb_take(&t);
	if (decimals > 0 && strchr(s, '.')) {
		size_t n = strlen(s);
		while (n > 0 && s[n - 1] == '0')
			s[--n] = '\0';
		if (n > 0 && s[n - 1] == '.')
			s[--n] = '\0';
	}
	sb_append(sb, s);
	free(s);
}

static void fmt_usd(struct strbuf *sb, double v)
{
	sb_append(sb, "USD ");
	fmt_fixed(sb, v, 2, true);
}

static void fmt_seconds(struct strbuf *sb, double s)
{
	if (s <= 0)
		sb_append(sb, "none");
	else if (s >= 3600 && fmod(s, 3600) == 0)
		sb_printf(sb, "%.0f h", s / 3600);
	else if (s >= 60 && fmod(s, 60) == 0)
		sb_printf(sb, "%.0f min", s / 60);
	else {
		fmt_num(sb, s, 1, true);
		sb_append(sb, " s");
	}
}

/* ---- lookups ---- */

static const char *arch_name(const struct model *m, enum arch a)
{
	if (a < ARCH_COUNT && m->arch[a] && m->arch[a]->name)
		return m->arch[a]->name;
	return arch_id(a);
}

static void esc(struct strbuf *sb, const char *s)
{
	md_escape_sb(sb, s);
}

static void esc_name(struct ctx *c, enum arch a)
{
	esc(c->sb, arch_name(c->m, a));
}

static const struct question *question_by_id(const struct model *m, const char *id)
{
	int q = model_question_index(m, id);
	return q < 0 ? NULL : model_question(m, (size_t)q);
}

/* The option the answers choose for a single-choice question, or NULL. */
static const struct option *chosen(const struct model *m, const struct answers *a, const char *id)
{
	int q = model_question_index(m, id);
	if (q < 0)
		return NULL;
	const struct question *qq = model_question(m, (size_t)q);
	if (qq->kind != QK_SINGLE)
		return NULL;
	int o = answers_option(m, a, (size_t)q);
	if (o < 0 || (unsigned)o >= qq->options_count)
		return NULL;
	return &qq->options[o];
}

static void option_label(struct strbuf *sb, const struct option *o)
{
	esc(sb, o->label && *o->label ? o->label : o->id);
}

static void selection_labels(struct strbuf *sb, const struct question *q, uint64_t sel)
{
	bool any = false;
	for (unsigned i = 0; i < q->options_count && i < 64; i++) {
		if (!((sel >> i) & 1u))
			continue;
		if (any)
			sb_append(sb, ", ");
		option_label(sb, &q->options[i]);
		any = true;
	}
	if (!any)
		sb_append(sb, "none");
}

/* The effective answer to question index q, escaped, as a reader would say it. */
static void answer_text(struct ctx *c, size_t q)
{
	const struct question *qq = model_question(c->m, q);
	int o;
	const char *t;
	double v;

	switch (qq->kind) {
	case QK_SINGLE:
		o = answers_option(c->m, c->a, q);
		if (o >= 0 && (unsigned)o < qq->options_count)
			option_label(c->sb, &qq->options[o]);
		else
			sb_append(c->sb, "none");
		break;
	case QK_MULTIPLE:
		selection_labels(c->sb, qq, answers_selected(c->m, c->a, q));
		break;
	case QK_NUMBER:
		v = answers_number(c->m, c->a, q);
		fmt_num(c->sb, v, 4, true);
		if (qq->unit && *qq->unit && !isnan(v)) {
			sb_append(c->sb, " ");
			esc(c->sb, qq->unit);
		}
		break;
	case QK_TEXT:
		t = answers_text(c->m, c->a, q);
		if (t && *t)
			esc(c->sb, t);
		else
			sb_append(c->sb, "(empty)");
		break;
	}
}

/* Appends "<label>" for a single choice by id; false when there is none. */
static bool choice_clause(struct ctx *c, const char *id)
{
	const struct option *o = chosen(c->m, c->a, id);
	if (!o)
		return false;
	option_label(c->sb, o);
	return true;
}

static const char *service_name(const struct ctx *c)
{
	const char *s = answers_text_by_id(c->m, c->a, "service_name");
	return s && *s ? s : NULL;
}

/* The answers of the questions that feed factor f ("Daily cycle; none"). */
static void factor_answers(struct ctx *c, size_t f)
{
	const char *fid = c->m->questionnaire->factors[f].id;
	bool any = false;
	for (size_t q = 0; q < c->m->question_count; q++) {
		const struct question *qq = model_question(c->m, q);
		if (!qq->factor || strcmp(qq->factor, fid) != 0)
			continue;
		if (any)
			sb_append(c->sb, "; ");
		answer_text(c, q);
		any = true;
	}
	if (!any)
		sb_append(c->sb, "no answer");
}

static const char *factor_name(const struct model *m, size_t f)
{
	const struct factor *fa = &m->questionnaire->factors[f];
	return fa->name && *fa->name ? fa->name : fa->id;
}

static double rank_score(const struct evaluation *ev, enum arch a, const struct arch_rank **out)
{
	for (size_t i = 0; i < ARCH_COUNT; i++) {
		if (ev->ranking[i].arch == a) {
			if (out)
				*out = &ev->ranking[i];
			return ev->ranking[i].score;
		}
	}
	if (out)
		*out = NULL;
	return NAN;
}

static void strip_period(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		s[--n] = '\0';
}

/* Appends a sentence from the data as a clause after "because": escaped,
 * without its final period, first letter lowered unless it starts a name
 * ("Kubernetes", "GPUs"). */
static void clause(struct strbuf *sb, const char *s)
{
	static const char *const names[] = {
		"Kubernetes", "Knative", "Lambda", "Fargate", "Cloud", "Google", "Amazon",
		"Azure", "AWS", "OpenFaaS", "Docker", "Helm", "Istio", "Linkerd", "Prometheus",
		"Grafana", "Argo", "Flux", "Jenkins", "Serverless", "API", "Spotify", "Shopify",
		"Coca-Cola", "Capital", "EKS", "GKE", "AKS", "ECS", "I",
	};
	if (!s)
		return;
	char *e = md_escape(s);
	strip_period(e);
	size_t word = strcspn(e, " ,;:");
	bool keep = !(e[0] >= 'A' && e[0] <= 'Z') || (e[1] >= 'A' && e[1] <= 'Z');
	for (size_t i = 0; !keep && i < sizeof names / sizeof names[0]; i++)
		keep = strlen(names[i]) == word && strncmp(names[i], e, word) == 0;
	if (!keep)
		e[0] = (char)(e[0] - 'A' + 'a');
	sb_append(sb, e);
	free(e);
}

/* One bullet per text of list: "<lead><the text as a clause>". */
static void bullets(struct strbuf *sb, const char *lead, char *const *list, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		sb_append(sb, lead);
		clause(sb, list[i]);
		sb_append(sb, "\n");
	}
}

/* A bullet per rule fired for architecture a, Good when it boosts, Bad
 * otherwise; its exclusions only when `exclusions`, as ruled out. */
static void rule_bullets(struct strbuf *sb, const struct evaluation *ev, enum arch a, bool exclusions)
{
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *f = &ev->fired[i];
		if (f->arch != a || (f->rule->effect == RULE_EXCLUDE && !exclusions))
			continue;
		sb_append(sb, f->rule->effect == RULE_BOOST ? "* Good, because "
			     : f->rule->effect == RULE_EXCLUDE ? "* Bad, because it is ruled out: "
			     : "* Bad, because ");
		clause(sb, f->rule->reason);
		sb_append(sb, "\n");
	}
}

/* ---- front matter and title ---- */

static void front_matter(struct ctx *c)
{
	const char *date = c->o && c->o->date ? c->o->date : c->a->date;
	sb_append(c->sb, "---\nstatus: proposed\ndate: ");
	if (!date || !*date)
		sb_append(c->sb, "unknown");
	else if (answers_valid_date(date))   /* else quoted: YAML readers refuse 2026-02-31 */
		sb_append(c->sb, date);
	else
		md_yaml_quote_sb(c->sb, date);
	sb_append(c->sb, "\ndecision-makers: ");
	if (c->o && c->o->decision_makers && *c->o->decision_makers) {
		md_yaml_quote_sb(c->sb, c->o->decision_makers);
	} else if (c->a->decision_makers_count > 0) {
		struct strbuf names = {0};
		for (size_t i = 0; i < c->a->decision_makers_count; i++) {
			if (i)
				sb_append(&names, ", ");
			sb_append(&names, c->a->decision_makers[i] ? c->a->decision_makers[i] : "");
		}
		char *s = sb_take(&names);
		md_yaml_quote_sb(c->sb, s);
		free(s);
	} else {
		sb_append(c->sb, "unknown");
	}
	sb_append(c->sb, "\n---\n\n");
}

static void title(struct ctx *c)
{
	const char *svc = service_name(c);
	sb_append(c->sb, "# Choose ");
	esc_name(c, c->rec);
	sb_append(c->sb, " for ");
	if (!svc) {
		sb_append(c->sb, "the service\n\n");
		return;
	}
	/* A heading must not end in punctuation (markdownlint MD026). */
	char *e = md_escape(svc);
	size_t n = strlen(e);
	while (n > 0 && strchr(".,;:! ", e[n - 1]))
		e[--n] = '\0';
	sb_append(c->sb, n ? e : "the service");
	sb_append(c->sb, "\n\n");
	free(e);
}

/* ---- Context and Problem Statement ---- */

/* A question and how the context names it. */
struct labelled {
	const char *id, *label;
};

/* "Label: choice. " for each single-choice question of list that has an
 * option; whether any was written. */
static bool choice_sentences(struct ctx *c, const struct labelled *list, size_t n)
{
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (!chosen(c->m, c->a, list[i].id))
			continue;
		sb_printf(c->sb, "%s: ", list[i].label);
		choice_clause(c, list[i].id);
		sb_append(c->sb, ". ");
		any = true;
	}
	return any;
}

/* "Label: a, b. " ("none" when nothing is selected) for a multiple-choice
 * question; false when the questionnaire has no such question. */
static bool selection_sentence(struct ctx *c, const char *id, const char *label)
{
	const struct question *q = question_by_id(c->m, id);
	if (!q || q->kind != QK_MULTIPLE)
		return false;
	sb_printf(c->sb, "%s: ", label);
	selection_labels(c->sb, q, answers_selected(c->m, c->a, (size_t)model_question_index(c->m, id)));
	sb_append(c->sb, ". ");
	return true;
}

/* Ends a paragraph of sentences: the space after the last one goes. */
static void end_sentences(struct strbuf *sb, bool any)
{
	if (!any)
		return;
	sb->len--;
	sb->data[sb->len] = '\0';
	sb_append(sb, "\n\n");
}

static void context_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const char *svc = service_name(c);
	const struct model *m = c->m;

	sb_append(sb, "## Context and Problem Statement\n\n");
	sb_append(sb, "Where should ");
	if (svc)
		esc(sb, svc);
	else
		sb_append(sb, "the service");
	sb_append(sb, " run: on ");
	for (unsigned i = 0; i < ARCH_COUNT; i++) {
		esc_name(c, (enum arch)i);
		sb_append(sb, i + 2 < ARCH_COUNT ? ", " : i + 1 < ARCH_COUNT ? " or " : "?");
	}
	sb_append(sb, "\n\n");

	/* The workload. */
	static const struct labelled workload_kind[] = {
		{"workload_type", "Workload type"},
		{"traffic_pattern", "Traffic pattern"},
	};
	static const struct labelled workload[] = {
		{"longest_task", "Longest task"},
		{"state", "State"},
		{"latency_target", "Latency target"},
		{"service_count", "Number of services"},
	};
	bool any = choice_sentences(c, workload_kind, sizeof workload_kind / sizeof workload_kind[0]);
	double rpd = answers_number_by_id(c->m, c->a, "requests_per_day");
	double dur = answers_number_by_id(c->m, c->a, "avg_duration_ms");
	double mem = answers_number_by_id(c->m, c->a, "memory_mb");
	if (!isnan(rpd)) {
		sb_append(sb, "It handles about ");
		fmt_num(sb, rpd, 0, true);
		sb_append(sb, " requests per day");
		if (!isnan(dur)) {
			sb_append(sb, "; one takes ");
			fmt_num(sb, dur, 1, true);
			sb_append(sb, " ms on average");
		}
		if (!isnan(mem)) {
			sb_append(sb, " and needs ");
			fmt_num(sb, mem, 0, true);
			sb_append(sb, " MB of memory");
		}
		sb_append(sb, ". ");
		any = true;
	}
	any |= choice_sentences(c, workload, sizeof workload / sizeof workload[0]);
	any |= selection_sentence(c, "hardware", "Special hardware");
	end_sentences(sb, any);

	/* The team. */
	static const struct labelled team[] = {
		{"team_expertise", "The team's expertise"},
		{"ops_capacity", "Operations capacity"},
		{"dev_workflow", "Preferred development workflow"},
		{"current_platform", "It runs today on"},
	};
	any = choice_sentences(c, team, sizeof team / sizeof team[0]);
	any |= selection_sentence(c, "existing_investments", "Existing investments");
	end_sentences(sb, any);

	/* The constraints. */
	static const struct labelled business[] = {
		{"cost_model", "cost model"},
		{"cost_sensitivity", "cost sensitivity"},
		{"scaling_needs", "scaling needs"},
		{"vendor_strategy", "vendor strategy"},
		{"time_to_market", "time to market"},
		{"compliance", "compliance"},
	};
	any = false;
	for (size_t i = 0; i < sizeof business / sizeof business[0]; i++) {
		if (!chosen(m, c->a, business[i].id))
			continue;
		sb_append(sb, any ? "; " : "Constraints: ");
		sb_printf(sb, "%s ", business[i].label);
		choice_clause(c, business[i].id);
		any = true;
	}
	if (any)
		sb_append(sb, ".\n\n");
}

/* ---- Decision Drivers ---- */

/* Row indices of the used, weighted factors, heaviest first (stable). */
static size_t heaviest_rows(const struct evaluation *ev, size_t *idx)
{
	size_t n = 0;
	for (size_t i = 0; i < ev->row_count; i++)
		if (ev->rows[i].used && ev->rows[i].weight > 0)
			idx[n++] = i;
	for (size_t i = 1; i < n; i++) {
		size_t v = idx[i], j = i;
		while (j > 0 && ev->rows[idx[j - 1]].weight < ev->rows[v].weight) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = v;
	}
	return n;
}

static void drivers_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct evaluation *ev = c->ev;
	size_t *idx = xcalloc(ev->row_count + 1, sizeof *idx);
	size_t n = heaviest_rows(ev, idx);
	bool any = false;

	sb_append(sb, "## Decision Drivers\n\n");
	for (size_t i = 0; i < n && i < 5; i++) {
		const struct matrix_row *r = &ev->rows[idx[i]];
		sb_append(sb, "* ");
		esc(sb, factor_name(c->m, r->factor));
		sb_printf(sb, " (weight %u of 5): ", r->weight);
		factor_answers(c, r->factor);
		sb_append(sb, "\n");
		any = true;
	}
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct fired_rule *f = &ev->fired[i];
		if (f->rule->effect != RULE_EXCLUDE)
			continue;
		sb_append(sb, "* Hard limit: ");
		esc(sb, f->rule->reason);
		sb_append(sb, " (rules out ");
		esc_name(c, f->arch);
		sb_append(sb, ")\n");
		any = true;
	}
	if (!any)
		sb_append(sb, "* No factor carries weight; every option scores the same on the matrix\n");
	sb_append(sb, "\n");
	free(idx);
}

/* ---- Considered Options ---- */

static void options_section(struct ctx *c)
{
	sb_append(c->sb, "## Considered Options\n\n");
	for (unsigned i = 0; i < ARCH_COUNT; i++) {
		sb_append(c->sb, "* ");
		esc_name(c, (enum arch)i);
		sb_append(c->sb, "\n");
	}
	sb_append(c->sb, "\n");
}

/* ---- Decision Outcome ---- */

/* Metrics worth a dashboard, per architecture (enum order). */
static const char *const confirm_metrics[ARCH_COUNT] = {
	"node CPU and memory utilisation, pod restarts and pending pods, HPA replica count against its maximum",
	"invocations, errors, throttles, concurrent executions against the account limit, init (cold start) duration and the share of invocations that pay it, duration against the timeout",
	"revision scale-from-zero time (activator latency), pods per revision, queue-proxy request latency, node utilisation",
	"running task count, CPU and memory utilisation per task, task start time during scale-out",
	"the function metrics (throttles, cold starts) and the cluster metrics (node utilisation, pod restarts), and which side each request lands on",
};

static void outcome_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct evaluation *ev = c->ev;
	const struct architecture *ar = c->m->arch[c->rec];
	char *reasons[3] = {0};
	size_t nr = engine_top_reasons(c->m, ev, reasons, 3);

	sb_append(sb, "## Decision Outcome\n\n");
	sb_append(sb, "Chosen option: \"");
	esc_name(c, c->rec);
	sb_append(sb, "\", because ");
	size_t shown = 0;
	for (size_t i = 0; i < nr; i++) {
		if (!reasons[i])
			continue;
		char *e = md_escape(reasons[i]);
		strip_period(e);
		if (*e) {
			sb_append(sb, shown ? "; " : "");
			sb_append(sb, e);
			shown++;
		}
		free(e);
		free(reasons[i]);
	}
	if (!shown)
		sb_append(sb, "it comes out best on the weighted decision matrix");
	sb_append(sb, ".\n\n");

	const struct arch_rank *top = &ev->ranking[0], *next = &ev->ranking[1];
	sb_append(sb, "It scores ");
	fmt_fixed(sb, top->score, 1, false);
	sb_append(sb, " of 100");
	if (!next->excluded) {
		sb_append(sb, "; the runner-up, ");
		esc_name(c, next->arch);
		sb_append(sb, ", scores ");
		fmt_fixed(sb, next->score, 1, false);
	}
	sb_append(sb, ev->close ? ". This is a close call (see Confidence below).\n\n"
				: ". The lead is clear.\n\n");

	/* Consequences: the architecture's strengths and limitations, then what
	 * the answers make of it. */
	sb_append(sb, "### Consequences\n\n");
	if (ar)
		bullets(sb, "* Good, because ", ar->strengths, ar->strengths_count);
	for (size_t i = 0; i < ev->row_count; i++) {
		const struct matrix_row *r = &ev->rows[i];
		double s = r->score[c->rec];
		if (!r->used || r->weight < 3 || (s > 2 && s < 4))
			continue;
		sb_append(sb, s >= 4 ? "* Good, because it scores " : "* Bad, because it scores only ");
		fmt_num(sb, s, 2, false);
		sb_append(sb, " of 5 on ");
		esc(sb, factor_name(c->m, r->factor));
		sb_printf(sb, " (weight %u; your answer: ", r->weight);
		factor_answers(c, r->factor);
		sb_append(sb, ")\n");
	}
	rule_bullets(sb, ev, c->rec, false);
	if (ar)
		bullets(sb, "* Bad, because ", ar->limitations, ar->limitations_count);
	sb_append(sb, "\n");

	/* Confirmation: what to watch so the decision can be checked later. */
	const struct cost_result *cr = &ev->cost;
	double rpd = ev->cost_in.requests_per_day;
	sb_append(sb, "### Confirmation\n\n");
	sb_append(sb, "Review this decision against production data after the first month:\n\n");
	sb_printf(sb, "* Watch %s.\n", confirm_metrics[c->rec]);
	if (ar) {
		sb_append(sb, "* Alert when P95 latency exceeds ");
		fmt_num(sb, ar->latency.steady_ms, 0, true);
		sb_append(sb, " ms in steady traffic or ");
		fmt_num(sb, ar->latency.spike_ms, 0, true);
		sb_append(sb, " ms during spikes (the expected figures below).\n");
	}
	sb_append(sb, "* Set a cost alarm at ");
	fmt_usd(sb, cr->arch[c->rec].monthly_usd);
	sb_append(sb, " per month, this record's estimate at ");
	fmt_num(sb, rpd, 0, true);
	sb_append(sb, " requests per day.\n");
	if (c->rec != ARCH_KUBERNETES) {
		double be = cr->break_even_rpd[c->rec];
		if (!isnan(be)) {
			sb_append(sb, "* Break-even: at about ");
			fmt_num(sb, be, 0, true);
			sb_append(sb, " requests per day ");
			esc_name(c, c->rec);
			sb_append(sb, " and ");
			esc_name(c, ARCH_KUBERNETES);
			sb_append(sb, " cost the same; today ");
			esc_name(c, c->rec);
			sb_append(sb, " costs ");
			fmt_usd(sb, cr->arch[c->rec].monthly_usd);
			sb_append(sb, " against ");
			fmt_usd(sb, cr->arch[ARCH_KUBERNETES].monthly_usd);
			sb_append(sb, ". Revisit the choice if traffic moves toward that volume.\n");
		} else {
			sb_append(sb, "* Its cost does not cross that of ");
			esc_name(c, ARCH_KUBERNETES);
			sb_append(sb, " between 1,000 and 10,000,000,000 requests per day; recheck if the node plan changes.\n");
		}
	} else {
		bool any = false;
		for (unsigned i = 0; i < ARCH_COUNT; i++) {
			double be = cr->break_even_rpd[i];
			if (i == ARCH_KUBERNETES || isnan(be))
				continue;
			if (!any) {
				sb_append(sb, "* Break-even volumes against today's ");
				fmt_usd(sb, cr->arch[ARCH_KUBERNETES].monthly_usd);
				sb_append(sb, " per month: ");
			} else {
				sb_append(sb, "; ");
			}
			esc_name(c, (enum arch)i);
			sb_append(sb, " costs the same at ");
			fmt_num(sb, be, 0, true);
			sb_append(sb, " requests per day");
			any = true;
		}
		if (any)
			sb_append(sb, ". Revisit the choice if traffic moves toward one of them.\n");
	}
	sb_append(sb, "* Replay the answers (see the appendix) after any change to them; the recommendation must still hold.\n\n");
}

/* ---- Pros and Cons of the Options ---- */

static void pros_cons_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct evaluation *ev = c->ev;

	sb_append(sb, "## Pros and Cons of the Options\n\n");
	for (unsigned ai = 0; ai < ARCH_COUNT; ai++) {
		enum arch a = (enum arch)ai;
		const struct architecture *ar = c->m->arch[a];
		const struct arch_rank *rk;
		double score = rank_score(ev, a, &rk);

		sb_append(sb, "### ");
		esc_name(c, a);
		sb_append(sb, "\n\n");
		if (ar && ar->summary && *ar->summary) {
			esc(sb, ar->summary);
			sb_append(sb, "\n\n");
		}
		if (rk && rk->excluded) {
			sb_append(sb, "Excluded by the rules.\n\n");
		} else {
			sb_append(sb, "Score: ");
			fmt_fixed(sb, score, 1, false);
			sb_append(sb, " of 100.\n\n");
		}
		if (ar)
			bullets(sb, "* Good, because ", ar->strengths, ar->strengths_count);
		for (size_t i = 0; i < ev->row_count; i++) {
			const struct matrix_row *r = &ev->rows[i];
			double s = r->score[a];
			/* The heavy factors where it stands out, for or against. */
			if (!r->used || r->weight < 3 || (s > 2 && s < 4))
				continue;
			sb_append(sb, s >= 4 ? "* Good, because it scores " : "* Bad, because it scores ");
			fmt_num(sb, s, 2, false);
			sb_append(sb, " of 5 on ");
			esc(sb, factor_name(c->m, r->factor));
			sb_append(sb, " (");
			factor_answers(c, r->factor);
			sb_append(sb, ")\n");
		}
		if (ar && ar->cold_start && *ar->cold_start) {
			sb_append(sb, "* Neutral, cold starts: ");
			clause(sb, ar->cold_start);
			sb_append(sb, "\n");
		}
		rule_bullets(sb, ev, a, true);
		if (ar)
			bullets(sb, "* Bad, because ", ar->limitations, ar->limitations_count);
		sb_append(sb, "\n");
	}
}

/* ---- More Information ---- */

static void table_header(struct ctx *c, const char *first, const char *second)
{
	struct strbuf *sb = c->sb;
	sb_printf(sb, "| %s |", first);
	if (second)
		sb_printf(sb, " %s |", second);
	for (unsigned i = 0; i < ARCH_COUNT; i++) {
		sb_append(sb, " ");
		esc_name(c, (enum arch)i);
		sb_append(sb, " |");
	}
	sb_append(sb, "\n| --- |");
	if (second)
		sb_append(sb, " ---: |");
	for (unsigned i = 0; i < ARCH_COUNT; i++)
		sb_append(sb, " ---: |");
	sb_append(sb, "\n");
}

static void matrix_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct evaluation *ev = c->ev;
	double total[ARCH_COUNT] = {0};
	unsigned weights = 0;

	sb_append(sb, "### Decision matrix\n\n");
	sb_append(sb, "Scores run from 1 (poor fit) to 5 (best fit) for the answers given; weights from 0 to 5.\n\n");
	table_header(c, "Factor", "Weight");
	for (size_t i = 0; i < ev->row_count; i++) {
		const struct matrix_row *r = &ev->rows[i];
		sb_append(sb, "| ");
		esc(sb, factor_name(c->m, r->factor));
		sb_printf(sb, " | %u |", r->weight);
		for (unsigned a = 0; a < ARCH_COUNT; a++) {
			if (r->used) {
				sb_append(sb, " ");
				fmt_num(sb, r->score[a], 2, false);
				sb_append(sb, " |");
				total[a] += r->weight * r->score[a];
			} else {
				sb_append(sb, " n/a |");
			}
		}
		if (r->used)
			weights += r->scale_weight;
		sb_append(sb, "\n");
	}
	sb_printf(sb, "| Weighted total (of %u) | %u |", weights * 5, weights);
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		sb_append(sb, " ");
		fmt_num(sb, total[a], 2, false);
		sb_append(sb, " |");
	}
	sb_append(sb, "\n| Matrix score (0-100) | |");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		const struct arch_rank *rk;
		rank_score(ev, (enum arch)a, &rk);
		sb_append(sb, " ");
		fmt_fixed(sb, rk ? rk->matrix_score : NAN, 1, false);
		sb_append(sb, " |");
	}
	sb_append(sb, "\n| Rules and case studies | |");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		const struct arch_rank *rk;
		rank_score(ev, (enum arch)a, &rk);
		double adj = rk ? rk->adjust : NAN;
		sb_append(sb, adj > 0 ? " +" : " ");
		fmt_fixed(sb, adj, 1, false);
		sb_append(sb, " |");
	}
	sb_append(sb, "\n| Final score | |");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		const struct arch_rank *rk;
		double s = rank_score(ev, (enum arch)a, &rk);
		if (rk && rk->excluded) {
			sb_append(sb, " excluded |");
		} else {
			sb_append(sb, a == c->rec ? " **" : " ");
			fmt_fixed(sb, s, 1, false);
			sb_append(sb, a == c->rec ? "** |" : " |");
		}
	}
	sb_append(sb, "\n\n");
}

static const char *effect_verb(enum rule_effect e)
{
	return e == RULE_EXCLUDE ? "rules out" : e == RULE_PENALISE ? "counts against" : "counts for";
}

static void rules_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	sb_append(sb, "### Rules that fired\n\n");
	if (c->ev->fired_count == 0) {
		sb_append(sb, "No rule fired.\n\n");
		return;
	}
	for (size_t i = 0; i < c->ev->fired_count; i++) {
		const struct fired_rule *f = &c->ev->fired[i];
		sb_append(sb, "* ");
		esc(sb, f->rule->id);
		sb_printf(sb, ": %s ", effect_verb(f->rule->effect));
		esc_name(c, f->arch);
		if (f->rule->effect != RULE_EXCLUDE) {
			sb_append(sb, " by ");
			fmt_num(sb, f->rule->amount, 1, false);
			sb_append(sb, " points");
		}
		sb_append(sb, ", because ");
		clause(sb, f->rule->reason);
		sb_append(sb, "\n");
	}
	sb_append(sb, "\n");
}

static void change_answer(struct ctx *c, const struct answer_change *ch)
{
	const struct question *q = model_question(c->m, ch->question);
	switch (q->kind) {
	case QK_SINGLE:
		if (ch->option >= 0 && (unsigned)ch->option < q->options_count)
			option_label(c->sb, &q->options[ch->option]);
		break;
	case QK_MULTIPLE:
		selection_labels(c->sb, q, ch->selected);
		break;
	case QK_NUMBER:
		fmt_num(c->sb, ch->number, 4, true);
		break;
	case QK_TEXT:
		sb_append(c->sb, "another text");
		break;
	}
}

static void confidence_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct evaluation *ev = c->ev;
	const struct arch_rank *top = &ev->ranking[0], *next = &ev->ranking[1];

	sb_append(sb, "### Confidence\n\n");
	sb_append(sb, ev->close ? "Close call: " : "Clear: ");
	esc_name(c, top->arch);
	if (next->excluded) {
		sb_append(sb, " is the only option left after the rules");
	} else {
		sb_append(sb, " leads ");
		esc_name(c, next->arch);
		sb_append(sb, " by ");
		fmt_fixed(sb, top->score - next->score, 1, false);
		sb_append(sb, " points");
	}
	sb_append(sb, "; a lead of ");
	fmt_num(sb, c->m->questionnaire->close_margin, 1, false);
	sb_append(sb, " points or less counts as a close call.");
	if (ev->close)
		sb_append(sb, " Weigh the runner-up seriously and check the answers below that would change the outcome.");
	sb_append(sb, "\n\n");

	if (ev->change_count == 0 && ev->flip_count == 0)
		return;
	sb_append(sb, "What would change the recommendation:\n\n");
	for (size_t i = 0; i < ev->change_count; i++) {
		const struct answer_change *ch = &ev->changes[i];
		const struct question *q = model_question(c->m, ch->question);
		sb_append(sb, "* ");
		esc(sb, q->id);
		sb_append(sb, ": ");   /* the same form as eval's summary */
		change_answer(c, ch);
		sb_append(sb, " \u2192 ");
		esc_name(c, ch->would_recommend);
		sb_append(sb, "\n");
	}
	for (size_t i = 0; i < ev->flip_count; i++) {
		const struct weight_flip *fl = &ev->flips[i];
		sb_append(sb, "* Weight of ");
		esc(sb, factor_name(c->m, fl->factor));
		sb_printf(sb, " set to %u \u2192 ", fl->weight);
		esc_name(c, fl->would_recommend);
		sb_append(sb, "\n");
	}
	sb_append(sb, "\n");
}

static const char *item_name(const char *item)
{
	static const struct {
		const char *id, *name;
	} names[] = {
		{"requests", "requests"},
		{"compute", "compute (GB-seconds)"},
		{"api_gateway", "HTTP API gateway"},
		{"nodes", "worker nodes"},
		{"control_plane", "control plane"},
		{"vcpu_hours", "vCPU hours"},
		{"gb_hours", "memory GB-hours"},
		{"gpu", "GPUs"},
		{"gpu_nodes", "GPU nodes"},
		{"provisioned", "provisioned concurrency"},
		{"load_balancer", "load balancer"},
		{"nat_gateway", "NAT gateway"},
		{"public_ipv4", "public IPv4 addresses"},
		{"data_transfer", "data transfer out"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].id, item) == 0)
			return names[i].name;
	return item;
}

/* The chart: an image beside the record, the table above its text. */
static void chart(struct ctx *c)
{
	if (!c->o || !c->o->chart_path || !*c->o->chart_path)
		return;
	sb_append(c->sb, "![Monthly cost by request volume on log-log axes, with your volume and the "
			 "break-evens marked; the table above gives the figures](");
	sb_append(c->sb, c->o->chart_path);   /* ours: "cost-chart.svg" or an ADR slug */
	sb_append(c->sb, ")\n\n");
}

/* ---- Assumptions: what the cost figures rest on ---- */

/* "USD 0.10 per hour", "USD 0.0965 per hour": cents when they say it all. */
static void fmt_hourly(struct strbuf *sb, double v)
{
	sb_append(sb, "USD ");
	if (fabs(v * 100 - round(v * 100)) < 1e-9)
		fmt_fixed(sb, v, 2, true);
	else
		fmt_num(sb, v, 4, true);
	sb_append(sb, " per hour");
}

/* Whether the answers give question id (else its default stands). */
static bool answered(const struct ctx *c, const char *id)
{
	int q = model_question_index(c->m, id);
	return q >= 0 && (size_t)q < c->a->count && c->a->values[q].present;
}

/* One row: | name | value | from |; the value already in sb after "| name | ". */
static void assumption_from(struct strbuf *sb, const char *from, const char *detail)
{
	sb_append(sb, " | ");
	sb_append(sb, from);
	if (detail)
		sb_append(sb, detail);
	sb_append(sb, " |\n");
}

/* An input of the cost tab: the answer it comes from, or its default. */
static void input_row(struct ctx *c, const char *name, const char *id, const char *tab_label,
		      double v, int decimals, const char *unit)
{
	struct strbuf *sb = c->sb;
	sb_printf(sb, "| %s | ", name);
	fmt_num(sb, v, decimals, true);
	sb_append(sb, unit);
	char *from = xasprintf(answered(c, id) ? "answer `%s`" : "default of `%s`", id);
	char *tab = xasprintf("; cost tab: %s", tab_label);
	assumption_from(sb, from, tab);
	free(tab);
	free(from);
}

static const char *const assumption_names[ASSUME_COUNT] = {
	[ASSUME_free_tier] = "Free tier subtracted",
	[ASSUME_arm] = "Functions on Arm",
	[ASSUME_front_door] = "Front door of HTTP functions",
	[ASSUME_load_balancer] = "Load balancer before containers and pods",
	[ASSUME_nat_gateway] = "NAT gateway for private subnets",
	[ASSUME_data_transfer_gb_per_month] = "Internet egress, GB per month",
	[ASSUME_events_per_invocation] = "Events per function invocation",
	[ASSUME_availability_min_instances] = "Availability floor, instances always running",
	[ASSUME_concurrency] = "Requests one container or pod serves at once",
	[ASSUME_cpu_ms_per_request] = "CPU time per request, ms",
	[ASSUME_node_vcpu] = "Node vCPUs",
	[ASSUME_node_memory_gb] = "Node memory, GB",
};

static void assumptions_section(struct ctx *c)
{
	static const char *const provider_names[PROVIDER_COUNT] = {
		[PROVIDER_AWS] = "AWS", [PROVIDER_GCP] = "Google Cloud", [PROVIDER_AZURE] = "Azure",
	};
	struct strbuf *sb = c->sb;
	const struct cost_inputs *in = &c->ev->cost_in;
	const struct pricing *p = cost_pricing(c->m, in);

	sb_append(sb, "### Assumptions\n\n");
	sb_append(sb, "The costs below rest on these figures. The provider and the request "
		      "profile come from the answers (the wizard's cost tab, tab 4, edits the "
		      "five inputs it names); the rest are defaults unless the answers set them "
		      "under `assumptions:`.\n\n");
	sb_append(sb, "| Assumption | Value | From |\n| --- | --- | --- |\n");
	unsigned prov = (unsigned)in->provider;
	sb_printf(sb, "| Provider | %s", prov < PROVIDER_COUNT ? provider_names[prov] : "unknown");
	assumption_from(sb, answered(c, "provider") ? "answer `provider`" : "default of `provider`",
			NULL);
	sb_append(sb, "| Region | ");
	esc(sb, p && p->region && *p->region ? p->region : "unknown");
	assumption_from(sb, "the price table", NULL);
	sb_append(sb, "| Prices checked on | ");
	esc(sb, p && p->date && *p->date ? p->date : "unknown");
	assumption_from(sb, "the price table (each price's source is in the cost model's documentation)",
			NULL);
	sb_append(sb, "| Hours per month | ");
	fmt_num(sb, c->ev->cost.hours_per_month, 0, true);
	assumption_from(sb, "the price table", NULL);
	input_row(c, "Requests per day", "requests_per_day", "Requests/day", in->requests_per_day, 0, "");
	input_row(c, "Average duration", "avg_duration_ms", "Duration", in->avg_duration_ms, 1, " ms");
	input_row(c, "Memory per instance", "memory_mb", "Memory", in->memory_mb, 0, " MB");
	input_row(c, "Nodes a cluster keeps at least", "node_count", "Nodes", in->node_count, 0, "");
	sb_append(sb, "| Node price | ");
	fmt_hourly(sb, in->node_hourly_usd);
	assumption_from(sb, answered(c, "node_hourly_usd") ? "answer `node_hourly_usd`"
							   : "default of `node_hourly_usd`",
			"; cost tab: Node price");
	for (unsigned i = 0; i < ASSUME_COUNT; i++) {
		double v = cost_assumption_value(in, (enum assumption)i);
		sb_printf(sb, "| %s | ", assumption_names[i] ? assumption_names[i]
							     : assumption_key((enum assumption)i));
		switch (assumption_kind((enum assumption)i)) {
		case ASSUME_BOOL:
			sb_append(sb, v != 0 ? "yes" : "no");
			break;
		case ASSUME_FRONT_DOOR:
			sb_append(sb, front_door_id((enum front_door)v));
			break;
		default:
			if (isfinite(v))
				fmt_num(sb, v, 2, true);
			else
				sb_append(sb, "derived (10 KB per HTTP request)");
			break;
		}
		char *from = xasprintf(in->assumed[i] ? "answers, `assumptions: %s`"
						      : "default (`assumptions: %s` sets it)",
				       assumption_key((enum assumption)i));
		assumption_from(sb, from, NULL);
		free(from);
	}
	sb_append(sb, "\n");
}

static const char *relation_word(enum cost_relation r)
{
	return r == COST_CHEAPER ? "cheaper" : r == COST_DEARER ? "dearer" : "equal";
}

/* Whether span i starts at a crossing: cheaper to dearer or back. */
static bool crossing_at(const struct cost_comparison *cmp, unsigned i)
{
	return i > 0 && cmp->span[i].relation != COST_EQUAL &&
	       cmp->span[i - 1].relation == -cmp->span[i].relation;
}

/* "cheaper below 12,000, dearer from 12,000 up; the costs cross at 12,000",
 * or "equal throughout": the spans of the comparison in words. More than
 * four spans (node counts that step at different volumes) read as the first
 * and last spans with the ones between summed up. */
static void comparison_words(struct strbuf *sb, const struct cost_comparison *cmp)
{
	unsigned n = cmp->count;
	if (n == 1) {
		sb_append(sb, relation_word(cmp->span[0].relation));
		sb_append(sb, " throughout");
		return;
	}
	sb_append(sb, relation_word(cmp->span[0].relation));
	sb_append(sb, " below ");
	fmt_num(sb, cmp->span[0].to_rpd, 0, true);
	if (n > 4) {
		bool seen[3] = {false, false, false};
		for (unsigned i = 1; i + 1 < n; i++)
			seen[cmp->span[i].relation + 1] = true;
		sb_append(sb, ", from ");
		fmt_num(sb, cmp->span[1].from_rpd, 0, true);
		sb_append(sb, " to ");
		fmt_num(sb, cmp->span[n - 2].to_rpd, 0, true);
		sb_printf(sb, " by turns (%u spans)", n - 2);
		const char *sep = " ";
		for (int r = 0; r < 3; r++)
			if (seen[r]) {
				sb_append(sb, sep);
				sb_append(sb, relation_word((enum cost_relation)(r - 1)));
				sep = " or ";
			}
	} else {
		for (unsigned i = 1; i + 1 < n; i++) {
			sb_append(sb, ", ");
			sb_append(sb, relation_word(cmp->span[i].relation));
			sb_append(sb, " from ");
			fmt_num(sb, cmp->span[i].from_rpd, 0, true);
			sb_append(sb, " to ");
			fmt_num(sb, cmp->span[i].to_rpd, 0, true);
		}
	}
	sb_append(sb, ", ");
	sb_append(sb, relation_word(cmp->span[n - 1].relation));
	sb_append(sb, " from ");
	fmt_num(sb, cmp->span[n - 1].from_rpd, 0, true);
	sb_append(sb, " up");

	unsigned crossings = 0, first = 0, last = 0;
	for (unsigned i = 1; i < n; i++)
		if (crossing_at(cmp, i)) {
			first = crossings++ ? first : i;
			last = i;
		}
	if (!crossings)
		return;
	if (crossings > 3) {
		sb_printf(sb, "; the costs cross %u times, from ", crossings);
		fmt_num(sb, cmp->span[first].from_rpd, 0, true);
		sb_append(sb, " to ");
		fmt_num(sb, cmp->span[last].from_rpd, 0, true);
		return;
	}
	sb_append(sb, "; the costs cross at ");
	unsigned k = 0;
	for (unsigned i = 1; i < n; i++) {
		if (!crossing_at(cmp, i))
			continue;
		if (k)
			sb_append(sb, k + 1 == crossings ? " and " : ", ");
		fmt_num(sb, cmp->span[i].from_rpd, 0, true);
		k++;
	}
}

static void cost_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct evaluation *ev = c->ev;
	const struct cost_inputs *in = &ev->cost_in;
	const struct pricing *p = cost_pricing(c->m, &c->ev->cost_in);
	double rpd = in->requests_per_day;
	static const double mult[] = {10, 100};

	sb_append(sb, "### Cost\n\n");
	sb_append(sb, "Estimated from the price table");
	if (p && p->region && *p->region) {
		sb_append(sb, " for ");
		esc(sb, p->region);
	}
	if (p && p->date && *p->date) {
		sb_append(sb, " checked on ");
		esc(sb, p->date);
	}
	sb_append(sb, ", at ");
	fmt_num(sb, in->avg_duration_ms, 1, true);
	sb_append(sb, " ms and ");
	fmt_num(sb, in->memory_mb, 0, true);
	sb_append(sb, " MB per request, ");
	fmt_num(sb, in->node_count, 0, true);
	sb_append(sb, " nodes at ");
	fmt_hourly(sb, in->node_hourly_usd);
	sb_append(sb, " and ");
	fmt_num(sb, ev->cost.hours_per_month, 0, true);
	sb_append(sb, " hours per month");
	if (in->free_tier)
		sb_append(sb, ", with the functions free tier");
	if (in->arm)
		sb_append(sb, ", functions on Arm");
	sb_append(sb, ". Amounts are USD per month.\n\n");

	sb_append(sb, "| Architecture | ");
	fmt_num(sb, rpd, 0, true);
	sb_append(sb, " req/day (yours) |");
	for (size_t k = 0; k < 2; k++) {
		sb_append(sb, " ");
		fmt_num(sb, rpd * mult[k], 0, true);
		sb_printf(sb, " req/day (%.0fx) |", mult[k]);
	}
	sb_append(sb, "\n| --- | ---: | ---: | ---: |\n");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		sb_append(sb, "| ");
		esc_name(c, (enum arch)a);
		sb_append(sb, " | ");
		fmt_fixed(sb, ev->cost.arch[a].monthly_usd, 2, true);
		for (size_t k = 0; k < 2; k++) {
			sb_append(sb, " | ");
			fmt_fixed(sb, cost_monthly_at(p, in, (enum arch)a, rpd * mult[k]), 2, true);
		}
		sb_append(sb, " |\n");
	}
	sb_append(sb, "\nBreakdown at your volume:\n\n");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		const struct cost_breakdown *b = &ev->cost.arch[a];
		sb_append(sb, "* ");
		esc_name(c, (enum arch)a);
		sb_append(sb, ": ");
		for (unsigned i = 0; i < b->item_count; i++) {
			if (i)
				sb_append(sb, ", ");
			esc(sb, item_name(b->items[i].item));
			sb_append(sb, " ");
			fmt_usd(sb, b->items[i].usd);
		}
		if (b->item_count == 0)
			sb_append(sb, "nothing");
		sb_append(sb, "\n");
	}
	struct cost_comparison cmp;
	cost_compare(p, in, ARCH_KUBERNETES, &cmp);
	sb_append(sb, "\nAgainst ");
	esc_name(c, ARCH_KUBERNETES);
	sb_append(sb, ", from ");
	fmt_num(sb, cmp.span[0].from_rpd, 0, true);
	sb_append(sb, " to ");
	fmt_num(sb, cmp.span[0].to_rpd, 0, true);
	sb_append(sb, " requests per day (a crossing is a break-even, where both cost the same):\n\n");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		if (a == ARCH_KUBERNETES)
			continue;
		sb_append(sb, "* ");
		esc_name(c, (enum arch)a);
		sb_append(sb, ": ");
		cost_compare(p, in, (enum arch)a, &cmp);
		comparison_words(sb, &cmp);
		sb_append(sb, "\n");
	}
	sb_append(sb, "\n");
	chart(c);
}

/* Starts architecture a's row in a table of `cells` columns after the
 * name: returns the architecture, or NULL after a row of n/a when the
 * model has none. */
static const struct architecture *arch_row_start(struct ctx *c, enum arch a, unsigned cells)
{
	sb_append(c->sb, "| ");
	esc_name(c, a);
	const struct architecture *ar = c->m->arch[a];
	if (!ar) {
		for (unsigned i = 0; i < cells; i++)
			sb_append(c->sb, " | n/a");
		sb_append(c->sb, " |\n");
	}
	return ar;
}

/* The last cell of a row: text, escaped, or `none` when there is none. */
static void text_cell_end(struct strbuf *sb, const char *text, const char *none)
{
	if (text && *text)
		esc(sb, text);
	else
		sb_append(sb, none);
	sb_append(sb, " |\n");
}

static void latency_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	sb_append(sb, "### Expected latency\n\n");
	sb_append(sb, "P95 latency in milliseconds, as the sources report it; your latency target: ");
	if (!choice_clause(c, "latency_target"))
		sb_append(sb, "not given");
	sb_append(sb, ".\n\n");
	sb_append(sb, "| Architecture | Steady | After idle | Spike | Source |\n");
	sb_append(sb, "| --- | ---: | ---: | ---: | --- |\n");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		const struct architecture *ar = arch_row_start(c, (enum arch)a, 4);
		if (!ar)
			continue;
		sb_append(sb, " | ");
		fmt_num(sb, ar->latency.steady_ms, 0, true);
		sb_append(sb, " | ");
		fmt_num(sb, ar->latency.after_idle_ms, 0, true);
		sb_append(sb, " | ");
		fmt_num(sb, ar->latency.spike_ms, 0, true);
		sb_append(sb, " | ");
		text_cell_end(sb, ar->latency.source, "n/a");
	}
	sb_append(sb, "\n");
}

/* The hard limits of architecture a that the answers run into, as a list. */
static bool limits_hit(struct ctx *c, enum arch a, struct strbuf *out)
{
	const struct architecture *ar = c->m->arch[a];
	if (!ar)
		return false;
	const struct hard_limits *l = &ar->limits;
	const char *longest = answers_choice_by_id(c->m, c->a, "longest_task");
	double dur = answers_number_by_id(c->m, c->a, "avg_duration_ms");
	double mem = answers_number_by_id(c->m, c->a, "memory_mb");
	bool any = false;

	if (l->max_duration_s > 0 && longest &&
	    ((strcmp(longest, "over_15min") == 0 && l->max_duration_s <= 900) ||
	     strcmp(longest, "always_on") == 0)) {
		sb_append(out, "the longest task (");
		choice_clause(&(struct ctx){c->m, c->a, c->ev, c->o, out, c->rec}, "longest_task");
		sb_append(out, ") exceeds the ");
		fmt_seconds(out, l->max_duration_s);
		sb_append(out, " run time limit");
		any = true;
	}
	if (l->max_duration_s > 0 && !isnan(dur) && dur / 1000.0 > l->max_duration_s) {
		sb_append(out, any ? "; " : "");
		sb_append(out, "the average request takes longer than the ");
		fmt_seconds(out, l->max_duration_s);
		sb_append(out, " limit");
		any = true;
	}
	if (l->max_memory_mb > 0 && !isnan(mem) && mem > l->max_memory_mb) {
		sb_append(out, any ? "; " : "");
		fmt_num(out, mem, 0, true);
		sb_append(out, " MB of memory exceeds the ");
		fmt_num(out, l->max_memory_mb, 0, true);
		sb_append(out, " MB limit");
		any = true;
	}
	if (!l->gpu && answers_selected_has(c->m, c->a, "hardware", "gpu")) {
		sb_append(out, any ? "; " : "");
		sb_append(out, "GPUs are needed but not available");
		any = true;
	}
	return any;
}

static void limits_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	sb_append(sb, "### Limits that matter\n\n");
	sb_append(sb, "| Architecture | Longest run | Memory | GPU | Notes |\n");
	sb_append(sb, "| --- | ---: | ---: | --- | --- |\n");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		const struct architecture *ar = arch_row_start(c, (enum arch)a, 4);
		if (!ar)
			continue;
		sb_append(sb, " | ");
		fmt_seconds(sb, ar->limits.max_duration_s);
		sb_append(sb, " | ");
		if (ar->limits.max_memory_mb > 0) {
			fmt_num(sb, ar->limits.max_memory_mb, 0, true);
			sb_append(sb, " MB");
		} else {
			sb_append(sb, "none");
		}
		sb_append(sb, ar->limits.gpu ? " | yes | " : " | no | ");
		text_cell_end(sb, ar->limits.notes, "none");
	}
	sb_append(sb, "\n");
	bool any = false;
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		struct strbuf hit = {0};
		if (limits_hit(c, (enum arch)a, &hit)) {
			if (!any)
				sb_append(sb, "Limits your answers run into:\n\n");
			sb_append(sb, "* ");
			esc_name(c, (enum arch)a);
			sb_append(sb, ": ");
			sb_append(sb, hit.data);
			sb_append(sb, "\n");
			any = true;
		}
		sb_fini(&hit);
	}
	sb_append(sb, any ? "\n" : "Your answers run into none of these limits.\n\n");
}

static void cases_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct case_studies *css = c->m->case_studies;
	sb_append(sb, "### Nearest case studies\n\n");
	if (!css || c->ev->case_count == 0) {
		sb_append(sb, "No case study to compare with.\n\n");
		return;
	}
	for (size_t i = 0; i < c->ev->case_count && i < 3; i++) {
		const struct case_match *cm = &c->ev->cases[i];
		if (cm->case_study >= css->case_studies_count)
			continue;
		const struct case_study *cs = &css->case_studies[cm->case_study];
		sb_append(sb, "* ");
		esc(sb, cs->name && *cs->name ? cs->name : cs->id);
		sb_append(sb, " (");
		fmt_fixed(sb, cm->similarity * 100, 0, false);
		sb_append(sb, "% similar, chose ");
		esc_name(c, cm->arch);
		sb_append(sb, ")");
		if (cs->challenge && *cs->challenge) {
			sb_append(sb, ". Challenge: ");
			char *e = md_escape(cs->challenge);
			strip_period(e);
			sb_append(sb, e);
			free(e);
		}
		if (cs->results_count) {
			sb_append(sb, ". Results: ");
			for (unsigned r = 0; r < cs->results_count; r++) {
				char *e = md_escape(cs->results[r]);
				strip_period(e);
				sb_append(sb, r ? "; " : "");
				sb_append(sb, e);
				free(e);
			}
		}
		if (cs->lesson && *cs->lesson) {
			sb_append(sb, ". Key lesson: ");
			char *e = md_escape(cs->lesson);
			strip_period(e);
			sb_append(sb, e);
			free(e);
		}
		sb_append(sb, ".\n");
	}
	sb_append(sb, "\n");
}

static void migration_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct architecture *ar = c->m->arch[c->rec];
	const char *from = answers_choice_by_id(c->m, c->a, "current_platform");
	const struct migration *mig = NULL;

	sb_append(sb, "### Migration plan\n\n");
	for (unsigned i = 0; ar && from && i < ar->migrations_count; i++)
		if (ar->migrations[i].from && strcmp(ar->migrations[i].from, from) == 0)
			mig = &ar->migrations[i];
	if (!from) {
		sb_append(sb, "The current platform is not known; no migration plan.\n\n");
		return;
	}
	sb_append(sb, "From ");
	choice_clause(c, "current_platform");
	sb_append(sb, " to ");
	esc_name(c, c->rec);
	if (!mig || mig->steps_count == 0) {
		sb_append(sb, ": the data has no migration path for this move; start from the generated starter files and move one stateless component first.\n\n");
		return;
	}
	sb_append(sb, ":\n\n");
	for (unsigned i = 0; i < mig->steps_count; i++) {
		sb_printf(sb, "%u. ", i + 1);
		esc(sb, mig->steps[i]);
		sb_append(sb, "\n");
	}
	sb_append(sb, "\n");
}

static void ecosystem_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct architecture *ar = c->m->arch[c->rec];
	sb_append(sb, "### Suggested ecosystem\n\n");
	if (!ar || ar->ecosystem_count == 0) {
		sb_append(sb, "No tools listed for this architecture.\n\n");
		return;
	}
	for (unsigned i = 0; i < ar->ecosystem_count; i++) {
		const struct tool_group *g = &ar->ecosystem[i];
		sb_append(sb, "* ");
		esc(sb, g->category);
		sb_append(sb, ": ");
		for (unsigned t = 0; t < g->tools_count; t++) {
			if (t)
				sb_append(sb, ", ");
			esc(sb, g->tools[t]);
		}
		sb_append(sb, "\n");
	}
	sb_append(sb, "\n");
}

static void security_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	bool cluster = c->rec == ARCH_KUBERNETES || c->rec == ARCH_KUBERNETES_SERVERLESS ||
		       c->rec == ARCH_HYBRID;
	bool cloud = c->rec == ARCH_SERVERLESS || c->rec == ARCH_SERVERLESS_CONTAINERS ||
		     c->rec == ARCH_HYBRID;
	double port = answers_number_by_id(c->m, c->a, "container_port");
	const char *compliance = answers_choice_by_id(c->m, c->a, "compliance");

	sb_append(sb, "### Security notes\n\n");
	if (cluster) {
		sb_append(sb, "* NetworkPolicy: start from default-deny for ingress and egress in the service's namespace, then allow-list only the ingress controller to ");
		if (!isnan(port)) {
			sb_append(sb, "port ");
			fmt_num(sb, port, 0, false);
		} else {
			sb_append(sb, "the container port");
		}
		sb_append(sb, ", DNS, and the dependencies the service calls.\n");
		sb_append(sb, "* Pod securityContext: runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation false, every capability dropped, seccompProfile RuntimeDefault (the restricted Pod Security Standard on the namespace enforces it).\n");
		sb_append(sb, "* RBAC: a ServiceAccount of its own with no API token mounted unless it needs one; secrets from an external vault rather than plain ConfigMaps.\n");
	}
	if (cloud) {
		sb_append(sb, "* IAM least privilege: one execution role per function or task, listing only the actions and resource ARNs the code uses (no wildcards); separate roles for deployment and runtime.\n");
		sb_append(sb, "* Network: functions or tasks inside a VPC get security groups that deny by default and allow only the dependencies they call, the counterpart of a NetworkPolicy.\n");
		sb_append(sb, "* Event sources and the API gateway authenticate callers; secrets come from the cloud's secrets manager, not from environment variables in the template.\n");
	}
	sb_append(sb, "* Scan images and dependencies in CI and pin base images by digest.\n");
	if (compliance && strcmp(compliance, "regulated") == 0)
		sb_append(sb, "* Regulated workload: keep audit logs (cloud trail, Kubernetes audit log) and encryption at rest and in transit, and record who approved this decision.\n");
	sb_append(sb, "\n");
	if (!cluster)
		return;
	sb_append(sb, "A default-deny policy to start from:\n\n");
	sb_append(sb, "```yaml\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\nspec:\n  podSelector: {}\n  policyTypes:\n    - Ingress\n    - Egress\n```\n\n");
}

static void appendix_section(struct ctx *c)
{
	struct strbuf *sb = c->sb;
	const struct model *m = c->m;
	const struct questionnaire *qn = m->questionnaire;

	sb_append(sb, "### Appendix: the answers\n\n");
	sb_append(sb, "| Question | Id | Answer |\n| --- | --- | --- |\n");
	for (size_t q = 0; q < m->question_count; q++) {
		const struct question *qq = model_question(m, q);
		sb_append(sb, "| ");
		esc(sb, qq->text && *qq->text ? qq->text : qq->id);
		sb_append(sb, " | ");
		esc(sb, qq->id);
		sb_append(sb, " | ");
		answer_text(c, q);
		if (q < c->a->count && !c->a->values[q].present)
			sb_append(sb, " (default)");
		sb_append(sb, " |\n");
	}
	sb_append(sb, "\n| Factor | Weight | Default weight |\n| --- | ---: | ---: |\n");
	for (size_t f = 0; f < qn->factors_count; f++) {
		sb_append(sb, "| ");
		esc(sb, factor_name(m, f));
		sb_printf(sb, " | %u | %u |\n", answers_weight(m, c->a, f), qn->factors[f].weight);
	}
	if (c->o && c->o->decision_makers && *c->o->decision_makers) {
		sb_append(sb, "\nDecision makers: ");
		esc(sb, c->o->decision_makers);
		sb_append(sb, ".\n");
	} else if (c->a->decision_makers_count > 0) {
		sb_append(sb, "\nDecision makers:\n\n");
		for (size_t i = 0; i < c->a->decision_makers_count; i++) {
			sb_append(sb, "* ");
			esc(sb, c->a->decision_makers[i]);
			sb_append(sb, "\n");
		}
	}
	sb_append(sb, "\nReplay this decision:\n\n```sh\narchwise eval ");
	md_shell_word_sb(sb, c->o && c->o->answers_path ? c->o->answers_path : "answers.yaml");
	sb_append(sb, "\n```\n\n");
	sb_append(sb, "Questionnaire: ");
	esc(sb, qn->id);
	sb_printf(sb, " version %u", qn->version);
	if (qn->title && *qn->title) {
		sb_append(sb, " (");
		esc(sb, qn->title);
		sb_append(sb, ")");
	}
	sb_append(sb, ". Prices as of ");
	const struct pricing *pr = cost_pricing(m, &c->ev->cost_in);
	if (pr && pr->date && *pr->date)
		esc(sb, pr->date);
	else
		sb_append(sb, "an unknown date");
	if (pr && pr->region && *pr->region) {
		sb_append(sb, ", region ");
		esc(sb, pr->region);
	}
	sb_append(sb, ".\n");
}

char *report_markdown(const struct model *m, const struct answers *a,
		      const struct evaluation *ev, const struct report_options *o)
{
	if (!m || !a || !ev || !m->questionnaire)
		return NULL;
	struct strbuf sb = {0};
	struct ctx c = {m, a, ev, o, &sb, ev->recommendation};
	if (c.rec >= ARCH_COUNT)
		c.rec = ev->ranking[0].arch;

	front_matter(&c);
	title(&c);
	context_section(&c);
	drivers_section(&c);
	options_section(&c);
	outcome_section(&c);
	pros_cons_section(&c);
	sb_append(&sb, "## More Information\n\n");
	matrix_section(&c);
	rules_section(&c);
	confidence_section(&c);
	assumptions_section(&c);
	cost_section(&c);
	latency_section(&c);
	limits_section(&c);
	cases_section(&c);
	migration_section(&c);
	ecosystem_section(&c);
	security_section(&c);
	appendix_section(&c);
	/* Last, so that a record cut short loses it (recheck then refuses it). */
	char *block = record_block(m, a, c.rec);
	if (!block) {
		sb_fini(&sb);
		return NULL;
	}
	sb_append(&sb, "\n");
	sb_append(&sb, block);
	free(block);
	return sb_take(&sb);
}

/* ---- ADR file names ---- */

static void slug_append(struct strbuf *sb, const char *s, size_t max)
{
	size_t start = sb->len;
	bool dash = sb->len > 0 && sb->data[sb->len - 1] == '-';
	for (const char *p = s; *p && sb->len - start < max; p++) {
		char ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
			sb_appendn(sb, &ch, 1);
			dash = false;
		} else if (!dash) {
			sb_append(sb, "-");
			dash = true;
		}
	}
}

char *report_adr_filename(const char *dir, const struct model *m,
			  const struct answers *a, const struct evaluation *ev)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	unsigned long highest = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *n = e->d_name;
		size_t digits = strspn(n, "0123456789");
		size_t len = strlen(n);
		if (digits < 4 || n[digits] != '-' || len < 3 || strcmp(n + len - 3, ".md") != 0)
			continue;
		errno = 0;
		unsigned long v = strtoul(n, NULL, 10);
		if (errno == ERANGE || v == ULONG_MAX)
			continue;   /* no number we could count on from */
		if (v > highest)
			highest = v;
	}
	closedir(d);

	struct strbuf sb = {0};
	sb_printf(&sb, "%04lu-choose-", highest + 1);
	enum arch rec = ev->recommendation < ARCH_COUNT ? ev->recommendation : ev->ranking[0].arch;
	slug_append(&sb, arch_id(rec), 40);
	sb_append(&sb, "-for-");
	const char *svc = answers_text_by_id(m, a, "service_name");
	size_t before = sb.len;
	slug_append(&sb, svc && *svc ? svc : "service", 60);
	while (sb.len > before && sb.data[sb.len - 1] == '-')
		sb.data[--sb.len] = '\0';
	if (sb.len == before || (sb.len == before + 1 && sb.data[before] == '-')) {
		sb.len = before;
		sb.data[sb.len] = '\0';
		sb_append(&sb, "service");
	}
	sb_append(&sb, ".md");
	return sb_take(&sb);
}
