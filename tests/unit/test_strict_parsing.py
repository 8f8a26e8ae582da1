"""Issue 22, point 2: a user's text becomes a date or a number only in the documented forms, in ASCII digits.

Python's own parsers accept "3_0" (int), "2010-W43-6" and "20101030" (date.fromisoformat), "1e2" (float) and
digits of other scripts ("٣٠"): none of these is what an official means."""
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracking.errors import InvalidInput
from tracking.services.validation import iso_day, parse_date, parse_percent, parse_whole

FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "{d}/{m}/%Y", "%d/{m}/%Y", "{d}/%m/%Y")  # documented: day and month 1 or 2 digits


def written(day: date, form: str) -> str:
    return day.strftime(form.replace("{d}", str(day.day)).replace("{m}", str(day.month)))


@pytest.mark.parametrize("text", ["3_0/1_0/2010", "2010-W43-6", "20101030", "2010-10-30T00:00", "٣٠/١٠/٢٠١٠",
                                  "30/10/10", "30-10-2010", "2010-1-5", "31/02/2011", "+2010-10-30", "30/10/2010/1"])
def test_malformed_dates_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_date(text, "date")


@pytest.mark.parametrize("text", ["1e2", "1_0", "0x10", "١٠", "nan", "inf", "10.", ".5", "+5", " ", "5 5"])
def test_malformed_numbers_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_whole(text, "percent", 100)


@pytest.mark.parametrize("text,value", [("35", 35), (" 35 ", 35), ("35%", 35), ("100 %", 100), ("35.0", 35), (35, 35),
                                        (35.0, 35), (None, None), ("", None)])
def test_documented_numbers_are_read(text, value):
    assert parse_percent(text) == value


def test_a_boolean_is_not_a_number():
    with pytest.raises(InvalidInput):
        parse_percent(True)


def test_a_links_date_is_iso_only():
    assert iso_day("2010-10-30") == date(2010, 10, 30)
    assert iso_day("2010-W43-6") is None and iso_day("20101030") is None and iso_day("30/10/2010") is None


@given(day=st.dates(date(1900, 1, 1), date(2100, 12, 31)), form=st.sampled_from(FORMATS))
def test_every_documented_form_reads_back_the_day(day, form):
    assert parse_date(written(day, form), "date") == day


@given(text=st.one_of(st.text(alphabet="0123456789-/_Wе T+.:٣", min_size=1, max_size=14),
                      st.from_regex(r"[0-9_٣+]{1,4}[/-][0-9_W]{1,3}[/-][0-9_]{1,5}", fullmatch=True)))
def test_every_accepted_date_round_trips_to_the_text_the_user_wrote(text):
    try:
        day = parse_date(text, "date")
    except InvalidInput:
        return
    assert text.strip() in {written(day, form) for form in FORMATS}


def test_the_property_sees_accepted_dates():
    """The alphabet above can spell accepted dates (so the round-trip property is not vacuous)."""
    assert parse_date("5/1/2011", "date") == date(2011, 1, 5) == date(2011, 1, 1) + timedelta(days=4)


@pytest.mark.parametrize("code", ["٢٠١٠Q4", "2010Q4\n", "2010Q5", "2010q4", "10Q4"])
def test_a_period_is_four_ascii_digits_q_and_a_quarter(code):
    from tracking.domain.periods import is_quarter
    assert not is_quarter(code)
