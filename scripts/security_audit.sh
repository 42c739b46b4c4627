#!/usr/bin/env bash
# Security gates for CI: bandit on the project's code (no medium or high finding; each accepted
# one carries `# nosec` and its reason), then npm audit and pip-audit on the pinned packages.
# Where an audit's vulnerability service cannot be reached (as from CI here) it says the audit
# DID NOT RUN - never a pass that audited nothing. See README, "Security".
set -uo pipefail
cd "$(dirname "$0")/.."
status=0

echo "bandit: project code, medium and high severity"
if ! .venv/bin/bandit -q -r improvement tracker scripts -ll 2>/dev/null; then
  echo "bandit: FAILED (fix the finding, or mark an accepted one with '# nosec BXXX - reason')"; status=1
else
  echo "bandit: no medium or high findings"
fi

out="$(timeout 120 npm audit --omit=dev --audit-level=low 2>&1)"; rc=$?
if [ $rc -eq 0 ]; then
  echo "npm audit: no known vulnerabilities in the front-end packages"
elif echo "$out" | grep -qiE "audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network|timed out"; then
  echo "npm audit: DID NOT RUN - the registry's audit service could not be reached from here"
else
  echo "$out"; echo "npm audit: FAILED"; status=1
fi

out="$(timeout 300 .venv/bin/pip-audit -r requirements/lock.txt --no-deps --disable-pip --progress-spinner off 2>&1)"; rc=$?
packages=$(grep -c "==" requirements/lock.txt)
unaudited=$(echo "$out" | grep -c "could not be audited" || true)
if echo "$out" | grep -qiE "known vulnerabilit(y|ies) in [0-9]+ package"; then
  echo "$out"; echo "pip-audit: FAILED"; status=1
elif [ $rc -ne 0 ] || [ "$unaudited" -ge "$packages" ]; then
  echo "pip-audit: DID NOT RUN - its vulnerability service could not be reached from here ($unaudited of $packages packages unaudited)"
elif [ "$unaudited" -gt 0 ]; then
  echo "pip-audit: audited; $unaudited of $packages packages could not be checked:"; echo "$out" | grep "could not be audited"
else
  echo "pip-audit: no known vulnerabilities in requirements/lock.txt"
fi
exit $status
