/* libc/stdlib/strtod.c - floating-point numbers from text: strtod and atof.
 * Accepts leading whitespace, a sign, decimal digits with an optional point
 * and exponent ("1.5e-3"), and "inf", "infinity" and "nan" in any case.
 * Up to 19 significant digits are kept exactly and scaled by a power of ten
 * built from the powers 1e1, 1e2, 1e4, ... 1e256, in the x87's extended
 * precision: the result is the closest double or its neighbour. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <stdlib.h>
#include <strings.h>

#define SIGNIFICANT_DIGITS 19   /* as many decimal digits as a uint64 always holds */
#define EXPONENT_LIMIT     9999 /* beyond this the result is 0 or infinite anyway */

/* 10 to the power `exponent` (>= 0), from the powers 10^(2^i); infinite
 * past 10^511, where any double would be too. */
static long double power_of_ten(int exponent)
{
    static const long double squares[] = {
        1e1L, 1e2L, 1e4L, 1e8L, 1e16L, 1e32L, 1e64L, 1e128L, 1e256L,
    };
    long double result = 1.0L;
    for (int i = 0; exponent > 0 && i < 9; i++, exponent >>= 1)
        if (exponent & 1)
            result *= squares[i];
    return exponent > 0 ? __builtin_infl() : result;
}

/* mantissa * 10^exponent. The work is done in long double (the x87's 64-bit
 * precision holds 19 digits exactly, and its wider range cannot overflow on
 * the way), dividing for negative exponents: a division by an exact power
 * is more accurate than a multiplication by an inexact 1e-k. */
static long double scale(unsigned long long mantissa, int exponent)
{
    if (mantissa == 0)
        return 0.0L;            /* 0e999 is 0, not 0 times infinity */
    if (exponent >= 0)
        return (long double)mantissa * power_of_ten(exponent);
    return (long double)mantissa / power_of_ten(-exponent);
}

/* Reads "inf", "infinity" or "nan" at `s`; returns the characters used, 0 if none. */
static int read_special(const char *s, double *value)
{
    if (strncasecmp(s, "infinity", 8) == 0) { *value = __builtin_inf(); return 8; }
    if (strncasecmp(s, "inf", 3) == 0)      { *value = __builtin_inf(); return 3; }
    if (strncasecmp(s, "nan", 3) == 0)      { *value = __builtin_nan(""); return 3; }
    return 0;
}

/* Returns the number at the start of `text`, setting *end just past it (to
 * `text` if there is none). Too big: infinity and ERANGE; below DBL_MIN: the
 * nearest tiny number or 0, and ERANGE (as glibc does). */
double strtod(const char *text, char **end)
{
    const char *s = text;
    while (isspace((unsigned char)*s))
        s++;
    int negative = *s == '-';
    if (*s == '+' || *s == '-')
        s++;

    double special;
    int special_length = read_special(s, &special);
    if (special_length > 0) {
        if (end)
            *end = (char *)s + special_length;
        return negative ? -special : special;
    }

    unsigned long long mantissa = 0;
    int kept = 0, digits = 0, exponent = 0;
    for (; isdigit((unsigned char)*s); s++, digits++) {
        if (kept < SIGNIFICANT_DIGITS) {
            mantissa = mantissa * 10 + (unsigned)(*s - '0');
            kept += mantissa != 0;          /* leading zeros are not significant */
        } else {
            exponent++;                     /* a digit too many to keep: scale instead */
        }
    }
    if (*s == '.') {
        for (s++; isdigit((unsigned char)*s); s++, digits++) {
            if (kept < SIGNIFICANT_DIGITS) {
                mantissa = mantissa * 10 + (unsigned)(*s - '0');
                kept += mantissa != 0;
                exponent--;
            }
        }
    }
    if (digits == 0) {
        if (end)
            *end = (char *)text;
        return 0.0;
    }
    if (*s == 'e' || *s == 'E') {
        const char *e = s + 1;
        int exponent_negative = *e == '-';
        if (*e == '+' || *e == '-')
            e++;
        if (isdigit((unsigned char)*e)) {
            int written = 0;
            for (; isdigit((unsigned char)*e); e++)
                if (written < EXPONENT_LIMIT)
                    written = written * 10 + (*e - '0');
            exponent += exponent_negative ? -written : written;
            s = e;
        }
    }
    if (end)
        *end = (char *)s;

    /* volatile makes the compiler store the result as a double: the x87
     * computes with more range and precision, and 1e309 would still look
     * finite in one of its registers */
    volatile double value = (double)scale(mantissa, exponent);
    if (value > DBL_MAX || (value < DBL_MIN && mantissa != 0))
        errno = ERANGE;             /* too big, or too small to keep full precision */
    return negative ? -value : value;
}

/* strtod without the end pointer. */
double atof(const char *text)
{
    return strtod(text, NULL);
}
