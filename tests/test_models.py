"""`recchat models` and `--model NAME`: the models other tools downloaded, found in each store's
real layout (built in a temporary home by tests/model_stores.py), described from their headers,
named, resolved, and never changed."""

from __future__ import annotations

import json
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from model_stores import STORE_VARIABLES, Machine, Variants, hub_repo, laptop_env, tree_state

from conftest import cli_env, invoke_cli
from recchat.config import load_settings
from recchat.errors import ModelError
from recchat.llm.llama_cpp import default_model_path
from recchat.models.describe import describe, llama_architectures, size_label
from recchat.models.gguf import read_header
from recchat.models.listing import list_models, resolve
from recchat.models.places import ModelSearch


def run_on(machine: Machine, recchat_home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`recchat ARGS` on that laptop, in this process (test_listing_loads_no_model_library runs
    the command in a process of its own)."""
    laptop = {"HOME": str(machine.home), "RECCHAT_MODEL_DIRS": str(machine.config_folder)}
    return invoke_cli(recchat_home, *args, **laptop, **dict.fromkeys(STORE_VARIABLES))


# -- the header ------------------------------------------------------------------------------------


def test_the_bundled_model_is_described_from_its_header() -> None:
    facts = describe(default_model_path())
    assert (facts.architecture, facts.size_label, facts.quantization) == ("llama", "135M", "Q4_1")
    assert facts.context_length == 8192
    assert facts.parameters == 134_515_008  # the tensors' shapes, counted
    assert facts.file_size == default_model_path().stat().st_size
    assert facts.loads and facts.left_out is None


def test_the_header_keeps_the_vocabulary_as_a_length_only() -> None:
    header = read_header(default_model_path())
    assert header.arrays["tokenizer.ggml.tokens"] == 49152
    assert "tokenizer.ggml.tokens" not in header.metadata
    assert str(header.text("tokenizer.chat_template")).startswith("{% for message in messages %}")
    assert header.data_end == header.file_size  # every tensor's length known, and all there


@pytest.mark.parametrize("cut", [3, 30, 300, 4096, 1_000_000])
def test_a_header_cut_anywhere_is_a_model_error_naming_the_file(tmp_path: Path, cut: int) -> None:
    broken = tmp_path / "cut.gguf"
    broken.write_bytes(default_model_path().read_bytes()[:cut])
    with pytest.raises(ModelError) as caught:
        read_header(broken)
    assert str(broken) in caught.value.message


def test_a_file_cut_in_its_weights_has_a_whole_header_and_says_so(tmp_path: Path) -> None:
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(default_model_path().read_bytes()[:3_000_000])
    header = read_header(cut)
    assert header.truncated and header.data_end == default_model_path().stat().st_size
    assert "is cut short (3,000,000 of" in str(describe(cut).problem)


def test_impossible_counts_are_refused_without_reading_on(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.gguf"
    bogus.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 1 << 40, 1) + b"\0" * 64)
    with pytest.raises(ModelError, match="impossible"):
        read_header(bogus)
    not_gguf = tmp_path / "zip.gguf"
    not_gguf.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    with pytest.raises(ModelError, match="is not a GGUF model file"):
        read_header(not_gguf)


def test_what_is_not_a_chat_model_says_what_it_is(variants: Variants) -> None:
    assert "projector" in str(describe(variants.projector).left_out)
    assert "adapter" in str(describe(variants.adapter).left_out)
    assert "importance matrix" in str(describe(variants.imatrix).left_out)
    assert "no chat template" in str(describe(variants.no_template).left_out)
    assert "part 2 of a split" in str(describe(variants.split_parts[1]).left_out)


def test_a_split_model_counts_all_its_parts_and_misses_none(variants: Variants, tmp_path: Path) -> None:
    whole = describe(variants.split_parts[0])
    assert whole.loads and whole.parameters == describe(default_model_path()).parameters
    assert whole.file_size == sum(part.stat().st_size for part in variants.split_parts)
    lone = tmp_path / variants.split_parts[0].name
    lone.symlink_to(variants.split_parts[0])  # its second part never downloaded
    assert describe(lone).problem == "part 2 of 2 is missing"


def test_loading_problems_are_found_in_the_header(variants: Variants) -> None:
    assert describe(variants.unknown_arch).problem == "architecture 'llama9000' is not one this llama.cpp knows"
    assert "is cut short" in str(describe(variants.truncated).problem)


def test_size_labels_read_as_people_say_them() -> None:
    assert [size_label(n) for n in (134_515_008, 3_085_938_688, 494_032_768, 70_553_706_496)] == [
        "135M",
        "3.1B",
        "494M",
        "71B",
    ]


def test_the_architecture_list_names_what_the_installed_llama_cpp_knows() -> None:
    import importlib.util

    spec = importlib.util.find_spec("llama_cpp")
    libraries = sorted(Path(next(iter(spec.submodule_search_locations))).glob("lib/libllama.*")) if spec else []
    if not libraries:
        pytest.skip("llama-cpp-python's library is not installed here")
    library = libraries[0].read_bytes()
    assert {"llama", "qwen2", "gemma3", "phi3", "mistral3"} <= llama_architectures()
    unknown = sorted(name for name in llama_architectures() if name.encode() + b"\0" not in library)
    assert not unknown, f"not in {libraries[0].name}: {unknown} (refresh recchat/models/llama_architectures.txt)"


# -- the stores ------------------------------------------------------------------------------------


def test_every_store_layout_is_listed_by_name(machine: Machine, variants: Variants) -> None:
    listed = {entry.name: entry for entry in list_models(machine.search)}
    assert next(iter(listed)) == "default"
    expected = {"default", *machine.offered, *machine.not_loading}
    assert set(listed) == expected
    for name, path in machine.offered.items():
        assert listed[name].path.resolve() == path.resolve(), name
        assert listed[name].facts is not None and listed[name].facts.loads, name
    for name, why in machine.not_loading.items():
        facts = listed[name].facts
        assert facts is not None and not facts.loads and why in str(facts.problem), name
    # the snapshot refs/main no longer names, and the embedder repo without GGUF files: not there
    assert not any("smollm2-old" in name or "MiniLM" in name for name in listed)


def test_everything_shows_what_was_left_out_and_why(machine: Machine) -> None:
    listed = {entry.name: entry for entry in list_models(machine.search, everything=True)}
    for name, why in machine.left_out.items():
        entry = listed[name]
        said = entry.error if entry.facts is None else entry.facts.left_out
        assert why in str(said), (name, said)
    assert set(listed) == {"default", *machine.offered, *machine.not_loading, *machine.left_out}


def test_the_stores_follow_their_environment_variables(machine: Machine, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (machine.home / ".ollama" / "models").rename(moved / "ollama")
    (machine.home / ".cache" / "huggingface" / "hub").rename(moved / "hub")
    (machine.home / ".cache" / "llama.cpp").rename(moved / "llama")
    environ = {"HOME": str(machine.home), "OLLAMA_MODELS": str(moved / "ollama"), "LLAMA_CACHE": str(moved / "llama")}
    before = {entry.name for entry in list_models(ModelSearch(user_home=machine.home))}
    assert not any(name.startswith(("ollama:", "hf:", "llamacpp:")) for name in before)
    names = {
        entry.name for entry in list_models(ModelSearch.from_environ({**environ, "HF_HUB_CACHE": str(moved / "hub")}))
    }
    assert {"ollama:qwen2.5:3b", "llamacpp:bartowski_SmolLM2-135M-Instruct-GGUF_SmolLM2-135M-Instruct-Q4_1"} <= names
    assert "hf:HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/smollm2-135m-instruct-q4_1" in names
    (tmp_path / "hf-home").mkdir()
    (moved / "hub").rename(tmp_path / "hf-home" / "hub")
    names = {
        entry.name for entry in list_models(ModelSearch.from_environ({**environ, "HF_HOME": str(tmp_path / "hf-home")}))
    }
    assert "hf:HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/smollm2-135m-instruct-q4_1" in names


def test_lm_studio_without_pointer_or_settings_uses_its_own_home(machine: Machine) -> None:
    name = "lmstudio:lmstudio-community/SmolLM2-GGUF/SmolLM2-135M-Instruct-Q4_1"
    (machine.home / ".lmstudio-home-pointer").unlink()
    assert name not in {entry.name for entry in list_models(machine.search)}
    (machine.home / ".lmstudio").mkdir()
    (machine.home / "Models").rename(machine.home / ".lmstudio" / "models")
    assert name in {entry.name for entry in list_models(machine.search)}


def test_a_settings_file_built_in_a_test_searches_nothing_of_this_machine(tmp_path: Path) -> None:
    assert [entry.name for entry in list_models(ModelSearch())] == ["default"]


# -- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("ollama:qwen2.5:3b", "ollama:qwen2.5:3b"),
        ("ollama:smollm2", "ollama:smollm2:latest"),  # Ollama's own default tag
        ("ollama:library/qwen2.5:3b", "ollama:qwen2.5:3b"),
        ("ollama:registry.ollama.ai/library/QWEN2.5:3b", "ollama:qwen2.5:3b"),
        ("qwen2.5:3b", "ollama:qwen2.5:3b"),  # unambiguous without its store
        ("hf.co/bartowski/SmolLM2-GGUF:Q4_1", "ollama:hf.co/bartowski/SmolLM2-GGUF:Q4_1"),
        ("lmstudio:lmstudio-community/SmolLM2-GGUF/SmolLM2-135M-Instruct-Q4_1.gguf", None),
        ("hf:HuggingFaceTB/SmolLM2-135M-Instruct-GGUF/smollm2-135m-instruct-q4_1", None),
        ("dir:my-models/chat/mine", None),
        ("default", "default"),
    ],
)
def test_names_resolve_as_written_or_abridged(machine: Machine, written: str, meant: str | None) -> None:
    found = resolve(written, machine.search)
    expected = meant or written.removesuffix(".gguf")
    assert found.name == expected
    assert found.path.resolve() == (default_model_path() if meant == "default" else machine.offered[expected]).resolve()


def test_paths_stay_paths(machine: Machine, tmp_path: Path) -> None:
    assert resolve(str(machine.config_folder / "chat" / "mine.gguf"), machine.search).store == "file"
    assert resolve(str(tmp_path / "not-yet.gguf"), machine.search).path == tmp_path / "not-yet.gguf"


def test_an_unknown_or_ambiguous_name_is_a_clear_error(machine: Machine, variants: Variants) -> None:
    with pytest.raises(ModelError) as caught:
        resolve("ollama:qwen2.5:7b", machine.search)
    assert "ollama:qwen2.5:7b" in caught.value.message
    assert "ollama:qwen2.5:3b" in str(caught.value.hint) and "recchat models" in str(caught.value.hint)
    # LM Studio names its folders after the Hugging Face repo it downloaded from: the same
    # short name in two stores is refused without its prefix, and chosen with it.
    hub_repo(
        machine.home / ".cache" / "huggingface" / "hub",
        "lmstudio-community/SmolLM2-GGUF",
        {"SmolLM2-135M-Instruct-Q4_1.gguf": variants.model},
    )
    with pytest.raises(ModelError, match="could be any of"):
        resolve("lmstudio-community/SmolLM2-GGUF/SmolLM2-135M-Instruct-Q4_1", machine.search)
    assert resolve("hf:lmstudio-community/SmolLM2-GGUF/SmolLM2-135M-Instruct-Q4_1", machine.search).store == "hf"


# -- settings and the command ----------------------------------------------------------------------


def test_config_names_a_model_and_folders_to_search(tmp_path: Path) -> None:
    home = tmp_path / "recchat"
    home.mkdir()
    (home / "config.toml").write_text('model = "ollama:qwen2.5:3b"\nmodel_dirs = ["~/models", "/opt/gguf"]\n')
    settings = load_settings({}, {"RECCHAT_HOME": str(home), "HOME": str(tmp_path)})
    assert settings.model == "ollama:qwen2.5:3b"
    assert settings.model_search.folders == (Path("~/models").expanduser(), Path("/opt/gguf"))
    assert settings.model_search.user_home == tmp_path
    from_env = load_settings({}, {"RECCHAT_HOME": str(home), "HOME": str(tmp_path), "RECCHAT_MODEL_DIRS": "/a:/b"})
    assert from_env.model_search.folders == (Path("/a"), Path("/b"))


def test_the_command_lists_them_and_reads_nothing_twice(machine: Machine, home: Path) -> None:
    before = tree_state(machine.home)
    result = run_on(machine, home, "models")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["NAME", "ARCH", "PARAMS", "QUANT", "CONTEXT", "SIZE", "LOADS"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {"default", *machine.offered, *machine.not_loading}
    assert rows["ollama:qwen2.5:3b"].split()[1:6] == ["llama", "135M", "Q4_1", "8,192", "94"]
    assert rows["ollama:qwen2.5:3b"].endswith("yes")
    assert "no: architecture 'llama9000'" in rows["dir:my-models/future"]
    cache_file = home / "cache" / "models.json"
    cache = json.loads(cache_file.read_text())
    assert len(cache["entries"]) >= 5  # the headers read, by path, size and time
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600  # it names files in the person's home
    again = run_on(machine, home, "models", "--json")
    document = json.loads(again.stdout)
    assert document["schema"] == "recchat.models/1"
    by_name = {m["name"]: m for m in document["models"]}
    assert by_name["lmstudio:bartowski/SmolLM2-split/SmolLM2-135M-Instruct-Q4_1"]["parameters"] == 134_515_008
    assert by_name["dir:my-models/cut"]["loads"] is False
    assert tree_state(machine.home) == before  # nothing in any store was written, moved or touched


def test_the_command_with_all_shows_left_out_files(machine: Machine, home: Path) -> None:
    result = run_on(machine, home, "--incognito", "models", "--all")
    assert result.returncode == 0, result.stderr
    assert "left out: a projector" in result.stdout and "left out: an adapter" in result.stdout
    assert not (home / "cache").exists()  # incognito: nothing written, not even the header cache


def test_a_name_that_names_nothing_fails_on_loading_with_the_fix(machine: Machine, tmp_path: Path) -> None:
    from recchat.config import Settings
    from recchat.factory import Runtime

    settings = Settings(home=tmp_path, model="ollama:nothing:here", model_search=machine.search)
    model = Runtime(settings).chat_model
    assert model is not None
    with pytest.raises(ModelError) as caught:
        model.load()
    assert caught.value.message == "no model file or model name 'ollama:nothing:here'"
    assert "recchat models" in str(caught.value.hint)


def test_an_array_longer_than_the_file_is_refused_not_allocated(tmp_path: Path) -> None:
    header = bytearray(default_model_path().read_bytes()[:4096])
    key = b"general.languages"
    count_at = header.find(key) + len(key) + 4 + 4  # past the key, its type (array), the items' type
    header[count_at : count_at + 8] = struct.pack("<Q", 1 << 50)
    bogus = tmp_path / "x.gguf"
    bogus.write_bytes(bytes(header))
    with pytest.raises(ModelError, match="runs past the end of the file"):
        read_header(bogus)


def test_listing_loads_no_model_library(machine: Machine, home: Path) -> None:
    probe = (
        "import sys; sys.argv = ['recchat', 'models']\n"
        "from recchat.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('llama_cpp', 'numpy', 'chromadb', 'torch', 'onnxruntime', 'textual', 'jinja2')\n"
        "print('HEAVY:' + ','.join(m for m in heavy if m in sys.modules), file=sys.stderr)"
    )
    env = laptop_env(cli_env(home), machine.home, machine.config_folder)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=120)
    assert "ollama:qwen2.5:3b" in result.stdout, result.stderr
    assert "HEAVY:\n" in result.stderr or result.stderr.rstrip().endswith("HEAVY:"), result.stderr


def test_doctor_describes_the_chosen_model_by_its_name(machine: Machine, tmp_path: Path) -> None:
    from recchat.config import Settings
    from recchat.doctor import check_model_file, run_check

    def check(model: str) -> tuple[bool, str]:
        settings = Settings(home=tmp_path, model=model, model_search=machine.search)
        result = run_check("language model", lambda: check_model_file(settings))
        return result.ok, result.detail

    assert check("ollama:qwen2.5:3b") == (True, "ollama:qwen2.5:3b (llama, 135M, Q4_1, 94 MiB, GGUF)")
    ok, detail = check("dir:my-models/cut")
    assert not ok and "is cut short" in detail
