#!/bin/sh
# summary.sh -- after make check: show the logs of failing tests, then the
# totals on a line of their own ("N passed, N failed"). Counts test cases:
# cmocka cases and the ok:/FAIL: checks of the integration scripts.
cd "${1:-.}" || exit 99
passed=0; failed=0; skipped=""
for trs in $(find tests -name '*.trs' | sort); do
	log=${trs%.trs}.log
	res=$(sed -n 's/^:test-result: //p' "$trs")
	p=$(grep -c -e '^\[       OK \]' -e '^ok: ' "$log")
	f=$(grep -c -e '^\[  FAILED  \] test_' -e '^FAIL: ' "$log")
	case $res in
	FAIL|ERROR)
		[ "$f" -eq 0 ] && f=1
		echo "==== $log"; cat "$log"; echo ;;
	SKIP) skipped="$skipped ${trs%.trs}" ;;
	esac
	passed=$((passed + p)); failed=$((failed + f))
done
[ -n "$skipped" ] && echo "skipped (a tool is missing):$skipped"
echo "$passed passed, $failed failed"
