/**
 * The shell run by the backup and restore-check jobs, in the backup tools image (sqlite3, rclone,
 * gzip). rclone reads the bucket's endpoint and keys from `RCLONE_CONFIG_SPACES_*` variables.
 */

/**
 * Copies the live database with SQLite's online backup API (`.backup`): a consistent snapshot even
 * while the server writes, which a file copy is not. The copy is checked before it is uploaded,
 * under a timestamped name, so a newer backup never replaces an older one.
 */
export const BACKUP_SCRIPT = `set -eu
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
sqlite3 -cmd ".timeout 30000" "$DB_PATH" ".backup '/tmp/degenquest.db'"
check="$(sqlite3 /tmp/degenquest.db 'PRAGMA integrity_check')"
if [ "$check" != "ok" ]; then echo "integrity check of the copy failed: $check" >&2; exit 1; fi
gzip -9 /tmp/degenquest.db
rclone copyto --s3-no-check-bucket /tmp/degenquest.db.gz "spaces:$BUCKET/$PREFIX$stamp.db.gz"
echo "backed up to $BUCKET/$PREFIX$stamp.db.gz"
`;

/**
 * Downloads the newest backup, as a restore would, and proves SQLite can read it: the integrity
 * check passes and the schema has tables. A backup nobody has restored is only a hope.
 */
export const RESTORE_CHECK_SCRIPT = `set -eu
latest="$(rclone lsf --files-only --include '*.db.gz' "spaces:$BUCKET/$PREFIX" | sort | tail -n 1)"
if [ -z "$latest" ]; then echo "no backup in $BUCKET/$PREFIX" >&2; exit 1; fi
rclone copyto "spaces:$BUCKET/$PREFIX$latest" /tmp/restore.db.gz
gunzip /tmp/restore.db.gz
check="$(sqlite3 /tmp/restore.db 'PRAGMA integrity_check')"
if [ "$check" != "ok" ]; then echo "integrity check of $latest failed: $check" >&2; exit 1; fi
tables="$(sqlite3 /tmp/restore.db "SELECT count(*) FROM sqlite_master WHERE type = 'table'")"
if [ "$tables" -eq 0 ]; then echo "$latest holds no tables" >&2; exit 1; fi
echo "restored $latest: integrity ok, $tables tables"
`;
