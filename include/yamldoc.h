/* yamldoc.h: a libyaml document with positions, used to report file:line:col
 * for what libcyaml cannot check, and to read answers mappings. */
#ifndef ARCHWISE_YAMLDOC_H
#define ARCHWISE_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>
#include "diag.h"

/* Limits enforced while parsing; 0 means no limit. Aliases are always refused. */
struct yamldoc_limits {
	unsigned max_depth;        /* nesting of collections */
	size_t max_keys;           /* mapping keys in the whole document */
	size_t max_items;          /* sequence entries in the whole document */
};

struct yamldoc {
	yaml_document_t doc;
	bool loaded;
};

/* Refuses NUL bytes and invalid UTF-8, with the position of the first bad byte. */
int yamldoc_check_text(const char *text, size_t len, const char *name, struct diag_list *diags);
/* Line and column (1-based) of byte offset off in text. */
void yamldoc_offset_pos(const char *text, size_t len, size_t off, unsigned *line, unsigned *col);
/* Parses one YAML document; syntax errors, aliases, a second document and
 * exceeded limits become one diag each. 0 or -1. */
int yamldoc_parse(struct yamldoc *d, const char *text, size_t len, const char *name,
		  const struct yamldoc_limits *lim, struct diag_list *diags);
void yamldoc_fini(struct yamldoc *d);
/* Parses text event by event without building a document: fn gets each
 * event (the parser owns it) and returns 0 to go on, 1 to stop there, -1
 * for an error (it reports it). Stops after the stream's end. Returns 0, or
 * -1 after fn's error or a syntax error (reported in diags unless NULL). */
int yamldoc_each_event(const char *text, size_t len, const char *name, struct diag_list *diags,
		       int (*fn)(void *ctx, const yaml_event_t *ev), void *ctx);
/* The root node, or NULL for an empty document. */
yaml_node_t *yamldoc_root(struct yamldoc *d);
/* Value under key in a mapping node (and its key node), or NULL. */
yaml_node_t *yamldoc_map_get(struct yamldoc *d, yaml_node_t *map, const char *key,
			     yaml_node_t **keynode);
/* Item i of a sequence node, or NULL. */
yaml_node_t *yamldoc_seq_item(struct yamldoc *d, yaml_node_t *seq, size_t i);
/* Node at a path like "sections[2].questions[3].default" (key: the key node
 * of the last step instead of its value). Returns NULL when missing; *line and
 * *col get the position of the node, or of the deepest node found. */
yaml_node_t *yamldoc_find(struct yamldoc *d, const char *path, bool key,
			  unsigned *line, unsigned *col);
/* 1-based position of a node. */
void yamldoc_pos(const yaml_node_t *n, unsigned *line, unsigned *col);
/* Text of a scalar node, NULL for other nodes. */
const char *yamldoc_scalar(const yaml_node_t *n);
/* Whether a node is a plain null scalar (empty, ~, null). */
bool yamldoc_is_null(const yaml_node_t *n);

#endif
