"""Text entering the system: one Unicode form, one rule for user names, NUL and undecodable bytes refused."""
import unicodedata

import pytest

from tracking.domain.status import State
from tracking.errors import InvalidInput
from tracking.services.validation import check_text, parse_state
from tracking.text import entered, has_surrogates, nfc, user_name

DONE_NFD = unicodedata.normalize("NFD", "hoàn thành")


def test_decomposed_vietnamese_is_stored_composed():
    assert DONE_NFD != "hoàn thành" and nfc(DONE_NFD) == "hoàn thành"
    assert entered(DONE_NFD, "note") == "hoàn thành"
    assert check_text("  " + unicodedata.normalize("NFD", "Quyết định số 45") + " ", "evidence", 50) == "Quyết định số 45"


@pytest.mark.parametrize("typed", ["hoàn thành", DONE_NFD, "Hoàn Thành", "done", " done "])
def test_a_state_typed_as_its_label_in_any_unicode_form_or_case_is_understood(typed):
    assert parse_state(typed) is State.DONE


def test_a_nul_byte_is_refused_naming_the_field_instead_of_reaching_the_database():
    with pytest.raises(InvalidInput) as err:
        entered("Công văn\x00 số 5", "evidence")
    assert err.value.field == "evidence" and "NUL" in err.value.reason


def test_bytes_that_were_not_utf8_are_refused():
    broken = b"thanh\xfftra".decode("utf-8", "surrogateescape")
    assert has_surrogates(broken) and not has_surrogates("thanh tra")
    with pytest.raises(InvalidInput, match="UTF-8"):
        entered(broken, "by")


@pytest.mark.parametrize("typed", ["thanhtra", "THANHTRA", " ThanhTra ", nfc("thanhtra")])
def test_one_rule_for_user_names(typed):
    assert user_name(typed) == "thanhtra"


def test_non_text_passes_through():
    assert entered(None, "x") is None and entered(5, "x") == 5
