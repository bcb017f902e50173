"""Signs one request with OAuth 1.0a and prints its Authorization header.

    python sign_request.py [METHOD] [URL]

The credentials come from CLEVER_CONSUMER_KEY, CLEVER_CONSUMER_SECRET, CLEVER_TOKEN and
CLEVER_SECRET, or are made-up demo values: the header is then well-formed, but the API would
refuse it. Needs the `cleverkit` package (pip install ./bindings/python).
"""

from __future__ import annotations

import os
import sys

import cleverkit


def main(argv: list[str]) -> int:
    method = argv[1] if len(argv) > 1 else "GET"
    url = argv[2] if len(argv) > 2 else "https://api.clever-cloud.com/v2/self"
    env = os.environ
    try:
        credentials = cleverkit.OAuth1Credentials(
            env.get("CLEVER_CONSUMER_KEY", "demo-consumer-key"),
            env.get("CLEVER_CONSUMER_SECRET", "demo-consumer-secret"),
            token=env.get("CLEVER_TOKEN", "demo-token"),
            token_secret=env.get("CLEVER_SECRET", "demo-token-secret"),
            signature_method=cleverkit.SignatureMethod.HMAC_SHA512,
        )
        print(f"credentials: {credentials}")  # the secrets print as [redacted]
        request = cleverkit.RequestToSign(method=method, url=url)  # no body, a fresh nonce
        signed = cleverkit.sign_request(request, credentials)
    except cleverkit.CleverError.InvalidInput as error:
        print(f"cannot sign {method} {url}: {error}", file=sys.stderr)
        return 2
    print(f"Authorization: {signed.authorization}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
