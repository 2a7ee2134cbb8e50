/* tests/unit/test_cmdline.c - splitting the kernel command line
 * (kernel/cmdline.c) into options and init's arguments. */
// unit-sources: kernel/cmdline.c kernel/lib/string.c
#include "kernel/cmdline.h"

#include "unit.h"

static struct cmdline line;

/* Every word the parse produced lies wholly inside its storage. */
static void expect_words_inside_storage(const struct cmdline *parsed)
{
    const char *start = parsed->storage, *end = parsed->storage + CMDLINE_MAX;
    for (int i = 0; i < parsed->option_count; i++) {
        const char *word = parsed->names[i];
        REQUIRE(word >= start && word < end, "expected option %d inside the storage", i);
        EXPECT(memchr(word, 0, (size_t)(end - word)) != NULL, "expected option %d terminated in the storage", i);
    }
    for (int i = 0; i < parsed->init_argument_count; i++) {
        const char *word = parsed->init_arguments[i];
        REQUIRE(word >= start && word < end, "expected init argument %d inside the storage", i);
        EXPECT(memchr(word, 0, (size_t)(end - word)) != NULL, "expected init argument %d terminated", i);
    }
}

UNIT_TEST(first_word_is_the_kernel_file_name_and_not_an_option)
{
    cmdline_parse("/boot/kernel.elf quiet", &line);
    EXPECT_EQ_INT(1, line.option_count);
    EXPECT_EQ_STR("quiet", line.names[0]);
    EXPECT_EQ_STR(NULL, cmdline_option(&line, "/boot/kernel.elf"));
}

UNIT_TEST(bare_word_is_an_option_with_an_empty_value)
{
    cmdline_parse("kernel quiet trace", &line);
    EXPECT_EQ_INT(2, line.option_count);
    EXPECT_EQ_STR(NULL, line.values[0]);
    EXPECT_EQ_STR("", cmdline_option(&line, "quiet"));
    EXPECT_EQ_STR("", cmdline_option(&line, "trace"));
}

UNIT_TEST(name_equals_value_splits_at_the_first_equals_sign)
{
    cmdline_parse("kernel init=/bin/sh panic=poweroff expr=a=b empty=", &line);
    EXPECT_EQ_STR("/bin/sh", cmdline_option(&line, "init"));
    EXPECT_EQ_STR("poweroff", cmdline_option(&line, "panic"));
    EXPECT_EQ_STR("a=b", cmdline_option(&line, "expr"));
    EXPECT_EQ_STR("", cmdline_option(&line, "empty"));
    EXPECT_EQ_STR("init", line.names[0]);
}

UNIT_TEST(absent_option_is_null)
{
    cmdline_parse("kernel quiet init=/bin/sh", &line);
    EXPECT_EQ_STR(NULL, cmdline_option(&line, "ktest"));
    EXPECT_EQ_STR(NULL, cmdline_option(&line, "qui"));      /* no prefix matches */
    EXPECT_EQ_STR(NULL, cmdline_option(&line, "quiet2"));
    EXPECT_EQ_STR(NULL, cmdline_option(&line, "/bin/sh"));  /* values are not names */
}

UNIT_TEST(last_duplicate_option_wins)
{
    cmdline_parse("kernel init=/bin/first ktest init=/bin/last ktest=heap", &line);
    EXPECT_EQ_STR("/bin/last", cmdline_option(&line, "init"));
    EXPECT_EQ_STR("heap", cmdline_option(&line, "ktest"));
    cmdline_parse("kernel ktest=heap ktest", &line);
    EXPECT_EQ_STR("", cmdline_option(&line, "ktest"));
}

UNIT_TEST(words_after_double_dash_are_init_arguments)
{
    cmdline_parse("kernel quiet -- -x init=ignored --", &line);
    EXPECT_EQ_INT(1, line.option_count);
    EXPECT_EQ_INT(3, line.init_argument_count);
    EXPECT_EQ_STR("-x", line.init_arguments[0]);
    EXPECT_EQ_STR("init=ignored", line.init_arguments[1]);   /* not split, not an option */
    EXPECT_EQ_STR("--", line.init_arguments[2]);             /* a second -- is an argument */
    EXPECT_EQ_STR(NULL, line.init_arguments[3]);
    EXPECT_EQ_STR(NULL, cmdline_option(&line, "init"));
}

UNIT_TEST(no_double_dash_means_no_init_arguments)
{
    cmdline_parse("kernel quiet", &line);
    EXPECT_EQ_INT(0, line.init_argument_count);
    EXPECT_EQ_STR(NULL, line.init_arguments[0]);
    cmdline_parse("kernel quiet --", &line);
    EXPECT_EQ_INT(0, line.init_argument_count);
    EXPECT_EQ_STR(NULL, line.init_arguments[0]);
}

UNIT_TEST(double_quotes_keep_spaces_and_are_removed)
{
    cmdline_parse("kernel init=\"/bin/my shell\" \"odd name\"=1 -- \"hello  world\" x\"y z\"", &line);
    EXPECT_EQ_STR("/bin/my shell", cmdline_option(&line, "init"));
    EXPECT_EQ_STR("1", cmdline_option(&line, "odd name"));
    EXPECT_EQ_INT(2, line.init_argument_count);
    EXPECT_EQ_STR("hello  world", line.init_arguments[0]);
    EXPECT_EQ_STR("xy z", line.init_arguments[1]);
}

UNIT_TEST(spaces_and_tabs_separate_words)
{
    cmdline_parse("  kernel \t quiet\t\ttrace   init=/x  ", &line);
    EXPECT_EQ_INT(3, line.option_count);
    EXPECT_EQ_STR("quiet", line.names[0]);
    EXPECT_EQ_STR("trace", line.names[1]);
    EXPECT_EQ_STR("/x", cmdline_option(&line, "init"));
}

UNIT_TEST(empty_line_gives_no_options_and_no_arguments)
{
    static const char *empty_lines[] = { "", "   ", "\t", "kernel", "  kernel  " };
    for (size_t i = 0; i < sizeof empty_lines / sizeof empty_lines[0]; i++) {
        cmdline_parse(empty_lines[i], &line);
        EXPECT(line.option_count == 0 && line.init_argument_count == 0,
               "line \"%s\": expected no options and no arguments, got %d and %d",
               empty_lines[i], line.option_count, line.init_argument_count);
        EXPECT_EQ_STR(NULL, line.init_arguments[0]);
    }
}

UNIT_TEST(options_beyond_the_word_limit_are_dropped)
{
    char text[CMDLINE_MAX];
    int used = snprintf(text, sizeof text, "k");
    for (int i = 0; i < CMDLINE_MAX_WORDS + 10; i++)
        used += snprintf(text + used, sizeof text - (size_t)used, " o%d", i);
    REQUIRE(used < (int)sizeof text, "expected the test line to fit, it needs %d", used);
    cmdline_parse(text, &line);
    EXPECT_EQ_INT(CMDLINE_MAX_WORDS, line.option_count);
    EXPECT_EQ_STR("o0", line.names[0]);
    EXPECT_EQ_STR("o31", line.names[CMDLINE_MAX_WORDS - 1]);
    EXPECT_EQ_STR(NULL, cmdline_option(&line, "o32"));
    expect_words_inside_storage(&line);
}

UNIT_TEST(init_arguments_beyond_the_word_limit_are_dropped)
{
    char text[CMDLINE_MAX];
    int used = snprintf(text, sizeof text, "k --");
    for (int i = 0; i < CMDLINE_MAX_WORDS + 10; i++)
        used += snprintf(text + used, sizeof text - (size_t)used, " a%d", i);
    REQUIRE(used < (int)sizeof text, "expected the test line to fit, it needs %d", used);
    cmdline_parse(text, &line);
    EXPECT_EQ_INT(CMDLINE_MAX_WORDS, line.init_argument_count);
    EXPECT_EQ_STR("a31", line.init_arguments[CMDLINE_MAX_WORDS - 1]);
    EXPECT_EQ_STR(NULL, line.init_arguments[CMDLINE_MAX_WORDS]);
    expect_words_inside_storage(&line);
}

UNIT_TEST(line_longer_than_the_storage_stays_inside_it)
{
    static char text[4 * CMDLINE_MAX];
    memset(text, 'x', sizeof text - 1);                    /* one enormous word ... */
    memcpy(text, "kernel ", 7);
    for (size_t i = 600; i < sizeof text - 1; i += 100)   /* ... then words of 99 */
        text[i] = ' ';
    cmdline_parse(text, &line);
    expect_words_inside_storage(&line);
    EXPECT(line.option_count >= 1 && line.option_count <= CMDLINE_MAX_WORDS,
           "expected between 1 and %d options, got %d", CMDLINE_MAX_WORDS, line.option_count);
    EXPECT(line.init_arguments[line.init_argument_count] == NULL, "expected init's arguments NULL-terminated");

    text[7] = '"';                                        /* an unclosed quote runs to the end */
    cmdline_parse(text, &line);
    expect_words_inside_storage(&line);
}
