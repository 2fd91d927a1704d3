HOST_TESTS		+= virtqueue
HOST_SRCS_virtqueue	:= sys/dev/virtio/virtqueue.c
