/* file.h: reading a whole text file with the limits every loader shares
 * (the bottom of the data flow: nothing here knows what the text means). */
#ifndef ARCHWISE_FILE_H
#define ARCHWISE_FILE_H

#include <stddef.h>
#include "diag.h"

/* The largest data or answers file read: 16 MiB. */
#define FILE_MAX_BYTES (16u * 1024u * 1024u)
/* Reads a whole regular file into a NUL-terminated buffer (caller frees),
 * refusing files above FILE_MAX_BYTES and files with NUL bytes. Returns NULL
 * with a diag on failure; *len (if not NULL) gets the length. */
char *file_read(const char *path, size_t *len, struct diag_list *diags);

#endif
