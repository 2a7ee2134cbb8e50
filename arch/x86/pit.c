/* arch/x86/pit.c - the 8253/8254 timer: channel 0 in rate-generator mode
 * is the clock; channel 2 (the speaker's, its gate and output in port
 * 0x61) measures short waits at boot. */
#include "pit.h"

#include "io.h"

enum {
    PIT_CHANNEL0_DATA = 0x40,
    PIT_CHANNEL2_DATA = 0x42,
    PIT_COMMAND = 0x43,
    COMMAND_CHANNEL0_LOHI_RATE_GENERATOR = 0x34,  /* channel 0, lo/hi byte, mode 2 */
    COMMAND_CHANNEL0_LOHI_ONE_SHOT = 0x30,        /* channel 0, lo/hi byte, mode 0 */
    COMMAND_CHANNEL2_LOHI_ONE_SHOT = 0xB0,        /* channel 2, lo/hi byte, mode 0 */
    SPEAKER_PORT = 0x61,
    SPEAKER_GATE2 = 0x01,                          /* channel 2 counts while set */
    SPEAKER_DATA = 0x02,                           /* the speaker follows channel 2: off */
    SPEAKER_OUT2 = 0x20,                           /* channel 2's output: high at zero */
};

void pit_init(void)
{
    outb(PIT_COMMAND, COMMAND_CHANNEL0_LOHI_RATE_GENERATOR);
    outb(PIT_CHANNEL0_DATA, PIT_DIVISOR & 0xFF);
    outb(PIT_CHANNEL0_DATA, PIT_DIVISOR >> 8);
}

void pit_stop(void)
{
    outb(PIT_COMMAND, COMMAND_CHANNEL0_LOHI_ONE_SHOT);   /* mode 0: one count down, then still */
    outb(PIT_CHANNEL0_DATA, 1);
    outb(PIT_CHANNEL0_DATA, 0);
}

/* Between two reads of channel 2's output, turns of an empty loop. Each
 * read of a port leaves QEMU's translated code, and a wait of 2 ms read
 * the port some 600,000 times in a row: the boot's five windows of
 * calibration (arch/x86/timestamp_counter.c) took 0.3 s of the host's
 * time, a third of a boot test's. With the turns it reads it about
 * 10,000 times; on a real CPU the turns take tens of nanoseconds, well
 * under one period of the PIT's input (838 ns), so the end of a wait is
 * seen as early as before. */
#define POLL_GAP_TURNS 64u

void pit_delay_us(uint32_t microseconds)
{
    uint32_t count = (uint32_t)((uint64_t)PIT_INPUT_HZ * microseconds / 1000000u);
    if (count < 1)
        count = 1;
    if (count > 0xFFFF)
        count = 0xFFFF;
    outb(SPEAKER_PORT, (uint8_t)((inb(SPEAKER_PORT) & ~SPEAKER_DATA) | SPEAKER_GATE2));
    outb(PIT_COMMAND, COMMAND_CHANNEL2_LOHI_ONE_SHOT);   /* mode 0: output low until zero */
    outb(PIT_CHANNEL2_DATA, count & 0xFF);
    outb(PIT_CHANNEL2_DATA, (uint8_t)(count >> 8));      /* counting starts here */
    while (!(inb(SPEAKER_PORT) & SPEAKER_OUT2))
        for (uint32_t turn = 0; turn < POLL_GAP_TURNS; turn++)
            __asm__ volatile("" ::: "memory");
}
