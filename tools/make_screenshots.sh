#!/usr/bin/env bash
# Makes the pictures in docs/images with the real app under Xvfb (what a trainee sees), at
# 1280x720. Run after a build: tools/make_screenshots.sh [build/mnsim]
set -euo pipefail

cd "$(dirname "$0")/.."
mnsim=${1:-build/mnsim}
out=${OUT:-docs/images}
mkdir -p "$out"
# A fixed scratch folder, so that the paths the pictures show are short and the same every time.
scratch=/tmp/mnsim-docs
rm -rf "$scratch"
mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT
# Settings, runs and recent files go to the scratch folder, not the user's.
export XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data
# Someone is training at this station (runs are recorded in their name).
mkdir -p "$scratch/config/mnsim"
printf 'trainee_id=T-0042\ntrainee_name=Ana Silva\ncohort=2026-autumn\ntrainee=T-0042\tAna Silva\t2026-autumn\n' \
  >"$scratch/config/mnsim/settings.ini"

shot() {  # shot NAME ARGS...: one picture
  local name=$1
  shift
  xvfb-run -a -s '-screen 0 1280x720x24' "$mnsim" "$@" --hidden --screenshot "$out/$name.png" --exit-after
  echo "$out/$name.png"
}

# The head on its own, from the app's renderer.
shot app_head_front train --no-panels --camera front --mouse 1,1
shot app_head_three_quarter train --no-panels --camera three-quarter --mouse 1,1
shot app_head_profile train --no-panels --camera left --mouse 1,1
shot app_head_zones train --no-panels --camera three-quarter --view zones --mouse 1,1

# Free practice: the home screen, a session half done (the pen on the forehead), each view, and
# the debrief. The first 40 s of the fine-lines trace: the forehead's first pass.
trace=scenarios/traces/fine_lines.good.csv
awk -F, '/^#/ || /^t_s/ || $1 <= 40.0' "$trace" >"$scratch/half.csv"
plan=assets/plans/head_fine_lines.yaml
shot app_home --home --mouse 1,1
shot app_practice train --plan "$plan" --play-trace "$scratch/half.csv" --view coverage --mouse 600,200
shot app_zones train --plan "$plan" --view zones --camera three-quarter --mouse 560,330
shot app_coverage train --plan "$plan" --play-trace "$trace" --view coverage --mouse 1,1
shot app_endpoint train --plan "$plan" --play-trace "$trace" --view endpoint --mouse 1,1
shot app_debrief train --plan "$plan" --play-trace "$trace" --debrief --mouse 1,1

# A case: consultation, preparation, procedure, a recovery observation and the case debrief.
case=scenarios/acne_scars.yaml
answers=scenarios/answers/acne_scars.correct.yaml
shot case_consultation case "$case" --answers "$answers" --until history --mouse 1,1
shot case_preparation case "$case" --answers "$answers" --until prep_needle --mouse 1,1
shot case_procedure case "$case" --answers "$answers" --until needling --mouse 1,1
shot case_recovery case "$case" --answers "$answers" --until day2 --mouse 1,1
shot case_debrief case "$case" --answers "$answers" --play-trace scenarios/traces/acne_scars.good.csv --debrief --mouse 1,1

# Recording: the who-is-training dialog at a new station, and the prompt for a run a crash left
# (a recording of the pad drill killed after two seconds).
XDG_CONFIG_HOME=$scratch/new-station shot app_who_is_training --home --ask-trainee --mouse 1,1
mkdir -p "$scratch/data/mnsim/runs"
timeout -s KILL 2 "$mnsim" record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.correct.yaml \
  --trainee-id T-0042 --trainee-name 'Ana Silva' --cohort 2026-autumn --mode assessment --live \
  --out "$scratch/data/mnsim/runs/pad_drill-20261205-091500.mnrun" >/dev/null || true
shot app_recover_run --home --recover ask --mouse 1,1

# Reviewing (the assessor's workstation). A copy of the surgical-scar case with an expert's
# reference run beside it, a trainee's run of its mistaken path, and a few more runs for the list:
# another trainee's fine-lines case, the pad drill, and a copy of a run altered by one byte.
cases=$scratch/cases
mkdir -p "$cases/references"
cp scenarios/surgical_scar.yaml "$cases/"
"$mnsim" record --scenario "$cases/surgical_scar.yaml" --answers scenarios/answers/surgical_scar.correct.yaml \
  --trainee-id expert --trainee-name 'Dr Eva Expert' --out "$cases/references/surgical_scar-20261204-160000.mnrun" >/dev/null
runs=$scratch/data/mnsim/runs
run=$runs/surgical_scar-20261205-101500.mnrun
"$mnsim" record --scenario "$cases/surgical_scar.yaml" --answers scenarios/answers/surgical_scar.mistakes.yaml \
  --trainee-id T-0042 --trainee-name 'Ana Silva' --cohort 2026-autumn --out "$run" >/dev/null
"$mnsim" record --scenario scenarios/fine_lines.yaml --answers scenarios/answers/fine_lines.correct.yaml \
  --trainee-id T-0057 --trainee-name 'Ben Okafor' --cohort 2026-autumn --out "$runs/fine_lines-20261205-091000.mnrun" >/dev/null
"$mnsim" record --scenario scenarios/pad_drill.yaml --answers scenarios/answers/pad_drill.mistakes.yaml \
  --trainee-id T-0057 --trainee-name 'Ben Okafor' --cohort 2026-autumn --out "$runs/pad_drill-20261205-083000.mnrun" >/dev/null
cp "$runs/pad_drill-20261205-083000.mnrun" "$runs/pad_drill-20261205-084500.mnrun"
printf 'X' | dd of="$runs/pad_drill-20261205-084500.mnrun" bs=1 seek=30000 conv=notrunc status=none
# Review runs reads the station's store: the runs go in as the app puts those it records (the
# altered copy is refused, as the store keeps only evidence).
"$mnsim" store import "$runs" >/dev/null || true
shot review_runs --home --review-runs --mouse 1,1
shot review_replay replay "$run" --seek 70 --camera right --mouse 1,1
shot review_expert replay "$run" --seek 70 --camera right --tab expert --mouse 1,1
shot review_rubric replay "$run" --seek 70 --camera right --rate 'instrument_handling=2:Corrected the tilt as soon as it was pointed out' --mouse 1,1
shot review_comments replay "$run" --seek 70 --camera right --mouse 690,422 --comment 'Pen tilted about 40 degrees here: keep it upright on the jawline' --tab comments
shot review_sign_off replay "$run" --seek 70 --camera right --open-sign-off --mouse 1,1
shot review_signed replay "$run" --seek 70 --camera right --sign-off 'Dr Bea Assessor' --mouse 1,1
shot review_altered replay "$runs/pad_drill-20261205-084500.mnrun" --seek 40 --mouse 1,1
shot review_trainee_replay replay "$run" --seek 70 --camera right --trainee-view --mouse 1,1

# The run's report and a cohort, as headless Chromium shows them (tools/page_shots.mjs).
"$mnsim" report "$run" --out "$scratch/report.html"
node tools/page_shots.mjs "$scratch/report.html" "$out/report_top.png"
node tools/page_shots.mjs "$scratch/report.html" "$out/report_faults.png" '#faults' 1100
cohort=$scratch/cohort
mkdir -p "$cohort"
attempts() {  # attempts ID NAME OUTCOMES: S a correct run of the pad drill, F one with mistakes
  local i=0 outcome
  for outcome in $(echo "$3" | grep -o .); do
    i=$((i + 1))
    local answers=correct
    [ "$outcome" = F ] && answers=mistakes
    "$mnsim" record --scenario scenarios/pad_drill.yaml --answers "scenarios/answers/pad_drill.$answers.yaml" \
      --trainee-id "$1" --trainee-name "$2" --cohort 2026-autumn --out "$cohort/$1-$i.mnrun" >/dev/null
  done
}
attempts T-0042 'Ana Silva' SSSSSSS
attempts T-0057 'Ben Okafor' FFFSSSSSSS
attempts T-0061 'Cleo Park' SFSFSSFSSS
attempts T-0070 'Dev Rao' SSSSFSSSSSSS
cp "$cohort/T-0042-1.mnrun" "$cohort/T-0042-copy.mnrun"
printf 'X' | dd of="$cohort/T-0042-copy.mnrun" bs=1 seek=3000 conv=notrunc status=none
mnsim_path=$(realpath "$mnsim")
(cd "$scratch" && "$mnsim_path" grade cohort --html cohort.html) || true  # exit 1: the altered copy
node tools/page_shots.mjs "$scratch/cohort.html" "$out/cohort.png"


# My progress: Ana's attempts as the station's store has them (her pad drills above, and a few
# fine-lines cases, the first two with mistakes).
"$mnsim" store import "$cohort" >/dev/null || true
mkdir -p "$scratch/fine_lines"
for answers in mistakes mistakes correct correct; do
  "$mnsim" record --scenario scenarios/fine_lines.yaml --answers "scenarios/answers/fine_lines.$answers.yaml" \
    --trainee-id T-0042 --trainee-name 'Ana Silva' --cohort 2026-autumn --out "$scratch/fine_lines/$answers-$RANDOM.mnrun" >/dev/null
done
"$mnsim" store import "$scratch/fine_lines" >/dev/null
shot my_progress --home --my-progress --mouse 1,1
