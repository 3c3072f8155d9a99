"""Every write to dossiers, one module per action; each atomic and audited."""
