/* arch/x86/pit.c - the 8253/8254 timer, channel 0 in rate-generator mode. */
#include "pit.h"

#include "io.h"

enum {
    PIT_CHANNEL0_DATA = 0x40,
    PIT_COMMAND = 0x43,
    COMMAND_CHANNEL0_LOHI_RATE_GENERATOR = 0x34,  /* channel 0, lo/hi byte, mode 2 */
};

void pit_init(void)
{
    outb(PIT_COMMAND, COMMAND_CHANNEL0_LOHI_RATE_GENERATOR);
    outb(PIT_CHANNEL0_DATA, PIT_DIVISOR & 0xFF);
    outb(PIT_CHANNEL0_DATA, PIT_DIVISOR >> 8);
}
