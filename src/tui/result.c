/* result.c: the frame shared by the result tabs: the title with the
 * recommendation and the clickable tab bar. */
#include <string.h>
#include "ui.h"

static const char *const tab_names[TUI_TAB_COUNT] = {
	"Recommendation", "Matrix", "Cases", "Cost", "Performance", "Files", "Export",
};

void tui_result_frame(struct tui *t)
{
	tui_fill(t, 0, 0, t->cols, ROLE_TITLE);
	size_t qs[1], defaults;
	bool provisional = tui_defaults_that_matter(t, qs, 1, &defaults) > 0;
	if (t->ev_ok)
		tui_textf(t, 0, 1, t->cols - 2, ROLE_TITLE, "archwise %s Result%s: %s%s%s%s",
			  t->g->mid_dot, provisional ? " (provisional)" : "",
			  tui_arch_name(t, t->ev.recommendation),
			  /* "· close call", not "(Knative) (close call)" */
			  t->ev.close ? " " : "", t->ev.close ? t->g->mid_dot : "",
			  t->ev.close ? " close call" : "");
	else
		tui_textf(t, 0, 1, t->cols - 2, ROLE_TITLE, "archwise %s Result (evaluating%s)",
			  t->g->mid_dot, t->g->ellipsis);
	int x = 1;
	int cur = t->screen - SCR_TAB_REC;
	/* Full labels one column apart where they fit (100 columns), touching
	 * where that fits (80: each label has a space either side), short
	 * labels below that. */
	int full = 0;
	for (int i = 0; i < TUI_TAB_COUNT; i++)
		full += (int)strlen(tab_names[i]) + 4;
	int gap = 1 + full + TUI_TAB_COUNT <= t->cols ? 1 : 0;
	bool narrow = 1 + full > t->cols;
	for (int i = 0; i < TUI_TAB_COUNT; i++) {
		char label[32];
		const char *name = tab_names[i];
		if (narrow && strlen(name) > 6 && i != cur)
			snprintf(label, sizeof label, " %d %.5s ", i + 1, name);
		else
			snprintf(label, sizeof label, " %d %s ", i + 1, name);
		int w = tui_text(t, 1, x, t->cols - x, label, i == cur ? ROLE_TAB_CUR : ROLE_TAB);
		tui_hit(t, 1, x, x + w, HIT_TAB, i);
		x += w + gap;
		if (x >= t->cols)
			break;
	}
	tui_hline(t, 2, 0, t->cols);
}
