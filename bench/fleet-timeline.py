"""Where a fleet campaign's time went, from karaf.log: bench/fleet-common.sh's campaign_timeline.

Usage: fleet-timeline.py CAMPAIGN_ID SENT_EPOCH_SECONDS KARAF_LOG...
Every job transition is logged when it is stored ("Job J device D: STATE - message"), so the log
gives each job's phases; the figures are medians over the campaign's jobs.
"""
import datetime, re, statistics, sys
campaign, sent = sys.argv[1], float(sys.argv[2])
logs = sorted(sys.argv[3:], key=lambda p: (p.endswith(".log"), p))  # rolled files first, oldest first
lines = (line for path in logs for line in open(path, errors="replace"))
def at(line):
    return datetime.datetime.strptime(line.split(" | ")[0].strip(), "%Y-%m-%dT%H:%M:%S,%f").timestamp()
jobs, started, ended = {}, None, None
ours = set()
for line in lines:
    if f"Campaign {campaign} started" in line:
        started = at(line)
    elif f"Campaign {campaign} completed" in line or f"Campaign {campaign} paused" in line:
        ended = at(line)
    m = re.search(r"Campaign " + re.escape(campaign) + r": job (\w+) started", line)
    if m:
        ours.add(m.group(1))
    m = re.search(r"\| Job (\w+) device \S+: (\w+) - ", line)
    if m:
        jobs.setdefault(m.group(1), []).append((m.group(2), at(line)))
jobs = {j: h for j, h in jobs.items() if j in ours}
if not jobs or started is None or ended is None:
    print("  (no timeline: campaign lines not found in karaf.log)"); sys.exit()
def first(h, state):
    return next((t for s, t in h if s == state), None)
def median(pairs):
    values = [b - a for a, b in pairs if a is not None and b is not None]
    return f"{statistics.median(values):.1f}s" if values else "-"
spans = [(h[0][1], h[-1][1]) for h in jobs.values()]
busy = sum(b - a for a, b in spans)
downloads = sum((first(h, "VERIFY_UPDATE") or 0) - (first(h, "UPDATE") or 0) for h in jobs.values() if first(h, "UPDATE") and first(h, "VERIFY_UPDATE"))
wall = ended - sent
print(f"  device selection {started - sent:.1f}s, first job +{min(a for a, b in spans) - sent:.1f}s, last job start +{max(a for a, b in spans) - sent:.1f}s,"
      f" last job end +{max(b for a, b in spans) - sent:.1f}s, campaign completed +{wall:.1f}s")
print(f"  jobs under way on average {busy / wall:.1f}, downloading on average {downloads / wall:.1f};"
      f" per job (median): backup {median([(first(h, 'BACKUP'), first(h, 'KEEP_OLD_VERSION')) for h in jobs.values()])},"
      f" download {median([(first(h, 'UPDATE'), first(h, 'VERIFY_UPDATE')) for h in jobs.values()])},"
      f" restart {median([(first(h, 'VERIFY_UPDATE'), first(h, 'MIGRATE_CONFIG')) for h in jobs.values()])},"
      f" restore {median([(first(h, 'RESTORE'), first(h, 'DONE')) for h in jobs.values()])},"
      f" whole job {median(spans)}")
