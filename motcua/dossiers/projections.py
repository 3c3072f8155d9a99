"""Which columns and related rows the dossier selectors read, shared by their modules."""

# The agencies (and the procedure) a dossier page or row shows, joined in one query.
AGENCIES = ("procedure", "receiving_agency", "competent_agency", "current_agency")

# What a queue's row shows: reading whole rows (the procedure's e-form, legal basis…)
# doubled the cost of a page at a million dossiers.
QUEUE_COLUMNS = (
    "code",
    "reference",
    "status",
    "channel",
    "owner_name",
    "received_on",
    "appointment_on",
    "outcome",
    "version",
    "procedure__code",
    "procedure__name",
    "receiving_agency__code",
    "competent_agency__code",
    "current_agency__code",
    "current_agency__name",
    "current_agency__short_name",
)
