"""Images go to the file system by default and to an S3-compatible bucket when MEDIA_S3_BUCKET is set."""

import json
import os
import subprocess
import sys

from django.conf import settings


def _storage_with(env: dict) -> dict:
    code = (
        "import json, edu.settings as s; from django.utils.module_loading import import_string;"
        "import_string(s.STORAGES['default']['BACKEND']);"  # the backend's package is installed
        "print(json.dumps(s.STORAGES['default']))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MEDIA_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_file_system_by_default():
    assert _storage_with({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_an_s3_bucket_when_configured():
    storage = _storage_with(
        {"MEDIA_S3_BUCKET": "medquiz-media", "MEDIA_S3_ENDPOINT_URL": "https://minio.internal:9000"}
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (
        options["bucket_name"] == "medquiz-media" and options["endpoint_url"] == "https://minio.internal:9000"
    )
    assert options["default_acl"] == "private" and options["file_overwrite"] is False
