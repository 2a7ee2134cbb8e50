/* kernel/drivers/ata.c - an IDE (ATA) disk by programmed I/O, woken by
 * its interrupt.
 *
 * The CPU moves every byte itself through the drive's 16-bit data port
 * ("PIO", no DMA), one 512-byte sector at a time, and sleeps while the
 * drive works. The conversation for READ SECTORS of n sectors:
 *
 *   task                                drive
 *   registers: sector, count, command
 *   sleeps on interrupt_waiters ....... reads sector 1, sets DRQ, IRQ 14
 *   (handler: reads status, done = 1, wakes the task)
 *   takes 256 words from the data port  reads sector 2, ... IRQ 14
 *   sleeps, takes 256 words, ...        (no interrupt after the last)
 *
 * WRITE SECTORS goes the other way: the drive asks for the first sector
 * at once (DRQ, no interrupt: the only place we poll, briefly), then
 * interrupts after writing each sector. FLUSH CACHE interrupts once, when
 * the drive's cache is on the medium.
 *
 * Registers are those of the primary channel (0x1F0-0x1F7, control
 * 0x3F6), the master drive, 28-bit sector numbers (LBA28). A drive that
 * never interrupts would leave its task asleep: a driver for real
 * hardware also gives up after a while and resets the drive; this one
 * trusts it. */
#include "ata.h"

#include "arch/x86/io.h"
#include "arch/x86/pic.h"
#include "arch/x86/trap.h"
#include "fs/block_device.h"
#include "kernel/panic.h"
#include "lib/kprintf.h"
#include "lib/string.h"
#include "sched/mutex.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"
#include "uapi/errno.h"

enum {
    PRIMARY_IO_BASE = 0x1F0,
    PRIMARY_CONTROL_PORT = 0x3F6,     /* read: alternate status; write: device control */
    PRIMARY_IRQ = 14,
};

/* The registers, from the I/O base. */
enum {
    REG_DATA = 0, REG_ERROR = 1, REG_SECTOR_COUNT = 2,
    REG_LBA_LOW = 3, REG_LBA_MID = 4, REG_LBA_HIGH = 5,
    REG_DRIVE_SELECT = 6,             /* drive, addressing mode, sector bits 24-27 */
    REG_STATUS = 7,                   /* read: reading it acknowledges the interrupt */
    REG_COMMAND = 7,                  /* write */
};

enum {
    STATUS_ERROR = 0x01,              /* the command failed: REG_ERROR says why */
    STATUS_DATA_REQUEST = 0x08,       /* DRQ: a sector may move through REG_DATA */
    STATUS_DRIVE_FAULT = 0x20,
    STATUS_BUSY = 0x80,               /* every other bit is meaningless while set */
    STATUS_NOTHING_CONNECTED = 0xFF,  /* a floating bus reads all ones */
};

enum {
    CONTROL_INTERRUPT_DISABLE = 0x02, /* nIEN: the drive keeps its interrupt line low */
    SELECT_MASTER_LBA = 0xE0,         /* bits 7 and 5 always set, 6: LBA, 4 clear: master */
    LBA28_TOP_BITS_SHIFT = 24,        /* bits 24-27 of the sector go into REG_DRIVE_SELECT */
};

enum {
    COMMAND_READ_SECTORS = 0x20,
    COMMAND_WRITE_SECTORS = 0x30,
    COMMAND_FLUSH_CACHE = 0xE7,
    COMMAND_IDENTIFY_DEVICE = 0xEC,
};

/* The IDENTIFY DEVICE answer: 256 words, of which we need two fields. */
enum {
    IDENTIFY_CAPABILITIES = 49,
    IDENTIFY_CAPABILITY_LBA = 1 << 9,
    IDENTIFY_LBA28_SECTORS = 60,      /* words 60-61, low word first */
};

#define WORDS_PER_SECTOR (SECTOR_SIZE / 2)
#define SECTORS_PER_COMMAND_MAX 256   /* a count register of 0 means 256 */
#define SECTORS_PER_MIB (1024 * 1024 / SECTOR_SIZE)
#define STATUS_SETTLE_READS 4         /* ~400 ns: the time a drive takes to show a new status */
#define POLL_LIMIT 100000             /* status reads before we give up on a drive */
#define NO_SECTOR 0xFFFFFFFFu         /* check_status: the command names no sector */

/* One command in flight: what the interrupt handler hands to the task
 * that waits. It lives on that task's stack while drive->request points
 * to it. (No `volatile`: the task reads it only after wait_queue_sleep,
 * a call the compiler cannot see through.) */
struct ata_request {
    int done;                         /* an interrupt came that the task has not taken */
    uint8_t status;                   /* the status register the handler read */
};

struct ata_drive {
    uint16_t io_base, control_port;
    struct block_device device;
    struct mutex one_request;         /* held by the task whose command is in flight */
    struct ata_request *request;      /* that command, or NULL */
    struct wait_queue interrupt_waiters;
};

static struct ata_drive primary_master;

/* The status without acknowledging the interrupt. */
static uint8_t alternate_status(const struct ata_drive *drive)
{
    return inb(drive->control_port);
}

/* Gives the drive the ~400 ns it needs after a command before its status
 * means anything. */
static void settle(const struct ata_drive *drive)
{
    for (int i = 0; i < STATUS_SETTLE_READS; i++)
        (void)alternate_status(drive);
}

/* Reads the status until BUSY is clear and one bit of `wanted` is set:
 * that status, or -1 after POLL_LIMIT reads. Context: anywhere; a bounded
 * busy wait, for the two moments when the drive does not interrupt. */
static int poll_status(const struct ata_drive *drive, uint8_t wanted)
{
    for (int i = 0; i < POLL_LIMIT; i++) {
        uint8_t status = alternate_status(drive);
        if (!(status & STATUS_BUSY) && (status & wanted))
            return status;
    }
    return -1;
}

/* IRQ 14: the drive has a sector for us, took one, or finished. Reading
 * REG_STATUS lowers its interrupt line. The end-of-interrupt was sent
 * already (arch/x86/trap.c). Context: interrupt handler. */
static void ata_interrupt(struct trap_frame *frame)
{
    (void)frame;
    struct ata_drive *drive = &primary_master;
    uint8_t status = inb(drive->io_base + REG_STATUS);
    struct ata_request *request = drive->request;
    if (!request)
        return;                       /* nobody asked: acknowledged, nothing more */
    request->status = status;
    request->done = 1;
    wait_queue_wake_one(&drive->interrupt_waiters);
}

/* Sleeps until the drive interrupts for `request`; returns the status it
 * showed. No wake-up can be lost: the handler runs only while interrupts
 * are on, and they are off (the kernel lock) from the moment the command
 * is written until wait_queue_sleep gives the lock up; and `done` is the
 * loop's condition, a state rather than an event, so an interrupt that
 * came before the loop would be seen too. Context: kernel lock held;
 * sleeps. */
static uint8_t wait_for_interrupt(struct ata_drive *drive, struct ata_request *request, const char *reason)
{
    ASSERT(kernel_lock_held());
    while (!request->done)
        wait_queue_sleep(&drive->interrupt_waiters, reason, 0, WAIT_UNINTERRUPTIBLE);
    request->done = 0;                /* before the next sector can make the next interrupt */
    return request->status;
}

/* 0 if `status` is free of errors and shows a data request exactly when
 * `data_request` says one is due; otherwise says what went wrong `doing`
 * what (at `sector`, unless NO_SECTOR) and answers -EIO. A status of -1
 * is a poll that timed out. */
static int check_status(const struct ata_drive *drive, int status, int data_request, const char *doing,
                        uint32_t sector)
{
    int bad = STATUS_BUSY | STATUS_ERROR | STATUS_DRIVE_FAULT;
    if (status >= 0 && !(status & bad) && !(status & STATUS_DATA_REQUEST) == !data_request)
        return 0;
    char where[32] = "";
    if (sector != NO_SECTOR)
        ksnprintf(where, sizeof where, " sector %u", sector);
    if (status < 0)
        kprintf("disk %s: no answer %s%s\n", drive->device.name, doing, where);
    else
        kprintf("disk %s: error %s%s (status 0x%x, error 0x%x)\n", drive->device.name, doing, where, status,
                inb(drive->io_base + REG_ERROR));
    return -EIO;
}

/* Writes `count` (1-256) sectors from `sector` on into the registers and
 * then `command`; the drive starts at once. Context: kernel lock held. */
static int start_command(struct ata_drive *drive, struct ata_request *request, uint8_t command, uint32_t sector,
                         uint32_t count)
{
    ASSERT(kernel_lock_held());    /* from here until the sleep, no interrupt is handled */
    uint16_t io = drive->io_base;
    uint8_t status = alternate_status(drive);
    if (status & (STATUS_BUSY | STATUS_DATA_REQUEST)) {
        kprintf("disk %s: still busy with an abandoned command (status 0x%x)\n", drive->device.name, status);
        return -EIO;
    }
    request->done = 0;
    drive->request = request;
    outb(io + REG_DRIVE_SELECT, (uint8_t)(SELECT_MASTER_LBA | (sector >> LBA28_TOP_BITS_SHIFT)));
    outb(io + REG_SECTOR_COUNT, (uint8_t)count);          /* 256 becomes 0, as it should */
    outb(io + REG_LBA_LOW, (uint8_t)sector);
    outb(io + REG_LBA_MID, (uint8_t)(sector >> 8));
    outb(io + REG_LBA_HIGH, (uint8_t)(sector >> 16));
    outb(io + REG_COMMAND, command);
    settle(drive);
    return 0;
}

/* READ SECTORS of `count` (1-256) sectors. Context: kernel lock and
 * one_request held; sleeps. */
static int read_run(struct ata_drive *drive, uint32_t sector, uint32_t count, uint8_t *buffer)
{
    struct ata_request request;
    int result = start_command(drive, &request, COMMAND_READ_SECTORS, sector, count);
    for (uint32_t i = 0; i < count && result == 0; i++) {
        uint8_t status = wait_for_interrupt(drive, &request, "disk read");
        result = check_status(drive, status, 1, "reading", sector + i);
        if (result == 0)
            insw(drive->io_base + REG_DATA, buffer + i * SECTOR_SIZE, WORDS_PER_SECTOR);
    }
    drive->request = 0;
    return result;
}

/* WRITE SECTORS of `count` (1-256) sectors. Context: kernel lock and
 * one_request held; sleeps. */
static int write_run(struct ata_drive *drive, uint32_t sector, uint32_t count, const uint8_t *buffer)
{
    struct ata_request request;
    int result = start_command(drive, &request, COMMAND_WRITE_SECTORS, sector, count);
    if (result == 0)   /* the first sector is asked for without an interrupt */
        result = check_status(drive, poll_status(drive, STATUS_DATA_REQUEST | STATUS_ERROR | STATUS_DRIVE_FAULT),
                              1, "writing", sector);
    for (uint32_t i = 0; i < count && result == 0; i++) {
        outsw(drive->io_base + REG_DATA, buffer + i * SECTOR_SIZE, WORDS_PER_SECTOR);
        uint8_t status = wait_for_interrupt(drive, &request, "disk write");
        result = check_status(drive, status, i + 1 < count, "writing", sector + i);
    }
    drive->request = 0;
    return result;
}

/* One task's command at a time, from the first register to the last
 * status, with the kernel lock held throughout (a system call holds it
 * already; the boot task and in-kernel tests run with interrupts on). */
static void begin_request(struct ata_drive *drive)
{
    mutex_lock(&drive->one_request);
    kernel_lock();
}

static void end_request(struct ata_drive *drive)
{
    kernel_unlock();
    mutex_unlock(&drive->one_request);
}

/* The driver checks the range itself: a sector number past the disk
 * would otherwise reach the drive, or wrap around 28 bits. */
static int request_fits(const struct block_device *device, uint32_t sector, uint32_t count)
{
    return sector < device->sector_count && count <= device->sector_count - sector;
}

/* A request of `count` sectors from `sector`, cut into commands of at
 * most SECTORS_PER_COMMAND_MAX sectors, one after the other; `writing`
 * says which way the bytes go (a write only reads `bytes`). Context: may
 * sleep (not from interrupt handlers). */
static int transfer(struct block_device *device, uint32_t sector, uint32_t count, uint8_t *bytes, int writing)
{
    struct ata_drive *drive = device->driver;
    if (!request_fits(device, sector, count))
        return -EIO;
    int result = 0;
    begin_request(drive);
    while (count > 0 && result == 0) {
        uint32_t run = count < SECTORS_PER_COMMAND_MAX ? count : SECTORS_PER_COMMAND_MAX;
        result = writing ? write_run(drive, sector, run, bytes) : read_run(drive, sector, run, bytes);
        if (result == 0)
            *(writing ? &device->sectors_written : &device->sectors_read) += run;
        sector += run;
        count -= run;
        bytes += run * SECTOR_SIZE;
    }
    end_request(drive);
    return result;
}

/* block_device.read and block_device.write. */
static int ata_read(struct block_device *device, uint32_t sector, uint32_t count, void *buffer)
{
    return transfer(device, sector, count, buffer, 0);
}

static int ata_write(struct block_device *device, uint32_t sector, uint32_t count, const void *buffer)
{
    return transfer(device, sector, count, (uint8_t *)buffer, 1);
}

/* block_device.flush: FLUSH CACHE. Context: may sleep. */
static int ata_flush(struct block_device *device)
{
    struct ata_drive *drive = device->driver;
    struct ata_request request;
    begin_request(drive);
    int result = start_command(drive, &request, COMMAND_FLUSH_CACHE, 0, 0);
    if (result == 0)
        result = check_status(drive, wait_for_interrupt(drive, &request, "disk flush"), 0, "flushing", NO_SECTOR);
    drive->request = 0;
    end_request(drive);
    return result;
}

/* Sends IDENTIFY DEVICE to the master with its interrupt held back, and
 * takes the 256 words it answers. 0, or -ENODEV when no ATA disk answers:
 * nothing on the channel (QEMU reads 0, real hardware 0xFF), or a CD
 * drive, which aborts the command and leaves its signature (ATAPI: 0x14,
 * 0xEB) in the LBA registers. Context: boot; polls. */
static int identify(struct ata_drive *drive, uint16_t identity[WORDS_PER_SECTOR])
{
    uint16_t io = drive->io_base;
    if (inb(io + REG_STATUS) == STATUS_NOTHING_CONNECTED)
        return -ENODEV;
    outb(drive->control_port, CONTROL_INTERRUPT_DISABLE);
    outb(io + REG_DRIVE_SELECT, SELECT_MASTER_LBA);
    settle(drive);
    outb(io + REG_SECTOR_COUNT, 0);
    outb(io + REG_LBA_LOW, 0);
    outb(io + REG_LBA_MID, 0);
    outb(io + REG_LBA_HIGH, 0);
    outb(io + REG_COMMAND, COMMAND_IDENTIFY_DEVICE);
    settle(drive);
    if (alternate_status(drive) == 0)
        return -ENODEV;                                   /* no drive took the command */
    int status = poll_status(drive, STATUS_DATA_REQUEST | STATUS_ERROR | STATUS_DRIVE_FAULT);
    if (status < 0 || inb(io + REG_LBA_MID) || inb(io + REG_LBA_HIGH))
        return -ENODEV;                                   /* silent, or not an ATA disk */
    if ((status & (STATUS_ERROR | STATUS_DRIVE_FAULT)) || !(status & STATUS_DATA_REQUEST))
        return -ENODEV;
    insw(io + REG_DATA, identity, WORDS_PER_SECTOR);
    (void)inb(io + REG_STATUS);                           /* the command is over */
    return 0;
}

/* "65536 sectors (32 MiB)" in the boot line, KiB for a tiny disk. */
static void announce(const struct block_device *device)
{
    uint32_t sectors = device->sector_count;
    if (sectors >= SECTORS_PER_MIB)
        kprintf("disk %s: %u sectors (%u MiB), ATA PIO, IRQ %d\n", device->name, sectors,
                sectors / SECTORS_PER_MIB, PRIMARY_IRQ);
    else
        kprintf("disk %s: %u sectors (%u KiB), ATA PIO, IRQ %d\n", device->name, sectors,
                sectors / (1024 / SECTOR_SIZE), PRIMARY_IRQ);
}

void ata_init(void)
{
    struct ata_drive *drive = &primary_master;
    struct block_device *device = &drive->device;
    drive->io_base = PRIMARY_IO_BASE;
    drive->control_port = PRIMARY_CONTROL_PORT;
    uint16_t identity[WORDS_PER_SECTOR];
    if (identify(drive, identity) < 0)
        return;
    uint32_t sectors = identity[IDENTIFY_LBA28_SECTORS] | (uint32_t)identity[IDENTIFY_LBA28_SECTORS + 1] << 16;
    strlcpy(device->name, "hda", sizeof device->name);
    if (!(identity[IDENTIFY_CAPABILITIES] & IDENTIFY_CAPABILITY_LBA) || sectors == 0) {
        kprintf("disk %s: no LBA addressing, not used\n", device->name);
        return;
    }
    mutex_init(&drive->one_request);
    wait_queue_init(&drive->interrupt_waiters);
    device->sector_count = sectors;
    device->read = ata_read;
    device->write = ata_write;
    device->flush = ata_flush;
    device->driver = drive;
    irq_set_handler(PRIMARY_IRQ, ata_interrupt);
    pic_unmask(PRIMARY_IRQ);
    outb(drive->control_port, 0);                         /* the drive may interrupt from now on */
    block_device_register(device);
    announce(device);
}
