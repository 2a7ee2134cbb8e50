/* user/tools/fuzz/cleanup.c - after the run: every process of ours gone, every
 * object the fuzzers made removed (by the ids and names the run kept, then
 * by a sweep of what the kernel lists), and /tmp/fuzz and /home/fuzz
 * deleted (the disk's side: home.c). Objects by
 * design outlive their makers (System V objects, named mailboxes, files),
 * so only this clean-up lets the counters come back. */
#include <dirent.h>
#include <ipc.h>
#include <kernel.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#if __has_include(<mqueue.h>)
#include <mqueue.h>
#endif

#include "fuzz.h"

#define LISTED_MAX 64

/* How many processes of ours are still in the process table (zombies
 * too); with `kill_them`, each gets SIGCONT and SIGKILL. */
static int ours_left(int kill_them)
{
    static struct kinfo_process listed[LISTED_MAX];
    int bytes = kinfo(KINFO_PROCESSES, listed, sizeof listed);
    int left = 0;
    for (int i = 0; i < bytes / (int)sizeof listed[0]; i++) {
        int pid = listed[i].pid;
        if (!pid_is_ours(pid) || pid == getpid())
            continue;
        left++;
        if (kill_them && listed[i].state != 'Z') {
            struct process_record *record = record_of(pid);
            if (record)
                atomic_or(&record->signals_sent, 1u << (SIGKILL - 1));
            kill(pid, SIGCONT);
            kill(pid, SIGKILL);
        }
    }
    return left;
}

void kill_everyone_of_ours(void)
{
    ours_left(1);
}

static void wait_for_everyone(void)
{
    shared->stop = 1;
    for (int round = 0; round < 400; round++) {
        int status;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
            ;
        if (!ours_left(round >= 40 && round % 20 == 0))
            return;
        usleep(25000);
    }
    printf("fuzz: %d of our processes would not go away\n", ours_left(0));
}

/* Removes `name` (relative to the working directory, or absolute) and
 * everything under it. It walks down with chdir and relative names, so a
 * tree deeper than PATH_MAX (renames can nest directories without bound)
 * goes too; a symbolic link is removed, never followed (lstat), or the
 * walk would come back up ("..") somewhere else. */
static void remove_here(const char *name)
{
    struct stat st;
    if (lstat(name, &st) == 0 && !S_ISDIR(st.st_mode)) {
        unlink(name);                       /* a file, or a link to a directory */
        return;
    }
    if (chdir(name) < 0) {
        unlink(name);
        return;
    }
    DIR *directory = opendir(".");
    if (directory) {
        struct dirent *entry;
        while ((entry = readdir(directory))) {
            if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
                continue;
            struct stat st;
            if (lstat(entry->d_name, &st) == 0 && S_ISDIR(st.st_mode))
                remove_here(entry->d_name);
            else
                unlink(entry->d_name);
        }
        closedir(directory);
    }
    chdir("..");
    rmdir(name);
}

void remove_tree(const char *path)
{
    remove_here(path);
    chdir("/");
}

/* The files behind named semaphores and POSIX shared memory objects
 * (and whatever else the fuzzers made under those names in /dev/shm). */
void remove_fuzz_names(void)
{
    DIR *directory = opendir("/dev/shm");
    if (!directory)
        return;
    struct dirent *entry;
    char path[512];
    while ((entry = readdir(directory))) {
        if (strncmp(entry->d_name, "sem.fz", 6) && strncmp(entry->d_name, "fz", 2))
            continue;
        snprintf(path, sizeof path, "/dev/shm/%s", entry->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    closedir(directory);
}

/* `whole`: also the files, /tmp/fuzz and /dev/shm/sem.fz*, which other
 * runs of the same boot may still use (fuzz --no-check leaves them to the
 * final fuzz --check). */
void cleanup_run(int whole)
{
    wait_for_everyone();
    for (uint32_t i = 0; i < shared->id_counts[REGISTRY_MSG] && i < REGISTRY_MAX; i++)
        msgctl(shared->ids[REGISTRY_MSG][i], IPC_RMID, 0);
    for (uint32_t i = 0; i < shared->id_counts[REGISTRY_SEM] && i < REGISTRY_MAX; i++)
        semctl(shared->ids[REGISTRY_SEM][i], 0, IPC_RMID);
    for (uint32_t i = 0; i < shared->id_counts[REGISTRY_SHM] && i < REGISTRY_MAX; i++)
        shmctl(shared->ids[REGISTRY_SHM][i], IPC_RMID, 0);
    for (unsigned k = 0; k < NAME_POOL; k++) {
        char name[48];
        mbox_unlink(mailbox_name(k));
        snprintf(name, sizeof name, "/fz%u.%u", shared->seed % 1000, k);
        sem_unlink(name);
#if __has_include(<mqueue.h>)
        snprintf(name, sizeof name, "/fzq%u.%u", shared->seed % 1000, k);
        mq_unlink(name);
#endif
    }
    if (whole) {
        remove_tree(FUZZ_DIRECTORY);
        remove_fuzz_names();
        home_clean_up();
    }
}

/* Prints every name under `path`, with its inode number: finding what a
 * leaked inode is (fuzz --list-after). Links are shown, not followed. */
void list_tree(const char *path, int depth)
{
    DIR *directory = opendir(path);
    if (!directory)
        return;
    struct dirent *entry;
    char child[512];
    while ((entry = readdir(directory))) {
        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        snprintf(child, sizeof child, "%s/%s", strcmp(path, "/") ? path : "", entry->d_name);
        struct stat st;
        if (lstat(child, &st) < 0)
            continue;
        if (strncmp(child, "/bin/", 5) && strncmp(child, "/tests/", 7))
            printf("fuzz: %*s%s (inode %u, mode %o, size %ld, links %u)\n", depth * 2, "", child, st.st_ino,
                   st.st_mode, st.st_size, st.st_nlink);
        if (S_ISDIR(st.st_mode))
            list_tree(child, depth + 1);
    }
    closedir(directory);
}

int snapshot_ipc_objects(void *buffer, int size)
{
    int bytes = kinfo(KINFO_IPC_OBJECTS, buffer, (unsigned)size);
    return bytes < 0 ? 0 : bytes;
}

static int in_baseline(const struct kinfo_ipc_object *object, const struct kinfo_ipc_object *baseline, int count)
{
    for (int i = 0; i < count; i++)
        if (!strcmp(baseline[i].kind, object->kind) && !strcmp(baseline[i].name, object->name))
            return 1;
    return 0;
}

/* Removes every System V object and named mailbox the kernel lists that
 * was not there before the run: those whose maker died between creating
 * them and noting the id. Returns how many. */
int sweep_new_ipc_objects(const void *baseline, int baseline_size)
{
    static struct kinfo_ipc_object listed[256];
    int count = snapshot_ipc_objects(listed, sizeof listed) / (int)sizeof listed[0];
    int removed = 0;
    for (int i = 0; i < count; i++) {
        const struct kinfo_ipc_object *object = &listed[i];
        if (in_baseline(object, baseline, baseline_size / (int)sizeof *object))
            continue;
        int id = atoi(object->name);
        if (!strcmp(object->kind, "msgqueue"))
            removed += msgctl(id, IPC_RMID, 0) == 0;
        else if (!strcmp(object->kind, "semaphores"))
            removed += semctl(id, 0, IPC_RMID) == 0;
        else if (!strcmp(object->kind, "sharedmem") && !strstr(object->name, "removed"))
            removed += shmctl(id, IPC_RMID, 0) == 0;
        else if (!strcmp(object->kind, "mailbox"))
            removed += mbox_unlink(object->name) == 0;
#if __has_include(<mqueue.h>)
        else if (!strcmp(object->kind, "mqueue") && !strstr(object->name, "(unlinked)"))
            removed += mq_unlink(object->name) == 0;
#endif
    }
    return removed;
}
