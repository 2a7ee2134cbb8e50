/* arch/x86/pic.h - the two 8259 interrupt controllers. */
#ifndef ARCH_X86_PIC_H
#define ARCH_X86_PIC_H

/* Remaps IRQ 0-15 to vectors 32-47 (away from the CPU's exceptions) and
 * masks every line; pic_unmask enables one. */
void pic_init(void);
void pic_unmask(int irq);
void pic_mask(int irq);

/* Opens the PIC's way into the CPU: on a CPU with a local APIC, its
 * LINT0 line, set to pass the PIC's interrupts ("virtual wire mode").
 * For a kernel that runs with the PIC alone: the subsystem "smp" sets the
 * local APIC up itself (arch/x86/local_apic.c). Context: boot, paging on
 * (it maps the APIC's registers), interrupts off. */
void pic_open_the_cpus_line(void);

/* Masks every line: the I/O APIC (io_apic.h) brings the devices'
 * interrupts from now on. */
void pic_mask_all(void);

/* Acknowledges `irq` so that the controller delivers the next one. */
void pic_end_of_interrupt(int irq);

/* True when `irq` (7 or 15) was spurious: the controller raised it and
 * withdrew it; such an interrupt must not be acknowledged. */
int pic_is_spurious(int irq);

#endif
