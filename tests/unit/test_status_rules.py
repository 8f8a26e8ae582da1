from datetime import date

from tracking.domain.status import HistoryEntry, State, Status, completion_date, days_to_deadline, milestone_status

DEADLINE = date(2010, 10, 30)


def entry(day, state, seq, percent=None):
    return HistoryEntry(fact_date=date.fromisoformat(day), state=State(state), seq=seq, percent=percent)


def status(history, as_of, deadline=DEADLINE):
    return milestone_status(history, deadline, date.fromisoformat(as_of))


def test_no_history_before_the_deadline_is_open():
    assert status([], "2010-10-30").status is Status.OPEN


def test_no_history_after_the_deadline_is_overdue():
    assert status([], "2010-10-31").status is Status.OVERDUE


def test_done_on_the_deadline_day_is_on_time():
    result = status([entry("2010-10-30", "done", 1)], "2011-01-01")
    assert result.status is Status.DONE_ON_TIME
    assert result.completed_on == DEADLINE


def test_done_the_day_after_the_deadline_is_late():
    assert status([entry("2010-10-31", "done", 1)], "2011-01-01").status is Status.DONE_LATE


def test_facts_after_the_as_of_date_are_ignored():
    history = [entry("2010-09-01", "in_progress", 1), entry("2010-11-05", "done", 2)]
    assert status(history, "2010-10-15").status is Status.OPEN
    assert status(history, "2010-11-01").status is Status.OVERDUE
    assert status(history, "2010-11-05").status is Status.DONE_LATE


def test_reopened_after_done_is_no_longer_done():
    history = [entry("2010-10-01", "done", 1), entry("2010-10-20", "in_progress", 2)]
    assert status(history, "2010-10-10").status is Status.DONE_ON_TIME
    assert status(history, "2010-10-25").status is Status.OPEN
    assert status(history, "2010-11-01").status is Status.OVERDUE


def test_done_again_after_reopening_counts_from_the_new_completion():
    history = [entry("2010-10-01", "done", 1), entry("2010-10-20", "in_progress", 2), entry("2010-11-10", "done", 3)]
    result = status(history, "2010-12-01")
    assert result.status is Status.DONE_LATE
    assert result.completed_on == date(2010, 11, 10)


def test_several_updates_on_the_same_day_follow_recording_order():
    done_then_reopened = [entry("2010-10-10", "done", 1), entry("2010-10-10", "in_progress", 2)]
    reopened_then_done = [entry("2010-10-10", "in_progress", 1), entry("2010-10-10", "done", 2)]
    assert status(done_then_reopened, "2010-12-01").status is Status.OVERDUE
    assert status(reopened_then_done, "2010-12-01").status is Status.DONE_ON_TIME


def test_updates_recorded_out_of_order_are_ordered_by_fact_date():
    # The inspectorate first records 'done' on 05/11, then finds the decision was signed on 20/10.
    history = [entry("2010-11-05", "done", 1), entry("2010-10-20", "done", 2)]
    result = status(history, "2010-12-01")
    assert result.status is Status.DONE_ON_TIME
    assert result.completed_on == date(2010, 10, 20)


def test_a_late_recorded_reopening_before_done_does_not_undo_it():
    history = [entry("2010-10-20", "done", 1), entry("2010-10-01", "in_progress", 2)]
    assert status(history, "2010-12-01").status is Status.DONE_ON_TIME


def test_no_deadline_is_its_own_status_never_overdue_nor_not_yet_due_and_done_is_on_time():
    assert status([], "2030-01-01", deadline=None).status is Status.NO_DEADLINE
    assert status([entry("2011-08-01", "in_progress", 1)], "2011-09-01", deadline=None).status is Status.NO_DEADLINE
    assert status([entry("2011-08-01", "done", 1)], "2011-09-01", deadline=None).status is Status.DONE_ON_TIME


def test_recurring_period_uses_its_own_deadline():
    q4_due = date(2011, 1, 10)
    assert milestone_status([entry("2011-01-08", "done", 1)], q4_due, date(2011, 2, 1)).status is Status.DONE_ON_TIME
    assert milestone_status([entry("2011-01-15", "done", 1)], q4_due, date(2011, 2, 1)).status is Status.DONE_LATE
    assert milestone_status([], q4_due, date(2011, 1, 11)).status is Status.OVERDUE


def test_done_without_percent_counts_as_full():
    assert status([entry("2010-10-01", "done", 1)], "2010-10-02").percent == 100
    assert status([entry("2010-10-01", "in_progress", 1, 40)], "2010-10-02").percent == 40


def test_completion_date_of_a_history_ending_in_progress_is_none():
    assert completion_date([entry("2010-10-01", "done", 1), entry("2010-10-02", "not_started", 2)]) is None


def test_days_to_deadline_is_negative_when_overdue():
    assert days_to_deadline(DEADLINE, date(2010, 11, 4)) == -5
    assert days_to_deadline(None, date(2010, 11, 4)) is None
