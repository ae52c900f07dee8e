#!/usr/bin/env bash
# End-to-end test of the Slurm recipe on this one machine: installs Slurm and munge from Debian's
# packages when missing, starts munged, slurmctld and slurmd by hand with all their state in a
# temporary folder, submits the simulation of the sample district as a job array (submit.sh) and
# checks that the merged files are byte-identical to one `paiwei simulate` of the same replications.
# Then it makes one slice fail, checks that the failure is visible and blocks the merge, re-runs that
# slice alone and checks it gives the same bytes. It stops exactly the daemons it started, by pid.
# Needs root (it installs packages and runs slurmd). Run from any directory; --help for options.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
me="test-single-node.sh"

usage() {
    cat <<EOF
Usage: scripts/slurm/test-single-node.sh [options]

  --paiwei PATH    paiwei executable [$repo/.build/release/paiwei; built if missing]
  --data DIR       dataset [$repo/datasets/sample]
  --policy P       policy [chaoyang-2023-middle]
  --seed HEX       64 hex digits [$seed]
  --total N        replications [800]
  --slice N        replications per array task [100]
  --timeout S      bound on each wait for the scheduler, in seconds [240]
  --keep           keep the temporary folder (Slurm state, logs, slices) even on success
EOF
}

paiwei=""
data="$repo/datasets/sample"
policy=chaoyang-2023-middle
seed=9e5c1d3a0b7f42668d2e4c1b5a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d1c2b3a4f
total=800
slice=100
timeout=240
keep=0
while (( $# > 0 )); do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --keep) keep=1; shift ;;
        --paiwei|--data|--policy|--seed|--total|--slice|--timeout)
            if (( $# < 2 )); then echo "$me: error: $1 needs a value (see --help)" >&2; exit 2; fi
            case "$1" in
                --paiwei) paiwei=$2 ;; --data) data=$2 ;; --policy) policy=$2 ;; --seed) seed=$2 ;;
                --total) total=$2 ;; --slice) slice=$2 ;; --timeout) timeout=$2 ;;
            esac
            shift 2 ;;
        *) echo "$me: error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

# ---- bookkeeping: checks passed, daemons started, jobs submitted, what to undo --------------------
passed=0
tmp=""
pids=()          # "name:pid" of each daemon this script started, in start order
created_policy_rc=0
finished=0

say() { echo "== $*"; }
fail() { echo "$me: error: $*" >&2; exit 1; }
check() { passed=$(( passed + 1 )); echo "ok $passed - $*"; }
trap 'echo "$me:$LINENO: error: command failed (exit $?): $BASH_COMMAND" >&2' ERR

show_logs() {
    [[ -n "$tmp" && -d "$tmp" ]] || return 0
    echo "$me: (on every fresh start slurmctld logs 'Could not open ... state file' and slurmd 'mpi/pmix'" \
         "errors; they are harmless)" >&2
    local file
    for file in "$tmp"/log/*.log "$tmp"/log/*.out "$tmp"/shared/logs/*.out; do
        [[ -s "$file" ]] || continue
        # slurmctld and slurmd write the same lines to stderr (*.out) and to their log file; stderr
        # matters only when they died before opening the log file.
        if [[ "$file" == */slurm*.out && -s "${file%.out}.log" ]]; then continue; fi
        echo "---- last lines of $file" >&2
        tail -n 25 "$file" >&2 || true
    done
}

stop_daemons() {
    # Newest first: slurmd, slurmctld, then munged; each by the pid this script got when it started it.
    local i entry name pid waited
    for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do
        entry=${pids[i]}; name=${entry%%:*}; pid=${entry#*:}
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for (( waited = 0; waited < 100; waited++ )); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.1
            done
            if kill -0 "$pid" 2>/dev/null; then
                echo "$me: $name (pid $pid) did not stop within 10 s of SIGTERM; sending SIGKILL" >&2
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
        wait "$pid" 2>/dev/null || true
        echo "$me: stopped $name (pid $pid)"
    done
    pids=()
}

cleanup() {
    local status=$?
    trap - ERR
    set +e
    if (( created_policy_rc )); then rm -f /usr/sbin/policy-rc.d; fi
    if (( status != 0 )); then
        echo "$me: FAILED (exit $status); logs follow" >&2
        show_logs
    fi
    if (( ${#pids[@]} >= 3 )) && (( ! finished )); then
        # Every job on this private cluster (SLURM_CONF is ours) is one this script submitted.
        local left waited
        left=$(squeue -h -o '%F' 2>/dev/null | sort -u)
        if [[ -n "$left" ]]; then
            echo "$me: cancelling the jobs still queued or running: $(echo "$left" | tr '\n' ' ')" >&2
            # shellcheck disable=SC2086 # one job id per word
            scancel $left 2>/dev/null
            for (( waited = 0; waited < 150; waited++ )); do
                [[ -z "$(squeue -h -t running,completing -o '%i' 2>/dev/null)" ]] && break
                sleep 0.1
            done
        fi
    fi
    stop_daemons
    if [[ -n "$tmp" && -d "$tmp" ]]; then
        if (( status == 0 && ! keep )); then
            rm -rf "$tmp"
        else
            echo "$me: state, logs and results kept in $tmp"
        fi
    fi
    if (( status != 0 )); then echo "slurm: $passed passed, 1 failed"; fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- inputs ------------------------------------------------------------------------------------
(( $(id -u) == 0 )) || fail "run as root: it installs Debian packages and starts slurmd, which must be root"
[[ "$total" =~ ^[1-9][0-9]*$ && "$slice" =~ ^[1-9][0-9]*$ && "$timeout" =~ ^[1-9][0-9]*$ ]] \
    || fail "--total, --slice and --timeout must be whole numbers above 0"
[[ "$seed" =~ ^[0-9a-fA-F]{64}$ ]] || fail "--seed must be 64 hexadecimal digits"
[[ -d "$data" ]] || fail "--data $data is not a folder"
data=$(cd "$data" && pwd)
[[ -f "$policy" ]] && policy="$(cd "$(dirname "$policy")" && pwd)/$(basename "$policy")"
if [[ -z "$paiwei" ]]; then
    paiwei="$repo/.build/release/paiwei"
    if [[ ! -x "$paiwei" ]]; then
        command -v swift >/dev/null 2>&1 || fail "$paiwei is missing and 'swift' is not on PATH to build it"
        say "building $paiwei (swift build -c release)"
        (cd "$repo" && swift build -c release --product paiwei) || fail "swift build -c release failed in $repo"
    fi
fi
[[ -x "$paiwei" && -f "$paiwei" ]] || fail "--paiwei $paiwei is not an executable file"
paiwei="$(cd "$(dirname "$paiwei")" && pwd)/$(basename "$paiwei")"
tasks=$(( (total + slice - 1) / slice ))
(( tasks >= 2 )) || fail "--total $total and --slice $slice make a single task; the test needs at least 2"

# ---- Slurm and munge from Debian's packages ----------------------------------------------------------
tools=(munged mungekey munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol scancel)
have_all() { local t; for t in "${tools[@]}"; do command -v "$t" >/dev/null 2>&1 || return 1; done; }
if ! have_all; then
    command -v apt-get >/dev/null 2>&1 || fail "Slurm or munge is missing and there is no apt-get to install slurm-wlm and munge"
    say "installing slurm-wlm and munge (apt-get)"
    # Keep the packages' own services from starting: this test starts its own daemons, by hand.
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\n# written by paiwei %s while installing; removed afterwards\nexit 101\n' "$me" > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        created_policy_rc=1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq || fail "apt-get update failed"
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends slurm-wlm munge >/dev/null \
        || fail "apt-get install slurm-wlm munge failed"
    if (( created_policy_rc )); then rm -f /usr/sbin/policy-rc.d; created_policy_rc=0; fi
    have_all || fail "slurm-wlm and munge are installed but one of ${tools[*]} is still not on PATH"
fi
slurm_version=$(slurmd -V)
check "Slurm and munge are installed ($slurm_version, $(munged --version 2>&1 | head -n 1))"

# ---- a temporary single-node cluster -------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/paiwei-slurm.XXXXXX")
# munged wants its socket's folders searchable by all (0711: nobody else can list or write them).
chmod 711 "$tmp"
mkdir -p "$tmp/etc" "$tmp/log" "$tmp/run" "$tmp/state" "$tmp/spool" "$tmp/munge" "$tmp/shared"
chmod 711 "$tmp/munge"
host=$(hostname -s)
cpus=$(nproc)

# Two free TCP ports for slurmctld and slurmd: read the listening sockets from /proc, no tools needed.
listening() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v p="$hex" '$4 == "0A" { split($2, a, ":"); if (a[2] == p) found = 1 } END { exit !found }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
port=6817
while listening "$port" || listening $(( port + 1 )); do
    port=$(( port + 2 ))
    (( port < 6917 )) || fail "no two free TCP ports between 6817 and 6917 for slurmctld and slurmd"
done

socket="$tmp/munge/munge.socket"
conf="$tmp/etc/slurm.conf"
cat > "$conf" <<EOF
# Written by scripts/slurm/$me: one node, no systemd, no cgroups, no accounting, state under $tmp.
ClusterName=paiwei-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$(( port + 1 ))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=600
KillWait=5
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$conf"

say "starting munged, slurmctld and slurmd by hand (state in $tmp)"
mungekey --create --keyfile="$tmp/munge/munge.key" >/dev/null 2>&1 \
    || dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none \
    || fail "cannot create a munge key in $tmp/munge"
chmod 400 "$tmp/munge/munge.key"
munged --foreground --socket="$socket" --key-file="$tmp/munge/munge.key" \
    --log-file="$tmp/log/munged.log" --pid-file="$tmp/run/munged.pid" --seed-file="$tmp/munge/munged.seed" \
    > "$tmp/log/munged.out" 2>&1 &
pids+=("munged:$!")

wait_for() { # wait_for SECONDS WHAT COMMAND… : poll COMMAND every 0.1 s, fail after SECONDS
    local bound=$1 what=$2 start=$SECONDS entry
    shift 2
    until "$@" >/dev/null 2>&1; do
        for entry in "${pids[@]}"; do
            kill -0 "${entry#*:}" 2>/dev/null || fail "${entry%%:*} (pid ${entry#*:}) exited while waiting for $what"
        done
        (( SECONDS - start < bound )) || fail "timed out after $bound s waiting for $what"
        sleep 0.1
    done
}
munge_works() { munge --socket="$socket" -n | unmunge --socket="$socket"; }
wait_for 20 "munged to answer on $socket" munge_works
check "munged (pid ${pids[0]#*:}) answers on its own socket"

slurmctld -D -f "$conf" > "$tmp/log/slurmctld.out" 2>&1 &
pids+=("slurmctld:$!")
wait_for 60 "slurmctld to answer on port $port" scontrol ping
slurmd -D -f "$conf" -N "$host" > "$tmp/log/slurmd.out" 2>&1 &
pids+=("slurmd:$!")
node_idle() { [[ $(sinfo -h -N -n "$host" -o '%T') == idle ]]; }
wait_for 60 "node $host to come up idle" node_idle
check "slurmctld (pid ${pids[1]#*:}) and slurmd (pid ${pids[2]#*:}) run; node $host is idle with $cpus CPUs"

# ---- helpers on jobs -----------------------------------------------------------------------------
now() { echo "${EPOCHREALTIME/,/.}"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
states() { squeue -h -r --states=all -j "$1" -o '%i %T'; } # one "id STATE" line per job or array task
job_state() { squeue -h --states=all -j "$1" -o '%T' | head -n 1; }
job_done() { # true once job $1 is in a final state
    case "$(job_state "$1")" in
        COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE|OUT_OF_MEMORY) return 0 ;;
        *) return 1 ;;
    esac
}
submit() { # submit OPTIONS… : run submit.sh, remember and print "ARRAY MERGE"
    local out array merge
    out=$("$here/submit.sh" --paiwei "$paiwei" --data "$data" --policy "$policy" --seed "$seed" \
        --total "$total" --slice "$slice" --shared "$tmp/shared" "$@") || fail "submit.sh $* failed: $out"
    echo "$out" >&2
    array=$(sed -n 's/^submit\.sh: array job \([0-9][0-9]*\):.*/\1/p' <<< "$out")
    merge=$(sed -n 's/^submit\.sh: merge job \([0-9][0-9]*\):.*/\1/p' <<< "$out")
    [[ -n "$array" && -n "$merge" ]] || fail "could not read the job ids from submit.sh's output"
    echo "$array $merge"
}
same_bytes() { # same_bytes A B : the two folders hold the same file names with the same bytes
    local file
    [[ "$(cd "$1" && find . -type f | LC_ALL=C sort)" == "$(cd "$2" && find . -type f | LC_ALL=C sort)" ]] \
        || fail "$1 and $2 do not hold the same files: $(diff <(cd "$1" && find . -type f | LC_ALL=C sort) <(cd "$2" && find . -type f | LC_ALL=C sort) | tr '\n' ' ')"
    while IFS= read -r file; do
        cmp -s "$1/$file" "$2/$file" || fail "$1/$file and $2/$file differ: $(cmp "$1/$file" "$2/$file" 2>&1 | head -n 1)"
    done < <(cd "$1" && find . -type f | LC_ALL=C sort)
}

# ---- the reference: one run of all the replications ----------------------------------------------
say "one run: paiwei simulate --replications $total"
t0=$(now)
"$paiwei" simulate --data "$data" --policy "$policy" --seed "$seed" --replications "$total" --out "$tmp/single" > "$tmp/log/single.out" \
    || { cat "$tmp/log/single.out" >&2; fail "paiwei simulate --replications $total failed"; }
t1=$(now)
single_seconds=$(elapsed "$t0" "$t1")
check "one paiwei simulate of $total replications took $single_seconds s ($cpus workers)"

# ---- the array: submit, wait, compare ----------------------------------------------------------------
say "job array: $tasks tasks of $slice replications, then the merge"
t0=$(now)
ids=$(submit)
read -r array merge <<< "$ids"
wait_for "$timeout" "merge job $merge (after array job $array) to finish" job_done "$merge"
t1=$(now)
array_seconds=$(elapsed "$t0" "$t1")
[[ "$(job_state "$merge")" == COMPLETED ]] || fail "merge job $merge ended $(job_state "$merge"); array tasks: $(states "$array" | tr '\n' ' ')"
bad=$(states "$array" | awk '$2 != "COMPLETED"')
[[ -z "$bad" ]] || fail "array tasks not COMPLETED: $bad"
(( $(states "$array" | wc -l) == tasks )) || fail "array job $array has $(states "$array" | wc -l) tasks, not $tasks"
check "array job $array ($tasks tasks) and merge job $merge COMPLETED in $array_seconds s from submit to merged"

for (( task = 0; task < tasks; task++ )); do
    low=$(( task * slice )); high=$(( low + slice < total ? low + slice : total ))
    [[ -f "$tmp/shared/slices/replications-$low-$high/tally.txt" ]] || fail "slice $low..<$high is missing in $tmp/shared/slices"
    grep -q "replications $low\.\.<$high" "$tmp/shared/logs/slice-$task.job$array.out" \
        || fail "the log of task $task (logs/slice-$task.job$array.out) does not name replications $low..<$high"
done
check "every task wrote slices/replications-A-B/ and names its range in logs/slice-N.job$array.out"

same_bytes "$tmp/single" "$tmp/shared/result"
grep -q "\"replication_ranges\": \[\"0\.\.<$total\"\]" "$tmp/shared/result/summary.json" \
    || fail "the merged summary.json does not cover exactly 0..<$total"
check "merged result is byte-identical to the single run: $(cd "$tmp/single" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ')"

# ---- a failed slice: visible, blocks the merge, re-runs alone to the same bytes -----------------------
fail_task=$(( tasks / 2 ))
low=$(( fail_task * slice )); high=$(( low + slice < total ? low + slice : total ))
victim="$tmp/shared/slices/replications-$low-$high"
say "failure: task $fail_task (replications $low..<$high) cannot write its slice; the others are already done"
mv "$victim" "$tmp/first-run-slice"
echo "not a slice: blocks task $fail_task on purpose" > "$victim"
ids=$(submit --result "$tmp/shared/result-rerun")
read -r array2 merge2 <<< "$ids"
finals() { local id; for id in $(states "$array2" | awk '{print $1}'); do job_done "$id" || return 1; done; job_done "$merge2"; }
wait_for "$timeout" "array job $array2 to end and merge job $merge2 to be cancelled" finals
failed=$(states "$array2" | awk '$2 != "COMPLETED" { print $1 " " $2 }')
[[ "$failed" == "${array2}_$fail_task FAILED" ]] || fail "expected only task $fail_task to fail, got: ${failed:-none}"
[[ "$(job_state "$merge2")" == CANCELLED ]] || fail "merge job $merge2 is $(job_state "$merge2"), not CANCELLED after a failed task"
[[ ! -e "$tmp/shared/result-rerun" ]] || fail "the merge wrote a result although a slice failed"
log="$tmp/shared/logs/slice-$fail_task.job$array2.out"
grep -q "replications $low\.\.<$high" "$log" || fail "$log does not name the range $low..<$high"
grep -q -- "--tasks $fail_task" "$log" || fail "$log does not give the command that re-runs task $fail_task"
grep -q "already complete" "$tmp/shared/logs/slice-0.job$array2.out" || fail "task 0 computed its slice again instead of keeping it"
check "task $fail_task FAILED visibly (squeue, and $log names $low..<$high and '--tasks $fail_task'); merge job $merge2 CANCELLED; done slices kept"

rm "$victim"
ids=$(submit --result "$tmp/shared/result-rerun" --tasks "$fail_task")
read -r array3 merge3 <<< "$ids"
wait_for "$timeout" "re-run of task $fail_task (job $array3) and merge job $merge3 to finish" job_done "$merge3"
[[ "$(job_state "$merge3")" == COMPLETED && "$(states "$array3")" == "${array3}_$fail_task COMPLETED" ]] \
    || fail "re-run: array $array3: $(states "$array3" | tr '\n' ' '); merge $merge3: $(job_state "$merge3")"
same_bytes "$tmp/first-run-slice" "$victim"
same_bytes "$tmp/single" "$tmp/shared/result-rerun"
check "task $fail_task re-ran alone (--tasks $fail_task) to the same bytes, and its merge is byte-identical to the single run"

finished=1
say "timing: one 'paiwei simulate --replications $total' $single_seconds s; job array of $tasks x $slice plus merge, submit to merged: $array_seconds s (Slurm $slurm_version, $cpus CPUs)"
stop_daemons
check "stopped the daemons it started, by pid"
echo "slurm: $passed passed, 0 failed"
