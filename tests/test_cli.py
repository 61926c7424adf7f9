"""The `rag` command line: every command, JSON output, clear one-line errors and exit codes."""

import json

from typer.testing import CliRunner

from rag.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_search_and_ask(built_index):
    r = run("search", "森林覆盖率", "-k", 2, "--json", "--index", built_index)
    assert r.exit_code == 0
    hits = json.loads(r.stdout)
    assert len(hits) == 2 and "森林覆盖率" in hits[0]["text"]
    r = run("ask", "今年森林覆盖率要稳定在多少？", "--json", "--index", built_index)
    answer = json.loads(r.stdout)
    assert answer["answer"] == "56.5%以上" and not answer["refused"]
    assert set(answer) >= {"question", "answer", "refused", "figures", "citations"}
    assert set(answer["citations"][0]) >= {"doc", "section", "paragraph", "text", "score", "highlight"}
    assert answer["answer_kind"] == "figure" and answer["confidence"] in ("high", "medium", "low")
    r = run("ask", "今年森林覆盖率要稳定在多少？", "--index", built_index)
    assert "答案: 56.5%以上" in r.stdout and "出处" in r.stdout and r.stdout.count("【56.5%以上】") == 1


def test_figures_command(built_index, tmp_path):
    r = run("figures", "--period", "2030", "--json", "--index", built_index)
    figs = json.loads(r.stdout)
    assert figs and all(f["period"]["label"] == "2030年目标" and f["period"]["kind"] == "goal" for f in figs)
    out = tmp_path / "f.csv"
    r = run("figures", "--topic", "就业", "--csv", out, "--index", built_index)
    assert r.exit_code == 0 and "7300人" in out.read_text(encoding="utf-8-sig")


def test_errors_are_one_line_with_nonzero_exit(built_index, tmp_path):
    cases = [
        ("search", "", "--index", built_index),
        ("ask", "问" * 2001, "--index", built_index),
        ("ask", "森林", "--index", tmp_path / "none"),
        ("build", tmp_path / "missing", "--index", tmp_path / "i"),
        ("build", "corpus", "--index", tmp_path / "i", "--embedder", "bogus"),
        ("figures", "--csv", tmp_path / "no" / "such" / "dir" / "x.csv", "--index", built_index),
        ("commitments", "养老", "--csv", "/proc/no/x.csv", "--index", built_index),
        ("eval", "eval/gold.jsonl", "--json", "/proc/no/x.json", "--index", built_index),
    ]
    for args in cases:
        r = run(*args)
        assert r.exit_code == 1, args
        lines = [line for line in r.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), r.stderr
    assert not (tmp_path / "i").exists()


def test_build_command(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "r.txt").write_text("某区政府工作报告\n三、2026年工作安排\n(一)推进工业\n新增规上工业企业25家。\n",
                                  encoding="utf-8")
    r = run("build", corpus, "--index", tmp_path / "idx")
    assert r.exit_code == 0 and "indexed 1 document(s)" in r.stdout
    r = run("ask", "今年新增多少规上工业企业？", "--json", "--index", tmp_path / "idx")
    assert json.loads(r.stdout)["answer"] == "25家"


# --- issue 11: every error one line, nothing lost, nothing indexed silently ---

import os
import shutil
import socket
import subprocess
import sys

import pytest

from .conftest import ROOT


def rag_process(*args, timeout=180):
    """The real `rag` entry point in a subprocess (argv as bytes where given), as a user runs it."""
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "rag.cli", *[a if isinstance(a, bytes) else str(a) for a in args]],
                          capture_output=True, cwd=ROOT, env=env, timeout=timeout)


def one_error_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr[-3000:]
    return lines[0]


def test_a_question_that_is_not_utf8_is_a_one_line_error(built_index):
    r = rag_process("ask", b"\xff\xfe", "--index", built_index)
    assert r.returncode == 1
    assert "Unicode" in one_error_line(r.stderr.decode())
    for command in ("ask", "search"):
        r = run(command, "开州\udcff", "--index", built_index)
        assert r.exit_code == 1 and "Unicode" in one_error_line(r.stderr)


def test_serve_on_a_bad_or_busy_port_is_a_one_line_error(tmp_path):
    r = rag_process("serve", "--port", "99999", "--index", tmp_path / "none")
    assert r.returncode != 0
    assert "99999" in one_error_line(r.stderr.decode())
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = rag_process("serve", "--port", port, "--index", tmp_path / "none")
    assert r.returncode != 0
    assert str(port) in one_error_line(r.stderr.decode())


def test_usage_errors_are_one_line():
    r = rag_process("ask")
    assert r.returncode == 2 and "question" in one_error_line(r.stderr.decode()).lower()
    r = rag_process("search", "x", "--bogus")
    assert r.returncode == 2 and "--bogus" in one_error_line(r.stderr.decode())


@pytest.mark.parametrize("damage", ["embedder", "documents", "passages"])
def test_a_damaged_index_is_a_one_line_error(built_index, tmp_path, damage):
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    if damage == "passages":
        with open(index_dir / "passages.jsonl", "a", encoding="utf-8") as fh:
            fh.write("garbage\n")
    else:
        manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
        manifest[damage] = 123 if damage == "embedder" else 5
        (index_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    for args in (("ask", "森林覆盖率是多少？"), ("search", "森林"), ("figures",)):
        r = run(*args, "--index", index_dir)
        assert r.exit_code == 1, (args, r.output)
        assert "rag build" in one_error_line(r.stderr)


def test_build_into_a_directory_that_is_not_an_index_is_refused(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "r.txt").write_text("某区政府工作报告\n三、2026年工作安排\n新增规上工业企业25家。\n", encoding="utf-8")
    target = tmp_path / "d"
    (target / "sub").mkdir(parents=True)
    (target / "notes.txt").write_text("x\n", encoding="utf-8")
    r = run("build", corpus, "--index", target)
    assert r.exit_code == 1 and "not an index" in one_error_line(r.stderr)
    assert (target / "notes.txt").read_text(encoding="utf-8") == "x\n" and (target / "sub").is_dir()


def test_build_warns_about_a_doubtful_file_and_strict_refuses_it(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "r.txt").write_text("某区政府工作报告\n三、2026年工作安排\n新增规上工业企业25家。\n", encoding="utf-8")
    (corpus / "latin.txt").write_bytes("Café résumé, naïve façade.\n".encode("latin-1"))
    r = run("build", corpus, "--index", tmp_path / "strict", "--strict")
    assert r.exit_code == 1 and "latin.txt" in one_error_line(r.stderr)
    assert not (tmp_path / "strict").exists()
    r = run("build", corpus, "--index", tmp_path / "idx")
    assert r.exit_code == 0
    assert any(line.startswith("warning: ") and "latin.txt" in line for line in r.stderr.splitlines())


def test_build_skips_a_symlink_out_of_the_corpus(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "r.txt").write_text("某区政府工作报告\n三、2026年工作安排\n新增规上工业企业25家。\n", encoding="utf-8")
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(secret)
    r = run("build", corpus, "--index", tmp_path / "idx")
    assert r.exit_code == 0 and "indexed 1 document(s)" in r.stdout
    assert any("passwd.txt" in line and "outside the corpus" in line for line in r.stderr.splitlines())
    r = run("search", "root bash", "--json", "--index", tmp_path / "idx")
    assert all("root" not in hit["text"] for hit in json.loads(r.stdout))
