/* libc_string_param_and_libgen_functions_act_as_glibcs: the <string.h>
 * and <strings.h> functions book programs use beyond ISO C (memrchr,
 * strchrnul, strcasestr, strsep with empty fields, stpcpy, stpncpy,
 * mempcpy, strnlen, strndup, GNU strerror_r, strcoll/strxfrm in the C
 * locale, bzero, bcopy over an overlap, bcmp, index, rindex, ffs), the
 * macros of <sys/param.h>, and POSIX basename/dirname on the awkward
 * paths (trailing and doubled slashes, "/", "", NULL). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1      /* GNU strerror_r, memrchr, ... (tools/linux-check defines it too) */
#endif
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/param.h>

#include "boot_test.h"

#pragma GCC diagnostic ignored "-Wstringop-truncation"   /* stpncpy's truncation is what is tested */

#define CHECK_TEXT(expected, actual, what)                                                  \
    do {                                                                                    \
        const char *actual_ = (actual);                                                     \
        CHECK(actual_ && strcmp((expected), actual_) == 0, "%s: expected \"%s\", got \"%s\"", \
              what, (expected), actual_ ? actual_ : "NULL");                                \
    } while (0)

static void check_searching(void)
{
    const char *text = "a/b/c";
    CHECK(memrchr(text, '/', 5) == text + 3, "memrchr finds the last '/'");
    CHECK(memrchr(text, 'a', 5) == text, "memrchr at the first byte");
    CHECK(memrchr(text, 'z', 5) == NULL, "memrchr without a match");
    CHECK(memrchr(text, 'a', 0) == NULL, "memrchr of 0 bytes");
    CHECK(strchrnul(text, 'b') == text + 2, "strchrnul finds");
    CHECK(strchrnul(text, 'z') == text + 5, "strchrnul gives the end without a match");
    CHECK(strcasestr("Hello World", "WORLD") == strstr("Hello World", "World"), "strcasestr");
    CHECK(strcasestr("abc", "") != NULL && strcasestr("abc", "") == strstr("abc", ""), "strcasestr of \"\"");
    CHECK(strcasestr("abc", "abcd") == NULL, "strcasestr of a longer needle");
}

static void check_splitting_and_copying(void)
{
    char line[] = "root::0:/bin/sh", *rest = line;
    static const char *expected[] = { "root", "", "0", "/bin/sh" };
    for (int i = 0; i < 4; i++)
        CHECK_TEXT(expected[i], strsep(&rest, ":"), "strsep field");
    CHECK(rest == NULL, "rest is NULL after the last field");
    CHECK(strsep(&rest, ":") == NULL, "and strsep then gives NULL");
    char two[] = "a b,c", *p = two;
    strsep(&p, " ,");
    CHECK_TEXT("b,c", p, "strsep stops at any of the delimiters");

    char built[32];
    char *end = stpcpy(built, "one");
    end = stpcpy(end, "+two");
    CHECK_TEXT("one+two", built, "stpcpy chains");
    CHECK(end == built + 7, "stpcpy returns the NUL");
    char padded[8];
    memset(padded, 'x', sizeof padded);
    CHECK(stpncpy(padded, "ab", 6) == padded + 2, "stpncpy returns the first NUL");
    CHECK(padded[2] == 0 && padded[5] == 0 && padded[6] == 'x', "stpncpy fills n bytes and no more");
    CHECK(stpncpy(padded, "abcdefgh", 4) == padded + 4, "stpncpy of a long source returns dest + n");
    CHECK((char *)mempcpy(built, "xyz", 3) == built + 3, "mempcpy returns the end");
    CHECK_EQ(3, strnlen("abc", 10), "strnlen short");
    CHECK_EQ(2, strnlen("abc", 2), "strnlen capped");
    char *copy = strndup("abcdef", 3);
    CHECK_TEXT("abc", copy, "strndup");
    free(copy);
    CHECK(strcoll("a", "b") < 0 && strcoll("b", "a") > 0 && strcoll("x", "x") == 0, "strcoll is strcmp in C");
    char transformed[8];
    CHECK_EQ(5, strxfrm(transformed, "hello", sizeof transformed), "strxfrm length");
    CHECK_TEXT("hello", transformed, "strxfrm in the C locale");
    CHECK_EQ(5, strxfrm(NULL, "hello", 0), "strxfrm with size 0 only measures");

    char buffer[16];
    char *message = strerror_r(ENOENT, buffer, sizeof buffer);
    CHECK_TEXT("No such file or directory", message, "GNU strerror_r of a known number");
    message = strerror_r(99999, buffer, sizeof buffer);
    CHECK(message == buffer && strncmp(buffer, "Unknown error", 13) == 0, "GNU strerror_r of an unknown one");
}

static void check_bsd(void)
{
    char bytes[8] = "abcdefg";
    bzero(bytes + 2, 3);
    CHECK(bytes[1] == 'b' && bytes[2] == 0 && bytes[4] == 0 && bytes[5] == 'f', "bzero");
    char overlap[] = "123456";
    bcopy(overlap, overlap + 2, 4);
    CHECK_TEXT("121234", overlap, "bcopy over an overlap");
    CHECK(bcmp("abc", "abc", 3) == 0 && bcmp("abc", "abd", 3) != 0, "bcmp");
    CHECK(index("a.b.c", '.') == strchr("a.b.c", '.') && rindex("a.b.c", '.') == strrchr("a.b.c", '.'),
          "index and rindex");
    CHECK(ffs(0) == 0 && ffs(1) == 1 && ffs(0x50) == 5 && ffs((int)0x80000000u) == 32, "ffs");
}

static void check_param(void)
{
    CHECK(MIN(3, 7) == 3 && MAX(3, 7) == 7 && MIN(-1, 1) == -1, "MIN and MAX");
    CHECK_EQ(PATH_MAX, MAXPATHLEN, "MAXPATHLEN is PATH_MAX");
    CHECK_EQ(8, NBBY, "NBBY");
    CHECK(howmany(10, 4) == 3 && howmany(8, 4) == 2 && howmany(0, 4) == 0, "howmany");
    CHECK(roundup(10, 4) == 12 && roundup(12, 4) == 12 && roundup(7, 3) == 9, "roundup");
    CHECK(powerof2(64) && !powerof2(48) && powerof2(1), "powerof2");
    unsigned char map[4] = { 0 };
    setbit(map, 9);
    CHECK(isset(map, 9) && map[1] == 2 && isclr(map, 8), "setbit and isset");
    clrbit(map, 9);
    CHECK(isclr(map, 9), "clrbit");
}

static void check_libgen(void)
{
    static const struct { const char *path, *directory, *base; } cases[] = {
        { "/usr/lib", "/usr", "lib" }, { "/usr/", "/", "usr" }, { "usr", ".", "usr" },
        { "/", "/", "/" }, { "//", "//", "/" }, { "///", "/", "/" }, { "", ".", "." },
        { "a//b//", "a", "b" }, { "///a", "/", "a" }, { "//a", "//", "a" }, { "..", ".", ".." },
        { "a/.", "a", "." }, { "//x//y//", "//x", "y" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char for_dirname[32], for_basename[32];
        strcpy(for_dirname, cases[i].path);
        strcpy(for_basename, cases[i].path);
        char *directory = dirname(for_dirname), *base = basename(for_basename);
        CHECK(strcmp(directory, cases[i].directory) == 0 && strcmp(base, cases[i].base) == 0,
              "\"%s\": expected dirname \"%s\" basename \"%s\", got \"%s\" \"%s\"", cases[i].path,
              cases[i].directory, cases[i].base, directory, base);
    }
    CHECK_TEXT(".", dirname(NULL), "dirname(NULL)");
    CHECK_TEXT(".", basename(NULL), "basename(NULL)");
}

int main(void)
{
    check_searching();
    check_splitting_and_copying();
    check_bsd();
    check_param();
    check_libgen();
    return test_finish("libc_string_param_and_libgen_functions_act_as_glibcs");
}
