"""Write a local .env with DEBUG on and freshly generated secrets, if none exists.

Only the standard library is used, so this runs before the virtualenv exists.
"""

import base64
import secrets
import sys
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else ".env")
if path.exists():
    sys.exit(0)
fernet_key = base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()
path.write_text(
    "# Local settings written by `make env`. Not for production: see .env.example.\n"
    "DEBUG=1\n"
    f"SECRET_KEY={secrets.token_urlsafe(60)}\n"
    f"FIELD_ENCRYPTION_KEYS={fernet_key}\n"
)
print(f"Wrote {path} with local settings and new secrets.")
