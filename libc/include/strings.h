/* libc/include/strings.h - case-insensitive comparison and the old BSD
 * byte functions, where BSD put them (libc/string/case.c, bsd.c). */
#ifndef LIBC_INCLUDE_STRINGS_H
#define LIBC_INCLUDE_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
void bzero(void *s, size_t n);
void bcopy(const void *source, void *destination, size_t n);
int bcmp(const void *a, const void *b, size_t n);
char *index(const char *s, int c);
char *rindex(const char *s, int c);
int ffs(int bits);

#endif
