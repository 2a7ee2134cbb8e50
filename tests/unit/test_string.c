/* tests/unit/test_string.c - the string functions (kernel/lib/string.c).
 *
 * Their names are the C library's, and this program is linked with the host's
 * C library. To be sure that the kernel's versions are the ones under test
 * (and not the host's, nor gcc's built-in replacements), string.c is included
 * below with every function renamed: strlen becomes kernel_strlen, and so on.
 * Calls inside string.c (strlcpy calls strlen, strstr calls strncmp) are
 * renamed with it. memcpy, memmove and memset are x86 assembly in the kernel;
 * here they are the host's. The unrenamed names below are the host's, used
 * as the reference where the rule is "as the C standard says". */
#include "unit.h"

#define memcmp  kernel_memcmp
#define strlen  kernel_strlen
#define strnlen kernel_strnlen
#define strcpy  kernel_strcpy
#define strncpy kernel_strncpy
#define strlcpy kernel_strlcpy
#define strcmp  kernel_strcmp
#define strncmp kernel_strncmp
#define strcat  kernel_strcat
#define strncat kernel_strncat
#define strchr  kernel_strchr
#define strrchr kernel_strrchr
#define strstr  kernel_strstr
#include "kernel/lib/string.c"
#undef memcmp
#undef strlen
#undef strnlen
#undef strcpy
#undef strncpy
#undef strlcpy
#undef strcmp
#undef strncmp
#undef strcat
#undef strncat
#undef strchr
#undef strrchr
#undef strstr

#define CANARY 0x5a

static int sign(int value)
{
    return (value > 0) - (value < 0);
}

/* The bytes buffer[from .. size-1] all still hold CANARY. */
static int untouched(const char *buffer, size_t from, size_t size)
{
    for (size_t i = from; i < size; i++)
        if ((unsigned char)buffer[i] != CANARY)
            return 0;
    return 1;
}

UNIT_TEST(memcmp_orders_by_unsigned_bytes_within_n)
{
    EXPECT_EQ_INT(0, kernel_memcmp("abc", "abc", 3));
    EXPECT_EQ_INT(0, kernel_memcmp("abX", "abY", 2));
    EXPECT_EQ_INT(0, kernel_memcmp("a", "b", 0));
    EXPECT_EQ_INT(-1, sign(kernel_memcmp("abX", "abY", 3)));
    EXPECT_EQ_INT(1, sign(kernel_memcmp("\x80", "\x01", 1)));     /* 0x80 > 0x01 */
    EXPECT_EQ_INT(0, kernel_memcmp("a\0b", "a\0b", 3));          /* NULs are bytes */
    EXPECT_EQ_INT(-1, sign(kernel_memcmp("a\0a", "a\0b", 3)));
}

UNIT_TEST(strlen_counts_up_to_the_terminator_and_strnlen_stops_at_max)
{
    EXPECT_EQ_INT(0, kernel_strlen(""));
    EXPECT_EQ_INT(5, kernel_strlen("hello"));
    EXPECT_EQ_INT(2, kernel_strlen("hi\0there"));
    EXPECT_EQ_INT(5, kernel_strnlen("hello", 10));
    EXPECT_EQ_INT(3, kernel_strnlen("hello", 3));
    EXPECT_EQ_INT(0, kernel_strnlen("hello", 0));
    char unterminated[4] = { 'a', 'b', 'c', 'd' };                /* strnlen must not read past max */
    EXPECT_EQ_INT(4, kernel_strnlen(unterminated, sizeof unterminated));
}

UNIT_TEST(strcpy_copies_the_terminator_and_returns_the_destination)
{
    char buffer[16];
    memset(buffer, CANARY, sizeof buffer);
    EXPECT(kernel_strcpy(buffer, "hello") == buffer, "expected strcpy to return its destination");
    EXPECT_EQ_STR("hello", buffer);
    EXPECT(untouched(buffer, 6, sizeof buffer), "expected nothing written after the terminator");
    kernel_strcpy(buffer, "");
    EXPECT_EQ_STR("", buffer);
}

UNIT_TEST(strncpy_pads_with_zeros_and_leaves_a_full_copy_unterminated)
{
    char buffer[8];
    memset(buffer, CANARY, sizeof buffer);
    EXPECT(kernel_strncpy(buffer, "ab", 6) == buffer, "expected strncpy to return its destination");
    EXPECT(!memcmp(buffer, "ab\0\0\0\0", 6), "expected \"ab\" and four NULs, got \"%.6s\"", buffer);
    EXPECT(untouched(buffer, 6, sizeof buffer), "expected nothing written after n bytes");

    memset(buffer, CANARY, sizeof buffer);
    kernel_strncpy(buffer, "abcdefgh", 4);
    EXPECT(!memcmp(buffer, "abcd", 4), "expected \"abcd\", got \"%.4s\"", buffer);
    EXPECT(untouched(buffer, 4, sizeof buffer), "expected no terminator when the source fills n");
}

UNIT_TEST(strlcpy_always_terminates_and_returns_the_source_length)
{
    char buffer[8];
    memset(buffer, CANARY, sizeof buffer);
    EXPECT_EQ_INT(5, kernel_strlcpy(buffer, "hello", sizeof buffer));
    EXPECT_EQ_STR("hello", buffer);

    memset(buffer, CANARY, sizeof buffer);
    EXPECT_EQ_INT(11, kernel_strlcpy(buffer, "hello world", 6));     /* truncated: result >= size */
    EXPECT_EQ_STR("hello", buffer);
    EXPECT(untouched(buffer, 6, sizeof buffer), "expected nothing written past size");

    memset(buffer, CANARY, sizeof buffer);
    EXPECT_EQ_INT(3, kernel_strlcpy(buffer, "abc", 0));
    EXPECT(untouched(buffer, 0, sizeof buffer), "expected size 0 to write nothing");

    EXPECT_EQ_INT(3, kernel_strlcpy(buffer, "abc", 1));
    EXPECT_EQ_STR("", buffer);
}

UNIT_TEST(strcmp_and_strncmp_order_like_the_c_library)
{
    static const char *words[] = { "", "a", "ab", "abc", "abd", "b", "B", "\x80", "\x7f", "ab\x80" };
    size_t count = sizeof words / sizeof words[0];
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < count; j++) {
            int expected = sign(strcmp(words[i], words[j]));
            int actual = sign(kernel_strcmp(words[i], words[j]));
            EXPECT(expected == actual, "strcmp(\"%s\", \"%s\"): expected sign %d, got %d",
                   words[i], words[j], expected, actual);
            for (size_t n = 0; n <= 4; n++) {
                expected = sign(strncmp(words[i], words[j], n));
                actual = sign(kernel_strncmp(words[i], words[j], n));
                EXPECT(expected == actual, "strncmp(\"%s\", \"%s\", %zu): expected sign %d, got %d",
                       words[i], words[j], n, expected, actual);
            }
        }
}

UNIT_TEST(strcat_and_strncat_append_and_terminate)
{
    char buffer[16];
    memset(buffer, CANARY, sizeof buffer);
    kernel_strcpy(buffer, "foo");
    EXPECT(kernel_strcat(buffer, "bar") == buffer, "expected strcat to return its destination");
    EXPECT_EQ_STR("foobar", buffer);
    EXPECT(untouched(buffer, 7, sizeof buffer), "expected strcat to write only \"bar\" and a NUL");

    EXPECT(kernel_strncat(buffer, "bazqux", 3) == buffer, "expected strncat to return its destination");
    EXPECT_EQ_STR("foobarbaz", buffer);                       /* n characters, then a NUL */
    EXPECT(untouched(buffer, 10, sizeof buffer), "expected strncat to write n characters and a NUL");
    kernel_strncat(buffer, "!", 10);
    EXPECT_EQ_STR("foobarbaz!", buffer);
    kernel_strncat(buffer, "ignored", 0);
    EXPECT_EQ_STR("foobarbaz!", buffer);
}

UNIT_TEST(strchr_finds_the_first_match_and_the_terminator)
{
    const char *s = "hello";
    EXPECT(kernel_strchr(s, 'l') == s + 2, "expected strchr(\"hello\", 'l') at offset 2");
    EXPECT(kernel_strchr(s, 'h') == s, "expected strchr(\"hello\", 'h') at offset 0");
    EXPECT(kernel_strchr(s, 'z') == NULL, "expected strchr(\"hello\", 'z') to be NULL");
    EXPECT(kernel_strchr(s, 0) == s + 5, "expected strchr(s, 0) to point at the terminator");
    const char *high = "a\xe9z";
    EXPECT(kernel_strchr(high, 0xe9) == high + 1, "expected strchr to match the int 0xe9 as a char");
}

UNIT_TEST(strrchr_finds_the_last_match_and_the_terminator)
{
    const char *s = "hello";
    EXPECT(kernel_strrchr(s, 'l') == s + 3, "expected strrchr(\"hello\", 'l') at offset 3");
    EXPECT(kernel_strrchr(s, 'o') == s + 4, "expected strrchr(\"hello\", 'o') at offset 4");
    EXPECT(kernel_strrchr(s, 'z') == NULL, "expected strrchr(\"hello\", 'z') to be NULL");
    EXPECT(kernel_strrchr(s, 0) == s + 5, "expected strrchr(s, 0) to point at the terminator");
    EXPECT(kernel_strrchr("", 'a') == NULL, "expected strrchr(\"\", 'a') to be NULL");
}

UNIT_TEST(strstr_finds_the_first_occurrence_and_an_empty_needle_at_the_start)
{
    static const char *haystacks[] = { "", "a", "abc", "abcabc", "aaab", "mississippi" };
    static const char *needles[] = { "", "a", "b", "c", "ab", "bc", "abc", "aab", "issip", "ssi", "x", "abcd" };
    for (size_t i = 0; i < sizeof haystacks / sizeof haystacks[0]; i++)
        for (size_t j = 0; j < sizeof needles / sizeof needles[0]; j++) {
            const char *h = haystacks[i];
            const char *expected = strstr(h, needles[j]);
            const char *actual = kernel_strstr(h, needles[j]);
            EXPECT(expected == actual, "strstr(\"%s\", \"%s\"): expected offset %td, got %td",
                   h, needles[j], expected ? expected - h : (ptrdiff_t)-1,
                   actual ? actual - h : (ptrdiff_t)-1);
        }
}
