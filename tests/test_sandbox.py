"""Templates are untrusted: Jinja's sandbox, and documents load only template files and data: URIs."""
from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path

import jinja2
import pytest
from docs_fixtures import TEST_CONFIG, load_seed
from jinja2.sandbox import SecurityError

from reportgen.build import write
from reportgen.contexts import plan
from reportgen.errors import RenderError, UnsafeResource, UnsafeTemplate
from reportgen.model import Rendered
from reportgen.render import render

HEAD = '{# context: tom-tat #}\n{% extends "base.html.j2" %}\n{% block body %}\n'
TAIL = "\n{% endblock %}\n"
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/"
                       "PchI7wAAAABJRU5ErkJggg==")


def _render(folder: Path, name: str, body: str) -> Rendered:
    (folder / f"{name}.html.j2").write_text(HEAD + body + TAIL, encoding="utf-8")
    config = replace(TEST_CONFIG, template_dirs=(folder,))
    (job,) = plan([load_seed("thuong-tin-2019")], config, kind=name)
    return render(job, config)


@pytest.mark.parametrize("expression", [
    "intro.__class__.__mro__",
    "cycler.__init__.__globals__",
    "self.__init__.__globals__",
    "doc.__class__.__subclasses__()",
])
def test_unsafe_attributes_fail_with_file_and_line(tmp_path: Path, expression: str) -> None:
    with pytest.raises(SecurityError) as info:
        _render(tmp_path, "doc", f"<p>{{{{ intro }}}}</p>\n<p>{{{{ {expression} }}}}</p>")
    assert isinstance(info.value, UnsafeTemplate)
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'doc.html.j2'}:5: ") and "unsafe" in message
    assert "môi trường cách ly" in message and "\n" not in message


def test_the_sandbox_still_allows_ordinary_templates(tmp_path: Path) -> None:
    html = _render(tmp_path, "doc", "<p>{{ unit.title|upper }} {{ sections|map(attribute='key')"
                                    "|join(', ') }} {{ '%05.1f'|format(3.14159) }}</p>").html
    assert "HUYỆN THƯỜNG TÍN members, organisation" in html and "003.1" in html


@pytest.mark.parametrize("src, reason", [
    ("file:///etc/passwd", "một tệp nằm ngoài các thư mục mẫu"),
    ("../../etc/passwd", "một tệp nằm ngoài các thư mục mẫu"),
    ("http://example.com/logo.png", "không tải các địa chỉ http: (không truy cập mạng)"),
    ("https://example.com/logo.png", "không tải các địa chỉ https:"),
])
def test_images_outside_the_template_folders_are_refused(tmp_path: Path, src: str,
                                                         reason: str) -> None:
    with pytest.raises(UnsafeResource) as info:
        _render(tmp_path, "doc", f'<p>{{{{ intro }}}}</p>\n<p><img src="{src}" alt="x"></p>')
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'doc.html.j2'}:5: đã chặn {src!r}: {reason}")
    assert "thư mục mẫu và các URI data:" in message and "\n" not in message


def test_css_urls_and_built_urls_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafeResource, match=r"đã chặn 'http://example\.com/bg\.png'"):
        _render(tmp_path, "doc", '<p style="background: url(http://example.com/bg.png)">x</p>')
    with pytest.raises(UnsafeResource, match=r"doc\.html\.j2 \(rendered HTML line \d+\): "
                                             r"đã chặn 'file:///etc/passwd'"):
        _render(tmp_path, "doc", '<p><img src="{{ "file://" ~ "/etc/passwd" }}"></p>')


def test_pdf_writer_fetches_nothing_outside_the_template_folders(tmp_path: Path) -> None:
    """Even HTML that bypasses render() cannot make WeasyPrint read a file or the network."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "logo.png").write_bytes(PNG)
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)

    def rendered(body: str) -> Rendered:
        html = f"<html><head><style>p {{ }}</style></head><body>{body}</body></html>"
        return Rendered(kind="t", title="T", html=html, base_url=folder.as_uri() + "/",
                        metadata={"slug": "t"}, layout=TEST_CONFIG.layout.as_dict(),
                        template="t.html.j2", resource_roots=(str(folder.resolve()),))

    for body in (f'<p><img src="{secret.as_uri()}"></p>', '<p><img src="../secret.png"></p>',
                 '<p><img src="http://127.0.0.1:9/x.png"></p>',
                 "<p style=\"background: url('http://127.0.0.1:9/x.png')\">x</p>"):
        with pytest.raises(UnsafeResource, match="đã chặn"):
            write(rendered(body), "pdf", tmp_path / "out" / "t.pdf")
    assert not any((tmp_path / "out").iterdir())  # nothing half-written
    # Files in the template folder and data: URIs are fine, in both formats.
    data = "data:image/png;base64," + base64.b64encode(PNG).decode()
    ok = rendered(f'<p class="center"><img src="logo.png"><img src="{data}"></p>')
    assert write(ok, "pdf", tmp_path / "out" / "ok.pdf").stat().st_size > 0
    assert write(ok, "docx", tmp_path / "out" / "ok.docx").stat().st_size > 0


def test_template_file_image_renders(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(PNG)
    result = _render(tmp_path, "doc", '<p class="center"><img src="logo.png" alt="logo"></p>')
    assert write(result, "pdf", tmp_path / "doc.pdf").stat().st_size > 0
    assert write(result, "docx", tmp_path / "doc.docx").stat().st_size > 0


def test_includes_cannot_leave_the_template_folders(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    folder = tmp_path / "tpl"
    folder.mkdir()
    for name in ("../outside.txt", "/etc/passwd", "!default/../../outside.txt"):
        with pytest.raises(RenderError, match=r"không tìm thấy mẫu"):
            _render(folder, "doc", f'<p>{{% include "{name}" %}}</p>')


def test_strict_undefined_names_the_variable_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(jinja2.UndefinedError) as info:
        _render(tmp_path, "doc", "<p>{{ intro }}</p>\n<p>{{ unit.nmae }}</p>")
    assert str(info.value).startswith(f"{tmp_path / 'doc.html.j2'}:5: 'dict object' has no "
                                      "attribute 'nmae' (gợi ý: có phải là 'name'")
    with pytest.raises(jinja2.UndefinedError, match=r"doc\.html\.j2:4: 'missing' is undefined"):
        _render(tmp_path, "doc", "<p>{{ missing|number }}</p>")
