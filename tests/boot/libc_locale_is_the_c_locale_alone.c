/* tests/boot/libc_locale_is_the_c_locale_alone.c - <locale.h>
 * (libc/locale/locale.c): the C library has the C locale, which POSIX
 * also calls "POSIX", and no other, as a glibc without locales installed:
 *  - setlocale(category, NULL) names the locale in use: "C";
 *  - "C" and "POSIX" are taken, for every category and LC_ALL;
 *  - another name is NULL, and the locale in use stays "C";
 *  - "" follows the environment: with nothing set, or LANG=C, the C
 *    locale; LC_ALL, then the category's variable, then LANG, naming
 *    another: NULL;
 *  - a category that does not exist is NULL;
 *  - localeconv gives the C locale's conventions: "." and no grouping,
 *    no currency;
 *  - nl_langinfo gives its names and formats, glibc's C locale's: the
 *    formats are strftime's %c, %x, %X and %r, and an item that does not
 *    exist is "".
 * Programs from the books call setlocale(LC_ALL, "") first; strftime's
 * tests in the POSIX suite set LC_TIME and read D_T_FMT. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "boot_test.h"

static const int categories[] = { LC_CTYPE, LC_NUMERIC, LC_TIME, LC_COLLATE, LC_MONETARY, LC_MESSAGES, LC_ALL };

static void clear_environment(void)
{
    static const char *const names[] = { "LC_ALL", "LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE",
                                         "LC_MONETARY", "LC_MESSAGES", "LANG" };
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        unsetenv(names[i]);
}

static int says_c(const char *name)
{
    return name && !strcmp(name, "C");
}

int main(void)
{
    clear_environment();
    for (unsigned i = 0; i < sizeof categories / sizeof categories[0]; i++) {
        int category = categories[i];
        CHECK(says_c(setlocale(category, NULL)), "category %d: the locale in use is C", category);
        CHECK(says_c(setlocale(category, "C")), "category %d: \"C\"", category);
        CHECK(says_c(setlocale(category, "POSIX")), "category %d: \"POSIX\" is the C locale", category);
        CHECK(says_c(setlocale(category, "")), "category %d: \"\" with nothing set", category);
        CHECK(setlocale(category, "xx_NOWHERE") == NULL, "category %d: a locale nobody has", category);
        CHECK(says_c(setlocale(category, NULL)), "category %d: still C after the refusal", category);
    }
    CHECK(setlocale(-1, "C") == NULL && setlocale(99, NULL) == NULL, "a category that does not exist");

    setenv("LANG", "C", 1);
    CHECK(says_c(setlocale(LC_ALL, "")), "\"\" with LANG=C");
    setenv("LANG", "xx_NOWHERE", 1);
    CHECK(setlocale(LC_ALL, "") == NULL, "\"\" with LANG naming a locale nobody has");
    setenv("LC_TIME", "POSIX", 1);
    CHECK(says_c(setlocale(LC_TIME, "")), "\"\" for LC_TIME: its own variable comes before LANG");
    setenv("LC_ALL", "xx_NOWHERE", 1);
    CHECK(setlocale(LC_TIME, "") == NULL, "\"\" for LC_TIME: LC_ALL comes first");
    clear_environment();

    struct lconv *conventions = localeconv();
    CHECK(conventions && !strcmp(conventions->decimal_point, ".") && !strcmp(conventions->thousands_sep, "") &&
              !strcmp(conventions->grouping, "") && !strcmp(conventions->currency_symbol, "") &&
              conventions->frac_digits == CHAR_MAX && conventions->int_frac_digits == CHAR_MAX,
          "localeconv: the C locale's conventions");

    CHECK(!strcmp(nl_langinfo(CODESET), "ANSI_X3.4-1968"), "CODESET: %s", nl_langinfo(CODESET));
    CHECK(!strcmp(nl_langinfo(DAY_1), "Sunday") && !strcmp(nl_langinfo(ABMON_12), "Dec") &&
              !strcmp(nl_langinfo(MON_5), "May") && !strcmp(nl_langinfo(ABDAY_7), "Sat"),
          "the names of days and months");
    CHECK(!strcmp(nl_langinfo(RADIXCHAR), ".") && !strcmp(nl_langinfo(THOUSEP), "") &&
              !strcmp(nl_langinfo(YESEXPR), "^[yY]") && !strcmp(nl_langinfo(AM_STR), "AM"),
          "the radix, the grouping, yes, AM");
    CHECK(!strcmp(nl_langinfo(-1), ""), "an item that does not exist");
    struct tm moment = { .tm_sec = 5, .tm_min = 4, .tm_hour = 15, .tm_mday = 9, .tm_mon = 1, .tm_year = 126,
                         .tm_wday = 1, .tm_yday = 39 };
    static const struct { nl_item item; const char *conversion; } formats[] = {
        { D_T_FMT, "%c" }, { D_FMT, "%x" }, { T_FMT, "%X" }, { T_FMT_AMPM, "%r" },
    };
    for (unsigned i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char by_item[64] = "", by_conversion[64] = "";
        strftime(by_item, sizeof by_item, nl_langinfo(formats[i].item), &moment);
        strftime(by_conversion, sizeof by_conversion, formats[i].conversion, &moment);
        CHECK(by_item[0] && !strcmp(by_item, by_conversion), "%s: \"%s\" by the item, \"%s\" by strftime",
              formats[i].conversion, by_item, by_conversion);
    }
    return test_finish("libc_locale_is_the_c_locale_alone");
}
