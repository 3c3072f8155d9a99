"""Every write of the payments app: start a payment, apply what the platform says, reconcile."""

from motcua.payments.services.apply import (
    ALREADY_PAID,
    AMOUNT_DIFFERS,
    EXPIRED,
    FAILED,
    IGNORED,
    NOT_APPLIED,
    PAID,
    UNCHANGED,
    PaymentUpdate,
    apply_platform_status,
    check_payment,
    confirm_payment,
    expire_payment,
    expire_payments,
    fail_payment,
)
from motcua.payments.services.cash import collect_cash
from motcua.payments.services.reconcile import (
    reconcile_pending,
    report_day,
    report_missing_days,
    resolve_mismatch,
)
from motcua.payments.services.start import (
    OnlinePayment,
    start_online_payment,
    start_payment,
    transfer_purpose,
)

__all__ = [
    "ALREADY_PAID",
    "AMOUNT_DIFFERS",
    "EXPIRED",
    "FAILED",
    "IGNORED",
    "NOT_APPLIED",
    "PAID",
    "UNCHANGED",
    "OnlinePayment",
    "PaymentUpdate",
    "apply_platform_status",
    "check_payment",
    "collect_cash",
    "confirm_payment",
    "expire_payment",
    "expire_payments",
    "fail_payment",
    "reconcile_pending",
    "report_day",
    "report_missing_days",
    "resolve_mismatch",
    "start_online_payment",
    "start_payment",
    "transfer_purpose",
]
