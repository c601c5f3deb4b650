"""Funded projects (seed 004: the ESF project "Jämställt hela tiden"): the project with its partners,
budget, goals and activities, and its participants with their hours and the monthly reports to the funder
(docs/projects.md)."""

from paritas.web.projects.models.participants import Attendance, MonthlyReport, Participant
from paritas.web.projects.models.projects import (
                                                  Activity,
                                                  BudgetLine,
                                                  Contribution,
                                                  Goal,
                                                  Partner,
                                                  Project,
                                                  TargetGroup,
)

__all__ = ["Activity", "Attendance", "BudgetLine", "Contribution", "Goal", "MonthlyReport", "Participant", "Partner",
           "Project", "TargetGroup"]
