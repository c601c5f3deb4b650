"""The pages of funded projects, by part: the project and its set-up (projects.py), activities and
participants (people.py), the monthly reports and the outcome (results.py)."""
