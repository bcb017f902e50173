"""Runs a `cleverkit` CLI built for another platform, through the program that runs it here
(qemu-aarch64-static for Linux aarch64, Wine for Windows), and checks what a user would:

1. `cleverkit sign --json` on every case of the shared vectors (tests/vectors/oauth1.json):
   the base string and the signature byte for byte, the header carrying that signature;
2. `cleverkit curl -fsS /v2/self` to the stand-in API (the x86-64 build, on loopback), signed
   with OAuth 1.0a from the environment, and a non-2xx answer with -f exiting 22 as curl does;
3. `cleverkit login --no-browser --save --json`: the OAuth dance, approved by fetching the
   printed URL as a browser would, saved where the platform keeps clever-tools' file
   (Windows: %APPDATA%\\clever-cloud\\clever-tools.json; Linux: ~/.config/clever-cloud/…), then
   `cleverkit self --json` reading that saved profile back.

    python3 check-cli.py --vectors FILE --standin BINARY [--windows] -- RUNNER… CLI

Exits non-zero on the first difference, naming it. Uses the standard library only. Every child's
stdin is /dev/null: Wine takes seconds to start a console program whose stdin is an inherited pipe.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

# Variables that would change which credentials or hosts the CLI uses.
INHERITED = [
    "CLEVER_TOKEN",
    "CLEVER_SECRET",
    "CLEVER_API_TOKEN",
    "API_HOST",
    "AUTH_BRIDGE_HOST",
    "OAUTH_CONSUMER_KEY",
    "OAUTH_CONSUMER_SECRET",
    "CONFIGURATION_FILE",
    "XDG_CONFIG_HOME",
]


def fail(message: str) -> None:
    sys.exit(f"check-cli: {message}")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in INHERITED}
    env.update(extra)
    return env


def sign_args(case: dict) -> list[str]:
    # --name=value: a value that starts with "-" stays a value.
    args = [
        "sign",
        f"--method={case['method']}",
        f"--url={case['url']}",
        f"--consumer-key={case['consumer_key']}",
        f"--consumer-secret={case['consumer_secret']}",
        f"--signature-method={case['signature_method']}",
        f"--nonce={case['nonce']}",
        f"--timestamp={case['timestamp']}",
        "--json",
    ]
    if case["token"] is not None:
        args.append(f"--token={case['token']}")
    if case["token_secret"] is not None:
        args.append(f"--token-secret={case['token_secret']}")
    if case["body"] is not None:
        args.append(f"--body={case['body']}")
    if case["content_type"] is not None:
        args.append(f"--content-type={case['content_type']}")
    if case["realm"] is not None:
        args.append(f"--realm={case['realm']}")
    for name, value in case["oauth_params"]:
        args.append(f"--oauth-param={name}={value}")
    if not case["include_version"]:
        args.append("--no-oauth-version")
    return args


def check_vectors(cli: list[str], path: Path) -> None:
    cases = json.loads(path.read_text(encoding="utf-8"))["cases"]
    if len(cases) < 60:
        fail(f"only {len(cases)} vectors in {path}")
    started = time.monotonic()
    for case in cases:
        run = subprocess.run(
            cli + sign_args(case), capture_output=True, stdin=subprocess.DEVNULL, env=clean_env(), timeout=120
        )
        if run.returncode != 0:
            fail(f"vector {case['name']}: exit {run.returncode}: {run.stderr.decode(errors='replace')}")
        got = json.loads(run.stdout)
        expected = case["expected"]
        if got["base_string"] != expected["base_string"]:
            fail(f"vector {case['name']}: base string\n  got      {got['base_string']}\n  expected {expected['base_string']}")
        if got["signature"] != expected["signature"]:
            fail(f"vector {case['name']}: signature {got['signature']!r}, expected {expected['signature']!r}")
        if not got["authorization"].startswith("OAuth ") or "oauth_signature=" not in got["authorization"]:
            fail(f"vector {case['name']}: header {got['authorization']!r}")
    print(f"check-cli: `sign` reproduced all {len(cases)} vectors byte for byte ({time.monotonic() - started:.1f} s)")


class StandIn:
    def __init__(self, binary: str) -> None:
        self.process = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.info = json.loads(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def check_curl(cli: list[str], info: dict) -> None:
    env = clean_env(
        CLEVER_TOKEN=info["token"],
        CLEVER_SECRET=info["token_secret"],
        OAUTH_CONSUMER_KEY=info["consumer_key"],
        OAUTH_CONSUMER_SECRET=info["consumer_secret"],
    )
    base = cli + ["--api-host", info["api"], "curl"]
    run = subprocess.run(base + ["-fsS", "/v2/self"], capture_output=True, stdin=subprocess.DEVNULL, env=env, timeout=120)
    if run.returncode != 0:
        fail(f"curl /v2/self: exit {run.returncode}: {run.stderr.decode(errors='replace')}")
    me = json.loads(run.stdout)
    if me.get("email") != info["email"] or me.get("id") != info["user_id"]:
        fail(f"curl /v2/self answered {me}")
    missing = subprocess.run(base + ["-fsS", "/v2/no/such/path"], capture_output=True, stdin=subprocess.DEVNULL, env=env, timeout=120)
    if missing.returncode != 22:
        fail(f"curl -f of a missing path exited {missing.returncode}, not 22 as curl does")
    print(f"check-cli: `curl` /v2/self signed and answered ({me['email']}); -f on a 404 exits 22")


def check_login(cli: list[str], info: dict, runner: list[str], windows: bool, home: Path) -> None:
    env = clean_env(HOME=str(home))
    child = subprocess.Popen(
        cli + ["--api-host", info["api"], "login", "--no-browser", "--save", "--json"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stderr is not None and child.stdout is not None
    url = None
    for line in child.stderr:
        if "/v2/oauth/authorize" in line:
            url = line.strip()
            break
    if url is None:
        child.kill()
        fail("login printed no authorization URL")
    # The user's browser: the stand-in approves at once and redirects to the loopback listener.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=60) as page:
        text = page.read().decode()
    if "logged in" not in text:
        fail(f"the loopback listener answered {text!r}")
    stdout, stderr = child.communicate(timeout=120)
    if child.returncode != 0:
        fail(f"login exited {child.returncode}: {stderr}")
    result = json.loads(stdout)
    config_file = result["configFile"]
    if windows:
        # Wine's user profile, as Windows names it: C:\users\NAME\AppData\Roaming.
        if not config_file.lower().endswith("\\appdata\\roaming\\clever-cloud\\clever-tools.json"):
            fail(f"login saved to {config_file}, not under %APPDATA%\\clever-cloud")
        unix_path = subprocess.run(
            runner + ["winepath", "-u", config_file],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            text=True,
            check=True,
        ).stdout.strip()
    else:
        expected = home / ".config" / "clever-cloud" / "clever-tools.json"
        if Path(config_file) != expected:
            fail(f"login saved to {config_file}, not {expected}")
        unix_path = config_file
    saved = json.loads(Path(unix_path).read_text(encoding="utf-8"))
    profile = saved["profiles"][0]
    if profile["alias"] != "default" or profile["email"] != info["email"] or not profile["token"]:
        fail(f"the saved profile is {profile}")
    # Read back: the active profile of that file, with no credentials in the environment.
    back = subprocess.run(cli + ["self", "--json"], capture_output=True, stdin=subprocess.DEVNULL, env=env, timeout=120)
    if back.returncode != 0:
        fail(f"self with the saved profile exited {back.returncode}: {back.stderr.decode(errors='replace')}")
    if json.loads(back.stdout).get("email") != info["email"]:
        fail(f"self with the saved profile printed {back.stdout!r}")
    print(f"check-cli: `login --save` wrote {config_file}; `self` read it back")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--vectors", type=Path, required=True)
    parser.add_argument("--standin", required=True)
    parser.add_argument("--windows", action="store_true", help="the CLI runs under Wine")
    parser.add_argument("command", nargs="+", help="RUNNER… CLI")
    args = parser.parse_args()
    cli = args.command
    runner = cli[:-1]

    check_vectors(cli, args.vectors)
    standin = StandIn(args.standin)
    try:
        check_curl(cli, standin.info)
        with tempfile.TemporaryDirectory() as home:
            if args.windows:
                # A previous run's file would be read back instead of this run's.
                quiet = {"capture_output": True, "stdin": subprocess.DEVNULL, "text": True, "check": True}
                windows_appdata = subprocess.run(runner + ["cmd", "/c", "echo %APPDATA%"], **quiet).stdout.strip()
                appdata = subprocess.run(runner + ["winepath", "-u", windows_appdata], **quiet).stdout.strip()
                stale = Path(appdata) / "clever-cloud" / "clever-tools.json"
                stale.unlink(missing_ok=True)
            check_login(cli, standin.info, runner, args.windows, Path(home))
    finally:
        standin.close()


if __name__ == "__main__":
    main()
