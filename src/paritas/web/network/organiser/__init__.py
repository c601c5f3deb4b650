"""The organisers' pages of networks: a coordinator's campaigns and a campaign's page (organisations,
goals, offers and their requests, news, recognitions, yearly figures, a person's data on request) in
campaigns.py; an event's page (details, programme, questions, invitations, participants with check-in,
lists as PDF and CSV, minutes, files, attendance and feedback) in events.py. Thin: rules in services/,
who may do what in permissions.py."""
