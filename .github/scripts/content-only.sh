#!/usr/bin/env bash
# Prints content_only=true when every file changed between two commits is content
# (src/articles/, _data/, the reports' records in record/ and discover's state in discover/),
# content_only=false otherwise; used by the workflows.
#   content-only.sh <event name> <base commit> <head commit>
set -euo pipefail
event=$1 base=$2 head=$3
if [ "$event" != "push" ] && [ "$event" != "pull_request" ]; then echo "content_only=false"; exit 0; fi
if [ -z "$base" ] || [ "$base" = "0000000000000000000000000000000000000000" ] || ! git cat-file -e "$base^{commit}" 2>/dev/null; then
  echo "content_only=false"
  exit 0
fi
changed=$(git diff --name-only "$base" "$head")
if [ -n "$changed" ] && ! grep -qvE '^(src/articles/|_data/|record/|discover/)' <<<"$changed"; then
  echo "content_only=true"
else
  echo "content_only=false"
fi
