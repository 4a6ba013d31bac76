import pytest
from baselines import BASELINE, FIGURES, save
from matplotlib.testing.compare import compare_images


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_memo_figures_look_as_they_did(name, tmp_path):
    actual = tmp_path / f"{name}.png"
    save(name, actual)
    expected = BASELINE / f"{name}.png"
    assert expected.exists(), "draw the baselines with: python tests/plotting/baselines.py"
    assert compare_images(str(expected), str(actual), tol=3) is None
