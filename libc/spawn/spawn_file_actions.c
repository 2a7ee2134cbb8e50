/* libc/spawn/spawn_file_actions.c - the list of steps posix_spawn's child
 * takes on its descriptors before it runs the program: open a file as a
 * descriptor, close one, or make one a copy of another, in the order
 * added (posix_spawn_file_actions_init(3)). spawn.c carries them out. */
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spawn_internal.h"

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *file_actions)
{
    file_actions->count = file_actions->room = 0;
    file_actions->actions = 0;
    return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *file_actions)
{
    for (int i = 0; i < file_actions->count; i++)
        free(file_actions->actions[i].path);
    free(file_actions->actions);
    return posix_spawn_file_actions_init(file_actions);
}

/* A descriptor a program may have: 0 up to the process's limit. */
static int valid_descriptor(int fd)
{
    return fd >= 0 && fd < sysconf(_SC_OPEN_MAX);
}

/* Adds `action` at the end of the list: 0, or ENOMEM (the list is as it
 * was). */
static int add(posix_spawn_file_actions_t *file_actions, struct __spawn_action action)
{
    if (file_actions->count == file_actions->room) {
        int room = file_actions->room ? 2 * file_actions->room : 4;
        struct __spawn_action *grown = realloc(file_actions->actions, room * sizeof *grown);
        if (!grown)
            return ENOMEM;
        file_actions->actions = grown;
        file_actions->room = room;
    }
    file_actions->actions[file_actions->count++] = action;
    return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *file_actions, int fd, const char *path, int flags,
                                     mode_t mode)
{
    if (!valid_descriptor(fd))
        return EBADF;
    char *copy = strdup(path);
    if (!copy)
        return ENOMEM;
    int error = add(file_actions, (struct __spawn_action){ SPAWN_ACTION_OPEN, fd, fd, flags, mode, copy });
    if (error)
        free(copy);
    return error;
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *file_actions, int fd)
{
    return valid_descriptor(fd) ? add(file_actions, (struct __spawn_action){ SPAWN_ACTION_CLOSE, fd, fd, 0, 0, 0 })
                                : EBADF;
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *file_actions, int fd, int new_fd)
{
    if (!valid_descriptor(fd) || !valid_descriptor(new_fd))
        return EBADF;
    return add(file_actions, (struct __spawn_action){ SPAWN_ACTION_DUP2, fd, new_fd, 0, 0, 0 });
}
