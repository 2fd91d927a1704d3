/* A linked list freed node by node, then walked. */
#include "malloc_bug.h"

struct node {
	struct node	*next;
	int		value;
};

BUG("use after free")
{
	struct node *head = NULL, *n, *next;
	int sum = 0;
	int i;

	for (i = 0; i < 4; i++) {
		n = opaque(malloc(sizeof(*n)));
		n->next = head;
		n->value = i;
		head = n;
	}
	for (n = head; n != NULL; n = next) {
		next = n->next;
		free(n);
	}
	for (n = head; n != NULL; n = n->next)
		sum += n->value;
	printf("%d\n", sum);
}
