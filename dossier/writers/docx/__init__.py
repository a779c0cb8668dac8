"""The Word writer: walks the document model and writes one .docx (python-docx)."""
