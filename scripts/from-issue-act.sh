#!/usr/bin/env bash
# Acts on what `python -m generator from-issue` decided (the `read` job's artifact, DIR):
#   pull-request: commit DIR/data/centres/*.yaml on the branch from-issue/<issue>, force-push
#                 it, open its pull request or update the open one, label it;
#   comment, manual, location: add or update the ONE comment this bot keeps on the issue
#                 (found by its hidden marker), and label the issue.
# Needs: DIR, and in the environment REPO (owner/name), ISSUE_NUMBER, GH_TOKEN for gh and
# PUSH_TOKEN for the push (the checkout keeps no credentials).
# Nothing from the issue is evaluated: texts go to gh as files or arguments, never as code.
set -euo pipefail
dir=$1
marker="<!-- from-issue: keep this line, the bot updates this comment -->"
outcome=$(jq -r '.outcome' "$dir/result.json")
branch=$(jq -r '.branch' "$dir/result.json")
if ! [[ "$ISSUE_NUMBER" =~ ^[0-9]+$ && "$branch" == "from-issue/$ISSUE_NUMBER" ]]; then
  echo "error: unexpected issue number or branch" >&2
  exit 2
fi
mapfile -t labels < <(jq -r '.labels[]' "$dir/result.json")

keep_comment() {
  local body id
  body="$marker"$'\n'"$(cat "$dir/comment.md")"
  id=$(gh api "repos/$REPO/issues/$ISSUE_NUMBER/comments" --paginate \
    --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
  if [ -n "$id" ]; then
    gh api --method PATCH "repos/$REPO/issues/comments/$id" -f body="$body" > /dev/null
  else
    gh issue comment "$ISSUE_NUMBER" --repo "$REPO" --body "$body"
  fi
}

case "$outcome" in
  pull-request)
    shopt -s nullglob
    files=("$dir"/data/centres/*.yaml)
    if [ "${#files[@]}" -eq 0 ]; then
      echo "error: the result names a pull request but holds no listing" >&2
      exit 2
    fi
    git config user.name "github-actions[bot]"
    git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
    git checkout -B "$branch"
    cp -- "${files[@]}" data/centres/
    git add -- data/centres
    git commit --quiet -m "$(cat "$dir/pr-title.txt")" -m "From issue #$ISSUE_NUMBER (python -m generator from-issue)."
    if [ -n "${PUSH_TOKEN:-}" ]; then  # given for this one command, never stored in .git/config
      auth=$(printf 'x-access-token:%s' "$PUSH_TOKEN" | base64 -w0)
      git -c "http.extraheader=AUTHORIZATION: basic $auth" push --force --quiet origin "$branch"
    else
      git push --force --quiet origin "$branch"
    fi
    number=$(gh pr list --repo "$REPO" --head "$branch" --state open --json number --jq '.[0].number // empty')
    if [ -n "$number" ]; then
      gh pr edit "$number" --repo "$REPO" --title "$(cat "$dir/pr-title.txt")" --body-file "$dir/pr-body.md"
    else
      gh pr create --repo "$REPO" --head "$branch" --base main \
        --title "$(cat "$dir/pr-title.txt")" --body-file "$dir/pr-body.md"
      number=$(gh pr list --repo "$REPO" --head "$branch" --state open --json number --jq '.[0].number // empty')
    fi
    for label in "${labels[@]}"; do
      gh pr edit "$number" --repo "$REPO" --add-label "$label"
    done
    ;;
  comment | manual | location)
    keep_comment
    for label in "${labels[@]}"; do
      gh issue edit "$ISSUE_NUMBER" --repo "$REPO" --add-label "$label"
    done
    ;;
  *)
    echo "error: unknown outcome $outcome" >&2
    exit 2
    ;;
esac
