/* kernel/drivers/netloss.c - the cards' test mode of lost and reordered
 * frames (netloss.h says what it does).
 *
 * The dice are Marsaglia's xorshift32, seeded from the option: a few
 * shifts and exclusive-ors per number, and the same sequence for the same
 * seed on every run. Each frame costs one throw (lost or not), and each
 * received frame that survives a second one (held back or not). */
#include "netloss.h"

#include "kernel/cmdline.h"
#include "lib/kprintf.h"

#define PERCENT       100
#define DEFAULT_SEED  1

static unsigned loss_percent;          /* 0: the mode is off */
static uint32_t random_state = DEFAULT_SEED;   /* never 0: xorshift would stay there */
static struct packet *held_back;       /* a received frame waiting for the next one, or NULL */

/* The next number of the sequence. */
static uint32_t next_random(void)
{
    uint32_t x = random_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    random_state = x;
    return x;
}

/* One throw: true for loss_percent in a hundred. */
static int strikes(void)
{
    return loss_percent && next_random() % PERCENT < loss_percent;
}

/* Reads an unsigned decimal number at *text, moving past it: 0, or -1. */
static int parse_number(const char **text, uint32_t *value)
{
    const char *cursor = *text;
    uint32_t number = 0;
    if (*cursor < '0' || *cursor > '9')
        return -1;
    while (*cursor >= '0' && *cursor <= '9') {
        if (number > (UINT32_MAX - 9) / 10)
            return -1;
        number = number * 10 + (uint32_t)(*cursor++ - '0');
    }
    *text = cursor;
    *value = number;
    return 0;
}

void netloss_init(void)
{
    const char *option = cmdline_option(&kernel_cmdline, "netloss");
    if (!option)
        return;
    const char *cursor = option;
    uint32_t percent, seed = DEFAULT_SEED;
    if (parse_number(&cursor, &percent) < 0 || percent > PERCENT ||
        (*cursor == ':' && (cursor++, parse_number(&cursor, &seed) < 0)) || *cursor != '\0') {
        kprintf("netloss: cannot read netloss=%s (PERCENT[:SEED], PERCENT 0-100): no loss\n", option);
        return;
    }
    loss_percent = percent;
    random_state = seed ? seed : DEFAULT_SEED;
    kprintf("netloss: test mode on: %u%% of frames lost, and as many delayed (seed %u)\n", percent, seed);
}

int netloss_loses_sent_frame(void)
{
    return strikes();
}

void netloss_receive(struct net_interface *interface, struct packet *packet)
{
    if (strikes()) {
        interface->received_dropped++;
        packet_free(packet);
        return;
    }
    if (!held_back && strikes()) {
        held_back = packet;
        return;
    }
    net_receive(interface, packet);
    if (held_back) {
        net_receive(held_back->interface, held_back);
        held_back = NULL;
    }
}
