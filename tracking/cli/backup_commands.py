"""backup, restore."""
from __future__ import annotations

import argparse
import os
from datetime import datetime, timezone
from pathlib import Path

from tracking.db.backup import restore_backup, write_backup
from tracking.db.backup_seal import backup_key
from tracking.db.engine import DATA_DIR, make_engine

BACKUP_DIR = DATA_DIR / "backups"
BACKUP_DIR_ENV = "TRACKING_BACKUP_DIR"  # where `backup` without --out and `init --reset --yes` write


def register(sub) -> None:
    p = sub.add_parser("backup", help="sao lưu toàn bộ CSDL vào một tệp (.jsonl.gz)")
    p.add_argument("--out", help="tệp sao lưu; mặc định data/backups/tracking-<thời điểm>.jsonl.gz")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục một tệp sao lưu vào một CSDL trống (kiểm niêm phong trước)")
    p.add_argument("file", help="tệp do lệnh backup tạo ra")
    p.add_argument("--accept-unsealed", action="store_true",
                   help="nhận cả tệp sao lưu dạng cũ chưa có niêm phong (chỉ khi chắc chắn tệp không bị sửa)")
    p.set_defaults(handler=cmd_restore)


def default_backup_path() -> Path:
    folder = Path(os.environ.get(BACKUP_DIR_ENV) or BACKUP_DIR)
    return folder / f"tracking-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.jsonl.gz"


def cmd_backup(args: argparse.Namespace) -> int:
    path = Path(args.out) if args.out else default_backup_path()
    header = sealed_backup(make_engine(), path)
    print(f"Đã sao lưu vào {path}: {_summary(header)}.")
    return 0


def sealed_backup(engine, path: Path) -> dict:
    """write_backup, saying so when this backup made the sealing key (the person must keep a copy of it)."""
    key = backup_key(create=True)
    header = write_backup(engine, path, key)
    if key.made:
        print(f"Đã tạo khóa niêm phong sao lưu tại {key.where}: hãy cất một bản sao của tệp khóa này ở nơi khác, tách "
              "khỏi các bản sao lưu — khôi phục trên máy khác cần đúng khóa này.")
    return header


def cmd_restore(args: argparse.Namespace) -> int:
    header = restore_backup(make_engine(), Path(args.file), accept_unsealed=args.accept_unsealed)
    print(f"Đã khôi phục {args.file} (sao lưu lúc {header['created_at']}, phiên bản CSDL {header['revision']}): "
          f"{_summary(header)}.")
    return 0


def _summary(header: dict) -> str:
    counts = header["counts"]
    return ", ".join(f"{name} {n}" for name, n in counts.items() if n) or "CSDL trống"
