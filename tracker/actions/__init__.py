"""The action tracker: the services (service: status, evidence, owner and due date; the one status path for
the page, the API and the CLI), the log and its filters (log), discharges and repeats proposed from later
meetings (discharge, repeats) with the session listeners that propose them (listeners, wired by init_app),
exports (CSV, iCalendar, Atom, the agenda-pack Word document) and the pages (views)."""
