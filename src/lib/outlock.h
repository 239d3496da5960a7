/* outlock.h -- one run per output directory, and what killed runs left
 *
 * generate -o DIR holds flock(2) on DIR/.sipdns.lock from before its first
 * look into DIR until its last rename, so two runs never mix their files
 * in DIR. The lock file holds the holder's pid (for the message of the
 * run that has to wait) and is removed when the run ends; a run that
 * takes the lock checks that the file it locked is still the one at
 * DIR/.sipdns.lock, so removing it is safe.
 *
 * Holding the lock, a run removes the temporary files and staging
 * directories an interrupted run left (their names are write.c's:
 * DIR/VIEW/.ZONE.EXT.XXXXXX and DIR/.VIEW.XXXXXX): no live run can own
 * them, as a live run would hold the lock.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SIPDNS_OUTLOCK_H
#define SIPDNS_OUTLOCK_H

#include <signal.h>
#include <stdbool.h>

#include "diag.h"
#include "status.h"

/* The lock file's name in the output directory. */
#define SIPDNS_OUTLOCK_NAME ".sipdns.lock"

struct sipdns_outlock {
	int fd;        /* the locked file, -1: none */
	char *path;    /* DIR/.sipdns.lock */
	bool made;     /* the directory was made by this run */
};

/* Make directory path unless it exists (*made, may be NULL: whether this
 * call made it); false with the reason in d when it cannot be made or is
 * not a directory. */
bool sipdns_outlock_ensure_dir(const char *path, bool *made,
			       struct sipdns_diag *d);

/* Make dir unless it exists and lock it, waiting up to wait_s seconds
 * (0: not at all) for another run to end; cancel (may be NULL) ends the
 * wait. SIPDNS_OK with l to release; else SIPDNS_EIO with the reason in d
 * (another run holds the lock, the file system has no flock, ...) and
 * nothing to release. SIPDNS_ENOMEM. */
enum sipdns_status sipdns_outlock_take(struct sipdns_outlock *l,
				       const char *dir, unsigned wait_s,
				       const volatile sig_atomic_t *cancel,
				       struct sipdns_diag *d);

/* With the lock of dir held: remove the leftovers of interrupted runs and
 * say how many in a note in d (nothing when there were none); one that
 * cannot be removed is a warning. */
void sipdns_outlock_sweep(const char *dir, struct sipdns_diag *d);

/* Remove the lock file and unlock; with remove_dir, remove the directory
 * too when this run made it (and it is empty). l may be released twice. */
void sipdns_outlock_release(struct sipdns_outlock *l, const char *dir,
			    bool remove_dir);

#endif
