"""CleverKit quickstart: python quickstart.py [ORGANISATION_ID [INVOICE_NUMBER]]

Credentials are found as clever-tools finds them: CLEVER_TOKEN and CLEVER_SECRET, CLEVER_API_TOKEN,
or the profile `clever login` saved. Without an organisation, lists your own applications.
"""

from __future__ import annotations

import sys

import cleverkit


def main(args: list[str]) -> int:
    try:
        with cleverkit.Client.from_environment() as client:
            me = client.myself()
            print(f"Hello {me.name or me.email} ({me.id})")
            print("Zones:", ", ".join(zone.name for zone in client.zones()))
            organisation = args[0] if args else me.id
            for app in client.applications(organisation):
                print(f"- {app.name} ({app.id}) in {app.zone}")
            if len(args) > 1:
                path = f"invoice-{args[1]}.pdf"
                size = client.download_invoice(organisation, args[1], path)
                print(f"Saved {path} ({size} bytes)")
    except cleverkit.CleverError.Unauthorized as error:  # str(error): the core's sentence
        print(f"Run `clever login` again: {error}", file=sys.stderr)
        return 1
    except cleverkit.CleverError.NotFound as error:
        print(f"Not found ({error.code or 'no API code'}): {error}", file=sys.stderr)
        return 1
    except cleverkit.CleverError as error:
        print(f"Failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
