#!/usr/bin/env bash
# Submits the nightly simulation to Slurm in one line: a job array with one `paiwei simulate
# --replication-range` slice per task (simulate-slice.sbatch) and a merge job that starts after every
# task succeeded (merge.sbatch, --dependency=afterok). Works from any directory. See docs/simulation.md.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
me="submit.sh"
fail() { echo "$me: error: $*" >&2; exit 2; }

usage() {
    cat <<EOF
Usage: scripts/slurm/submit.sh [--shared DIR] [options]

Submits a Slurm job array of ceil(TOTAL / SLICE) tasks, task i simulating replications
i*SLICE ..< min((i+1)*SLICE, TOTAL) into DIR/slices/replications-A-B/, and a merge job that starts
once every task succeeded and writes the merged result (byte-identical to one 'paiwei simulate
--replications TOTAL'). Logs: DIR/logs/slice-<task>.job<array job>.out and merge.job<job>.out.

Options (defaults in brackets):
  --shared DIR     folder on a file system every compute node mounts at the same path [./paiwei-simulation]
  --paiwei PATH    the paiwei executable, at the same path on every node [$repo/.build/release/paiwei]
  --data DIR       dataset folder [$repo/datasets/sample]
  --policy P       policy preset name or policy file [chaoyang-2023-middle]
  --seed HEX       64 hex digits [$default_seed]
  --total N        replications 0..<N [800]
  --slice N        replications per task [100]; a task costs Slurm about half a second, give it hundreds
  --cpus N         CPUs per task, used as 'simulate --workers' [1]
  --result DIR     where the merge writes [DIR/result]
  --tasks LIST     only these tasks, e.g. 3 or 2,5-6 (re-run failed slices; the merge then checks all) [all]
  -h, --help       this text

Other sbatch settings come from sbatch's own environment variables, e.g. SBATCH_PARTITION,
SBATCH_ACCOUNT, SBATCH_TIMELIMIT, SBATCH_QOS.
EOF
}

default_seed=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
paiwei="$repo/.build/release/paiwei"
data="$repo/datasets/sample"
policy=chaoyang-2023-middle
seed=$default_seed
total=800
slice=100
cpus=1
shared="$PWD/paiwei-simulation"
result=""
tasks=""

while (( $# > 0 )); do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --shared|--paiwei|--data|--policy|--seed|--total|--slice|--cpus|--result|--tasks)
            (( $# >= 2 )) || fail "$1 needs a value (see --help)"
            value=$2
            case "$1" in
                --shared) shared=$value ;; --paiwei) paiwei=$value ;; --data) data=$value ;;
                --policy) policy=$value ;; --seed) seed=$value ;; --total) total=$value ;;
                --slice) slice=$value ;; --cpus) cpus=$value ;; --result) result=$value ;;
                --tasks) tasks=$value ;;
            esac
            shift 2 ;;
        *) fail "unknown argument '$1' (see --help)" ;;
    esac
done

command -v sbatch >/dev/null 2>&1 || fail "sbatch is not on PATH; run this on a Slurm login node"
[[ "$total" =~ ^[1-9][0-9]*$ ]] || fail "--total must be a whole number above 0, not '$total'"
[[ "$slice" =~ ^[1-9][0-9]*$ ]] || fail "--slice must be a whole number above 0, not '$slice'"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || fail "--cpus must be a whole number above 0, not '$cpus'"
[[ "$seed" =~ ^[0-9a-fA-F]{64}$ ]] || fail "--seed must be 64 hexadecimal digits, not '$seed'"
[[ -x "$paiwei" && -f "$paiwei" ]] || fail "--paiwei $paiwei is not an executable file (build it with 'swift build -c release' in $repo)"
[[ -d "$data" ]] || fail "--data $data is not a folder"

# The jobs run elsewhere and later: give them absolute paths.
absolute() { local d b; d=$(cd "$(dirname "$1")" && pwd) || return 1; b=$(basename "$1"); echo "$d/$b"; }
paiwei=$(absolute "$paiwei")
data=$(cd "$data" && pwd)
[[ -f "$policy" ]] && policy=$(absolute "$policy")
mkdir -p "$shared/slices" "$shared/logs" || fail "cannot create $shared/slices and $shared/logs"
shared=$(cd "$shared" && pwd)
[[ -n "$result" ]] || result="$shared/result"
result=$(absolute "$result") || fail "--result $result: its parent folder does not exist"

count=$(( (total + slice - 1) / slice ))
if [[ -z "$tasks" ]]; then
    tasks="0-$(( count - 1 ))"
else
    [[ "$tasks" =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] || fail "--tasks must look like 3 or 2,5-6, not '$tasks'"
    for number in ${tasks//[,-]/ }; do
        (( 10#$number < count )) || fail "--tasks $tasks: there is no task $number; $total replications in slices of $slice make tasks 0-$(( count - 1 ))"
    done
fi

# Refuse bad data or policy now, not in every task tonight.
"$paiwei" check --data "$data" --policy "$policy" >/dev/null \
    || fail "'paiwei check --data $data --policy $policy' refused the input (see above); nothing was submitted"

resubmit=$(printf '%q ' "$here/submit.sh" --shared "$shared" --paiwei "$paiwei" --data "$data" --policy "$policy" \
    --seed "$seed" --total "$total" --slice "$slice" --cpus "$cpus" --result "$result")
export PAIWEI_BIN="$paiwei" PAIWEI_DATA="$data" PAIWEI_POLICY="$policy" PAIWEI_SEED="$seed" PAIWEI_TOTAL="$total" \
       PAIWEI_SLICE="$slice" PAIWEI_SHARED="$shared" PAIWEI_RESULT="$result" PAIWEI_RESUBMIT="${resubmit% }"

array=$(sbatch --parsable --export=ALL --chdir="$shared" --job-name=paiwei-slices --array="$tasks" \
    --cpus-per-task="$cpus" --output="$shared/logs/slice-%a.job%A.out" "$here/simulate-slice.sbatch") \
    || fail "sbatch refused the array job (see above)"
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL --chdir="$shared" --job-name=paiwei-merge --dependency="afterok:$array" \
    --kill-on-invalid-dep=yes --output="$shared/logs/merge.job%j.out" "$here/merge.sbatch") \
    || fail "sbatch refused the merge job (see above); array job $array is queued: 'scancel $array' to drop it"
merge=${merge%%;*}

echo "$me: array job $array: tasks $tasks of 0-$(( count - 1 )) ($total replications in slices of $slice) -> $shared/slices/"
echo "$me: merge job $merge: after every task succeeded -> $result"
echo "$me: logs in $shared/logs/; watch with: squeue -j $array,$merge"
