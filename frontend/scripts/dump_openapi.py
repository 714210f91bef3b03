"""Print the API's OpenAPI document as the app builds it, without a server or a database.

Used by scripts/api-types.mjs to generate src/api/schema.d.ts. Runs in a throw-away DATA_DIR so
that nothing of a developer's data or settings leaks into the document.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        for name in list(os.environ):
            if name in ("DATABASE_URL", "REDIS_URL") or name.startswith(("STRIPE_", "ANTHROPIC_")):
                del os.environ[name]
        os.environ["DATA_DIR"] = data_dir
        os.environ.setdefault("ENV", "development")
        from socialflow.app import create_app

        app = create_app(start_jobs=False)
        json.dump(app.openapi(), sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
