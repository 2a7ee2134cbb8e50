/* kernel/drivers/console.c - the console's line discipline.
 *
 *   keyboard / serial IRQ --> console_input --> line being edited
 *                                                   | Enter / Ctrl-D
 *                                                   v
 *   read() <-- wait queue "console read" <------ completed input
 */
#include "console.h"

#include "fs/file.h"
#include "mm/uaccess.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"
#include "serial.h"
#include "uapi/errno.h"
#include "vga.h"

#define LINE_MAX        256      /* characters in the line being edited */
#define INPUT_SIZE      1024     /* completed input waiting for read */
#define CONTROL(c)      ((c) & 0x1f)
#define DELETE          0x7f
#define TCGETS          0x5401   /* ioctl: "are you a terminal?" */

static char line[LINE_MAX];
static unsigned line_length;
static char input[INPUT_SIZE];   /* ring buffer */
static unsigned input_head, input_count;
static unsigned end_of_file_pending;   /* Ctrl-D presses on an empty line */
static struct wait_queue readers = WAIT_QUEUE_INITIALIZER;
static int newline_as_crlf;

void console_init(int serial_newline_as_crlf)
{
    newline_as_crlf = serial_newline_as_crlf;
    serial_set_receive_handler(console_input);
    serial_enable_receive_interrupt();
}

static void output_char(char c)
{
    if (c == '\n' && newline_as_crlf)
        serial_write_char('\r');
    serial_write_char(c);
    vga_write_char(c);
}

void console_write(const char *text, uint32_t length)
{
    for (uint32_t i = 0; i < length; i++)
        output_char(text[i]);
}

/* Moves the edited line to the completed input. */
static void complete_line(void)
{
    for (unsigned i = 0; i < line_length && input_count < INPUT_SIZE; i++) {
        input[(input_head + input_count) % INPUT_SIZE] = line[i];
        input_count++;
    }
    line_length = 0;
    wait_queue_wake_all(&readers);
}

void console_input(char c)
{
    if (c == '\r')
        c = '\n';
    if (c == '\b' || c == DELETE) {
        if (line_length > 0) {
            line_length--;
            console_write("\b \b", 3);
        }
        return;
    }
    if (c == CONTROL('d')) {
        if (line_length == 0)
            end_of_file_pending++;
        complete_line();
        return;
    }
    if (c == CONTROL('u')) {               /* erase the whole line */
        while (line_length > 0) {
            line_length--;
            console_write("\b \b", 3);
        }
        return;
    }
    if (line_length < LINE_MAX - 1 || c == '\n') {
        line[line_length++] = c;
        output_char(c);                    /* echo */
    }
    if (c == '\n')
        complete_line();
}

static int console_read(struct file *file, void *user_buffer, uint32_t size)
{
    (void)file;
    char chunk[LINE_MAX];
    lock_scheduler();
    while (input_count == 0 && end_of_file_pending == 0) {
        if (wait_queue_sleep(&readers, "console read", 0, WAIT_INTERRUPTIBLE) == WAKE_INTERRUPTED) {
            unlock_scheduler();
            return -EINTR;
        }
    }
    uint32_t count = 0;
    if (input_count == 0) {
        end_of_file_pending--;             /* Ctrl-D on an empty line: read returns 0 */
    } else {
        /* one line at most, as a terminal in canonical mode gives */
        while (count < size && count < sizeof chunk && input_count > 0) {
            char c = input[input_head];
            input_head = (input_head + 1) % INPUT_SIZE;
            input_count--;
            chunk[count++] = c;
            if (c == '\n')
                break;
        }
    }
    unlock_scheduler();
    if (copy_to_user(user_buffer, chunk, count) < 0)
        return -EFAULT;
    return (int)count;
}

static int console_file_write(struct file *file, const void *user_buffer, uint32_t size)
{
    (void)file;
    char chunk[256];
    uint32_t done = 0;
    while (done < size) {
        uint32_t n = size - done < sizeof chunk ? size - done : sizeof chunk;
        if (copy_from_user(chunk, (const char *)user_buffer + done, n) < 0)
            return done ? (int)done : -EFAULT;
        console_write(chunk, n);
        done += n;
    }
    return (int)done;
}

static int console_ioctl(struct file *file, uint32_t request, uint32_t argument)
{
    (void)file;
    (void)argument;
    return request == TCGETS ? 0 : -EINVAL;
}

static const struct file_operations console_operations = {
    .read = console_read,
    .write = console_file_write,
    .ioctl = console_ioctl,
};

struct file *console_open(uint32_t flags)
{
    return file_create(&console_operations, 0, flags);
}
