/* kernel/fs/block_device.c - the disks the drivers found, by name.
 *
 * A short table filled at boot: drivers register what they find
 * (kernel/drivers/ata.c registers "hda"), mount looks a disk up by the
 * name the user gives ("/dev/hda" or "hda"), kinfo sums its counters. Disks
 * never go away, so the table only grows. */
#include "block_device.h"

#include "kernel/panic.h"
#include "lib/string.h"

#define DEVICE_DIRECTORY_PREFIX "/dev/"   /* "/dev/hda" names "hda" */

static struct block_device *devices[BLOCK_DEVICES_MAX];
static unsigned device_count;

/* Context: boot (the drivers' init functions); never sleeps. */
void block_device_register(struct block_device *device)
{
    ASSERT(device_count < BLOCK_DEVICES_MAX);
    size_t length = strnlen(device->name, BLOCK_DEVICE_NAME_MAX);
    ASSERT(length > 0 && length < BLOCK_DEVICE_NAME_MAX);   /* terminated: strcmp below relies on it */
    ASSERT(!block_device_find(device->name));
    devices[device_count++] = device;
}

/* Context: anywhere; never sleeps. */
struct block_device *block_device_find(const char *name)
{
    size_t prefix_length = strlen(DEVICE_DIRECTORY_PREFIX);
    if (!strncmp(name, DEVICE_DIRECTORY_PREFIX, prefix_length))
        name += prefix_length;
    for (unsigned i = 0; i < device_count; i++)
        if (!strcmp(devices[i]->name, name))
            return devices[i];
    return 0;
}

/* Context: anywhere; never sleeps. */
struct block_device *block_device_at(unsigned index)
{
    return index < device_count ? devices[index] : 0;
}

const char *block_device_name(const struct block_device *device)
{
    return device->name;
}

void block_device_sector_counts(unsigned *read, unsigned *written)
{
    *read = 0;
    *written = 0;
    for (unsigned i = 0; i < device_count; i++) {
        *read += devices[i]->sectors_read;
        *written += devices[i]->sectors_written;
    }
}
