/* user/bin/sh/lexer.c - cutting a line into tokens.
 *
 *   echo "a  b" 'c'>out | wc -c &
 *   WORD WORD   WORD REDIRECT(1,>) WORD PIPE WORD WORD BACKGROUND END
 *
 * A word runs until an unquoted blank or operator character. Its quotes and
 * backslashes stay in it: they are removed only when the command runs
 * (expand.c), because only then is $? known. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* Whether `c` ends an unquoted word. */
static bool is_word_end(char c)
{
    return c == '\0' || c == ' ' || c == '\t' || c == '\n' ||
           c == '|' || c == '&' || c == ';' || c == '<' || c == '>';
}

/* Appends `token` to `list`; the array grows as needed. */
static void add_token(struct token_list *list, struct token token)
{
    list->tokens = realloc(list->tokens, (list->count + 1) * sizeof *list->tokens);
    if (!list->tokens) {
        fprintf(stderr, SHELL_NAME ": out of memory\n");
        exit(STATUS_USAGE);
    }
    list->tokens[list->count++] = token;
}

/* Returns the index just past the word starting at `i`, stepping over
 * quoted parts and backslash escapes; -1 if a quote is never closed. */
static int skip_word(const char *line, int i)
{
    while (!is_word_end(line[i])) {
        char c = line[i];
        if (c == '\\') {
            i += line[i + 1] ? 2 : 1;
        } else if (c == '\'' || c == '"') {
            i++;
            while (line[i] && line[i] != c) {
                if (c == '"' && line[i] == '\\' && line[i + 1])
                    i++;                   /* \" does not close "..." */
                i++;
            }
            if (!line[i])
                return -1;
            i++;
        } else {
            i++;
        }
    }
    return i;
}

/* Reads the redirection operator at `i` (after an optional digit already
 * stored in `token->fd`, or -1); returns the index after it. */
static int lex_redirection(const char *line, int i, struct token *token)
{
    token->kind = TOKEN_REDIRECT;
    if (line[i] == '<') {
        token->redirection = REDIRECT_INPUT;
        if (token->fd < 0)
            token->fd = 0;
        return i + 1;
    }
    if (token->fd < 0)
        token->fd = 1;
    if (line[i + 1] == '>') {
        token->redirection = REDIRECT_APPEND;
        return i + 2;
    }
    if (line[i + 1] == '&') {
        token->redirection = REDIRECT_DUPLICATE;
        return i + 2;
    }
    token->redirection = REDIRECT_OUTPUT;
    return i + 1;
}

/* Reads the operator at `i` (one of | || & && ; newline); returns the
 * index after it. */
static int lex_operator(const char *line, int i, struct token *token)
{
    char c = line[i];
    bool doubled = line[i + 1] == c;
    if (c == '|') {
        token->kind = doubled ? TOKEN_OR_IF : TOKEN_PIPE;
        return i + (doubled ? 2 : 1);
    }
    if (c == '&') {
        token->kind = doubled ? TOKEN_AND_IF : TOKEN_BACKGROUND;
        return i + (doubled ? 2 : 1);
    }
    token->kind = TOKEN_SEPARATOR;     /* ; or newline */
    return i + 1;
}

/* Splits `line` into tokens; -1 after a message on an unterminated quote. */
int lex_line(const char *line, struct token_list *out)
{
    out->tokens = NULL;
    out->count = 0;
    int i = 0;
    for (;;) {
        while (line[i] == ' ' || line[i] == '\t')
            i++;
        if (line[i] == '#') {              /* a comment: the rest of the line */
            while (line[i] && line[i] != '\n')
                i++;
        }
        struct token token = { .kind = TOKEN_END, .fd = -1, .start = i };
        char c = line[i];
        if (c == '\0') {
            token.end = i;
            add_token(out, token);
            return 0;
        }
        if (isdigit((unsigned char)c) && (line[i + 1] == '<' || line[i + 1] == '>')) {
            token.fd = c - '0';            /* 2>file: the digit belongs to the operator */
            i = lex_redirection(line, i + 1, &token);
        } else if (c == '<' || c == '>') {
            i = lex_redirection(line, i, &token);
        } else if (c == '|' || c == '&' || c == ';' || c == '\n') {
            i = lex_operator(line, i, &token);
        } else {
            int end = skip_word(line, i);
            if (end < 0) {
                fprintf(stderr, SHELL_NAME ": syntax error: unterminated quote\n");
                token_list_free(out);
                return -1;
            }
            token.kind = TOKEN_WORD;
            token.word = strndup(line + i, end - i);
            i = end;
        }
        token.end = i;
        add_token(out, token);
    }
}

/* Frees the tokens and their words. */
void token_list_free(struct token_list *list)
{
    for (int i = 0; i < list->count; i++)
        free(list->tokens[i].word);
    free(list->tokens);
    list->tokens = NULL;
    list->count = 0;
}
