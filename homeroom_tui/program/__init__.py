"""Program logic: schedule and progress, the agenda, the live session and its clock, the ice-breaker picker,
review queries, fidelity and the reports. Imports no Textual."""
