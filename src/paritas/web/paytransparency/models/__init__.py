"""The pay-transparency desk's models (docs/paytransparency.md), one module per part."""

from paritas.web.paytransparency.models.access import DeskRole
from paritas.web.paytransparency.models.evaluation import Evaluation, Job, Score
from paritas.web.paytransparency.models.ranges import PayCriteria, PayRange
from paritas.web.paytransparency.models.reports import Comment, FlaggedCategory, JointAssessment, PayReport, Remedy
from paritas.web.paytransparency.models.requests import InformationRequest, Notice
from paritas.web.paytransparency.models.survey import Finding, PaySurvey

__all__ = ["Comment", "DeskRole", "Evaluation", "Finding", "FlaggedCategory", "InformationRequest", "Job",
           "JointAssessment", "Notice", "PayCriteria", "PayRange", "PayReport", "PaySurvey", "Remedy", "Score"]
