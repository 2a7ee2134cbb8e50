/* libc/stdlib/inttypes.c - imaxabs, imaxdiv, strtoimax, strtoumax of
 * <inttypes.h>: intmax_t is long long here, so they are llabs, lldiv,
 * strtoll and strtoull under other names. */
#include <inttypes.h>
#include <stdlib.h>

intmax_t imaxabs(intmax_t value)
{
    return value < 0 ? -value : value;
}

imaxdiv_t imaxdiv(intmax_t numerator, intmax_t denominator)
{
    imaxdiv_t result = { numerator / denominator, numerator % denominator };
    return result;
}

intmax_t strtoimax(const char *text, char **end, int base)
{
    return strtoll(text, end, base);
}

uintmax_t strtoumax(const char *text, char **end, int base)
{
    return strtoull(text, end, base);
}
