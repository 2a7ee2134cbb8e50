/* user/bin/sh/parser.c - from tokens to the structure that execute.c runs.
 *
 * The grammar, a small part of POSIX's:
 *
 *   command_line := and_or { (';' | '&') and_or } [ ';' | '&' ]
 *   and_or       := pipeline { ('&&' | '||') pipeline }
 *   pipeline     := command { '|' command }
 *   command      := { WORD | redirection }     at least one of them
 *   redirection  := ('<' | '>' | '>>' | '>&', maybe after a digit) WORD
 *
 * One function per rule, each taking the tokens from `position` on. An
 * empty line (or one with only a comment) parses to zero lists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct parser {
    const char *line;                 /* for the source text of each part */
    const struct token *tokens;
    int position;                     /* the next token to read */
};

/* The token the parser looks at now. */
static const struct token *peek(const struct parser *parser)
{
    return &parser->tokens[parser->position];
}

/* Makes room for one more element in a growing array; exits when memory is gone. */
static void *grow(void *array, int count, size_t element_size)
{
    void *grown = realloc(array, (count + 1) * element_size);
    if (!grown) {
        fprintf(stderr, SHELL_NAME ": out of memory\n");
        exit(STATUS_USAGE);
    }
    return grown;
}

/* How an operator token looks, for error messages. */
static const char *token_text(const struct token *token)
{
    switch (token->kind) {
    case TOKEN_WORD:       return token->word;
    case TOKEN_PIPE:       return "|";
    case TOKEN_AND_IF:     return "&&";
    case TOKEN_OR_IF:      return "||";
    case TOKEN_BACKGROUND: return "&";
    case TOKEN_SEPARATOR:  return ";";
    case TOKEN_REDIRECT:   return "redirection";
    case TOKEN_END:        return "end of line";
    }
    return "?";
}

/* Prints the syntax error for the token at the parser's position; returns -1. */
static int syntax_error(const struct parser *parser)
{
    fprintf(stderr, SHELL_NAME ": syntax error near '%s'\n", token_text(peek(parser)));
    return -1;
}

/* The source text from token `first` to the token before the position. */
static char *source_text(const struct parser *parser, int first)
{
    int start = parser->tokens[first].start;
    int end = parser->tokens[parser->position - 1].end;
    return strndup(parser->line + start, end - start);
}

/* command := { WORD | redirection }, at least one. */
static int parse_command(struct parser *parser, struct command *command)
{
    memset(command, 0, sizeof *command);
    command->words = grow(NULL, 0, sizeof *command->words);
    command->words[0] = NULL;
    for (;;) {
        const struct token *token = peek(parser);
        if (token->kind == TOKEN_WORD) {
            command->words = grow(command->words, command->word_count + 1, sizeof *command->words);
            command->words[command->word_count++] = strdup(token->word);
            command->words[command->word_count] = NULL;
            parser->position++;
        } else if (token->kind == TOKEN_REDIRECT) {
            parser->position++;
            if (peek(parser)->kind != TOKEN_WORD)
                return syntax_error(parser);
            command->redirections = grow(command->redirections, command->redirection_count,
                                         sizeof *command->redirections);
            command->redirections[command->redirection_count++] = (struct redirection){
                .kind = token->redirection, .fd = token->fd, .target = strdup(peek(parser)->word),
            };
            parser->position++;
        } else {
            break;
        }
    }
    if (command->word_count == 0 && command->redirection_count == 0)
        return syntax_error(parser);
    return 0;
}

/* pipeline := command { '|' command }. */
static int parse_pipeline(struct parser *parser, struct pipeline *pipeline)
{
    int first = parser->position;
    for (;;) {
        pipeline->commands = grow(pipeline->commands, pipeline->command_count,
                                  sizeof *pipeline->commands);
        int failed = parse_command(parser, &pipeline->commands[pipeline->command_count]);
        pipeline->command_count++;          /* counted even if half-built: freed alike */
        if (failed)
            return -1;
        if (peek(parser)->kind != TOKEN_PIPE)
            break;
        parser->position++;
    }
    pipeline->text = source_text(parser, first);
    return 0;
}

/* and_or := pipeline { ('&&' | '||') pipeline }. */
static int parse_and_or(struct parser *parser, struct and_or_list *list)
{
    int first = parser->position;
    enum run_condition condition = RUN_ALWAYS;
    for (;;) {
        list->pipelines = grow(list->pipelines, list->pipeline_count, sizeof *list->pipelines);
        struct pipeline *pipeline = &list->pipelines[list->pipeline_count++];
        memset(pipeline, 0, sizeof *pipeline);
        pipeline->condition = condition;
        if (parse_pipeline(parser, pipeline) < 0)
            return -1;
        enum token_kind kind = peek(parser)->kind;
        if (kind != TOKEN_AND_IF && kind != TOKEN_OR_IF)
            break;
        condition = kind == TOKEN_AND_IF ? RUN_IF_SUCCESS : RUN_IF_FAILURE;
        parser->position++;
    }
    list->text = source_text(parser, first);
    return 0;
}

/* command_line := and_or { (';' | '&') and_or } [ ';' | '&' ]. */
int parse_tokens(const char *line, const struct token_list *tokens, struct command_line *out)
{
    struct parser parser = { .line = line, .tokens = tokens->tokens, .position = 0 };
    out->lists = NULL;
    out->list_count = 0;
    for (;;) {
        while (peek(&parser)->kind == TOKEN_SEPARATOR)   /* empty commands between ;s */
            parser.position++;
        if (peek(&parser)->kind == TOKEN_END)
            return 0;
        out->lists = grow(out->lists, out->list_count, sizeof *out->lists);
        struct and_or_list *list = &out->lists[out->list_count++];
        memset(list, 0, sizeof *list);
        if (parse_and_or(&parser, list) < 0) {
            command_line_free(out);
            return -1;
        }
        enum token_kind kind = peek(&parser)->kind;
        if (kind == TOKEN_BACKGROUND) {
            list->background = true;
            parser.position++;
        } else if (kind == TOKEN_SEPARATOR) {
            parser.position++;
        } else if (kind != TOKEN_END) {
            syntax_error(&parser);
            command_line_free(out);
            return -1;
        }
    }
}

/* Frees one command's words and redirections. */
static void command_free(struct command *command)
{
    words_free(command->words);
    for (int i = 0; i < command->redirection_count; i++)
        free(command->redirections[i].target);
    free(command->redirections);
}

/* Frees everything parse_tokens built (also a half-built structure). */
void command_line_free(struct command_line *line)
{
    for (int l = 0; l < line->list_count; l++) {
        struct and_or_list *list = &line->lists[l];
        for (int p = 0; p < list->pipeline_count; p++) {
            struct pipeline *pipeline = &list->pipelines[p];
            for (int c = 0; c < pipeline->command_count; c++)
                command_free(&pipeline->commands[c]);
            free(pipeline->commands);
            free(pipeline->text);
        }
        free(list->pipelines);
        free(list->text);
    }
    free(line->lists);
    line->lists = NULL;
    line->list_count = 0;
}
