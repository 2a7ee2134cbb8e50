/* user/demos/semaphores/dining_philosophers.c - Dijkstra's dining philosophers
 * with one System V semaphore set (docs/semaphores.md).
 *
 *   dining_philosophers [MEALS]          (default: 3 meals each)
 *
 * Five philosophers sit around a table with a fork between each pair:
 *
 *                 P0
 *           fork0      fork1
 *         P4                P1
 *        fork4            fork2
 *           P3    fork3    P2
 *
 * Philosopher i eats with fork i and fork (i+1) % 5. Each fork is one
 * semaphore of the set, 1 when it lies on the table. A philosopher takes
 * BOTH forks in one semop of two operations, which the kernel applies all
 * at once or not at all, so nobody ever holds one fork while waiting for
 * the other: the circular wait behind the classic deadlock cannot form.
 * SEM_UNDO puts a philosopher's forks back should it die while eating.
 *
 * Each philosopher reports "starts eating" (just after taking the forks)
 * and "stops eating" (just before putting them down) through one pipe, so
 * the reports are in the real order; main replays them and checks that no
 * two neighbours ever ate at once and that everyone ate every meal. The
 * program ends by itself: exit status 0 when every check held. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define PHILOSOPHERS 5
#define MAX_MEALS 50

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

struct report {
    int philosopher;
    int eating;                      /* 1: starts eating, 0: stops */
};

static int forks;                    /* the semaphore set: one per fork */
static int reports[2];               /* the pipe the reports go through */

static int left_fork(int philosopher) { return philosopher; }
static int right_fork(int philosopher) { return (philosopher + 1) % PHILOSOPHERS; }

/* Takes (delta -1) or puts down (delta +1) both forks in one semop. */
static void both_forks(int philosopher, int delta)
{
    struct sembuf operations[2] = {
        { (unsigned short)left_fork(philosopher), (short)delta, SEM_UNDO },
        { (unsigned short)right_fork(philosopher), (short)delta, SEM_UNDO },
    };
    if (semop(forks, operations, 2) == -1) {
        fprintf(stderr, "philosopher %d: semop: %s\n", philosopher, strerror(errno));
        exit(1);
    }
}

static void report(int philosopher, int eating)
{
    struct report entry = { philosopher, eating };
    write(reports[1], &entry, sizeof entry);
}

static void philosopher(int me, int meals)
{
    srand((unsigned)(me * 7919 + 1));
    for (int meal = 0; meal < meals; meal++) {
        usleep((useconds_t)(1000 + rand() % 4000));          /* thinks */
        both_forks(me, -1);
        report(me, 1);
        printf("philosopher %d eats (meal %d) with forks %d and %d\n", me, meal + 1,
               left_fork(me), right_fork(me));
        fflush(stdout);
        usleep((useconds_t)(1000 + rand() % 3000));          /* eats */
        report(me, 0);
        both_forks(me, +1);
    }
    exit(0);
}

int main(int argc, char **argv)
{
    int meals = argc > 1 ? atoi(argv[1]) : 3;
    if (meals < 1 || meals > MAX_MEALS) {
        fprintf(stderr, "usage: dining_philosophers [MEALS 1-%d]\n", MAX_MEALS);
        return 2;
    }
    forks = semget(IPC_PRIVATE, PHILOSOPHERS, IPC_CREAT | 0600);
    if (forks == -1 || pipe(reports) == -1) {
        perror("dining_philosophers: semget or pipe");
        return 1;
    }
    unsigned short on_the_table[PHILOSOPHERS] = { 1, 1, 1, 1, 1 };
    if (semctl(forks, 0, SETALL, (union semun){ .array = on_the_table }) == -1) {
        perror("dining_philosophers: SETALL");
        return 1;
    }

    fflush(stdout);
    pid_t children[PHILOSOPHERS];
    for (int i = 0; i < PHILOSOPHERS; i++) {
        children[i] = fork();
        if (children[i] == 0) {
            close(reports[0]);
            philosopher(i, meals);
        }
    }
    close(reports[1]);

    /* replay the reports: nobody eats next to an eating neighbour */
    int eating[PHILOSOPHERS] = { 0 }, eaten[PHILOSOPHERS] = { 0 }, conflicts = 0;
    struct report entry;
    while (read(reports[0], &entry, sizeof entry) == sizeof entry) {
        int me = entry.philosopher;
        if (entry.eating) {
            int left = (me + PHILOSOPHERS - 1) % PHILOSOPHERS, right = (me + 1) % PHILOSOPHERS;
            if (eating[left] || eating[right]) {
                printf("CONFLICT: philosopher %d eats next to an eating neighbour\n", me);
                conflicts++;
            }
            eaten[me]++;
        }
        eating[me] = entry.eating;
    }

    int failures = conflicts;
    for (int i = 0; i < PHILOSOPHERS; i++) {
        int status;
        waitpid(children[i], &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || eaten[i] != meals) {
            printf("philosopher %d: status 0x%x, %d meals of %d\n", i, status, eaten[i], meals);
            failures++;
        }
    }
    unsigned short left_on_table[PHILOSOPHERS];
    semctl(forks, 0, GETALL, (union semun){ .array = left_on_table });
    for (int i = 0; i < PHILOSOPHERS; i++)
        if (left_on_table[i] != 1) {
            printf("fork %d is not back on the table\n", i);
            failures++;
        }
    semctl(forks, 0, IPC_RMID);
    printf("dinner over: %d meals each, %d conflicts, %s\n", meals, conflicts,
           failures ? "something went wrong" : "every fork back on the table");
    return failures ? 1 : 0;
}
