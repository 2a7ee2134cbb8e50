/* libc/include/stddef.h - size_t, ptrdiff_t, NULL and offsetof. The types are
 * the ones the compiler itself uses for sizeof and pointer differences. */
#ifndef LIBC_INCLUDE_STDDEF_H
#define LIBC_INCLUDE_STDDEF_H

typedef __SIZE_TYPE__    size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __WCHAR_TYPE__   wchar_t;

#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
