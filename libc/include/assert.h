/* libc/include/assert.h - assert(expression). Unlike the other headers this
 * one is not guarded as a whole: C lets a file include it again after
 * changing NDEBUG, and assert must follow the latest setting. */
#ifndef LIBC_INCLUDE_ASSERT_H
#define LIBC_INCLUDE_ASSERT_H
/* Prints "Assertion failed: EXPRESSION, file F, line L" to stderr and aborts. */
void __assert_fail(const char *expression, const char *file, int line)
    __attribute__((__noreturn__));
#endif

#undef assert
#ifdef NDEBUG
#define assert(expression) ((void)0)
#else
#define assert(expression) \
    ((expression) ? (void)0 : __assert_fail(#expression, __FILE__, __LINE__))
#endif
