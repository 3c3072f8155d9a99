"""The National Population Database (CSDL quốc gia về dân cư): client, adapter, simulator."""
