"""Program logic: schedules, progress, and later the agenda, timers and picker. Imports no Textual."""
