"""Review, acknowledge and seal a record; export, print and verify signed PDFs."""
