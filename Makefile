# The one entry point. `make help` lists the targets; README.md explains them.
#
#   make            build/kernel.elf and build/os.iso
#   make run        boot the ISO in QEMU (VGA window if there is a display; serial on this terminal),
#                   with the disk build/disk.img as /home (made once, kept between runs)
#   make debug      the same, but QEMU waits for GDB, which attaches with the kernel's symbols
#   make debug PROG=file.c [ARGS="a b"]   GDB stops in that program's main (docs/debugging.md)
#   make run-prog PROG=file.c [ARGS="a b"] [TIMEOUT=60] [DISK=file.img]   run one program (see tools/run-prog)
#   make run NET=1  with a network card: host 127.0.0.1:5555 is the guest's TCP port 7 (README.md)
#   make run-pair SERVER=a.c CLIENT=b.c   two machines on one cable, a server and a client (tools/run-pair)
#   make trace-view PROG=file.c [ARGS="a b"]   run it with the IPC trace on and draw the trace
#   make thread-layout   docs/threads-layout.svg: a process's three threads, read by GDB
#   make disk-layout     docs/disk-layout.svg: the block groups of a real disk image
#   make test       every test; the last line says "N passed, N failed"
#   make PROFILE=core  a kernel of the core subsystems only (core, ipc, full), in build/core
#   make crash [CRASHES=20] [SEED=n]   QEMU killed during disk writes; e2fsck repairs each image
#   make man        the manual pages as HTML in build/man/
#   make deps       install the Debian packages the build needs
#   make clean-disk delete the disk; the next `make run` makes a fresh one
#   make clean      delete what build/ holds, but not the disk build/disk.img
#
# DISK=file.img: make run, make debug and make run-prog use that disk image
# instead (made by tools/make-disk if it does not exist, and kept).
#
# Each target built prints one line, its kind and its name
# ("  CC      kernel/ipc/pipe.c"); `make V=1` prints every command in full.

CROSS   ?= i686-linux-gnu-
CC      := $(CROSS)gcc
AR      := $(CROSS)ar
NM      := $(CROSS)nm
STRIP   := $(CROSS)strip
NASM    ?= nasm
HOSTCC  ?= gcc
QEMU    ?= qemu-system-i386
OPT     ?= -O2
# PROFILE (below, "the kernel") and B go together: a profile other than
# full builds in build/PROFILE, and B=build/core alone means PROFILE=core
# (the tools pass B=).
ifeq ($(origin PROFILE),undefined)
  PROFILE := $(if $(filter build/core build/ipc,$(patsubst %/,%,$(B))),$(notdir $(patsubst %/,%,$(B))),full)
endif
# SYSCALL=int80: a libc that enters the kernel by int 0x80 alone, never by
# sysenter (libc/syscall.h), to measure what sysenter costs in make bench's
# instructions (docs/performance.md, "Every row against its figure before
# issue 34"). The whole kernel, in build/int80 unless B says otherwise.
ifeq ($(origin B),undefined)
  B := $(if $(filter int80,$(SYSCALL)),build/int80,$(if $(filter full,$(PROFILE)),build,build/$(PROFILE)))
endif
ifneq ($(filter-out int80,$(SYSCALL)),)
  $(error SYSCALL=$(SYSCALL): the one other way in is int80)
endif

# CPUS: how many CPUs the machine has (QEMU's -smp, 1 to 8); the kernel
# runs tasks on all of them (docs/smp.md). `make run CPUS=4`. With more
# than one, QEMU runs each guest CPU in a host thread of its own
# (multi-threaded TCG), so that they really run at once; -icount, which
# counts instructions exactly (make bench), needs one thread for all, and
# tools/qemu_boot.py drops this where it is given.
CPUS ?= 1
MULTI_THREADED := -accel tcg,thread=multi
ifeq ($(filter $(CPUS),1 2 3 4 5 6 7 8),)
  $(error CPUS=$(CPUS): the kernel takes 1 to 8 CPUs)
endif

# QEMU's options, in this one place (tools/run-tests and tools/run-prog read
# them with `make -s print-qemu-options`). QEMU_EXTRA appends to them.
# `-nic none`: no network card. Left to itself QEMU would add one on a user
# network that reaches everything the host reaches; a boot that wants the
# card adds it on a restricted one (NET below).
QEMU_OPTIONS := -machine pc -cpu qemu32 -smp $(CPUS) $(if $(filter-out 1,$(CPUS)),$(MULTI_THREADED)) \
                -m 256M -no-reboot -nic none \
                -device isa-debug-exit,iobase=0xf4,iosize=0x04 $(QEMU_EXTRA)
# Every boot of a tool (print-qemu-options) starts the kernel with -kernel,
# and its machine has none of QEMU's default devices but the VGA card, which
# the kernel writes (-nodefaults -vga std; the serial lines come with each
# tool's options). The default empty CD drive is the one that matters: the
# BIOS probes it for about a quarter of a second of the host's time under
# -icount, a third of a short boot test, and no tool reads a CD. `make run`
# and `make debug` keep QEMU's defaults, and so does the ISO test, which
# boots as `make run` does (it asks with TOOL_MACHINE= left empty).
TOOL_MACHINE := -nodefaults -vga std
# The date in the machine's CMOS clock, where the kernel starts CLOCK_REALTIME
# (docs/scheduler.md). `make run` and `make debug`: the host's time in UTC, as
# a student expects. Every tool that boots (print-qemu-options: run-prog, the
# tests, bench, fuzz, stress) pins PINNED_DATE on the guest's own clock, so
# runs repeat; the clock's tests expect that date. QEMU_EXTRA comes after it
# and may give another (QEMU_EXTRA="-rtc base=2038-01-19").
HOST_CLOCK   := -rtc base=utc,clock=host
PINNED_DATE  := 2024-12-31T21:43:56
PINNED_CLOCK := -rtc base=$(PINNED_DATE),clock=vm
# How the ISO boots (make run, make debug, the ISO test: `make -s
# print-iso-options`): from the CD first. In QEMU's default order the BIOS
# tries the hard disk and the floppy before it, and prints "Boot failed"
# for each: there is no floppy, and the disk holds /home, not a boot sector.
ISO_OPTIONS = -cdrom $(B)/os.iso -boot order=d

# The disk: an ext2 image that the kernel mounts on /home at boot
# (kernel/fs/mount.c), made by tools/make-disk only when it does not exist,
# so what a student saved survives the next `make run`. make run and make
# debug always attach one; make run-prog only when DISK= is given (hence
# RUN_PROG_DISK, read before the default). QEMU takes it as the first IDE
# disk, which the kernel calls hda.
RUN_PROG_DISK := $(DISK)
DISK ?= $(B)/disk.img
DISK_OPTIONS = -drive file=$(DISK),format=raw,if=ide,index=0

# The network (README.md, "The network"). NET=1: make run and make debug
# boot with an e1000 on QEMU's user network with restrict=on (the guest
# reaches nothing but the forwards) and NET_FORWARD, the demo's forward:
# 127.0.0.1:5555 on the host is TCP port 7 of the guest, where an echo
# server (user/demos/network/) answers. PCAP=file.pcap records every frame
# of the card (QEMU's filter-dump; tcpdump -r, Wireshark). tools/qemu_boot.py
# writes these options (the one place that checks a forward is bound to
# 127.0.0.1) for make and for every tool alike.
NET ?= 0
NET_FORWARD ?= hostfwd=tcp:127.0.0.1:5555-:7
NET_ARGUMENTS = $(if $(filter 1,$(NET)),--card $(addprefix --forward ,$(NET_FORWARD))) $(if $(PCAP),--pcap $(PCAP))
NET_OPTIONS_COMMAND = python3 tools/qemu_boot.py net-options $(NET_ARGUMENTS)

# V=1: every command in full. Otherwise one line per target, `say`'s kind
# and name, and nothing at all under `make -s` (the tools call make so).
V ?= 0
ifeq ($(V),1)
  Q :=
  say :=
else
  Q := @
  ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
    say :=
  else
    say = @printf '  %-7s %s\n' '$(1)' '$(2)'
  endif
endif

COMMON_CFLAGS := -m32 -march=i686 -std=gnu11 -fno-pie -fno-stack-protector \
                 -fno-asynchronous-unwind-tables -fno-omit-frame-pointer -g
DEPENDENCY_FLAGS := -MMD -MP
# No SSE, MMX or x87 instruction in the kernel: the FPU registers are the
# calling program's (docs/scheduler.md, "The FPU"); -mno-80387 makes a
# 64-bit atomic read, which gcc would do with an x87 load, a link error.
KERNEL_CFLAGS := $(COMMON_CFLAGS) $(OPT) -ffreestanding -nostdlib -mno-sse -mno-mmx -mno-80387 \
                 -Wall -Wextra -Werror -I. -Ikernel $(DEPENDENCY_FLAGS)
USER_CFLAGS   := $(COMMON_CFLAGS) -O2 -nostdinc -isystem libc/include -isystem kernel -Wall -Wextra \
                 $(if $(filter int80,$(SYSCALL)),-DLIBC_SYSCALL_INT80)
# The libc itself: freestanding (so gcc does not turn strlen's loop into a
# call to strlen), its printf engine renamed out of the program's way, and
# errno reached directly (errno.h). -MD, not -MMD: its own headers are
# "system" headers (-isystem), which -MMD would leave out of the
# dependencies, so a changed libc header would rebuild nothing.
LIBC_CFLAGS   := $(USER_CFLAGS) -DLIBC_BUILD -ffreestanding -Dformat=__libc_format -Werror -MD -MP
USER_LDFLAGS  := -m32 -nostdlib -no-pie -static -Wl,--build-id=none -Wl,-z,noexecstack
NASMFLAGS     := -f elf32 -g -F dwarf

# ---------------------------------------------------------------- the kernel
# PROFILE: which subsystems the kernel is built from (kernel/subsystems/
# subsystem.h). core: boot, memory, scheduler, processes, in-memory files,
# pipes, signals, console, the part a student reads first
# (docs/reading-order.md), on one CPU; ipc: core, users and permissions,
# and every IPC mechanism; full: all of it (the real-time classes, the
# disk, the network, several CPUs...), the default. A
# profile other than full builds in build/PROFILE (B), so the profiles'
# objects never mix. Each subsystem's file kernel/subsystems/NAME.c lists
# its source files (the lines " *   path" of its opening comment), its
# system calls and its start.
.DEFAULT_GOAL := all
# Every rule is written here: make's built-in ones (%.o from %.c, from
# RCS and SCCS files...) would only be tried, in vain, on each of the
# thousands of files the images are made from (half a second a start).
MAKEFLAGS += --no-builtin-rules
SUBSYSTEMS_core := core
SUBSYSTEMS_ipc  := $(SUBSYSTEMS_core) users sysv_ipc posix_ipc sockets messages multiplexing timers file_locks event_files ptys
SUBSYSTEMS_full := $(SUBSYSTEMS_ipc) sched_classes mlock disk procfs net smp lock_check
SUBSYSTEMS := $(SUBSYSTEMS_$(PROFILE))
ifeq ($(SUBSYSTEMS),)
$(error PROFILE=$(PROFILE): the profiles are core, ipc and full)
endif
# The sources of the subsystems named, in order: each one's file
# kernel/subsystems/NAME.c, then the files its opening comment lists (one
# sed for them all: sed -s starts each file at its line 1, F names it).
subsystem_sources = $(shell sed -snE '1F;s;^ \*   ([a-z0-9_/]*\.(c|asm))$$;\1;p' $(1:%=kernel/subsystems/%.c))
# The in-kernel tests (kernel/ktest/, listed by their subsystems) are built
# only for test runs: build/kernel.elf, what make run boots, has
# kernel/ktest_absent.c in their place; build/kernel-tests.elf has them
# (tools/run-tests boots it for the ktest and fault kinds).
SUBSYSTEM_SOURCES := $(call subsystem_sources,$(SUBSYSTEMS))
# Every source of kernel/ and arch/ belongs to a subsystem (or is one of
# the four files every kernel has): a new file left out of every list
# would never be built, so the build stops and says so.
ALL_SUBSYSTEMS := $(basename $(notdir $(filter-out kernel/subsystems/subsystems.c,$(wildcard kernel/subsystems/*.c))))
KERNEL_UNLISTED := $(filter-out kernel/main.c kernel/syscall.c kernel/ktest_absent.c kernel/subsystems/%.c \
                     $(call subsystem_sources,$(ALL_SUBSYSTEMS)), \
                     $(shell find kernel arch boot -name '*.c' -o -name '*.asm'))
ifneq ($(KERNEL_UNLISTED),)
$(error $(firstword $(KERNEL_UNLISTED)) is in no subsystem: list it in the kernel/subsystems/NAME.c it belongs to)
endif
KTEST_C    := $(filter kernel/ktest/%,$(SUBSYSTEM_SOURCES))
KERNEL_SOURCES := kernel/main.c kernel/syscall.c kernel/subsystems/subsystems.c \
                  $(filter-out kernel/ktest/%,$(SUBSYSTEM_SOURCES))
KERNEL_C   := $(filter %.c,$(KERNEL_SOURCES))
KERNEL_ASM := $(filter %.asm,$(KERNEL_SOURCES))
KERNEL_OBJ := $(KERNEL_C:%.c=$(B)/kernel/%.o) $(KERNEL_ASM:%.asm=$(B)/kernel/%.o)
PLAIN_OBJ  := $(KERNEL_OBJ) $(B)/kernel/kernel/ktest_absent.o
TESTS_OBJ  := $(KERNEL_C:%.c=$(B)/checked/%.o) $(KERNEL_ASM:%.asm=$(B)/kernel/%.o) $(KTEST_C:%.c=$(B)/checked/%.o)
subsystem_defines = $(addprefix -DSUBSYSTEM_,$(shell echo $(1) | tr a-z A-Z))
SUBSYSTEM_DEFINES := $(call subsystem_defines,$(SUBSYSTEMS))
KERNEL_CFLAGS += $(SUBSYSTEM_DEFINES)
# The profile a build directory was made with, kept as the trace setting
# is (below): building another profile there rebuilds every object.
$(PLAIN_OBJ) $(TESTS_OBJ): $(B)/profile-setting
$(B)/profile-setting: FORCE
	@mkdir -p $(B)
	@echo "$(PROFILE)" | cmp -s - $@ || echo "$(PROFILE)" > $@

# What the LINES line after a link reads (tools/kernel-lines --build):
# the same lists, written by make itself, so that only the headers of the
# sources changed since the last link are asked of the compiler.
# `make -s print-kernel-lines-lists` prints them (tests/tools).
define KERNEL_LINES_LISTS
profile $(PROFILE)
command $(CC) $(filter-out $(DEPENDENCY_FLAGS),$(KERNEL_CFLAGS)) $(CHECKED_CFLAGS)
sources $(KERNEL_SOURCES) kernel/ktest_absent.c $(KTEST_C)
endef
print-kernel-lines-lists:
	$(info $(KERNEL_LINES_LISTS))
	@:
.PHONY: print-kernel-lines-lists

# `make -s print-kernel-sources [PROFILE=...]`: every source the kernel of
# the profile is built from, headers included (tools/reading-order,
# tools/kernel-lines), one per line. The headers are the compiler's list
# (-MM): without the compiler it fails, rather than print a count short
# of every header.
print-kernel-sources:
	@headers=$$($(CC) $(filter-out $(DEPENDENCY_FLAGS),$(KERNEL_CFLAGS)) $(CHECKED_CFLAGS) -MM $(KERNEL_C) kernel/ktest_absent.c $(KTEST_C)) || \
	  { echo "print-kernel-sources: $(CC) -MM failed (is the compiler installed? make deps)" >&2; exit 1; }; \
	 for f in $(KERNEL_SOURCES) kernel/ktest_absent.c $(KTEST_C); do echo $$f; done; \
	 echo "$$headers" | tr ' \\' '\n\n' | grep -E '^(kernel|arch|boot)/.*\.h$$' | sort -u
.PHONY: print-kernel-sources

# `make -s print-subsystems [PROFILE=...]`: the profile's subsystems
# (tools/profile_calls.py).
print-subsystems:
	@echo $(SUBSYSTEMS)
.PHONY: print-subsystems

all: $(B)/kernel.elf $(B)/os.iso

# TRACE=1: a kernel that writes the IPC trace from boot on (kernel/trace.c;
# without it, the `trace` boot option turns it on). The setting is kept in
# $(B)/trace-setting, so that changing it rebuilds trace.o. The tools build
# through make too: `TRACE=1 tools/run-prog prog.c`.
TRACE ?= 0
ifeq ($(TRACE),1)
$(B)/kernel/kernel/trace.o $(B)/checked/kernel/trace.o: KERNEL_CFLAGS += -DTRACE_ENABLED
endif
$(B)/kernel/kernel/trace.o $(B)/checked/kernel/trace.o: $(B)/trace-setting
$(B)/trace-setting: FORCE
	@mkdir -p $(B)
	@echo "$(TRACE)" | cmp -s - $@ || echo "$(TRACE)" > $@
.PHONY: FORCE

$(B)/kernel/%.o: %.c Makefile | check-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(B)/kernel/%.o: %.asm | check-deps
	@mkdir -p $(dir $@)
	$(call say,AS,$<)
	$(Q)$(NASM) $(NASMFLAGS) $(SUBSYSTEM_DEFINES) $< -o $@

# Linked twice: the first link gives the addresses that the symbol table
# (for backtraces) records; the second adds the table after the code, so no
# function moves (boot/linker.ld).
KERNEL_LINK = $(CC) -m32 -nostdlib -no-pie -ffreestanding -T boot/linker.ld -Wl,--build-id=none -Wl,-z,noexecstack

$(B)/ksyms_empty.c: tools/gen-ksyms | check-deps
	@mkdir -p $(B)
	$(call say,GEN,$@)
	$(Q)tools/gen-ksyms true /dev/null > $@

$(B)/ksyms_%.o: $(B)/ksyms_%.c
	$(call say,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(B)/kernel.pass1.elf: $(PLAIN_OBJ) $(B)/ksyms_empty.o boot/linker.ld
	$(call say,LD,$@)
	$(Q)$(KERNEL_LINK) -o $@ $(PLAIN_OBJ) $(B)/ksyms_empty.o -lgcc

$(B)/ksyms_table.c: $(B)/kernel.pass1.elf tools/gen-ksyms
	$(call say,GEN,$@)
	$(Q)tools/gen-ksyms $(NM) $< > $@

$(B)/kernel.elf: $(B)/kernel.pass1.elf $(B)/ksyms_table.o
	$(call say,LD,$@)
	$(Q)$(KERNEL_LINK) -o $@ $(PLAIN_OBJ) $(B)/ksyms_table.o -lgcc
	@$(NM) -n $(B)/kernel.pass1.elf | grep ' [tT] ' > $(B)/pass1.syms
	@$(NM) -n $@ | grep ' [tT] ' > $(B)/final.syms
	@cmp -s $(B)/pass1.syms $(B)/final.syms || { echo "symbol addresses moved between links"; exit 1; }
	$(if $(say),$(file >$(B)/kernel-sources.txt,$(KERNEL_LINES_LISTS))@printf '  %-7s %s\n' LINES \
	    "$$(tools/kernel-lines --build $(B))")

# The same kernel with the in-kernel tests, linked the same two ways.
$(B)/kernel-tests.pass1.elf: $(TESTS_OBJ) $(B)/ksyms_empty.o boot/linker.ld
	$(call say,LD,$@)
	$(Q)$(KERNEL_LINK) -o $@ $(TESTS_OBJ) $(B)/ksyms_empty.o -lgcc

$(B)/ksyms_tests_table.c: $(B)/kernel-tests.pass1.elf tools/gen-ksyms
	$(call say,GEN,$@)
	$(Q)tools/gen-ksyms $(NM) $< > $@

$(B)/kernel-tests.elf: $(B)/kernel-tests.pass1.elf $(B)/ksyms_tests_table.o
	$(call say,LD,$@)
	$(Q)$(KERNEL_LINK) -o $@ $(TESTS_OBJ) $(B)/ksyms_tests_table.o -lgcc
	@$(NM) -n $(B)/kernel-tests.pass1.elf | grep ' [tT] ' > $(B)/tests-pass1.syms
	@$(NM) -n $@ | grep ' [tT] ' > $(B)/tests-final.syms
	@cmp -s $(B)/tests-pass1.syms $(B)/tests-final.syms || { echo "symbol addresses moved between links"; exit 1; }

# ------------------------------------------------------------------ the libc
LIBC_C   := $(sort $(shell find libc -name '*.c'))
LIBC_ASM := $(filter-out libc/crt0.asm,$(sort $(shell find libc -name '*.asm')))
LIBC_OBJ := $(LIBC_C:%.c=$(B)/user/%.o) $(LIBC_ASM:%.asm=$(B)/user/%.o) \
            $(B)/user/shared/format.o $(B)/user/shared/string.o $(B)/user/shared/memory.o
LIBC     := $(B)/user/libc.a
CRT0     := $(B)/user/libc/crt0.o

$(B)/user/%.o: %.c Makefile | check-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(LIBC_CFLAGS) -c $< -o $@

$(B)/user/%.o: %.asm | check-deps
	@mkdir -p $(dir $@)
	$(call say,AS,$<)
	$(Q)$(NASM) $(NASMFLAGS) $< -o $@

# Shared with the kernel: the printf engine, string functions, memcpy.
$(B)/user/shared/format.o: kernel/lib/format.c | check-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$< (libc))
	$(Q)$(CC) $(LIBC_CFLAGS) -DFORMAT_WITH_FLOAT -Ikernel -c $< -o $@
$(B)/user/shared/string.o: kernel/lib/string.c | check-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$< (libc))
	$(Q)$(CC) $(LIBC_CFLAGS) -Ikernel -c $< -o $@
$(B)/user/shared/memory.o: arch/x86/memory.asm | check-deps
	@mkdir -p $(dir $@)
	$(call say,AS,$< (libc))
	$(Q)$(NASM) $(NASMFLAGS) $< -o $@

$(LIBC): $(LIBC_OBJ)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

# ------------------------------------------------- user programs and tests
# One file, user/bin/NAME.c or user/demos/CHAPTER/NAME.c, or a folder of
# files, user/bin/NAME/*.c or user/tools/NAME/*.c -> /bin/NAME, in the boot
# image (user/README.md); tests/boot/NAME.c -> /tests/NAME, only in the
# tests' boot image
USER_SINGLE_SOURCES := $(wildcard user/bin/*.c user/demos/*/*.c)
USER_PROGRAM_DIRS   := $(patsubst %/,%,$(sort $(dir $(wildcard user/bin/*/*.c user/tools/*/*.c))))
USER_PROGRAMS := $(sort $(basename $(notdir $(USER_SINGLE_SOURCES))) $(notdir $(USER_PROGRAM_DIRS)))
TEST_PROGRAMS := $(sort $(basename $(notdir $(wildcard tests/boot/*.c))))

# two programs of one name would both become /bin/NAME
USER_PROGRAM_NAMES := $(basename $(notdir $(USER_SINGLE_SOURCES))) $(notdir $(USER_PROGRAM_DIRS))
USER_NAMES_TWICE := $(strip $(foreach n,$(USER_PROGRAMS),$(if $(word 2,$(filter $(n),$(USER_PROGRAM_NAMES))),$(n))))
ifneq ($(USER_NAMES_TWICE),)
$(error more than one program of user/ would be /bin/$(firstword $(USER_NAMES_TWICE)): rename one)
endif

define user_program_sources
$(filter %/$(1).c,$(USER_SINGLE_SOURCES)) $(foreach d,$(filter %/$(1),$(USER_PROGRAM_DIRS)),$(wildcard $(d)/*.c))
endef

# programs see the kernel's structs through these headers: rebuild on change
USER_HEADERS := $(sort $(shell find kernel/uapi libc/include -name '*.h'))

$(B)/root/bin/%: $(LIBC) $(CRT0) $(USER_HEADERS)
	@mkdir -p $(dir $@)
	$(call say,CCLD,/bin/$*)
	$(Q)$(CC) $(USER_CFLAGS) -Werror $(USER_LDFLAGS) -o $@ $(CRT0) $(call user_program_sources,$*) $(LIBC) -lgcc

$(B)/test-root/tests/%: tests/boot/%.c $(wildcard tests/boot/*.h) $(LIBC) $(CRT0) $(USER_HEADERS)
	@mkdir -p $(dir $@)
	$(call say,CCLD,/tests/$*)
	$(Q)$(CC) $(USER_CFLAGS) -Werror -Itests/boot $(USER_LDFLAGS) -o $@ $(CRT0) $< $(LIBC) -lgcc

# a program is rebuilt when its sources change, and the headers of its
# folder and the one above (user/bin/signal_argument.h serves kill and sh)
user_program_folder = $(dir $(firstword $(call user_program_sources,$(1))))
$(foreach p,$(USER_PROGRAMS),$(eval $(B)/root/bin/$(p): $(call user_program_sources,$(p)) \
    $(wildcard $(call user_program_folder,$(p))*.h $(call user_program_folder,$(p))../*.h)))

ROOT_FILES := $(USER_PROGRAMS:%=$(B)/root/bin/%) $(B)/man-pages.stamp
TEST_FILES := $(TEST_PROGRAMS:%=$(B)/test-root/tests/%)

# The manual pages (docs/man/manN/NAME.N), for /bin/man in the guest, all
# copied when one changed. A link page says `.so docs/man/man3/printf.3`
# (so that `man -l` works at the top of the tree); in the image it becomes
# `.so man3/printf.3`.
MAN_PAGES := $(sort $(wildcard docs/man/man*/*.[1-9]))
$(B)/man-pages.stamp: $(MAN_PAGES)
	$(call say,MAN,/usr/share/man: $(words $(MAN_PAGES)) pages of docs/man)
	$(Q)for page in $(MAN_PAGES); do \
	    copy=$(B)/root/usr/share/man/$${page#docs/man/}; \
	    mkdir -p $$(dirname $$copy) && sed 's|^\.so docs/man/|.so |' $$page > $$copy || exit 1; \
	done
	@touch $@

# The boot images carry the programs without their debug sections, which
# are four fifths of each file: a boot then loads 30 MB instead of 130
# (make test boots about 1,300 times). GDB reads the programs as they
# were built, in root/bin and test-root/tests (tools/gdb: user-symbols);
# the symbol table stays in both. (Copied without a line each: the image's
# TAR line stands for them.)
$(B)/image/bin/%: $(B)/root/bin/%
	@mkdir -p $(dir $@)
	$(Q)$(STRIP) --strip-debug -o $@ $<
$(B)/image/tests/%: $(B)/test-root/tests/%
	@mkdir -p $(dir $@)
	$(Q)$(STRIP) --strip-debug -o $@ $<

# The boot image a student boots (make run, tools/run-prog): /bin, the
# manual pages, /tmp and /dev. (A /tests left by an older tree goes.)
$(B)/initrd.tar: $(ROOT_FILES) $(USER_PROGRAMS:%=$(B)/image/bin/%) $(shell find rootfs -type f 2>/dev/null)
	@mkdir -p $(B)/root/tmp $(B)/root/dev
	@rm -rf $(B)/root/tests
	@if [ -d rootfs ]; then cp -r rootfs/. $(B)/root/; fi
	$(call say,TAR,$@)
	$(Q)tar --format=ustar --owner=0 --group=0 -cf $@ -C $(B)/root --anchored --exclude=./bin . \
	    -C $(abspath $(B))/image bin

# The tests' boot image (make test, tools/run-tests): the same and /tests.
# A test whose source went (renamed, removed) would leave its program in
# test-root/tests, which tools/run-tests boots, and in image/tests, which
# goes into the image: the list of tests is a prerequisite, kept as the
# profile setting is, and the programs of names not in it are removed.
$(B)/test-list: FORCE
	@mkdir -p $(B)
	@echo "$(TEST_PROGRAMS)" | cmp -s - $@ || echo "$(TEST_PROGRAMS)" > $@
STALE_TESTS = $(sort $(filter-out $(TEST_PROGRAMS),$(notdir $(wildcard $(B)/test-root/tests/* $(B)/image/tests/*))))
$(B)/initrd-tests.tar: $(B)/initrd.tar $(TEST_PROGRAMS:%=$(B)/image/tests/%) $(B)/test-list
	$(if $(STALE_TESTS),$(call say,RM,the programs of tests no longer in tests/boot: $(STALE_TESTS)))
	$(if $(STALE_TESTS),$(Q)rm -f $(addprefix $(B)/test-root/tests/,$(STALE_TESTS)) \
	    $(addprefix $(B)/image/tests/,$(STALE_TESTS)))
	$(call say,TAR,$@)
	$(Q)tar --format=ustar --owner=0 --group=0 -cf $@ -C $(B)/root --anchored --exclude=./bin . \
	    -C $(abspath $(B))/image bin tests

# ------------------------------------------------------------------- the ISO
$(B)/os.iso: $(B)/kernel.elf $(B)/initrd.tar iso/grub.cfg
	@mkdir -p $(B)/iso/boot/grub
	$(call say,ISO,$@)
	$(Q)cp $(B)/kernel.elf $(B)/initrd.tar $(B)/iso/boot/
	$(Q)cp iso/grub.cfg $(B)/iso/boot/grub/
	$(Q)grub-mkrescue -o $@ $(B)/iso 2>/dev/null

# ------------------------------------------------------------ using the kernel
run: all $(DISK)
	@net="$$($(NET_OPTIONS_COMMAND))" || exit 2; \
	if [ -n "$$net" ]; then echo "(network: $$net)"; fi; \
	if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	    $(QEMU) $(QEMU_OPTIONS) $(HOST_CLOCK) $(ISO_OPTIONS) $(DISK_OPTIONS) $$net -serial stdio; \
	else \
	    echo "(no display: serial console only; quit with Ctrl-A then X)"; \
	    $(QEMU) $(QEMU_OPTIONS) $(HOST_CLOCK) $(ISO_OPTIONS) $(DISK_OPTIONS) $$net -nographic; \
	fi; \
	status=$$?; [ $$status -ne 1 ] || status=0; exit $$status   # 1: poweroff's exit 0 (isa-debug-exit)

debug: all $(DISK)
	@net="$$($(NET_OPTIONS_COMMAND))" || exit 2; \
	tools/debug $(B) "$(QEMU) $(QEMU_OPTIONS) $(HOST_CLOCK) $(DISK_OPTIONS) $$net" $(PROG) $(ARGS)

# No prerequisite but the tools: a disk that exists is never made again,
# even when disk/home/ or tools/make-disk changed (make clean-disk does that).
$(DISK): | check-deps
	$(call say,DISK,$@)
	$(Q)tools/make-disk $@

clean-disk:
	rm -f $(DISK)

run-prog: $(B)/kernel.elf $(B)/initrd.tar
	@test -n "$(PROG)" || { echo 'usage: make run-prog PROG=path/to/prog.c [ARGS="a b"] [TIMEOUT=60] [DISK=file.img] [NET=1] [PCAP=file.pcap]'; exit 2; }
	tools/run-prog --build $(B) $(if $(RUN_PROG_DISK),--disk $(RUN_PROG_DISK)) $(if $(filter 1,$(NET)),--net $(or $(NET_FORWARD),card)) \
	    $(if $(PCAP),--pcap $(PCAP)) -t $(or $(TIMEOUT),60) $(PROG) $(ARGS)

# Two machines on one virtual cable, a server on one and a client on the
# other, their output side by side (tools/run-pair).
run-pair: $(B)/kernel.elf $(B)/initrd.tar
	@test -n "$(SERVER)" -a -n "$(CLIENT)" || { echo 'usage: make run-pair SERVER=server.c CLIENT=client.c [SERVER_ARGS="a b"] [CLIENT_ARGS="a b"] [TIMEOUT=60] [PCAP=file.pcap]'; exit 2; }
	tools/run-pair --build $(B) -t $(or $(TIMEOUT),60) $(if $(PCAP),--pcap $(PCAP)) \
	    $(if $(SERVER_ARGS),--server-args "$(SERVER_ARGS)") $(if $(CLIENT_ARGS),--client-args "$(CLIENT_ARGS)") $(SERVER) $(CLIENT)

# The IPC trace of one program as a picture (docs/tracing.md): the log, an
# SVG and an HTML page in $(B). The program's own status does not stop it.
trace-view: $(B)/kernel.elf $(B)/initrd.tar
	@test -n "$(PROG)" || { echo 'usage: make trace-view PROG=path/to/prog.c [ARGS="a b"] [TIMEOUT=60]'; exit 2; }
	-tools/run-prog --trace $(B)/trace.log $(if $(RUN_PROG_DISK),--disk $(RUN_PROG_DISK)) -t $(or $(TIMEOUT),60) $(PROG) $(ARGS)
	tools/trace_view.py $(B)/trace.log -o $(B)/trace.svg --html $(B)/trace.html --title "IPC trace: $(strip $(PROG) $(ARGS))"

# docs/threads.md's picture of a process and its threads: GDB stops
# producer_consumer when its three threads wait and reads the kernel's
# tables (tools/thread_layout.py); the numbers are kept beside the picture.
thread-layout: $(B)/kernel.elf $(B)/initrd.tar
	tools/thread_layout.py --build $(B) --show ring,mutex,not_full,not_empty \
	    --json docs/threads-layout.json -o docs/threads-layout.svg user/demos/threads/producer_consumer.c 1 1 8

# docs/disk.md's picture of the disk: a fresh image (tools/make-disk) that a
# guest program fills (tools/disk_layout_fill.c, run by tools/run-prog
# --disk), drawn from what dumpe2fs and debugfs read in it
# (tools/disk_layout.py). The image stays in $(B) to look into.
DISK_LAYOUT_IMAGE = $(B)/disk-layout.img
disk-layout: $(B)/kernel.elf $(B)/initrd.tar
	rm -f $(DISK_LAYOUT_IMAGE)
	tools/make-disk $(DISK_LAYOUT_IMAGE)
	tools/run-prog --disk $(DISK_LAYOUT_IMAGE) tools/disk_layout_fill.c
	tools/disk_layout.py $(DISK_LAYOUT_IMAGE) -o docs/disk-layout.svg \
	    --title "The disk (the guest's /home): a fresh image after tools/disk_layout_fill.c"

# make test builds what the tests boot with a job per core, in a make of
# its own (a -jN of yours wins), then runs them: tools/run-tests is not
# one of make's jobs, and the makes it starts have their own.
TEST_BUILDS := $(B)/kernel.elf $(B)/kernel-tests.elf $(B)/os.iso $(B)/initrd.tar $(B)/initrd-tests.tar \
               unit-tests kernel-O0
CORES = $(shell nproc 2>/dev/null || echo 1)
test:
	$(Q)$(MAKE) --no-print-directory $(if $(filter -j%,$(MAKEFLAGS)),,-j$(CORES)) $(TEST_BUILDS)
	tools/run-tests --build $(B)

# The crash test (tests/disk/crash_test.py): QEMU killed at a random moment
# of a write storm on the disk, CRASHES times, each with a random seed that
# it prints; then `e2fsck -p` must repair the image without asking, and
# every file fsync'ed before the kill must be whole. SEED=n replays one run.
CRASHES ?= 20
crash: $(B)/kernel.elf $(B)/initrd.tar
	tests/disk/crash_test.py --build $(B) $(if $(SEED),--seed $(SEED),--runs $(CRASHES))

# The system-call fuzzer: SEEDS boots of COUNT calls each (tools/fuzz).
SEEDS ?= 20
COUNT ?= 20000
fuzz: $(B)/kernel.elf $(B)/initrd.tar
	tools/fuzz --build $(B) --seeds $(SEEDS) --count $(COUNT) --cpus $(CPUS)

# Every IPC mechanism under load, then all at once with signals (tools/stress).
STRESS ?=
stress: $(B)/kernel.elf $(B)/initrd.tar
	tools/stress $(STRESS) --cpus $(CPUS)

# The Open POSIX Test Suite's signal, IPC, memory, thread, sched, clock and
# timer directories, in batches (tools/posix-suite; the suite is not in the
# tree: SUITE is the path of LTP's testcases/open_posix_testsuite).
posix-suite: $(B)/kernel.elf $(B)/initrd.tar
	@test -n "$(SUITE)" || { echo "make posix-suite SUITE=/path/to/ltp/testcases/open_posix_testsuite"; exit 2; }
	tools/posix-suite --build $(B) $(SUITE)

# The labs (docs/labs.md, tools/lab): `make labs` lists them; `make lab
# LAB=NAME DEST=DIR` writes the student tree of one (a git repository with
# one commit, the lab's solution replaced by its stubs); `make grade` runs
# a lab's graded tests on this tree: a line each, then "score: X/Y". In a
# student tree labs/assigned names the lab; elsewhere give LAB=NAME.
labs:
	@tools/lab list

lab:
	@test -n "$(LAB)" -a -n "$(DEST)" || { echo "make lab LAB=NAME DEST=DIR  (make labs lists them)"; exit 2; }
	tools/lab cut $(LAB) $(DEST)

grade: $(B)/kernel.elf $(B)/initrd-tests.tar
	tools/lab grade $(LAB) --build $(B)

# make test's lab checks alone (docs/labs.md): the student trees, and every
# boot test again in trees with the labs that do not list it cut. About
# 3 minutes.
test-labs: $(B)/kernel.elf $(B)/initrd.tar $(B)/initrd-tests.tar
	tools/run-tests --build $(B) --only labs

# Guest instructions per IPC operation, against Linux's (docs/performance.md).
bench: $(B)/kernel.elf $(B)/initrd.tar
	tools/bench --build $(B) $(if $(filter int80,$(SYSCALL)),--svg $(B)/performance.svg --scaling-svg $(B)/scaling.svg)

# Every manual page as HTML, with an index: $(B)/man/index.html.
man: $(MAN_PAGES) tools/man-html | check-deps
	tools/man-html docs/man $(B)/man

print-qemu-options:
	@echo $(QEMU) $(PINNED_CLOCK) $(TOOL_MACHINE) $(QEMU_OPTIONS)

print-iso-options:
	@echo $(ISO_OPTIONS)

# How tools/run-prog compiles a program (OUTPUT and SOURCES are filled in).
print-user-compile:
	@echo $(CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o OUTPUT $(CRT0) SOURCES $(LIBC) -lgcc

# The kernel the tests boot (TESTS_OBJ, above) has the lock checker
# (kernel/sched/lock_check.h) where the profile has it (the lock_check
# subsystem, PROFILE=full): its C files are compiled a second time, with
# -DLOCK_CHECK, into $(B)/checked/, so that build/kernel.elf pays
# nothing for it. LOCK_CHECK=1 puts it in build/kernel.elf as well (a
# debug build: `make LOCK_CHECK=1 run`), kept in $(B)/lock-check-setting
# as the trace setting is.
CHECKED_CFLAGS := $(if $(filter lock_check,$(SUBSYSTEMS)),-DLOCK_CHECK)
$(B)/checked/%.o: %.c Makefile | check-deps
	@mkdir -p $(dir $@)
	$(call say,CC,$< $(if $(CHECKED_CFLAGS),[lock check],[tests]))
	$(Q)$(CC) $(KERNEL_CFLAGS) $(CHECKED_CFLAGS) -c $< -o $@

LOCK_CHECK ?= 0
ifeq ($(LOCK_CHECK),1)
ifeq ($(CHECKED_CFLAGS),)
$(error LOCK_CHECK=1: PROFILE=$(PROFILE) has no lock checker (the lock_check subsystem is full's))
endif
KERNEL_CFLAGS += -DLOCK_CHECK
endif
$(PLAIN_OBJ): $(B)/lock-check-setting
$(B)/lock-check-setting: FORCE
	@mkdir -p $(B)
	@echo "$(LOCK_CHECK)" | cmp -s - $@ || echo "$(LOCK_CHECK)" > $@

# The scheduler's tests run again on a kernel built without optimisation:
# register-saving mistakes hide at one level or the other.
kernel-O0: | check-deps
	$(Q)$(MAKE) --no-print-directory B=$(B)/O0 PROFILE=$(PROFILE) OPT=-O0 $(B)/O0/kernel-tests.elf

# ------------------------------------------------------------ host unit tests
UNIT_TESTS := $(sort $(basename $(notdir $(wildcard tests/unit/test_*.c))))
UNIT_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -Ikernel -Itests/unit -DHEAP_HOSTED_TEST -fsanitize=address,undefined \
               $(call subsystem_defines,$(SUBSYSTEMS_full))

unit-tests: $(UNIT_TESTS:%=$(B)/unit/%)

# A test is its file and the sources its "// unit-sources:" line names,
# compiled and linked at once; every file they include (the kernel's and
# the libc's sources, #included whole, and headers) is listed in $@.d by
# a second pass of the compiler, so that a change to any of them builds
# the test again.
unit_sources = $(shell sed -n 's|^// unit-sources: ||p' $<)
$(B)/unit/test_%: tests/unit/test_%.c Makefile
	@mkdir -p $(dir $@)
	$(call say,HOSTCC,$<)
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< $(unit_sources)
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) -MM -MP -MT $@ $< $(unit_sources) > $@.d

# ------------------------------------------------------------------ the rest
deps:
	CROSS=$(CROSS) tools/deps install

check-deps:
	@CROSS=$(CROSS) tools/deps check

# Everything built, but not the default disk: it holds what a student
# saved (make clean-disk starts it over).
clean:
	@if [ -d $(B) ]; then find $(B) -mindepth 1 -maxdepth 1 ! -name disk.img -exec rm -rf {} +; fi

help:
	@echo "make              build/kernel.elf and build/os.iso"
	@echo "make PROFILE=core a kernel of fewer subsystems (core, ipc, full: the default) in build/PROFILE;"
	@echo "                  every target takes it (make run PROFILE=core, make test PROFILE=core)"
	@echo "make run          boot the ISO in QEMU (VGA window if there is a display; serial here)"
	@echo "                  with the disk build/disk.img as /home: made once, kept between runs"
	@echo "make debug        the same, QEMU waits for GDB, which attaches with the kernel's symbols"
	@echo "make run-prog PROG=file.c [ARGS=\"a b\"] [TIMEOUT=60] [DISK=file.img]   run one program (tools/run-prog)"
	@echo "make run NET=1    with a network card; host 127.0.0.1:5555 is the guest's TCP port 7 (run-prog NET=1 too)"
	@echo "make run-pair SERVER=a.c CLIENT=b.c   two machines on one virtual cable (tools/run-pair)"
	@echo "make ... PCAP=file.pcap   record the card's frames (run NET=1, run-prog NET=1, run-pair)"
	@echo "make debug PROG=file.c [ARGS=\"a b\"]   GDB stops in that program's main"
	@echo "make trace-view PROG=file.c [ARGS=\"a b\"]   its IPC trace as build/trace.svg and build/trace.html"
	@echo "make thread-layout   docs/threads-layout.svg: three threads of one process, read by GDB"
	@echo "make disk-layout     docs/disk-layout.svg: the block groups of a real disk image, from dumpe2fs"
	@echo "make test         every test; the last line says \"N passed, N failed\""
	@echo "make man          the manual pages (docs/man) as HTML: build/man/index.html"
	@echo "make bench        guest instructions per IPC operation, next to Linux's;"
	@echo "                  IPC across 2 CPUs in wall time (tools/bench --only smp_scaling)"
	@echo "make bench SYSCALL=int80   the same with a libc that enters by int 0x80 alone (build/int80)"
	@echo "make labs         the labs (docs/labs.md);  make lab LAB=NAME DEST=DIR: a student tree of one"
	@echo "make grade [LAB=NAME]   a lab's graded tests on this tree, then \"score: X/Y\""
	@echo "make test-labs    the labs' checks of make test alone (docs/labs.md)"
	@echo "make fuzz [SEEDS=20] [COUNT=20000]   the system-call fuzzer, one boot per seed"
	@echo "make stress [STRESS=\"pipe msgq ...\"]   every IPC mechanism under load, then all at once"
	@echo "make posix-suite SUITE=path   the Open POSIX Test Suite's directories of issue 32 (tools/posix-suite)"
	@echo "make crash [CRASHES=20] [SEED=n]   QEMU killed during disk writes; e2fsck must repair each image"
	@echo "make unit-tests   build the host unit tests;  make kernel-O0: the -O0 kernel for the scheduler tests"
	@echo "make LOCK_CHECK=1 build/kernel.elf with the lock checker (the tests' kernel always has it: docs/locks.md)"
	@echo "make deps         install the Debian packages the build needs"
	@echo "make clean-disk   delete the disk (build/disk.img); the next make run makes a fresh one"
	@echo "make clean        remove what build/ holds, but not the disk build/disk.img"
	@echo "make ... DISK=file.img   run, debug and run-prog use that disk (made if missing, kept)"
	@echo "make ... V=1      show every build command in full (by default one line per file: \"  CC      kernel/ipc/pipe.c\")"

.PHONY: all run debug run-prog run-pair trace-view thread-layout disk-layout test man bench fuzz stress posix-suite crash labs lab grade test-labs deps check-deps clean clean-disk help kernel-O0 unit-tests print-qemu-options print-iso-options print-user-compile
.SECONDARY:
.DELETE_ON_ERROR:

# This build's dependency files, not those of the builds kept inside it
# (B=build/core, build/ipc, build/O0, build/labs/tree/build, ...): make
# would read them all at every start, a second of 2 here. Each has a rule
# of its own that makes nothing: make asks, before it reads them, whether
# it could remake each included file, and without a rule it would try
# every pattern rule there is on each of them (0.6 s at every start).
DEPENDENCY_FILES := $(wildcard $(B)/*.d) $(shell find $(B)/kernel $(B)/checked $(B)/user $(B)/unit -name '*.d' 2>/dev/null)
$(DEPENDENCY_FILES): ;
-include $(DEPENDENCY_FILES)
