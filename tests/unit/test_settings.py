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


def test_a_hand_edited_geometry_is_ignored_not_a_traceback(tmp_path):
    # bytes(raw) used to raise TypeError at start-up for a str like this one
    (tmp_path / "s.ini").write_text("[General]\ngeometry=hello\n")
    assert Settings(tmp_path / "s.ini").get("geometry") == b""


def test_a_geometry_saved_as_qbytearray_reads_back_as_bytes(tmp_path):
    from PySide6.QtCore import QByteArray

    first = Settings(tmp_path / "s.ini")
    first.set("geometry", QByteArray(b"\x01\x02"))
    first.sync()
    assert Settings(tmp_path / "s.ini").get("geometry") == b"\x01\x02"
