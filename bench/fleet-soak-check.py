"""The end-state check of bench/fleet-soak.sh: every device against its job's history.

Every device must be either on the target version with its running configuration equal to the latest
backup Uplift stored for it, or on its old version with the configuration it had before the campaign,
and its job's history must say which (DONE: upgraded; ABORTED: ended, rolled back if the update had
begun; FAILED: a reason) -- or, with no job, the campaign must say why it was not started. A device for
which this does not hold is "lost"; a job that has not ended is "stuck". Exit status 1 if any is.
"""
import argparse
import collections
import hashlib
import os
import re
import sys


def devices(path):
    """Index -> (running version, configuration sha256, silent) from the simulator's 'devices' answer."""
    out = {}
    for line in open(path):
        m = re.match(r"(\d+) \S+ running (\S+) kept \S+ config ([0-9a-f]{64})( silent)? faults", line)
        if m:
            out[int(m.group(1))] = (m.group(2), m.group(3), bool(m.group(4)))
    return out


def jobs(path):
    """Device -> {id, state, history: [(state, message)]} from concatenated 'uplift:job' answers."""
    out, current = {}, None
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = re.match(r"Job (\S+): device (\S+) -> \S+ \((\w+)\)", line)
        if m:
            current = {"id": m.group(1), "state": m.group(3), "history": []}
            out[m.group(2)] = current
            continue
        cells = line.split(" | ", 2)
        if current is not None and len(cells) == 3 and cells[0].strip().isupper() and cells[0].strip() != "STATE":
            current["history"].append((cells[0].strip(), cells[2].strip()))
    return out


def latest_backup_sha(backups, device):
    folder = os.path.join(backups, device)
    if not os.path.isdir(folder):
        return None
    versions = [int(f[:-4]) for f in os.listdir(folder) if re.fullmatch(r"\d+\.cfg", f)]
    if not versions:
        return None
    with open(os.path.join(folder, f"{max(versions)}.cfg"), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    p = argparse.ArgumentParser()
    for name in ("devices", "old", "target", "faults", "before", "after", "jobs", "campaign", "backups", "decisions"):
        p.add_argument("--" + name, required=True)
    a = p.parse_args()
    n = int(a.devices)
    faults = {}
    for line in open(a.faults):
        parts = line.split()
        if parts:
            faults[int(parts[0])] = parts[1:]
    before, after, history = devices(a.before), devices(a.after), jobs(a.jobs)
    not_started = {}
    for line in open(a.campaign, errors="replace"):
        m = re.search(r"failed: (iad-\d+): not started: (.*)", line)
        if m:
            not_started[m.group(1)] = m.group(2)
    counts = collections.Counter()
    by_kind = collections.defaultdict(collections.Counter)
    reasons = collections.Counter()
    problems = []
    for i in range(1, n + 1):
        device = f"iad-{i:04d}"
        kinds = "+".join(sorted(f.split(":")[0] for f in faults.get(i, []))) or "healthy"
        was, now, job = before.get(i), after.get(i), history.get(device)
        if was is None or now is None or now[2]:
            outcome = "lost"
            problems.append(f"{device} ({kinds}): the simulator does not report it as answering")
        elif job is None:
            if device in not_started and now[0] == a.old and now[1] == was[1]:
                outcome = "not started"
                reasons["not started: " + re.sub(r"iad-\d+|\d+\.\d+\.\d+\.\d+:\d+", "*", not_started[device])[:90]] += 1
            else:
                outcome = "lost"
                problems.append(f"{device} ({kinds}): no job, and {'no reason' if device not in not_started else 'touched'}")
        elif job["state"] not in ("DONE", "ABORTED", "FAILED"):
            outcome = "stuck"
            problems.append(f"{device} ({kinds}): job {job['id']} still {job['state']}")
        else:
            states = [s for s, _ in job["history"]]
            last = job["history"][-1][1] if job["history"] else ""
            backup = latest_backup_sha(a.backups, device)
            on_target = now[0] == a.target and backup is not None and now[1] == backup
            on_old = now[0] == a.old and now[1] == was[1]
            if job["state"] == "DONE" and on_target and last.startswith("upgraded to " + a.target):
                outcome = "done"
            elif job["state"] == "ABORTED" and on_old and ("UPDATE" in states) == ("ROLLBACK" in states) and (
                    last.endswith("job ended by decision") or last.startswith("end the job; the device's software was not changed")):
                outcome = "rolled back" if "ROLLBACK" in states else "aborted"
            elif job["state"] == "FAILED" and (on_target or on_old) and last:
                outcome = "failed"
                reasons[re.sub(r"iad-\d+|[0-9a-f]{12}…|\d+\.\d+\.\d+\.\d+:\d+", "*", last)[:120]] += 1
            else:
                outcome = "lost"
                problems.append(f"{device} ({kinds}): job {job['id']} {job['state']} '{last[:100]}', but the device runs "
                                f"{now[0]} with {'the backup' if on_target else 'its old configuration' if on_old else 'neither its old configuration nor the backup'}")
        counts[outcome] += 1
        by_kind[kinds][outcome] += 1
    decisions = [line for line in open(a.decisions) if line.strip()]
    order = ["done", "rolled back", "aborted", "failed", "not started", "lost", "stuck"]
    print(f"{n} devices, {len(faults)} with injected faults; the operator (this script) decided {len(decisions)} time(s)")
    print()
    print("  ".join(f"{k}: {counts[k]}" for k in order))
    print("(done: on the target, configuration = its stored backup; rolled back / aborted: on the old version with")
    print(" the old configuration, after / before the update began; failed and not started: with the reason in the")
    print(" job's history or the campaign, the device in one of those two states; lost: device and history disagree)")
    print()
    print(f"{'faults':30s} " + " ".join(f"{k:>11s}" for k in order))
    for kind in sorted(by_kind, key=lambda k: (k != "healthy", k)):
        print(f"{kind:30s} " + " ".join(f"{by_kind[kind][k]:>11d}" for k in order))
    if reasons:
        print("\nreasons given by failed jobs:")
        for r, c in reasons.most_common():
            print(f"  {c:4d}  {r}")
    if problems:
        print("\nLOST OR STUCK:")
        for line in problems[:50]:
            print("  " + line)
    healthy_not_done = by_kind["healthy"].total() - by_kind["healthy"]["done"]
    if healthy_not_done:
        print(f"\nnote: {healthy_not_done} healthy device(s) not upgraded (consistent, but look at their jobs)")
    sys.exit(1 if counts["lost"] or counts["stuck"] else 0)


if __name__ == "__main__":
    main()
