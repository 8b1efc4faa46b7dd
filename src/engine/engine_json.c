/* engine_json.c: the evaluation as the `eval --json` object (docs/eval.schema.json). Numbers are
 * rounded (scores 1 decimal, similarity 2, USD 2, requests/day whole) so the
 * output is stable and diffable. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "answers.h"
#include "engine_priv.h"
#include "util.h"

static const char *const effect_ids[] = {
	[RULE_EXCLUDE] = "exclude", [RULE_PENALISE] = "penalise", [RULE_BOOST] = "boost",
};

static cJSON *arch_map(const double v[ARCH_COUNT], int decimals)
{
	cJSON *o = cJSON_CreateObject();
	for (int k = 0; k < ARCH_COUNT; k++)
		cJSON_AddNumberToObject(o, arch_id((enum arch)k), engine_round(v[k], decimals));
	return o;
}

static void add_ranking(cJSON *root, const struct model *m, const struct evaluation *ev)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "ranking");
	for (int i = 0; i < ARCH_COUNT; i++) {
		const struct arch_rank *r = &ev->ranking[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "architecture", arch_id(r->arch));
		char *prod = engine_product_name(m, ev->cost_in.provider, r->arch);
		cJSON_AddStringToObject(o, "product", prod);
		free(prod);
		cJSON_AddNumberToObject(o, "score", engine_round(r->score, 1));
		cJSON_AddBoolToObject(o, "excluded", r->excluded);
		cJSON *reasons = cJSON_AddArrayToObject(o, "reasons");
		for (size_t f = 0; f < ev->fired_count; f++)
			if (ev->fired[f].arch == r->arch)
				cJSON_AddItemToArray(reasons, cJSON_CreateString(ev->fired[f].rule->reason
										 ? ev->fired[f].rule->reason
										 : ev->fired[f].rule->id));
		cJSON_AddNumberToObject(o, "matrix_score", engine_round(r->matrix_score, 1));
		cJSON_AddNumberToObject(o, "adjust", engine_round(r->adjust, 1));
		cJSON_AddItemToArray(arr, o);
	}
}

static void add_matrix(cJSON *root, const struct model *m, const struct evaluation *ev)
{
	const struct questionnaire *qn = m->questionnaire;
	cJSON *arr = cJSON_AddArrayToObject(root, "matrix");
	double totals[ARCH_COUNT] = {0}, max = 0;
	for (size_t i = 0; i < ev->row_count; i++) {
		const struct matrix_row *row = &ev->rows[i];
		const struct factor *f = &qn->factors[row->factor];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "factor", f->id);
		if (f->name)
			cJSON_AddStringToObject(o, "name", f->name);
		cJSON_AddNumberToObject(o, "weight", row->weight);
		cJSON_AddNumberToObject(o, "scale_weight", row->scale_weight);
		cJSON_AddBoolToObject(o, "used", row->used);
		/* An unused factor (no question fed it) has no scores: 0 = none. */
		cJSON_AddItemToObject(o, "scores", arch_map(row->score, 2));
		cJSON_AddItemToArray(arr, o);
		if (row->used) {
			for (int k = 0; k < ARCH_COUNT; k++)
				totals[k] += row->weight * row->score[k];
			max += row->scale_weight * 5.0;
		}
	}
	cJSON_AddItemToObject(root, "matrix_totals", arch_map(totals, 2));
	cJSON_AddNumberToObject(root, "matrix_max", engine_round(max, 2));
}

static void add_rules(cJSON *root, const struct evaluation *ev)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "rules");
	for (size_t i = 0; i < ev->fired_count; i++) {
		const struct rule *r = ev->fired[i].rule;
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", r->id);
		cJSON_AddStringToObject(o, "architecture", arch_id(ev->fired[i].arch));
		cJSON_AddStringToObject(o, "effect", effect_ids[r->effect]);
		if (r->effect != RULE_EXCLUDE)
			cJSON_AddNumberToObject(o, "amount", engine_round(r->amount, 1));
		cJSON_AddStringToObject(o, "reason", r->reason ? r->reason : "");
		cJSON_AddItemToArray(arr, o);
	}
}

static void add_cases(cJSON *root, const struct model *m, const struct evaluation *ev)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "case_studies");
	for (size_t i = 0; i < ev->case_count; i++) {
		const struct case_study *cs = &m->case_studies->case_studies[ev->cases[i].case_study];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", cs->id);
		if (cs->name)
			cJSON_AddStringToObject(o, "name", cs->name);
		cJSON_AddNumberToObject(o, "similarity", engine_round(ev->cases[i].similarity, 2));
		cJSON_AddStringToObject(o, "architecture", arch_id(ev->cases[i].arch));
		cJSON_AddItemToArray(arr, o);
	}
	if (ev->case_count > 0) {
		const struct case_match *c = &ev->cases[0];
		cJSON *o = cJSON_AddObjectToObject(root, "nearest_case_study");
		cJSON_AddStringToObject(o, "id", m->case_studies->case_studies[c->case_study].id);
		cJSON_AddStringToObject(o, "architecture", arch_id(c->arch));
		cJSON_AddNumberToObject(o, "similarity", engine_round(c->similarity, 2));
		double b = engine_case_bonus(m->questionnaire, c->similarity);
		cJSON_AddNumberToObject(o, "bonus", engine_round(b, 1));
		const struct case_study *cs = &m->case_studies->case_studies[c->case_study];
		cJSON *rel = cJSON_AddArrayToObject(o, "related");
		for (unsigned r = 0; r < cs->related_count; r++)
			cJSON_AddItemToArray(rel, cJSON_CreateString(cs->related[r]));
		cJSON_AddNumberToObject(o, "related_bonus", engine_round(b / 2, 2));
		/* The bonus alone would have decided a close call: the first without
		 * it stays first. */
		cJSON_AddBoolToObject(o, "overruled", ev->bonus_overruled);
	}
}

/* What the figures rest on: every assumption's effective value and
 * whether the answers set it or it is the default. */
static void add_assumptions(cJSON *o, const struct cost_inputs *in)
{
	cJSON *as = cJSON_AddObjectToObject(o, "assumptions");
	for (int k = 0; k < ASSUME_COUNT; k++) {
		cJSON *it = cJSON_AddObjectToObject(as, assumption_key((enum assumption)k));
		double v = cost_assumption_value(in, (enum assumption)k);
		switch (assumption_kind((enum assumption)k)) {
		case ASSUME_BOOL:
			cJSON_AddBoolToObject(it, "value", v != 0);
			break;
		case ASSUME_FRONT_DOOR:
			cJSON_AddStringToObject(it, "value", front_door_id((enum front_door)v));
			break;
		default:
			if (isfinite(v))
				cJSON_AddNumberToObject(it, "value", engine_round(v, 4));
			else
				cJSON_AddStringToObject(it, "value", "derived");
			break;
		}
		cJSON_AddStringToObject(it, "source", in->assumed[k] ? "answers" : "default");
	}
	cJSON_AddBoolToObject(o, "existing_cluster", in->existing_cluster);
}

static void add_cost(cJSON *root, const struct model *m, const struct evaluation *ev)
{
	const struct cost_result *c = &ev->cost;
	const struct cost_inputs *in = &ev->cost_in;
	const struct pricing *p = cost_pricing(m, in);
	cJSON *o = cJSON_AddObjectToObject(root, "cost");
	cJSON_AddNumberToObject(o, "hours_per_month", engine_round(c->hours_per_month, 2));
	cJSON *pv = cJSON_AddObjectToObject(o, "provider");
	cJSON_AddStringToObject(pv, "id", provider_id(in->provider));
	if (p) {
		cJSON_AddStringToObject(pv, "region", p->region ? p->region : "");
		cJSON_AddStringToObject(pv, "prices_date", p->date ? p->date : "");
		cJSON *names = cJSON_AddObjectToObject(pv, "names");
#define NAME(f) cJSON_AddStringToObject(names, #f, p->names.f ? p->names.f : "");
		PRICING_NAMES(NAME)
#undef NAME
	}
	add_assumptions(o, in);
	cJSON *inputs = cJSON_AddObjectToObject(o, "inputs");
	cJSON_AddNumberToObject(inputs, "requests_per_day", engine_round(in->requests_per_day, 0));
	cJSON_AddNumberToObject(inputs, "avg_duration_ms", engine_round(in->avg_duration_ms, 2));
	cJSON_AddNumberToObject(inputs, "memory_mb", engine_round(in->memory_mb, 2));
	cJSON_AddNumberToObject(inputs, "node_count", engine_round(in->node_count, 2));
	cJSON_AddNumberToObject(inputs, "node_hourly_usd", engine_round(in->node_hourly_usd, 4));
	cJSON_AddBoolToObject(inputs, "arm", in->arm);
	cJSON_AddBoolToObject(inputs, "free_tier", in->free_tier);
	cJSON_AddBoolToObject(inputs, "api_gateway", in->api_gateway);
	cJSON *monthly = cJSON_AddObjectToObject(o, "monthly_usd");
	cJSON *breakdown = cJSON_AddObjectToObject(o, "breakdown");
	for (int k = 0; k < ARCH_COUNT; k++) {
		const struct cost_breakdown *b = &c->arch[k];
		cJSON_AddNumberToObject(monthly, arch_id((enum arch)k), engine_round(b->monthly_usd, 2));
		cJSON *items = cJSON_AddArrayToObject(breakdown, arch_id((enum arch)k));
		for (unsigned i = 0; i < b->item_count && i < COST_MAX_ITEMS; i++) {
			cJSON *it = cJSON_CreateObject();
			cJSON_AddStringToObject(it, "item", b->items[i].item ? b->items[i].item : "");
			cJSON_AddNumberToObject(it, "usd", engine_round(b->items[i].usd, 2));
			cJSON_AddItemToArray(items, it);
		}
	}
	/* JSON has no NaN: architectures that never break even are left out. */
	cJSON *be = cJSON_AddObjectToObject(o, "break_even_requests_per_day");
	for (int k = 0; k < ARCH_COUNT; k++)
		if (isfinite(c->break_even_rpd[k]))
			cJSON_AddNumberToObject(be, arch_id((enum arch)k), engine_round(c->break_even_rpd[k], 0));
}

static void add_sensitivity(cJSON *root, const struct model *m, const struct answers *a,
			    const struct evaluation *ev)
{
	cJSON *arr = cJSON_AddArrayToObject(root, "sensitivity");
	for (size_t i = 0; i < ev->change_count; i++) {
		const struct answer_change *ch = &ev->changes[i];
		const struct question *q = m->questions[ch->question];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "question", q->id);
		switch (q->kind) {
		case QK_SINGLE:
			cJSON_AddStringToObject(o, "answer", q->options[ch->option].id);
			break;
		case QK_MULTIPLE: {
			cJSON *sel = cJSON_AddArrayToObject(o, "answer");
			uint64_t cur = answers_selected(m, a, ch->question);
			for (unsigned k = 0; k < q->options_count && k < 64; k++) {
				if ((ch->selected >> k) & 1u)
					cJSON_AddItemToArray(sel, cJSON_CreateString(q->options[k].id));
				/* Name the one option toggled, for readers of the list. */
				if (((ch->selected ^ cur) >> k) & 1u)
					cJSON_AddStringToObject(o, (ch->selected >> k) & 1u ? "add" : "remove",
								q->options[k].id);
			}
			break;
		}
		case QK_NUMBER:
			cJSON_AddNumberToObject(o, "answer", ch->number);
			break;
		case QK_TEXT:
			break;
		}
		cJSON_AddStringToObject(o, "would_recommend", arch_id(ch->would_recommend));
		cJSON_AddItemToArray(arr, o);
	}
	cJSON *flips = cJSON_AddArrayToObject(root, "weight_flips");
	for (size_t i = 0; i < ev->flip_count; i++) {
		const struct weight_flip *fl = &ev->flips[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "factor", m->questionnaire->factors[fl->factor].id);
		cJSON_AddNumberToObject(o, "current_weight", answers_weight(m, a, fl->factor));
		cJSON_AddNumberToObject(o, "weight", fl->weight);
		cJSON_AddStringToObject(o, "would_recommend", arch_id(fl->would_recommend));
		cJSON_AddItemToArray(flips, o);
	}
}

char *engine_to_json(const struct model *m, const struct answers *a, const struct evaluation *ev)
{
	const struct questionnaire *qn = m->questionnaire;
	cJSON *root = cJSON_CreateObject();
	if (!root)
		util_fatal("out of memory");
	cJSON_AddStringToObject(root, "questionnaire", qn->id);
	cJSON_AddNumberToObject(root, "questionnaire_version", qn->version);
	cJSON_AddStringToObject(root, "recommendation", arch_id(ev->recommendation));
	cJSON_AddStringToObject(root, "confidence", ev->close ? "close" : "clear");
	cJSON_AddNumberToObject(root, "close_margin", engine_round(qn->close_margin, 2));
	/* Every architecture is excluded: the best excluded one is named anyway. */
	cJSON_AddBoolToObject(root, "recommendation_excluded", ev->ranking[0].excluded);
	add_ranking(root, m, ev);
	add_matrix(root, m, ev);
	add_rules(root, ev);
	add_cases(root, m, ev);
	add_cost(root, m, ev);
	add_sensitivity(root, m, a, ev);
	cJSON *w = cJSON_AddArrayToObject(root, "warnings");
	for (size_t i = 0; i < ev->warning_count; i++)
		cJSON_AddItemToArray(w, cJSON_CreateString(ev->warnings[i]));
	char *s = cJSON_Print(root);
	cJSON_Delete(root);
	if (!s)
		util_fatal("out of memory");
	char *out = xstrdup(s);
	cJSON_free(s);
	return out;
}
