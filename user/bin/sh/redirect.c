/* user/bin/sh/redirect.c - `< > >> 2> N>&M`: pointing a command's descriptors
 * at files.
 *
 * In a child about to exec, a redirection is just open + dup2 + close:
 *
 *   cmd > out          fd = open("out", O_WRONLY|O_CREAT|O_TRUNC)   (say 3)
 *                      dup2(3, 1); close(3)      now 1 names "out"
 *
 * A builtin runs inside the shell itself, so before changing a descriptor
 * the shell keeps a copy of it (dup) and puts it back afterwards: `cd /x >
 * f` must not leave the shell's own output going to f. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

#define NEW_FILE_MODE 0666   /* rw for everyone, as the shell creates files */

/* The open() flags for a redirection to a file. */
static int open_flags(enum redirection_kind kind)
{
    switch (kind) {
    case REDIRECT_INPUT:  return O_RDONLY;
    case REDIRECT_OUTPUT: return O_WRONLY | O_CREAT | O_TRUNC;
    case REDIRECT_APPEND: return O_WRONLY | O_CREAT | O_APPEND;
    default:              return -1;
    }
}

/* Remembers what `fd` names now, before a builtin's redirection changes it. */
static void save_descriptor(struct saved_descriptors *saved, int fd)
{
    for (int i = 0; i < saved->count; i++)
        if (saved->fd[i] == fd)
            return;                        /* the first copy is the one to restore */
    if (saved->count == (int)(sizeof saved->fd / sizeof saved->fd[0]))
        return;
    saved->fd[saved->count] = fd;
    saved->copy[saved->count] = dup(fd);   /* -1 if fd was not open */
    if (saved->copy[saved->count] >= 0)
        fcntl(saved->copy[saved->count], F_SETFD, FD_CLOEXEC);
    saved->count++;
}

/* Makes descriptor `redirection->fd` name the redirection's target. */
static int apply_one(const struct redirection *redirection)
{
    char *target = expand_word(redirection->target);
    int source;
    if (redirection->kind == REDIRECT_DUPLICATE) {
        char *end;
        source = (int)strtol(target, &end, 10);
        if (*target == '\0' || *end != '\0') {
            fprintf(stderr, SHELL_NAME ": %s: bad file descriptor\n", target);
            free(target);
            return -1;
        }
        if (source != redirection->fd && dup2(source, redirection->fd) < 0) {
            fprintf(stderr, SHELL_NAME ": %s: %s\n", target, strerror(errno));
            free(target);
            return -1;
        }
        free(target);
        return 0;
    }
    source = open(target, open_flags(redirection->kind), NEW_FILE_MODE);
    if (source < 0) {
        fprintf(stderr, SHELL_NAME ": %s: %s\n", target, strerror(errno));
        free(target);
        return -1;
    }
    free(target);
    if (source != redirection->fd) {
        int result = dup2(source, redirection->fd);
        int error = errno;
        close(source);
        if (result < 0) {
            fprintf(stderr, SHELL_NAME ": %d: %s\n", redirection->fd, strerror(error));
            return -1;
        }
    }
    return 0;
}

/* Applies the redirections in order; with `saved`, keeps what they replace. */
int redirections_apply(const struct command *command, struct saved_descriptors *saved)
{
    if (saved)
        saved->count = 0;
    for (int i = 0; i < command->redirection_count; i++) {
        const struct redirection *redirection = &command->redirections[i];
        if (saved)
            save_descriptor(saved, redirection->fd);
        if (apply_one(redirection) < 0)
            return -1;
    }
    return 0;
}

/* Puts back every descriptor a builtin's redirections changed. */
void redirections_restore(struct saved_descriptors *saved)
{
    fflush(stdout);                        /* the builtin's output goes where it was meant to */
    fflush(stderr);
    for (int i = saved->count - 1; i >= 0; i--) {
        if (saved->copy[i] >= 0) {
            dup2(saved->copy[i], saved->fd[i]);
            close(saved->copy[i]);
        } else {
            close(saved->fd[i]);
        }
    }
    saved->count = 0;
}
