"""The CSP's script hashes, read from a page: only scripts that run, each once, in page order."""

import base64
import hashlib

from generator.site import csp


def _sha(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"


def test_hashes_every_inline_script_that_runs_and_nothing_else():
    html = (
        "<head><script>var a=1</script>"
        '<script src="x.js"></script>'
        '<script id="__config" type="application/json">{"b":2}</script>'
        '<script type="module">import "./y.js"</script>'
        "<scripts>not a script</scripts>"
        '<script\ndefer>var c="</p>"</script>'
        "<script>var a=1</script>"  # the same body twice: one hash
        "</head>"
    )
    assert csp.inline_script_hashes(html) == [_sha("var a=1"), _sha('import "./y.js"'), _sha('var c="</p>"')]


def test_an_unclosed_script_gets_no_hash_and_no_error():
    assert csp.inline_script_hashes("<head><script>var a=1") == []


def test_the_policy_is_the_first_element_of_head_and_names_the_hashes():
    page = csp.add_policy("<html><head><title>x</title><script>go()</script></head><body><head></body></html>")
    assert page.startswith('<html><head>\n    <meta http-equiv="Content-Security-Policy" content="default-src')
    assert page.count("Content-Security-Policy") == 1
    assert f"script-src 'self' {_sha('go()')};" in page


def test_an_upper_case_or_unknown_tag_gets_no_hash_so_the_browser_blocks_it():
    """The scanner reads tags as our templates and Material's write them; anything else is left
    unhashed, which fails safe (blocked), never open."""
    assert csp.inline_script_hashes("<head><SCRIPT>a()</SCRIPT><scriptx>b()</scriptx></head>") == []
    assert csp.inline_script_hashes("<head><script\f>c()</script></head>") == [_sha("c()")]


def test_a_page_without_head_is_refused():
    import pytest

    with pytest.raises(ValueError, match="no <head>"):
        csp.add_policy("<html><body>x</body></html>")
