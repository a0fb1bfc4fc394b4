"""Run by pywb's own Python (its venv): answer one replay request from a pywb collection
directory, in process, and print the status line and the body.

Usage: python pywb_replay.py COLLECTIONS_ROOT /COLL/TIMESTAMPmp_/URL
"""

import os
import sys
from wsgiref.util import setup_testing_defaults


def main() -> None:
    root, path = sys.argv[1], sys.argv[2]
    os.chdir(root)  # pywb reads ./collections (and ./config.yaml, when there is one)
    from pywb.apps.frontendapp import FrontEndApp

    app = FrontEndApp()
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "HTTP_HOST": "replay.invalid"}
    setup_testing_defaults(environ)
    status = []
    body = b"".join(app(environ, lambda line, headers, exc_info=None: status.append(line)))
    sys.stdout.write(status[0] + "\n")
    sys.stdout.flush()
    sys.stdout.buffer.write(body)


if __name__ == "__main__":
    main()
