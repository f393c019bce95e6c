#!/usr/bin/env bash
# CUPS for the printing tests, on a CI machine without an init system. Run as root after
# `apt-get install cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils zbar-tools`.
# Safe to run twice. The test queues themselves are made by tests/support/cups.py, because the
# raw queue must point at the port of the test's own stand-in Zebra.
set -euo pipefail

PDF_OUT=/var/spool/cups-pdf/ShipDesk
CONF=/etc/cups/cups-pdf.conf

# cups-pdf writes each user's jobs to ~/PDF by default (and root's, or unknown users', elsewhere):
# one world-writable folder (sticky, like /tmp) makes the output easy to find for any user.
mkdir -p "$PDF_OUT"
chmod 1777 "$PDF_OUT"
set_conf() {  # set_conf KEY VALUE: replace the key's line (commented out or not), else append
    if grep -Eq "^#?$1[[:space:]]" "$CONF"; then
        sed -i -E "s|^#?$1[[:space:]].*|$1 $2|" "$CONF"
    else
        printf '%s %s\n' "$1" "$2" >>"$CONF"
    fi
}
set_conf Out "$PDF_OUT"
set_conf AnonDirName "$PDF_OUT"

# No init system: start the scheduler ourselves (it forks to the background).
if ! lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
    cupsd
fi
for _ in $(seq 1 40); do
    if lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
        break
    fi
    sleep 0.5
done
if ! lpstat -r 2>/dev/null | grep -q "scheduler is running"; then
    echo "cups-setup: cupsd did not start within 20 s; /var/log/cups/error_log says:" >&2
    tail -n 30 /var/log/cups/error_log >&2 || true
    exit 1
fi

echo "cups-setup: scheduler running; cups-pdf writes to $PDF_OUT"
lpstat -t || true  # exits non-zero while there are no queues yet
