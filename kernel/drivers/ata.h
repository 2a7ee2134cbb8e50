/* kernel/drivers/ata.h - the first IDE disk, read and written by PIO.
 *
 * The driver finds the master drive of the primary IDE channel (QEMU's
 * `-drive file=IMG,format=raw,if=ide,index=0`) and registers it as the
 * block device "hda" (kernel/fs/block_device.h); everything else reaches
 * the disk through that device's read, write and flush. */
#ifndef KERNEL_DRIVERS_ATA_H
#define KERNEL_DRIVERS_ATA_H

/* Asks the primary master who it is (IDENTIFY DEVICE). A disk is
 * registered as "hda" and announced on the log, with its interrupt (IRQ
 * 14) installed; no drive, or a CD drive, leaves nothing behind and says
 * nothing. Context: boot, once, after initialise_multitasking and
 * start_idle_task (requests sleep until the disk's interrupt); polls the
 * drive briefly, never sleeps. */
void ata_init(void);

#endif
