/* kernel/net/net_task.c - where received packets are processed and
 * protocol timers run: the receive queue, net_run_pending, the timers,
 * and the network task "net" (net_interface.h says who calls what).
 *
 *   card interrupt --net_receive--------> receive queue --+
 *   loopback ------net_receive_later----> (FIFO)          |
 *                                                         v
 *   network task, or a socket call ---- net_run_pending: ethernet_receive
 *                                                        or ipv4_receive
 *
 * The network task sleeps on one wait queue until the earliest timer's
 * deadline (a timer set earlier moves that deadline), or until net_receive
 * wakes it. With no timer armed it sleeps with no deadline at all: an
 * idle network costs no wake-ups. */
#include "net_interface.h"

#include "ethernet.h"
#include "ipv4.h"
#include "kernel/panic.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/sleep.h"
#include "sched/task.h"
#include "sched/wait_queue.h"

#define NET_RECEIVE_QUEUE_LIMIT 512   /* frames waiting for the stack; more are dropped */

static struct list receive_queue = { { &receive_queue.head, &receive_queue.head } };
static unsigned receive_queue_length;
static int processing;                /* net_run_pending is running (re-entry returns at once) */

/* Armed timers, earliest deadline first. */
static struct list armed_timers = { { &armed_timers.head, &armed_timers.head } };
static unsigned armed_timer_count;

static struct wait_queue network_task_wake = WAIT_QUEUE_INITIALIZER;
static struct task *network_task;
static int network_task_sleeping;
static uint64_t network_task_deadline;   /* what it sleeps until; 0: no deadline */

/* Puts a frame on the receive queue: 1, or 0 when it was dropped. */
static int enqueue(struct net_interface *interface, struct packet *packet)
{
    if (receive_queue_length >= NET_RECEIVE_QUEUE_LIMIT) {
        interface->received_dropped++;
        packet_free(packet);
        return 0;
    }
    packet->interface = interface;
    interface->received_packets++;
    interface->received_bytes += packet->length;
    list_push_back(&receive_queue, &packet->link);
    receive_queue_length++;
    return 1;
}

void net_receive(struct net_interface *interface, struct packet *packet)
{
    kernel_lock();                 /* an interrupt handler holds it already: this only counts */
    if (enqueue(interface, packet) && network_task_sleeping)
        wait_queue_wake_one(&network_task_wake);
    kernel_unlock();
}

void net_receive_later(struct net_interface *interface, struct packet *packet)
{
    enqueue(interface, packet);
}

void net_run_pending(void)
{
    if (processing || list_empty(&receive_queue))
        return;
    processing = 1;
    struct list_node *node;
    while ((node = list_pop_front(&receive_queue)) != NULL) {
        receive_queue_length--;
        struct packet *packet = list_entry(node, struct packet, link);
        if (!packet->interface->up) {                     /* an interface that is down takes nothing in */
            packet->interface->received_dropped++;
            packet_free(packet);
        } else if (packet->interface->loopback) {
            ipv4_receive(packet->interface, packet);      /* the loopback carries bare IP packets */
        } else {
            ethernet_receive(packet->interface, packet);
        }
    }
    processing = 0;
}

/* The sleeping network task must wake at `deadline`, earlier than the
 * deadline it sleeps until (if any). Instead of waking it so that it
 * sleeps again with the new one (two task switches, for every timer a
 * busy TCP connection starts), its entry on the clock's sleeping list is
 * moved: the wait then ends at `deadline` as if it had been asked for
 * (kernel/sched/sleep.h). A timer set later than the deadline, as a
 * retransmission timer pushed back, changes nothing: the task wakes at
 * the old deadline, finds nothing due, and sleeps until the next one. */
static void bring_deadline_forward(uint64_t deadline)
{
    if (network_task->waiting_on != &network_task_wake)
        return;                             /* woken already, not yet run: it looks at the timers itself */
    sleep_list_remove(network_task);        /* nothing to do if it sleeps with no deadline */
    sleep_list_add(network_task, deadline);
    network_task_deadline = deadline;
}

void net_timer_start(struct net_timer *timer, uint64_t delay_ns)
{
    ASSERT(timer->expire);
    if (timer->armed)
        net_timer_stop(timer);
    timer->deadline_ns = clock_tick_ns() + delay_ns;
    /* Most timers are set later than every other one (a retransmission
     * timer pushed back), so look for the place from the back. */
    struct list_node *position = &armed_timers.head;
    while (position->previous != &armed_timers.head &&
           list_entry(position->previous, struct net_timer, link)->deadline_ns > timer->deadline_ns)
        position = position->previous;
    list_insert_before(position, &timer->link);
    timer->armed = 1;
    armed_timer_count++;
    if (network_task_sleeping && (network_task_deadline == 0 || timer->deadline_ns < network_task_deadline))
        bring_deadline_forward(timer->deadline_ns);
}

void net_timer_stop(struct net_timer *timer)
{
    if (!timer->armed)
        return;
    list_remove(&timer->link);
    timer->armed = 0;
    armed_timer_count--;
}

unsigned net_timer_count(void)
{
    return armed_timer_count;
}

/* Runs every timer whose deadline has passed. They are first moved to a
 * list of their own, so a timer its expire function starts again, even
 * with no delay, waits for the next round, and one that an earlier
 * expire function stops does not run. */
static void run_expired_timers(void)
{
    uint64_t now = clock_tick_ns();
    struct list expired;
    list_init(&expired);
    struct list_node *node;
    while ((node = list_first(&armed_timers)) != NULL &&
           list_entry(node, struct net_timer, link)->deadline_ns <= now) {
        list_remove(node);
        list_push_back(&expired, node);     /* still armed: stop and start take it off this list */
    }
    while ((node = list_pop_front(&expired)) != NULL) {
        struct net_timer *timer = list_entry(node, struct net_timer, link);
        timer->armed = 0;
        armed_timer_count--;
        timer->expire(timer);
    }
}

/* The network task: processes what came in, runs the timers that are
 * due, and sleeps until the next deadline or a wake-up. It holds the
 * kernel lock throughout, as a system call does; sleeping gives it up. */
static void network_task_loop(void *unused)
{
    (void)unused;
    kernel_lock();
    for (;;) {
        net_run_pending();
        run_expired_timers();
        if (!list_empty(&receive_queue))
            continue;                       /* a timer sent on the loopback */
        struct list_node *first = list_first(&armed_timers);
        uint64_t deadline = first ? list_entry(first, struct net_timer, link)->deadline_ns : 0;
        if (deadline && deadline <= clock_tick_ns())
            continue;
        network_task_deadline = deadline;
        network_task_sleeping = 1;
        wait_queue_sleep(&network_task_wake, "network idle", deadline, WAIT_UNINTERRUPTIBLE);
        network_task_sleeping = 0;
    }
}

void net_task_start(void)
{
    ASSERT(!network_task);                  /* once */
    network_task = create_kernel_task("net", network_task_loop, 0);
    ASSERT(network_task);
}
