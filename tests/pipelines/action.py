"""Runs the steps of action.yml as GitHub's runner would, on scratch repositories.

Usage: action.py REPO TARGET_RELEASE_DIR

Each step's `${{ }}` expressions are evaluated from a small context (the only expressions
action.yml may use are the ones EXPRESSIONS knows: a new one fails here first), its script runs
under `bash --noprofile --norc -eo pipefail` as the runner runs `shell: bash`, and lines it
appends to $GITHUB_PATH go on PATH for the next steps. The install step really runs
`cargo install --locked`, sharing the test build's target folder so that nothing is compiled
again.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml  # Installed with pre-commit, in the same virtualenv.

REPO, RELEASE = sys.argv[1], sys.argv[2]
with open(os.path.join(REPO, "action.yml"), encoding="utf-8") as file:
    ACTION = yaml.safe_load(file)

EXPRESSIONS = {
    "github.action_path",
    "runner.temp",
    "inputs.paths",
    "inputs.args",
    "github.event.pull_request.base.sha",
    "github.event.before",
}


def evaluate(expression, context):
    """`a || b` as GitHub evaluates it on strings: the first non-empty operand."""
    for operand in (part.strip() for part in expression.split("||")):
        if operand not in EXPRESSIONS:
            sys.exit(f"action.yml uses ${{{{ {operand} }}}}, which this test does not know")
        value = context.get(operand, "")
        if value:
            return value
    return ""


def substitute(value, context):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: evaluate(m.group(1), context), str(value))


def run_action(workspace, inputs=None, event=None):
    """Runs every step in `workspace`; returns (status of the failing step or 0, output)."""
    temp = tempfile.mkdtemp(prefix="copydesk-runner-")
    context = {"github.action_path": REPO, "runner.temp": temp}
    for name, spec in ACTION["inputs"].items():
        context[f"inputs.{name}"] = (inputs or {}).get(name, spec.get("default", ""))
    context.update(event or {})
    github_path = os.path.join(temp, "github_path")
    open(github_path, "w").close()
    env = dict(os.environ, GITHUB_PATH=github_path, CARGO_TARGET_DIR=os.path.dirname(RELEASE))
    # The runner's PATH has cargo but no copydesk: the install step must provide it.
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != RELEASE)
    output = ""
    for step in ACTION["runs"]["steps"]:
        assert step["shell"] == "bash", step
        step_env = dict(env, **{key: substitute(value, context) for key, value in step.get("env", {}).items()})
        with open(github_path, encoding="utf-8") as file:
            added = [line.strip() for line in file if line.strip()]
        step_env["PATH"] = os.pathsep.join(added[::-1] + [env["PATH"]])
        script = os.path.join(temp, "step.sh")
        with open(script, "w", encoding="utf-8") as file:
            file.write(substitute(step["run"], context))
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
            cwd=workspace,
            env=step_env,
            capture_output=True,
            text=True,
        )
        output += done.stdout
        if done.returncode != 0:
            return done.returncode, output + done.stderr
    return 0, output


def git(workspace, *args):
    return subprocess.run(["git", *args], cwd=workspace, check=True, capture_output=True, text=True).stdout.strip()


def write(workspace, name, text):
    with open(os.path.join(workspace, name), "w", encoding="utf-8") as file:
        file.write(text)


def expect(what, got, status, present=(), absent=()):
    code, output = got
    problems = [f"exit {code}, expected {status}"] if code != status else []
    problems += [f"missing {text!r}" for text in present if text not in output]
    problems += [f"unexpected {text!r}" for text in absent if text in output]
    if problems:
        sys.exit(f"action.yml, {what}: {'; '.join(problems)}\n{output}")
    print(f"ok: action.yml, {what}")


def main():
    workspace = tempfile.mkdtemp(prefix="copydesk-action-")
    git(workspace, "init", "--quiet")
    git(workspace, "config", "user.email", "test@example.invalid")
    git(workspace, "config", "user.name", "test")
    unattributed = "The council met on Tuesday.\n\n“Nobody asked the children who use it.”\n"
    write(workspace, "old.md", unattributed)
    write(workspace, "gone.md", "To be deleted.\n")
    git(workspace, "add", ".")
    git(workspace, "commit", "--quiet", "-m", "base")
    base = git(workspace, "rev-parse", "HEAD")
    write(workspace, "my story, final.md", unattributed)
    write(workspace, "notes.py", "# “Nobody asked,” in code.\n")
    os.remove(os.path.join(workspace, "gone.md"))
    git(workspace, "add", "-A")
    git(workspace, "commit", "--quiet", "-m", "head")

    pull_request = {"github.event.pull_request.base.sha": base}
    expect(
        "a pull request's changed articles",
        run_action(workspace, event=pull_request),
        1,
        present=["::warning file=my story%2C final.md,line=3,col=1,", "1 file checked"],
        absent=["old.md", "notes.py", "gone.md"],
    )
    expect(
        "a push's changed articles",
        run_action(workspace, event={"github.event.before": base}),
        1,
        present=["file=my story%2C final.md"],
        absent=["old.md"],
    )
    expect(
        "the paths input",
        run_action(workspace, inputs={"paths": "old.md"}, event=pull_request),
        1,
        present=["::warning file=old.md,line=3,"],
        absent=["my story"],
    )
    expect(
        "the args input",
        run_action(workspace, inputs={"paths": "old.md", "args": "--max-file-size 10"}),
        2,
        present=["::error file=old.md,title=unreadable-input::cannot read old.md: too large"],
    )
    expect(
        "a new branch checks every article",
        run_action(workspace, event={"github.event.before": "0" * 40}),
        1,
        present=["file=old.md", "file=my story%2C final.md", "2 files checked"],
    )
    expect(
        "no article changed",
        run_action(workspace, event={"github.event.before": git(workspace, "rev-parse", "HEAD")}),
        0,
        present=["copydesk: no articles changed"],
    )


main()
