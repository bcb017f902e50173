#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into fuzz/seeds/<target>/ (committed).

Sources: tests/vectors/oauth1.json (URLs, bodies, credentials, and the Authorization headers
those vectors sign to), clever-tools configuration samples, and the JSON the stand-in API
answers (when target/debug/cleverkit-standin is built; its answers are real model shapes).
Run from anywhere: python3 fuzz/make_seeds.py
"""
import hashlib
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.join(ROOT, "fuzz", "seeds")


def enc(text):
    return urllib.parse.quote(text, safe="-._~")


def write(target, data):
    if isinstance(data, str):
        data = data.encode()
    directory = os.path.join(SEEDS, target)
    os.makedirs(directory, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(directory, name), "wb") as out:
        out.write(data)


def header(realm, params):
    parts = ([f'realm="{enc(realm)}"'] if realm is not None else []) + [
        f'{enc(name)}="{enc(value)}"' for name, value in params
    ]
    return "OAuth " + ", ".join(parts)


METHODS = {"PLAINTEXT": 0, "HMAC-SHA1": 1, "HMAC-SHA512": 2}

vectors = json.load(open(os.path.join(ROOT, "tests", "vectors", "oauth1.json")))["cases"]
for case in vectors:
    params = case["expected"].get("header_params") or []
    write("authorization_header", header(case.get("realm"), params))
    if params:
        write("authorization_header", header(None, params))
    flags = METHODS.get(case["signature_method"], 2)
    flags |= 4 if case.get("include_version") else 0
    flags |= 8 if case.get("token") is not None else 0
    flags |= 16 if case.get("realm") is not None else 0
    flags |= 32 if case.get("body") is not None else 0
    flags |= 64 if case.get("content_type") is not None else 0
    extras = "&".join(f"{enc(n)}={enc(v)}" for n, v in case.get("oauth_params") or [])
    fields = [
        str(flags),
        case["method"],
        case["url"],
        case["consumer_key"],
        case["consumer_secret"],
        case.get("token") or "",
        case.get("token_secret") or "",
        case["nonce"],
        str(case["timestamp"]),
        case.get("realm") or "",
        extras,
        case.get("content_type") or "",
        case.get("body") or "",
    ]
    if all("\n" not in field for field in fields[:12]):
        write("sign_url", "\n".join(fields))
    query = urllib.parse.urlsplit(case["url"]).query
    if query:
        write("form_pairs", query)
    if case.get("body"):
        write("form_pairs", case["body"])
for form in [
    "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true",
    "oauth_token=t&oauth_token_secret=s&expiration_date=2026-01-01T00%3A00%3A00Z",
    "a=1+2&b=%2B&c&=&d=%zz&e=%C3%A9",
]:
    write("form_pairs", form)

CONFIGS = [
    {"version": 1, "profiles": [
        {"alias": "work", "token": "tok-work", "secret": "sec-work-0123456789",
         "userId": "user_1", "email": "a@b.c",
         "overrides": {"API_HOST": "https://api.work.example", "OAUTH_CONSUMER_KEY": "ck-work",
                       "OAUTH_CONSUMER_SECRET": "cs-work-0123456789"}},
        {"alias": "home", "token": "tok-home", "secret": "sec-home-0123456789",
         "expirationDate": "2999-01-01T00:00:00Z"}]},
    {"token": "legacy-token", "secret": "legacy-secret-0123456789"},
    {"token": "t", "secret": "expired-secret-0123", "expirationDate": 1000},
    {"profiles": []},
    {"profiles": [{"alias": "work", "token": 7, "secret": "typed-secret-0123"}]},
]
for config in CONFIGS:
    write("config", json.dumps(config, indent=2))
write("config", '{"profiles": [{"token": "t", "secret": "unterminated-secret')

MODELS = [
    {"id": "user_1", "email": "a@b.c", "name": 7, "creationDate": 1740823200000, "x": {}},
    {"apiToken": "s3cr3t-value-0123", "apiTokenId": "t1", "name": "ci",
     "expirationDate": "2026-01-01T00:00:00Z[UTC]", "state": "ACTIVE"},
    [{"name": "par", "city": "Paris", "lat": 48.8, "lon": 2.3, "outboundIPs": ["1.2.3.4"]}],
]
for model in MODELS:
    write("models", json.dumps(model))

standin = os.path.join(ROOT, "target", "debug", "cleverkit-standin")
if os.path.exists(standin):
    process = subprocess.Popen([standin], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        info = json.loads(process.stdout.readline())
        org = info["organisation_id"]
        for path in ["/v2/self", "/v2/summary", "/v4/products/zones",
                     f"/v2/organisations/{org}/applications", "/api-tokens"]:
            request = urllib.request.Request(
                info["bridge"] + path, headers={"Authorization": "Bearer " + info["api_token"]})
            with urllib.request.urlopen(request, timeout=10) as response:
                write("models", response.read())
    finally:
        process.stdin.close()
        process.wait(timeout=10)
else:
    print("no stand-in binary: model seeds from samples only", file=sys.stderr)
for target in sorted(os.listdir(SEEDS)):
    print(target, len(os.listdir(os.path.join(SEEDS, target))))
