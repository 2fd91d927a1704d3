/*
 * Directories: struct dirent (the kernel's sys/sys/dirent.h is the one
 * copy) and the opendir family, which reads records in blocks through
 * getdirentries(2).
 */
#ifndef _DIRENT_H_
#define	_DIRENT_H_

#include <sys/cdefs.h>
#include <sys/types.h>
#include "../../../sys/sys/dirent.h"

typedef struct _dirdesc DIR;

__BEGIN_DECLS
DIR	*opendir(const char *);
DIR	*fdopendir(int);
struct dirent *readdir(DIR *);
void	rewinddir(DIR *);
int	closedir(DIR *);
int	dirfd(DIR *);
ssize_t	getdirentries(int, char *, size_t, off_t *);
__END_DECLS

#endif /* !_DIRENT_H_ */
