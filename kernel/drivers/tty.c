/* kernel/drivers/tty.c - the five terminals and their open files.
 *
 *   keyboard / serial IRQ --> tty_input --> line being edited  (echo)
 *                                                | Enter / Ctrl-D (ICANON)
 *                                                | every byte (raw)
 *                                                v
 *   read() <--- wait queue "tty read" <---- readable bytes
 *               (raw: VMIN / VTIME decide when read returns)
 *
 *   Ctrl-C / Ctrl-\ / Ctrl-Z (ISIG) --> signal hook (foreground group, signal)
 *   write() --> tty_write --> OPOST/ONLCR --> VGA screen or COM1
 *
 * The settings (struct termios) live in the line discipline; ioctl reads
 * and changes them (tty_ioctl.c). Every field of a terminal is changed
 * with interrupts off: input arrives in interrupt handlers, and readers
 * check and sleep under the kernel lock, so input that arrives between
 * the check and the sleep still wakes them. */
#include "tty.h"
#include "tty_internal.h"
#include "tty_job_control.h"

#include "arch/x86/cpu.h"
#include "ptys_for_core.h"
#include "fs/file.h"
#include "fs/multiplexing_for_core.h"
#include "ipc/signal.h"
#include "keyboard.h"
#include "lib/kprintf.h"
#include "mm/uaccess.h"
#include "sched/clock.h"
#include "sched/scheduler.h"
#include "sched/wait_queue.h"
#include "serial.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/signal.h"
#include "uapi/stat.h"
#include "vga.h"

#define COPY_CHUNK      256        /* bytes moved between user memory and a terminal at a time */
#define TTY_FILE_MODE   (S_IFCHR | 0620)   /* crw--w---- as on Linux */
#define TTY_MAJOR        4                  /* Linux's device numbers of terminals ... */
#define TTY_SERIAL_MINOR 64                 /* ... ttyS0 is (4, 64) */
#define TTY_DEVICE_NUMBER(minor) ((TTY_MAJOR << 8) | (minor))   /* st_rdev, Linux's old encoding */
#define PTY_SLAVE_MAJOR  136                /* /dev/pts/N is (136, N) */

static int newline_as_crlf;
static tty_signal_hook_function *signal_hook;

/* Output of tty1..tty4: their own VGA screen. */
static void screen_output_char(struct tty *tty, char c)
{
    vga_screen_write_char(tty->index, c);
}

/* Output of ttyS0: COM1. */
static void serial_output_char(struct tty *tty, char c)
{
    (void)tty;
    serial_write_char(c);
}

void tty_output_processed(struct tty *tty, char c)
{
    tcflag_t modes = tty->discipline.settings.c_oflag;
    if (modes & OPOST) {
        if (c == '\n' && (modes & ONLCR))
            tty->output_char(tty, '\r');
        else if (c == '\r' && (modes & OCRNL))
            c = '\n';
    }
    tty->output_char(tty, c);
}

/* The line discipline's echo: shown like program output. */
static void echo_to_terminal(void *context, const char *text, unsigned length)
{
    struct tty *tty = context;
    for (unsigned i = 0; i < length; i++)
        tty_output_processed(tty, text[i]);
}

#define TERMINAL(i, terminal_name, output)                                         \
    [i] = { .name = terminal_name, .index = i, .output_char = output,               \
            .readers = WAIT_QUEUE_INITIALIZER, .writers = WAIT_QUEUE_INITIALIZER,   \
            .discipline = { .echo = echo_to_terminal, .echo_context = &terminals[i] } }

/* Ready to write to from the first kprintf on; input starts with tty_init. */
static struct tty terminals[TTY_COUNT] = {
    TERMINAL(0, "tty1", screen_output_char),
    TERMINAL(1, "tty2", screen_output_char),
    TERMINAL(2, "tty3", screen_output_char),
    TERMINAL(3, "tty4", screen_output_char),
    TERMINAL(TTY_SERIAL, "ttyS0", serial_output_char),
};

/* Terminal `index`, or NULL when there is none: the five fixed ones,
 * then the pseudoterminals' slaves that exist (pty.c). */
static struct tty *terminal(int index)
{
    if (index >= 0 && index < TTY_COUNT)
        return &terminals[index];
    return index >= TTY_COUNT && index < TTY_COUNT + PTY_COUNT ? pty_slave(index - TTY_COUNT) : 0;
}

/* A pseudoterminal's slave, whose output goes to its master's ring? */
static int is_pty_slave(const struct tty *tty)
{
    return tty->index >= TTY_COUNT;
}

void tty_init_terminal(struct tty *tty, const char *name, int index, void (*output_char)(struct tty *, char))
{
    tty->name = name;
    tty->index = index;
    tty->output_char = output_char;
    wait_queue_init(&tty->readers);
    wait_queue_init(&tty->writers);
    wait_queue_init(&tty->input_room);
    line_discipline_init(&tty->discipline, echo_to_terminal, tty);
}

/* Linux's settings for every terminal; ttyS0 runs at the UART's 115200
 * baud and, booted with serial=raw, without ONLCR. The VGA consoles are
 * 80 x 25; the serial line's size is unknown (0 x 0, as on Linux). */
void tty_init(int serial_newline_as_crlf)
{
    newline_as_crlf = serial_newline_as_crlf;
    for (int i = 0; i < TTY_COUNT; i++) {
        struct tty *tty = &terminals[i];
        line_discipline_init(&tty->discipline, echo_to_terminal, tty);
        if (i == TTY_SERIAL) {
            struct termios *settings = &tty->discipline.settings;
            settings->c_cflag = (settings->c_cflag & ~CBAUD) | B115200;
            settings->c_ispeed = settings->c_ospeed = B115200;
            if (!newline_as_crlf)
                settings->c_oflag &= ~ONLCR;
        } else {
            tty->window.ws_row = 25;
            tty->window.ws_col = 80;
        }
    }
    serial_enable_receive_interrupt();
    keyboard_init();
}

const char *tty_name(int index)
{
    struct tty *tty = terminal(index);
    return tty ? tty->name : 0;
}

tty_signal_hook_function *tty_set_signal_hook(tty_signal_hook_function *hook)
{
    tty_signal_hook_function *previous = signal_hook;
    signal_hook = hook;
    return previous;
}

int tty_of_session(int session)
{
    int found = -1;
    kernel_lock();                       /* the pseudoterminals stay as they are */
    for (int index = 0; index < TTY_COUNT + PTY_COUNT && found < 0; index++) {
        struct tty *tty = terminal(index);
        if (tty && session > 0 && tty->session == session && tty_session(tty) == session)
            found = index;
    }
    kernel_unlock();
    return found;
}

void tty_session_leader_exited(int session)
{
    for (int index = 0; index < TTY_COUNT + PTY_COUNT; index++) {
        struct tty *tty = terminal(index);
        if (!tty || session <= 0 || tty->session != session)
            continue;
        tty_signal_foreground(tty, SIGHUP);
        tty->session = 0;
        tty->foreground_group = 0;
    }
}

int tty_foreground_group(int index)
{
    struct tty *tty = terminal(index);
    return tty ? tty->foreground_group : 0;
}

void tty_set_foreground_group(int index, int process_group)
{
    struct tty *tty = terminal(index);
    if (tty)
        tty->foreground_group = process_group;
}

/* The signal a line event asks for, or 0. */
static int signal_for(enum line_event event)
{
    switch (event) {
    case LINE_EVENT_INTERRUPT: return SIGINT;
    case LINE_EVENT_QUIT:      return SIGQUIT;
    case LINE_EVENT_SUSPEND:   return SIGTSTP;
    default:                   return 0;
    }
}

void tty_signal_foreground(struct tty *tty, int signal)
{
    if (tty->foreground_group > 0 && signal_hook)
        signal_hook(tty->foreground_group, signal);
}

void tty_input(int index, char c)
{
    struct tty *tty = terminal(index);
    if (!tty)
        return;
    /* lock_stuff, not just the lock: a reader woken here must not run
     * until every reader is woken. Were it to run at once (the CPU was
     * idle), it could take the line and queue up again before
     * wait_queue_wake_all has finished, which would then wake it again,
     * and again, for ever. */
    lock_stuff();
    enum line_event event = line_discipline_input(&tty->discipline, c);
    if (event == LINE_EVENT_INPUT_READY)
        wait_queue_wake_all(&tty->readers);
    int signal = signal_for(event);
    if (signal)
        tty_signal_foreground(tty, signal);
    unlock_stuff();              /* the switch to a woken task, if any, happens here */
}

void tty_write(int index, const char *text, uint32_t length)
{
    struct tty *tty = terminal(index);
    if (!tty)
        return;
    uint32_t saved = cpu_save_and_disable_interrupts();   /* no echo in the middle */
    for (uint32_t i = 0; i < length; i++)
        tty_output_processed(tty, text[i]);
    cpu_restore_interrupts(saved);
}

#define NS_PER_DECISECOND 100000000ull   /* VTIME counts tenths of a second */

/* Non-canonical mode (ICANON off): whether read() has waited enough, as
 * POSIX rules VMIN and VTIME. `readable` bytes are queued; `timed_out`:
 * the VTIME timer ran out.
 *
 *   VMIN  VTIME  read returns
 *   0     0      at once, with what is there (maybe 0 bytes)
 *   0     >0     with the first byte, or 0 bytes after VTIME
 *   >0    0      once min(VMIN, size) bytes are there
 *   >0    >0     once min(VMIN, size) bytes are there, or VTIME after the
 *                last byte arrived (the timer starts with the first byte) */
static int raw_read_may_return(const struct termios *settings, unsigned readable, uint32_t size,
                               int timed_out)
{
    unsigned minimum = settings->c_cc[VMIN];
    if (minimum > size)
        minimum = size;
    if (minimum == 0)
        return readable > 0 || settings->c_cc[VTIME] == 0 || timed_out;
    return readable >= minimum || (readable > 0 && timed_out);
}

/* The waiting part of read(): returns 0 once a read may take bytes (or
 * must return 0), -EAGAIN, or -ERESTARTSYS for a signal. Context: the
 * kernel lock held (held again on return); may sleep. */
static int wait_for_input(struct tty *tty, struct file *file, uint32_t size)
{
    const struct termios *settings = &tty->discipline.settings;
    unsigned readable_before = 0;
    uint64_t deadline = 0;
    int timed_out = 0;
    for (;;) {
        int canonical = (settings->c_lflag & ICANON) != 0;
        unsigned readable = line_discipline_readable_bytes(&tty->discipline);
        if (canonical ? line_discipline_has_input(&tty->discipline)
                      : raw_read_may_return(settings, readable, size, timed_out))
            return 0;
        if (tty->hung_up)
            return 0;                  /* the master closed: end of file */
        if (file->flags & O_NONBLOCK)
            return line_discipline_has_input(&tty->discipline) ? 0 : -EAGAIN;
        /* The timer runs at the call for VMIN 0, else from each byte on;
         * with no byte queued under VMIN > 0 (input flushed) it stops. */
        int timer_runs = !canonical && settings->c_cc[VTIME] &&
                         (settings->c_cc[VMIN] == 0 || readable > 0);
        if (!timer_runs) {
            deadline = 0;
            timed_out = 0;
        } else if (deadline == 0 || readable != readable_before) {
            deadline = clock_now_ns() + settings->c_cc[VTIME] * NS_PER_DECISECOND;
            readable_before = readable;
        }
        int woken = wait_queue_sleep(&tty->readers, "tty read", deadline, WAIT_INTERRUPTIBLE);
        if (woken == WAKE_TIMEOUT)
            timed_out = 1;
        else if (woken != WAKE_NORMAL)
            return -ERESTARTSYS;       /* a signal: restarted under SA_RESTART, else EINTR */
    }
}

/* read(): in canonical mode waits for a completed line and returns as much
 * of it as fits (never more than one line), or 0 for end of file; in
 * non-canonical mode waits as VMIN and VTIME say and returns what is
 * queued, up to `size`. May sleep; a signal ends the wait with
 * -ERESTARTSYS (signal.c makes it a restart or EINTR). */
static int tty_file_read(struct file *file, void *user_buffer, uint32_t size)
{
    struct tty *tty = file->object;
    if (size == 0)
        return 0;
    kernel_lock();
    int waited = tty_job_control_check(tty, SIGTTIN);   /* a background job: stopped */
    if (waited == 0)
        waited = wait_for_input(tty, file, size);
    if (waited < 0) {
        kernel_unlock();
        return waited;
    }
    /* The input moves through a kernel buffer, because user memory may
     * only be touched without the lock (copy_to_user may handle a page fault). */
    char chunk[COPY_CHUNK];
    uint32_t done = 0;
    int line_finished = 0, status = 0;
    while (!line_finished && done < size && line_discipline_has_input(&tty->discipline)) {
        uint32_t wanted = size - done < sizeof chunk ? size - done : sizeof chunk;
        unsigned count = line_discipline_read(&tty->discipline, chunk, wanted, &line_finished);
        kernel_unlock();
        status = copy_to_user((char *)user_buffer + done, chunk, count) < 0 ? -EFAULT : 0;
        kernel_lock();
        if (status < 0)
            break;
        done += count;
    }
    wait_queue_wake_all(&tty->input_room);   /* room for a pseudoterminal master's writes */
    kernel_unlock();
    return done ? (int)done : status;
}

/* Waits while tcflow(TCOOFF) holds the output. Returns 0, -EAGAIN or
 * -ERESTARTSYS. May sleep. */
static int wait_while_output_stopped(struct tty *tty, struct file *file)
{
    kernel_lock();
    while (tty->output_stopped) {
        if (file->flags & O_NONBLOCK) {
            kernel_unlock();
            return -EAGAIN;
        }
        if (wait_queue_sleep(&tty->writers, "tty output stopped", 0, WAIT_INTERRUPTIBLE) != WAKE_NORMAL) {
            kernel_unlock();
            return -ERESTARTSYS;
        }
    }
    kernel_unlock();
    return 0;
}

/* A pseudoterminal's slave: waits until its master's ring has room for
 * a byte after output processing (ONLCR may double each), and returns
 * how many of `count` fit, with the kernel lock held; or -EAGAIN, -EIO
 * (hung up) or -ERESTARTSYS without it. May sleep. */
static int wait_for_output_room(struct tty *tty, struct file *file, uint32_t count)
{
    kernel_lock();
    for (;;) {
        uint32_t fit = pty_output_room(tty) / 2;
        int status = tty->hung_up ? -EIO : fit > 0 ? (int)(fit < count ? fit : count) : 0;
        if (status == 0)
            status = (file->flags & O_NONBLOCK) ? -EAGAIN
                     : wait_queue_sleep(&tty->writers, "pty output", 0, WAIT_INTERRUPTIBLE) != WAKE_NORMAL
                         ? -ERESTARTSYS : 0;
        if (status < 0)
            kernel_unlock();
        if (status != 0)
            return status;
    }
}

/* write(): shows the bytes; waits only while output is stopped (TCOOFF),
 * or, on a pseudoterminal's slave, for room in its master's ring. */
static int tty_file_write(struct file *file, const void *user_buffer, uint32_t size)
{
    struct tty *tty = file->object;
    if (tty->hung_up)
        return -EIO;                   /* the master closed */
    if (tty->discipline.settings.c_lflag & TOSTOP) {
        int status = tty_job_control_check(tty, SIGTTOU);   /* a background job: stopped */
        if (status < 0)
            return status;
    }
    int waited = wait_while_output_stopped(tty, file);
    if (waited < 0)
        return waited;
    char chunk[COPY_CHUNK];
    uint32_t done = 0;
    while (done < size) {
        uint32_t count = size - done < sizeof chunk ? size - done : sizeof chunk;
        if (copy_from_user(chunk, (const char *)user_buffer + done, count) < 0)
            return done ? (int)done : -EFAULT;
        if (is_pty_slave(tty)) {
            int fit = wait_for_output_room(tty, file, count);
            if (fit < 0)
                return done ? (int)done : fit;
            count = (uint32_t)fit;     /* the rest is copied again from user memory */
            tty_write(tty->index, chunk, count);
            kernel_unlock();
        } else {
            tty_write(tty->index, chunk, count);
        }
        done += count;
    }
    return (int)done;
}

/* fstat(): a character device with Linux's numbers for its terminal:
 * major 4, minor 1..4 for tty1..tty4 and 64 for ttyS0 (ttyname(3) reads
 * them). */
unsigned tty_device_number(int index)
{
    if (index >= TTY_COUNT)
        return (PTY_SLAVE_MAJOR << 8) | (index - TTY_COUNT);   /* /dev/pts/N */
    return TTY_DEVICE_NUMBER(index == TTY_SERIAL ? TTY_SERIAL_MINOR : index + 1);
}

static int tty_stat(struct file *file, struct stat *st)
{
    struct tty *tty = file->object;
    st->st_mode = TTY_FILE_MODE;
    st->st_rdev = tty_device_number(tty->index);
    return 0;
}

/* poll(2): readable when a read would not wait (a completed line, or end
 * of file, as line_discipline_has_input says); writable always, as a
 * write never waits, but on a pseudoterminal's slave only while its
 * master's ring has room; hung up (POLLHUP, and readable: the end of
 * file) once that master closed. Watched: the readers' queue, which
 * input wakes, and the writers', which a master's read wakes. */
static unsigned tty_poll(struct file *file, struct poll_table *table)
{
    struct tty *tty = file->object;
    poll_table_watch(table, &tty->readers);
    unsigned events = POLLOUT | POLLWRNORM;
    if (is_pty_slave(tty)) {
        poll_table_watch(table, &tty->writers);
        if (tty->hung_up)
            events = POLLHUP | POLLIN | POLLRDNORM;
        else if (pty_output_room(tty) < 2)
            events = 0;
    }
    if (line_discipline_has_input(&tty->discipline))
        events |= POLLIN | POLLRDNORM;
    return events;
}

static struct inode *tty_fd_name(struct file *file, char *buffer, unsigned size)
{
    ksnprintf(buffer, size, "/dev/%s", tty_name(((const struct tty *)file->object)->index));
    return 0;
}

/* The last reference to an open terminal is gone: a pseudoterminal's
 * slave with no open file left tells its master (pty.c). */
static void tty_release(struct file *file)
{
    struct tty *tty = file->object;
    kernel_lock();
    if (--tty->opens == 0 && is_pty_slave(tty))
        pty_slave_closed(tty);
    kernel_unlock();
}

static const struct file_operations tty_operations = {
    .poll = tty_poll,
    .read = tty_file_read,
    .write = tty_file_write,
    .ioctl = tty_ioctl,
    .stat = tty_stat,
    .release = tty_release,
    .fd_name = tty_fd_name,
};

struct file *tty_open(int index, uint32_t flags)
{
    struct tty *tty = terminal(index);
    struct file *file = tty ? file_create(&tty_operations, tty, flags) : 0;
    if (file) {
        kernel_lock();
        tty->opens++;
        kernel_unlock();
    }
    return file;
}
