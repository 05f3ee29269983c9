//! Reference data tables (SOC, O*NET, CIP, NAICS, OEWS): filled in by the taxonomy work.
