# Shared by the bench/*.sh scripts (sourced, not run): timing and pairing of whole commands.

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# pair NAME SETUP_A CMD_A SETUP_B CMD_B [LABEL_B]: runs A and B alternately $runs times, timing only
# the commands (not their set-up), and prints both medians and their ratio A/B
pair() {
  local name="$1" setup_a="$2" cmd_a="$3" setup_b="$4" cmd_b="$5" label_b="${6:-other}" ta=() tb=() i t0
  for ((i = 0; i < runs; i++)); do
    eval "$setup_a"; t0=$(now); eval "$cmd_a" >/dev/null 2>&1; ta+=("$(awk -v a="$(now)" -v b="$t0" "BEGIN{print a-b}")")
    eval "$setup_b"; t0=$(now); eval "$cmd_b" >/dev/null 2>&1; tb+=("$(awk -v a="$(now)" -v b="$t0" "BEGIN{print a-b}")")
  done
  local ma mb
  ma=$(printf '%s\n' "${ta[@]}" | median)
  mb=$(printf '%s\n' "${tb[@]}" | median)
  printf '%-40s cairn %7.3f s   %s %7.3f s   ratio %5.2f\n' "$name" "$ma" "$label_b" "$mb" \
    "$(awk -v a="$ma" -v b="$mb" "BEGIN{print a/b}")"
}
