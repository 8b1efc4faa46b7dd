/* sha256.h: SHA-256 (FIPS 180-4), for the export manifest's checksums. */
#ifndef ARCHWISE_SHA256_H
#define ARCHWISE_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* A hash in progress: sha256_init, sha256_update any number of times,
 * sha256_final. Embedded, nothing to free. */
struct sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Writes the digest as 64 lower-case hex digits and a NUL into hex[65]. */
void sha256_final(struct sha256 *s, char hex[65]);
/* The hex digest of one buffer. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
