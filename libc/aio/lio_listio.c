/* libc/aio/lio_listio.c - many requests in one call: each queued as
 * aio_read or aio_write would queue it (its own aio_sigevent included),
 * then either wait until every one is done (LIO_WAIT) or return at once
 * and be told when the last is done (LIO_NOWAIT, `event`). lio_listio(3). */
#include "aio_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* One entry queued, or its error: as aio_read or aio_write would answer. */
static int queue_entry(struct aiocb *request, struct aio_list *list)
{
    if (request->aio_lio_opcode != LIO_READ && request->aio_lio_opcode != LIO_WRITE)
        return EINVAL;
    if (request->aio_reqprio < 0 || request->aio_reqprio > AIO_PRIO_DELTA_MAX)
        return EINVAL;
    return aio_enqueue(request, request->aio_lio_opcode, list);
}

/* LIO_WAIT's wait: until the list's last request is done. 0, or EINTR. */
static int wait_for_list(struct aio_list *list)
{
    for (;;) {
        int seen = aio_completions;
        if (__atomic_load_n(&list->pending, __ATOMIC_SEQ_CST) == 0)
            return 0;
        int error = aio_wait_for_completion(seen, 0);
        if (error)
            return error;
    }
}

static int is_entry(const struct aiocb *request)
{
    return request && request->aio_lio_opcode != LIO_NOP;
}

int lio_listio(int mode, struct aiocb *const list[], int count, struct sigevent *event)
{
    if ((mode != LIO_WAIT && mode != LIO_NOWAIT) || count < 0 || count > AIO_LISTIO_MAX) {
        errno = EINVAL;
        return -1;
    }
    struct aio_list *group = malloc(sizeof *group);
    if (!group) {
        errno = EAGAIN;
        return -1;
    }
    group->pending = 1;               /* this call's own: the list cannot end while it queues */
    group->mode = mode;
    group->abandoned = 0;
    group->event.sigev_notify = SIGEV_NONE;
    if (mode == LIO_NOWAIT && event)
        group->event = *event;

    int refused = 0, out_of_room = 0;
    for (int i = 0; i < count; i++) {
        if (!is_entry(list[i]))
            continue;
        int error = queue_entry(list[i], group);
        if (error) {
            refused++;
            out_of_room |= error == EAGAIN;
            if (error != EBUSY) {     /* the entry says why, as a finished request would */
                list[i]->__return = -1;
                list[i]->__error = error;
                list[i]->__state = AIO_STATE_DONE;
            }
        }
    }
    aio_list_submitted(group);        /* LIO_NOWAIT: `group` may be gone from here */
    int error = refused ? (out_of_room ? EAGAIN : EIO) : 0;
    if (mode == LIO_WAIT) {
        int waited = wait_for_list(group);
        aio_list_release(group);
        if (waited)
            error = waited;
        for (int i = 0; i < count && !error; i++)
            if (is_entry(list[i]) && list[i]->__error != 0)
                error = EIO;          /* aio_error of each says which and why */
    }
    if (error) {
        errno = error;
        return -1;
    }
    return 0;
}
