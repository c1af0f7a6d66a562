"""Configuration from the environment (SOHOA_*), with embedded defaults that need no service."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOHOA_", extra="ignore")

    data_dir: Path = Path("data")
    # Empty means "SQLite file under data_dir"; any SQLAlchemy URL otherwise.
    database_url: str = ""
    # Empty means "folder under data_dir"; `s3://bucket` selects the S3 backend.
    object_store: str = ""
    s3_endpoint: str = ""
    s3_access_key: str = ""
    s3_secret_key: str = ""
    s3_secure: bool = False
    s3_region: str | None = None
    # Ask the S3 server to encrypt objects at rest (SSE-S3); it must have a KMS configured.
    s3_sse: bool = False
    ocr_lang: str = "vie"
    dpi: int = 300
    # Pages OCR'd at once; Tesseract runs single-threaded, so one per core.
    workers: int = 0
    # The provincial archive repository: an S3-compatible bucket, separate from sohoa's own store.
    archive_endpoint: str = ""
    archive_bucket: str = "sohoa-archive"
    archive_access_key: str = ""
    archive_secret_key: str = ""
    archive_secure: bool = False
    archive_region: str | None = None
    # Key prefix inside the bucket (e.g. the district's code followed by "/").
    archive_prefix: str = ""
    archive_include_images: bool = False
    # PDF/A-2b through Ghostscript when it is installed; image-only PDFs otherwise.
    archive_pdfa: bool = True
    # Thời hạn bảo quản written as the dossier's Maintenance metadata.
    archive_maintenance: str = "Vĩnh viễn"
    archive_retries: int = 3
    archive_retry_delays: list[float] = [1.0, 4.0, 10.0]
    archive_workers: int = 2
    # Seconds slept between file uploads: only to make crash tests hit the middle of an upload.
    archive_upload_delay: float = 0.0

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'sohoa.db').resolve()}"

    @property
    def resolved_object_store(self) -> str:
        return self.object_store or str((self.data_dir / "objects").resolve())


@lru_cache
def get_settings() -> Settings:
    return Settings()
