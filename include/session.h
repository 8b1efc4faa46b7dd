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
/* Before the session at path is read: -1 with *err (caller frees) when it
 * is a symbolic link or not a regular file (or cannot be inspected), else 0. */
int session_check(const char *path, char **err);
/* A warning (caller frees) when the folder of the session at path is
 * writable by everyone, else NULL. */
char *session_folder_warning(const char *path);

/* Backups kept by session_rotate: session.yaml.1 (newest) to .N. */
#define SESSION_BACKUPS 5
/* "PATH.n" (caller frees). */
char *session_backup_path(const char *path, unsigned n);
/* Moves the saved session aside before a fresh start: PATH.1 becomes
 * PATH.2 and so on (the oldest of SESSION_BACKUPS dropped), PATH becomes
 * PATH.1. Returns PATH.1 (caller frees); NULL when there was no session
 * (*err NULL) or a rename failed (*err set, caller frees). */
char *session_rotate(char **err);

#endif
