/* user/bin/man/format.c - man's formatter: troff source with the `man`
 * macros in, text for the terminal out (the subset is listed in main.c).
 * Text is filled to WIDTH and indented as `man` does on Linux: a section's
 * text 7 columns in, a tagged paragraph's body under its tag. Fonts are
 * kept in the line as the bytes 0x02-0x04 until it is printed; on a
 * terminal they become ANSI bold and underline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "man.h"

#define WIDTH           78        /* the VGA screen has 80 columns */
#define SECTION_INDENT  7         /* text under .SH */
#define SUBSECTION_INDENT 3       /* an .SS heading */
#define DEFAULT_TAG_WIDTH 7       /* .TP and .IP without a width */
#define MAX_INDENT_DEPTH 8        /* nested .RS */
#define LINE_MAX_BYTES  1024
#define NO_BREAK_SPACE  '\001'    /* "\ " in the source: a space that joins words */

enum font { ROMAN, BOLD, ITALIC };

static struct {
    char line[LINE_MAX_BYTES];    /* the output line being filled */
    int length;                   /* bytes in it, escapes included */
    int column;                   /* printed columns in it */
    int indent;                   /* where text starts now */
    int base_indent;              /* the paragraph's indent (.RS moves it) */
    int saved_indents[MAX_INDENT_DEPTH];
    int depth;
    int fill;                     /* 0 inside .nf */
    int tag_pending;              /* the next text line is a .TP tag */
    int tag_width;
    int terminal;                 /* print bold and underline */
    int after_heading;            /* nothing printed since .SH or .SS: no blank line */
    enum font font;
} out;

static void emit_font(enum font font)
{
    if (!out.terminal || out.length + 8 >= LINE_MAX_BYTES)
        return;
    const char *code = font == BOLD ? "\033[1m" : font == ITALIC ? "\033[4m" : "\033[0m";
    memcpy(out.line + out.length, code, strlen(code));
    out.length += (int)strlen(code);
}

/* Ends the output line (if anything is on it). */
static void flush_line(void)
{
    if (out.column == 0 && out.length == 0)
        return;
    if (out.font != ROMAN)
        emit_font(ROMAN);
    out.line[out.length] = 0;
    for (char *p = out.line; *p; p++)
        if (*p == NO_BREAK_SPACE)
            *p = ' ';
    puts(out.line);
    out.length = out.column = 0;
    if (out.font != ROMAN)
        emit_font(out.font);
}

static void blank_line(void)
{
    flush_line();
    putchar('\n');
}

static void pad_to(int column)
{
    while (out.column < column && out.length < LINE_MAX_BYTES - 1) {
        out.line[out.length++] = ' ';
        out.column++;
    }
}

/* Adds one word (already free of escapes but for font changes, which are
 * bytes 0x02 0x03 0x04 for bold, italic, roman) to the output line,
 * breaking the line first if the word does not fit. */
static void add_word(const char *word, int visible, int space_before)
{
    if (out.fill && out.column > out.indent && out.column + space_before + visible > WIDTH)
        flush_line();
    if (out.column < out.indent)
        pad_to(out.indent);
    else if (space_before)
        pad_to(out.column + 1);
    for (const char *p = word; *p && out.length < LINE_MAX_BYTES - 9; p++) {
        if (*p >= 2 && *p <= 4) {
            out.font = *p == 2 ? BOLD : *p == 3 ? ITALIC : ROMAN;
            emit_font(out.font);
        } else {
            out.line[out.length++] = *p;
            out.column++;
        }
    }
}

/* The character a \(xx escape names. */
static const char *special_character(const char *name)
{
    static const char *table[][2] = {
        { "em", "--" }, { "en", "-" }, { "bu", "*" }, { "aq", "'" }, { "dq", "\"" },
        { "lq", "\"" }, { "rq", "\"" }, { "co", "(c)" }, { "mi", "-" }, { "ga", "`" },
        { "ha", "^" }, { "ti", "~" }, { "rs", "\\" }, { "pl", "+" }, { "mu", "x" },
        { "<=", "<=" }, { ">=", ">=" }, { "->", "->" }, { "<-", "<-" },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strncmp(name, table[i][0], 2) == 0)
            return table[i][1];
    return "?";
}

/* Copies `text` into `result` with the escapes done: fonts become the
 * bytes 0x02-0x04, "\ " becomes NO_BREAK_SPACE. */
static void unescape(const char *text, char *result, size_t size)
{
    size_t n = 0;
    static enum font previous = ROMAN, current = ROMAN;
    for (const char *p = text; *p && n + 4 < size; p++) {
        if (*p != '\\') {
            result[n++] = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 0:
            p--;
            break;
        case 'f': {
            char which = *++p;
            if (which == '(') {              /* \f(CW and the like: roman */
                p += 2;
                which = 'R';
            }
            enum font next = which == 'B' ? BOLD : which == 'I' ? ITALIC : which == 'P' ? previous : ROMAN;
            previous = current;
            current = next;
            result[n++] = (char)(next == BOLD ? 2 : next == ITALIC ? 3 : 4);
            break;
        }
        case '(': {
            if (!p[1] || !p[2])
                break;
            const char *c = special_character(p + 1);
            while (*c && n + 4 < size)
                result[n++] = *c++;
            p += 2;
            break;
        }
        case '-': result[n++] = '-'; break;
        case 'e': case '\\': result[n++] = '\\'; break;
        case ' ': result[n++] = NO_BREAK_SPACE; break;
        case '.': result[n++] = '.'; break;
        case '&': case '|': case '^': case 'c': break;
        case '"': while (p[1]) p++; break;   /* a comment to the end of the line */
        default: result[n++] = *p; break;
        }
    }
    result[n] = 0;
}

/* Adds a line of text, word by word (or as it is, in no-fill mode). */
static void add_text(const char *text)
{
    char buffer[LINE_MAX_BYTES];
    out.after_heading = 0;
    unescape(text, buffer, sizeof buffer);
    if (!out.fill) {
        flush_line();
        pad_to(out.indent);
        add_word(buffer, (int)strlen(buffer), 0);
        flush_line();
        return;
    }
    if (text[0] == ' ' || text[0] == '\t')
        flush_line();                    /* troff: a line starting with a space breaks */
    char *p = buffer;
    while (*p) {
        int space = 0;
        while (*p == ' ' || *p == '\t') {
            space = 1;
            p++;
        }
        if (!*p)
            break;
        char *start = p;
        int visible = 0;
        while (*p && *p != ' ' && *p != '\t') {
            if (*p < 2 || *p > 4)
                visible++;
            p++;
        }
        char saved = *p;
        *p = 0;
        add_word(start, visible, space || out.column > out.indent);
        *p = saved;
    }
    if (out.tag_pending) {                 /* a .TP tag: the text goes under it */
        out.tag_pending = 0;
        out.indent = out.base_indent + out.tag_width;
        if (out.column >= out.indent)
            flush_line();
    }
}

/* Splits a request's arguments (quotes keep blanks) into `words`. */
static int split_arguments(char *text, char **words, int max)
{
    int count = 0;
    while (*text && count < max) {
        while (*text == ' ' || *text == '\t')
            text++;
        if (!*text)
            break;
        if (*text == '"') {
            words[count++] = ++text;
            while (*text && *text != '"')
                text++;
        } else {
            words[count++] = text;
            while (*text && *text != ' ' && *text != '\t')
                text++;
        }
        if (*text)
            *text++ = 0;
    }
    return count;
}

/* .B .I .BR .IR ...: the words in alternating fonts, joined. */
static void font_request(const char *request, char *arguments)
{
    char *words[16];
    int count = split_arguments(arguments, words, 16);
    char joined[LINE_MAX_BYTES] = "";
    size_t n = 0;
    int single = request[1] == 0;
    for (int i = 0; i < count; i++) {
        char font = request[single ? 0 : i % 2];
        const char *code = font == 'B' ? "\\fB" : font == 'I' ? "\\fI" : "\\fR";
        n += (size_t)snprintf(joined + n, sizeof joined - n, "%s%s%s", code, words[i],
                              single && i + 1 < count ? " " : "");
        if (n >= sizeof joined)
            break;
    }
    if (n < sizeof joined - 4)
        strcat(joined, "\\fR");
    if (count)
        add_text(joined);
}

static void start_paragraph(void)
{
    if (out.after_heading)
        flush_line();
    else
        blank_line();
    out.indent = out.base_indent;
}

static void request(char *line)
{
    int after_heading = out.after_heading;
    char name[8];
    int n = 0;
    char *p = line + 1;
    while (*p == ' ')
        p++;
    while (*p && *p != ' ' && *p != '\t' && n < 7)
        name[n++] = *p++;
    name[n] = 0;
    char *arguments = p;
    char *words[8];
    if (!strcmp(name, "SH") || !strcmp(name, "SS")) {
        if (out.column || out.length)
            flush_line();
        putchar('\n');
        out.base_indent = out.indent = name[1] == 'H' ? 0 : SUBSECTION_INDENT;
        out.depth = 0;
        out.fill = 1;
        int count = split_arguments(arguments, words, 8);
        char heading[LINE_MAX_BYTES] = "\\fB";
        for (int i = 0; i < count; i++) {
            strncat(heading, words[i], sizeof heading - strlen(heading) - 8);
            if (i + 1 < count)
                strcat(heading, " ");
        }
        strcat(heading, "\\fR");
        add_text(heading);
        flush_line();
        out.base_indent = out.indent = SECTION_INDENT;
        out.after_heading = 1;
        return;
    } else if (!strcmp(name, "PP") || !strcmp(name, "LP") || !strcmp(name, "P")) {
        start_paragraph();
    } else if (!strcmp(name, "TP") || !strcmp(name, "IP")) {
        start_paragraph();
        int count = split_arguments(arguments, words, 8);
        int width_argument = name[0] == 'T' ? 0 : 1;
        out.tag_width = count > width_argument ? atoi(words[width_argument]) : DEFAULT_TAG_WIDTH;
        if (out.tag_width <= 0)
            out.tag_width = DEFAULT_TAG_WIDTH;
        if (name[0] == 'T') {
            out.tag_pending = 1;
        } else {
            if (count > 0 && words[0][0]) {
                add_text(words[0]);
                out.indent = out.base_indent + out.tag_width;
                if (out.column >= out.indent)
                    flush_line();
            } else {
                out.indent = out.base_indent + out.tag_width;
            }
        }
    } else if (!strcmp(name, "RS")) {
        flush_line();
        if (out.depth < MAX_INDENT_DEPTH)
            out.saved_indents[out.depth++] = out.base_indent;
        int count = split_arguments(arguments, words, 8);
        out.base_indent = out.indent = out.base_indent + (count ? atoi(words[0]) : DEFAULT_TAG_WIDTH);
    } else if (!strcmp(name, "RE")) {
        flush_line();
        if (out.depth > 0)
            out.base_indent = out.saved_indents[--out.depth];
        out.indent = out.base_indent;
    } else if (!strcmp(name, "nf") || !strcmp(name, "EX")) {
        flush_line();
        out.fill = 0;
    } else if (!strcmp(name, "fi") || !strcmp(name, "EE")) {
        flush_line();
        out.fill = 1;
    } else if (!strcmp(name, "br")) {
        flush_line();
    } else if (!strcmp(name, "sp")) {
        blank_line();
    } else if (strchr("BI", name[0]) && (!name[1] || (strchr("BIR", name[1]) && !name[2])) ) {
        font_request(name, arguments);
    } else if (name[0] == 'R' && strchr("BI", name[1]) && !name[2]) {
        font_request(name, arguments);
    }
    /* .TH is printed by show_page; others (.\" .ad .hy .UR ...) are skipped */
    out.after_heading = after_heading && !out.length;
}

void show_page(FILE *page)
{
    char line[LINE_MAX_BYTES];
    out.fill = 1;
    out.terminal = isatty(STDOUT_FILENO);
    while (fgets(line, sizeof line, page)) {
        line[strcspn(line, "\n")] = 0;
        if (line[0] == '.' || line[0] == '\'') {
            if (!strncmp(line + 1, "TH", 2)) {
                char *words[8];
                int count = split_arguments(line + 3, words, 8);
                char header[128];
                snprintf(header, sizeof header, "%s(%s)", count > 0 ? words[0] : "?", count > 1 ? words[1] : "?");
                const char *middle = count > 4 ? words[4] : "";
                int gap = WIDTH - 2 * (int)strlen(header) - (int)strlen(middle);
                printf("%s%*s%s%*s%s\n", header, gap / 2 > 1 ? gap / 2 : 1, "", middle,
                       gap - gap / 2 > 1 ? gap - gap / 2 : 1, "", header);
            } else {
                request(line);
            }
        } else if (line[0] == 0) {
            if (out.fill)
                blank_line();
            else
                putchar('\n');
        } else {
            add_text(line);
        }
    }
    flush_line();
}

