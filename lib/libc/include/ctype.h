/* Character classes of the "C" locale (ASCII; other bytes are in no class). */
#ifndef _CTYPE_H_
#define	_CTYPE_H_

#include <sys/cdefs.h>

__BEGIN_DECLS
int	isalnum(int);
int	isalpha(int);
int	isblank(int);
int	iscntrl(int);
int	isdigit(int);
int	isgraph(int);
int	islower(int);
int	isprint(int);
int	ispunct(int);
int	isspace(int);
int	isupper(int);
int	isxdigit(int);
int	tolower(int);
int	toupper(int);
__END_DECLS

#endif /* !_CTYPE_H_ */
