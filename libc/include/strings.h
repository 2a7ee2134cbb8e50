/* libc/include/strings.h - case-insensitive comparison, where BSD put it. */
#ifndef LIBC_INCLUDE_STRINGS_H
#define LIBC_INCLUDE_STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);

#endif
