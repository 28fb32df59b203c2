"""The five real roadmaps of shared/seeds (text extracted from Word tables), and builders that
turn them back into .docx (python-docx, with merged cells) and .xlsx (openpyxl) files."""
