"""The rules of funded projects, by part: the budget and co-financing (budget.py), participants' personal
data (participants.py), the monthly report to the funder (reports.py) and the outcome (outcome.py)."""
