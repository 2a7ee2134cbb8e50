/* libc/stdlib/strtol.c - integers from text: strtol, strtoul, strtoll,
 * strtoull, atoi, atol and atoll. All share one reader that accepts leading
 * whitespace, a sign, and digits in the base (2-36; 0 reads C's prefixes:
 * 0x hex, 0 octal, else decimal; 16 allows a 0x prefix too). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* The value of digit `c` in bases up to 36, or 36 if it is no digit. */
static unsigned digit_value(char c)
{
    if (c >= '0' && c <= '9') return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'z') return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z') return (unsigned)(c - 'A' + 10);
    return 36;
}

/* Reads a number from `text`; returns its magnitude (ULLONG_MAX when it is
 * larger, with *overflow set), stores whether a '-' came first, and sets
 * *end just past the last digit, or to `text` if there were no digits. */
static unsigned long long read_magnitude(const char *text, char **end, int base,
                                         int *negative, int *overflow)
{
    const char *s = text;
    *negative = 0;
    *overflow = 0;
    if (end)
        *end = (char *)text;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        return 0;
    }
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '+' || *s == '-')
        *negative = *s++ == '-';
    if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
        digit_value(s[2]) < 16) {
        s += 2;
        base = 16;
    } else if (base == 0) {
        base = s[0] == '0' ? 8 : 10;
    }
    const char *digits = s;
    unsigned long long value = 0;
    unsigned long long limit = ULLONG_MAX / (unsigned)base;
    for (; digit_value(*s) < (unsigned)base; s++) {
        unsigned digit = digit_value(*s);
        if (value > limit || value * (unsigned)base > ULLONG_MAX - digit)
            *overflow = 1;
        else
            value = value * (unsigned)base + digit;
    }
    if (s == digits)
        return 0;
    if (end)
        *end = (char *)s;
    return *overflow ? ULLONG_MAX : value;
}

/* Reads a signed number within [min, max]; out of range gives the nearer
 * limit and ERANGE. */
static long long read_signed(const char *text, char **end, int base,
                             long long min, long long max)
{
    int negative, overflow;
    unsigned long long magnitude = read_magnitude(text, end, base, &negative, &overflow);
    unsigned long long limit = negative ? (unsigned long long)max + 1 : (unsigned long long)max;
    if (overflow || magnitude > limit) {
        errno = ERANGE;
        return negative ? min : max;
    }
    return negative ? (long long)(0 - magnitude) : (long long)magnitude;
}

/* Reads an unsigned number up to `max`; a '-' negates it modulo max+1, as C
 * says; out of range gives max and ERANGE. */
static unsigned long long read_unsigned(const char *text, char **end, int base,
                                        unsigned long long max)
{
    int negative, overflow;
    unsigned long long magnitude = read_magnitude(text, end, base, &negative, &overflow);
    if (overflow || magnitude > max) {
        errno = ERANGE;
        return max;
    }
    return negative ? (0 - magnitude) & max : magnitude;
}

/* The long at the start of `text`; LONG_MIN or LONG_MAX with ERANGE when out of range. */
long strtol(const char *text, char **end, int base)
{
    return (long)read_signed(text, end, base, LONG_MIN, LONG_MAX);
}

/* strtol for long long. */
long long strtoll(const char *text, char **end, int base)
{
    return read_signed(text, end, base, LLONG_MIN, LLONG_MAX);
}

/* The unsigned long at the start of `text`; ULONG_MAX with ERANGE when too big. */
unsigned long strtoul(const char *text, char **end, int base)
{
    return (unsigned long)read_unsigned(text, end, base, ULONG_MAX);
}

/* strtoul for unsigned long long. */
unsigned long long strtoull(const char *text, char **end, int base)
{
    return read_unsigned(text, end, base, ULLONG_MAX);
}

/* The decimal number at the start of `text`, 0 if there is none. */
int atoi(const char *text)
{
    return (int)strtol(text, NULL, 10);
}

/* The decimal number at the start of `text`, 0 if there is none. */
long atol(const char *text)
{
    return strtol(text, NULL, 10);
}

/* atol for long long. */
long long atoll(const char *text)
{
    return strtoll(text, NULL, 10);
}
