import json

import jsonschema
import pytest
import yaml

import stratgraph as sg
from stratgraph.io.document import to_document


@pytest.fixture(scope="module")
def validator():
    schema = sg.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", sg.datasets.names())
def test_bundled_files_follow_the_published_schema(validator, name):
    document = yaml.safe_load(sg.datasets.path(name).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(document)) == []


def test_written_documents_follow_the_published_schema(validator):
    custom = sg.Schema(levels=["agenda", "goal", "target"], goal_level="goal")
    for m in (
        sg.datasets.load("eksempel-2013"),
        sg.datasets.synthetic(200, seed=2),
        sg.datasets.synthetic(50, seed=2, schema=custom),
    ):
        document = json.loads(json.dumps(to_document(m)))
        assert list(validator.iter_errors(document)) == []


def test_schema_rejects_what_the_reader_rejects(validator):
    bad = {"elements": [{"id": "S1;S2", "type": "strategy", "title": ""}], "links": [{"kind": "x"}]}
    messages = " ".join(e.message for e in validator.iter_errors(bad))
    assert "does not match" in messages  # the id
    assert "should be non-empty" in messages or "is too short" in messages  # the title
    assert "'source' is a required property" in messages
