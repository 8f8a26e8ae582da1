"""What the command line says when it is used wrongly."""
from tracking.cli import in_vietnamese


def test_command_line_mistakes_are_explained_in_vietnamese():
    assert in_vietnamese("argument --format: invalid choice: 'xml' (choose from 'table', 'json')") == \
        "tham số --format: giá trị 'xml' không hợp lệ (chỉ nhận: 'table', 'json')"
    assert in_vietnamese("the following arguments are required: --state, --by") == "thiếu tham số bắt buộc: --state, --by"
    assert in_vietnamese("unrecognized arguments: --bogus") == "tham số không nhận ra: --bogus"
