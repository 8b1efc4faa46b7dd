/* yamldoc.c: libyaml documents with positions and path lookups. */
#include <stdlib.h>
#include <string.h>
#include "yamldoc.h"
#include "util.h"

void yamldoc_offset_pos(const char *text, size_t len, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;   /* count characters, not continuation bytes, like libyaml */
		}
	}
	*line = l;
	*col = c;
}

int yamldoc_check_text(const char *text, size_t len, const char *name, struct diag_list *diags)
{
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < len;) {
		unsigned line, col;
		if (s[i] == 0) {
			yamldoc_offset_pos(text, len, i, &line, &col);
			diag_add(diags, name, line, col, "NUL byte in a text file");
			return -1;
		}
		unsigned cp;
		size_t n = util_utf8_decode(text + i, len - i, &cp);
		if (!n) {
			yamldoc_offset_pos(text, len, i, &line, &col);
			diag_add(diags, name, line, col, "invalid UTF-8 (byte 0x%02x)", s[i]);
			return -1;
		}
		i += n;
	}
	return 0;
}

static void parser_error(const yaml_parser_t *p, const char *text, size_t len,
			 const char *name, struct diag_list *diags)
{
	unsigned line, col;
	if (p->error == YAML_READER_ERROR) {
		yamldoc_offset_pos(text, len, p->problem_offset, &line, &col);
		diag_add(diags, name, line, col, "unreadable text: %s",
			 p->problem ? p->problem : "bad input");
		return;
	}
	if (p->error == YAML_MEMORY_ERROR)
		util_fatal("out of memory");
	line = (unsigned)p->problem_mark.line + 1;
	col = (unsigned)p->problem_mark.column + 1;
	if (p->context)
		diag_add(diags, name, line, col, "YAML syntax error: %s, %s that started at line %u",
			 p->problem ? p->problem : "unexpected text", p->context,
			 (unsigned)p->context_mark.line + 1);
	else
		diag_add(diags, name, line, col, "YAML syntax error: %s",
			 p->problem ? p->problem : "unexpected text");
}

/* One open collection while composing. */
struct open_node {
	int id;
	bool map;
	int pending_key;           /* mappings: key waiting for its value */
	size_t seen;
};

/* Hangs node id under the innermost open collection. */
static void attach(yaml_document_t *doc, struct open_node *top, int id)
{
	if (!top)
		return;
	top->seen++;
	if (!top->map) {
		yaml_document_append_sequence_item(doc, top->id, id);
	} else if (!top->pending_key) {
		top->pending_key = id;
	} else {
		yaml_document_append_mapping_pair(doc, top->id, top->pending_key, id);
		top->pending_key = 0;
	}
}

int yamldoc_each_event(const char *text, size_t len, const char *name, struct diag_list *diags,
			int (*fn)(void *ctx, const yaml_event_t *ev), void *ctx)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		util_fatal("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	int rc = 0;
	for (bool done = false; !done && !rc;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&p, &ev)) {
			if (diags)
				parser_error(&p, text, len, name, diags);
			rc = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		rc = fn(ctx, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc < 0 ? -1 : 0;
}

/* The state of compose between events. */
struct composer {
	yaml_document_t *doc;
	const char *name;
	struct diag_list *diags;
	struct open_node *stack;
	unsigned depth, max_depth, docs;
	size_t keys, max_keys, items, max_items;
};

static int compose_event(void *ctx, const yaml_event_t *ev)
{
	struct composer *c = ctx;
	yaml_document_t *doc = c->doc;
	const char *name = c->name;
	struct diag_list *diags = c->diags;
	int rc = 0;
	unsigned line = (unsigned)ev->start_mark.line + 1, col = (unsigned)ev->start_mark.column + 1;
	struct open_node *top = c->depth ? &c->stack[c->depth - 1] : NULL;
	bool node = ev->type == YAML_SCALAR_EVENT || ev->type == YAML_SEQUENCE_START_EVENT ||
		    ev->type == YAML_MAPPING_START_EVENT;
	if (node && top && top->map && top->seen % 2 == 0 && c->max_keys && ++c->keys > c->max_keys) {
		diag_add(diags, name, line, col, "too many keys (more than %zu)", c->max_keys);
		rc = -1;
	}
	if (node && top && !top->map && c->max_items && ++c->items > c->max_items) {
		diag_add(diags, name, line, col, "too many list items (more than %zu)", c->max_items);
		rc = -1;
	}
	int id = 0;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		diag_add(diags, name, line, col, "YAML aliases are not allowed");
		rc = -1;
		break;
	case YAML_DOCUMENT_START_EVENT:
		if (++c->docs > 1) {
			diag_add(diags, name, line, col, "only one YAML document is allowed");
			rc = -1;
		}
		break;
	case YAML_SCALAR_EVENT: {
		/* An escaped NUL ("a\0b") would cut the C string: the part
		 * before it would pass every check made on the whole. */
		if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length)) {
			diag_add(diags, name, line, col, "a string may not contain a NUL character (\\0)");
			rc = -1;
			break;
		}
		/* "!!str 128" is a string, as a quoted scalar is. */
		yaml_scalar_style_t style = ev->data.scalar.style;
		const char *tag = (const char *)ev->data.scalar.tag;
		if (style == YAML_PLAIN_SCALAR_STYLE && tag && strcmp(tag, YAML_STR_TAG) == 0)
			style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
		id = yaml_document_add_scalar(doc, NULL, ev->data.scalar.value,
					      (int)ev->data.scalar.length, style);
		break;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (c->depth >= c->max_depth) {
			diag_add(diags, name, line, col, "nested too deeply (more than %u levels)",
				 c->max_depth);
			rc = -1;
			break;
		}
		id = ev->type == YAML_MAPPING_START_EVENT
			? yaml_document_add_mapping(doc, NULL, ev->data.mapping_start.style)
			: yaml_document_add_sequence(doc, NULL, ev->data.sequence_start.style);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (c->depth)
			c->depth--;
		break;
	default:
		break;
	}
	if (node && !rc) {
		if (!id)
			util_fatal("out of memory");
		doc->nodes.start[id - 1].start_mark = ev->start_mark;
		doc->nodes.start[id - 1].end_mark = ev->end_mark;
		attach(doc, top, id);
		if (ev->type != YAML_SCALAR_EVENT)
			c->stack[c->depth++] = (struct open_node){.id = id,
				.map = ev->type == YAML_MAPPING_START_EVENT};
	}
	return rc;
}

/* Composes the document from parser events in one pass (libyaml's own
 * loader has no limits and would need a second pass to refuse aliases):
 * refuses aliases, a second document and documents deeper or larger than
 * the limits, and keeps every node's position. */
static int compose(struct yamldoc *d, const char *text, size_t len, const char *name,
		   const struct yamldoc_limits *lim, struct diag_list *diags)
{
	struct composer c = {
		.doc = &d->doc, .name = name, .diags = diags,
		.max_depth = lim && lim->max_depth ? lim->max_depth : 256,
		.max_keys = lim ? lim->max_keys : 0,
		.max_items = lim ? lim->max_items : 0,
	};
	c.stack = xcalloc(c.max_depth + 1, sizeof(*c.stack));
	int rc = yamldoc_each_event(text, len, name, diags, compose_event, &c);
	free(c.stack);
	return rc;
}

int yamldoc_parse(struct yamldoc *d, const char *text, size_t len, const char *name,
		  const struct yamldoc_limits *lim, struct diag_list *diags)
{
	memset(d, 0, sizeof(*d));
	if (yamldoc_check_text(text, len, name, diags))
		return -1;
	yaml_mark_t none = {0, 0, 0};
	if (!yaml_document_initialize(&d->doc, NULL, NULL, NULL, 1, 1))
		util_fatal("out of memory");
	d->doc.start_mark = d->doc.end_mark = none;
	d->loaded = true;
	return compose(d, text, len, name, lim, diags);
}

void yamldoc_fini(struct yamldoc *d)
{
	if (d->loaded)
		yaml_document_delete(&d->doc);
	d->loaded = false;
}

yaml_node_t *yamldoc_root(struct yamldoc *d)
{
	return d->loaded ? yaml_document_get_root_node(&d->doc) : NULL;
}

yaml_node_t *yamldoc_map_get(struct yamldoc *d, yaml_node_t *map, const char *key,
			     yaml_node_t **keynode)
{
	if (!map || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start;
	     pr < map->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(&d->doc, pr->key);
		const char *ks = yamldoc_scalar(k);
		if (ks && strcmp(ks, key) == 0) {
			if (keynode)
				*keynode = k;
			return yaml_document_get_node(&d->doc, pr->value);
		}
	}
	return NULL;
}

yaml_node_t *yamldoc_seq_item(struct yamldoc *d, yaml_node_t *seq, size_t i)
{
	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return NULL;
	size_t n = (size_t)(seq->data.sequence.items.top - seq->data.sequence.items.start);
	return i < n ? yaml_document_get_node(&d->doc, seq->data.sequence.items.start[i]) : NULL;
}

void yamldoc_pos(const yaml_node_t *n, unsigned *line, unsigned *col)
{
	*line = n ? (unsigned)n->start_mark.line + 1 : 0;
	*col = n ? (unsigned)n->start_mark.column + 1 : 0;
}

yaml_node_t *yamldoc_find(struct yamldoc *d, const char *path, bool key,
			  unsigned *line, unsigned *col)
{
	yaml_node_t *cur = yamldoc_root(d), *last_key = NULL;
	yamldoc_pos(cur, line, col);
	const char *p = path;
	while (cur && *p) {
		yaml_node_t *next;
		last_key = NULL;
		if (*p == '[') {
			char *end;
			unsigned long i = strtoul(p + 1, &end, 10);
			if (*end != ']')
				return NULL;
			next = yamldoc_seq_item(d, cur, i);
			p = end + 1;
		} else {
			if (*p == '.')
				p++;
			size_t n = strcspn(p, ".[");
			char *k = xstrndup(p, n);
			next = yamldoc_map_get(d, cur, k, &last_key);
			free(k);
			p += n;
			if (!next && !last_key)
				return NULL;
		}
		if (!next)
			return NULL;
		cur = next;
		yamldoc_pos(key && !*p && last_key ? last_key : cur, line, col);
	}
	return key && last_key ? last_key : cur;
}

const char *yamldoc_scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

bool yamldoc_is_null(const yaml_node_t *n)
{
	if (!n || n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = (const char *)n->data.scalar.value;
	return !*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	       !strcmp(s, "NULL");
}
