/* chart.c: the decision record's cost chart, an SVG written by hand: the
 * monthly cost of every architecture against requests per day on log-log
 * axes, a legend, the answers' volume and each break-even marked. Lines
 * differ by dash pattern and marker as well as colour; colours switch with
 * prefers-color-scheme on a transparent background. Deterministic: every
 * number is printed from integers, whatever the locale; nothing reads the
 * clock. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cost.h"
#include "report.h"
#include "util.h"

/* Geometry, in SVG user units (pixels). */
#define W 760
#define PLOT_L 84
#define PLOT_R (W - 28)
#define PLOT_T 52
#define PLOT_B 360
#define LEGEND_T 428
#define ROW 22
#define SAMPLES_PER_DECADE 24

struct series_style {
	const char *dash;   /* stroke-dasharray, NULL: solid */
	double width;
	const char *marker; /* a shape of marker_defs: circle, square, ... */
};

/* In architecture order: kubernetes, functions, knative, containers, hybrid.
 * The kubernetes line is the widest and drawn first, so a line lying on it
 * leaves it visible on both sides. */
static const struct series_style styles[ARCH_COUNT] = {
	{NULL, 4.5, "circle"},
	{"9 5", 2.2, "square"},
	{"2 4", 2.6, "triangle"},
	{"12 4 3 4", 2.2, "diamond"},
	{"18 6", 2.2, "cross"},
};

/* Colours, in three sets: mid-tones that read on a white and on a black
 * background alike (for viewers that ignore the media queries), a darker
 * set for a light page and a brighter one for a dark page. Colour-blind
 * safe hues (Okabe-Ito). */
static const char *const mid[ARCH_COUNT] = {
	"#2f8fd8", "#e0661c", "#12a479", "#cf6fa7", "#a88a00",
};
static const char *const light[ARCH_COUNT] = {
	"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8c6d00",
};
static const char *const dark[ARCH_COUNT] = {
	"#56b4e9", "#ff8c42", "#3ddc97", "#e7a3cf", "#f0e442",
};

static const char *arch_name(const struct model *m, enum arch a)
{
	return m->arch[a] && m->arch[a]->name ? m->arch[a]->name : arch_id(a);
}

struct chart {
	struct strbuf *sb;
	double x_lo, x_hi;  /* log10 requests/day */
	double y_lo, y_hi;  /* log10 USD/month */
};

/* A coordinate with one decimal, from integers (no locale decimal point). */
static void coord(struct strbuf *sb, double v)
{
	long t = lround(v * 10);
	sb_printf(sb, "%s%ld.%ld", t < 0 ? "-" : "", labs(t) / 10, labs(t) % 10);
}

static double px(const struct chart *c, double log_rpd)
{
	return PLOT_L + (log_rpd - c->x_lo) / (c->x_hi - c->x_lo) * (PLOT_R - PLOT_L);
}

/* Costs at or below the bottom of the scale (a free tier's USD 0) sit on it. */
static double py(const struct chart *c, double usd)
{
	double l = usd > 0 ? log10(usd) : c->y_lo;
	if (l < c->y_lo)
		l = c->y_lo;
	if (l > c->y_hi)
		l = c->y_hi;
	return PLOT_B - (l - c->y_lo) / (c->y_hi - c->y_lo) * (PLOT_B - PLOT_T);
}

static void point(struct strbuf *sb, double x, double y)
{
	coord(sb, x);
	sb_append(sb, ",");
	coord(sb, y);
}

/* Text for an XML element or attribute: markup characters as entities,
 * controls and bytes that are not UTF-8 (which XML 1.0 refuses) as '?'. */
static void xml_text(struct strbuf *sb, const char *s)
{
	while (s && *s) {
		unsigned cp;
		size_t n = util_utf8_decode(s, strlen(s), &cp);
		if (n == 0 || util_is_control(cp, false) || cp == 0xfffe || cp == 0xffff) {
			sb_append(sb, "?");
			s += n ? n : 1;
			continue;
		}
		switch (cp) {
		case '&': sb_append(sb, "&amp;"); break;
		case '<': sb_append(sb, "&lt;"); break;
		case '>': sb_append(sb, "&gt;"); break;
		case '"': sb_append(sb, "&quot;"); break;
		default: sb_appendn(sb, s, n); break;
		}
		s += n;
	}
}

/* 10^e as an axis label: "1K", "100M", "$0.01", "$10K". */
static void decade_label(struct strbuf *sb, int e, bool usd)
{
	static const char *const suffix[] = {"", "K", "M", "B", "T"};
	if (usd)
		sb_append(sb, "$");
	if (e < 0) {
		sb_append(sb, "0.");
		for (int i = -1; i > e; i--)
			sb_append(sb, "0");
		sb_append(sb, "1");
		return;
	}
	int group = e / 3 > 4 ? 4 : e / 3;
	int rest = e - group * 3;
	sb_append(sb, "1");
	for (int i = 0; i < rest; i++)
		sb_append(sb, "0");
	sb_append(sb, suffix[group]);
}

/* A volume with three significant digits and a suffix: "6.08M", "24.5K". */
static void volume_short(struct strbuf *sb, double v)
{
	static const char *const suffix[] = {"", "K", "M", "B", "T"};
	int group = 0;
	while (v >= 999.5 && group < 4) {
		v /= 1000;
		group++;
	}
	char buf[32];
	util_format_number_as(buf, sizeof buf, v, 1000, 3);
	sb_append(sb, buf);
	sb_append(sb, suffix[group]);
}

/* A whole number with thousands separators: "100,000". */
static void volume_full(struct strbuf *sb, double v)
{
	char digits[32];
	long long n = v > 0 && v < 1e18 ? llround(v) : 0;
	int len = snprintf(digits, sizeof digits, "%lld", n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			sb_append(sb, ",");
		sb_appendn(sb, digits + i, 1);
	}
}

/* The marker shapes, centred on 0,0, drawn once in <defs> and placed with
 * <use>; the series' class gives them their colour. */
static const char *const marker_defs =
	"<defs>\n"
	"<circle id=\"mk-circle\" r=\"4.5\"/>\n"
	"<path id=\"mk-square\" d=\"M-4,-4H4V4H-4Z\"/>\n"
	"<path id=\"mk-triangle\" d=\"M0,-5.5L5,3.5H-5Z\"/>\n"
	"<path id=\"mk-diamond\" d=\"M0,-5.5L5.5,0L0,5.5L-5.5,0Z\"/>\n"
	"<path id=\"mk-cross\" class=\"xm\" d=\"M-4.5,-4.5L4.5,4.5M-4.5,4.5L4.5,-4.5\"/>\n"
	"</defs>\n";

static void marker(struct strbuf *sb, enum arch a, double x, double y)
{
	sb_printf(sb, "<use class=\"s%d m\" href=\"#mk-%s\" x=\"", (int)a, styles[a].marker);
	coord(sb, x);
	sb_append(sb, "\" y=\"");
	coord(sb, y);
	sb_append(sb, "\"/>\n");
}

/* One colour scheme: text, axes, your-volume line and the series. */
static void scheme(struct strbuf *sb, const char *text, const char *axis,
		   const char *const colours[ARCH_COUNT])
{
	sb_printf(sb, "text{fill:%s}\n.axis,.grid,.you{stroke:%s}\n", text, axis);
	for (unsigned a = 0; a < ARCH_COUNT; a++)
		sb_printf(sb, ".s%u{stroke:%s;fill:%s}\n", a, colours[a], colours[a]);
	sb_append(sb, ".line,.be,.xm,.axis,.grid,.you{fill:none}\n");
}

static void style_sheet(struct strbuf *sb)
{
	sb_append(sb, "<style>\n"
		      "text{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;font-size:13px}\n"
		      ".title{font-size:16px;font-weight:bold}\n"
		      ".axis{stroke-width:1.2}\n"
		      ".grid{stroke-opacity:0.3;stroke-width:1}\n"
		      ".you{stroke-width:1.6;stroke-dasharray:5 3}\n"
		      ".line{stroke-linejoin:round}\n"
		      ".m{stroke-width:1.5}\n"
		      ".xm,.be{stroke-width:2.2}\n");
	scheme(sb, "#767676", "#8a8a8a", mid);
	sb_append(sb, "@media (prefers-color-scheme:light){\n");
	scheme(sb, "#3c3c3c", "#6a6a6a", light);
	sb_append(sb, "}\n@media (prefers-color-scheme:dark){\n");
	scheme(sb, "#d0d0d0", "#a8a8a8", dark);
	sb_append(sb, "}\n</style>\n");
}

static void axes(struct chart *c)
{
	struct strbuf *sb = c->sb;
	for (int e = (int)c->x_lo; e <= (int)c->x_hi; e++) {
		double x = px(c, e);
		sb_append(sb, "<path class=\"grid\" d=\"M");
		point(sb, x, PLOT_T);
		sb_append(sb, "V");
		coord(sb, PLOT_B);
		sb_append(sb, "\"/>\n<text x=\"");
		coord(sb, x);
		sb_printf(sb, "\" y=\"%d\" text-anchor=\"middle\">", PLOT_B + 20);
		decade_label(sb, e, false);
		sb_append(sb, "</text>\n");
	}
	for (int e = (int)c->y_lo; e <= (int)c->y_hi; e++) {
		double y = py(c, pow(10, e));
		sb_append(sb, "<path class=\"grid\" d=\"M");
		point(sb, PLOT_L, y);
		sb_append(sb, "H");
		coord(sb, PLOT_R);
		sb_printf(sb, "\"/>\n<text x=\"%d\" y=\"", PLOT_L - 8);
		coord(sb, y + 4.5);
		sb_append(sb, "\" text-anchor=\"end\">");
		decade_label(sb, e, true);
		sb_append(sb, "</text>\n");
	}
	sb_printf(sb, "<path class=\"axis\" d=\"M%d,%dV%dH%d\"/>\n", PLOT_L, PLOT_T, PLOT_B, PLOT_R);
	sb_printf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">Requests per day (log scale)</text>\n",
		  (PLOT_L + PLOT_R) / 2, PLOT_B + 44);
	sb_printf(sb, "<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">"
		      "USD per month (log scale)</text>\n", (PLOT_T + PLOT_B) / 2);
}

/* The answers' volume: a dashed upright line, labelled at the top. */
static void your_volume(struct chart *c, double rpd)
{
	struct strbuf *sb = c->sb;
	if (!(rpd > 0) || log10(rpd) < c->x_lo || log10(rpd) > c->x_hi)
		return;
	double x = px(c, log10(rpd));
	sb_append(sb, "<path class=\"you\" d=\"M");
	point(sb, x, PLOT_T - 6);
	sb_append(sb, "V");
	coord(sb, PLOT_B);
	sb_append(sb, "\"/>\n<text x=\"");
	bool left = x > (PLOT_L + PLOT_R) / 2;
	coord(sb, left ? x - 6 : x + 6);
	sb_printf(sb, "\" y=\"%d\" text-anchor=\"%s\">your volume, ", PLOT_T + 8, left ? "end" : "start");
	volume_short(sb, rpd);
	sb_append(sb, "/day</text>\n");
}

static void series(struct chart *c, const struct pricing *p, const struct cost_inputs *in,
		   enum arch a, const char *name)
{
	struct strbuf *sb = c->sb;
	unsigned n = (unsigned)lround((c->x_hi - c->x_lo) * SAMPLES_PER_DECADE) + 1;
	sb_printf(sb, "<g id=\"series-%s\"><title>", arch_id(a));
	xml_text(sb, name);
	sb_printf(sb, "</title>\n<path class=\"line s%d\" stroke-width=\"", (int)a);
	coord(sb, styles[a].width);
	sb_append(sb, "\"");
	if (styles[a].dash)
		sb_printf(sb, " stroke-dasharray=\"%s\"", styles[a].dash);
	if (a == ARCH_KUBERNETES_SERVERLESS)
		sb_append(sb, " stroke-linecap=\"round\"");
	sb_append(sb, " d=\"");
	for (unsigned i = 0; i < n; i++) {
		double x = c->x_lo + (c->x_hi - c->x_lo) * i / (n - 1);
		sb_append(sb, i ? "L" : "M");
		point(sb, px(c, x), py(c, cost_monthly_at(p, in, a, pow(10, x))));
	}
	sb_append(sb, "\"/>\n");
	/* A marker every decade, each series at its own offset so markers of
	 * lines lying on each other stay apart. */
	for (int e = (int)c->x_lo; e < (int)c->x_hi; e++) {
		double x = e + (a + 0.5) / ARCH_COUNT;
		marker(sb, a, px(c, x), py(c, cost_monthly_at(p, in, a, pow(10, x))));
	}
	sb_append(sb, "</g>\n");
}

/* Rings where an architecture's cost crosses kubernetes': the break-evens. */
static unsigned break_evens(struct chart *c, const struct pricing *p, const struct cost_inputs *in,
			    enum arch a, double *at, unsigned max)
{
	struct cost_comparison cmp;
	unsigned k = 0;
	cost_compare(p, in, a, &cmp);
	for (unsigned i = 1; i < cmp.count; i++) {
		const struct cost_span *s = &cmp.span[i];
		if (s->relation == COST_EQUAL || cmp.span[i - 1].relation != -s->relation)
			continue;
		double x = log10(s->from_rpd);
		if (x < c->x_lo || x > c->x_hi || k == max)
			continue;
		at[k++] = s->from_rpd;
		sb_printf(c->sb, "<circle class=\"be s%d\" cx=\"", (int)a);
		coord(c->sb, px(c, x));
		sb_append(c->sb, "\" cy=\"");
		coord(c->sb, py(c, cost_monthly_at(p, in, ARCH_KUBERNETES, s->from_rpd)));
		sb_append(c->sb, "\" r=\"8\"/>\n");
	}
	return k;
}

static void legend_sample(struct strbuf *sb, enum arch a, int y)
{
	sb_printf(sb, "<path class=\"line s%d\" stroke-width=\"", (int)a);
	coord(sb, styles[a].width);
	sb_append(sb, "\"");
	if (styles[a].dash)
		sb_printf(sb, " stroke-dasharray=\"%s\"", styles[a].dash);
	sb_printf(sb, " d=\"M%d,%dH%d\"/>\n", PLOT_L, y, PLOT_L + 48);
	marker(sb, a, PLOT_L + 24, y);
}

/* The range of the curves: every decade from the break-even range
 * (1e3..1e10) and one either side of the answers' volume; the cost axis
 * from the decade below the cheapest positive cost (not under USD 0.01)
 * to the one above the dearest. */
static void scales(struct chart *c, const struct pricing *p, const struct cost_inputs *in,
		   double rpd, bool *clipped)
{
	c->x_lo = 3;
	c->x_hi = 10;
	if (rpd > 0 && isfinite(rpd)) {
		double e = log10(rpd);
		if (floor(e) - 1 < c->x_lo)
			c->x_lo = floor(e) - 1;
		if (ceil(e) + 1 > c->x_hi)
			c->x_hi = ceil(e) + 1;
	}
	if (c->x_lo < 0)
		c->x_lo = 0;
	if (c->x_hi > 15)
		c->x_hi = 15;
	double lo = INFINITY, hi = 0;
	unsigned n = (unsigned)lround((c->x_hi - c->x_lo) * SAMPLES_PER_DECADE) + 1;
	*clipped = false;
	for (unsigned a = 0; a < ARCH_COUNT; a++)
		for (unsigned i = 0; i < n; i++) {
			double v = cost_monthly_at(p, in, (enum arch)a,
						   pow(10, c->x_lo + (c->x_hi - c->x_lo) * i / (n - 1)));
			if (!(v > 0) || !isfinite(v)) {
				*clipped = true;
				continue;
			}
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	if (!(hi > 0)) {
		lo = 1;
		hi = 10;
	}
	c->y_lo = floor(log10(lo));
	if (c->y_lo < -2) {
		c->y_lo = -2;
		*clipped = true;
	}
	c->y_hi = ceil(log10(hi));
	if (c->y_hi <= c->y_lo)
		c->y_hi = c->y_lo + 1;
	if (lo < pow(10, c->y_lo))
		*clipped = true;
}

char *report_cost_chart_svg(const struct model *m, const struct evaluation *ev)
{
	struct strbuf sb = {0};
	struct chart c = {.sb = &sb};
	const struct pricing *p = cost_pricing(m, &ev->cost_in);
	const struct cost_inputs *in = &ev->cost_in;
	double rpd = in->requests_per_day;
	bool clipped;
	static const struct pricing none;

	if (!p)
		p = &none;
	scales(&c, p, in, rpd, &clipped);
	int rows = ARCH_COUNT + 2 + (clipped ? 1 : 0);
	int height = LEGEND_T + rows * ROW;

	sb_printf(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		       "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n",
		  W, height, W, height);
	sb_append(&sb, "<title id=\"chart-title\">Monthly cost by request volume</title>\n"
		       "<desc id=\"chart-desc\">Monthly cost in USD of each architecture against "
		       "requests per day, both on log scales, with the answers' volume and the "
		       "volumes where an architecture costs the same as Kubernetes marked. The "
		       "decision record's cost table gives the figures.</desc>\n");
	style_sheet(&sb);
	sb_append(&sb, marker_defs);
	sb_printf(&sb, "<text class=\"title\" x=\"%d\" y=\"26\">Monthly cost by request volume "
		       "(log-log)</text>\n", PLOT_L);
	axes(&c);

	/* The lines, kubernetes first (beneath the others), then the rings. */
	for (unsigned a = 0; a < ARCH_COUNT; a++)
		series(&c, p, in, (enum arch)a, arch_name(m, (enum arch)a));
	double at[ARCH_COUNT][COST_MAX_SPANS];
	unsigned count[ARCH_COUNT] = {0};
	for (unsigned a = 0; a < ARCH_COUNT; a++)
		if (a != ARCH_KUBERNETES)
			count[a] = break_evens(&c, p, in, (enum arch)a, at[a], COST_MAX_SPANS);
	your_volume(&c, rpd);

	/* The legend: one row a series, then what the marks mean. */
	sb_append(&sb, "<g id=\"legend\">\n");
	for (unsigned a = 0; a < ARCH_COUNT; a++) {
		int y = LEGEND_T + (int)a * ROW;
		legend_sample(&sb, (enum arch)a, y);
		sb_printf(&sb, "<text x=\"%d\" y=\"%d\">", PLOT_L + 60, y + 4);
		xml_text(&sb, arch_name(m, (enum arch)a));
		if (a != ARCH_KUBERNETES && count[a] == 0)
			sb_append(&sb, ": no break-even in view");
		if (count[a] > 2) {
			sb_printf(&sb, ": crosses it %u times, ", count[a]);
			volume_short(&sb, at[a][0]);
			sb_append(&sb, " to ");
			volume_short(&sb, at[a][count[a] - 1]);
		} else {
			for (unsigned k = 0; k < count[a]; k++) {
				sb_append(&sb, k ? " and " : ": break-even at ");
				volume_short(&sb, at[a][k]);
			}
		}
		if (count[a])
			sb_append(&sb, " requests/day");
		sb_append(&sb, "</text>\n");
	}
	int y = LEGEND_T + ARCH_COUNT * ROW;
	sb_printf(&sb, "<path class=\"you\" d=\"M%d,%dV%d\"/>\n", PLOT_L + 24, y - 8, y + 8);
	sb_printf(&sb, "<text x=\"%d\" y=\"%d\">your volume: ", PLOT_L + 60, y + 4);
	volume_full(&sb, rpd);
	sb_append(&sb, " requests per day</text>\n");
	y += ROW;
	sb_printf(&sb, "<circle class=\"be s0\" cx=\"%d\" cy=\"%d\" r=\"8\"/>\n", PLOT_L + 24, y);
	sb_printf(&sb, "<text x=\"%d\" y=\"%d\">break-even: where a line crosses Kubernetes "
		       "(ring in the line's colour)</text>\n", PLOT_L + 60, y + 4);
	if (clipped) {
		y += ROW;
		sb_printf(&sb, "<text x=\"%d\" y=\"%d\">costs under ", PLOT_L + 60, y + 4);
		decade_label(&sb, (int)c.y_lo, true);
		sb_append(&sb, " (a free tier's USD 0) are drawn on the bottom axis</text>\n");
	}
	sb_append(&sb, "</g>\n</svg>\n");
	return sb_take(&sb);
}
