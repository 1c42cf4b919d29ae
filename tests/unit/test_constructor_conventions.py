"""The reference's constructor calling conventions, checked on a headless session."""

from __future__ import annotations

import pytest

from pgwidgets.sync import Application


@pytest.fixture
def W():
    app = Application(ws_port=0)
    return app.create_session().get_widgets()


def test_positional_options_dict_after_the_args(W) -> None:
    """``Cls(arg, {options})`` (the JS convention) is read as the options dict."""
    owner = W.RadioButton("a")
    other = W.RadioButton("b", {"group": owner})
    rec = other.session._core.widgets[other.wid]
    assert rec.options == {"group": {"__wid__": owner.wid}}
    assert other.get_text() == "b"


def test_options_positionally_keyword_and_setter_kwargs(W) -> None:
    top = W.TopLevel({"title": "T", "resizable": False})
    assert top.get_title() == "T"
    box = W.VBox(spacing=8)  # not an option: becomes set_spacing(8)
    assert box.get_spacing() == 8
    with pytest.raises(TypeError, match="unexpected keyword 'nonsense'"):
        W.Label("x", nonsense=1)


def test_internal_sync_channels_are_not_user_callbacks(W) -> None:
    """``_state``/``_expired`` carry state to Python; users cannot register on them."""
    radio = W.RadioButton("a")
    assert radio.has_callback("activated") and not radio.has_callback("_state")
    with pytest.raises(ValueError, match="has no callback '_state'") as err:
        radio.on("_state", lambda *a: None)
    assert "_state" not in str(err.value).split("(it has:")[1]
    status = W.StatusBar()
    with pytest.raises(ValueError):
        status.on("_expired", lambda: None)
