/* kernel/lib/kprintf.c - the kernel log on serial and VGA. */
#include "kprintf.h"

#include "arch/x86/cpu.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "format.h"

static const char LINE_PREFIX[] = "[kernel] ";
static int at_line_start = 1;
static int quiet;

void kprintf_set_quiet(int value)
{
    quiet = value;
}

static void log_char(void *context, char c)
{
    (void)context;
    if (at_line_start) {
        for (const char *p = LINE_PREFIX; *p; p++)
            serial_write_char(*p);
        at_line_start = 0;
    }
    serial_write_char(c);
    vga_write_char(c);
    if (c == '\n')
        at_line_start = 1;
}

/* Writes to the log, quiet or not. */
static int log_format(const char *fmt, va_list args)
{
    uint32_t flags = cpu_save_and_disable_interrupts();  /* one line at a time */
    int count = format(log_char, 0, fmt, args);
    cpu_restore_interrupts(flags);
    return count;
}

int vkprintf(const char *fmt, va_list args)
{
    return quiet ? 0 : log_format(fmt, args);
}

int kprintf_even_when_quiet(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int count = log_format(fmt, args);
    va_end(args);
    return count;
}

int kprintf(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int count = vkprintf(fmt, args);
    va_end(args);
    return count;
}

struct string_sink {
    char *buffer;
    unsigned size;
    unsigned used;
};

static void string_char(void *context, char c)
{
    struct string_sink *sink = context;
    if (sink->used + 1 < sink->size)
        sink->buffer[sink->used] = c;
    sink->used++;
}

int vksnprintf(char *buffer, unsigned size, const char *fmt, va_list args)
{
    struct string_sink sink = { buffer, size, 0 };
    int count = format(string_char, &sink, fmt, args);
    if (size)
        buffer[sink.used < size ? sink.used : size - 1] = 0;
    return count;
}

int ksnprintf(char *buffer, unsigned size, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int count = vksnprintf(buffer, size, fmt, args);
    va_end(args);
    return count;
}
