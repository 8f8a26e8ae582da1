"""loadtest: many leaders reading the dashboard at once, through real Streamlit sessions (websocket), with a few real
browsers beside them."""
from __future__ import annotations

import argparse
import json
import os

from tracking.db.engine import make_engine
from tracking.errors import InvalidInput

PASSWORD_ENV = "TRACKING_LOADTEST_PASSWORD"  # never a command-line argument: `ps` would show it


def cmd_loadtest(args: argparse.Namespace) -> int:
    from tracking.benchmarks.load import Plan, pages_from, run
    from tracking.benchmarks.load_schedule import parse_dates, parse_mix
    from tracking.demo_accounts import DEMO_PASSWORD

    if args.pages and args.mix:
        raise InvalidInput("--mix", "dùng --pages (các trang như nhau) hoặc --mix (có trọng số), không cả hai")
    sessions = args.sessions or args.accounts or 50
    plan = Plan(args.url, sessions, args.think, args.duration, pages_from(args.pages) if args.pages else (),
                args.timeout, args.seed, mix=parse_mix(args.mix) if args.mix else None, accounts=args.accounts,
                provinces=args.provinces, national_accounts=args.national_accounts, dates=parse_dates(args.dates),
                rate=args.rate, closed=args.closed, browsers=args.browsers, static_cached=args.static_cached)
    password = os.environ.get(PASSWORD_ENV) or DEMO_PASSWORD
    pids = [int(p) for p in args.server_pid.split(",")] if args.server_pid else None
    result = run(plan, make_engine(), args.user, password, pids)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        _print_table(result)
    return 1 if result["errors"] or result["browser_errors"] else 0


def _s(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def _print_table(r: dict) -> None:
    how = (f"đến theo lịch (Poisson), {r['rate_per_s']:g} lượt/s" if r["arrivals"] == "open"
           else f"vòng kín, nghỉ {r['think_s']:g} s sau mỗi trang")
    print(f"{r['sessions']} phiên, {r['accounts']} tài khoản ({r['national_accounts']} toàn quốc), "
          f"{len(r['provinces'])} tỉnh, ngày xem: {', '.join(r['dates']) or 'hôm nay'}; {how}; {r['duration_s']:g} s — "
          f"{r['requests']} lượt mở trang, {r['errors']} lỗi")
    print("Trang lỗi hoặc hết giờ được tính như chờ ít nhất bằng --timeout trong các phân vị.")
    print(f"{'trang':<32} {'lượt':>5} {'lỗi':>4} {'p50 (s)':>8} {'p95 (s)':>8} {'lâu nhất':>9} {'KiB':>7}")
    for page, s in r["per_page"].items():
        print(f"{page:<32} {s['n']:>5} {s['errors']:>4} {s['p50_s']:>8.2f} {s['p95_s']:>8.2f} {s['max_s']:>9.2f} "
              f"{s['kib_mean']:>7.0f}")
    print(f"{'tất cả':<32} {r['requests']:>5} {r['errors']:>4} {r['p50_s']:>8.2f} {r['p95_s']:>8.2f} {r['max_s']:>9.2f}")
    f = r["first_visit"]
    files = "HTML (tệp tĩnh đã có sẵn)" if r["static_cached"] else "HTML và tệp tĩnh"
    print(f"Lần vào đầu (đăng nhập, /auth/session, {files} {f['http_kib_mean']:g} KiB, websocket, trang): "
          f"{f['n']} lượt, p50 {f['p50_s']:.2f} s, p95 {f['p95_s']:.2f} s (đăng nhập p50 {f['signin_p50_s']:.2f} s, "
          f"HTTP p50 {f['http_p50_s']:.2f} s)")
    later = r["later_views"]
    print(f"Các lượt sau lần vào đầu: {later['n']} lượt, p50 {later['p50_s']:.2f} s, p95 {later['p95_s']:.2f} s")
    print(f"Bắt đầu trễ lịch quá 0,1 s: {r['late_starts']} lượt (p95 trễ {r['late_p95_s']:.2f} s)")
    per_page = r["server_cpu_per_page_s"]
    print(f"CPU máy chủ (tiến trình {', '.join(map(str, r['server_pids'])) or '—'}): {r['server_cpu_s']:g} s"
          + (f", {per_page:.3f} s mỗi trang ({r['pages_served']} trang trả đủ, kể cả của trình duyệt), trung bình "
             f"{r['server_cores_busy']:g} lõi" if per_page else "")
          + f"; cả máy bận {r['machine_busy_pct']:g} %; công cụ đo dùng {r['client_cpu_s']:g} s CPU")
    if r["db_cpu_s"] is None:
        print(f"CPU của CSDL: — ({r['db_note']})")
    else:
        print(f"CPU của PostgreSQL: {r['db_cpu_s']:g} s"
              + (f", {r['db_cpu_per_page_s']:.3f} s mỗi trang" if r["db_cpu_per_page_s"] is not None else "")
              + f" ({r['db_note']})")
    if r["browser_note"]:
        print(f"Trình duyệt: {r['browser_note']}")
    elif r["browsers"]:
        print(f"Trình duyệt thật ({r['browsers']} Chromium, thời gian đến khi trang vẽ xong): {r['browser_n']} trang, "
              f"{r['browser_errors']} lỗi, p50 {_s(r['browser_p50_s'])} s, p95 {_s(r['browser_p95_s'])} s; "
              f"đăng nhập {', '.join(_s(v) for v in r['browser_signin_s'])} s; "
              f"CPU trình duyệt {_s(r['browser_cpu_s'])} s")
        for page, s in r["browser_per_page"].items():
            print(f"  {page:<30} {s['n']:>5} {s['errors']:>4} {s['p50_s']:>8.2f} {s['p95_s']:>8.2f} {s['max_s']:>9.2f}")
    print(f"Tải trung bình của máy trước khi đo: {r['load_avg_before']:g}")
    for sample in r["error_samples"]:
        print(f"  lỗi: {sample}")


def register(sub) -> None:
    p = sub.add_parser(
        "loadtest",
        help="đo tải: N lãnh đạo cùng xem bảng điều khiển qua phiên Streamlit thật (websocket) và vài trình duyệt thật",
        description="Mỗi người dùng mô phỏng đăng nhập (dịch vụ đăng nhập, trong CSDL đang cấu hình — phải là CSDL của "
                    "máy chủ được đo), đổi mã lấy cookie ở /auth/session, tải trang qua HTTP, mở websocket rồi mở các "
                    "trang theo lịch. Thời gian một trang: từ thời điểm theo lịch đến khi máy chủ báo chạy xong; trang "
                    "lỗi hoặc hết giờ tính như chờ ít nhất --timeout. Với --accounts, các tài khoản được tạo cho lượt "
                    f"đo và bị khóa khi xong. Mật khẩu cho --user: biến {PASSWORD_ENV} (mặc định: mật khẩu minh họa).")
    p.add_argument("--url", default="http://127.0.0.1:8501", help="địa chỉ ứng dụng (mặc định: %(default)s)")
    p.add_argument("--sessions", type=int,
                   help="số người dùng mô phỏng (mặc định: bằng --accounts, không có thì 50)")
    p.add_argument("--think", type=float, default=3.0,
                   help="khoảng trung bình giữa hai trang của một người, giây: theo lịch, từ lúc bắt đầu trang trước "
                        "(ngẫu nhiên theo phân phối mũ); với --closed, sau khi trang trước xong (½–1½ lần). "
                        "Bỏ qua khi có --rate (mặc định: %(default)s)")
    p.add_argument("--rate", type=float,
                   help="tổng số lượt mở trang mỗi giây của mọi người dùng (đến theo Poisson), thay cho --think")
    p.add_argument("--closed", action="store_true",
                   help="mô hình cũ, vòng kín: mỗi người chờ trang trước xong rồi mới nghỉ và mở trang sau")
    p.add_argument("--duration", type=float, default=60.0, help="thời gian đo, giây (mặc định: %(default)s)")
    p.add_argument("--pages", help="các trang, cách nhau bằng dấu phẩy, như nhau về tần suất, có thể kèm tham số địa "
                                   "chỉ, ví dụ overview,compliance?province=01")
    p.add_argument("--mix", help="các trang và trọng số, ví dụ overview=30,compliance=20 (mặc định: overview=30, "
                                 "compliance=20, unit=15, national=15, timeline=10, audit=10)")
    p.add_argument("--accounts", type=int, default=0,
                   help="tạo N tài khoản lãnh đạo cho lượt đo (tên loadtest-…, khóa khi xong), mỗi tài khoản một tỉnh; "
                        "0: mọi phiên dùng --user (mặc định: %(default)s)")
    p.add_argument("--provinces", type=int,
                   help="số tỉnh (chọn ngẫu nhiên theo --seed trong các tỉnh có kế hoạch của CSDL) chia cho các tài khoản "
                        "(mặc định: mỗi tài khoản một tỉnh, tối đa mọi tỉnh)")
    p.add_argument("--national-accounts", dest="national_accounts", type=int, default=0,
                   help="trong số --accounts, bao nhiêu tài khoản phạm vi toàn quốc (xem các tỉnh đã chọn; mặc định: 0)")
    p.add_argument("--dates", help="các ngày xem, dạng năm-tháng-ngày, cách nhau bằng dấu phẩy; mỗi lượt mở trang "
                                   "mang một ngày trong địa chỉ (?as_of=…) (mặc định: không ghi, tức hôm nay)")
    p.add_argument("--browsers", type=int, default=2,
                   help="số trình duyệt Chromium thật cùng đo thời gian vẽ trang (0: không; mặc định: %(default)s)")
    p.add_argument("--cached-static", dest="static_cached", action="store_true",
                   help="lần vào đầu không tải lại các tệp tĩnh (≈2,2 MB: trình duyệt đã giữ từ hôm trước); mặc định: "
                        "tải cả, như trình duyệt chưa có gì")
    p.add_argument("--user", default="lanhdao", help="tài khoản dùng cho mọi phiên khi không có --accounts "
                                                     "(mặc định: %(default)s, chỉ xem)")
    p.add_argument("--server-pid", dest="server_pid",
                   help="các tiến trình máy chủ cần đo CPU, cách nhau bằng dấu phẩy (mặc định: tiến trình nghe ở cổng của --url)")
    p.add_argument("--timeout", type=float, default=120.0, help="chờ tối đa một trang, giây (mặc định: %(default)s)")
    p.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên của lịch, trang, tỉnh và ngày")
    p.add_argument("--format", choices=("text", "json"), default="text", help="định dạng kết quả (mặc định: %(default)s)")
    p.set_defaults(handler=cmd_loadtest)
