"""The integrity seal of a backup file: an HMAC-SHA256 per table section and over the whole file, with a key kept
outside the backup.

What it protects against: a file edited after it was written (an account line made admin with a new password hash,
a forged or removed update row, a changed header), and damage (a flipped byte, a cut file) — all refused before
anything is written. What it does not: someone who holds the key (it signs whatever it is given), a backup taken of
a database that was already tampered with, or reading the file (it is not encrypted: it holds password hashes, so
it is written with mode 0600 and should be kept like the database).

The key: TRACKING_BACKUP_KEY (text, at least 32 characters), else the key file TRACKING_BACKUP_KEY_FILE (default
~/.config/theo-doi-ke-hoach/backup.key), made on the first backup with mode 0600. Restoring on another server needs
the same key: copy the key file (or set the variable) there, and keep a copy away from the backups.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from tracking.errors import TrackingError

KEY_ENV = "TRACKING_BACKUP_KEY"
KEY_FILE_ENV = "TRACKING_BACKUP_KEY_FILE"
MIN_KEY = 32
ALGORITHM = "hmac-sha256"


def default_key_file() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "theo-doi-ke-hoach" / "backup.key"


@dataclass(frozen=True)
class BackupKey:
    secret: bytes
    where: str  # said in messages: the variable or the file it came from
    made: bool = False  # made just now (the person must be told to keep it)

    @property
    def key_id(self) -> str:
        """Names the key in the file without revealing it: two servers can tell whether they share one."""
        return hashlib.sha256(b"key-id:" + self.secret).hexdigest()[:16]


def backup_key(*, create: bool) -> BackupKey:
    """The sealing key; made (in the key file) when `create` and none exists yet."""
    text = os.environ.get(KEY_ENV, "").strip()
    if text:
        if len(text) < MIN_KEY:
            raise TrackingError(f"{KEY_ENV} quá ngắn: khóa niêm phong sao lưu cần ít nhất {MIN_KEY} ký tự")
        return BackupKey(text.encode(), KEY_ENV)
    path = Path(os.environ.get(KEY_FILE_ENV) or default_key_file())
    if path.is_file():
        secret = path.read_text(encoding="ascii", errors="replace").strip()
        if len(secret) < MIN_KEY:
            raise TrackingError(f"tệp khóa niêm phong {path} hỏng (khóa ngắn hơn {MIN_KEY} ký tự)")
        return BackupKey(secret.encode(), str(path))
    if not create:
        raise TrackingError(f"không có khóa niêm phong sao lưu trên máy này (biến {KEY_ENV} hoặc tệp {path}): không "
                            "kiểm được tệp có bị sửa hay không, nên không khôi phục. Hãy chép tệp khóa của máy đã tạo "
                            "bản sao lưu vào đường dẫn trên (hoặc đặt biến môi trường) rồi chạy lại")
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    return BackupKey(path.read_text(encoding="ascii").strip().encode(), str(path), made=True)


@dataclass
class Sealer:
    """Running MACs over the exact bytes of each line: one per table section, one over the whole file."""

    key: BackupKey
    whole: hmac.HMAC = field(init=False)
    tables: dict[str, hmac.HMAC] = field(default_factory=dict)

    def __post_init__(self):
        self.whole = hmac.new(self.key.secret, b"file", hashlib.sha256)

    def add(self, line: bytes, table: str | None = None) -> None:
        self.whole.update(line)
        if table is not None:
            if table not in self.tables:
                self.tables[table] = hmac.new(self.key.secret, b"table:" + table.encode(), hashlib.sha256)
            self.tables[table].update(line)

    def seal(self) -> dict:
        return {"algorithm": ALGORITHM, "key_id": self.key.key_id,
                "tables": {name: mac.hexdigest() for name, mac in self.tables.items()},
                "file": self.whole.hexdigest()}

    def check(self, seal: dict, path) -> None:
        """Refuse, naming what differs, unless `seal` is what this key computes for the lines added."""
        if not isinstance(seal, dict) or seal.get("algorithm") != ALGORITHM:
            raise TrackingError(f"{path}: niêm phong của tệp sao lưu không đọc được: không khôi phục gì")
        if seal.get("key_id") != self.key.key_id:
            raise TrackingError(f"{path} được niêm phong bằng một khóa khác (mã khóa {seal.get('key_id')}; khóa ở "
                                f"{self.key.where} có mã {self.key.key_id}): không kiểm được, không khôi phục gì. Hãy "
                                "dùng khóa của máy đã tạo bản sao lưu")
        mine = self.seal()
        stored = seal.get("tables") if isinstance(seal.get("tables"), dict) else {}
        changed = sorted(name for name in set(stored) | set(mine["tables"])
                         if not hmac.compare_digest(str(stored.get(name, "")), mine["tables"].get(name, "")))
        if changed:
            raise TrackingError(f"{path}: dữ liệu bảng {', '.join(changed)} đã bị sửa sau khi sao lưu (niêm phong không "
                                "khớp): không khôi phục gì")
        if not hmac.compare_digest(str(seal.get("file", "")), mine["file"]):
            raise TrackingError(f"{path}: phần đầu hoặc thứ tự các dòng của tệp sao lưu đã bị sửa (niêm phong không "
                                "khớp): không khôi phục gì")
