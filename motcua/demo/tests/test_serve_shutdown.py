"""``make run`` stops the simulators last, so a job finishing during the stop still reaches them."""

from motcua.demo.management.commands.serve import Command


class FakeProcess:
    def __init__(self, name: str, log: list[str]) -> None:
        self.name, self.log, self.running = name, log, True

    def poll(self) -> int | None:
        return None if self.running else 0

    def terminate(self) -> None:
        self.log.append(f"terminate {self.name}")

    def wait(self, timeout: float | None = None) -> int:
        self.running = False
        self.log.append(f"exited {self.name}")
        return 0


def test_the_simulators_are_stopped_after_everything_else_has_exited():
    log: list[str] = []
    names = ["simulator payment", "web", "worker", "simulator national-portal", "delivery"]
    Command().shutdown({name: FakeProcess(name, log) for name in names})
    last_other = max(log.index(f"exited {name}") for name in ("web", "worker", "delivery"))
    first_simulator = min(log.index(f"terminate simulator {s}") for s in ("payment", "national-portal"))
    assert last_other < first_simulator
    assert all(f"exited {name}" in log for name in names)
