/* user/bin/sh/expand.c - turning a raw word into the arguments a program gets.
 *
 *   raw word              becomes            why
 *   "a  b"                a  b               double quotes keep blanks
 *   'it''s $HOME'         its $HOME          single quotes keep everything
 *   a\ b                  a b                a backslash quotes one character
 *   $? $$ $! $# $0..$9    1, 42, ...         the shell's own parameters
 *   $HOME ${HOME}x        /home, /homex      the environment
 *   "$HOME"               /home              expanded inside double quotes too
 *   ~/f                   /home/f            a leading ~ is $HOME
 *   $V   (V is "a  b")    a, b               unquoted: split at blanks
 *   "$V"                  a  b               quoted: one argument
 *   $EMPTY                (nothing)          unquoted and empty: no argument
 *   /bin/c*               /bin/cat, ...      a pattern: the paths it matches
 *   '*'  \*  "*"          *                  quoted: not a wildcard
 *
 * A raw word is read once, left to right, building one field (a future
 * argument) at a time. Each field is kept twice: as the text the program
 * will get, and as a pattern for glob.c in which every quoted special
 * character has a \ before it, so that '*' stays a star while an unquoted
 * * is a wildcard. A blank that an unquoted expansion gave ends the field;
 * a blank typed in the word never gets here: the lexer cut the words there. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

#define NUMBER_SIZE 16            /* a long in decimal, its sign and the NUL */

/* A string that grows as characters are appended. */
struct buffer {
    char *text;
    size_t length, capacity;
};

/* One raw word (or several, one after another) being expanded. */
struct expansion {
    struct word_list *words;  /* where finished fields go; NULL: one field, never split or globbed */
    struct buffer text;       /* the field so far, quotes removed: the argument */
    struct buffer pattern;    /* the same for glob.c, a \ before each quoted special character */
    bool started;             /* the field exists, even if empty: it has text or quotes */
    bool has_wildcard;        /* an unquoted * ? or [ is in it */
    bool full;                /* `words` reached MAX_WORDS: the command must not run */
};

/* Ends the shell: there is no sensible way on without memory. */
static void out_of_memory(void)
{
    fprintf(stderr, SHELL_NAME ": out of memory\n");
    exit(STATUS_USAGE);
}

/* Appends `length` bytes of `text` to `buffer`. */
static void buffer_append(struct buffer *buffer, const char *text, size_t length)
{
    if (buffer->length + length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 32;
        while (capacity < buffer->length + length + 1)
            capacity *= 2;
        buffer->text = realloc(buffer->text, capacity);
        if (!buffer->text)
            out_of_memory();
        buffer->capacity = capacity;
    }
    memcpy(buffer->text + buffer->length, text, length);
    buffer->length += length;
    buffer->text[buffer->length] = '\0';
}

/* Appends one character. */
static void buffer_append_char(struct buffer *buffer, char c)
{
    buffer_append(buffer, &c, 1);
}

/* Makes room in `list` for one more word and the NULL after it. */
static void word_list_grow(struct word_list *list)
{
    if (list->count + 2 <= list->capacity)
        return;
    int capacity = list->capacity ? list->capacity * 2 : 8;
    list->words = realloc(list->words, capacity * sizeof *list->words);
    if (!list->words)
        out_of_memory();
    list->capacity = capacity;
}

/* Appends a copy of `word`; false when the list is full. */
bool word_list_add(struct word_list *list, const char *word)
{
    if (list->count == MAX_WORDS)
        return false;
    word_list_grow(list);
    list->words[list->count] = strdup(word);
    if (!list->words[list->count])
        out_of_memory();
    list->words[++list->count] = NULL;
    return true;
}

/* Whether `c` may be part of a variable name: letters, digits, _. */
static bool is_name_character(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Whether `c` separates fields in what an unquoted expansion gave (IFS's default). */
static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Whether `c` means something to glob.c's patterns when it is not quoted. */
static bool is_pattern_special(char c)
{
    return c != '\0' && strchr("*?[]!^-\\", c) != NULL;
}

/* Writes `number` in decimal into `digits` and returns it. */
static const char *format_number(char digits[NUMBER_SIZE], long number)
{
    snprintf(digits, NUMBER_SIZE, "%ld", number);
    return digits;
}

/* The value of the parameter named after the `$` at `raw`, or NULL when it
 * is not set; *used becomes how many characters of `raw` name it, the `$`
 * included. Numbers are written into `digits`. A `$` that starts no
 * parameter stands for itself. */
static const char *parameter_value(const char *raw, int *used, char digits[NUMBER_SIZE])
{
    const char *name = raw + 1;
    *used = 2;
    if (*name == '?')
        return format_number(digits, shell.last_status);
    if (*name == '$')
        return format_number(digits, getpid());
    if (*name == '!')
        return shell.last_background > 0 ? format_number(digits, shell.last_background) : NULL;
    if (*name == '#')
        return format_number(digits, shell.positional_count > 0 ? shell.positional_count - 1 : 0);
    if (isdigit((unsigned char)*name)) {
        int index = *name - '0';
        return index < shell.positional_count ? shell.positional[index] : NULL;
    }
    bool braced = *name == '{';
    if (braced)
        name++;
    size_t length = 0;
    while (is_name_character(name[length]))
        length++;
    if (length == 0 || (braced && name[length] != '}')) {
        *used = 1;
        return "$";
    }
    char *variable = strndup(name, length);
    if (!variable)
        out_of_memory();
    const char *value = getenv(variable);
    free(variable);
    *used = 1 + (int)length + (braced ? 2 : 0);
    return value;
}

/* Appends quoted text: characters that stand for themselves, even * ? [. */
static void add_quoted(struct expansion *e, const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (is_pattern_special(text[i]))
            buffer_append_char(&e->pattern, '\\');
        buffer_append_char(&e->pattern, text[i]);
    }
    buffer_append(&e->text, text, length);
    e->started = true;                     /* '' and "" are an argument, if an empty one */
}

/* Appends one unquoted character, which may be a wildcard. */
static void add_unquoted(struct expansion *e, char c)
{
    if (c == '*' || c == '?' || c == '[')
        e->has_wildcard = true;
    buffer_append_char(&e->text, c);
    buffer_append_char(&e->pattern, c);
    e->started = true;
}

/* Ends the field being built. A pattern that matches paths gives those;
 * anything else gives the field itself, unless it never started (it held
 * only unquoted expansions to nothing). */
static void field_end(struct expansion *e)
{
    if (e->started && !e->full) {
        int added = e->has_wildcard ? glob_expand(e->pattern.text, e->words) : 0;
        if (added == 0)
            added = word_list_add(e->words, e->text.text ? e->text.text : "") ? 1 : -1;
        e->full = added < 0;
    }
    free(e->text.text);
    free(e->pattern.text);
    e->text = e->pattern = (struct buffer){ 0 };
    e->started = e->has_wildcard = false;
}

/* Appends what a parameter expanded to. Unquoted, its blanks end fields
 * (when there are fields to end) and its * ? [ are wildcards. */
static void add_value(struct expansion *e, const char *value, bool quoted)
{
    if (quoted) {
        add_quoted(e, value, strlen(value));
        return;
    }
    for (; *value; value++) {
        if (e->words && is_blank(*value))
            field_end(e);
        else
            add_unquoted(e, *value);
    }
}

/* Expands `raw` into `e`: into fields added to e->words, or, without a
 * list, into e->text alone. */
static void expand_into(const char *raw, struct expansion *e)
{
    int i = 0;
    if (raw[0] == '~' && (raw[1] == '\0' || raw[1] == '/')) {
        const char *home = getenv("HOME");
        add_quoted(e, home ? home : "/", strlen(home ? home : "/"));
        i = 1;
    }
    bool in_double_quotes = false;
    while (raw[i]) {
        char c = raw[i];
        if (c == '"') {
            in_double_quotes = !in_double_quotes;
            e->started = true;
            i++;
        } else if (c == '\'' && !in_double_quotes) {
            const char *close = strchr(raw + i + 1, '\'');   /* the lexer made sure it exists */
            add_quoted(e, raw + i + 1, close - (raw + i + 1));
            i = close - raw + 1;
        } else if (c == '\\' && raw[i + 1]) {
            /* in "...", a backslash quotes only $ " \ and keeps itself before anything else */
            if (in_double_quotes && raw[i + 1] != '$' && raw[i + 1] != '"' && raw[i + 1] != '\\')
                add_quoted(e, "\\", 1);
            add_quoted(e, raw + i + 1, 1);
            i += 2;
        } else if (c == '$') {
            int used;
            char digits[NUMBER_SIZE];
            const char *value = parameter_value(raw + i, &used, digits);
            if (value)
                add_value(e, value, in_double_quotes);
            i += used;
        } else if (in_double_quotes) {
            add_quoted(e, &c, 1);
            i++;
        } else {
            add_unquoted(e, c);
            i++;
        }
    }
    if (e->words)
        field_end(e);
}

/* Expands one raw word into a new string: quotes and parameters only. */
char *expand_word(const char *raw_word)
{
    struct expansion e = { .words = NULL };
    expand_into(raw_word, &e);
    free(e.pattern.text);
    if (!e.text.text)
        buffer_append(&e.text, "", 0);
    return e.text.text;
}

/* Expands every word into the fields (and paths) it gives. */
char **expand_words(char *const raw_words[])
{
    struct word_list list = { 0 };
    struct expansion e = { .words = &list };
    for (int i = 0; raw_words[i] && !e.full; i++)
        expand_into(raw_words[i], &e);
    if (e.full) {
        fprintf(stderr, SHELL_NAME ": more than %d arguments\n", MAX_WORDS);
        words_free(list.words);
        return NULL;
    }
    word_list_grow(&list);                 /* an empty list too is an argv: { NULL } */
    list.words[list.count] = NULL;
    return list.words;
}

/* Frees a NULL-terminated array of strings and the array. */
void words_free(char **words)
{
    if (!words)
        return;
    for (int i = 0; words[i]; i++)
        free(words[i]);
    free(words);
}
