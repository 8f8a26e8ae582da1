"""loadtest: many leaders reading the dashboard at once, through real Streamlit sessions (websocket, no browser)."""
from __future__ import annotations

import argparse
import json
import os

from tracking.db.engine import make_engine

PASSWORD_ENV = "TRACKING_LOADTEST_PASSWORD"  # never a command-line argument: `ps` would show it


def cmd_loadtest(args: argparse.Namespace) -> int:
    from tracking.benchmarks.load import Plan, pages_from, run
    from tracking.demo_accounts import DEMO_PASSWORD

    plan = Plan(args.url, args.sessions, args.think, args.duration, pages_from(args.pages), args.timeout, args.seed)
    password = os.environ.get(PASSWORD_ENV) or DEMO_PASSWORD
    pids = [int(p) for p in args.server_pid.split(",")] if args.server_pid else None
    result = run(plan, make_engine(), args.user, password, pids)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        _print_table(result)
    return 1 if result["errors"] else 0


def _print_table(r: dict) -> None:
    print(f"{r['sessions']} phiên, nghỉ {r['think_s']:g} s giữa hai trang, {r['duration_s']:g} s — "
          f"{r['requests']} lượt mở trang, {r['errors']} lỗi")
    print(f"{'trang':<32} {'lượt':>5} {'lỗi':>4} {'p50 (s)':>8} {'p95 (s)':>8} {'lâu nhất':>9} {'KiB':>7}")
    for page, s in r["per_page"].items():
        print(f"{page:<32} {s['n']:>5} {s['errors']:>4} {s['p50_s']:>8.2f} {s['p95_s']:>8.2f} {s['max_s']:>9.2f} "
              f"{s['kib_mean']:>7.0f}")
    print(f"{'tất cả':<32} {r['requests']:>5} {r['errors']:>4} {r['p50_s']:>8.2f} {r['p95_s']:>8.2f} {r['max_s']:>9.2f}")
    per_page = r["server_cpu_per_page_s"]
    print(f"CPU máy chủ (tiến trình {', '.join(map(str, r['server_pids'])) or '—'}): {r['server_cpu_s']:g} s"
          + (f", {per_page:.3f} s mỗi trang, trung bình {r['server_cores_busy']:g} lõi" if per_page else "")
          + f"; cả máy bận {r['machine_busy_pct']:g} %; công cụ đo dùng {r['client_cpu_s']:g} s CPU")
    for sample in r["error_samples"]:
        print(f"  lỗi: {sample}")


def register(sub) -> None:
    p = sub.add_parser(
        "loadtest",
        help="đo tải: N lãnh đạo cùng xem bảng điều khiển qua phiên Streamlit thật (websocket, không cần trình duyệt)",
        description="Mỗi người dùng mô phỏng đăng nhập như biểu mẫu đăng nhập (phiên trong CSDL đang cấu hình — phải là "
                    "CSDL của máy chủ được đo), mở lần lượt các trang, nghỉ giữa hai trang, rồi đăng xuất. Thời gian "
                    f"một trang: từ lúc gửi yêu cầu chạy đến khi máy chủ báo chạy xong. Mật khẩu: biến {PASSWORD_ENV} "
                    "(mặc định: mật khẩu của các tài khoản minh họa).")
    p.add_argument("--url", default="http://127.0.0.1:8501", help="địa chỉ ứng dụng (mặc định: %(default)s)")
    p.add_argument("--sessions", type=int, default=50, help="số người dùng đồng thời (mặc định: %(default)s)")
    p.add_argument("--think", type=float, default=3.0,
                   help="thời gian đọc trung bình giữa hai trang, giây (ngẫu nhiên từ một nửa đến gấp rưỡi; mặc định: %(default)s)")
    p.add_argument("--duration", type=float, default=60.0, help="thời gian đo, giây (mặc định: %(default)s)")
    p.add_argument("--pages", help="các trang, cách nhau bằng dấu phẩy, có thể kèm tham số địa chỉ, ví dụ "
                                   "overview,compliance?province=01 (mặc định: overview,compliance,timeline,unit,national)")
    p.add_argument("--user", default="lanhdao", help="tài khoản dùng cho mọi phiên (mặc định: %(default)s, chỉ xem)")
    p.add_argument("--server-pid", dest="server_pid",
                   help="các tiến trình máy chủ cần đo CPU, cách nhau bằng dấu phẩy (mặc định: tiến trình nghe ở cổng của --url)")
    p.add_argument("--timeout", type=float, default=120.0, help="chờ tối đa một trang, giây (mặc định: %(default)s)")
    p.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên của thứ tự trang và thời gian nghỉ")
    p.add_argument("--format", choices=("text", "json"), default="text", help="định dạng kết quả (mặc định: %(default)s)")
    p.set_defaults(handler=cmd_loadtest)
