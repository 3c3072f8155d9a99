"""motcua — one-stop platform for a Vietnamese province's administrative procedures."""
