"""The pay-transparency desk's pages, one module per part (docs/paytransparency.md)."""
