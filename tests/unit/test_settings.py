from taketwo.settings import OPTIONS, Settings


def test_settings_survive_a_restart_with_their_types(tmp_path):
    first = Settings(tmp_path / "s.ini")
    assert first.get("countdown") == 3
    assert first.get("mirror") is True
    first.set("countdown", 5)
    first.set("mirror", False)
    first.set("camera", "demo:fps=24")
    first.set("geometry", b"\x01\x02")
    first.sync()
    again = Settings(tmp_path / "s.ini")
    assert again.get("countdown") == 5
    assert again.get("mirror") is False
    assert again.get("camera") == "demo:fps=24"
    assert again.get("geometry") == b"\x01\x02"


def test_every_option_has_a_default_of_its_type(tmp_path):
    s = Settings(tmp_path / "s.ini")
    for name, option in OPTIONS.items():
        assert isinstance(s.get(name), option.kind), name
