; arch/x86/ap_trampoline.asm - where another CPU starts: from 16-bit real
; mode at physical 0x7000 to ap_main (smp_boot.c) in the kernel half.
;
; smp_boot.c copies the bytes from ap_trampoline_start to
; ap_trampoline_end to physical AP_TRAMPOLINE_PHYSICAL, fills in the
; parameters at their end, and sends the CPU a STARTUP message naming
; that page: the CPU starts in real mode at cs:ip = 0x0700:0000. The code
; is assembled into the kernel image but runs at 0x7000, so every address
; in it is its distance from ap_trampoline_start plus 0x7000 (AT below).
;
;   real mode        lgdt (this file's flat segments), CR0.PE
;   protected mode   CR4.PSE, CR3 = the start directory (smp_boot.c: the
;                    kernel half, and physical 0-4 MiB at 0 so that the
;                    instruction after CR0.PG is still mapped), CR0.PG
;   paging           the stack smp_boot.c gave this CPU; jump to ap_main
;                    in the kernel half, which leaves the start directory

AP_TRAMPOLINE_PHYSICAL equ 0x7000         ; smp_boot.h says the same
%define AT(label) (AP_TRAMPOLINE_PHYSICAL + (label) - ap_trampoline_start)

section .rodata
global ap_trampoline_start, ap_trampoline_end, ap_trampoline_parameters

bits 16
ap_trampoline_start:
    cli
    cld
    xor ax, ax
    mov ds, ax
    lgdt [AT(trampoline_gdt_pointer)]
    mov eax, cr0
    or eax, 1                             ; CR0.PE: protected mode
    mov cr0, eax
    jmp dword 0x08:AT(protected_mode)     ; a far jump loads cs from the new GDT

bits 32
protected_mode:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    xor ax, ax
    mov fs, ax
    mov gs, ax
    mov eax, cr4
    or eax, 0x10                          ; CR4.PSE: 4 MiB pages, as the first CPU's
    mov cr4, eax
    mov eax, [AT(parameter_directory)]
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80010000                    ; CR0.PG | CR0.WP, as boot/multiboot.asm
    and eax, ~0x60000004                  ; caches on (CD, NW: INIT sets them), CR0.EM off
    or eax, 0x22                          ; CR0.MP and CR0.NE: native FPU errors, as the first
    mov cr0, eax                          ; CPU (NE off would route them to IRQ 13 via FERR)
    fninit
    mov esp, [AT(parameter_stack_top)]
    push dword [AT(parameter_cpu)]        ; ap_main's argument
    push dword 0                          ; its return address: none, the backtrace ends
    xor ebp, ebp
    mov eax, [AT(parameter_entry)]
    jmp eax

align 8
trampoline_gdt:                           ; the selectors of gdt.h: 0x08 code, 0x10 data
    dq 0
    dq 0x00CF9A000000FFFF                 ; ring 0 code, base 0, 4 GiB
    dq 0x00CF92000000FFFF                 ; ring 0 data, base 0, 4 GiB
trampoline_gdt_pointer:
    dw 3 * 8 - 1
    dd AT(trampoline_gdt)

align 4
ap_trampoline_parameters:                 ; struct ap_trampoline_parameters (smp_boot.c)
parameter_directory: dd 0
parameter_stack_top: dd 0
parameter_entry:     dd 0
parameter_cpu:       dd 0
ap_trampoline_end:
