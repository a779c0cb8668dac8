"""The PowerPoint writer: walks the document model and writes one .pptx (python-pptx)."""
