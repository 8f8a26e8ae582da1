"""Derived figures and tables are kept for the dashboards used last only, so that the shared cache can hold every
province's dashboards without their figures (tracking.ui.components.memo)."""
import gc

from tracking.ui.components import memo


class Board:  # a dashboard as the memo sees it: any object that can be weakly referenced
    pass


def test_the_dashboards_used_last_keep_their_figures_and_the_others_rebuild_theirs(monkeypatch):
    monkeypatch.setattr(memo, "_memos", type(memo._memos)())
    monkeypatch.setattr(memo, "MAX_BOARDS", 3)
    builds = []

    def figure(board):
        return memo.per_board(board, "figure", lambda: builds.append(board) or f"figure of {id(board)}")

    boards = [Board() for _ in range(5)]
    for board in boards[:3]:
        figure(board)
    figure(boards[0])  # used again: now the most recent
    assert len(builds) == 3
    figure(boards[3])  # a fourth: boards[1], the least recently used, loses its figure
    figure(boards[0])
    assert len(builds) == 4
    figure(boards[1])
    assert builds[-1] is boards[1] and len(builds) == 5
    assert len(memo._memos) == 3


def test_a_dashboard_that_leaves_the_cache_takes_its_figures_with_it(monkeypatch):
    monkeypatch.setattr(memo, "_memos", type(memo._memos)())
    board = Board()
    memo.per_board(board, "figure", lambda: "figure")
    assert len(memo._memos) == 1
    del board
    gc.collect()
    assert len(memo._memos) == 0
