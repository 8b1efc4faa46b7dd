/* answers.c: answers files (docs/data-formats.md). YAML (libyaml documents) and JSON
 * (cJSON) are both turned into one small tree with positions, so a single
 * validator gives the same messages for both. */
#include <cJSON.h>
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>
#include "file.h"
#include "answers.h"
#include "util.h"
#include "yamldoc.h"

#define ANSWERS_MAX_DEPTH 16
#define ANSWERS_MAX_KEYS 10000
#define ANSWERS_MAX_ITEMS 10000
#define TEXT_DEFAULT_MAX 253

/* ---- a format-neutral tree ---- */

enum an_type { AN_NULL, AN_SCALAR, AN_SEQ, AN_MAP };

struct anode {
	enum an_type type;
	bool string;               /* quoted YAML scalar or JSON string: never a number */
	char *text;                /* scalars */
	unsigned line, col;
	size_t n;
	struct anode *items;       /* sequence items, or mapping values */
	struct anode *keys;        /* mapping keys */
};

static void anode_fini(struct anode *n)
{
	for (size_t i = 0; i < n->n; i++) {
		anode_fini(&n->items[i]);
		if (n->keys)
			anode_fini(&n->keys[i]);
	}
	free(n->items);
	free(n->keys);
	free(n->text);
}

static void anode_from_yaml(struct yamldoc *d, yaml_node_t *y, struct anode *out)
{
	memset(out, 0, sizeof(*out));
	yamldoc_pos(y, &out->line, &out->col);
	if (!y || yamldoc_is_null(y)) {
		out->type = AN_NULL;
		return;
	}
	switch (y->type) {
	case YAML_SCALAR_NODE:
		out->type = AN_SCALAR;
		out->text = xstrdup(yamldoc_scalar(y));
		out->string = y->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		break;
	case YAML_SEQUENCE_NODE:
		out->type = AN_SEQ;
		out->n = (size_t)(y->data.sequence.items.top - y->data.sequence.items.start);
		out->items = xcalloc(out->n, sizeof(*out->items));
		for (size_t i = 0; i < out->n; i++)
			anode_from_yaml(d, yamldoc_seq_item(d, y, i), &out->items[i]);
		break;
	case YAML_MAPPING_NODE:
		out->type = AN_MAP;
		out->n = (size_t)(y->data.mapping.pairs.top - y->data.mapping.pairs.start);
		out->items = xcalloc(out->n, sizeof(*out->items));
		out->keys = xcalloc(out->n, sizeof(*out->keys));
		for (size_t i = 0; i < out->n; i++) {
			yaml_node_pair_t *p = &y->data.mapping.pairs.start[i];
			anode_from_yaml(d, yaml_document_get_node(&d->doc, p->key), &out->keys[i]);
			anode_from_yaml(d, yaml_document_get_node(&d->doc, p->value), &out->items[i]);
		}
		break;
	default:
		out->type = AN_NULL;
		break;
	}
}

/* cJSON keeps no positions: walk the text with a cursor in document order and
 * find each key's quoted text, which is where messages point. */
struct jctx {
	const char *text;
	size_t len, cursor, keys, items;
	bool too_deep, too_many, too_many_items;
	unsigned line, col;        /* where the first limit was exceeded */
	size_t pos_off;            /* jpos resumes counting from here... */
	unsigned pos_line, pos_col; /* ...at this line and column (0: not yet) */
};

/* Line and column of byte off, counted like yamldoc_offset_pos but from the
 * last position asked for: the walk goes forward, so a whole document costs
 * one pass, not one pass per node. */
static void jpos(struct jctx *j, size_t off, unsigned *line, unsigned *col)
{
	if (off > j->len)
		off = j->len;
	if (!j->pos_line || off < j->pos_off)
		j->pos_off = 0, j->pos_line = 1, j->pos_col = 1;
	for (size_t i = j->pos_off; i < off; i++) {
		unsigned char ch = (unsigned char)j->text[i];
		if (ch == '\n')
			j->pos_line++, j->pos_col = 1;
		else if ((ch & 0xC0) != 0x80)
			j->pos_col++;
	}
	j->pos_off = off;
	*line = j->pos_line;
	*col = j->pos_col;
}

static size_t jskip(struct jctx *j, size_t off, const char *skip)
{
	while (off < j->len && (isspace((unsigned char)j->text[off]) || strchr(skip, j->text[off])))
		off++;
	return off < j->len ? off : j->len;
}

static void anode_from_json(struct jctx *j, const cJSON *c, unsigned depth, struct anode *out)
{
	memset(out, 0, sizeof(*out));
	size_t at = jskip(j, j->cursor, ",:]}");
	jpos(j, at, &out->line, &out->col);
	if (depth > ANSWERS_MAX_DEPTH) {
		if (!j->too_deep && !j->too_many)
			j->line = out->line, j->col = out->col;
		j->too_deep = true;
		out->type = AN_NULL;
		return;
	}
	if (cJSON_IsArray(c) || cJSON_IsObject(c)) {
		j->cursor = at + 1;
		bool obj = cJSON_IsObject(c);
		out->type = obj ? AN_MAP : AN_SEQ;
		for (const cJSON *k = c->child; k; k = k->next)
			out->n++;
		out->items = xcalloc(out->n, sizeof(*out->items));
		if (obj)
			out->keys = xcalloc(out->n, sizeof(*out->keys));
		size_t i = 0;
		for (const cJSON *k = c->child; k; k = k->next, i++) {
			if (!obj && ++j->items > ANSWERS_MAX_ITEMS && !j->too_many_items) {
				if (!j->too_deep && !j->too_many)
					jpos(j, jskip(j, j->cursor, ",]}"), &j->line, &j->col);
				j->too_many_items = true;
			}
			if (obj) {
				struct anode *kn = &out->keys[i];
				if (++j->keys > ANSWERS_MAX_KEYS && !j->too_many) {
					if (!j->too_deep)
						jpos(j, jskip(j, j->cursor, ",{]}"), &j->line, &j->col);
					j->too_many = true;
				}
				kn->type = AN_SCALAR;
				kn->string = true;
				kn->text = xstrdup(k->string ? k->string : "");
				/* The key is the string right after the '{' or ',': skip
				 * it as written (escapes included), never search for it. */
				size_t koff = jskip(j, j->cursor, ",{]}");
				jpos(j, koff, &kn->line, &kn->col);
				if (koff < j->len && j->text[koff] == '"') {
					size_t e = koff + 1;
					while (e < j->len && j->text[e] != '"')
						e += j->text[e] == '\\' ? 2 : 1;
					j->cursor = e < j->len ? e + 1 : j->len;
				}
			}
			anode_from_json(j, k, depth + 1, &out->items[i]);
		}
		return;
	}
	/* Past the scalar as written: a string to its closing quote (escapes
	 * included), anything else to the next delimiter. */
	size_t end = at;
	if (end < j->len && j->text[end] == '"') {
		end++;
		while (end < j->len && j->text[end] != '"')
			end += j->text[end] == '\\' ? 2 : 1;
		end = end < j->len ? end + 1 : j->len;
	} else {
		while (end < j->len && !strchr(",:]} \t\r\n", j->text[end]))
			end++;
	}
	j->cursor = end > at ? end : at + 1;
	if (cJSON_IsNull(c)) {
		out->type = AN_NULL;
	} else if (cJSON_IsString(c)) {
		out->type = AN_SCALAR;
		out->string = true;
		out->text = xstrdup(c->valuestring ? c->valuestring : "");
	} else if (cJSON_IsBool(c)) {
		out->type = AN_SCALAR;
		out->text = xstrdup(cJSON_IsTrue(c) ? "true" : "false");
	} else {
		/* the number as written, so messages quote the file */
		size_t e = at;
		while (e < j->len && strchr("+-0123456789.eE", j->text[e]) && j->text[e])
			e++;
		out->type = AN_SCALAR;
		if (e > at) {
			out->text = xstrndup(j->text + at, e - at);
		} else {
			char buf[64];
			util_format_number(buf, sizeof(buf), c->valuedouble);
			out->text = xstrdup(buf);
		}
	}
}

/* ---- lifetime and effective values ---- */

static size_t factor_count(const struct model *m)
{
	return m->questionnaire ? m->questionnaire->factors_count : 0;
}

int answers_init(struct answers *a, const struct model *m)
{
	memset(a, 0, sizeof(*a));
	a->count = m->question_count;
	a->values = xcalloc(a->count, sizeof(*a->values));
	size_t nf = factor_count(m);
	a->weights = xmalloc((nf + 1) * sizeof(*a->weights));
	for (size_t i = 0; i < nf; i++)
		a->weights[i] = -1;
	a->weights[nf] = ANSWERS_WEIGHTS_END;
	if (m->questionnaire && m->questionnaire->id)
		a->questionnaire = xstrdup(m->questionnaire->id);
	return 0;
}

void answers_fini(struct answers *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->count && a->values; i++)
		free(a->values[i].text);
	free(a->values);
	free(a->weights);
	free(a->questionnaire);
	free(a->date);
	for (size_t i = 0; i < a->decision_makers_count; i++)
		free(a->decision_makers[i]);
	free(a->decision_makers);
	memset(a, 0, sizeof(*a));
}

int answers_copy(struct answers *dst, const struct answers *src)
{
	memset(dst, 0, sizeof(*dst));
	dst->count = src->count;
	dst->values = xcalloc(src->count, sizeof(*dst->values));
	for (size_t i = 0; i < src->count; i++) {
		dst->values[i] = src->values[i];
		dst->values[i].text = src->values[i].text ? xstrdup(src->values[i].text) : NULL;
	}
	size_t nw = 0;
	while (src->weights && src->weights[nw] != ANSWERS_WEIGHTS_END)
		nw++;
	dst->weights = xmalloc((nw + 1) * sizeof(*dst->weights));
	if (nw)
		memcpy(dst->weights, src->weights, nw * sizeof(*dst->weights));
	dst->weights[nw] = ANSWERS_WEIGHTS_END;
	dst->questionnaire = src->questionnaire ? xstrdup(src->questionnaire) : NULL;
	dst->date = src->date ? xstrdup(src->date) : NULL;
	dst->assumptions = src->assumptions;
	dst->decision_makers_count = src->decision_makers_count;
	dst->decision_makers = xcalloc(src->decision_makers_count, sizeof(char *));
	for (size_t i = 0; i < src->decision_makers_count; i++)
		dst->decision_makers[i] = xstrdup(src->decision_makers[i]);
	return 0;
}

char *answers_name_problem(const char *name, size_t len)
{
	if (len == 0)
		return xstrdup("a name may not be empty");
	if (name[0] == ' ' || name[len - 1] == ' ')
		return xstrdup("a name may not start or end with a space");
	size_t chars = 0;
	for (size_t i = 0; i < len; chars++) {
		unsigned cp;
		size_t n = util_utf8_decode(name + i, len - i, &cp);
		if (n == 0)
			return xstrdup("a name must be UTF-8");
		if (util_is_control(cp, false))
			return xstrdup("a name may not contain a control character");
		if (cp == ',')
			return xstrdup("a name may not contain a comma (commas separate names)");
		i += n;
	}
	if (chars > ANSWERS_NAME_MAX)
		return xasprintf("a name has at most %d characters", ANSWERS_NAME_MAX);
	return NULL;
}

int answers_set_decision_makers(struct answers *a, const char *list, char **err)
{
	char **names = NULL;
	size_t n = 0;
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		const char *b = p, *e = end;
		while (b < e && *b == ' ')
			b++;
		while (e > b && e[-1] == ' ')
			e--;
		char *problem = answers_name_problem(b, (size_t)(e - b));
		if (problem) {
			for (size_t i = 0; i < n; i++)
				free(names[i]);
			free(names);
			*err = xasprintf("names are separated by commas, each 1-%d characters on one "
					 "line (%s)", ANSWERS_NAME_MAX, problem);
			free(problem);
			return -1;
		}
		names = xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = xstrndup(b, (size_t)(e - b));
		p = *end ? end + 1 : end;
	}
	for (size_t i = 0; i < a->decision_makers_count; i++)
		free(a->decision_makers[i]);
	free(a->decision_makers);
	a->decision_makers = names;
	a->decision_makers_count = n;
	return 0;
}

static const struct answer *answer_at(const struct answers *a, size_t q)
{
	return a && q < a->count && a->values[q].present ? &a->values[q] : NULL;
}

int answers_option(const struct model *m, const struct answers *a, size_t q)
{
	const struct question *qu = model_question(m, q);
	if (!qu || qu->kind != QK_SINGLE)
		return -1;
	const struct answer *v = answer_at(a, q);
	if (v)
		return v->option;
	int d = model_option_index(qu, qu->default_value);
	return d >= 0 ? d : 0;   /* no default: the first option */
}

uint64_t answers_selected(const struct model *m, const struct answers *a, size_t q)
{
	const struct question *qu = model_question(m, q);
	if (!qu || qu->kind != QK_MULTIPLE)
		return 0;
	const struct answer *v = answer_at(a, q);
	if (v)
		return v->selected;
	uint64_t sel = 0;
	for (unsigned i = 0; i < qu->defaults_count; i++) {
		int o = model_option_index(qu, qu->defaults[i]);
		if (o >= 0 && o < 64)
			sel |= UINT64_C(1) << o;
	}
	return sel;
}

double answers_number(const struct model *m, const struct answers *a, size_t q)
{
	const struct question *qu = model_question(m, q);
	if (!qu || qu->kind != QK_NUMBER)
		return NAN;
	const struct answer *v = answer_at(a, q);
	if (v)
		return v->number;
	return qu->default_value ? strtod(qu->default_value, NULL) : qu->min;
}

const char *answers_text(const struct model *m, const struct answers *a, size_t q)
{
	const struct question *qu = model_question(m, q);
	if (!qu || qu->kind != QK_TEXT)
		return NULL;
	const struct answer *v = answer_at(a, q);
	if (v && v->text)
		return v->text;
	return qu->default_value ? qu->default_value : "";
}

double answers_number_by_id(const struct model *m, const struct answers *a, const char *id)
{
	int q = model_question_index(m, id);
	return q < 0 ? NAN : answers_number(m, a, (size_t)q);
}

const char *answers_choice_by_id(const struct model *m, const struct answers *a, const char *id)
{
	int q = model_question_index(m, id);
	if (q < 0)
		return NULL;
	int o = answers_option(m, a, (size_t)q);
	const struct question *qu = model_question(m, (size_t)q);
	return o >= 0 && (unsigned)o < qu->options_count ? qu->options[o].id : NULL;
}

const char *answers_text_by_id(const struct model *m, const struct answers *a, const char *id)
{
	int q = model_question_index(m, id);
	return q < 0 ? NULL : answers_text(m, a, (size_t)q);
}

bool answers_selected_has(const struct model *m, const struct answers *a, const char *question_id,
			  const char *option_id)
{
	int q = model_question_index(m, question_id);
	if (q < 0)
		return false;
	int o = model_option_index(model_question(m, (size_t)q), option_id);
	if (o < 0 || o >= 64)
		return false;
	/* answers_selected is 0 unless the question is multiple */
	return (answers_selected(m, a, (size_t)q) >> o) & 1u;
}

const struct pricing *answers_pricing(const struct model *m, const struct answers *a)
{
	return model_pricing(m, provider_from_id(answers_choice_by_id(m, a, "provider")));
}

unsigned answers_weight(const struct model *m, const struct answers *a, size_t f)
{
	if (!m->questionnaire || f >= m->questionnaire->factors_count)
		return 0;
	if (a && a->weights && a->weights[f] >= 0)
		return (unsigned)a->weights[f];
	/* A question may set the factor's weight through its answer (how much
	 * the bill matters sets the weight of the cost factor). */
	int qi = model_weight_question(m, f);
	if (qi >= 0) {
		const struct question *q = m->questions[qi];
		int o = answers_option(m, a, (size_t)qi);
		if (o >= 0 && (unsigned)o < q->options_count && q->options[o].weight)
			return q->options[o].weight;
	}
	return m->questionnaire->factors[f].weight;
}

/* ---- validation shared by the parser and the setters ---- */

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

char *answers_text_problem(const struct question *q, const char *text)
{
	unsigned max = q->max_length ? q->max_length : TEXT_DEFAULT_MAX;
	size_t n = utf8_chars(text);
	if (n > max)
		return xasprintf("text is %zu characters long, the limit is %u", n, max);
	for (const char *p = text; *p;) {
		unsigned cp;
		size_t len = util_utf8_decode(p, SIZE_MAX, &cp);
		if (len == 0) {
			p++;   /* a byte that starts no character is no control */
			continue;
		}
		if (util_is_control(cp, true))
			return cp < 0x80 ? xasprintf("control character 0x%02x in the text", cp)
					 : xasprintf("control character U+%04X in the text", cp);
		p += len;
	}
	if (q->pattern && *q->pattern) {
		regex_t re;
		char *anchored = xasprintf("^(%s)$", q->pattern);
		int rc = regcomp(&re, anchored, REG_EXTENDED | REG_NOSUB);
		free(anchored);
		if (rc != 0)
			return xasprintf("the question's pattern '%s' is not a valid regular expression",
					 q->pattern);
		rc = regexec(&re, text, 0, NULL, 0);
		regfree(&re);
		if (rc != 0)
			return q->pattern_help && *q->pattern_help
				       ? xasprintf("'%s' is not valid: %s", text, q->pattern_help)
				       : xasprintf("'%s' does not match the pattern %s", text, q->pattern);
	}
	return NULL;
}

/* The one service-name rule. The questionnaire's service_name question says
 * the same (its pattern, max_length and pattern_help; test_answers checks
 * that they agree) and export applies it through gen_input_check. Why these
 * bounds: Kubernetes Services and Serverless services need a leading letter
 * (DNS-1035), and Cloud Run takes at most 49 characters. */
#define SERVICE_NAME_MAX 49

const char *answers_service_name_rule(void)
{
	return "a lower-case letter first, then lower-case letters, digits and hyphens, "
	       "ending with a letter or digit, at most 49 characters";
}

bool answers_service_name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > SERVICE_NAME_MAX || !(s[0] >= 'a' && s[0] <= 'z') || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

bool answers_valid_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return false;
	int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8);
	if (mo < 1 || mo > 12 || d < 1 || d > days[mo - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(mo == 2 && d == 29 && !leap);
}

/* Whole numbers read best written out ("10000000000", not "1e+10"). */
static void bound_text(char *buf, size_t size, double v)
{
	util_format_number_as(buf, size, v, 1e16, 17);
}

static char *number_problem(const struct question *q, double v, const char *shown)
{
	char buf[64], own[64];
	if (!shown) {
		bound_text(own, sizeof(own), v);
		shown = own;
	}
	if (!isfinite(v))
		return xasprintf("%s is not a finite number", shown);
	if (v < q->min) {
		bound_text(buf, sizeof(buf), q->min);
		return xasprintf("%s is below the minimum %s", shown, buf);
	}
	if (v > q->max) {
		bound_text(buf, sizeof(buf), q->max);
		return xasprintf("%s is above the maximum %s", shown, buf);
	}
	return NULL;
}

/* Whether unit measures memory in MB, where G and M are sizes (1G = 1,024 MB). */
static bool unit_is_mb(const char *unit)
{
	return unit && (!strcmp(unit, "MB") || !strcmp(unit, "MiB"));
}

/* Digits with ',' or '_' between groups of three ("2,500,000"): the length
 * of the integer part at s, or 0 with *why when a separator is misplaced. */
static size_t grouped_digits(const char *s, char *clean, size_t *k, size_t cap, char **why,
			     const char *text)
{
	size_t i = 0, group = 0, groups = 0;
	char sep = 0;
	for (;; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			group++;
			if (*k + 1 < cap)
				clean[(*k)++] = c;
			continue;
		}
		if (c == ',' || c == '_') {
			if ((sep && c != sep) || group == 0 || group > 3 || (groups && group != 3)) {
				*why = xasprintf("'%s': '%c' separates thousands in groups of three digits%s",
						 text, c, c == ',' ? "; use a decimal point for a fraction" : "");
				return 0;
			}
			sep = c;
			groups++;
			group = 0;
			continue;
		}
		break;
	}
	if (groups && group != 3) {
		if (sep == ',' && groups == 1) {
			/* "2,5M", "0,17": a decimal comma; say how to write it. */
			char *dot = xstrdup(text);
			*strchr(dot, ',') = '.';
			*why = xasprintf("'%s': ',' only separates groups of three digits; "
					 "for a fraction use a decimal point: %s", text, dot);
			free(dot);
		} else {
			*why = xasprintf("'%s': '%c' separates thousands in groups of three digits",
					 text, sep);
		}
		return 0;
	}
	return i;
}

char *answers_number_read(const char *text, const char *unit, double *out)
{
	char clean[128];
	size_t k = 0;
	const char *p = text ? text : "";
	while (*p == ' ')
		p++;
	size_t len = strlen(p);
	while (len && p[len - 1] == ' ')
		len--;
	if (!len)
		return xstrdup("no number given");
	char *src = xstrndup(p, len);
	char *why = NULL;
	const char *s = src;
	if (*s == '-' || *s == '+')
		clean[k++] = *s++;
	size_t n = grouped_digits(s, clean, &k, sizeof clean, &why, src);
	if (why)
		goto bad;
	s += n;
	bool digits = n > 0;
	if (*s == '.') {
		clean[k++] = *s++;
		size_t f = strspn(s, "0123456789");
		if (f + k + 1 >= sizeof clean)
			goto not_a_number;
		memcpy(clean + k, s, f);
		k += f;
		s += f;
		digits = digits || f;
		if (*s == ',' || *s == '_') {
			why = xasprintf("'%s': a separator after the decimal point", src);
			goto bad;
		}
	}
	if (!digits)
		goto not_a_number;
	if ((*s == 'e' || *s == 'E') && (isdigit((unsigned char)s[1]) ||
					 ((s[1] == '-' || s[1] == '+') && isdigit((unsigned char)s[2])))) {
		clean[k++] = *s++;
		if (*s == '-' || *s == '+')
			clean[k++] = *s++;
		size_t e = strspn(s, "0123456789");
		if (e > 4)
			goto not_a_number;
		memcpy(clean + k, s, e);
		k += e;
		s += e;
	}
	clean[k] = '\0';
	double mul = 1;
	if (*s) {
		char c = (char)tolower((unsigned char)*s);
		bool mb = unit_is_mb(unit);
		/* "1G", "512M", "1GB" in an MB field; "5k", "2.5M", "1G" elsewhere. */
		bool b = s[1] == 'b' || s[1] == 'B';
		if (!strchr("kmg", c) || s[1 + b] || (b && !mb))
			goto not_a_number;
		if (mb && c == 'k') {
			why = xasprintf("'%s': sizes here are in MB; write MB or G (1G = 1,024 MB)", src);
			goto bad;
		}
		mul = mb ? (c == 'g' ? 1024 : 1) : c == 'k' ? 1e3 : c == 'm' ? 1e6 : 1e9;
	}
	char *end;
	double v = strtod(clean, &end);
	if (*end || !isfinite(v) || !isfinite(v * mul)) {
		why = xasprintf("'%s' is not a finite number", src);
		goto bad;
	}
	*out = v * mul == 0 ? 0.0 : v * mul;   /* -0 is 0 (not "-0 requests/day") */
	free(src);
	return NULL;
not_a_number:
	why = xasprintf("'%s' is not a number", src);
bad:
	free(src);
	return why;
}

char *answers_number_problem(const struct question *q, double v)
{
	char shown[64];
	bound_text(shown, sizeof(shown), v);
	if (q->integer && isfinite(v) && v != floor(v))
		return xasprintf("%s is not a whole number", shown);
	return number_problem(q, v, NULL);
}

char *answers_number_parse(const struct question *q, const char *text, double *out)
{
	double v;
	char *why = answers_number_read(text, q->unit, &v);
	if (!why)
		why = answers_number_problem(q, v);
	if (!why)
		*out = v;
	return why;
}

int answers_set_option(const struct model *m, struct answers *a, size_t q, int option)
{
	const struct question *qu = model_question(m, q);
	if (!qu || q >= a->count || qu->kind != QK_SINGLE || option < 0 ||
	    (unsigned)option >= qu->options_count)
		return -1;
	a->values[q].present = true;
	a->values[q].option = option;
	return 0;
}

int answers_set_selected(const struct model *m, struct answers *a, size_t q, uint64_t sel)
{
	const struct question *qu = model_question(m, q);
	if (!qu || q >= a->count || qu->kind != QK_MULTIPLE)
		return -1;
	if (qu->options_count < 64 && (sel >> qu->options_count) != 0)
		return -1;
	a->values[q].present = true;
	a->values[q].selected = sel;
	return 0;
}

int answers_set_number(const struct model *m, struct answers *a, size_t q, double v, char **err)
{
	const struct question *qu = model_question(m, q);
	char *why = NULL;
	if (!qu || q >= a->count || qu->kind != QK_NUMBER)
		why = xstrdup("not a number question");
	else
		why = answers_number_problem(qu, v);
	if (why) {
		if (err)
			*err = why;
		else
			free(why);
		return -1;
	}
	a->values[q].present = true;
	a->values[q].number = v == 0 ? 0.0 : v;   /* never -0 */
	return 0;
}

int answers_set_text(const struct model *m, struct answers *a, size_t q, const char *text, char **err)
{
	const struct question *qu = model_question(m, q);
	char *why = NULL;
	if (!qu || q >= a->count || qu->kind != QK_TEXT || !text)
		why = xstrdup("not a text question");
	else
		why = answers_text_problem(qu, text);
	if (why) {
		if (err)
			*err = why;
		else
			free(why);
		return -1;
	}
	free(a->values[q].text);
	a->values[q].text = xstrdup(text);
	a->values[q].present = true;
	return 0;
}

/* ---- the parser ---- */

struct pctx {
	const struct model *m;
	const char *name;
	struct diag_list *diags;
	size_t errors;
};

static void perr(struct pctx *p, const struct anode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void perr(struct pctx *p, const struct anode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(p->diags, p->name, at->line, at->col, "%s", msg);
	free(msg);
	p->errors++;
}

static const char *type_name(const struct anode *n)
{
	switch (n->type) {
	case AN_SEQ: return "a list";
	case AN_MAP: return "a mapping";
	case AN_NULL: return "nothing";
	default: return "a scalar";
	}
}

static char *option_list(const struct question *q)
{
	struct strbuf sb = {0};
	for (unsigned i = 0; i < q->options_count; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", q->options[i].id);
	return sb_take(&sb);
}

static void unknown_option(struct pctx *p, const struct question *q, const struct anode *v)
{
	char *list = option_list(q);
	perr(p, v, "%s: unknown option '%s' (one of: %s)", q->id, v->text, list);
	free(list);
}

static bool parse_number(const struct anode *v, double *out)
{
	if (v->type != AN_SCALAR || v->string || !*v->text)
		return false;
	char *end;
	double d = strtod(v->text, &end);
	if (*end || isspace((unsigned char)v->text[0]))
		return false;
	*out = d == 0 ? 0.0 : d;   /* -0 is 0 (not "-0 requests/day") */
	return true;
}

static void parse_answer(struct pctx *p, size_t qi, const struct anode *v, struct answer *out)
{
	const struct question *q = model_question(p->m, qi);
	if (v->type == AN_NULL)
		return;   /* an empty value keeps the default */
	switch (q->kind) {
	case QK_SINGLE: {
		if (v->type != AN_SCALAR) {
			perr(p, v, "%s: expected one option id, got %s", q->id, type_name(v));
			return;
		}
		int o = model_option_index(q, v->text);
		if (o < 0) {
			unknown_option(p, q, v);
			return;
		}
		out->option = o;
		break;
	}
	case QK_MULTIPLE: {
		uint64_t sel = 0;
		bool bad = false;
		/* a lone option id is read as a one-element list */
		size_t n = v->type == AN_SEQ ? v->n : 1;
		if (v->type == AN_MAP) {
			perr(p, v, "%s: expected a list of option ids, got a mapping", q->id);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			const struct anode *it = v->type == AN_SEQ ? &v->items[i] : v;
			if (it->type != AN_SCALAR) {
				perr(p, it, "%s: expected an option id, got %s", q->id, type_name(it));
				bad = true;
				continue;
			}
			int o = model_option_index(q, it->text);
			if (o < 0 || o >= 64) {
				unknown_option(p, q, it);
				bad = true;
				continue;
			}
			sel |= UINT64_C(1) << o;
		}
		if (bad)
			return;
		out->selected = sel;
		break;
	}
	case QK_NUMBER: {
		double d = 0;
		if (v->type != AN_SCALAR || v->string) {
			if (v->type == AN_SCALAR)
				perr(p, v, "%s: expected a number, got the text '%s'", q->id, v->text);
			else
				perr(p, v, "%s: expected a number, got %s", q->id, type_name(v));
			return;
		}
		/* The wizard's reading: "2,500,000", "2.5M", "1G" MB; never "2,5". */
		char *why = answers_number_read(v->text, q->unit, &d);
		if (!why && q->integer && d != floor(d))
			why = xasprintf("%s is not a whole number", v->text);
		if (!why)
			why = number_problem(q, d, v->text);
		if (why) {
			perr(p, v, "%s: %s", q->id, why);
			free(why);
			return;
		}
		out->number = d;
		break;
	}
	case QK_TEXT: {
		if (v->type != AN_SCALAR) {
			perr(p, v, "%s: expected a text, got %s", q->id, type_name(v));
			return;
		}
		char *why = answers_text_problem(q, v->text);
		if (why) {
			perr(p, v, "%s: %s", q->id, why);
			free(why);
			return;
		}
		out->text = xstrdup(v->text);
		break;
	}
	}
	out->present = true;
}

static bool key_ok(struct pctx *p, const struct anode *map, size_t i)
{
	if (map->keys[i].type != AN_SCALAR) {
		perr(p, &map->keys[i], "keys must be plain names, got %s", type_name(&map->keys[i]));
		return false;
	}
	return true;
}

/* Duplicates are found through the known id's index (linear, even for
 * hostile documents); first_line[idx] remembers where it was first seen. */
static bool seen_before(struct pctx *p, unsigned *first_line, size_t idx, const struct anode *key)
{
	if (first_line[idx]) {
		perr(p, key, "duplicate key '%s' (first at line %u)", key->text, first_line[idx]);
		return true;
	}
	first_line[idx] = key->line ? key->line : 1;
	return false;
}

static void parse_answers_map(struct pctx *p, const struct anode *map, struct answers *out)
{
	if (map->type == AN_NULL)
		return;
	if (map->type != AN_MAP) {
		perr(p, map, "answers must be a mapping of question id to answer, got %s",
		     type_name(map));
		return;
	}
	unsigned *seen = xcalloc(p->m->question_count, sizeof(*seen));
	for (size_t i = 0; i < map->n; i++) {
		if (!key_ok(p, map, i))
			continue;
		int q = model_question_index(p->m, map->keys[i].text);
		if (q < 0) {
			perr(p, &map->keys[i], "unknown question '%s'", map->keys[i].text);
			continue;
		}
		if (seen_before(p, seen, (size_t)q, &map->keys[i]))
			continue;
		struct answer *a = &out->values[q];
		free(a->text);
		memset(a, 0, sizeof(*a));
		parse_answer(p, (size_t)q, &map->items[i], a);
	}
	free(seen);
}

static void parse_weights(struct pctx *p, const struct anode *map, struct answers *out)
{
	if (map->type == AN_NULL)
		return;
	if (map->type != AN_MAP) {
		perr(p, map, "weights must be a mapping of factor id to 0-5, got %s", type_name(map));
		return;
	}
	unsigned *seen = xcalloc(factor_count(p->m), sizeof(*seen));
	for (size_t i = 0; i < map->n; i++) {
		if (!key_ok(p, map, i))
			continue;
		const char *fid = map->keys[i].text;
		int f = model_factor_index(p->m, fid);
		if (f < 0) {
			perr(p, &map->keys[i], "unknown factor '%s' in weights", fid);
			continue;
		}
		if (seen_before(p, seen, (size_t)f, &map->keys[i]))
			continue;
		const struct anode *v = &map->items[i];
		double d;
		if (!parse_number(v, &d) || d != floor(d) || d < 0 || d > 5) {
			perr(p, v, "weight of %s: '%s' is not a whole number from 0 to 5", fid,
			     v->type == AN_SCALAR ? v->text : type_name(v));
			continue;
		}
		out->weights[f] = (int)d;
	}
	free(seen);
}

static void parse_assumptions(struct pctx *p, const struct anode *map, struct answers *out)
{
	if (map->type == AN_NULL)
		return;
	if (map->type != AN_MAP) {
		perr(p, map, "assumptions must be a mapping of assumption to value, got %s",
		     type_name(map));
		return;
	}
	unsigned seen[ASSUME_COUNT] = {0};
	for (size_t i = 0; i < map->n; i++) {
		if (!key_ok(p, map, i))
			continue;
		const char *key = map->keys[i].text;
		int k = assumption_from_key(key);
		if (k < 0) {
			struct strbuf sb = {0};
			for (int j = 0; j < ASSUME_COUNT; j++)
				sb_printf(&sb, "%s%s", j ? ", " : "", assumption_key((enum assumption)j));
			perr(p, &map->keys[i], "unknown assumption '%s' (one of: %s)", key, sb.data);
			sb_fini(&sb);
			continue;
		}
		if (seen_before(p, seen, (size_t)k, &map->keys[i]))
			continue;
		const struct anode *v = &map->items[i];
		double lo, hi, d = 0;
		assumption_bounds((enum assumption)k, &lo, &hi);
		const char *txt = v->type == AN_SCALAR ? v->text : type_name(v);
		switch (assumption_kind((enum assumption)k)) {
		case ASSUME_BOOL:
			if (v->type != AN_SCALAR || v->string ||
			    (strcmp(v->text, "true") != 0 && strcmp(v->text, "false") != 0)) {
				perr(p, v, "assumptions: %s: '%s' is not true or false", key, txt);
				continue;
			}
			d = strcmp(v->text, "true") == 0;
			break;
		case ASSUME_FRONT_DOOR:
			if (v->type != AN_SCALAR || (d = front_door_from_id(v->text)) < 0) {
				perr(p, v, "assumptions: %s: '%s' is not one of api_gateway, function_url, "
				     "load_balancer", key, txt);
				continue;
			}
			break;
		case ASSUME_INT:
		case ASSUME_NUMBER:
			if (!parse_number(v, &d) || !isfinite(d)) {
				perr(p, v, "assumptions: %s: '%s' is not a number", key, txt);
				continue;
			}
			if (assumption_kind((enum assumption)k) == ASSUME_INT && d != floor(d)) {
				perr(p, v, "assumptions: %s: '%s' is not a whole number", key, txt);
				continue;
			}
			if (d < lo || d > hi) {
				char l[32], h[32];
				util_format_number(l, sizeof(l), lo);
				util_format_number(h, sizeof(h), hi);
				perr(p, v, "assumptions: %s: %s is outside %s to %s", key, txt, l, h);
				continue;
			}
			break;
		}
		out->assumptions.set[k] = true;
		out->assumptions.value[k] = d;
	}
}

static void parse_top(struct pctx *p, const struct anode *root, struct answers *out)
{
	if (root->type != AN_MAP) {
		perr(p, root, "an answers file is a mapping with an 'answers' key, got %s",
		     type_name(root));
		return;
	}
	static const char *const top_keys[] = {"questionnaire", "answers", "weights", "date",
					       "decision_makers", "assumptions"};
	unsigned seen[6] = {0};
	for (size_t i = 0; i < root->n; i++) {
		if (!key_ok(p, root, i))
			continue;
		const char *k = root->keys[i].text;
		const struct anode *v = &root->items[i];
		size_t t = 0;
		while (t < 6 && strcmp(k, top_keys[t]) != 0)
			t++;
		if (t < 6 && seen_before(p, seen, t, &root->keys[i]))
			continue;
		if (strcmp(k, "questionnaire") == 0) {
			const char *want = p->m->questionnaire ? p->m->questionnaire->id : NULL;
			if (v->type != AN_SCALAR)
				perr(p, v, "questionnaire: expected an id, got %s", type_name(v));
			else if (want && strcmp(v->text, want) != 0)
				perr(p, v, "these answers are for questionnaire '%s', not '%s'", v->text, want);
		} else if (strcmp(k, "answers") == 0) {
			parse_answers_map(p, v, out);
		} else if (strcmp(k, "weights") == 0) {
			parse_weights(p, v, out);
		} else if (strcmp(k, "assumptions") == 0) {
			parse_assumptions(p, v, out);
		} else if (strcmp(k, "date") == 0) {
			if (v->type == AN_NULL)
				continue;
			if (v->type != AN_SCALAR || !answers_valid_date(v->text)) {
				perr(p, v, "date: '%s' is not a valid YYYY-MM-DD date",
				     v->type == AN_SCALAR ? v->text : type_name(v));
				continue;
			}
			free(out->date);
			out->date = xstrdup(v->text);
		} else if (strcmp(k, "decision_makers") == 0) {
			if (v->type == AN_NULL)
				continue;
			size_t n = v->type == AN_SEQ ? v->n : 1;
			if (v->type == AN_MAP) {
				perr(p, v, "decision_makers: expected a list of names, got a mapping");
				continue;
			}
			for (size_t j = 0; j < n; j++) {
				const struct anode *it = v->type == AN_SEQ ? &v->items[j] : v;
				if (it->type != AN_SCALAR) {
					perr(p, it, "decision_makers: expected a name, got %s", type_name(it));
					continue;
				}
				char *problem = answers_name_problem(it->text, strlen(it->text));
				if (problem) {
					perr(p, it, "decision_makers: %s", problem);
					free(problem);
					continue;
				}
				out->decision_makers = xrealloc(out->decision_makers,
					(out->decision_makers_count + 1) * sizeof(char *));
				out->decision_makers[out->decision_makers_count++] = xstrdup(it->text);
			}
		} else {
			perr(p, &root->keys[i],
			     "unknown key '%s' (expected questionnaire, answers, weights, assumptions, "
			     "date, decision_makers)",
			     k);
		}
	}
}

static bool looks_json(const char *text, size_t len, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	if (name && answers_path_is_json(name))
		return true;
	if ((n >= 5 && strcmp(name + n - 5, ".yaml") == 0) || (n >= 4 && strcmp(name + n - 4, ".yml") == 0))
		return false;
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)text[i]))
		i++;
	return i < len && text[i] == '{';
}

static int parse_json(const char *text, size_t len, const char *name, struct anode *root,
		      struct diag_list *diags)
{
	/* Bounded memory: cJSON would build every entry before the limits are
	 * checked, so count them first (commas outside strings). */
	size_t commas = 0;
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		if (in_string) {
			if (text[i] == '\\' && i + 5 < len && memcmp(text + i + 1, "u0000", 5) == 0) {
				unsigned line, col;
				yamldoc_offset_pos(text, len, i, &line, &col);
				diag_add(diags, name, line, col,
					 "a string may not contain a NUL character (\\u0000)");
				return -1;
			}
			if (text[i] == '\\')
				i++;
			else if (text[i] == '"')
				in_string = false;
		} else if (text[i] == '"') {
			in_string = true;
		} else if (text[i] == ',' && ++commas > ANSWERS_MAX_KEYS + ANSWERS_MAX_ITEMS) {
			unsigned line, col;
			yamldoc_offset_pos(text, len, i, &line, &col);
			diag_add(diags, name, line, col, "too many keys and list items (more than %u)",
				 ANSWERS_MAX_KEYS + ANSWERS_MAX_ITEMS);
			return -1;
		}
	}
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (j && end) {
		size_t off = (size_t)(end - text);
		while (off < len && isspace((unsigned char)text[off]))
			off++;
		if (off < len) {
			unsigned line, col;
			yamldoc_offset_pos(text, len, off, &line, &col);
			diag_add(diags, name, line, col, "JSON syntax error: text after the end of the object");
			cJSON_Delete(j);
			return -1;
		}
	}
	if (!j) {
		unsigned line, col;
		size_t off = end ? (size_t)(end - text) : 0;
		yamldoc_offset_pos(text, len, off, &line, &col);
		size_t rest = off;
		while (rest < len && isspace((unsigned char)text[rest]))
			rest++;
		if (rest >= len) {
			diag_add(diags, name, line, col, "JSON syntax error: the text ends too early");
			return -1;
		}
		/* cJSON gives up at its own nesting limit: say what it is */
		unsigned depth = 0;
		size_t too_deep = 0;
		bool in_str = false;
		for (size_t i = 0; i < off; i++) {
			char ch = text[i];
			if (in_str) {
				if (ch == '\\')
					i++;
				else if (ch == '"')
					in_str = false;
			} else if (ch == '"') {
				in_str = true;
			} else if (ch == '[' || ch == '{') {
				if (++depth == ANSWERS_MAX_DEPTH + 1 && !too_deep)
					too_deep = i + 1;
			} else if ((ch == ']' || ch == '}') && depth) {
				depth--;
			}
		}
		if (depth > ANSWERS_MAX_DEPTH && too_deep) {
			yamldoc_offset_pos(text, len, too_deep - 1, &line, &col);
			diag_add(diags, name, line, col, "nested too deeply (more than %u levels)",
				 ANSWERS_MAX_DEPTH);
			return -1;
		}
		/* quote a little of the text there, printable ASCII only (one line) */
		char near[16];
		size_t n = 0;
		for (size_t i = off; i < len && n < 12 && text[i] != '\n'; i++)
			near[n++] = text[i] >= 0x20 && text[i] < 0x7f ? text[i] : '?';
		near[n] = '\0';
		diag_add(diags, name, line, col, "JSON syntax error near '%s'", near);
		return -1;
	}
	struct jctx jc = {.text = text, .len = len};
	anode_from_json(&jc, j, 1, root);
	cJSON_Delete(j);
	if (jc.too_deep || jc.too_many || jc.too_many_items) {
		diag_add(diags, name, jc.line, jc.col, jc.too_deep ? "nested too deeply (more than %u levels)"
				       : jc.too_many ? "too many keys (more than %u)"
				       : "too many list items (more than %u)",
			 jc.too_deep ? ANSWERS_MAX_DEPTH : jc.too_many ? ANSWERS_MAX_KEYS : ANSWERS_MAX_ITEMS);
		anode_fini(root);
		return -1;
	}
	return 0;
}

int answers_parse(const struct model *m, const char *text, size_t len, const char *name,
		  struct answers *out, struct diag_list *diags)
{
	answers_init(out, m);
	struct anode root;
	if (yamldoc_check_text(text, len, name, diags))
		return -1;
	if (looks_json(text, len, name)) {
		/* cJSON refuses a byte order mark; editors do not show it */
		size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		if (parse_json(text + bom, len - bom, name, &root, diags))
			return -1;
	} else {
		struct yamldoc d;
		struct yamldoc_limits lim = {.max_depth = ANSWERS_MAX_DEPTH, .max_keys = ANSWERS_MAX_KEYS,
					      .max_items = ANSWERS_MAX_ITEMS};
		if (yamldoc_parse(&d, text, len, name, &lim, diags)) {
			yamldoc_fini(&d);
			return -1;
		}
		anode_from_yaml(&d, yamldoc_root(&d), &root);
		yamldoc_fini(&d);
	}
	struct pctx p = {.m = m, .name = name, .diags = diags};
	if (root.type == AN_NULL) {
		root.line = root.line ? root.line : 1;
		root.col = root.col ? root.col : 1;
		perr(&p, &root, "empty answers file");
	}
	else
		parse_top(&p, &root, out);
	anode_fini(&root);
	return p.errors ? -1 : 0;
}

int answers_parse_node(const struct model *m, struct yamldoc *doc, struct yaml_node_s *map,
		       const char *name, struct answers *out, struct diag_list *diags)
{
	answers_init(out, m);
	struct anode root;
	anode_from_yaml(doc, map, &root);
	struct pctx p = {.m = m, .name = name, .diags = diags};
	parse_answers_map(&p, &root, out);
	anode_fini(&root);
	return p.errors ? -1 : 0;
}

int answers_load(const struct model *m, const char *path, struct answers *out,
		 struct diag_list *diags)
{
	size_t len;
	char *text = file_read(path, &len, diags);
	if (!text) {
		answers_init(out, m);
		return -1;
	}
	int rc = answers_parse(m, text, len, path, out, diags);
	free(text);
	return rc;
}

/* ---- the writer ---- */

static int write_sb(void *data, unsigned char *buf, size_t size)
{
	sb_appendn(data, (const char *)buf, size);
	return 1;
}

static bool looks_null(const char *s)
{
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}

static int emit(yaml_emitter_t *e, yaml_event_t *ev, int ok)
{
	return ok && yaml_emitter_emit(e, ev);
}

/* A string our parser reads back unchanged: libyaml picks a safe style; a
 * text that reads as null is forced into quotes. */
static int emit_str(yaml_emitter_t *e, const char *s)
{
	yaml_event_t ev;
	int plain = !looks_null(s);
	int ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (const yaml_char_t *)s,
					      (int)strlen(s), plain, 1, YAML_ANY_SCALAR_STYLE);
	return emit(e, &ev, ok);
}

static int emit_start(yaml_emitter_t *e, bool map, bool flow)
{
	yaml_event_t ev;
	int ok = map ? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
		     : yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
	return emit(e, &ev, ok);
}

static int emit_end(yaml_emitter_t *e, bool map)
{
	yaml_event_t ev;
	int ok = map ? yaml_mapping_end_event_initialize(&ev) : yaml_sequence_end_event_initialize(&ev);
	return emit(e, &ev, ok);
}

static int emit_question(yaml_emitter_t *e, const struct model *m, const struct answers *a, size_t i)
{
	const struct question *q = model_question(m, i);
	char buf[64];
	int ok = emit_str(e, q->id);
	switch (q->kind) {
	case QK_SINGLE: {
		int o = answers_option(m, a, i);
		ok = ok && o >= 0 && (unsigned)o < q->options_count && emit_str(e, q->options[o].id);
		break;
	}
	case QK_MULTIPLE: {
		uint64_t sel = answers_selected(m, a, i);
		ok = ok && emit_start(e, false, true);
		for (unsigned o = 0; ok && o < q->options_count && o < 64; o++)
			if (sel & (UINT64_C(1) << o))
				ok = emit_str(e, q->options[o].id);
		ok = ok && emit_end(e, false);
		break;
	}
	case QK_NUMBER:
		bound_text(buf, sizeof(buf), answers_number(m, a, i));
		ok = ok && emit_str(e, buf);
		break;
	case QK_TEXT:
		ok = ok && emit_str(e, answers_text(m, a, i));
		break;
	}
	return ok;
}

static char *to_yaml(const struct model *m, const struct answers *a, size_t *len, bool answered_only)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	struct strbuf sb = {0};
	if (!yaml_emitter_initialize(&e))
		return NULL;
	yaml_emitter_set_output(&e, write_sb, &sb);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	int ok = emit(&e, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	ok = emit(&e, &ev, ok && yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	ok = ok && emit_start(&e, true, false);
	if (m->questionnaire && m->questionnaire->id)
		ok = ok && emit_str(&e, "questionnaire") && emit_str(&e, m->questionnaire->id);
	ok = ok && emit_str(&e, "answers") && emit_start(&e, true, false);
	for (size_t i = 0; ok && i < m->question_count; i++) {
		const struct question *q = model_question(m, i);
		/* an unanswered text without a default has no value that would
		 * read back (it may not match the pattern): leave it out */
		if (q->kind == QK_TEXT && !answer_at(a, i) && !q->default_value)
			continue;
		if (answered_only && !answer_at(a, i))
			continue;
		ok = emit_question(&e, m, a, i);
	}
	ok = ok && emit_end(&e, true);
	bool any = false;
	for (size_t f = 0; ok && f < factor_count(m); f++) {
		/* only weights the user set: one set by an answer follows the answer */
		if (!a || !a->weights || a->weights[f] < 0)
			continue;
		unsigned w = (unsigned)a->weights[f];
		if (!any)
			ok = emit_str(&e, "weights") && emit_start(&e, true, false);
		any = true;
		char buf[16];
		snprintf(buf, sizeof(buf), "%u", w);
		ok = ok && emit_str(&e, m->questionnaire->factors[f].id) && emit_str(&e, buf);
	}
	if (any)
		ok = ok && emit_end(&e, true);
	any = false;
	for (int k = 0; ok && a && k < ASSUME_COUNT; k++) {
		if (!a->assumptions.set[k])
			continue;
		if (!any)
			ok = emit_str(&e, "assumptions") && emit_start(&e, true, false);
		any = true;
		char buf[64];
		double v = a->assumptions.value[k];
		switch (assumption_kind((enum assumption)k)) {
		case ASSUME_BOOL: snprintf(buf, sizeof(buf), "%s", v != 0 ? "true" : "false"); break;
		case ASSUME_FRONT_DOOR: snprintf(buf, sizeof(buf), "%s", front_door_id((enum front_door)v)); break;
		default: bound_text(buf, sizeof(buf), v); break;
		}
		ok = ok && emit_str(&e, assumption_key((enum assumption)k)) && emit_str(&e, buf);
	}
	if (any)
		ok = ok && emit_end(&e, true);
	if (a && a->date)
		ok = ok && emit_str(&e, "date") && emit_str(&e, a->date);
	if (a && a->decision_makers_count) {
		ok = ok && emit_str(&e, "decision_makers") && emit_start(&e, false, false);
		for (size_t i = 0; ok && i < a->decision_makers_count; i++)
			ok = emit_str(&e, a->decision_makers[i]);
		ok = ok && emit_end(&e, false);
	}
	ok = ok && emit_end(&e, true);
	ok = emit(&e, &ev, ok && yaml_document_end_event_initialize(&ev, 1));
	ok = emit(&e, &ev, ok && yaml_stream_end_event_initialize(&ev));
	ok = ok && yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	if (!ok) {
		sb_fini(&sb);
		return NULL;
	}
	if (len)
		*len = sb.len;
	return sb_take(&sb);
}

char *answers_to_yaml(const struct model *m, const struct answers *a, size_t *len)
{
	return to_yaml(m, a, len, false);
}

char *answers_to_yaml_answered(const struct model *m, const struct answers *a, size_t *len)
{
	return to_yaml(m, a, len, true);
}

static cJSON *json_question(const struct model *m, const struct answers *a, size_t i)
{
	const struct question *q = model_question(m, i);
	char buf[64];
	switch (q->kind) {
	case QK_SINGLE: {
		int o = answers_option(m, a, i);
		return o >= 0 && (unsigned)o < q->options_count ? cJSON_CreateString(q->options[o].id)
								 : NULL;
	}
	case QK_MULTIPLE: {
		uint64_t sel = answers_selected(m, a, i);
		cJSON *arr = cJSON_CreateArray();
		for (unsigned o = 0; arr && o < q->options_count && o < 64; o++)
			if (sel & (UINT64_C(1) << o))
				cJSON_AddItemToArray(arr, cJSON_CreateString(q->options[o].id));
		return arr;
	}
	case QK_NUMBER:
		/* the same digits the YAML writer uses: reads back exactly */
		bound_text(buf, sizeof(buf), answers_number(m, a, i));
		return cJSON_CreateRaw(buf);
	case QK_TEXT:
		return cJSON_CreateString(answers_text(m, a, i));
	}
	return NULL;
}

char *answers_to_json(const struct model *m, const struct answers *a, size_t *len)
{
	cJSON *root = cJSON_CreateObject(), *ans = cJSON_CreateObject();
	if (!root || !ans) {
		cJSON_Delete(root);
		cJSON_Delete(ans);
		return NULL;
	}
	if (m->questionnaire && m->questionnaire->id)
		cJSON_AddStringToObject(root, "questionnaire", m->questionnaire->id);
	cJSON_AddItemToObject(root, "answers", ans);
	bool ok = true;
	for (size_t i = 0; ok && i < m->question_count; i++) {
		const struct question *q = model_question(m, i);
		if (q->kind == QK_TEXT && !answer_at(a, i) && !q->default_value)
			continue;
		cJSON *v = json_question(m, a, i);
		ok = v && cJSON_AddItemToObject(ans, q->id, v);
	}
	cJSON *weights = NULL;
	for (size_t f = 0; ok && f < factor_count(m); f++) {
		unsigned w = answers_weight(m, a, f);
		if (w == m->questionnaire->factors[f].weight)
			continue;
		if (!weights)
			weights = cJSON_AddObjectToObject(root, "weights");
		ok = weights && cJSON_AddNumberToObject(weights, m->questionnaire->factors[f].id, w);
	}
	if (ok && a && a->date)
		ok = cJSON_AddStringToObject(root, "date", a->date) != NULL;
	if (ok && a && a->decision_makers_count) {
		cJSON *dm = cJSON_AddArrayToObject(root, "decision_makers");
		for (size_t i = 0; dm && i < a->decision_makers_count; i++)
			cJSON_AddItemToArray(dm, cJSON_CreateString(a->decision_makers[i]));
		ok = dm != NULL;
	}
	char *text = ok ? cJSON_Print(root) : NULL;
	cJSON_Delete(root);
	if (!text)
		return NULL;
	struct strbuf sb = {0};
	sb_append(&sb, text);
	sb_append(&sb, "\n");
	cJSON_free(text);
	if (len)
		*len = sb.len;
	return sb_take(&sb);
}

bool answers_path_is_json(const char *path)
{
	size_t n = strlen(path);
	return n >= 5 && strcasecmp(path + n - 5, ".json") == 0;
}

char *answers_to_file_text(const struct model *m, const struct answers *a, const char *path,
			   size_t *len)
{
	return answers_path_is_json(path) ? answers_to_json(m, a, len) : answers_to_yaml(m, a, len);
}

bool answers_locate(const char *path, const char *question_id, unsigned *line, unsigned *col)
{
	struct diag_list d = {0};
	size_t len;
	char *text = file_read(path, &len, &d);
	diag_list_fini(&d);
	if (!text)
		return false;
	struct yamldoc doc;
	struct yamldoc_limits lim = {.max_depth = ANSWERS_MAX_DEPTH, .max_keys = ANSWERS_MAX_KEYS,
				      .max_items = ANSWERS_MAX_ITEMS};
	/* JSON is YAML's flow style: one parser finds the key in both. */
	bool found = false;
	if (yamldoc_parse(&doc, text, len, path, &lim, &d) == 0) {
		char *where = xasprintf("answers.%s", question_id);
		found = yamldoc_find(&doc, where, false, line, col) != NULL;
		free(where);
	}
	yamldoc_fini(&doc);
	diag_list_fini(&d);
	free(text);
	return found;
}
