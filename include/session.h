/* session.h: the wizard's autosave (docs/wizard.md): answers written atomically
 * to $XDG_STATE_HOME/archwise/session.yaml (default ~/.local/state/...). */
#ifndef ARCHWISE_SESSION_H
#define ARCHWISE_SESSION_H

#include "model.h"

/* Path of the session file (caller frees), or NULL when neither
 * XDG_STATE_HOME nor HOME is set. */
char *session_path(void);
/* Saves the answers there, creating the folders; 0 or -1 with *err. */
int session_save(const struct model *m, const struct answers *a, char **err);

#endif
