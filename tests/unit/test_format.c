/* tests/unit/test_format.c - the printf engine (kernel/lib/format.c).
 *
 * The rule for every case: format() prints what the host's glibc snprintf
 * prints for the same format and arguments, and returns the same count.
 *
 * format.c is included rather than listed as a source so that it can be
 * compiled with FORMAT_WITH_FLOAT, as the libc compiles it; the integer code
 * is the same one the kernel runs.
 *
 * The kernel is 32-bit: its `l` and `z` mean 4 bytes. On this 64-bit host a
 * long or size_t argument fills a 64-bit slot whose low half is what the
 * engine reads, so the `l` and `z` cases use values that fit in 32 bits. */
#define FORMAT_WITH_FLOAT
#include "kernel/lib/format.c"

#include <limits.h>
#include <stdint.h>

#include "unit.h"

#define OUTPUT_MAX 512

struct capture {
    char text[OUTPUT_MAX];
    int length;
};

static void capture_emit(void *context, char c)
{
    struct capture *capture = context;
    if (capture->length < OUTPUT_MAX - 1)
        capture->text[capture->length] = c;
    capture->length++;
}

/* Copies `length` bytes of `text` into `out` as a C string, showing a NUL
 * character as \0 so that it can appear in a message. */
static const char *shown(const char *text, int length, char *out, size_t size)
{
    size_t n = 0;
    for (int i = 0; i < length && n + 3 < size; i++) {
        if (text[i] == 0) {
            out[n++] = '\\';
            out[n++] = '0';
        } else {
            out[n++] = text[i];
        }
    }
    out[n] = 0;
    return out;
}

__attribute__((format(printf, 3, 4)))
static void expect_like_libc(const char *file, int line, const char *fmt, ...)
{
    va_list args, copy;
    va_start(args, fmt);
    va_copy(copy, args);
    struct capture kernel = { .length = 0 };
    int kernel_count = format(capture_emit, &kernel, fmt, args);
    char libc[OUTPUT_MAX];
    int libc_count = vsnprintf(libc, sizeof libc, fmt, copy);
    va_end(copy);
    va_end(args);

    unit_reached(file, line);
    int same = kernel_count == libc_count && kernel.length == kernel_count &&
               libc_count < OUTPUT_MAX && memcmp(kernel.text, libc, (size_t)libc_count) == 0;
    if (!same) {
        char want[OUTPUT_MAX * 2], got[OUTPUT_MAX * 2];
        unit_fail(file, line, "format(\"%s\"): expected \"%s\" (glibc's, length %d), got \"%s\" (length %d)",
                  fmt, shown(libc, libc_count, want, sizeof want),
                  libc_count, shown(kernel.text, kernel.length, got, sizeof got), kernel_count);
    }
}

#define EXPECT_LIKE_LIBC(...) expect_like_libc(__FILE__, __LINE__, __VA_ARGS__)

UNIT_TEST(signed_decimal_prints_like_libc)
{
    EXPECT_LIKE_LIBC("%d", 0);
    EXPECT_LIKE_LIBC("%d", 42);
    EXPECT_LIKE_LIBC("%d", -42);
    EXPECT_LIKE_LIBC("%i", 123456789);
    EXPECT_LIKE_LIBC("%d", INT_MAX);
    EXPECT_LIKE_LIBC("%d", INT_MIN);
    EXPECT_LIKE_LIBC("[%d|%i]", -7, 7);
}

UNIT_TEST(unsigned_hex_and_octal_print_like_libc)
{
    EXPECT_LIKE_LIBC("%u %x %X %o", 0u, 0u, 0u, 0u);
    EXPECT_LIKE_LIBC("%u %x %X %o", 255u, 255u, 255u, 255u);
    EXPECT_LIKE_LIBC("%u %x %X %o", UINT_MAX, UINT_MAX, UINT_MAX, UINT_MAX);
    EXPECT_LIKE_LIBC("%x", 0xdeadbeefu);
    EXPECT_LIKE_LIBC("%X", 0xdeadbeefu);
}

UNIT_TEST(width_pads_with_spaces_or_zeros)
{
    EXPECT_LIKE_LIBC("[%5d]", 42);
    EXPECT_LIKE_LIBC("[%5d]", -42);
    EXPECT_LIKE_LIBC("[%-5d]", 42);
    EXPECT_LIKE_LIBC("[%05d]", 42);
    EXPECT_LIKE_LIBC("[%05d]", -42);
    EXPECT_LIKE_LIBC("[%08x]", 0xbeefu);
    EXPECT_LIKE_LIBC("[%2d]", 12345);
    EXPECT_LIKE_LIBC("[%5s]", "ab");
    EXPECT_LIKE_LIBC("[%-5s]", "ab");
    EXPECT_LIKE_LIBC("[%3c]", 'x');
    EXPECT_LIKE_LIBC("[%-3c]", 'x');
    EXPECT_LIKE_LIBC("[%300d]", 1);
}

/* gcc warns about flag combinations that C defines but that have no
 * effect; those are exactly the rules checked below. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"

UNIT_TEST(minus_flag_overrides_zero_flag)
{
    EXPECT_LIKE_LIBC("[%-05d]", 42);
    EXPECT_LIKE_LIBC("[%-05x]", 0xabu);
}

UNIT_TEST(plus_and_space_flags_sign_signed_conversions)
{
    EXPECT_LIKE_LIBC("%+d", 5);
    EXPECT_LIKE_LIBC("%+d", -5);
    EXPECT_LIKE_LIBC("%+d", 0);
    EXPECT_LIKE_LIBC("% d", 5);
    EXPECT_LIKE_LIBC("% d", -5);
    EXPECT_LIKE_LIBC("%+ d", 5);          /* '+' wins over ' ' */
    EXPECT_LIKE_LIBC("[%+5d]", 5);
    EXPECT_LIKE_LIBC("[%+05d]", 5);
    EXPECT_LIKE_LIBC("[% 05d]", 5);
}

/* C: "+" and " " apply to signed conversions only. */
UNIT_TEST(plus_and_space_flags_leave_unsigned_conversions_unsigned)
{
    EXPECT_LIKE_LIBC("%+u", 5u);
    EXPECT_LIKE_LIBC("% u", 5u);
    EXPECT_LIKE_LIBC("%+x", 0xffu);
    EXPECT_LIKE_LIBC("% X", 0xffu);
    EXPECT_LIKE_LIBC("%+o", 8u);
}

UNIT_TEST(alternate_form_prefixes_nonzero_hex_and_octal)
{
    EXPECT_LIKE_LIBC("%#x", 255u);
    EXPECT_LIKE_LIBC("%#X", 255u);
    EXPECT_LIKE_LIBC("%#x", 0u);
    EXPECT_LIKE_LIBC("%#o", 8u);
    EXPECT_LIKE_LIBC("%#o", 0u);
    EXPECT_LIKE_LIBC("[%#010x]", 255u);
    EXPECT_LIKE_LIBC("[%#10x]", 255u);
    EXPECT_LIKE_LIBC("[%-#10x]", 255u);
    EXPECT_LIKE_LIBC("[%#.4x]", 255u);
}

/* C: for o, '#' raises the precision only as far as needed for one leading
 * zero; a zero value with precision 0 still prints "0". */
UNIT_TEST(alternate_octal_adds_a_zero_only_when_the_digits_lack_one)
{
    EXPECT_LIKE_LIBC("%#.3o", 8u);
    EXPECT_LIKE_LIBC("[%#6.3o]", 8u);
    EXPECT_LIKE_LIBC("%#.0o", 0u);
}

UNIT_TEST(precision_sets_minimum_digits_and_cancels_zero_padding)
{
    EXPECT_LIKE_LIBC("%.5d", 42);
    EXPECT_LIKE_LIBC("%.5d", -42);
    EXPECT_LIKE_LIBC("[%08.3d]", 42);
    EXPECT_LIKE_LIBC("[%8.3x]", 0xau);
    EXPECT_LIKE_LIBC("[%-8.3d]", -7);
    EXPECT_LIKE_LIBC("%.1d", 12345);
}

UNIT_TEST(zero_with_precision_zero_prints_no_digits)
{
    EXPECT_LIKE_LIBC("[%.0d]", 0);
    EXPECT_LIKE_LIBC("[%5.0d]", 0);
    EXPECT_LIKE_LIBC("[%.0x]", 0u);
    EXPECT_LIKE_LIBC("[%#.0x]", 0u);
    EXPECT_LIKE_LIBC("[%+.0d]", 0);
    EXPECT_LIKE_LIBC("[%.d]", 0);
    EXPECT_LIKE_LIBC("[%.0d]", 1);
}

#pragma GCC diagnostic pop

UNIT_TEST(star_takes_width_and_precision_from_the_arguments)
{
    EXPECT_LIKE_LIBC("[%*d]", 6, 42);
    EXPECT_LIKE_LIBC("[%-*d]", 6, 42);
    EXPECT_LIKE_LIBC("[%*d]", -6, 42);        /* negative width: left-aligned */
    EXPECT_LIKE_LIBC("[%.*d]", 4, 42);
    EXPECT_LIKE_LIBC("[%.*d]", -1, 42);       /* negative precision: none */
    EXPECT_LIKE_LIBC("[%*.*d]", 8, 4, -42);
    EXPECT_LIKE_LIBC("[%.*s]", 3, "abcdef");
    EXPECT_LIKE_LIBC("[%*s]", 5, "ab");
}

UNIT_TEST(length_modifiers_narrow_and_widen_the_argument)
{
    EXPECT_LIKE_LIBC("%hhd", 200);
    EXPECT_LIKE_LIBC("%hhu", 300);
    EXPECT_LIKE_LIBC("%hhx", 0x1ff);
    EXPECT_LIKE_LIBC("%hd", 70000);
    EXPECT_LIKE_LIBC("%hu", 70000);
    EXPECT_LIKE_LIBC("%hx", 0x12345);
    EXPECT_LIKE_LIBC("%lld", LLONG_MIN);
    EXPECT_LIKE_LIBC("%lld", LLONG_MAX);
    EXPECT_LIKE_LIBC("%lli", -1LL);
    EXPECT_LIKE_LIBC("%llu", ULLONG_MAX);
    EXPECT_LIKE_LIBC("%llx", 0x123456789abcdefULL);
    EXPECT_LIKE_LIBC("%llo", ULLONG_MAX);
    EXPECT_LIKE_LIBC("[%25lld]", LLONG_MIN);
    EXPECT_LIKE_LIBC("%ld %lu %lx", -123456L, 4000000000UL, 0xcafeUL);
    EXPECT_LIKE_LIBC("%zu %zx", (size_t)4096, (size_t)0xffff);
    EXPECT_LIKE_LIBC("%lld %d", 1LL << 40, 7);    /* the next argument follows */
}

UNIT_TEST(strings_print_up_to_the_precision_and_null_as_null)
{
    EXPECT_LIKE_LIBC("%s", "hello");
    EXPECT_LIKE_LIBC("%s", "");
    EXPECT_LIKE_LIBC("%.2s", "hello");
    EXPECT_LIKE_LIBC("%.10s", "hello");
    EXPECT_LIKE_LIBC("[%8.3s]", "hello");
    const char *volatile nothing = NULL;  /* hidden from gcc's null check */
    EXPECT_LIKE_LIBC("%s", nothing);
    EXPECT_LIKE_LIBC("[%10s]", nothing);
}

UNIT_TEST(characters_and_percent_print_like_libc)
{
    EXPECT_LIKE_LIBC("%c", 'A');
    EXPECT_LIKE_LIBC("a%cb", 0);              /* a NUL character counts */
    EXPECT_LIKE_LIBC("%%");
    EXPECT_LIKE_LIBC("100%% sure %d%%", 5);
    EXPECT_LIKE_LIBC("no conversions at all");
}

UNIT_TEST(pointers_print_as_0x_and_lowercase_hex)
{
    EXPECT_LIKE_LIBC("%p", (void *)0x1234);
    EXPECT_LIKE_LIBC("%p", (void *)(uintptr_t)0xdeadbeef);
    int local;
    EXPECT_LIKE_LIBC("%p", (void *)&local);
    EXPECT_LIKE_LIBC("[%20p]", (void *)0xabc);
}

__attribute__((format(printf, 2, 3)))
static int format_into(struct capture *capture, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int count = format(capture_emit, capture, fmt, args);
    va_end(args);
    capture->text[capture->length < OUTPUT_MAX ? capture->length : OUTPUT_MAX - 1] = 0;
    return count;
}

UNIT_TEST(count_returned_is_the_number_of_characters_emitted)
{
    struct capture capture = { .length = 0 };
    int count = format_into(&capture, "%s=%5d", "answer", 42);
    EXPECT_EQ_INT(12, count);
    EXPECT_EQ_INT(12, capture.length);
    EXPECT_EQ_STR("answer=   42", capture.text);
}

/* Floating point, for the libc only: ordinary values, where a double's 15
 * significant digits are all the output needs. */
static const double ordinary_values[] = { 1.5, 0.1, 123.456, 1e-5, 1e10, -2.5, 0.0 };

static void expect_each_value_like_libc(const char *file, int line, const char *fmt)
{
    for (size_t i = 0; i < sizeof ordinary_values / sizeof ordinary_values[0]; i++)
        expect_like_libc(file, line, fmt, ordinary_values[i]);
}

UNIT_TEST(fixed_notation_prints_ordinary_values_like_libc)
{
    expect_each_value_like_libc(__FILE__, __LINE__, "%f");
    expect_each_value_like_libc(__FILE__, __LINE__, "%.2f");
    /* %.0f of 1.5 and -2.5 is an exact tie: glibc rounds it to even ("2",
     * "-2"), format() away from zero ("2", "-3"); only non-ties compared */
    EXPECT_LIKE_LIBC("%.0f %.0f %.0f %.0f", 0.1, 123.456, 1e10, 0.0);
    expect_each_value_like_libc(__FILE__, __LINE__, "[%12.3f]");
    expect_each_value_like_libc(__FILE__, __LINE__, "[%-12.1f]");
    expect_each_value_like_libc(__FILE__, __LINE__, "[%+.1f]");
    expect_each_value_like_libc(__FILE__, __LINE__, "[%010.2f]");
}

UNIT_TEST(exponent_notation_prints_ordinary_values_like_libc)
{
    expect_each_value_like_libc(__FILE__, __LINE__, "%e");
    expect_each_value_like_libc(__FILE__, __LINE__, "%.2e");
    expect_each_value_like_libc(__FILE__, __LINE__, "%E");
}

UNIT_TEST(general_notation_prints_ordinary_values_like_libc)
{
    expect_each_value_like_libc(__FILE__, __LINE__, "%g");
    expect_each_value_like_libc(__FILE__, __LINE__, "%.3g");
    expect_each_value_like_libc(__FILE__, __LINE__, "%G");
}
