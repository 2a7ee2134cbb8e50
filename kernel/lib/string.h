/* kernel/lib/string.h - the C string functions the kernel uses. The same
 * code (kernel/lib/string.c and arch/x86/memory.asm) is compiled into the
 * libc, whose <string.h> declares these names too. */
#ifndef KERNEL_LIB_STRING_H
#define KERNEL_LIB_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);   /* arch/x86/memory.asm */
void *memmove(void *dst, const void *src, size_t n);  /* arch/x86/memory.asm */
void *memset(void *dst, int c, size_t n);             /* arch/x86/memory.asm */
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
size_t strlcpy(char *dst, const char *src, size_t size);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

#endif
