/* user/sh/expand.c - turning a raw word into the argument a program gets.
 *
 *   raw word              becomes            why
 *   "a  b"                a  b               double quotes keep blanks
 *   'it''s $HOME'         its $HOME          single quotes keep everything
 *   a\ b                  a b                a backslash quotes one character
 *   $? $$ $! $# $0..$9    1, 42, ...         the shell's own parameters
 *   $HOME ${HOME}x        /home, /homex      the environment
 *   "$HOME"               /home              expanded inside double quotes too
 *   ~/f                   /home/f            a leading ~ is $HOME
 *
 * Unlike a full POSIX shell, the result of an expansion is not split into
 * several words and `*` is not a wildcard. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* A string that grows as characters are appended. */
struct buffer {
    char *text;
    size_t length, capacity;
};

/* Appends `length` bytes of `text` to `buffer`. */
static void buffer_append(struct buffer *buffer, const char *text, size_t length)
{
    if (buffer->length + length + 1 > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 32;
        while (capacity < buffer->length + length + 1)
            capacity *= 2;
        buffer->text = realloc(buffer->text, capacity);
        if (!buffer->text) {
            fprintf(stderr, SHELL_NAME ": out of memory\n");
            exit(STATUS_USAGE);
        }
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

/* Appends `number` in decimal. */
static void buffer_append_number(struct buffer *buffer, long number)
{
    char digits[16];
    snprintf(digits, sizeof digits, "%ld", number);
    buffer_append(buffer, digits, strlen(digits));
}

/* Whether `c` may be part of a variable name: letters, digits, _. */
static bool is_name_character(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Expands the parameter after the `$` at `raw` into `out`; returns how many
 * characters of `raw` it used (the `$` included). A `$` that starts no
 * parameter stands for itself. */
static int expand_parameter(const char *raw, struct buffer *out)
{
    const char *name = raw + 1;
    if (*name == '?') {
        buffer_append_number(out, shell.last_status);
        return 2;
    }
    if (*name == '$') {
        buffer_append_number(out, getpid());
        return 2;
    }
    if (*name == '!') {
        if (shell.last_background > 0)
            buffer_append_number(out, shell.last_background);
        return 2;
    }
    if (*name == '#') {
        buffer_append_number(out, shell.positional_count > 0 ? shell.positional_count - 1 : 0);
        return 2;
    }
    if (isdigit((unsigned char)*name)) {
        int index = *name - '0';
        if (index < shell.positional_count)
            buffer_append(out, shell.positional[index], strlen(shell.positional[index]));
        return 2;
    }
    bool braced = *name == '{';
    if (braced)
        name++;
    size_t length = 0;
    while (is_name_character(name[length]))
        length++;
    if (length == 0 || (braced && name[length] != '}')) {
        buffer_append_char(out, '$');
        return 1;
    }
    char *variable = strndup(name, length);
    const char *value = getenv(variable);
    free(variable);
    if (value)
        buffer_append(out, value, strlen(value));
    return 1 + (int)length + (braced ? 2 : 0);
}

/* Expands `raw` into `out`. Sets *quoted when some part of it was quoted,
 * which keeps an empty result as an (empty) argument. */
static void expand_into(const char *raw, struct buffer *out, bool *quoted)
{
    *quoted = false;
    int i = 0;
    if (raw[0] == '~' && (raw[1] == '\0' || raw[1] == '/')) {
        const char *home = getenv("HOME");
        buffer_append(out, home ? home : "/", strlen(home ? home : "/"));
        i = 1;
    }
    bool in_double_quotes = false;
    while (raw[i]) {
        char c = raw[i];
        if (c == '"') {
            in_double_quotes = !in_double_quotes;
            *quoted = true;
            i++;
        } else if (c == '\'' && !in_double_quotes) {
            const char *close = strchr(raw + i + 1, '\'');   /* the lexer made sure it exists */
            buffer_append(out, raw + i + 1, close - (raw + i + 1));
            *quoted = true;
            i = close - raw + 1;
        } else if (c == '\\' && raw[i + 1]) {
            char next = raw[i + 1];
            /* in "...", a backslash quotes only $ " \ and keeps itself before anything else */
            if (in_double_quotes && next != '$' && next != '"' && next != '\\')
                buffer_append_char(out, '\\');
            buffer_append_char(out, next);
            *quoted = true;
            i += 2;
        } else if (c == '$') {
            i += expand_parameter(raw + i, out);
        } else {
            buffer_append_char(out, c);
            i++;
        }
    }
    if (!out->text)
        buffer_append(out, "", 0);
}

/* Expands one raw word into a new string. */
char *expand_word(const char *raw_word)
{
    struct buffer out = { 0 };
    bool quoted;
    expand_into(raw_word, &out, &quoted);
    return out.text;
}

/* Expands every word; drops those that were an unquoted expansion to nothing. */
char **expand_words(char *const raw_words[])
{
    int count = 0;
    while (raw_words[count])
        count++;
    char **words = malloc((count + 1) * sizeof *words);
    if (!words) {
        fprintf(stderr, SHELL_NAME ": out of memory\n");
        exit(STATUS_USAGE);
    }
    int kept = 0;
    for (int i = 0; i < count; i++) {
        struct buffer out = { 0 };
        bool quoted;
        expand_into(raw_words[i], &out, &quoted);
        if (out.length == 0 && !quoted) {
            free(out.text);
            continue;
        }
        words[kept++] = out.text;
    }
    words[kept] = NULL;
    return words;
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
