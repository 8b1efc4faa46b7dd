/* ansi2svg.c: a terminal capture (`tmux capture-pane -e -p`: text with SGR
 * escape sequences) as an SVG picture of the terminal, for the screenshots
 * in docs/ (`make screenshots`). One cell per code point, 16 colours, the
 * 256-colour cube and 24-bit colour, bold, underline and reverse video.
 *
 * usage: ansi2svg COLUMNS ROWS < capture.ansi > picture.svg */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CELL_W 8.4     /* DejaVu Sans Mono at 14px advances 0.6em */
#define CELL_H 18
#define PAD 10
#define DEFAULT_FG 0xd0d0d0
#define DEFAULT_BG 0x1c1c1c

struct attr {
	int fg, bg;          /* -1: default */
	bool bold, underline, reverse;
};

struct cell {
	char ch[5];          /* one UTF-8 sequence */
	struct attr at;
};

/* The xterm palette for colours 0-15. */
static const int base16[16] = {
	0x000000, 0xcd3131, 0x0dbc79, 0xe5e510, 0x2472c8, 0xbc3fbc, 0x11a8cd, 0xe5e5e5,
	0x666666, 0xf14c4c, 0x23d18b, 0xf5f543, 0x3b8eea, 0xd670d6, 0x29b8db, 0xffffff,
};

static int colour256(int n)
{
	if (n < 16)
		return base16[n];
	if (n < 232) {
		static const int level[6] = {0, 95, 135, 175, 215, 255};
		n -= 16;
		return level[n / 36] << 16 | level[n / 6 % 6] << 8 | level[n % 6];
	}
	int g = 8 + (n - 232) * 10;
	return g << 16 | g << 8 | g;
}

/* Applies the parameters of one SGR sequence. */
static void sgr(struct attr *at, const int *p, int n)
{
	if (n == 0) {
		*at = (struct attr){-1, -1, false, false, false};
		return;
	}
	for (int i = 0; i < n; i++) {
		int v = p[i];
		if (v == 0)
			*at = (struct attr){-1, -1, false, false, false};
		else if (v == 1)
			at->bold = true;
		else if (v == 4)
			at->underline = true;
		else if (v == 7)
			at->reverse = true;
		else if (v == 22)
			at->bold = false;
		else if (v == 24)
			at->underline = false;
		else if (v == 27)
			at->reverse = false;
		else if (v >= 30 && v <= 37)
			at->fg = base16[v - 30];
		else if (v >= 90 && v <= 97)
			at->fg = base16[v - 90 + 8];
		else if (v == 39)
			at->fg = -1;
		else if (v >= 40 && v <= 47)
			at->bg = base16[v - 40];
		else if (v >= 100 && v <= 107)
			at->bg = base16[v - 100 + 8];
		else if (v == 49)
			at->bg = -1;
		else if ((v == 38 || v == 48) && i + 2 < n && p[i + 1] == 5) {
			int c = colour256(p[i + 2] & 255);
			*(v == 38 ? &at->fg : &at->bg) = c;
			i += 2;
		} else if ((v == 38 || v == 48) && i + 4 < n && p[i + 1] == 2) {
			int c = (p[i + 2] & 255) << 16 | (p[i + 3] & 255) << 8 | (p[i + 4] & 255);
			*(v == 38 ? &at->fg : &at->bg) = c;
			i += 4;
		}
	}
}

static void put_text(const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", stdout);
		else if (*s == '<')
			fputs("&lt;", stdout);
		else if (*s == '>')
			fputs("&gt;", stdout);
		else
			putchar(*s);
	}
}

static void coord(double v)
{
	long t = (long)(v * 10 + 0.5);
	printf("%ld.%ld", t / 10, t % 10);
}

static bool same(const struct attr *a, const struct attr *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->bold == b->bold &&
	       a->underline == b->underline && a->reverse == b->reverse;
}

static void colours(const struct attr *at, int *fg, int *bg)
{
	*fg = at->fg < 0 ? DEFAULT_FG : at->fg;
	*bg = at->bg < 0 ? DEFAULT_BG : at->bg;
	if (at->reverse) {
		int t = *fg;
		*fg = *bg;
		*bg = t;
	}
}

int main(int argc, char **argv)
{
	if (argc != 3 || atoi(argv[1]) <= 0 || atoi(argv[2]) <= 0) {
		fprintf(stderr, "usage: ansi2svg COLUMNS ROWS < capture > picture.svg\n");
		return 2;
	}
	int cols = atoi(argv[1]), rows = atoi(argv[2]);
	struct cell *grid = calloc((size_t)cols * (size_t)rows, sizeof *grid);
	if (!grid)
		return 1;
	struct attr at = {-1, -1, false, false, false};
	for (int i = 0; i < cols * rows; i++) {
		strcpy(grid[i].ch, " ");
		grid[i].at = at;
	}
	int r = 0, c = 0, ch;
	while ((ch = getchar()) != EOF && r < rows) {
		if (ch == '\033') {
			if (getchar() != '[')
				continue;
			int p[32], n = 0, v = 0, x;
			bool any = false;
			while ((x = getchar()) != EOF && ((x >= '0' && x <= '9') || x == ';' || x == ':')) {
				if (x == ';' || x == ':') {
					if (n < 32)
						p[n++] = v;
					v = 0;
					any = false;
				} else {
					v = v * 10 + (x - '0');
					any = true;
				}
			}
			if (any && n < 32)
				p[n++] = v;
			if (x == 'm')
				sgr(&at, p, n);
			continue;
		}
		if (ch == '\n') {
			r++;
			c = 0;
			continue;
		}
		if (ch == '\r' || ch < 0x20)
			continue;
		char seq[5] = {(char)ch, 0};
		int len = ch < 0x80 ? 1 : ch < 0xe0 ? 2 : ch < 0xf0 ? 3 : 4;
		for (int k = 1; k < len; k++) {
			int nx = getchar();
			seq[k] = (char)(nx == EOF ? '?' : nx);
		}
		if (c < cols) {
			memcpy(grid[r * cols + c].ch, seq, 5);
			grid[r * cols + c].at = at;
		}
		c++;
	}

	double w = cols * CELL_W + 2 * PAD, h = rows * CELL_H + 2 * PAD;
	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xml:space=\"preserve\" width=\"");
	coord(w);
	printf("\" height=\"");
	coord(h);
	printf("\" viewBox=\"0 0 ");
	coord(w);
	printf(" ");
	coord(h);
	printf("\">\n<style>text{font-family:'DejaVu Sans Mono',Menlo,Consolas,monospace;"
	       "font-size:14px;white-space:pre}.b{font-weight:bold}.u{text-decoration:underline}</style>\n");
	printf("<rect width=\"100%%\" height=\"100%%\" rx=\"6\" fill=\"#%06x\"/>\n", DEFAULT_BG);
	/* Backgrounds: one rectangle per run of a colour that is not the default. */
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols;) {
			int fg, bg, e = c;
			colours(&grid[r * cols + c].at, &fg, &bg);
			for (;;) {
				int f2, b2;
				if (e + 1 >= cols)
					break;
				colours(&grid[r * cols + e + 1].at, &f2, &b2);
				if (b2 != bg)
					break;
				e++;
			}
			if (bg != DEFAULT_BG) {
				printf("<rect x=\"");
				coord(PAD + c * CELL_W);
				printf("\" y=\"%d\" width=\"", PAD + r * CELL_H);
				coord((e - c + 1) * CELL_W + 0.05);
				printf("\" height=\"%d\" fill=\"#%06x\"/>\n", CELL_H, bg);
			}
			c = e + 1;
		}
	}
	/* Text: runs of one style, each placed at its column. */
	for (r = 0; r < rows; r++) {
		for (c = 0; c < cols;) {
			const struct attr *a = &grid[r * cols + c].at;
			int e = c;
			while (e + 1 < cols && same(&grid[r * cols + e + 1].at, a))
				e++;
			bool blank = true;
			for (int k = c; k <= e; k++)
				blank = blank && strcmp(grid[r * cols + k].ch, " ") == 0;
			if (!blank) {
				int fg, bg;
				colours(a, &fg, &bg);
				/* Every glyph at its own column (a list of x), so a
				 * glyph the font draws wider moves nothing else. */
				while (strcmp(grid[r * cols + e].ch, " ") == 0)
					e--;
				printf("<text x=\"");
				for (int k = c; k <= e; k++) {
					if (k > c)
						putchar(' ');
					coord(PAD + k * CELL_W);
				}
				printf("\" y=\"%d\" fill=\"#%06x\"%s>", PAD + r * CELL_H + 14, fg,
				       a->bold && a->underline ? " class=\"b u\""
				       : a->bold ? " class=\"b\"" : a->underline ? " class=\"u\"" : "");
				for (int k = c; k <= e; k++)
					put_text(grid[r * cols + k].ch);
				printf("</text>\n");
				e = c;
				while (e + 1 < cols && same(&grid[r * cols + e + 1].at, a))
					e++;
			}
			c = e + 1;
		}
	}
	printf("</svg>\n");
	free(grid);
	return 0;
}
