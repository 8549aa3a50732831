"""The dataclasses that write their ``__init__`` out (for the mypyc build, see rasd.types)
take exactly their fields, in order, with the fields' defaults, and stay frozen."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from typing import Any

import pytest

import rasd
from rasd.types import Actor, ActorType, Sentence


def _written_out() -> list[type[Any]]:
    found = []
    for info in pkgutil.walk_packages(rasd.__path__, "rasd."):
        if info.name.endswith("__main__"):  # runs the command line
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == module.__name__
                # the one @dataclass generates is made by exec, from no file
                and value.__init__.__code__.co_filename != "<string>"
            ):
                found.append(value)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


WRITTEN_OUT = _written_out()


def test_the_hot_values_write_their_init_out() -> None:
    names = {cls.__qualname__ for cls in WRITTEN_OUT}
    assert {"Sentence", "Actor", "Evidence", "PlaceMention", "TriggerMention"} <= names


@pytest.mark.parametrize("cls", WRITTEN_OUT, ids=lambda cls: cls.__qualname__)
def test_a_written_out_init_takes_the_fields_with_their_defaults(cls: type[Any]) -> None:
    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = [f for f in dataclasses.fields(cls) if f.init]
    assert [p.name for p in parameters] == [f.name for f in fields]
    for parameter, field in zip(parameters, fields, strict=True):
        assert parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        if field.default is not dataclasses.MISSING:
            assert parameter.default == field.default, field.name
        elif field.default_factory is not dataclasses.MISSING:
            assert parameter.default == field.default_factory(), field.name
        else:
            assert parameter.default is inspect.Parameter.empty, field.name


@pytest.mark.parametrize("cls", WRITTEN_OUT, ids=lambda cls: cls.__qualname__)
def test_a_written_out_init_keeps_the_value_frozen(cls: type[Any]) -> None:
    assert cls.__dataclass_params__.frozen


def test_written_out_values_compare_hash_and_replace_as_dataclasses() -> None:
    actor = Actor("Military Forces of Syria", ActorType.STATE_FORCES, country="Syria")
    assert actor == Actor("Military Forces of Syria", ActorType.STATE_FORCES, "Syria", "")
    assert hash(actor) == hash(dataclasses.replace(actor))
    assert dataclasses.replace(actor, actor_id="sy-military").actor_id == "sy-military"
    sentence = Sentence(0, 0, 4, "نص.")
    assert sentence.role == "body"
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.role = "title"  # type: ignore[misc]
