from motcua.env import env

# Jobs live in the same database as the data, so a job enqueued inside a transaction
# commits or rolls back with the change that caused it.
TASKS = {
    "default": {
        "BACKEND": env.choice(
            "TASKS_BACKEND",
            ["django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"],
            default="django_tasks_db.DatabaseBackend",
        ),
        "QUEUES": ["default", "integrations", "reports"],
    }
}
