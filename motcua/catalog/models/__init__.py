from motcua.catalog.models.parts import Component, Fee, Result
from motcua.catalog.models.procedure import LifeEventTag, Procedure, ProcedureField
from motcua.catalog.models.process import ProcessStep, ProcessTemplate
from motcua.catalog.models.revision import ProcedureRevision

__all__ = [
    "Component",
    "Fee",
    "LifeEventTag",
    "Procedure",
    "ProcedureField",
    "ProcedureRevision",
    "ProcessStep",
    "ProcessTemplate",
    "Result",
]
