"""Generator of the directory site: load -> validate -> model -> render -> build."""
