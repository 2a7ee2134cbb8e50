/* kernel/cmdline.c - splitting the command line. Pure code (tests/unit). */
#include "cmdline.h"

#include "lib/string.h"

struct cmdline kernel_cmdline;

/* Copies the next word of `*line` into `*out` (NUL-terminated, quotes
 * removed) and advances both; returns 0 when no word is left. */
static int next_word(const char **line, char **out, char *out_end)
{
    const char *p = *line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!*p)
        return 0;
    char *o = *out;
    int quoted = 0;
    for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++) {
        if (*p == '"') {
            quoted = !quoted;
            continue;
        }
        if (o < out_end - 1)
            *o++ = *p;
    }
    *o++ = 0;
    *line = p;
    *out = o;
    return 1;
}

void cmdline_parse(const char *line, struct cmdline *out)
{
    memset(out, 0, sizeof *out);
    char *cursor = out->storage;
    char *end = out->storage + CMDLINE_MAX;
    int after_separator = 0;
    int first = 1;
    while (cursor < end - 1) {
        char *word = cursor;
        if (!next_word(&line, &cursor, end))
            break;
        if (first) {                    /* the kernel's file name */
            first = 0;
            continue;
        }
        if (after_separator) {
            if (out->init_argument_count < CMDLINE_MAX_WORDS)
                out->init_arguments[out->init_argument_count++] = word;
            continue;
        }
        if (!strcmp(word, "--")) {
            after_separator = 1;
            continue;
        }
        if (out->option_count == CMDLINE_MAX_WORDS)
            continue;
        char *equals = strchr(word, '=');
        if (equals)
            *equals = 0;
        out->names[out->option_count] = word;
        out->values[out->option_count] = equals ? equals + 1 : 0;
        out->option_count++;
    }
    out->init_arguments[out->init_argument_count] = 0;
}

const char *cmdline_option(const struct cmdline *line, const char *name)
{
    for (int i = line->option_count - 1; i >= 0; i--)   /* the last one wins */
        if (!strcmp(line->names[i], name))
            return line->values[i] ? line->values[i] : "";
    return 0;
}
