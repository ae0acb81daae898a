"""Settings come from flags, then environment, then config file, then defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom import settings


def test_precedence(tmp_path: Path) -> None:
    config = tmp_path / "sitroom.toml"
    config.write_text('[sitroom]\ndb = "sqlite:///from-file.db"\nbatch_size = 7\nport = 9000\n')
    env = {"SITROOM_DB": "sqlite:///from-env.db", "SITROOM_PORT": "8100"}
    values = settings.resolve({"db": "sqlite:///from-flag.db"}, config=str(config), environ=env)
    assert values["db"] == "sqlite:///from-flag.db"
    assert values["port"] == 8100
    assert values["batch_size"] == 7
    assert values["host"] == "127.0.0.1"


def test_environment_values_take_the_default_type() -> None:
    values = settings.resolve(
        environ={
            "SITROOM_PIPELINE": "actors.spacy.v1, places.gazetteer.v1",
            "SITROOM_MAX_BYTES": "1000",
        }
    )
    assert values["pipeline"] == ["actors.spacy.v1", "places.gazetteer.v1"]
    assert values["max_bytes"] == 1000


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[sitroom]\ncolour = 'red'\n")
    with pytest.raises(settings.SettingsError, match=r"unknown setting.*colour"):
        settings.resolve(config=str(config), environ={})
    with pytest.raises(settings.SettingsError, match="no such config file"):
        settings.resolve(config=str(tmp_path / "none.toml"), environ={})
    config.write_text("not = [toml")
    with pytest.raises(settings.SettingsError, match="not valid TOML"):
        settings.resolve(config=str(config), environ={})
    with pytest.raises(settings.SettingsError, match="SITROOM_PORT"):
        settings.resolve(environ={"SITROOM_PORT": "eighty"})
