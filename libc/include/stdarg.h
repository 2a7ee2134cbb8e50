/* libc/include/stdarg.h - variable argument lists, on the compiler's builtins
 * (how arguments sit on the stack is the compiler's business, not ours). */
#ifndef LIBC_INCLUDE_STDARG_H
#define LIBC_INCLUDE_STDARG_H

typedef __builtin_va_list va_list;

#define va_start(list, last_named) __builtin_va_start(list, last_named)
#define va_arg(list, type)         __builtin_va_arg(list, type)
#define va_copy(destination, source) __builtin_va_copy(destination, source)
#define va_end(list)               __builtin_va_end(list)

#endif
