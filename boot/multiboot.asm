; boot/multiboot.asm - from GRUB (or QEMU's -kernel loader) to kernel_main.
;
; The loader jumps to `_start` in 32-bit protected mode with paging off,
; eax = 0x2BADB002 and ebx = the physical address of the multiboot info.
; The kernel is linked at 0xC0100000 but loaded at 0x00100000, so before any
; higher-half address is touched we turn paging on with a page directory
; that maps physical memory twice:
;
;   virtual 0x00000000-0x003FFFFF -> physical 0-4 MiB  (identity: the next
;                                    instruction after enabling paging runs here)
;   virtual 0xC0000000-0xFFFFFFFF -> physical 0-1 GiB  (the kernel's direct map)
;
; Both use 4 MiB pages (CR4.PSE), so the directory is the only table needed.
; kernel_main removes the identity entry once it runs in the higher half.

MULTIBOOT_MAGIC     equ 0x1BADB002
MULTIBOOT_FLAGS     equ 0x00000003       ; bit 0: modules page-aligned, bit 1: memory map
KERNEL_VIRTUAL_BASE equ 0xC0000000
PDE_PRESENT_WRITABLE_4MB equ 0x83        ; present | writable | page size 4 MiB
KERNEL_STACK_SIZE   equ 16384

section .multiboot
align 4
    dd MULTIBOOT_MAGIC
    dd MULTIBOOT_FLAGS
    dd -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

section .boot.data
align 4096
global boot_page_directory_physical
boot_page_directory_physical:            ; becomes the kernel's page directory
    times 1024 dd 0

section .boot.text
global _start
extern kernel_main
_start:
    cli
    mov esi, eax                          ; keep the loader's magic and info pointer
    mov edi, ebx

    ; identity-map the first 4 MiB (entry 0)
    mov dword [boot_page_directory_physical], PDE_PRESENT_WRITABLE_4MB
    ; map physical 0..1 GiB at 0xC0000000 (entries 768..1023)
    mov ecx, 0
    mov eax, PDE_PRESENT_WRITABLE_4MB
.map_direct:
    mov [boot_page_directory_physical + (768 * 4) + ecx * 4], eax
    add eax, 0x400000
    inc ecx
    cmp ecx, 256
    jne .map_direct

    mov eax, cr4
    or eax, 0x10                          ; CR4.PSE: allow 4 MiB pages
    mov cr4, eax
    mov eax, boot_page_directory_physical
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80010000                    ; CR0.PG (paging) | CR0.WP (ring 0 honours read-only pages)
    mov cr0, eax

    lea eax, [higher_half]                ; an absolute jump into the higher half
    jmp eax

section .text
higher_half:
    mov eax, cr0
    and eax, ~0x4                         ; CR0.EM off: the x87 FPU is there
    or eax, 0x22                          ; CR0.MP and CR0.NE: native FPU errors
    mov cr0, eax
    fninit
    mov esp, boot_stack_top
    xor ebp, ebp                          ; ends the backtrace chain
    push edi                              ; multiboot info (physical address)
    push esi                              ; multiboot magic
    call kernel_main
.hang:
    cli
    hlt
    jmp .hang

section .bss
align 16
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    resb KERNEL_STACK_SIZE
boot_stack_top:
