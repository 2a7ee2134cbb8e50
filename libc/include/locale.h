/* libc/include/locale.h - locales. This C library has one, the C locale
 * (POSIX's "POSIX" is its other name), which POSIX requires and allows to
 * be the only one: setlocale(3) answers "C" for it and NULL for any other
 * (libc/locale/locale.c). The categories are Linux's numbers. */
#ifndef LIBC_INCLUDE_LOCALE_H
#define LIBC_INCLUDE_LOCALE_H

#include <stddef.h>

#define LC_CTYPE    0
#define LC_NUMERIC  1
#define LC_TIME     2
#define LC_COLLATE  3
#define LC_MONETARY 4
#define LC_MESSAGES 5
#define LC_ALL      6

/* How numbers and money are written: the C locale's (localeconv). */
struct lconv {
    char *decimal_point;        /* "." */
    char *thousands_sep;        /* "": no grouping */
    char *grouping;
    char *int_curr_symbol;      /* the money fields: "" or CHAR_MAX, none given */
    char *currency_symbol;
    char *mon_decimal_point;
    char *mon_thousands_sep;
    char *mon_grouping;
    char *positive_sign;
    char *negative_sign;
    char int_frac_digits;
    char frac_digits;
    char p_cs_precedes;
    char p_sep_by_space;
    char n_cs_precedes;
    char n_sep_by_space;
    char p_sign_posn;
    char n_sign_posn;
    char int_p_cs_precedes;
    char int_p_sep_by_space;
    char int_n_cs_precedes;
    char int_n_sep_by_space;
    char int_p_sign_posn;
    char int_n_sign_posn;
};

char *setlocale(int category, const char *locale);
struct lconv *localeconv(void);

#endif
