/* libc/locale/locale.c - setlocale and localeconv of a C library with one
 * locale, the C locale (POSIX, XBD 7.2: it must exist, and "POSIX" names
 * it too). A program that asks for it gets "C"; one that asks for another
 * gets NULL, as glibc answers for a locale that is not installed, and
 * goes on in the C locale. "" means the environment's choice (LC_ALL,
 * then the category's own variable, then LANG), which is the C locale
 * when none is set. */
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

static char c_name[] = "C";

static const char *const category_variables[] = {
    [LC_CTYPE] = "LC_CTYPE",     [LC_NUMERIC] = "LC_NUMERIC",   [LC_TIME] = "LC_TIME",
    [LC_COLLATE] = "LC_COLLATE", [LC_MONETARY] = "LC_MONETARY", [LC_MESSAGES] = "LC_MESSAGES",
};

static int names_c_locale(const char *name)
{
    return !strcmp(name, "C") || !strcmp(name, "POSIX");
}

/* The name the environment gives `category` ("" for LC_ALL: every
 * category's must name the C locale), as POSIX orders the variables. */
static int environment_names_c_locale(int category)
{
    const char *all = getenv("LC_ALL");
    if (all && *all)
        return names_c_locale(all);
    const char *lang = getenv("LANG");
    for (int each = 0; each < LC_ALL; each++) {
        if (category != LC_ALL && each != category)
            continue;
        const char *own = getenv(category_variables[each]);
        const char *name = own && *own ? own : lang && *lang ? lang : "C";
        if (!names_c_locale(name))
            return 0;
    }
    return 1;
}

char *setlocale(int category, const char *locale)
{
    if (category < 0 || category > LC_ALL)
        return NULL;
    if (!locale)
        return c_name;              /* the one in use: always the C locale */
    if (*locale ? names_c_locale(locale) : environment_names_c_locale(category))
        return c_name;
    return NULL;                    /* not here: the program stays in the C locale */
}

struct lconv *localeconv(void)
{
    static char empty[] = "", point[] = ".";
    static struct lconv c_conventions = {
        .decimal_point = point,      .thousands_sep = empty,     .grouping = empty,
        .int_curr_symbol = empty,    .currency_symbol = empty,   .mon_decimal_point = empty,
        .mon_thousands_sep = empty,  .mon_grouping = empty,      .positive_sign = empty,
        .negative_sign = empty,      .int_frac_digits = CHAR_MAX, .frac_digits = CHAR_MAX,
        .p_cs_precedes = CHAR_MAX,   .p_sep_by_space = CHAR_MAX, .n_cs_precedes = CHAR_MAX,
        .n_sep_by_space = CHAR_MAX,  .p_sign_posn = CHAR_MAX,    .n_sign_posn = CHAR_MAX,
        .int_p_cs_precedes = CHAR_MAX, .int_p_sep_by_space = CHAR_MAX, .int_n_cs_precedes = CHAR_MAX,
        .int_n_sep_by_space = CHAR_MAX, .int_p_sign_posn = CHAR_MAX, .int_n_sign_posn = CHAR_MAX,
    };
    return &c_conventions;
}
