"""Search: the index (schema, sync, rebuild), reading a query, scoring, spelling, and the
search service the front ends call."""
