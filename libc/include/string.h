/* libc/include/string.h - memory and string functions. The first group is
 * the kernel's own code (kernel/lib/string.c, arch/x86/memory.asm), compiled
 * into the libc too; the rest lives in libc/string/. */
#ifndef LIBC_INCLUDE_STRING_H
#define LIBC_INCLUDE_STRING_H

#include <stddef.h>

/* shared with the kernel */
void *memcpy(void *destination, const void *source, size_t n);
void *memmove(void *destination, const void *source, size_t n);
void *memset(void *destination, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *destination, const char *source);
char *strncpy(char *destination, const char *source, size_t n);
size_t strlcpy(char *destination, const char *source, size_t size);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcat(char *destination, const char *source);
char *strncat(char *destination, const char *source, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

/* the libc's own */
void *memchr(const void *s, int c, size_t n);
char *strdup(const char *s);
char *strndup(const char *s, size_t max);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *s, const char *delimiters);
char *strtok_r(char *s, const char *delimiters, char **saved);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strerror(int error);
char *strsignal(int signal);

/* ---- more of POSIX 2008 and the GNU extensions programs use
 * (libc/string/search.c, token.c, case.c, stpcpy.c, collate.c, error.c) */
void *memrchr(const void *s, int c, size_t n);
char *strchrnul(const char *s, int c);
char *strcasestr(const char *haystack, const char *needle);
char *strsep(char **string, const char *delimiters);
char *stpcpy(char *destination, const char *source);
char *stpncpy(char *destination, const char *source, size_t n);
void *mempcpy(void *destination, const void *source, size_t n);
int strcoll(const char *a, const char *b);
size_t strxfrm(char *destination, const char *source, size_t size);
#ifdef _GNU_SOURCE
/* GNU's strerror_r returns the message (glibc gives it under _GNU_SOURCE) */
char *strerror_r(int error, char *buffer, size_t size) __asm__("__gnu_strerror_r");
#else
int strerror_r(int error, char *buffer, size_t size);   /* POSIX's: 0 or an error number */
#endif

#endif
