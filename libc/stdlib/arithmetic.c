/* libc/stdlib/arithmetic.c - abs, labs, llabs, div, ldiv and the pseudo-random
 * numbers of rand. */
#include <stdlib.h>

/* The magnitude of `n` (undefined for INT_MIN, as in standard C). */
int abs(int n)
{
    return n < 0 ? -n : n;
}

/* The magnitude of `n`. */
long labs(long n)
{
    return n < 0 ? -n : n;
}

/* The magnitude of `n`. */
long long llabs(long long n)
{
    return n < 0 ? -n : n;
}

/* The quotient (rounded toward zero) and remainder in one call. */
div_t div(int numerator, int denominator)
{
    div_t result = { numerator / denominator, numerator % denominator };
    return result;
}

/* div for longs. */
ldiv_t ldiv(long numerator, long denominator)
{
    ldiv_t result = { numerator / denominator, numerator % denominator };
    return result;
}

static unsigned long random_state = 1;   /* as if srand(1) had been called */

/* Returns the next number in [0, RAND_MAX] of the sequence the C standard
 * gives as its example, so a seed gives the same numbers everywhere. */
int rand(void)
{
    random_state = random_state * 1103515245 + 12345;
    return (int)((random_state / 65536) % (RAND_MAX + 1u));
}

/* Starts the sequence of rand over from `seed`. */
void srand(unsigned int seed)
{
    random_state = seed;
}
