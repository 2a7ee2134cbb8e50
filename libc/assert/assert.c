/* libc/assert/assert.c - what a failed assert() does. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

/* Called by a failing assert(): reports the expression and where it is, then aborts. */
void __assert_fail(const char *expression, const char *file, int line)
{
    fprintf(stderr, "Assertion failed: %s, file %s, line %d\n", expression, file, line);
    abort();
}
