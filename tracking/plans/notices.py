"""What publishing a plan should know but need not stop for: today, due dates in years whose days off the holiday
list does not have (tracking.plans.holidays)."""
from __future__ import annotations

from datetime import date, timedelta

from tracking.domain.periods import quarter_end
from tracking.domain.plan import Plan
from tracking.plans.holidays import holiday_years, uncovered_notice, uncovered_years


def plan_due_days(plan: Plan) -> list[date]:
    """Every day the plan's milestones may fall due on before a move off a day off: the areas' and one-off
    requirements' deadlines, and each reporting period's due day."""
    days = [area.deadline for area in plan.areas]
    for requirement in plan.requirements:
        if requirement.recurrence:
            after = timedelta(days=requirement.recurrence.due_days_after_period_end)
            days += [quarter_end(period) + after for period in requirement.recurrence.periods]
        elif requirement.deadline is not None:
            days.append(requirement.deadline)
    return days


def plan_notices(plan: Plan, lang: str = "vi") -> list[str]:
    notice = uncovered_notice(uncovered_years(plan_due_days(plan), holiday_years()), lang)
    return [notice] if notice else []
