HOST_TESTS		+= elf
HOST_SRCS_elf		:= sys/kern/imgact_elf.c
