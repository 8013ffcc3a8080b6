"""The claims stage: attributed statements (who said what, how, citing whom) as evidence."""
